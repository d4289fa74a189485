/* content.c - find the main content of a page and build a clean tree of it.
 *
 * Pipeline (content_extract, top to bottom):
 *   1. annotate: ONE iterative walk over <body> that drops junk subtrees
 *      (script, style, forms controls, iframes...; the code a self-closed
 *      <script/> left as text after it), matches class/id/role
 *      against the rule tables (rules.c), and computes bottom-up, per
 *      element: text length, link-text length, paragraph count/text, comma
 *      count, table shape, and a Readability-like score propagated from each
 *      paragraph to its few nearest ancestors. Loose text runs between the
 *      block children of a div or a table cell (text and <br> lines beside
 *      a floated image box or a table, which Readability wraps in <p>) vote
 *      as paragraphs of that element. O(nodes); the per-element
 *      data lives in a side array, reached through node->_private.
 *   2. choose: the first trusted content area in rule order (article-body
 *      names, <article>, story names, main-content names, main) and the top
 *      Readability candidate (+ its good siblings); the better one wins by
 *      paragraph text (an explicit article body apart from the candidate
 *      also by clean text: its prose may be lists; a first <article> over
 *      a candidate in a later one, the next story of an endless page, with
 *      half its prose, and then alone). O(elements). Its good siblings
 *      join it; a box that is the only element of its wrappers takes the
 *      prose boxes before its outermost wrapper (an intro in the box
 *      beside).
 *   3. build: one walk over the chosen subtree(s) that copies a clean HTML
 *      subset (headings, p, lists, quotes, tables, pre, figures, img, links)
 *      into a new detached <article>, pruning boilerplate (navigation,
 *      share/related/newsletter/cookie blocks, hidden nodes, link-dense
 *      blocks, a short box holding an e-mail field or headed by a call to
 *      action: a sign-up form with its pitch, whatever its names) and
 *      wrapping loose text and
 *      br-separated lines in <p>
 *      (text of &nbsp; alone is a space at most, not a paragraph).
 *      O(subtree). A short chosen box holding a small share of the page's
 *      prose is the first of a column of page-builder sections: the prose
 *      sections after it (up to the first boilerplate box) are built too.
 *      When the result is thin, retry with the next candidate
 *      and finally with the whole body filtered jusText-style; at most
 *      CT_MAX_BUILDS builds, so O(CT_MAX_BUILDS * nodes) in the worst case.
 *      Still thin (a forum thread, a Q&A page whose posts are all named as
 *      comments): the first comments box holding prose, the opening post,
 *      is built (balanced and recall modes).
 *   4. dedupe repeated paragraphs (hash set, O(output)).
 *   5. trim what the text itself tells apart (phrase tables in rules.c),
 *      looking only at the output's top-level blocks: end sections after
 *      the story (a label such as "About the author" or a call to action
 *      such as "Follow us on", cut with what follows within size limits),
 *      lone section labels, emptied slots' labels ("Anzeige", "Teilen",
 *      "Loading...", "Story continues below advertisement"), a
 *      table-of-contents title whose list was pruned, picture credit
 *      lines ("Foto: X") and captions ending with their credit ("...
 *      Foto: X", "(c) AFP / X"), PHP diagnostics printed into the page
 *      ("Warning: ... on line 407", also as list items or as lines of a
 *      <br>-separated paragraph) wherever they
 *      stand, date lines and disclosures near the start,
 *      inline "see also" lines, trailing and leading debris. Before this,
 *      a lead (standfirst) outside the chosen box is put first.
 *      O(output).
 *
 * node->_private holds (index + 1) into the side array during this stage
 * only; later stages do not use it.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "rules.h"

/* ---- tunables ------------------------------------------------------------ */
/* A paragraph shorter than this (bytes) does not vote for its ancestors
 * (Readability: 25 characters). */
#define CT_PARA_MIN 25
/* A content area with less text than this is not trusted alone. */
#define CT_MIN_AREA_TEXT 200
/* Ancestors that receive a paragraph's score (Readability: 5 levels). */
#define CT_SCORE_LEVELS 5
/* Result shorter than this (bytes of text) counts as thin: try again. */
#define CT_THIN_TEXT 300
/* Most subtree builds per page (first choice + retries). */
#define CT_MAX_BUILDS 4
/* Link density above which a list/div block inside the content is dropped,
 * per mode (precision, balanced, recall). */
static const double ct_link_block_max[3] = {0.35, 0.5, 0.7};
/* Same for short paragraphs and list items ("Read more: <link>"). */
static const double ct_link_para_max[3] = {0.5, 0.6, 0.9};
#define CT_LINK_PARA_TEXT 120
/* Weak boilerplate names are kept when their text is at least this long
 * and not link-heavy (balanced mode). */
#define CT_WEAK_KEEP_TEXT 400
/* A boilerplate-looking node holding more than this share of the
 * container's text is the content itself (e.g. class="has-sidebar"). */
#define CT_GUARD_SHARE 0.6
/* Same for the page's paragraph text ("with-sidebar" wrappers). */
#define CT_GUARD_PROSE 0.5
/* Paragraphs shorter than this are not deduplicated (short lines such as
 * "Advertisement" may legitimately repeat in tables...). */
#define CT_DEDUP_MIN 20
/* Readability's isProbablyReaderable: paragraph length floor and score. */
#define CT_READERABLE_MIN_LEN 140
#define CT_READERABLE_SCORE 20.0
/* Class weight of positive/negative names (Readability: 25). */
#define CT_CLASS_WEIGHT 25
/* Smallest <article> box counted as a teaser of a listing page. */
#define CT_TEASER_MIN 20

/* ---- per-element annotations ------------------------------------------- */
enum {
    NI_HAS_BLOCK = 1u << 0, /* has a block-level child element */
    NI_HIDDEN = 1u << 1,    /* hidden attribute, aria-hidden, display:none */
    NI_SKIP = 1u << 2,      /* never output (replaced lazy placeholder...) */
    NI_ARTICLE = 1u << 3,   /* <article> tag */
    NI_MAIN = 1u << 4,      /* <main> tag or role=main */
    NI_PARA = 1u << 5,      /* counted as a paragraph */
    NI_LAYOUT = 1u << 6,    /* table used for layout */
    NI_TABLE_DATA = 1u << 7,/* table with data signals (th, caption...) */
    NI_NESTED_TABLE = 1u << 8,
    NI_HEADER_TAG = 1u << 9,
    NI_NOSCRIPT = 1u << 10,
    NI_IN_HIDDEN = 1u << 11, /* inside a hidden element (inherited) */
    NI_IN_BOILER = 1u << 12, /* inside navigation/boilerplate (inherited) */
    NI_HAS_LEAD = 1u << 13,  /* is or holds a lead element (RG_LEAD) */
    NI_EMAIL_FORM = 1u << 14 /* holds an e-mail input (sign-up box) */
};

typedef struct {
    xmlNode *node;
    int parent;        /* index of the parent element's info, -1 at root */
    unsigned text;     /* text bytes, whitespace runs counted once */
    unsigned link;     /* of which inside <a> */
    unsigned ptext;    /* text of paragraph descendants */
    unsigned paras;    /* paragraph descendants */
    unsigned commas;
    unsigned rawp;     /* paragraph text before any boilerplate decision */
    unsigned rows;     /* table: rows; tr: cells */
    unsigned cols;     /* table: most cells in a row */
    unsigned imgs;     /* <img> descendants */
    unsigned groups;   /* RG_* matched by class/id/role/itemprop */
    unsigned tag;      /* RT_* */
    unsigned flags;    /* NI_* */
    float score;       /* Readability-like content score */
    /* loose text runs (text between block children, which Readability
     * wraps in <p>): sums at the end of the last block child, and the
     * runs long enough to count as paragraphs of this element */
    unsigned run_text, run_link, run_commas;
    unsigned loose_paras, loose_ptext;
    float loose_score;
} ct_info;

typedef struct {
    lede_ctx *ctx;
    const lede_options *opt;
    int mode;          /* 0 precision, 1 balanced, 2 recall */
    rules_index ix;
    strmemo memo; /* rules_match results of the page's class values */
    ct_info *info;
    size_t n, cap;
    int oom;
    double readerable;
    /* first elements (info index) matching each content-area level */
#define CT_LEVELS 5
#define CT_LEVEL_KEEP 16
    int level_idx[CT_LEVELS][CT_LEVEL_KEEP];
    int level_n[CT_LEVELS];
    /* first lead elements (RG_LEAD), outermost, in document order */
#define CT_LEAD_KEEP 8
    int lead_idx[CT_LEAD_KEEP];
    int lead_n;
    /* build state */
    size_t out_text;   /* text bytes written by the current build */
    int jt_filter;     /* jusText-like filtering of the current build */
    int in_comments;   /* building the comments tree */
    int sib_level;     /* the level whose siblings the last build took */
} ct_state;

static inline int ct_idx(const xmlNode *n)
{
    return n && n->_private ? (int)((uintptr_t)n->_private - 1) : -1;
}

static int ct_new_info(ct_state *c, xmlNode *n, int parent)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        ct_info *p = realloc(c->info, cap * sizeof *p);
        if (!p) {
            c->oom = 1;
            return -1;
        }
        c->info = p;
        c->cap = cap;
    }
    ct_info *i = &c->info[c->n];
    memset(i, 0, sizeof *i);
    i->node = n;
    i->parent = parent;
    n->_private = (void *)(uintptr_t)(c->n + 1);
    return (int)c->n++;
}

static int ct_is_space(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

/* Byte classes for ct_text_len, so a plain byte costs one lookup:
 * 1 = whitespace (as ct_is_space), 2 = may start a comma. */
static const unsigned char ct_len_class[256] = {
    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1,
    [','] = 2, [0xEF] = 2, [0xE3] = 2};

/* Length with whitespace runs counted as one, and commas. O(len). */
static unsigned ct_text_len(const char *s, unsigned *commas)
{
    unsigned len = 0;
    int sp = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char cls = ct_len_class[*p];
        if (!cls) {
            sp = 0;
            len++;
            continue;
        }
        if (cls == 1) {
            if (!sp)
                len++;
            sp = 1;
            continue;
        }
        sp = 0;
        len++;
        if (*p == ',')
            (*commas)++;
        else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) /* U+FF0C */
            (*commas)++;
        else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81) /* U+3001 */
            (*commas)++;
    }
    return len;
}

