/* rcache.c - second-level result cache in Redis, shared by replicas.
 *
 * Why here and shaped like this: the event loop must never wait on the
 * network, so only workers talk to Redis, over plain blocking hiredis
 * connections with SO_RCVTIMEO/SO_SNDTIMEO set to --redis-timeout. Idle
 * connections wait on a small mutex-protected stack; a worker pops one
 * (or connects), runs one command, and pushes it back. An idle connection
 * found closed (Redis restarted) is replaced and the command retried once.
 * Otherwise a connection that saw an I/O error or a timeout is closed (its
 * reply stream may be out of step), and Redis is then considered down:
 * every idle connection is dropped and calls are skipped at once until a
 * backoff delay (100 ms, doubling to 2 s) has passed; the next call then
 * tries to reconnect.
 * Outcomes are counted for /metrics; state changes are logged once.
 *
 * Value format (binary safe, one GET returns everything):
 *   "LEDE1 <created unix ms> <etag>\n<content type>\n<body>"
 * The ETag is recomputed on read and must match: a damaged or foreign
 * value is an error, never an answer.
 *
 * Known limits: the host name is resolved by getaddrinfo on each connect,
 * which the timeout does not bound (use a Service name with a working DNS,
 * or an address); there is no TLS (hiredis 0.14 has none). */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include <hiredis.h>

#include "rcache.h"

#define RCACHE_DEFAULT_PORT 6379
#define RCACHE_BACKOFF_MIN_MS 100   /* first retry soon: a restart takes about that */
#define RCACHE_BACKOFF_MAX_MS 2000  /* a dead Redis costs one failed try per 2 s at most */
#define RCACHE_MAX_IDLE 256         /* cap on pooled connections whatever the worker count */
#define RCACHE_MAGIC "LEDE1 "
#define RCACHE_MIN_TTL_MS 1000      /* SET with less left than this is not worth a round trip */

typedef enum { RC_DOWN = 0, RC_UP = 1, RC_UNKNOWN = 2 } rcache_state;

struct rcache {
    char host[256];
    int port;
    int db;
    char user[128];
    char password[256];
    char shown[512];        /* URL without the password */
    struct timeval timeout;
    size_t max_value;
    long long ttl_ms;

    pthread_mutex_t mu;     /* guards idle, down_until_ms, backoff_ms, state */
    redisContext **idle;
    int nidle, max_idle;
    long long down_until_ms;
    long long backoff_ms;
    rcache_state state;

    atomic_ullong hits, misses, errors, skipped, stores, too_large;
};

/* --- URL --- */

