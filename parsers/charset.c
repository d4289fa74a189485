/* charset.c - turn the bytes of a page into UTF-8 before anything parses it.
 *
 * Web pages come in many encodings and often say so wrongly. The order of
 * evidence follows the WHATWG HTML "encoding sniffing" algorithm, with two
 * extra checks for pages that lie:
 *   1. a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE);
 *   2. the caller's hint (the charset of an HTTP Content-Type);
 *   3. <meta charset> / <meta http-equiv="Content-Type" content="...charset=">
 *      found by a cheap byte scan of the first META_SCAN_MAX bytes (no DOM);
 *   4. nothing declared: valid UTF-8 is UTF-8, otherwise uchardet guesses;
 *   5. windows-1252 when all else fails.
 * A declared legacy encoding (latin1, windows-125x, GBK...) is overridden
 * when the bytes are valid UTF-8 with multibyte sequences in them: real
 * legacy text is practically never valid UTF-8, mislabelled UTF-8 is common.
 * A declared UTF-8 with more bad sequences than good ones is re-detected.
 *
 * Labels map to encodings as the WHATWG Encoding Standard says
 * (iso-8859-1 and ascii mean windows-1252, gb2312 means GBK...); the table
 * is data, below. Conversion is glibc iconv; bad or unconvertible bytes
 * become U+FFFD and NUL bytes are dropped, so decoding never fails on input.
 *
 * Cost: valid UTF-8, the common case, is one validating pass (eight bytes
 * at a time over ASCII) plus one memcpy. iconv and uchardet only run for
 * pages that need them.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uchardet.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internal.h"

/* WHATWG prescans 1024 bytes; real pages put scripts and styles before
 * their <meta charset>, and one corpus page has it at byte 58,180. */
#define META_SCAN_MAX (64 * 1024)
/* uchardet settles long before this; bounds its time on huge pages. */
#define DETECT_MAX (1024 * 1024)
/* Undeclared bytes that are "UTF-8 with a few bad bytes": at least this many
 * valid multibyte sequences per invalid one (legacy text scores far lower:
 * GBK that happens to form UTF-8 pairs scores about 0.3). */
#define UTF8_MOSTLY_VALID_RATIO 4

/* ---- the encodings we know, as data ------------------------------------- */

typedef struct {
    const char *name;   /* canonical (WHATWG) name, reported as `used` */
    const char *iconv;  /* glibc iconv name */
    const char *labels; /* lower-case labels, each surrounded by spaces */
    unsigned unit;      /* code unit size: bytes skipped on a bad sequence */
} cs_encoding;

/* Index of some entries the algorithm refers to by name. */
enum { CS_UTF8 = 0, CS_WIN1252, CS_UTF16LE, CS_UTF16BE, CS_UTF32LE, CS_UTF32BE };

/* Labels from the WHATWG Encoding Standard, plus the names uchardet and
 * common misspellings use (marked "extra"). Order matters only for the
 * first six entries (see the enum above). */
