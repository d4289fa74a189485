/* render_markdown.c - the Markdown rendering of the main-content tree.
 *
 * First version: one paragraph per text block, escaped. Replaced by the full
 * CommonMark + GFM renderer.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *render_markdown(const xmlNode *root, const lede_ctx *ctx)
{
    (void)ctx;
    sbuf t, b;
    sbuf_init(&t);
    sbuf_init(&b);
    if (root)
        dom_text(root, &t);
    for (size_t i = 0; i < t.len; i++) {
        char c = t.s[i];
        if (strchr("\\`*_[]<>#|~", c))
            sbuf_putc(&b, '\\');
        sbuf_putc(&b, c);
    }
    sbuf_free(&t);
    if (b.len)
        sbuf_putc(&b, '\n');
    return sbuf_steal(&b);
}
