/* appjson.c - article bodies that exist only in embedded app-state JSON.
 *
 * Script-built pages (Next.js, Nuxt, Apollo/Redux stores...) often ship a
 * shell DOM and the article itself in a JSON blob: <script id=__NEXT_DATA__
 * type=application/json>, `window.__INITIAL_STATE__ = {...};`,
 * `window.__PRELOADED_STATE__ = JSON.parse("...")`. JSON-LD articleBody is
 * handled by metadata.c; this file covers the rest (see appjson.h for the
 * three steps and where the pipeline calls them).
 *
 * The finder parses a blob with jansson (its parser stops at 2048 levels;
 * our walk is iterative with an explicit stack and a node budget) and keeps
 * the best prose-like candidate of two kinds:
 *   - a string under a body-like key (articleBody, body, content, html...),
 *     plain text or HTML;
 *   - an array of block objects (type/_type/nodeType/__typename saying
 *     paragraph, heading, p, h2, blockquote...), the rich-text shape of
 *     headless CMSs (Contentful, Sanity, Editor.js, htmlparser2 trees): the
 *     text pieces under text/data/value keys are joined, one line per block.
 * Keys and block types are data tables below; the algorithm reads them.
 * A candidate must read as prose (appjson_prose_len): enough sentence ends,
 * few URLs, no code punctuation, mostly letters. Best = inside the object
 * titled like the page (stores hold related stories too), else beside it,
 * else anywhere; then the longest. Subtrees under stop keys (cookie,
 * comments, related...) and embed/ad kinds are skipped. Framework state
 * that is not JSON (Nuxt 2's function-built __NUXT__) is read lexically:
 * string literals after a body key.
 *
 * Cost: pages without candidate scripts pay one attribute test and a
 * <= APPJSON_HEAD_SCAN-byte look per inline script during the metadata walk.
 * Pages with app JSON but a good DOM result pay nothing more. Only a thin DOM
 * result makes us parse: O(blob) per script, blobs over APPJSON_MAX_BYTES
 * skipped, at most APPJSON_MAX_NODES values walked per blob.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "appjson.h"
#include "meta_internal.h"

/* ---- tunables ------------------------------------------------------------ */
/* Largest script text parsed: real app states are < 2 MB; beyond, the
 * parse costs more than a thin page is worth. */
#define APPJSON_MAX_BYTES (4u << 20)
/* JSON values walked per script (a big store has ~100k). */
#define APPJSON_MAX_NODES 300000u
/* DOM result shorter than this (text bytes) is thin; the same bar content.c
 * uses before trusting a JSON-LD body over the DOM (3 x CT_THIN_TEXT). */
#define APPJSON_THIN_TEXT 900
/* The JSON body must be this many times longer than the DOM text. */
#define APPJSON_GAIN 2
/* Shorter candidates are blurbs, teasers or labels, not an article. */
#define APPJSON_MIN_BODY 250
/* Bytes of an inline script searched for an `X = {` assignment by the
 * metadata walk: app states assign at the top. */
#define APPJSON_HEAD_SCAN 256
/* Assignments parsed per inline script (one store per script is usual). */
#define APPJSON_MAX_ASSIGN 8
/* Candidates measured per script: bounds the prose checks when arrays nest
 * (each nested block array is a longer candidate than the last). */
#define APPJSON_MAX_EVALS 512
/* An array is a body when this many of its elements are block objects... */
#define APPJSON_MIN_BLOCKS 2
/* Prose: at least one sentence end per this many bytes of text... */
#define APPJSON_SENTENCE_BYTES 600
/* ...at most one URL per this many bytes... */
#define APPJSON_URL_BYTES 250
/* ...code punctuation ({ } = \ |) under 1/this of the text... */
#define APPJSON_CODE_SHARE 50
/* ...and letters + spaces at least this percentage of it. */
#define APPJSON_LETTER_PCT 70
/* Readability's isProbablyReaderable: paragraph floor and score. */
#define APPJSON_READERABLE_MIN 140
#define APPJSON_READERABLE_SCORE 20.0
/* Titles compare squashed (lower-case alphanumerics); a shared prefix this
 * long is a match (one side may be cut or carry the site name). */
#define APPJSON_TITLE_MIN 16
#define APPJSON_TITLE_BYTES 512
/* Starts a heading line in block-array text (a control byte no JSON text
 * carries once cleaned); aj_tree_from_text makes it an <h2>. */
#define APPJSON_HEADING_MARK '\x01'
/* Longest key compared against the tables (longer keys match nothing). */
#define APPJSON_KEY_MAX 32

/* ---- rules (data) -------------------------------------------------------- */
/* Keys whose string value may be the whole body. Compared lower-case with
 * '_' and '-' removed: "body_html", "bodyHtml" and "body-html" all match. */
static const char *const aj_body_keys[] = {
    "articlebody", "body", "bodyhtml", "bodytext", "content", "contenthtml",
    "contentencoded", "htmlcontent", "html", "text", "fulltext",
    "articletext", "rendered", "markdown", "storybody", "storytext",
    "postcontent", "maincontent", "contentbody", "innerhtml", NULL};

/* Keys of the text pieces inside rich-text block objects. */
static const char *const aj_leaf_keys[] = {
    "text", "data", "value", "content", "html", "innerhtml", "body", NULL};

/* Keys naming an object's kind in rich-text trees. */
static const char *const aj_type_keys[] = {
    "type", "_type", "nodeType", "__typename", "kind", "blockType",
    "blockName", "component", NULL};

/* Kinds that are a block of the body: exact (lower-case)... */
static const char *const aj_block_types[] = {
    "p", "block", "blockquote", "quote", "pullquote", "li", "ul", "ol", "list",
    "listitem", "list-item", "list_item", "core/paragraph", "core/list",
    "core/quote", "unstyled", "unordered-list-item", "ordered-list-item", NULL};