/* Lower-case an attribute into buf with whitespace runs made one space. */
static size_t ct_lower(const char *s, char *buf, size_t cap)
{
    size_t n = 0;
    int sp = 1;
    for (; *s && n + 1 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ct_is_space(ch)) {
            if (!sp)
                buf[n++] = ' ';
            sp = 1;
            continue;
        }
        sp = 0;
        buf[n++] = (char)((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
    }
    while (n && buf[n - 1] == ' ')
        n--;
    buf[n] = '\0';
    return n;
}

static int ct_contains_ci(const char *hay, const char *needle)
{
    size_t nl = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (strncasecmp(p, needle, nl) == 0)
            return 1;
    return 0;
}

static int ct_style_hidden(const char *style)
{
    char buf[256];
    size_t n = 0;
    for (const char *s = style; *s && n + 1 < sizeof buf; s++)
        if (!ct_is_space((unsigned char)*s))
            buf[n++] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
    buf[n] = '\0';
    return strstr(buf, "display:none") != NULL ||
           strstr(buf, "visibility:hidden") != NULL;
}

/* rules_match of a class value through the page's memo (class values
 * repeat a lot: the memo saves most of the matching). */
static unsigned ct_class_groups(ct_state *c, const char *lower, size_t len)
{
    int hit;
    strmemo_slot *e = strmemo_find(&c->memo, lower, len, &hit);
    if (hit)
        return e->val;
    unsigned g = rules_match(&c->ix, lower, len, RA_CLASS);
    if (e)
        strmemo_keep(e, lower, len, g);
    return g;
}

/* A value of CT_SLUG_PARTS or more words joined by '-' or '_'. */
#define CT_SLUG_PARTS 4
static int ct_is_slug(const char *v)
{
    int parts = 1;
    for (; *v; v++)
        if ((*v == '-' || *v == '_') && v[1] && v[1] != '-' && v[1] != '_')
            parts++;
    return parts >= CT_SLUG_PARTS;
}

/* Lead bytes of the attribute names ct_groups reads (class, id, itemprop,
 * role, hidden, aria-hidden, style): others (href, src, data-*) are skipped
 * without a string compare. */
static const unsigned char ct_group_attr_lead[256] = {
    ['c'] = 1, ['i'] = 1, ['r'] = 1, ['h'] = 1, ['a'] = 1, ['s'] = 1};

/* Groups from class, id, role, itemprop; O(attribute lengths). */
static unsigned ct_groups(ct_state *c, xmlNode *n, unsigned *flags)
{
    char buf[512];
    unsigned g = 0;
    for (xmlAttr *a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        if (!ct_group_attr_lead[(unsigned char)name[0]])
            continue;
        const char *v = (a->children && a->children->content)
                            ? (const char *)a->children->content
                            : "";
        if (!strcmp(name, "class")) {
            size_t l = ct_lower(v, buf, sizeof buf);
            if (l)
                g |= ct_class_groups(c, buf, l);
        } else if (!strcmp(name, "id")) {
            size_t l = ct_lower(v, buf, sizeof buf);
            if (l) {
                unsigned ig = rules_match(&c->ix, buf, l, RA_ID);
                /* ids made from a heading ("sharing-with-a-single-
                 * developer") name a section, not a widget */
                if (ct_is_slug(buf))
                    ig &= ~(unsigned)(RG_BOILER | RG_WEAK | RG_COMMENTS | RG_NEGATIVE);
                g |= ig;
            }
        } else if (!strcmp(name, "role")) {
            if (!strcasecmp(v, "main"))
                *flags |= NI_MAIN;
            else if (!strcasecmp(v, "article"))
                g |= RG_AREA2;
            else if (!strcasecmp(v, "navigation") || !strcasecmp(v, "banner") ||
                     !strcasecmp(v, "contentinfo") ||
                     !strcasecmp(v, "complementary") ||
                     !strcasecmp(v, "menu") || !strcasecmp(v, "menubar") ||
                     !strcasecmp(v, "search") || !strcasecmp(v, "dialog") ||
                     !strcasecmp(v, "alertdialog"))
                g |= RG_BOILER;
        } else if (!strcmp(name, "itemprop")) {
            g |= rules_itemprop_groups(v);
        } else if (!strcmp(name, "hidden")) {
            *flags |= NI_HIDDEN;
        } else if (!strcmp(name, "aria-hidden")) {
            if (!strcasecmp(v, "true"))
                *flags |= NI_HIDDEN;
        } else if (!strcmp(name, "style")) {
            if (ct_style_hidden(v))
                *flags |= NI_HIDDEN;
        }
    }
    if (g & RG_HIDDEN)
        *flags |= NI_HIDDEN;
    return g;
}

static int ct_img_has_real_src(const xmlNode *img);
static int ct_is_pixel(const xmlNode *img);

/* Boilerplate by its own tag or names (navigation, footer, share...),
 * unless its names also say "content" (Readability's okMaybe idea). */
static int ct_is_boiler(const ct_info *i)
{
    if (i->parent < 0 || (i->flags & (NI_ARTICLE | NI_MAIN)))
        return 0;
    if (i->groups & (RG_AREA_ANY | RG_POSITIVE))
        return 0;
    return (i->tag & RT_BOILER) || (i->groups & (RG_BOILER | RG_COMMENTS));
}

/* noscript: kept (as a transparent box) only when it holds the real image
 * of a lazy placeholder just before it; the placeholder is then skipped.
 * Looks at most two levels down and one sibling back: O(1)-ish. */
static int ct_noscript_keep(ct_state *c, xmlNode *ns)
{
    xmlNode *img = NULL;
    for (xmlNode *k = ns->children; k && !img; k = k->next) {
        if (!strcmp(dom_name(k), "img"))
            img = k;
        else if (k->type == XML_ELEMENT_NODE)
            for (xmlNode *g = k->children; g && !img; g = g->next)
                if (!strcmp(dom_name(g), "img"))
                    img = g;
    }
    if (!img || !ct_img_has_real_src(img))
        return 0;
    xmlNode *prev = ns->prev;
    while (prev && prev->type != XML_ELEMENT_NODE)
        prev = prev->prev;
    if (prev && !strcmp(dom_name(prev), "img")) {
        if (ct_img_has_real_src(prev))
            return 0; /* the visible image is fine: the copy is redundant */
        int pi = ct_idx(prev);
        if (pi >= 0)
            c->info[pi].flags |= NI_SKIP;
    }
    return 1;
}

/* ---- 1. annotate --------------------------------------------------------- */

/* Give a paragraph's score to its ancestors: from `from`'s parent
 * (up = 1) or from `from` itself (up = 0, a loose run inside it). */
static void ct_add_score(ct_state *c, int from, float s, int up)
{
    int p = up ? c->info[from].parent : from;
    for (int level = 0; p >= 0 && level < CT_SCORE_LEVELS; level++) {
        float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
        c->info[p].score += s / div;
        p = c->info[p].parent;
    }
}

/* Score of a paragraph of `text` bytes with `commas` commas (Readability:
 * 1 + commas + one point per 100 characters, at most 3). */
static float ct_para_score(unsigned text, unsigned commas)
{
    return 1.0f + (float)commas + fminf((float)text / 100.0f, 3.0f);
}

/* Elements whose loose text runs count as paragraphs (Readability wraps
 * the phrasing content of a div in <p> elements; layout-table pages put
 * their text straight into a cell beside nested tables). */
static int ct_runs_count(const char *nm)
{
    return !strcmp(nm, "div") || !strcmp(nm, "td");
}

/* A block child starts or the element ends: the text gathered since the
 * last block child is one loose run; a long enough one is a paragraph of
 * this element (scored in ct_finish, where boilerplate is known). O(1). */
static void ct_close_run(ct_state *c, int idx)
{
    ct_info *i = &c->info[idx];
    unsigned t = i->text - i->run_text, l = i->link - i->run_link;
    if (t >= CT_PARA_MIN && l * 2 < t && ct_runs_count(dom_name(i->node))) {
        i->loose_paras++;
        i->loose_ptext += t - l;
        i->loose_score += ct_para_score(t, i->commas - i->run_commas);
    }
    i->run_text = i->text;
    i->run_link = i->link;
    i->run_commas = i->commas;
}

/* Finish an element in the walk: raw bottom-up sums and table shape.
 * O(1) (a table looks up its enclosing table once: O(depth)). */
static void ct_exit(ct_state *c, int idx)
{
    ct_info *i = &c->info[idx];
    const char *nm = dom_name(i->node);
    int p = i->parent;
    if (p < 0)
        return;
    ct_info *pi = &c->info[p];
    if (i->text >= CT_PARA_MIN && !(i->flags & NI_HAS_BLOCK) &&
        ((i->tag & RT_PARA) || !strcmp(nm, "div")))
        i->rawp = i->text > i->link ? i->text - i->link : 0;
    if (i->flags & NI_HAS_BLOCK)
        ct_close_run(c, idx);
    if (!(i->flags & (NI_HIDDEN | NI_SKIP))) {
        /* hidden text does not count for the ancestors */
        pi->imgs += i->imgs + (nm[0] == 'i' && !strcmp(nm, "img") &&
                               !ct_is_pixel(i->node) && ct_img_has_real_src(i->node));
        pi->rawp += i->rawp;
        pi->text += i->text;
        pi->link += i->link;
        pi->commas += i->commas;
    }
    if (i->tag & RT_BLOCK)
        pi->flags |= NI_HAS_BLOCK;
    if ((i->tag & RT_BLOCK) || (i->flags & NI_HAS_BLOCK)) {
        /* the parent's next run starts after this block (an inline box
         * holding blocks ends the run too, its text is no loose text) */
        pi->run_text = pi->text;
        pi->run_link = pi->link;
        pi->run_commas = pi->commas;
    }
    if ((i->groups & RG_LEAD) && i->text >= CT_PARA_MIN)
        i->flags |= NI_HAS_LEAD; /* an empty lead slot keeps nothing */
    if ((i->flags & NI_HAS_LEAD) && !(i->flags & (NI_HIDDEN | NI_SKIP)))
        pi->flags |= NI_HAS_LEAD;
    pi->flags |= i->flags & NI_EMAIL_FORM;
    if (!strcmp(nm, "td") || !strcmp(nm, "th")) {
        pi->rows++; /* tr: cells */
        if (!strcmp(nm, "th"))
            pi->flags |= NI_TABLE_DATA;
    } else if (!strcmp(nm, "tr")) {
        /* the table is the parent or the grandparent (tbody) */
        int t = p;
        if (strcmp(dom_name(c->info[t].node), "table") && c->info[t].parent >= 0)
            t = c->info[t].parent;
        if (!strcmp(dom_name(c->info[t].node), "table")) {
            c->info[t].rows++;
            if (i->rows > c->info[t].cols)
                c->info[t].cols = i->rows;
            c->info[t].flags |= i->flags & NI_TABLE_DATA;
        }
    } else if (!strcmp(nm, "table")) {
        for (int a = p; a >= 0; a = c->info[a].parent)
            if (!strcmp(dom_name(c->info[a].node), "table")) {
                c->info[a].flags |= NI_NESTED_TABLE;
                break;
            }
    } else if (!strcmp(nm, "caption") || !strcmp(nm, "thead") ||
               !strcmp(nm, "colgroup") || !strcmp(nm, "tfoot")) {
        pi->flags |= NI_TABLE_DATA;
    }
}

static void ct_record_level(ct_state *c, int level, int idx);
static int ct_is_ancestor(const ct_state *c, int anc, int idx);
/* A lead longer than this (bytes) is a story of its own, not a standfirst. */
#define CT_LEAD_MAX 1000
/* A lead with more link text than this share is a teaser's link. */
#define CT_LEAD_LINK_MAX 0.5

/* After the walk, two linear passes over the side array (its order is
 * document pre-order, so a parent always precedes its descendants):
 *   forward: inherited hidden/boilerplate flags (a boilerplate box holding
 *     most of the page is not boilerplate), content-area lists;
 *   reverse: paragraphs, their votes for CT_SCORE_LEVELS ancestors, and the
 *     bottom-up paragraph sums that leave boilerplate out.
 * O(elements * CT_SCORE_LEVELS). */
static void ct_finish(ct_state *c)
{
    unsigned body_text = c->info[0].text;
    unsigned body_rawp = c->info[0].rawp;
    for (size_t k = 1; k < c->n; k++) {
        ct_info *i = &c->info[k];
        const ct_info *pi = &c->info[i->parent];
        unsigned f = pi->flags & (NI_IN_HIDDEN | NI_IN_BOILER);
        if (pi->flags & (NI_HIDDEN | NI_SKIP))
            f |= NI_IN_HIDDEN;
        if (ct_is_boiler(pi) && pi->parent >= 0) {
            int big_text = (double)pi->text >= CT_GUARD_SHARE * (double)body_text;
            int big_prose = (double)pi->rawp >= CT_GUARD_PROSE * (double)body_rawp;
            /* a comments box is often most of a page's prose: only a
             * wrapper holding most of the text and prose is content */
            int comments_only = !(pi->tag & RT_BOILER) && !(pi->groups & RG_BOILER);
            if (comments_only ? !(big_text && big_prose) : !(big_text || big_prose))
                f |= NI_IN_BOILER;
        }
        i->flags |= f;
        const char *nm = dom_name(i->node);
        if (!(i->flags & (NI_HIDDEN | NI_IN_HIDDEN | NI_IN_BOILER)) &&
            (!strcmp(nm, "div") || !strcmp(nm, "article") ||
             !strcmp(nm, "section") || !strcmp(nm, "main"))) {
            if (i->groups & RG_AREA1)
                ct_record_level(c, 0, (int)k);
            if (i->flags & NI_ARTICLE)
                ct_record_level(c, 1, (int)k);
            if (i->groups & RG_AREA2)
                ct_record_level(c, 2, (int)k);
            if (i->groups & RG_AREA3)
                ct_record_level(c, 3, (int)k);
            if ((i->groups & RG_AREA4) || (i->flags & NI_MAIN))
                ct_record_level(c, 4, (int)k);
        }
        if ((i->groups & RG_LEAD) && c->lead_n < CT_LEAD_KEEP &&
            !(i->flags & (NI_HIDDEN | NI_SKIP | NI_IN_HIDDEN | NI_IN_BOILER)) &&
            i->text >= CT_PARA_MIN && i->text <= CT_LEAD_MAX &&
            (double)i->link <= CT_LEAD_LINK_MAX * (double)i->text &&
            !(c->lead_n > 0 && ct_is_ancestor(c, c->lead_idx[c->lead_n - 1], (int)k)))
            c->lead_idx[c->lead_n++] = (int)k;
    }
    for (size_t k = c->n; k-- > 0;) {
        ct_info *i = &c->info[k];
        const char *nm = dom_name(i->node);
        int is_para = 0;
        if (!(i->flags & (NI_HIDDEN | NI_SKIP | NI_IN_HIDDEN | NI_IN_BOILER))) {
            if (i->tag & RT_PARA)
                is_para = strcmp(nm, "td") != 0 || !(i->flags & NI_HAS_BLOCK);
            else if ((i->tag & RT_BLOCK) && !(i->flags & NI_HAS_BLOCK) &&
                     !(i->tag & RT_HEADING) && strcmp(nm, "li") &&
                     strcmp(nm, "tr") && strcmp(nm, "th") && k != 0)
                is_para = 1; /* a div holding only text */
        }
        if (i->loose_paras && !(i->groups & RG_WEAK) &&
            !(i->flags & (NI_HIDDEN | NI_SKIP | NI_IN_HIDDEN | NI_IN_BOILER))) {
            /* loose runs are paragraphs whose parent is this element (for
             * the score and the prose sums; the paragraph count stays that
             * of marked-up blocks, the build's shape tests use it). Not in
             * a weak-named box: an author bio or byline panel's loose text
             * would pull the climb out of the body box. */
            i->ptext += i->loose_ptext;
            ct_add_score(c, (int)k, i->loose_score, 0);
        }
        if (is_para && i->text >= CT_PARA_MIN) {
            unsigned own_text = i->text - i->link;
            i->flags |= NI_PARA;
            i->paras++;
            /* paragraph text counts only its non-link part */
            i->ptext += own_text > i->ptext ? own_text - i->ptext : 0;
            float s = ct_para_score(i->text, i->commas);
            if (i->link * 2 < i->text)
                ct_add_score(c, (int)k, s, 1);
            if ((!strcmp(nm, "p") || !strcmp(nm, "pre")) &&
                i->text >= CT_READERABLE_MIN_LEN)
                c->readerable += sqrt((double)(i->text - CT_READERABLE_MIN_LEN));
        }
        if (!strcmp(nm, "table")) {
            /* Readability's data-table test, simplified. */
            if ((i->flags & NI_TABLE_DATA) && !(i->flags & NI_NESTED_TABLE))
                ;
            else if (i->flags & NI_NESTED_TABLE)
                i->flags |= NI_LAYOUT;
            else if (i->rows <= 1 || i->cols <= 1)
                i->flags |= NI_LAYOUT;
            else if (i->rows * i->cols >= 10 && i->paras <= i->rows)
                ;
            else if (i->paras > 2 || i->text > 1000)
                i->flags |= NI_LAYOUT;
        }
        if (i->parent >= 0 && !(i->flags & (NI_HIDDEN | NI_SKIP)) && !ct_is_boiler(i)) {
            c->info[i->parent].ptext += i->ptext;
            c->info[i->parent].paras += i->paras;
        }
    }
}

static void ct_record_level(ct_state *c, int level, int idx)
{
    if (c->level_n[level] < CT_LEVEL_KEEP)
        c->level_idx[level][c->level_n[level]] = idx;
    c->level_n[level]++;
}

/* An e-mail field (<input type=email>, or a text field whose name or id
 * says mail: Mailchimp's EMAIL, "receiverData[email]", "your-email"): the
 * box holding it asks for an address, a newsletter sign-up or a comment
 * form, never the story. O(attributes). */
static int ct_is_email_input(const xmlNode *n, const char *nm)
{
    if (strcmp(nm, "input") != 0)
        return 0;
    const char *type = dom_attr(n, "type");
    if (type && !strcasecmp(type, "email"))
        return 1;
    if (type && strcasecmp(type, "text") != 0)
        return 0;
    const char *name = dom_attr(n, "name"), *id = dom_attr(n, "id");
    return (name && ct_contains_ci(name, "mail")) || (id && ct_contains_ci(id, "mail"));
}

/* Classify an element on entry: returns 0 to drop the subtree, 1 to keep. */
static int ct_enter(ct_state *c, xmlNode *n, int parent, int *out_idx)
{
    const char *nm = dom_name(n);
    unsigned tag = rules_tag(nm);
    if ((tag & RT_BLOCK) && parent >= 0)
        ct_close_run(c, parent); /* a block ends the parent's loose run */
    int is_noscript = !strcmp(nm, "noscript");
    if ((tag & RT_DROP) && parent >= 0 && ct_is_email_input(n, nm))
        c->info[parent].flags |= NI_EMAIL_FORM;
    if (tag & RT_DROP)
        return 0;
    if (is_noscript && !ct_noscript_keep(c, n))
        return 0;
    int idx = ct_new_info(c, n, parent);
    if (idx < 0)
        return 0;
    ct_info *i = &c->info[idx];
    i->tag = tag;
    unsigned flags = 0;
    if (n->properties)
        i->groups = ct_groups(c, n, &flags);
    if (is_noscript)
        flags |= NI_NOSCRIPT;
    if (!strcmp(nm, "article"))
        flags |= NI_ARTICLE;
    else if (!strcmp(nm, "main"))
        flags |= NI_MAIN;
    else if (!strcmp(nm, "header"))
        flags |= NI_HEADER_TAG;
    if (parent < 0)
        flags &= ~NI_HIDDEN; /* some pages hide <body> until scripts run */
    i->flags = flags;
    *out_idx = idx;
    return 1;
}

/* A link that goes somewhere (javascript: and bare anchors are text). */
static int ct_is_real_link(const xmlNode *n)
{
    if (strcmp(dom_name(n), "a") != 0)
        return 0;
    const char *h = dom_attr(n, "href");
    if (!h)
        return 0;
    while (*h == ' ')
        h++;
    return *h && strncasecmp(h, "javascript:", 11) != 0;
}

/* Some blog engines ship the article body as HTML inside
 * <script type="text/template"> in the body box, for a script to insert.
 * When such a template sits directly in a content-area box, parse it in
 * place (the parsed nodes are inserted after the script, which the walk
 * then drops) so the walk reads it as the page shows it. Parsing is
 * O(template size), once per template. */
#define CT_TEMPLATE_MIN 200 /* shorter templates are widgets, not bodies */
static void ct_expand_template(ct_state *c, xmlNode *script, int parent)
{
    const char *type = dom_attr(script, "type");
    if (!type || !ct_contains_ci(type, "template") || parent < 0 ||
        !(c->info[parent].groups & RG_AREA_ANY))
        return;
    xmlNode *t = script->children;
    if (!t || t->next || !t->content ||
        strlen((const char *)t->content) < CT_TEMPLATE_MIN)
        return;
    xmlNode *list = NULL;
    const char *src = (const char *)t->content;
    if (xmlParseInNodeContext(script->parent, src, (int)strlen(src),
                              HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                  HTML_PARSE_NONET,
                              &list) != XML_ERR_OK || !list) {
        if (list)
            xmlFreeNodeList(list);
        return;
    }
    xmlNode *at = script;
    while (list) {
        xmlNode *nx = list->next;
        xmlUnlinkNode(list);
        xmlAddNextSibling(at, list);
        at = list;
        list = nx;
    }
}

/* <script .../> closes nothing in a browser: the script's code runs on to
 * </script>, but libxml2 takes the tag as empty and leaves the code as a
 * text node after it, which would show as a paragraph of JavaScript. The
 * text right after an empty script is that code when it ends as code
 * does (';', '}' or ')') and holds a token only code holds
 * (rules_script_markers: "function(", "document."...). O(text). */
static int ct_stray_script_text(const xmlNode *script, const xmlNode *t)
{
    if (script->children || !t || t->type != XML_TEXT_NODE || !t->content)
        return 0;
    const char *s = (const char *)t->content;
    size_t len = strlen(s);
    while (len && ct_is_space((unsigned char)s[len - 1]))
        len--;
    if (!len || !strchr(";})", s[len - 1]))
        return 0;
    for (int k = 0; rules_script_markers[k]; k++)
        if (strstr(s, rules_script_markers[k]))
            return 1;
    return 0;
}

/* The walk: pre-order entry, post-order exit, iterative. O(nodes). */
static void ct_annotate(ct_state *c, xmlNode *root)
{
    int idx;
    if (!ct_enter(c, root, -1, &idx))
        return;
    int cur = idx;      /* info of the element whose children we walk */
    int link_depth = 0; /* open <a> elements */
    xmlNode *n = root->children;
    while (cur >= 0) {
        while (n) {
            xmlNode *next = n->next;
            if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
                if (n->content) {
                    ct_info *pi = &c->info[cur];
                    unsigned l = ct_text_len((const char *)n->content, &pi->commas);
                    pi->text += l;
                    if (link_depth)
                        pi->link += l;
                }
            } else if (n->type == XML_ELEMENT_NODE) {
                int child;
                if (!ct_enter(c, n, cur, &child)) {
                    if (c->oom)
                        return;
                    if (!strcmp(dom_name(n), "script")) {
                        ct_expand_template(c, n, cur);
                        next = n->next;
                        if (ct_stray_script_text(n, next)) {
                            xmlNode *code = next;
                            next = code->next;
                            xmlUnlinkNode(code);
                            xmlFreeNode(code);
                        }
                    }
                    xmlUnlinkNode(n);
                    xmlFreeNode(n);
                } else if (n->children) {
                    if (ct_is_real_link(n))
                        link_depth++;
                    cur = child;
                    n = n->children;
                    continue;
                } else {
                    ct_exit(c, child);
                }
            } else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
                xmlUnlinkNode(n);
                xmlFreeNode(n);
            }
            n = next;
        }
        /* children done: finish cur and continue with its next sibling */
        xmlNode *done = c->info[cur].node;
        if (link_depth > 0 && ct_is_real_link(done))
            link_depth--;
        int up = c->info[cur].parent;
        ct_exit(c, cur);
        if (done == root)
            break;
        n = done->next;
        cur = up;
    }
}

