/* cache.h - in-memory result cache: LRU bounded in bytes, entries expire
 * after a TTL, and concurrent misses on one key share one computation
 * ("single flight", so N identical requests cause one upstream fetch).
 *
 * Entries are immutable and reference counted: a response body can be sent
 * straight from an entry while the cache evicts it. Times are passed in by
 * the caller (milliseconds on any monotonic clock) so tests control them.
 *
 * Flow of a request:
 *   cache_lookup()  -> CACHE_HIT (entry returned) | CACHE_LEAD | CACHE_PENDING
 *   LEAD:    compute, then cache_finish(key, entry, store): waiters get it.
 *   PENDING: cache_join(key, waiter) -> waiter called later by the leader
 *            (or HIT / LEAD if the flight ended in between). */
#ifndef LEDE_CACHE_H
#define LEDE_CACHE_H

#include <stddef.h>

typedef struct cache cache;

typedef struct cache_entry {
    int status;              /* HTTP status of the stored reply */
    char *body;              /* owned */
    size_t len;
    char content_type[64];
    char etag[20];           /* quoted strong ETag: "\"<16 hex>\"" */
    long long created_ms;
    /* private */
    int refs;
    char *key;
    size_t cost;
    struct cache_entry *lru_prev, *lru_next, *hnext;
} cache_entry;

typedef struct cache_waiter {
    void (*fn)(void *arg, cache_entry *e); /* e: a reference for the waiter */
    void *arg;
    struct cache_waiter *next;             /* private */
} cache_waiter;

typedef enum { CACHE_HIT, CACHE_LEAD, CACHE_PENDING } cache_result;

typedef struct {
    unsigned long long hits, misses, evictions, expirations, stores, shared;
    size_t bytes, entries, max_bytes, flights;
} cache_stats;

/* max_bytes 0: nothing is stored, but single flight still works. */
cache *cache_new(size_t max_bytes, long long ttl_ms);
void cache_free(cache *c);

/* A new entry (refs = 1) taking ownership of body (malloc'd). NULL on OOM
 * (body is then freed). */
cache_entry *cache_entry_new(int status, const char *content_type, char *body, size_t len,
                             long long now_ms);
void cache_entry_ref(cache_entry *e);
void cache_entry_unref(cache_entry *e);

cache_result cache_lookup(cache *c, const char *key, long long now_ms, cache_entry **hit);
/* After PENDING: wait for the flight. Returns PENDING (w will be called),
 * HIT (*hit set, w not registered) or LEAD (caller computes). */
cache_result cache_join(cache *c, const char *key, long long now_ms, cache_waiter *w,
                        cache_entry **hit);
/* End the caller's flight on key: store e when `store` and e->status is 200
 * (e may be NULL: waiters get NULL), then call every waiter. */
void cache_finish(cache *c, const char *key, cache_entry *e, int store);
/* Store without a flight (a no-cache request refreshing the entry). */
void cache_put(cache *c, const char *key, cache_entry *e);
void cache_get_stats(cache *c, cache_stats *out);

#endif
