/* fetch.c - the safe fetcher behind GET /article (interface in fetch.h).
 *
 * One libcurl easy handle per call, so worker threads never share state.
 * The limits, in the order a transfer meets them:
 *   - the URL is checked first (http/https only, a host, no user:password);
 *   - every socket curl opens goes through fetch_opensocket(), which refuses
 *     non-public addresses (netcheck.c) unless allow_private is set. This
 *     runs on the resolved address actually about to be connected, for the
 *     first hop and every redirect hop, so DNS rebinding and "public name
 *     redirecting to 127.0.0.1" are both caught; fetch_prereq() re-checks
 *     the connected peer before each request is sent (also covers reused
 *     connections);
 *   - redirects are followed by curl, at most max_redirects, http/https only;
 *   - connect and total timeouts, plus a low-speed limit so an upstream
 *     that sends headers and then stalls cannot hold a worker;
 *   - the wire size is capped in the progress callback (bytes actually
 *     received, not Content-Length; a declared Content-Length over the cap
 *     fails early too); the decoded size is capped in the write callback,
 *     which sees bytes after curl's gzip/deflate/br decoding, so a
 *     decompression bomb stops at max_decoded_bytes;
 *   - an error status (>= 400) or a non-HTML media type aborts at the first
 *     body byte instead of downloading the rest.
 * Decisions documented for the API:
 *   - accepted media types: text/html, application/xhtml+xml, text/plain
 *     (servers often mislabel HTML as text/plain; the library copes with
 *     plain text) and a missing Content-Type (the library sniffs);
 *   - URLs carrying credentials (http://user:pw@host/) are refused as
 *     BAD_URL: a shared service must not forward caller secrets, and the
 *     form is a classic way to disguise the real host;
 *   - no cookies, no .netrc, no proxy from the environment, TLS verified. */
#include "fetch.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "netcheck.h"

/* Longest URL accepted: browsers and CDNs stop around 8 KiB too. */
#define FETCH_MAX_URL_LEN 8192
/* An upstream below 1 byte/s for this long is hanging: give the worker back. */
#define FETCH_STALL_SECONDS 10L
/* First body allocation; grows by doubling up to the decoded cap. */
#define FETCH_INITIAL_BUF 16384
/* Media types the extractor accepts (see the top comment). */
static const char *const FETCH_HTML_TYPES[] = {
    "text/html",
    "application/xhtml+xml",
    "text/plain",
};
/* Encodings offered upstream; curl decodes all three (Debian 12 libcurl has brotli). */
static const char FETCH_ACCEPT_ENCODING[] = "gzip, deflate, br";
static const char FETCH_ACCEPT[] =
    "Accept: text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1";

/* State of one transfer, shared by the curl callbacks. */
typedef struct {
    const fetch_config *cfg;
    fetch_addr_policy policy;
    char *buf;
    size_t len, cap;
    long status;          /* status of the response being received */
    char *ctype_raw;      /* its Content-Type header value */
    int judged;           /* the response being received was judged */
    fetch_code stop;      /* why a callback aborted (FETCH_OK: none) */
    char why[192];        /* detail for stop */
    int blocked;          /* an address was refused (curl may still use another) */
    char blocked_why[192];
} fetch_xfer;

static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;

static void fetch_do_global_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

void fetch_global_init(void)
{
    pthread_once(&fetch_once, fetch_do_global_init);
}

void fetch_config_defaults(fetch_config *c)
{
    memset(c, 0, sizeof *c);
    c->connect_timeout_ms = FETCH_DEFAULT_CONNECT_MS;
    c->total_timeout_ms = FETCH_DEFAULT_TOTAL_MS;
    c->max_bytes = FETCH_DEFAULT_MAX_BYTES;
    c->max_decoded_bytes = FETCH_DEFAULT_MAX_DECODED;
    c->max_redirects = FETCH_DEFAULT_REDIRECTS;
    c->user_agent = FETCH_DEFAULT_USER_AGENT;
    c->allow_private = 0;
}

const char *fetch_code_name(fetch_code c)
{
    switch (c) {
    case FETCH_OK: return "ok";
    case FETCH_ERR_BAD_URL: return "bad_url";
    case FETCH_ERR_BLOCKED: return "blocked";
    case FETCH_ERR_TIMEOUT: return "timeout";
    case FETCH_ERR_UPSTREAM_STATUS: return "upstream_status";
    case FETCH_ERR_TOO_LARGE: return "too_large";
    case FETCH_ERR_NOT_HTML: return "not_html";
    case FETCH_ERR_NETWORK: return "network";
    }
    return "unknown";
}

