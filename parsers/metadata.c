/* metadata.c - title, authors and description of a page; it calls
 * meta_page.c for the page-level fields (site name, language, lead image,
 * tags, canonical URL).
 *
 * meta_scan.c walks the intact DOM once; here each field is picked from the
 * collected sources by a fixed priority (JSON-LD article object, OpenGraph,
 * Twitter cards, Dublin Core, Parse.ly and other meta names, microdata,
 * rel links, visible markup, then the text), cleaned (entities decoded,
 * whitespace collapsed, NFC) and its source recorded for --explain.
 * A value that is no such field yields to the next source: a title that
 * only names the site, a description that is a template text, a byline, a
 * site label or a post's meta line; the site name and decorations are cut
 * from titles (also an unknown site before '»' crumbs), a date stamp from
 * descriptions; a title that only names the site or the host yields to
 * the page's one h1. A description cut short
 * is taken whole from a source that goes on from it; one that rewords
 * the article's bold standfirst yields to that standfirst.
 * Every step after the walk works on a bounded number of candidates.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "meta_internal.h"

#define SITE_TITLE_MIN 16      /* bytes of a title that a site name cannot hold by chance */
#define META_EXCERPT_MIN 40    /* first paragraph shorter than this is a label */
#define META_FINISH_MAX_NODES 20000 /* content nodes visited for its first <p> */
#define META_FINISH_PARA_MAX 16384  /* bytes of that paragraph kept */
#define META_AMP_LEN 5         /* strlen("&amp;"): the escape of a second escape */
#define META_AMP_REPEAT_MAX 4  /* "amp;" repeats read after "&amp;": escaped up to 6 times */
#define META_REF_MAX 40        /* bytes read for a reference after "&amp;" ("&amp;thetasym;") */

/* ---- text cleaning ------------------------------------------------------- */

static void put_utf8(sbuf *b, unsigned long cp)
{
    char t[4];
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        sbuf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(b, t, 2);
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | (cp >> 18));
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        sbuf_add(b, t, 4);
    }
}

/* The Windows-1252 signs at 0x80..0x9F (0 where that code page has none),
 * which the HTML standard reads for numeric references to those codes. */
static const unsigned short meta_win1252_c1[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* Decode one entity at s (s[0] == '&'); returns bytes consumed or 0. */
static size_t decode_entity(const char *s, size_t n, sbuf *b)
{
    size_t i = 1;
    if (i < n && s[i] == '#') {
        i++;
        int hex = 0;
        if (i < n && (s[i] == 'x' || s[i] == 'X')) {
            hex = 1;
            i++;
        }
        unsigned long cp = 0;
        size_t start = i;
        while (i < n && i - start < 8 &&
               (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]))) {
            cp = cp * (hex ? 16 : 10) +
                 (unsigned long)(isdigit((unsigned char)s[i])
                                     ? s[i] - '0'
                                     : (tolower((unsigned char)s[i]) - 'a' + 10));
            i++;
        }
        if (i == start)
            return 0;
        if (i < n && s[i] == ';')
            i++;
        /* As HTML parsers do: references to C1 controls name the
         * Windows-1252 signs old pages meant ("&#146;" is a quote), and
         * other controls ("&#8;" from a double-escaped "&amp;#8...")
         * are no text; "&#0;" stays U+FFFD as in the standard. */
        if (cp >= 0x80 && cp <= 0x9F && meta_win1252_c1[cp - 0x80])
            cp = meta_win1252_c1[cp - 0x80];
        if (cp >= 0x80 && cp <= 0x9F && !meta_win1252_c1[cp - 0x80])
            return i;
        if ((cp && cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f') ||
            cp == 0x7F)
            return i;
        put_utf8(b, cp);
        return i;
    }
    char name[32];
    size_t k = 0;
    while (i < n && k + 1 < sizeof name && isalnum((unsigned char)s[i]))
        name[k++] = s[i++];
    name[k] = '\0';
    if (!k || i >= n || s[i] != ';')
        return 0;
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (!e)
        return 0;
    put_utf8(b, e->value);
    return i + 1;
}

/* Is the 3-byte UTF-8 sequence at p a Chinese or Japanese character or
 * sign (CJK punctuation and kana U+3000..U+30FF, ideographs U+3400..U+4DBF,
 * U+4E00..U+9FFF, U+F900..U+FAFF, fullwidth forms U+FF00..U+FFEF)? These
 * scripts write no spaces between words; Hangul does and is not here. */
static int cjk_at(const unsigned char *p)
{
    if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
        return 0;
    unsigned cp = ((unsigned)(p[0] & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) |
                  (unsigned)(p[2] & 0x3F);
    return (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Bytes meta_clean must look at one by one: entity, tag, whitespace and
 * the lead byte of U+00A0; every other byte is copied as is. */
static const unsigned char meta_clean_special[256] = {
    ['&'] = 1, ['<'] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
    ['\f'] = 1, ['\v'] = 1, [0xC2] = 1};

/* again: whether a value that decodes to an HTML fragment is cleaned once
 * more (once only: each round peels one layer of escaping). */
static char *meta_clean_round(const char *s, size_t n, int again)
{
    if (!s)
        return NULL;
    sbuf b;
    sbuf_init(&b);
    int space = 0;
    int line_break = 0; /* the pending space is a line break in the source */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '&') {
            sbuf tmp;
            sbuf_init(&tmp);
            size_t used = decode_entity(s + i, n - i, &tmp);
            /* Escaped twice ("enth&amp;uuml;llen", "&amp;#8217;"): a
             * template escaped an already escaped text; the reference
             * after "&amp;" is what the author wrote. Only a reference
             * closed by ';' is read so. */
            size_t j = i + used; /* after "&amp;" and any more "amp;" (thrice escaped) */
            for (int rep = 0; used == META_AMP_LEN && rep < META_AMP_REPEAT_MAX &&
                              n - j > 4 && !strncmp(s + j, "amp;", 4);
                 rep++)
                j += 4;
            if (used == META_AMP_LEN && j < n && tmp.s && !strcmp(tmp.s, "&") &&
                (isalpha((unsigned char)s[j]) || s[j] == '#')) {
                char ref[META_REF_MAX + 1];
                size_t rl = n - j < META_REF_MAX - 1 ? n - j : META_REF_MAX - 1;
                ref[0] = '&';
                memcpy(ref + 1, s + j, rl);
                ref[rl + 1] = '\0';
                sbuf t2;
                sbuf_init(&t2);
                size_t u2 = decode_entity(ref, rl + 1, &t2);
                if (u2 > 2 && ref[u2 - 1] == ';') {
                    sbuf_free(&tmp);
                    tmp = t2;
                    used = j - i + u2 - 1;
                } else {
                    sbuf_free(&t2);
                }
            }
            if (used) {
                /* A decoded space or nbsp still collapses. */
                if (tmp.s && (!strcmp(tmp.s, " ") || !strcmp(tmp.s, "\xc2\xa0"))) {
                    space = 1;
                } else if (tmp.s) {
                    if (space && b.len)
                        sbuf_putc(&b, ' ');
                    space = line_break = 0;
                    sbuf_add(&b, tmp.s, tmp.len);
                }
                sbuf_free(&tmp);
                i += used;
                continue;
            }
            sbuf_free(&tmp);
        }
        if (c == '<' && i + 1 < n &&
            (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
            /* Markup inside a meta value or JSON-LD string: drop the tag. */
            const char *gt = memchr(s + i, '>', n - i);
            if (gt && gt - (s + i) < 200) {
                i = (size_t)(gt - s) + 1;
                space = 1;
                continue;
            }
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
            c == '\v') {
            if (c == '\n' || c == '\r')
                line_break = 1;
            space = 1;
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            space = 1;
            i += 2;
            continue;
        }
        /* A line break between two Chinese or Japanese characters joins
         * them: the source wrapped a line, the text has no space there. */
        int join = line_break && b.len >= 3 && i + 2 < n &&
                   cjk_at((const unsigned char *)b.s + b.len - 3) &&
                   cjk_at((const unsigned char *)s + i);
        if (space && b.len && !join)
            sbuf_putc(&b, ' ');
        space = line_break = 0;
        /* The run of plain bytes up to the next one handled above goes in
         * with one append (no space is pending inside it, so no join). */
        size_t run = i + 1;
        while (run < n && !meta_clean_special[(unsigned char)s[run]])
            run++;
        sbuf_add(&b, s + i, run - i);
        i = run;
    }
    /* A JSON escape written out twice at the end ('...</p>\\n' in
     * JSON-LD: a backslash and an 'n' in the text) is a lost line break. */
    while (b.len >= 2 && b.s[b.len - 2] == '\\' &&
           (b.s[b.len - 1] == 'n' || b.s[b.len - 1] == 'r' || b.s[b.len - 1] == 't')) {
        b.len -= 2;
        while (b.len && b.s[b.len - 1] == ' ')
            b.len--;
        b.s[b.len] = '\0';
    }
    if (!b.len) {
        sbuf_free(&b);
        return NULL;
    }
    /* Markup escaped twice ("&lt;p&gt;Ab zum Kiosk...&lt;/p&gt;"): the
     * decoded value is an HTML fragment, opening and closing with a tag;
     * it is cleaned once more. A text that only names a tag inside
     * ("The <dialog> element") stays. */
    if (again && b.len > 2 && b.s[0] == '<' &&
        (isalpha((unsigned char)b.s[1]) || b.s[1] == '/') && b.s[b.len - 1] == '>') {
        char *r2 = meta_clean_round(b.s, b.len, 0);
        sbuf_free(&b);
        return r2;
    }
    char *r = text_nfc(b.s, b.len);
    sbuf_free(&b);
    if (r && !*r) {
        free(r);
        return NULL;
    }
    return r;
}

char *meta_clean(const char *s, size_t n)
{
    return meta_clean_round(s, n, 1);
}

char *meta_clean0(const char *s)
{
    return s ? meta_clean(s, strlen(s)) : NULL;
}

/* ---- helpers ---------------------------------------------------------- */

static int same_text(const char *a, const char *b);

/* The page's own article object: with several (related stories, videos),
 * the one whose headline or name is the page's og:title or <title>;
 * else the first. */
static const json_t *article_object(const meta_scan *s)
{
    const json_t *first = NULL;
    const char *og = meta_get(s, "og:title");
    size_t n_art = 0;
    for (size_t i = 0; i < s->n_jsonld; i++) {
        const json_t *o = s->jsonld[i];
        if (!jsonld_type_is(o, meta_article_types))
            continue;
        if (!first)
            first = o;
        if (++n_art > META_MAX_JSONLD)
            break;
        const char *h = jsonld_str(o, "headline");
        const char *nm = jsonld_str(o, "name");
        for (int k = 0; k < 2; k++) {
            const char *v = k ? nm : h;
            if (v && ((og && same_text(v, og)) ||
                      (s->title_tag && same_text(v, s->title_tag))))
                return o;
        }
    }
    return first;
}

const json_t *meta_typed_object(const meta_scan *s, const char *type)
{
    const char *types[] = {type, NULL};
    for (size_t i = 0; i < s->n_jsonld; i++)
        if (jsonld_type_is(s->jsonld[i], types))
            return s->jsonld[i];
    return NULL;
}

int meta_is_url(const char *s)
{
    return s && (!strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8) ||
                 !strncmp(s, "//", 2) || !strncmp(s, "/", 1));
}

int meta_has_letter(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (isalpha(*p) || *p >= 0x80)
            return 1;
    return 0;
}

/* Value of the first key present in the meta list, with its key as source. */
const char *meta_first(const meta_scan *s, const char *const *keys,
                              const char **src)
{
    for (const char *const *k = keys; *k; k++) {
        const char *v = meta_get(s, *k);
        if (v && meta_has_letter(v)) {
            if (src)
                *src = *k;
            return v;
        }
    }
    return NULL;
}

/* Source names for explain: static strings. */
const char *meta_src(const char *key)
{
    static const char *const known[] = {
        "og:title", "twitter:title", "dc.title", "dc:title", "dcterms.title",
        "parsely-title", "sailthru.title", "og:description",
        "twitter:description", "description", "dc.description",
        "dcterms.description", "dc:description", "og:site_name",
        "application-name", "og:image", "twitter:image", "twitter:image:src",
        "author", "article:author", "dc.creator", "dc:creator",
        "dcterms.creator", "parsely-author", "sailthru.author", "byl",
        "og:locale", "content-language", "dc.language", "language",
        "og:url", "keywords", "news_keywords", "parsely-tags", "sailthru.tags",
        "article:tag", NULL};
    for (const char *const *k = known; *k; k++)
        if (!strcmp(*k, key))
            return *k;
    return "meta";
}

/* ---- title --------------------------------------------------------------- */

static const char *const title_seps[] = {" | ", " - ", " – ", " — ", " :: ", " : ",
                                         " · ", " » ", " « ", " // ", " • ",
                                         " ~ ", " -- ", " │ ", " \xe2\x80\xba ", " @ ", NULL};

/* Titles that name no page but a template slot ("Home" as the <title> of
 * an article): the h1 is the title then. Compared squashed. */
static const char *const title_generic[] = {
    "home", "homepage", "startseite", "start", "index", "welcome", "willkommen",
    "accueil", "inicio", "untitled", "ohnetitel", "page", "news", "aktuelles",
    "blog", NULL};

/* Words that name a kind of site: a short last title part holding one is
 * the site's name even after a dash ("Lorem ipsum – My website"). */
static const char *const title_site_words[] = {
    "website", "webseite", "homepage", "blog", "weblog", "magazin", "magazine",
    "online", "portal", "forum", "wiki", NULL};
#define TITLE_SITE_PART_WORDS 4 /* longer parts are a headline's second half */

/* Lower-case alphanumerics only (ASCII folded; other bytes kept, except
 * typographic punctuation: U+2000..U+206F and the Latin-1 signs, so that
 * "’" and "'" or "–" and "-" compare equal). */
void meta_squash(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    for (; *s && o + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == 0xE2 && ((unsigned char)s[1] == 0x80 || (unsigned char)s[1] == 0x81) && s[2]) {
            s += 2;
            continue;
        }
        if (c == 0xC2 && (unsigned char)s[1] >= 0xA0 && (unsigned char)s[1] <= 0xBF) {
            s += 1;
            continue;
        }
        if (c >= 0x80)
            out[o++] = (char)c;
        else if (isalnum(c))
            out[o++] = (char)tolower(c);
    }
    out[o] = '\0';
}

