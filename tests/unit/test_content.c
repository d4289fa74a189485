/* test_content.c - unit tests of the main-content stage (content.c),
 * its rule tables (rules.c) and the plain-text renderer (render_text.c),
 * through lede_extract() on small pages written here and directly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "lede.h"
#include "rules.h"

static lede_article *run(const char *html, const lede_options *opt)
{
    lede_error err;
    lede_article *a = lede_extract(html, strlen(html), "https://example.org/news/a.html",
                                   NULL, opt, &err);
    assert_non_null(a);
    return a;
}

static const char *LONG_P =
    "The council met on Tuesday evening to discuss the new budget, which "
    "includes funds for schools, roads and the library, and voted after a "
    "long debate that lasted well into the night.";

static void test_rules_match(void **state)
{
    rules_index ix;
    rules_index_build(&ix);
    const char *v = "entry-content clearfix";
    assert_true(rules_match(&ix, v, strlen(v), RA_CLASS) & RG_AREA1);
    v = "share-buttons";
    assert_true(rules_match(&ix, v, strlen(v), RA_CLASS) & RG_BOILER);
    v = "apageroot"; /* "pager" inside a word is not a pager */
    assert_false(rules_match(&ix, v, strlen(v), RA_CLASS) & RG_BOILER);
    v = "post";
    assert_true(rules_match(&ix, v, strlen(v), RA_CLASS) & RG_AREA1);
    v = "postscript";
    assert_false(rules_match(&ix, v, strlen(v), RA_CLASS) & RG_AREA1);
    v = "foo hidden";
    assert_true(rules_match(&ix, v, strlen(v), RA_CLASS) & RG_HIDDEN);
    v = "news-teaser-text"; /* a lead, though "teaser" alone is weak */
    assert_true(rules_match(&ix, v, strlen(v), RA_CLASS) & RG_LEAD);
    v = "leaderboard"; /* an ad slot, not a lead */
    assert_false(rules_match(&ix, v, strlen(v), RA_CLASS) & RG_LEAD);
    v = "article-header";
    assert_true(rules_match(&ix, v, strlen(v), RA_CLASS) & RG_HEADBOX);
    assert_int_equal(rules_tag("script") & RT_DROP, RT_DROP);
    assert_int_equal(rules_tag("nav") & RT_BOILER, RT_BOILER);
    assert_int_equal(rules_tag("no-such-tag"), 0);
}

/* End-section labels and calls to action are told by their text: at the
 * start (labels) or at a word start (CTAs), any case, after bullets. */
static void test_rules_tail_phrases(void **state)
{
    assert_true(rules_tail_label("\xC3\x9C" "ber den Autor")); /* "Über" */
    assert_true(rules_tail_label("\xC2\xBB Mehr zum Thema:"));
    assert_true(rules_tail_label("ABOUT THE AUTHOR"));
    assert_false(rules_tail_label("The author of the report said"));
    assert_true(rules_label_only("Mehr zum Thema:"));
    assert_true(rules_label_only("Related"));
    assert_false(rules_label_only("Related work shows that this is hard."));
    assert_true(rules_is_disclosure("*Werbung. Dieser Beitrag enth\xC3\xA4lt Werbung."));
    assert_false(rules_is_disclosure("Werbung nervt. Tracking nervt."));
    assert_true(rules_is_see_also("MIRA:\xC2\xA0Un titular de otra noticia"));
    assert_true(rules_is_see_also("Lesen Sie auch : Ein anderer Artikel"));
    assert_false(rules_is_see_also("Mirador de la ciudad: vistas"));
    assert_true(rules_is_cta("Follow us on Twitter for more."));
    assert_true(rules_is_cta("Copyright 2024 Example. All\xC2\xA0rights reserved."));
    assert_true(rules_is_cta("Sie sind nicht eingeloggt."));
    assert_false(rules_is_cta("Honor opt-out/unsubscribe requests quickly."));
    assert_false(rules_is_cta("The mayor spoke about the budget."));
    assert_false(rules_is_cta(""));
    assert_false(rules_is_cta(NULL));
}

/* Captions ending with their picture credit, and the prose that only
 * looks like one. */
