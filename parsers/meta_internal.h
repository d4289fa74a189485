/* meta_internal.h - what the metadata files (meta_scan.c, jsonld.c,
 * metadata.c, author.c, dates.c, rules_meta.c) share with each other.
 *
 * The metadata stage walks the intact DOM exactly once (meta_scan.c) and
 * keeps what the field resolvers need: meta/link tags, parsed JSON-LD, time
 * elements, itemprop elements, byline and date candidates, h1s, the <title>
 * and a bounded slice of the visible text. metadata.c and dates.c then pick
 * each field from that collection by a fixed priority of sources.
 */
#ifndef LEDE_META_INTERNAL_H
#define LEDE_META_INTERNAL_H

#include <jansson.h>

#include "internal.h"

/* ---- limits (bounded work whatever the page) ---------------------------- */
#define META_MAX_METAS 512      /* meta tags kept: real pages have < 100 */
#define META_MAX_JSONLD 64      /* JSON-LD objects kept after flattening */
#define META_MAX_NODES 64       /* each node list (time, byline, h1...) */
#define META_TEXT_KB 48         /* visible text kept for date/lang search */
#define META_NODE_TEXT 400      /* bytes of text taken from one candidate */
#define META_MAX_APPJSON 16     /* app-state scripts kept (appjson.c) */

typedef struct {
    char key[64];      /* lower-cased property / name / itemprop, trimmed */
    const char *val;   /* content attribute (points into the DOM) */
    int kind;          /* META_K_* : which attribute gave the key */
} meta_kv;

enum { META_K_PROPERTY = 1, META_K_NAME, META_K_HTTPEQUIV, META_K_ITEMPROP };

typedef struct {
    xmlNode *node;
    size_t text_pos;   /* offset of the visible text when the node was met */
} meta_node;

typedef struct {
    meta_node v[META_MAX_NODES];
    size_t n;
} meta_nodes;

typedef struct meta_scan {
    meta_kv *metas;
    size_t n_metas;
    json_t *jsonld[META_MAX_JSONLD]; /* every object found (flattened) */
    size_t n_jsonld;
    const char *html_lang;           /* <html lang> / xml:lang */
    const char *canonical;           /* <link rel=canonical href> */
    const char *image_src;           /* <link rel=image_src href> */
    char *title_tag;                 /* <title> text, cleaned */
    meta_nodes h1;                   /* <h1> elements (document order) */
    meta_nodes h2;                   /* first h2s: some pages title there */
    meta_nodes times;                /* <time> elements */
    meta_nodes itemprops;            /* elements with itemprop (not meta) */
    meta_nodes rel_author;           /* a/link rel=author */
    meta_nodes rel_tag;              /* a rel=tag / category tag */
    meta_nodes bylines;              /* class/id looking like a byline */
    meta_nodes datelike;             /* class/id looking like a date */
    meta_nodes abbrs;                /* <abbr> with title / class date */
    meta_nodes paragraphs;           /* first <p>s (excerpt fallback) */
    /* <p>s whose only content is one short emphasised text ("<p><b><i>
     * Name</i></b></p>", a right-aligned <p>): signature lines, read by
     * author.c when nothing else names an author. */
    meta_nodes signatures;
    meta_nodes addresses;            /* <address> elements (bylines) */
    /* Text nodes that are only a byline label ("von", "Interview"):
     * the name may be the next text (meta_author_lone_labels). */
    meta_nodes lone_labels;
    /* Text nodes of a copyright or credit line ("© 2012 Name", "(c)
     * Name", "2006-2008 by Name"): a personal site's owner. */
    meta_nodes credits;
    /* <a href=".../author/slug/"> links to an author's page (the link
     * text or a child's may be the name). */
    meta_nodes author_links;
    /* Form controls (visible <input>, <select>, <textarea>): a label
     * right before one ("Von: [____]" in a search box) names a field,
     * not an author. */
    meta_nodes fields;
    /* Dates found in inline (non-JSON-LD) scripts: "datePublished":"..."
     * and similar keys of app state blobs; best key wins. */
    char script_date[40];
    int script_date_rank;            /* index in meta_script_date_keys + 1 */
    /* The first "author" string of an inline script's data layer
     * (dataLayer = [{'author': 'Name'}]); author.c takes it only when it
     * is a person's name. */
    char script_author[64];
    /* <script>s that look like app-state JSON (appjson_is_candidate):
     * pointers into the DOM, handed to appjson_take() before cleaning. */
    xmlNode *appjson[META_MAX_APPJSON];
    size_t n_appjson;
    /* Visible body text, bounded: words joined by one space, a block
     * element's first words on a new line ('\n'; span/time only break
     * words), so readers can stop a name at its block's end. */
    sbuf text;
    size_t text_h1_pos;              /* offset in text of the first h1 */
    int has_h1;
} meta_scan;

