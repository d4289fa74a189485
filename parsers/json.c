/* json.c - lede_render(): an article as JSON, plain text, Markdown or HTML.
 *
 * The JSON object carries every field of DESIGN.md, in a fixed order, with
 * null (never "") for absent values, so clients can rely on the keys.
 *
 * The object is written straight into one buffer with a one-pass escaper
 * rather than built as a jansson tree: the tree copied and validated every
 * string, then dumping escaped it again, about 5% of the whole extraction
 * (tests/bench/README.md). The escaper also validates UTF-8 as it goes and
 * writes U+FFFD for any invalid sequence, so the output is always valid
 * JSON whatever the article holds.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct {
    sbuf *b;
    int pretty;
    int depth;   /* nesting, for indentation */
    int first;   /* no member written yet at this level */
} jw;

static const char HEX[] = "0123456789abcdef";

/* Bytes copied as they are: printable ASCII but the quote and backslash
 * (one table look-up per byte of the text instead of four compares). */
static const unsigned char jw_plain[256] = {
    [0x20 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7f] = 1};

/* Bytes of JSON around each member ("key": , quotes, null, indentation):
 * a generous bound, so the output buffer is sized once per article. */
#define JW_MEMBER_BYTES 48

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    unsigned min;
    if (c < 0xC2)
        return 0; /* continuation byte or overlong lead */
    if (c < 0xE0) {
        len = 2;
        min = 0x80;
    } else if (c < 0xF0) {
        len = 3;
        min = 0x800;
    } else if (c < 0xF5) {
        len = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    unsigned cp = c & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* Write s as a JSON string: quotes, backslashes and control characters
 * escaped, valid UTF-8 copied in runs, invalid bytes as U+FFFD. O(n). */
static void jw_string(sbuf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    sbuf_putc(b, '"');
    size_t run = 0; /* start of the pending run of bytes to copy as is */
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (jw_plain[c]) {
            i++;
            continue;
        }
        if (c >= 0x80) {
            size_t l = utf8_seq(p + i, n - i);
            if (l) {
                i += l;
                continue;
            }
        }
        sbuf_add(b, s + run, i - run);
        switch (c) {
        case '"': sbuf_add(b, "\\\"", 2); break;
        case '\\': sbuf_add(b, "\\\\", 2); break;
        case '\n': sbuf_add(b, "\\n", 2); break;
        case '\r': sbuf_add(b, "\\r", 2); break;
        case '\t': sbuf_add(b, "\\t", 2); break;
        default:
            if (c < 0x20) {
                char e[6] = {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 15]};
                sbuf_add(b, e, 6);
            } else {
                sbuf_add(b, "\xEF\xBF\xBD", 3); /* invalid UTF-8 byte */
            }
        }
        i++;
        run = i;
    }
    sbuf_add(b, s + run, n - run);
    sbuf_putc(b, '"');
}

static void jw_newline(jw *w)
{
    if (!w->pretty)
        return;
    sbuf_putc(w->b, '\n');
    for (int i = 0; i < w->depth; i++)
        sbuf_add(w->b, "  ", 2);
}