static void test_rules_credit_tail(void **state)
{
    (void)state;
    assert_true(rules_credit_tail("Marco Odermatt, Ski-Star. \xC2\xA9 AFP / MARCO BERTORELLO"));
    assert_true(rules_credit_tail("Golf im TV: die Turniere im \xC3\x9C" "berblick. (Foto: Getty)"));
    assert_true(rules_credit_tail("Son tres los periodos del a\xC3\xB1o escolar. Foto: Andina"));
    assert_true(rules_credit_tail("Die neue Ortsmitte \xE2\x80\x93 Foto: Hendrik Urbin"));
    assert_false(rules_credit_tail("Im Dockerfile steht als Basis das image: ubuntu"));
    assert_false(rules_credit_tail("Er sagte es. Foto: Max Muster. Dann ging es weiter."));
    assert_false(rules_credit_tail("Wake News \xC2\xA9 Feiertags-Angebot):"));
    assert_false(rules_credit_tail("Ein Satz ohne Nachweis."));
    assert_false(rules_credit_tail(""));
    assert_false(rules_credit_tail(NULL));
}

/* PHP diagnostics printed into a page, and prose that opens like one. */
static void test_rules_php_notice(void **state)
{
    (void)state;
    assert_true(rules_php_notice("Warning: Creating default object from empty value in "
                                 "/www/x/wp-includes/classes.php on line 407"));
    assert_true(rules_php_notice(" Deprecated: preg_replace(): The /e modifier is deprecated "
                                 "in /www/x/formatting.php on line 82\n"));
    assert_true(rules_php_notice("Strict Standards: Non-static method a::b() should not be "
                                 "called statically in /x/core.php on line 341"));
    assert_false(rules_php_notice("Warning: the beaches are crowded on weekends."));
    assert_false(rules_php_notice("Notice: see index.php on line"));
    assert_false(rules_php_notice("The file index.php fails on line 12"));
    assert_false(rules_php_notice(NULL));
}

/* A story ending in a call to action and an author bio: both cut, the
 * story kept whole. */
static void test_tail_sections_trimmed(void **state)
{
    char html[8192];
    snprintf(html, sizeof html,
             "<html><body><div class='entry-content'><p>%s</p><p>%s</p><p>%s</p>"
             "<p>The last real paragraph of the story ends here.</p>"
             "<p>Subscribe to our newsletter for weekly updates.</p>"
             "<h4>About the author</h4><p>Jane Doe writes about city hall.</p>"
             "</div></body></html>",
             LONG_P, LONG_P + 4, LONG_P + 8);
    lede_article *a = run(html, NULL);
    assert_non_null(a->text);
    assert_non_null(strstr(a->text, "The last real paragraph"));
    assert_null(strstr(a->text, "Subscribe"));
    assert_null(strstr(a->text, "About the author"));
    assert_null(strstr(a->text, "Jane Doe"));
    lede_article_free(a);
}

static void test_boilerplate_pruned(void **state)
{
    char html[4096];
    snprintf(html, sizeof html,
             "<html><body><nav><a href='/'>Home</a> <a href='/b'>Sports</a></nav>"
             "<div class='sidebar'><p>Sidebar teaser text that should not appear in the article.</p></div>"
             "<article><h1>Budget</h1><div class='entry-content'><p>%s</p><p>%s</p>"
             "<div class='share-buttons'><a href='/s'>Share on Facebook</a></div>"
             "</div></article><footer>Copyright Example Corp</footer></body></html>",
             LONG_P, LONG_P + 4);
    lede_article *a = run(html, NULL);
    assert_non_null(a->text);
    assert_non_null(strstr(a->text, "The council met"));
    assert_null(strstr(a->text, "Sidebar teaser"));
    assert_null(strstr(a->text, "Share on Facebook"));
    assert_null(strstr(a->text, "Copyright"));
    assert_null(strstr(a->text, "Sports"));
    assert_string_equal(a->page_type, "article");
    lede_article_free(a);
}

static void test_br_text_and_structure(void **state)
{
    char html[4096];
    snprintf(html, sizeof html,
             "<html><body><div id='main'>%s<br>Second line of loose text here.<br><br>"
             "<ul><li>First item</li><li>Second <b>item</b></li></ul>"
             "<pre>int x;\n    x = 1;</pre>"
             "<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>31</td></tr>"
             "<tr><td>Bob</td><td>42</td></tr></table></div></body></html>",
             LONG_P);
    lede_article *a = run(html, NULL);
    const char *want = "Second line of loose text here.\nFirst item\nSecond item\n"
                       "int x;\n    x = 1;\nName | Age\nAnn | 31\nBob | 42";
    assert_non_null(a->text);
    assert_non_null(strstr(a->text, want));
    lede_article_free(a);

    lede_options opt;
    lede_options_init(&opt);
    opt.include_tables = 0;
    a = run(html, &opt);
    assert_null(strstr(a->text, "Ann | 31"));
    lede_article_free(a);
}

