/* test_ratelimit.c - unit tests of server/ratelimit.c (per-client token
 * buckets) with explicit clock values: burst, refill, Retry-After, one
 * bucket per IPv4 address and per IPv6 /64, bounded table reuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "ratelimit.h"

static struct sockaddr_in v4(const char *ip)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    inet_pton(AF_INET, ip, &sa.sin_addr);
    return sa;
}

static struct sockaddr_in6 v6(const char *ip)
{
    struct sockaddr_in6 sa;
    memset(&sa, 0, sizeof sa);
    sa.sin6_family = AF_INET6;
    inet_pton(AF_INET6, ip, &sa.sin6_addr);
    return sa;
}

#define SA(x) ((const struct sockaddr *)&(x))

static void test_bad_arguments(void **state)
{
    (void)state;
    assert_null(ratelimit_new(0, 5, 100, 1, 2));
    assert_null(ratelimit_new(-1, 5, 100, 1, 2));
    assert_null(ratelimit_new(1, 0.5, 100, 1, 2));
    /* no limiter: everything passes */
    double w = 7;
    assert_int_equal(ratelimit_take(NULL, NULL, 0, &w), 1);
    assert_true(w == 0);
}

static void test_burst_then_refill(void **state)
{
    (void)state;
    ratelimit *rl = ratelimit_new(2, 3, 100, 1, 2); /* 2/s, burst 3 */
    assert_non_null(rl);
    struct sockaddr_in a = v4("192.0.2.1");
    double w = 0;
    for (int i = 0; i < 3; i++)
        assert_int_equal(ratelimit_take(rl, SA(a), 10.0, &w), 1);
    assert_int_equal(ratelimit_take(rl, SA(a), 10.0, &w), 0);
    assert_true(w > 0.49 && w < 0.51); /* one token every 0.5 s */
    /* 0.25 s later: half a token, still refused, a quarter second to wait */
    assert_int_equal(ratelimit_take(rl, SA(a), 10.25, &w), 0);
    assert_true(w > 0.24 && w < 0.26);
    assert_int_equal(ratelimit_take(rl, SA(a), 10.5, &w), 1);
    assert_int_equal(ratelimit_take(rl, SA(a), 10.5, &w), 0);
    /* a long pause refills to the burst, not beyond */
    for (int i = 0; i < 3; i++)
        assert_int_equal(ratelimit_take(rl, SA(a), 100.0, &w), 1);
    assert_int_equal(ratelimit_take(rl, SA(a), 100.0, &w), 0);
    /* a clock going backwards does not mint tokens */
    assert_int_equal(ratelimit_take(rl, SA(a), 50.0, &w), 0);
    ratelimit_free(rl);
}

static void test_clients_are_separate(void **state)
{
    (void)state;
    ratelimit *rl = ratelimit_new(1, 1, 100, 3, 4);
    struct sockaddr_in a = v4("192.0.2.1"), b = v4("192.0.2.2");
    struct sockaddr_in6 c = v6("2001:db8:1:2::10"), c2 = v6("2001:db8:1:2:ffff::99"),
                        d = v6("2001:db8:1:3::10"), m = v6("::ffff:192.0.2.1");
    assert_int_equal(ratelimit_take(rl, SA(a), 1, NULL), 1);
    assert_int_equal(ratelimit_take(rl, SA(a), 1, NULL), 0);
    assert_int_equal(ratelimit_take(rl, SA(b), 1, NULL), 1);
    /* IPv4-mapped IPv6 is the same client as the IPv4 address */
    assert_int_equal(ratelimit_take(rl, SA(m), 1, NULL), 0);
    /* one bucket per /64 */
    assert_int_equal(ratelimit_take(rl, SA(c), 1, NULL), 1);
    assert_int_equal(ratelimit_take(rl, SA(c2), 1, NULL), 0);
    assert_int_equal(ratelimit_take(rl, SA(d), 1, NULL), 1);
    ratelimit_free(rl);
}

/* Far more clients than slots: memory stays fixed, the stalest buckets are
 * reused, and a client seen again long after starts with a full bucket. */
static void test_table_bounded(void **state)
{
    (void)state;
    ratelimit *rl = ratelimit_new(1, 1, 64, 5, 6);
    char ip[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(ip, sizeof ip, "10.%d.%d.1", i / 250, i % 250);
        struct sockaddr_in a = v4(ip);
        assert_int_equal(ratelimit_take(rl, SA(a), 1000.0 + i * 0.001, NULL), 1);
    }
    struct sockaddr_in a = v4("10.0.0.1");
    assert_int_equal(ratelimit_take(rl, SA(a), 2000.0, NULL), 1);
    assert_int_equal(ratelimit_take(rl, SA(a), 2000.0, NULL), 0);
    ratelimit_free(rl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_burst_then_refill),
        cmocka_unit_test(test_clients_are_separate),
        cmocka_unit_test(test_table_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
