/* test_cache.c - unit tests of server/cache.c (LRU by bytes, TTL, single
 * flight) with explicit clock values, plus the SHA-256 it uses for ETags
 * and the worker pool's bounded queue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cache.h"
#include "digest.h"
#include "pool.h"

#define OVERHEAD_ALLOWANCE 400 /* > per-entry overhead + key, so sizes stay readable */

static cache_entry *mk(const char *text, long long now)
{
    return cache_entry_new(200, "text/plain", strdup(text), strlen(text), now);
}

static char *body_of_len(size_t n)
{
    char *b = malloc(n + 1);
    memset(b, 'x', n);
    b[n] = 0;
    return b;
}

/* Lead a flight on key, finish it with value; returns nothing kept. */
static void fill(cache *c, const char *key, const char *value, long long now)
{
    cache_entry *hit = NULL;
    assert_int_equal(cache_lookup(c, key, now, &hit), CACHE_LEAD);
    cache_entry *e = mk(value, now);
    cache_finish(c, key, e, 1);
    cache_entry_unref(e);
}

static void test_miss_then_hit(void **state)
{
    cache *c = cache_new(1 << 20, 60000);
    cache_entry *hit = NULL;
    fill(c, "k1", "hello", 1000);
    assert_int_equal(cache_lookup(c, "k1", 1001, &hit), CACHE_HIT);
    assert_non_null(hit);
    assert_int_equal(hit->len, 5);
    assert_memory_equal(hit->body, "hello", 5);
    assert_string_equal(hit->content_type, "text/plain");
    assert_int_equal(hit->etag[0], '"');
    assert_int_equal(strlen(hit->etag), 18);
    cache_entry_unref(hit);
    cache_stats st;
    cache_get_stats(c, &st);
    assert_int_equal(st.hits, 1);
    assert_int_equal(st.misses, 1);
    assert_int_equal(st.entries, 1);
    assert_true(st.bytes >= 5);
    cache_free(c);
}

static void test_ttl_expiry(void **state)
{
    cache *c = cache_new(1 << 20, 1000); /* 1 s */
    cache_entry *hit = NULL;
    fill(c, "k", "v", 5000);
    assert_int_equal(cache_lookup(c, "k", 5999, &hit), CACHE_HIT);
    cache_entry_unref(hit);
    assert_int_equal(cache_lookup(c, "k", 6000, &hit), CACHE_LEAD); /* expired exactly at TTL */
    assert_null(hit);
    cache_stats st;
    cache_get_stats(c, &st);
    assert_int_equal(st.expirations, 1);
    assert_int_equal(st.entries, 0);
    assert_int_equal(st.bytes, 0);
    cache_finish(c, "k", NULL, 1);
    cache_free(c);
}

static void test_lru_eviction_by_bytes(void **state)
{
    /* room for two 1000-byte entries, not three */
    cache *c = cache_new(2 * (1000 + OVERHEAD_ALLOWANCE), 0);
    cache_entry *hit = NULL;
    const char *keys[] = {"a", "b", "c"};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(cache_lookup(c, keys[i], 1, &hit), CACHE_LEAD);
        cache_entry *e = cache_entry_new(200, "t", body_of_len(1000), 1000, 1);
        cache_finish(c, keys[i], e, 1);
        cache_entry_unref(e);
    }
    /* touch "a": "b" becomes least recently used */
    assert_int_equal(cache_lookup(c, "a", 2, &hit), CACHE_HIT);
    cache_entry_unref(hit);
    assert_int_equal(cache_lookup(c, "c", 3, &hit), CACHE_LEAD);
    cache_entry *e = cache_entry_new(200, "t", body_of_len(1000), 1000, 3);
    cache_finish(c, "c", e, 1);
    cache_entry_unref(e);

    cache_stats st;
    cache_get_stats(c, &st);
    assert_int_equal(st.entries, 2);
    assert_int_equal(st.evictions, 1);
    assert_true(st.bytes <= st.max_bytes);
    assert_int_equal(cache_lookup(c, "a", 4, &hit), CACHE_HIT);
    cache_entry_unref(hit);
    assert_int_equal(cache_lookup(c, "c", 4, &hit), CACHE_HIT);
    cache_entry_unref(hit);
    assert_int_equal(cache_lookup(c, "b", 4, &hit), CACHE_LEAD);
    cache_finish(c, "b", NULL, 0);
    cache_free(c);
}

