/* test_fetch.c - unit tests of the safe fetcher's decisions (server/fetch.c,
 * server/netcheck.c): the SSRF address table, the socket-level decision the
 * fetcher makes on every hop, URL checks, Content-Type parsing, and real
 * fetch_url() calls that must be refused before any byte is sent (numeric
 * and mapped forms of loopback/metadata addresses). No test leaves loopback:
 * refused addresses are refused before connect(). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cmocka.h>

#include "fetch.h"
#include "netcheck.h"

typedef struct {
    const char *ip;
    netcheck_class cls;
} addr_case;

/* The table the SSRF guard must honour; PUBLIC rows must stay reachable. */
static const addr_case ADDR_CASES[] = {
    /* IPv4 public */
    {"93.184.216.34", NETCHECK_PUBLIC},
    {"8.8.8.8", NETCHECK_PUBLIC},
    {"1.1.1.1", NETCHECK_PUBLIC},
    {"172.15.255.255", NETCHECK_PUBLIC},   /* just below 172.16/12 */
    {"172.32.0.0", NETCHECK_PUBLIC},       /* just above */
    {"100.63.255.255", NETCHECK_PUBLIC},   /* just below CGNAT */
    {"100.128.0.0", NETCHECK_PUBLIC},      /* just above */
    {"169.253.255.255", NETCHECK_PUBLIC},
    {"223.255.255.255", NETCHECK_PUBLIC},  /* last before multicast */
    {"11.0.0.1", NETCHECK_PUBLIC},
    {"192.169.0.1", NETCHECK_PUBLIC},
    /* IPv4 refused */
    {"0.0.0.0", NETCHECK_UNSPECIFIED},
    {"0.1.2.3", NETCHECK_UNSPECIFIED},
    {"127.0.0.1", NETCHECK_LOOPBACK},
    {"127.255.255.254", NETCHECK_LOOPBACK},
    {"10.0.0.1", NETCHECK_PRIVATE},
    {"10.255.255.255", NETCHECK_PRIVATE},
    {"172.16.0.1", NETCHECK_PRIVATE},
    {"172.31.255.255", NETCHECK_PRIVATE},
    {"192.168.1.1", NETCHECK_PRIVATE},
    {"169.254.169.254", NETCHECK_LINK_LOCAL},  /* cloud metadata */
    {"169.254.0.1", NETCHECK_LINK_LOCAL},
    {"100.64.0.1", NETCHECK_CGNAT},
    {"100.127.255.255", NETCHECK_CGNAT},
    {"224.0.0.1", NETCHECK_MULTICAST},
    {"239.255.255.250", NETCHECK_MULTICAST},
    {"255.255.255.255", NETCHECK_BROADCAST},
    {"240.0.0.1", NETCHECK_RESERVED},
    {"255.255.255.254", NETCHECK_RESERVED},
    {"192.0.2.1", NETCHECK_RESERVED},
    {"198.18.0.1", NETCHECK_RESERVED},
    {"198.19.255.255", NETCHECK_RESERVED},
    {"203.0.113.9", NETCHECK_RESERVED},
    {"192.0.0.170", NETCHECK_RESERVED},
    /* IPv6 public */
    {"2606:4700:4700::1111", NETCHECK_PUBLIC},
    {"2a00:1450:4007:80f::200e", NETCHECK_PUBLIC},
    {"2001:4860:4860::8888", NETCHECK_PUBLIC},
    {"::ffff:8.8.8.8", NETCHECK_PUBLIC},       /* mapped public v4 */
    {"64:ff9b::808:808", NETCHECK_PUBLIC},     /* NAT64 of 8.8.8.8 */
    {"2002:808:808::1", NETCHECK_PUBLIC},      /* 6to4 of 8.8.8.8 */
    /* IPv6 refused */
    {"::", NETCHECK_UNSPECIFIED},
    {"::1", NETCHECK_LOOPBACK},
    {"fc00::1", NETCHECK_ULA},
    {"fd12:3456:789a::1", NETCHECK_ULA},
    {"fe80::1", NETCHECK_LINK_LOCAL},
    {"febf::1", NETCHECK_LINK_LOCAL},
    {"fec0::1", NETCHECK_PRIVATE},
    {"ff02::1", NETCHECK_MULTICAST},
    {"ff05::2", NETCHECK_MULTICAST},
    {"::ffff:127.0.0.1", NETCHECK_LOOPBACK},   /* IPv4-mapped */
    {"::ffff:7f00:1", NETCHECK_LOOPBACK},
    {"::ffff:169.254.169.254", NETCHECK_LINK_LOCAL},
    {"::ffff:10.0.0.1", NETCHECK_PRIVATE},
    {"::ffff:0.0.0.0", NETCHECK_UNSPECIFIED},
    {"::127.0.0.1", NETCHECK_LOOPBACK},        /* IPv4-compatible */
    {"::10.1.2.3", NETCHECK_PRIVATE},
    {"64:ff9b::127.0.0.1", NETCHECK_LOOPBACK}, /* NAT64 */
    {"64:ff9b::a9fe:a9fe", NETCHECK_LINK_LOCAL},
    {"64:ff9b:1::1", NETCHECK_TUNNEL},         /* local-use NAT64 */
    {"2002:7f00:1::1", NETCHECK_LOOPBACK},     /* 6to4 embedding 127.0.0.1 */
    {"2002:c0a8:101::", NETCHECK_PRIVATE},     /* 6to4 embedding 192.168.1.1 */
    {"2002:a9fe:a9fe::1", NETCHECK_LINK_LOCAL},
    {"2001::1", NETCHECK_TUNNEL},              /* Teredo */
    {"2001:db8::1", NETCHECK_RESERVED},        /* documentation */
    {"100::1", NETCHECK_RESERVED},             /* discard */
    {"4000::1", NETCHECK_RESERVED},            /* outside 2000::/3 */
    {"1::1", NETCHECK_RESERVED},
    /* not numeric */
    {"localhost", NETCHECK_BAD_FAMILY},
    {"0x7f.1", NETCHECK_BAD_FAMILY},
    {"2130706433", NETCHECK_BAD_FAMILY},
    {"", NETCHECK_BAD_FAMILY},
};

