/* test_charset.c - unit tests for charset.c (bytes -> UTF-8) and
 * normalize.c (NFC, invisible characters).
 *
 * Legacy-encoded inputs are produced at run time with iconv from readable
 * UTF-8 literals, so each test states its text in plain language and the
 * bytes are exactly what that encoding makes of it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

/* Sample texts, long enough for uchardet to be sure. */
static const char RU[] =
    "Вчера в городе открылась новая библиотека. Жители района давно ждали "
    "этого события, потому что старое здание было закрыто на ремонт почти "
    "три года.";
static const char DE[] =
    "Die Stadtverwaltung hat gestern beschlossen, dass die Straße vor dem "
    "Rathaus für den Verkehr gesperrt wird. Bürger äußerten große "
    "Zufriedenheit über diese Entscheidung.";
static const char JA[] =
    "昨日、東京の中心部で新しい図書館が開館しました。地域の住民は長い間この日"
    "を待っていました。";
static const char ZH[] =
    "昨天，我们城市的新图书馆正式开放了。附近的居民等待这一天已经很久了，因为"
    "旧的建筑物关闭维修将近三年。";

/* A growable byte buffer for building test pages (may hold NULs). */
typedef struct {
    char *p;
    size_t n;
} bytes;

static void b_add(bytes *b, const void *s, size_t n)
{
    b->p = realloc(b->p, b->n + n + 1);
    assert_non_null(b->p);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void b_str(bytes *b, const char *s)
{
    b_add(b, s, strlen(s));
}

/* Append UTF-8 text converted to `enc` with iconv. */
static void b_enc(bytes *b, const char *utf8, const char *enc)
{
    iconv_t cd = iconv_open(enc, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(utf8), cap = inleft * 4 + 16, outleft = cap;
    char *tmp = malloc(cap), *op = tmp, *ip = (char *)utf8;
    assert_non_null(tmp);
    assert_true(iconv(cd, &ip, &inleft, &op, &outleft) != (size_t)-1);
    iconv_close(cd);
    b_add(b, tmp, cap - outleft);
    free(tmp);
}

/* Decode and check success; returns the output (caller frees). */
static char *decode(const bytes *b, const char *hint, const char **used)
{
    char *out = NULL;
    size_t outlen = 0;
    lede_error err = {0};
    assert_int_equal(charset_decode(b->p, b->n, hint, &out, &outlen, used, &err), 0);
    assert_non_null(out);
    assert_int_equal(strlen(out), outlen); /* no NUL inside */
    assert_non_null(*used);
    return out;
}

/* Page with `body_utf8` encoded as enc, and `head` (ASCII) before it. */
static bytes page(const char *head, const char *body_utf8, const char *enc)
{
    bytes b = {0};
    b_str(&b, "<!DOCTYPE html><html><head>");
    b_str(&b, head);
    b_str(&b, "<title>t</title></head><body><p>");
    b_enc(&b, body_utf8, enc);
    b_str(&b, "</p></body></html>");
    return b;
}

static void check_page(const char *head, const char *text, const char *enc,
                       const char *hint, const char *want_used)
{
    bytes b = page(head, text, enc);
    const char *used;
    char *out = decode(&b, hint, &used);
    assert_string_equal(used, want_used);
    assert_non_null(strstr(out, text));
    assert_non_null(strstr(out, "<title>t</title>"));
    free(out);
    free(b.p);
}

/* ---- byte order marks ----------------------------------------------------- */

static void test_bom_utf8(void **state)
{
    bytes b = {0};
    b_str(&b, "\xEF\xBB\xBF<p>café</p>");
    const char *used;
    char *out = decode(&b, NULL, &used);
    assert_string_equal(used, "UTF-8");
    assert_string_equal(out, "<p>café</p>"); /* BOM removed */
    free(out);
    free(b.p);
}

static void test_bom_utf16(void **state)
{
    static const struct {
        const char *bom, *enc, *want;
        size_t bom_len;
    } cases[] = {
        {"\xFF\xFE", "UTF-16LE", "UTF-16LE", 2},
        {"\xFE\xFF", "UTF-16BE", "UTF-16BE", 2},
        {"\xFF\xFE\0\0", "UTF-32LE", "UTF-32LE", 4},
        {"\0\0\xFE\xFF", "UTF-32BE", "UTF-32BE", 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bytes b = {0};
        b_add(&b, cases[i].bom, cases[i].bom_len);
        b_enc(&b, "<p>", cases[i].enc);
        b_enc(&b, RU, cases[i].enc);
        b_enc(&b, " 𝄞 ", cases[i].enc); /* outside the BMP */
        b_enc(&b, JA, cases[i].enc);
        b_enc(&b, "</p>", cases[i].enc);
        const char *used;
        char *out = decode(&b, NULL, &used);
        assert_string_equal(used, cases[i].want);
        assert_memory_equal(out, "<p>", 3);
        assert_non_null(strstr(out, RU));
        assert_non_null(strstr(out, " 𝄞 "));
        assert_non_null(strstr(out, JA));
        free(out);
        free(b.p);
    }
}

static void test_bom_beats_hint_and_meta(void **state)
{
    bytes b = {0};
    b_str(&b, "\xEF\xBB\xBF<meta charset=\"windows-1251\"><p>");
    b_str(&b, RU);
    const char *used;
    char *out = decode(&b, "iso-8859-2", &used);
    assert_string_equal(used, "UTF-8");
    assert_non_null(strstr(out, RU));
    free(out);
    free(b.p);
}

static void test_utf16_hint_without_bom(void **state)
{
    bytes b = {0}; /* no markup first, so only the hint can tell */
    b_enc(&b, RU, "UTF-16BE");
    const char *used;
    char *out = decode(&b, "utf-16be", &used);
    assert_string_equal(used, "UTF-16BE");
    assert_non_null(strstr(out, RU));
    free(out);
    free(b.p);
}

static void test_utf16_without_bom(void **state)
{
    bytes b = {0};
    b_enc(&b, "<html><p>", "UTF-16LE");
    b_enc(&b, DE, "UTF-16LE");
    const char *used;
    char *out = decode(&b, NULL, &used);
    assert_string_equal(used, "UTF-16LE");
    assert_non_null(strstr(out, DE));
    free(out);
    free(b.p);
}

/* ---- declarations ---------------------------------------------------------- */

static void test_meta_charset(void **state)
{
    check_page("<meta charset=\"windows-1251\">", RU, "CP1251", NULL,
               "windows-1251");
    check_page("<meta charset=windows-1251>", RU, "CP1251", NULL,
               "windows-1251");
    check_page("<META CHARSET='Windows-1251' />", RU, "CP1251", NULL,
               "windows-1251");
}

static void test_http_equiv(void **state)
{
    check_page("<meta http-equiv=\"Content-Type\" content=\"text/html; "
               "charset=Shift_JIS\">",
               JA, "CP932", NULL, "Shift_JIS");
    check_page("<meta content='text/html;charset=x-sjis' "
               "http-equiv='content-type'>",
               JA, "CP932", NULL, "Shift_JIS");
    /* content="...charset=" without http-equiv is no declaration. */
    bytes b = page("<meta name=\"x\" content=\"text/html; charset=koi8-r\">",
                   DE, "CP1252");
    const char *used;
    char *out = decode(&b, NULL, &used);
    assert_string_not_equal(used, "KOI8-R");
    assert_non_null(strstr(out, DE));
    free(out);
    free(b.p);
}

static void test_hint_overrides_meta(void **state)
{
    check_page("<meta charset=\"iso-8859-2\">", RU, "CP1251", "windows-1251",
               "windows-1251");
    /* A whole Content-Type value works as a hint too. */
    check_page("<meta charset=\"iso-8859-2\">", RU, "CP1251",
               "text/html; charset=\"windows-1251\"", "windows-1251");
    /* A UTF-16 hint on bytes with no NUL is wrong: the meta decides. */
    check_page("<meta charset=\"windows-1251\">", RU, "CP1251", "utf-16",
               "windows-1251");
    /* An unknown hint is ignored: the meta decides. */
    check_page("<meta charset=\"windows-1251\">", RU, "CP1251", "bogus-42",
               "windows-1251");
}

static void test_meta_far_and_in_comment(void **state)
{
    /* A declaration inside a comment does not count; one after 10 KB of
     * script does. */
    bytes b = {0};
    b_str(&b, "<html><head><!-- <meta charset=\"koi8-r\"> --><script>");
    for (int i = 0; i < 1000; i++)
        b_str(&b, "var a = 1;");
    b_str(&b, "</script><meta\nhttp-equiv=\"content-type\" "
              "content=\"text/html; charset=iso-8859-2\"></head><body>");
    b_enc(&b, "Příliš žluťoučký kůň úpěl ďábelské ódy.", "ISO-8859-2");
    const char *used;
    char *out = decode(&b, NULL, &used);
    assert_string_equal(used, "ISO-8859-2");
    assert_non_null(strstr(out, "Příliš žluťoučký kůň úpěl ďábelské ódy."));
    free(out);
    free(b.p);
}

static void test_meta_beyond_window_ignored(void **state)
{
    /* Past 64 KB a meta is not looked for: ASCII page, so UTF-8. */
    bytes b = {0};
    b_str(&b, "<html><head><script>");
    for (int i = 0; i < 7000; i++)
        b_str(&b, "var a = 1;");
    b_str(&b, "</script><meta charset=\"koi8-r\"></head><body>hi");
    const char *used;
    char *out = decode(&b, NULL, &used);
    assert_string_equal(used, "UTF-8");
    free(out);
    free(b.p);
}

static void test_labels(void **state)
{
    static const struct {
        const char *label, *want;
    } cases[] = {
        {"iso-8859-1", "windows-1252"}, {"latin1", "windows-1252"},
        {"ASCII", "windows-1252"},      {"us-ascii", "windows-1252"},
        {"gb2312", "GBK"},              {"GBK", "GBK"},
        {"gb18030", "gb18030"},         {"shift_jis", "Shift_JIS"},
        {"x-sjis", "Shift_JIS"},        {"windows-31j", "Shift_JIS"},
        {"euc-kr", "EUC-KR"},           {"ks_c_5601-1987", "EUC-KR"},
        {"utf8", "UTF-8"},              {" UTF-8 ", "UTF-8"},
        {"big5", "Big5"},               {"koi8-r", "KOI8-R"},
        {"iso-8859-9", "windows-1254"}, {"tis-620", "windows-874"},
        {"iso-8859-15", "ISO-8859-15"}, {"euc-jp", "EUC-JP"},
    };
    bytes b = {0};
    b_str(&b, "<p>plain ASCII</p>");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *used;
        char *out = decode(&b, cases[i].label, &used);
        assert_string_equal(used, cases[i].want);
        assert_string_equal(out, "<p>plain ASCII</p>");
        free(out);
    }
    free(b.p);
}

static void test_meta_utf16_means_utf8(void **state)
{
    /* WHATWG: a meta that could be read as ASCII is not UTF-16. */
    check_page("<meta charset=\"utf-16\">", DE, "UTF-8", NULL, "UTF-8");
}

/* ---- lying declarations ---------------------------------------------------- */

static void test_lying_legacy_meta(void **state)
{
    check_page("<meta charset=\"iso-8859-1\">", DE, "UTF-8", NULL, "UTF-8");
    check_page("<meta http-equiv=\"Content-Type\" content=\"text/html; "
               "charset=gb2312\">",
               ZH, "UTF-8", NULL, "UTF-8");
    /* The HTTP header can lie the same way. */
    check_page("", RU, "UTF-8", "ISO-8859-1", "UTF-8");
}

static void test_lying_utf8_meta(void **state)
{
    /* Declared UTF-8, bytes windows-1251: detected. */
    check_page("<meta charset=\"utf-8\">", RU, "CP1251", NULL, "windows-1251");
    /* Declared UTF-8, bytes windows-1252 with no valid UTF-8 at all. */
    check_page("<meta charset=\"utf-8\">", DE, "CP1252", NULL, "windows-1252");
}

static void test_utf8_few_bad_bytes_kept(void **state)
{
    /* Declared UTF-8 with mostly good text and one stray latin1 byte:
     * stays UTF-8, the bad byte becomes U+FFFD. */
    bytes b = page("<meta charset=\"utf-8\">", RU, "UTF-8");
    b_str(&b, "<p>K\xFC" "chenblogs</p>");
    const char *used;
    char *out = decode(&b, NULL, &used);
    assert_string_equal(used, "UTF-8");
    assert_non_null(strstr(out, RU));
    assert_non_null(strstr(out, "K\xEF\xBF\xBD" "chenblogs"));
    free(out);
    free(b.p);
}

/* ---- detection -------------------------------------------------------------- */

static void test_detect_undeclared(void **state)
{
    check_page("", DE, "CP1252", NULL, "windows-1252");
    check_page("", RU, "CP1251", NULL, "windows-1251");
    check_page("", JA, "CP932", NULL, "Shift_JIS");

    bytes b = page("", ZH, "GBK");
    const char *used;
    char *out = decode(&b, NULL, &used);
    assert_true(strcmp(used, "GBK") == 0 || strcmp(used, "gb18030") == 0);
    assert_non_null(strstr(out, ZH));
    free(out);
    free(b.p);
}

static void test_undeclared_utf8_and_ascii(void **state)
{
    check_page("", JA, "UTF-8", NULL, "UTF-8");
    check_page("", "only ascii here", "UTF-8", NULL, "UTF-8");
}

static void test_undeclared_mostly_utf8(void **state)
{
    /* Undeclared UTF-8 with one bad byte is still UTF-8. */
    bytes b = page("", RU, "UTF-8");
    b_str(&b, "\xFF");
    const char *used;
    char *out = decode(&b, NULL, &used);
    assert_string_equal(used, "UTF-8");
    assert_non_null(strstr(out, RU));
    assert_non_null(strstr(out, "</html>\xEF\xBF\xBD"));
    free(out);
    free(b.p);
}

/* ---- bad bytes and NULs ------------------------------------------------------ */

static void test_invalid_utf8_replaced(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"a\x80" "b", "a\xEF\xBF\xBD" "b"},                 /* lone continuation */
        {"a\xC0\xAF" "b", "a\xEF\xBF\xBD\xEF\xBF\xBD" "b"}, /* overlong '/' */
        {"a\xED\xA0\x80" "b",                              /* surrogate */
         "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b"},
        {"a\xE2\x82" "b", "a\xEF\xBF\xBD" "b"},            /* truncated € */
        {"a\xF4\x90\x80\x80", "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"a\xE2\x82", "a\xEF\xBF\xBD"},                    /* cut at the end */
        {"\xE2\x82\xAC ok", "\xE2\x82\xAC ok"},             /* valid € */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* Real UTF-8 text first, so the declaration is believed. */
        bytes b = {0};
        b_str(&b, RU);
        b_str(&b, cases[i].in);
        const char *used;
        char *out = decode(&b, "utf-8", &used);
        assert_string_equal(used, "UTF-8");
        assert_memory_equal(out, RU, strlen(RU));
        assert_string_equal(out + strlen(RU), cases[i].want);
        free(out);
        free(b.p);
    }
}

static void test_legacy_unmappable_replaced(void **state)
{
    /* 0x80 is the euro sign in windows-1252; 0x81 maps to nothing. */
    bytes b = {0};
    b_str(&b, "<p>5 \x80, x\x81y</p>");
    const char *used;
    char *out = decode(&b, "windows-1252", &used);
    assert_string_equal(used, "windows-1252");
    assert_non_null(strstr(out, "5 €, x"));
    assert_non_null(strstr(out, "y</p>"));
    free(out);
    free(b.p);

    /* A Shift_JIS lead byte cut off at the very end. */
    bytes c = {0};
    b_enc(&c, JA, "CP932");
    b_str(&c, "\x82");
    out = decode(&c, "shift_jis", &used);
    assert_non_null(strstr(out, JA));
    assert_non_null(strstr(out, "\xEF\xBF\xBD"));
    free(out);
    free(c.p);
}

/* What glibc iconv makes of the whole buffer, with the decoder's policy:
 * a byte it cannot map becomes U+FFFD, U+0000 is dropped. */
static char *iconv_whole(const char *enc, const char *in, size_t len)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    assert_true(cd != (iconv_t)-1);
    size_t cap = len * 4 + 16, outleft = cap - 1, inleft = len;
    char *buf = malloc(cap), *op = buf, *ip = (char *)in;
    assert_non_null(buf);
    while (inleft) {
        if (iconv(cd, &ip, &inleft, &op, &outleft) != (size_t)-1)
            break;
        assert_int_equal(errno, EILSEQ);
        memcpy(op, "\xEF\xBF\xBD", 3);
        op += 3;
        outleft -= 3;
        ip++;
        inleft--;
    }
    iconv_close(cd);
    size_t w = 0;
    for (char *q = buf; q < op; q++)
        if (*q)
            buf[w++] = *q;
    buf[w] = '\0';
    return buf;
}

