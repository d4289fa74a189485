/* cache.c - the result cache: a chained hash table of entries threaded on
 * an LRU list, plus a short list of in-progress computations ("flights").
 *
 * One mutex guards everything; every operation is O(1) apart from the
 * flight search, which is linear in the number of concurrent misses (at
 * most the worker queue length, a few hundred). Expired entries are
 * dropped lazily when looked up, and from the LRU tail when space is
 * needed. Entry memory is counted as body + key + a fixed overhead. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "digest.h"

#define CACHE_ENTRY_OVERHEAD 160 /* struct, allocator headers, bucket slot */
#define CACHE_INITIAL_BUCKETS 1024

typedef struct cache_flight {
    char *key;
    cache_waiter *waiters;
    struct cache_flight *next;
} cache_flight;

struct cache {
    pthread_mutex_t mu;
    size_t max_bytes;
    long long ttl_ms;
    cache_entry **buckets;
    size_t nbuckets;
    size_t nentries;
    size_t bytes;
    cache_entry *lru_head, *lru_tail; /* head = most recently used */
    cache_flight *flights;
    size_t nflights;
    cache_stats st;
};

static uint64_t cache_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a: keys are ours, not attacker-chosen
                                          * in shape (posted HTML is digested first) */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

cache *cache_new(size_t max_bytes, long long ttl_ms)
{
    cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->buckets = calloc(CACHE_INITIAL_BUCKETS, sizeof *c->buckets);
    if (!c->buckets) {
        free(c);
        return NULL;
    }
    c->nbuckets = CACHE_INITIAL_BUCKETS;
    c->max_bytes = max_bytes;
    c->ttl_ms = ttl_ms;
    pthread_mutex_init(&c->mu, NULL);
    return c;
}

cache_entry *cache_entry_new(int status, const char *content_type, char *body, size_t len,
                             long long now_ms)
{
    cache_entry *e = calloc(1, sizeof *e);
    if (!e) {
        free(body);
        return NULL;
    }
    e->status = status;
    e->body = body;
    e->len = len;
    snprintf(e->content_type, sizeof e->content_type, "%s", content_type ? content_type : "");
    char hex[17];
    digest_hex(body ? body : "", body ? len : 0, 8, hex);
    snprintf(e->etag, sizeof e->etag, "\"%s\"", hex);
    e->created_ms = now_ms;
    e->refs = 1;
    return e;
}

void cache_entry_ref(cache_entry *e)
{
    if (e)
        __atomic_add_fetch(&e->refs, 1, __ATOMIC_RELAXED);
}

