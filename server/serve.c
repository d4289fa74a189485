/* serve.c - `lede serve`: libmicrohttpd in event-driven mode (one poll()
 * thread) in front of a worker pool.
 *
 * Request life cycle (srv_access, called by MHD on the event thread):
 *   1st call  headers only: route, method (404/405), body limit (413) and
 *             the handler's check (415) answer at once, before any body.
 *   body      chunks are appended (and digested) up to --max-body; beyond
 *             it the rest is discarded and 413 sent at the end.
 *   last call the handler answers at once (health, cache hit...) or hands
 *             the work to a worker: the connection is suspended, the worker
 *             fills r->reply and resumes it, and MHD calls us once more to
 *             queue the reply. A full queue answers 503 + Retry-After now.
 * The completion callback writes the access log line and the metrics.
 *
 * SIGTERM/SIGINT: stop accepting (quiesce), wait for in-flight requests
 * (bounded by --drain-timeout; a second signal cuts it short), stop, exit 0. */
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "fetch.h"
#include "handlers.h"
#include "http_util.h"
#include "lede.h"
#include "serve.h"

#define SRV_RETRY_AFTER "1"               /* seconds: a queue drains in well under that */
#define SRV_DISCARD_FACTOR 4              /* over-limit bodies: read this many limits, then cut */
#define SRV_CONN_MEMORY (64 * 1024)       /* per-connection buffer: headers + upload chunks */
#define SRV_LISTEN_BACKLOG 1024
#define SRV_DRAIN_POLL_MS 20
#define SRV_RATE_KEY_TWEAK 0x5261746531696dULL /* rate-limit hash keys differ from body keys */

double srv_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long long srv_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- asynchronous work --- */

void srv_suspend(http_req *r)
{
    if (r->suspended)
        return;
    r->suspended = 1;
    MHD_suspend_connection(r->conn);
}

void srv_complete(http_req *r)
{
    __atomic_store_n(&r->reply_ready, 1, __ATOMIC_RELEASE);
    MHD_resume_connection(r->conn);
}

static void srv_run_job(void *arg)
{
    http_req *r = arg;
    r->job(r);
    srv_complete(r);
}

int srv_dispatch(http_req *r, void (*fn)(http_req *r))
{
    srv *s = r->srv;
    if (pool_reserve(s->pool) != 0) {
        metrics_queue_rejected(s->metrics);
        http_reply_problem(&r->reply, 503, "overloaded",
                           "all workers are busy and the queue is full; retry shortly", 0);
        http_reply_header(&r->reply, "Retry-After", SRV_RETRY_AFTER);
        if (r->suspended)
            srv_complete(r);
        return -1;
    }
    r->job = fn;
    srv_suspend(r); /* before the job exists: a resume never precedes its suspend */
    pool_submit(s->pool, srv_run_job, r);
    return 0;
}

/* --- replies to MHD --- */

static void srv_entry_free(void *cls)
{
    cache_entry_unref(cls);
}

static enum MHD_Result srv_send(http_req *r)
{
    srv *s = r->srv;
    http_reply *rep = &r->reply;
    if (rep->status == 0)
        http_reply_problem(rep, 500, "internal", "no reply was produced", 0);
    struct MHD_Response *resp;
    if (rep->entry && rep->body) {
        resp = MHD_create_response_from_buffer_with_free_callback_cls(rep->len, rep->body,
                                                                      srv_entry_free, rep->entry);
        if (resp)
            rep->entry = NULL; /* the response holds the reference now */
        rep->body = NULL;
    } else if (rep->body && !rep->entry) {
        resp = MHD_create_response_from_buffer(rep->len, rep->body, MHD_RESPMEM_MUST_FREE);
        if (resp)
            rep->body = NULL;
    } else {
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    if (!resp)
        return MHD_NO;
    if (rep->content_type[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, rep->content_type);
    for (int i = 0; i < rep->nheaders; i++)
        MHD_add_response_header(resp, rep->headers[i].name, rep->headers[i].value);
    if (__atomic_load_n(&s->draining, __ATOMIC_ACQUIRE))
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    r->logged_status = rep->status;
    r->logged_bytes = rep->len;
    if (rep->status == 304)
        r->logged_bytes = 0;
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)rep->status, resp);
    MHD_destroy_response(resp);
    http_reply_reset(rep);
    r->replied = 1;
    return ret;
}