/* ---- 2. choose ------------------------------------------------------------ */

static double ct_link_density(const ct_info *i)
{
    return i->text ? (double)i->link / (double)i->text : 0.0;
}

static int ct_is_ancestor(const ct_state *c, int anc, int idx)
{
    /* O(depth) */
    for (int p = idx; p >= 0; p = c->info[p].parent)
        if (p == anc)
            return 1;
    return 0;
}

static float ct_final_score(const ct_state *c, int idx)
{
    const ct_info *i = &c->info[idx];
    float s = i->score + (float)rules_tag_weight(dom_name(i->node));
    if (i->groups & RG_POSITIVE)
        s += CT_CLASS_WEIGHT;
    if (i->groups & RG_NEGATIVE)
        s -= CT_CLASS_WEIGHT;
    if (i->groups & (RG_BOILER | RG_COMMENTS))
        s -= CT_CLASS_WEIGHT;
    return s * (float)(1.0 - ct_link_density(i));
}

/* Top Readability-like candidate. O(elements). */
static int ct_top_candidate(const ct_state *c)
{
    int best = -1;
    float bs = 0;
    for (size_t k = 1; k < c->n; k++) {
        const ct_info *i = &c->info[k];
        if (i->score <= 0 ||
            (i->flags & (NI_HIDDEN | NI_SKIP | NI_IN_HIDDEN | NI_IN_BOILER)))
            continue;
        float s = ct_final_score(c, (int)k);
        if (best < 0 || s > bs) {
            best = (int)k;
            bs = s;
        }
    }
    if (best < 0)
        return best;
    /* Readability: a parent whose score is close keeps more of the story
     * (captions, subheads). Climb while the parent scores at least as well
     * relative to its content. O(depth). */
    int cur = best;
    for (int steps = 0; steps < 3; steps++) {
        int p = c->info[cur].parent;
        if (p <= 0)
            break;
        const ct_info *pi = &c->info[p];
        if (pi->flags & (NI_HIDDEN | NI_SKIP))
            break;
        /* the parent adds little besides this candidate: take it */
        if (pi->ptext <= c->info[cur].ptext + c->info[cur].ptext / 10 &&
            ct_link_density(pi) < 0.5 && pi->text < c->info[cur].text * 2)
            cur = p;
        else
            break;
    }
    return cur;
}

/* First trusted element of the content-area levels. */
static int ct_area_candidate(const ct_state *c)
{
    for (int lv = 0; lv < CT_LEVELS; lv++) {
        int n = c->level_n[lv] < CT_LEVEL_KEEP ? c->level_n[lv] : CT_LEVEL_KEEP;
        for (int k = 0; k < n; k++) {
            const ct_info *i = &c->info[c->level_idx[lv][k]];
            if (i->text - i->link >= CT_MIN_AREA_TEXT && ct_link_density(i) < 0.5 &&
                i->paras > 0)
                return c->level_idx[lv][k];
        }
    }
    return -1;
}

/* Climb from the chosen box while its parent holds clearly more clean
 * prose (a story split in several sibling sections, a lead paragraph
 * outside the body box). O(CT_MAX_CLIMB). */
#define CT_MAX_CLIMB 3
#define CT_CLIMB_GAIN 1.2 /* parent prose / child prose to climb */
#define CT_MAX_WRAPPERS 4 /* prose-less wrapper levels looked through */
static int ct_expand(const ct_state *c, int idx)
{
    int cur = idx;
    for (int steps = 0; steps < CT_MAX_CLIMB; steps++) {
        int p = c->info[cur].parent;
        if (p <= 0)
            break;
        const ct_info *ci = &c->info[cur];
        /* wrappers that add no prose (div.container > div.row) are looked
         * through: the section beside this one is a level higher */
        int wrap = p, wraps = 0;
        while (wraps < CT_MAX_WRAPPERS && c->info[wrap].parent > 0 &&
               c->info[wrap].ptext == ci->ptext &&
               !(c->info[wrap].flags & (NI_HIDDEN | NI_IN_HIDDEN | NI_IN_BOILER))) {
            wrap = c->info[wrap].parent;
            wraps++;
        }
        const ct_info *pi = &c->info[wrap];
        if (pi->flags & (NI_HIDDEN | NI_IN_HIDDEN | NI_IN_BOILER))
            break;
        if ((double)pi->ptext >= CT_CLIMB_GAIN * (double)ci->ptext + 50 &&
            ct_link_density(pi) < 0.4)
            cur = wrap;
        else
            break;
    }
    return cur;
}

/* ---- 3. build ------------------------------------------------------------- */

/* Output kinds: what an output element accepts. */
enum {
    OK_WRAP = 0, /* article, blockquote: blocks; loose inline -> <p> */
    OK_FLOW,     /* li, td, th, dd: blocks and inline */
    OK_FIG,      /* figure: images and blocks; loose inline -> <figcaption> */
    OK_PHRASE,   /* p, h1-6, dt, figcaption, caption, pre, inline */
    OK_LIST,     /* ul, ol: li; loose content -> <li> */
    OK_DL,       /* dl: dt/dd; loose content -> <dd> */
    OK_TABLE     /* table, thead, tbody, tfoot, tr: structure only */
};

typedef struct {
    xmlNode *in;
    xmlNode *out;     /* receives children */
    xmlNode *created; /* element this frame created (or NULL) */
    xmlNode *imp;     /* implicit p/li/dd for loose inline content */
    int imp_owner;    /* frame index owning the implicit slot */
    int kind;
    int pre;
} ct_frame;

typedef struct {
    ct_state *c;
    xmlDocPtr doc;
    ct_frame *f;
    int nf, capf;
    xmlNode *root_out;
    const ct_info *croot; /* container info, for share guards */
    int teaser_head;      /* a teaser headline (all link) was just left out */
    /* The text node ct_add_text last wrote into, its content pointer, its
     * length and allocated size (tail is NULL when unknown). */
    xmlNode *tail;
    xmlChar *tail_content;
    size_t tail_len, tail_cap;
} ct_build;

