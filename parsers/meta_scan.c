/* meta_scan.c - the metadata stage's single walk over the intact DOM.
 *
 * One pre-order walk collects everything metadata.c and dates.c look at:
 * meta and link tags, JSON-LD scripts (parsed by jsonld.c), <time>, <abbr>,
 * itemprop elements, byline- and date-looking elements (class/id keywords
 * from rules_meta.c), h1/h2, the first paragraphs and a bounded slice of the
 * visible text. Each list is capped, so the cost is O(nodes) for the walk
 * plus a bounded amount of text work afterwards, whatever the page.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "appjson.h"
#include "meta_internal.h"

#define META_TEXT_MAX (META_TEXT_KB * 1024)
#define META_MAX_PARAS 12 /* paragraphs kept for the excerpt fallback */
/* `pending` state of the text walk: a block element opened, so the next
 * words start a new line ('\n' in s->text; a plain space is 1). */
#define META_PENDING_BLOCK 2

const char *meta_strcasestr(const char *h, const char *needle)
{
    if (!h || !needle)
        return NULL;
    size_t n = strlen(needle);
    if (!n)
        return h;
    /* The candidates are the needle's first byte in either case, found by
     * strchr (libc's vector scan) - one cursor per case, each moved only
     * past the candidate it gave - then strncasecmp on the rest. */
    int lo = tolower((unsigned char)needle[0]);
    int up = toupper((unsigned char)needle[0]);
    const char *a = strchr(h, lo), *b = up != lo ? strchr(h, up) : NULL;
    while (a || b) {
        const char *c = (!b || (a && a < b)) ? a : b;
        if (strncasecmp(c + 1, needle + 1, n - 1) == 0)
            return c;
        if (c == a)
            a = strchr(a + 1, lo);
        else
            b = strchr(b + 1, up);
    }
    return NULL;
}

const char *meta_get(const meta_scan *s, const char *key)
{
    for (size_t i = 0; i < s->n_metas; i++)
        if (!strcmp(s->metas[i].key, key) && s->metas[i].val &&
            s->metas[i].val[0])
            return s->metas[i].val;
    return NULL;
}

static void nodes_push(meta_nodes *l, xmlNode *n, size_t pos)
{
    if (l->n < META_MAX_NODES) {
        l->v[l->n].node = n;
        l->v[l->n].text_pos = pos;
        l->n++;
    }
}

static void push_meta1(meta_scan *s, const char *key, const char *val, int kind);

/* property="dc:title og:title": one entry per space-separated name. */
static void push_meta(meta_scan *s, const char *key, const char *val, int kind)
{
    if (!key || !val)
        return;
    char one[64];
    const char *p = key;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        size_t l = strcspn(p, " \t\n");
        if (!l)
            break;
        if (l < sizeof one) {
            memcpy(one, p, l);
            one[l] = '\0';
            push_meta1(s, one, val, kind);
        }
        p += l;
    }
}

static void push_meta1(meta_scan *s, const char *key, const char *val, int kind)
{
    if (!key || !val || s->n_metas >= META_MAX_METAS)
        return;
    if (!s->metas) {
        s->metas = calloc(META_MAX_METAS, sizeof *s->metas);
        if (!s->metas)
            return;
    }
    meta_kv *kv = &s->metas[s->n_metas];
    while (*key == ' ' || *key == '\t' || *key == '\n')
        key++;
    size_t i = 0;
    for (; key[i] && i + 1 < sizeof kv->key; i++)
        kv->key[i] = (char)tolower((unsigned char)key[i]);
    while (i && (kv->key[i - 1] == ' ' || kv->key[i - 1] == '\t' ||
                 kv->key[i - 1] == '\n'))
        i--;
    kv->key[i] = '\0';
    kv->val = val;
    kv->kind = kind;
    s->n_metas++;
}

/* ---- class/id keywords ---------------------------------------------------
 * Every element with a class or id is tested against four keyword tables
 * (rules_meta.c). The tables are merged once per page into an index by
 * first byte; an element's class and id are lower-cased once into a small
 * buffer and read in one pass, each position trying only the keywords that
 * start with its byte. Cost: O(attribute length), not O(length x keywords).
 */
#define KW_MAX 160        /* entries of the four tables together (~80 today) */
#define META_TESTID_MAX 64 /* longer data-testid values are not names */
#define KW_ATTR_BUF 384   /* class + id bytes read per element: longer is a
                             utility-class soup whose tail decides nothing */

