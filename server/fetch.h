/* fetch.h - the safe URL fetcher used by GET /article.
 *
 * One call fetches one http(s) URL with libcurl under hard limits:
 * connect and total timeouts, a low-speed abort for hanging upstreams, a
 * streamed byte cap (Content-Length is never trusted), a cap on the
 * decompressed size (gzip, deflate, br are accepted and decoded by curl),
 * at most max_redirects redirects, and an SSRF guard that checks the
 * address curl actually connects to (every hop, immune to DNS rebinding).
 * See netcheck.h for the address classification. Thread-safe once
 * fetch_global_init() has run. */
#ifndef LEDE_FETCH_H
#define LEDE_FETCH_H

#include <stddef.h>

typedef struct {
    long connect_timeout_ms;   /* TCP + TLS connect, per hop */
    long total_timeout_ms;     /* whole transfer, all hops */
    size_t max_bytes;          /* cap on bytes received on the wire (0 = default) */
    size_t max_decoded_bytes;  /* cap on the body after decompression (0 = default) */
    int max_redirects;         /* redirects followed; one more is an error */
    const char *user_agent;    /* NULL = default */
    int allow_private;         /* 1 lifts the SSRF block (--allow-private-networks) */
} fetch_config;

/* HTTP status a handler should map each code to is in the comment. */
typedef enum {
    FETCH_OK = 0,
    FETCH_ERR_BAD_URL,         /* 422: not a parseable http(s) URL */
    FETCH_ERR_BLOCKED,         /* 422: SSRF refused (private/loopback/... address) */
    FETCH_ERR_TIMEOUT,         /* 504: connect/total timeout or stalled upstream */
    FETCH_ERR_UPSTREAM_STATUS, /* 502: upstream answered >= 400, http_status set */
    FETCH_ERR_TOO_LARGE,       /* 502: body over max_bytes / max_decoded_bytes */
    FETCH_ERR_NOT_HTML,        /* 415-ish: content type not HTML; the handler decides */
    FETCH_ERR_NETWORK          /* 502: DNS, refused, reset, TLS, too many redirects */
} fetch_code;

typedef struct {
    fetch_code code;
    long http_status;          /* last upstream status, 0 if none */
    char *body;                /* decoded body, NUL-terminated (len excludes NUL) */
    size_t len;
    char *content_type;        /* media type only, lower-case, e.g. "text/html" */
    char *charset;             /* charset parameter of Content-Type, or NULL */
    char *final_url;           /* URL after redirects */
    char message[256];         /* human-readable detail for problem+json */
} fetch_result;

void fetch_global_init(void);                  /* curl_global_init, once; idempotent */
void fetch_config_defaults(fetch_config *c);
/* 0 on success, else out->code. out is always initialised; free with
 * fetch_result_free() either way. */
int fetch_url(const fetch_config *cfg, const char *url, fetch_result *out);
void fetch_result_free(fetch_result *r);

/* Default limits (named so --help and README can quote them). */
#define FETCH_DEFAULT_CONNECT_MS   5000L          /* a live host answers SYN well within 5 s */
#define FETCH_DEFAULT_TOTAL_MS     15000L         /* whole fetch incl. redirects */
#define FETCH_DEFAULT_MAX_BYTES    (10u << 20)    /* 10 MiB on the wire: real pages are < 5 MiB */
#define FETCH_DEFAULT_MAX_DECODED  (16u << 20)    /* 16 MiB decoded, same as the /parse body limit */
#define FETCH_DEFAULT_REDIRECTS    5
#define FETCH_DEFAULT_USER_AGENT   "lede/0.1 (+article extractor)"

/* Short stable name for metrics labels: "ok", "bad_url", "blocked", ... */
const char *fetch_code_name(fetch_code c);

/* ---- internals exposed for tests/unit/test_fetch.c ------------------------ */
struct sockaddr;
/* The SSRF decision curl's open-socket hook makes for every connection
 * (first hop and every redirect hop): 1 = may connect. When refused, a
 * reason naming the address and its class goes to why (if non-NULL). */
int fetch_address_allowed(const fetch_config *cfg, const struct sockaddr *sa,
                          unsigned int salen, char *why, size_t whylen);
/* The same fetch with another address policy (fetch_url uses
 * fetch_address_allowed). Lets tests prove the policy runs on every
 * redirect hop with loopback-only addresses (allow 127.0.0.1, refuse
 * 127.0.0.2). */
typedef int (*fetch_addr_policy)(const fetch_config *cfg, const struct sockaddr *sa,
                                 unsigned int salen, char *why, size_t whylen);
int fetch_url_policy(const fetch_config *cfg, const char *url, fetch_result *out,
                     fetch_addr_policy policy);
/* Split a Content-Type header value into a lower-case media type and the
 * charset parameter (unquoted, lower-case). Either output may be NULL
 * (absent). Returns 0, or -1 on allocation failure. */
int fetch_parse_content_type(const char *value, char **media, char **charset);
/* 1 when the media type is one the extractor takes (see fetch.c). NULL or ""
 * (no Content-Type) is accepted: the library sniffs the bytes. */
int fetch_media_type_ok(const char *media);
/* Check a URL before any network use: http/https, a host, no userinfo.
 * Returns 0 or -1 with a reason in why. */
int fetch_check_url(const char *url, char *why, size_t whylen);

#endif
