/* sbuf.c - a growable string buffer used by every renderer.
 *
 * Allocation failure is sticky (b->oom) rather than reported per call, so
 * renderers can append freely and check once at the end.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void sbuf_init(sbuf *b)
{
    memset(b, 0, sizeof *b);
}

/* The reallocation of sbuf_grow, out of line: most calls fit. */
static int sbuf_grow_slow(sbuf *b, size_t extra)
{
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *s = realloc(b->s, cap);
    if (!s) {
        b->oom = 1;
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

/* Room for extra more bytes and the NUL; -1 once an allocation failed. */
static inline int sbuf_grow(sbuf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    return sbuf_grow_slow(b, extra);
}

void sbuf_reserve(sbuf *b, size_t extra)
{
    sbuf_grow(b, extra);
}

void sbuf_add(sbuf *b, const char *s, size_t n)
{
    if (sbuf_grow(b, n) < 0)
        return;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sbuf_puts(sbuf *b, const char *s)
{
    if (s)
        sbuf_add(b, s, strlen(s));
}

void sbuf_putc(sbuf *b, char c)
{
    if (sbuf_grow(b, 1) < 0)
        return;
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

void sbuf_truncate(sbuf *b, size_t len)
{
    if (len >= b->len)
        return;
    b->len = len;
    b->s[len] = '\0'; /* len < b->len, so b->s exists */
}

void sbuf_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        sbuf_add(b, tmp, (size_t)n);
        return;
    }
    if (sbuf_grow(b, (size_t)n) < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *sbuf_steal(sbuf *b)
{
    if (b->oom) {
        sbuf_free(b);
        return NULL;
    }
    char *s = b->s ? b->s : strdup("");
    memset(b, 0, sizeof *b);
    return s;
}

void sbuf_free(sbuf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

/* ASCII whitespace as the collapsing sees it (space, \t, \n, \v, \f, \r). */
static const unsigned char sbuf_space[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1};

/* Collapses ASCII whitespace and U+00A0 (no-break space, C2 A0) is kept as
 * is: the corpus scorers treat it as whitespace anyway, and a page that uses
 * it between a number and a unit means it.
 * One growth and one pass per call (it runs on every text node of a page):
 * the output is at most n + 1 bytes, the +1 being a space carried in by
 * *pending_space; every other space written replaces one that was read. */
void sbuf_add_collapsed(sbuf *b, const char *s, size_t n, int *pending_space)
{
    if (n == 0 || sbuf_grow(b, n + 1) < 0)
        return;
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    char *start = b->s, *d = b->s + b->len;
    int pending = *pending_space;
    while (p < end) {
        if (sbuf_space[*p]) {
            do
                p++;
            while (p < end && sbuf_space[*p]);
            if (d > start)
                pending = 1;
            continue;
        }
        if (pending && d > start && d[-1] != '\n' && d[-1] != ' ')
            *d++ = ' ';
        pending = 0;
        /* Words are short: copied while read, no memcpy call per word. */
        do
            *d++ = (char)*p++;
        while (p < end && !sbuf_space[*p]);
    }
    b->len = (size_t)(d - start);
    b->s[b->len] = '\0';
    *pending_space = pending;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}
