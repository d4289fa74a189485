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
#include <stdlib.h>
#include <string.h>

#include "meta_internal.h"

#define META_TEXT_MAX (META_TEXT_KB * 1024)
#define META_MAX_PARAS 12 /* paragraphs kept for the excerpt fallback */

const char *meta_strcasestr(const char *h, const char *needle)
{
    if (!h || !needle)
        return NULL;
    size_t n = strlen(needle);
    if (!n)
        return h;
    for (; *h; h++)
        if (strncasecmp(h, needle, n) == 0)
            return h;
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

/* Does a space-separated class/id string contain one of the keywords (as a
 * substring, case-insensitive)? Returns the keyword or NULL. */
static const char *attr_has_key(const char *v, const char *const *keys)
{
    if (!v || !*v)
        return NULL;
    for (const char *const *k = keys; *k; k++)
        if (meta_strcasestr(v, *k))
            return *k;
    return NULL;
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

static int is_text_skip(const char *nm)
{
    return !strcmp(nm, "script") || !strcmp(nm, "style") ||
           !strcmp(nm, "noscript") || !strcmp(nm, "template") ||
           !strcmp(nm, "svg") || !strcmp(nm, "head") || !strcmp(nm, "select") ||
           !strcmp(nm, "option") || !strcmp(nm, "iframe");
}

static int is_block(const char *nm)
{
    static const char *const blocks[] = {
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
        "td", "th", "section", "article", "header", "footer", "time", "span",
        "dd", "dt", "blockquote", "address", "figcaption", "ul", "ol", NULL};
    for (const char *const *b = blocks; *b; b++)
        if (!strcmp(nm, *b))
            return 1;
    return 0;
}

static void scan_element(meta_scan *s, xmlNode *n, const char *nm)
{
    size_t pos = s->text.len;
    if (!strcmp(nm, "meta")) {
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
    if (!strcmp(nm, "link")) {
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
    if (!strcmp(nm, "html")) {
        if (!s->html_lang) {
            const char *l = dom_attr(n, "lang");
            if (!l || !*l)
                l = dom_attr(n, "xml:lang");
            if (l && *l)
                s->html_lang = l;
        }
        return;
    }
    if (!strcmp(nm, "title")) {
        if (!s->title_tag)
            s->title_tag = meta_node_text(n, 2048);
        return;
    }
    if (!strcmp(nm, "h1")) {
        nodes_push(&s->h1, n, pos);
        if (!s->has_h1) {
            s->has_h1 = 1;
            s->text_h1_pos = pos;
        }
    } else if (!strcmp(nm, "h2")) {
        nodes_push(&s->h2, n, pos);
    } else if (!strcmp(nm, "time")) {
        nodes_push(&s->times, n, pos);
    } else if (!strcmp(nm, "abbr")) {
        if (dom_attr(n, "title") || dom_attr(n, "class"))
            nodes_push(&s->abbrs, n, pos);
    } else if (!strcmp(nm, "p")) {
        if (s->paragraphs.n < META_MAX_PARAS)
            nodes_push(&s->paragraphs, n, pos);
    }
    const char *rel = dom_attr(n, "rel");
    if (rel && !strcmp(nm, "a")) {
        if (rel_has(rel, "author"))
            nodes_push(&s->rel_author, n, pos);
        if (rel_has(rel, "tag") || rel_has(rel, "category"))
            nodes_push(&s->rel_tag, n, pos);
    }
    const char *ip = dom_attr(n, "itemprop");
    if (ip && *ip)
        nodes_push(&s->itemprops, n, pos);

    const char *cls = dom_attr(n, "class");
    const char *id = dom_attr(n, "id");
    if ((cls && *cls) || (id && *id)) {
        if ((attr_has_key(cls, meta_byline_keys) ||
             attr_has_key(id, meta_byline_keys)) &&
            !attr_has_key(cls, meta_byline_stop) &&
            !attr_has_key(id, meta_byline_stop))
            nodes_push(&s->bylines, n, pos);
        if ((attr_has_key(cls, meta_date_keys) ||
             attr_has_key(id, meta_date_keys)) &&
            !attr_has_key(cls, meta_date_stop) &&
            !attr_has_key(id, meta_date_stop))
            nodes_push(&s->datelike, n, pos);
    }
}

/* Look for "key":"2021-09-28..." in a script (also with escaped quotes,
 * as in JSON inside a JS string). One memchr pass over the text. */
static void scan_script_dates(meta_scan *s, const char *txt)
{
    const char *p = txt;
    while ((p = strchr(p, '"'))) {
        p++;
        if (s->script_date_rank == 1)
            return;
        for (int k = 0; meta_script_date_keys[k]; k++) {
            if (s->script_date_rank && k + 1 >= s->script_date_rank)
                break;
            const char *key = meta_script_date_keys[k];
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

meta_scan *meta_scan_run(lede_ctx *ctx)
{
    meta_scan *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    sbuf_init(&s->text);
    if (!ctx->doc)
        return s;
    xmlNode *root = (xmlNode *)ctx->doc;
    xmlNode *n = root->children;
    int pending = 0;
    while (n) {
        int skip_children = 0;
        if (n->type == XML_ELEMENT_NODE) {
            const char *nm = dom_name(n);
            if (!strcmp(nm, "script")) {
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
                    for (xmlNode *c = n->children; c; c = c->next)
                        if (c->content)
                            scan_script_dates(s, (const char *)c->content);
                }
                skip_children = 1;
            } else if (is_text_skip(nm) && strcmp(nm, "head")) {
                /* Invisible subtrees: no text, no candidates. */
                skip_children = 1;
            } else {
                scan_element(s, n, nm);
                if (is_block(nm))
                    pending = 1;
            }
        } else if (n->type == XML_TEXT_NODE && n->content &&
                   s->text.len < META_TEXT_MAX) {
            /* <title> text is kept apart, the rest of <head> has none. */
            const xmlNode *p = n->parent;
            if (p && strcmp(dom_name(p), "title"))
                sbuf_add_collapsed(&s->text, (const char *)n->content,
                                   strlen((const char *)n->content), &pending);
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