enum { KW_BYLINE = 1, KW_BYLINE_STOP = 2, KW_DATE = 4, KW_DATE_STOP = 8 };

typedef struct {
    const char *s;
    unsigned char len, flag;
} kw_ent;

typedef struct {
    strmemo memo; /* kw_classify results of the page's class + id values */
    kw_ent e[KW_MAX];
    unsigned short start[257]; /* bucket of byte b: e[start[b] .. start[b+1]) */
    /* bitset of the second bytes of bucket b's keywords (all set when one
     * keyword is a single byte), so most positions skip the bucket */
    unsigned int second[256][8];
} kw_index;

static void kw_index_build(kw_index *ix)
{
    static const struct {
        const char *const *table;
        unsigned char flag;
    } tables[] = {{meta_byline_keys, KW_BYLINE},
                  {meta_byline_stop, KW_BYLINE_STOP},
                  {meta_date_keys, KW_DATE},
                  {meta_date_stop, KW_DATE_STOP}};
    unsigned short count[256] = {0};
    size_t n = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const char *const *k = tables[t].table; *k; k++)
            if (n < KW_MAX && **k && strlen(*k) < 256) {
                count[(unsigned char)**k]++;
                n++;
            }
    unsigned short pos = 0;
    for (int b = 0; b < 256; b++) {
        ix->start[b] = pos;
        pos = (unsigned short)(pos + count[b]);
    }
    ix->start[256] = pos;
    unsigned short fill[256];
    memcpy(fill, ix->start, sizeof fill);
    memset(ix->second, 0, sizeof ix->second);
    memset(&ix->memo, 0, sizeof ix->memo);
    n = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const char *const *k = tables[t].table; *k; k++)
            if (n < KW_MAX && **k && strlen(*k) < 256) {
                kw_ent *e = &ix->e[fill[(unsigned char)**k]++];
                e->s = *k;
                e->len = (unsigned char)strlen(*k);
                e->flag = tables[t].flag;
                unsigned char b = (unsigned char)**k;
                unsigned char b2 = (unsigned char)(*k)[1];
                if (e->len < 2)
                    memset(ix->second[b], 0xff, sizeof ix->second[b]);
                else
                    ix->second[b][b2 >> 5] |= 1u << (b2 & 31);
                n++;
            }
}

/* Append v (after a space when buf holds something) to buf, as it is:
 * the memo is keyed by the page's own bytes, lower-casing waits for a
 * miss. Returns the new length. */
static size_t kw_append(char *buf, size_t len, const char *v)
{
    if (!v)
        return len;
    if (len && len < KW_ATTR_BUF)
        buf[len++] = ' ';
    size_t n = strnlen(v, KW_ATTR_BUF - len);
    memcpy(buf + len, v, n);
    return len + n;
}

/* ASCII lower-case buf[0..len) in place. */
static void kw_lower(char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
}

/* KW_* bits of the keywords found in buf (substring match); buf[len] is
 * NUL. */
static unsigned kw_classify(const kw_index *ix, const char *buf, size_t len)
{
    unsigned mask = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)buf[i];
        unsigned char b2 = (unsigned char)buf[i + 1]; /* buf[len] is NUL */
        if (!(ix->second[b][b2 >> 5] & (1u << (b2 & 31))))
            continue; /* no keyword starts with these two bytes */
        for (unsigned j = ix->start[b]; j < ix->start[b + 1]; j++) {
            const kw_ent *e = &ix->e[j];
            /* First byte matched by the bucket; test the second inline. */
            if (!(mask & e->flag) && e->len <= len - i &&
                (e->len < 2 || buf[i + 1] == e->s[1]) &&
                !memcmp(buf + i, e->s, e->len))
                mask |= e->flag;
        }
    }
    return mask;
}

/* kw_classify of buf lower-cased, through the page's memo (keyed by the
 * bytes as the page wrote them; buf is lower-cased in place on a miss and
 * needs room for a NUL at buf[len]). */
static unsigned kw_classify_cached(kw_index *ix, char *buf, size_t len)
{
    int hit;
    strmemo_slot *e = strmemo_find(&ix->memo, buf, len, &hit);
    if (hit)
        return e->val;
    if (e)
        strmemo_keep(e, buf, len, 0);
    kw_lower(buf, len);
    buf[len] = '\0';
    unsigned m = kw_classify(ix, buf, len);
    if (e)
        e->val = m;
    return m;
}