/* meta_scan.c */
meta_scan *meta_scan_run(lede_ctx *ctx);
void meta_scan_free(meta_scan *s);
/* First value of a meta key (lower-case), or NULL. */
const char *meta_get(const meta_scan *s, const char *key);
/* Text of a node (bounded to `max` bytes), cleaned; malloc'd or NULL. */
char *meta_node_text(const xmlNode *n, size_t max);

/* jsonld.c: tolerant JSON-LD parsing. Appends each object found in the
 * script text (arrays and @graph flattened) to s->jsonld. */
void jsonld_parse_into(meta_scan *s, const char *txt, size_t len);
/* Does the object's @type contain one of the types (case-insensitive)? */
int jsonld_type_is(const json_t *o, const char *const *types);
/* String value of a key (string, or first string of an array, or the
 * "name"/"@value" of an object); NULL otherwise. */
const char *jsonld_str(const json_t *o, const char *key);

/* rules_meta.c: keyword tables. */
extern const char *const meta_article_types[];
extern const char *const meta_byline_keys[];
extern const char *const meta_byline_stop[];
extern const char *const meta_date_keys[];
extern const char *const meta_date_stop[];
extern const char *const meta_author_prefixes[];
extern const char *const meta_script_date_keys[];
extern const char *const meta_author_labels[];
extern const char *const meta_author_label_articles[];
extern const char *const meta_author_suffixes[];
extern const char *const meta_author_card_labels[];
extern const char *const meta_author_agencies[];
extern const char *const meta_author_org_words[];
extern const char *const meta_author_placeholders[];
extern const char *const meta_author_credit_words[];
extern const char *const meta_author_photo_words[];
extern const char *const meta_author_tool_credits[];
extern const char *const meta_web_tlds[];
extern const char *const meta_country_names[];
extern const char *const meta_author_desk_openers[];
extern const char *const meta_first_names[];
extern const char *const meta_author_lone_labels[];
extern const char *const meta_date_pub_labels[];
extern const char *const meta_date_mod_labels[];
extern const char *const meta_kicker_keys[];
extern const char *const meta_hidden_keys[];
extern const char *const meta_desc_boilerplate[];
extern const char *const meta_desc_byline_prefixes[];
extern const char *const meta_desc_meta_labels[];

/* metadata.c helpers used by dates.c and tests */
/* Clean text: decode HTML entities, collapse whitespace, trim, NFC.
 * Returns malloc'd or NULL when empty. */
char *meta_clean(const char *s, size_t n);
/* Case-insensitive ASCII substring search. */
const char *meta_strcasestr(const char *h, const char *needle);
/* meta_clean of a NUL-terminated string (NULL stays NULL). */
char *meta_clean0(const char *s);
/* Looks like an absolute, protocol-relative or root-relative URL. */
int meta_is_url(const char *s);
/* Has at least one letter (ASCII or any non-ASCII byte). */
int meta_has_letter(const char *s);
/* Static source name of a meta key for explain ("meta" when unknown). */
const char *meta_src(const char *key);
/* Lower-case alphanumerics only, typographic punctuation dropped: the
 * form two texts are compared in. */
void meta_squash(const char *s, char *out, size_t cap);
/* Whitespace-separated words. */
size_t meta_word_count(const char *s);
/* A table of lower-case labels chained by first byte, for scans that try
 * the labels at every byte of a long text: a text byte (either case)
 * leads to the labels starting with it, in table order. A label opening
 * with an upper-case ASCII letter could never match a lower-cased text
 * byte and is left out. */