/* ...of which these are headings (kept as headings in the output)... */
static const char *const aj_heading_types[] = {
    "h1", "h2", "h3", "h4", "h5", "h6", "subhead", "subheading", "core/heading",
    "header-one", "header-two", "header-three", "header-four", "header-five",
    "header-six", NULL};
/* ...or containing one of these words ("ArticleParagraph", "heading-two"). */
static const char *const aj_block_words[] = {"paragraph", NULL};
static const char *const aj_heading_words[] = {"heading", NULL};
/* Kinds that are a block only at the top (Arc's content_elements are
 * {"type":"text"}), but inline runs inside a block (htmlparser2 trees,
 * Contentful's text nodes). */
static const char *const aj_weak_block_types[] = {"text", NULL};
static const char *const aj_weak_heading_types[] = {"header", NULL};
/* Kinds whose subtree adds no text to a block array: embeds, ads, media,
 * link-outs placed between paragraphs. */
static const char *const aj_stop_types[] = {
    "raw_html", "rawhtml", "embed", "oembed", "oembed_response", "ad",
    "advert", "advertisement", "video", "image", "gallery", "audio",
    "interstitial_link", "related", "related_content", "newsletter", "promo",
    "social", "custom_embed", NULL};

/* Keys (any part, lower-case, '_'/'-' removed) whose subtree is not the
 * article: consent banners, translations, comments, related stories. */
static const char *const aj_stop_key_words[] = {
    "cookie", "consent", "gdpr", "privacy", "footer", "newsletter",
    "translation", "i18n", "locale", "dictionary", "comment", "related",
    "recommend", "error", "navigation", "menu", NULL};

/* Keys naming an object's title: an object whose title is the page's
 * holds the page's article (app states hold related stories too). */
static const char *const aj_title_keys[] = {
    "headline", "title", "seoTitle", "headlines", "name", NULL};

/* Script ids that are app state whatever their type says. */
static const char *const aj_script_ids[] = {
    "__NEXT_DATA__", "__NUXT_DATA__", "__APOLLO_STATE__", NULL};

/* ---- small helpers ------------------------------------------------------- */

/* key lower-cased without '_' / '-' into out; 0 when too long. */
static int aj_norm_key(const char *key, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = key; *p; p++) {
        if (*p == '_' || *p == '-')
            continue;
        if (n + 1 >= cap)
            return 0;
        out[n++] = (char)tolower((unsigned char)*p);
    }
    out[n] = '\0';
    return 1;
}

static int aj_in_table(const char *const *table, const char *s)
{
    for (size_t i = 0; table[i]; i++)
        if (!strcmp(table[i], s))
            return 1;
    return 0;
}

static int aj_key_in(const char *const *table, const char *key)
{
    char k[APPJSON_KEY_MAX];
    return key && aj_norm_key(key, k, sizeof k) && aj_in_table(table, k);
}

/* Does s hold at least `min` tags like <p>, </p>, <br/>? */
static int aj_has_tags(const char *s, size_t len, int min)
{
    int n = 0;
    for (const char *p = s, *end = s + len; (p = memchr(p, '<', (size_t)(end - p)));
         p++) {
        if (p + 1 < end && (isalpha((unsigned char)p[1]) || p[1] == '/') &&
            memchr(p, '>', (size_t)(end - p)) && ++n >= min)
            return 1;
    }
    return 0;
}

/* Paragraph tags (<p> or <p ...>): bodies without a key, in arrays. */
static int aj_count_paras(const char *s, size_t len, int min)
{
    int n = 0;
    for (const char *p = s, *end = s + len; p + 2 < end &&
                                           (p = memchr(p, '<', (size_t)(end - p - 2)));
         p++)
        if ((p[1] == 'p' || p[1] == 'P') && (p[2] == '>' || p[2] == ' ') && ++n >= min)
            return 1;
    return 0;
}

void appjson_body_free(appjson_body *b)
{
    if (!b)
        return;
    free(b->body);
    memset(b, 0, sizeof *b);
}

/* ---- prose test ---------------------------------------------------------- */

size_t appjson_prose_len(const char *s, size_t len, int is_html)
{
    if (!s)
        return 0;
    size_t text = 0, ends = 0, urls = 0, code = 0, letters = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned char c = *p;
        if (is_html && c == '<' && p + 1 < end &&
            (isalpha(p[1]) || p[1] == '/' || p[1] == '!')) {
            const unsigned char *gt = memchr(p, '>', (size_t)(end - p));
            if (gt) {
                p = gt + 1;
                letters++; /* the tag separates words like a space */
                text++;
                continue;
            }
        }
        text++;
        if (c >= 0x80 || isalpha(c) || c == ' ' || c == '\n' || c == '\t') {
            letters++;
            /* CJK full stop, full-width ! and ? */
            if (c == 0xE3 && p + 2 < end && p[1] == 0x80 && p[2] == 0x82)
                ends++;
            else if (c == 0xEF && p + 2 < end && p[1] == 0xBC &&
                     (p[2] == 0x81 || p[2] == 0x9F))
                ends++;
        } else if (c == '.' || c == '!' || c == '?') {
            unsigned char n = p + 1 < end ? p[1] : ' ';
            if (n == ' ' || n == '\n' || n == '"' || n == '\'' || n == '<' ||
                n == 0xE2 /* closing typographic quote */ || p + 1 == end)
                ends++;
        } else if (c == '{' || c == '}' || c == '=' || c == '\\' || c == '|') {
            code++;
        }
        if ((c == 'h' && end - p > 7 && !memcmp(p, "http", 4) &&
             (p[4] == ':' || (p[4] == 's' && p[5] == ':'))) ||
            (c == 'w' && end - p > 4 && !memcmp(p, "www.", 4)))
            urls++;
        p++;
    }
    if (text < APPJSON_MIN_BODY || ends < 2 || ends * APPJSON_SENTENCE_BYTES < text)
        return 0;
    if (urls * APPJSON_URL_BYTES > text || code * APPJSON_CODE_SHARE > text)
        return 0;
    if (letters * 100 < text * APPJSON_LETTER_PCT)
        return 0;
    return text;
}

