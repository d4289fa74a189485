/* metrics.h - counters and histograms for GET /metrics (Prometheus text
 * format 0.0.4). Lock-free: every update is one or two atomic adds. */
#ifndef LEDE_METRICS_H
#define LEDE_METRICS_H

#include <stddef.h>
#include <stdio.h>

#define METRICS_MAX_ROUTES 16
#define METRICS_FETCH_CODES 8   /* fetch_code values FETCH_OK..FETCH_ERR_NETWORK */

typedef struct metrics metrics;

/* Values sampled by the server when /metrics is rendered. */
typedef struct {
    size_t queue_depth, queue_capacity, workers, busy_workers;
    size_t inflight;
    size_t body_bytes, body_max_bytes; /* request bodies held now / --max-body-total */
    unsigned long long cache_hits, cache_misses, cache_shared, cache_evictions,
        cache_expirations;
    size_t cache_bytes, cache_max_bytes, cache_entries;
    int draining;
} metrics_gauges;

/* route_names: nroutes (<= METRICS_MAX_ROUTES) labels, index = route id. */
metrics *metrics_new(const char *const *route_names, int nroutes);
void metrics_free(metrics *m);

void metrics_request(metrics *m, int route, int status, double seconds);
void metrics_cache_bypass(metrics *m);
void metrics_queue_rejected(metrics *m);
void metrics_body_rejected(metrics *m);
void metrics_rate_limited(metrics *m);
void metrics_fetch(metrics *m, int fetch_code, double seconds);

/* Write the whole exposition to f. */
void metrics_render(metrics *m, FILE *f, const metrics_gauges *g);

#endif