static int ct_push(ct_build *b, ct_frame fr)
{
    if (b->nf == b->capf) {
        int cap = b->capf ? b->capf * 2 : 64;
        ct_frame *p = realloc(b->f, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        b->f = p;
        b->capf = cap;
    }
    b->f[b->nf++] = fr;
    return 0;
}

static xmlNode *ct_new_elem(ct_build *b, xmlNode *parent, const char *name)
{
    xmlNode *e = xmlNewDocNode(b->doc, NULL, (const xmlChar *)name, NULL);
    if (e && parent)
        xmlAddChild(parent, e);
    return e;
}

/* Append text s to parent as xmlAddChild(parent, xmlNewDocText(s)) does
 * (merged into a last text child), without its cost: xmlAddChild merges
 * with xmlStrncat, which takes strlen of the merged text at every append,
 * quadratic on a long run of small texts (15,600 appends cost one corpus
 * page 67M instructions). The build keeps the length and size of the text
 * node it last wrote into and appends there with amortised growth. */
static void ct_add_text(ct_build *b, xmlNode *parent, const char *s)
{
    if (!parent)
        return;
    size_t n = strlen(s);
    xmlNode *last = parent->last;
    if (b->tail && last == b->tail && last->content == b->tail_content) {
        if (b->tail_len + n + 1 > b->tail_cap) {
            size_t cap = b->tail_cap * 2;
            if (cap < b->tail_len + n + 1)
                cap = b->tail_len + n + 1;
            xmlChar *c = xmlRealloc(last->content, cap);
            if (!c)
                return;
            last->content = b->tail_content = c;
            b->tail_cap = cap;
        }
        memcpy(last->content + b->tail_len, s, n + 1);
        b->tail_len += n;
        return;
    }
    xmlNode *t = xmlNewDocText(b->doc, (const xmlChar *)s);
    if (!t)
        return;
    xmlNode *r = xmlAddChild(parent, t);
    b->tail = NULL;
    if (r && r->type == XML_TEXT_NODE && r->content) {
        b->tail = r;
        b->tail_content = r->content;
        b->tail_len = strlen((const char *)r->content);
        b->tail_cap = b->tail_len + 1;
    }
}

/* Where inline content of the top frame goes, creating the implicit
 * wrapper when needed; NULL when inline content is not allowed. */
static xmlNode *ct_inline_target(ct_build *b, int create)
{
    ct_frame *fr = &b->f[b->nf - 1];
    switch (fr->kind) {
    case OK_FLOW:
    case OK_PHRASE:
        return fr->out;
    case OK_TABLE:
        return NULL;
    default:
        break;
    }
    ct_frame *owner = &b->f[fr->imp_owner];
    if (owner->imp)
        return owner->imp;
    if (!create)
        return NULL;
    const char *w = fr->kind == OK_LIST  ? "li"
                    : fr->kind == OK_DL  ? "dd"
                    : fr->kind == OK_FIG ? "figcaption"
                                         : "p";
    owner->imp = ct_new_elem(b, fr->out, w);
    return owner->imp;
}

static void ct_close_implicit(ct_build *b)
{
    ct_frame *fr = &b->f[b->nf - 1];
    b->f[fr->imp_owner].imp = NULL;
}

static int ct_is_placeholder(const char *src)
{
    if (!src || !*src)
        return 1;
    for (int k = 0; rules_placeholder_src[k]; k++)
        if (strstr(src, rules_placeholder_src[k]))
            return 1;
    return 0;
}

/* The best srcset candidate (dom_srcset_best), copied into buf. */
static const char *ct_srcset_best(const char *v, char *buf, size_t cap)
{
    size_t n;
    const char *u = cap ? dom_srcset_best(v, cap - 1, &n) : NULL;
    if (!u)
        return NULL;
    memcpy(buf, u, n);
    buf[n] = '\0';
    return buf;
}

static const char *ct_img_src(const xmlNode *img, char *buf, size_t cap)
{
    for (int k = 0; rules_lazy_src_attrs[k]; k++) {
        const char *v = dom_attr(img, rules_lazy_src_attrs[k]);
        if (v && !ct_is_placeholder(v))
            return v;
    }
    const char *src = dom_attr(img, "src");
    if (src && !ct_is_placeholder(src))
        return src;
    const char *ss = dom_attr(img, "data-srcset");
    if (!ss)
        ss = dom_attr(img, "srcset");
    if (ss) {
        const char *u = ct_srcset_best(ss, buf, cap);
        if (u && !ct_is_placeholder(u))
            return u;
    }
    return NULL;
}

static int ct_img_has_real_src(const xmlNode *img)
{
    char buf[512];
    return ct_img_src(img, buf, sizeof buf) != NULL;
}

/* Attributes copied as they are from an input element to its output copy,
 * by output element (the renderers sanitise them): list numbering, table
 * cell spans, link and image titles and sizes. */
typedef struct {
    const char *elem;
    const char *const *attrs;
} ct_keep_attrs;
static const char *const ct_attrs_a[] = {"title", NULL};
static const char *const ct_attrs_img[] = {"alt", "title", "width", "height", NULL};
static const char *const ct_attrs_ol[] = {"start", "reversed", "type", NULL};
static const char *const ct_attrs_li[] = {"value", NULL};
static const char *const ct_attrs_td[] = {"colspan", "rowspan", NULL};
static const char *const ct_attrs_th[] = {"colspan", "rowspan", "scope", NULL};
static const ct_keep_attrs ct_keep[] = {
    {"a", ct_attrs_a},   {"img", ct_attrs_img}, {"ol", ct_attrs_ol},
    {"li", ct_attrs_li}, {"td", ct_attrs_td},   {"th", ct_attrs_th},
};

/* Copy the kept attributes of `in` onto `out`. O(attributes). */
static void ct_copy_attrs(xmlNode *out, const xmlNode *in)
{
    if (!out || !in->properties)
        return;
    const char *on = dom_name(out);
    for (size_t k = 0; k < sizeof ct_keep / sizeof ct_keep[0]; k++) {
        if (strcmp(on, ct_keep[k].elem))
            continue;
        for (const char *const *a = ct_keep[k].attrs; *a; a++) {
            const char *v = dom_attr(in, *a);
            if (v && *v)
                xmlNewProp(out, (const xmlChar *)*a, (const xmlChar *)v);
        }
        return;
    }
}

/* A code block's language as class="language-x" on the output element
 * (from class="language-x"/"lang-x"/data-lang on the element or, for pre,
 * its first <code> child), for the Markdown fence and the HTML. */
#define CT_LANG_MAX 32 /* longest language name kept */
static void ct_copy_code_lang(xmlNode *out, const xmlNode *in)
{
    char lang[CT_LANG_MAX + 1], cls[CT_LANG_MAX + 16];
    if (!out || !render_code_lang(in, lang, sizeof lang))
        return;
    snprintf(cls, sizeof cls, "language-%s", lang);
    xmlNewProp(out, (const xmlChar *)"class", (const xmlChar *)cls);
}

/* A tracking pixel: declared 0 or 1 pixel wide or high. */
static int ct_is_pixel(const xmlNode *img)
{
    const char *w = dom_attr(img, "width"), *h = dom_attr(img, "height");
    return (w && (!strcmp(w, "0") || !strcmp(w, "1"))) ||
           (h && (!strcmp(h, "0") || !strcmp(h, "1")));
}

static void ct_add_img(ct_build *b, xmlNode *in, xmlNode *target)
{
    char buf[1024];
    const char *src = ct_img_src(in, buf, sizeof buf);
    char *abs = NULL;
    if (!target)
        return;
    /* <picture><source srcset><img>: the sources hold the URLs (libxml2
     * nests the img inside the sources) */
    if (!src) {
        const char *pn = in->parent ? dom_name(in->parent) : "";
        if (!strcmp(pn, "source") || !strcmp(pn, "picture"))
            abs = render_img_src(in, b->c->ctx);
    } else {
        abs = url_resolve(b->c->ctx->base_url, src);
    }
    if (!abs || ct_is_pixel(in)) {
        free(abs);
        return;
    }
    xmlNode *img = ct_new_elem(b, target, "img");
    if (img) {
        xmlNewProp(img, (const xmlChar *)"src", (const xmlChar *)abs);
        ct_copy_attrs(img, in);
    }
    free(abs);
}

static int ct_all_space(const char *s)
{
    for (; *s; s++)
        if (!ct_is_space((unsigned char)*s))
            return 0;
    return 1;
}

static int ct_all_space_node(const xmlNode *t)
{
    return !t->content || ct_all_space((const char *)t->content);
}

/* Whitespace or invisible-space characters only: ASCII spaces, U+00A0
 * (&nbsp;), U+2000-200B, U+3000, U+FEFF. A CMS's spacer paragraph
 * (<p>&nbsp;</p>) is no paragraph; between two inline elements such a
 * text is one space. */
static int ct_blank(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (ct_is_space(*p))
            p++;
        else if (p[0] == 0xC2 && p[1] == 0xA0)
            p += 2;
        else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x80 && p[2] <= 0x8B)
            p += 3;
        else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
            p += 3;
        else if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
            p += 3;
        else
            return 0;
    }
    return 1;
}

/* A box of real prose (several plain paragraphs, few links) is content
 * whatever its name says ("section-sharing-...", "has-related"). */
#define CT_PROSE_PARAS 3
#define CT_PROSE_TEXT 500
static int ct_is_prose(const ct_info *i, const ct_info *root)
{
    return i->paras >= CT_PROSE_PARAS && i->ptext >= CT_PROSE_TEXT &&
           ct_link_density(i) < 0.1 && i->text * 6 >= root->text;
}

/* A weak-looking box that is the story's lead ("teaser-text", "lead"), or
 * a header box (tag or name) holding it, stays: its byline and date lines
 * are weak themselves. A teaser box holding a teaser text is no header and
 * goes; so does a link-heavy lead (a teaser's "read more"). */
static int ct_keeps_lead(const ct_info *i)
{
    if (!(i->flags & NI_HAS_LEAD) || ct_link_density(i) > CT_LEAD_LINK_MAX)
        return 0;
    return (i->groups & RG_LEAD) || (i->flags & NI_HEADER_TAG) ||
           (i->groups & RG_HEADBOX);
}

/* A <header> holding nothing but one h2-h6 heading is a section's head
 * (an accordion's title), not the story's header with its byline: it
 * stays like a bare heading would. O(children). */
static int ct_is_section_head(const ct_info *i)
{
    if (!(i->flags & NI_HEADER_TAG) || (i->groups & (RG_WEAK | RG_BOILER)))
        return 0;
    const xmlNode *h = NULL;
    for (const xmlNode *k = i->node->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE && ct_all_space_node(k))
            continue;
        if (k->type != XML_ELEMENT_NODE || h)
            return 0;
        h = k;
    }
    const char *nm = h ? dom_name(h) : "";
    return nm[0] == 'h' && nm[1] >= '2' && nm[1] <= '6' && nm[2] == 0;
}

/* A cell of a data table (its table, at most CT_CELL_DEPTH levels up: tr,
 * tbody, table, is no layout table): its links are the row's data (an
 * ingredient linked to its article), judged with the whole table, not
 * cell by cell. O(1). */
#define CT_CELL_DEPTH 3
static int ct_in_data_table(const ct_state *c, const ct_info *cell)
{
    int p = cell->parent;
    for (int k = 0; k < CT_CELL_DEPTH && p >= 0; k++, p = c->info[p].parent)
        if (!strcmp(dom_name(c->info[p].node), "table"))
            return !(c->info[p].flags & NI_LAYOUT);
    return 0;
}

/* Link density above which a list is links even inside a content area. */
#define CT_LINK_LIST_MAX 0.8

/* A box holding an e-mail field and at most this much text (bytes) is a
 * sign-up or comment form with its pitch; longer, it may wrap the story. */
#define CT_SIGNUP_TEXT 600
/* bytes: a box title longer than this is no call to action's heading */
#define CT_CTA_HEAD_TEXT 100
/* A box whose first element (itself or its first child, two levels at
 * most) is a short heading that calls to action ("Sign up for the X
 * newsletter", "Follow us"): a promotion box standing in the story.
 * O(1) steps plus the heading's text. */
static int ct_cta_headed(const xmlNode *box)
{
    const xmlNode *h = box->children;
    for (int depth = 0; depth < 2; depth++) {
        while (h && h->type != XML_ELEMENT_NODE) {
            if (h->type == XML_TEXT_NODE && !ct_all_space_node(h))
                return 0; /* text before the heading */
            h = h->next;
        }
        if (!h)
            return 0;
        const char *nm = dom_name(h);
        if (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2])
            break;
        if (depth == 1)
            return 0;
        h = h->children;
    }
    if (!h)
        return 0;
    sbuf t;
    sbuf_init(&t);
    dom_text(h, &t);
    int cta = !t.oom && t.s && t.len <= CT_CTA_HEAD_TEXT && rules_is_cta(t.s);
    sbuf_free(&t);
    return cta;
}
/* Decide whether an element inside the container is left out. */
static int ct_prune(ct_build *b, const ct_info *i)
{
    ct_state *c = b->c;
    const ct_info *r = b->croot;
    const char *nm = dom_name(i->node);
    double share = r->text ? (double)i->text / (double)r->text : 0;
    int guard = (share > CT_GUARD_SHARE && ct_link_density(i) < 0.3) ||
                (double)i->rawp > CT_GUARD_PROSE * (double)r->rawp;
    double ld = ct_link_density(i);
    if (i->flags & NI_SKIP)
        return 1;
    /* hidden text is not in the container's sums: weigh it against the
     * visible text plus its own (a page hiding its whole article until a
     * script runs keeps it; a hidden paragraph among visible ones goes) */
    if ((i->flags & NI_HIDDEN) &&
        !((double)i->text > CT_GUARD_SHARE * (double)(r->text + i->text) && ld < 0.3))
        return 1;
    /* a list of links is a list of links whatever its names say
     * ("story-contents__paragraph-list" holding related headlines) */
    if ((!strcmp(nm, "ul") || !strcmp(nm, "ol")) && ld > CT_LINK_LIST_MAX && !guard)
        return 1;
    if (i->groups & (RG_AREA1 | RG_AREA2))
        return 0;
    /* a short box asking for an e-mail address (newsletter sign-up in
     * the middle of the story, its heading and pitch with it) */
    if ((i->flags & NI_EMAIL_FORM) && i->text <= CT_SIGNUP_TEXT && !guard &&
        (i->tag & RT_BLOCK))
        return 1;
    /* the same box without its form: headed by a call to action */
    if (i->text <= CT_SIGNUP_TEXT && !guard && (i->flags & NI_HAS_BLOCK) &&
        (!strcmp(nm, "div") || !strcmp(nm, "aside") || !strcmp(nm, "section")) &&
        ct_cta_headed(i->node))
        return 1;
    if ((i->tag & RT_BOILER) && !guard)
        return 1;
    if ((i->groups & RG_BOILER) && !guard && !ct_is_prose(i, r))
        return 1;
    /* comments are often most of a page's prose: only a box holding most
     * of both the text and the prose is the content itself */
    if ((i->groups & RG_COMMENTS) && !c->in_comments &&
        !(share > CT_GUARD_SHARE && ld < 0.3 &&
          (double)i->rawp > CT_GUARD_PROSE * (double)r->rawp))
        return 1;
    /* a data table (rows and columns of values: ingredients, prices) is
     * content whatever its styling names say ("table-header") */
    int data_table = !strcmp(nm, "table") && !(i->flags & NI_LAYOUT) &&
                     !(i->groups & (RG_BOILER | RG_COMMENTS));
    if (((i->groups & RG_WEAK) || (i->flags & NI_HEADER_TAG)) && !ct_keeps_lead(i) &&
        !data_table && !ct_is_section_head(i)) {
        if (c->mode == 0 && !guard)
            return 1;
        if (c->mode == 1 && (ld > 0.3 || i->text < CT_WEAK_KEEP_TEXT) && !guard)
            return 1;
        if (c->mode == 2 && ld > 0.5 && !guard)
            return 1;
    }
    if (i->text > 0 && (!strcmp(nm, "ul") || !strcmp(nm, "ol") ||
                        (!strcmp(nm, "td") && !ct_in_data_table(c, i)) ||
                        !strcmp(nm, "div") || !strcmp(nm, "section") ||
                        !strcmp(nm, "dl") || !strcmp(nm, "table"))) {
        if (ld > ct_link_block_max[c->mode] && !guard)
            return 1;
    }
    if (!strcmp(nm, "p") && i->text > 0 &&
        ld > ct_link_para_max[c->mode] && i->text < CT_LINK_PARA_TEXT)
        return 1;
    if (b->c->jt_filter) {
        /* jusText-like: in a whole-body fallback keep only text blocks that
         * look like prose */
        if ((i->flags & NI_PARA) && (ld > 0.3 || i->text < 40))
            return 1;
        if (!(i->flags & NI_HAS_BLOCK) && i->paras == 0 && !(i->tag & RT_HEADING) &&
            (i->tag & RT_BLOCK) && ld > 0.2)
            return 1;
    }
    return 0;
}

static const char *ct_last_text(const xmlNode *n);
static int ct_ends_sentence(const char *t);
/* Text ending in '?' ("Schon gelesen?"): a title may ask. */
static int ct_ends_question(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    return n && (t[n - 1] == '?' ||
                 (n >= 3 && !memcmp(t + n - 3, "\xEF\xBC\x9F", 3)));
}

/* A pruned block (related links, share box) often has its title just
 * before it: a heading, or a short bold-only paragraph. Remove that title
 * when it is the last thing written. O(1) plus the title's size. */
#define CT_TITLE_MAX 80
static void ct_drop_block_title(ct_build *b)
{
    xmlNode *out = b->f[b->nf - 1].out;
    xmlNode *last = out ? out->last : NULL;
    while (last && last->type == XML_TEXT_NODE && ct_all_space_node(last))
        last = last->prev;
    if (!last || last->type != XML_ELEMENT_NODE)
        return;
    const char *nm = dom_name(last);
    int heading = nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2];
    if (!heading && strcmp(nm, "p") != 0)
        return;
    size_t len = 0;
    int bold_only = 1;
    for (xmlNode *k = last->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE) {
            if (!ct_all_space_node(k))
                bold_only = 0;
            len += k->content ? strlen((const char *)k->content) : 0;
        } else if (k->type == XML_ELEMENT_NODE) {
            const char *kn = dom_name(k);
            if (strcmp(kn, "strong") && strcmp(kn, "b"))
                bold_only = 0;
            for (xmlNode *g = k->children; g; g = g->next)
                if (g->type == XML_TEXT_NODE && g->content)
                    len += strlen((const char *)g->content);
        }
    }
    if (len > CT_TITLE_MAX || (!heading && !bold_only))
        return;
    /* a bold line ending like a sentence ("Thanks for the tip...") is the
     * story's last word, not the title of the box after it */
    if (!heading && ct_ends_sentence(ct_last_text(last)) &&
        !ct_ends_question(ct_last_text(last)))
        return;
    /* the title may be the implicit paragraph a frame still writes loose
     * text into (a bold line directly in a wrapper): forget it first */
    for (int k = 0; k < b->nf; k++)
        if (b->f[k].imp == last)
            b->f[k].imp = NULL;
    b->tail = NULL; /* it may be inside last */
    xmlUnlinkNode(last);
    xmlFreeNode(last);
}