static void test_address_table(void **state)
{
    int bad = 0;
    for (size_t i = 0; i < sizeof ADDR_CASES / sizeof ADDR_CASES[0]; i++) {
        netcheck_class got = netcheck_string(ADDR_CASES[i].ip);
        if (got != ADDR_CASES[i].cls) {
            print_error("%s: got %s, want %s\n", ADDR_CASES[i].ip, netcheck_class_name(got),
                        netcheck_class_name(ADDR_CASES[i].cls));
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_class_names(void **state)
{
    for (int c = NETCHECK_PUBLIC; c <= NETCHECK_BAD_FAMILY; c++)
        assert_string_not_equal(netcheck_class_name((netcheck_class)c), "unknown");
    assert_true(netcheck_refused(NETCHECK_LOOPBACK));
    assert_false(netcheck_refused(NETCHECK_PUBLIC));
}

static socklen_t make_sa(const char *ip, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, ip, &s4->sin_addr) == 1) {
        s4->sin_family = AF_INET;
        s4->sin_port = htons(80);
        return sizeof *s4;
    }
    assert_int_equal(inet_pton(AF_INET6, ip, &s6->sin6_addr), 1);
    s6->sin6_family = AF_INET6;
    s6->sin6_port = htons(80);
    return sizeof *s6;
}

/* The decision the open-socket hook makes on every hop (first and redirect):
 * every refused row of the table is refused with the flag off and allowed
 * with it on; public rows are always allowed. */
static void test_socket_decision(void **state)
{
    fetch_config off, on;
    fetch_config_defaults(&off);
    fetch_config_defaults(&on);
    on.allow_private = 1;
    for (size_t i = 0; i < sizeof ADDR_CASES / sizeof ADDR_CASES[0]; i++) {
        if (ADDR_CASES[i].cls == NETCHECK_BAD_FAMILY)
            continue;
        struct sockaddr_storage ss;
        socklen_t len = make_sa(ADDR_CASES[i].ip, &ss);
        char why[160] = "";
        int allowed = fetch_address_allowed(&off, (struct sockaddr *)&ss, len, why, sizeof why);
        if (ADDR_CASES[i].cls == NETCHECK_PUBLIC) {
            assert_int_equal(allowed, 1);
        } else {
            if (allowed)
                print_error("%s allowed with the flag off\n", ADDR_CASES[i].ip);
            assert_int_equal(allowed, 0);
            assert_non_null(strstr(why, "refused"));
            assert_non_null(strstr(why, netcheck_class_name(ADDR_CASES[i].cls)));
        }
        assert_int_equal(fetch_address_allowed(&on, (struct sockaddr *)&ss, len, NULL, 0), 1);
    }
}

static void test_socket_decision_odd(void **state)
{
    fetch_config on;
    fetch_config_defaults(&on);
    on.allow_private = 1;
    /* A unix socket is never an upstream, not even with the flag on. */
    struct sockaddr_un un;
    memset(&un, 0, sizeof un);
    un.sun_family = AF_UNIX;
    strcpy(un.sun_path, "/run/docker.sock");
    char why[160];
    assert_int_equal(fetch_address_allowed(&on, (struct sockaddr *)&un, sizeof un, why, sizeof why), 0);
    /* Truncated sockaddr. */
    struct sockaddr_in s4;
    memset(&s4, 0, sizeof s4);
    s4.sin_family = AF_INET;
    assert_int_equal(fetch_address_allowed(&on, (struct sockaddr *)&s4, 4, why, sizeof why), 0);
    assert_int_equal(netcheck_sockaddr(NULL, 0), NETCHECK_BAD_FAMILY);
}

typedef struct {
    const char *url;
    int ok;
} url_case;

static void test_check_url(void **state)
{
    static const url_case cases[] = {
        {"http://example.com/", 1},
        {"https://example.com/a/b?c=d#e", 1},
        {"HTTP://EXAMPLE.COM/", 1},
        {"http://[2001:db8::1]:8080/", 1},  /* syntax fine; the address check refuses later */
        {"http://2130706433/", 1},
        {"ftp://example.com/", 0},
        {"file:///etc/passwd", 0},
        {"gopher://example.com/", 0},
        {"javascript:alert(1)", 0},
        {"data:text/html,hi", 0},
        {"//example.com/", 0},
        {"example.com", 0},
        {"", 0},
        {"http://", 0},
        {"http://user:pw@example.com/", 0},
        {"http://user@example.com/", 0},
        {"http://example.com@127.0.0.1/", 0},
        {"http://exa mple.com/", 0},
    };
    char why[200];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = fetch_check_url(cases[i].url, why, sizeof why);
        if ((rc == 0) != cases[i].ok)
            print_error("%s: rc %d (%s)\n", cases[i].url, rc, rc ? why : "");
        assert_int_equal(rc == 0, cases[i].ok);
    }
    assert_int_not_equal(fetch_check_url(NULL, why, sizeof why), 0);
    char *longurl = malloc(9000);
    assert_non_null(longurl);
    memcpy(longurl, "http://a.com/", 13);
    memset(longurl + 13, 'x', 9000 - 14);
    longurl[8999] = '\0';
    assert_int_not_equal(fetch_check_url(longurl, why, sizeof why), 0);
    free(longurl);
}

