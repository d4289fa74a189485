/* normalize.c - Unicode clean-up of the text lede outputs.
 *
 * Output strings are NFC (so "é" typed as e + U+0301 compares equal to the
 * precomposed one) and free of invisible characters that break words for
 * search and counting: soft hyphens and zero-width spaces/joiners.
 *
 * Cost: one pass that copies and filters; utf8proc (which allocates and
 * decomposes everything) runs only when some character might change under
 * NFC, and then only on the stretches around such characters. Text below U+0300 (ASCII, Latin-1, Latin Extended) is always NFC, so
 * Western text never pays for it. The check is conservative: it may call
 * utf8proc on text that was already NFC (e.g. Cyrillic with "й"), never the
 * other way round.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

/* Characters removed from output text, as data. */
static const int32_t nfc_dropped[] = {
    0x00AD, /* SOFT HYPHEN: a hyphenation hint, not text */
    0x200B, /* ZERO WIDTH SPACE */
    0x200C, /* ZERO WIDTH NON-JOINER */
    0x200D, /* ZERO WIDTH JOINER */
    0x2060, /* WORD JOINER */
    0xFEFF, /* ZERO WIDTH NO-BREAK SPACE / stray byte order mark */
};

/* First code point that can be affected by NFC (U+0300 COMBINING GRAVE
 * ACCENT is the first with NFC_Quick_Check other than Yes). */
#define NFC_FIRST_UNSAFE 0x0300

/* Index of the first byte at or after i that is NUL or not ASCII (len
 * if none): eight bytes per step. */
static size_t nfc_ascii_run(const unsigned char *u, size_t i, size_t len)
{
    const uint64_t high = 0x8080808080808080ULL, low = 0x0101010101010101ULL;
    while (len - i >= 8) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        if ((w & high) || ((w - low) & ~w & high))
            break;
        i += 8;
    }
    while (i < len && u[i] && u[i] < 0x80)
        i++;
    return i;
}

static int nfc_is_dropped(int32_t cp)
{
    for (size_t i = 0; i < sizeof nfc_dropped / sizeof nfc_dropped[0]; i++)
        if (nfc_dropped[i] == cp)
            return 1;
    return 0;
}

/* Can this code point be changed by NFC or combine with its neighbour?
 * Conservative: "no" only when utf8proc's tables show no canonical
 * decomposition, no combining class and no role as a second element of a
 * composition. Hangul jamo compose algorithmically, so they are unsafe. */
static int nfc_may_change(int32_t cp)
{
    if (cp < NFC_FIRST_UNSAFE)
        return 0;
    if (cp >= 0xAC00 && cp <= 0xD7A3)
        return 0; /* precomposed Hangul syllables are NFC */
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
        (cp >= 0xD7B0 && cp <= 0xD7FF))
        return 1;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0 || p->comp_exclusion)
        return 1;
    if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0)
        return 1; /* has a canonical decomposition */
    /* utf8proc 2.x: comb_index >= 0x8000 marks a second element. */
    if (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000)
        return 1;
    return 0;
}

/* Append the NFC of s[0..n) to b through utf8proc; -1 on oom. */
static int nfc_map_into(sbuf *b, const char *s, size_t n)
{
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s,
                                      (utf8proc_ssize_t)n, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
        free(nfc);
        return -1;
    }
    sbuf_add(b, (const char *)nfc, (size_t)r);
    free(nfc);
    return b->oom ? -1 : 0;
}

/* NFC of valid UTF-8 s[0..n) (no NUL), or NULL on oom. utf8proc decomposes
 * and recomposes all it is given (hundreds of instructions a byte), so it
 * gets only the stretches around the characters nfc_may_change flags.
 * A stretch starts at the character before the first of them and ends
 * before the next character that may not change: that one is a starter
 * no earlier character composes with and no mark moves across, so the
 * NFC of the whole is the NFC of the pieces on either side of it, and
 * text between stretches is NFC already. Stretches closer than NFC_GAP
 * bytes are passed as one (each utf8proc call allocates). */
#define NFC_GAP 64
static char *nfc_stretches(const char *s, size_t n)
{
    sbuf b;
    sbuf_init(&b);
    sbuf_reserve(&b, n + n / 8);
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t done = 0;    /* s[0..done) is written to b */
    size_t prev = 0;    /* start of the character before i */
    size_t from = SIZE_MAX; /* start of the open stretch, if any */
    size_t upto = 0;    /* end of its last character that may change */
    size_t i = 0;
    while (i < n) {
        size_t next;
        if (u[i] < 0x80) {
            next = nfc_ascii_run(u, i, n); /* ASCII never changes */
            prev = next - 1;
        } else {
            int32_t cp;
            utf8proc_ssize_t k =
                utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0)
                k = 1; /* not after the filter pass; keeps the loop finite */
            next = i + (size_t)k;
            if (nfc_may_change(cp)) {
                if (from == SIZE_MAX)
                    from = i ? prev : 0;
                upto = next;
            }
            prev = i;
        }
        /* s[upto..next) holds no character that may change: the open
         * stretch ends at upto once the gap is wide enough. */
        if (from != SIZE_MAX && next - upto >= NFC_GAP) {
            sbuf_add(&b, s + done, from - done);
            if (nfc_map_into(&b, s + from, upto - from) < 0)
                break;
            done = upto;
            from = SIZE_MAX;
        }
        i = next;
    }
    if (!b.oom && from != SIZE_MAX) {
        sbuf_add(&b, s + done, from - done);
        nfc_map_into(&b, s + from, n - from);
        done = n;
    }
    sbuf_add(&b, s + done, n - done);
    if (b.oom) {
        sbuf_free(&b);
        return NULL;
    }
    return sbuf_steal(&b);
}

char *text_nfc(const char *s, size_t len)
{
    if (!s)
        len = 0;
    /* Fast path: pure ASCII (no NUL either) is copied as is. */
    size_t i = s ? nfc_ascii_run((const unsigned char *)s, 0, len) : 0;
    if (i == len)
        return xstrndup(s ? s : "", len);

    /* Filter pass: copy, dropping invisible characters and NULs; invalid
     * UTF-8 becomes U+FFFD (so utf8proc below cannot fail on it). */
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *buf = malloc(len * 3 + 1); /* a bad byte may become 3 */
    if (!buf)
        return NULL;
    memcpy(buf, s, i);
    size_t w = i;
    int need_nfc = 0;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    while (i < len) {
        if (u[i] < 0x80) {
            /* an ASCII run, copied at once; a NUL is skipped */
            size_t e = nfc_ascii_run(u, i, len);
            memcpy(buf + w, s + i, e - i);
            w += e - i;
            i = e;
            if (i < len && !u[i])
                i++;
            continue;
        }
        int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            memcpy(buf + w, "\xEF\xBF\xBD", 3);
            w += 3;
            i++;
            continue;
        }
        if (!nfc_is_dropped(cp)) {
            memcpy(buf + w, s + i, (size_t)n);
            w += (size_t)n;
            if (!need_nfc && nfc_may_change(cp))
                need_nfc = 1;
        }
        i += (size_t)n;
    }
    buf[w] = '\0';
    if (!need_nfc)
        return buf;
    char *nfc = nfc_stretches(buf, w);
    if (!nfc)
        return buf; /* only oom: better unnormalised than nothing */
    free(buf);
    return nfc;
}
