/* test_metadata.c - unit tests of the metadata stage (meta_scan.c,
 * jsonld.c, metadata.c): tolerant JSON-LD, source priority and provenance,
 * title trimming, author clean-up, language, image, tags, canonical URL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meta_internal.h"

#include "extract_run.h"

static void test_jsonld_broken(void **state)
{
    (void)state;
    /* CDATA + comment wrapper, JS comments, trailing commas, raw newline in
     * a string, two objects concatenated, @graph, HTML entity. */
    const char *html =
        "<html><head><script type=\"application/ld+json\">//<![CDATA[\n"
        "{\"@context\":\"https://schema.org\",\"@type\":\"WebSite\",\"name\":\"Site\",}\n"
        "/* second */ {\"@graph\":[{\"@type\":\"NewsArticle\",\"headline\":\"Tom &amp; Jerry\n return\","
        "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},\"Bob Smith\",],"
        "\"keywords\":\"alpha, beta\",\"articleBody\":\"Body text.\"},]}\n//]]></script>"
        "</head><body><p>x</p></body></html>";
    lede_article *a = run(html, NULL);
    assert_string_equal(a->title, "Tom & Jerry return");
    assert_string_equal(a->sources.title, "json-ld");
    assert_string_equal(a->author, "Ann Lee, Bob Smith");
    assert_int_equal(a->n_authors, 2);
    assert_string_equal(a->authors[1], "Bob Smith");
    assert_int_equal(a->n_tags, 2);
    assert_string_equal(a->tags[0], "alpha");
    assert_string_equal(a->site_name, "Site");
    lede_article_free(a);
}

static void test_jsonld_direct(void **state)
{
    (void)state;
    meta_scan s;
    memset(&s, 0, sizeof s);
    const char *txt = "[{\"@type\":[\"Article\",\"Thing\"],\"name\":\"A\"},"
                      "{\"@type\":\"Person\",\"name\":\"P\"}] garbage";
    jsonld_parse_into(&s, txt, strlen(txt));
    assert_int_equal(s.n_jsonld, 2);
    assert_true(jsonld_type_is(s.jsonld[0], meta_article_types));
    assert_false(jsonld_type_is(s.jsonld[1], meta_article_types));
    assert_string_equal(jsonld_str(s.jsonld[0], "name"), "A");
    for (size_t i = 0; i < s.n_jsonld; i++)
        json_decref(s.jsonld[i]);
    /* Unrecoverable JSON: nothing, no crash. */
    memset(&s, 0, sizeof s);
    jsonld_parse_into(&s, "{{{{\"", 5);
    assert_int_equal(s.n_jsonld, 0);
}

static void test_meta_priority(void **state)
{
    (void)state;
    const char *html =
        "<html lang=\"fr-FR\"><head><title>Titre | Le Site</title>"
        "<meta property=\"og:title\" content=\"Le vrai titre\">"
        "<meta name=\"twitter:title\" content=\"Autre\">"
        "<meta property=\"og:site_name\" content=\"Le Site\">"
        "<meta name=\"description\" content=\"  Une   description &amp; plus. \">"
        "<meta property=\"og:image\" content=\"/img/photo.jpg\">"
        "<meta name=\"author\" content=\"Par Jean Dupont\">"
        "<meta property=\"article:tag\" content=\"politique\">"
        "<meta property=\"article:tag\" content=\"europe\">"
        "<link rel=\"canonical\" href=\"/a/b.html\">"
        "</head><body><p>x</p></body></html>";
    lede_article *a = run(html, "https://example.fr/x?y=1");
    assert_string_equal(a->title, "Le vrai titre");
    assert_string_equal(a->sources.title, "og:title");
    assert_string_equal(a->description, "Une description & plus.");
    assert_string_equal(a->site_name, "Le Site");
    assert_string_equal(a->language, "fr-FR");
    assert_string_equal(a->sources.language, "html-lang");
    assert_string_equal(a->image, "https://example.fr/img/photo.jpg");
    assert_string_equal(a->author, "Jean Dupont");
    assert_string_equal(a->sources.author, "author");
    assert_int_equal(a->n_tags, 2);
    assert_string_equal(a->canonical_url, "https://example.fr/a/b.html");
    lede_article_free(a);
}