static int same_text(const char *a, const char *b)
{
    char x[1024], y[1024];
    meta_squash(a, x, sizeof x);
    meta_squash(b, y, sizeof y);
    return x[0] && !strcmp(x, y);
}

#define TITLE_MIN_CRUMBS 2 /* short parts after a title that make a trail */
#define DESC_MIN_LETTERS 3   /* letters of a paragraph that can summarise ("I." cannot) */
#define TITLE_BYLINE_WORDS 5 /* words of a "by Name" part of a title ("by Jean de la Example") */
#define TITLE_CRUMB_WORDS 3  /* words of a site or section crumb before a headline */
#define TITLE_HOST_NAME_MIN 5 /* squashed bytes of a title that name the host
                               * ("dw", "faz" match a host by chance) */
#define TITLE_SITE_SHARE_PCT 50 /* share of a part the site name must fill
                                 * to make it the site part */
#define TITLE_LABEL_INSIDE_MIN 8 /* host label bytes that name the site even
                                  * inside a longer part */

/* Does a title part name the site (site_name, or the URL's host)? */
static int part_is_site(const char *part, const char *site, const char *host)
{
    char p[512], t[512];
    meta_squash(part, p, sizeof p);
    if (!p[0])
        return 0;
    if (site) {
        meta_squash(site, t, sizeof t);
        /* The site inside a longer part names it only while it is most of
         * the part ("SPIEGEL ONLINE" for "Spiegel"); a headline that
         * mentions the blog ("Post (2) @ Blog") is no site part. */
        if (t[0] && (!strcmp(p, t) || (strlen(p) >= 3 && strstr(t, p)) ||
                     (strlen(t) >= 3 && strstr(p, t) &&
                      strlen(t) * 100 >= strlen(p) * TITLE_SITE_SHARE_PCT)))
            return 1;
    }
    if (host && strlen(p) >= 3) {
        meta_squash(host, t, sizeof t);
        if (strstr(t, p))
            return 1;
        /* "ZEIT ONLINE" vs zeit.de: a host label starts the part (the
         * first label, or a later one of 4+ letters but the top-level
         * domain: "MyOOS Forum" on foren.myoos.de). Labels are squashed
         * as the part is ("petri-heil" -> "petriheil"). */
        const char *h = host;
        if (!strncmp(h, "www.", 4))
            h += 4;
        for (int first = 1; *h && strchr(h, '.'); first = 0) {
            char label[128];
            size_t k = 0;
            for (; *h && *h != '.'; h++)
                if (isalnum((unsigned char)*h) && k + 1 < sizeof label)
                    label[k++] = (char)tolower((unsigned char)*h);
            label[k] = '\0';
            if (*h == '.')
                h++;
            if (k >= (first ? 3u : 4u) && !strncmp(p, label, k))
                return 1;
            /* A long, distinctive label anywhere in the part ("European
             * Championships Munich 2022" on munich2022.com). */
            if (k >= TITLE_LABEL_INSIDE_MIN && strstr(p, label))
                return 1;
        }
    }
    return 0;
}

size_t meta_word_count(const char *s)
{
    size_t n = 0;
    int in = 0;
    for (; *s; s++) {
        int w = !isspace((unsigned char)*s);
        if (w && !in)
            n++;
        in = w;
    }
    return n;
}

/* Host of a URL into buf (empty when none). */
static void url_host(const char *url, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (!url)
        return;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t k = 0;
    while (*p && *p != '/' && *p != ':' && *p != '?' && *p != '#' && k + 1 < cap)
        buf[k++] = (char)tolower((unsigned char)*p++);
    buf[k] = '\0';
}

/* Title without the site name: "Title | Site", "Site - Title". h1 texts
 * settle which part is the title when one matches. Returns malloc'd. */
static char *title_trim_parts(const char *t, const char *site, const char *host,
                              char *const *h1s, size_t n_h1, char *const *h2s,
                              size_t n_h2);
static int has_site_word(const char *part);
static size_t title_words(const char *s);

/* Separator signs left alone at either end ("» Jens Weber", "National
 * Rail Enquiries -", "Title ::"): a template that printed an empty part. */
static const char *const title_edge_seps[] = {"|", "-", "\xe2\x80\x93", "\xe2\x80\x94", "::",
                                              ":", "\xc2\xb7", "\xc2\xbb", "\xc2\xab", "//",
                                              "\xe2\x80\xa2", "~", "--", "/", NULL};

/* Copy of t without separator signs at its ends. */
static char *title_strip_edges(const char *t)
{
    size_t start = 0, end = strlen(t);
    for (int again = 1; again;) {
        again = 0;
        for (const char *const *sp = title_edge_seps; *sp; sp++) {
            size_t sl = strlen(*sp);
            if (end - start > sl + 1 && !strncmp(t + start, *sp, sl) &&
                t[start + sl] == ' ') {
                start += sl + 1;
                again = 1;
            }
            if (end - start > sl + 1 && !strncmp(t + end - sl, *sp, sl) &&
                t[end - sl - 1] == ' ') {
                end -= sl + 1;
                again = 1;
            }
            while (start < end && t[start] == ' ')
                start++;
            while (end > start && t[end - 1] == ' ')
                end--;
        }
    }
    return xstrndup(t + start, end - start);
}

/* "NEWS WEB EASY|Headline": the site name glued to the title by a
 * separator sign without spaces; returns where the headline starts (t
 * itself when no site opens it). */
static const char *title_skip_glued_site(const char *t, const char *site)
{
    size_t sl = site ? strlen(site) : 0;
    if (!sl || strncasecmp(t, site, sl))
        return t;
    /* Signs that never join a compound word ("Privatkredit-Zinsen"). */
    static const char *const glue[] = {"|", "::", "//", "\xc2\xbb", "\xc2\xb7",
                                       "\xe2\x80\xa2", NULL};
    const char *p = t + sl;
    for (const char *const *sp = glue; *sp; sp++) {
        size_t l = strlen(*sp);
        if (!strncmp(p, *sp, l)) {
            p += l;
            while (*p == ' ')
                p++;
            return title_words(p) >= 1 ? p : t;
        }
    }
    return t;
}

static char *title_trim(const char *t, const char *site, const char *host,
                        char *const *h1s, size_t n_h1, char *const *h2s, size_t n_h2)
{
    char *c = title_strip_edges(title_skip_glued_site(t, site));
    if (!c)
        return NULL;
    char *r = title_trim_parts(c, site, host, h1s, n_h1, h2s, n_h2);
    free(c);
    if (!r)
        return NULL;
    /* Dropping the site may leave the sign that joined it ("Site // » X"). */
    c = title_strip_edges(r);
    free(r);
    return c;
}