/* A box of an image or few and a short line that is no sentence (an
 * unmarked photo credit: "Foto: X", "AFP / NAME"): built as a <figure>
 * whose text is its caption. Real captions (sentences) stay text. */
#define CT_CAPTION_TEXT 150 /* bytes: longer text is a caption worth reading */
#define CT_CAPTION_IMGS 3
static const char *ct_last_text(const xmlNode *n);
static int ct_ends_sentence(const char *t);
static int ct_is_caption_box(const char *nm, const ct_info *i)
{
    return !strcmp(nm, "div") && i->imgs >= 1 && i->imgs <= CT_CAPTION_IMGS &&
           i->text > 0 && i->text <= CT_CAPTION_TEXT && i->paras <= 1 &&
           !ct_ends_sentence(ct_last_text(i->node));
}

static int ct_tr_parent_ok(const ct_frame *fr)
{
    return fr->kind == OK_TABLE && fr->created &&
           !strcmp(dom_name(fr->created), "tr");
}

/* Teasers of other stories inside the content: a heading that is all one
 * link (to another page: not an in-page anchor), and the cut
 * excerpt after it, ending in "...", "…" or "[…]". */
#define CT_TEASER_LINK 0.9   /* link share of a heading that is a link */
#define CT_EXCERPT_TEXT 400  /* bytes: a longer paragraph is the story's */
static int ct_is_teaser_head(const ct_info *i)
{
    /* an h1 is the page's own title, linked to itself or not */
    if (i->text == 0 || (double)i->link < CT_TEASER_LINK * (double)i->text ||
        !strcmp(dom_name(i->node), "h1"))
        return 0;
    /* the link among its children or grandchildren: an in-page anchor
     * ("#section", a heading's own permalink) is no teaser */
    for (const xmlNode *k = i->node->children; k; k = k->next) {
        const xmlNode *a = !strcmp(dom_name(k), "a") ? k : NULL;
        for (const xmlNode *g = k->children; !a && g; g = g->next)
            if (!strcmp(dom_name(g), "a"))
                a = g;
        if (a) {
            const char *h = dom_attr(a, "href");
            while (h && *h == ' ')
                h++;
            return h && *h && *h != '#';
        }
    }
    /* or the heading sits inside the link (<a><h3>...</h3></a>) */
    const xmlNode *a = i->node->parent;
    for (int up = 0; a && up < 2 && strcmp(dom_name(a), "a"); up++)
        a = a->parent;
    const char *h = a && !strcmp(dom_name(a), "a") ? dom_attr(a, "href") : NULL;
    while (h && *h == ' ')
        h++;
    return h && *h && *h != '#';
}

static int ct_ends_ellipsis(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    if (n && t[n - 1] == ']')
        n--; /* "[…]" */
    return (n >= 3 && !memcmp(t + n - 3, "...", 3)) ||
           (n >= 3 && !memcmp(t + n - 3, "\xE2\x80\xA6", 3));
}

/* Enter an input element: push its frame. Returns 0 to skip its subtree. */
static int ct_build_enter(ct_build *b, xmlNode *in, int is_root)
{
    ct_state *c = b->c;
    int idx = ct_idx(in);
    if (idx < 0)
        return 0;
    const ct_info *i = &c->info[idx];
    if (!is_root && (i->tag & (RT_PARA | RT_HEADING))) {
        /* a teaser is a linked headline and its cut excerpt ("...") */
        int after_head = b->teaser_head;
        b->teaser_head = 0;
        if ((i->tag & RT_HEADING) && ct_is_teaser_head(i)) {
            b->teaser_head = 1;
            return 0;
        }
        if (after_head && (i->tag & RT_PARA) && i->text <= CT_EXCERPT_TEXT &&
            ct_ends_ellipsis(ct_last_text(in)))
            return 0;
    }
    if (!is_root && ct_prune(b, i)) {
        if (i->text > 0 && (i->tag & RT_BLOCK))
            ct_drop_block_title(b);
        return 0;
    }
    const char *nm = dom_name(in);
    ct_frame *top = &b->f[b->nf - 1];
    ct_frame fr = {in, top->out, NULL, NULL, top->imp_owner, top->kind, top->pre};
    const char *make = NULL; /* output element to create */
    int kind = -1;           /* its kind */
    int block = (i->tag & RT_BLOCK) != 0;

    if (top->pre) {
        if (!strcmp(nm, "br")) {
            xmlNode *t = ct_inline_target(b, 1);
            if (t)
                ct_add_text(b, t, "\n");
            return 0;
        }
        return ct_push(b, fr) == 0; /* everything inside pre is text */
    }
    if (!strcmp(nm, "br")) {
        if (top->kind == OK_WRAP || top->kind == OK_LIST || top->kind == OK_DL) {
            ct_close_implicit(b);
        } else if (top->kind != OK_TABLE) {
            xmlNode *t = ct_inline_target(b, 0);
            if (t && t->children)
                ct_new_elem(b, t, "br");
        }
        return 0;
    }
    if (!strcmp(nm, "img") || !strcmp(nm, "amp-img")) {
        if (c->opt->include_images)
            ct_add_img(b, in, top->kind == OK_FIG ? top->out : ct_inline_target(b, 1));
        return 0;
    }
    if (!strcmp(nm, "hr")) {
        /* a thematic break between blocks (never inside a paragraph) */
        if (top->kind == OK_WRAP) {
            ct_close_implicit(b);
            xmlNode *last = top->out ? top->out->last : NULL;
            if (last && strcmp(dom_name(last), "hr"))
                ct_new_elem(b, top->out, "hr");
        }
        return 0;
    }

    if (!strcmp(nm, "p")) {
        make = "p", kind = OK_PHRASE;
    } else if (i->tag & RT_HEADING) {
        make = nm, kind = OK_PHRASE;
    } else if (!strcmp(nm, "ul") || !strcmp(nm, "ol")) {
        make = nm, kind = OK_LIST;
    } else if (!strcmp(nm, "li")) {
        if (top->kind == OK_LIST)
            make = "li", kind = OK_FLOW;
    } else if (!strcmp(nm, "dl")) {
        make = "dl", kind = OK_DL;
    } else if (!strcmp(nm, "dt") || !strcmp(nm, "dd")) {
        if (top->kind == OK_DL)
            make = nm, kind = !strcmp(nm, "dt") ? OK_PHRASE : OK_FLOW;
    } else if (!strcmp(nm, "blockquote")) {
        make = "blockquote", kind = OK_WRAP;
    } else if (!strcmp(nm, "pre")) {
        make = "pre", kind = OK_PHRASE;
        fr.pre = 1;
    } else if (!strcmp(nm, "table")) {
        if (!(i->flags & NI_LAYOUT)) {
            if (!c->opt->include_tables)
                return 0;
            make = "table", kind = OK_TABLE;
        }
    } else if (!strcmp(nm, "thead") || !strcmp(nm, "tbody") ||
               !strcmp(nm, "tfoot")) {
        if (top->kind == OK_TABLE && top->created &&
            !strcmp(dom_name(top->created), "table"))
            make = nm, kind = OK_TABLE;
    } else if (!strcmp(nm, "tr")) {
        if (top->kind == OK_TABLE && !ct_tr_parent_ok(top))
            make = "tr", kind = OK_TABLE;
    } else if (!strcmp(nm, "td") || !strcmp(nm, "th")) {
        if (ct_tr_parent_ok(top))
            make = nm, kind = OK_FLOW;
    } else if (!strcmp(nm, "caption")) {
        if (top->kind == OK_TABLE)
            make = "caption", kind = OK_PHRASE;
    } else if (!strcmp(nm, "figure")) {
        make = "figure", kind = OK_FIG;
    } else if (!strcmp(nm, "figcaption")) {
        make = "figcaption", kind = OK_PHRASE;
    } else if (!strcmp(nm, "a")) {
        if (c->opt->include_links) {
            const char *href = dom_attr(in, "href");
            if (href && strncasecmp(href, "javascript:", 11) != 0) {
                xmlNode *t = ct_inline_target(b, 1);
                if (!t)
                    return 0;
                xmlNode *a = ct_new_elem(b, t, "a");
                char *abs = url_resolve(c->ctx->base_url, href);
                if (a && abs)
                    xmlNewProp(a, (const xmlChar *)"href", (const xmlChar *)abs);
                free(abs);
                ct_copy_attrs(a, in);
                fr.out = fr.created = a;
                fr.kind = OK_PHRASE;
                return ct_push(b, fr) == 0;
            }
        }
    } else if ((i->tag & RT_INLINE_KEEP) && strcmp(nm, "code") != 0) {
        xmlNode *t = ct_inline_target(b, 1);
        if (!t)
            return 0;
        const char *name = !strcmp(nm, "tt") ? "code" : nm;
        xmlNode *e = ct_new_elem(b, t, name);
        fr.out = fr.created = e;
        fr.kind = OK_PHRASE;
        return ct_push(b, fr) == 0;
    } else if (top->kind != OK_FIG && ct_is_caption_box(nm, i)) {
        make = "figure", kind = OK_FIG;
    } else if (!strcmp(nm, "code")) {
        xmlNode *t = ct_inline_target(b, 1);
        if (!t)
            return 0;
        fr.out = fr.created = ct_new_elem(b, t, "code");
        ct_copy_code_lang(fr.out, in);
        fr.kind = OK_PHRASE;
        return ct_push(b, fr) == 0;
    }

    if (make) {
        int make_block = strcmp(make, "li") && strcmp(make, "dt") &&
                         strcmp(make, "dd") && strcmp(make, "td") &&
                         strcmp(make, "th") && strcmp(make, "tr") &&
                         strcmp(make, "thead") && strcmp(make, "tbody") &&
                         strcmp(make, "tfoot") && strcmp(make, "caption");
        xmlNode *parent = top->out;
        if (make_block) {
            switch (top->kind) {
            case OK_WRAP:
            case OK_FIG:
                ct_close_implicit(b);
                break;
            case OK_FLOW:
                break;
            case OK_PHRASE:
                /* a block inside phrasing content: flatten it */
                ct_add_text(b, top->out, " ");
                return ct_push(b, fr) == 0;
            case OK_LIST:
            case OK_DL:
                parent = ct_inline_target(b, 1);
                break;
            case OK_TABLE:
                return ct_push(b, fr) == 0; /* transparent */
            }
        } else if (!strcmp(make, "li") || !strcmp(make, "dt") ||
                   !strcmp(make, "dd")) {
            ct_close_implicit(b);
        }
        xmlNode *e = ct_new_elem(b, parent, make);
        if (!e)
            return 0;
        if (fr.pre)
            ct_copy_code_lang(e, in);
        else
            ct_copy_attrs(e, in);
        fr.out = fr.created = e;
        fr.kind = kind;
        fr.imp = NULL;
        fr.imp_owner = b->nf; /* this frame owns its implicit slot */
        return ct_push(b, fr) == 0;
    }
    if (block) {
        /* transparent block box (div, section...) */
        if (top->kind == OK_WRAP || top->kind == OK_LIST || top->kind == OK_DL ||
            top->kind == OK_FIG) {
            ct_close_implicit(b);
            fr.imp_owner = b->nf;
        } else if (top->kind == OK_FLOW || top->kind == OK_PHRASE) {
            xmlNode *t = ct_inline_target(b, 0);
            if (t && t->children && !top->pre)
                ct_new_elem(b, t, "br");
        }
    }
    return ct_push(b, fr) == 0;
}


static void ct_build_text(ct_build *b, xmlNode *t)
{
    const char *s = (const char *)t->content;
    if (!s || !*s)
        return;
    ct_frame *top = &b->f[b->nf - 1];
    if (!top->pre && ct_blank(s)) { /* a space between words at most */
        xmlNode *tg = ct_inline_target(b, 0);
        if (tg && tg->children)
            ct_add_text(b, tg, " ");
        return;
    }
    xmlNode *tg = ct_inline_target(b, 1);
    if (!tg)
        return;
    ct_add_text(b, tg, s);
    unsigned commas = 0;
    b->c->out_text += ct_text_len(s, &commas);
}

/* Remove output elements left without text or image (empty wrappers). */
static void ct_build_exit(ct_build *b)
{
    ct_frame *fr = &b->f[b->nf - 1];
    xmlNode *e = fr->created;
    b->nf--;
    if (!e)
        return;
    if (!strcmp(dom_name(e), "td") || !strcmp(dom_name(e), "th"))
        return; /* empty cells keep the table's shape */
    /* only whitespace inside (or nothing): an empty link or paragraph */
    for (xmlNode *k = e->children; k; k = k->next)
        if (k->type != XML_TEXT_NODE || !ct_all_space_node(k))
            return;
    b->tail = NULL; /* it may be inside e */
    xmlUnlinkNode(e);
    xmlFreeNode(e);
}

/* Copy the clean subset of `in` into `out`. O(subtree). */
static int ct_build_tree(ct_state *c, xmlNode *in, xmlNode *out)
{
    ct_build b = {0};
    b.c = c;
    b.doc = c->ctx->doc;
    b.root_out = out;
    int ri = ct_idx(in);
    if (ri < 0)
        return -1;
    b.croot = &c->info[ri];
    ct_frame base = {NULL, out, NULL, NULL, 0, OK_WRAP, 0};
    if (ct_push(&b, base) < 0)
        return -1;
    if (!ct_build_enter(&b, in, 1)) {
        free(b.f);
        return 0;
    }
    xmlNode *n = in->children;
    while (b.nf > 1) {
        while (n) {
            xmlNode *next = n->next;
            if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
                ct_build_text(&b, n);
            } else if (n->type == XML_ELEMENT_NODE) {
                int depth = b.nf;
                if (ct_build_enter(&b, n, 0) && b.nf > depth) {
                    if (n->children) {
                        n = n->children;
                        continue;
                    }
                    ct_build_exit(&b);
                }
            }
            n = next;
        }
        xmlNode *done = b.f[b.nf - 1].in;
        ct_build_exit(&b);
        if (done == in)
            break;
        n = done->next;
    }
    free(b.f);
    return 0;
}

/* ---- 4. dedupe ------------------------------------------------------------ */