void cache_entry_unref(cache_entry *e)
{
    if (!e || __atomic_sub_fetch(&e->refs, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    free(e->body);
    free(e->key);
    free(e);
}

/* --- table and LRU list (lock held) --- */

static void lru_unlink(cache *c, cache_entry *e)
{
    if (e->lru_prev)
        e->lru_prev->lru_next = e->lru_next;
    else
        c->lru_head = e->lru_next;
    if (e->lru_next)
        e->lru_next->lru_prev = e->lru_prev;
    else
        c->lru_tail = e->lru_prev;
    e->lru_prev = e->lru_next = NULL;
}

static void lru_push_front(cache *c, cache_entry *e)
{
    e->lru_prev = NULL;
    e->lru_next = c->lru_head;
    if (c->lru_head)
        c->lru_head->lru_prev = e;
    c->lru_head = e;
    if (!c->lru_tail)
        c->lru_tail = e;
}

static cache_entry **table_slot(cache *c, const char *key)
{
    cache_entry **pp = &c->buckets[cache_hash(key) & (c->nbuckets - 1)];
    while (*pp && strcmp((*pp)->key, key))
        pp = &(*pp)->hnext;
    return pp;
}

static void table_remove(cache *c, cache_entry *e)
{
    cache_entry **pp = table_slot(c, e->key);
    if (*pp == e)
        *pp = e->hnext;
    e->hnext = NULL;
    lru_unlink(c, e);
    c->bytes -= e->cost;
    c->nentries--;
    cache_entry_unref(e); /* the table's reference */
}

static void table_grow(cache *c)
{
    size_t n = c->nbuckets * 2;
    cache_entry **nb = calloc(n, sizeof *nb);
    if (!nb)
        return; /* longer chains, still correct */
    for (size_t i = 0; i < c->nbuckets; i++) {
        cache_entry *e = c->buckets[i];
        while (e) {
            cache_entry *next = e->hnext;
            size_t b = cache_hash(e->key) & (n - 1);
            e->hnext = nb[b];
            nb[b] = e;
            e = next;
        }
    }
    free(c->buckets);
    c->buckets = nb;
    c->nbuckets = n;
}

static int expired(const cache *c, const cache_entry *e, long long now_ms)
{
    return c->ttl_ms > 0 && now_ms - e->created_ms >= c->ttl_ms;
}

/* Insert e under key (replacing any older entry), then evict from the LRU
 * tail until the byte budget holds. */
static void table_store(cache *c, const char *key, cache_entry *e)
{
    if (!e || e->status != 200 || e->key)
        return; /* errors are not cached; an entry lives in one table slot */
    size_t cost = e->len + strlen(key) + CACHE_ENTRY_OVERHEAD;
    if (cost > c->max_bytes)
        return;
    e->key = strdup(key);
    if (!e->key)
        return;
    cache_entry **pp = table_slot(c, key);
    if (*pp)
        table_remove(c, *pp);
    if (c->nentries >= c->nbuckets)
        table_grow(c);
    pp = table_slot(c, key);
    cache_entry_ref(e);
    e->cost = cost;
    e->hnext = NULL;
    *pp = e;
    lru_push_front(c, e);
    c->bytes += cost;
    c->nentries++;
    c->st.stores++;
    while (c->bytes > c->max_bytes && c->lru_tail) {
        cache_entry *victim = c->lru_tail;
        table_remove(c, victim);
        c->st.evictions++;
    }
}

/* A fresh entry for key, promoted to most recently used; NULL when absent
 * or expired (an expired one is dropped). */
static cache_entry *table_get(cache *c, const char *key, long long now_ms)
{
    cache_entry *e = *table_slot(c, key);
    if (!e)
        return NULL;
    if (expired(c, e, now_ms)) {
        table_remove(c, e);
        c->st.expirations++;
        return NULL;
    }
    lru_unlink(c, e);
    lru_push_front(c, e);
    cache_entry_ref(e);
    return e;
}

static cache_flight **flight_slot(cache *c, const char *key)
{
    cache_flight **pp = &c->flights;
    while (*pp && strcmp((*pp)->key, key))
        pp = &(*pp)->next;
    return pp;
}

/* Start a flight; on OOM the caller still leads, only without sharing. */
static void flight_start(cache *c, const char *key)
{
    cache_flight *f = calloc(1, sizeof *f);
    if (!f)
        return;
    f->key = strdup(key);
    if (!f->key) {
        free(f);
        return;
    }
    f->next = c->flights;
    c->flights = f;
    c->nflights++;
}

cache_result cache_lookup(cache *c, const char *key, long long now_ms, cache_entry **hit)
{
    *hit = NULL;
    pthread_mutex_lock(&c->mu);
    cache_entry *e = table_get(c, key, now_ms);
    cache_result r;
    if (e) {
        *hit = e;
        c->st.hits++;
        r = CACHE_HIT;
    } else if (*flight_slot(c, key)) {
        c->st.misses++;
        r = CACHE_PENDING;
    } else {
        c->st.misses++;
        flight_start(c, key);
        r = CACHE_LEAD;
    }
    pthread_mutex_unlock(&c->mu);
    return r;
}

cache_result cache_join(cache *c, const char *key, long long now_ms, cache_waiter *w,
                        cache_entry **hit)
{
    *hit = NULL;
    pthread_mutex_lock(&c->mu);
    cache_flight *f = *flight_slot(c, key);
    cache_result r;
    if (f) {
        w->next = f->waiters;
        f->waiters = w;
        c->st.shared++;
        r = CACHE_PENDING;
    } else if ((*hit = table_get(c, key, now_ms)) != NULL) {
        r = CACHE_HIT;
    } else {
        flight_start(c, key);
        r = CACHE_LEAD;
    }
    pthread_mutex_unlock(&c->mu);
    return r;
}

void cache_finish(cache *c, const char *key, cache_entry *e, int store)
{
    pthread_mutex_lock(&c->mu);
    if (store)
        table_store(c, key, e);
    cache_waiter *w = NULL;
    cache_flight **pp = flight_slot(c, key);
    cache_flight *f = *pp;
    if (f) {
        *pp = f->next;
        c->nflights--;
        w = f->waiters;
        free(f->key);
        free(f);
    }
    pthread_mutex_unlock(&c->mu);
    /* Outside the lock: a waiter resumes its connection, which may take
     * the event loop's locks. */
    while (w) {
        cache_waiter *next = w->next; /* w may be freed by its callback */
        cache_entry_ref(e);
        w->fn(w->arg, e);
        w = next;
    }
}

void cache_put(cache *c, const char *key, cache_entry *e)
{
    pthread_mutex_lock(&c->mu);
    table_store(c, key, e);
    pthread_mutex_unlock(&c->mu);
}

void cache_get_stats(cache *c, cache_stats *out)
{
    pthread_mutex_lock(&c->mu);
    *out = c->st;
    out->bytes = c->bytes;
    out->entries = c->nentries;
    out->max_bytes = c->max_bytes;
    out->flights = c->nflights;
    pthread_mutex_unlock(&c->mu);
}

void cache_free(cache *c)
{
    if (!c)
        return;
    while (c->lru_tail)
        table_remove(c, c->lru_tail);
    while (c->flights) {
        cache_flight *f = c->flights;
        c->flights = f->next;
        free(f->key);
        free(f);
    }
    pthread_mutex_destroy(&c->mu);
    free(c->buckets);
    free(c);
}