static char *title_trim_parts(const char *t, const char *site, const char *host,
                              char *const *h1s, size_t n_h1, char *const *h2s,
                              size_t n_h2)
{
    /* A heading that repeats the whole title: nothing to cut ("How to
     * Grow a Lemon Tree | Step-by-Step Guide" as the post's heading). */
    for (size_t h = 0; h < n_h1 + n_h2; h++) {
        const char *hd = h < n_h1 ? h1s[h] : h2s[h - n_h1];
        if (hd && same_text(t, hd) && !(site && same_text(t, site)))
            return strdup(t);
    }
    /* Cut points: each separator occurrence. */
    size_t cuts[16], cut_len[16], nc = 0;
    size_t len = strlen(t);
    for (size_t i = 0; i < len && nc < 16; i++) {
        for (const char *const *sp = title_seps; *sp; sp++) {
            size_t sl = strlen(*sp);
            if (!strncmp(t + i, *sp, sl)) {
                cuts[nc] = i;
                cut_len[nc] = sl;
                nc++;
                i += sl - 1;
                break;
            }
        }
    }
    if (!nc)
        return strdup(t);
    /* "Title | by Dana Example | Medium", "Title - by Lena Example -
     * Newsletter": a part opening with a byline word credits the author;
     * the headline ends before it (a headline's own "by" sits inside a
     * part: "Killed by a storm"). */
    for (size_t c = 0; c < nc; c++) {
        const char *part = t + cuts[c] + cut_len[c];
        static const char *const by_words[] = {"by ", "von ", "par ", "por ", NULL};
        int by = 0;
        for (const char *const *b = by_words; *b && !by; b++)
            by = !strncasecmp(part, *b, strlen(*b)) && isupper((unsigned char)part[strlen(*b)]);
        size_t pl = c + 1 < nc ? cuts[c + 1] - cuts[c] - cut_len[c] : strlen(part);
        char *p = by ? xstrndup(part, pl) : NULL;
        size_t pw = p ? meta_word_count(p) : 0;
        free(p);
        char *head = by ? xstrndup(t, cuts[c]) : NULL;
        int ok = head && pw >= 2 && pw <= TITLE_BYLINE_WORDS && title_words(head) >= 2;
        if (ok) {
            char *r = title_strip_edges(head);
            free(head);
            return r;
        }
        free(head);
    }
    /* "Post titleSite slogan | Site slogan": a template glued the slogan
     * to the title and then printed it again as the last part; the
     * title is what comes before its first copy. */
    if (nc == 1) {
        const char *tail = t + cuts[0] + cut_len[0];
        size_t tl = strlen(tail), hl = cuts[0];
        if (title_words(tail) >= 2 && hl > tl && !strncmp(t + hl - tl, tail, tl)) {
            char *head = xstrndup(t, hl - tl);
            if (head && title_words(head) >= 1) {
                char *r = title_strip_edges(head);
                free(head);
                return r;
            }
            free(head);
        }
    }
    /* A site name that itself holds a separator ("AOC media - Analyse"):
     * the title ends (or starts) with all of it. */
    if (site) {
        for (size_t c = 0; c < nc; c++) {
            char *tail = xstrndup(t + cuts[c] + cut_len[c], len - cuts[c] - cut_len[c]);
            int hit = tail && same_text(tail, site);
            free(tail);
            if (hit && c + 1 < nc)
                return xstrndup(t, cuts[c]);
            char *head = xstrndup(t, cuts[c]);
            hit = head && same_text(head, site);
            free(head);
            if (hit && c > 0)
                return xstrndup(t + cuts[c] + cut_len[c], len - cuts[c] - cut_len[c]);
        }
    }
    /* An h1 equal to a run of parts wins; else an h2 (blog themes title
     * the post with an h2 under the site's h1). */
    for (int pass = 0; pass < 2; pass++) {
        char *const *hs = pass ? h2s : h1s;
        size_t nhs = pass ? n_h2 : n_h1;
        for (size_t a = 0; a <= nc; a++) {
            size_t start = a ? cuts[a - 1] + cut_len[a - 1] : 0;
            for (size_t b = a; b <= nc; b++) {
                size_t end = b < nc ? cuts[b] : len;
                if (a == 0 && b == nc)
                    continue;
                char *part = xstrndup(t + start, end - start);
                if (!part)
                    return NULL;
                for (size_t h = 0; h < nhs; h++)
                    if (hs[h] && same_text(part, hs[h]) && meta_word_count(part) >= 2 &&
                        !(site && same_text(part, site)))
                        return part;
                free(part);
            }
        }
    }
    /* Drop the first / last part when it names the site. */
    size_t start = 0, end = len;
    char *last = xstrndup(t + cuts[nc - 1] + cut_len[nc - 1],
                          len - cuts[nc - 1] - cut_len[nc - 1]);
    char *first = xstrndup(t, cuts[0]);
    int dropped = 0;
    if (last && part_is_site(last, site, host)) {
        end = cuts[nc - 1];
        dropped = 1;
    } else if (first && part_is_site(first, site, host)) {
        start = cuts[0] + cut_len[0];
        dropped = 1;
        /* Crumbs after the site ("Site » Blog Archive » Title"): short
         * parts before a '»' go too, while the rest stays long. */
        for (size_t c = 1; c < nc; c++) {
            if (strncmp(t + cuts[c], " \xc2\xbb ", 4))
                break;
            char *crumb = xstrndup(t + start, cuts[c] - start);
            size_t wc = crumb ? meta_word_count(crumb) : 99;
            free(crumb);
            size_t wr = meta_word_count(t + cuts[c] + cut_len[c]);
            if (wc > 2 || wr < 3 || wr < 2 * wc)
                break;
            start = cuts[c] + cut_len[c];
        }
    } else {
        /* "Title | site.ch | Tagline": the site in the middle ends the
         * title (bounded by the number of cuts). */
        for (size_t c = 1; c < nc && !dropped; c++) {
            size_t ps = cuts[c - 1] + cut_len[c - 1];
            char *mid = xstrndup(t + ps, cuts[c] - ps);
            if (mid && part_is_site(mid, site, host)) {
                end = cuts[c - 1];
                dropped = 1;
            }
            free(mid);
        }
    }
    /* Dashes also join parts of a headline ("X – so geht's!"); other
     * separators are page furniture. */
    const char *lastsep = t + cuts[nc - 1];
    int dash = !strncmp(lastsep, " - ", 3) || !strncmp(lastsep, " – ", strlen(" – ")) ||
               !strncmp(lastsep, " — ", strlen(" — ")) || !strncmp(lastsep, " -- ", 4) ||
               !strncmp(lastsep, " : ", 3);
    /* "Post @ Place" names a place, not a site, unless the site says so. */
    int at = !strncmp(lastsep, " @ ", 3);
    if (!dropped && last && first && !at && (!dash || has_site_word(last))) {
        /* Unknown site: a short tail after a long head is the site name. */
        size_t wl = meta_word_count(last), wh = meta_word_count(t) - wl;
        if (wl <= 4 && wh >= 3 && wh >= 2 * wl)
            end = cuts[nc - 1];
    }
    /* Unknown site before a hierarchy sign ("Gazette » Long headline
     * here", "Site › Section › Headline"): when every separator is '»'
     * or '›' and the last part is long against all before it, the parts
     * before it are the site and its sections (the reverse of the short
     * tail above; colons and dashes also join a headline's own parts). */
    if (!dropped && end == len && start == 0) {
        int crumbs = 1;
        /* Bars make a trail too when there are two or more of them
         * ("Gazette | News | Long headline"); one bar before a long
         * part may be a headline's own. */
        for (size_t c = 0; c < nc && crumbs; c++)
            crumbs = !strncmp(t + cuts[c], " \xc2\xbb ", 4) ||
                     !strncmp(t + cuts[c], " \xe2\x80\xba ", 5) ||
                     (nc >= 2 && !strncmp(t + cuts[c], " | ", 3));
        /* Words before the last part, without the signs themselves;
         * each part before it is short (a name or a section). */
        size_t wl = last ? meta_word_count(last) : 0, wh = meta_word_count(t) - wl - nc;
        for (size_t c = 0; c < nc && crumbs; c++) {
            size_t ps = c ? cuts[c - 1] + cut_len[c - 1] : 0;
            char *part = xstrndup(t + ps, cuts[c] - ps);
            crumbs = part && meta_word_count(part) <= TITLE_CRUMB_WORDS;
            free(part);
        }
        /* One sign may also join a headline to its subtitle
         * ("Zaubernuss im Winter » Wann blüht die Hamamelis?"): then the
         * last part must be twice as long; a trail of two or more signs
         * is page furniture and a longer last part will do. */
        if (crumbs && wl >= 3 && (nc == 1 ? wl >= 2 * wh : wl > wh))
            start = cuts[nc - 1] + cut_len[nc - 1];
    }
    /* Section crumbs left before a dropped site ("Title | iPhone | Forum |
     * Site"): short '|' parts at the end go too, while the head stays
     * long (bounded by the number of cuts). */
    if (dropped && end < len) {
        for (size_t c = nc; c-- > 0;) {
            if (cuts[c] >= end || cuts[c] + cut_len[c] > end)
                continue;
            if (strncmp(t + cuts[c], " | ", 3))
                break;
            char *part = xstrndup(t + cuts[c] + 3, end - cuts[c] - 3);
            size_t wp = part ? meta_word_count(part) : 99;
            free(part);
            char *head = xstrndup(t + start, cuts[c] > start ? cuts[c] - start : 0);
            size_t wh = head ? meta_word_count(head) : 0;
            free(head);
            if (wp > 2 || wh < 3 || wh < 2 * wp)
                break;
            end = cuts[c];
        }
    }
    /* Crumbs after the title when the site opened it ("Site - Title -
     * Section - News"): two or more short trailing parts go, while the
     * head stays long (one short tail may be the headline's own). */
    if (dropped && start > 0 && end == len) {
        size_t new_end = end, n_crumbs = 0;
        for (size_t c = nc; c-- > 0;) {
            if (cuts[c] < start)
                break;
            char *part = xstrndup(t + cuts[c] + cut_len[c],
                                  new_end - cuts[c] - cut_len[c]);
            size_t wp = part ? meta_word_count(part) : 99;
            free(part);
            char *head = xstrndup(t + start, cuts[c] - start);
            size_t wh = head ? meta_word_count(head) : 0;
            free(head);
            if (wp > 2 || wh < 3 || wh < 2 * wp)
                break;
            new_end = cuts[c];
            n_crumbs++;
        }
        if (n_crumbs >= TITLE_MIN_CRUMBS)
            end = new_end;
    }
    free(last);
    free(first);
    while (start < end && t[start] == ' ')
        start++;
    while (end > start && t[end - 1] == ' ')
        end--;
    return xstrndup(t + start, end - start);
}

/* Does the element's class or id hold one of the keywords? */
static int attr_has_key(const xmlNode *n, const char *const *keys)
{
    const char *c = dom_attr(n, "class"), *id = dom_attr(n, "id");
    for (const char *const *k = keys; *k; k++)
        if (meta_strcasestr(c, *k) || meta_strcasestr(id, *k))
            return 1;
    return 0;
}

/* Is a text node only whitespace? */
static int blank_text(const xmlNode *t)
{
    for (const unsigned char *p = (const unsigned char *)t->content; p && *p; p++)
        if (!isspace(*p))
            return 0;
    return 1;
}

/* Punctuation left at the start of a headline once its kicker is gone
 * (the ": " or " - " that joined them). */
static const char *skip_joiners(const char *s)
{
    static const char *const joiners[] = {":", "-", "\xe2\x80\x93", "\xe2\x80\x94", "|",
                                          "\xc2\xbb", "\xc2\xb7", NULL};
    for (int again = 1; again;) {
        again = 0;
        while (isspace((unsigned char)*s))
            s++;
        for (const char *const *j = joiners; *j; j++) {
            size_t l = strlen(*j);
            if (!strncmp(s, *j, l)) {
                s += l;
                again = 1;
            }
        }
    }
    return s;
}

/* The headline of an h1 that opens with a kicker, a topic label in its own
 * element (<h1><span class="kicker">Klimaschutz</span><span>Bohren, bis es
 * heiß wird</span></h1>): the text after that element, screen-reader-only
 * joiners skipped. NULL when the h1 has no such kicker. Visits the h1's
 * children only (and one wrapper level), each sibling's text bounded. */