void fetch_result_free(fetch_result *r)
{
    if (!r)
        return;
    free(r->body);
    free(r->content_type);
    free(r->charset);
    free(r->final_url);
    r->body = r->content_type = r->charset = r->final_url = NULL;
    r->len = 0;
}

/* ---- address policy ------------------------------------------------------ */

static void fetch_addr_text(const struct sockaddr *sa, char *out, size_t n)
{
    const void *src = NULL;
    if (sa->sa_family == AF_INET)
        src = &((const struct sockaddr_in *)sa)->sin_addr;
    else if (sa->sa_family == AF_INET6)
        src = &((const struct sockaddr_in6 *)sa)->sin6_addr;
    if (!src || !inet_ntop(sa->sa_family, src, out, (socklen_t)n))
        snprintf(out, n, "(address family %d)", (int)sa->sa_family);
}

int fetch_address_allowed(const fetch_config *cfg, const struct sockaddr *sa,
                          unsigned int salen, char *why, size_t whylen)
{
    netcheck_class c = netcheck_sockaddr(sa, (socklen_t)salen);
    /* Even with private networks allowed, only IP sockets (no unix sockets). */
    if (c == NETCHECK_BAD_FAMILY || (!cfg->allow_private && netcheck_refused(c))) {
        if (why && whylen) {
            char ip[INET6_ADDRSTRLEN + 16] = "?";
            if (sa)
                fetch_addr_text(sa, ip, sizeof ip);
            snprintf(why, whylen, "refused to connect to %s (%s address)", ip,
                     netcheck_class_name(c));
        }
        return 0;
    }
    return 1;
}

/* CURLOPT_OPENSOCKETFUNCTION: the resolved address, before connect(). */
static curl_socket_t fetch_opensocket(void *clientp, curlsocktype purpose,
                                      struct curl_sockaddr *a)
{
    fetch_xfer *x = clientp;
    if (purpose != CURLSOCKTYPE_IPCXN)
        return CURL_SOCKET_BAD;
    if (!x->policy(x->cfg, &a->addr, a->addrlen, x->blocked_why, sizeof x->blocked_why)) {
        x->blocked = 1;
        return CURL_SOCKET_BAD; /* curl tries the next address, if any */
    }
    return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* CURLOPT_PREREQFUNCTION: the peer of the connection a request will use. */
static int fetch_prereq(void *clientp, char *primary_ip, char *local_ip,
                        int primary_port, int local_port)
{
    fetch_xfer *x = clientp;
    struct sockaddr_storage ss;
    socklen_t len = 0;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
    if (primary_ip && inet_pton(AF_INET, primary_ip, &s4->sin_addr) == 1) {
        s4->sin_family = AF_INET;
        len = sizeof *s4;
    } else if (primary_ip && inet_pton(AF_INET6, primary_ip, &s6->sin6_addr) == 1) {
        s6->sin6_family = AF_INET6;
        len = sizeof *s6;
    }
    /* len 0 (not an IP: a unix socket?) is refused by every policy. */
    if (!x->policy(x->cfg, (struct sockaddr *)&ss, len, x->blocked_why, sizeof x->blocked_why)) {
        x->blocked = 1;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}

/* ---- URL and content type ------------------------------------------------ */

int fetch_check_url(const char *url, char *why, size_t whylen)
{
    int rc = -1;
    char *scheme = NULL, *host = NULL, *user = NULL, *pass = NULL;
    CURLU *u = NULL;

    if (!url || !*url) {
        snprintf(why, whylen, "missing URL");
        return -1;
    }
    if (strlen(url) > FETCH_MAX_URL_LEN) {
        snprintf(why, whylen, "URL longer than %d bytes", FETCH_MAX_URL_LEN);
        return -1;
    }
    u = curl_url();
    if (!u) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
        snprintf(why, whylen, "not a valid absolute URL");
        goto done;
    }
    if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)) {
        snprintf(why, whylen, "only http and https URLs can be fetched");
        goto done;
    }
    if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host || !*host) {
        snprintf(why, whylen, "URL has no host");
        goto done;
    }
    if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
        curl_url_get(u, CURLUPART_PASSWORD, &pass, 0) == CURLUE_OK) {
        snprintf(why, whylen, "URLs with credentials (user:password@) are refused");
        goto done;
    }
    rc = 0;
