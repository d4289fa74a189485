/* render_html.c - the sanitized HTML rendering of the main-content tree,
 * plus the URL and image helpers render_markdown.c shares.
 *
 * Web frontends insert this HTML into their own pages as is, so it must be
 * safe whatever the page held. The content tree comes from content.c but is
 * not trusted: it may still carry any element or attribute a page had.
 *
 * The sanitizer is an allowlist serializer, not a cleaner of the DOM:
 *  - each element is looked up in one table (html_elems) that says: emit it
 *    (with which attributes), unwrap it (children only), or drop it with its
 *    whole subtree (script, style, iframe, svg, forms' controls...);
 *  - attributes come only from a per-element list; URL attributes are
 *    resolved against ctx->base_url and kept only when the result is http,
 *    https or mailto (or a data:image/ raster for img src); numbers must be
 *    digits; links get rel="noopener noreferrer";
 *  - the output is written by our own escaping serializer: every text node
 *    escapes & < >, every attribute is double-quoted with & < > " ' escaped.
 *    No element whose content the browser parses as raw text (script, style,
 *    textarea, title, noscript, xmp, iframe...) and no foreign content (svg,
 *    math) is ever emitted, so the browser's parse of the output has the
 *    same shape as the tree we wrote (no mutation XSS through re-parsing).
 * Lazy-loaded images are normalised: data-src/data-srcset/srcset/<picture>
 * sources give the real src when src is missing or a placeholder.
 *
 * The walk is iterative with an explicit frame stack (trees nest deep).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A data: URL shorter than this in an img src is a placeholder (1x1 GIF,
 * blank SVG), not the picture: real images are kilobytes. */
#define PLACEHOLDER_DATA_URL_MAX 256
/* The longest language name kept from class="language-x". */
#define CODE_LANG_MAX 32
/* <source> elements libxml2 nests around a <picture>'s <img>: how far up
 * to look for the <picture> (one per source, rarely more than 3). */
#define PICTURE_MAX_UP 6

/* ---- URL policy, shared with render_markdown.c --------------------------- */

static int url_scheme_is(const char *u, const char *scheme)
{
    size_t n = strlen(scheme);
    return strncasecmp(u, scheme, n) == 0 && u[n] == ':';
}

/* data:image/<raster>[;...], — no SVG (it can carry script when opened on
 * its own, and as a picture it is rarely article content). */
static int url_is_data_image(const char *u)
{
    static const char *const types[] = {"png", "gif", "jpeg", "jpg", "webp",
                                        "avif", "bmp", NULL};
    if (strncasecmp(u, "data:image/", 11) != 0)
        return 0;
    const char *t = u + 11;
    for (int i = 0; types[i]; i++) {
        size_t n = strlen(types[i]);
        if (strncasecmp(t, types[i], n) == 0 && (t[n] == ';' || t[n] == ','))
            return 1;
    }
    return 0;
}

/* Resolve ref against the page's base and keep it only when safe: http,
 * https or mailto (image=1 also allows data:image/ rasters). Bytes a URL
 * must not hold raw (controls, space, quotes, <, >, `, backslash) are
 * percent-encoded. Returns a malloc'd string or NULL. */