static const cs_encoding cs_table[] = {
    {"UTF-8", "UTF-8",
     " unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"
     " ascii/utf-8 utf-8n ",
     1},
    {"windows-1252", "CP1252",
     " ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1"
     " iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1"
     " us-ascii windows-1252 x-cp1252 latin-1 iso-latin-1 ",
     1},
    {"UTF-16LE", "UTF-16LE",
     " csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le ", 2},
    {"UTF-16BE", "UTF-16BE", " unicodefffe utf-16be ", 2},
    {"UTF-32LE", "UTF-32LE", " utf-32 utf-32le ", 4}, /* extra */
    {"UTF-32BE", "UTF-32BE", " utf-32be ", 4},         /* extra */
    {"IBM866", "IBM866", " 866 cp866 csibm866 ibm866 ", 1},
    {"ISO-8859-2", "ISO-8859-2",
     " csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2"
     " iso_8859-2:1987 l2 latin2 ",
     1},
    {"ISO-8859-3", "ISO-8859-3",
     " csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3"
     " iso_8859-3:1988 l3 latin3 ",
     1},
    {"ISO-8859-4", "ISO-8859-4",
     " csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4"
     " iso_8859-4:1988 l4 latin4 ",
     1},
    {"ISO-8859-5", "ISO-8859-5",
     " csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595"
     " iso_8859-5 iso_8859-5:1988 ",
     1},
    {"ISO-8859-6", "ISO-8859-6",
     " arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114"
     " iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596"
     " iso_8859-6 iso_8859-6:1987 ",
     1},
    {"ISO-8859-7", "ISO-8859-7",
     " csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126"
     " iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek ",
     1},
    {"ISO-8859-8", "ISO-8859-8",
     " csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138"
     " iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual ",
     1},
    {"ISO-8859-8-I", "ISO-8859-8", " csiso88598i iso-8859-8-i logical ", 1},
    {"ISO-8859-10", "ISO-8859-10",
     " csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6 ", 1},
    {"ISO-8859-13", "ISO-8859-13", " iso-8859-13 iso8859-13 iso885913 ", 1},
    {"ISO-8859-14", "ISO-8859-14", " iso-8859-14 iso8859-14 iso885914 ", 1},
    {"ISO-8859-15", "ISO-8859-15",
     " csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9 ", 1},
    {"ISO-8859-16", "ISO-8859-16", " iso-8859-16 ", 1},
    {"KOI8-R", "KOI8-R", " cskoi8r koi koi8 koi8-r koi8_r ", 1},
    {"KOI8-U", "KOI8-U", " koi8-ru koi8-u ", 1},
    {"macintosh", "MACINTOSH", " csmacintosh mac macintosh x-mac-roman ", 1},
    {"windows-874", "CP874",
     " dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874 ", 1},
    {"windows-1250", "CP1250", " cp1250 windows-1250 x-cp1250 ", 1},
    {"windows-1251", "CP1251", " cp1251 windows-1251 x-cp1251 ", 1},
    {"windows-1253", "CP1253", " cp1253 windows-1253 x-cp1253 ", 1},
    {"windows-1254", "CP1254",
     " cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9"
     " iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254 ",
     1},
    {"windows-1255", "CP1255", " cp1255 windows-1255 x-cp1255 ", 1},
    {"windows-1256", "CP1256", " cp1256 windows-1256 x-cp1256 ", 1},
    {"windows-1257", "CP1257", " cp1257 windows-1257 x-cp1257 ", 1},
    {"windows-1258", "CP1258", " cp1258 windows-1258 x-cp1258 ", 1},
    {"x-mac-cyrillic", "MAC-CYRILLIC",
     " x-mac-cyrillic x-mac-ukrainian mac-cyrillic ", 1},
    /* The WHATWG gbk decoder is the gb18030 decoder: use the superset. */
    {"GBK", "GB18030",
     " chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk"
     " iso-ir-58 x-gbk cp936 ms936 windows-936 euc-cn ",
     1},
    {"gb18030", "GB18030", " gb18030 ", 1},
    {"Big5", "BIG5-HKSCS", " big5 big5-hkscs cn-big5 csbig5 x-x-big5 ", 1},
    {"EUC-JP", "EUC-JP", " cseucpkdfmtjapanese euc-jp x-euc-jp ", 1},
    {"ISO-2022-JP", "ISO-2022-JP", " csiso2022jp iso-2022-jp ", 1},
    /* WHATWG Shift_JIS is Microsoft's variant (NEC/IBM extensions). */
    {"Shift_JIS", "CP932",
     " csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"
     " cp932 ",
     1},
    /* WHATWG EUC-KR is windows-949 (UHC), a superset of EUC-KR. */
    {"EUC-KR", "CP949",
     " cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987"
     " ks_c_5601-1989 ksc5601 ksc_5601 windows-949 cp949 uhc ",
     1},
    /* Not in WHATWG; names uchardet may answer. */
    {"IBM855", "IBM855", " ibm855 cp855 ", 1},
    {"EUC-TW", "EUC-TW", " euc-tw ", 1},
    {"VISCII", "VISCII", " viscii ", 1},
    {"MAC-CENTRALEUROPE", "MAC-CENTRALEUROPE", " mac-centraleurope ", 1},
};

#define CS_COUNT (sizeof cs_table / sizeof cs_table[0])
/* Longest label we bother to look up (the longest real one is 19). */
#define CS_LABEL_MAX 40