static char *h1_headline(const xmlNode *h1)
{
    const xmlNode *box = h1;
    /* <h1><a href><span class=kicker>...</span>...</a></h1>: look inside a
     * lone wrapper element. */
    for (int depth = 0; depth < 2; depth++) {
        const xmlNode *only = NULL;
        int n_el = 0, text = 0;
        for (const xmlNode *c = box->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE) {
                only = c;
                n_el++;
            } else if (c->type == XML_TEXT_NODE && !blank_text(c)) {
                text = 1;
            }
        }
        if (n_el != 1 || text)
            break;
        box = only;
    }
    const xmlNode *kicker = NULL;
    for (const xmlNode *c = box->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && !blank_text(c))
            return NULL; /* headline text comes first: no kicker */
        if (c->type == XML_ELEMENT_NODE) {
            kicker = c;
            break;
        }
    }
    if (!kicker || !attr_has_key(kicker, meta_kicker_keys) ||
        attr_has_key(kicker, meta_hidden_keys))
        return NULL;
    sbuf b;
    sbuf_init(&b);
    for (const xmlNode *c = kicker->next; c && b.len < META_NODE_TEXT * 4; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            sbuf_puts(&b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !attr_has_key(c, meta_hidden_keys)) {
            char *t = meta_node_text(c, 1024);
            if (t) {
                sbuf_putc(&b, ' ');
                sbuf_puts(&b, t);
                sbuf_putc(&b, ' ');
            }
            free(t);
        }
    }
    char *r = b.s ? meta_clean0(skip_joiners(b.s)) : NULL;
    sbuf_free(&b);
    if (r && !meta_has_letter(r)) {
        free(r);
        r = NULL;
    }
    return r;
}

/* Words holding a letter or digit: a lone dash or bullet is no word. */
static size_t title_words(const char *s)
{
    size_t n = 0;
    int in = 0, real = 0;
    for (;; s++) {
        int w = *s && !isspace((unsigned char)*s);
        if (w) {
            in = 1;
            /* Lead bytes 0xC2 (Latin-1 signs) and 0xE2 (U+2000..U+2FFF:
             * dashes, quotes, arrows) start no letter worth counting. */
            unsigned char c = (unsigned char)*s;
            if (isalnum(c) || (c >= 0xC3 && c != 0xE2))
                real = 1;
        } else if (in) {
            n += real;
            in = real = 0;
        }
        if (!*s)
            break;
    }
    return n;
}

/* Documentation themes end headings with a permalink sign ("Install¶",
 * "Usage 🔗"): cut it in place. */
static void drop_anchor_sign(char *t)
{
    static const char *const signs[] = {"\xc2\xb6", "\xf0\x9f\x94\x97", NULL};
    size_t l = strlen(t);
    for (const char *const *sg = signs; *sg; sg++) {
        size_t sl = strlen(*sg);
        if (l > sl && !strcmp(t + l - sl, *sg)) {
            l -= sl;
            while (l && t[l - 1] == ' ')
                l--;
            t[l] = '\0';
        }
    }
}

/* Cut "Headline | Site" to "Headline" in place when the part after the
 * last separator names the site (an h1 that repeats the <title>). */
static void drop_site_tail(char *t, const char *site, const char *host)
{
    char *last = NULL;
    size_t last_len = 0;
    for (const char *const *sp = title_seps; *sp; sp++) {
        size_t sl = strlen(*sp);
        for (char *p = strstr(t, *sp); p; p = strstr(p + 1, *sp))
            if (p > last) {
                last = p;
                last_len = sl;
            }
    }
    if (last && last > t && part_is_site(last + last_len, site, host))
        *last = '\0';
}

/* An h1 that is the site's logo or name in the page header (class/id
 * "logo", "brand", "site-title"...) is no headline. */
static int is_brand_h1(const xmlNode *n)
{
    static const char *const brand[] = {"logo", "brand", "site-title", "site-name",
                                        "sitename", "site_title", NULL};
    const char *c = dom_attr(n, "class"), *id = dom_attr(n, "id");
    for (const char *const *b = brand; *b; b++)
        if (meta_strcasestr(c, *b) || meta_strcasestr(id, *b))
            return 1;
    return 0;
}

#define TITLE_MAX_H2 4         /* first h2s matched against title parts */
#define TITLE_MAX_WORDS 48     /* words of a title compared; more is no title */
#define TITLE_AGREE_PCT 90     /* shared words that make two titles agree
                                * ("Dropbox's ATF" and "Dropbox ATF"); a
                                * reworded headline shares fewer */

/* Lower-cased words of a title (ASCII letters and digits, other letters
 * kept as bytes; punctuation, quotes and dashes split; one-letter words
 * such as the "s" of "Dropbox's" dropped). Words are stored NUL-separated
 * in buf, pointers in w; returns the count. */
static size_t title_word_list(const char *t, char *buf, size_t cap, const char **w,
                              size_t max)
{
    size_t n = 0, o = 0, ws = 0;
    for (const unsigned char *p = (const unsigned char *)t; n < max; p++) {
        unsigned char c = *p;
        /* U+2000..U+206F (quotes, dashes) and Latin-1 signs split words */
        int sep = !c || (c < 0x80 && !isalnum(c)) ||
                  (c == 0xE2 && p[1] == 0x80 && p[2]) || (c == 0xC2 && p[1] >= 0xA0);
        if (!sep) {
            if (o + 2 < cap)
                buf[o++] = (char)(c < 0x80 ? tolower(c) : c);
            continue;
        }
        if (o - ws >= 2) {
            buf[o++] = '\0';
            w[n++] = buf + ws;
        } else {
            o = ws;
        }
        ws = o;
        if (!c)
            break;
        if (c == 0xE2 || c == 0xC2)
            p += (c == 0xE2) ? 2 : 1;
    }
    return n;
}

/* Do two titles say the same thing? One inside the other (compared
 * squashed), or most words of the shorter in the longer ("How we designed
 * Dropbox's ATF - ..." and "How we designed Dropbox ATF: ..."). Quadratic
 * in words, bounded by TITLE_MAX_WORDS. */
static int title_agrees(const char *a, const char *b)
{
    char x[1024], y[1024];
    meta_squash(a, x, sizeof x);
    meta_squash(b, y, sizeof y);
    if (!x[0] || !y[0])
        return 0;
    if (strstr(x, y) || strstr(y, x))
        return 1;
    char ba[1024], bb[1024];
    const char *wa[TITLE_MAX_WORDS], *wb[TITLE_MAX_WORDS];
    size_t na = title_word_list(a, ba, sizeof ba, wa, TITLE_MAX_WORDS);
    size_t nb = title_word_list(b, bb, sizeof bb, wb, TITLE_MAX_WORDS);
    if (na < 2 || nb < 2)
        return 0;
    size_t shared = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (!strcmp(wa[i], wb[j])) {
                shared++;
                break;
            }
    size_t small = na < nb ? na : nb;
    return shared * 100 >= small * TITLE_AGREE_PCT;
}

#define TITLE_H1_SHARE_PCT 50  /* an h1 this share of the <title> is its headline */

/* Is the h1 inside the <title> (or the <title> inside it) and most of it,
 * not a section word? */
static int h1_most_of(const char *h1, const char *tt)
{
    char x[1024], y[2048];
    meta_squash(h1, x, sizeof x);
    meta_squash(tt, y, sizeof y);
    return x[0] && y[0] && (strstr(y, x) || strstr(x, y)) &&
           strlen(x) * 100 >= strlen(y) * TITLE_H1_SHARE_PCT;
}

int meta_label_index_build(meta_label_index *x, const char *const *labels)
{
    size_t n = 0;
    while (labels[n])
        n++;
    if (n > META_LABEL_INDEX_MAX)
        return 0;
    memset(x->head, 0, sizeof x->head);
    for (size_t k = n; k-- > 0;) { /* pushed in reverse: chains in table order */
        unsigned char lo = (unsigned char)labels[k][0];
        if (lo != (unsigned char)tolower(lo))
            continue;
        x->next[k] = x->head[lo];
        x->head[lo] = (unsigned char)(k + 1);
        x->head[(unsigned char)toupper(lo)] = (unsigned char)(k + 1);
    }
    return 1;
}

int meta_title_edges(const char *t, const char *const *seps, const char **first_end,
                     const char **last_start)
{
    *first_end = *last_start = NULL;
    for (const char *const *sp = seps; *sp; sp++) {
        size_t sl = strlen(*sp);
        for (const char *p = strstr(t, *sp); p; p = strstr(p + 1, *sp)) {
            if (!*first_end || p < *first_end)
                *first_end = p;
            if (!*last_start || p + sl > *last_start)
                *last_start = p + sl;
        }
    }
    return *first_end != NULL;
}

/* Is v the first or the last separator part of the title t (and not
 * all of it)? */
static int title_edge_part(const char *v, const char *t)
{
    const char *first_end, *last_start;
    if (!meta_title_edges(t, title_seps, &first_end, &last_start))
        return 0;
    char *head = xstrndup(t, (size_t)(first_end - t));
    int hit = (head && same_text(v, head)) || same_text(v, last_start);
    free(head);
    return hit;
}

/* Does a short title part hold a word that names a kind of site ("My
 * website", "Das Reisemagazin" is no match: whole words only)? */
static int has_site_word(const char *part)
{
    char buf[512];
    const char *w[TITLE_MAX_WORDS];
    size_t n = title_word_list(part, buf, sizeof buf, w, TITLE_MAX_WORDS);
    if (n > TITLE_SITE_PART_WORDS)
        return 0;
    for (size_t i = 0; i < n; i++)
        for (const char *const *k = title_site_words; *k; k++)
            if (!strcmp(w[i], *k))
                return 1;
    return 0;
}

/* Does t start with all of m and go on with a quoted word (m was cut at
 * a stray quote)? Both cleaned. */
static int title_continues(const char *m, const char *t)
{
    size_t ml = strlen(m);
    if (ml < 8 || strncmp(t, m, ml) || !t[ml])
        return 0;
    const char *rest = t + ml;
    while (*rest == ' ')
        rest++;
    /* The attribute ended at a quote: the <title> goes on with one. */
    static const char *const quotes[] = {"\"", "'", "\xe2\x80\x9c", "\xe2\x80\x9e",
                                         "\xc2\xab", "\xe2\x80\x98", NULL};
    for (const char *const *q = quotes; *q; q++)
        if (!strncmp(rest, *q, strlen(*q)))
            return 1;
    return 0;
}

/* Typographic signs and the ASCII sign each stands for. */
static const struct {
    const char *sign, *ascii;
} title_typo_signs[] = {
    {"\xe2\x80\x98", "'"}, {"\xe2\x80\x99", "'"}, {"\xe2\x80\x9a", "'"},
    {"\xe2\x80\x9c", "\""}, {"\xe2\x80\x9d", "\""}, {"\xe2\x80\x9e", "\""},
    {"\xc2\xab", "\""}, {"\xc2\xbb", "\""}, {"\xe2\x80\x93", "-"},
    {"\xe2\x80\x94", "-"}, {"\xc2\xa0", " "}, {"\xe2\x80\xaf", " "}};

/* t with typographic quotes, dashes and spaces as ASCII and "ß" as "ss"
 * (the Swiss spelling, and what ASCII-only templates write), into out. */
