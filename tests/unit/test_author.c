/* test_author.c - unit tests of author.c: which source names the author
 * and how a candidate is cleaned (prefixes, degrees, agencies, handles,
 * logins and organisations yielding to a person). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meta_internal.h"

static lede_article *run(const char *html)
{
    lede_options opt;
    lede_options_init(&opt);
    opt.explain = 1;
    opt.reference_time = 1633046400LL; /* 2021-10-01 */
    lede_article *a = lede_extract(html, strlen(html), NULL, NULL, &opt, NULL);
    assert_non_null(a);
    return a;
}

/* Author of a page whose body is one byline element then a paragraph. */
static lede_article *run_byline(const char *byline)
{
    char html[2048];
    snprintf(html, sizeof html,
             "<html><body><h1>Title</h1>%s<p>Some words of text that make a "
             "paragraph of the article body.</p></body></html>",
             byline);
    return run(html);
}

/* a's author is want (NULL: none); frees a. */
static void check_author(lede_article *a, const char *want)
{
    if (want)
        assert_string_equal(a->author, want);
    else
        assert_null(a->author);
    lede_article_free(a);
}

static void expect_author(const char *byline, const char *want)
{
    check_author(run_byline(byline), want);
}

static void test_agencies_dropped_beside_people(void **state)
{
    (void)state;
    expect_author("<span class=\"author\">Von David Beispiel, dpa</span>", "David Beispiel");
    expect_author("<span class=\"author\">Peter Maahn, SP-X</span>", "Peter Maahn");
    /* Alone, the agency is the byline. */
    expect_author("<span class=\"author\">AFP</span>", "AFP");
}

static void test_degrees_months_handles(void **state)
{
    (void)state;
    lede_article *a = run_byline("<span class=\"author\">Grant Example, PhD</span>");
    assert_string_equal(a->author, "Grant Example");
    assert_int_equal(a->n_authors, 1);
    lede_article_free(a);
    expect_author("<span class=\"author\">Evan Example, August</span>", "Evan Example");
    expect_author("<span class=\"author\">Williams Example @wexample</span>", "Williams Example");
    expect_author("<span class=\"author\">Rechtsanwalt Sebastian Example</span>",
                  "Sebastian Example");
    expect_author("<span class=\"author\">Eurosport Publiziert</span>", "Eurosport");
    /* A desk named by a possessive keeps its staff word. */
    expect_author("<span class=\"author\">By Our Foreign Staff</span>", "Our Foreign Staff");
    expect_author("<span class=\"author\">Jane Example, Staff Writer</span>", "Jane Example");
}

static void test_particles_and_glued_labels(void **state)
{
    (void)state;
    /* An upper-case "Le" is a name particle, a lower-case "le" a date. */
    expect_author("<span class=\"author\">Par Loïc Le Exemple</span>", "Loïc Le Exemple");
    expect_author("<span class=\"author\">Par Jean Exemple le 3 mars</span>", "Jean Exemple");
    expect_author("<div class=\"author\"><span>Author</span><span>Andreas Example</span></div>",
                  "Andreas Example");
}

static void test_rejected_candidates(void **state)
{
    (void)state;
    /* A sentence fragment starting lower-case, an e-mail address. */
    expect_author("<span class=\"author\">externen Co-Autoren verfasst.</span>", NULL);
    expect_author("<span class=\"author\">someone[at]example.net</span>", NULL);
    /* "Redaktion" is a byline of its own. */
    expect_author("<span class=\"author\">Redaktion</span>", "Redaktion");
    /* A date label in an element marked author is no name. */
    expect_author("<div class=\"author\"><h4>Zuletzt geändert am:</h4></div>", NULL);
    expect_author("<span class=\"author\">Published</span>", NULL);
    /* Words beside a www address: the agency that built the site. */
    expect_author("<span class=\"author\">Example Web GmbH www.example-web.de</span>", NULL);
    /* A bare address is how a blog credits itself. */
    expect_author("<span class=\"author\">www.example-blog.com</span>",
                  "www.example-blog.com");
}

static void test_webpage_author(void **state)
{
    (void)state;
    /* No article node: the WebPage's author reference names the person. */
    lede_article *a = run(
        "<html><head><script type=\"application/ld+json\">{\"@graph\":["
        "{\"@type\":\"WebPage\",\"author\":{\"@id\":\"#p1\"}},"
        "{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"Marta Example\"}]}"
        "</script></head><body><h1>Title</h1><p>Some words of the post body.</p>"
        "</body></html>");
    assert_string_equal(a->author, "Marta Example");
    assert_string_equal(a->sources.author, "json-ld");
    lede_article_free(a);
}

static void test_label_in_long_content(void **state)
{
    (void)state;
    /* "Text: X" at the end of an article longer than the scan text. The
     * name is no common given name: the lone-label rule (person names
     * only) leaves it to the content stage. */
    size_t big = 60000;
    char *html = malloc(big + 512);
    assert_non_null(html);
    size_t l = (size_t)sprintf(html, "<html><body><article><h1>Title</h1><p>");
    while (l < big)
        l += (size_t)sprintf(html + l, "Ein Satz über alte Fahrzeuge im Museum. ");
    sprintf(html + l, "<br><b>Text:</b> Kuno Beispiel<br><b>Fotos:</b> Hans Muster</p>"
                      "</article></body></html>");
    lede_article *a = run(html);
    assert_string_equal(a->author, "Kuno Beispiel");
    assert_string_equal(a->sources.author, "content");
    lede_article_free(a);
    free(html);
}