/* Single-byte encodings are decoded by a table built from iconv: every
 * byte, in every order, comes out as iconv converts the whole page. */
static void test_single_byte_tables_match_iconv(void **state)
{
    static const struct {
        const char *label, *iconv;
    } encs[] = {{"windows-1252", "CP1252"},  {"windows-1250", "CP1250"},
                {"windows-1251", "CP1251"},  {"windows-1253", "CP1253"},
                {"windows-1254", "CP1254"},  {"windows-1256", "CP1256"},
                {"windows-1257", "CP1257"},  {"windows-874", "CP874"},
                {"iso-8859-2", "ISO-8859-2"}, {"iso-8859-3", "ISO-8859-3"},
                {"iso-8859-4", "ISO-8859-4"}, {"iso-8859-5", "ISO-8859-5"},
                {"iso-8859-6", "ISO-8859-6"}, {"iso-8859-7", "ISO-8859-7"},
                {"iso-8859-8", "ISO-8859-8"}, {"iso-8859-10", "ISO-8859-10"},
                {"iso-8859-13", "ISO-8859-13"}, {"iso-8859-14", "ISO-8859-14"},
                {"iso-8859-15", "ISO-8859-15"}, {"iso-8859-16", "ISO-8859-16"},
                {"koi8-r", "KOI8-R"},        {"koi8-u", "KOI8-U"},
                {"ibm866", "IBM866"},        {"macintosh", "MACINTOSH"},
                {"x-mac-cyrillic", "MAC-CYRILLIC"}, {"ibm855", "IBM855"},
                {"mac-centraleurope", "MAC-CENTRALEUROPE"},
                /* not table-driven (composing converters): still iconv's */
                {"windows-1255", "CP1255"},  {"windows-1258", "CP1258"}};
    /* Every byte alone, then in runs: ASCII runs longer than the 16-byte
     * fast step with high bytes and NULs between them. */
    bytes b = {0};
    b_str(&b, "<p>");
    for (int c = 0; c < 256; c++) {
        char ch = (char)c;
        b_add(&b, &ch, 1);
    }
    for (int c = 255; c >= 0; c -= 3) {
        char ch = (char)c;
        b_str(&b, "a plain ASCII run of text, ");
        b_add(&b, &ch, 1);
        b_add(&b, &ch, 1);
    }
    b_str(&b, "</p>");
    for (size_t i = 0; i < sizeof encs / sizeof encs[0]; i++) {
        const char *used;
        char *out = decode(&b, encs[i].label, &used);
        char *want = iconv_whole(encs[i].iconv, b.p, b.n);
        assert_string_equal(out, want);
        free(want);
        free(out);
    }
    free(b.p);
}

