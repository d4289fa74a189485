/* test_dates.c - unit tests of parsers/dates.c: the structured date parser
 * (ISO 8601 and machine forms), the multilingual free-text reader, relative
 * forms against a reference time, plausibility, and source priority through
 * lede_extract (JSON-LD, meta, <time>, URL, displayed date). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meta_internal.h"

#define REF_2021_10_01 1633046400LL /* 2021-10-01T00:00:00Z */

/* The date a text reader found (ok, v) is iso's prefix; iso NULL: none. */
static void expect_found(int ok, const date_val *v, const char *text, const char *iso)
{
    if (!iso) {
        assert_false(ok);
        return;
    }
    assert_true(ok);
    char buf[40];
    date_format(v, buf, sizeof buf);
    if (strncmp(buf, iso, strlen(iso))) {
        fprintf(stderr, "text %s -> %s, want %s\n", text, buf, iso);
        fail();
    }
}

static void expect_text(const char *text, const char *iso)
{
    date_val v;
    size_t pos = 0, len = 0;
    int ok = date_find_text(text, strlen(text), REF_2021_10_01, &v, &pos, &len);
    expect_found(ok, &v, text, iso);
}

static void expect_order(const char *text, int order, const char *iso)
{
    date_val v;
    int ok = date_find_text_order(text, strlen(text), REF_2021_10_01, order, &v, NULL, NULL);
    expect_found(ok, &v, text, iso);
}

/* date_parse reads in, and date_format writes it back as want. */
static void expect_parsed(const char *in, const char *want)
{
    date_val v;
    char buf[40];
    assert_true(date_parse(in, &v));
    date_format(&v, buf, sizeof buf);
    assert_string_equal(buf, want);
}

/* US English reads an ambiguous numeric date month first, other English
 * and every other language day first; an unambiguous one reads the same
 * either way; a two-digit year after slashes only where allowed. */
static void test_day_order(void **state)
{
    (void)state;
    assert_int_equal(date_lang_mdy("en"), DATE_ORDER_MDY);
    assert_int_equal(date_lang_mdy("en-US"), DATE_ORDER_MDY);
    assert_int_equal(date_lang_mdy("en_us"), DATE_ORDER_MDY);
    assert_int_equal(date_lang_mdy("en-GB"), 0);
    assert_int_equal(date_lang_mdy("en-au"), 0);
    assert_int_equal(date_lang_mdy("en-IN"), 0);
    assert_int_equal(date_lang_mdy("de"), 0);
    assert_int_equal(date_lang_mdy("fr-CA"), 0);
    assert_int_equal(date_lang_mdy("eng"), 0);
    assert_int_equal(date_lang_mdy(NULL), 0);
    expect_order("on Tue, 09/07/2021 - 10:15", DATE_ORDER_MDY, "2021-09-07T10:15");
    expect_order("on Tue, 09/07/2021 - 10:15", 0, "2021-07-09T10:15");
    expect_order("09/28/2021", 0, "2021-09-28");
    expect_order("28/09/2021", DATE_ORDER_MDY, "2021-09-28");
    expect_order("9/28/21", DATE_ORDER_MDY | DATE_ORDER_YY_SLASH, "2021-09-28");
    expect_order("07/09/21", DATE_ORDER_YY_SLASH, "2021-09-07");
    expect_order("9/28/21", DATE_ORDER_MDY, NULL);
    expect_order("28.09.21", 0, "2021-09-28");
    expect_order("28-09-21", DATE_ORDER_YY_SLASH, NULL);
}

/* Digits of other scripts, month names of more languages and the
 * year-first shapes of Korean and Hungarian, the Vietnamese "tháng". */