static void test_glued_following_words(void **state)
{
    (void)state;
    /* A pen name made of an adjective and a job title keeps the title;
     * after a full name the title still goes. */
    expect_author("<span class=\"author\">Flinker Reporter</span>", "Flinker Reporter");
    expect_author("<span class=\"author\">Anna Example Reporter</span>", "Anna Example");
    /* '&' with a one-letter side joins one name ("Mac & i"); between two
     * names it still separates them. */
    expect_author("<span class=\"author\">Mac &amp; i</span>", "Mac & i");
    expect_author("<span class=\"author\">Ana Example &amp; Luis Muestra</span>",
                  "Ana Example, Luis Muestra");
    /* An inline <time> after the names ("Hace 13 horas") is not read. */
    expect_author("<div class=\"byline\"><a>Ana Ejemplo</a> y <a>Luis Muestra</a>"
                  "<time datetime=\"2022-05-04\"><b>Hace 13 horas</b></time></div>",
                  "Ana Ejemplo, Luis Muestra");
    /* "Meist gelesen" glued after a "Von:" byline in the running text. */
    lede_article *a = run("<html><body><h1>Title</h1><p>Some words of the post body.</p>"
                          "<a><b>Von:</b> Klaus Example</a><h3>Meist gelesen</h3>"
                          "</body></html>");
    assert_string_equal(a->author, "Klaus Example");
    lede_article_free(a);
}

static void test_weak_names_yield(void **state)
{
    (void)state;
    /* A login from JSON-LD yields to the person in the byline. */
    lede_article *a = run(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\","
        "\"headline\":\"Title\",\"author\":{\"@type\":\"Person\",\"name\":\"anna.example\"}}"
        "</script></head><body><h1>Title</h1><span class=\"author\">Anna Example</span>"
        "<p>Text.</p></body></html>");
    assert_string_equal(a->author, "Anna Example");
    assert_string_equal(a->sources.author, "byline");
    lede_article_free(a);
    /* ...and stays when no one else is named. */
    a = run("<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\","
            "\"headline\":\"Title\",\"author\":{\"@type\":\"Person\",\"name\":\"anna.example\"}}"
            "</script></head><body><h1>Title</h1><p>Text.</p></body></html>");
    assert_string_equal(a->author, "anna.example");
    assert_string_equal(a->sources.author, "json-ld");
    lede_article_free(a);
    /* An organisation in the author meta yields to a visible person. */
    a = run("<html><head><meta name=\"author\" content=\"Web Example GmbH\"></head><body>"
            "<h1>Title</h1><span class=\"author\">Alexandra Example</span><p>Text.</p>"
            "</body></html>");
    assert_string_equal(a->author, "Alexandra Example");
    lede_article_free(a);
}

static void test_twitter_card(void **state)
{
    (void)state;
    lede_article *a = run("<html><head><meta name=\"twitter:label1\" content=\"Written by\">"
                          "<meta name=\"twitter:data1\" content=\"Kim Example\">"
                          "<meta name=\"twitter:label2\" content=\"Est. reading time\">"
                          "<meta name=\"twitter:data2\" content=\"3 minutes\"></head>"
                          "<body><h1>Title</h1><p>Text.</p></body></html>");
    assert_string_equal(a->author, "Kim Example");
    assert_string_equal(a->sources.author, "twitter:data");
    lede_article_free(a);
}

static void test_jsonld_author_reference(void **state)
{
    (void)state;
    /* A Yoast graph links the author by @id only. */
    lede_article *a = run(
        "<html><head><script type=\"application/ld+json\">{\"@graph\":["
        "{\"@type\":\"Article\",\"headline\":\"Title\",\"author\":{\"@id\":\"#p1\"}},"
        "{\"@type\":\"Person\",\"@id\":\"#p2\",\"name\":\"Someone Else\"},"
        "{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"Florina Example\"}]}"
        "</script></head><body><h1>Title</h1><p>Text.</p></body></html>");
    assert_string_equal(a->author, "Florina Example");
    assert_string_equal(a->sources.author, "json-ld");
    lede_article_free(a);
}

static void test_byline_lines(void **state)
{
    (void)state;
    /* Block children are lines of their own: a date line after the name
     * does not join it, a lone "By" line gives way to the next one, a
     * one-word section label is passed over. */
    expect_author("<div class=\"byline\"><span>Isabel Example, Rocío Ejemplo</span>"
                  "<div>Hace 2 horas</div></div>",
                  "Isabel Example, Rocío Ejemplo");
    expect_author("<div class=\"byline\"><div>By</div><div>Scott Example</div></div>",
                  "Scott Example");
    expect_author("<div class=\"author\"><h2>Rezept von</h2><div>Zum Profil von "
                  "jesusexample</div></div>",
                  "jesusexample");
    expect_author("<div class=\"author\"><div>Espectáculos</div><div>Juan Ejemplo C.</div></div>",
                  "Juan Ejemplo C.");
    /* A nav marked as byline holds categories. */
    expect_author("<nav class=\"documentByLine\">abgelegt unter: <a>Weltweit</a></nav>", NULL);
    /* "Written and edited by X". */
    expect_author("<p class=\"byline\">Written and edited by Betsy Example</p>", "Betsy Example");
    /* A single character is no name. */
    expect_author("<div class=\"byline\">J</div>", NULL);
}