char *render_safe_url(const lede_ctx *ctx, const char *ref, int image)
{
    if (!ref)
        return NULL;
    if (image && url_is_data_image(ref)) {
        /* A data URL is taken verbatim apart from whitespace (base64 may be
         * wrapped); it has no host to resolve against. */
        sbuf b;
        sbuf_init(&b);
        for (const char *p = ref; *p; p++)
            if (!isspace((unsigned char)*p) && *p != '"' && *p != '<' &&
                *p != '>' && *p != '\'')
                sbuf_putc(&b, *p);
        return sbuf_steal(&b);
    }
    char *abs = url_resolve(ctx ? ctx->base_url : NULL, ref);
    if (!abs)
        return NULL;
    int ok = url_scheme_is(abs, "http") || url_scheme_is(abs, "https") ||
             (!image && url_scheme_is(abs, "mailto"));
    if (ok && !url_scheme_is(abs, "mailto")) {
        /* An http(s) URL needs a host: "http:foo" is a relative form. */
        const char *s = strchr(abs, ':');
        ok = s && s[1] == '/' && s[2] == '/' && s[3] && s[3] != '/';
    }
    if (!ok) {
        free(abs);
        return NULL;
    }
    sbuf b;
    sbuf_init(&b);
    for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
        if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '\'' || *p == '<' ||
            *p == '>' || *p == '`' || *p == '\\')
            sbuf_printf(&b, "%%%02X", *p);
        else
            sbuf_putc(&b, (char)*p);
    }
    free(abs);
    return sbuf_steal(&b);
}

/* ---- images: src, lazy attributes, srcset -------------------------------- */

/* Attributes lazy-loading scripts keep the real URL in, best first. */
static const char *const lazy_src_attrs[] = {
    "data-src", "data-lazy-src", "data-original", "data-lazy", "data-url",
    "data-hi-res-src", "data-full-src", "data-original-src", NULL};
static const char *const lazy_srcset_attrs[] = {
    "data-srcset", "data-lazy-srcset", "srcset", NULL};

/* The best srcset candidate (dom_srcset_best), malloc'd. */
static char *srcset_best(const char *s)
{
    size_t n;
    const char *u = dom_srcset_best(s, 0, &n);
    return u ? xstrndup(u, n) : NULL;
}

static int src_is_placeholder(const char *src)
{
    if (!src || !*src)
        return 1;
    if (strncasecmp(src, "data:", 5) == 0)
        return strlen(src) < PLACEHOLDER_DATA_URL_MAX || !url_is_data_image(src);
    return 0;
}

/* The URL an <img> shows once its lazy loader ran, made safe; NULL when it
 * has none. Looks at src, the lazy attributes, srcset, and the <source>
 * siblings inside a <picture>. */
char *render_img_src(const xmlNode *img, const lede_ctx *ctx)
{
    const char *src = dom_attr(img, "src");
    char *out = NULL;
    if (src && !src_is_placeholder(src))
        out = render_safe_url(ctx, src, 1);
    for (int i = 0; lazy_src_attrs[i]; i++) {
        const char *v = dom_attr(img, lazy_src_attrs[i]);
        if (v && *v && !src_is_placeholder(v)) {
            char *u = render_safe_url(ctx, v, 1);
            if (u) {
                free(out);
                return u;
            }
        }
    }
    if (out)
        return out;
    for (int i = 0; lazy_srcset_attrs[i]; i++) {
        const char *v = dom_attr(img, lazy_srcset_attrs[i]);
        char *c = v ? srcset_best(v) : NULL;
        if (c) {
            out = src_is_placeholder(c) ? NULL : render_safe_url(ctx, c, 1);
            free(c);
            if (out)
                return out;
        }
    }
    /* <picture><source srcset><img></picture>; libxml2 nests the <img>
     * inside the (to it unknown, non-void) <source> elements. */
    const xmlNode *pic = NULL;
    const xmlNode *p = img->parent;
    for (int k = 0; p && k < PICTURE_MAX_UP; p = p->parent, k++) {
        if (!strcmp(dom_name(p), "picture")) {
            pic = p;
            break;
        }
        if (strcmp(dom_name(p), "source"))
            break;
    }
    if (pic) {
        for (const xmlNode *s = pic->children; s;
             s = (s->children && !strcmp(dom_name(s), "source")) ? s->children : s->next) {
            if (strcmp(dom_name(s), "source"))
                continue;
            const char *v = dom_attr(s, "srcset");
            if (!v)
                v = dom_attr(s, "data-srcset");
            char *c = v ? srcset_best(v) : NULL;
            if (c) {
                out = render_safe_url(ctx, c, 1);
                free(c);
                if (out)
                    return out;
            }
        }
    }
    return NULL;
}

