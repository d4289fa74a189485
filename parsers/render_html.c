/* render_html.c - the sanitized HTML rendering of the main-content tree.
 *
 * First version: the text in one escaped paragraph. Replaced by the full
 * allowlist sanitizer.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *render_html(const xmlNode *root, const lede_ctx *ctx)
{
    (void)ctx;
    sbuf t, b;
    sbuf_init(&t);
    sbuf_init(&b);
    if (root)
        dom_text(root, &t);
    sbuf_puts(&b, "<p>");
    for (size_t i = 0; i < t.len; i++) {
        char c = t.s[i];
        if (c == '<') sbuf_puts(&b, "&lt;");
        else if (c == '>') sbuf_puts(&b, "&gt;");
        else if (c == '&') sbuf_puts(&b, "&amp;");
        else sbuf_putc(&b, c);
    }
    sbuf_puts(&b, "</p>");
    sbuf_free(&t);
    return sbuf_steal(&b);
}