static void test_site_name_fallback(void **state)
{
    (void)state;
    /* An organisation's page credited to the site itself in an
     * article-level source (JSON-LD author): the site name stands when no
     * person is named (the document-level <meta name="author"> naming
     * the site is a template default and credits no one, see
     * test_author_meta_is_site)... */
    lede_article *a = run("<html><head><meta property=\"og:site_name\" content=\"Example "
                          "Stiftung\"><script type=\"application/ld+json\">{\"@type\":"
                          "\"Article\",\"author\":{\"@type\":\"Organization\",\"name\":"
                          "\"Example Stiftung\"}}</script>"
                          "</head><body><h1>Title</h1><p>Text.</p></body></html>");
    assert_non_null(a->author);
    assert_string_equal(a->author, "Example Stiftung");
    lede_article_free(a);
    /* ...and yields to one. */
    a = run("<html><head><meta property=\"og:site_name\" content=\"Example News\">"
            "<meta name=\"author\" content=\"Example News\"></head><body><h1>Title</h1>"
            "<span class=\"author\">Ursula Example</span><p>Text.</p></body></html>");
    assert_string_equal(a->author, "Ursula Example");
    assert_string_equal(a->sources.author, "byline");
    lede_article_free(a);
    /* An author holding the host's name ("Die Examplezeitung" on
     * examplezeitung.at) is the publication. */
    lede_options opt;
    lede_options_init(&opt);
    const char *html = "<html><head><meta name=\"author\" content=\"Die Examplezeitung\">"
                       "</head><body><h1>Title</h1><span class=\"author\">Jens Example</span>"
                       "<p>Text.</p></body></html>";
    a = lede_extract(html, strlen(html), "https://www.examplezeitung.at/a/b", NULL, &opt, NULL);
    assert_non_null(a);
    assert_string_equal(a->author, "Jens Example");
    lede_article_free(a);
}

static void test_labels_in_text(void **state)
{
    (void)state;
    /* A lower-case user name after an explicit label, closed by the date
     * (Drupal's "submitted" line, itself a byline element now). */
    lede_article *a = run("<html><body><h1>Title</h1><p>Some words of the post body.</p>"
                          "<div class=\"submitted\">Gespeichert von rasos am 24. Juli 2017</div>"
                          "</body></html>");
    assert_string_equal(a->author, "rasos");
    assert_string_equal(a->sources.author, "byline");
    lede_article_free(a);
    a = run("<html><body><h1>Title</h1><p>Some words of the post body.</p>"
            "<div class=\"info\">Gespeichert von rasos am 24. Juli 2017</div>"
            "</body></html>");
    assert_string_equal(a->author, "rasos");
    assert_string_equal(a->sources.author, "text");
    lede_article_free(a);
    /* A numeric date line ending in the name. */
    expect_author("<p class=\"text-muted\">11.12.2019 – Amelie Example</p>", "Amelie Example");
    expect_author("<p>11.12.2019 - drei kleine Wörter</p>", NULL);
    /* "Von:" as a label. */
    a = run("<html><body><h1>Title</h1><p>Some words of the post body.</p>"
            "<div class=\"info\"><b>Von:</b> Klara Example</div></body></html>");
    assert_string_equal(a->author, "Klara Example");
    lede_article_free(a);
}

static void test_looks_person(void **state)
{
    (void)state;
    assert_true(meta_author_looks_person("Stefan Example"));
    assert_true(meta_author_looks_person("Dr. Alexander Example"));
    assert_true(meta_author_looks_person("JUERGEN EXAMPLE"));
    assert_true(meta_author_looks_person("Maria de la Cruz"));
    /* Headings and organisations have the shape, not a given name. */
    assert_false(meta_author_looks_person("Neue Regeln"));
    assert_false(meta_author_looks_person("Deutsche Welle"));
    assert_false(meta_author_looks_person("Martin Example GmbH"));
    assert_false(meta_author_looks_person("Stefan"));
    assert_false(meta_author_looks_person("Stefan Example 2019"));
    assert_false(meta_author_looks_person("Anna und die Anderen im Wald"));
    assert_false(meta_author_looks_person(NULL));
}

/* A signature counts only as the closing line of prose, and only when
 * it is a person's name. */
static void test_signature_line(void **state)
{
    (void)state;
    static const char prose[] =
        "<p>Eine lange Absatz mit genug Text, damit er als Fließtext des Artikels "
        "gilt, und noch ein paar Worte mehr, bis die Grenze von hundertfünfzig "
        "Bytes sicher überschritten ist.</p>";
    char html[4096];
    snprintf(html, sizeof html,
             "<html><body><h1>Titel</h1>%s<p align=\"right\"><em>Denis Example</em></p>"
             "</body></html>", prose);
    lede_article *a = run(html);
    assert_string_equal(a->author, "Denis Example");
    assert_string_equal(a->sources.author, "signature");
    lede_article_free(a);
    /* An emphasised heading closing the text is no signature. */
    snprintf(html, sizeof html,
             "<html><body><h1>Titel</h1>%s<p><strong>Neue Regeln</strong></p>"
             "</body></html>", prose);
    a = run(html);
    assert_null(a->author);
    lede_article_free(a);
    /* An interview's speakers between the answers are no signature. */
    snprintf(html, sizeof html,
             "<html><body><h1>Titel</h1><p><b>Anna Example</b></p>%s<p><b>Peter Example</b>"
             "</p>%s<p><b>Anna Example</b></p></body></html>", prose, prose);
    a = run(html);
    assert_null(a->author);
    lede_article_free(a);
    /* A name with no prose before it (a contact box) is no signature. */
    a = run("<html><body><h1>Titel</h1><div><p><b>Kontakt</b></p>"
            "<p><b>Stefan Example</b></p></div>" "<p>Kurz.</p></body></html>");
    assert_null(a->author);
    lede_article_free(a);
}

/* A lone label names the person in the next text; a label word inside
 * running prose or a role word in a list does not. */