static int rel_has(const char *rel, const char *word)
{
    if (!rel)
        return 0;
    size_t n = strlen(word);
    const char *p = rel;
    while ((p = meta_strcasestr(p, word))) {
        int start_ok = (p == rel) || p[-1] == ' ';
        int end_ok = p[n] == '\0' || p[n] == ' ';
        if (start_ok && end_ok)
            return 1;
        p += n;
    }
    return 0;
}

char *meta_node_text(const xmlNode *n, size_t max)
{
    if (!n)
        return NULL;
    sbuf b;
    sbuf_init(&b);
    int pending = 0;
    const xmlNode *cur = n;
    while (cur && b.len < max) {
        if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
            if (cur->content)
                sbuf_add_collapsed(&b, (const char *)cur->content,
                                   strlen((const char *)cur->content), &pending);
        }
        int skip = 0;
        if (cur->type == XML_ELEMENT_NODE && cur != n) {
            const char *nm = dom_name(cur);
            if (!strcmp(nm, "script") || !strcmp(nm, "style") ||
                !strcmp(nm, "noscript") || !strcmp(nm, "template") ||
                !strcmp(nm, "svg") || !strcmp(nm, "button"))
                skip = 1;
            else if (!strcmp(nm, "br") || !strcmp(nm, "p") || !strcmp(nm, "div") ||
                     !strcmp(nm, "li") || !strcmp(nm, "span"))
                pending = 1;
        }
        cur = dom_next((xmlNode *)cur, n, skip);
    }
    if (!b.s) {
        sbuf_free(&b);
        return NULL;
    }
    char *r = meta_clean(b.s, b.len);
    sbuf_free(&b);
    return r;
}

/* ---- signature lines -----------------------------------------------------
 * "<p><b><i>Stefan Example</i></b></p>", "<p align=right><em>Name</em></p>":
 * a paragraph whose only content is one chain of inline elements down to
 * one short text, emphasised (b/strong/i/em) or right-aligned. Only the
 * chain of sole children is followed (at most SIG_DEPTH levels), so the
 * test costs O(SIG_DEPTH x children of those levels), never a subtree walk.
 */
#define SIG_DEPTH 5    /* <p><b><i><font><span>: deeper is no signature */
#define SIG_TEXT_MAX 64 /* a name with a degree fits; longer is a sentence */

static int is_blank_text(const xmlNode *c)
{
    if (c->type == XML_COMMENT_NODE)
        return 1;
    if (c->type != XML_TEXT_NODE)
        return 0;
    for (const char *t = (const char *)c->content; t && *t; t++)
        if (!isspace((unsigned char)*t))
            return 0;
    return 1;
}

static int is_signature_shape(const xmlNode *p)
{
    const char *align = dom_attr(p, "align");
    int emph = align && !strcasecmp(align, "right");
    const xmlNode *cur = p;
    for (int depth = 0; depth < SIG_DEPTH; depth++) {
        const xmlNode *only = NULL;
        for (const xmlNode *c = cur->children; c; c = c->next) {
            if (is_blank_text(c))
                continue;
            if (only)
                return 0; /* two pieces: text beside markup, or two names */
            only = c;
        }
        if (!only)
            return 0;
        if (only->type == XML_TEXT_NODE)
            return emph && strlen((const char *)only->content) <= SIG_TEXT_MAX;
        if (only->type != XML_ELEMENT_NODE)
            return 0;
        const char *nm = dom_name(only);
        if (!strcmp(nm, "b") || !strcmp(nm, "strong") || !strcmp(nm, "i") ||
            !strcmp(nm, "em"))
            emph = 1;
        else if (strcmp(nm, "font") && strcmp(nm, "span"))
            return 0;
        cur = only;
    }
    return 0;
}

/* Is the text only a byline label ("von", " Interview: ")? Short texts
 * only, so the test is a few compares per text node. */
#define LONE_LABEL_MAX 24 /* bytes of the longest label with its spaces */