static int cs_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static unsigned char cs_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Encoding for a label (WHATWG "get an encoding": trim, lower-case), or
 * NULL when unknown. Quotes around the label are tolerated. */
static const cs_encoding *cs_lookup(const char *label, size_t n)
{
    while (n && (cs_is_space((unsigned char)*label) || *label == '"' ||
                 *label == '\''))
        label++, n--;
    while (n && (cs_is_space((unsigned char)label[n - 1]) ||
                 label[n - 1] == '"' || label[n - 1] == '\''))
        n--;
    if (n == 0 || n > CS_LABEL_MAX)
        return NULL;
    char key[CS_LABEL_MAX + 3];
    key[0] = ' ';
    for (size_t i = 0; i < n; i++) {
        if (cs_is_space((unsigned char)label[i]))
            return NULL; /* would match two adjacent labels of the table */
        key[i + 1] = (char)cs_lower((unsigned char)label[i]);
    }
    key[n + 1] = ' ';
    key[n + 2] = '\0';
    for (size_t i = 0; i < CS_COUNT; i++)
        if (strstr(cs_table[i].labels, key))
            return &cs_table[i];
    return NULL;
}

/* ---- UTF-8 validation ---------------------------------------------------- */

typedef struct {
    size_t n_multi;   /* valid sequences of 2-4 bytes */
    size_t n_invalid; /* maximal invalid subparts (each one U+FFFD) */
    size_t n_nul;     /* NUL bytes */
} utf8_stats;

#define HIGH_BITS 0x8080808080808080ULL
#define LOW_BITS 0x0101010101010101ULL

/* Length of the valid UTF-8 sequence at p (1-4), or minus the length of the
 * maximal subpart to replace with one U+FFFD (Unicode 3.9, "best practice",
 * which WHATWG also follows). p < end. */
static int utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    int need;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else
        return -1;
    for (int i = 1; i <= need; i++) {
        if (p + i >= end)
            return -i;
        unsigned char b = p[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
            return -i;
    }
    return need + 1;
}

/* The first byte at or after p that is NUL or not ASCII, or end:
 * sixteen bytes per step with SSE2, else eight. */
static const unsigned char *cs_plain_run(const unsigned char *p,
                                         const unsigned char *end)
{
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128();
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)p);
        unsigned m =
            (unsigned)_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));
        if (m)
            return p + __builtin_ctz(m);
        p += 16;
    }
#endif
    while (end - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        if ((w & HIGH_BITS) || ((w - LOW_BITS) & ~w & HIGH_BITS))
            break;
        p += 8;
    }
    while (p < end && *p && *p < 0x80)
        p++;
    return p;
}

/* One pass over the bytes; ASCII runs go sixteen bytes at a time (SSE2:
 * one mask of the bytes that are NUL or not ASCII, and a jump to the first
 * of them), else eight at a time. */
static void utf8_scan(const char *in, size_t len, utf8_stats *st)
{
    const unsigned char *p = (const unsigned char *)in, *end = p + len;
    memset(st, 0, sizeof *st);
    while (p < end) {
#ifdef __SSE2__
        const __m128i zero = _mm_setzero_si128();
        while (end - p >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)p);
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));
            if (m) {
                p += __builtin_ctz(m);
                break;
            }
            p += 16;
        }
#endif
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (w & HIGH_BITS)
                break;
            if ((w - LOW_BITS) & ~w & HIGH_BITS) /* a zero byte in w */
                break;
            p += 8;
        }
        if (p >= end)
            break;
        if (*p == 0) {
            st->n_nul++;
            p++;
            continue;
        }
        int n = utf8_seq(p, end);
        if (n < 0) {
            st->n_invalid++;
            p += -n;
        } else {
            if (n > 1)
                st->n_multi++;
            p += n;
        }
    }
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Copy UTF-8, bad subparts replaced with U+FFFD and NULs dropped. Fast
 * path: nothing to fix, one memcpy, or none when the caller can read the
 * input itself (*borrowed set, *out points into in). */