/* The language of a code block from class="language-x" / "lang-x" (on the
 * element or, for <pre>, its first <code> child), sanitised to the
 * characters language names use. Returns buf or NULL. */
const char *render_code_lang(const xmlNode *n, char *buf, size_t cap)
{
    static const char *const prefixes[] = {"language-", "lang-", NULL};
    for (int pass = 0; pass < 2 && n; pass++) {
        const char *cls = dom_attr(n, "class");
        for (const char *p = cls; p && *p;) {
            while (*p && isspace((unsigned char)*p))
                p++;
            const char *w = p;
            while (*p && !isspace((unsigned char)*p))
                p++;
            for (int i = 0; prefixes[i]; i++) {
                size_t pl = strlen(prefixes[i]);
                if ((size_t)(p - w) > pl && !strncasecmp(w, prefixes[i], pl)) {
                    size_t k = 0;
                    for (const char *c = w + pl; c < p && k + 1 < cap &&
                                                 k < CODE_LANG_MAX; c++)
                        if (isalnum((unsigned char)*c) || strchr("+#-_.", *c))
                            buf[k++] = *c;
                    buf[k] = '\0';
                    if (k)
                        return buf;
                }
            }
        }
        const char *dl = dom_attr(n, "data-lang");
        if (!dl)
            dl = dom_attr(n, "data-language");
        if (dl && *dl) {
            size_t k = 0;
            for (const char *c = dl; *c && k + 1 < cap && k < CODE_LANG_MAX; c++)
                if (isalnum((unsigned char)*c) || strchr("+#-_.", *c))
                    buf[k++] = *c;
            buf[k] = '\0';
            if (k)
                return buf;
        }
        /* <pre><code class="language-x"> */
        const xmlNode *c = n->children;
        while (c && c->type != XML_ELEMENT_NODE)
            c = c->next;
        n = (c && !strcmp(dom_name(c), "code")) ? c : NULL;
    }
    return NULL;
}

/* ---- the allowlist -------------------------------------------------------- */

enum html_action {
    H_UNWRAP = 0, /* unknown element: children only */
    H_EMIT,       /* allowed element */
    H_DROP,       /* dangerous or pointless: drop with its subtree */
    H_BLOCK       /* generic container: a <div> only when it holds inline
                     content directly, else its children only */
};

/* Attribute kinds. */
enum { A_TEXT, A_URL, A_IMGURL, A_NUM, A_LANGCLASS, A_ENUM_DIR };

typedef struct {
    const char *name;
    int kind;
} html_attr_rule;

typedef struct {
    const char *name;
    enum html_action action;
    const char *emit_as;       /* NULL = same name */
    int is_void;
    int is_inline;             /* phrasing content (for H_BLOCK's test) */
    const html_attr_rule *attrs;
} html_elem_rule;

static const html_attr_rule attrs_a[] = {{"href", A_URL}, {"title", A_TEXT}, {0, 0}};
static const html_attr_rule attrs_img[] = {{"alt", A_TEXT}, {"title", A_TEXT},
                                           {"width", A_NUM}, {"height", A_NUM}, {0, 0}};
static const html_attr_rule attrs_cell[] = {{"colspan", A_NUM}, {"rowspan", A_NUM}, {0, 0}};
static const html_attr_rule attrs_th[] = {{"colspan", A_NUM}, {"rowspan", A_NUM},
                                          {"scope", A_TEXT}, {0, 0}};
static const html_attr_rule attrs_ol[] = {{"start", A_NUM}, {0, 0}};
static const html_attr_rule attrs_li[] = {{"value", A_NUM}, {0, 0}};
static const html_attr_rule attrs_cite[] = {{"cite", A_URL}, {0, 0}};
static const html_attr_rule attrs_time[] = {{"datetime", A_TEXT}, {0, 0}};
static const html_attr_rule attrs_title[] = {{"title", A_TEXT}, {0, 0}};
static const html_attr_rule attrs_code[] = {{"class", A_LANGCLASS}, {0, 0}};
static const html_attr_rule attrs_bdo[] = {{"dir", A_ENUM_DIR}, {0, 0}};