static void test_label_next(void **state)
{
    (void)state;
    expect_author("<div class=\"box\"><p class=\"label\"><strong>By</strong></p>"
                  "<p class=\"full-name\">Todd Example</p></div>",
                  "Todd Example");
    expect_author("<div class=\"credits\"><div>Interview</div><div>SVEN EXAMPLE</div></div>",
                  "SVEN EXAMPLE");
    /* "... a codebase by <a>Name</a>": prose, not a byline. */
    expect_author("<p>Based on <a href=\"/m\">the codebase</a> by <a href=\"/d\">David "
                  "Example</a>.</p>", NULL);
    /* "Name, <span>author</span><br><strong>Name</strong>": a role. */
    expect_author("<p><strong>Anna Example</strong>, <span>author</span><br>"
                  "<strong>David Example</strong></p>", NULL);
}

/* A given name alone is completed only by strict evidence: the Person's
 * own description, or a lone-label byline by the headline. */
static void test_first_name_completed(void **state)
{
    (void)state;
    lede_article *a = run(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"Todd\"}}</script></head><body>"
        "<h1>Title</h1><div><p><strong>By</strong></p><p>Todd Example</p></div>"
        "<p>Some words of text that make a paragraph of the article body.</p></body></html>");
    assert_string_equal(a->author, "Todd Example");
    lede_article_free(a);
    /* The description must open with the name. */
    a = run("<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\","
            "\"author\":{\"@type\":\"Person\",\"name\":\"Ramona\",\"description\":"
            "\"Hier schreibt Ramona Example.\"}}</script></head><body><h1>Title</h1>"
            "<p>Some words of text that make a paragraph of the article body.</p></body></html>");
    assert_string_equal(a->author, "Ramona");
    lede_article_free(a);
}

/* A personal site's owner, when nothing names an author: the site
 * name or the title's last part if a person, or a copyright line that is
 * no photo credit; a person in the title's first part is its subject. */
static void test_site_person(void **state)
{
    (void)state;
    static const char body[] =
        "<h1>Zeit</h1><p>Some words of text that make a paragraph of the article body.</p>";
    char html[1024];
    snprintf(html, sizeof html, "<html><head><meta property=\"og:site_name\" "
             "content=\"Dr. Alexander Example\"></head><body>%s</body></html>", body);
    lede_article *a = run(html);
    assert_string_equal(a->author, "Alexander Example");
    assert_string_equal(a->sources.author, "site-name");
    lede_article_free(a);
    snprintf(html, sizeof html, "<html><head><title>Zeit | Wolfgang Example</title></head>"
             "<body>%s</body></html>", body);
    a = run(html);
    assert_string_equal(a->author, "Wolfgang Example");
    lede_article_free(a);
    snprintf(html, sizeof html, "<html><head><title>Jens Example | Media Agency</title></head>"
             "<body>%s</body></html>", body);
    a = run(html);
    assert_null(a->author);
    lede_article_free(a);
    snprintf(html, sizeof html, "<html><body>%s<div id=\"headImage\"><p>© Marcel Example"
             "</p></div><p>(c) 2006-2008 by Martin Example</p></body></html>", body);
    a = run(html);
    assert_string_equal(a->author, "Martin Example");
    lede_article_free(a);
    snprintf(html, sizeof html, "<html><head><meta property=\"og:site_name\" "
             "content=\"Deutsche Welle\"></head><body>%s<p>© 2021 Example GmbH</p>"
             "</body></html>", body);
    a = run(html);
    assert_true(!a->author || strcmp(a->author, "Deutsche Welle"));
    lede_article_free(a);
}

/* A meta author given with its web address is the site crediting
 * itself: a visible label names the person instead ("Auteur : X", the
 * next label in French spacing ends the name). */
static void test_web_credit_yields(void **state)
{
    (void)state;
    lede_article *a = run(
        "<html><head><meta name=\"author\" content=\"Radio Example (www.radio.example)\">"
        "</head><body><h1>Titre</h1><p>Some words of text that make a paragraph of the "
        "article body.</p><p>Auteur : Kossivi Example </p><p>Edition : M. Example</p>"
        "</body></html>");
    assert_string_equal(a->author, "Kossivi Example");
    lede_article_free(a);
    /* Alone, it is still the author. */
    a = run("<html><head><meta name=\"author\" content=\"Radio Example (www.radio.example)\">"
            "</head><body><h1>Titre</h1><p>Some words of text that make a paragraph of the "
            "article body.</p></body></html>");
    assert_string_equal(a->author, "Radio Example");
    lede_article_free(a);
}

/* A label without a colon inside prose names no one: one word then a
 * lower-case word is a noun ("vom Autor Zutaten für 2"); a date or
 * category tail after it keeps a handle ("Posted by Konstantin on"). */
static void test_prose_labels(void **state)
{
    (void)state;
    expect_author("<p>Mehr vom Autor Zutaten für 2 Portionen und noch mehr.</p>", NULL);
    expect_author("<p>Posted by Nesselsetzer under Just For Fun</p>", "Nesselsetzer");
    expect_author("<p>Posted by Konstantin on October 21, 2019</p>", "Konstantin");
    expect_author("<p>08.12.2022 12 | DIN A4</p>", NULL);
}

/* Cxense's author meta beats a byline element elsewhere in the page. */
static void test_cxense_meta(void **state)
{
    (void)state;
    lede_article *a = run("<html><head><meta property=\"cXenseParse:author\" "
                          "content=\"Lisa Example\"></head><body><h1>T</h1>"
                          "<div class=\"teaser\"><span class=\"author\">Ingo Other</span></div>"
                          "<p>Some words of text that make a paragraph of the article body.</p>"
                          "</body></html>");
    assert_string_equal(a->author, "Lisa Example");
    lede_article_free(a);
}

