/* metrics.c (handler) - GET /metrics: Prometheus text exposition of the
 * counters in server/metrics.c plus gauges sampled now (queue, cache),
 * then the Redis second-level counters of server/rcache.c. */
#include <stdio.h>
#include <stdlib.h>

#include "handlers.h"

handler_status handle_metrics(http_req *r)
{
    srv *s = r->srv;
    metrics_gauges g = {0};
    cache_stats cs;
    cache_get_stats(s->cache, &cs);
    g.queue_depth = pool_depth(s->pool);
    g.queue_capacity = (size_t)pool_capacity(s->pool);
    g.workers = (size_t)pool_threads(s->pool);
    g.busy_workers = pool_running(s->pool);
    g.inflight = (size_t)__atomic_load_n(&s->inflight, __ATOMIC_ACQUIRE);
    g.draining = __atomic_load_n(&s->draining, __ATOMIC_ACQUIRE);
    g.body_bytes = __atomic_load_n(&s->body_bytes, __ATOMIC_ACQUIRE);
    g.body_max_bytes = s->cfg.max_body_total;
    g.cache_hits = cs.hits;
    g.cache_misses = cs.misses;
    g.cache_shared = cs.shared;
    g.cache_evictions = cs.evictions;
    g.cache_expirations = cs.expirations;
    g.cache_bytes = cs.bytes;
    g.cache_max_bytes = cs.max_bytes;
    g.cache_entries = cs.entries;

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        http_reply_problem(&r->reply, 500, "internal", "out of memory", 0);
        return HANDLER_DONE;
    }
    metrics_render(s->metrics, f, &g);
    rcache_render_metrics(s->rcache, f);
    fclose(f);
    http_reply_take(&r->reply, 200, "text/plain; version=0.0.4; charset=utf-8", buf, len);
    http_reply_header(&r->reply, "Cache-Control", "no-store");
    return HANDLER_DONE;
}
