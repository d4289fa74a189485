/* parse.c - POST /parse: extract an article from HTML sent in the body.
 *
 * Bodies: text/html (or application/xhtml+xml, or no Content-Type) with
 * an optional charset parameter passed to the library as a hint, and the
 * page URL in ?url=; or application/json {"html": "...", "url": "..."}.
 * Anything else is 415, answered before the body is read. The cache key
 * is a keyed 128-bit hash of the body (computed while it arrives) plus the page
 * URL, the charset and the output options. JSON bodies are parsed on the
 * worker with the extraction, so a big document never stalls the event
 * loop; an invalid one is a 400 shared with identical concurrent posts. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "handlers.h"

typedef enum { PARSE_HTML, PARSE_JSON } parse_kind;

typedef struct {
    parse_kind kind;
    char charset[48];
    flow_options fo;
    char *url;          /* page URL, or NULL */
    char *html;         /* from the JSON body (owned), else NULL: use r->body */
    size_t html_len;
} parse_data;

static void parse_data_free(void *p)
{
    parse_data *d = p;
    if (!d)
        return;
    free(d->url);
    free(d->html);
    free(d);
}

/* Media type (lower-cased, before ';') and charset parameter. */
static void parse_content_type(const char *ct, char *type, size_t tcap, char *charset,
                               size_t ccap)
{
    size_t i = 0;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    for (; *ct && *ct != ';' && *ct != ' ' && i + 1 < tcap; ct++)
        type[i++] = (char)tolower((unsigned char)*ct);
    type[i] = 0;
    charset[0] = 0;
    const char *p = strcasestr(ct, "charset=");
    if (!p)
        return;
    p += 8;
    if (*p == '"')
        p++;
    i = 0;
    for (; *p && *p != '"' && *p != ';' && *p != ' ' && i + 1 < ccap; p++)
        charset[i++] = *p;
    charset[i] = 0;
}

handler_status handle_parse_check(http_req *r)
{
    parse_data *d = calloc(1, sizeof *d);
    if (!d) {
        http_reply_problem(&r->reply, 500, "out-of-memory", "no memory for the request", 0);
        return HANDLER_DONE;
    }
    r->data = d;
    r->data_free = parse_data_free;
    const char *ct = http_header_get(r, "Content-Type");
    char type[96] = "";
    if (ct)
        parse_content_type(ct, type, sizeof type, d->charset, sizeof d->charset);
    if (!ct || !*type || !strcmp(type, "text/html") || !strcmp(type, "application/xhtml+xml")) {
        d->kind = PARSE_HTML;
    } else if (!strcmp(type, "application/json")) {
        d->kind = PARSE_JSON;
    } else {
        char detail[200];
        snprintf(detail, sizeof detail,
                 "send text/html (with an optional charset) or application/json, not '%.96s'",
                 type);
        http_reply_problem(&r->reply, 415, "unsupported-media-type", detail, 0);
        http_reply_header(&r->reply, "Accept-Post", "text/html, application/json");
        return HANDLER_DONE;
    }
    if (flow_parse_options(r, &d->fo))
        return HANDLER_DONE;
    const char *url = http_query(r, "url");
    if (url && *url && !(d->url = strdup(url))) {
        http_reply_problem(&r->reply, 500, "out-of-memory", "no memory for the request", 0);
        return HANDLER_DONE;
    }
    return HANDLER_CONTINUE;
}

/* {"html": "...", "url": "..."} -> d->html, d->url. Runs on the worker
 * (a 16 MiB document takes a while to parse): NULL, or a 400/500 problem
 * entry, which requests waiting on the same body share. */
static cache_entry *parse_json_body(http_req *r, parse_data *d)
{
    json_error_t jerr;
    /* \u0000 is valid JSON, and a page may hold NUL bytes (the decoder drops
     * them, as for a text/html body); only the URL must not. */
    json_t *root = json_loadb(r->body ? r->body : "", r->body_len,
                              JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    char detail[300];
    if (!root) {
        snprintf(detail, sizeof detail, "invalid JSON at line %d column %d: %s", jerr.line,
                 jerr.column, jerr.text);
        return http_problem_entry(400, "invalid-json", detail, 0);
    }
    cache_entry *err = NULL;
    json_t *html = json_object_get(root, "html");
    json_t *url = json_object_get(root, "url");
    if (!json_is_object(root)) {
        err = http_problem_entry(400, "invalid-json", "the body must be a JSON object", 0);
    } else if (!json_is_string(html)) {
        err = http_problem_entry(400, "invalid-json", "\"html\" is required and must be a string",
                                 0);
    } else if (url && !json_is_null(url) && !json_is_string(url)) {
        err = http_problem_entry(400, "invalid-json", "\"url\" must be a string", 0);
    } else if (json_is_string(url) && strlen(json_string_value(url)) != json_string_length(url)) {
        err = http_problem_entry(400, "invalid-json", "\"url\" must not contain NUL", 0);
    } else {
        d->html_len = json_string_length(html);
        d->html = malloc(d->html_len + 1);
        if (d->html) {
            memcpy(d->html, json_string_value(html), d->html_len + 1);
            if (json_is_string(url) && json_string_length(url) > 0) {
                free(d->url);
                d->url = strdup(json_string_value(url));
            }
        } else {
            err = http_problem_entry(500, "out-of-memory", "no memory for the body", 0);
        }
    }
    json_decref(root);
    return err;
}

static cache_entry *parse_compute(http_req *r)
{
    parse_data *d = r->data;
    if (d->kind == PARSE_JSON) {
        cache_entry *err = parse_json_body(r, d);
        if (err)
            return err;
    }
    const char *bytes = d->html ? d->html : r->body;
    size_t len = d->html ? d->html_len : r->body_len;
    /* a JSON string is UTF-8 whatever the HTML inside says */
    const char *charset = d->html ? "utf-8" : (d->charset[0] ? d->charset : NULL);
    return flow_extract(bytes, len, d->url, charset, &d->fo);
}

handler_status handle_parse(http_req *r)
{
    parse_data *d = r->data;
    if (r->body_len == 0) {
        http_reply_problem(&r->reply, 400, "empty-body", "the request body is empty", 0);
        return HANDLER_DONE;
    }
    char hex[33];
    snprintf(hex, sizeof hex, "%016llx%016llx",
             (unsigned long long)siphash_final(&r->body_hash[0]),
             (unsigned long long)siphash_final(&r->body_hash[1]));
    char opts[96];
    flow_options_key(&d->fo, opts, sizeof opts);
    size_t klen = strlen(hex) + strlen(d->charset) + (d->url ? strlen(d->url) : 0) +
                  strlen(opts) + 16;
    char *key = malloc(klen);
    if (!key) {
        http_reply_problem(&r->reply, 500, "out-of-memory", "no memory for the request", 0);
        return HANDLER_DONE;
    }
    snprintf(key, klen, "P|%d|%s|%s|%s|%s", (int)d->kind, hex, d->charset, d->url ? d->url : "",
             opts);
    handler_status st = flow_cached(r, key, http_wants_no_cache(r), parse_compute);
    free(key);
    return st;
}