static enum MHD_Result srv_problem_now(http_req *r, int status, const char *slug,
                                       const char *detail)
{
    http_reply_problem(&r->reply, status, slug, detail, 0);
    return srv_send(r);
}

/* 503 + Retry-After: request bodies already fill --max-body-total. */
static enum MHD_Result srv_busy_now(http_req *r)
{
    metrics_body_rejected(r->srv->metrics);
    http_reply_problem(&r->reply, 503, "overloaded",
                       "request bodies in memory are at the server's limit; retry shortly", 0);
    http_reply_header(&r->reply, "Retry-After", SRV_RETRY_AFTER);
    return srv_send(r);
}

static unsigned srv_method(const char *m)
{
    if (!strcmp(m, MHD_HTTP_METHOD_GET))
        return HTTP_GET;
    if (!strcmp(m, MHD_HTTP_METHOD_HEAD))
        return HTTP_HEAD;
    if (!strcmp(m, MHD_HTTP_METHOD_POST))
        return HTTP_POST;
    return 0;
}

static http_req *srv_req_new(srv *s, struct MHD_Connection *conn, const char *url,
                             const char *method)
{
    http_req *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->conn = conn;
    r->srv = s;
    r->t_start = srv_now();
    r->method = srv_method(method);
    snprintf(r->method_name, sizeof r->method_name, "%s", method);
    r->path = strdup(url ? url : "");
    r->route = handler_find(url ? url : "");
    __atomic_add_fetch(&s->inflight, 1, __ATOMIC_ACQ_REL);
    return r;
}

static void srv_req_free(http_req *r)
{
    http_reply_reset(&r->reply);
    if (r->data_free)
        r->data_free(r->data);
    free(r->cache_key);
    if (r->body_cap)
        __atomic_sub_fetch(&r->srv->body_bytes, r->body_cap, __ATOMIC_ACQ_REL);
    free(r->body);
    free(r->path);
    free(r);
}

/* Headers are in: answer what can be answered before reading a body. */
static enum MHD_Result srv_first_call(http_req *r)
{
    srv *s = r->srv;
    if (r->route < 0 || !handler_routes[r->route].handle)
        return srv_problem_now(r, 404, "not-found", "no such endpoint");
    const handler_route *rt = &handler_routes[r->route];
    if (!(rt->methods & r->method)) {
        char allow[64], detail[128];
        handler_allow(rt->methods, allow, sizeof allow);
        snprintf(detail, sizeof detail, "%s supports %s", rt->path, allow);
        http_reply_problem(&r->reply, 405, "method-not-allowed", detail, 0);
        http_reply_header(&r->reply, MHD_HTTP_HEADER_ALLOW, allow);
        return srv_send(r);
    }
    if (s->ratelimit && rt->rate_limited) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        double wait;
        if (!ratelimit_take(s->ratelimit, ci ? ci->client_addr : NULL, srv_now(), &wait)) {
            char detail[128], retry[32];
            long secs = (long)ceil(wait);
            if (secs < 1)
                secs = 1;
            snprintf(detail, sizeof detail,
                     "over %g requests per second from this address; retry in %ld s",
                     s->cfg.rate_limit, secs);
            snprintf(retry, sizeof retry, "%ld", secs);
            metrics_rate_limited(s->metrics);
            http_reply_problem(&r->reply, 429, "rate-limited", detail, 0);
            http_reply_header(&r->reply, MHD_HTTP_HEADER_RETRY_AFTER, retry);
            return srv_send(r);
        }
    }
    const char *inm = http_header_get(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (inm && (r->method == HTTP_GET || r->method == HTTP_HEAD)) {
        snprintf(r->if_none_match, sizeof r->if_none_match, "%s", inm);
        r->not_modified_ok = 1;
    }
    if (rt->reads_body) {
        const char *cl = http_header_get(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || end == cl || n > s->cfg.max_body) {
                char detail[128];
                snprintf(detail, sizeof detail, "the body is over the %zu-byte limit",
                         s->cfg.max_body);
                return srv_problem_now(r, 413, "body-too-large", detail);
            }
            /* a declared body that cannot fit now is refused before it is sent */
            size_t held = __atomic_load_n(&s->body_bytes, __ATOMIC_ACQUIRE);
            if (held >= s->cfg.max_body_total || n > s->cfg.max_body_total - held)
                return srv_busy_now(r);
        }
    }
    /* any route may get a body; only some use its hash */
    siphash_init(&r->body_hash[0], s->body_key[0], s->body_key[1]);
    siphash_init(&r->body_hash[1], s->body_key[2], s->body_key[3]);
    if (rt->check && rt->check(r) == HANDLER_DONE)
        return srv_send(r);
    /* Even a GET is handled on the next call: a reply queued before MHD
     * has seen the end of the request makes it close the connection. */
    return MHD_YES;
}