static void test_nul_dropped(void **state)
{
    static const char want[] = "<p>abc dé</p>";
    const char *used;
    char *out;

    bytes b = {0}; /* UTF-8 with NULs, also inside the 8-byte fast loop */
    b_add(&b, "<p>a\0b\0\0c d\xC3\xA9</p>\0\0\0\0\0\0\0\0\0", 24);
    out = decode(&b, NULL, &used);
    assert_string_equal(used, "UTF-8");
    assert_string_equal(out, want);
    free(out);
    free(b.p);

    bytes c = {0}; /* windows-1252 with NULs */
    b_add(&c, "<p>a\0bc d\xE9</p>\0", 15);
    out = decode(&c, "latin1", &used);
    assert_string_equal(used, "windows-1252");
    assert_string_equal(out, want);
    free(out);
    free(c.p);

    bytes d = {0}; /* UTF-16 with a U+0000 code unit */
    b_add(&d, "\xFF\xFE", 2);
    b_enc(&d, "<p>ab", "UTF-16LE");
    b_add(&d, "\0\0", 2);
    b_enc(&d, "c dé</p>", "UTF-16LE");
    out = decode(&d, NULL, &used);
    assert_string_equal(out, want);
    free(out);
    free(d.p);
}

static void test_empty_and_bad_args(void **state)
{
    char *out = NULL;
    size_t n = 99;
    const char *used = NULL;
    lede_error err = {0};
    assert_int_equal(charset_decode("", 0, NULL, &out, &n, &used, &err), 0);
    assert_string_equal(out, "");
    assert_int_equal(n, 0);
    free(out);

    assert_int_equal(charset_decode(NULL, 5, NULL, &out, &n, &used, &err), -1);
    assert_int_equal(err.code, LEDE_ERR_INVALID_ARG);
    assert_int_equal(charset_decode("x", 1, NULL, NULL, &n, &used, NULL), -1);
}