done:
    curl_free(scheme);
    curl_free(host);
    curl_free(user);
    curl_free(pass);
    curl_url_cleanup(u);
    return rc;
}

static char *fetch_dup_lower_trim(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        s++;
        n -= 2;
    }
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[n] = '\0';
    return out;
}

int fetch_parse_content_type(const char *value, char **media, char **charset)
{
    *media = NULL;
    *charset = NULL;
    if (!value)
        return 0;
    const char *semi = strchr(value, ';');
    size_t mlen = semi ? (size_t)(semi - value) : strlen(value);
    char *m = fetch_dup_lower_trim(value, mlen);
    if (!m)
        return -1;
    if (*m)
        *media = m;
    else
        free(m);
    /* Parameters: ; name=value ; name="value" */
    const char *p = semi;
    while (p && *p == ';') {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        const char *eq = strchr(p, '=');
        const char *next = strchr(p, ';');
        if (!eq || (next && eq > next)) {
            p = next;
            continue;
        }
        size_t nlen = (size_t)(eq - p);
        while (nlen && isspace((unsigned char)p[nlen - 1]))
            nlen--;
        const char *v = eq + 1;
        size_t vlen = next ? (size_t)(next - v) : strlen(v);
        if (nlen == 7 && strncasecmp(p, "charset", 7) == 0 && !*charset) {
            char *cs = fetch_dup_lower_trim(v, vlen);
            if (!cs) {
                free(*media);
                *media = NULL;
                return -1;
            }
            if (*cs)
                *charset = cs;
            else
                free(cs);
        }
        p = next;
    }
    return 0;
}

int fetch_media_type_ok(const char *media)
{
    if (!media || !*media)
        return 1;
    for (size_t i = 0; i < sizeof FETCH_HTML_TYPES / sizeof FETCH_HTML_TYPES[0]; i++)
        if (strcmp(media, FETCH_HTML_TYPES[i]) == 0)
            return 1;
    return 0;
}

/* ---- transfer callbacks -------------------------------------------------- */

/* Every header line of every response (redirects included). A status line
 * starts a new response: forget what the previous one said. */
static size_t fetch_header_cb(char *data, size_t size, size_t n, void *clientp)
{
    fetch_xfer *x = clientp;
    size_t len = size * n;
    if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        const char *sp = memchr(data, ' ', len);
        x->status = sp ? strtol(sp + 1, NULL, 10) : 0;
        free(x->ctype_raw);
        x->ctype_raw = NULL;
        x->len = 0;
        x->judged = 0;
    } else if (len > 13 && strncasecmp(data, "content-type:", 13) == 0) {
        size_t vlen = len - 13;
        free(x->ctype_raw);
        x->ctype_raw = malloc(vlen + 1);
        if (!x->ctype_raw)
            return 0;
        memcpy(x->ctype_raw, data + 13, vlen);
        x->ctype_raw[vlen] = '\0';
        /* strip CRLF */
        while (vlen && (x->ctype_raw[vlen - 1] == '\r' || x->ctype_raw[vlen - 1] == '\n'))
            x->ctype_raw[--vlen] = '\0';
    }
    return len;
}

/* Judge the final response once, at its first body byte (or at the end
 * when it has no body). Returns FETCH_OK or the reason to refuse it. */
static fetch_code fetch_judge_response(fetch_xfer *x)
{
    if (x->status < 200 || x->status >= 300) {
        snprintf(x->why, sizeof x->why, "upstream answered HTTP %ld", x->status);
        return FETCH_ERR_UPSTREAM_STATUS;
    }
    char *media = NULL, *charset = NULL;
    if (fetch_parse_content_type(x->ctype_raw, &media, &charset) != 0)
        return FETCH_ERR_NETWORK;
    fetch_code c = FETCH_OK;
    if (!fetch_media_type_ok(media)) {
        snprintf(x->why, sizeof x->why, "upstream content type %.100s is not HTML", media);
        c = FETCH_ERR_NOT_HTML;
    }
    free(media);
    free(charset);
    return c;
}