static void test_entry_bigger_than_cache_not_stored(void **state)
{
    cache *c = cache_new(500, 0);
    cache_entry *hit = NULL;
    assert_int_equal(cache_lookup(c, "big", 1, &hit), CACHE_LEAD);
    cache_entry *e = cache_entry_new(200, "t", body_of_len(1000), 1000, 1);
    cache_finish(c, "big", e, 1);
    cache_entry_unref(e);
    cache_stats st;
    cache_get_stats(c, &st);
    assert_int_equal(st.entries, 0);
    assert_int_equal(st.bytes, 0);
    cache_free(c);
}

static void test_errors_not_stored(void **state)
{
    cache *c = cache_new(1 << 20, 0);
    cache_entry *hit = NULL;
    assert_int_equal(cache_lookup(c, "k", 1, &hit), CACHE_LEAD);
    cache_entry *e = cache_entry_new(502, "application/problem+json", strdup("{}"), 2, 1);
    cache_finish(c, "k", e, 1);
    cache_entry_unref(e);
    assert_int_equal(cache_lookup(c, "k", 2, &hit), CACHE_LEAD);
    cache_finish(c, "k", NULL, 0);
    cache_free(c);
}

static void test_replace_same_key(void **state)
{
    cache *c = cache_new(1 << 20, 0);
    cache_entry *hit = NULL;
    fill(c, "k", "old", 1);
    cache_entry *fresh = mk("new!", 2);
    cache_put(c, "k", fresh); /* a no-cache request refreshing the entry */
    cache_entry_unref(fresh);
    assert_int_equal(cache_lookup(c, "k", 3, &hit), CACHE_HIT);
    assert_memory_equal(hit->body, "new!", 4);
    cache_entry_unref(hit);
    cache_stats st;
    cache_get_stats(c, &st);
    assert_int_equal(st.entries, 1);
    cache_free(c);
}

static void test_entry_outlives_eviction(void **state)
{
    cache *c = cache_new(1000 + OVERHEAD_ALLOWANCE, 0);
    cache_entry *hit = NULL;
    fill(c, "a", "first", 1);
    assert_int_equal(cache_lookup(c, "a", 2, &hit), CACHE_HIT);
    /* fill with something that pushes "a" out while we hold it */
    cache_entry *none = NULL;
    assert_int_equal(cache_lookup(c, "b", 3, &none), CACHE_LEAD);
    cache_entry *e = cache_entry_new(200, "t", body_of_len(1200), 1200, 3);
    cache_finish(c, "b", e, 1);
    cache_entry_unref(e);
    cache_stats st;
    cache_get_stats(c, &st);
    assert_int_equal(st.evictions, 1);
    assert_int_equal(st.entries, 1);
    assert_memory_equal(hit->body, "first", 5); /* still readable (ASan checks) */
    cache_entry_unref(hit);
    cache_free(c);
}

/* --- single flight --- */

typedef struct {
    int called;
    cache_entry *got;
} waiter_log;

static void on_done(void *arg, cache_entry *e)
{
    waiter_log *w = arg;
    w->called++;
    w->got = e;
}

static void test_single_flight_waiters(void **state)
{
    cache *c = cache_new(1 << 20, 0);
    cache_entry *hit = NULL;
    assert_int_equal(cache_lookup(c, "k", 1, &hit), CACHE_LEAD);
    waiter_log logs[5] = {{0}};
    cache_waiter ws[5];
    for (int i = 0; i < 5; i++) {
        assert_int_equal(cache_lookup(c, "k", 1, &hit), CACHE_PENDING);
        ws[i].fn = on_done;
        ws[i].arg = &logs[i];
        assert_int_equal(cache_join(c, "k", 1, &ws[i], &hit), CACHE_PENDING);
    }
    cache_stats st;
    cache_get_stats(c, &st);
    assert_int_equal(st.flights, 1);
    assert_int_equal(st.shared, 5);
    cache_entry *e = mk("result", 2);
    cache_finish(c, "k", e, 1);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(logs[i].called, 1);
        assert_ptr_equal(logs[i].got, e);
        cache_entry_unref(logs[i].got);
    }
    cache_entry_unref(e);
    cache_get_stats(c, &st);
    assert_int_equal(st.flights, 0);
    assert_int_equal(cache_lookup(c, "k", 3, &hit), CACHE_HIT);
    cache_entry_unref(hit);
    cache_free(c);
}