static int is_lone_label(const char *t)
{
    while (isspace((unsigned char)*t))
        t++;
    size_t l = strnlen(t, LONE_LABEL_MAX + 1);
    if (!l || l > LONE_LABEL_MAX)
        return 0;
    while (l && isspace((unsigned char)t[l - 1]))
        l--;
    size_t bare = l && t[l - 1] == ':' ? l - 1 : l; /* "von:" reads as "von" */
    int c0 = tolower((unsigned char)t[0]);
    for (const char *const *k = meta_author_lone_labels; *k; k++) {
        if ((*k)[0] != c0)
            continue;
        size_t kl = strlen(*k);
        if ((kl == l && !strncasecmp(t, *k, l)) || (kl == bare && !strncasecmp(t, *k, bare)))
            return 1;
    }
    return 0;
}

/* Is the node the first non-blank child of its parent? A label opens
 * its element ("<strong>von</strong>", "<p>By <a>"); one after a link
 * is running prose ("a codebase</a> by <a>Name</a>"). O(siblings before
 * it), walked only for texts that are a label. */
static int opens_parent(const xmlNode *n)
{
    for (const xmlNode *x = n->prev; x; x = x->prev)
        if (!is_blank_text(x))
            return 0;
    return 1;
}

/* A copyright or credit line: "©", "(c)", "Copyright", or a year range
 * followed by " by " ("2006-2008 by Name"). Short texts only (a footer
 * line, not prose that mentions copyright); one pass per marker. */
#define CREDIT_LINE_MAX 200 /* bytes: longer is prose or a legal notice */

static int is_credit_line(const char *t)
{
    /* Bytes that can open a marker: one table look-up per byte of every
     * short text node, the rest tested only there. */
    static const unsigned char opens[256] = {[0xc2] = 1, ['('] = 1, ['c'] = 1,
                                             ['C'] = 1, ['b'] = 1};
    size_t l = strnlen(t, CREDIT_LINE_MAX + 1);
    if (l > CREDIT_LINE_MAX || l < 6)
        return 0;
    for (size_t i = 0; i < l; i++) {
        unsigned char c = (unsigned char)t[i];
        if (!opens[c])
            continue;
        if (c == 0xc2 && (unsigned char)t[i + 1] == 0xa9) /* © */
            return 1;
        if (c == '(' && (t[i + 1] | 0x20) == 'c' && t[i + 2] == ')')
            return 1;
        if ((c | 0x20) == 'c' && (t[i + 1] | 0x20) == 'o' &&
            !strncasecmp(t + i + 2, "pyright", 7))
            return 1;
        /* "2006-2008 by Name" */
        if (c == 'b' && i >= 5 && t[i - 1] == ' ' && t[i + 1] == 'y' && t[i + 2] == ' ' &&
            isdigit((unsigned char)t[i - 2]) && isdigit((unsigned char)t[i - 5]))
            return 1;
    }
    return 0;
}

/* Path segments of author pages ("/author/jane-doe/", "/autoren/x-123"). */
static const char *const author_href_parts[] = {"/author/", "/authors/", "/autor/",
                                                "/autoren/", "/autorin/", "/auteur/",
                                                "/writer/", NULL};

static int is_author_href(const char *href)
{
    /* One pass over the slashes, the parts tried at each. */
    for (const char *p = href ? strchr(href, '/') : NULL; p; p = strchr(p + 1, '/')) {
        int c1 = p[1] | 0x20; /* every part starts "/a" or "/w" */
        if (c1 != 'a' && c1 != 'w')
            continue;
        for (const char *const *k = author_href_parts; *k; k++)
            if (!strncasecmp(p, *k, strlen(*k)))
                return 1;
    }
    return 0;
}

/* What the walk does with an element, from its tag name. */
enum {
    TAG_OTHER = 0, TAG_META, TAG_LINK, TAG_HTML, TAG_TITLE, TAG_HEAD,
    TAG_H1, TAG_H2, TAG_TIME, TAG_ABBR, TAG_P, TAG_A, TAG_SCRIPT, TAG_ADDRESS,
    TAG_BYLINE,
    TAG_SKIP, /* invisible subtree: no text, no candidates */
    TAG_FIELD, /* a form control: its position kept, no text */
};
#define TAG_BLOCK 0x100 /* flag: the element breaks the words (a space) */
#define TAG_LINE 0x200  /* flag: a block element: its text starts a line */
#define TAG_KIND 0xff   /* the TAG_* code without its flags */
#define TAG_BLOCKLINE (TAG_BLOCK | TAG_LINE)