/* Take n bytes from the server-wide body budget; 0, or -1 when it is full. */
static int srv_body_reserve(srv *s, size_t n)
{
    size_t now = __atomic_add_fetch(&s->body_bytes, n, __ATOMIC_ACQ_REL);
    if (now <= s->cfg.max_body_total)
        return 0;
    __atomic_sub_fetch(&s->body_bytes, n, __ATOMIC_ACQ_REL);
    return -1;
}

static int srv_append_body(http_req *r, const char *data, size_t n)
{
    srv *s = r->srv;
    size_t max = s->cfg.max_body;
    if (r->body_too_large || r->body_over_total || r->body_len + n > max) {
        if (!r->body_over_total)
            r->body_too_large = 1;
        r->body_discarded += n;
        return r->body_discarded > max * SRV_DISCARD_FACTOR + SRV_CONN_MEMORY ? -1 : 0;
    }
    if (r->body_len + n + 1 > r->body_cap) {
        size_t cap = r->body_cap ? r->body_cap : 16384;
        while (cap < r->body_len + n + 1)
            cap *= 2;
        /* the buffer's growth is what the budget counts (freed with r) */
        if (srv_body_reserve(s, cap - r->body_cap)) {
            r->body_over_total = 1;
            r->body_discarded += n;
            return 0;
        }
        char *nb = realloc(r->body, cap);
        if (!nb) {
            __atomic_sub_fetch(&s->body_bytes, cap - r->body_cap, __ATOMIC_ACQ_REL);
            return -1;
        }
        r->body = nb;
        r->body_cap = cap;
    }
    memcpy(r->body + r->body_len, data, n);
    r->body_len += n;
    r->body[r->body_len] = 0;
    siphash_update(&r->body_hash[0], data, n);
    siphash_update(&r->body_hash[1], data, n);
    return 0;
}

static enum MHD_Result srv_access(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    srv *s = cls;
    http_req *r = *con_cls;
    if (!r) {
        r = srv_req_new(s, conn, url, method);
        if (!r)
            return MHD_NO;
        *con_cls = r;
        return srv_first_call(r);
    }
    if (r->replied)
        return MHD_YES;
    if (__atomic_load_n(&r->reply_ready, __ATOMIC_ACQUIRE)) {
        r->suspended = 0;
        return srv_send(r);
    }
    if (*upload_data_size) {
        if (srv_append_body(r, upload_data, *upload_data_size))
            return MHD_NO; /* out of memory, or a client pushing far past the limit */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->body_too_large) {
        char detail[128];
        snprintf(detail, sizeof detail, "the body is over the %zu-byte limit", s->cfg.max_body);
        return srv_problem_now(r, 413, "body-too-large", detail);
    }
    if (r->body_over_total)
        return srv_busy_now(r);
    handler_status st = handler_routes[r->route].handle(r);
    if (st == HANDLER_ASYNC)
        return MHD_YES;
    return srv_send(r);
}

static void srv_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                          enum MHD_RequestTerminationCode toe)
{
    srv *s = cls;
    http_req *r = *con_cls;
    if (!r)
        return;
    *con_cls = NULL;
    double dt = srv_now() - r->t_start;
    int label = r->route >= 0 ? r->route : handler_nlabels - 1;
    metrics_request(s->metrics, label, r->logged_status, dt);
    if (!s->cfg.quiet) {
        char remote[INET6_ADDRSTRLEN] = "";
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ci && ci->client_addr) {
            const struct sockaddr *sa = ci->client_addr;
            if (sa->sa_family == AF_INET)
                inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, remote,
                          sizeof remote);
            else if (sa->sa_family == AF_INET6)
                inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, remote,
                          sizeof remote);
        }
        http_access_log(r, dt, remote);
    }
    srv_req_free(r);
    __atomic_sub_fetch(&s->inflight, 1, __ATOMIC_ACQ_REL);
}

