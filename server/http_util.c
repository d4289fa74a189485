/* http_util.c - request accessors, reply builders and the access log.
 *
 * Replies are plain data (status, body, headers) filled by handlers or
 * workers; serve.c turns them into libmicrohttpd responses on the event
 * loop thread. Problem responses follow RFC 9457: type, title, status,
 * detail, plus "upstream_status" for 502s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>
#include <microhttpd.h>

#include "http_util.h"

const char *http_query(http_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header_get(http_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

int http_wants_no_cache(http_req *r)
{
    const char *cc = http_header_get(r, "Cache-Control");
    if (cc && (strcasestr(cc, "no-cache") || strcasestr(cc, "no-store") ||
               strcasestr(cc, "max-age=0")))
        return 1;
    const char *pragma = http_header_get(r, "Pragma");
    return pragma && strcasestr(pragma, "no-cache") != NULL;
}

int http_parse_bool(const char *v)
{
    if (!v)
        return -1;
    if (!strcmp(v, "1") || !strcasecmp(v, "true") || !strcasecmp(v, "yes") ||
        !strcasecmp(v, "on") || !*v)
        return 1; /* a bare "?explain" means on */
    if (!strcmp(v, "0") || !strcasecmp(v, "false") || !strcasecmp(v, "no") ||
        !strcasecmp(v, "off"))
        return 0;
    return -1;
}

void http_reply_reset(http_reply *rep)
{
    if (rep->entry)
        cache_entry_unref(rep->entry);
    else
        free(rep->body);
    memset(rep, 0, sizeof *rep);
}

int http_reply_header(http_reply *rep, const char *name, const char *value)
{
    if (rep->nheaders >= HTTP_MAX_HEADERS)
        return -1;
    http_header *h = &rep->headers[rep->nheaders++];
    snprintf(h->name, sizeof h->name, "%s", name);
    snprintf(h->value, sizeof h->value, "%s", value);
    return 0;
}

void http_reply_take(http_reply *rep, int status, const char *content_type, char *body,
                     size_t len)
{
    http_reply_reset(rep);
    rep->status = status;
    rep->body = body;
    rep->len = body ? len : 0;
    snprintf(rep->content_type, sizeof rep->content_type, "%s", content_type ? content_type : "");
}

void http_reply_set(http_reply *rep, int status, const char *content_type, const char *body,
                    size_t len)
{
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, body, len);
        copy[len] = 0;
    }
    http_reply_take(rep, status, content_type, copy, copy ? len : 0);
}

typedef struct {
    int status;
    const char *title;
} http_status_name;

static const http_status_name http_titles[] = {
    {200, "OK"},
    {304, "Not Modified"},
    {400, "Bad Request"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {413, "Content Too Large"},
    {415, "Unsupported Media Type"},
    {422, "Unprocessable Content"},
    {429, "Too Many Requests"},
    {500, "Internal Server Error"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
};

const char *http_status_title(int status)
{
    for (size_t i = 0; i < sizeof http_titles / sizeof http_titles[0]; i++)
        if (http_titles[i].status == status)
            return http_titles[i].title;
    return "Error";
}

static char *problem_json(int status, const char *slug, const char *detail, long upstream,
                          size_t *len)
{
    char type[96];
    snprintf(type, sizeof type, "urn:lede:problem:%s", slug);
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(type));
    json_object_set_new(o, "title", json_string(http_status_title(status)));
    json_object_set_new(o, "status", json_integer(status));
    /* detail may hold bytes from outside (an upstream message): keep it
     * valid JSON even if it is not UTF-8 */
    json_t *d = json_string(detail ? detail : "");
    if (!d)
        d = json_string("(detail not valid UTF-8)");
    json_object_set_new(o, "detail", d);
    if (upstream > 0)
        json_object_set_new(o, "upstream_status", json_integer(upstream));
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *out = malloc(n + 2); /* jansson's allocator may differ from malloc */
    if (out) {
        memcpy(out, s, n);
        out[n] = '\n';
        out[n + 1] = 0;
        *len = n + 1;
    }
    free(s);
    return out;
}

void http_reply_problem(http_reply *rep, int status, const char *slug, const char *detail,
                        long upstream_status)
{
    size_t len = 0;
    char *body = problem_json(status, slug, detail, upstream_status, &len);
    http_reply_take(rep, status, "application/problem+json", body, len);
}

cache_entry *http_problem_entry(int status, const char *slug, const char *detail,
                                long upstream_status)
{
    size_t len = 0;
    char *body = problem_json(status, slug, detail, upstream_status, &len);
    if (!body)
        return NULL;
    return cache_entry_new(status, "application/problem+json", body, len, srv_now_ms());
}

/* If-None-Match: "*" or a list of (possibly weak) entity tags. */
static int etag_matches(const char *inm, const char *etag)
{
    if (!*inm)
        return 0;
    if (strchr(inm, '*'))
        return 1;
    return strstr(inm, etag) != NULL;
}

void http_reply_entry(http_req *r, cache_entry *e, int hit)
{
    http_reply *rep = &r->reply;
    http_reply_reset(rep);
    rep->status = e->status;
    rep->entry = e;
    rep->body = e->body;
    rep->len = e->len;
    snprintf(rep->content_type, sizeof rep->content_type, "%s", e->content_type);
    if (e->status != 200)
        return;
    char age[32];
    long long a = (srv_now_ms() - e->created_ms) / 1000;
    snprintf(age, sizeof age, "%lld", a < 0 ? 0 : a);
    http_reply_header(rep, "X-Cache", hit ? "HIT" : "MISS");
    http_reply_header(rep, "Age", age);
    http_reply_header(rep, "ETag", e->etag);
    if (r->not_modified_ok && etag_matches(r->if_none_match, e->etag)) {
        rep->status = 304;
        rep->body = NULL; /* the entry reference stays until the reply is reset */
        rep->len = 0;
        rep->content_type[0] = 0;
    }
}

/* JSON string escaping for the log line; paths are short, so a bounded
 * buffer is enough (longer ones are cut). */
static void log_escape(char *out, size_t cap, const char *s)
{
    size_t o = 0;
    for (; s && *s && o + 7 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            out[o++] = '\\';
            out[o++] = (char)ch;
        } else if (ch < 0x20 || ch >= 0x7f) {
            o += (size_t)snprintf(out + o, cap - o, "\\u%04x", ch);
        } else {
            out[o++] = (char)ch;
        }
    }
    out[o] = 0;
}

void http_access_log(const http_req *r, double seconds, const char *remote)
{
    char path[512], method[40], ts[40];
    log_escape(path, sizeof path, r->path ? r->path : "");
    log_escape(method, sizeof method, r->method_name);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm tm;
    gmtime_r(&now.tv_sec, &tm);
    size_t n = strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(ts + n, sizeof ts - n, ".%03ldZ", now.tv_nsec / 1000000);
    char line[1024];
    int len = snprintf(line, sizeof line,
                       "{\"time\":\"%s\",\"remote\":\"%s\",\"method\":\"%s\",\"path\":\"%s\","
                       "\"status\":%d,\"bytes\":%zu,\"duration_ms\":%.3f,\"cache\":%s%s%s}\n",
                       ts, remote ? remote : "", method, path, r->logged_status, r->logged_bytes,
                       seconds * 1000.0, r->cache_status ? "\"" : "",
                       r->cache_status ? r->cache_status : "null", r->cache_status ? "\"" : "");
    if (len > 0)
        fwrite(line, 1, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1, stderr);
}