/* Start a member "key": (or an array element when key is NULL). */
static void jw_key(jw *w, const char *key)
{
    if (!w->first)
        sbuf_putc(w->b, ',');
    w->first = 0;
    jw_newline(w);
    if (key) {
        jw_string(w->b, key);
        sbuf_add(w->b, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
    }
}

static void jw_open(jw *w, char c)
{
    sbuf_putc(w->b, c);
    w->depth++;
    w->first = 1;
}

static void jw_close(jw *w, char c)
{
    w->depth--;
    if (!w->first)
        jw_newline(w);
    sbuf_putc(w->b, c);
    w->first = 0;
}

static void jw_str_member(jw *w, const char *key, const char *value)
{
    jw_key(w, key);
    if (value && *value)
        jw_string(w->b, value);
    else
        sbuf_add(w->b, "null", 4);
}

static void jw_list_member(jw *w, const char *key, char **v, size_t n)
{
    jw_key(w, key);
    jw_open(w, '[');
    for (size_t i = 0; i < n; i++)
        if (v[i] && *v[i]) {
            jw_key(w, NULL);
            jw_string(w->b, v[i]);
        }
    jw_close(w, ']');
}

static void jw_sources(jw *w, const lede_sources *s)
{
    jw_key(w, "sources");
    jw_open(w, '{');
#define SRC(f) jw_str_member(w, #f, s->f)
    SRC(title);
    SRC(author);
    SRC(date_published);
    SRC(date_modified);
    SRC(description);
    SRC(site_name);
    SRC(language);
    SRC(image);
    SRC(canonical_url);
    SRC(tags);
    SRC(text);
#undef SRC
    jw_close(w, '}');
}

/* Bytes of the article's strings plus JW_MEMBER_BYTES per member: the
 * output's size unless many bytes need escapes (then the buffer grows). */
static size_t jw_estimate(const lede_article *a)
{
    const char *const f[] = {a->url, a->canonical_url, a->title, a->author,
                             a->date_published, a->date_modified, a->description,
                             a->site_name, a->language, a->image, a->page_type,
                             a->text, a->comments, a->markdown, a->html};
    size_t n = 64 * JW_MEMBER_BYTES; /* every key, sources included */
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (f[i])
            n += strlen(f[i]);
    for (size_t i = 0; i < a->n_authors; i++)
        if (a->authors[i])
            n += strlen(a->authors[i]) + JW_MEMBER_BYTES;
    for (size_t i = 0; i < a->n_tags; i++)
        if (a->tags[i])
            n += strlen(a->tags[i]) + JW_MEMBER_BYTES;
    return n;
}

static char *render_json(const lede_article *a, int pretty)
{
    sbuf b;
    sbuf_init(&b);
    sbuf_reserve(&b, jw_estimate(a));
    jw w = {&b, pretty, 0, 1};
    jw_open(&w, '{');
    jw_str_member(&w, "url", a->url);
    jw_str_member(&w, "canonical_url", a->canonical_url);
    jw_str_member(&w, "title", a->title);
    jw_str_member(&w, "author", a->author);
    jw_list_member(&w, "authors", a->authors, a->n_authors);
    jw_str_member(&w, "date_published", a->date_published);
    jw_str_member(&w, "date_modified", a->date_modified);
    jw_str_member(&w, "description", a->description);
    jw_str_member(&w, "site_name", a->site_name);
    jw_str_member(&w, "language", a->language);
    jw_str_member(&w, "image", a->image);
    jw_list_member(&w, "tags", a->tags, a->n_tags);
    jw_str_member(&w, "page_type", a->page_type);
    jw_key(&w, "readerable");
    sbuf_puts(&b, a->readerable ? "true" : "false");
    jw_key(&w, "word_count");
    sbuf_printf(&b, "%zu", a->word_count);
    jw_str_member(&w, "text", a->text);
    if (a->comments)
        jw_str_member(&w, "comments", a->comments);
    if (a->markdown)
        jw_str_member(&w, "markdown", a->markdown);
    if (a->html)
        jw_str_member(&w, "html", a->html);
    const lede_sources *s = &a->sources;
    if (s->title || s->text || s->date_published || s->author ||
        s->description || s->language || s->site_name || s->image)
        jw_sources(&w, s);
    jw_close(&w, '}');
    return sbuf_steal(&b);
}

char *lede_render(const lede_article *a, lede_format fmt, int pretty)
{
    if (!a)
        return NULL;
    switch (fmt) {
    case LEDE_FORMAT_JSON:
        return render_json(a, pretty);
    case LEDE_FORMAT_TEXT:
        return strdup(a->text ? a->text : "");
    case LEDE_FORMAT_MARKDOWN:
        return strdup(a->markdown ? a->markdown : (a->text ? a->text : ""));
    case LEDE_FORMAT_HTML:
        return strdup(a->html ? a->html : "");
    }
    return NULL;
}
