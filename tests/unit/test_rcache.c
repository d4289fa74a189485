/* test_rcache.c - unit tests of server/rcache.c without a Redis: the value
 * encoding (round trip, damage and foreign values refused), URL parsing
 * (and the password kept out of logs), and failing open against a closed
 * loopback port: an error first, then calls skipped during the backoff.
 * Talking to a real redis-server is tests/server/test_redis.py's job. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "cache.h"
#include "rcache.h"

static cache_entry *mk(const char *ctype, const char *text)
{
    return cache_entry_new(200, ctype, strdup(text), strlen(text), 1000);
}

static void test_encode_decode_round_trip(void **state)
{
    (void)state;
    cache_entry *e = mk("text/markdown; charset=utf-8", "# Title\n\nbody with\nnewlines and more");
    size_t len = 0;
    char *buf = rcache_encode(e, 1700000000123LL, &len);
    assert_non_null(buf);
    long long created = 0;
    cache_entry *d = rcache_decode(buf, len, &created);
    assert_non_null(d);
    assert_int_equal(created, 1700000000123LL);
    assert_int_equal(d->status, 200);
    assert_int_equal(d->len, e->len);
    assert_memory_equal(d->body, e->body, e->len);
    assert_int_equal(d->body[d->len], 0); /* NUL-terminated like computed bodies */
    assert_string_equal(d->content_type, e->content_type);
    assert_string_equal(d->etag, e->etag);
    cache_entry_unref(d);
    free(buf);
    cache_entry_unref(e);
}

static void test_binary_and_empty_bodies(void **state)
{
    (void)state;
    char *bin = malloc(256);
    for (int i = 0; i < 256; i++)
        bin[i] = (char)i;
    cache_entry *e = cache_entry_new(200, "application/octet-stream", bin, 256, 5);
    size_t len = 0;
    char *buf = rcache_encode(e, 42, &len);
    long long created = 0;
    cache_entry *d = rcache_decode(buf, len, &created);
    assert_non_null(d);
    assert_int_equal(d->len, 256);
    assert_memory_equal(d->body, e->body, 256);
    cache_entry_unref(d);
    free(buf);
    cache_entry_unref(e);

    e = cache_entry_new(200, "", strdup(""), 0, 5);
    buf = rcache_encode(e, 0, &len);
    d = rcache_decode(buf, len, &created);
    assert_non_null(d);
    assert_int_equal(d->len, 0);
    assert_string_equal(d->content_type, "");
    cache_entry_unref(d);
    free(buf);
    cache_entry_unref(e);
}

static void test_damaged_values_refused(void **state)
{
    (void)state;
    cache_entry *e = mk("application/json", "{\"title\":\"x\",\"text\":\"some text\"}\n");
    size_t len = 0;
    char *buf = rcache_encode(e, 99, &len);
    long long created = 0;
    /* a changed body byte: the ETag no longer matches */
    buf[len - 3] ^= 1;
    assert_null(rcache_decode(buf, len, &created));
    buf[len - 3] ^= 1;
    /* every truncation is refused (the body no longer hashes to the ETag,
     * or a header line is cut) and none reads past the end */
    for (size_t n = 0; n < len; n++) {
        char *cut = malloc(n ? n : 1);
        memcpy(cut, buf, n);
        assert_null(rcache_decode(cut, n, &created));
        free(cut);
    }
    assert_non_null(buf);
    static const char *const foreign[] = {
        "", "hello", "LEDE1 ", "LEDE1 x \"00\"\ntext/plain\nbody", "LEDE1 -5 \"00\"\nt\nb",
        "LEDE1 12\nno etag", "LEDE2 12 \"0000000000000000\"\nt\nb",
        "LEDE1 12 \"0000000000000000000000000000000000\"\nt\nb",
    };
    for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++)
        assert_null(rcache_decode(foreign[i], strlen(foreign[i]), &created));
    free(buf);
    cache_entry_unref(e);
}