/* Tag code (TAG_* | TAG_BLOCK / TAG_BLOCKLINE); a switch on the first byte keeps it to
 * one or two string compares per element. */
static int tag_code(const char *nm)
{
    switch (nm[0]) {
    case 'a':
        if (!nm[1])
            return TAG_A;
        if (!strcmp(nm, "abbr"))
            return TAG_ABBR;
        if (!strcmp(nm, "article"))
            return TAG_BLOCKLINE;
        if (!strcmp(nm, "address"))
            return TAG_ADDRESS | TAG_BLOCKLINE;
        if (!strcmp(nm, "amp-timeago")) /* AMP's <time>: datetime attribute */
            return TAG_TIME | TAG_BLOCK;
        return TAG_OTHER;
    case 'b':
        if (!strcmp(nm, "br") || !strcmp(nm, "blockquote"))
            return TAG_BLOCKLINE;
        if (!strcmp(nm, "byline")) /* NITF-style markup: <byline>Von X</byline> */
            return TAG_BYLINE | TAG_BLOCKLINE;
        return TAG_OTHER;
    case 'd':
        if (!strcmp(nm, "div") || !strcmp(nm, "dd") || !strcmp(nm, "dt"))
            return TAG_BLOCKLINE;
        return TAG_OTHER;
    case 'f':
        if (!strcmp(nm, "footer") || !strcmp(nm, "figcaption"))
            return TAG_BLOCKLINE;
        return TAG_OTHER;
    case 'h':
        if (nm[1] >= '1' && nm[1] <= '6' && !nm[2])
            return (nm[1] == '1' ? TAG_H1 : nm[1] == '2' ? TAG_H2 : TAG_OTHER) |
                   TAG_BLOCKLINE;
        if (!strcmp(nm, "html"))
            return TAG_HTML;
        if (!strcmp(nm, "head"))
            return TAG_HEAD;
        if (!strcmp(nm, "header"))
            return TAG_BLOCKLINE;
        return TAG_OTHER;
    case 'i':
        if (!strcmp(nm, "input"))
            return TAG_FIELD;
        return !strcmp(nm, "iframe") ? TAG_SKIP : TAG_OTHER;
    case 'l':
        if (!strcmp(nm, "li"))
            return TAG_BLOCKLINE;
        if (!strcmp(nm, "local-time")) /* a web component's <time> (GitHub) */
            return TAG_TIME | TAG_BLOCK;
        if (!strcmp(nm, "link"))
            return TAG_LINK;
        return TAG_OTHER;
    case 'm':
        return !strcmp(nm, "meta") ? TAG_META : TAG_OTHER;
    case 'n':
        return !strcmp(nm, "noscript") ? TAG_SKIP : TAG_OTHER;
    case 'o':
        if (!strcmp(nm, "ol"))
            return TAG_BLOCKLINE;
        if (!strcmp(nm, "option"))
            return TAG_SKIP;
        return TAG_OTHER;
    case 'p':
        return !nm[1] ? (TAG_P | TAG_BLOCKLINE) : TAG_OTHER;
    case 's':
        if (!strcmp(nm, "span"))
            return TAG_BLOCK;
        if (!strcmp(nm, "section"))
            return TAG_BLOCKLINE;
        if (!strcmp(nm, "script"))
            return TAG_SCRIPT;
        if (!strcmp(nm, "style") || !strcmp(nm, "svg"))
            return TAG_SKIP;
        if (!strcmp(nm, "select"))
            return TAG_FIELD;
        return TAG_OTHER;
    case 't':
        if (!strcmp(nm, "td") || !strcmp(nm, "tr") || !strcmp(nm, "th"))
            return TAG_BLOCKLINE;
        if (!strcmp(nm, "time") || !strcmp(nm, "time-ago"))
            return TAG_TIME | TAG_BLOCK;
        if (!strcmp(nm, "title"))
            return TAG_TITLE;
        if (!strcmp(nm, "template"))
            return TAG_SKIP;
        if (!strcmp(nm, "textarea"))
            return TAG_FIELD;
        return TAG_OTHER;
    case 'r': /* a web component's <time> (GitHub's relative-time) */
        return !strcmp(nm, "relative-time") ? (TAG_TIME | TAG_BLOCK) : TAG_OTHER;
    case 'u':
        return !strcmp(nm, "ul") ? TAG_BLOCKLINE : TAG_OTHER;
    default:
        return TAG_OTHER;
    }
}