static void title_fold_typo(const char *t, char *out, size_t cap)
{
    size_t o = 0;
    while (*t && o + 2 < cap) {
        unsigned char c = (unsigned char)*t;
        if (c == 0xc3 && (unsigned char)t[1] == 0x9f) {
            out[o++] = 's'; /* "ß" as "ss": Swiss spelling and ASCII folds */
            out[o++] = 's';
            t += 2;
            continue;
        }
        if (c != 0xc2 && c != 0xe2) { /* the lead bytes of every sign */
            out[o++] = *t++;
            continue;
        }
        size_t k = 0, n = sizeof title_typo_signs / sizeof title_typo_signs[0];
        for (; k < n; k++) {
            size_t l = strlen(title_typo_signs[k].sign);
            if (!strncmp(t, title_typo_signs[k].sign, l)) {
                out[o++] = title_typo_signs[k].ascii[0];
                t += l;
                break;
            }
        }
        if (k == n)
            out[o++] = *t++;
    }
    out[o] = '\0';
}

/* Is b the typographic spelling of a (the same text once quotes, dashes
 * and spaces are folded to ASCII, with more typographic signs)? */
static int title_typographic_twin(const char *a, const char *b)
{
    char x[1024], y[1024];
    if (strlen(b) <= strlen(a))
        return 0;
    title_fold_typo(a, x, sizeof x);
    title_fold_typo(b, y, sizeof y);
    return !strcmp(x, y) && strlen(b) > strlen(a);
}

/* Is the title the site's name and then the heading h, or h and then
 * the site, with no separator ("Trails! Ischgl" on trails.de)? */
#define TITLE_LONG_WORD 12 /* bytes: a compound word that names a thing
                            * ("Mandarinen-Schmand-Kuchen"), not a label */

/* Is h a single long word that opens the title and makes half of it
 * ("Mandarinen-Schmand-Kuchen" in "Mandarinen-Schmand-Kuchen von X")?
 * Not in scripts from U+3000 on (CJK), where a run without spaces is a
 * whole phrase and the title's rest may be sections and the site. */
static int title_long_word_head(const char *t, const char *h)
{
    size_t tl = strlen(t), hl = strlen(h);
    if (hl < TITLE_LONG_WORD || hl >= tl || hl * 2 < tl || strncmp(t, h, hl) || t[hl] != ' ')
        return 0;
    for (const unsigned char *p = (const unsigned char *)h; *p; p++)
        if (*p >= 0xE3)
            return 0;
    return 1;
}

static int title_site_plus(const char *t, const char *h, const char *site, const char *host)
{
    size_t tl = strlen(t), hl = strlen(h);
    if (hl >= tl || !hl)
        return 0;
    char *rest = NULL;
    if (!strcmp(t + tl - hl, h) && t[tl - hl - 1] == ' ')
        rest = xstrndup(t, tl - hl);
    else if (!strncmp(t, h, hl) && t[hl] == ' ')
        rest = xstrndup(t + hl, tl - hl);
    int r = rest && title_words(rest) >= 1 && part_is_site(rest, site, host);
    free(rest);
    return r;
}

/* Is the whole title the page's host name ("Riverside Gazette" on
 * www.riverside-gazette.com, no og:site_name to say so)? Squashed, of
 * TITLE_HOST_NAME_MIN bytes at least, inside the squashed host. The
 * caller asks it only of a page with one h1 that is not the site's (a
 * home page's carousel of h1s names no article). */
static int title_names_host(const char *t, const char *host)
{
    if (!host || !*host)
        return 0;
    char q[256], h[256];
    meta_squash(t, q, sizeof q);
    meta_squash(host, h, sizeof h);
    return strlen(q) >= TITLE_HOST_NAME_MIN && strstr(h, q) != NULL;
}

/* Is a title a template slot ("Home", "Startseite")? */
static int title_is_generic(const char *t)
{
    char q[64];
    meta_squash(t, q, sizeof q);
    for (const char *const *g = title_generic; *g; g++)
        if (!strcmp(q, *g))
            return 1;
    return 0;
}

/* A JSON-LD headline that none of og:title, <title> and the h1 repeats
 * while two of them agree with each other names another story (a related
 * article's object, a template default): no title. Unknown (supported)
 * when fewer than two of the others exist. */
static int title_supported(const char *v, const char *og, const char *tt, const char *h1)
{
    const char *o[3] = {og, tt, h1};
    int n = 0, agree = 0;
    for (int i = 0; i < 3; i++) {
        if (!o[i])
            continue;
        n++;
        if (title_agrees(v, o[i]))
            return 1;
        for (int j = i + 1; j < 3; j++)
            if (o[j] && title_agrees(o[i], o[j]))
                agree = 1;
    }
    return n < 2 || !agree;
}

static void pick_title(lede_ctx *ctx, meta_scan *s, const json_t *art,
                       const char *site, const char *host)
{
    lede_article *a = ctx->art;
    const char *src = NULL;
    char *raw = NULL;
    /* Each h1's headline (kicker dropped, site tail dropped) and, when a
     * kicker was dropped, the whole h1 text as the page shows it. */
    char *h1s[4] = {0}, *h1full[4] = {0};
    size_t nh = s->h1.n < 4 ? s->h1.n : 4;
    for (size_t i = 0; i < nh; i++) {
        if (is_brand_h1(s->h1.v[i].node))
            continue;
        if ((h1s[i] = h1_headline(s->h1.v[i].node)))
            h1full[i] = meta_node_text(s->h1.v[i].node, 1024);
        else
            h1s[i] = meta_node_text(s->h1.v[i].node, 1024);
        if (h1s[i]) {
            drop_anchor_sign(h1s[i]);
            drop_site_tail(h1s[i], site, host);
        }
    }
    char *h2s[TITLE_MAX_H2] = {0};
    size_t n2 = s->h2.n < TITLE_MAX_H2 ? s->h2.n : TITLE_MAX_H2;
    for (size_t i = 0; i < n2; i++)
        h2s[i] = meta_node_text(s->h2.v[i].node, 1024);
    const char *h1_first = NULL;
    for (size_t i = 0; i < nh && !h1_first; i++)
        h1_first = h1s[i];
    /* A recipe or how-to object names the dish or the task ("Zitronenkuchen
     * vom Blech"), not the page's headline about it ("Saftiger
     * Zitronenkuchen vom Blech: einfach köstlich!"): the page's own
     * titles speak first. */
    static const char *const named_thing_types[] = {"recipe", "howto", NULL};
    if (art && jsonld_type_is(art, named_thing_types) &&
        (s->title_tag || meta_get(s, "og:title")))
        art = NULL;
    if (art) {
        /* headline, unless "name" is what the <title> says and the
         * headline is not (Wikipedia puts a description in headline). */
        const char *v = jsonld_str(art, "headline");
        const char *nm = jsonld_str(art, "name");
        if (v && nm && s->title_tag) {
            char tq[2048], vq[1024], nq[1024];
            meta_squash(s->title_tag, tq, sizeof tq);
            meta_squash(v, vq, sizeof vq);
            meta_squash(nm, nq, sizeof nq);
            if (nq[0] && strstr(tq, nq) && !(vq[0] && strstr(tq, vq)) &&
                !part_is_site(nm, site, host))
                v = nm;
        }
        if (!v)
            v = nm;
        char *vc = v ? meta_clean0(v) : NULL;
        char *ogc = meta_clean0(meta_get(s, "og:title"));
        if (vc && !title_supported(vc, ogc, s->title_tag, h1_first))
            v = NULL;
        free(vc);
        free(ogc);
        if (v && (raw = meta_clean0(v)))
            src = "json-ld";
    }
    if (!raw) {
        /* Dublin Core as an RDFa property ("dc:title") first: a page that
         * bothers with it means it (Readability.js reads it first too).
         * The older name="DC.title" form is often a CMS section default,
         * so it comes after OpenGraph. */
        static const char *const keys[] = {"dc:title", "dcterm:title",
                                           "og:title", "dc.title",
                                           "dcterms.title", "twitter:title",
                                           "parsely-title", "sailthru.title",
                                           NULL};
        const char *k = NULL;
        const char *v = meta_first(s, keys, &k);
        /* A meta title the <title> does not repeat, while the h1 does
         * ("Pressemitteilungen" as og:title of a press release): the
         * <title> speaks for the page. */
        char *vc = v ? meta_clean0(v) : NULL;
        if (vc && s->title_tag && h1_first && title_words(h1_first) >= 2 &&
            h1_most_of(h1_first, s->title_tag) && !title_agrees(vc, s->title_tag) &&
            !title_agrees(vc, h1_first))
            v = NULL;
        free(vc);
        if (v && (raw = meta_clean0(v)))
            src = meta_src(k);
        /* A meta title cut short by a stray quote in its attribute
         * (content="... de "incapacitado""): the <title> goes on from it
         * with more words, not with a separator and a site. */
        if (raw && s->title_tag && title_continues(raw, s->title_tag)) {
            free(raw);
            raw = strdup(s->title_tag);
            src = "title-tag";
        }
    }
    if (!raw) {
        for (size_t i = 0; i < s->itemprops.n && !raw; i++) {
            const char *ip = dom_attr(s->itemprops.v[i].node, "itemprop");
            if (ip && !strcmp(ip, "headline")) {
                raw = meta_node_text(s->itemprops.v[i].node, 1024);
                src = "microdata";
                /* A theme that marks the site name as headline: it is
                 * the end part of the <title>, whose rest the h1 is. */
                if (raw && s->title_tag && h1_first && title_edge_part(raw, s->title_tag) &&
                    h1_most_of(h1_first, s->title_tag)) {
                    free(raw);
                    raw = NULL;
                }
            }
        }
    }
    if (!raw && s->title_tag) {
        raw = strdup(s->title_tag);
        src = "title-tag";
    }
    if (!raw && nh && h1s[0]) {
        raw = strdup(h1s[0]);
        src = "h1";
    }
    /* An h1 that is only a link to the home page (blog themes) names the
     * site; it trims the title only when no site name is known (a site
     * name read from a part of this very title is no reason to cut it). */
    char *site_h1 = NULL;
    if (nh && h1s[0]) {
        xmlNode *h = s->h1.v[0].node, *c = h->children;
        while (c && c->type != XML_ELEMENT_NODE)
            c = c->next;
        const char *href = c && !strcmp(dom_name(c), "a") ? dom_attr(c, "href") : NULL;
        if (href) {
            const char *path = strstr(href, "://");
            path = path ? strchr(path + 3, '/') : href;
            if (!path || !strcmp(path, "/") || !*path)
                site_h1 = meta_node_text(h, 1024); /* whole, site tail kept */
        }
    }
    if (raw) {
        ctx->title_hint = strdup(raw);
        /* A title that is the whole site name is not cut to a part of it
         * ("Yahoo News - Latest News & Headlines" on that site; a blog's
         * "Gaby's - Colours of the Soul" in its home-link h1). */
        if ((site && same_text(raw, site)) || (site_h1 && same_text(raw, site_h1)))
            a->title = title_strip_edges(raw);
        else
            a->title = title_trim(raw, site ? site : site_h1, host, h1s, nh, h2s, n2);
        free(raw);
        if (a->title && !*a->title) {
            free(a->title);
            a->title = NULL;
        }
        if (a->title)
            a->sources.title = src;
    }
    /* The article's own headline: an h1 whose text sits inside the title
     * ("Section: Headline", "Headline - Site") is the title without the
     * decorations around it. */
    if (a->title) {
        char tq[2048], hq[2048];
        meta_squash(a->title, tq, sizeof tq);
        for (size_t i = 0; i < nh; i++) {
            /* The blog's name as an h1 is no headline, even inside the
             * title ("Post @ Blog"). */
            if (!h1s[i] || strlen(h1s[i]) > 400 || (i == 0 && site_h1) ||
                (site && same_text(h1s[i], site)))
                continue;
            int hit = 0;
            for (int k = 0; k < 2 && !hit; k++) {
                const char *h = k ? h1full[i] : h1s[i];
                if (!h || (title_words(h) < 2 && !title_site_plus(a->title, h, site, host) &&
                           !title_long_word_head(a->title, h)))
                    continue;
                meta_squash(h, hq, sizeof hq);
                size_t hl = strlen(hq), tl = strlen(tq);
                int inside = hl && hl <= tl && strstr(tq, hq) && hl * 100 >= tl * 30;
                /* Or the title is the h1 cut short (og:title length limits). */
                int cut = hl > tl && tl * 100 >= hl * 60 && !strncmp(hq, tq, tl);
                hit = inside || cut;
            }
            /* The first h1 that fits wins; one that is the title already
             * ends the search too (a later, shorter h1 is a recipe card's
             * or a teaser's heading). */
            if (hit) {
                if (strcmp(a->title, h1s[i])) {
                    free(a->title);
                    a->title = strdup(h1s[i]);
                    a->sources.title = "h1";
                }
                break;
            }
        }
    }
    /* The page's own spelling of the title: an h2 that says the same
     * as the title, only with other quotes, dashes or spaces (a blog's
     * post heading "Januar – Mai" for the meta title's "Januar - Mai"). */
    if (a->title && a->sources.title && strcmp(a->sources.title, "h1")) {
        /* Every collected h2, not only the first few: a shop or portal
         * puts its post heading after a column of teaser headings. */
        for (size_t i = 0; i < s->h2.n; i++) {
            char *h = i < n2 ? h2s[i] : meta_node_text(s->h2.v[i].node, 1024);
            int twin = h && strcmp(a->title, h) && title_words(h) >= 2 &&
                       title_typographic_twin(a->title, h);
            if (twin) {
                free(a->title);
                a->title = strdup(h);
                a->sources.title = "h2";
            }
            if (i >= n2)
                free(h);
            if (twin)
                break;
        }
    }
    /* A title that only names the site (home and section templates put
     * the site name in og:title) or a template slot ("Home") is no
     * headline: the first h1 that is not the site name is, else the title
     * before trimming ("Yahoo News - Latest News & Headlines"). */
    /* The h1s that do not repeat the title: with a title naming the
     * host, one such h1 is the article's headline (others name the site:
     * "Medef Contactez-nous"); several are a home page's carousel. */
    size_t h1_other = 0;
    if (a->title && s->h1.n <= nh) {
        char tq[256], hq[1024];
        meta_squash(a->title, tq, sizeof tq);
        for (size_t i = 0; i < nh; i++) {
            if (!h1s[i])
                continue;
            meta_squash(h1s[i], hq, sizeof hq);
            h1_other += !tq[0] || !strstr(hq, tq);
        }
    }
    if (a->title && ((site && same_text(a->title, site)) || title_is_generic(a->title) ||
                     (h1_other == 1 && title_names_host(a->title, host)))) {
        const char *better = NULL, *bsrc = NULL;
        for (size_t i = 0; i < nh && !better; i++)
            if (h1s[i] && title_words(h1s[i]) >= 1 && !(site && same_text(h1s[i], site)) &&
                !title_is_generic(h1s[i]) && !(i == 0 && site_h1)) {
                better = h1s[i];
                bsrc = "h1";
            }
        if (!better && ctx->title_hint && site && !same_text(ctx->title_hint, site)) {
            better = ctx->title_hint;
            bsrc = a->sources.title;
        }
        char *c = better ? meta_clean0(better) : NULL;
        if (c) {
            free(a->title);
            a->title = c;
            a->sources.title = bsrc;
        }
    }
    for (size_t i = 0; i < nh; i++) {
        free(h1s[i]);
        free(h1full[i]);
    }
    for (size_t i = 0; i < n2; i++)
        free(h2s[i]);
    free(site_h1);
}