#define META_LABEL_INDEX_MAX 255 /* labels an index chains (1-based in a byte) */
typedef struct {
    unsigned char head[256];                  /* 1 + first label for the byte, 0: none */
    unsigned char next[META_LABEL_INDEX_MAX]; /* 1 + next label of the same first byte */
} meta_label_index;
/* Builds the index of a NULL-terminated table; 0 when it holds more than
 * META_LABEL_INDEX_MAX labels. Walk: k = head[byte]; k; k = next[k - 1]. */
int meta_label_index_build(meta_label_index *x, const char *const *labels);
/* Where the title's first separator (of `seps`) starts and where its
 * last one ends; 0 when it holds none. */
int meta_title_edges(const char *t, const char *const *seps, const char **first_end,
                     const char **last_start);
/* The first JSON-LD object of a @type, or NULL. */
const json_t *meta_typed_object(const meta_scan *s, const char *type);
/* Value of the first key present (with a letter) in the meta list; its
 * key in *src when src is not NULL. */
const char *meta_first(const meta_scan *s, const char *const *keys, const char **src);

/* meta_page.c: page-level fields, each from its sources by priority,
 * its source recorded for --explain. */
void meta_pick_site_name(lede_ctx *ctx, meta_scan *s, const json_t *art);
void meta_pick_language(lede_ctx *ctx, meta_scan *s, const json_t *art);
void meta_pick_image(lede_ctx *ctx, meta_scan *s, const json_t *art);
void meta_pick_tags(lede_ctx *ctx, meta_scan *s, const json_t *art);
void meta_pick_canonical(lede_ctx *ctx, meta_scan *s);
/* lang_detect.c: the language of a text by its script and stopwords (a
 * static primary subtag such as "de"), or NULL when too little to tell. */
const char *lang_detect(const char *text, size_t n);

/* author.c: author/authors fields (and their source) from the scan. */
void meta_pick_author(lede_ctx *ctx, meta_scan *s, const json_t *art,
                      const char *site, const char *host);
/* Two to four capitalised words starting with a common given name
 * (meta_first_names), no organisation or job word: a person's name. */
int meta_author_looks_person(const char *s);

/* dates.c: parsing dates (exposed for unit tests). */
typedef struct {
    int y, mo, d;
    int h, mi, s;
    int has_time;
    int has_tz;
    int tz_min;       /* offset east of UTC in minutes */
} date_val;

/* Parse a structured date (ISO 8601 and the common machine forms found in
 * meta tags and attributes, also "Sept. 28, 2021" style). 1 on success. */
int date_parse(const char *s, date_val *out);
/* Find the first date written in free text (multilingual); `pos` receives
 * the byte offset of the match. ref_year helps two-digit years. */
int date_find_text(const char *s, size_t n, long long now, date_val *out,
                   size_t *pos, size_t *mlen);
/* The same with reading flags: DATE_ORDER_MDY reads an ambiguous 9/7/2021
 * as September 7 (US English; else July 9), DATE_ORDER_YY_SLASH accepts a
 * two-digit year after slashes (9/28/21: in date elements and after date
 * labels, not in running text). */
#define DATE_ORDER_MDY 1
#define DATE_ORDER_YY_SLASH 2
int date_find_text_order(const char *s, size_t n, long long now, int order,
                         date_val *out, size_t *pos, size_t *mlen);
/* DATE_ORDER_MDY when a page in language `lang` (BCP 47, may be NULL)
 * writes numeric dates month first: English outside the day-first
 * regions; else 0. */
int date_lang_mdy(const char *lang);
/* Month number of a lower-case month name or abbreviation (any supported
 * language), 0 if the word is none. */
int date_month_word(const char *w, size_t n);
/* Format as ISO 8601 into buf (>= 32 bytes). */
void date_format(const date_val *v, char *buf, size_t cap);
/* Unix seconds (UTC midnight of the date) for comparisons. */
long long date_epoch(const date_val *v);

#endif