static void test_urls(void **state)
{
    (void)state;
    char err[256];
    static const struct {
        const char *url;
        const char *shown; /* NULL: refused */
    } cases[] = {
        {"redis://127.0.0.1:6380", "redis://127.0.0.1:6380/0"},
        {"redis://redis", "redis://redis:6379/0"},
        {"redis://redis.lede.svc.cluster.local:6379/2", "redis://redis.lede.svc.cluster.local:6379/2"},
        {"redis://:s3cret@cache:7000/1", "redis://:***@cache:7000/1"},
        {"redis://app:s3cret@cache", "redis://app:***@cache:6379/0"},
        {"redis://[::1]:6390/", "redis://[::1]:6390/0"},
        {"redis://", NULL},
        {"http://host:6379", NULL},
        {"redis://host:0", NULL},
        {"redis://host:65536", NULL},
        {"redis://host:12x", NULL},
        {"redis://host/db", NULL},
        {"redis://host/1/2", NULL},
        {"redis://ho\"st", NULL},
        {"redis://[::1", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        err[0] = 0;
        rcache *rc = rcache_new(cases[i].url, 2, 100, 1 << 20, 60000, err, sizeof err);
        if (cases[i].shown) {
            assert_non_null(rc);
            assert_string_equal(rcache_describe(rc), cases[i].shown);
            assert_null(strstr(rcache_describe(rc), "s3cret"));
            rcache_free(rc);
        } else {
            assert_null(rc);
            assert_non_null(strstr(err, "--redis"));
        }
    }
}

/* A loopback port with nothing listening (bound, never listened). */
static int closed_port(int *fd)
{
    *fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(*fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t n = sizeof a;
    getsockname(*fd, (struct sockaddr *)&a, &n);
    return ntohs(a.sin_port);
}

static unsigned long long metric(rcache *rc, const char *name)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    rcache_render_metrics(rc, f);
    fclose(f);
    char pat[96];
    snprintf(pat, sizeof pat, "\n%s ", name);
    char *p = strstr(buf, pat);
    unsigned long long v = p ? strtoull(p + strlen(pat), NULL, 10) : 999999;
    free(buf);
    return v;
}

static void test_fail_open_and_backoff(void **state)
{
    (void)state;
    int fd;
    int port = closed_port(&fd);
    char url[64], err[256];
    snprintf(url, sizeof url, "redis://127.0.0.1:%d", port);
    rcache *rc = rcache_new(url, 2, 100, 1 << 20, 60000, err, sizeof err);
    assert_non_null(rc);
    cache_entry *out = (cache_entry *)1;
    long long now = 1000000;
    assert_int_equal(rcache_get(rc, "k", now, &out), RCACHE_ERROR);
    assert_null(out);
    assert_int_equal(metric(rc, "lede_redis_errors_total"), 1);
    /* within the first backoff (100 ms): skipped without trying */
    assert_int_equal(rcache_get(rc, "k", now + 50, &out), RCACHE_ERROR);
    cache_entry *e = cache_entry_new(200, "text/plain", strdup("x"), 1, now);
    rcache_put(rc, "k", e, now + 60);
    assert_int_equal(metric(rc, "lede_redis_skipped_total"), 2);
    assert_int_equal(metric(rc, "lede_redis_errors_total"), 1);
    /* after it: tried again, fails again, the backoff doubles (200 ms) */
    assert_int_equal(rcache_get(rc, "k", now + 150, &out), RCACHE_ERROR);
    assert_int_equal(metric(rc, "lede_redis_errors_total"), 2);
    assert_int_equal(rcache_get(rc, "k", now + 300, &out), RCACHE_ERROR);
    assert_int_equal(metric(rc, "lede_redis_skipped_total"), 3);
    assert_int_equal(rcache_get(rc, "k", now + 400, &out), RCACHE_ERROR);
    assert_int_equal(metric(rc, "lede_redis_errors_total"), 3);
    assert_int_equal(metric(rc, "lede_redis_up"), 0);
    assert_int_equal(metric(rc, "lede_redis_enabled"), 1);
    /* too large for the cap: not even tried */
    rcache_free(rc);
    rc = rcache_new(url, 2, 100, 0, 60000, err, sizeof err);
    rcache_put(rc, "k", e, now);
    assert_int_equal(metric(rc, "lede_redis_too_large_total"), 1);
    assert_int_equal(metric(rc, "lede_redis_errors_total"), 0);
    rcache_free(rc);
    cache_entry_unref(e);
    close(fd);
    assert_int_equal(metric(NULL, "lede_redis_enabled"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encode_decode_round_trip),
        cmocka_unit_test(test_binary_and_empty_bodies),
        cmocka_unit_test(test_damaged_values_refused),
        cmocka_unit_test(test_urls),
        cmocka_unit_test(test_fail_open_and_backoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