static int utf8_copy(const char *in, size_t len, const utf8_stats *st,
                     char **out, size_t *outlen, int *borrowed)
{
    if (st->n_invalid == 0 && st->n_nul == 0 && borrowed) {
        *out = (char *)in; /* read-only: charset_decode_borrow's contract */
        *outlen = len;
        *borrowed = 1;
        return 0;
    }
    if (st->n_invalid == 0 && st->n_nul == 0) {
        char *o = malloc(len + 1);
        if (!o)
            return -1;
        memcpy(o, in, len);
        o[len] = '\0';
        *out = o;
        *outlen = len;
        return 0;
    }
    /* Each bad subpart is at least one byte and becomes three. */
    if (st->n_invalid > (SIZE_MAX - len - 1) / 2)
        return -1;
    char *o = malloc(len + 2 * st->n_invalid + 1);
    if (!o)
        return -1;
    const unsigned char *p = (const unsigned char *)in, *end = p + len;
    char *q = o;
    while (p < end) {
        if (*p == 0) {
            p++;
            continue;
        }
        int n = utf8_seq(p, end);
        if (n < 0) {
            memcpy(q, REPLACEMENT, 3);
            q += 3;
            p += -n;
        } else {
            memcpy(q, p, (size_t)n);
            q += n;
            p += n;
        }
    }
    *q = '\0';
    *out = o;
    *outlen = (size_t)(q - o);
    return 0;
}

/* ---- byte order marks and <meta> prescan --------------------------------- */

static const cs_encoding *cs_bom(const unsigned char *p, size_t len,
                                 size_t *skip)
{
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        *skip = 3;
        return &cs_table[CS_UTF8];
    }
    if (len >= 4 && p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) {
        *skip = 4;
        return &cs_table[CS_UTF32LE];
    }
    if (len >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF) {
        *skip = 4;
        return &cs_table[CS_UTF32BE];
    }
    if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        *skip = 2;
        return &cs_table[CS_UTF16LE];
    }
    if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        *skip = 2;
        return &cs_table[CS_UTF16BE];
    }
    /* No BOM, but "<" then NUL (or NUL then "<") at the very start is
     * UTF-16 markup (as the XML spec's autodetection table says). */
    if (len >= 4 && p[0] == '<' && p[1] == 0 && p[2] != 0 && p[3] == 0) {
        *skip = 0;
        return &cs_table[CS_UTF16LE];
    }
    if (len >= 4 && p[0] == 0 && p[1] == '<' && p[2] == 0 && p[3] != 0) {
        *skip = 0;
        return &cs_table[CS_UTF16BE];
    }
    return NULL;
}

/* Case-insensitive: does p (with room up to end) start with lower-case s? */
static int cs_starts(const unsigned char *p, const unsigned char *end,
                     const char *s)
{
    for (; *s; s++, p++)
        if (p >= end || cs_lower(*p) != (unsigned char)*s)
            return 0;
    return 1;
}

/* WHATWG "extract a character encoding from a meta element": the value
 * after "charset" [ws] "=" [ws] in a content attribute. */
static const cs_encoding *cs_from_content(const unsigned char *v, size_t n)
{
    const unsigned char *p = v, *end = v + n;
    while (p < end) {
        const unsigned char *c = NULL;
        for (const unsigned char *s = p; s + 7 <= end; s++)
            if (cs_starts(s, end, "charset")) {
                c = s;
                break;
            }
        if (!c)
            return NULL;
        p = c + 7;
        while (p < end && cs_is_space(*p))
            p++;
        if (p >= end || *p != '=')
            continue; /* look for the next "charset" */
        p++;
        while (p < end && cs_is_space(*p))
            p++;
        if (p >= end)
            return NULL;
        const unsigned char *s = p;
        if (*p == '"' || *p == '\'') {
            unsigned char q = *p++;
            s = p;
            while (p < end && *p != q)
                p++;
            if (p >= end)
                return NULL; /* unmatched quote: nothing, says WHATWG */
        } else {
            while (p < end && !cs_is_space(*p) && *p != ';')
                p++;
        }
        return cs_lookup((const char *)s, (size_t)(p - s));
    }
    return NULL;
}

/* Read one attribute of a tag at *pp (WHATWG "get an attribute",
 * simplified). Returns 0 at '>' or the end of the window. */
