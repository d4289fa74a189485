/* lede.h - the public contract of the lede extraction library.
 *
 * lede turns the bytes of a web page (news, blog, documentation...) into a
 * structured article: main text plus metadata. This header is the only one
 * programs outside parsers/ include. The library does no I/O, starts no
 * threads and keeps no global state: lede_extract() may run in many threads
 * at once, provided the program called lede_global_init() once first (it
 * initialises libxml2, as libxml2's documentation asks for threaded use).
 *
 * Errors are values: lede_extract() returns NULL and fills a lede_error; it
 * never exits, aborts or prints on bad input.
 */
#ifndef LEDE_H
#define LEDE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LEDE_VERSION "0.1.0"

typedef enum {
    LEDE_OK = 0,
    LEDE_ERR_INVALID_ARG,   /* NULL pointer, bad option value */
    LEDE_ERR_EMPTY,         /* no bytes, or nothing parseable */
    LEDE_ERR_TOO_LARGE,     /* input over max_input_bytes */
    LEDE_ERR_TOO_DEEP,      /* DOM nesting over max_depth */
    LEDE_ERR_TOO_MANY_NODES,/* DOM over max_nodes */
    LEDE_ERR_PARSE,         /* libxml2 could not build a document */
    LEDE_ERR_NOMEM,         /* allocation failed */
    LEDE_ERR_NOT_HTML       /* input is clearly not an HTML/text document */
} lede_code;

typedef struct {
    lede_code code;
    char message[256];
} lede_error;

typedef enum {
    LEDE_MODE_BALANCED = 0,
    LEDE_MODE_PRECISION, /* less text, less boilerplate */
    LEDE_MODE_RECALL     /* more text, more risk of boilerplate */
} lede_mode;

/* Output formats for lede_render(). */
typedef enum {
    LEDE_FORMAT_JSON = 0,
    LEDE_FORMAT_TEXT,
    LEDE_FORMAT_MARKDOWN,
    LEDE_FORMAT_HTML
} lede_format;

typedef struct {
    size_t max_input_bytes; /* default 16 MiB */
    unsigned max_depth;     /* default 255: deeper documents are refused
                             * (libxml2 itself stops building at 256) */
    size_t max_nodes;       /* default 2,000,000 */

    int include_comments;   /* fill article->comments (default 0) */
    int include_tables;     /* keep tables in the main text (default 1) */
    int include_images;     /* keep images in html/markdown (default 1) */
    int include_links;      /* keep links in html/markdown (default 1) */
    lede_mode mode;

    int want_html;          /* fill article->html (sanitized) */
    int want_markdown;      /* fill article->markdown */
    int explain;            /* fill article->sources (provenance) */
    int date_extensive;     /* also search visible text for dates (default 1) */
    long long reference_time; /* unix seconds for "now" (relative dates,
                               * future-date rejection); 0 = time(NULL) */
    int front_matter;       /* Markdown starts with YAML front matter holding
                             * the metadata (default 0) */
} lede_options;

/* Provenance of each metadata field (explain option): a short source name
 * such as "json-ld", "og:title", "meta:author", "url", "text"; NULL when the
 * field is empty. Strings are static. */
typedef struct {
    const char *title;
    const char *author;
    const char *date_published;
    const char *date_modified;
    const char *description;
    const char *site_name;
    const char *language;
    const char *image;
    const char *canonical_url;
    const char *tags;
    const char *text;
} lede_sources;

/* All strings are UTF-8, NFC, owned by the article; NULL means absent. */
typedef struct {
    char *url;            /* the URL given by the caller */
    char *canonical_url;
    char *title;
    char *author;         /* authors joined with ", " */
    char **authors;       /* n_authors names */
    size_t n_authors;
    char *date_published; /* ISO 8601: YYYY-MM-DD or with time and offset */
    char *date_modified;
    char *description;
    char *site_name;
    char *language;       /* BCP 47 */
    char *image;          /* absolute URL */
    char **tags;
    size_t n_tags;
    char *text;           /* plain main text, one block per line */
    size_t word_count;
    char *html;           /* sanitized HTML, when want_html */
    char *markdown;       /* Markdown, when want_markdown */
    char *comments;       /* plain text of comments, when include_comments */
    const char *page_type;/* "article", "listing", "empty" (static) */
    int readerable;       /* 1 when the page looks like an article */
    lede_sources sources; /* filled when explain */
} lede_article;

/* Call once per process before any other lede function (not thread-safe). */
void lede_global_init(void);
/* Optional, at exit. */
void lede_global_cleanup(void);

void lede_options_init(lede_options *opt);

/* Extract an article from `len` bytes of a page.
 * url: the page URL (may be NULL): resolves relative links, gives dates.
 * charset_hint: from an HTTP Content-Type (may be NULL).
 * opt: may be NULL for defaults.
 * Returns a new article to free with lede_article_free(), or NULL with *err
 * filled (err may be NULL). */
lede_article *lede_extract(const char *bytes, size_t len, const char *url,
                           const char *charset_hint, const lede_options *opt,
                           lede_error *err);

void lede_article_free(lede_article *a);

/* Render an article. JSON: one object with every DESIGN.md field (html and
 * markdown when present, sources when opt->explain, comments when present);
 * TEXT: the plain text; MARKDOWN/HTML: those renderings (computed during
 * extraction: ask for them with want_markdown/want_html).
 * pretty: indent JSON. Returns a malloc'd NUL-terminated string, or NULL. */
char *lede_render(const lede_article *a, lede_format fmt, int pretty);

/* Parse a reference time for lede_options.reference_time: "2021-09-28"
 * (the end of that day, UTC, so nothing stamped that day counts as future),
 * "2021-09-28T10:15:00Z" / "...+02:00" / without offset (UTC), or unix
 * seconds. Returns 0 and fills *unix_seconds, or -1 when s is not one of
 * those forms (trailing text, impossible day, year outside 1970-2200). */
int lede_parse_time(const char *s, long long *unix_seconds);

const char *lede_strerror(lede_code code);
const char *lede_version(void);

#ifdef __cplusplus
}
#endif
#endif