/* Sorted by nothing: looked up linearly (~90 short names, a few ns each). */
static const html_elem_rule html_elems[] = {
    /* text blocks */
    {"p", H_EMIT, 0, 0, 0, 0},
    {"h1", H_EMIT, 0, 0, 0, 0}, {"h2", H_EMIT, 0, 0, 0, 0},
    {"h3", H_EMIT, 0, 0, 0, 0}, {"h4", H_EMIT, 0, 0, 0, 0},
    {"h5", H_EMIT, 0, 0, 0, 0}, {"h6", H_EMIT, 0, 0, 0, 0},
    {"blockquote", H_EMIT, 0, 0, 0, attrs_cite},
    {"pre", H_EMIT, 0, 0, 0, attrs_code},
    {"hr", H_EMIT, 0, 1, 0, 0},
    {"br", H_EMIT, 0, 1, 1, 0},
    {"wbr", H_EMIT, 0, 1, 1, 0},
    /* lists */
    {"ul", H_EMIT, 0, 0, 0, 0}, {"ol", H_EMIT, 0, 0, 0, attrs_ol},
    {"li", H_EMIT, 0, 0, 0, attrs_li},
    {"dl", H_EMIT, 0, 0, 0, 0}, {"dt", H_EMIT, 0, 0, 0, 0},
    {"dd", H_EMIT, 0, 0, 0, 0},
    {"menu", H_EMIT, "ul", 0, 0, 0},
    /* tables */
    {"table", H_EMIT, 0, 0, 0, 0}, {"caption", H_EMIT, 0, 0, 0, 0},
    {"thead", H_EMIT, 0, 0, 0, 0}, {"tbody", H_EMIT, 0, 0, 0, 0},
    {"tfoot", H_EMIT, 0, 0, 0, 0}, {"tr", H_EMIT, 0, 0, 0, 0},
    {"td", H_EMIT, 0, 0, 0, attrs_cell}, {"th", H_EMIT, 0, 0, 0, attrs_th},
    {"colgroup", H_DROP, 0, 0, 0, 0}, {"col", H_DROP, 0, 0, 0, 0},
    /* figures and media */
    {"figure", H_EMIT, 0, 0, 0, 0}, {"figcaption", H_EMIT, 0, 0, 0, 0},
    {"img", H_EMIT, 0, 1, 1, attrs_img},
    {"picture", H_UNWRAP, 0, 0, 1, 0},
    {"details", H_EMIT, 0, 0, 0, 0}, {"summary", H_EMIT, 0, 0, 0, 0},
    /* phrasing */
    {"a", H_EMIT, 0, 0, 1, attrs_a},
    {"em", H_EMIT, 0, 0, 1, 0}, {"i", H_EMIT, 0, 0, 1, 0},
    {"strong", H_EMIT, 0, 0, 1, 0}, {"b", H_EMIT, 0, 0, 1, 0},
    {"u", H_EMIT, 0, 0, 1, 0}, {"s", H_EMIT, 0, 0, 1, 0},
    {"strike", H_EMIT, "s", 0, 1, 0}, {"del", H_EMIT, 0, 0, 1, attrs_cite},
    {"ins", H_EMIT, 0, 0, 1, attrs_cite}, {"mark", H_EMIT, 0, 0, 1, 0},
    {"small", H_EMIT, 0, 0, 1, 0}, {"sub", H_EMIT, 0, 0, 1, 0},
    {"sup", H_EMIT, 0, 0, 1, 0}, {"code", H_EMIT, 0, 0, 1, attrs_code},
    {"kbd", H_EMIT, 0, 0, 1, 0}, {"samp", H_EMIT, 0, 0, 1, 0},
    {"var", H_EMIT, 0, 0, 1, 0}, {"tt", H_EMIT, "code", 0, 1, 0},
    {"q", H_EMIT, 0, 0, 1, attrs_cite}, {"cite", H_EMIT, 0, 0, 1, 0},
    {"abbr", H_EMIT, 0, 0, 1, attrs_title}, {"dfn", H_EMIT, 0, 0, 1, attrs_title},
    {"time", H_EMIT, 0, 0, 1, attrs_time}, {"bdi", H_EMIT, 0, 0, 1, 0},
    {"bdo", H_EMIT, 0, 0, 1, attrs_bdo}, {"ruby", H_EMIT, 0, 0, 1, 0},
    {"rt", H_EMIT, 0, 0, 1, 0}, {"rp", H_EMIT, 0, 0, 1, 0},
    {"span", H_UNWRAP, 0, 0, 1, 0}, {"font", H_UNWRAP, 0, 0, 1, 0},
    {"big", H_UNWRAP, 0, 0, 1, 0}, {"nobr", H_UNWRAP, 0, 0, 1, 0},
    {"label", H_UNWRAP, 0, 0, 1, 0}, {"data", H_UNWRAP, 0, 0, 1, 0},
    /* generic containers */
    {"div", H_BLOCK, 0, 0, 0, 0}, {"section", H_BLOCK, 0, 0, 0, 0},
    {"article", H_BLOCK, 0, 0, 0, 0}, {"main", H_BLOCK, 0, 0, 0, 0},
    {"header", H_BLOCK, 0, 0, 0, 0}, {"footer", H_BLOCK, 0, 0, 0, 0},
    {"aside", H_BLOCK, 0, 0, 0, 0}, {"nav", H_BLOCK, 0, 0, 0, 0},
    {"address", H_BLOCK, 0, 0, 0, 0}, {"center", H_BLOCK, 0, 0, 0, 0},
    {"hgroup", H_BLOCK, 0, 0, 0, 0}, {"body", H_BLOCK, 0, 0, 0, 0},
    {"html", H_BLOCK, 0, 0, 0, 0}, {"form", H_BLOCK, 0, 0, 0, 0},
    {"fieldset", H_BLOCK, 0, 0, 0, 0}, {"dialog", H_BLOCK, 0, 0, 0, 0},
    {"search", H_BLOCK, 0, 0, 0, 0}, {"legend", H_BLOCK, 0, 0, 0, 0},
    {"marquee", H_BLOCK, 0, 0, 0, 0}, {"listing", H_BLOCK, 0, 0, 0, 0},
    /* dropped with their content: active content, raw-text parsing, foreign
     * content, form controls, document metadata */
    {"script", H_DROP, 0, 0, 0, 0}, {"style", H_DROP, 0, 0, 0, 0},
    {"noscript", H_DROP, 0, 0, 0, 0}, {"template", H_DROP, 0, 0, 0, 0},
    {"iframe", H_DROP, 0, 0, 0, 0}, {"frame", H_DROP, 0, 0, 0, 0},
    {"frameset", H_DROP, 0, 0, 0, 0}, {"noframes", H_DROP, 0, 0, 0, 0},
    {"object", H_DROP, 0, 0, 0, 0}, {"embed", H_DROP, 0, 0, 0, 0},
    {"applet", H_DROP, 0, 0, 0, 0}, {"param", H_DROP, 0, 0, 0, 0},
    {"svg", H_DROP, 0, 0, 0, 0}, {"math", H_DROP, 0, 0, 0, 0},
    {"canvas", H_DROP, 0, 0, 0, 0}, {"video", H_DROP, 0, 0, 0, 0},
    {"audio", H_DROP, 0, 0, 0, 0}, {"source", H_DROP, 0, 0, 0, 0},
    {"track", H_DROP, 0, 0, 0, 0}, {"map", H_DROP, 0, 0, 0, 0},
    {"area", H_DROP, 0, 0, 0, 0}, {"input", H_DROP, 0, 0, 0, 0},
    {"button", H_DROP, 0, 0, 0, 0}, {"select", H_DROP, 0, 0, 0, 0},
    {"option", H_DROP, 0, 0, 0, 0}, {"optgroup", H_DROP, 0, 0, 0, 0},
    {"textarea", H_DROP, 0, 0, 0, 0}, {"datalist", H_DROP, 0, 0, 0, 0},
    {"output", H_DROP, 0, 0, 0, 0}, {"keygen", H_DROP, 0, 0, 0, 0},
    {"meta", H_DROP, 0, 0, 0, 0}, {"base", H_DROP, 0, 0, 0, 0},
    {"link", H_DROP, 0, 0, 0, 0}, {"head", H_DROP, 0, 0, 0, 0},
    {"title", H_DROP, 0, 0, 0, 0}, {"xmp", H_DROP, 0, 0, 0, 0},
    {"plaintext", H_DROP, 0, 0, 0, 0}, {"noembed", H_DROP, 0, 0, 0, 0},
    {"portal", H_DROP, 0, 0, 0, 0}, {"slot", H_DROP, 0, 0, 0, 0},
    {"image", H_DROP, 0, 0, 0, 0}, {"isindex", H_DROP, 0, 0, 0, 0},
    {"bgsound", H_DROP, 0, 0, 0, 0}, {"xml", H_DROP, 0, 0, 0, 0},
    {"selectedcontent", H_DROP, 0, 0, 0, 0},
    {NULL, H_UNWRAP, 0, 0, 0, 0}};