static int cs_attr(const unsigned char **pp, const unsigned char *end,
                   const unsigned char **name, size_t *name_len,
                   const unsigned char **val, size_t *val_len)
{
    const unsigned char *p = *pp;
    while (p < end && (cs_is_space(*p) || *p == '/'))
        p++;
    if (p >= end || *p == '>')
        return 0;
    *name = p;
    while (p < end && !cs_is_space(*p) && *p != '=' && *p != '>' &&
           *p != '/')
        p++;
    *name_len = (size_t)(p - *name);
    *val = p;
    *val_len = 0;
    while (p < end && cs_is_space(*p))
        p++;
    if (p < end && *p == '=') {
        p++;
        while (p < end && cs_is_space(*p))
            p++;
        if (p < end && (*p == '"' || *p == '\'')) {
            unsigned char q = *p++;
            *val = p;
            while (p < end && *p != q)
                p++;
            *val_len = (size_t)(p - *val);
            if (p < end)
                p++;
        } else {
            *val = p;
            while (p < end && !cs_is_space(*p) && *p != '>')
                p++;
            *val_len = (size_t)(p - *val);
        }
    }
    if (*name_len == 0 && p < end && *p != '>')
        p++; /* a stray '=': step over it so we always advance */
    *pp = p;
    return 1;
}

static int cs_name_is(const unsigned char *n, size_t len, const char *s)
{
    return strlen(s) == len && cs_starts(n, n + len, s);
}

/* First encoding declared by a <meta> in p[0..len), or NULL. Comments are
 * skipped; other markup is not parsed (a cheap scan, no DOM). */
static const cs_encoding *cs_prescan(const unsigned char *p, size_t len)
{
    const unsigned char *end = p + len;
    while (p < end) {
        p = memchr(p, '<', (size_t)(end - p));
        if (!p)
            return NULL;
        if (cs_starts(p, end, "<!--")) {
            const unsigned char *e =
                memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
            if (!e)
                return NULL;
            p = e + 3;
            continue;
        }
        if (!cs_starts(p, end, "<meta") || p + 5 >= end ||
            !(cs_is_space(p[5]) || p[5] == '/')) {
            p++;
            continue;
        }
        p += 5;
        int got_pragma = 0, need_pragma = -1; /* -1: unknown yet */
        const cs_encoding *enc = NULL;
        const unsigned char *name, *val;
        size_t nl, vl;
        while (cs_attr(&p, end, &name, &nl, &val, &vl)) {
            if (cs_name_is(name, nl, "http-equiv")) {
                if (cs_name_is(val, vl, "content-type"))
                    got_pragma = 1;
            } else if (cs_name_is(name, nl, "charset")) {
                if (!enc) {
                    enc = cs_lookup((const char *)val, vl);
                    need_pragma = 0;
                }
            } else if (cs_name_is(name, nl, "content")) {
                if (!enc) {
                    const cs_encoding *e = cs_from_content(val, vl);
                    if (e) {
                        enc = e;
                        need_pragma = 1;
                    }
                }
            }
        }
        if (enc && (need_pragma == 0 || got_pragma)) {
            /* A page that can declare UTF-16 in ASCII is not UTF-16. */
            if (enc->unit != 1)
                enc = &cs_table[CS_UTF8];
            return enc;
        }
    }
    return NULL;
}

/* ---- detection and conversion -------------------------------------------- */

/* uchardet's guess as one of our encodings, or NULL. */
static const cs_encoding *cs_detect(const char *in, size_t len)
{
    uchardet_t ud = uchardet_new();
    if (!ud)
        return NULL;
    const cs_encoding *enc = NULL;
    if (uchardet_handle_data(ud, in, len > DETECT_MAX ? DETECT_MAX : len) == 0) {
        uchardet_data_end(ud);
        const char *name = uchardet_get_charset(ud);
        if (name && *name)
            enc = cs_lookup(name, strlen(name));
    }
    uchardet_delete(ud);
    return enc;
}

/* Latin-1 by hand: the last resort if iconv itself is unusable. */
static int cs_latin1(const char *in, size_t len, char **out, size_t *outlen)
{
    if (len > (SIZE_MAX - 1) / 2)
        return -1;
    char *o = malloc(2 * len + 1), *q = o;
    if (!o)
        return -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == 0)
            continue;
        if (c < 0x80)
            *q++ = (char)c;
        else {
            *q++ = (char)(0xC0 | (c >> 6));
            *q++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *q = '\0';
    *out = o;
    *outlen = (size_t)(q - o);
    return 0;
}

