/* metrics.c - Prometheus counters for the service.
 *
 * Request counts are a dense [route][status] table of atomics (statuses
 * 100..599), so recording a request never takes a lock or allocates; the
 * renderer skips zero cells. Latency histograms use fixed buckets chosen for
 * extraction work (1 ms .. 10 s). Every metric name starts with lede_. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "metrics.h"

#define METRICS_STATUS_MIN 100
#define METRICS_STATUS_N 500

/* Upper bounds in seconds: cache hits sit in the first buckets, fetches
 * and big pages in the last ones. */
static const double metrics_buckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                         0.25,  0.5,    1,     2.5,  5,     10};
#define METRICS_NBUCKETS (sizeof metrics_buckets / sizeof metrics_buckets[0])

typedef struct {
    atomic_ullong bucket[METRICS_NBUCKETS + 1]; /* last = +Inf */
    atomic_ullong count;
    atomic_ullong sum_us;
} metrics_hist;

struct metrics {
    const char *const *routes;
    int nroutes;
    atomic_ullong req[METRICS_MAX_ROUTES][METRICS_STATUS_N];
    metrics_hist lat[METRICS_MAX_ROUTES];
    atomic_ullong fetch[METRICS_FETCH_CODES];
    metrics_hist fetch_lat;
    atomic_ullong cache_bypass;
    atomic_ullong queue_rejected;
    atomic_ullong body_rejected;
    atomic_ullong rate_limited;
};

metrics *metrics_new(const char *const *route_names, int nroutes)
{
    metrics *m = calloc(1, sizeof *m); /* zero is a valid atomic value */
    if (!m)
        return NULL;
    m->routes = route_names;
    m->nroutes = nroutes > METRICS_MAX_ROUTES ? METRICS_MAX_ROUTES : nroutes;
    return m;
}

void metrics_free(metrics *m) { free(m); }

static void hist_observe(metrics_hist *h, double s)
{
    size_t i = 0;
    while (i < METRICS_NBUCKETS && s > metrics_buckets[i])
        i++;
    atomic_fetch_add_explicit(&h->bucket[i], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&h->count, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&h->sum_us, (unsigned long long)(s * 1e6), memory_order_relaxed);
}

void metrics_request(metrics *m, int route, int status, double seconds)
{
    if (route < 0 || route >= m->nroutes)
        return;
    int si = status - METRICS_STATUS_MIN;
    if (si >= 0 && si < METRICS_STATUS_N)
        atomic_fetch_add_explicit(&m->req[route][si], 1, memory_order_relaxed);
    hist_observe(&m->lat[route], seconds);
}

void metrics_cache_bypass(metrics *m)
{
    atomic_fetch_add_explicit(&m->cache_bypass, 1, memory_order_relaxed);
}

void metrics_rate_limited(metrics *m)
{
    atomic_fetch_add_explicit(&m->rate_limited, 1, memory_order_relaxed);
}

void metrics_queue_rejected(metrics *m)
{
    atomic_fetch_add_explicit(&m->queue_rejected, 1, memory_order_relaxed);
}

void metrics_body_rejected(metrics *m)
{
    atomic_fetch_add_explicit(&m->body_rejected, 1, memory_order_relaxed);
}

void metrics_fetch(metrics *m, int code, double seconds)
{
    if (code >= 0 && code < METRICS_FETCH_CODES)
        atomic_fetch_add_explicit(&m->fetch[code], 1, memory_order_relaxed);
    hist_observe(&m->fetch_lat, seconds);
}

