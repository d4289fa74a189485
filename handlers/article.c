/* article.c - GET /article?url=...: fetch the page (server/fetch.c: SSRF
 * guard, timeouts, size caps, redirects), then extract as /parse does.
 *
 * The cache key is the normalised URL (scheme and host lower-cased,
 * default port and fragment dropped) plus the output options, so
 * http://Example.com:80/a#x and http://example.com/a share one entry and
 * one in-flight fetch. Fetch outcomes map to problem responses:
 * bad URL / refused address 422, upstream status or failure 502,
 * timeout 504, non-HTML content 422. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "fetch.h"
#include "handlers.h"

#define ARTICLE_MAX_URL 8192 /* longer URLs are refused before any work */

typedef struct {
    flow_options fo;
    char *url; /* normalised */
} article_data;

static void article_data_free(void *p)
{
    article_data *d = p;
    if (!d)
        return;
    free(d->url);
    free(d);
}

typedef struct {
    fetch_code code;
    int status;
    const char *slug;
} article_fetch_map;

static const article_fetch_map article_errors[] = {
    {FETCH_ERR_BAD_URL, 422, "bad-url"},
    {FETCH_ERR_BLOCKED, 422, "blocked-address"},
    {FETCH_ERR_TIMEOUT, 504, "upstream-timeout"},
    {FETCH_ERR_UPSTREAM_STATUS, 502, "upstream-status"},
    {FETCH_ERR_TOO_LARGE, 502, "upstream-too-large"},
    {FETCH_ERR_NOT_HTML, 422, "not-html"},
    {FETCH_ERR_NETWORK, 502, "upstream-unreachable"},
};

/* Normalised http(s) URL (malloc'd), or NULL with *why set. */
static char *article_normalise(const char *in, const char **why)
{
    char *out = NULL, *scheme = NULL, *host = NULL;
    CURLU *u = curl_url();
    if (!u) {
        *why = "out of memory";
        return NULL;
    }
    if (curl_url_set(u, CURLUPART_URL, in, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
        *why = "not a valid absolute URL";
        goto done;
    }
    if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        (strcmp(scheme, "http") && strcmp(scheme, "https"))) {
        *why = "only http and https URLs can be fetched";
        goto done;
    }
    if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host) {
        *why = "the URL has no host";
        goto done;
    }
    for (char *p = host; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    curl_url_set(u, CURLUPART_HOST, host, 0);
    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
    char *tmp = NULL;
    if (curl_url_get(u, CURLUPART_URL, &tmp, CURLU_NO_DEFAULT_PORT) != CURLUE_OK) {
        *why = "the URL cannot be normalised";
        goto done;
    }
    out = strdup(tmp);
    curl_free(tmp);
    if (!out)
        *why = "out of memory";
done:
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return out;
}

static cache_entry *article_compute(http_req *r)
{
    article_data *d = r->data;
    srv *s = r->srv;
    fetch_result fr;
    double t0 = srv_now();
    fetch_url(&s->cfg.fetch, d->url, &fr);
    metrics_fetch(s->metrics, (int)fr.code, srv_now() - t0);
    cache_entry *e;
    if (fr.code != FETCH_OK) {
        int status = 502;
        const char *slug = "upstream-failed";
        for (size_t i = 0; i < sizeof article_errors / sizeof article_errors[0]; i++)
            if (article_errors[i].code == fr.code) {
                status = article_errors[i].status;
                slug = article_errors[i].slug;
            }
        const char *detail = fr.message[0] ? fr.message : fetch_code_name(fr.code);
        e = http_problem_entry(status, slug, detail,
                               fr.code == FETCH_ERR_UPSTREAM_STATUS ? fr.http_status : 0);
    } else {
        e = flow_extract(fr.body ? fr.body : "", fr.len, fr.final_url ? fr.final_url : d->url,
                         fr.charset, &d->fo);
    }
    fetch_result_free(&fr);
    return e;
}

handler_status handle_article(http_req *r)
{
    article_data *d = calloc(1, sizeof *d);
    if (!d) {
        http_reply_problem(&r->reply, 500, "out-of-memory", "no memory for the request", 0);
        return HANDLER_DONE;
    }
    r->data = d;
    r->data_free = article_data_free;
    const char *url = http_query(r, "url");
    if (!url || !*url) {
        http_reply_problem(&r->reply, 400, "missing-url",
                           "the url query parameter is required (GET /article?url=https://...)",
                           0);
        return HANDLER_DONE;
    }
    if (strlen(url) > ARTICLE_MAX_URL) {
        http_reply_problem(&r->reply, 422, "bad-url", "the URL is too long", 0);
        return HANDLER_DONE;
    }
    if (flow_parse_options(r, &d->fo))
        return HANDLER_DONE;
    const char *why = "invalid URL";
    d->url = article_normalise(url, &why);
    if (!d->url) {
        http_reply_problem(&r->reply, 422, "bad-url", why, 0);
        return HANDLER_DONE;
    }
    char opts[96];
    flow_options_key(&d->fo, opts, sizeof opts);
    size_t klen = strlen(d->url) + strlen(opts) + 8;
    char *key = malloc(klen);
    if (!key) {
        http_reply_problem(&r->reply, 500, "out-of-memory", "no memory for the request", 0);
        return HANDLER_DONE;
    }
    snprintf(key, klen, "A|%s|%s", d->url, opts);
    handler_status st = flow_cached(r, key, http_wants_no_cache(r), article_compute);
    free(key);
    return st;
}