static void test_big_utf8_roundtrip(void **state)
{
    /* 1 MB of mixed text comes back byte for byte. */
    bytes b = {0};
    while (b.n < 1024 * 1024) {
        b_str(&b, "<p class=\"x\">");
        b_str(&b, RU);
        b_str(&b, DE);
        b_str(&b, JA);
        b_str(&b, "</p>\n");
    }
    const char *used;
    char *out = decode(&b, NULL, &used);
    assert_string_equal(used, "UTF-8");
    assert_memory_equal(out, b.p, b.n);
    free(out);
    free(b.p);
}

/* charset_decode_borrow: input that needs no change is read in place
 * (no copy); anything else comes back decoded as charset_decode gives it,
 * in a buffer the caller owns. */
static void test_borrow_only_when_unchanged(void **state)
{
    static const char ok[] = "<p>Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln</p>";
    const char *out = NULL, *used = NULL;
    char *owned = (char *)1;
    size_t n = 0;
    lede_error err = {0};
    assert_int_equal(charset_decode_borrow(ok, sizeof ok - 1, NULL, &out, &n,
                                           &owned, &used, &err), 0);
    assert_ptr_equal(out, ok);
    assert_null(owned);
    assert_int_equal(n, sizeof ok - 1);
    assert_string_equal(used, "UTF-8");

    /* A NUL, a bad byte, a legacy hint: each is decoded into a new buffer,
     * the same bytes charset_decode makes. */
    static const struct {
        const char *in;
        size_t len;
        const char *hint;
    } cases[] = {{"<p>a\0b</p>", 10, NULL},
                 {"<p>caf\xc3\xa9 \xff ok</p>", 17, NULL},
                 {"<p>caf\xe9</p>", 11, "iso-8859-1"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *want = NULL;
        size_t wlen = 0;
        const char *wused = NULL;
        assert_int_equal(charset_decode(cases[i].in, cases[i].len, cases[i].hint,
                                        &want, &wlen, &wused, &err), 0);
        assert_int_equal(charset_decode_borrow(cases[i].in, cases[i].len,
                                               cases[i].hint, &out, &n, &owned,
                                               &used, &err), 0);
        assert_non_null(owned);
        assert_ptr_equal(out, owned);
        assert_int_equal(n, wlen);
        assert_memory_equal(out, want, wlen);
        assert_string_equal(used, wused);
        free(owned);
        free(want);
    }
}

/* Is s[0..n) valid UTF-8 with no NUL? */
static int valid_utf8(const char *s, size_t n)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || cp == 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* Any bytes, any label: success, and valid UTF-8 without NULs out. */
static void test_random_bytes_always_decode(void **state)
{
    static const char *hints[] = {NULL, "utf-8", "shift_jis", "gbk",
                                  "utf-16be", "iso-2022-jp", "euc-kr",
                                  "windows-1251", "big5", "nonsense"};
    static const char *heads[] = {"", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF",
                                  "<meta charset=euc-jp>"};
    unsigned seed = 12345; /* fixed: reproducible */
    for (int iter = 0; iter < 3000; iter++) {
        bytes b = {0};
        b_str(&b, heads[iter % 5]);
        size_t n = (size_t)(iter % 97) * 3;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned char c = (unsigned char)(seed >> 16);
            if ((seed >> 8) % 3 == 0)
                c &= 0x7F; /* some ASCII too */
            b_add(&b, &c, 1);
        }
        const char *used;
        char *out = decode(&b, hints[iter % 10], &used);
        assert_true(valid_utf8(out, strlen(out)));
        char *nfc = text_nfc(b.p, b.n);
        assert_non_null(nfc);
        assert_true(valid_utf8(nfc, strlen(nfc)));
        free(nfc);
        free(out);
        free(b.p);
    }
}