static void srv_log(const char *event, const char *fmt_json_tail)
{
    fprintf(stderr, "{\"event\":\"%s\"%s%s}\n", event, fmt_json_tail ? "," : "",
            fmt_json_tail ? fmt_json_tail : "");
}

/* Start MHD on the configured address. */
static struct MHD_Daemon *srv_start(srv *s, char *err, size_t errlen)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    /* poll(), not epoll: with libmicrohttpd 0.9.75's edge-triggered epoll, a
     * client that sends part of a request and hangs up (its data and FIN
     * arriving together) is not seen to close, and its connection holds a
     * slot and a descriptor until --idle-timeout; with poll() it is closed
     * at once (tests/server: aborted_requests_free_their_slots; `make
     * soak`). One poll() over at most --max-connections descriptors per
     * event is cheap next to an extraction. */
    unsigned int flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME |
                         MHD_USE_ERROR_LOG;
    if (strchr(s->cfg.bind, ':')) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((unsigned short)s->cfg.port);
        if (inet_pton(AF_INET6, s->cfg.bind, &a6->sin6_addr) != 1)
            goto bad_addr;
        flags |= MHD_USE_IPv6;
    } else {
        struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
        a4->sin_family = AF_INET;
        a4->sin_port = htons((unsigned short)s->cfg.port);
        if (inet_pton(AF_INET, s->cfg.bind, &a4->sin_addr) != 1)
            goto bad_addr;
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)s->cfg.port, NULL, NULL, srv_access, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_NOTIFY_COMPLETED, srv_completed, s,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)s->cfg.idle_timeout,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)s->cfg.max_connections,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SRV_CONN_MEMORY,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)SRV_LISTEN_BACKLOG,
        MHD_OPTION_END);
    if (!d)
        snprintf(err, errlen, "cannot listen on %s:%d (%s)", s->cfg.bind, s->cfg.port,
                 strerror(errno));
    return d;
bad_addr:
    snprintf(err, errlen, "--bind: '%s' is not an IPv4 or IPv6 address", s->cfg.bind);
    return NULL;
}

/* Wait for in-flight requests after quiescing; 0 when all finished, -1 at
 * the deadline or on a second SIGTERM/SIGINT (the operator insists). */
static int srv_drain(srv *s, const sigset_t *sigs)
{
    double deadline = srv_now() + s->cfg.drain_timeout;
    while (__atomic_load_n(&s->inflight, __ATOMIC_ACQUIRE) > 0) {
        if (srv_now() >= deadline)
            return -1;
        struct timespec ts = {0, SRV_DRAIN_POLL_MS * 1000000L};
        if (sigtimedwait(sigs, NULL, &ts) > 0)
            return -1;
    }
    return 0;
}