static uint64_t ct_hash_text(const xmlNode *n, size_t *len)
{
    /* FNV-1a over the collapsed text of a leaf block. O(block). */
    uint64_t h = 1469598103934665603ULL;
    int sp = 0;
    *len = 0;
    const xmlNode *cur = n->children;
    while (cur && cur != n) {
        if (cur->type == XML_TEXT_NODE && cur->content) {
            for (const unsigned char *p = cur->content; *p; p++) {
                if (ct_is_space(*p)) {
                    sp = 1;
                    continue;
                }
                if (sp && *len) {
                    h = (h ^ ' ') * 1099511628211ULL;
                    (*len)++;
                }
                sp = 0;
                h = (h ^ *p) * 1099511628211ULL;
                (*len)++;
            }
        }
        if (cur->children && cur->type == XML_ELEMENT_NODE) {
            cur = cur->children;
            continue;
        }
        while (cur != n && !cur->next)
            cur = cur->parent;
        if (cur == n)
            break;
        cur = cur->next;
    }
    return h;
}

static int ct_is_leaf_block(const char *nm)
{
    return !strcmp(nm, "p") || (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2]) ||
           !strcmp(nm, "pre") || !strcmp(nm, "figcaption") || !strcmp(nm, "dt");
}

/* Drop repeated leaf blocks (same collapsed text). O(output). */
static void ct_dedupe(xmlNode *root)
{
    size_t cap = 256, used = 0;
    uint64_t prev_hash = 0;
    uint64_t *set = calloc(cap, sizeof *set);
    if (!set)
        return;
    xmlNode *n = root->children;
    while (n) {
        xmlNode *next = NULL;
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE) {
            const char *nm = dom_name(n);
            if (!strcmp(nm, "table")) {
                skip = 1;
            } else if (ct_is_leaf_block(nm)) {
                skip = 1;
                size_t len;
                uint64_t h = ct_hash_text(n, &len);
                if (h == 0)
                    h = 1;
                /* the same paragraph twice in a row is the author's */
                int again = h == prev_hash;
                prev_hash = h;
                if (len >= CT_DEDUP_MIN && !again) {
                    if (used * 2 >= cap) {
                        size_t nc = cap * 2;
                        uint64_t *ns = calloc(nc, sizeof *ns);
                        if (!ns)
                            break;
                        for (size_t k = 0; k < cap; k++)
                            if (set[k]) {
                                size_t j = set[k] & (nc - 1);
                                while (ns[j])
                                    j = (j + 1) & (nc - 1);
                                ns[j] = set[k];
                            }
                        free(set);
                        set = ns;
                        cap = nc;
                    }
                    size_t j = h & (cap - 1);
                    int found = 0;
                    while (set[j]) {
                        if (set[j] == h) {
                            found = 1;
                            break;
                        }
                        j = (j + 1) & (cap - 1);
                    }
                    if (found) {
                        next = dom_next(n, root, 1);
                        xmlUnlinkNode(n);
                        xmlFreeNode(n);
                        n = next;
                        continue;
                    }
                    set[j] = h;
                    used++;
                }
            }
        }
        n = dom_next(n, root, skip);
    }
    free(set);
}

/* Trailing debris: headings with nothing after them, and short lines that
 * are links or labels ("Mehr zum Thema:", "Back to the newsroom") at the
 * very end of the content. Looks only at the last top-level blocks, each
 * measured once: O(size of the removed tail). */
#define CT_TAIL_SHORT 60  /* bytes: longer lines are prose, the end */

/* The last non-blank text of a subtree, trailing blanks cut off (in a
 * static buffer: the last CT_LAST_TEXT bytes). O(depth + siblings). */
#define CT_LAST_TEXT 16
static const char *ct_last_text(const xmlNode *n)
{
    static __thread char buf[CT_LAST_TEXT + 1];
    const xmlNode *k = n->last;
    while (k) {
        if (k->type == XML_TEXT_NODE && k->content && !ct_all_space_node(k)) {
            const char *c = (const char *)k->content;
            size_t e = strlen(c);
            while (e && ct_is_space((unsigned char)c[e - 1]))
                e--;
            size_t b = e > CT_LAST_TEXT ? e - CT_LAST_TEXT : 0;
            memcpy(buf, c + b, e - b);
            buf[e - b] = '\0';
            return buf;
        }
        if (k->type == XML_ELEMENT_NODE && k->last) {
            k = k->last;
            continue;
        }
        while (k && !k->prev && k != n)
            k = k->parent;
        if (!k || k == n)
            break;
        k = k->prev;
    }
    return NULL;
}

/* Text ending like a sentence: . ! ? or a closing quote/bracket, ASCII or
 * the common Unicode ones (… ” “ ’ » « 。 ！ ？; German quotes close with “). */
static int ct_ends_sentence(const char *t)
{
    static const char *const ends[] = {"\xE2\x80\xA6", "\xE2\x80\x9D", "\xC2\xBB",
                                       "\xE2\x80\x9C", "\xE2\x80\x99", "\xC2\xAB",
                                       "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F",
                                       NULL};
    if (!t || !*t)
        return 0;
    size_t n = strlen(t);
    /* a closing bracket ends a sentence only after one: "(Foto: X)" is a
     * credit, "(as he said.)" a sentence */
    if (t[n - 1] == ')')
        return n >= 2 && strchr(".!?\"'", t[n - 2]) != NULL;
    if (strchr(".!?\"'", t[n - 1]))
        return 1;
    for (int k = 0; ends[k]; k++) {
        size_t l = strlen(ends[k]);
        if (n >= l && !memcmp(t + n - l, ends[k], l))
            return 1;
    }
    return 0;
}
#define CT_TAIL_MAX 10    /* most blocks removed from the end */
#define CT_TAIL_PROSE 400 /* bytes of content that must stay before a
                           * plain short line is taken for debris */
static void ct_trim_tail(xmlNode *root, size_t total)
{
    size_t removed = 0;
    for (int k = 0; k < CT_TAIL_MAX; k++) {
        xmlNode *last = root->last;
        while (last && last->type != XML_ELEMENT_NODE)
            last = last->prev;
        if (!last)
            return;
        xmlNode *before = last->prev;
        while (before && before->type != XML_ELEMENT_NODE)
            before = before->prev;
        if (!before)
            return; /* never empty the content */
        const char *nm = dom_name(last);
        if (!strcmp(nm, "hr")) {
            /* a break before removed debris separates nothing */
            xmlUnlinkNode(last);
            xmlFreeNode(last);
            continue;
        }
        int heading = nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2];
        size_t len = 0;
        int has_link = 0;
        uint64_t h = ct_hash_text(last, &len);
        (void)h;
        if (len > CT_TAIL_SHORT && !heading)
            return;
        /* a link among the block's children or grandchildren (li > a) */
        for (xmlNode *d = last->children; d && !has_link; d = d->next) {
            if (!strcmp(dom_name(d), "a"))
                has_link = 1;
            for (xmlNode *g = d->children; g && !has_link; g = g->next)
                if (!strcmp(dom_name(g), "a"))
                    has_link = 1;
        }
        /* the label of something that was removed, a link line, or a
         * short line that is no sentence ("Kontakt", "Titelbild: X") */
        const char *tail = ct_last_text(last);
        char endc = tail ? tail[strlen(tail) - 1] : 0;
        int plain = strcmp(nm, "pre") && strcmp(nm, "table") &&
                    !ct_ends_sentence(tail) &&
                    total >= removed + len + CT_TAIL_PROSE;
        if (!(heading || has_link || endc == ':' || plain))
            return;
        removed += len;
        xmlUnlinkNode(last);
        xmlFreeNode(last);
    }
}

/* End sections told by their text, not their class names: among the last
 * CT_SECTION_SCAN top-level blocks, a short label opening a section that is
 * not the story ("About the author", "Mehr zum Thema", "Pressekontakt",
 * "About Jane Doe" when Jane Doe is the page's author) or
 * a short call to action ("Follow us on", "Subscribe now", "Unterstützen
 * Sie...", "All rights reserved"); see rules_tail_label / rules_is_cta. The
 * earliest such block and everything after it go, while what goes stays
 * small (CT_SECTION_MAX bytes, CT_SECTION_SHARE of the content): a long
 * story that ends with a paragraph about newsletters keeps it. A block whose
 * whole text is an emptied slot's label ("Auf meine Merkliste", "Save")
 * opens nothing: ct_drop_labels drops it alone, and the short paragraph
 * after it is the story's. Each block's
 * text is read once: O(size of the scanned tail). */
#define CT_SECTION_SCAN 8     /* most blocks looked at from the end */
#define CT_SECTION_MAX 1600   /* bytes: a longer tail is the story's */
#define CT_SECTION_SHARE 0.25 /* most of the content a cut may remove */
#define CT_CTA_TEXT 330       /* bytes: a longer block is prose, not a CTA */
/* The collapsed text length of a block as ct_hash_text counts it, but
 * stopping once it passes cap (returns cap + 1 then): the trims below only
 * care about short blocks, so a long paragraph costs O(cap), not O(size). */
static size_t ct_block_len(const xmlNode *n, size_t cap)
{
    size_t len = 0;
    int sp = 0;
    const xmlNode *cur = n->children;
    while (cur && cur != n) {
        if (cur->type == XML_TEXT_NODE && cur->content) {
            for (const unsigned char *p = cur->content; *p; p++) {
                if (ct_is_space(*p)) {
                    sp = 1;
                    continue;
                }
                len += (sp && len) ? 2 : 1;
                sp = 0;
                if (len > cap)
                    return cap + 1;
            }
        }
        if (cur->children && cur->type == XML_ELEMENT_NODE) {
            cur = cur->children;
            continue;
        }
        while (cur != n && !cur->next)
            cur = cur->parent;
        if (cur == n)
            break;
        cur = cur->next;
    }
    return len;
}

static void ct_trim_sections(xmlNode *root, size_t total, const lede_article *art)
{
    xmlNode *cut = NULL;
    size_t after = 0;
    int seen = 0;
    sbuf t;
    sbuf_init(&t);
    for (xmlNode *k = root->last; k && seen < CT_SECTION_SCAN; k = k->prev) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (k == root->children || !k->prev)
            break; /* never empty the content */
        seen++;
        size_t len = ct_block_len(k, CT_SECTION_MAX);
        after += len;
        if (after > CT_SECTION_MAX || (double)after > CT_SECTION_SHARE * (double)total)
            break;
        if (len == 0 || len > CT_CTA_TEXT)
            continue;
        sbuf_truncate(&t, 0);
        dom_text(k, &t);
        if (t.oom || !t.s)
            break;
        if (rules_slot_label(t.s))
            continue; /* an emptied slot's label goes alone (ct_drop_labels) */
        if ((len <= CT_TAIL_SHORT &&
             (rules_tail_label(t.s) ||
              rules_about_name(t.s, art->authors, art->n_authors))) ||
            rules_is_cta(t.s))
            cut = k;
    }
    sbuf_free(&t);
    while (cut) {
        xmlNode *next = cut->next;
        xmlUnlinkNode(cut);
        xmlFreeNode(cut);
        cut = next;
    }
}

/* Lone section labels anywhere in the content ("Mehr zum Thema",
 * "Related Coverage" whose list was pruned): a short top-level block whose
 * whole text is a label of rules_tail_labels, or the label of an emptied
 * slot ("Anzeige" above a dropped advert, "Loading...": rules_slot_label),
 * or a paragraph that is a picture credit ("Foto: Name": rules_credit_line,
 * no sentence, no image in it). O(top-level blocks + their short texts). */
/* A paragraph or heading without an image (children or grandchildren): a
 * credit line alone; a figure's caption keeps its credit with the
 * picture. */
static int ct_credit_par(const xmlNode *k)
{
    const char *nm = dom_name(k);
    if (strcmp(nm, "p") && !(nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2]))
        return 0;
    for (const xmlNode *d = k->children; d; d = d->next) {
        if (d->type == XML_ELEMENT_NODE && !strcmp(dom_name(d), "img"))
            return 0;
        for (const xmlNode *g = d->children; g; g = g->next)
            if (g->type == XML_ELEMENT_NODE && !strcmp(dom_name(g), "img"))
                return 0;
    }
    return 1;
}

/* The next element sibling is a list: a table-of-contents title that
 * kept its list stays with it. O(siblings skipped: text nodes). */
static int ct_next_is_list(const xmlNode *k)
{
    const xmlNode *n = k->next;
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n && (!strcmp(dom_name(n), "ul") || !strcmp(dom_name(n), "ol"));
}

/* bytes: a paragraph ending with a picture credit is a caption up to
 * this size (the caption line under a photo); longer, a story paragraph */
#define CT_CREDIT_CAPTION 300
/* bytes: a PHP diagnostic line (message and file path) is shorter */
#define CT_PHP_NOTICE_TEXT 600
/* PHP diagnostics printed among a list's items (a sidebar's category
 * list that ended up in the content): those items go, and the list when
 * nothing is left (returns 1 then). O(items, each up to
 * CT_PHP_NOTICE_TEXT bytes). */
static int ct_drop_php_items(xmlNode *list, sbuf *t)
{
    for (xmlNode *li = list->children, *nx; li; li = nx) {
        nx = li->next;
        if (li->type != XML_ELEMENT_NODE ||
            ct_block_len(li, CT_PHP_NOTICE_TEXT) > CT_PHP_NOTICE_TEXT)
            continue;
        sbuf_truncate(t, 0);
        dom_text(li, t);
        if (t->oom || !t->s)
            return 0;
        if (rules_php_notice(t->s)) {
            xmlUnlinkNode(li);
            xmlFreeNode(li);
        }
    }
    const xmlNode *k = list->children;
    while (k && k->type != XML_ELEMENT_NODE)
        k = k->next;
    if (k)
        return 0;
    xmlUnlinkNode(list);
    xmlFreeNode(list);
    return 1;
}

/* A <br> child: the line break between a block's lines. */
static int ct_is_br(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp(dom_name(n), "br");
}

/* PHP diagnostics printed among a <br>-separated paragraph's lines ("Strict
 * Standards: ... in <b>/www/x/core.php</b> on line <b>341</b><br />" between
 * two lines of the story): each line that is one (rules_php_notice) goes
 * with its <br>, the other lines stay; the block goes when nothing is left
 * (returns 1 then). Only a block with a <br> child and a direct text
 * child saying " on line" reads its lines: O(children) otherwise. */
static int ct_drop_php_lines(xmlNode *k, sbuf *t)
{
    int has_br = 0, hint = 0;
    for (const xmlNode *c = k->children; c; c = c->next) {
        if (ct_is_br(c))
            has_br = 1;
        else if (c->type == XML_TEXT_NODE && c->content &&
                 strstr((const char *)c->content, " on line"))
            hint = 1;
    }
    if (!has_br || !hint)
        return 0;
    xmlNode *start = k->children;
    hint = 0;
    for (xmlNode *c = k->children, *nx;; c = nx) {
        nx = c ? c->next : NULL;
        if (c && !ct_is_br(c)) {
            if (c->type == XML_TEXT_NODE && c->content &&
                strstr((const char *)c->content, " on line"))
                hint = 1;
            continue;
        }
        /* the line is [start, c); c is its <br> or NULL at the end */
        if (hint && start != c) {
            sbuf_truncate(t, 0);
            for (const xmlNode *n = start; n != c; n = n->next) {
                if (n->type == XML_TEXT_NODE && n->content)
                    sbuf_puts(t, (const char *)n->content);
                else if (n->type == XML_ELEMENT_NODE)
                    dom_text(n, t);
            }
            if (t->oom)
                return 0;
            if (t->s && rules_php_notice(t->s)) {
                xmlNode *from = start;
                if (!c && ct_is_br(start->prev))
                    from = start->prev; /* the last line: its <br> before it */
                xmlNode *stop = c ? c->next : NULL;
                for (xmlNode *n = from, *n2; n != stop; n = n2) {
                    n2 = n->next;
                    xmlUnlinkNode(n);
                    xmlFreeNode(n);
                }
            }
        }
        hint = 0;
        start = nx;
        if (!c)
            break;
    }
    if (ct_block_len(k, 0) > 0)
        return 0;
    for (const xmlNode *c = k->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !ct_is_br(c))
            return 0; /* an image or an embed stays */
    xmlUnlinkNode(k);
    xmlFreeNode(k);
    return 1;
}

