/* dom.c - parse HTML into a libxml2 DOM, with limits, and the small DOM
 * helpers every stage uses (attribute lookup without allocation, iterative
 * document-order walk, text collection, URL resolution).
 *
 * Every walk here is iterative: pages nest 100,000 levels deep in the wild
 * (and in tests), and recursion would overflow the stack.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "internal.h"

static void set_err(lede_error *err, lede_code code, const char *msg)
{
    if (!err)
        return;
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", msg);
}

xmlNode *dom_next(xmlNode *n, const xmlNode *root, int skip_children)
{
    if (!skip_children && n->children && n->type == XML_ELEMENT_NODE)
        return n->children;
    if (!skip_children && n->children && n->type == XML_DOCUMENT_NODE)
        return n->children;
    if (!skip_children && n->children && n->type == XML_HTML_DOCUMENT_NODE)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

/* libxml2 does not cap nesting in its HTML parser the way its XML parser
 * does, so the limits are checked in one pass after parsing. Cost: O(nodes). */
static lede_code check_limits(htmlDocPtr doc, const lede_options *opt)
{
    xmlNode *root = (xmlNode *)doc;
    size_t nodes = 0;
    unsigned depth = 0;
    xmlNode *n = root->children;
    while (n) {
        nodes++;
        if (nodes > opt->max_nodes)
            return LEDE_ERR_TOO_MANY_NODES;
        if (n->children && n->type == XML_ELEMENT_NODE) {
            depth++;
            if (depth > opt->max_depth)
                return LEDE_ERR_TOO_DEEP;
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next) {
            n = n->parent;
            if (n != root)
                depth--;
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
    return LEDE_OK;
}

htmlDocPtr dom_parse(const char *utf8, size_t len, const lede_options *opt,
                     lede_error *err)
{
    if (len > (size_t)0x7fffffff) {
        set_err(err, LEDE_ERR_TOO_LARGE, "document too large to parse");
        return NULL;
    }
    int flags = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    htmlDocPtr doc = htmlReadMemory(utf8, (int)len, NULL, "UTF-8", flags);
    if (!doc) {
        set_err(err, LEDE_ERR_PARSE, "the HTML parser built no document");
        return NULL;
    }
    lede_code c = check_limits(doc, opt);
    if (c != LEDE_OK) {
        char msg[160];
        if (c == LEDE_ERR_TOO_DEEP)
            snprintf(msg, sizeof msg, "document nests deeper than %u elements",
                     opt->max_depth);
        else
            snprintf(msg, sizeof msg, "document has more than %zu nodes",
                     opt->max_nodes);
        set_err(err, c, msg);
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

const char *dom_attr(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        /* lead byte first: most attributes differ there */
        if (a->name && a->name[0] == (unsigned char)name[0] &&
            strcmp((const char *)a->name, name) == 0) {
            const xmlNode *t = a->children;
            if (!t)
                return "";
            if (t->content)
                return (const char *)t->content;
            return "";
        }
    }
    return NULL;
}

void dom_text(const xmlNode *n, sbuf *b)
{
    int pending = 0;
    const xmlNode *cur = n;
    while (cur) {
        if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
            if (cur->content)
                sbuf_add_collapsed(b, (const char *)cur->content,
                                   strlen((const char *)cur->content), &pending);
        }
        int skip = 0;
        if (cur->type == XML_ELEMENT_NODE) {
            const char *nm = dom_name(cur);
            if (cur != n && (!strcmp(nm, "script") || !strcmp(nm, "style") ||
                             !strcmp(nm, "noscript") || !strcmp(nm, "template")))
                skip = 1;
            if (!strcmp(nm, "br"))
                pending = 1;
        }
        cur = dom_next((xmlNode *)cur, n, skip);
    }
}

char *url_resolve(const char *base, const char *ref)
{
    if (!ref)
        return NULL;
    while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
        ref++;
    size_t n = strlen(ref);
    while (n && (ref[n - 1] == ' ' || ref[n - 1] == '\t' || ref[n - 1] == '\n' ||
                 ref[n - 1] == '\r'))
        n--;
    if (n == 0)
        return NULL;
    char *r = xstrndup(ref, n);
    if (!r)
        return NULL;
    if (!base || !*base)
        return r;
    xmlChar *u = xmlBuildURI((const xmlChar *)r, (const xmlChar *)base);
    if (!u) {
        /* Not a parseable reference (spaces, odd bytes): escape and retry. */
        xmlChar *esc = xmlURIEscapeStr((const xmlChar *)r, (const xmlChar *)":/?#[]@!$&'()*+,;=%");
        if (esc) {
            u = xmlBuildURI(esc, (const xmlChar *)base);
            xmlFree(esc);
        }
    }
    if (!u)
        return r;
    free(r);
    char *out = strdup((const char *)u);
    xmlFree(u);
    return out;
}

static int srcset_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

const char *dom_srcset_best(const char *v, size_t max_len, size_t *len)
{
    const char *best = NULL;
    size_t best_n = 0;
    double best_v = -1;
    const char *p = v;
    while (*p) {
        while (*p && (srcset_space((unsigned char)*p) || *p == ','))
            p++;
        if (!*p)
            break;
        const char *u = p;
        while (*p && !srcset_space((unsigned char)*p))
            p++;
        const char *ue = p;
        int ended = 0;
        while (ue > u && ue[-1] == ',') {
            ue--;
            ended = 1;
        }
        double w = 0;
        if (!ended) { /* descriptors up to the next comma */
            while (*p && srcset_space((unsigned char)*p))
                p++;
            const char *d = p;
            while (*p && *p != ',')
                p++;
            char *end = NULL;
            double x = p > d ? strtod(d, &end) : 0;
            if (end && end != d && (*end == 'w' || *end == 'x'))
                w = *end == 'w' ? x : x * 1000.0; /* 2x ranks like 2000w */
        }
        size_t n = (size_t)(ue - u);
        if (n && (!max_len || n <= max_len) && w > best_v) {
            best = u;
            best_n = n;
            best_v = w;
        }
    }
    *len = best_n;
    return best;
}