/* A login yields to the person the page shows with both its parts. */
static void test_login_to_name(void **state)
{
    (void)state;
    static const char head[] =
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"christian.example\"}}</script>"
        "</head><body><h1>Title</h1>";
    char html[1024];
    snprintf(html, sizeof html, "%s<p>Some words of text that make a paragraph of the "
             "article body. (Christian P. Example) +++</p></body></html>", head);
    lede_article *a = run(html);
    assert_string_equal(a->author, "Christian P. Example");
    lede_article_free(a);
    /* Not shown: the login stays as it is. */
    snprintf(html, sizeof html, "%s<p>Some words of text that make a paragraph of the "
             "article body, by Christian alone.</p></body></html>", head);
    a = run(html);
    assert_string_equal(a->author, "christian.example");
    lede_article_free(a);
}

/* Another source listing the chosen author and more people adds them
 * as co-authors; a channel or initials added are no co-author. */
static void test_coauthors(void **state)
{
    (void)state;
    lede_article *a = run(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"Sadhbh Example\"},"
        "\"creator\":[\"Sadhbh Example\",\"Elisabeth Example\"]}</script></head><body>"
        "<h1>T</h1><p>Some words of text that make a paragraph of the article body.</p>"
        "</body></html>");
    assert_int_equal(a->n_authors, 2);
    assert_string_equal(a->author, "Sadhbh Example, Elisabeth Example");
    lede_article_free(a);
    a = run("<html><head><meta name=\"author\" content=\"Tina Example,TK\">"
            "<script type=\"application/ld+json\">{\"@type\":\"Article\","
            "\"author\":{\"@type\":\"Person\",\"name\":\"Tina Example\"}}</script>"
            "</head><body><h1>T</h1><p>Some words of text that make a paragraph of the "
            "article body.</p></body></html>");
    assert_string_equal(a->author, "Tina Example");
    lede_article_free(a);
}

/* A dateline naming an agency credits it when nothing else does; a
 * parenthesis that holds no agency is no credit. */
static void test_dateline(void **state)
{
    (void)state;
    expect_author("<p>Hamburg (dpa/lno) – Trotz eines Gesprächs bleiben die Fronten.</p>",
                  "dpa/lno");
    expect_author("<p>New York (AFP) - The markets fell on Monday.</p>", "AFP");
    expect_author("<p>Altona (Bezirk Mitte) – so die Polizei – blieb es ruhig.</p>", NULL);
}

/* A CMS's empty-field default or a notice label is no name; a source
 * credit ("Źródło: X", "Фото ...") or a quote attribution is no author,
 * in any script's case. */
static void test_placeholders_and_credits(void **state)
{
    (void)state;
    expect_author("<span class=\"author\">publisher</span>", NULL);
    expect_author("<span class=\"author\">Super User</span>", NULL);
    expect_author("<span class=\"author\">ANÓNIMO</span>", NULL);
    expect_author("<span class=\"author\">Werbung, Sponsoring</span>", NULL);
    expect_author("<span class=\"author\">Źródło: Statistikamt</span>", NULL);
    expect_author("<span class=\"author\">Фото из архива</span>", NULL);
    expect_author("<span class=\"author\">Zitat von Beispielnutzer</span>", NULL);
    /* The words inside a name or after it do not count. */
    expect_author("<span class=\"author\">Anna Werbung</span>", "Anna Werbung");
    expect_author("<span class=\"author\">Fuentes Example</span>", "Fuentes Example");
}

/* A contact address glued to the name ends it; an address alone, or a
 * handle's '@', is no name. */
static void test_email_after_name(void **state)
{
    (void)state;
    expect_author("<span class=\"author\">Lena Beispiel info@beispiel-buero.de</span>",
                  "Lena Beispiel");
    expect_author("<span class=\"author\">kontakt@beispiel-buero.de</span>", NULL);
    expect_author("<span class=\"author\">Williams Example @wexample</span>", "Williams Example");
    /* A name shown twice is one name. */
    expect_author("<span class=\"author\">Anna Example Anna Example</span>", "Anna Example");
    expect_author("<span class=\"author\">Anna Anna</span>", "Anna");
}

/* Author of a page whose <meta name="author"> is `meta`, with a site
 * name and an optional byline element. */
static void expect_meta_author(const char *meta, const char *byline, const char *want)
{
    char html[2048];
    snprintf(html, sizeof html,
             "<html><head><meta name=\"author\" content=\"%s\">"
             "<meta property=\"og:site_name\" content=\"Beispiel Zeitung\"></head>"
             "<body><h1>Title</h1>%s<p>Some words of text that make a "
             "paragraph of the article body.</p></body></html>",
             meta, byline);
    check_author(run(html), want);
}

/* The author meta naming the site (a web address, the publisher's
 * address line, the site name) credits no one, not even as a fallback;
 * a person's name there stays, whatever the site is called. */
