/* extract_flow.c - what /parse and /article share: reading the extraction
 * options from the query, running extraction + rendering into a cache
 * entry, and serving a request through the cache with single flight.
 *
 * flow_cached() decides where a request goes:
 *   hit      reply now, on the event loop
 *   miss     this request leads: compute on a worker, store, wake waiters
 *   pending  an identical request is computing: suspend and wait for its
 *            result (no worker is held while waiting)
 *   bypass   (Cache-Control: no-cache) compute on a worker, refresh entry
 *
 * With --redis, the leader's worker first asks the shared second level
 * (server/rcache.c) and only computes on a miss there; a computed result
 * is written to both levels. Redis is only ever reached from workers, and
 * when it is down the request is computed as if it were off. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"

typedef struct {
    const char *name;
    lede_format format;
    const char *content_type;
} flow_format;

static const flow_format flow_formats[] = {
    {"json", LEDE_FORMAT_JSON, "application/json"},
    {"text", LEDE_FORMAT_TEXT, "text/plain; charset=utf-8"},
    {"markdown", LEDE_FORMAT_MARKDOWN, "text/markdown; charset=utf-8"},
    {"html", LEDE_FORMAT_HTML, "text/html; charset=utf-8"},
};

static const struct {
    const char *name;
    lede_mode mode;
} flow_modes[] = {
    {"balanced", LEDE_MODE_BALANCED},
    {"precision", LEDE_MODE_PRECISION},
    {"recall", LEDE_MODE_RECALL},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static int flow_bad(http_req *r, const char *fmt, const char *what)
{
    char detail[256];
    snprintf(detail, sizeof detail, fmt, what);
    http_reply_problem(&r->reply, 400, "bad-parameter", detail, 0);
    return -1;
}

int flow_parse_options(http_req *r, flow_options *fo)
{
    lede_options_init(&fo->opt);
    fo->format = LEDE_FORMAT_JSON;
    fo->pretty = 0;
    const char *v = http_query(r, "format");
    if (v) {
        size_t i = 0;
        while (i < N_OF(flow_formats) && strcmp(flow_formats[i].name, v))
            i++;
        if (i == N_OF(flow_formats))
            return flow_bad(r, "format must be json, text, markdown or html (got '%.64s')", v);
        fo->format = flow_formats[i].format;
    }
    v = http_query(r, "mode");
    if (v) {
        size_t i = 0;
        while (i < N_OF(flow_modes) && strcmp(flow_modes[i].name, v))
            i++;
        if (i == N_OF(flow_modes))
            return flow_bad(r, "mode must be balanced, precision or recall (got '%.64s')", v);
        fo->opt.mode = flow_modes[i].mode;
    }
    struct {
        const char *name;
        int *dst;
    } bools[] = {
        {"include_comments", &fo->opt.include_comments},
        {"include_tables", &fo->opt.include_tables},
        {"include_images", &fo->opt.include_images},
        {"include_links", &fo->opt.include_links},
        {"explain", &fo->opt.explain},
        {"front_matter", &fo->opt.front_matter},
        {"pretty", &fo->pretty},
    };
    for (size_t i = 0; i < N_OF(bools); i++) {
        v = http_query(r, bools[i].name);
        if (!v)
            continue;
        int b = http_parse_bool(v);
        if (b < 0)
            return flow_bad(r, "%s must be true or false", bools[i].name);
        *bools[i].dst = b;
    }
    v = http_query(r, "fast");
    if (v) {
        int b = http_parse_bool(v);
        if (b < 0)
            return flow_bad(r, "%s must be true or false", "fast");
        fo->opt.date_extensive = !b;
    }
    v = http_query(r, "reference_date");
    if (v && (lede_parse_time(v, &fo->opt.reference_time) < 0 || fo->opt.reference_time == 0))
        return flow_bad(r,
                        "reference_date must be 2021-09-28, 2021-09-28T10:15:00Z or unix "
                        "seconds (got '%.64s')",
                        v);
    v = http_query(r, "include");
    if (v) {
        /* comma-separated extra renderings inside the JSON: html, markdown */
        const char *p = v;
        while (*p) {
            size_t n = strcspn(p, ",");
            if (n == 4 && !strncmp(p, "html", 4))
                fo->opt.want_html = 1;
            else if (n == 8 && !strncmp(p, "markdown", 8))
                fo->opt.want_markdown = 1;
            else if (n != 0)
                return flow_bad(r, "include takes html and/or markdown (got '%.64s')", v);
            p += n;
            if (*p == ',')
                p++;
        }
    }
    if (fo->format == LEDE_FORMAT_MARKDOWN)
        fo->opt.want_markdown = 1;
    if (fo->format == LEDE_FORMAT_HTML)
        fo->opt.want_html = 1;
    return 0;
}