static int rcache_parse_url(rcache *rc, const char *url, char *err, size_t errlen)
{
    static const char scheme[] = "redis://";
    if (strncmp(url, scheme, sizeof scheme - 1)) {
        snprintf(err, errlen, "--redis: '%.64s' is not a redis://host[:port][/db] URL", url);
        return -1;
    }
    const char *p = url + sizeof scheme - 1;
    const char *at = strrchr(p, '@');
    if (at) {
        const char *colon = memchr(p, ':', (size_t)(at - p));
        const char *pw = colon ? colon + 1 : p;
        size_t ulen = colon ? (size_t)(colon - p) : 0;
        size_t plen = (size_t)(at - pw);
        if (ulen >= sizeof rc->user || plen >= sizeof rc->password)
            goto bad;
        memcpy(rc->user, p, ulen);
        rc->user[ulen] = 0;
        memcpy(rc->password, pw, plen);
        rc->password[plen] = 0;
        p = at + 1;
    }
    const char *hend;
    if (*p == '[') { /* [IPv6]:port */
        hend = strchr(p, ']');
        if (!hend)
            goto bad;
        p++;
    } else {
        hend = p + strcspn(p, ":/");
    }
    size_t hlen = (size_t)(hend - p);
    if (hlen == 0 || hlen >= sizeof rc->host)
        goto bad;
    memcpy(rc->host, p, hlen);
    rc->host[hlen] = 0;
    if (strspn(rc->host, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_:%") !=
        hlen)
        goto bad; /* a host name or address, nothing a log line would need escaped */
    p = hend + (*hend == ']');
    rc->port = RCACHE_DEFAULT_PORT;
    char *end;
    if (*p == ':') {
        errno = 0;
        long v = strtol(p + 1, &end, 10);
        if (end == p + 1 || errno || v < 1 || v > 65535 || (*end && *end != '/'))
            goto bad;
        rc->port = (int)v;
        p = end;
    }
    rc->db = 0;
    if (*p == '/' && p[1]) {
        errno = 0;
        long v = strtol(p + 1, &end, 10);
        if (end == p + 1 || errno || v < 0 || v > 1000000 || *end)
            goto bad;
        rc->db = (int)v;
    } else if (*p && strcmp(p, "/")) {
        goto bad;
    }
    int v6 = strchr(rc->host, ':') != NULL;
    snprintf(rc->shown, sizeof rc->shown, "redis://%s%s%s%s%s%s:%d/%d", rc->user,
             rc->password[0] ? ":***" : "", at ? "@" : "", v6 ? "[" : "", rc->host, v6 ? "]" : "",
             rc->port, rc->db);
    return 0;
bad:
    snprintf(err, errlen, "--redis: cannot read '%.64s' (expected redis://[[user]:password@]host[:port][/db])",
             url);
    return -1;
}

rcache *rcache_new(const char *url, int max_idle, long timeout_ms, size_t max_value,
                   long long ttl_ms, char *err, size_t errlen)
{
    rcache *rc = calloc(1, sizeof *rc);
    if (!rc) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (rcache_parse_url(rc, url, err, errlen)) {
        free(rc);
        return NULL;
    }
    if (max_idle < 1)
        max_idle = 1;
    if (max_idle > RCACHE_MAX_IDLE)
        max_idle = RCACHE_MAX_IDLE;
    rc->idle = calloc((size_t)max_idle, sizeof *rc->idle);
    if (!rc->idle) {
        free(rc);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    rc->max_idle = max_idle;
    rc->timeout.tv_sec = timeout_ms / 1000;
    rc->timeout.tv_usec = (timeout_ms % 1000) * 1000;
    rc->max_value = max_value;
    rc->ttl_ms = ttl_ms;
    rc->state = RC_UNKNOWN;
    pthread_mutex_init(&rc->mu, NULL);
    return rc;
}

void rcache_free(rcache *rc)
{
    if (!rc)
        return;
    for (int i = 0; i < rc->nidle; i++)
        redisFree(rc->idle[i]);
    free(rc->idle);
    pthread_mutex_destroy(&rc->mu);
    free(rc);
}

const char *rcache_describe(const rcache *rc)
{
    return rc->shown;
}

/* --- connections --- */

static long long rcache_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void rcache_log(const char *event, const char *shown, const char *why)
{
    /* why comes from hiredis/strerror: plain ASCII without quotes */
    fprintf(stderr, "{\"event\":\"%s\",\"url\":\"%s\"%s%s%s}\n", event, shown,
            why ? ",\"error\":\"" : "", why ? why : "", why ? "\"" : "");
}

/* Redis answered: end any backoff. */
static void rcache_mark_up(rcache *rc)
{
    pthread_mutex_lock(&rc->mu);
    rcache_state was = rc->state;
    rc->state = RC_UP;
    rc->backoff_ms = 0;
    rc->down_until_ms = 0;
    pthread_mutex_unlock(&rc->mu);
    if (was == RC_DOWN)
        rcache_log("redis-up", rc->shown, NULL);
}

/* Close every idle connection (they point at the same dead or restarted
 * server). */
static void rcache_drop_idle(rcache *rc)
{
    redisContext *drop[RCACHE_MAX_IDLE];
    pthread_mutex_lock(&rc->mu);
    int n = rc->nidle;
    memcpy(drop, rc->idle, (size_t)n * sizeof *drop);
    rc->nidle = 0;
    pthread_mutex_unlock(&rc->mu);
    for (int i = 0; i < n; i++)
        redisFree(drop[i]);
}

/* Redis failed us: drop the idle connections and wait before the next try. */
static void rcache_mark_down(rcache *rc, long long now_ms, const char *why)
{
    rcache_drop_idle(rc);
    pthread_mutex_lock(&rc->mu);
    rcache_state was = rc->state;
    rc->state = RC_DOWN;
    rc->backoff_ms = rc->backoff_ms ? rc->backoff_ms * 2 : RCACHE_BACKOFF_MIN_MS;
    if (rc->backoff_ms > RCACHE_BACKOFF_MAX_MS)
        rc->backoff_ms = RCACHE_BACKOFF_MAX_MS;
    rc->down_until_ms = now_ms + rc->backoff_ms;
    pthread_mutex_unlock(&rc->mu);
    if (was != RC_DOWN)
        rcache_log("redis-down", rc->shown, why);
}

/* A command on a fresh connection during setup; 0 when Redis said OK. */
static int rcache_setup_cmd(redisContext *c, redisReply *rep)
{
    int ok = rep && rep->type != REDIS_REPLY_ERROR && !c->err;
    if (rep)
        freeReplyObject(rep);
    return ok ? 0 : -1;
}

static redisContext *rcache_connect(rcache *rc, char *why, size_t whylen)
{
    redisContext *c = redisConnectWithTimeout(rc->host, rc->port, rc->timeout);
    if (!c || c->err) {
        snprintf(why, whylen, "connect: %s", c ? c->errstr : "out of memory");
        redisFree(c);
        return NULL;
    }
    if (redisSetTimeout(c, rc->timeout) != REDIS_OK) {
        snprintf(why, whylen, "cannot set the socket timeout");
        redisFree(c);
        return NULL;
    }
    if (rc->password[0]) {
        redisReply *rep = rc->user[0]
                              ? redisCommand(c, "AUTH %s %s", rc->user, rc->password)
                              : redisCommand(c, "AUTH %s", rc->password);
        if (rcache_setup_cmd(c, rep)) {
            snprintf(why, whylen, "AUTH refused");
            redisFree(c);
            return NULL;
        }
    }
    if (rc->db && rcache_setup_cmd(c, redisCommand(c, "SELECT %d", rc->db))) {
        snprintf(why, whylen, "SELECT %d refused", rc->db);
        redisFree(c);
        return NULL;
    }
    return c;
}

/* An idle or new connection, or NULL (backing off, or connect failed;
 * *skipped tells which). *reused: it came from the idle stack. */
static redisContext *rcache_take(rcache *rc, long long now_ms, int *skipped, int *reused)
{
    *skipped = 0;
    pthread_mutex_lock(&rc->mu);
    if (rc->state == RC_DOWN && now_ms < rc->down_until_ms) {
        pthread_mutex_unlock(&rc->mu);
        *skipped = 1;
        return NULL;
    }
    redisContext *c = rc->nidle ? rc->idle[--rc->nidle] : NULL;
    pthread_mutex_unlock(&rc->mu);
    *reused = c != NULL;
    if (c)
        return c;
    char why[160];
    c = rcache_connect(rc, why, sizeof why);
    if (!c)
        rcache_mark_down(rc, now_ms, why);
    return c;
}

static void rcache_give(rcache *rc, redisContext *c)
{
    pthread_mutex_lock(&rc->mu);
    if (rc->nidle < rc->max_idle) {
        rc->idle[rc->nidle++] = c;
        c = NULL;
    }
    pthread_mutex_unlock(&rc->mu);
    redisFree(c); /* NULL-safe */
}

/* The connection was closed under us (Redis restarted, an idle timeout),
 * as opposed to Redis being slow: worth one retry on a new connection. */
static int rcache_stale(const redisContext *c, int err_no)
{
    return c->err == REDIS_ERR_EOF ||
           (c->err == REDIS_ERR_IO && err_no != EAGAIN && err_no != EWOULDBLOCK);
}

/* Run one command. Returns Redis's reply (the caller frees it; it may be
 * an error reply), or NULL when Redis could not be reached (*skipped: not
 * even tried, backing off). A stale idle connection is retried once on a
 * fresh one, so a Redis restart costs no request its answer. */
static redisReply *rcache_command(rcache *rc, long long now_ms, int *skipped, const char *fmt, ...)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        int reused;
        redisContext *c = rcache_take(rc, now_ms, skipped, &reused);
        if (!c)
            return NULL;
        va_list ap;
        va_start(ap, fmt);
        redisReply *rep = redisvCommand(c, fmt, ap);
        int err_no = errno;
        va_end(ap);
        if (rep && !c->err) {
            rcache_give(rc, c);
            rcache_mark_up(rc);
            return rep;
        }
        if (rep)
            freeReplyObject(rep);
        int retry = reused && attempt == 0 && rcache_stale(c, err_no);
        char why[160];
        snprintf(why, sizeof why, "%s", c->err ? c->errstr : "no reply");
        for (char *p = why; *p; p++)
            if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
                *p = ' ';
        redisFree(c);
        if (!retry) {
            rcache_mark_down(rc, now_ms, why);
            return NULL;
        }
        rcache_drop_idle(rc); /* they went stale together */
    }
    return NULL;
}