/* ---- text_nfc ------------------------------------------------------------------ */

static void nfc_is(const char *in, const char *want)
{
    char *out = text_nfc(in, strlen(in));
    assert_non_null(out);
    assert_string_equal(out, want);
    free(out);
}

static void test_nfc_compose(void **state)
{
    nfc_is("caf" "e\xCC\x81", "café");                 /* e + U+0301 */
    nfc_is("\xD0\xB8\xCC\x86", "й");                     /* и + U+0306 */
    nfc_is("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "한"); /* Hangul jamo */
    nfc_is("\xE2\x84\xAB", "Å");                         /* U+212B ANGSTROM */
    /* Canonical ordering of two marks (below before above). */
    nfc_is("q\xCC\x87\xCC\xA3", "q\xCC\xA3\xCC\x87");
}

/* text_nfc passes utf8proc only the stretches around characters that
 * may change: on texts built from pieces that compose, reorder,
 * decompose or block each other, spread over long runs of plain text and
 * close together, it must give what utf8proc gives for the whole text. */
static void test_nfc_stretches_match_whole(void **state)
{
    static const char *const pieces[] = {
        "a", "e", "u", " ", "plain words of ascii text ", "\xC3\xA9", /* é */
        "\xCC\x81", "\xCC\x88", "\xCC\xA3", "\xCC\x87",  /* U+0301 0308 0323 0307 */
        "\xD0\xB8", "\xCC\x86",                       /* и, U+0306 */
        "\xE1\x84\x92", "\xE1\x85\xA1", "\xE1\x86\xAB", /* jamo L V T */
        "\xEA\xB0\x80",                               /* 가 (LV syllable) */
        "\xE2\x84\xAB",                               /* U+212B ANGSTROM */
        "\xE0\xA5\x98",                               /* U+0958, excluded */
        "\xE2\x80\x93", "\xE2\x80\xA6",               /* – … (no change) */
        "\xE0\xAD\x87", "\xE0\xAC\xBE",               /* U+0B47 + U+0B3E */
        "Stra\xC3\x9F" "e in K\xC3\xB6ln mit vielen W\xC3\xB6rtern davor. "};
    const size_t np = sizeof pieces / sizeof pieces[0];
    unsigned seed = 12345;
    for (int round = 0; round < 400; round++) {
        char text[4096];
        size_t n = 0;
        int count = 1 + round % 60;
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % np];
            size_t l = strlen(p);
            if (n + l >= sizeof text)
                break;
            memcpy(text + n, p, l);
            n += l;
        }
        text[n] = '\0';
        utf8proc_uint8_t *want = NULL;
        assert_true(utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)n,
                                 &want, UTF8PROC_STABLE | UTF8PROC_COMPOSE) >= 0);
        char *got = text_nfc(text, n);
        assert_non_null(got);
        assert_string_equal(got, (const char *)want);
        free(got);
        free(want);
    }
}