/* Body bytes after content decoding: this is where the decoded cap lives. */
static size_t fetch_write_cb(char *data, size_t size, size_t n, void *clientp)
{
    fetch_xfer *x = clientp;
    size_t len = size * n;
    if (!x->judged) {
        x->judged = 1;
        fetch_code c = fetch_judge_response(x);
        if (c != FETCH_OK) {
            x->stop = c;
            return 0;
        }
    }
    if (len > x->cfg->max_decoded_bytes - x->len || x->len > x->cfg->max_decoded_bytes) {
        x->stop = FETCH_ERR_TOO_LARGE;
        snprintf(x->why, sizeof x->why, "page larger than %zu bytes after decompression",
                 x->cfg->max_decoded_bytes);
        return 0;
    }
    if (x->len + len + 1 > x->cap) {
        size_t cap = x->cap ? x->cap : FETCH_INITIAL_BUF;
        while (cap < x->len + len + 1)
            cap *= 2;
        if (cap > x->cfg->max_decoded_bytes + 1)
            cap = x->cfg->max_decoded_bytes + 1;
        char *nb = realloc(x->buf, cap);
        if (!nb) {
            x->stop = FETCH_ERR_NETWORK;
            snprintf(x->why, sizeof x->why, "out of memory");
            return 0;
        }
        x->buf = nb;
        x->cap = cap;
    }
    memcpy(x->buf + x->len, data, len);
    x->len += len;
    x->buf[x->len] = '\0';
    return len;
}

/* Progress: dlnow counts body bytes as received (before decoding). */
static int fetch_xferinfo_cb(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                             curl_off_t ultotal, curl_off_t ulnow)
{
    fetch_xfer *x = clientp;
    if (dlnow > 0 && (curl_off_t)x->cfg->max_bytes < dlnow) {
        x->stop = FETCH_ERR_TOO_LARGE;
        snprintf(x->why, sizeof x->why, "page larger than %zu bytes", x->cfg->max_bytes);
        return 1;
    }
    return 0;
}

/* ---- the fetch ----------------------------------------------------------- */

static int fetch_fail(fetch_result *out, fetch_code code, const char *msg)
{
    out->code = code;
    snprintf(out->message, sizeof out->message, "%s", msg);
    return (int)code;
}

/* Map curl's result (and what the callbacks saw) to a fetch_code. */
static fetch_code fetch_map_error(CURLcode rc, const fetch_xfer *x, const fetch_config *cfg,
                                  char *msg, size_t n)
{
    if (x->stop != FETCH_OK) {
        snprintf(msg, n, "%s", x->why);
        return x->stop;
    }
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        snprintf(msg, n, "upstream timed out (connect %ld ms, total %ld ms, or stalled)",
                 cfg->connect_timeout_ms, cfg->total_timeout_ms);
        return FETCH_ERR_TIMEOUT;
    case CURLE_FILESIZE_EXCEEDED:
        snprintf(msg, n, "page larger than %zu bytes (Content-Length)", cfg->max_bytes);
        return FETCH_ERR_TOO_LARGE;
    case CURLE_TOO_MANY_REDIRECTS:
        snprintf(msg, n, "more than %d redirects", cfg->max_redirects);
        return FETCH_ERR_NETWORK;
    case CURLE_UNSUPPORTED_PROTOCOL:
        snprintf(msg, n, "redirect to a non-http(s) URL refused");
        return FETCH_ERR_BLOCKED;
    case CURLE_URL_MALFORMAT:
        snprintf(msg, n, "malformed URL (or redirect Location)");
        return FETCH_ERR_BAD_URL;
    default:
        break;
    }
    /* A refused address makes curl fail to connect (or abort in prereq):
     * report the refusal, not the connect error it caused. */
    if (x->blocked &&
        (rc == CURLE_COULDNT_CONNECT || rc == CURLE_ABORTED_BY_CALLBACK ||
         rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR)) {
        snprintf(msg, n, "%s", x->blocked_why);
        return FETCH_ERR_BLOCKED;
    }
    if (rc == CURLE_COULDNT_RESOLVE_HOST)
        snprintf(msg, n, "could not resolve the host");
    else
        snprintf(msg, n, "fetch failed: %s", curl_easy_strerror(rc));
    return FETCH_ERR_NETWORK;
}