/* --- values --- */

char *rcache_encode(const cache_entry *e, long long created_unix_ms, size_t *len)
{
    char head[160];
    int h = snprintf(head, sizeof head, RCACHE_MAGIC "%lld %s\n%s\n", created_unix_ms, e->etag,
                     e->content_type);
    if (h < 0 || (size_t)h >= sizeof head)
        return NULL;
    char *buf = malloc((size_t)h + e->len);
    if (!buf)
        return NULL;
    memcpy(buf, head, (size_t)h);
    if (e->len)
        memcpy(buf + h, e->body, e->len);
    *len = (size_t)h + e->len;
    return buf;
}

cache_entry *rcache_decode(const char *buf, size_t len, long long *created_unix_ms)
{
    size_t m = sizeof RCACHE_MAGIC - 1;
    if (len < m || memcmp(buf, RCACHE_MAGIC, m))
        return NULL;
    const char *end = buf + len;
    const char *p = buf + m;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl || nl - p > 64)
        return NULL;
    char line[72];
    memcpy(line, p, (size_t)(nl - p));
    line[nl - p] = 0;
    char *sp;
    errno = 0;
    long long created = strtoll(line, &sp, 10);
    if (sp == line || errno || *sp != ' ' || created < 0)
        return NULL;
    const char *etag = sp + 1;
    if (strlen(etag) + 1 > sizeof(((cache_entry *)0)->etag))
        return NULL;
    p = nl + 1;
    nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl || (size_t)(nl - p) >= sizeof(((cache_entry *)0)->content_type))
        return NULL;
    char ctype[sizeof(((cache_entry *)0)->content_type)];
    memcpy(ctype, p, (size_t)(nl - p));
    ctype[nl - p] = 0;
    p = nl + 1;
    size_t blen = (size_t)(end - p);
    char *body = malloc(blen + 1); /* NUL-terminated like computed bodies */
    if (!body)
        return NULL;
    memcpy(body, p, blen);
    body[blen] = 0;
    cache_entry *e = cache_entry_new(200, ctype, body, blen, 0);
    if (e && strcmp(e->etag, etag)) {
        cache_entry_unref(e);
        return NULL;
    }
    if (e)
        *created_unix_ms = created;
    return e;
}

