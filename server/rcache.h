/* rcache.h - the shared second-level result cache in Redis (hiredis).
 *
 * Replicas of `lede serve` behind a load balancer share results through
 * Redis; each keeps its in-memory cache (cache.h) as the first level. Only
 * worker threads call rcache_get/rcache_put: every call is blocking I/O,
 * bounded by the timeout given to rcache_new. Redis being down or slow is
 * never an error for the caller: the call reports RCACHE_ERROR (or is
 * skipped at once while reconnection backs off) and the request is served
 * from its own computation ("fail open").
 *
 * Values hold what reproduces the answer exactly: body, content type, ETag
 * and creation time (wall clock, so Age is right on another replica). */
#ifndef LEDE_RCACHE_H
#define LEDE_RCACHE_H

#include <stddef.h>
#include <stdio.h>

#include "cache.h"

#define RCACHE_KEY_PREFIX "lede:v1:" /* bump when the value format or key shape changes */

typedef struct rcache rcache;

typedef enum { RCACHE_HIT, RCACHE_MISS, RCACHE_ERROR } rcache_result;

/* url: redis://[[user]:password@]host[:port][/db]. max_idle: connections
 * kept open between calls (one per worker is enough); timeout_ms bounds
 * connect and every command; values over max_value bytes are not stored;
 * ttl_ms is the lifetime of a stored result (the first level's TTL).
 * Connects lazily. NULL with a message in err when the URL is invalid. */
rcache *rcache_new(const char *url, int max_idle, long timeout_ms, size_t max_value,
                   long long ttl_ms, char *err, size_t errlen);
void rcache_free(rcache *rc);

/* The URL without its password, for logs. */
const char *rcache_describe(const rcache *rc);

/* Look key up (the prefix is added here). On a hit *out is a new entry
 * (refs = 1) whose created_ms is on the caller's monotonic clock (now_ms),
 * so its Age and expiry match the replica that computed it. */
rcache_result rcache_get(rcache *rc, const char *key, long long now_ms, cache_entry **out);
/* Store e (status 200 only) for what is left of its TTL. Best effort. */
void rcache_put(rcache *rc, const char *key, const cache_entry *e, long long now_ms);

/* lede_redis_* counters in Prometheus text; rc may be NULL (disabled). */
void rcache_render_metrics(rcache *rc, FILE *f);

/* --- value encoding, exposed for unit tests --- */
/* Serialise e (created at wall-clock created_unix_ms) into a malloc'd buffer. */
char *rcache_encode(const cache_entry *e, long long created_unix_ms, size_t *len);
/* Parse a value; NULL when it is not one of ours or is damaged (the ETag
 * is recomputed and must match). *created_unix_ms receives the wall time. */
cache_entry *rcache_decode(const char *buf, size_t len, long long *created_unix_ms);

#endif