/* ---- description, site name, image, tags, canonical -------------------- */

/* Does a text end in "..." or "…" (an automatic excerpt cut short)? */
static int ends_cut(const char *v)
{
    size_t l = strlen(v);
    while (l && isspace((unsigned char)v[l - 1]))
        l--;
    return (l >= 3 && !memcmp(v + l - 3, "...", 3)) ||
           (l >= 3 && !memcmp(v + l - 3, "\xe2\x80\xa6", 3));
}

/* Does a text end like a sentence ('.', '!', '?', a closing quote or
 * bracket after one)? */
static int ends_sentence(const char *v)
{
    const unsigned char *u = (const unsigned char *)v;
    size_t l = strlen(v);
    for (;;) {
        if (l && strchr(" \t\n\"')", v[l - 1])) {
            l--;
        } else if (l >= 3 && u[l - 3] == 0xE2 && u[l - 2] == 0x80 &&
                   (u[l - 1] == 0x9C || u[l - 1] == 0x9D || u[l - 1] == 0x99)) {
            l -= 3; /* closing typographic quotes U+201C, U+201D, U+2019 */
        } else if (l >= 2 && u[l - 2] == 0xC2 && u[l - 1] == 0xBB) {
            l -= 2; /* U+00BB */
        } else {
            break;
        }
    }
    return l && (v[l - 1] == '.' || v[l - 1] == '!' || v[l - 1] == '?');
}

/* Length of v without its ellipsis and the spaces before it. */
static size_t cut_stem_len(const char *v)
{
    size_t l = strlen(v);
    while (l && isspace((unsigned char)v[l - 1]))
        l--;
    if (l >= 3 && !memcmp(v + l - 3, "\xe2\x80\xa6", 3))
        l -= 3;
    else
        while (l && v[l - 1] == '.')
            l--;
    while (l && isspace((unsigned char)v[l - 1]))
        l--;
    return l;
}

/* Does `full` (cleaned) start with the first `stem` bytes of `cut`, as
 * compared text (punctuation and case aside), and say more? */
static int completes(const char *cut, size_t stem, const char *full)
{
    char a[2048], b[4096];
    char *st = xstrndup(cut, stem);
    if (!st)
        return 0;
    meta_squash(st, a, sizeof a);
    free(st);
    meta_squash(full, b, sizeof b);
    size_t al = strlen(a);
    return al >= META_EXCERPT_MIN / 2 && strlen(b) > al && !strncmp(a, b, al);
}

/* A description cut short ("... ist ein Visual Novel. Das hei..."): the
 * same text whole from another description meta or the JSON-LD article,
 * when one has it. Returns a cleaned copy or NULL. O(metas). */
static char *description_whole(const meta_scan *s, const json_t *art, const char *cut,
                               const char **src)
{
    size_t stem = cut_stem_len(cut);
    char *best = NULL;
    for (size_t i = 0; i <= s->n_metas; i++) {
        const char *v = NULL, *vsrc = "json-ld";
        if (i < s->n_metas) {
            if (strstr(s->metas[i].key, "description")) {
                v = s->metas[i].val;
                vsrc = meta_src(s->metas[i].key);
            }
        } else if (art) {
            v = jsonld_str(art, "description");
        }
        char *c = v ? meta_clean0(v) : NULL;
        if (c && !ends_cut(c) && completes(cut, stem, c) &&
            (!best || strlen(c) > strlen(best))) {
            free(best);
            best = c;
            *src = vsrc;
        } else {
            free(c);
        }
    }
    return best;
}

/* Does the UTF-8 character at p belong in a word of a script that
 * spaces its words: an ASCII letter or digit, or a character from U+00C0
 * to U+2FFF outside general punctuation (U+2000 to U+206F: dashes,
 * quotes, ellipsis)? Chinese and Japanese (U+3000 on) write no spaces,
 * so a cut between two of their characters tells nothing. */
static int description_wordy(const unsigned char *p)
{
    if (p[0] < 0x80)
        return isalnum(p[0]);
    if (p[0] == 0xC2 || p[0] >= 0xE3)
        return 0;
    if (p[0] == 0xE2 && (p[1] == 0x80 || p[1] == 0x81))
        return 0;
    return p[0] >= 0xC3;
}

/* Is `cut` the start of `whole` ending inside one of its words (a letter
 * or digit on both sides of the cut, byte for byte the same before)? */
static int description_cut_mid_word(const char *cut, const char *whole)
{
    size_t l = strlen(cut);
    while (l && isspace((unsigned char)cut[l - 1]))
        l--;
    if (!l || strlen(whole) <= l || strncmp(cut, whole, l))
        return 0;
    size_t b = l - 1;
    while (b && ((unsigned char)cut[b] & 0xC0) == 0x80)
        b--; /* lead byte of the last character */
    return description_wordy((const unsigned char *)cut + b) &&
           description_wordy((const unsigned char *)whole + l);
}

#define DESC_SAME_START 40 /* squashed bytes two summaries share at the start
                            * when they are one text, cut or not */

/* Do two summaries open with the same text (compared squashed)? */
static int description_same_start(const char *a, const char *b)
{
    char x[256], y[256];
    meta_squash(a, x, sizeof x);
    meta_squash(b, y, sizeof y);
    size_t n = strlen(x) < strlen(y) ? strlen(x) : strlen(y);
    if (n > DESC_SAME_START)
        n = DESC_SAME_START;
    return n && !strncmp(x, y, n);
}

/* Does a raw meta value hold HTML tags ("<p>", "</a>", "<br/>")? */
static int description_has_markup(const char *v)
{
    for (const char *p = v ? strchr(v, '<') : NULL; p; p = strchr(p + 1, '<')) {
        const char *q = p[1] == '/' ? p + 2 : p + 1;
        if (isalpha((unsigned char)*q)) {
            const char *gt = strchr(q, '>');
            if (gt && gt - p < 200)
                return 1;
        }
    }
    return 0;
}

/* A summary wrapped whole in one pair of quotes (a template's
 * content='"..."', a quoted standfirst): the quotes go, in place, when
 * neither mark occurs inside. */
static void unquote_whole(char *t)
{
    static const char *const pairs[][2] = {
        {"\"", "\""}, {"\xe2\x80\x9c", "\xe2\x80\x9d"}, {"\xe2\x80\x9e", "\xe2\x80\x9c"},
        {"\xc2\xab", "\xc2\xbb"}, {"\xc2\xbb", "\xc2\xab"}};
    size_t l = strlen(t);
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        size_t ol = strlen(pairs[k][0]), cl = strlen(pairs[k][1]);
        if (l < ol + cl + META_EXCERPT_MIN / 2 || strncmp(t, pairs[k][0], ol) ||
            strcmp(t + l - cl, pairs[k][1]))
            continue;
        char *in = xstrndup(t + ol, l - ol - cl);
        int clean = in && !strstr(in, pairs[k][0]) && !strstr(in, pairs[k][1]);
        if (clean) {
            char *c = meta_clean0(in);
            if (c && strlen(c) < l) {
                memcpy(t, c, strlen(c) + 1);
            }
            free(c);
        }
        free(in);
        return;
    }
}