/* The attributes the walk reads, gathered in one pass over the list. */
typedef struct {
    const char *cls, *id, *rel, *itemprop;
    const char *testid; /* data-testid / data-component: bylines only */
} elem_attrs;

static const char *attr_value(const xmlAttr *a)
{
    const xmlNode *t = a->children;
    return t && t->content ? (const char *)t->content : "";
}

static void gather_attrs(const xmlNode *n, elem_attrs *ea)
{
    memset(ea, 0, sizeof *ea);
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *nm = (const char *)a->name;
        if (!nm)
            continue;
        switch (nm[0]) {
        case 'c':
            if (!ea->cls && !strcmp(nm, "class"))
                ea->cls = attr_value(a);
            break;
        case 'i':
            if (!ea->id && nm[1] == 'd' && !nm[2])
                ea->id = attr_value(a);
            else if (!ea->itemprop && !strcmp(nm, "itemprop"))
                ea->itemprop = attr_value(a);
            break;
        case 'r':
            if (!ea->rel && !strcmp(nm, "rel"))
                ea->rel = attr_value(a);
            break;
        case 'd':
            /* Component names of script-built pages ("prism-byline"). */
            if (!ea->testid && (!strcmp(nm, "data-testid") ||
                                !strcmp(nm, "data-component")))
                ea->testid = attr_value(a);
            break;
        default:
            break;
        }
    }
}

static void scan_element(meta_scan *s, kw_index *ix, xmlNode *n, int tag)
{
    size_t pos = s->text.len;
    switch (tag & TAG_KIND) {
    case TAG_META: {
        const char *content = dom_attr(n, "content");
        if (!content)
            content = dom_attr(n, "value");
        const char *k;
        if ((k = dom_attr(n, "property")))
            push_meta(s, k, content, META_K_PROPERTY);
        if ((k = dom_attr(n, "name")))
            push_meta(s, k, content, META_K_NAME);
        if ((k = dom_attr(n, "itemprop")))
            push_meta(s, k, content, META_K_ITEMPROP);
        if ((k = dom_attr(n, "http-equiv")))
            push_meta(s, k, content, META_K_HTTPEQUIV);
        return;
    }
    case TAG_LINK: {
        const char *rel = dom_attr(n, "rel");
        const char *href = dom_attr(n, "href");
        if (rel && href && *href) {
            if (!s->canonical && rel_has(rel, "canonical"))
                s->canonical = href;
            if (!s->image_src && rel_has(rel, "image_src"))
                s->image_src = href;
        }
        if (dom_attr(n, "itemprop"))
            nodes_push(&s->itemprops, n, pos);
        return;
    }
    case TAG_HTML:
        if (!s->html_lang) {
            const char *l = dom_attr(n, "lang");
            if (!l || !*l)
                l = dom_attr(n, "xml:lang");
            if (l && *l)
                s->html_lang = l;
        }
        return;
    case TAG_TITLE:
        if (!s->title_tag)
            s->title_tag = meta_node_text(n, 2048);
        return;
    case TAG_H1:
        nodes_push(&s->h1, n, pos);
        if (!s->has_h1) {
            s->has_h1 = 1;
            s->text_h1_pos = pos;
        }
        break;
    case TAG_H2:
        nodes_push(&s->h2, n, pos);
        break;
    case TAG_TIME:
        nodes_push(&s->times, n, pos);
        break;
    case TAG_ABBR:
        if (dom_attr(n, "title") || dom_attr(n, "class"))
            nodes_push(&s->abbrs, n, pos);
        break;
    case TAG_P:
        if (s->paragraphs.n < META_MAX_PARAS)
            nodes_push(&s->paragraphs, n, pos);
        if (is_signature_shape(n))
            nodes_push(&s->signatures, n, pos);
        break;
    case TAG_ADDRESS:
        nodes_push(&s->addresses, n, pos);
        break;
    case TAG_BYLINE:
        nodes_push(&s->bylines, n, pos);
        break;
    default:
        break;
    }
    if (!n->properties)
        return;
    elem_attrs ea;
    gather_attrs(n, &ea);
    if ((tag & TAG_KIND) == TAG_A && s->author_links.n < META_MAX_NODES &&
        is_author_href(dom_attr(n, "href")))
        nodes_push(&s->author_links, n, pos);
    if (ea.rel && (tag & TAG_KIND) == TAG_A) {
        if (rel_has(ea.rel, "author"))
            nodes_push(&s->rel_author, n, pos);
        if (rel_has(ea.rel, "tag") || rel_has(ea.rel, "category"))
            nodes_push(&s->rel_tag, n, pos);
    }
    if (ea.itemprop && *ea.itemprop)
        nodes_push(&s->itemprops, n, pos);

    if ((ea.cls && *ea.cls) || (ea.id && *ea.id)) {
        char buf[KW_ATTR_BUF + 1]; /* + the NUL kw_classify reads */
        size_t len = kw_append(buf, 0, ea.cls);
        len = kw_append(buf, len, ea.id);
        unsigned m = kw_classify_cached(ix, buf, len);
        if ((m & (KW_BYLINE | KW_BYLINE_STOP)) == KW_BYLINE)
            nodes_push(&s->bylines, n, pos);
        if ((m & (KW_DATE | KW_DATE_STOP)) == KW_DATE)
            nodes_push(&s->datelike, n, pos);
    }
    if (ea.testid && *ea.testid && strlen(ea.testid) < META_TESTID_MAX) {
        char buf[KW_ATTR_BUF + 1]; /* + the NUL kw_classify reads */
        size_t len = kw_append(buf, 0, ea.testid);
        unsigned m = kw_classify_cached(ix, buf, len);
        if ((m & (KW_BYLINE | KW_BYLINE_STOP)) == KW_BYLINE)
            nodes_push(&s->bylines, n, pos);
    }
}

