/* test_appjson.c - unit tests of the app-state JSON body finder
 * (appjson.c): the prose test, string and block-array candidates, title
 * preference, JavaScript assignments and JSON.parse literals, hostile input
 * (deep nesting, huge strings, broken JSON), and the pipeline hook through
 * lede_extract() on small pages written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "appjson.h"
#include "lede.h"

/* Three sentences of ordinary prose, ~330 bytes. */
#define PROSE                                                                      \
    "The council met on Tuesday evening to discuss the new budget, which "         \
    "includes funds for schools, roads and the library. It voted after a long "    \
    "debate that lasted well into the night. Residents who came to listen said "   \
    "they were glad the library would finally get a new roof before winter."

#define PROSE2                                                                     \
    "Farmers in the valley began the harvest two weeks early this year after a "   \
    "warm spring. The cooperative opened its cold stores a week before the "       \
    "usual date. Prices are expected to stay close to last year's, it said, and "  \
    "the festival will take place as planned in the main square in September."

static appjson_body find(const char *txt, int is_json, const char *const *titles)
{
    appjson_body b;
    memset(&b, 0, sizeof b);
    appjson_find(txt, strlen(txt), is_json, titles, &b);
    return b;
}

static void test_prose_len(void **state)
{
    (void)state;
    const char *p = PROSE;
    assert_int_equal(appjson_prose_len(p, strlen(p), 0), strlen(p));
    /* too short */
    assert_int_equal(appjson_prose_len("Short. Text.", 12, 0), 0);
    /* code */
    char code[600];
    snprintf(code, sizeof code, "%s function f(a){return a==b||c;} {x=1} {y=2} {z=3} "
             "{w=4} {v=5} {u=6}", PROSE);
    assert_int_equal(appjson_prose_len(code, strlen(code), 0), 0);
    /* URL list */
    char urls[2000] = "";
    for (int i = 0; i < 12; i++)
        strcat(urls, "See https://example.org/a/very/long/path/page. ");
    assert_int_equal(appjson_prose_len(urls, strlen(urls), 0), 0);
    /* no sentence ends: a long label soup */
    char words[800] = "";
    for (int i = 0; i < 40; i++)
        strcat(words, "menu item ");
    assert_int_equal(appjson_prose_len(words, strlen(words), 0), 0);
    /* HTML: tags are not text */
    const char *h = "<p>" PROSE "</p><p>" PROSE2 "</p>";
    size_t hl = appjson_prose_len(h, strlen(h), 1);
    assert_true(hl > strlen(PROSE) + strlen(PROSE2));
    assert_true(hl < strlen(h));
}

static void test_next_data_html_body(void **state)
{
    (void)state;
    const char *j = "{\"props\":{\"pageProps\":{\"post\":{\"title\":\"T\","
                    "\"excerpt\":\"" PROSE "\","
                    "\"body\":\"<p>" PROSE "</p><p>" PROSE2 "</p>\"}}}}";
    appjson_body b = find(j, 1, NULL);
    assert_non_null(b.body);
    assert_true(b.is_html);
    assert_non_null(strstr(b.body, "<p>Farmers"));
    appjson_body_free(&b);
}

static void test_plain_text_body(void **state)
{
    (void)state;
    const char *j = "{\"article\":{\"articleText\":\"" PROSE "\\n\\n" PROSE2 "\"}}";
    appjson_body b = find(j, 1, NULL);
    assert_non_null(b.body);
    assert_false(b.is_html);
    assert_non_null(strstr(b.body, "\n\nFarmers"));
    appjson_body_free(&b);
}

static void test_non_body_keys_ignored(void **state)
{
    (void)state;
    /* prose under description/summary keys is a blurb, not the body */
    const char *j = "{\"description\":\"" PROSE "\",\"summary\":\"" PROSE2 "\"}";
    appjson_body b = find(j, 1, NULL);
    assert_null(b.body);
}