static void test_scripts(void **state)
{
    (void)state;
    expect_text("\u0662\u0668 \u0633\u0628\u062A\u0645\u0628\u0631 "
                "\u0662\u0660\u0662\u0661", "2021-09-28");   /* ٢٨ سبتمبر ٢٠٢١ */
    expect_text("الثلاثاء 28 سبتمبر، 2021", "2021-09-28");
    expect_text("28 أيلول 2021", "2021-09-28");
    expect_text("5 كانون الثاني 2021", "2021-01-05");
    expect_text("5 كانون الأول 2020", "2020-12-05");
    expect_text("\u0968\u096E सितंबर \u0968\u0966\u0968\u0967", "2021-09-28"); /* २८ */
    expect_text("28 सितम्बर 2021", "2021-09-28");
    expect_text("3 फरवरी 2021", "2021-02-03");
    expect_text("28 בספטמבר 2021", "2021-09-28");
    expect_text("28 Σεπτεμβρίου 2021", "2021-09-28");
    expect_text("2021. szeptember 28.", "2021-09-28");
    expect_text("기사입력 2021. 9. 28. 오전 10:15", "2021-09-28");
    expect_text("２０２１年９月２８日", "2021-09-28");
    expect_text("28 tháng 9, 2021", "2021-09-28");
    expect_text("ngày 28 tháng 9 năm 2021", "2021-09-28");
    expect_text("Selasa, 17 Agustus 2021", "2021-08-17");
    expect_text("1 Maret 2021", "2021-03-01");
    expect_text("28 กันยายน 2564", "2021-09-28");          /* Buddhist era */
    expect_text("๒๘ กันยายน ๒๕๖๔", "2021-09-28");
    expect_text("28 กันยายน 2021", "2021-09-28");
    /* not dates: a version, a sentence ending in a year */
    expect_text("Version 2021. 9. Auflage", NULL);
    expect_text("۱۴۰۰/۰۷/۰۶", NULL); /* the Persian calendar: year 1400 */
}

/* Unix seconds and milliseconds name a moment: its UTC time is kept. */
static void test_epoch(void **state)
{
    (void)state;
    date_val v;
    expect_parsed("1632824100", "2021-09-28T10:15:00+00:00");
    expect_parsed("1632869999000", "2021-09-28T22:59:59+00:00");
    assert_false(date_parse("16328241", &v) && v.has_time);
}

static void test_parse_iso(void **state)
{
    (void)state;
    date_val v;
    expect_parsed("2021-09-28T10:15:00+03:00", "2021-09-28T10:15:00+03:00");
    expect_parsed("2021-09-28T10:15:00.123Z", "2021-09-28T10:15:00+00:00");
    expect_parsed("2021-09-28", "2021-09-28");
    assert_true(date_parse("20210928", &v));
    assert_int_equal(v.d, 28);
    assert_true(date_parse("2021/9/8 10:00", &v));
    assert_int_equal(v.mo, 9);
    assert_int_equal(v.d, 8);
    assert_true(date_parse("Tue, 28 Sep 2021 10:15:00 +0200", &v));
    assert_int_equal(v.mo, 9);
    assert_false(date_parse("2021-13-45", &v));
    assert_false(date_parse("hello", &v));
    assert_false(date_parse("", &v));
    /* values cut after a separator, in buffers of their exact size (the
     * fuzzer found a one-byte over-read on "2019-10-" under ASan) */
    static const char *const cut[] = {"2019-", "2019-1", "2019-10-", "2019/1/"};
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
        size_t n = strlen(cut[i]) + 1;
        char *heap = malloc(n);
        assert_non_null(heap);
        memcpy(heap, cut[i], n);
        assert_false(date_parse(heap, &v));
        free(heap);
    }
    char *day = strdup("2019-10-5");
    assert_non_null(day);
    assert_true(date_parse(day, &v));
    assert_int_equal(v.d, 5);
    free(day);
}