static void test_author_meta_is_site(void **state)
{
    (void)state;
    expect_meta_author("beispiel-zeitung.de", "", NULL);
    expect_meta_author("BEISPIEL.NET", "", NULL);
    expect_meta_author("Beispiel Zeitung, Hamburg, Germany", "", NULL);
    expect_meta_author("Beispiel Zeitung", "", NULL);
    expect_meta_author("Beispiel Zeitung", "<p>Von Jana Example</p>", "Jana Example");
    /* The site's operator by its legal name (imprint). */
    expect_meta_author("Beispielwerk Energie AG", "", NULL);
    expect_meta_author("Deutsches Beispielinstitut GmbH", "", NULL);
    expect_meta_author("Bundesministerium für Beispiele und Muster", "", NULL);
    expect_meta_author("Eidgenössisches Departement für Beispiele", "", NULL);
    expect_meta_author("Anna Beispiel", "", "Anna Beispiel");
    /* A login is no web address; a person named like the site stays. */
    expect_meta_author("robert.example", "", "robert.example");
    expect_meta_author("Peter Zeitung", "", "Peter Zeitung");
    /* RSS's "address (Name)" form gives the name. */
    expect_meta_author("dana@example.com (Dana Example)", "", "Dana Example");
    /* The site name's words in another order are the site. */
    expect_meta_author("Zeitung Beispiel", "", NULL);
    expect_meta_author("Zeitung Beispiel", "<p>Von Jana Example</p>", "Jana Example");
    /* An author meta equal to DC.publisher yields to a visible byline. */
    check_author(run("<html><head><meta name=\"author\" content=\"Muster Illustrierte\">"
                     "<meta name=\"DC.publisher\" content=\"Muster Illustrierte\"></head>"
                     "<body><h1>Title</h1><span class=\"author\">Text: Ivan Example</span>"
                     "<p>Some words of text that make a paragraph of the article body.</p>"
                     "</body></html>"),
                 "Ivan Example");
}

/* Author found by the page-text label reader in `body`. */
static void expect_text_author(const char *body, const char *want)
{
    char html[2048];
    snprintf(html, sizeof html, "<html><body>%s</body></html>", body);
    check_author(run(html), want);
}

/* Blocks end lines in the page text: a labelled name stops at its
 * block's end, a label ending a menu item names no one, a label alone on
 * its line takes the next line when that is a person's name, and a run
 * of more capitalised words than a name has is a menu. */
static void test_label_block_end(void **state)
{
    (void)state;
    expect_text_author("<h1>T</h1><p>Autoren Anna Beispiel und Jens Muster</p>"
                       "<h2>Downloads</h2><p>Text of the page.</p>",
                       "Anna Beispiel, Jens Muster");
    expect_text_author("<ul><li>Impressum, Autor</li><li>Werbung und Sponsoring</li></ul>"
                       "<h1>T</h1><p>Text of the page.</p>",
                       NULL);
    expect_text_author("<h1>T</h1><dl><dt>Autor</dt><dd>Peter Beispiel</dd>"
                       "<dt>Fotos</dt><dd>Archiv</dd></dl><p>Text of the page.</p>",
                       "Peter Beispiel");
    expect_text_author("<h1>T</h1><ul><li>Autoren</li><li>Newsletter</li></ul>"
                       "<p>Text of the page.</p>",
                       NULL);
    expect_text_author("<h1>T</h1><p>Gespeichert von <span>rasos</span> am 24. Juli 2017</p>"
                       "<p>Text of the page.</p>",
                       "rasos");
    /* A compound ending in a label word describes a person in prose. */
    expect_text_author("<h1>T</h1><p>Mehr zum Thema: <a href=\"/x\">Bestseller-Autor Yuval "
                       "Beispiel</a> Die Digitalisierung und wir</p><p>Text of the page.</p>",
                       NULL);
    expect_text_author("<h1>T</h1><p>Artikel Autoren Lexikon Infografiken Videos Karriere "
                       "Jobs</p><p>Text of the page.</p>",
                       NULL);
}

/* Shapes no name has: a closing '!' or '?', ASCII punctuation first, an
 * unknown "Label: value" field inside. */
static void test_name_shapes(void **state)
{
    (void)state;
    expect_author("<span class=\"author\">Endlich mehr Tempo wagen!</span>", NULL);
    expect_author("<span class=\"author\">Wer hat es erfunden?</span>", NULL);
    expect_author("<span class=\"author\">&amp; Themen</span>", NULL);
    expect_author("<span class=\"author\">Verein: Freunde der Stadtmauer</span>", NULL);
    /* A hashtag opens a topic line: none of its words is a name. */
    expect_author("<span class=\"author\">#Krótko o prawie w Nowej Zelandii i Polsce</span>",
                  NULL);
    /* Quotes around the whole name are dropped, not the name. */
    expect_author("<span class=\"author\">\"Jane Example\"</span>", "Jane Example");
    /* Known labels are still read past. */
    expect_author("<span class=\"author\">Autor: Jan Beispiel</span>", "Jan Beispiel");
}

/* A byline in capitals around a mixed-case name: the tail word in
 * capitals ends the name; a surname in capitals keeps its particle. */
static void test_caps_tail(void **state)
{
    (void)state;
    expect_author("<span class=\"author\">VON Sina Beispiel IN Fashion</span>", "Sina Beispiel");
    expect_author("<span class=\"author\">Von Anna Beispiel AM Montag</span>", "Anna Beispiel");
    expect_author("<span class=\"author\">Par Jean-Marie LE EXEMPLE</span>",
                  "Jean-Marie LE EXEMPLE");
    expect_author("<span class=\"author\">MORITZ BEISPIEL</span>", "MORITZ BEISPIEL");
}

/* Capital initials beside a full name are the affiliation; beside
 * initials, or alone, they are the byline. */