static void test_join_after_flight_ended(void **state)
{
    cache *c = cache_new(1 << 20, 0);
    cache_entry *hit = NULL;
    assert_int_equal(cache_lookup(c, "k", 1, &hit), CACHE_LEAD);
    assert_int_equal(cache_lookup(c, "k", 1, &hit), CACHE_PENDING);
    cache_entry *e = mk("r", 1);
    cache_finish(c, "k", e, 1);
    cache_entry_unref(e);
    /* the flight ended between lookup and join: join reports the hit */
    waiter_log log = {0};
    cache_waiter w = {on_done, &log, NULL};
    assert_int_equal(cache_join(c, "k", 2, &w, &hit), CACHE_HIT);
    assert_int_equal(log.called, 0);
    cache_entry_unref(hit);
    /* failed leader: waiters get NULL, the next request leads again */
    assert_int_equal(cache_lookup(c, "x", 3, &hit), CACHE_LEAD);
    assert_int_equal(cache_join(c, "x", 3, &w, &hit), CACHE_PENDING);
    cache_finish(c, "x", NULL, 0);
    assert_int_equal(log.called, 1);
    assert_null(log.got);
    assert_int_equal(cache_join(c, "x", 4, &w, &hit), CACHE_LEAD);
    cache_finish(c, "x", NULL, 0);
    cache_free(c);
}

static void test_disabled_cache_still_shares(void **state)
{
    cache *c = cache_new(0, 0);
    cache_entry *hit = NULL;
    assert_int_equal(cache_lookup(c, "k", 1, &hit), CACHE_LEAD);
    waiter_log log = {0};
    cache_waiter w = {on_done, &log, NULL};
    assert_int_equal(cache_join(c, "k", 1, &w, &hit), CACHE_PENDING);
    cache_entry *e = mk("r", 1);
    cache_finish(c, "k", e, 1);
    assert_int_equal(log.called, 1);
    cache_entry_unref(log.got);
    cache_entry_unref(e);
    assert_int_equal(cache_lookup(c, "k", 2, &hit), CACHE_LEAD); /* nothing stored */
    cache_finish(c, "k", NULL, 0);
    cache_free(c);
}

static void test_many_keys_grow_table(void **state)
{
    cache *c = cache_new(64u << 20, 0);
    char key[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "key-%d", i);
        fill(c, key, "v", i);
    }
    cache_entry *hit = NULL;
    for (int i = 0; i < 5000; i += 7) {
        snprintf(key, sizeof key, "key-%d", i);
        assert_int_equal(cache_lookup(c, key, 6000, &hit), CACHE_HIT);
        cache_entry_unref(hit);
    }
    cache_stats st;
    cache_get_stats(c, &st);
    assert_int_equal(st.entries, 5000);
    cache_free(c);
}

/* --- digest --- */