/* Look for "key":"2021-09-28..." in a script (also with escaped quotes,
 * as in JSON inside a JS string). One memchr pass over the text. */
static void scan_script_dates(meta_scan *s, const unsigned char *lead,
                              const char *txt)
{
    const char *p = txt;
    while ((p = strchr(p, '"'))) {
        p++;
        if (s->script_date_rank == 1)
            return;
        if (!lead[(unsigned char)*p])
            continue; /* no key starts with this byte: most quotes */
        for (int k = 0; meta_script_date_keys[k]; k++) {
            if (s->script_date_rank && k + 1 >= s->script_date_rank)
                break;
            const char *key = meta_script_date_keys[k];
            if (*p != key[0])
                continue; /* lead byte first: most quotes open no key */
            size_t kl = strlen(key);
            if (strncmp(p, key, kl))
                continue;
            const char *q = p + kl;
            if (*q == '\\')
                q++;
            if (*q != '"')
                continue;
            q++;
            while (*q == ' ' || *q == ':')
                q++;
            if (*q == '\\')
                q++;
            if (*q != '"')
                continue;
            q++;
            /* The value must start like a date: four digits. */
            if (!(isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]) &&
                  isdigit((unsigned char)q[2]) && isdigit((unsigned char)q[3])))
                continue;
            size_t l = 0;
            while (q[l] && q[l] != '"' && q[l] != '\\' && l + 1 < sizeof s->script_date)
                l++;
            memcpy(s->script_date, q, l);
            s->script_date[l] = '\0';
            s->script_date_rank = k + 1;
            break;
        }
    }
}

/* 'author': 'Name' / "author":"Name" in an inline script (analytics
 * data layers name the article's author so): the first value is kept.
 * One strstr pass per script text. */
static void scan_script_author(meta_scan *s, const char *txt)
{
    for (const char *p = txt; !s->script_author[0] && (p = strstr(p, "author"));) {
        p += 6;
        /* The key is quoted: 'author' or "author". */
        char quote = *p;
        if ((quote != '\'' && quote != '"') || p - 7 < txt || p[-7] != quote)
            continue;
        const char *v = p + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        if (*v != ':')
            continue;
        v++;
        while (*v == ' ' || *v == '\t')
            v++;
        if (*v != '\'' && *v != '"')
            continue;
        char vq = *v++;
        size_t l = 0;
        while (v[l] && v[l] != vq && v[l] != '\\' && v[l] != '\n' && l < sizeof s->script_author)
            l++;
        if (v[l] != vq || l < 2 || l >= sizeof s->script_author)
            continue;
        memcpy(s->script_author, v, l);
        s->script_author[l] = '\0';
    }
}