static void test_affiliation_initials(void **state)
{
    (void)state;
    expect_author("<span class=\"author\">Sylvia Beispiel, IFZ</span>", "Sylvia Beispiel");
    expect_author("<span class=\"author\">Jan Beispiel, Eva Muster, NDR</span>",
                  "Jan Beispiel, Eva Muster");
    expect_author("<span class=\"author\">AB, CD</span>", "AB, CD");
    expect_author("<span class=\"author\">Tobi, dpa</span>", "Tobi");
}

/* A JSON-LD author holding a serialised Person is read as that Person;
 * a string that only looks like JSON is no name. */
static void test_jsonld_string_object(void **state)
{
    (void)state;
    lede_article *a = run("<html><head><script type=\"application/ld+json\">{\"@type\":"
                          "\"Article\",\"author\":\"{ \\\"@type\\\":\\\"Person\\\", "
                          "\\\"name\\\":\\\"Alice Example\\\" }\"}</script></head>"
                          "<body><h1>T</h1><p>Text.</p></body></html>");
    assert_non_null(a->author);
    assert_string_equal(a->author, "Alice Example");
    lede_article_free(a);
    a = run("<html><head><script type=\"application/ld+json\">{\"@type\":"
            "\"Article\",\"author\":\"{ broken\"}</script></head>"
            "<body><h1>T</h1><p>Text.</p></body></html>");
    assert_null(a->author);
    lede_article_free(a);
}

/* A place or affiliation word after a comma behind a full name is no
 * co-author; bylines in other languages and scripts lose their label. */
static void test_place_and_labels(void **state)
{
    (void)state;
    expect_author("<span class=\"author\">Von Markus Beispiel, Berlin</span>", "Markus Beispiel");
    expect_author("<span class=\"author\">Von Markus Beispiel, Berlin, und Klaus Muster</span>",
                  "Markus Beispiel, Klaus Muster");
    /* Names of one word each stay: no full name before them. */
    expect_author("<span class=\"author\">Tobi, Anna</span>", "Tobi, Anna");
    expect_author("<span class=\"byline\">Di Marco Esempio</span>", "Marco Esempio");
    /* "Di" before a surname alone is the name's particle. */
    expect_author("<span class=\"byline\">Anna Di Stefano</span>", "Anna Di Stefano");
    expect_author("<span class=\"byline\">Автор: Иван Примеров</span>", "Иван Примеров");
    expect_author("<div class=\"submitted\">Submitted by Tomas Example on Tue, "
                  "03/14/2017</div>", "Tomas Example");
    /* A publication after " for ", a full stop after a surname, a
     * press-release or interview label before the name. */
    expect_author("<p class=\"byline\">By Charles Example for Example Times</p>",
                  "Charles Example");
    expect_author("<p class=\"byline\">Committee for Example Rights</p>",
                  "Committee for Example Rights");
    expect_author("<p class=\"auteur\">Recueilli par Patrick EXEMPLE.</p>", "Patrick EXEMPLE");
    expect_author("<span class=\"author\">Juan Carlos Example C.</span>", "Juan Carlos Example C.");
    expect_author("<span class=\"author\">Pressemitteilung von Katja Beispiel</span>",
                  "Katja Beispiel");
    /* A particle left alone by a cut date is no name. */
    expect_author("<p class=\"signature\">Par Jean Exemple et Marie Modèle, le 3 mars "
                  "2021</p>", "Jean Exemple, Marie Modèle");
}

/* The page text's label reader: a label after an article is a noun of
 * the sentence, a joiner right after the label makes a heading. */
static void test_label_prose(void **state)
{
    (void)state;
    lede_article *a = run("<html><body><h1>Kino</h1><p>Ein Leser schrieb, der Autor "
                          "der Untertitel habe gut gearbeitet.</p></body></html>");
    assert_null(a->author);
    lede_article_free(a);
    a = run("<html><body><h1>Kino</h1><h3>Autoren &amp; Themen</h3><p>Ein Text "
            "über Filme.</p></body></html>");
    assert_null(a->author);
    lede_article_free(a);
    a = run("<html><body><h1>Kino</h1><p>Autor: Peter Beispiel</p><p>Ein Text "
            "über Filme.</p></body></html>");
    assert_non_null(a->author);
    assert_string_equal(a->author, "Peter Beispiel");
    lede_article_free(a);
    a = run("<html><body><h1>Кино</h1><p>Автор: Иван Примеров</p><p>Текст о "
            "фильмах.</p></body></html>");
    assert_non_null(a->author);
    assert_string_equal(a->author, "Иван Примеров");
    lede_article_free(a);
}

/* A JSON-LD Person whose name lists several people is several authors;
 * a plain name stays whole, brackets and " y " included. */