/* Void in HTML5 but not in libxml2's HTML 4 parser, which then nests the
 * following siblings inside them (<p>a<wbr>b</p> becomes <wbr>b</wbr>).
 * Whatever is done with the element itself, its "children" are walked as
 * the content they really are. */
static const char *const html5_void_elems[] = {
    "wbr", "source", "track", "embed", "area", "col", "input", "keygen",
    "param", "img", "br", "hr", "meta", "link", "base", NULL};

int render_is_html5_void(const char *name)
{
    for (int i = 0; html5_void_elems[i]; i++)
        if (!strcmp(html5_void_elems[i], name))
            return 1;
    return 0;
}

static const html_elem_rule unknown_rule = {"", H_UNWRAP, 0, 0, 1, 0};
static const html_elem_rule foreign_rule = {"", H_DROP, 0, 0, 0, 0};

static const html_elem_rule *html_rule(const xmlNode *n)
{
    /* An element in a namespace (svg:x, math:x, XML islands) is foreign
     * content: browsers parse it by other rules, so none of it is kept. */
    if (n->ns)
        return &foreign_rule;
    const char *nm = dom_name(n);
    for (const html_elem_rule *r = html_elems; r->name; r++)
        if (!strcmp(r->name, nm))
            return r;
    return &unknown_rule;
}