/* A template that prints the summary twice ("X X"): keep one, in place. */
static void undouble(char *t)
{
    size_t l = strlen(t);
    if (l < META_EXCERPT_MIN || l % 2 == 0) /* halves of 20+ bytes around a space */
        return;
    size_t h = l / 2;
    if (t[h] == ' ' && !memcmp(t, t + h + 1, h))
        t[h] = '\0';
}

#define DESC_LABEL_WORDS 6 /* a credit or a site label is this short; a
                            * summary says more */
#define DESC_LABEL_BYTES 80 /* the same for scripts without spaces */

/* Is a description meta no summary: a template text, a byline alone, or
 * a short label naming the site ("Raptastisch", "++ lokalo.de Blaulicht
 * ++", "nachtkritik.de - das unabhängige Theaterportal")? Such a value
 * yields to the next source. */
static int description_is_label(const char *v, const char *site, const char *host)
{
    char q[256];
    meta_squash(v, q, sizeof q);
    for (const char *const *b = meta_desc_boilerplate; *b; b++)
        if (!strcmp(q, *b))
            return 1;
    if (title_words(v) > DESC_LABEL_WORDS || strlen(v) > DESC_LABEL_BYTES ||
        ends_sentence(v))
        return 0;
    for (const char *const *b = meta_desc_byline_prefixes; *b; b++) {
        size_t l = strlen(*b);
        if (!strncasecmp(v, *b, l) && v[l] == ' ')
            return 1;
    }
    if (site && same_text(v, site))
        return 1;
    /* The site's domain written in a short label: its name and slogan
     * ("Creative Commons Team Switzerland" names no domain and stays). */
    if (host && *host) {
        const char *h = !strncmp(host, "www.", 4) ? host + 4 : host;
        if (strlen(h) >= 5 && meta_strcasestr(v, h))
            return 1;
    }
    return 0;
}

/* Words closing the time of a date stamp ("11.41 Uhr", "08:45 AM") when
 * the date parser left them; lower-case. */
static const char *const description_time_words[] = {"uhr", "am", "pm", "h", NULL};

/* Signs between a date stamp and the summary it opens. */
static const char *const description_stamp_seps[] = {
    ":", ".", "-", "|", "\xe2\x80\x93", "\xe2\x80\x94", "\xc2\xb7", NULL};

#define DESC_STAMP_SCAN 64 /* bytes searched for an opening date stamp */

/* Length of a date stamp opening a text and the sign after it
 * ("06.11.2023, 11.41 Uhr : ", "31. Oktober 2023. "), 0 when the text
 * opens otherwise. */
static size_t description_stamp_len(const char *t, long long now)
{
    size_t n = strlen(t), pos = 0, ml = 0;
    date_val dv;
    if (!date_find_text(t, n < DESC_STAMP_SCAN ? n : DESC_STAMP_SCAN, now, &dv, &pos, &ml) ||
        pos != 0 || !ml)
        return 0;
    const char *p = t + ml;
    while (*p == ' ')
        p++;
    /* A time the parser left: ", 11.41" */
    const char *q = p;
    if (*q == ',')
        q++;
    while (*q == ' ')
        q++;
    if (isdigit((unsigned char)q[0]) && (q[1] == '.' || q[1] == ':' ||
                                        (isdigit((unsigned char)q[1]) &&
                                         (q[2] == '.' || q[2] == ':')))) {
        q += q[1] == '.' || q[1] == ':' ? 2 : 3;
        if (isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]) &&
            !isdigit((unsigned char)q[2])) {
            p = q + 2;
            while (*p == ' ')
                p++;
        }
    }
    for (const char *const *w = description_time_words; *w; w++) {
        size_t l = strlen(*w);
        if (!strncasecmp(p, *w, l) && !isalnum((unsigned char)p[l])) {
            p += l;
            break;
        }
    }
    while (*p == ' ')
        p++;
    for (const char *const *sp = description_stamp_seps; *sp; sp++) {
        size_t l = strlen(*sp);
        if (!strncmp(p, *sp, l) && p[l] == ' ') {
            p += l;
            while (*p == ' ')
                p++;
            return (size_t)(p - t);
        }
    }
    return 0;
}

#define DESC_META_LINE_MAX 160 /* bytes: a meta line is short */

/* Is a paragraph a meta line, not prose: a byline or site label, a date
 * stamp followed by no sentence ("January 13, 2020 at 08:45 AM |
 * categories: Python"), or a categories/tags line? */
static int description_is_meta_line(const char *t, const char *site, const char *host,
                                    long long now)
{
    if (description_is_label(t, site, host))
        return 1;
    /* A copyright notice ("Copyright © 2007 Free Software Foundation,
     * Inc.") and a paragraph of fewer than DESC_MIN_LETTERS letters (a
     * numeral heading "I.") summarise nothing, sentence or not. */
    if (!strncasecmp(t, "copyright", 9) || !strncmp(t, "©", strlen("©")) ||
        !strncasecmp(t, "(c) ", 4))
        return 1;
    {
        size_t letters = 0;
        for (const char *p = t; *p && letters < DESC_MIN_LETTERS; p++)
            letters += isalpha((unsigned char)*p) || (unsigned char)*p >= 0xC0;
        if (letters < DESC_MIN_LETTERS)
            return 1;
    }
    if (strlen(t) > DESC_META_LINE_MAX || ends_sentence(t))
        return 0;
    /* Parts joined by two or more bars: a post's meta or tool line ("von
     * X | 20. Mai 2007 | Ergebnisse | 0 Kommentare", "Artikel versenden |
     * Tippfehler melden"). */
    {
        const char *b = strstr(t, " | ");
        if (b && strstr(b + 3, " | "))
            return 1;
    }
    /* A few words that make no sentence: a tagline or a caption ("From
     * Wikipedia, the free encyclopedia"), not the story's first lines. A
     * lone word is rather a sentence cut by inline markup ("When" before
     * a formula) and stays. */
    size_t w = title_words(t);
    if (w >= 2 && w <= DESC_LABEL_WORDS)
        return 1;
    if (description_stamp_len(t, now))
        return 1;
    for (const char *const *l = meta_desc_meta_labels; *l; l++) {
        size_t n = strlen(*l);
        if (!strncasecmp(t, *l, n) && (t[n] == ':' || t[n] == ' '))
            return 1;
    }
    return 0;
}

/* A summary opened by its date stamp ("06.11.2023, 11.41 Uhr : In Nord
 * wurde..."): the stamp goes, in place, when a summary remains. */
static void description_drop_stamp(char *t, long long now)
{
    size_t k = t ? description_stamp_len(t, now) : 0;
    if (k && strlen(t + k) >= META_EXCERPT_MIN)
        memmove(t, t + k, strlen(t + k) + 1);
}

static void pick_description_source(lede_ctx *ctx, meta_scan *s, const json_t *art)
{
    lede_article *a = ctx->art;
    static const char *const keys[] = {"dc:description", "dc.description",
                                       "dcterms.description", "og:description",
                                       "description", "twitter:description",
                                       NULL};
    /* The article object's own summary first (as for the title), when it
     * is a sentence and the object an article: a recipe's description
     * is its ingredient blurb, not the page summary. */
    static const char *const not_summary_types[] = {"recipe", "howto", "product",
                                                    NULL};
    const char *v;
    char *ld_cut = NULL; /* the article's summary, cut with an ellipsis */
    if (art && !jsonld_type_is(art, not_summary_types) &&
        (v = jsonld_str(art, "description")) && strlen(v) >= META_EXCERPT_MIN) {
        char *c = meta_clean0(v);
        if (c && !ends_cut(c)) {
            a->description = c;
            a->sources.description = "json-ld";
            /* Cut mid-word without an ellipsis ("...verbaut werden sol"):
             * a description meta that goes on from it to a sentence end
             * is whole. */
            const char *wsrc = NULL;
            char *whole = ends_sentence(c) ? NULL : description_whole(s, NULL, c, &wsrc);
            if (whole && !ends_sentence(whole)) {
                free(whole);
                whole = NULL;
            }
            if (whole) {
                a->sources.description = wsrc;
                free(a->description);
                a->description = whole;
            }
            return;
        }
        ld_cut = c;
    }
    char host[256];
    url_host(ctx->url, host, sizeof host);
    const char *k = NULL;
    const char *const *kk = keys;
    for (; *kk && !a->description; kk++) {
        v = meta_get(s, *kk);
        if (!v || !meta_has_letter(v) || !(a->description = meta_clean0(v)))
            continue;
        k = *kk;
        if (description_is_label(a->description, a->site_name, host)) {
            free(a->description);
            a->description = NULL;
        }
    }
    /* A meta holding markup ("<p>Vom Industrieunternehmen...</p><p>..."):
     * a template copied the body's HTML into it. A later description
     * meta without markup that opens with the same text is the summary
     * written for the page. */
    if (a->description && description_has_markup(meta_get(s, k))) {
        for (; *kk; kk++) {
            const char *w = meta_get(s, *kk);
            char *c = w && !description_has_markup(w) ? meta_clean0(w) : NULL;
            if (c && description_same_start(c, a->description) &&
                !description_is_label(c, a->site_name, host)) {
                free(a->description);
                a->description = c;
                k = *kk;
                break;
            }
            free(c);
        }
    }
    if (a->description) {
        a->sources.description = meta_src(k);
        undouble(a->description);
        unquote_whole(a->description);
        const char *wsrc = NULL;
        char *whole = ends_cut(a->description) || !ends_sentence(a->description)
                          ? description_whole(s, art, a->description, &wsrc)
                          : NULL;
        /* Cut without an ellipsis: only a word cut in two ("...freute
         * sich Thomas H. zwa" where the other text says "zwar") shows a
         * cut; a summary ending on a whole word may be the shorter one
         * on purpose. The whole text must reach a sentence end. */
        if (whole && !ends_cut(a->description) &&
            (!ends_sentence(whole) || !description_cut_mid_word(a->description, whole))) {
            free(whole);
            whole = NULL;
        }
        if (whole) {
            a->sources.description = wsrc;
            free(a->description);
            a->description = whole;
        }
        /* The article's own summary cut short, while the meta is a line
         * that says something else and makes no sentence (a subtitle as
         * og:description: "How to get shanked doing what people say they
         * want"): the summary stays, cut. A meta that says the same,
         * whole or cut, speaks, and so does a meta in sentences. */
        if (ld_cut && !description_same_start(ld_cut, a->description) &&
            !ends_sentence(a->description)) {
            free(a->description);
            a->description = ld_cut;
            a->sources.description = "json-ld";
            ld_cut = NULL;
        }
        free(ld_cut);
        return;
    }
    free(ld_cut);
    if (art && (v = jsonld_str(art, "description")) &&
        (a->description = meta_clean0(v))) {
        a->sources.description = "json-ld";
        return;
    }
    /* First paragraph of some length after the first h1 (or anywhere). */
    for (int pass = 0; pass < 2 && !a->description; pass++) {
        for (size_t i = 0; i < s->paragraphs.n; i++) {
            if (pass == 0 && s->has_h1 && s->paragraphs.v[i].text_pos < s->text_h1_pos)
                continue;
            char *t = meta_node_text(s->paragraphs.v[i].node, 2048);
            if (t && strlen(t) >= META_EXCERPT_MIN &&
                !description_is_meta_line(t, a->site_name, host, ctx->now)) {
                a->description = t;
                a->sources.description = "text";
                break;
            }
            free(t);
        }
    }
}