static void test_nfc_unchanged(void **state)
{
    nfc_is("plain ASCII, nothing to do.", "plain ASCII, nothing to do.");
    nfc_is("", "");
    nfc_is(DE, DE);
    nfc_is(RU, RU);
    nfc_is(JA, JA);
    nfc_is(ZH, ZH);
    nfc_is("한국어 텍스트", "한국어 텍스트");
    nfc_is("ﬁ ½ x²", "ﬁ ½ x²"); /* compatibility forms stay (NFC, not NFKC) */
}

static void test_nfc_drops_invisible(void **state)
{
    nfc_is("Silben\xC2\xADtren\xC2\xADnung", "Silbentrennung");
    nfc_is("a\xE2\x80\x8B" "b\xE2\x80\x8C" "c\xE2\x80\x8D" "d\xE2\x81\xA0" "e"
           "\xEF\xBB\xBF" "f",
           "abcdef");
    /* Dropping a soft hyphen between e and a combining mark still composes. */
    nfc_is("e\xC2\xAD\xCC\x81", "é");
}

static void test_nfc_invalid_and_nul(void **state)
{
    nfc_is("a\xFF" "b", "a\xEF\xBF\xBD" "b");
    char *out = text_nfc("a\0b\xC3\xA9", 5);
    assert_string_equal(out, "abé");
    free(out);
    out = text_nfc("abc", 2); /* length is respected */
    assert_string_equal(out, "ab");
    free(out);
    out = text_nfc(NULL, 0);
    assert_string_equal(out, "");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bom_utf8),
        cmocka_unit_test(test_bom_utf16),
        cmocka_unit_test(test_bom_beats_hint_and_meta),
        cmocka_unit_test(test_utf16_without_bom),
        cmocka_unit_test(test_utf16_hint_without_bom),
        cmocka_unit_test(test_meta_charset),
        cmocka_unit_test(test_http_equiv),
        cmocka_unit_test(test_hint_overrides_meta),
        cmocka_unit_test(test_meta_far_and_in_comment),
        cmocka_unit_test(test_meta_beyond_window_ignored),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_meta_utf16_means_utf8),
        cmocka_unit_test(test_lying_legacy_meta),
        cmocka_unit_test(test_lying_utf8_meta),
        cmocka_unit_test(test_utf8_few_bad_bytes_kept),
        cmocka_unit_test(test_detect_undeclared),
        cmocka_unit_test(test_undeclared_utf8_and_ascii),
        cmocka_unit_test(test_undeclared_mostly_utf8),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_legacy_unmappable_replaced),
        cmocka_unit_test(test_single_byte_tables_match_iconv),
        cmocka_unit_test(test_nul_dropped),
        cmocka_unit_test(test_empty_and_bad_args),
        cmocka_unit_test(test_big_utf8_roundtrip),
        cmocka_unit_test(test_borrow_only_when_unchanged),
        cmocka_unit_test(test_random_bytes_always_decode),
        cmocka_unit_test(test_nfc_compose),
        cmocka_unit_test(test_nfc_stretches_match_whole),
        cmocka_unit_test(test_nfc_unchanged),
        cmocka_unit_test(test_nfc_drops_invisible),
        cmocka_unit_test(test_nfc_invalid_and_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