static void test_block_array(void **state)
{
    (void)state;
    /* Sanity-like portable text: blocks of spans */
    const char *j =
        "{\"doc\":{\"body\":["
        "{\"_type\":\"block\",\"style\":\"normal\",\"children\":["
        "{\"_type\":\"span\",\"text\":\"The council met on Tuesday evening. \"},"
        "{\"_type\":\"span\",\"marks\":[\"strong\"],\"text\":\"It voted late.\"}]},"
        "{\"_type\":\"block\",\"style\":\"h2\",\"children\":[{\"_type\":\"span\","
        "\"text\":\"What happens next\"}]},"
        "{\"_type\":\"image\",\"alt\":\"A photo caption that is not text.\"},"
        "{\"_type\":\"block\",\"children\":[{\"_type\":\"span\",\"text\":\"" PROSE2 "\"}]}"
        "]}}";
    appjson_body b = find(j, 1, NULL);
    assert_non_null(b.body);
    assert_false(b.is_html);
    assert_string_equal(b.body, "The council met on Tuesday evening. It voted late.\n"
                                "\001What happens next\n" PROSE2 "\n");
    appjson_body_free(&b);
}

static void test_arc_text_elements(void **state)
{
    (void)state;
    /* Arc-style content_elements: top-level {"type":"text"} are blocks,
     * embeds add nothing */
    const char *j = "{\"content_elements\":["
                    "{\"type\":\"text\",\"content\":\"The council met on <b>Tuesday</b>.\"},"
                    "{\"type\":\"raw_html\",\"content\":\"<div>Subscribe now!</div>\"},"
                    "{\"type\":\"text\",\"content\":\"" PROSE "\"},"
                    "{\"type\":\"header\",\"content\":\"Next steps\"},"
                    "{\"type\":\"text\",\"content\":\"" PROSE2 "\"}]}";
    appjson_body b = find(j, 1, NULL);
    assert_non_null(b.body);
    assert_non_null(strstr(b.body, "The council met on Tuesday.\n"));
    assert_non_null(strstr(b.body, "\n\001Next steps\n"));
    assert_null(strstr(b.body, "Subscribe"));
    appjson_body_free(&b);
}

static void test_inline_text_nodes_stay_inline(void **state)
{
    (void)state;
    /* htmlparser2-like tree: "text" nodes inside a block are runs */
    const char *j =
        "{\"body\":{\"json\":["
        "{\"type\":\"p\",\"children\":[{\"type\":\"text\",\"data\":\"" PROSE " See \"},"
        "{\"type\":\"a\",\"children\":[{\"type\":\"text\",\"data\":\"the plan\"}]},"
        "{\"type\":\"text\",\"data\":\" for details.\"}]},"
        "{\"type\":\"p\",\"children\":[{\"type\":\"text\",\"data\":\"" PROSE2 "\"}]}]}}";
    appjson_body b = find(j, 1, NULL);
    assert_non_null(b.body);
    assert_non_null(strstr(b.body, "See the plan for details.\nFarmers"));
    appjson_body_free(&b);
}

static void test_title_match_beats_length(void **state)
{
    (void)state;
    /* a related story with a longer body loses to the page's own story */
    const char *j = "{\"stories\":["
                    "{\"headline\":\"Something else entirely happened\",\"body\":\"" PROSE
                    " " PROSE2 " " PROSE "\"},"
                    "{\"headline\":\"Council approves the library budget\",\"body\":\"" PROSE2
                    "\"}]}";
    /* the page title squashed, with the site name after it */
    const char *titles[] = {"councilapprovesthelibrarybudgetthetimes", NULL};
    appjson_body b = find(j, 1, titles);
    assert_non_null(b.body);
    assert_int_equal(b.level, 2);
    assert_string_equal(b.body, PROSE2);
    appjson_body_free(&b);
    /* no title: the longest wins */
    b = find(j, 1, NULL);
    assert_non_null(b.body);
    assert_int_equal(b.level, 0);
    assert_non_null(strstr(b.body, PROSE " " PROSE2));
    appjson_body_free(&b);
}

static void test_title_beside_body(void **state)
{
    (void)state;
    /* the title sits in a sibling "seo" object: the body beside it still
     * beats a longer story elsewhere */
    const char *j = "{\"pageProps\":{\"seo\":{\"title\":\"Council approves the library "
                    "budget\"},\"content\":{\"html\":\"<p>" PROSE2 "</p>\"}},"
                    "\"more\":{\"story\":{\"body\":\"" PROSE " " PROSE2 "\"}}}";
    const char *titles[] = {"councilapprovesthelibrarybudget", NULL};
    appjson_body b = find(j, 1, titles);
    assert_non_null(b.body);
    assert_int_equal(b.level, 1);
    assert_string_equal(b.body, "<p>" PROSE2 "</p>");
    appjson_body_free(&b);
}