/* ---- the JSON walk ------------------------------------------------------- */

typedef struct {
    json_t *v;
    void *iter;       /* object: next member */
    size_t idx;       /* array: next element */
    size_t start;     /* w->text.len when entered */
    unsigned objs;    /* array: elements that are objects */
    unsigned blocks;  /* array: of which block objects */
    int is_block;     /* object: has a block type */
    int is_stop;      /* an embed/ad/media kind, or under a stop key */
    int level;        /* title match in effect here: 2 inside an object
                         titled like the page, 1 inside its parent, 0 */
} aj_frame;

enum { AJ_NONE = 0, AJ_STRING, AJ_RANGE };

typedef struct {
    sbuf text;        /* text pieces of block objects, document order */
    int pending;      /* a space is owed before the next piece */
    aj_frame *stack;
    size_t n, cap;
    size_t nodes;
    unsigned evals;
    unsigned block_depth, stop_depth; /* such frames open */
    const char *const *titles; /* the page's titles, squashed; NULL-ended */
    int title_seen;   /* some object's title is the page's */
    size_t floor;     /* the caller's best: only better candidates count */
    int floor_level;
    /* best candidate of this tree (pointers into it / offsets in text) */
    int best_level;
    int kind;
    const char *str;
    size_t str_len;
    int str_html;
    size_t r0, r1;
    size_t best_len;
} aj_walk;

enum { AJ_KIND_NONE = 0, AJ_KIND_BLOCK, AJ_KIND_WEAK, AJ_KIND_STOP };

static int aj_has_word(const char *const *words, const char *k)
{
    for (size_t j = 0; words[j]; j++)
        if (strstr(k, words[j]))
            return 1;
    return 0;
}

/* The object's kind from its type-ish keys (first one present decides);
 * *heading tells a heading block. */
static int aj_object_kind(json_t *o, int *heading)
{
    *heading = 0;
    for (size_t i = 0; aj_type_keys[i]; i++) {
        const char *t = json_string_value(json_object_get(o, aj_type_keys[i]));
        if (!t)
            continue;
        char k[APPJSON_KEY_MAX];
        size_t n = 0;
        for (; t[n] && n + 1 < sizeof k; n++)
            k[n] = (char)tolower((unsigned char)t[n]);
        if (t[n])
            return AJ_KIND_NONE;
        k[n] = '\0';
        if (aj_in_table(aj_heading_types, k) || aj_has_word(aj_heading_words, k)) {
            *heading = 1;
            return AJ_KIND_BLOCK;
        }
        if (aj_in_table(aj_block_types, k) || aj_has_word(aj_block_words, k)) {
            /* Sanity: {"_type": "block", "style": "h2"} */
            const char *st = json_string_value(json_object_get(o, "style"));
            *heading = st && aj_in_table(aj_heading_types, st);
            return AJ_KIND_BLOCK;
        }
        if (aj_in_table(aj_weak_heading_types, k)) {
            *heading = 1;
            return AJ_KIND_WEAK;
        }
        if (aj_in_table(aj_weak_block_types, k))
            return AJ_KIND_WEAK;
        if (aj_in_table(aj_stop_types, k))
            return AJ_KIND_STOP;
        return AJ_KIND_NONE;
    }
    return AJ_KIND_NONE;
}

/* Is one squashed title a prefix of the other (cut titles end in "...")
 * with at least APPJSON_TITLE_MIN bytes in common? */
static int aj_title_match(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t m = la < lb ? la : lb;
    return m >= APPJSON_TITLE_MIN && !memcmp(a, b, m);
}

/* Does the object carry the page's title (headline, title, headlines.basic)? */
static int aj_object_matches(const aj_walk *w, json_t *o)
{
    if (!w->titles || !w->titles[0])
        return 0;
    for (size_t i = 0; aj_title_keys[i]; i++) {
        json_t *v = json_object_get(o, aj_title_keys[i]);
        if (json_is_object(v)) /* Arc: "headlines": {"basic": "..."} */
            v = json_object_iter_value(json_object_iter(v));
        const char *t = json_string_value(v);
        if (!t || json_string_length(v) < APPJSON_TITLE_MIN)
            continue;
        char sq[APPJSON_TITLE_BYTES];
        meta_squash(t, sq, sizeof sq);
        for (size_t k = 0; w->titles[k]; k++)
            if (aj_title_match(sq, w->titles[k]))
                return 1;
    }
    return 0;
}

/* Title level of an object: 2 when titled like the page, 1 when one of its
 * member objects is (the body may sit beside a "seo" or "meta" object),
 * else 0. One level of look-ahead: each object is tested at most twice. */
static int aj_object_level(const aj_walk *w, json_t *o)
{
    if (!w->titles || !w->titles[0])
        return 0;
    if (aj_object_matches(w, o))
        return 2;
    for (void *it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
        json_t *v = json_object_iter_value(it);
        if (json_is_object(v) && aj_object_matches(w, v))
            return 1;
    }
    return 0;
}

/* Is the key (or a part of it) a stop word? */
static int aj_stop_key(const char *key)
{
    char k[APPJSON_KEY_MAX];
    if (!key || !aj_norm_key(key, k, sizeof k))
        return 0;
    for (size_t i = 0; aj_stop_key_words[i]; i++)
        if (strstr(k, aj_stop_key_words[i]))
            return 1;
    return 0;
}

/* Would a candidate (title level, prose length len) beat both the best of
 * this walk and the caller's? The higher level wins, then the length. */
static int aj_better(const aj_walk *w, int level, size_t len)
{
    if (level != w->best_level ? level < w->best_level : len <= w->best_len)
        return 0;
    if (level != w->floor_level ? level < w->floor_level : len <= w->floor)
        return 0;
    return 1;
}