static void ct_drop_labels(xmlNode *root)
{
    sbuf t;
    sbuf_init(&t);
    for (xmlNode *k = root->children, *nx; k; k = nx) {
        nx = k->next;
        if (k->type != XML_ELEMENT_NODE)
            continue;
        const char *nm = dom_name(k);
        if ((!strcmp(nm, "ul") || !strcmp(nm, "ol")) && ct_drop_php_items(k, &t))
            continue;
        if (ct_drop_php_lines(k, &t))
            continue;
        size_t len = ct_block_len(k, CT_PHP_NOTICE_TEXT);
        if (len == 0 || len > CT_PHP_NOTICE_TEXT)
            continue;
        sbuf_truncate(&t, 0);
        dom_text(k, &t);
        if (t.oom || !t.s)
            break;
        if (len > CT_TAIL_SHORT && !ct_credit_par(k) && !rules_php_notice(t.s))
            continue;
        if (rules_php_notice(t.s) ||
            (len <= CT_TAIL_SHORT &&
             (rules_label_only(t.s) || rules_slot_label(t.s) ||
              (rules_toc_label(t.s) && !ct_next_is_list(k)) ||
              (ct_credit_par(k) && rules_credit_line(t.s) && !ct_ends_sentence(t.s)))) ||
            (len <= CT_CREDIT_CAPTION && ct_credit_par(k) && rules_credit_tail(t.s))) {
            xmlUnlinkNode(k);
            xmlFreeNode(k);
        }
    }
    sbuf_free(&t);
}

/* Notices told by their text: an advertising/affiliate disclosure among
 * the first CT_NOTICE_SCAN blocks, and inline "see also" lines ("MIRA:
 * <headline>", "Lesen Sie auch: ...") anywhere (rules_is_disclosure,
 * rules_is_see_also). O(top-level blocks + their short texts). */
#define CT_NOTICE_SCAN 3      /* first blocks where a disclosure stands */
#define CT_SEE_ALSO_TEXT 200  /* bytes: a longer line is prose */
static void ct_drop_notices(xmlNode *root)
{
    sbuf t;
    sbuf_init(&t);
    int seen = 0;
    for (xmlNode *k = root->children, *nx; k; k = nx) {
        nx = k->next;
        if (k->type != XML_ELEMENT_NODE)
            continue;
        seen++;
        size_t len = ct_block_len(k, CT_CTA_TEXT);
        int head = seen <= CT_NOTICE_SCAN && len <= CT_CTA_TEXT;
        if (len == 0 || (!head && len > CT_SEE_ALSO_TEXT))
            continue;
        sbuf_truncate(&t, 0);
        dom_text(k, &t);
        if (t.oom || !t.s)
            break;
        if ((head && rules_is_disclosure(t.s)) ||
            (len <= CT_SEE_ALSO_TEXT && rules_is_see_also(t.s))) {
            xmlUnlinkNode(k);
            xmlFreeNode(k);
        }
    }
    sbuf_free(&t);
}

/* Date lines near the start ("23.10.2018", "16 marca 2021", "3:59 PM",
 * "Video verfügbar bis 28.02.2021"): a short block, no heading, among the
 * first CT_DATE_SCAN blocks, holding a date or a time and at most
 * CT_DATE_WORDS words, with no "Label: value" shape ("Lieferzeit: 15
 * Tage"). The date is a metadata field; the line is no prose. O(first
 * blocks). */
#define CT_DATE_SCAN 6      /* first top-level blocks looked at */
#define CT_DATE_TEXT 40     /* bytes: a longer line says more than a date */
#define CT_DATE_WORDS 3     /* words besides numbers (month, weekday...) */
static int ct_is_digit(unsigned char ch)
{
    return ch >= '0' && ch <= '9';
}

static int ct_is_date_line(const char *t)
{
    const unsigned char *p = (const unsigned char *)t;
    int has_date = 0, words = 0, in_word = 0, word_len = 0;
    for (size_t k = 0; p[k]; k++) {
        unsigned char ch = p[k];
        int letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
        if (letter) {
            if (!in_word)
                word_len = 0;
            in_word = 1;
            if (ch < 0x80 || ch >= 0xC0)
                word_len++; /* count characters, not UTF-8 bytes */
            if (word_len == 2)
                words++;
            continue;
        }
        if (ch == ':' && in_word && p[k + 1] == ' ')
            return 0; /* "Label: value" */
        in_word = 0;
        if (!ct_is_digit(ch) || (k > 0 && ct_is_digit(p[k - 1])))
            continue;
        /* at the start of a number: d.d.dd, d/d/dd, dddd-dd-dd, d:dd, 19xx/20xx */
        size_t n = 0;
        while (ct_is_digit(p[k + n]))
            n++;
        unsigned char sep = p[k + n];
        if (n <= 2 && (sep == '.' || sep == '/') && ct_is_digit(p[k + n + 1])) {
            size_t m = 1;
            while (ct_is_digit(p[k + n + m]))
                m++;
            if (m - 1 <= 2 && p[k + n + m] == sep && ct_is_digit(p[k + n + m + 1]))
                has_date = 1;
        } else if (n <= 2 && sep == ':' && ct_is_digit(p[k + n + 1]) &&
                   ct_is_digit(p[k + n + 2]) && !ct_is_digit(p[k + n + 3])) {
            has_date = 1;
        } else if (n == 4 && ((p[k] == '1' && p[k + 1] == '9') ||
                              (p[k] == '2' && p[k + 1] == '0'))) {
            has_date = 1; /* a year, alone or in "2022-05-03" */
        }
    }
    return has_date && words <= CT_DATE_WORDS;
}

static void ct_drop_date_lines(xmlNode *root)
{
    sbuf t;
    sbuf_init(&t);
    int seen = 0;
    for (xmlNode *k = root->children, *nx; k && seen < CT_DATE_SCAN; k = nx) {
        nx = k->next;
        if (k->type != XML_ELEMENT_NODE)
            continue;
        seen++;
        const char *nm = dom_name(k);
        if (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2])
            continue;
        size_t len = ct_block_len(k, CT_DATE_TEXT);
        if (len == 0 || len > CT_DATE_TEXT || !k->prev)
            continue; /* (never the first block: the content keeps a start) */
        sbuf_truncate(&t, 0);
        dom_text(k, &t);
        if (t.oom || !t.s)
            break;
        if (ct_is_date_line(t.s)) {
            xmlUnlinkNode(k);
            xmlFreeNode(k);
        }
    }
    sbuf_free(&t);
}

/* Leading debris: short lines that are no sentence before the first
 * prose ("Seguridad", "4 Min Read", "Kategorie: News", a date), while
 * CT_TAIL_PROSE bytes of content stay. Headings stay (the story's title
 * and subtitle). Looks only at the first blocks: O(removed). */
#define CT_HEAD_MAX 4 /* most blocks removed from the start */
static void ct_trim_head(xmlNode *root, size_t total)
{
    size_t removed = 0;
    xmlNode *first = root->children;
    for (int k = 0; k < CT_HEAD_MAX && first; k++) {
        while (first && first->type != XML_ELEMENT_NODE)
            first = first->next;
        if (!first)
            return;
        xmlNode *next = first->next;
        const char *nm = dom_name(first);
        int heading = nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2];
        if (heading || !strcmp(nm, "pre") || !strcmp(nm, "table") ||
            !strcmp(nm, "figure"))
            return; /* past a title, a date line may be the story's */
        size_t len = 0;
        (void)ct_hash_text(first, &len);
        const char *end = ct_last_text(first);
        /* a line ending in ':' introduces what follows */
        if (len > CT_TAIL_SHORT || ct_ends_sentence(end) ||
            (end && end[strlen(end) - 1] == ':') ||
            total < removed + len + CT_TAIL_PROSE)
            return;
        removed += len;
        xmlUnlinkNode(first);
        xmlFreeNode(first);
        first = next;
    }
}

/* A thematic break at either end of the content separates nothing. O(1). */
static void ct_trim_hr(xmlNode *root)
{
    for (int end = 0; end < 2; end++) {
        for (;;) {
            xmlNode *k = end ? root->last : root->children;
            while (k && k->type == XML_TEXT_NODE && ct_all_space_node(k))
                k = end ? k->prev : k->next;
            if (!k || strcmp(dom_name(k), "hr"))
                break;
            xmlUnlinkNode(k);
            xmlFreeNode(k);
        }
    }
}

/* The lead outside the chosen box: a standfirst often sits in the story's
 * header, a sibling branch of the body box. The last recorded lead before
 * the box (document order) whose branch joins the box's within
 * CT_LEAD_UP levels is built and put first (after a leading heading),
 * unless its first block is already among the content's first blocks.
 * O(CT_LEAD_KEEP * depth + size of the lead). */
#define CT_LEAD_UP 6      /* levels above the box where the lead may join */
#define CT_LEAD_SEEN 4    /* first content blocks checked for a copy */
static int ct_lead_for(const ct_state *c, int box)
{
    for (int k = c->lead_n; k-- > 0;) {
        int l = c->lead_idx[k];
        if (l >= box || ct_is_ancestor(c, l, box))
            continue; /* after the box, or around it */
        int anc = c->info[box].parent;
        for (int up = 0; up < CT_LEAD_UP && anc > 0; up++) {
            if (ct_is_ancestor(c, anc, l))
                return l;
            anc = c->info[anc].parent;
        }
        return -1; /* the nearest lead before the box is too far */
    }
    return -1;
}

static int ct_build_tree(ct_state *c, xmlNode *in, xmlNode *out);
static xmlNode *ct_new_article(ct_state *c);

static size_t ct_add_lead(ct_state *c, int box, xmlNode *art)
{
    int l = ct_lead_for(c, box);
    if (l < 0 || !art)
        return 0;
    xmlNode *tmp = ct_new_article(c);
    if (!tmp)
        return 0;
    size_t saved = c->out_text;
    c->out_text = 0;
    ct_build_tree(c, c->info[l].node, tmp);
    size_t added = c->out_text;
    c->out_text = saved;
    /* a lead box holding the headline: the headline is the title field's */
    for (xmlNode *k = tmp->children, *nx; k; k = nx) {
        nx = k->next;
        if (!strcmp(dom_name(k), "h1")) {
            xmlUnlinkNode(k);
            xmlFreeNode(k);
        }
    }
    xmlNode *first = tmp->children;
    while (first && first->type != XML_ELEMENT_NODE)
        first = first->next;
    if (!first || added == 0) {
        xmlFreeNode(tmp);
        return 0;
    }
    size_t flen;
    uint64_t fh = ct_hash_text(first, &flen);
    xmlNode *at = art->children; /* insert before this */
    int seen = 0;
    for (xmlNode *k = art->children; k && seen < CT_LEAD_SEEN; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        size_t kl;
        if (ct_hash_text(k, &kl) == fh && kl == flen) {
            xmlFreeNode(tmp); /* the lead is there already */
            return 0;
        }
        const char *nm = dom_name(k);
        if (seen == 0 && nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2])
            at = k->next;
        seen++;
    }
    while (tmp->children) {
        xmlNode *k = tmp->children;
        xmlUnlinkNode(k);
        if (at)
            xmlAddPrevSibling(at, k);
        else
            xmlAddChild(art, k);
    }
    xmlFreeNode(tmp);
    return added;
}

/* ---- driver --------------------------------------------------------------- */

static xmlNode *ct_new_article(ct_state *c)
{
    return xmlNewDocNode(c->ctx->doc, NULL, (const xmlChar *)"article", NULL);
}

/* Readability: siblings of the top candidate that score well, or that are
 * prose paragraphs, belong to the article too. O(siblings). */
static int ct_sibling_ok(const ct_state *c, int top, int sib)
{
    const ct_info *t = &c->info[top];
    const ct_info *s = &c->info[sib];
    if (s->flags & (NI_HIDDEN | NI_SKIP))
        return 0;
    if (s->flags & (NI_IN_HIDDEN | NI_IN_BOILER))
        return 0;
    if (ct_is_boiler(s) ||
        (((s->groups & RG_WEAK) || (s->flags & NI_HEADER_TAG)) && !ct_keeps_lead(s)))
        return 0;
    float ts = ct_final_score(c, top);
    float threshold = fmaxf(10.0f, ts * 0.2f);
    float bonus = 0;
    const char *tc = dom_attr(t->node, "class");
    const char *sc = dom_attr(s->node, "class");
    if (tc && sc && *tc && !strcmp(tc, sc))
        bonus = ts * 0.2f;
    if (s->score > 0 && ct_final_score(c, sib) + bonus >= threshold)
        return 1;
    double ld = ct_link_density(s);
    if (!strcmp(dom_name(s->node), "p")) {
        if (s->text > 80 && ld < 0.25)
            return 1;
    }
    /* a box of prose (lead paragraph, next section) */
    if (s->paras > 0 && s->ptext >= 100 && ld < 0.2 && s->ptext * 10 >= s->text * 6)
        return 1;
    return 0;
}

/* The level whose siblings join the chosen box: the box itself, or the
 * outermost wrapper up to CT_MAX_WRAPPERS levels up whose only element
 * child is the box (or such a wrapper), below <body>. O(levels *
 * children). */
static int ct_only_child(const xmlNode *parent, const xmlNode *child)
{
    for (const xmlNode *k = parent->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && k != child)
            return 0;
    return 1;
}

static int ct_sibling_level(const ct_state *c, int idx)
{
    int lv = idx;
    for (int k = 0; k < CT_MAX_WRAPPERS; k++) {
        int p = c->info[lv].parent;
        if (p <= 0 || !c->info[p].node->parent ||
            (c->info[p].flags & (NI_HIDDEN | NI_IN_HIDDEN | NI_IN_BOILER)) ||
            !ct_only_child(c->info[p].node, c->info[lv].node))
            break;
        lv = p;
    }
    return lv;
}