static void test_hidden_and_duplicates(void **state)
{
    char html[4096];
    snprintf(html, sizeof html,
             "<html><body><article><p>%s</p>"
             "<p style='display: none'>Invisible paragraph text that is hidden from readers.</p>"
             "<p aria-hidden='true'>Another hidden paragraph for screen readers only.</p>"
             "<p>A different paragraph sits between the two copies of the first one.</p>"
             "<div class='mobile'><p>%s</p></div></article></body></html>",
             LONG_P, LONG_P);
    lede_article *a = run(html, NULL);
    assert_null(strstr(a->text, "Invisible"));
    assert_null(strstr(a->text, "Another hidden"));
    const char *first = strstr(a->text, "The council met");
    assert_non_null(first);
    /* balanced mode keeps an author's repeated paragraph */
    assert_non_null(strstr(first + 1, "The council met"));
    lede_article_free(a);
    /* precision mode drops the repeat */
    lede_options opt;
    lede_options_init(&opt);
    opt.mode = LEDE_MODE_PRECISION;
    a = run(html, &opt);
    first = strstr(a->text, "The council met");
    assert_non_null(first);
    assert_null(strstr(first + 1, "The council met"));
    lede_article_free(a);
}

/* A hidden paragraph as long as the visible text is still hidden; a page
 * hiding its whole article until a script runs is still read. */
static void test_hidden_long(void **state)
{
    char html[4096];
    snprintf(html, sizeof html,
             "<html><body><h1>Title</h1><p>%s</p><h2>More</h2>"
             "<p style='display:none'>%s %s</p></body></html>",
             LONG_P, "Hidden text of a script-driven widget that readers never see.",
             LONG_P);
    lede_article *a = run(html, NULL);
    assert_null(strstr(a->text, "Hidden text of a script"));
    lede_article_free(a);
    snprintf(html, sizeof html,
             "<html><body><nav><a href='/'>Home</a></nav><div class='story' hidden>"
             "<p>%s</p><p>%s</p></div></body></html>",
             LONG_P, "A second paragraph of the hidden story, long enough to count as prose here.");
    a = run(html, NULL);
    assert_non_null(strstr(a->text, "The council met"));
    lede_article_free(a);
}

static void test_jsonld_only_body(void **state)
{
    const char *html =
        "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
        "\"headline\":\"H\",\"articleBody\":\"The whole story lives only in the "
        "structured data of this page, which a script renders later. It has two "
        "sentences and no HTML paragraphs at all, so the extractor must use it.\"}"
        "</script></head><body><div id='app'></div></body></html>";
    lede_article *a = run(html, NULL);
    assert_non_null(a->text);
    assert_non_null(strstr(a->text, "The whole story lives only"));
    lede_article_free(a);
}

static void test_listing_and_empty(void **state)
{
    char html[8192];
    size_t n = 0;
    n += (size_t)snprintf(html + n, sizeof html - n, "<html><body><main>");
    for (int i = 0; i < 6; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<article><h2><a href='/n/%d'>Headline number %d</a></h2>"
                              "<p>Short teaser for story %d with a few words.</p></article>",
                              i, i, i);
    snprintf(html + n, sizeof html - n, "</main></body></html>");
    lede_article *a = run(html, NULL);
    assert_string_equal(a->page_type, "listing");
    assert_int_equal(a->readerable, 0);
    lede_article_free(a);

    a = run("<html><body><nav><a href='/'>Home</a></nav></body></html>", NULL);
    assert_string_equal(a->page_type, "empty");
    lede_article_free(a);
}

static void test_comments_option(void **state)
{
    char html[4096];
    snprintf(html, sizeof html,
             "<html><body><article><div class='entry-content'><p>%s</p><p>%s</p></div></article>"
             "<div id='comments'><div class='comment'><p>Great article, thanks for "
             "writing it up so clearly!</p></div></div></body></html>",
             LONG_P, LONG_P + 4);
    lede_article *a = run(html, NULL);
    assert_null(strstr(a->text, "Great article"));
    assert_null(a->comments);
    lede_article_free(a);

    lede_options opt;
    lede_options_init(&opt);
    opt.include_comments = 1;
    a = run(html, &opt);
    assert_null(strstr(a->text, "Great article"));
    assert_non_null(a->comments);
    assert_non_null(strstr(a->comments, "Great article"));
    lede_article_free(a);
}