void flow_options_key(const flow_options *fo, char *out, size_t cap)
{
    const lede_options *o = &fo->opt;
    /* reference_time 0 (now) is one key: relative dates then count from the
     * time of the first extraction, like any cached answer */
    snprintf(out, cap, "f%d.p%d.c%d.t%d.i%d.l%d.m%d.e%d.h%d.md%d.fm%d.x%d.r%lld", (int)fo->format,
             fo->pretty, o->include_comments, o->include_tables, o->include_images,
             o->include_links, (int)o->mode, o->explain, o->want_html, o->want_markdown,
             o->front_matter, o->date_extensive, o->reference_time);
}

typedef struct {
    lede_code code;
    int status;
    const char *slug;
} flow_error_map;

static const flow_error_map flow_errors[] = {
    {LEDE_ERR_INVALID_ARG, 400, "invalid-argument"},
    {LEDE_ERR_EMPTY, 422, "empty-document"},
    {LEDE_ERR_TOO_LARGE, 413, "body-too-large"},
    {LEDE_ERR_TOO_DEEP, 422, "document-too-deep"},
    {LEDE_ERR_TOO_MANY_NODES, 422, "document-too-large"},
    {LEDE_ERR_PARSE, 422, "unparseable-document"},
    {LEDE_ERR_NOMEM, 500, "out-of-memory"},
    {LEDE_ERR_NOT_HTML, 422, "not-html"},
};

cache_entry *flow_extract(const char *bytes, size_t len, const char *url, const char *charset,
                          const flow_options *fo)
{
    lede_error err = {0};
    lede_article *a = lede_extract(bytes, len, url, charset, &fo->opt, &err);
    if (!a) {
        int status = 500;
        const char *slug = "extraction-failed";
        for (size_t i = 0; i < N_OF(flow_errors); i++)
            if (flow_errors[i].code == err.code) {
                status = flow_errors[i].status;
                slug = flow_errors[i].slug;
            }
        return http_problem_entry(status, slug, err.message[0] ? err.message : lede_strerror(err.code),
                                  0);
    }
    char *out = lede_render(a, fo->format, fo->pretty);
    lede_article_free(a);
    if (!out)
        return http_problem_entry(500, "render-failed", "the article could not be rendered", 0);
    const char *ctype = "application/json";
    for (size_t i = 0; i < N_OF(flow_formats); i++)
        if (flow_formats[i].format == fo->format)
            ctype = flow_formats[i].content_type;
    size_t n = strlen(out);
    if (fo->format == LEDE_FORMAT_JSON && (n == 0 || out[n - 1] != '\n')) {
        char *nl = realloc(out, n + 2); /* one object per line, like the CLI */
        if (nl) {
            out = nl;
            out[n++] = '\n';
            out[n] = 0;
        }
    }
    return cache_entry_new(200, ctype, out, n, srv_now_ms());
}

static void flow_reply_computed(http_req *r, cache_entry *e)
{
    if (e)
        http_reply_entry(r, e, 0);
    else
        http_reply_problem(&r->reply, 500, "out-of-memory", "no memory for the result", 0);
}

/* The Redis key of r (malloc'd; the prefix is added by rcache). It is the
 * first-level key, except that a posted body's keyed hash is random per
 * process (server/digest.h), useless to another replica: it is replaced
 * by the SHA-256 of the body, computed here on the worker (~5 ms per MiB,
 * paid only on first-level misses). */
static char *flow_l2_key(http_req *r)
{
    const char *key = r->cache_key;
    char local[33];
    snprintf(local, sizeof local, "%016llx%016llx",
             (unsigned long long)siphash_final(&r->body_hash[0]),
             (unsigned long long)siphash_final(&r->body_hash[1]));
    const char *at = r->body_len ? strstr(key, local) : NULL;
    if (!at)
        return strdup(key);
    char shared[65];
    digest_hex(r->body, r->body_len, 32, shared);
    size_t klen = strlen(key) - strlen(local) + strlen(shared) + 1;
    char *out = malloc(klen);
    if (out)
        snprintf(out, klen, "%.*s%s%s", (int)(at - key), key, shared, at + strlen(local));
    return out;
}