typedef struct {
    const char *value;
    const char *media;
    const char *charset;
} ctype_case;

static void test_content_type(void **state)
{
    static const ctype_case cases[] = {
        {"text/html", "text/html", NULL},
        {"text/html; charset=UTF-8", "text/html", "utf-8"},
        {" Text/HTML ;Charset=\"ISO-8859-1\" ", "text/html", "iso-8859-1"},
        {"text/html; foo=bar; charset=windows-1251", "text/html", "windows-1251"},
        {"text/html; foo; charset=koi8-r", "text/html", "koi8-r"},
        {"application/xhtml+xml;charset=shift_jis", "application/xhtml+xml", "shift_jis"},
        {"text/html; charset=", "text/html", NULL},
        {"", NULL, NULL},
        {"; charset=utf-8", NULL, "utf-8"},
        {NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *m = (char *)1, *cs = (char *)1;
        assert_int_equal(fetch_parse_content_type(cases[i].value, &m, &cs), 0);
        if (cases[i].media)
            assert_string_equal(m, cases[i].media);
        else
            assert_null(m);
        if (cases[i].charset)
            assert_string_equal(cs, cases[i].charset);
        else
            assert_null(cs);
        free(m);
        free(cs);
    }
}

static void test_media_types(void **state)
{
    assert_true(fetch_media_type_ok("text/html"));
    assert_true(fetch_media_type_ok("application/xhtml+xml"));
    assert_true(fetch_media_type_ok("text/plain"));
    assert_true(fetch_media_type_ok(NULL));
    assert_true(fetch_media_type_ok(""));
    assert_false(fetch_media_type_ok("application/pdf"));
    assert_false(fetch_media_type_ok("application/json"));
    assert_false(fetch_media_type_ok("image/png"));
    assert_false(fetch_media_type_ok("text/html2"));
    assert_false(fetch_media_type_ok("application/octet-stream"));
}

/* Real fetch_url() calls that must stop at the open-socket hook: curl
 * resolves every spelling (decimal, hex, short, mapped) to the real address
 * and the hook refuses it before connect(). Port 9 (discard) is never
 * contacted, so nothing listens and nothing leaves the machine. */
static void test_fetch_refuses_before_connect(void **state)
{
    static const char *const urls[] = {
        "http://127.0.0.1:9/",
        "http://2130706433:9/",        /* decimal 127.0.0.1 */
        "http://0x7f.1:9/",            /* hex + short form */
        "http://0177.0.0.1:9/",        /* octal */
        "http://127.1:9/",
        "http://0:9/",                 /* 0.0.0.0 */
        "http://[::1]:9/",
        "http://[::ffff:127.0.0.1]:9/",
        "http://[::ffff:169.254.169.254]:9/",
        "http://169.254.169.254:9/latest/meta-data/",
        "http://localhost:9/",
        "http://10.0.0.1:9/",
        "http://192.168.0.1:9/",
        "http://[fe80::1]:9/",
        "http://[fd00::1]:9/",
        "https://127.0.0.1:9/",
    };
    fetch_config cfg;
    fetch_config_defaults(&cfg);
    cfg.connect_timeout_ms = 2000;
    cfg.total_timeout_ms = 3000;
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        fetch_result r;
        int rc = fetch_url(&cfg, urls[i], &r);
        if (rc != FETCH_ERR_BLOCKED)
            print_error("%s: got %s (%s)\n", urls[i], fetch_code_name(r.code), r.message);
        assert_int_equal(rc, FETCH_ERR_BLOCKED);
        assert_int_equal(r.code, FETCH_ERR_BLOCKED);
        assert_non_null(strstr(r.message, "refused"));
        assert_null(r.body);
        fetch_result_free(&r);
    }
}

