/* health.c - GET /healthz (liveness: the process answers) and GET /readyz
 * (readiness: not draining and the work queue not full, so a load
 * balancer stops sending traffic before requests would get 503). */
#include <stdio.h>

#include "handlers.h"

handler_status handle_healthz(http_req *r)
{
    static const char body[] = "{\"status\":\"ok\"}\n";
    http_reply_set(&r->reply, 200, "application/json", body, sizeof body - 1);
    http_reply_header(&r->reply, "Cache-Control", "no-store");
    return HANDLER_DONE;
}

handler_status handle_readyz(http_req *r)
{
    srv *s = r->srv;
    const char *why = NULL;
    if (__atomic_load_n(&s->draining, __ATOMIC_ACQUIRE))
        why = "draining";
    else if (pool_depth(s->pool) >= (size_t)pool_capacity(s->pool))
        why = "queue full";
    if (why) {
        http_reply_problem(&r->reply, 503, "not-ready", why, 0);
        http_reply_header(&r->reply, "Retry-After", "1");
    } else {
        char body[128];
        int n = snprintf(body, sizeof body,
                         "{\"status\":\"ready\",\"queue_depth\":%zu,\"queue_capacity\":%d}\n",
                         pool_depth(s->pool), pool_capacity(s->pool));
        http_reply_set(&r->reply, 200, "application/json", body, (size_t)n);
    }
    http_reply_header(&r->reply, "Cache-Control", "no-store");
    return HANDLER_DONE;
}