static void hist_render(FILE *f, const char *name, const char *label, metrics_hist *h)
{
    unsigned long long cum = 0;
    const char *sep = *label ? "," : "";
    for (size_t i = 0; i <= METRICS_NBUCKETS; i++) {
        cum += atomic_load_explicit(&h->bucket[i], memory_order_relaxed);
        if (i < METRICS_NBUCKETS)
            fprintf(f, "%s_bucket{%s%sle=\"%g\"} %llu\n", name, label, sep, metrics_buckets[i], cum);
        else
            fprintf(f, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", name, label, sep, cum);
    }
    fprintf(f, "%s_sum%s%s%s %.6f\n", name, *label ? "{" : "", label, *label ? "}" : "",
            (double)atomic_load_explicit(&h->sum_us, memory_order_relaxed) / 1e6);
    fprintf(f, "%s_count%s%s%s %llu\n", name, *label ? "{" : "", label, *label ? "}" : "",
            atomic_load_explicit(&h->count, memory_order_relaxed));
}

static void head(FILE *f, const char *name, const char *type, const char *help)
{
    fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void metrics_render(metrics *m, FILE *f, const metrics_gauges *g)
{
    head(f, "lede_http_requests_total", "counter", "HTTP requests by route and status.");
    for (int r = 0; r < m->nroutes; r++)
        for (int s = 0; s < METRICS_STATUS_N; s++) {
            unsigned long long v = atomic_load_explicit(&m->req[r][s], memory_order_relaxed);
            if (v)
                fprintf(f, "lede_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                        m->routes[r], s + METRICS_STATUS_MIN, v);
        }
    head(f, "lede_http_request_duration_seconds", "histogram",
         "Time from request start to response queued, by route.");
    for (int r = 0; r < m->nroutes; r++) {
        char label[64];
        snprintf(label, sizeof label, "route=\"%s\"", m->routes[r]);
        hist_render(f, "lede_http_request_duration_seconds", label, &m->lat[r]);
    }
    head(f, "lede_http_inflight_requests", "gauge", "Requests being handled.");
    fprintf(f, "lede_http_inflight_requests %zu\n", g->inflight);
    head(f, "lede_draining", "gauge", "1 after SIGTERM while in-flight requests finish.");
    fprintf(f, "lede_draining %d\n", g->draining);

    head(f, "lede_queue_depth", "gauge", "Jobs waiting for a worker.");
    fprintf(f, "lede_queue_depth %zu\n", g->queue_depth);
    head(f, "lede_queue_capacity", "gauge", "Queue length beyond which requests get 503.");
    fprintf(f, "lede_queue_capacity %zu\n", g->queue_capacity);
    head(f, "lede_queue_rejected_total", "counter", "Requests answered 503 because the queue was full.");
    fprintf(f, "lede_queue_rejected_total %llu\n",
            atomic_load_explicit(&m->queue_rejected, memory_order_relaxed));
    head(f, "lede_request_body_bytes", "gauge", "Bytes of request bodies held in memory now.");
    fprintf(f, "lede_request_body_bytes %zu\n", g->body_bytes);
    head(f, "lede_request_body_max_bytes", "gauge", "--max-body-total: the limit of the line above.");
    fprintf(f, "lede_request_body_max_bytes %zu\n", g->body_max_bytes);
    head(f, "lede_body_rejected_total", "counter",
         "Requests answered 503 because request bodies filled --max-body-total.");
    fprintf(f, "lede_body_rejected_total %llu\n",
            atomic_load_explicit(&m->body_rejected, memory_order_relaxed));
    head(f, "lede_rate_limited_total", "counter",
         "Requests answered 429 because their client was over --rate-limit.");
    fprintf(f, "lede_rate_limited_total %llu\n",
            atomic_load_explicit(&m->rate_limited, memory_order_relaxed));
    head(f, "lede_workers", "gauge", "Worker threads.");
    fprintf(f, "lede_workers %zu\n", g->workers);
    head(f, "lede_workers_busy", "gauge", "Worker threads running a job.");
    fprintf(f, "lede_workers_busy %zu\n", g->busy_workers);

    head(f, "lede_cache_hits_total", "counter", "Results served from the cache.");
    fprintf(f, "lede_cache_hits_total %llu\n", g->cache_hits);
    head(f, "lede_cache_misses_total", "counter", "Lookups that found no fresh result.");
    fprintf(f, "lede_cache_misses_total %llu\n", g->cache_misses);
    head(f, "lede_cache_shared_total", "counter",
         "Misses that waited for an identical in-flight request instead of computing.");
    fprintf(f, "lede_cache_shared_total %llu\n", g->cache_shared);
    head(f, "lede_cache_bypass_total", "counter", "Requests with Cache-Control: no-cache.");
    fprintf(f, "lede_cache_bypass_total %llu\n",
            atomic_load_explicit(&m->cache_bypass, memory_order_relaxed));
    head(f, "lede_cache_evictions_total", "counter", "Entries evicted to stay under the size limit.");
    fprintf(f, "lede_cache_evictions_total %llu\n", g->cache_evictions);
    head(f, "lede_cache_expirations_total", "counter", "Entries dropped after their TTL.");
    fprintf(f, "lede_cache_expirations_total %llu\n", g->cache_expirations);
    head(f, "lede_cache_bytes", "gauge", "Bytes held by the cache.");
    fprintf(f, "lede_cache_bytes %zu\n", g->cache_bytes);
    head(f, "lede_cache_max_bytes", "gauge", "Cache size limit.");
    fprintf(f, "lede_cache_max_bytes %zu\n", g->cache_max_bytes);
    head(f, "lede_cache_entries", "gauge", "Entries in the cache.");
    fprintf(f, "lede_cache_entries %zu\n", g->cache_entries);

    head(f, "lede_fetch_total", "counter", "Upstream fetches by outcome.");
    for (int c = 0; c < METRICS_FETCH_CODES; c++)
        fprintf(f, "lede_fetch_total{outcome=\"%s\"} %llu\n", fetch_code_name((fetch_code)c),
                atomic_load_explicit(&m->fetch[c], memory_order_relaxed));
    head(f, "lede_fetch_duration_seconds", "histogram", "Upstream fetch time.");
    hist_render(f, "lede_fetch_duration_seconds", "", &m->fetch_lat);
}