/* --- the two operations --- */

rcache_result rcache_get(rcache *rc, const char *key, long long now_ms, cache_entry **out)
{
    *out = NULL;
    int skipped;
    redisReply *rep = rcache_command(rc, now_ms, &skipped, "GET " RCACHE_KEY_PREFIX "%s", key);
    if (!rep) {
        atomic_fetch_add(skipped ? &rc->skipped : &rc->errors, 1);
        return RCACHE_ERROR;
    }
    int type = rep->type;
    cache_entry *e = NULL;
    long long created = 0;
    if (type == REDIS_REPLY_STRING)
        e = rcache_decode(rep->str, rep->len, &created);
    freeReplyObject(rep);
    if (type == REDIS_REPLY_NIL) {
        atomic_fetch_add(&rc->misses, 1);
        return RCACHE_MISS;
    }
    if (!e) { /* an error reply, or a value that is not ours */
        atomic_fetch_add(&rc->errors, 1);
        return RCACHE_ERROR;
    }
    long long age = rcache_wall_ms() - created;
    if (age < 0)
        age = 0; /* the other replica's clock runs ahead */
    if (rc->ttl_ms > 0 && age >= rc->ttl_ms) {
        /* Redis expires it too, give or take clock skew between hosts */
        cache_entry_unref(e);
        atomic_fetch_add(&rc->misses, 1);
        return RCACHE_MISS;
    }
    e->created_ms = now_ms - age;
    atomic_fetch_add(&rc->hits, 1);
    *out = e;
    return RCACHE_HIT;
}