static void test_stop_keys(void **state)
{
    (void)state;
    /* consent texts, comments and related stories are not the article */
    const char *j = "{\"cookieConsent\":{\"text\":\"" PROSE " " PROSE2 "\"},"
                    "\"comments\":[{\"body\":\"" PROSE " " PROSE "\"}],"
                    "\"relatedStories\":[{\"type\":\"paragraph\",\"text\":\"" PROSE
                    "\"},{\"type\":\"paragraph\",\"text\":\"" PROSE2 "\"}],"
                    "\"article\":{\"body\":\"" PROSE2 "\"}}";
    appjson_body b = find(j, 1, NULL);
    assert_non_null(b.body);
    assert_string_equal(b.body, PROSE2);
    appjson_body_free(&b);
}

static void test_capture_prefers_framework_state(void **state)
{
    (void)state;
    /* 16 generic config blobs fill the slots; __NEXT_DATA__ at the end of
     * the body still gets in, a 17th generic blob does not */
    char cfg[400];
    memset(cfg, 'a', sizeof cfg - 1);
    cfg[sizeof cfg - 1] = '\0';
    char html[16384] = "<html><body>";
    for (int i = 0; i < 17; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 "<script>window.cfg%d = {\"k\":\"%s\"};</script>", i, cfg);
    strcat(html, "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"x\":\"");
    strcat(html, cfg);
    strcat(html, "\"}</script><script>window.__STATE__ = {\"y\":\"");
    strcat(html, cfg);
    strcat(html, "\"}</script></body></html>");
    htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    assert_non_null(doc);
    xmlNode *slots[16];
    size_t n = 0;
    xmlNode *root = xmlDocGetRootElement(doc);
    int strong = 0;
    for (xmlNode *c = root; c; c = dom_next(c, root, 0))
        if (!strcmp(dom_name(c), "script")) {
            int r = appjson_is_candidate(c);
            assert_true(r >= 1);
            strong += r == 2;
            appjson_capture(slots, &n, 16, c);
        }
    assert_int_equal(strong, 2);
    assert_int_equal(n, 16);
    int kept = 0;
    for (size_t i = 0; i < n; i++)
        kept += appjson_is_candidate(slots[i]) == 2;
    assert_int_equal(kept, 2);
    xmlFreeDoc(doc);
}

static void test_js_assignments(void **state)
{
    (void)state;
    const char *js = "window.dataLayer = window.dataLayer || [];\n"
                     "if (a == b) { x = 1; }\n"
                     "window.__CONFIG__ = {\"env\":\"prod\"};\n"
                     "window.__INITIAL_STATE__ = {\"article\":{\"content\":\"" PROSE "\"}};\n";
    appjson_body b = find(js, 0, NULL);
    assert_non_null(b.body);
    assert_string_equal(b.body, PROSE);
    appjson_body_free(&b);
}

static void test_js_literals(void **state)
{
    (void)state;
    /* Nuxt 2: state built by a function, bare keys, shared values as
     * parameters; the body is a literal after `body:` */
    const char *nuxt = "window.__NUXT__=(function(a,b,c){return {layout:\"default\","
                       "data:[{story:{name:a,teaser:\"" PROSE2 "\",content:{body:\"<p>"
                       PROSE "<\\u002Fp><p>" PROSE2 "<\\u002Fp>\",component:b}}}],"
                       "state:{menu:[c]}}}(\"Title\",\"article\",\"Home\"));";
    appjson_body b = find(nuxt, 0, NULL);
    assert_non_null(b.body);
    assert_true(b.is_html);
    assert_non_null(strstr(b.body, "</p><p>Farmers"));
    appjson_body_free(&b);
    /* an object literal with bare keys */
    const char *bare = "window.__INITIAL_STATE__ = {article: {text: '" PROSE "'}, n: 1};";
    b = find(bare, 0, NULL);
    assert_non_null(b.body);
    assert_string_equal(b.body, PROSE);
    appjson_body_free(&b);
    /* a plain function, or a bare-key literal not named like state */
    const char *fn = "window.init = function() { var o = {body: \"" PROSE "\"}; };";
    b = find(fn, 0, NULL);
    assert_null(b.body);
    const char *cfg = "window.config = {article: {text: '" PROSE "'}};";
    b = find(cfg, 0, NULL);
    assert_null(b.body);
}