static size_t ct_build_from(ct_state *c, int idx, int with_siblings,
                            xmlNode **out)
{
    xmlNode *art = ct_new_article(c);
    *out = art;
    if (!art)
        return 0;
    c->out_text = 0;
    c->sib_level = -1;
    xmlNode *node = c->info[idx].node;
    if (with_siblings && node->parent && c->info[idx].parent >= 0) {
        /* a box that is the only element of its wrappers
         * (div.csc-default > article) takes the prose before the outermost
         * one (an intro box, not a headline's box); what follows a wrapped
         * box is notes and sharing more often than story */
        int lv = ct_sibling_level(c, idx);
        xmlNode *at = c->info[lv].node;
        c->sib_level = lv;
        for (xmlNode *s = at->parent->children; s; s = s->next) {
            if (s->type != XML_ELEMENT_NODE)
                continue;
            int si = ct_idx(s);
            if (si < 0)
                continue;
            if (s == at) {
                ct_build_tree(c, node, art);
                if (lv != idx)
                    break;
            } else if (ct_sibling_ok(c, idx, si) &&
                       (lv == idx || (c->info[si].ptext > 0 &&
                                      !(c->info[si].flags & NI_HAS_LEAD)))) {
                /* (a headline's box before a wrapper is the title; the
                 * lead's box is left to ct_add_lead, which leaves the
                 * headline out) */
                ct_build_tree(c, s, art);
            }
        }
    } else {
        ct_build_tree(c, node, art);
    }
    return c->out_text;
}

/* The area is an <article> and the candidate lies in a later <article>
 * (pages that append the next stories below the one asked for): the first
 * is the page's own story when it holds at least CT_FIRST_STORY_SHARE of
 * the candidate's prose. O(depth). */
#define CT_FIRST_STORY_SHARE 0.5
static int ct_first_story(const ct_state *c, int area, int top)
{
    if (!(c->info[area].flags & NI_ARTICLE) || top < area ||
        (double)c->info[area].ptext < CT_FIRST_STORY_SHARE * (double)c->info[top].ptext)
        return 0;
    for (int p = top; p > 0; p = c->info[p].parent)
        if (c->info[p].flags & NI_ARTICLE)
            return p > area;
    return 0;
}

/* A story built as a column of page-builder sections (div.container-fluid
 * siblings under <body>: intro, text, table, text...) scores as several
 * small boxes, and the chosen one holds only a small share of the page's
 * prose. The sections that follow its top-level box and hold prose (few
 * links, mostly paragraphs, plain names) belong to the story; the first
 * boilerplate box (footer, navigation, comments) ends it. O(siblings +
 * depth). */
#define CT_SPLIT_MAX_PROSE 1500 /* bytes: a longer chosen box is the story */
#define CT_SPLIT_SHARE 0.3      /* chosen prose / page prose under this */
#define CT_SPLIT_MIN_PROSE 80 /* a following section with less is skipped */
#define CT_SPLIT_LINK_MAX 0.2
#define CT_SPLIT_PAGE 0.6       /* share of the page's prose: the column */
static int ct_section_ok(const ct_info *s)
{
    return !(s->flags & (NI_HIDDEN | NI_SKIP | NI_IN_HIDDEN | NI_HEADER_TAG)) &&
           !(s->groups & RG_WEAK) && s->ptext >= CT_SPLIT_MIN_PROSE &&
           ct_link_density(s) < CT_SPLIT_LINK_MAX && s->ptext * 10 >= s->text * 6;
}

static size_t ct_follow_sections(ct_state *c, int chosen, xmlNode *art)
{
    const ct_info *ci = &c->info[chosen];
    if (chosen <= 0 || ci->ptext >= CT_SPLIT_MAX_PROSE ||
        (double)ci->ptext >= CT_SPLIT_SHARE * (double)c->info[0].ptext)
        return 0;
    /* the section level: the chosen box's ancestor whose parent holds
     * most of the page's prose (<body>, or the one wrapper under it) */
    int top = chosen;
    while (c->info[top].parent > 0 &&
           (double)c->info[c->info[top].parent].ptext <
               CT_SPLIT_PAGE * (double)c->info[0].ptext)
        top = c->info[top].parent;
    if (top == chosen || top == c->sib_level)
        return 0;
    size_t before = c->out_text;
    for (xmlNode *s = c->info[top].node->next; s; s = s->next) {
        int si = ct_idx(s);
        if (s->type != XML_ELEMENT_NODE || si < 0)
            continue;
        const ct_info *sn = &c->info[si];
        if (ct_is_boiler(sn) || (sn->flags & NI_IN_BOILER))
            break;
        if (ct_section_ok(sn))
            ct_build_tree(c, s, art);
    }
    return c->out_text - before;
}

static void ct_set_page_type(ct_state *c, xmlNode *content, size_t text_len,
                             int chosen)
{
    lede_article *a = c->ctx->art;
    a->readerable = c->readerable > CT_READERABLE_SCORE;
    a->page_type = (content && text_len > 0) ? "article" : "empty";
    /* listing: several comparable article boxes and no dominant one */
    unsigned sum = 0, max = 0, n = 0;
    int lim = c->level_n[1] < CT_LEVEL_KEEP ? c->level_n[1] : CT_LEVEL_KEEP;
    for (int k = 0; k < lim; k++) {
        const ct_info *i = &c->info[c->level_idx[1][k]];
        /* only outermost boxes: skip those inside an earlier one */
        int nested = 0;
        for (int j = 0; j < k && !nested; j++)
            nested = ct_is_ancestor(c, c->level_idx[1][j], c->level_idx[1][k]);
        if (nested || i->text < CT_TEASER_MIN)
            continue;
        n++;
        sum += i->text;
        if (i->text > max)
            max = i->text;
    }
    int listing = n >= 3 && max < sum / 2;
    if (chosen >= 0 && text_len > 0) {
        const ct_info *ci = &c->info[chosen];
        if (ct_link_density(ci) > 0.5 && !a->readerable)
            listing = 1;
    }
    if (!listing && (!content || text_len == 0))
        a->readerable = 0;
    if (listing) {
        a->page_type = "listing";
        a->readerable = 0;
    }
}

/* Build an article from plain text (JSON-LD articleBody): one <p> per line. */
static xmlNode *ct_from_text(ct_state *c, const char *text)
{
    xmlNode *art = ct_new_article(c);
    if (!art)
        return NULL;
    const char *s = text;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        size_t a = 0;
        while (a < n && ct_is_space((unsigned char)s[a]))
            a++;
        size_t z = n;
        while (z > a && ct_is_space((unsigned char)s[z - 1]))
            z--;
        if (z > a) {
            xmlNode *p = xmlNewDocNode(c->ctx->doc, NULL, (const xmlChar *)"p", NULL);
            if (p) {
                char *line = xstrndup(s + a, z - a);
                if (line) {
                    xmlNodeAddContent(p, (const xmlChar *)line);
                    free(line);
                }
                xmlAddChild(art, p);
            }
        }
        if (!e)
            break;
        s = e + 1;
    }
    return art;
}

static xmlNode *ct_body(xmlDocPtr doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return NULL;
    for (xmlNode *k = root->children; k; k = k->next)
        if (!strcmp(dom_name(k), "body"))
            return k;
    return root;
}

static int ct_comments_area(const ct_state *c, int content_idx)
{
    for (size_t k = 1; k < c->n; k++) {
        const ct_info *i = &c->info[k];
        if (!(i->groups & RG_COMMENTS) || (i->flags & NI_HIDDEN) || i->text < 20)
            continue;
        if (content_idx >= 0 && ct_is_ancestor(c, (int)k, content_idx))
            continue; /* a wrapper around the article, not comments */
        return (int)k;
    }
    return -1;
}

/* A page that is all comments (a forum thread, a Q&A page): the opening
 * post is the first comments box holding prose; the deepest such box on
 * that first branch, so the thread's wrapper and the answers stay out.
 * The side array is in document order, so a box's subtree is the run of
 * entries after it whose parent is in it: one pass, stamping each entry
 * with the candidate it belongs to. O(elements). */
#define CT_POST_LINK_MAX 0.3 /* link share above which a box is no post */
static int ct_post_ok(const ct_info *i)
{
    return (i->groups & RG_COMMENTS) &&
           !(i->flags & (NI_HIDDEN | NI_IN_HIDDEN | NI_SKIP)) &&
           i->text - i->link >= CT_THIN_TEXT && i->ptext >= CT_THIN_TEXT &&
           ct_link_density(i) < CT_POST_LINK_MAX;
}

static int ct_first_post(const ct_state *c)
{
    int cand = -1;
    int *stamp = calloc(c->n, sizeof *stamp); /* candidate index + 1 */
    if (!stamp)
        return -1;
    for (size_t k = 1; k < c->n; k++) {
        if (cand >= 0) {
            int p = c->info[k].parent;
            if (p != cand && (p < 0 || stamp[p] != cand + 1))
                break; /* left the candidate's subtree */
            stamp[k] = cand + 1;
        }
        if (ct_post_ok(&c->info[k]))
            cand = (int)k;
    }
    free(stamp);
    return cand;
}

void content_extract(lede_ctx *ctx)
{
    ct_state c;
    memset(&c, 0, sizeof c);
    c.ctx = ctx;
    c.opt = ctx->opt;
    c.mode = ctx->opt->mode == LEDE_MODE_PRECISION ? 0
             : ctx->opt->mode == LEDE_MODE_RECALL  ? 2
                                                   : 1;
    ctx->content = NULL;
    ctx->comments = NULL;
    ctx->art->page_type = "empty";
    ctx->art->readerable = 0;
    rules_index_build(&c.ix);

    xmlNode *body = ctx->doc ? ct_body(ctx->doc) : NULL;
    if (body)
        ct_annotate(&c, body);
    if (!c.oom && c.n)
        ct_finish(&c);
    if (c.oom || c.n == 0) {
        free(c.info);
        if (ctx->jsonld_body && *ctx->jsonld_body) {
            ctx->content = ct_from_text(&c, ctx->jsonld_body);
            ctx->art->page_type = "article";
        }
        return;
    }

    int area = ct_area_candidate(&c);
    int top = ct_top_candidate(&c);
    int chosen = -1, siblings = 0, first_story = 0;
    if (area >= 0 && top >= 0) {
        const ct_info *a = &c.info[area], *t = &c.info[top];
        if (ct_is_ancestor(&c, area, top) || ct_is_ancestor(&c, top, area))
            chosen = a->ptext * 10 >= t->ptext * 6 ? area : top;
        else {
            /* apart: the one with more prose; an explicit article body
             * (RG_AREA1) also wins on clean text, its prose may be lists;
             * a first <article> over a candidate in a later one (the next
             * story of an endless page) when it has half its prose */
            first_story = a->ptext < t->ptext && ct_first_story(&c, area, top);
            chosen = a->ptext >= t->ptext || first_story ||
                             ((a->groups & RG_AREA1) &&
                              a->text - a->link >= t->text - t->link)
                         ? area
                         : top;
        }
    } else {
        chosen = area >= 0 ? area : top;
    }
    if (chosen >= 0 && !first_story) /* the stories' wrapper holds them all */
        chosen = ct_expand(&c, chosen);
    siblings = chosen >= 0 && !first_story; /* (the next stories) */

    xmlNode *best = NULL;
    size_t best_len = 0;
    int tries = 0;
    if (chosen >= 0) {
        best_len = ct_build_from(&c, chosen, siblings, &best);
        if (best)
            best_len += ct_follow_sections(&c, chosen, best);
        tries++;
    }
    /* thin result: try the other candidate, then the filtered body */
    if (best_len < CT_THIN_TEXT && c.info[0].text - c.info[0].link > CT_THIN_TEXT) {
        int alt[2] = {chosen == area ? top : area, 0};
        for (int k = 0; k < 2 && tries < CT_MAX_BUILDS; k++) {
            if (alt[k] < 0 || alt[k] == chosen)
                continue;
            xmlNode *t = NULL;
            c.jt_filter = alt[k] == 0;
            size_t l = ct_build_from(&c, alt[k], alt[k] == top, &t);
            c.jt_filter = 0;
            tries++;
            if (l > best_len * 2 || (best_len == 0 && l > 0)) {
                if (best)
                    xmlFreeNode(best);
                best = t;
                best_len = l;
                chosen = alt[k];
            } else if (t) {
                xmlFreeNode(t);
            }
            if (best_len >= CT_THIN_TEXT)
                break;
        }
    }
    /* still thin: a thread whose posts are all named as comments */
    if (best_len < CT_THIN_TEXT && c.mode != 0) {
        int post = ct_first_post(&c);
        if (post >= 0 && post != chosen) {
            xmlNode *t = NULL;
            c.in_comments = 1;
            size_t l = ct_build_from(&c, post, 0, &t);
            c.in_comments = 0;
            if (l > best_len * 2) {
                if (best)
                    xmlFreeNode(best);
                best = t;
                best_len = l;
                chosen = post;
            } else if (t) {
                xmlFreeNode(t);
            }
        }
    }
    if (!best || best_len == 0) {
        if (best)
            xmlFreeNode(best);
        best = NULL;
        best_len = 0;
        if (c.info[0].text > 0) {
            best_len = ct_build_from(&c, 0, 0, &best);
            chosen = 0;
        }
    }
    if (best && best_len > 0 && chosen > 0 && !c.jt_filter)
        best_len += ct_add_lead(&c, chosen, best);
    /* the page's own JSON-LD body is much longer: the HTML shows a teaser */
    if (ctx->jsonld_body && *ctx->jsonld_body) {
        size_t jl = strlen(ctx->jsonld_body);
        if (best_len < CT_THIN_TEXT * 3 && jl > best_len * 2) {
            xmlNode *j = ct_from_text(&c, ctx->jsonld_body);
            if (j) {
                if (best)
                    xmlFreeNode(best);
                best = j;
                best_len = jl;
            }
        }
    }
    if (best) {
        /* an author may repeat a paragraph on purpose; dropping repeats is
         * a precision-mode choice (trafilatura's dedup is opt-in too) */
        if (c.mode == 0)
            ct_dedupe(best);
        if (c.mode != 2) {
            ct_trim_sections(best, best_len, ctx->art);
            ct_drop_labels(best); /* after: a label may open a tail section */
            ct_drop_date_lines(best);
            ct_drop_notices(best);
            ct_trim_tail(best, best_len);
        }
        if (c.mode != 2)
            ct_trim_head(best, best_len);
        ct_trim_hr(best);
    }
    ctx->content = best;
    ct_set_page_type(&c, best, best_len, chosen);

    if (ctx->opt->include_comments) {
        int ci = ct_comments_area(&c, chosen);
        if (ci >= 0) {
            xmlNode *cm = ct_new_article(&c);
            if (cm) {
                /* the comments box itself is pruned as boilerplate inside
                 * articles; build it as the root, where nothing prunes it */
                c.in_comments = 1;
                ct_build_tree(&c, c.info[ci].node, cm);
                c.in_comments = 0;
                if (cm->children)
                    ctx->comments = cm;
                else
                    xmlFreeNode(cm);
            }
        }
    }
    free(c.info);
}