/* ---- the escaping serializer --------------------------------------------- */

static int is_ctl(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

/* Text content: & < > escaped, control bytes dropped; outside <pre> every
 * whitespace run becomes one space (the browser shows it so anyway). */
static void html_put_text(sbuf *b, const char *s, int pre)
{
    int sp = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (!pre && (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                     c == '\f')) {
            if (!sp)
                sbuf_putc(b, ' ');
            sp = 1;
            continue;
        }
        sp = 0;
        if (c == '&')
            sbuf_puts(b, "&amp;");
        else if (c == '<')
            sbuf_puts(b, "&lt;");
        else if (c == '>')
            sbuf_puts(b, "&gt;");
        else if (c == '\r' && pre)
            continue;
        else if (!is_ctl(c))
            sbuf_putc(b, (char)c);
    }
}

/* One attribute: name="value" with & < > " ' escaped and whitespace made
 * plain spaces. Names come from our tables only. */
static void html_put_attr(sbuf *b, const char *name, const char *v)
{
    sbuf_putc(b, ' ');
    sbuf_puts(b, name);
    sbuf_puts(b, "=\"");
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        unsigned char c = *p;
        switch (c) {
        case '&': sbuf_puts(b, "&amp;"); break;
        case '<': sbuf_puts(b, "&lt;"); break;
        case '>': sbuf_puts(b, "&gt;"); break;
        case '"': sbuf_puts(b, "&quot;"); break;
        case '\'': sbuf_puts(b, "&#39;"); break;
        case '\t': case '\n': case '\r': case '\f': sbuf_putc(b, ' '); break;
        default:
            if (!is_ctl(c))
                sbuf_putc(b, (char)c);
        }
    }
    sbuf_putc(b, '"');
}