static void test_fetch_bad_urls(void **state)
{
    fetch_result r;
    assert_int_equal(fetch_url(NULL, "file:///etc/passwd", &r), FETCH_ERR_BAD_URL);
    assert_non_null(strstr(r.message, "http"));
    fetch_result_free(&r);
    assert_int_equal(fetch_url(NULL, "http://u:p@example.com/", &r), FETCH_ERR_BAD_URL);
    fetch_result_free(&r);
    assert_int_equal(fetch_url(NULL, "not a url", &r), FETCH_ERR_BAD_URL);
    fetch_result_free(&r);
}

/* ---- redirect hops, end to end on loopback ------------------------------
 * A tiny HTTP server on 127.0.0.1 (one thread, a bounded number of
 * connections) answers /to-other with a redirect to 127.0.0.2 (also
 * loopback on Linux, but nothing listens there) and /page with HTML. The
 * test policy allows 127.0.0.1 only: the redirect hop must be refused by
 * the policy (BLOCKED), not fail to connect (NETWORK). */

#include <pthread.h>
#include <unistd.h>

#define MINI_MAX_CONN 8 /* the tests below make at most a handful of requests */
#define MINI_PAGE "<html><p>mini page</p></html>"

typedef struct {
    int fd;
    int port;
    int served;
} mini_server;