/* The title lede gives for a page (explain on, reference 2021-10-01). */
static void expect_title(const char *html, const char *url, const char *want)
{
    lede_article *a = run(html, url);
    assert_string_equal(a->title, want);
    lede_article_free(a);
}

static void test_title_trim(void **state)
{
    (void)state;
    expect_title("<html><head><title>Big news today | Example Times</title>"
                 "</head><body><p>x</p></body></html>",
                 "https://www.example.com/x",
                 "Big news today");
    expect_title("<html><head><title>Example - How to bake bread at home</title></head>"
                 "<body><p>x</p></body></html>",
                 "https://example.com/x",
                 "How to bake bread at home");
    /* h1 decides: "Section: Headline" in og:title, the h1 is the headline. */
    lede_article *a = run("<html><head><meta property=\"og:title\" content=\"Klima: Bohren, bis es heiß wird\">"
                          "</head><body><h1>Bohren, bis es heiß wird</h1></body></html>",
                          NULL);
    assert_string_equal(a->title, "Bohren, bis es heiß wird");
    assert_string_equal(a->sources.title, "h1");
    lede_article_free(a);
    /* "@" joins a post to its blog when the site says so; before a place
     * it stays. */
    expect_title("<html><head><title>Herbst im Tal @ Annas Blog :: Bloghost ::</title>"
                 "<meta property=\"og:site_name\" content=\"Annas Blog\"></head>"
                 "<body><p>x</p></body></html>",
                 NULL,
                 "Herbst im Tal");
    expect_title("<html><head><title>Arsenal against Chelsea, the live updates @ Emirates</title>"
                 "</head><body><p>x</p></body></html>",
                 NULL,
                 "Arsenal against Chelsea, the live updates @ Emirates");
    /* After a site that opens the title, one short tail may be the
     * headline's own; two are a trail of sections. */
    expect_title("<html><head><title>Musterstadt - Bayern schlägt Dortmund - 3:1</title></head>"
                 "<body><p>x</p></body></html>",
                 "https://www.musterstadt.example/a",
                 "Bayern schlägt Dortmund - 3:1");
    /* A dash inside a headline is kept when nothing says it is a site. */
    expect_title("<html><head><title>Welpen kaufen – Tipps zu jeder Rasse</title></head>"
                 "<body><p>x</p></body></html>",
                 NULL,
                 "Welpen kaufen – Tipps zu jeder Rasse");
    /* An unknown site before a hierarchy sign goes; a colon joins a
     * headline's own parts and stays. */
    expect_title("<html><head><title>Example Gazette » Budget approved after long debate</title>"
                 "</head><body><p>x</p></body></html>",
                 NULL,
                 "Budget approved after long debate");
    expect_title("<html><head><title>Example Gazette | News | Budget approved after long "
                 "debate</title></head><body><p>x</p></body></html>",
                 NULL,
                 "Budget approved after long debate");
    /* A "by Name" part credits the author; "by" inside a part stays. */
    expect_title("<html><head><title>The quiet economy - by Lena Example - Field Notes</title>"
                 "</head><body><p>x</p></body></html>",
                 NULL,
                 "The quiet economy");
    expect_title("<html><head><title>Notes - by the way</title></head><body><p>x</p></body></html>",
                 NULL,
                 "Notes - by the way");
    /* One sign before a short subtitle joins the headline's parts. */
    expect_title("<html><head><title>Zaubernuss im Winter » Wann blüht sie?</title>"
                 "</head><body><p>x</p></body></html>",
                 NULL,
                 "Zaubernuss im Winter » Wann blüht sie?");
    expect_title("<html><head><title>Review: The new budget is a missed chance</title>"
                 "</head><body><p>x</p></body></html>",
                 NULL,
                 "Review: The new budget is a missed chance");
    /* A title that is the host's name yields to the page's one h1; with
     * several h1s (a home page's carousel) it stays. */
    expect_title("<html><head><title>Example Gazette</title></head><body><h1>Budget "
                 "approved after long debate</h1><p>x</p></body></html>",
                 "https://www.example-gazette.com/news/1",
                 "Budget approved after long debate");
    expect_title("<html><head><title>Example Gazette</title></head><body><h1>Pictures of "
                 "the hills</h1><h1>Pictures of the lakes</h1><p>x</p></body></html>",
                 "https://www.example-gazette.com/",
                 "Example Gazette");
}