static int all_digits(const char *s, size_t max)
{
    size_t n = 0;
    for (; *s; s++, n++)
        if (!isdigit((unsigned char)*s) || n >= max)
            return 0;
    return n > 0;
}

/* The allowed attributes of one element. */
static void html_put_attrs(sbuf *b, const xmlNode *n, const html_elem_rule *r,
                           const lede_ctx *ctx)
{
    for (const html_attr_rule *a = r->attrs; a && a->name; a++) {
        if (a->kind == A_LANGCLASS) {
            char lang[CODE_LANG_MAX + 1];
            if (render_code_lang(n, lang, sizeof lang)) {
                char cls[CODE_LANG_MAX + 16];
                snprintf(cls, sizeof cls, "language-%s", lang);
                html_put_attr(b, "class", cls);
            }
            continue;
        }
        const char *v = dom_attr(n, a->name);
        if (!v)
            continue;
        switch (a->kind) {
        case A_TEXT:
            html_put_attr(b, a->name, v);
            break;
        case A_NUM:
            /* sizes, spans, list numbers: 1-6 digits, nothing else */
            if (all_digits(v, 6))
                html_put_attr(b, a->name, v);
            break;
        case A_ENUM_DIR:
            if (!strcasecmp(v, "ltr") || !strcasecmp(v, "rtl"))
                html_put_attr(b, a->name, v);
            break;
        case A_URL:
        case A_IMGURL: {
            char *u = render_safe_url(ctx, v, a->kind == A_IMGURL);
            if (u)
                html_put_attr(b, a->name, u);
            free(u);
            break;
        }
        }
    }
}

/* Does a generic container hold text or phrasing elements directly (then it
 * needs its own box, else its children's boxes suffice)? O(children). */
static int html_has_inline_child(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            for (const char *p = (const char *)c->content; p && *p; p++)
                if (!isspace((unsigned char)*p))
                    return 1;
        } else if (c->type == XML_ELEMENT_NODE) {
            const html_elem_rule *r = html_rule(c);
            if (r->action != H_DROP && r->is_inline)
                return 1;
        }
    }
    return 0;
}

typedef struct {
    const char *close; /* tag to close on leave, or NULL */
    int block;         /* newline after the close tag */
    int pre;           /* this frame opened a <pre> */
} html_frame;

typedef struct {
    html_frame *v;
    size_t n, cap;
    int oom;
} html_stack;

static int html_push(html_stack *s, html_frame f)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        html_frame *v = realloc(s->v, cap * sizeof *v);
        if (!v) {
            s->oom = 1;
            return -1;
        }
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = f;
    return 0;
}

/* Enter an element: write its start tag (or nothing), push its frame, and
 * say whether to walk its children. */