static void test_sha256_vectors(void **state)
{
    char hex[65];
    digest_hex("", 0, 32, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    digest_hex("abc", 3, 32, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    digest_hex(m, strlen(m), 32, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* incremental = one shot */
    digest_ctx c;
    unsigned char a[32], b[32];
    digest_init(&c);
    for (size_t i = 0; i < strlen(m); i += 5)
        digest_update(&c, m + i, strlen(m) - i < 5 ? strlen(m) - i : 5);
    digest_final(&c, a);
    digest_init(&c);
    digest_update(&c, m, strlen(m));
    digest_final(&c, b);
    assert_memory_equal(a, b, 32);
}

/* Reference values: CPython's hash() of bytes is SipHash-1-3, and with
 * PYTHONHASHSEED=0 its key is all zeros:
 *   PYTHONHASHSEED=0 python3 -c "print(hash(b'a') & (2**64 - 1))" */
static void test_siphash13_vectors(void **state)
{
    static const struct {
        const char *msg;
        size_t len;
        uint64_t want;
    } v[] = {
        {"a", 1, 4644417185603328019ULL},
        {"abcdefgh", 8, 4574395652268504554ULL},
        {"hello world, this is lede", 25, 4281937408716349273ULL},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        siphash_ctx c;
        siphash_init(&c, 0, 0);
        siphash_update(&c, v[i].msg, v[i].len);
        assert_int_equal(siphash_final(&c), v[i].want);
        /* byte by byte: the same */
        siphash_init(&c, 0, 0);
        for (size_t j = 0; j < v[i].len; j++)
            siphash_update(&c, v[i].msg + j, 1);
        assert_int_equal(siphash_final(&c), v[i].want);
    }
    unsigned char bytes[64];
    for (int i = 0; i < 64; i++)
        bytes[i] = (unsigned char)i;
    siphash_ctx c;
    siphash_init(&c, 0, 0);
    siphash_update(&c, bytes, 3);
    siphash_update(&c, bytes + 3, 50);
    siphash_update(&c, bytes + 53, 11);
    assert_int_equal(siphash_final(&c), 8493894268803903686ULL);
    /* another key, another hash */
    siphash_init(&c, 1, 2);
    siphash_update(&c, bytes, 64);
    assert_int_not_equal(siphash_final(&c), 8493894268803903686ULL);
}

/* --- pool --- */

static int pool_counter;
static void pool_inc(void *arg)
{
    (void)arg;
    __atomic_add_fetch(&pool_counter, 1, __ATOMIC_RELAXED);
}

static void pool_sleep(void *arg)
{
    (void)arg;
    usleep(200 * 1000);
    __atomic_add_fetch(&pool_counter, 1, __ATOMIC_RELAXED);
}

static void test_pool_bounded(void **state)
{
    pool_counter = 0;
    pool *p = pool_new(1, 2);
    assert_non_null(p);
    assert_int_equal(pool_reserve(p), 0);
    pool_submit(p, pool_sleep, NULL); /* occupies the one worker */
    usleep(50 * 1000);
    assert_int_equal(pool_reserve(p), 0);
    assert_int_equal(pool_reserve(p), 0);
    assert_int_equal(pool_reserve(p), -1); /* two waiting = capacity */
    assert_int_equal(pool_depth(p), 2);
    pool_submit(p, pool_inc, NULL);
    pool_unreserve(p);
    assert_int_equal(pool_depth(p), 1);
    pool_free(p); /* runs what is queued, then joins */
    assert_int_equal(pool_counter, 2);
}

static void test_pool_runs_everything(void **state)
{
    pool_counter = 0;
    pool *p = pool_new(4, 64);
    int submitted = 0;
    for (int i = 0; i < 1000; i++) {
        int tries = 0;
        while (pool_reserve(p) != 0 && tries++ < 100000)
            usleep(10);
        pool_submit(p, pool_inc, NULL);
        submitted++;
    }
    pool_free(p);
    assert_int_equal(pool_counter, submitted);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_miss_then_hit),
        cmocka_unit_test(test_ttl_expiry),
        cmocka_unit_test(test_lru_eviction_by_bytes),
        cmocka_unit_test(test_entry_bigger_than_cache_not_stored),
        cmocka_unit_test(test_errors_not_stored),
        cmocka_unit_test(test_replace_same_key),
        cmocka_unit_test(test_entry_outlives_eviction),
        cmocka_unit_test(test_single_flight_waiters),
        cmocka_unit_test(test_join_after_flight_ended),
        cmocka_unit_test(test_disabled_cache_still_shares),
        cmocka_unit_test(test_many_keys_grow_table),
        cmocka_unit_test(test_sha256_vectors),
        cmocka_unit_test(test_siphash13_vectors),
        cmocka_unit_test(test_pool_bounded),
        cmocka_unit_test(test_pool_runs_everything),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