void rcache_put(rcache *rc, const char *key, const cache_entry *e, long long now_ms)
{
    if (!e || e->status != 200)
        return;
    if (e->len > rc->max_value) {
        atomic_fetch_add(&rc->too_large, 1);
        return;
    }
    long long age = now_ms - e->created_ms;
    long long left = rc->ttl_ms > 0 ? rc->ttl_ms - age : 0;
    if (rc->ttl_ms > 0 && left < RCACHE_MIN_TTL_MS)
        return;
    size_t len = 0;
    char *val = rcache_encode(e, rcache_wall_ms() - age, &len);
    if (!val) {
        atomic_fetch_add(&rc->errors, 1);
        return;
    }
    int skipped;
    redisReply *rep =
        rc->ttl_ms > 0
            ? rcache_command(rc, now_ms, &skipped, "SET " RCACHE_KEY_PREFIX "%s %b PX %lld", key,
                             val, len, left)
            : rcache_command(rc, now_ms, &skipped, "SET " RCACHE_KEY_PREFIX "%s %b", key, val, len);
    free(val);
    if (!rep) {
        atomic_fetch_add(skipped ? &rc->skipped : &rc->errors, 1);
        return;
    }
    /* an error reply: e.g. OOM when Redis reached maxmemory */
    atomic_fetch_add(rep->type == REDIS_REPLY_ERROR ? &rc->errors : &rc->stores, 1);
    freeReplyObject(rep);
}

/* --- metrics --- */

static void rcache_metric(FILE *f, const char *name, const char *type, const char *help,
                          unsigned long long v)
{
    fprintf(f, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name, help, name, type, name, v);
}

void rcache_render_metrics(rcache *rc, FILE *f)
{
    unsigned long long z = 0;
    int up = 0;
    if (rc) {
        pthread_mutex_lock(&rc->mu);
        up = rc->state == RC_UP;
        pthread_mutex_unlock(&rc->mu);
    }
#define RC_LOAD(field) (rc ? atomic_load(&rc->field) : z)
    rcache_metric(f, "lede_redis_enabled", "gauge", "1 when --redis is set.", rc != NULL);
    rcache_metric(f, "lede_redis_up", "gauge", "1 when the last Redis command succeeded.",
                  (unsigned long long)up);
    rcache_metric(f, "lede_redis_hits_total", "counter",
                  "First-level misses answered from Redis.", RC_LOAD(hits));
    rcache_metric(f, "lede_redis_misses_total", "counter", "Redis lookups that found nothing.",
                  RC_LOAD(misses));
    rcache_metric(f, "lede_redis_errors_total", "counter",
                  "Redis commands that failed (down, timeout, refused, damaged value).",
                  RC_LOAD(errors));
    rcache_metric(f, "lede_redis_skipped_total", "counter",
                  "Redis calls skipped while reconnection backs off.", RC_LOAD(skipped));
    rcache_metric(f, "lede_redis_stores_total", "counter", "Results written to Redis.",
                  RC_LOAD(stores));
    rcache_metric(f, "lede_redis_too_large_total", "counter",
                  "Results not written because they exceed --redis-max-value.",
                  RC_LOAD(too_large));
#undef RC_LOAD
}