static int html_enter(sbuf *b, html_stack *st, const xmlNode *n,
                      const lede_ctx *ctx, int *pre_depth)
{
    const html_elem_rule *r = html_rule(n);
    html_frame f = {NULL, 0, 0};
    enum html_action act = r->action;
    const char *nm = dom_name(n);
    char *href = NULL;

    int h5void = render_is_html5_void(nm);
    if (act == H_BLOCK)
        act = html_has_inline_child(n) ? H_EMIT : H_UNWRAP;
    if (h5void && act == H_DROP)
        act = H_UNWRAP; /* drop the element, keep what libxml2 nested in it */
    if (act == H_EMIT && !strcmp(nm, "img")) {
        char *src = NULL;
        if (!ctx || !ctx->opt || ctx->opt->include_images)
            src = render_img_src(n, ctx);
        if (src) {
            sbuf_puts(b, "<img");
            html_put_attr(b, "src", src);
            html_put_attrs(b, n, r, ctx);
            sbuf_putc(b, '>');
            free(src);
        }
        html_push(st, f);
        return 1;
    }
    if (act == H_EMIT && !strcmp(nm, "a")) {
        const char *h = dom_attr(n, "href");
        if (h && (!ctx || !ctx->opt || ctx->opt->include_links))
            href = render_safe_url(ctx, h, 0);
        if (!href)
            act = H_UNWRAP;
    }
    if (act == H_DROP) {
        html_push(st, f);
        return 0;
    }
    if (act == H_UNWRAP) {
        html_push(st, f);
        return 1;
    }
    const char *tag = r->action == H_BLOCK ? "div"
                      : r->emit_as         ? r->emit_as
                                           : r->name;
    sbuf_putc(b, '<');
    sbuf_puts(b, tag);
    if (href) {
        html_put_attr(b, "href", href);
        free(href);
        for (const html_attr_rule *a = r->attrs; a && a->name; a++)
            if (strcmp(a->name, "href")) {
                const char *v = dom_attr(n, a->name);
                if (v)
                    html_put_attr(b, a->name, v);
            }
        html_put_attr(b, "rel", "noopener noreferrer");
    } else {
        html_put_attrs(b, n, r, ctx);
    }
    sbuf_putc(b, '>');
    if (r->is_void) {
        if (!r->is_inline && !*pre_depth)
            sbuf_putc(b, '\n');
        html_push(st, f);
        return 1;
    }
    f.close = tag;
    f.block = !r->is_inline;
    if (!strcmp(tag, "pre")) {
        f.pre = 1;
        /* libxml2 keeps the newline right after <pre> that browsers drop;
         * written back as is, browsers drop it again: same rendering. */
        (*pre_depth)++;
    }
    html_push(st, f);
    return 1;
}

static void html_leave(sbuf *b, html_stack *st, int *pre_depth)
{
    if (!st->n)
        return;
    html_frame f = st->v[--st->n];
    if (f.pre)
        (*pre_depth)--;
    if (f.close) {
        sbuf_puts(b, "</");
        sbuf_puts(b, f.close);
        sbuf_putc(b, '>');
        if (f.block && !*pre_depth)
            sbuf_putc(b, '\n');
    }
}

char *render_html(const xmlNode *root, const lede_ctx *ctx)
{
    sbuf b;
    sbuf_init(&b);
    if (!root)
        return sbuf_steal(&b);
    html_stack st = {0};
    int pre_depth = 0;
    const xmlNode *n = root;
    while (n) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE)
            descend = html_enter(&b, &st, n, ctx, &pre_depth);
        else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                 n->content)
            html_put_text(&b, (const char *)n->content, pre_depth > 0);
        /* comments, processing instructions, entity nodes: never emitted */
        if (st.oom)
            break;
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE)
            html_leave(&b, &st, &pre_depth);
        while (n != root && !n->next) {
            n = n->parent;
            if (n->type == XML_ELEMENT_NODE)
                html_leave(&b, &st, &pre_depth);
        }
        if (n == root)
            break;
        n = n->next;
    }
    int oom = st.oom;
    free(st.v);
    if (oom) {
        sbuf_free(&b);
        return NULL;
    }
    return sbuf_steal(&b);
}