static void test_text_languages(void **state)
{
    (void)state;
    expect_text("Published 28.09.2021 by X", "2021-09-28");
    expect_text("Sept. 28, 2021", "2021-09-28");
    expect_text("Schweiz | 26 | 01 | 2021 | Praxis", "2021-01-26"); /* pipes */
    expect_text("September 28th, 2021", "2021-09-28");
    expect_text("28 septembre 2021", "2021-09-28");         /* fr */
    expect_text("le 1er mars 2020", "2020-03-01");          /* fr */
    expect_text("28. September 2021", "2021-09-28");        /* de */
    expect_text("am 3. März 2020 um 10:15 Uhr", "2020-03-03T10:15"); /* de */
    expect_text("28 de septiembre de 2021", "2021-09-28"); /* es */
    expect_text("28 settembre 2021", "2021-09-28");         /* it */
    expect_text("28 de setembro de 2021", "2021-09-28");    /* pt */
    expect_text("28 september 2021", "2021-09-28");         /* nl */
    expect_text("28 maart 2021", "2021-03-28");             /* nl */
    expect_text("28 września 2021", "2021-09-28");          /* pl */
    expect_text("28 сентября 2021 г.", "2021-09-28");       /* ru */
    expect_text("28 вересня 2021", "2021-09-28");           /* uk */
    expect_text("28 Eylül 2021", "2021-09-28");             /* tr */
    expect_text("2021年9月28日", "2021-09-28");              /* zh, ja */
    expect_text("2021년 9월 28일", "2021-09-28");            /* ko */
    expect_text("posted 2021-09-28 10:00", "2021-09-28");
    expect_text("09/28/2021", "2021-09-28");                /* US order when unambiguous */
    expect_text("28/09/2021", "2021-09-28");
    expect_text("28.9.21", "2021-09-28");                   /* two-digit year */
}

static void test_text_rejects(void **state)
{
    (void)state;
    expect_text("version 1.2.2021.5", NULL);  /* dotted number, not a date */
    expect_text("31.02.2021", NULL);          /* no such day */
    expect_text("28.09.2031", NULL);          /* future against the reference */
    expect_text("12 March 1990", NULL);       /* before the web */
    expect_text("no date here at all", NULL);
    expect_text("3 | 14 | 2021", NULL); /* no month 14 */
}

static char *extract_date(const char *html, const char *url, long long ref,
                          const char **src, char **modified)
{
    lede_options opt;
    lede_options_init(&opt);
    opt.reference_time = ref;
    opt.explain = 1;
    lede_error err;
    lede_article *a = lede_extract(html, strlen(html), url, NULL, &opt, &err);
    assert_non_null(a);
    char *r = a->date_published ? strdup(a->date_published) : NULL;
    if (src)
        *src = a->sources.date_published;
    if (modified)
        *modified = a->date_modified ? strdup(a->date_modified) : NULL;
    lede_article_free(a);
    return r;
}