meta_scan *meta_scan_run(lede_ctx *ctx)
{
    meta_scan *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    sbuf_init(&s->text);
    if (!ctx->doc)
        return s;
    kw_index ix;
    kw_index_build(&ix);
    unsigned char date_key_lead[256] = {0}; /* first bytes of the script date keys */
    for (const char *const *k = meta_script_date_keys; *k; k++)
        date_key_lead[(unsigned char)**k] = 1;
    xmlNode *root = (xmlNode *)ctx->doc;
    xmlNode *n = root->children;
    int pending = 0;
    while (n) {
        int skip_children = 0;
        /* A text of whitespace only (most text nodes: the indentation
         * between tags) is no label, no credit line and nothing to see:
         * told once here instead of by each test. */
        int blank = 0;
        if (n->type == XML_TEXT_NODE && n->content) {
            const unsigned char *t = n->content;
            while (isspace(*t))
                t++;
            blank = *t == '\0';
        }
        if (n->type == XML_ELEMENT_NODE) {
            int tag = tag_code(dom_name(n));
            if (tag == TAG_SCRIPT) {
                const char *type = dom_attr(n, "type");
                if (type && meta_strcasestr(type, "ld+json")) {
                    sbuf b;
                    sbuf_init(&b);
                    for (xmlNode *c = n->children; c; c = c->next)
                        if (c->content)
                            sbuf_puts(&b, (const char *)c->content);
                    if (b.s)
                        jsonld_parse_into(s, b.s, b.len);
                    sbuf_free(&b);
                } else {
                    appjson_capture(s->appjson, &s->n_appjson, META_MAX_APPJSON, n);
                    for (xmlNode *c = n->children; c; c = c->next)
                        if (c->content) {
                            scan_script_dates(s, date_key_lead,
                                              (const char *)c->content);
                            scan_script_author(s, (const char *)c->content);
                        }
                }
                skip_children = 1;
            } else if (tag == TAG_SKIP) {
                skip_children = 1;
            } else if (tag == TAG_FIELD) {
                /* No text of its own (a <select>'s options, a
                 * <textarea>'s default); hidden inputs are no field. */
                const char *type = dom_attr(n, "type");
                if (!type || strcasecmp(type, "hidden"))
                    nodes_push(&s->fields, n, s->text.len);
                skip_children = 1;
            } else {
                scan_element(s, &ix, n, tag);
                if (tag & TAG_LINE)
                    pending = META_PENDING_BLOCK;
                else if ((tag & TAG_BLOCK) && !pending)
                    pending = 1;
            }
        } else if (n->type == XML_TEXT_NODE && n->content && !blank &&
                   s->lone_labels.n < META_MAX_NODES &&
                   is_lone_label((const char *)n->content) && opens_parent(n)) {
            nodes_push(&s->lone_labels, n, s->text.len);
        }
        if (n->type == XML_TEXT_NODE && n->content && !blank &&
            s->credits.n < META_MAX_NODES && is_credit_line((const char *)n->content))
            nodes_push(&s->credits, n, s->text.len);
        if (n->type == XML_TEXT_NODE && n->content && s->text.len < META_TEXT_MAX) {
            /* <title> text is kept apart, the rest of <head> has none. */
            const xmlNode *p = n->parent;
            if (p && strcmp(dom_name(p), "title")) {
                const char *c = (const char *)n->content;
                size_t cl = strlen(c);
                /* A block's first words start a line: a byline reader
                 * stops there instead of running into the next block
                 * ("Autoren Jelko Djuren</p><h2>Downloads"). */
                if (pending == META_PENDING_BLOCK && s->text.len &&
                    s->text.s[s->text.len - 1] != '\n' && !blank) {
                    sbuf_putc(&s->text, '\n');
                    pending = 0;
                }
                /* The indentation after a block's start tag would turn
                 * the pending line break into a space ("Autoren</a>
                 * </li> <li><a>Ehrengast" read on as one line). */
                if (!(blank && pending == META_PENDING_BLOCK))
                    sbuf_add_collapsed(&s->text, c, cl, &pending);
            }
        }
        n = dom_next(n, root, skip_children);
    }
    return s;
}

void meta_scan_free(meta_scan *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_jsonld; i++)
        json_decref(s->jsonld[i]);
    free(s->metas);
    free(s->title_tag);
    sbuf_free(&s->text);
    free(s);
}