static void test_lazy_image_markdown(void **state)
{
    char html[4096];
    snprintf(html, sizeof html,
             "<html><body><article><p>%s</p><figure><img src='data:image/gif;base64,R0lG' "
             "data-src='/img/photo.jpg' alt='A photo'><figcaption>Caption text</figcaption>"
             "</figure><p>%s</p></article></body></html>",
             LONG_P, LONG_P + 4);
    lede_options opt;
    lede_options_init(&opt);
    opt.want_html = 1;
    lede_article *a = run(html, &opt);
    assert_non_null(a->html);
    assert_non_null(strstr(a->html, "https://example.org/img/photo.jpg"));
    assert_null(strstr(a->html, "data:image"));
    assert_null(strstr(a->text, "Caption text")); /* captions stay out of text */
    lede_article_free(a);
}

static void test_render_text_direct(void **state)
{
    htmlDocPtr doc = htmlReadMemory("<html><body></body></html>", 26, NULL, "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    assert_non_null(doc);
    xmlNode *art = xmlNewDocNode(doc, NULL, (const xmlChar *)"article", NULL);
    xmlNode *p = xmlNewChild(art, NULL, (const xmlChar *)"p", (const xmlChar *)"  a   b  ");
    xmlAddChild(p, xmlNewDocNode(doc, NULL, (const xmlChar *)"br", NULL));
    xmlAddChild(p, xmlNewDocText(doc, (const xmlChar *)"c"));
    xmlNewChild(art, NULL, (const xmlChar *)"h2", (const xmlChar *)"Title");
    xmlNewChild(art, NULL, (const xmlChar *)"p", (const xmlChar *)"   ");
    char *t = render_text(art);
    assert_string_equal(t, "a b\nc\nTitle");
    free(t);
    t = render_text(NULL);
    assert_string_equal(t, "");
    free(t);
    xmlFreeNode(art);
    xmlFreeDoc(doc);
}

/* A paragraph of thousands of text pieces (split by comments, as some
 * templates write them) comes out as one text, in order: the build merges
 * each piece into the paragraph's last text node (ct_add_text, linear
 * where libxml2's merge was quadratic). */
static void test_many_text_pieces_merge(void **state)
{
    enum { PIECES = 4000 };
    size_t cap = PIECES * 32 + 4096;
    char *html = malloc(cap), *want = malloc(PIECES * 8 + 1);
    assert_non_null(html);
    assert_non_null(want);
    size_t n = (size_t)snprintf(html, cap, "<html><body><article><p>%s</p><p>", LONG_P);
    size_t w = 0;
    for (int i = 0; i < PIECES; i++) {
        n += (size_t)snprintf(html + n, cap - n, "w%d<!-- -->%s", i,
                              i % 3 ? " " : "<!-- --> <!-- -->");
        w += (size_t)sprintf(want + w, "%sw%d", i ? " " : "", i);
    }
    snprintf(html + n, cap - n, "</p><p>%s</p></article></body></html>", LONG_P);
    lede_article *a = run(html, NULL);
    assert_non_null(a->text);
    assert_non_null(strstr(a->text, want));
    lede_article_free(a);
    free(html);
    free(want);
}

static void test_deep_nesting_is_safe(void **state)
{
    /* 200 nested divs around the article: iterative walks only */
    size_t cap = 200 * 12 + 1024;
    char *html = malloc(cap);
    size_t n = 0;
    n += (size_t)snprintf(html + n, cap - n, "<html><body>");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(html + n, cap - n, "<div>");
    n += (size_t)snprintf(html + n, cap - n, "<p>%s</p>", LONG_P);
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(html + n, cap - n, "</div>");
    snprintf(html + n, cap - n, "</body></html>");
    lede_article *a = run(html, NULL);
    assert_non_null(strstr(a->text, "The council met"));
    lede_article_free(a);
    free(html);
}

int main(void)
{
    lede_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_match),
        cmocka_unit_test(test_rules_tail_phrases),
        cmocka_unit_test(test_rules_credit_tail),
        cmocka_unit_test(test_rules_php_notice),
        cmocka_unit_test(test_tail_sections_trimmed),
        cmocka_unit_test(test_boilerplate_pruned),
        cmocka_unit_test(test_br_text_and_structure),
        cmocka_unit_test(test_hidden_and_duplicates),
        cmocka_unit_test(test_hidden_long),
        cmocka_unit_test(test_jsonld_only_body),
        cmocka_unit_test(test_listing_and_empty),
        cmocka_unit_test(test_comments_option),
        cmocka_unit_test(test_lazy_image_markdown),
        cmocka_unit_test(test_render_text_direct),
        cmocka_unit_test(test_deep_nesting_is_safe),
        cmocka_unit_test(test_many_text_pieces_merge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
