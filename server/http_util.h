/* http_util.h - what handlers see of an HTTP request, and the helpers to
 * answer it: replies (plain, problem+json per RFC 9457, from a cache
 * entry), query/header access, and the JSON access log line. */
#ifndef LEDE_HTTP_UTIL_H
#define LEDE_HTTP_UTIL_H

#include <stddef.h>

#include "cache.h"
#include "digest.h"
#include "serve.h"

struct MHD_Connection;

#define HTTP_MAX_HEADERS 8
#define HTTP_GET  1u
#define HTTP_HEAD 2u
#define HTTP_POST 4u

typedef struct {
    char name[32];
    char value[128];
} http_header;

/* The answer to send. body is owned (malloc'd) unless entry is set, in
 * which case the body is entry->body and the reply holds one reference. */
typedef struct {
    int status;
    char *body;
    size_t len;
    cache_entry *entry;
    char content_type[64];
    http_header headers[HTTP_MAX_HEADERS];
    int nheaders;
} http_reply;

typedef struct http_req http_req;
typedef void (*http_job_fn)(http_req *r);

struct http_req {
    struct MHD_Connection *conn;
    srv *srv;
    int route;                 /* index in handler_routes, -1 = none */
    unsigned method;           /* HTTP_GET / HTTP_HEAD / HTTP_POST / 0 other */
    char method_name[16];
    char *path;                /* copy of the URL path */
    double t_start;

    /* request body (POST) */
    char *body;
    size_t body_len, body_cap;
    int body_too_large;
    int body_over_total;       /* the server-wide body budget was full: 503 */
    size_t body_discarded;
    siphash_ctx body_hash[2];  /* keyed 2x64-bit hash of the body, as it arrives */

    /* answer */
    http_reply reply;
    int reply_ready;           /* set by a worker before resuming */
    int replied;               /* queued to MHD */
    int suspended;
    const char *cache_status;  /* "hit", "redis", "miss", "bypass", "shared" or NULL */
    int logged_status;
    size_t logged_bytes;
    int not_modified_ok;       /* If-None-Match may turn a hit into 304 */
    char if_none_match[128];

    /* handler state for asynchronous work */
    cache_waiter waiter;
    char *cache_key;
    int cache_store;           /* store the computed entry */
    cache_entry *(*compute)(http_req *r);
    http_job_fn job;
    void *data;
    void (*data_free)(void *data);
};

/* --- request access (event-loop thread only) --- */
const char *http_query(http_req *r, const char *name);
const char *http_header_get(http_req *r, const char *name);
/* 1 when the client asked to bypass caches (Cache-Control/Pragma no-cache). */
int http_wants_no_cache(http_req *r);
/* Parse a boolean query value: 1/0/true/false/yes/no/on/off. -1 if invalid. */
int http_parse_bool(const char *v);

/* --- replies (any thread; one reply per request) --- */
void http_reply_reset(http_reply *rep);
int http_reply_header(http_reply *rep, const char *name, const char *value);
/* Copy len bytes of body. */
void http_reply_set(http_reply *rep, int status, const char *content_type, const char *body,
                    size_t len);
/* Take ownership of a malloc'd body. */
void http_reply_take(http_reply *rep, int status, const char *content_type, char *body,
                     size_t len);
/* application/problem+json. slug names the problem type (urn:lede:problem:<slug>);
 * upstream_status > 0 adds the "upstream_status" member. */
void http_reply_problem(http_reply *rep, int status, const char *slug, const char *detail,
                        long upstream_status);
/* A problem body as a new cache entry (for sharing with flight waiters). */
cache_entry *http_problem_entry(int status, const char *slug, const char *detail,
                                long upstream_status);
/* Reply with a cache entry (takes the caller's reference): X-Cache, Age,
 * ETag; 304 when the request's If-None-Match matches. hit: X-Cache HIT. */
void http_reply_entry(http_req *r, cache_entry *e, int hit);

const char *http_status_title(int status);

/* --- access log --- */
void http_access_log(const http_req *r, double seconds, const char *remote);

#endif