static int aj_push(aj_walk *w, json_t *v)
{
    if (w->n == w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 64;
        aj_frame *ns = realloc(w->stack, nc * sizeof *ns);
        if (!ns)
            return -1;
        w->stack = ns;
        w->cap = nc;
    }
    aj_frame *f = &w->stack[w->n++];
    memset(f, 0, sizeof *f);
    f->v = v;
    f->start = w->text.len;
    if (json_is_object(v))
        f->iter = json_object_iter(v);
    return 0;
}

/* Tags that end a line when an HTML body is read as plain text. */
static const char *const aj_line_tags[] = {
    "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
    "tr", "td", "th", "section", "figure", "figcaption", "pre", "ul", "ol",
    "table", "hr", NULL};

/* HTML as text lines: tags dropped, a newline at block tags; entities are
 * left for meta_clean (per line, in aj_tree_from_text). O(len). */
static char *aj_html_lines(const char *s)
{
    sbuf b;
    sbuf_init(&b);
    while (*s) {
        const char *lt = strchr(s, '<');
        size_t n = lt ? (size_t)(lt - s) : strlen(s);
        for (size_t i = 0; i < n; i++) /* source newlines are wraps */
            sbuf_putc(&b, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
        if (!lt)
            break;
        if (!(isalpha((unsigned char)lt[1]) || lt[1] == '/' || lt[1] == '!')) {
            sbuf_putc(&b, '<'); /* "a < b" is text */
            s = lt + 1;
            continue;
        }
        const char *gt = strchr(lt, '>');
        if (!gt) { /* no tag ends anywhere after: the rest is text */
            sbuf_puts(&b, lt);
            break;
        }
        const char *nm = lt + 1 + (lt[1] == '/');
        char name[12];
        size_t k = 0;
        while (k + 1 < sizeof name && isalnum((unsigned char)nm[k])) {
            name[k] = (char)tolower((unsigned char)nm[k]);
            k++;
        }
        name[k] = '\0';
        if (aj_in_table(aj_line_tags, name))
            sbuf_putc(&b, '\n'); /* inline tags (b, a, span) join words */
        s = gt + 1;
    }
    if (b.oom) {
        sbuf_free(&b);
        return NULL;
    }
    return sbuf_steal(&b);
}

/* A text piece of a block: appended with whitespace collapsed; markup
 * dropped and entities decoded when present, keeping edge spaces so spans
 * stay apart. */
static void aj_add_piece(aj_walk *w, const char *s, size_t len)
{
    if (isspace((unsigned char)s[0]))
        w->pending = 1;
    if (memchr(s, '<', len) || memchr(s, '&', len)) {
        char *lines = memchr(s, '<', len) ? aj_html_lines(s) : NULL;
        const char *src = lines ? lines : s;
        char *c = meta_clean(src, strlen(src));
        if (c) {
            sbuf_add_collapsed(&w->text, c, strlen(c), &w->pending);
            free(c);
        }
        free(lines);
        if (isspace((unsigned char)s[len - 1]))
            w->pending = 1;
    } else {
        sbuf_add_collapsed(&w->text, s, len, &w->pending);
    }
}

static void aj_string(aj_walk *w, json_t *v, const char *key, int in_array, int level)
{
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    if (!s || !len || w->stop_depth)
        return;
    if (key && aj_key_in(aj_leaf_keys, key))
        aj_add_piece(w, s, len);
    /* A string's prose length never exceeds its byte length. */
    if (len < APPJSON_MIN_BODY || !aj_better(w, level, len) ||
        w->evals >= APPJSON_MAX_EVALS)
        return;
    int cand = key ? aj_key_in(aj_body_keys, key)
                   : in_array && aj_count_paras(s, len, 2);
    if (!cand)
        return;
    w->evals++;
    int html = aj_has_tags(s, len, 2);
    size_t pl = appjson_prose_len(s, len, html);
    if (pl && aj_better(w, level, pl)) {
        w->best_level = level;
        w->kind = AJ_STRING;
        w->str = s;
        w->str_len = len;
        w->str_html = html;
        w->best_len = pl;
    }
}

static void aj_exit(aj_walk *w, aj_frame *f)
{
    if (json_is_object(f->v)) {
        if (f->is_block && w->text.len && w->text.s[w->text.len - 1] != '\n') {
            sbuf_putc(&w->text, '\n');
            w->pending = 0;
        }
        w->block_depth -= f->is_block != 0;
        w->stop_depth -= f->is_stop != 0;
        return;
    }
    w->stop_depth -= f->is_stop != 0;
    if (f->is_stop || w->stop_depth)
        return;
    if (f->blocks < APPJSON_MIN_BLOCKS || f->blocks * 2 < f->objs)
        return;
    size_t raw = w->text.len - f->start;
    if (raw < APPJSON_MIN_BODY || !aj_better(w, f->level, raw) ||
        w->evals >= APPJSON_MAX_EVALS || w->text.oom)
        return;
    w->evals++;
    size_t pl = appjson_prose_len(w->text.s + f->start, raw, 0);
    if (pl && aj_better(w, f->level, pl)) {
        w->best_level = f->level;
        w->kind = AJ_RANGE;
        w->r0 = f->start;
        w->r1 = w->text.len;
        w->best_len = pl;
    }
}

/* Walk one parsed tree; iterative pre/post order, bounded by
 * APPJSON_MAX_NODES values. */
static void aj_walk_tree(aj_walk *w, json_t *root)
{
    if (!json_is_object(root) && !json_is_array(root))
        return;
    if (aj_push(w, root) < 0)
        return;
    if (json_is_object(root))
        w->stack[0].level = aj_object_level(w, root);
    w->title_seen |= w->stack[0].level == 2;
    while (w->n) {
        aj_frame *f = &w->stack[w->n - 1];
        json_t *child = NULL;
        const char *key = NULL;
        if (json_is_object(f->v)) {
            if (f->iter) {
                key = json_object_iter_key(f->iter);
                child = json_object_iter_value(f->iter);
                f->iter = json_object_iter_next(f->v, f->iter);
            }
        } else if (f->idx < json_array_size(f->v)) {
            child = json_array_get(f->v, f->idx++);
        }
        if (!child) {
            aj_exit(w, f);
            w->n--;
            continue;
        }
        if (++w->nodes > APPJSON_MAX_NODES)
            break;
        int in_array = json_is_array(f->v);
        if (json_is_string(child)) {
            aj_string(w, child, key, in_array, f->level);
        } else if (json_is_object(child) || json_is_array(child)) {
            int heading = 0;
            int kind = json_is_object(child) ? aj_object_kind(child, &heading) : AJ_KIND_NONE;
            int block = kind == AJ_KIND_BLOCK || (kind == AJ_KIND_WEAK && !w->block_depth);
            if (block && heading && !w->stop_depth) {
                if (w->text.len && w->text.s[w->text.len - 1] != '\n')
                    sbuf_putc(&w->text, '\n');
                sbuf_putc(&w->text, APPJSON_HEADING_MARK);
                w->pending = 0;
            }
            int level = json_is_object(child) ? aj_object_level(w, child) : 0;
            int parent_level = f->level;
            if (in_array && json_is_object(child)) {
                f->objs++;
                if (block)
                    f->blocks++;
            }
            if (aj_push(w, child) < 0)
                break;
            aj_frame *c = &w->stack[w->n - 1];
            c->is_block = block;
            c->is_stop = kind == AJ_KIND_STOP || aj_stop_key(key);
            c->level = level > parent_level ? level : parent_level;
            w->block_depth += block != 0;
            w->stop_depth += c->is_stop;
            w->title_seen |= level == 2;
        }
    }
    w->n = 0;
    w->block_depth = w->stop_depth = 0;
}

/* Walk a tree and move its best candidate (if better) into *best. */
static int aj_take_best(json_t *root, const char *const *titles, appjson_body *best)
{
    aj_walk w;
    memset(&w, 0, sizeof w);
    sbuf_init(&w.text);
    w.titles = titles;
    w.floor = best->text_len;
    w.floor_level = best->level;
    aj_walk_tree(&w, root);
    best->title_seen |= w.title_seen;
    int got = 0;
    char *body = NULL;
    if (w.kind == AJ_STRING)
        body = xstrndup(w.str, w.str_len);
    else if (w.kind == AJ_RANGE && !w.text.oom)
        body = xstrndup(w.text.s + w.r0, w.r1 - w.r0);
    if (body) {
        free(best->body);
        best->body = body;
        best->is_html = w.kind == AJ_STRING && w.str_html;
        best->text_len = w.best_len;
        best->level = w.best_level;
        got = 1;
    }
    free(w.stack);
    sbuf_free(&w.text);
    return got;
}

/* ---- JavaScript: `X = {...}` and `X = JSON.parse("...")` ----------------- */

static int aj_hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void aj_put_utf8(sbuf *b, unsigned cp)
{
    char u[4];
    if (cp < 0x80) {
        u[0] = (char)cp;
        sbuf_add(b, u, 1);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(b, u, 4);
    }
}

/* Value of the JS string literal at s (quote ' or "); *used receives its
 * length with the quotes. NULL when unterminated. */
static char *aj_js_unquote(const char *s, size_t len, size_t *used)
{
    char q = s[0];
    sbuf b;
    sbuf_init(&b);
    size_t i = 1;
    while (i < len && s[i] != q) {
        const char *run = s + i;
        size_t n = 0;
        while (i + n < len && s[i + n] != q && s[i + n] != '\\')
            n++;
        sbuf_add(&b, run, n);
        i += n;
        if (i >= len || s[i] == q)
            break;
        if (i + 1 >= len)
            goto fail;
        char e = s[i + 1];
        i += 2;
        switch (e) {
        case 'n': sbuf_putc(&b, '\n'); break;
        case 't': sbuf_putc(&b, '\t'); break;
        case 'r': sbuf_putc(&b, '\r'); break;
        case 'b': sbuf_putc(&b, '\b'); break;
        case 'f': sbuf_putc(&b, '\f'); break;
        case 'v': sbuf_putc(&b, '\v'); break;
        case '0': sbuf_putc(&b, ' '); break; /* NUL: nothing reads it */
        case '\n': break;                    /* line continuation */
        case 'x':
            if (i + 1 < len && aj_hex(s[i]) >= 0 && aj_hex(s[i + 1]) >= 0) {
                aj_put_utf8(&b, (unsigned)(aj_hex(s[i]) * 16 + aj_hex(s[i + 1])));
                i += 2;
            }
            break;
        case 'u': {
            unsigned cp = 0;
            int ok = i + 3 < len;
            for (int k = 0; ok && k < 4; k++) {
                int h = aj_hex(s[i + k]);
                ok = h >= 0;
                cp = cp * 16 + (unsigned)(ok ? h : 0);
            }
            if (!ok)
                break;
            i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 5 < len && s[i] == '\\' &&
                s[i + 1] == 'u') {
                unsigned lo = 0;
                int ok2 = 1;
                for (int k = 0; ok2 && k < 4; k++) {
                    int h = aj_hex(s[i + 2 + k]);
                    ok2 = h >= 0;
                    lo = lo * 16 + (unsigned)(ok2 ? h : 0);
                }
                if (ok2 && lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
            }
            if (cp >= 0xD800 && cp < 0xE000)
                cp = 0xFFFD; /* lone surrogate */
            if (cp == 0)
                cp = ' ';
            aj_put_utf8(&b, cp);
            break;
        }
        default: sbuf_putc(&b, e); break; /* \" \' \\ \/ and the rest */
        }
    }
    if (i >= len || b.oom)
        goto fail;
    *used = i + 1;
    if (!b.s)
        sbuf_add(&b, "", 0);
    return sbuf_steal(&b);
fail:
    sbuf_free(&b);
    return NULL;
}

static json_t *aj_load(const char *s, size_t len, size_t *used)
{
    json_error_t err;
    json_t *v = json_loadb(s, len, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &err);
    if (v && used)
        *used = err.position > 0 ? (size_t)err.position : len;
    return v;
}

/* Is s[0..eq) the end of an assignment target (identifier, member, index)? */
static int aj_assign_lhs(const char *s, size_t eq)
{
    if (eq && strchr("=!<>+-*/%&|^?", s[eq - 1]))
        return 0; /* ==, !=, <=, +=, ... */
    size_t b = eq;
    while (b && isspace((unsigned char)s[b - 1]))
        b--;
    if (!b)
        return 0;
    unsigned char c = (unsigned char)s[b - 1];
    return isalnum(c) || c == '_' || c == '$' || c == ']';
}

static int aj_state_name(const char *s, size_t eq);

/* Offset just after `= ` when an assignment of an object literal, of
 * JSON.parse(...), or (framework state only) of a function's result as
 * Nuxt writes it, `__NUXT__=(function(a,b){...}(...))`, starts at s[eq];
 * 0 otherwise. */
static size_t aj_assign_value(const char *s, size_t len, size_t eq)
{
    if (eq + 1 < len && (s[eq + 1] == '=' || s[eq + 1] == '>'))
        return 0;
    if (!aj_assign_lhs(s, eq))
        return 0;
    size_t a = eq + 1;
    while (a < len && isspace((unsigned char)s[a]))
        a++;
    if (a < len && s[a] == '{')
        return a;
    if (len - a > 11 && !memcmp(s + a, "JSON.parse(", 11))
        return a;
    if (len - a > 9 && (!memcmp(s + a, "(function", 9) || !memcmp(s + a, "function(", 9)) &&
        aj_state_name(s, eq))
        return a;
    return 0;
}

/* Index just after the JS string literal opening at s[i] (quote ', " or
 * `); len when it never closes. A raw newline ends a '/" literal. */
static size_t aj_literal_end(const char *s, size_t len, size_t i)
{
    char q = s[i];
    for (size_t j = i + 1; j < len; j++) {
        if (s[j] == '\\')
            j++;
        else if (s[j] == q)
            return j + 1;
        else if (s[j] == '\n' && q != '`')
            return j;
    }
    return len;
}

/* The key before a literal at s[i] (`key: "..."` or `"key": "..."`), into
 * key (lower bound of work: APPJSON_KEY_MAX bytes back); 0 when none. */
static int aj_literal_key(const char *s, size_t i, char *key, size_t cap)
{
    size_t k = i;
    while (k && isspace((unsigned char)s[k - 1]))
        k--;
    if (!k || s[k - 1] != ':')
        return 0;
    k--;
    while (k && isspace((unsigned char)s[k - 1]))
        k--;
    size_t e = k, b;
    if (k && (s[k - 1] == '"' || s[k - 1] == '\'')) {
        e = k - 1;
        b = e;
        while (b && e - b < cap && s[b - 1] != s[k - 1])
            b--;
    } else {
        b = e;
        while (b && e - b < cap &&
               (isalnum((unsigned char)s[b - 1]) || s[b - 1] == '_' || s[b - 1] == '$'))
            b--;
    }
    if (b == e || e - b >= cap)
        return 0;
    memcpy(key, s + b, e - b);
    key[e - b] = '\0';
    return 1;
}

/* JavaScript that is not JSON (object literals with bare keys, Nuxt's
 * function-wrapped state): one pass over its string literals; a literal
 * right after `key:` with a body key is a candidate. No structure, so no
 * title level: such a body never beats one found in JSON with a title.
 * O(len) plus the decoding of candidates longer than the best so far. */
static int aj_scan_literals(const char *s, size_t len, appjson_body *best)
{
    int got = 0;
    unsigned evals = 0;
    char key[APPJSON_KEY_MAX];
    for (size_t i = 0; i < len;) {
        if (s[i] != '"' && s[i] != '\'' && s[i] != '`') {
            i++;
            continue;
        }
        size_t end = aj_literal_end(s, len, i);
        if (end >= len)
            break;
        if (end - i >= APPJSON_MIN_BODY && end - i > best->text_len && !best->level &&
            evals < APPJSON_MAX_EVALS && aj_literal_key(s, i, key, sizeof key) &&
            aj_key_in(aj_body_keys, key)) {
            evals++;
            size_t used = 0;
            char *v = aj_js_unquote(s + i, len - i, &used);
            if (v) {
                size_t vl = strlen(v);
                int html = aj_has_tags(v, vl, 2);
                size_t pl = appjson_prose_len(v, vl, html);
                if (pl > best->text_len) {
                    free(best->body);
                    best->body = v;
                    best->is_html = html;
                    best->text_len = pl;
                    best->level = 0;
                    got = 1;
                    v = NULL;
                }
                free(v);
            }
        }
        i = end;
    }
    return got;
}

static void aj_scan_js(const char *s, size_t len, const char *const *titles,
                       appjson_body *best, int *got)
{
    size_t i = 0;
    for (unsigned tries = 0; i < len && tries < APPJSON_MAX_ASSIGN;) {
        const char *eq = memchr(s + i, '=', len - i);
        if (!eq)
            break;
        size_t e = (size_t)(eq - s);
        i = e + 1;
        size_t a = aj_assign_value(s, len, e);
        if (!a)
            continue;
        tries++;
        json_t *v = NULL;
        size_t used = 0;
        if (s[a] == '(' || s[a] == 'f') {
            /* function-wrapped state: read its literals, to the end */
            if (aj_scan_literals(s + a, len - a, best))
                *got = 1;
            break;
        } else if (s[a] == '{') {
            v = aj_load(s + a, len - a, &used);
            if (v) {
                i = a + used;
            } else if (aj_state_name(s, e)) {
                /* framework state that is not JSON (bare keys) */
                if (aj_scan_literals(s + a, len - a, best))
                    *got = 1;
                break;
            }
        } else {
            size_t q = a + 11;
            while (q < len && isspace((unsigned char)s[q]))
                q++;
            if (q < len && (s[q] == '"' || s[q] == '\'')) {
                size_t lit = 0;
                char *js = aj_js_unquote(s + q, len - q, &lit);
                if (js) {
                    v = aj_load(js, strlen(js), NULL);
                    free(js);
                    i = q + lit;
                }
            }
        }
        if (v) {
            if (aj_take_best(v, titles, best))
                *got = 1;
            json_decref(v);
        }
    }
}

int appjson_find(const char *txt, size_t len, int is_json, const char *const *titles,
                 appjson_body *best)
{
    if (!txt || !best || len > APPJSON_MAX_BYTES)
        return 0;
    int got = 0;
    size_t a = 0;
    while (a < len && isspace((unsigned char)txt[a]))
        a++;
    if (is_json || (a < len && (txt[a] == '{' || txt[a] == '['))) {
        json_t *v = aj_load(txt + a, len - a, NULL);
        if (v) {
            got = aj_take_best(v, titles, best);
            json_decref(v);
            return got;
        }
        if (is_json)
            return 0;
    }
    aj_scan_js(txt, len, titles, best, &got);
    return got;
}

/* ---- capture (metadata walk) and hand-over ------------------------------- */

static int aj_js_type(const char *type)
{
    if (!type || !*type)
        return 1;
    return meta_strcasestr(type, "javascript") || meta_strcasestr(type, "ecmascript") ||
           !strcasecmp(type, "module");
}

/* Does the assignment target before s[eq] name framework state, by the
 * `__NAME__` convention (window.__INITIAL_STATE__, window["__NUXT__"])? */
static int aj_state_name(const char *s, size_t eq)
{
    size_t e = eq;
    while (e && (isspace((unsigned char)s[e - 1]) || s[e - 1] == ']' ||
                 s[e - 1] == '"' || s[e - 1] == '\''))
        e--;
    size_t b = e;
    while (b && (isalnum((unsigned char)s[b - 1]) || s[b - 1] == '_' || s[b - 1] == '$'))
        b--;
    return e - b >= 5 && !strncmp(s + b, "__", 2) && !strncmp(s + e - 2, "__", 2);
}

int appjson_is_candidate(const xmlNode *script)
{
    if (!script || dom_attr(script, "src"))
        return 0;
    const xmlNode *t = script->children;
    if (!t || !t->content)
        return 0;
    const char *txt = (const char *)t->content;
    /* Too short to hold an article (bounded look: strnlen). */
    if (!t->next && strnlen(txt, APPJSON_MIN_BODY) < APPJSON_MIN_BODY)
        return 0;
    const char *id = dom_attr(script, "id");
    if (id && aj_in_table(aj_script_ids, id))
        return 2;
    const char *type = dom_attr(script, "type");
    if (type && meta_strcasestr(type, "json"))
        return !meta_strcasestr(type, "ld+json");
    if (!aj_js_type(type))
        return 0;
    size_t n = strnlen(txt, APPJSON_HEAD_SCAN);
    for (const char *p = txt; (p = memchr(p, '=', n - (size_t)(p - txt))); p++)
        if (aj_assign_value(txt, n, (size_t)(p - txt)))
            return aj_state_name(txt, (size_t)(p - txt)) ? 2 : 1;
    return 0;
}

void appjson_capture(xmlNode **slots, size_t *n, size_t cap, xmlNode *script)
{
    int rank = appjson_is_candidate(script);
    if (!rank)
        return;
    if (*n < cap) {
        slots[(*n)++] = script;
        return;
    }
    if (rank < 2)
        return;
    /* full: framework state takes the place of a generic blob */
    for (size_t i = 0; i < *n; i++)
        if (appjson_is_candidate(slots[i]) < 2) {
            slots[i] = script;
            return;
        }
}

void appjson_take(lede_ctx *ctx)
{
    meta_scan *s = ctx ? ctx->meta_scan : NULL;
    if (!s || !s->n_appjson || ctx->appjson || !ctx->doc)
        return;
    xmlNode *box = xmlNewDocNode(ctx->doc, NULL, (const xmlChar *)"div", NULL);
    if (!box)
        return;
    for (size_t i = 0; i < s->n_appjson; i++) {
        xmlUnlinkNode(s->appjson[i]);
        xmlAddChild(box, s->appjson[i]);
    }
    s->n_appjson = 0;
    ctx->appjson = box;
}

/* ---- building the content tree ------------------------------------------ */

/* Text bytes under n, stopping once `cap` is reached. */
static size_t aj_text_len(const xmlNode *root, size_t cap)
{
    size_t t = 0;
    for (const xmlNode *n = root; n && t < cap; n = dom_next((xmlNode *)n, root, 0))
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
            n->content) {
            const char *c = (const char *)n->content;
            while (*c && isspace((unsigned char)*c))
                c++;
            t += strlen(c);
        }
    return t;
}

