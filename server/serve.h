/* serve.h - `lede serve`: the libmicrohttpd event loop, the request life
 * cycle and the shared state handlers reach through their request. */
#ifndef LEDE_SERVE_H
#define LEDE_SERVE_H

#include "cache.h"
#include "config.h"
#include "metrics.h"
#include "pool.h"
#include "ratelimit.h"
#include "rcache.h"

struct MHD_Daemon;

/* Process-wide service state: built in serve_main, passed to every
 * callback (no globals). */
typedef struct srv {
    srv_config cfg;
    struct MHD_Daemon *daemon;
    pool *pool;
    cache *cache;
    rcache *rcache;          /* second level shared by replicas; NULL = off */
    metrics *metrics;
    ratelimit *ratelimit;    /* per-client buckets; NULL = no limit */
    int draining;            /* atomic: SIGTERM received */
    long inflight;           /* atomic: requests between start and completion */
    size_t body_bytes;       /* atomic: request body buffers held now (<= max_body_total) */
    double started;          /* monotonic seconds at start */
    unsigned short port;     /* the port actually bound */
    unsigned long long body_key[4]; /* random SipHash keys for body cache keys */
} srv;

/* argv[0] is "serve". Returns the process exit code. */
int serve_main(int argc, char **argv);

/* Monotonic clock, seconds / milliseconds. */
double srv_now(void);
long long srv_now_ms(void);

/* --- asynchronous handling (see http_util.h for http_req) --- */
struct http_req;
/* Run fn(r) on a worker, then send r->reply. Suspends the connection.
 * Returns 0, or -1 when the queue is full: r->reply is then a 503 with
 * Retry-After (and the connection, if it was suspended, is resumed). */
int srv_dispatch(struct http_req *r, void (*fn)(struct http_req *r));
/* Take the connection off the event loop until srv_complete(). */
void srv_suspend(struct http_req *r);
/* From any thread: r->reply is final, send it. */
void srv_complete(struct http_req *r);

#endif