static void test_authors(void **state)
{
    (void)state;
    lede_article *a = run("<html><body><h1>T</h1><div class=\"byline\">By John Smith and "
                          "Jane Doe | March 3, 2020</div></body></html>",
                          NULL);
    assert_string_equal(a->author, "John Smith, Jane Doe");
    assert_string_equal(a->sources.author, "byline");
    lede_article_free(a);
    a = run("<html><body><h1>T</h1><span class=\"author\">Von Max Muster am Samstag</span>"
            "</body></html>",
            NULL);
    assert_string_equal(a->author, "Max Muster");
    lede_article_free(a);
    a = run("<html><body><h1>T</h1><p><i>von Daniela Obers</i></p><p>Text of the story "
            "goes on here.</p></body></html>",
            NULL);
    assert_string_equal(a->author, "Daniela Obers");
    assert_string_equal(a->sources.author, "text");
    lede_article_free(a);
    /* A byline ending in a dash, one followed by a month whose day was
     * cut off, a data-testid byline, a blog's own host name kept. */
    a = run("<html><body><h1>T</h1><p class=\"author\">Nicolas Perriault \xe2\x80\x94 "
            "</p></body></html>",
            NULL);
    assert_string_equal(a->author, "Nicolas Perriault");
    lede_article_free(a);
    a = run("<html><body><h1>T</h1><div class=\"byline\">By Steven Musil January 3, "
            "2020</div></body></html>",
            NULL);
    assert_string_equal(a->author, "Steven Musil");
    lede_article_free(a);
    a = run("<html><body><h1>T</h1><div data-testid=\"prism-byline\">J.R. Stone</div>"
            "</body></html>",
            NULL);
    assert_string_equal(a->author, "J.R. Stone");
    lede_article_free(a);
    a = run("<html><body><h1>T</h1><span class=\"author vcard\">von Creeny</span>"
            "</body></html>",
            "https://creeny.blog.example/2020/01/x/");
    assert_string_equal(a->author, "Creeny");
    lede_article_free(a);
    /* A byline word inside the article's date line. */
    a = run("<html><body><h1>T</h1><div class=\"article_meta_info\"><span>| By </span>"
            "<span>Cara Stiles</span> | <span>3 min read</span></div></body></html>",
            NULL);
    assert_string_equal(a->author, "Cara Stiles");
    assert_string_equal(a->sources.author, "byline");
    lede_article_free(a);
    /* Decorations around a byline name, and a comment-form sentence. */
    a = run("<html><body><h1>T</h1><span class=\"author\">~ Cem Basman \xc2\xbb</span>"
            "</body></html>",
            NULL);
    assert_string_equal(a->author, "Cem Basman");
    lede_article_free(a);
    a = run("<html><body><h1>T</h1><span class=\"author\">vom Support Team</span>"
            "</body></html>",
            NULL);
    assert_string_equal(a->author, "Support Team");
    lede_article_free(a);
    a = run("<html><body><h1>T</h1><span class=\"author\">Please enter your name here"
            "</span></body></html>",
            NULL);
    assert_null(a->author);
    lede_article_free(a);
    /* Microdata author with a name child. */
    a = run("<html><body><div itemprop=\"author\" itemscope><span itemprop=\"name\">"
            "Ana Lima</span></div></body></html>",
            NULL);
    assert_string_equal(a->author, "Ana Lima");
    assert_string_equal(a->sources.author, "microdata");
    lede_article_free(a);
    /* An author that is the site itself is only a fallback: kept when the
     * page names nobody else (organisations credit themselves; the
     * document-level <meta name="author"> naming the site credits no one,
     * test_author.c)... */
    a = run("<html><head><meta property=\"article:author\" content=\"Example News\">"
            "<meta property=\"og:site_name\" content=\"Example News\"></head>"
            "<body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->author, "Example News");
    lede_article_free(a);
    /* ...and a person named by a later source wins over it. */
    a = run("<html><head><meta name=\"author\" content=\"Example News\">"
            "<meta property=\"og:site_name\" content=\"Example News\"></head>"
            "<body><h1>A headline</h1><p class=\"byline\">By Jane Roe</p>"
            "<p>x</p></body></html>",
            NULL);
    assert_string_equal(a->author, "Jane Roe");
    lede_article_free(a);
}

static void test_language_detection(void **state)
{
    (void)state;
    lede_article *a = run(
        "<html><body><p>Der Hund und die Katze sind nicht auf dem Dach, das ist eine "
        "Geschichte mit einem Ende, die sich von selbst erzählt und nicht mit den "
        "anderen.</p></body></html>",
        NULL);
    assert_string_equal(a->language, "de");
    assert_string_equal(a->sources.language, "text");
    lede_article_free(a);
    a = run("<html><head><meta property=\"og:locale\" content=\"pt_BR\"></head>"
            "<body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->language, "pt-BR");
    lede_article_free(a);
}

static void test_image_rejects_logo(void **state)
{
    (void)state;
    lede_article *a = run("<html><head><meta property=\"og:image\" content=\"/static/logo.png\">"
                          "<meta name=\"twitter:image\" content=\"https://cdn.x.org/p/1.jpg\">"
                          "</head><body><p>x</p></body></html>",
                          "https://x.org/a");
    assert_string_equal(a->image, "https://cdn.x.org/p/1.jpg");
    assert_string_equal(a->sources.image, "twitter:image");
    lede_article_free(a);
}

static void test_title_h1_parts(void **state)
{
    (void)state;
    /* A kicker element opening the h1 is no part of the headline; the
     * whole h1 still matches the og:title it repeats. */
    lede_article *a = run(
        "<html><head><meta property=\"og:title\" content=\"Wahl: Die Linke legt zu\">"
        "</head><body><h1><span class=\"kicker\">Wahl</span><span class=\"sr-only\">: "
        "</span><span>Die Linke legt zu</span></h1><p>x</p></body></html>",
        NULL);
    assert_string_equal(a->title, "Die Linke legt zu");
    assert_string_equal(a->sources.title, "h1");
    lede_article_free(a);
    /* Headline text before the first element: that element is no kicker. */
    a = run("<html><head><title>Zwei Tore und ein Sieg</title></head><body>"
            "<h1>Zwei Tore <span class=\"label\">und</span> ein Sieg</h1></body></html>",
            NULL);
    assert_string_equal(a->title, "Zwei Tore und ein Sieg");
    lede_article_free(a);
    /* An og:title that only names the site yields to the h1. */
    a = run("<html><head><meta property=\"og:title\" content=\"Muster Blog\">"
            "<meta property=\"og:site_name\" content=\"Muster Blog\"></head>"
            "<body><h1>Wie man Brot backt</h1><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->title, "Wie man Brot backt");
    lede_article_free(a);
    /* Separator signs left at the ends go; a site label in the middle of
     * the title ends it. */
    a = run("<html><head><title>&raquo; Jens Weber | heft.ch | Das Heft</title></head>"
            "<body><p>x</p></body></html>",
            "https://www.heft.ch/a");
    assert_string_equal(a->title, "Jens Weber");
    lede_article_free(a);
    /* A lone dash is no word: "Naturkosmetik –" is no headline. */
    a = run("<html><head><title>Naturkosmetik - doch gesünder? | Stylegart</title></head>"
            "<body><h1>Naturkosmetik –</h1><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->title, "Naturkosmetik - doch gesünder?");
    lede_article_free(a);
    /* After a dash, a short part naming a kind of site is the site; a
     * headline's second half is not. */
    a = run("<html><head><title>Lorem ipsum dolor sit amet – My website</title></head>"
            "<body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->title, "Lorem ipsum dolor sit amet");
    lede_article_free(a);
    a = run("<html><head><title>Welpen kaufen – Tipps zu jeder Rasse</title></head>"
            "<body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->title, "Welpen kaufen – Tipps zu jeder Rasse");
    lede_article_free(a);
    /* The site glued to the title by a '|' without spaces; not by a
     * hyphen, which joins compound words. */
    a = run("<html><head><meta property=\"og:site_name\" content=\"NEWS EASY\">"
            "<meta property=\"og:title\" content=\"NEWS EASY|Schulen bleiben offen\">"
            "</head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->title, "Schulen bleiben offen");
    lede_article_free(a);
    a = run("<html><head><meta property=\"og:site_name\" content=\"Kredit\">"
            "<meta property=\"og:title\" content=\"Kredit-Zinsen: So rechnen Sie\">"
            "</head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->title, "Kredit-Zinsen: So rechnen Sie");
    lede_article_free(a);
    /* An og:title cut at a stray quote: the <title> has it whole. */
    a = run("<html><head><title>Senator calls the plan \"reckless\"</title>"
            "<meta property=\"og:title\" content=\"Senator calls the plan \"reckless\"\">"
            "</head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->title, "Senator calls the plan \"reckless\"");
    lede_article_free(a);
    /* A long host label inside the last part names the site. */
    a = run("<html><head><title>Topathleten fit für München - European Championships "
            "Munich2022</title></head><body><p>x</p></body></html>",
            "https://www.munich2022.com/news/a");
    assert_string_equal(a->title, "Topathleten fit für München");
    lede_article_free(a);
    /* '›' separates a site like '|'. */
    a = run("<html><head><title>Historischer Markt › Verein Wehranlage e.V</title></head>"
            "<body><h1>Historischer Markt</h1><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->title, "Historischer Markt");
    lede_article_free(a);
}

static void test_title_votes(void **state)
{
    (void)state;
    /* A JSON-LD headline nobody else repeats while og:title, <title> and
     * h1 agree belongs to another story. */
    lede_article *a = run(
        "<html><head><title>Fähren bleiben im Hafen - Bote</title>"
        "<meta property=\"og:title\" content=\"Fähren bleiben im Hafen\">"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"headline\":\"Neue Ausgabe am Kiosk\"}</script></head>"
        "<body><h1>Fähren bleiben im Hafen</h1><p>x</p></body></html>",
        NULL);
    assert_string_equal(a->title, "Fähren bleiben im Hafen");
    lede_article_free(a);
    /* ...but one that agrees with the h1 stays (reworded og:title). */
    a = run("<html><head><title>Fähren bleiben im Hafen - Bote</title>"
            "<meta property=\"og:title\" content=\"Fähren bleiben im Hafen\">"
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
            "\"headline\":\"Sturm: Fähren bleiben heute im Hafen\"}</script></head>"
            "<body><h1>Sturm: Fähren bleiben heute im Hafen</h1><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->title, "Sturm: Fähren bleiben heute im Hafen");
    assert_string_equal(a->sources.title, "json-ld");
    lede_article_free(a);
    /* An og:title that is a section name loses to <title> + h1; an
     * og:title that only drops an apostrophe still agrees. */
    a = run("<html><head><title>Verband: Künstlerin gestaltet Titelseite</title>"
            "<meta property=\"og:title\" content=\"Pressemitteilungen\"></head>"
            "<body><h1>Künstlerin gestaltet Titelseite</h1><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->title, "Künstlerin gestaltet Titelseite");
    lede_article_free(a);
    a = run("<html><head><title>How we designed Dropbox ATF: an async task framework</title>"
            "<meta property=\"og:title\" content=\"How we designed Dropbox’s ATF - an async "
            "task framework\"></head><body><h1>How we designed Dropbox ATF: an async task "
            "framework</h1><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->sources.title, "og:title");
    lede_article_free(a);
}

static void test_description_whole(void **state)
{
    (void)state;
    /* A description cut with "..." is completed from another description
     * meta that starts the same way; a cut one without a whole twin stays. */
    lede_article *a = run(
        "<html><head><meta property=\"og:description\" content=\"The island of Redonda "
        "makes an astonishingly quick comeback after the goats were go...\">"
        "<meta name=\"description\" content=\"The island of Redonda makes an "
        "astonishingly quick comeback after the goats were gone.\"></head>"
        "<body><p>x</p></body></html>",
        NULL);
    assert_string_equal(a->description, "The island of Redonda makes an astonishingly quick "
                                        "comeback after the goats were gone.");
    assert_string_equal(a->sources.description, "description");
    lede_article_free(a);
    a = run("<html><head><meta property=\"og:description\" content=\"The island of Redonda "
            "makes an astonishingly quick comeback after the goats were go...\">"
            "<meta name=\"description\" content=\"Islands of the Caribbean.\"></head>"
            "<body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description, "The island of Redonda makes an astonishingly quick "
                                        "comeback after the goats were go...");
    lede_article_free(a);
    /* A JSON-LD description cut mid-word without an ellipsis: the meta
     * that goes on from it to the end of the sentence. */
    a = run("<html><head><meta name=\"description\" content=\"Apple is said to work on its "
            "own batteries for the phones of next year.\"><script type=\"application/ld+json\">"
            "{\"@type\":\"NewsArticle\",\"description\":\"Apple is said to work on its own "
            "batteries for the pho\"}</script></head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description,
                        "Apple is said to work on its own batteries for the phones of next year.");
    assert_string_equal(a->sources.description, "description");
    lede_article_free(a);
    /* A description meta cut inside a word: another that goes on from it
     * byte for byte to a sentence end; one cut after a whole word stays. */
    a = run("<html><head><meta property=\"og:description\" content=\"Apple is said to "
            "work on its own batteries for the pho\"><meta name=\"description\" "
            "content=\"Apple is said to work on its own batteries for the phones of next "
            "year.\"></head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description,
                        "Apple is said to work on its own batteries for the phones of next year.");
    lede_article_free(a);
    a = run("<html><head><meta property=\"og:description\" content=\"Apple is said to "
            "work on its own batteries for the\"><meta name=\"description\" "
            "content=\"Apple is said to work on its own batteries for the phones of next "
            "year.\"></head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description, "Apple is said to work on its own batteries for the");
    assert_string_equal(a->sources.description, "og:description");
    lede_article_free(a);
    /* Quotes wrapping the whole summary go; inner quotes stay. */
    a = run("<html><head><meta property=\"og:description\" content=\"&quot;\nThis classic "
            "cake boasts all the fruity goodness of the original.&quot;\"></head>"
            "<body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description,
                        "This classic cake boasts all the fruity goodness of the original.");
    lede_article_free(a);
    a = run("<html><head><meta property=\"og:description\" content=\"“Yes”, she said, "
            "“we will open the new school in May.”\"></head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description, "“Yes”, she said, “we will open the new school in May.”");
    lede_article_free(a);
    /* A summary printed twice by its template is kept once. */
    a = run("<html><head><meta name=\"dc.description\" content=\"FAST detects fast radio "
            "bursts and pulsars. FAST detects fast radio bursts and pulsars.\"></head>"
            "<body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description, "FAST detects fast radio bursts and pulsars.");
    lede_article_free(a);
}

static void test_description_label(void **state)
{
    (void)state;
    /* The site's name as og:description, or a short label holding its
     * domain, yields to the next description meta. */
    lede_article *a = run(
        "<html><head><meta property=\"og:site_name\" content=\"Raptastic\">"
        "<meta property=\"og:description\" content=\"Raptastic\">"
        "<meta name=\"description\" content=\"A new diss track names three legends.\">"
        "</head><body><p>x</p></body></html>",
        "https://raptastic.example/news/1");
    assert_string_equal(a->description, "A new diss track names three legends.");
    assert_string_equal(a->sources.description, "description");
    lede_article_free(a);
    a = run("<html><head><meta property=\"og:description\" content=\"++ lokal.example "
            "Blaulicht ++\"><meta name=\"twitter:description\" content=\"Die Polizei "
            "sucht Zeugen eines Unfalls an der B53.\"></head><body><p>x</p></body></html>",
            "https://www.lokal.example/a/1");
    assert_string_equal(a->description, "Die Polizei sucht Zeugen eines Unfalls an der B53.");
    lede_article_free(a);
    /* A short summary that mentions neither is kept, as is the site's
     * name with more words but no domain. */
    a = run("<html><head><meta property=\"og:site_name\" content=\"Creative Commons\">"
            "<meta property=\"og:description\" content=\"Creative Commons Team Switzerland\">"
            "<meta name=\"description\" content=\"Lizenzen und Urheberrecht\">"
            "</head><body><p>x</p></body></html>",
            "https://creativecommons.example/wie");
    assert_string_equal(a->description, "Creative Commons Team Switzerland");
    lede_article_free(a);
    /* A byline alone is no summary; a sentence opening with "By" is. */
    a = run("<html><head><meta property=\"og:description\" content=\"By Jane Roe\">"
            "<meta name=\"description\" content=\"The council votes on the budget.\">"
            "</head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description, "The council votes on the budget.");
    lede_article_free(a);
    a = run("<html><head><meta property=\"og:description\" content=\"By noon the river "
            "had risen.\"></head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description, "By noon the river had risen.");
    lede_article_free(a);
    /* A call to read on is no summary either. */
    a = run("<html><head><meta property=\"og:description\" content=\"Read more\">"
            "<meta name=\"description\" content=\"The council votes on the budget.\">"
            "</head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description, "The council votes on the budget.");
    lede_article_free(a);
    /* A date stamp opening the summary goes; a year that starts a
     * sentence is no stamp. */
    a = run("<html><head><meta property=\"og:description\" content=\"31. August 2021. "
            "Dragqueens sind Kunstfiguren aus Make-Up und Glitter, auf Partys und in "
            "Shows.\"></head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description, "Dragqueens sind Kunstfiguren aus Make-Up und Glitter, "
                                        "auf Partys und in Shows.");
    lede_article_free(a);
    a = run("<html><head><meta property=\"og:description\" content=\"2021 war ein gutes "
            "Jahr für die Bienen in unserem Garten.\"></head><body><p>x</p></body></html>",
            NULL);
    assert_string_equal(a->description, "2021 war ein gutes Jahr für die Bienen in unserem Garten.");
    lede_article_free(a);
}

static void test_clean(void **state)
{
    (void)state;
    char *c = meta_clean(" a&nbsp;&nbsp;b &#233;&#x263A; <b>c</b>\n", 40);
    assert_string_equal(c, "a b é☺ c");
    free(c);
    assert_null(meta_clean("   ", 3));
    /* A line break between Chinese or Japanese characters joins them; a
     * space stays, and so does a break between Latin or Hangul words. */
    const char *ja = "\xe3\x81\x97\xe3\x81\x9f\xe3\x80\x82\n  \xe6\x9c\x80\xe8\xbf\x91";
    c = meta_clean(ja, strlen(ja));
    assert_string_equal(c, "\xe3\x81\x97\xe3\x81\x9f\xe3\x80\x82\xe6\x9c\x80\xe8\xbf\x91");
    free(c);
    const char *sp = "\xe6\xbc\xa2 \xe5\xad\x97";
    c = meta_clean(sp, strlen(sp));
    assert_string_equal(c, "\xe6\xbc\xa2 \xe5\xad\x97");
    free(c);
    c = meta_clean("Hello\nworld", 11);
    assert_string_equal(c, "Hello world");
    free(c);
    const char *ko = "\xed\x95\x9c\xea\xb5\xad\n\xec\x96\xb4";
    c = meta_clean(ko, strlen(ko));
    assert_string_equal(c, "\xed\x95\x9c\xea\xb5\xad \xec\x96\xb4");
    free(c);
    /* Numeric references to C1 codes are the Windows-1252 signs; other
     * controls are dropped; a NUL reference is the replacement sign. */
    c = meta_clean("It&#146;s &#150; 5&#128;", 24);
    assert_string_equal(c, "It\xe2\x80\x99s \xe2\x80\x93 5\xe2\x82\xac");
    free(c);
    c = meta_clean("Sorgen &#8;x&#127;&#129;y", 25);
    assert_string_equal(c, "Sorgen xy");
    free(c);
    c = meta_clean("a&#0;b", 6);
    assert_string_equal(c, "a\xef\xbf\xbd" "b");
    free(c);
}

int main(void)
{
    lede_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonld_broken),  cmocka_unit_test(test_jsonld_direct),
        cmocka_unit_test(test_meta_priority),  cmocka_unit_test(test_title_trim),
        cmocka_unit_test(test_authors),        cmocka_unit_test(test_language_detection),
        cmocka_unit_test(test_image_rejects_logo), cmocka_unit_test(test_clean),
        cmocka_unit_test(test_title_h1_parts), cmocka_unit_test(test_description_whole),
        cmocka_unit_test(test_title_votes),    cmocka_unit_test(test_description_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