/* One <p> per paragraph: blank-line separated when the text has blank
 * lines (single newlines are wraps then), else one per line. */
static xmlNode *aj_tree_from_text(lede_ctx *ctx, const char *s)
{
    xmlNode *art = xmlNewDocNode(ctx->doc, NULL, (const xmlChar *)"article", NULL);
    if (!art)
        return NULL;
    int blank = strstr(s, "\n\n") || strstr(s, "\r\n\r\n");
    while (*s) {
        const char *e = s;
        if (blank) {
            for (;;) {
                e = strchr(e, '\n');
                if (!e)
                    break;
                const char *k = e + 1;
                while (*k == ' ' || *k == '\t' || *k == '\r')
                    k++;
                if (*k == '\n' || !*k)
                    break;
                e = k;
            }
        } else {
            e = strchr(s, '\n');
        }
        size_t n = e ? (size_t)(e - s) : strlen(s);
        const char *tag = "p";
        if (n && *s == APPJSON_HEADING_MARK) {
            tag = "h2";
            s++;
            n--;
        }
        char *t = meta_clean(s, n);
        if (t) {
            xmlNode *p = xmlNewDocNode(ctx->doc, NULL, (const xmlChar *)tag, NULL);
            if (p) {
                xmlNodeAddContent(p, (const xmlChar *)t);
                xmlAddChild(art, p);
            }
            free(t);
        }
        if (!e)
            break;
        s = e + 1;
    }
    if (!art->children) {
        xmlFreeNode(art);
        return NULL;
    }
    return art;
}