int serve_main(int argc, char **argv)
{
    srv *s = calloc(1, sizeof *s);
    if (!s)
        return 1;
    char err[256] = "";
    int rc = config_load(&s->cfg, argc, argv, err, sizeof err);
    if (rc != 0) {
        if (rc < 0)
            fprintf(stderr, "lede serve: %s\n(see lede serve --help)\n", err);
        free(s);
        return rc < 0 ? 2 : 0;
    }

    /* Signals are taken synchronously by the main thread (sigwait); every
     * thread created from here on inherits the mask. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (getrandom(s->body_key, sizeof s->body_key, 0) != (ssize_t)sizeof s->body_key) {
        /* no entropy source: still unpredictable enough per process for
         * cache keys (not for secrets) */
        unsigned long long seed = (unsigned long long)time(NULL) ^ (unsigned long long)getpid() << 32 ^
                                  (unsigned long long)(uintptr_t)s;
        for (int i = 0; i < 4; i++)
            s->body_key[i] = seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    }
    lede_global_init();
    fetch_global_init();
    s->started = srv_now();
    s->metrics = metrics_new(handler_labels, handler_nlabels);
    s->cache = cache_new(s->cfg.cache_size, (long long)s->cfg.cache_ttl * 1000);
    s->pool = pool_new(s->cfg.threads, s->cfg.queue);
    if (s->cfg.rate_limit > 0)
        s->ratelimit = ratelimit_new(s->cfg.rate_limit, s->cfg.rate_burst, CONFIG_RATE_SLOTS,
                                     s->body_key[0] ^ SRV_RATE_KEY_TWEAK,
                                     s->body_key[1] ^ SRV_RATE_KEY_TWEAK);
    if (!s->metrics || !s->cache || !s->pool || (s->cfg.rate_limit > 0 && !s->ratelimit)) {
        fprintf(stderr, "lede serve: out of memory at start\n");
        return 1;
    }
    if (s->cfg.redis_url[0]) {
        /* one idle connection per worker: only workers talk to Redis */
        s->rcache = rcache_new(s->cfg.redis_url, s->cfg.threads, s->cfg.redis_timeout_ms,
                               s->cfg.redis_max_value, (long long)s->cfg.cache_ttl * 1000, err,
                               sizeof err);
        if (!s->rcache) {
            fprintf(stderr, "lede serve: %s\n", err);
            pool_free(s->pool);
            cache_free(s->cache);
            metrics_free(s->metrics);
            ratelimit_free(s->ratelimit);
            free(s);
            return 2;
        }
    }
    s->daemon = srv_start(s, err, sizeof err);
    if (!s->daemon) {
        fprintf(stderr, "lede serve: %s\n", err);
        pool_free(s->pool);
        rcache_free(s->rcache);
        cache_free(s->cache);
        metrics_free(s->metrics);
        ratelimit_free(s->ratelimit);
        free(s);
        return 1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : (unsigned short)s->cfg.port;
    char tail[256];
    snprintf(tail, sizeof tail,
             "\"bind\":\"%s\",\"port\":%u,\"threads\":%d,\"queue\":%d,\"version\":\"%s\"",
             s->cfg.bind, s->port, pool_threads(s->pool), s->cfg.queue, LEDE_VERSION);
    srv_log("listening", tail);
    if (s->rcache) {
        char rtail[640]; /* room for the longest URL rcache shows */
        snprintf(rtail, sizeof rtail, "\"url\":\"%s\",\"timeout_ms\":%ld",
                 rcache_describe(s->rcache), s->cfg.redis_timeout_ms);
        srv_log("redis", rtail);
    }

    int sig = 0;
    while (sigwait(&sigs, &sig) != 0 || (sig != SIGTERM && sig != SIGINT))
        ;
    __atomic_store_n(&s->draining, 1, __ATOMIC_RELEASE);
    snprintf(tail, sizeof tail, "\"signal\":\"%s\",\"inflight\":%ld",
             sig == SIGTERM ? "SIGTERM" : "SIGINT", __atomic_load_n(&s->inflight, __ATOMIC_ACQUIRE));
    srv_log("draining", tail);
    /* The listening socket stays open until MHD_stop_daemon (MHD's thread
     * may still touch it; closing would free its number for reuse), but
     * shutdown() stops it listening: new clients are refused at once
     * instead of waiting in the backlog. */
    MHD_socket lsock = MHD_quiesce_daemon(s->daemon);
    if (lsock != MHD_INVALID_SOCKET)
        shutdown(lsock, SHUT_RDWR);
    if (srv_drain(s, &sigs) != 0) {
        snprintf(tail, sizeof tail, "\"inflight\":%ld",
                 __atomic_load_n(&s->inflight, __ATOMIC_ACQUIRE));
        srv_log("drain-cut-short", tail);
        /* Suspended connections cannot be stopped safely; the process ends
         * here without unwinding the workers still running. */
        fflush(NULL);
        _exit(0);
    }
    MHD_stop_daemon(s->daemon);
    if (lsock != MHD_INVALID_SOCKET)
        close(lsock);
    pool_free(s->pool);
    rcache_free(s->rcache);
    cache_free(s->cache);
    metrics_free(s->metrics);
    ratelimit_free(s->ratelimit);
    srv_log("stopped", NULL);
    free(s);
    return 0;
}