static void *mini_serve(void *arg)
{
    mini_server *m = arg;
    for (int i = 0; i < MINI_MAX_CONN; i++) {
        int c = accept(m->fd, NULL, NULL);
        if (c < 0)
            break;
        char req[2048];
        ssize_t n = read(c, req, sizeof req - 1);
        if (n <= 0) {
            close(c);
            continue;
        }
        req[n] = '\0';
        char resp[512];
        int len;
        if (strncmp(req, "GET /to-other ", 14) == 0)
            len = snprintf(resp, sizeof resp,
                           "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:%d/page\r\n"
                           "Content-Length: 0\r\nConnection: close\r\n\r\n", m->port);
        else if (strncmp(req, "GET /to-self ", 13) == 0)
            len = snprintf(resp, sizeof resp,
                           "HTTP/1.1 301 Moved\r\nLocation: /page\r\n"
                           "Content-Length: 0\r\nConnection: close\r\n\r\n");
        else
            len = snprintf(resp, sizeof resp,
                           "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n"
                           "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                           strlen(MINI_PAGE), MINI_PAGE);
        if (write(c, resp, (size_t)len) < 0) {
            /* the client went away: nothing to do */
        }
        m->served++;
        close(c);
    }
    return NULL;
}

static int mini_start(mini_server *m, pthread_t *th)
{
    memset(m, 0, sizeof *m);
    m->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (m->fd < 0)
        return -1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    if (bind(m->fd, (struct sockaddr *)&a, sizeof a) || listen(m->fd, 8) ||
        getsockname(m->fd, (struct sockaddr *)&a, &al))
        return -1;
    m->port = ntohs(a.sin_port);
    return pthread_create(th, NULL, mini_serve, m);
}

static void mini_stop(mini_server *m, pthread_t th)
{
    shutdown(m->fd, SHUT_RDWR); /* wakes accept() */
    close(m->fd);
    pthread_join(th, NULL);
}

/* Allow 127.0.0.1 only (everything else refused, whatever its class). */
static int only_127_0_0_1(const fetch_config *cfg, const struct sockaddr *sa, unsigned int salen,
                          char *why, size_t whylen)
{
    if (sa && sa->sa_family == AF_INET && salen >= sizeof(struct sockaddr_in) &&
        ((const struct sockaddr_in *)sa)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
        return 1;
    if (why && whylen)
        snprintf(why, whylen, "refused by the test policy");
    return 0;
}

static void test_redirect_hop_is_checked(void **state)
{
    mini_server m;
    pthread_t th;
    assert_int_equal(mini_start(&m, &th), 0);
    fetch_config cfg;
    fetch_config_defaults(&cfg);
    cfg.allow_private = 1; /* the policy below decides, not the flag */
    cfg.total_timeout_ms = 5000;
    char url[128];
    fetch_result r;

    /* First hop allowed, page fetched: the policy lets good hops through. */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/page", m.port);
    assert_int_equal(fetch_url_policy(&cfg, url, &r, only_127_0_0_1), FETCH_OK);
    assert_string_equal(r.body, MINI_PAGE);
    assert_string_equal(r.content_type, "text/html");
    assert_string_equal(r.charset, "iso-8859-1");
    fetch_result_free(&r);

    /* Same-host redirect: allowed hop, followed. */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/to-self", m.port);
    assert_int_equal(fetch_url_policy(&cfg, url, &r, only_127_0_0_1), FETCH_OK);
    assert_non_null(strstr(r.final_url, "/page"));
    fetch_result_free(&r);

    /* Redirect to another address: refused at the second hop by the policy. */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/to-other", m.port);
    int rc = fetch_url_policy(&cfg, url, &r, only_127_0_0_1);
    if (rc != FETCH_ERR_BLOCKED)
        print_error("redirect hop: %s (%s)\n", fetch_code_name(r.code), r.message);
    assert_int_equal(rc, FETCH_ERR_BLOCKED);
    assert_non_null(strstr(r.message, "test policy"));
    assert_int_equal(r.http_status, 302);
    fetch_result_free(&r);

    /* And the first hop itself refused: nothing reaches the server. */
    int before = m.served;
    snprintf(url, sizeof url, "http://127.0.0.2:%d/page", m.port);
    assert_int_equal(fetch_url_policy(&cfg, url, &r, only_127_0_0_1), FETCH_ERR_BLOCKED);
    fetch_result_free(&r);
    assert_int_equal(m.served, before);
    mini_stop(&m, th);
}

static void test_defaults_and_names(void **state)
{
    fetch_config c;
    fetch_config_defaults(&c);
    assert_int_equal(c.max_redirects, 5);
    assert_int_equal(c.allow_private, 0);
    assert_true(c.connect_timeout_ms > 0 && c.connect_timeout_ms <= c.total_timeout_ms);
    assert_true(c.max_bytes > 0 && c.max_decoded_bytes >= c.max_bytes);
    assert_non_null(c.user_agent);
    assert_string_equal(fetch_code_name(FETCH_ERR_BLOCKED), "blocked");
    assert_string_equal(fetch_code_name(FETCH_OK), "ok");
    fetch_result r;
    memset(&r, 0, sizeof r);
    fetch_result_free(&r); /* freeing an empty result is fine */
    fetch_result_free(NULL);
}

int main(void)
{
    fetch_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_address_table),
        cmocka_unit_test(test_class_names),
        cmocka_unit_test(test_socket_decision),
        cmocka_unit_test(test_socket_decision_odd),
        cmocka_unit_test(test_check_url),
        cmocka_unit_test(test_content_type),
        cmocka_unit_test(test_media_types),
        cmocka_unit_test(test_fetch_refuses_before_connect),
        cmocka_unit_test(test_fetch_bad_urls),
        cmocka_unit_test(test_redirect_hop_is_checked),
        cmocka_unit_test(test_defaults_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