static void test_json_parse_literal(void **state)
{
    (void)state;
    /* escaped JSON in a JS string, with \u and \x escapes and ' quotes */
    const char *js = "window.__PRELOADED_STATE__ = JSON.parse('{\\\"post\\\":{\\\"body\\\":"
                     "\\\"Caf\\u00e9 owners \\x41nd " PROSE "\\\"}}');";
    appjson_body b = find(js, 0, NULL);
    assert_non_null(b.body);
    assert_non_null(strstr(b.body, "Caf\xc3\xa9 owners And The council"));
    appjson_body_free(&b);
}

static void test_hostile(void **state)
{
    (void)state;
    /* 100k-deep arrays: jansson refuses past 2048 levels; no crash */
    size_t depth = 100000;
    char *deep = malloc(depth * 2 + 1);
    assert_non_null(deep);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[depth * 2] = '\0';
    appjson_body b = find(deep, 1, NULL);
    assert_null(b.body);
    b = find(deep, 0, NULL);
    assert_null(b.body);
    free(deep);
    /* 2000-deep objects (under jansson's limit) walked iteratively */
    size_t d2 = 2000;
    const char *open = "{\"a\":";
    char *obj = malloc(d2 * 5 + sizeof("{\"body\":\"" PROSE "\"}") + d2 + 1);
    assert_non_null(obj);
    char *p = obj;
    for (size_t i = 0; i < d2; i++, p += 5)
        memcpy(p, open, 5);
    p += sprintf(p, "{\"body\":\"%s\"}", PROSE);
    memset(p, '}', d2);
    p[d2] = '\0';
    b = find(obj, 1, NULL);
    assert_non_null(b.body);
    assert_string_equal(b.body, PROSE);
    appjson_body_free(&b);
    free(obj);
    /* a huge string without sentences; truncated and invalid JSON */
    size_t hl = 1 << 20;
    char *huge = malloc(hl + 32);
    assert_non_null(huge);
    strcpy(huge, "{\"body\":\"");
    memset(huge + 9, 'x', hl);
    strcpy(huge + 9 + hl, "\"}");
    b = find(huge, 1, NULL);
    assert_null(b.body);
    free(huge);
    const char *bad[] = {"{\"body\": \"unterminated", "{\"body\": undefined}", "",
                         "window.x = {", "x = JSON.parse(\"{\\\"a\\\": \\u12",
                         "x = JSON.parse(", "=", "= {", NULL};
    for (size_t i = 0; bad[i]; i++) {
        b = find(bad[i], 0, NULL);
        assert_null(b.body);
        b = find(bad[i], 1, NULL);
        assert_null(b.body);
    }
}

/* ---- through lede_extract ---------------------------------------------- */

static lede_article *run(const char *html)
{
    lede_options opt;
    lede_options_init(&opt);
    opt.explain = 1;
    lede_error err;
    lede_article *a = lede_extract(html, strlen(html), "https://example.org/a.html", NULL,
                                   &opt, &err);
    assert_non_null(a);
    return a;
}

static void test_pipeline_shell_page(void **state)
{
    (void)state;
    const char *html =
        "<html><head><title>Council approves the library budget</title></head><body>"
        "<div id=\"__next\"><p>Loading...</p></div>"
        "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{\"pageProps\":"
        "{\"headline\":\"Council approves the library budget\",\"body\":\"<p>" PROSE
        "</p><h2>Next</h2><p>" PROSE2 "</p>\"}}}</script></body></html>";
    lede_article *a = run(html);
    assert_non_null(a->text);
    assert_non_null(strstr(a->text, "The council met on Tuesday"));
    assert_non_null(strstr(a->text, "\nNext\nFarmers"));
    assert_null(strstr(a->text, "Loading"));
    assert_string_equal(a->sources.text, "app-json");
    assert_string_equal(a->page_type, "article");
    lede_article_free(a);
}

