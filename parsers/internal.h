/* internal.h - what the files of parsers/ share with each other.
 *
 * Nothing here is part of the public contract (that is lede.h). Each stage of
 * the pipeline (see extract.c) has one entry point declared below, with the
 * file that holds it. Stages talk through lede_ctx: one per extraction, owned
 * by lede_extract(), freed at its end.
 */
#ifndef LEDE_INTERNAL_H
#define LEDE_INTERNAL_H

#include <stddef.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "lede.h"

/* ---- sbuf.c: growable NUL-terminated string buffer ---------------------- */
typedef struct {
    char *s;     /* always NUL-terminated once anything was added */
    size_t len;
    size_t cap;
    int oom;     /* set when an allocation failed; further adds are ignored */
} sbuf;

void sbuf_init(sbuf *b);
/* Make room for `extra` more bytes at once (a writer that knows its size
 * saves the doubling reallocs and their copies). */
void sbuf_reserve(sbuf *b, size_t extra);
void sbuf_add(sbuf *b, const char *s, size_t n);
void sbuf_puts(sbuf *b, const char *s);
void sbuf_putc(sbuf *b, char c);
/* Cut to len bytes (no-op when already shorter; safe on an empty buffer). */
void sbuf_truncate(sbuf *b, size_t len);
void sbuf_printf(sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hand the string to the caller (never NULL unless oom: "" when empty). */
char *sbuf_steal(sbuf *b);
void sbuf_free(sbuf *b);
/* Append text with whitespace runs collapsed to one space; `*pending_space`
 * carries a space between calls so words across nodes stay apart. */
void sbuf_add_collapsed(sbuf *b, const char *s, size_t n, int *pending_space);

/* ---- strmemo: a per-page memo of short strings -------------------------- */
/* Class and id values repeat a lot on a page (menu items, list entries,
 * cards): meta_scan.c and content.c keep the result of matching each one
 * in this direct-mapped memo (a hash of the bytes picks the slot; a
 * slot remembers one string). Zero it before use. */
#define STRMEMO_SLOTS 256 /* slots (power of two) */
#define STRMEMO_STR 64    /* longer strings are not memoised */
typedef struct {
    char s[STRMEMO_STR];
    unsigned char len, used;
    unsigned val;
} strmemo_slot;
typedef struct {
    strmemo_slot slot[STRMEMO_SLOTS];
} strmemo;

/* The slot of buf[0..len), or NULL when it is too long to memoise; *hit
 * says whether the slot holds buf (then ->val is its result). */
static inline strmemo_slot *strmemo_find(strmemo *m, const char *buf, size_t len, int *hit)
{
    *hit = 0;
    if (len >= STRMEMO_STR)
        return NULL;
    /* The hash reads three 8-byte words (first, middle, last; they overlap
     * on short strings) instead of every byte: a collision only costs a
     * miss, the slot's bytes decide a hit. */
    unsigned long long w[3] = {0, 0, 0};
    if (len >= 8) {
        memcpy(&w[0], buf, 8);
        memcpy(&w[1], buf + len / 2 - 4, 8);
        memcpy(&w[2], buf + len - 8, 8);
    } else {
        memcpy(&w[0], buf, len);
    }
    unsigned long long h = (w[0] ^ (w[1] * 0x9E3779B97F4A7C15ULL) ^
                            (w[2] * 0xC2B2AE3D27D4EB4FULL) ^ len) *
                           0xFF51AFD7ED558CCDULL;
    strmemo_slot *e = &m->slot[(h >> 40) & (STRMEMO_SLOTS - 1)];
    *hit = e->used && e->len == len && memcmp(e->s, buf, len) == 0;
    return e;
}

/* Remember val for buf in the slot strmemo_find gave (not NULL). */
static inline void strmemo_keep(strmemo_slot *e, const char *buf, size_t len, unsigned val)
{
    e->used = 1;
    e->len = (unsigned char)len;
    memcpy(e->s, buf, len);
    e->val = val;
}

/* ---- charset.c: bytes -> UTF-8 ------------------------------------------ */
/* Decode to UTF-8: BOM, then hint (HTTP charset), then <meta charset> /
 * http-equiv in the first bytes, then detection (uchardet), then
 * windows-1252. Invalid sequences become U+FFFD. NUL bytes are dropped.
 * On success returns 0 and a malloc'd NUL-terminated string in *out (length
 * in *outlen) and the charset name used in *used (static or NULL). */
int charset_decode(const char *in, size_t len, const char *hint, char **out,
                   size_t *outlen, const char **used, lede_error *err);
/* The same, without a copy when the input needs no change (valid UTF-8
 * without NUL bytes): then *out points into `in` (not NUL-terminated) and
 * *owned is NULL; else *out is *owned, for the caller to free. */
int charset_decode_borrow(const char *in, size_t len, const char *hint,
                          const char **out, size_t *outlen, char **owned,
                          const char **used, lede_error *err);

/* ---- normalize.c: Unicode clean-up of output text ------------------------ */
/* NFC-normalise UTF-8 text and drop soft hyphens (U+00AD), zero-width
 * spaces/joiners (U+200B..U+200D, U+2060, U+FEFF). Returns a new malloc'd
 * string (NULL on oom). */
char *text_nfc(const char *s, size_t len);

/* ---- dom.c: parsing and small DOM helpers ------------------------------- */
/* Parse UTF-8 HTML with libxml2 (recover mode, no network, no entities
 * expansion surprises) and enforce max_depth / max_nodes. */
htmlDocPtr dom_parse(const char *utf8, size_t len, const lede_options *opt,
                     lede_error *err);
/* Attribute value without allocation (NULL if absent). Valid while the node
 * lives. Case-sensitive name; libxml2 lower-cases HTML attribute names. */
const char *dom_attr(const xmlNode *n, const char *name);
/* Element name (lower-case for HTML) or "" for non-elements. */
static inline const char *dom_name(const xmlNode *n)
{
    return (n && n->type == XML_ELEMENT_NODE && n->name) ? (const char *)n->name
                                                         : "";
}
/* Next node in document order within `root` (pre-order, iterative). */
xmlNode *dom_next(xmlNode *n, const xmlNode *root, int skip_children);
/* Append all text under n to b, whitespace collapsed. */
void dom_text(const xmlNode *n, sbuf *b);
/* The widest (or densest) candidate of a srcset value ("a.jpg 480w,
 * b.jpg 800w" or "a.jpg 1x, b.jpg 2x"); the first when no descriptor says.
 * As HTML parses it: a URL is a run without whitespace, commas at its end
 * separate candidates (inner commas survive). Candidates longer than
 * max_len (0: no limit) are skipped. Returns a pointer into v and the
 * length in *len, or NULL. O(len). */
const char *dom_srcset_best(const char *v, size_t max_len, size_t *len);
/* Resolve a possibly relative URL against base (may be NULL). Returns a new
 * malloc'd string, or NULL when nothing usable results. */
char *url_resolve(const char *base, const char *ref);

/* ---- the per-extraction context ----------------------------------------- */
typedef struct lede_ctx {
    const lede_options *opt;
    htmlDocPtr doc;
    const char *url;       /* page URL as given, or NULL */
    char *base_url;        /* <base href> resolved against url, else url */
    long long now;         /* reference time, unix seconds */
    lede_article *art;     /* being filled */

    /* Set by metadata.c for later stages. */
    char *jsonld_body;     /* JSON-LD articleBody, fallback for content */
    char *title_hint;      /* best title before site-name trimming */
    /* metadata.c's one DOM walk, reused by dates.c; freed by dates_extract
     * (or metadata_release, idempotent) before the DOM is cleaned. */
    struct meta_scan *meta_scan;
    /* appjson.c: app-state <script>s moved out of the DOM before cleaning
     * (children of one detached element), or NULL. */
    xmlNode *appjson;

    /* Set by content.c: a detached element (in doc) holding the cleaned main
     * content; renderers walk it. */
    xmlNode *content;
    xmlNode *comments;     /* cleaned comments, when include_comments */
} lede_ctx;

/* ---- pipeline stages (extract.c calls them in this order) ---------------- */
/* metadata.c: title, author(s), description, site_name, language, image,
 * tags, canonical_url (+ sources). Runs on the intact DOM. */
void metadata_extract(lede_ctx *ctx);
/* dates.c: date_published / date_modified. Runs on the intact DOM. */
void dates_extract(lede_ctx *ctx);
/* The capture moment of a web-archive snapshot URL (the Wayback scheme
 * .../20130217080612/http://site/page, also used by other pywb archives):
 * unix seconds, or 0 when the URL is no snapshot. Nothing on the page can
 * be newer, so it serves as "now" when the caller gave no reference time. */
long long dates_archive_capture(const char *url);
/* metadata.c: free ctx->meta_scan if still held (safe to call twice). */
void metadata_release(lede_ctx *ctx);
/* metadata.c, after content_extract: fields that read the main content
 * (description from its first paragraph when the markup has none). */
void metadata_finish(lede_ctx *ctx);
/* author.c, after content_extract: the main content's own credit ("Text:
 * X" in a paragraph) when no source named an author. */
void meta_author_from_content(lede_ctx *ctx);
/* content.c: clean the DOM and find the main content; sets ctx->content
 * (may be NULL), page_type and readerable. */
void content_extract(lede_ctx *ctx);
/* render_text.c: plain text of a content tree, one block per line. */
char *render_text(const xmlNode *root);
/* render_markdown.c / render_html.c: the other renderings. */
char *render_markdown(const xmlNode *root, const lede_ctx *ctx);
char *render_html(const xmlNode *root, const lede_ctx *ctx);
/* render_html.c, shared with render_markdown.c: the URL policy (resolved
 * against ctx->base_url; http, https, mailto, and data:image/ rasters when
 * image=1; else NULL), an <img>'s real src (lazy attributes, srcset,
 * <picture>), and a code block's language from class="language-x". */
char *render_safe_url(const lede_ctx *ctx, const char *ref, int image);
char *render_img_src(const xmlNode *img, const lede_ctx *ctx);
const char *render_code_lang(const xmlNode *n, char *buf, size_t cap);
/* Void in HTML5 but not to libxml2, which nests the next siblings in it. */
int render_is_html5_void(const char *name);

/* util: duplicate n bytes as a NUL-terminated string (NULL on oom). */
char *xstrndup(const char *s, size_t n);

#endif
