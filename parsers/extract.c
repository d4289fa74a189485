/* extract.c - the extraction pipeline, top to bottom, in one function.
 *
 * lede_extract() is the whole library seen from outside: bytes in, article
 * out. Each stage lives in its own file (see internal.h); this file only
 * orders them, owns the per-extraction context and the limits, and turns
 * failures into lede_error values.
 *
 *   decode (charset.c) -> parse (dom.c) -> metadata (metadata.c) ->
 *   dates (dates.c) -> clean + main content (content.c) ->
 *   render text / Markdown / HTML (render_*.c) -> normalise (normalize.c)
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "appjson.h"
#include "internal.h"

/* Defaults, each with its reason. */
#define DEFAULT_MAX_INPUT_BYTES (16u << 20) /* matches the service's body cap */
#define DEFAULT_MAX_DEPTH 255u              /* libxml2 stops building at 256 */
#define DEFAULT_MAX_NODES 2000000u          /* ~10x the largest real pages */

static void set_err(lede_error *err, lede_code code, const char *msg)
{
    if (!err)
        return;
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", msg);
}

void lede_global_init(void)
{
    xmlInitParser();
}

void lede_global_cleanup(void)
{
    xmlCleanupParser();
}

const char *lede_version(void)
{
    return LEDE_VERSION;
}

void lede_options_init(lede_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->max_input_bytes = DEFAULT_MAX_INPUT_BYTES;
    opt->max_depth = DEFAULT_MAX_DEPTH;
    opt->max_nodes = DEFAULT_MAX_NODES;
    opt->include_tables = 1;
    opt->include_images = 1;
    opt->include_links = 1;
    opt->mode = LEDE_MODE_BALANCED;
    opt->date_extensive = 1;
}

const char *lede_strerror(lede_code code)
{
    switch (code) {
    case LEDE_OK: return "ok";
    case LEDE_ERR_INVALID_ARG: return "invalid_argument";
    case LEDE_ERR_EMPTY: return "empty_input";
    case LEDE_ERR_TOO_LARGE: return "too_large";
    case LEDE_ERR_TOO_DEEP: return "too_deep";
    case LEDE_ERR_TOO_MANY_NODES: return "too_many_nodes";
    case LEDE_ERR_PARSE: return "parse_error";
    case LEDE_ERR_NOMEM: return "out_of_memory";
    case LEDE_ERR_NOT_HTML: return "not_html";
    }
    return "unknown";
}

static void free_list(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void lede_article_free(lede_article *a)
{
    if (!a)
        return;
    free(a->url);
    free(a->canonical_url);
    free(a->title);
    free(a->author);
    free_list(a->authors, a->n_authors);
    free(a->date_published);
    free(a->date_modified);
    free(a->description);
    free(a->site_name);
    free(a->language);
    free(a->image);
    free_list(a->tags, a->n_tags);
    free(a->text);
    free(a->html);
    free(a->markdown);
    free(a->comments);
    free(a);
}

/* Words as the scorers count them: maximal runs of letters/digits. Bytes
 * >= 0x80 count as word characters, so CJK text without spaces counts as few
 * words; good enough for a size indication. */
static const unsigned char word_byte[256] = {
    ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['_'] = 1,
    [0x80 ... 0xff] = 1};

static size_t count_words(const char *s)
{
    size_t n = 0;
    unsigned in = 0;
    /* one table look-up per byte; a word starts where w rises above in */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned w = word_byte[*p];
        n += w > in;
        in = w;
    }
    return n;
}

/* Replace *field with its NFC form (NULL stays NULL). */
static void nfc_field(char **field)
{
    if (!*field)
        return;
    char *n = text_nfc(*field, strlen(*field));
    if (n) {
        free(*field);
        *field = n;
    }
}

/* A page whose <base href> points elsewhere resolves its links there. */
static char *find_base_url(htmlDocPtr doc, const char *url)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *head = NULL;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
        if (!strcmp(dom_name(c), "head")) {
            head = c;
            break;
        }
    for (xmlNode *c = head ? head->children : NULL; c; c = c->next) {
        if (!strcmp(dom_name(c), "base")) {
            const char *href = dom_attr(c, "href");
            if (href && *href) {
                char *r = url_resolve(url, href);
                if (r && (!strncmp(r, "http://", 7) || !strncmp(r, "https://", 8)))
                    return r;
                free(r);
            }
            break;
        }
    }
    return url ? strdup(url) : NULL;
}

static void render_outputs(lede_ctx *ctx)
{
    lede_article *a = ctx->art;
    if (ctx->content) {
        a->text = render_text(ctx->content);
        if (ctx->opt->want_markdown)
            a->markdown = render_markdown(ctx->content, ctx);
        if (ctx->opt->want_html)
            a->html = render_html(ctx->content, ctx);
    }
    if (a->text && !*a->text) {
        free(a->text);
        a->text = NULL;
    }
    /* Pages whose body exists only as JSON-LD articleBody. */
    if (!a->text && ctx->jsonld_body && *ctx->jsonld_body) {
        a->text = strdup(ctx->jsonld_body);
        a->sources.text = "json-ld";
    } else if (a->text) {
        a->sources.text = "html";
    }
    if (ctx->comments && ctx->opt->include_comments) {
        a->comments = render_text(ctx->comments);
        if (a->comments && !*a->comments) {
            free(a->comments);
            a->comments = NULL;
        }
    }
    /* Every output string leaves NFC and valid UTF-8 (a stage that cut a
     * string mid-character must not make the JSON unrenderable). Short
     * fields; ASCII ones are only copied. */
    nfc_field(&a->title);
    nfc_field(&a->author);
    for (size_t i = 0; i < a->n_authors; i++)
        nfc_field(&a->authors[i]);
    nfc_field(&a->description);
    nfc_field(&a->site_name);
    for (size_t i = 0; i < a->n_tags; i++)
        nfc_field(&a->tags[i]);
    nfc_field(&a->text);
    nfc_field(&a->markdown);
    nfc_field(&a->html);
    nfc_field(&a->comments);
    a->word_count = a->text ? count_words(a->text) : 0;
}

