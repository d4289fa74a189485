/* index.c - GET /: the "try lede" page (web/index.html), a self-contained
 * HTML/CSS/JS page to paste a URL or HTML and see the article, its
 * metadata and the raw JSON. Embedded in the binary at build time (.incbin,
 * like openapi.c), so the service needs no files at run time.
 *
 * The page's Content-Security-Policy allows only its own script and style,
 * marked with a nonce: each response gets a fresh random nonce written over
 * the @NONCE@ placeholders. So even if sanitized article HTML ever carried
 * script, the browser would refuse to run it (defence in depth; the
 * sanitizer itself is tested without this net by tests/browser).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "handlers.h"

__asm__(".section .rodata\n"
        ".global lede_index_html_start\n"
        ".type lede_index_html_start, @object\n"
        "lede_index_html_start:\n"
        ".incbin \"web/index.html\"\n"
        ".global lede_index_html_end\n"
        ".type lede_index_html_end, @object\n"
        "lede_index_html_end:\n"
        ".byte 0\n"
        ".previous\n");

extern const char lede_index_html_start[];
extern const char lede_index_html_end[];

#define INDEX_NONCE_MARK "@NONCE@"
/* 16 random bytes: the CSP spec asks for at least 128 bits. */
#define INDEX_NONCE_BYTES 16

/* Fill out with 2*INDEX_NONCE_BYTES hex digits; -1 if no randomness. */
static int index_nonce(char *out)
{
    unsigned char raw[INDEX_NONCE_BYTES];
    size_t got = 0;
    while (got < sizeof raw) {
        ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

handler_status handle_index(http_req *r)
{
    const char *page = lede_index_html_start;
    size_t len = (size_t)(lede_index_html_end - lede_index_html_start);
    char nonce[2 * INDEX_NONCE_BYTES + 1];
    if (index_nonce(nonce) < 0) {
        http_reply_problem(&r->reply, 503, "no-randomness",
                           "the system gave no random bytes for the page nonce", 0);
        return HANDLER_DONE;
    }
    size_t mark = strlen(INDEX_NONCE_MARK), nl = strlen(nonce);
    /* the nonce (32) is longer than the mark (7): room for every mark */
    size_t cap = len + (len / mark + 1) * (nl - mark) + 1;
    char *out = malloc(cap);
    if (!out) {
        http_reply_problem(&r->reply, 500, "out-of-memory", "out of memory", 0);
        return HANDLER_DONE;
    }
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (len - i >= mark && !memcmp(page + i, INDEX_NONCE_MARK, mark)) {
            memcpy(out + o, nonce, nl);
            o += nl;
            i += mark;
        } else {
            out[o++] = page[i++];
        }
    }
    out[o] = '\0';
    http_reply_take(&r->reply, 200, "text/html; charset=utf-8", out, o);
    http_reply_header(&r->reply, "Cache-Control", "no-store");
    http_reply_header(&r->reply, "X-Content-Type-Options", "nosniff");
    http_reply_header(&r->reply, "X-Frame-Options", "DENY");
    http_reply_header(&r->reply, "Referrer-Policy", "no-referrer");
    return HANDLER_DONE;
}