static void flow_l2_put(http_req *r, const char *l2_key, cache_entry *e)
{
    if (l2_key && e)
        rcache_put(r->srv->rcache, l2_key, e, srv_now_ms());
}

static void flow_job_lead(http_req *r)
{
    srv *s = r->srv;
    char *l2_key = s->rcache ? flow_l2_key(r) : NULL;
    cache_entry *e = NULL;
    if (l2_key && rcache_get(s->rcache, l2_key, srv_now_ms(), &e) == RCACHE_HIT) {
        r->cache_status = "redis";
        cache_finish(s->cache, r->cache_key, e, 1);
        http_reply_entry(r, e, 1);
        free(l2_key);
        return;
    }
    e = r->compute(r);
    cache_finish(s->cache, r->cache_key, e, 1);
    flow_l2_put(r, l2_key, e);
    free(l2_key);
    flow_reply_computed(r, e);
}

static void flow_job_bypass(http_req *r)
{
    cache_entry *e = r->compute(r);
    if (e) {
        cache_put(r->srv->cache, r->cache_key, e);
        char *l2_key = r->srv->rcache ? flow_l2_key(r) : NULL;
        flow_l2_put(r, l2_key, e);
        free(l2_key);
    }
    flow_reply_computed(r, e);
}

/* Called by the leader's worker with the shared result (or NULL when the
 * leader could not run). */
static void flow_waiter_done(void *arg, cache_entry *e)
{
    http_req *r = arg;
    if (e) {
        http_reply_entry(r, e, 0);
    } else {
        http_reply_problem(&r->reply, 503, "overloaded",
                           "the identical request this one waited for could not run", 0);
        http_reply_header(&r->reply, "Retry-After", "1");
    }
    srv_complete(r);
}

static handler_status flow_lead(http_req *r)
{
    if (srv_dispatch(r, flow_job_lead) != 0) {
        /* end the flight so requests waiting on it do not hang */
        cache_finish(r->srv->cache, r->cache_key, NULL, 0);
        return r->suspended ? HANDLER_ASYNC : HANDLER_DONE;
    }
    return HANDLER_ASYNC;
}

handler_status flow_cached(http_req *r, const char *key, int bypass, flow_compute_fn compute)
{
    srv *s = r->srv;
    r->compute = compute;
    r->cache_key = strdup(key);
    if (!r->cache_key) {
        http_reply_problem(&r->reply, 500, "out-of-memory", "no memory for the request", 0);
        return HANDLER_DONE;
    }
    if (bypass) {
        metrics_cache_bypass(s->metrics);
        r->cache_status = "bypass";
        return srv_dispatch(r, flow_job_bypass) == 0 ? HANDLER_ASYNC : HANDLER_DONE;
    }
    cache_entry *e = NULL;
    switch (cache_lookup(s->cache, key, srv_now_ms(), &e)) {
    case CACHE_HIT:
        r->cache_status = "hit";
        http_reply_entry(r, e, 1);
        return HANDLER_DONE;
    case CACHE_LEAD:
        r->cache_status = "miss";
        return flow_lead(r);
    case CACHE_PENDING:
        break;
    }
    /* Suspend before joining: the leader may finish (and resume us) as
     * soon as we are on its list. */
    srv_suspend(r);
    r->waiter.fn = flow_waiter_done;
    r->waiter.arg = r;
    r->cache_status = "shared"; /* set first: the waiter may be woken at once */
    switch (cache_join(s->cache, key, srv_now_ms(), &r->waiter, &e)) {
    case CACHE_PENDING:
        return HANDLER_ASYNC;
    case CACHE_HIT:
        r->cache_status = "hit";
        http_reply_entry(r, e, 1);
        srv_complete(r);
        return HANDLER_ASYNC;
    case CACHE_LEAD:
        r->cache_status = "miss";
        flow_lead(r);
        return HANDLER_ASYNC;
    }
    return HANDLER_ASYNC;
}