/* Content trees may be detached from the document (built aside by
 * content.c): xmlFreeDoc would not reach them. */
static void free_ctx(lede_ctx *ctx)
{
    if (ctx->content && !ctx->content->parent)
        xmlFreeNode(ctx->content);
    if (ctx->comments && !ctx->comments->parent)
        xmlFreeNode(ctx->comments);
    if (ctx->appjson)
        xmlFreeNode(ctx->appjson);
    metadata_release(ctx);
    if (ctx->doc)
        xmlFreeDoc(ctx->doc);
    free(ctx->base_url);
    free(ctx->jsonld_body);
    free(ctx->title_hint);
    memset(ctx, 0, sizeof *ctx);
}

/* libxml2 reports some errors outside any parser context (an ID defined
 * twice when content.c parses a template in place, for one) through its
 * generic handler, which prints to stderr whatever the parse options say.
 * The library prints nothing: for the duration of one extraction this
 * thread's handlers (thread-local in libxml2) are silenced, then the
 * caller's are put back. */
static void silent_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

static lede_article *extract_quietly(const char *bytes, size_t len, const char *url,
                                     const char *charset_hint, const lede_options *opt_in,
                                     lede_error *err);

lede_article *lede_extract(const char *bytes, size_t len, const char *url,
                           const char *charset_hint, const lede_options *opt_in,
                           lede_error *err)
{
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, silent_generic);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
    lede_article *a = extract_quietly(bytes, len, url, charset_hint, opt_in, err);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    return a;
}

static lede_article *extract_quietly(const char *bytes, size_t len, const char *url,
                                     const char *charset_hint, const lede_options *opt_in,
                                     lede_error *err)
{
    lede_options defaults;
    const lede_options *opt = opt_in;
    if (!opt) {
        lede_options_init(&defaults);
        opt = &defaults;
    }
    if (err) {
        err->code = LEDE_OK;
        err->message[0] = '\0';
    }
    if (!bytes && len) {
        set_err(err, LEDE_ERR_INVALID_ARG, "no input buffer");
        return NULL;
    }
    if (len > opt->max_input_bytes) {
        char msg[128];
        snprintf(msg, sizeof msg, "input is %zu bytes, over the %zu-byte limit",
                 len, opt->max_input_bytes);
        set_err(err, LEDE_ERR_TOO_LARGE, msg);
        return NULL;
    }

    lede_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.opt = opt;
    ctx.url = (url && *url) ? url : NULL;
    ctx.now = opt->reference_time;
    if (!ctx.now)
        ctx.now = dates_archive_capture(ctx.url);
    if (!ctx.now)
        ctx.now = (long long)time(NULL);
    const char *utf8 = NULL; /* the page as UTF-8: utf8_owned, or the input */
    char *utf8_owned = NULL;
    size_t utf8_len = 0;
    const char *charset = NULL;
    lede_article *a = NULL;

    /* 1. decode */
    if (charset_decode_borrow(bytes ? bytes : "", len, charset_hint, &utf8,
                              &utf8_len, &utf8_owned, &charset, err) != 0)
        goto err;
    size_t lead = 0;
    while (lead < utf8_len && (utf8[lead] == ' ' || utf8[lead] == '\n' ||
                               utf8[lead] == '\r' || utf8[lead] == '\t'))
        lead++;
    if (lead == utf8_len) {
        set_err(err, LEDE_ERR_EMPTY, "the input is empty");
        goto err;
    }

    /* 2. parse */
    ctx.doc = dom_parse(utf8, utf8_len, opt, err);
    if (!ctx.doc)
        goto err;
    free(utf8_owned);
    utf8_owned = NULL;

    a = calloc(1, sizeof *a);
    if (!a) {
        set_err(err, LEDE_ERR_NOMEM, "out of memory");
        goto err;
    }
    ctx.art = a;
    if (ctx.url)
        a->url = strdup(ctx.url);
    ctx.base_url = find_base_url(ctx.doc, ctx.url);

    /* 3. metadata and dates, on the intact DOM (JSON-LD lives in scripts) */
    metadata_extract(&ctx);
    appjson_take(&ctx); /* app-state scripts set aside before cleaning */
    dates_extract(&ctx);

    /* 4. clean and find the main content; a thin result may give way to a
     * body found in app-state JSON (Next.js, __INITIAL_STATE__...) */
    content_extract(&ctx);
    int from_appjson = appjson_extract(&ctx);
    metadata_finish(&ctx);
    meta_author_from_content(&ctx);

    /* 5. render */
    render_outputs(&ctx);
    if (from_appjson && a->text)
        a->sources.text = "app-json";
    if (!a->page_type)
        a->page_type = a->text ? "article" : "empty";
    if (!opt->explain)
        memset(&a->sources, 0, sizeof a->sources);

    free_ctx(&ctx);
    return a;

err:
    free(utf8_owned);
    free_ctx(&ctx);
    lede_article_free(a);
    if (err && err->code == LEDE_OK)
        set_err(err, LEDE_ERR_PARSE, "extraction failed");
    return NULL;
}