/* An HTML body goes through the content stage like a page of its own: it
 * prunes embeds and share widgets and builds the same clean subset. The
 * result is copied into the page's document (renderers resolve URLs with
 * the page's context). */
static xmlNode *aj_tree_from_html(lede_ctx *ctx, const char *html)
{
    /* A fragment is the article itself: wrapped in <article>, the content
     * stage trusts the whole of it (headings between paragraphs stay). */
    sbuf w;
    sbuf_init(&w);
    if (!meta_strcasestr(html, "<body")) {
        sbuf_puts(&w, "<article>");
        sbuf_puts(&w, html);
        sbuf_puts(&w, "</article>");
        if (w.oom) {
            sbuf_free(&w);
            return NULL;
        }
        html = w.s;
    }
    size_t len = strlen(html);
    htmlDocPtr doc = len > (size_t)0x7fffffff
                         ? NULL
                         : htmlReadMemory(html, (int)len, NULL, "UTF-8",
                                          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                              HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    sbuf_free(&w);
    if (!doc)
        return NULL;
    lede_options opt = *ctx->opt;
    opt.include_comments = 0;
    lede_article art;
    memset(&art, 0, sizeof art);
    lede_ctx sub;
    memset(&sub, 0, sizeof sub);
    sub.opt = &opt;
    sub.doc = doc;
    sub.url = ctx->url;
    sub.base_url = ctx->base_url;
    sub.now = ctx->now;
    sub.art = &art;
    content_extract(&sub);
    xmlNode *out = NULL;
    if (sub.content) {
        out = xmlDocCopyNode(sub.content, ctx->doc, 1);
        if (!sub.content->parent)
            xmlFreeNode(sub.content);
    }
    if (sub.comments && !sub.comments->parent)
        xmlFreeNode(sub.comments);
    xmlFreeDoc(doc);
    return out;
}

/* Readability's isProbablyReaderable over the built paragraphs. */
static int aj_readerable(const xmlNode *art)
{
    double score = 0;
    for (const xmlNode *c = art->children; c; c = c->next) {
        if (strcmp(dom_name(c), "p"))
            continue;
        size_t l = aj_text_len(c, (size_t)-1);
        if (l >= APPJSON_READERABLE_MIN)
            score += sqrt((double)(l - APPJSON_READERABLE_MIN));
    }
    return score > APPJSON_READERABLE_SCORE;
}

int appjson_extract(lede_ctx *ctx)
{
    if (!ctx || !ctx->appjson || !ctx->appjson->children || !ctx->art)
        return 0;
    if (ctx->jsonld_body && *ctx->jsonld_body)
        return 0; /* content.c already weighed the JSON-LD body */
    size_t dom = ctx->content ? aj_text_len(ctx->content, APPJSON_THIN_TEXT) : 0;
    if (dom >= APPJSON_THIN_TEXT)
        return 0;
    /* the page's titles, squashed, to find the article object */
    char t1[APPJSON_TITLE_BYTES], t2[APPJSON_TITLE_BYTES];
    const char *titles[3] = {NULL, NULL, NULL};
    size_t nt = 0;
    if (ctx->art->title) {
        meta_squash(ctx->art->title, t1, sizeof t1);
        if (strlen(t1) >= APPJSON_TITLE_MIN)
            titles[nt++] = t1;
    }
    if (ctx->title_hint) {
        meta_squash(ctx->title_hint, t2, sizeof t2);
        if (strlen(t2) >= APPJSON_TITLE_MIN)
            titles[nt++] = t2;
    }
    appjson_body best;
    memset(&best, 0, sizeof best);
    for (xmlNode *sc = ctx->appjson->children; sc; sc = sc->next) {
        sbuf b;
        sbuf_init(&b);
        for (xmlNode *c = sc->children; c && b.len <= APPJSON_MAX_BYTES; c = c->next)
            if (c->content)
                sbuf_puts(&b, (const char *)c->content);
        const char *type = dom_attr(sc, "type");
        int is_json = type && meta_strcasestr(type, "json");
        if (b.s && !b.oom)
            appjson_find(b.s, b.len, is_json, titles, &best);
        sbuf_free(&b);
    }
    int done = 0;
    /* A page the content stage saw as a listing (teasers) takes a body only
     * from the object titled like the page: any other is one of the stories
     * it lists. */
    int listing = ctx->art->page_type && !strcmp(ctx->art->page_type, "listing");
    if (best.body && best.text_len > dom * APPJSON_GAIN && (!listing || best.level == 2)) {
        xmlNode *tree = NULL;
        if (best.is_html) {
            tree = aj_tree_from_html(ctx, best.body);
            /* the content stage found little in it: plain paragraphs */
            if (tree && aj_text_len(tree, best.text_len) * 2 < best.text_len) {
                xmlFreeNode(tree);
                tree = NULL;
            }
            if (!tree) {
                char *lines = aj_html_lines(best.body);
                if (lines)
                    tree = aj_tree_from_text(ctx, lines);
                free(lines);
            }
        } else {
            tree = aj_tree_from_text(ctx, best.body);
        }
        if (tree) {
            if (ctx->content && !ctx->content->parent)
                xmlFreeNode(ctx->content);
            ctx->content = tree;
            ctx->art->page_type = "article";
            ctx->art->readerable = aj_readerable(tree);
            done = 1;
        }
    }
    appjson_body_free(&best);
    return done;
}
