/* handlers.h - the route table: one handler file per endpoint, all with
 * the same shape.
 *
 *   check(r)  optional, at header time (before any body is read): may fill
 *             r->reply with an early answer (415...) and return HANDLER_DONE
 *   handle(r) once the request (and body) is complete: fills r->reply and
 *             returns HANDLER_DONE, or starts asynchronous work (worker,
 *             shared cache flight) and returns HANDLER_ASYNC; the reply is
 *             then sent when the work calls srv_complete(). */
#ifndef LEDE_HANDLERS_H
#define LEDE_HANDLERS_H

#include "http_util.h"

typedef enum { HANDLER_CONTINUE = 0, HANDLER_DONE, HANDLER_ASYNC } handler_status;
typedef handler_status (*handler_fn)(http_req *r);

typedef struct {
    const char *path;     /* exact match */
    unsigned methods;     /* HTTP_GET | HTTP_HEAD | HTTP_POST */
    const char *label;    /* metrics route label */
    handler_fn check;     /* may be NULL */
    handler_fn handle;    /* NULL: route reserved, answers 404 */
    int reads_body;
    int rate_limited;     /* counted by --rate-limit (routes that cost work) */
} handler_route;

extern const handler_route handler_routes[];
extern const int handler_nroutes;
/* Metrics labels: one per route plus "other" (unknown paths) last. */
extern const char *const handler_labels[];
extern const int handler_nlabels;

/* Index of the route for path, or -1. */
int handler_find(const char *path);
/* "GET, HEAD" style list for an Allow header. */
void handler_allow(unsigned methods, char *out, size_t cap);

handler_status handle_parse_check(http_req *r);
handler_status handle_parse(http_req *r);
handler_status handle_article(http_req *r);
handler_status handle_healthz(http_req *r);
handler_status handle_readyz(http_req *r);
handler_status handle_metrics(http_req *r);
handler_status handle_openapi(http_req *r);
handler_status handle_version(http_req *r);
/* GET /: the try-it page of handlers/index.c (issue 6). */
handler_status handle_index(http_req *r);

/* --- shared by /parse and /article (handlers/extract_flow.c) --- */
#include "lede.h"

typedef struct {
    lede_options opt;
    lede_format format;
    int pretty;
} flow_options;

/* Read format/mode/include... from the query. 0, or -1 with r->reply = 400. */
int flow_parse_options(http_req *r, flow_options *fo);
/* Canonical text of the options that change the output (cache key part). */
void flow_options_key(const flow_options *fo, char *out, size_t cap);
/* Extract + render into a new entry (200, or a problem entry on failure). */
cache_entry *flow_extract(const char *bytes, size_t len, const char *url, const char *charset,
                          const flow_options *fo);
/* Serve r through the cache under key (copied): hit -> reply now; miss ->
 * compute(r) on a worker must return the entry; concurrent misses share
 * one computation; bypass skips the lookup (the result is still stored). */
typedef cache_entry *(*flow_compute_fn)(http_req *r);
handler_status flow_cached(http_req *r, const char *key, int bypass, flow_compute_fn compute);

#endif