static void test_sources_priority(void **state)
{
    (void)state;
    const char *src = NULL;
    char *mod = NULL;
    char *d = extract_date(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"datePublished\":\"2021-09-28T10:15:00+02:00\",\"dateModified\":\"2021-09-29\"}"
        "</script><meta property=\"article:published_time\" content=\"2020-01-01\">"
        "</head><body><h1>T</h1><p>x</p></body></html>",
        NULL, REF_2021_10_01, &src, &mod);
    assert_string_equal(d, "2021-09-28T10:15:00+02:00");
    assert_string_equal(src, "json-ld");
    assert_string_equal(mod, "2021-09-29");
    free(d);
    free(mod);

    d = extract_date("<html><head><meta property=\"article:published_time\" "
                     "content=\"2021-09-27T08:00:00Z\"></head><body><p>x</p></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-27T08:00:00+00:00");
    assert_string_equal(src, "meta");
    free(d);

    d = extract_date("<html><body><article><h1>T</h1><time datetime=\"2021-09-26\" "
                     "pubdate>yesterday</time></article></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-26");
    assert_string_equal(src, "time");
    free(d);

    d = extract_date("<html><body><p>Nothing</p></body></html>",
                     "https://example.com/2021/09/25/story.html", REF_2021_10_01, &src,
                     NULL);
    assert_string_equal(d, "2021-09-25");
    assert_string_equal(src, "url");
    free(d);

    /* Future structured date: rejected, the displayed one is used. */
    d = extract_date("<html><head><meta name=\"date\" content=\"2030-01-01\"></head>"
                     "<body><h1>T</h1><div class=\"date\">24. September 2021</div></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-24");
    free(d);

    /* Relative forms count against the reference time. */
    d = extract_date("<html><body><h1>T</h1><span class=\"post-date\">vor 3 Tagen</span>"
                     "</body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-28");
    assert_string_equal(src, "relative");
    free(d);

    /* A lone relative word counts as the whole text or before a time;
     * German "hier" (here) in a sentence is no French "hier" (yesterday). */
    d = extract_date("<html><body><h1>T</h1><div class=\"date-info\">Anmeldung hier</div>"
                     "</body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_null(d);
    d = extract_date("<html><body><h1>T</h1><div class=\"date\">Publié hier à 10h15</div>"
                     "</body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-30");
    free(d);
    d = extract_date("<html><body><h1>T</h1><div class=\"date\">Gestern</div></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-30");
    free(d);

    /* Inline app-state JSON. */
    d = extract_date("<html><body><script>window.s={\"publishedAt\":\"2021-09-20T09:00:00Z\"}"
                     "</script><p>x</p></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-20T09:00:00+00:00");
    assert_string_equal(src, "script");
    free(d);
}

/* Time zones: a UTC value at local midnight east of UTC is the next day;
 * a displayed time that is the structured one on another clock gives the
 * displayed day; other differences keep the structured date. */
static void test_time_zones(void **state)
{
    (void)state;
    const char *src = NULL;
    char *d = extract_date("<html><head><meta property=\"article:published_time\" "
                           "content=\"2021-09-26T22:00:00Z\"></head><body><p>x</p></body></html>",
                           NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-27T00:00:00+02:00");
    free(d);
    /* Not a round hour, or before 21:00: a real time, kept as written. */
    d = extract_date("<html><head><meta property=\"article:published_time\" "
                     "content=\"2021-09-26T22:00:05Z\"></head><body><p>x</p></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-26T22:00:05+00:00");
    free(d);
    d = extract_date("<html><head><meta property=\"article:published_time\" "
                     "content=\"2021-09-26T20:00:00Z\"></head><body><p>x</p></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-26T20:00:00+00:00");
    free(d);
    /* An American English page: 22:00Z is an evening there, kept. */
    d = extract_date("<html lang=\"en-US\"><head><meta property=\"article:published_time\" "
                     "content=\"2021-09-26T22:00:00Z\"></head><body><p>x</p></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-26T22:00:00+00:00");
    free(d);
    d = extract_date("<html lang=\"es-ES\"><head><meta property=\"article:published_time\" "
                     "content=\"2021-09-26T22:00:00Z\"></head><body><p>x</p></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-27T00:00:00+02:00");
    free(d);

    /* JSON-LD local time, page shows UTC: 21:30-05:00 is 02:30 the next day,
     * and the clock the page shows is UTC (the difference of the two). */
    const char *head = "<html><head><script type=\"application/ld+json\">{\"@type\":"
                       "\"NewsArticle\",\"datePublished\":\"2021-09-20T21:30:00-05:00\"}"
                       "</script></head><body><h1>T</h1><div class=\"date\">";
    char html[512];
    snprintf(html, sizeof html, "%s21.09.2021 02:30</div><p>x</p></body></html>", head);
    d = extract_date(html, NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-21T02:30:00+00:00");
    assert_string_equal(src, "byline");
    free(d);
    /* Minutes that do not match: another moment, the JSON-LD date stays. */
    snprintf(html, sizeof html, "%s21.09.2021 02:10</div><p>x</p></body></html>", head);
    d = extract_date(html, NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-20T21:30:00-05:00");
    assert_string_equal(src, "json-ld");
    free(d);
    /* A quarter hour off is not a zone offset either. */
    snprintf(html, sizeof html, "%s21.09.2021 02:45</div><p>x</p></body></html>", head);
    d = extract_date(html, NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-20T21:30:00-05:00");
    free(d);
}

/* URL date against the structured and the displayed dates. */
static void test_url_against_page(void **state)
{
    (void)state;
    const char *src = NULL;
    const char *url = "https://example.com/2021/09/20/story.html";
    /* JSON-LD and the page agree on the 21st: the path's 20th loses. */
    char *d = extract_date("<html><head><script type=\"application/ld+json\">{\"@type\":"
                           "\"NewsArticle\",\"datePublished\":\"2021-09-21T18:00:00+02:00\"}"
                           "</script></head><body><h1>T</h1><div class=\"date\">21.09.2021"
                           "</div><p>x</p></body></html>",
                           url, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-21T18:00:00+02:00");
    free(d);
    /* Early UTC on the 21st is still the 20th in the Americas: the path wins. */
    d = extract_date("<html><head><script type=\"application/ld+json\">{\"@type\":"
                     "\"NewsArticle\",\"datePublished\":\"2021-09-21T03:00:00Z\"}"
                     "</script></head><body><h1>T</h1><div class=\"date\">21.09.2021"
                     "</div><p>x</p></body></html>",
                     url, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-20");
    assert_string_equal(src, "url");
    free(d);
    /* Without a displayed date the path beats a disagreeing JSON-LD date. */
    d = extract_date("<html><head><script type=\"application/ld+json\">{\"@type\":"
                     "\"NewsArticle\",\"datePublished\":\"2021-09-23T18:00:00+02:00\"}"
                     "</script></head><body><p>x</p></body></html>",
                     url, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-20");
    free(d);
}

/* Dates the text labels as somebody else's are skipped. */
static void test_not_page_labels(void **state)
{
    (void)state;
    const char *src = NULL;
    char *d = extract_date("<html><body><div class=\"date\">Heute ist der 30.09.2021</div>"
                           "<h1>T</h1><div class=\"date\">Mitglied seit 02.03.2015</div>"
                           "<div class=\"date\">12.09.2021</div><p>x</p></body></html>",
                           NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-12");
    assert_string_equal(src, "byline");
    free(d);
}

/* Month names of the Nordic languages, Czech and Romanian. */
static void test_more_month_names(void **state)
{
    (void)state;
    expect_text("Publicerad 3 augusti 2021", "2021-08-03");
    expect_text("Udgivet 4. marts 2021", "2021-03-04");
    expect_text("Publisert 1. desember 2020", "2020-12-01");
    expect_text("Publikováno 5. května 2021", "2021-05-05");
    expect_text("Publicat pe 12 octombrie 2020", "2020-10-12");
}

/* A date written inside a URL path is no date the page shows; a '/'
 * separating a byline from its date does not make a path. */
static void test_date_in_path(void **state)
{
    (void)state;
    expect_text("see http://example.net/wp/2012/05/13/a-guide here", NULL);
    expect_text("files under /archive/28/09/2021/ only", NULL);
    expect_text("Cat Example/June 12, 2020 9:49 am", "2020-06-12T09:49");
    expect_text("Stand 2021/09/28", "2021-09-28");
}

/* Comment replies, access dates of citations and format examples are
 * not the page's; a comment's date after its author's "says:" is
 * skipped and the page's own date, if any, is found. */
static void test_not_page_comment_citation(void **state)
{
    (void)state;
    const char *src = NULL;
    char *d = extract_date("<html><body><h1>T</h1><p>Body text.</p><p>Mary says: "
                           "March 3, 2021 at 10:15 am</p><p>Thanks!</p></body></html>",
                           NULL, REF_2021_10_01, &src, NULL);
    assert_null(d);
    d = extract_date("<html><body><h1>T</h1><p>Format (z.B.: 9.9.2019). Quelle, "
                     "abgerufen am 09.08.2021.</p></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_null(d);
    d = extract_date("<html><body><h1>T</h1><p>Tom wrote: 02.09.2021</p>"
                     "<p>A quoted message, long enough to leave the label behind.</p>"
                     "<p>Posted 12.09.2021</p></body></html>",
                     NULL, REF_2021_10_01, &src, NULL);
    assert_string_equal(d, "2021-09-12");
    free(d);
}

static void test_fast_mode_skips_text(void **state)
{
    (void)state;
    const char *html = "<html><body><p>Some text written on 12 August 2021 here.</p></body></html>";
    lede_options opt;
    lede_options_init(&opt);
    opt.reference_time = REF_2021_10_01;
    opt.date_extensive = 0;
    lede_article *a = lede_extract(html, strlen(html), NULL, NULL, &opt, NULL);
    assert_non_null(a);
    assert_null(a->date_published);
    lede_article_free(a);
    opt.date_extensive = 1;
    a = lede_extract(html, strlen(html), NULL, NULL, &opt, NULL);
    assert_non_null(a);
    assert_non_null(a->date_published);
    assert_string_equal(a->date_published, "2021-08-12");
    lede_article_free(a);
}

/* The public reference-time parser: strict forms only. */
static void test_parse_time(void **state)
{
    (void)state;
    long long t = -1;
    assert_int_equal(lede_parse_time("2021-10-01", &t), 0);
    assert_true(t == 1633046400LL + 86399); /* the end of that day, UTC */
    assert_int_equal(lede_parse_time("2021-10-01T00:00:00Z", &t), 0);
    assert_true(t == 1633046400LL);
    assert_int_equal(lede_parse_time("2021-10-01T02:30+02:00", &t), 0);
    assert_true(t == 1633046400LL + 1800);
    assert_int_equal(lede_parse_time("2021-09-30T19:00:00.250-0500", &t), 0);
    assert_true(t == 1633046400LL);
    assert_int_equal(lede_parse_time("2021-10-01 06:00:00", &t), 0); /* no offset: UTC */
    assert_true(t == 1633046400LL + 6 * 3600);
    assert_int_equal(lede_parse_time("1633046400", &t), 0);
    assert_true(t == 1633046400LL);
    static const char *bad[] = {
        "", "yesterday", "2021-10-01x", "2021-10-1", "2021-02-29", "2021-13-01",
        "1969-12-31", "2021-10-01T24:00Z", "2021-10-01T10:60Z", "2021-10-01T10:15+15:00",
        "2021-10-01T10:15:00.Z", "2021-10-01T10", "20211001", "1234567890123", "-5",
        "2021-10-01T10:15:00+0", "2021-10-01T"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = 42;
        assert_int_equal(lede_parse_time(bad[i], &t), -1);
        assert_true(t == 42); /* untouched on failure */
    }
    assert_int_equal(lede_parse_time(NULL, &t), -1);
    assert_int_equal(lede_parse_time("2021-10-01", NULL), -1);
}

/* Web-archive snapshot URLs carry their capture moment. */
/* The time of day after (or before) a date: the 12-hour clock (12 AM is
 * 00, 12 PM is 12), the hour words of other languages, and a zone only
 * where the page prints one (US zones without S/D follow US daylight
 * saving time; "et" in lower case is French "and", no zone). */
static void test_time_of_day(void **state)
{
    (void)state;
    expect_text("Sept. 28, 2021 11:15 p.m. ET", "2021-09-28T23:15:00-04:00");
    expect_text("Sept. 28, 2021 5 p.m. ET", "2021-09-28T17:00:00-04:00");
    expect_text("Sept. 28, 2021 12:05 AM", "2021-09-28T00:05:00");
    expect_text("Sept. 28, 2021 12:30 PM", "2021-09-28T12:30:00");
    expect_text("September 28, 2021 at 11:15pm", "2021-09-28T23:15:00");
    expect_text("Dec. 28, 2020 11:15 PM ET", "2020-12-28T23:15:00-05:00");
    expect_text("Nov. 1, 2020 1:30 AM PT", "2020-11-01T01:30:00-07:00");
    expect_text("Nov. 1, 2020 3:30 AM PT", "2020-11-01T03:30:00-08:00");
    expect_text("Mar. 8, 2020 3:30 AM ET", "2020-03-08T03:30:00-04:00");
    expect_text("Mar. 8, 2020 1:30 AM ET", "2020-03-08T01:30:00-05:00");
    expect_text("Oct. 29, 2006 3:30 AM ET", "2006-10-29T03:30:00-05:00");
    expect_text("Oct. 28, 2006 3:30 AM ET", "2006-10-28T03:30:00-04:00");
    expect_text("Published 3:45 PM EDT, Tue September 28, 2021",
                "2021-09-28T15:45:00-04:00");
    expect_text("10:05 PM, Sept 28, 2021", "2021-09-28T22:05:00");
    expect_text("Tue, 28 Sep 2021 10:15:00 +0000", "2021-09-28T10:15:00+00:00");
    expect_text("2021-09-28 10:15:00 UTC", "2021-09-28T10:15:00+00:00");
    expect_text("Sep 28, 2021 10:15 GMT+5:30", "2021-09-28T10:15:00+05:30");
    expect_text("28/09/2021 à 10h15", "2021-09-28T10:15:00");
    expect_text("le 28 septembre 2021 à 10:15 et", "2021-09-28T10:15:00");
    expect_text("28.09.2021, 10:15 Uhr", "2021-09-28T10:15:00");
    expect_text("28.09.2021, 10.15 Uhr MESZ", "2021-09-28T10:15:00+02:00");
    expect_text("28 de septiembre de 2021 - 10:15 h", "2021-09-28T10:15:00");
    expect_text("28 de septiembre de 2021 a las 4:15 p. m.", "2021-09-28T16:15:00");
    expect_text("2021年9月28日 10時15分", "2021-09-28T10:15:00");
    expect_text("2021年9月28日 下午3:15", "2021-09-28T15:15:00");
    expect_text("2021. 9. 28. 오후 3:15", "2021-09-28T15:15:00");
    expect_text("2021-09-28 10:15", "2021-09-28T10:15:00");
    /* no time: German "am" after a number, a range's end, a lone "+2" */
    expect_text("Platz 5 am 28.09.2021", "2021-09-28");
    expect_text("Sep 28, 2021 10:15 - 12:30", "2021-09-28T10:15:00");
    expect_text("Sep 28, 2021 10:15 +2 more", "2021-09-28T10:15:00");
    expect_text("28.09.2021 15 Kommentare", "2021-09-28");
}

static void test_archive_capture(void **state)
{
    (void)state;
    assert_true(dates_archive_capture(
                    "https://web.archive.org/web/20130217080612/http://a.example/x") ==
                1361088372LL);
    assert_true(dates_archive_capture(
                    "https://web.archive.org/web/20130307194448/the-pain.net/2008/05/q/") ==
                1362685488LL);
    assert_true(dates_archive_capture("https://arch.example/wayback/20130217080612id_/"
                                      "https://a.example/") == 1361088372LL);
    static const char *none[] = {
        NULL, "", "https://a.example/2013/02/17/story", "https://a.example/20130217080612/",
        "https://a.example/items/20130217080612/photo", "https://web.archive.org/web/2013021708061/http://a.example/",
        "https://web.archive.org/web/20131317080612/http://a.example/",
        "https://web.archive.org/web/20130217250612/http://a.example/", "20130217080612/http://a.example/"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        assert_true(dates_archive_capture(none[i]) == 0);
}

int main(void)
{
    lede_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_epoch),
        cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_day_order),
        cmocka_unit_test(test_parse_time),
        cmocka_unit_test(test_archive_capture),
        cmocka_unit_test(test_time_of_day),
        cmocka_unit_test(test_text_languages),
        cmocka_unit_test(test_text_rejects),
        cmocka_unit_test(test_sources_priority),
        cmocka_unit_test(test_time_zones),
        cmocka_unit_test(test_url_against_page),
        cmocka_unit_test(test_not_page_labels),
        cmocka_unit_test(test_more_month_names),
        cmocka_unit_test(test_date_in_path),
        cmocka_unit_test(test_not_page_comment_citation),
        cmocka_unit_test(test_fast_mode_skips_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