/* Make room for `need` more bytes at *q in the buffer *buf of size *cap. */
static int cs_reserve(char **buf, size_t *cap, char **q, size_t need)
{
    size_t used = (size_t)(*q - *buf);
    if (*cap - used >= need)
        return 0;
    size_t ncap = *cap;
    while (ncap - used < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    char *nb = realloc(*buf, ncap);
    if (!nb)
        return -1;
    *q = nb + used;
    *buf = nb;
    *cap = ncap;
    return 0;
}

/* Convert with iconv; bad input becomes U+FFFD, NULs are dropped. Returns
 * 0, -1 on oom, 1 when iconv does not know the encoding. */
static int cs_convert(const cs_encoding *enc, const char *in, size_t len,
                      char **out, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", enc->iconv);
    if (cd == (iconv_t)-1)
        return 1;
    /* Most text grows by at most half (CJK 2 -> 3 bytes); grown on demand. */
    size_t cap = len + len / 2 + 64;
    char *buf = malloc(cap), *q = buf;
    if (!buf) {
        iconv_close(cd);
        return -1;
    }
    char *ip = (char *)in;
    size_t inleft = len;
    int rc = 0, flushing = 0;
    for (;;) {
        size_t outleft = cap - (size_t)(q - buf) - 1; /* keep one for NUL */
        size_t r = flushing ? iconv(cd, NULL, NULL, &q, &outleft)
                            : iconv(cd, &ip, &inleft, &q, &outleft);
        if (r != (size_t)-1) {
            if (flushing)
                break;
            flushing = 1; /* all input taken: now reset any shift state */
            continue;
        }
        if (errno == E2BIG) {
            if (cs_reserve(&buf, &cap, &q, cap / 2 + 16) < 0) {
                rc = -1;
                break;
            }
            continue;
        }
        if (flushing)
            break;
        /* EILSEQ (bad or unmappable) or EINVAL (truncated at the end). */
        if (cs_reserve(&buf, &cap, &q, 4) < 0) {
            rc = -1;
            break;
        }
        memcpy(q, REPLACEMENT, 3);
        q += 3;
        if (errno == EINVAL || inleft <= enc->unit)
            flushing = 1;
        else {
            ip += enc->unit;
            inleft -= enc->unit;
        }
    }
    iconv_close(cd);
    if (rc < 0) {
        free(buf);
        return -1;
    }
    *q = '\0';
    size_t n = (size_t)(q - buf);
    /* UTF-8 output holds a zero byte only for U+0000: drop those. */
    if (memchr(buf, 0, n)) {
        size_t w = 0;
        for (size_t i = 0; i < n; i++)
            if (buf[i])
                buf[w++] = buf[i];
        buf[w] = '\0';
        n = w;
    }
    *out = buf;
    *outlen = n;
    return 0;
}

/* ---- single-byte encodings by table -------------------------------------
 * iconv costs tens of instructions per byte. A single-byte encoding maps
 * each byte alone, so its 256 answers are asked from iconv once per page
 * and the page is then two table passes (size, then bytes). Only encodings
 * whose iconv converter is stateless are listed: glibc's CP1255 and CP1258
 * compose a letter with the accent after it, which a table cannot. */
static const char *const cs_sbcs_names[] = {
    "windows-1252", "IBM866", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4",
    "ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "ISO-8859-8", "ISO-8859-8-I",
    "ISO-8859-10", "ISO-8859-13", "ISO-8859-14", "ISO-8859-15", "ISO-8859-16",
    "KOI8-R", "KOI8-U", "macintosh", "windows-874", "windows-1250",
    "windows-1251", "windows-1253", "windows-1254", "windows-1256",
    "windows-1257", "x-mac-cyrillic", "IBM855", "MAC-CENTRALEUROPE", NULL};

typedef struct {
    unsigned char len; /* UTF-8 bytes of the byte's character (0: NUL) */
    char b[3];         /* U+FFFD when iconv cannot map the byte */
} cs_sbcs_ent;

/* The byte -> UTF-8 table of enc; 0, or 1 when enc is not a listed
 * single-byte encoding or iconv answers something a table cannot hold. */
static int cs_sbcs_table(const cs_encoding *enc, cs_sbcs_ent tab[256])
{
    const char *const *k = cs_sbcs_names;
    while (*k && strcmp(*k, enc->name))
        k++;
    if (!*k)
        return 1;
    iconv_t cd = iconv_open("UTF-8", enc->iconv);
    if (cd == (iconv_t)-1)
        return 1;
    int rc = 0;
    for (int c = 0; c < 256 && rc == 0; c++) {
        char in = (char)c, outb[8];
        char *ip = &in, *op = outb;
        size_t inleft = 1, outleft = sizeof outb;
        size_t r = iconv(cd, &ip, &inleft, &op, &outleft);
        size_t n = sizeof outb - outleft;
        if (r == (size_t)-1 && errno == EILSEQ && n == 0) {
            tab[c].len = 3;
            memcpy(tab[c].b, REPLACEMENT, 3);
        } else if (r == (size_t)-1 || inleft || n > 3) {
            rc = 1; /* a multibyte lead, or more than one character */
        } else {
            /* UTF-8 output holds a zero byte only for U+0000: dropped. */
            tab[c].len = (unsigned char)(n == 1 && outb[0] == 0 ? 0 : n);
            memcpy(tab[c].b, outb, n);
        }
        iconv(cd, NULL, NULL, NULL, NULL); /* no state carried between bytes */
    }
    iconv_close(cd);
    return rc;
}

/* Decode a single-byte encoding by its table: 0, -1 on oom, 1 when the
 * encoding is not one (then cs_convert does it). */
static int cs_sbcs_decode(const cs_encoding *enc, const char *in, size_t len,
                          char **out, size_t *outlen)
{
    cs_sbcs_ent tab[256];
    if (cs_sbcs_table(enc, tab) != 0)
        return 1;
    /* ASCII maps to itself in every listed encoding but NUL (dropped):
     * runs of it are skipped in the count and copied at once. */
    for (int c = 1; c < 0x80; c++)
        if (tab[c].len != 1 || tab[c].b[0] != (char)c)
            return 1;
    const unsigned char *p = (const unsigned char *)in, *end = p + len;
    size_t n = 0;
    for (const unsigned char *q = p; q < end; q++) {
        const unsigned char *r = cs_plain_run(q, end);
        n += (size_t)(r - q);
        if (r == end)
            break;
        n += tab[*r].len;
        q = r;
    }
    char *o = malloc(n + 1);
    if (!o)
        return -1;
    char *d = o;
    for (; p < end; p++) {
        const unsigned char *r = cs_plain_run(p, end);
        memcpy(d, p, (size_t)(r - p));
        d += r - p;
        if (r == end)
            break;
        const cs_sbcs_ent *e = &tab[*r];
        memcpy(d, e->b, e->len);
        d += e->len;
        p = r;
    }
    *d = '\0';
    *out = o;
    *outlen = n;
    return 0;
}

static void cs_set_err(lede_error *err, lede_code code, const char *msg)
{
    if (!err)
        return;
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", msg);
}

/* Decode with a chosen encoding. UTF-8 goes through our own validator. */
static int cs_decode_as(const cs_encoding *enc, const char *in, size_t len,
                        const utf8_stats *st, char **out, size_t *outlen,
                        const char **used, int *borrowed)
{
    if (enc == &cs_table[CS_UTF8]) {
        utf8_stats own;
        if (!st) {
            utf8_scan(in, len, &own);
            st = &own;
        }
        *used = enc->name;
        return utf8_copy(in, len, st, out, outlen, borrowed);
    }
    int rc = cs_sbcs_decode(enc, in, len, out, outlen);
    if (rc == 1)
        rc = cs_convert(enc, in, len, out, outlen);
    if (rc == 1 && enc != &cs_table[CS_WIN1252]) {
        enc = &cs_table[CS_WIN1252];
        rc = cs_convert(enc, in, len, out, outlen);
    }
    if (rc == 1) {
        *used = "ISO-8859-1";
        return cs_latin1(in, len, out, outlen);
    }
    *used = enc->name;
    return rc;
}

/* charset_decode, and charset_decode_borrow when borrowed is not NULL. */
static int cs_decode(const char *in, size_t len, const char *hint, char **out,
                     size_t *outlen, const char **used, lede_error *err,
                     int *borrowed)
{
    if ((!in && len) || !out || !outlen || !used) {
        cs_set_err(err, LEDE_ERR_INVALID_ARG, "charset_decode: NULL argument");
        return -1;
    }
    *out = NULL;
    *outlen = 0;
    *used = NULL;
    if (!in)
        in = "";
    const unsigned char *u = (const unsigned char *)in;
    const cs_encoding *utf8 = &cs_table[CS_UTF8], *enc = NULL;
    int rc;

    /* 1. Byte order mark: beats everything. */
    size_t skip = 0;
    if ((enc = cs_bom(u, len, &skip)) != NULL) {
        rc = cs_decode_as(enc, in + skip, len - skip, NULL, out, outlen, used, borrowed);
        goto done;
    }

    /* 2-3. Declared: the caller's hint, else a <meta>. A hint may be a
     * whole Content-Type value. */
    const cs_encoding *declared = NULL;
    if (hint && *hint) {
        const char *h = strcasestr(hint, "charset=");
        if (h) {
            h += 8;
            size_t n = strcspn(h, ";");
            declared = cs_lookup(h, n);
        } else
            declared = cs_lookup(hint, strlen(hint));
    }
    utf8_stats st;
    utf8_scan(in, len, &st);
    int valid_utf8 = st.n_invalid == 0;

    /* A UTF-16/32 hint on bytes without a single NUL cannot be right:
     * markup in those encodings is half zero bytes. */
    if (declared && declared->unit != 1 && st.n_nul == 0)
        declared = NULL;
    if (!declared)
        declared = cs_prescan(u, len < META_SCAN_MAX ? len : META_SCAN_MAX);

    if (declared == utf8) {
        /* Believe it unless bad sequences outnumber good ones. */
        if (st.n_invalid <= st.n_multi) {
            rc = cs_decode_as(utf8, in, len, &st, out, outlen, used, borrowed);
            goto done;
        }
        enc = cs_detect(in, len);
        if (!enc || enc == utf8)
            enc = &cs_table[CS_WIN1252];
        rc = cs_decode_as(enc, in, len, &st, out, outlen, used, borrowed);
        goto done;
    }
    if (declared) {
        /* Legacy label on bytes that are UTF-8 with real multibyte text:
         * the label lies (typical of servers defaulting to ISO-8859-1). */
        if (valid_utf8 && st.n_multi > 0 && declared->unit == 1)
            enc = utf8;
        else
            enc = declared;
        rc = cs_decode_as(enc, in, len, &st, out, outlen, used, borrowed);
        goto done;
    }

    /* 4. Nothing declared: UTF-8 if it looks like it, else guess. */
    if (valid_utf8 || st.n_multi >= UTF8_MOSTLY_VALID_RATIO * st.n_invalid)
        enc = utf8;
    else {
        enc = cs_detect(in, len);
        /* 5. windows-1252, also when uchardet says "UTF-8" to bad UTF-8. */
        if (!enc || enc == utf8)
            enc = &cs_table[CS_WIN1252];
    }
    rc = cs_decode_as(enc, in, len, &st, out, outlen, used, borrowed);

done:
    if (rc != 0) {
        if (!(borrowed && *borrowed))
            free(*out);
        *out = NULL;
        *outlen = 0;
        cs_set_err(err, LEDE_ERR_NOMEM, "out of memory decoding the page");
        return -1;
    }
    return 0;
}

int charset_decode(const char *in, size_t len, const char *hint, char **out,
                   size_t *outlen, const char **used, lede_error *err)
{
    return cs_decode(in, len, hint, out, outlen, used, err, NULL);
}

int charset_decode_borrow(const char *in, size_t len, const char *hint,
                          const char **out, size_t *outlen, char **owned,
                          const char **used, lede_error *err)
{
    if (!owned) {
        cs_set_err(err, LEDE_ERR_INVALID_ARG, "charset_decode: NULL argument");
        return -1;
    }
    *owned = NULL;
    char *o = NULL;
    int borrowed = 0;
    int rc = cs_decode(in, len, hint, &o, outlen, used, err, &borrowed);
    if (out)
        *out = o;
    if (rc == 0 && !borrowed)
        *owned = o;
    return rc;
}