static void test_jsonld_name_list(void **state)
{
    (void)state;
    static const struct {
        const char *name, *want;
        size_t n;
    } cases[] = {
        {"Clara Example, Mehmet Example", "Clara Example, Mehmet Example", 2},
        {"Clara Example and Mehmet Example", "Clara Example, Mehmet Example", 2},
        {"José Ortega y Gasset", "José Ortega y Gasset", 1},
        {"Bruno (Henrique Example) Rodrigues", "Bruno (Henrique Example) Rodrigues", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char html[1024];
        snprintf(html, sizeof html,
                 "<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\","
                 "\"author\":{\"@type\":\"Person\",\"name\":\"%s\"}}</script></head>"
                 "<body><h1>T</h1><p>Text.</p></body></html>",
                 cases[i].name);
        lede_article *a = run(html);
        assert_non_null(a->author);
        assert_string_equal(a->author, cases[i].want);
        assert_int_equal(a->n_authors, cases[i].n);
        lede_article_free(a);
    }
}

static void test_picture_and_role_credits(void **state)
{
    (void)state;
    /* A picture's credit names no author, in any of its shapes. */
    expect_author("<p class=\"byline\">Fotos: Lena Example</p>", NULL);
    expect_author("<div class=\"image-author\">Photograph by Lena Example, Harbour Trust</div>",
                  NULL);
    /* Beside the writer's credit it is dropped, the writer kept. */
    expect_author("<p class=\"byline\">Text: Dana Example, Fotos: Lena Example</p>",
                  "Dana Example");
    /* "Editing by": another role than writing. */
    expect_author("<p class=\"byline\">Reporting by Dana Example; Editing by Tom Example</p>",
                  "Dana Example");
    /* Spanish and Portuguese "Texto:" is a text label. */
    check_author(run("<html><body><h1>Title</h1><p>Texto: Dana Ejemplo</p><p>Some words of "
                     "text that make a paragraph of the article body.</p></body></html>"),
                 "Dana Ejemplo");
}

static void test_jsonld_name_array_contributor(void **state)
{
    (void)state;
    lede_article *a = run("<html><head><script type=\"application/ld+json\">{\"@type\":"
                          "\"NewsArticle\",\"author\":{\"@type\":\"Person\",\"name\":"
                          "[\"Dana Example\",\"Lena Example\"]}}</script></head><body><h1>T"
                          "</h1><p>Some words.</p></body></html>");
    assert_int_equal(a->n_authors, 2);
    assert_string_equal(a->authors[1], "Lena Example");
    lede_article_free(a);
    /* contributor only when no author or creator is given */
    check_author(run("<html><head><script type=\"application/ld+json\">{\"@type\":"
                     "\"NewsArticle\",\"contributor\":{\"@type\":\"Person\",\"name\":"
                     "\"Tom Example\"}}</script></head><body><h1>T</h1><p>Some words.</p>"
                     "</body></html>"),
                 "Tom Example");
    check_author(run("<html><head><script type=\"application/ld+json\">{\"@type\":"
                     "\"NewsArticle\",\"creator\":\"Dana Example\",\"contributor\":"
                     "\"Tom Example\"}</script></head><body><h1>T</h1><p>Some words.</p>"
                     "</body></html>"),
                 "Dana Example");
    /* A label before a form control is the field's ("Von: [____]"). */
    expect_author("<form><span>Von:</span><input type=\"text\" name=\"u\"><div><a>Filter"
                  "</a> <b>Suche</b></div></form>",
                  NULL);
    /* The maker of the site's tools is no author. */
    expect_author("<p>Add-ons &copy; Martin Example of Examplesoft</p>", NULL);
    /* rel=author inside a reader's comment is the commenter's. */
    expect_author("<section class=\"comments\"><div class=\"comment\"><a rel=\"author\" "
                  "href=\"/bob\">Bob Example</a> said so</div></section>",
                  NULL);
}

/* A site named after its owner: the host label spelled by a person's
 * name in the page gives the author; on another host it does not. */
static void test_host_named_owner(void **state)
{
    (void)state;
    const char *html = "<html><body><p class=\"site-description\">Anna Beispiel</p>"
                       "<h1>Notes</h1><p>Some words of text that make a paragraph of "
                       "the article body.</p></body></html>";
    lede_options opt;
    lede_options_init(&opt);
    opt.explain = 1;
    const char *hosts[] = {"https://annabeispiel.example.org/notes/",
                           "https://sprachpunkt.example.org/notes/"};
    for (int k = 0; k < 2; k++) {
        lede_article *a = lede_extract(html, strlen(html), hosts[k], NULL, &opt, NULL);
        assert_non_null(a);
        check_author(a, k ? NULL : "Anna Beispiel");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agencies_dropped_beside_people),
        cmocka_unit_test(test_degrees_months_handles),
        cmocka_unit_test(test_particles_and_glued_labels),
        cmocka_unit_test(test_rejected_candidates),
        cmocka_unit_test(test_weak_names_yield),
        cmocka_unit_test(test_twitter_card),
        cmocka_unit_test(test_jsonld_author_reference),
        cmocka_unit_test(test_byline_lines),
        cmocka_unit_test(test_site_name_fallback),
        cmocka_unit_test(test_labels_in_text),
        cmocka_unit_test(test_glued_following_words),
        cmocka_unit_test(test_webpage_author),
        cmocka_unit_test(test_label_in_long_content),
        cmocka_unit_test(test_looks_person),
        cmocka_unit_test(test_signature_line),
        cmocka_unit_test(test_label_next),
        cmocka_unit_test(test_first_name_completed),
        cmocka_unit_test(test_site_person),
        cmocka_unit_test(test_web_credit_yields),
        cmocka_unit_test(test_prose_labels),
        cmocka_unit_test(test_cxense_meta),
        cmocka_unit_test(test_login_to_name),
        cmocka_unit_test(test_coauthors),
        cmocka_unit_test(test_dateline),
        cmocka_unit_test(test_placeholders_and_credits),
        cmocka_unit_test(test_email_after_name),
        cmocka_unit_test(test_author_meta_is_site),
        cmocka_unit_test(test_label_block_end),
        cmocka_unit_test(test_name_shapes),
        cmocka_unit_test(test_caps_tail),
        cmocka_unit_test(test_affiliation_initials),
        cmocka_unit_test(test_jsonld_string_object),
        cmocka_unit_test(test_place_and_labels),
        cmocka_unit_test(test_label_prose),
        cmocka_unit_test(test_jsonld_name_list),
        cmocka_unit_test(test_picture_and_role_credits),
        cmocka_unit_test(test_jsonld_name_array_contributor),
        cmocka_unit_test(test_host_named_owner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
