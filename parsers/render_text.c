/* render_text.c - plain text of a content tree (content.c builds it).
 *
 * One block per line: paragraphs, headings, list items, captions; a table
 * row is one line with its cells separated by " | "; a <pre> keeps its inner
 * newlines and spaces; <br> ends a line. Figure captions are left out (they
 * stay in the tree for the Markdown and HTML renderings). Inline whitespace is collapsed,
 * lines are trimmed and there are no empty lines. One iterative walk,
 * O(nodes) (a <pre> subtree is read once and then skipped).
 */
#include <string.h>

#include "internal.h"

#define RT_CELL_SEP " | " /* between table cells on a row's line */

static int rt_is_block(const char *nm)
{
    static const char *const blocks[] = {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
        "dd", "blockquote", "figure", "figcaption", "caption", "table",
        "thead", "tbody", "tfoot", "article", "section", "div", "header",
        "footer", "main", "aside", "nav", "address", "hr", "details",
        "summary", "center", "form", "fieldset", NULL};
    for (int i = 0; blocks[i]; i++)
        if (nm[0] == blocks[i][0] && !strcmp(nm, blocks[i])) /* lead byte first */
            return 1;
    return 0;
}

static void rt_trim_spaces(sbuf *b)
{
    while (b->len && (b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\t'))
        b->s[--b->len] = '\0';
}

static void rt_newline(sbuf *b, int *pending)
{
    rt_trim_spaces(b);
    if (b->len && b->s[b->len - 1] != '\n')
        sbuf_putc(b, '\n');
    *pending = 0;
}

/* Raw text of a <pre>, leading/trailing blank lines dropped. O(subtree). */
static void rt_pre(const xmlNode *pre, sbuf *b)
{
    sbuf t;
    sbuf_init(&t);
    const xmlNode *cur = pre->children;
    while (cur) {
        if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) &&
            cur->content)
            sbuf_puts(&t, (const char *)cur->content);
        else if (!strcmp(dom_name(cur), "br"))
            sbuf_putc(&t, '\n');
        if (cur->type == XML_ELEMENT_NODE && cur->children) {
            cur = cur->children;
            continue;
        }
        while (cur != pre && !cur->next)
            cur = cur->parent;
        if (cur == pre)
            break;
        cur = cur->next;
    }
    if (t.s) {
        size_t a = 0, z = t.len;
        /* skip leading blank lines, keep the first line's indentation */
        size_t line = 0;
        for (size_t i = 0; i < z; i++) {
            if (t.s[i] == '\n')
                line = i + 1;
            else if (t.s[i] != ' ' && t.s[i] != '\t' && t.s[i] != '\r')
                break;
        }
        a = line;
        while (z > a && (t.s[z - 1] == '\n' || t.s[z - 1] == ' ' ||
                         t.s[z - 1] == '\t' || t.s[z - 1] == '\r'))
            z--;
        /* no empty lines inside either: the text contract is one block per
         * line without blank lines */
        for (size_t i = a; i < z; i++) {
            char ch = t.s[i];
            if (ch == '\r')
                continue;
            if (ch == '\n' && b->len && b->s[b->len - 1] == '\n')
                continue;
            if (ch == '\n')
                rt_trim_spaces(b);
            sbuf_putc(b, ch);
        }
    }
    sbuf_free(&t);
}

char *render_text(const xmlNode *root)
{
    sbuf b;
    sbuf_init(&b);
    if (!root)
        return sbuf_steal(&b);
    int pending = 0;
    int cell = 0;      /* depth of open table cells */
    int row_first = 1; /* next cell is the first of its row */
    const xmlNode *cur = root->children;
    while (cur) {
        int descend = 1;
        if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
            if (cur->content)
                sbuf_add_collapsed(&b, (const char *)cur->content,
                                   strlen((const char *)cur->content), &pending);
        } else if (cur->type == XML_ELEMENT_NODE) {
            const char *nm = dom_name(cur);
            if (!strcmp(nm, "br")) {
                if (cell)
                    pending = 1;
                else
                    rt_newline(&b, &pending);
            } else if (!strcmp(nm, "pre")) {
                if (cell) {
                    pending = 1;
                } else {
                    rt_newline(&b, &pending);
                    rt_pre(cur, &b);
                    rt_newline(&b, &pending);
                    descend = 0;
                }
            } else if (!strcmp(nm, "tr")) {
                if (cell)
                    pending = 1;
                else
                    rt_newline(&b, &pending);
                row_first = 1;
            } else if (!strcmp(nm, "td") || !strcmp(nm, "th")) {
                if (!cell) {
                    if (!row_first) {
                        rt_trim_spaces(&b);
                        sbuf_puts(&b, RT_CELL_SEP);
                    }
                    pending = 0;
                    row_first = 0;
                } else {
                    pending = 1;
                }
                cell++;
            } else if (!strcmp(nm, "figcaption") || !strcmp(nm, "script") ||
                       !strcmp(nm, "style")) {
                /* captions are kept in the tree (Markdown/HTML show them)
                 * but are not prose: plain text leaves them out */
                descend = 0;
            } else if (rt_is_block(nm)) {
                if (cell)
                    pending = 1;
                else
                    rt_newline(&b, &pending);
            }
        }
        if (descend && cur->type == XML_ELEMENT_NODE && cur->children) {
            cur = cur->children;
            continue;
        }
        /* leave cur and every ancestor we finish */
        for (;;) {
            if (cur->type == XML_ELEMENT_NODE && cur != root) {
                const char *nm = dom_name(cur);
                if (!strcmp(nm, "td") || !strcmp(nm, "th")) {
                    if (cell)
                        cell--;
                } else if (!strcmp(nm, "tr") || rt_is_block(nm)) {
                    if (cell)
                        pending = 1;
                    else
                        rt_newline(&b, &pending);
                }
            }
            if (cur == root)
                break;
            if (cur->next) {
                cur = cur->next;
                break;
            }
            cur = cur->parent;
            if (!cur || cur == root) {
                cur = NULL;
                break;
            }
        }
        if (cur == root)
            break;
    }
    rt_trim_spaces(&b);
    while (b.len && b.s[b.len - 1] == '\n')
        b.s[--b.len] = '\0';
    return sbuf_steal(&b);
}