static void test_pipeline_dom_wins(void **state)
{
    (void)state;
    const char *html =
        "<html><head><title>Council approves the library budget</title></head><body>"
        "<article><h1>Council approves the library budget</h1><p>" PROSE "</p><p>" PROSE2
        "</p><p>" PROSE "</p></article>"
        "<script>window.__INITIAL_STATE__ = {\"body\":\"Draft text only in the store. " PROSE2
        " " PROSE " " PROSE2 " " PROSE "\"};</script></body></html>";
    lede_article *a = run(html);
    assert_non_null(a->text);
    assert_null(strstr(a->text, "Draft text"));
    assert_string_equal(a->sources.text, "html");
    lede_article_free(a);
}

static void test_pipeline_listing(void **state)
{
    (void)state;
    /* a thin listing keeps its teasers unless the store's body is the
     * page's own (titled like it) */
    const char *fmt =
        "<html><head><title>%s</title></head><body><main>"
        "<article><h2><a href=\"/a\">Bridge works delayed again</a></h2></article>"
        "<article><h2><a href=\"/b\">New bus line to the airport</a></h2></article>"
        "<article><h2><a href=\"/c\">Library roof repaired</a></h2></article>"
        "<article><h2><a href=\"/d\">Harbour seals are back</a></h2></article>"
        "</main><script>window.__INITIAL_STATE__ = {\"stories\":[{\"headline\":"
        "\"Council approves the library budget\",\"body\":\"" PROSE " " PROSE2
        "\"}]};</script></body></html>";
    char html[4096];
    snprintf(html, sizeof html, fmt, "Latest news from the valley");
    lede_article *a = run(html);
    if (a->page_type && !strcmp(a->page_type, "listing")) {
        assert_true(!a->text || !strstr(a->text, "The council met"));
        assert_true(!a->sources.text || strcmp(a->sources.text, "app-json"));
    }
    lede_article_free(a);
    snprintf(html, sizeof html, fmt, "Council approves the library budget");
    a = run(html);
    assert_non_null(a->text);
    assert_non_null(strstr(a->text, "The council met"));
    assert_string_equal(a->sources.text, "app-json");
    lede_article_free(a);
}

static void test_pipeline_jsonld_first(void **state)
{
    (void)state;
    /* a JSON-LD articleBody is content.c's business: app JSON stays out */
    const char *html =
        "<html><head><title>T</title><script type=\"application/ld+json\">"
        "{\"@type\":\"NewsArticle\",\"headline\":\"T\",\"articleBody\":\"" PROSE
        "\"}</script></head><body><div id=\"app\"></div>"
        "<script>window.__INITIAL_STATE__ = {\"body\":\"" PROSE2 " " PROSE2 "\"};</script>"
        "</body></html>";
    lede_article *a = run(html);
    assert_non_null(a->text);
    assert_non_null(strstr(a->text, "The council met"));
    assert_null(strstr(a->text, "Farmers"));
    lede_article_free(a);
}

int main(void)
{
    lede_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prose_len),
        cmocka_unit_test(test_next_data_html_body),
        cmocka_unit_test(test_plain_text_body),
        cmocka_unit_test(test_non_body_keys_ignored),
        cmocka_unit_test(test_block_array),
        cmocka_unit_test(test_arc_text_elements),
        cmocka_unit_test(test_inline_text_nodes_stay_inline),
        cmocka_unit_test(test_title_match_beats_length),
        cmocka_unit_test(test_title_beside_body),
        cmocka_unit_test(test_stop_keys),
        cmocka_unit_test(test_capture_prefers_framework_state),
        cmocka_unit_test(test_js_assignments),
        cmocka_unit_test(test_js_literals),
        cmocka_unit_test(test_json_parse_literal),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_pipeline_shell_page),
        cmocka_unit_test(test_pipeline_dom_wins),
        cmocka_unit_test(test_pipeline_listing),
        cmocka_unit_test(test_pipeline_jsonld_first),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    lede_global_cleanup();
    return r;
}