int fetch_url(const fetch_config *cfg, const char *url, fetch_result *out)
{
    return fetch_url_policy(cfg, url, out, fetch_address_allowed);
}

int fetch_url_policy(const fetch_config *cfg_in, const char *url, fetch_result *out,
                     fetch_addr_policy policy)
{
    fetch_config cfg;
    fetch_xfer x;
    char why[256];
    CURL *h = NULL;
    struct curl_slist *hdrs = NULL;

    memset(out, 0, sizeof *out);
    memset(&x, 0, sizeof x);
    fetch_global_init();
    if (cfg_in)
        cfg = *cfg_in;
    else
        fetch_config_defaults(&cfg);
    /* 0 means "default" for every limit: a zero cap would refuse every page. */
    if (cfg.connect_timeout_ms <= 0)
        cfg.connect_timeout_ms = FETCH_DEFAULT_CONNECT_MS;
    if (cfg.total_timeout_ms <= 0)
        cfg.total_timeout_ms = FETCH_DEFAULT_TOTAL_MS;
    if (cfg.max_bytes == 0)
        cfg.max_bytes = FETCH_DEFAULT_MAX_BYTES;
    if (cfg.max_decoded_bytes == 0)
        cfg.max_decoded_bytes = FETCH_DEFAULT_MAX_DECODED;
    if (cfg.max_redirects < 0)
        cfg.max_redirects = 0;
    if (!cfg.user_agent)
        cfg.user_agent = FETCH_DEFAULT_USER_AGENT;
    x.cfg = &cfg;
    x.policy = policy ? policy : fetch_address_allowed;

    if (fetch_check_url(url, why, sizeof why) != 0)
        return fetch_fail(out, FETCH_ERR_BAD_URL, why);

    h = curl_easy_init();
    hdrs = curl_slist_append(NULL, FETCH_ACCEPT);
    if (!h || !hdrs) {
        curl_easy_cleanup(h);
        curl_slist_free_all(hdrs);
        return fetch_fail(out, FETCH_ERR_NETWORK, "out of memory");
    }
    long stall = FETCH_STALL_SECONDS;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)cfg.max_redirects);
    curl_easy_setopt(h, CURLOPT_PROXY, "");           /* ignore http_proxy & co */
    curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
    curl_easy_setopt(h, CURLOPT_UNRESTRICTED_AUTH, 0L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, cfg.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, cfg.total_timeout_ms);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, stall);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)cfg.max_bytes);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, FETCH_ACCEPT_ENCODING);
    curl_easy_setopt(h, CURLOPT_USERAGENT, cfg.user_agent);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, fetch_opensocket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &x);
    curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, fetch_prereq);
    curl_easy_setopt(h, CURLOPT_PREREQDATA, &x);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, fetch_header_cb);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, fetch_write_cb);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, fetch_xferinfo_cb);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &x);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);

    CURLcode rc = curl_easy_perform(h);

    long status = 0;
    char *eff = NULL;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
    out->http_status = status ? status : x.status;
    if (eff)
        out->final_url = strdup(eff);

    if (rc == CURLE_OK && x.stop == FETCH_OK) {
        /* No body at all: the write callback never judged the response. */
        if (!x.judged) {
            fetch_code c = fetch_judge_response(&x);
            if (c != FETCH_OK) {
                x.stop = c;
            }
        }
        if (x.stop == FETCH_OK && !x.buf) {
            x.buf = strdup("");
            if (!x.buf)
                x.stop = FETCH_ERR_NETWORK;
        }
    }
    if (rc != CURLE_OK || x.stop != FETCH_OK) {
        out->code = fetch_map_error(rc, &x, &cfg, out->message, sizeof out->message);

    } else {
        out->code = FETCH_OK;
        out->body = x.buf;
        out->len = x.len;
        x.buf = NULL;
        if (fetch_parse_content_type(x.ctype_raw, &out->content_type, &out->charset) != 0) {
            out->code = FETCH_ERR_NETWORK;
            snprintf(out->message, sizeof out->message, "out of memory");
        }
    }
    if (out->code != FETCH_OK) {
        free(out->body);
        out->body = NULL;
        out->len = 0;
    }
    free(x.buf);
    free(x.ctype_raw);
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(h);
    return (int)out->code;
}