static void pick_description(lede_ctx *ctx, meta_scan *s, const json_t *art)
{
    pick_description_source(ctx, s, art);
    description_drop_stamp(ctx->art->description, ctx->now);
}

/* A site name that holds the page's title ("Cup-Vorschau: ... - Handball
 * Schweiz" as application-name, "Achtsam durch die Krise | Die FURCHE"
 * as og:site_name, or the title alone): a template filled the slot with
 * the page's <title>. The title and its separator go, in place; when
 * nothing is left the site name is dropped. Short titles are left alone:
 * "Golem" may well be part of "Golem.de". */
static void site_name_drop_title(lede_article *a)
{
    if (!a->site_name || !a->title || strlen(a->title) < SITE_TITLE_MIN)
        return;
    char *sn = a->site_name;
    size_t sl = strlen(sn), tl = strlen(a->title);
    const char *rest = NULL;
    size_t rl = 0;
    if (sl == tl && !strcmp(sn, a->title)) {
        rest = "";
    } else if (sl > tl && !strncmp(sn, a->title, tl)) {
        for (const char *const *sp = title_seps; *sp && !rest; sp++)
            if (!strncmp(sn + tl, *sp, strlen(*sp))) {
                rest = sn + tl + strlen(*sp);
                rl = strlen(rest);
            }
    } else if (sl > tl && !strcmp(sn + sl - tl, a->title)) {
        for (const char *const *sp = title_seps; *sp && !rest; sp++) {
            size_t pl = strlen(*sp);
            if (sl - tl >= pl && !strncmp(sn + sl - tl - pl, *sp, pl)) {
                rest = sn;
                rl = sl - tl - pl;
            }
        }
    }
    if (!rest)
        return;
    if (!rl || !meta_has_letter(rest)) {
        free(a->site_name);
        a->site_name = NULL;
        a->sources.site_name = NULL;
        return;
    }
    memmove(sn, rest, rl);
    sn[rl] = '\0';
}

/* ---- after the content stage ------------------------------------------------ */

/* Raw text of an element: its text nodes joined as they are (what a
 * browser's textContent gives), then cleaned. */
static char *text_content(const xmlNode *n, size_t max)
{
    sbuf b;
    sbuf_init(&b);
    for (const xmlNode *cur = n; cur && b.len < max;
         cur = dom_next((xmlNode *)cur, n, 0))
        if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) &&
            cur->content)
            sbuf_puts(&b, (const char *)cur->content);
    char *r = b.s ? meta_clean(b.s, b.len) : NULL;
    sbuf_free(&b);
    return r;
}

#define META_TWIN_PARAS 8 /* first content paragraphs that may spell out
                           * the description (a lead, an abstract) */

/* The first of the content's first paragraphs that `fits` the description
 * (fits(description, paragraph text)) replaces it. Returns 1 when one did. */
static int description_from_paragraph(lede_ctx *ctx, int (*fits)(const char *, const char *))
{
    lede_article *a = ctx->art;
    size_t seen = 0, paras = 0;
    for (xmlNode *n = ctx->content; n && seen < META_FINISH_MAX_NODES && paras < META_TWIN_PARAS;
         n = dom_next(n, ctx->content, 0), seen++) {
        if (n->type != XML_ELEMENT_NODE || strcmp(dom_name(n), "p"))
            continue;
        paras++;
        char *t = text_content(n, META_FINISH_PARA_MAX);
        if (t && fits(a->description, t)) {
            free(a->description);
            a->description = t;
            a->sources.description = "content";
            return 1;
        }
        free(t);
    }
    return 0;
}

/* The description as the page prints it: a paragraph among the content's
 * first ones that is its typographic spelling ("Klimakrise – um" for the
 * meta's "Klimakrise - um", a lead or abstract) replaces it. */
static void description_page_spelling(lede_ctx *ctx)
{
    description_from_paragraph(ctx, title_typographic_twin);
}

#define DESC_LEAD_COVER_PCT 90   /* share of the meta's words a standfirst repeats */
#define DESC_LEAD_MAX_WORDS 160  /* words compared; a standfirst is shorter */
#define DESC_LEAD_MIN_WORDS 5    /* a meta this short is a label, not a summary */

/* Is a paragraph set wholly in bold: every child that holds text a
 * <strong> or <b> ("<p><strong>Lead ... <a>link</a> ...</strong></p>")? */
static int para_all_bold(const xmlNode *p)
{
    int bold = 0;
    for (const xmlNode *c = p->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE) {
            if (!blank_text(c))
                return 0;
        } else if (c->type == XML_ELEMENT_NODE) {
            const char *nm = dom_name(c);
            if (strcmp(nm, "strong") && strcmp(nm, "b"))
                return 0;
            bold = 1;
        }
    }
    return bold;
}

/* Does `lead` reword `meta`: repeat most of its words, say more, and
 * not hold it whole? Quadratic in words, bounded by DESC_LEAD_MAX_WORDS. */
static int description_lead_covers(const char *lead, const char *meta)
{
    /* Heap buffers: the words of two paragraphs, and extraction runs on
     * several threads at once. */
    enum { WB = 8192, SB = 16384 };
    char *bl = malloc(WB), *bm = malloc(WB), *sl = malloc(SB), *sm = malloc(SB);
    const char *wl[DESC_LEAD_MAX_WORDS], *wm[DESC_LEAD_MAX_WORDS];
    int ok = 0;
    if (!bl || !bm || !sl || !sm)
        goto out;
    size_t nl = title_word_list(lead, bl, WB, wl, DESC_LEAD_MAX_WORDS);
    size_t nm = title_word_list(meta, bm, WB, wm, DESC_LEAD_MAX_WORDS);
    if (nm < DESC_LEAD_MIN_WORDS || nl <= nm || nl >= DESC_LEAD_MAX_WORDS)
        goto out;
    /* The meta copied out of the lead (its first sentences, a part) is
     * an excerpt chosen on purpose and stays; only a rewording yields. */
    meta_squash(lead, sl, SB);
    meta_squash(meta, sm, SB);
    if (strstr(sl, sm))
        goto out;
    size_t shared = 0;
    for (size_t i = 0; i < nm; i++)
        for (size_t j = 0; j < nl; j++)
            if (!strcmp(wm[i], wl[j])) {
                shared++;
                break;
            }
    ok = shared * 100 >= nm * DESC_LEAD_COVER_PCT;
out:
    free(bl);
    free(bm);
    free(sl);
    free(sm);
    return ok;
}

/* The article's standfirst: the content's first paragraph of some
 * length, set wholly in bold, that repeats most of the meta description's
 * words and says more, is the summary the meta shortened or reworded
 * ("Halloween lockt ... Die Polizei warnt aktuell vor einem Horrorclown,
 * der ..." for the meta's "Die Polizei warnt aktuell vor einem
 * Horrorclown in Oberösterreich, der ..."). A meta cut with an ellipsis
 * stays (Readability and annotators keep those). Returns 1 when taken. */
static int description_bold_lead(lede_ctx *ctx)
{
    lede_article *a = ctx->art;
    if (ends_cut(a->description))
        return 0;
    size_t seen = 0;
    for (xmlNode *n = ctx->content; n && seen < META_FINISH_MAX_NODES;
         n = dom_next(n, ctx->content, 0), seen++) {
        if (n->type != XML_ELEMENT_NODE || strcmp(dom_name(n), "p"))
            continue;
        char *t = text_content(n, META_FINISH_PARA_MAX);
        if (!t || strlen(t) < META_EXCERPT_MIN) {
            free(t);
            continue;
        }
        /* The first paragraph of some length decides. */
        int take = para_all_bold(n) && description_lead_covers(t, a->description);
        if (take) {
            free(a->description);
            a->description = t;
            a->sources.description = "content";
        } else {
            free(t);
        }
        return take;
    }
    return 0;
}

/* A description cut inside a word without an ellipsis ("...die einst
 * florierende d"): one of the content's first paragraphs that goes on
 * from it byte for byte is the text it was cut from, and replaces it.
 * A cut after a whole word, or one marked with an ellipsis, stays
 * (Readability and annotators keep those). Returns 1 when taken. */
static int description_uncut_from_content(lede_ctx *ctx)
{
    lede_article *a = ctx->art;
    if (ends_cut(a->description) || ends_sentence(a->description))
        return 0;
    return description_from_paragraph(ctx, description_cut_mid_word);
}

void metadata_finish(lede_ctx *ctx)
{
    if (!ctx || !ctx->art || !ctx->content)
        return;
    lede_article *a = ctx->art;
    /* Without a description in the markup, the article's own first
     * paragraph is a better summary than the page's first one (which may be
     * a teaser, a cookie notice or a caption). */
    if (a->description && a->sources.description &&
        strcmp(a->sources.description, "text")) {
        if (!description_uncut_from_content(ctx) && !description_bold_lead(ctx))
            description_page_spelling(ctx);
        return;
    }
    char host[256];
    url_host(ctx->url, host, sizeof host);
    size_t seen = 0;
    for (xmlNode *n = ctx->content; n && seen < META_FINISH_MAX_NODES;
         n = dom_next(n, ctx->content, 0), seen++) {
        if (n->type != XML_ELEMENT_NODE || strcmp(dom_name(n), "p"))
            continue;
        char *t = text_content(n, META_FINISH_PARA_MAX);
        if (!t)
            continue;
        /* A paragraph of scores or minutes ("95'88'81'") says nothing,
         * nor does a post's meta line. */
        if (!meta_has_letter(t) || description_is_meta_line(t, a->site_name, host, ctx->now)) {
            free(t);
            continue;
        }
        free(a->description);
        description_drop_stamp(t, ctx->now);
        a->description = t;
        a->sources.description = "content";
        return;
    }
}

/* ---- entry points ---------------------------------------------------------- */

void metadata_release(lede_ctx *ctx)
{
    if (ctx && ctx->meta_scan) {
        meta_scan_free(ctx->meta_scan);
        ctx->meta_scan = NULL;
    }
}

void metadata_extract(lede_ctx *ctx)
{
    if (!ctx || !ctx->art)
        return;
    if (!ctx->meta_scan)
        ctx->meta_scan = meta_scan_run(ctx);
    meta_scan *s = ctx->meta_scan;
    if (!s)
        return;
    const json_t *art = article_object(s);
    char host[256];
    url_host(ctx->url, host, sizeof host);

    meta_pick_site_name(ctx, s, art);
    pick_title(ctx, s, art, ctx->art->site_name, host);
    site_name_drop_title(ctx->art);
    meta_pick_author(ctx, s, art, ctx->art->site_name, host);
    pick_description(ctx, s, art);
    meta_pick_language(ctx, s, art);
    meta_pick_image(ctx, s, art);
    meta_pick_tags(ctx, s, art);
    meta_pick_canonical(ctx, s);

    if (art && !ctx->jsonld_body) {
        const char *body = jsonld_str(art, "articleBody");
        if (body && strlen(body) > 0)
            ctx->jsonld_body = strdup(body);
    }
}
