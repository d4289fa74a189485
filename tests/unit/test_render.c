/* test_render.c - unit tests for render_markdown.c and render_html.c.
 *
 * Each test parses a small HTML snippet, hands its <body> to a renderer
 * directly (no content extraction in between, so the renderers see odd
 * elements and attributes exactly as written) and asserts on the output.
 * The round-trip test renders Markdown back with a real CommonMark
 * implementation (cmark-gfm, else cmark) and compares its words with the
 * plain-text renderer's (render_text.c), so the three renderings agree.
 *
 * The binary doubles as a tool for the browser suite:
 *   test_render --render-html FILE [BASE_URL]
 * prints the sanitized HTML of FILE's <body> (the sanitizer alone, without
 * the content extraction that might drop a hostile vector first).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define BASE "https://example.com/dir/page.html"

typedef struct {
    lede_options opt;
    lede_ctx ctx;
    htmlDocPtr doc;
    xmlNode *body;
} fixture;

static void fx_open(fixture *fx, const char *html, const char *base)
{
    memset(fx, 0, sizeof *fx);
    lede_options_init(&fx->opt);
    fx->doc = dom_parse(html, strlen(html), &fx->opt, NULL);
    assert_non_null(fx->doc);
    xmlNode *r = xmlDocGetRootElement(fx->doc);
    for (xmlNode *c = r ? r->children : NULL; c; c = c->next)
        if (!strcmp(dom_name(c), "body"))
            fx->body = c;
    assert_non_null(fx->body);
    fx->ctx.opt = &fx->opt;
    fx->ctx.doc = fx->doc;
    fx->ctx.base_url = (char *)base;
}

static void fx_close(fixture *fx)
{
    xmlFreeDoc(fx->doc);
}

static char *html_of(const char *snippet)
{
    fixture fx;
    fx_open(&fx, snippet, BASE);
    char *s = render_html(fx.body, &fx.ctx);
    fx_close(&fx);
    assert_non_null(s);
    return s;
}

static char *md_of(const char *snippet)
{
    fixture fx;
    fx_open(&fx, snippet, BASE);
    char *s = render_markdown(fx.body, &fx.ctx);
    fx_close(&fx);
    assert_non_null(s);
    return s;
}

#define assert_contains(hay, needle)                                          \
    do {                                                                      \
        if (!strstr((hay), (needle)))                                         \
            fail_msg("expected %s in:\n%s", (needle), (hay));                 \
    } while (0)
#define assert_lacks(hay, needle)                                             \
    do {                                                                      \
        if (strstr((hay), (needle)))                                          \
            fail_msg("unexpected %s in:\n%s", (needle), (hay));               \
    } while (0)

/* Case-insensitive search (vectors play with case). */
static int has_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (!strncasecmp(p, needle, n))
            return 1;
    return 0;
}

/* ---- sanitized HTML ------------------------------------------------------ */

static void test_html_allowlist(void **state)
{
    (void)state;
    char *s = html_of(
        "<div><h2 id=x class=y style='color:red'>T</h2>"
        "<p onclick=alert(1)>a <b>b</b> <em>c</em> <span>d</span>"
        "<font color=red>e</font></p>"
        "<script>alert(1)</script><style>p{}</style>"
        "<iframe src=//evil.example></iframe><object data=x></object>"
        "<embed src=x><form action=/x><input value=v><button>B</button>"
        "<p>in form</p></form><svg><script>alert(2)</script><text>s</text>"
        "</svg><math><mi>m</mi></math><meta http-equiv=refresh content=0>"
        "<base href=//evil.example/><link rel=stylesheet href=x>"
        "<template><img src=x onerror=alert(3)></template>"
        "<noscript><img src=x onerror=alert(4)></noscript></div>");
    assert_contains(s, "<h2>T</h2>");
    assert_contains(s, "<p>a <b>b</b> <em>c</em> de</p>");
    assert_contains(s, "<p>in form</p>");
    static const char *const bad[] = {"<script", "<style", "<iframe", "<object",
                                      "<embed", "<form", "<input", "<button",
                                      "<svg", "<math", "<meta", "<base", "<link",
                                      "<template", "<noscript", "onclick",
                                      "onerror", "alert", "id=", "class=",
                                      "evil", "style=", "<text", "<mi", NULL};
    for (int i = 0; bad[i]; i++)
        if (has_ci(s, bad[i]))
            fail_msg("found %s in:\n%s", bad[i], s);
    free(s);
}

static void test_html_urls(void **state)
{
    (void)state;
    char *s = html_of(
        "<p><a href='/abs'>1</a> <a href='rel?q=1&amp;r=2'>2</a> "
        "<a href='javascript:alert(1)'>3</a> <a href=' JaVaScRiPt:alert(1)'>4</a>"
        " <a href='java&#x09;script:alert(1)'>5</a> <a href='vbscript:x'>6</a>"
        " <a href='data:text/html,<script>alert(1)</script>'>7</a>"
        " <a href='mailto:a@example.com'>8</a> <a href='#frag'>9</a>"
        " <a href='https://other.example/x y\"z'>10</a>"
        " <img src='data:image/svg+xml;base64,PHN2Zz4=' alt=svg>"
        " <img src='javascript:alert(1)' alt=js>"
        " <blockquote cite='javascript:alert(1)'>q</blockquote></p>");
    assert_contains(s, "<a href=\"https://example.com/abs\" rel=\"noopener noreferrer\">1</a>");
    assert_contains(s, "href=\"https://example.com/dir/rel?q=1&amp;r=2\"");
    assert_contains(s, " 3 ");
    assert_contains(s, " 4 ");
    assert_contains(s, "href=\"mailto:a@example.com\"");
    assert_contains(s, "href=\"https://example.com/dir/page.html#frag\"");
    assert_contains(s, "href=\"https://other.example/x%20y%22z\"");
    assert_false(has_ci(s, "javascript"));
    assert_false(has_ci(s, "vbscript"));
    assert_false(has_ci(s, "data:text"));
    assert_false(has_ci(s, "svg"));
    assert_false(has_ci(s, "alt=\"js\""));
    assert_contains(s, "<blockquote>q</blockquote>");
    free(s);

    /* no base URL: relative links cannot be made absolute, so they go */
    fixture fx;
    fx_open(&fx, "<p><a href='/x'>rel</a> <a href='https://a.example/'>abs</a></p>", NULL);
    s = render_html(fx.body, &fx.ctx);
    fx_close(&fx);
    assert_contains(s, "<p>rel <a href=\"https://a.example/\"");
    free(s);
}

static void test_html_images(void **state)
{
    (void)state;
    char *s = html_of(
        "<p><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' "
        "data-src='/lazy.jpg' alt='Lazy &amp; \"quoted\"' width=100 height='1e9x'>"
        "<img srcset='a.jpg 480w, b,c.jpg 1200w, d.jpg 800w'>"
        "<img data-srcset='x1.jpg 1x, x2.jpg 2x'>"
        "<picture><source srcset='/p.webp 1x'><img alt=pic></picture>"
        "<img src='https://cdn.example/real.png' loading=lazy onload=alert(1)>"
        "<img alt='no source'></p>");
    assert_contains(s, "<img src=\"https://example.com/lazy.jpg\" "
                       "alt=\"Lazy &amp; &quot;quoted&quot;\" width=\"100\">");
    assert_contains(s, "src=\"https://example.com/dir/b,c.jpg\"");
    assert_contains(s, "src=\"https://example.com/dir/x2.jpg\"");
    assert_contains(s, "<img src=\"https://example.com/p.webp\" alt=\"pic\">");
    assert_contains(s, "<img src=\"https://cdn.example/real.png\">");
    assert_lacks(s, "no source");
    assert_lacks(s, "onload");
    assert_lacks(s, "1e9x");
    free(s);

    /* include_images=0 drops them; include_links=0 unwraps links */
    fixture fx;
    fx_open(&fx, "<p><img src=/a.jpg alt=x> <a href=/y>text</a></p>", BASE);
    fx.opt.include_images = 0;
    fx.opt.include_links = 0;
    s = render_html(fx.body, &fx.ctx);
    char *m = render_markdown(fx.body, &fx.ctx);
    fx_close(&fx);
    assert_string_equal(s, "<p> text</p>\n");
    assert_string_equal(m, "text\n");
    free(s);
    free(m);
}

static void test_html_escaping(void **state)
{
    (void)state;
    char *s = html_of("<p title='x'>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; "
                      "&quot;q&quot; <abbr title='&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'>"
                      "A</abbr></p><pre>\n\nfirst line kept\n  indented &lt;x&gt;</pre>");
    assert_contains(s, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; \"q\" "
                       "<abbr title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">A</abbr></p>");
    /* libxml2 keeps the newline after <pre> that browsers drop; written
     * back, the browser drops it again */
    assert_contains(s, "<pre>\n\nfirst line kept\n  indented &lt;x&gt;</pre>");
    free(s);
}

static void test_html_structure(void **state)
{
    (void)state;
    char *s = html_of(
        "<article><section><div><p>one</p></div><div>two <i>i</i></div>"
        "</section><table><tr><th colspan=2 style=x>h</th></tr>"
        "<tr><td rowspan='2x'>c</td></tr></table>"
        "<figure><img src=/f.png alt=f><figcaption>cap</figcaption></figure>"
        "<ol start=3><li value=7>x</li></ol>"
        "<pre><code class='language-c foo'>int x;</code></pre>"
        "<custom-el><p>kept</p></custom-el></article>");
    assert_contains(s, "<p>one</p>");
    assert_contains(s, "<div>two <i>i</i></div>");
    assert_lacks(s, "<section>");
    assert_lacks(s, "<article>");
    assert_contains(s, "<th colspan=\"2\">h</th>");
    assert_contains(s, "<td>c</td>");
    assert_contains(s, "<figcaption>cap</figcaption>");
    assert_contains(s, "<ol start=\"3\"><li value=\"7\">x</li>");
    assert_contains(s, "<code class=\"language-c\">int x;</code>");
    assert_contains(s, "<p>kept</p>");
    assert_lacks(s, "custom");
    free(s);
}

/* Built by hand: dom_parse refuses documents this deep, content trees made
 * by other code might not. Both renderers must walk it without recursion. */
/* libxml2 does not know HTML5 void elements and nests what follows them
 * inside; that content must survive. */
static void test_html5_void_nesting(void **state)
{
    (void)state;
    char *s = html_of("<p>a<wbr>b<source srcset=x>c<track>d<embed src=x>e"
                      "<picture><source srcset=/y.webp><img alt=y></picture>f</p>");
    assert_contains(s, "<p>a<wbr>bcde<img src=\"https://example.com/y.webp\" alt=\"y\">f</p>");
    free(s);
    char *m = md_of("<p>a<wbr>b<source srcset=x>c<track>d<embed src=x>e</p>");
    assert_string_equal(m, "abcde\n");
    free(m);
}

static void test_deep_tree(void **state)
{
    (void)state;
    enum { DEPTH = 100000 };
    xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"div");
    xmlNode *cur = root;
    static const char *const names[] = {"div", "blockquote", "ul", "li", "em", "a", "span", "table", "td"};
    for (int i = 0; i < DEPTH; i++) {
        xmlNode *c = xmlNewChild(cur, NULL, (const xmlChar *)names[i % 9], NULL);
        if (i % 9 == 5)
            xmlNewProp(c, (const xmlChar *)"href", (const xmlChar *)"/x");
        cur = c;
    }
    xmlNodeAddContent(cur, (const xmlChar *)"deep text");
    lede_options opt;
    lede_options_init(&opt);
    lede_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.opt = &opt;
    ctx.base_url = BASE;
    char *h = render_html(root, &ctx);
    char *m = render_markdown(root, &ctx);
    assert_non_null(h);
    assert_non_null(m);
    assert_contains(h, "deep text");
    assert_contains(m, "deep text");
    free(h);
    free(m);
    xmlFreeNode(root);
}

/* ---- Markdown ------------------------------------------------------------- */

static void test_md_blocks(void **state)
{
    (void)state;
    char *s = md_of("<h1>Title</h1><h3>Sub #</h3><p>Para <em>em</em> <strong>st</strong> "
                    "<del>gone</del> <code>x`y</code><br>line two</p><hr><p>end</p>");
    assert_string_equal(s, "# Title\n\n### Sub \\#\n\nPara *em* **st** ~~gone~~ ``x`y``\\\n"
                           "line two\n\n---\n\nend\n");
    free(s);
}

static void test_md_links_images(void **state)
{
    (void)state;
    char *s = md_of("<p><a href='/wiki/Foo_(bar)' title='say \"hi\"'>Foo <b>bar</b></a> "
                    "<a href='javascript:alert(1)'>js</a> <a href='/e'> </a>"
                    "<a href='/img'><img src='/i.png' alt='an [image]'></a> "
                    "<a href='/x y'>sp</a></p>");
    assert_string_equal(s, "[Foo **bar**](https://example.com/wiki/Foo_\\(bar\\) \"say \\\"hi\\\"\") "
                           "js [![an \\[image\\]](https://example.com/i.png)](https://example.com/img) "
                           "[sp](https://example.com/x%20y)\n");
    free(s);
}

/* An empty link first thing in the tree, before any text was buffered
 * (crashed once: the inline buffer was still unallocated). */
static void test_md_empty_link_first(void **state)
{
    (void)state;
    char *s = md_of("<a href='/e'> </a><p>after</p>");
    assert_string_equal(s, "after\n");
    free(s);
    s = md_of("<a href='/e'></a>");
    assert_string_equal(s, "");
    free(s);
}

static void test_md_lists(void **state)
{
    (void)state;
    char *s = md_of("<ul><li>a<ul><li>a1</li><li>a2<ol start=9><li>n9</li><li>n10</li></ol>"
                    "</li></ul></li><li>b</li></ul><ul><li>next list</li></ul>"
                    "<ol><li><p>p1</p><p>p2</p></li><li>q</li></ol>");
    assert_string_equal(s, "- a\n"
                           "  - a1\n"
                           "  - a2\n"
                           "\n"
                           "    9. n9\n"
                           "    10. n10\n"
                           "- b\n"
                           "\n"
                           "* next list\n"
                           "\n"
                           "1. p1\n"
                           "\n"
                           "   p2\n"
                           "2. q\n");
    free(s);
}

static void test_md_quotes_code(void **state)
{
    (void)state;
    char *s = md_of("<blockquote><p>q1</p><blockquote>q2</blockquote>"
                    "<pre><code class='lang-js'>a\n\n```b\n</code></pre></blockquote>"
                    "<pre class='language-c++'>\nint main() {}</pre>");
    assert_string_equal(s, "> q1\n"
                           ">\n"
                           "> > q2\n"
                           ">\n"
                           "> ````js\n"
                           "> a\n"
                           ">\n"
                           "> ```b\n"
                           "> ````\n"
                           "\n"
                           "```c++\n"
                           "int main() {}\n"
                           "```\n");
    free(s);
}

static void test_md_table_figure(void **state)
{
    (void)state;
    char *s = md_of("<table><caption>Cap</caption><thead><tr><th>A</th><th>B|C</th></tr></thead>"
                    "<tbody><tr><td colspan=2>wide <code>a|b</code></td></tr>"
                    "<tr><td><p>x</p><p>y</p></td><td>z<br>w</td><td>extra</td></tr></tbody></table>"
                    "<figure><img src='/f.jpg' alt='F'><figcaption>The <i>caption</i></figcaption></figure>");
    assert_string_equal(s, "Cap\n"
                           "\n"
                           "| A | B\\|C | |\n"
                           "| --- | --- | --- |\n"
                           "| wide `a\\|b` | | |\n"
                           "| x y | z w | extra |\n"
                           "\n"
                           "![F](https://example.com/f.jpg)\n"
                           "\n"
                           "The *caption*\n");
    free(s);
}

static void test_md_escaping(void **state)
{
    (void)state;
    char *s = md_of("<p>1. one</p><p>2) two</p><p>- dash</p><p>+ plus</p><p># hash</p>"
                    "<p>&gt; gt</p><p>===</p><p>a*b*c _d_ snake_case [e](f) `g` &lt;h&gt; "
                    "&amp;copy; AT&amp;T ~s~ \\ back | pipe ! bang</p>"
                    "<p>1986. A year</p><p>    indented</p>");
    assert_string_equal(s, "1\\. one\n\n2\\) two\n\n\\- dash\n\n\\+ plus\n\n\\# hash\n\n"
                           "\\> gt\n\n\\===\n\n"
                           "a\\*b\\*c \\_d\\_ snake_case \\[e\\](f) \\`g\\` \\<h> "
                           "\\&copy; AT&T \\~s\\~ \\\\ back | pipe ! bang\n\n"
                           "1986\\. A year\n\nindented\n");
    free(s);
}

static void test_md_emphasis_flanking(void **state)
{
    (void)state;
    char *s = md_of("<p>a<em>\"q\"</em>b, <em> spaced </em>, <b>end.</b>x, "
                    "<i>ok.</i> y, <em><em>nested</em></em></p>");
    assert_string_equal(s, "a\"q\"b, *spaced* , end.x, *ok.* y, *nested*\n");
    free(s);
}

static void test_md_front_matter(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx, "<p>body</p>", BASE);
    lede_article art;
    memset(&art, 0, sizeof art);
    char *authors[] = {"Ann \"A\" Author", "Bob"};
    char *tags[] = {"x: y"};
    art.title = "Title: with colon";
    art.authors = authors;
    art.n_authors = 2;
    art.author = "Ann \"A\" Author, Bob";
    art.date_published = "2021-09-28";
    art.url = BASE;
    art.tags = tags;
    art.n_tags = 1;
    fx.ctx.art = &art;
    fx.opt.front_matter = 1;
    char *s = render_markdown(fx.body, &fx.ctx);
    fx_close(&fx);
    assert_string_equal(s, "---\n"
                           "title: \"Title: with colon\"\n"
                           "authors:\n"
                           "  - \"Ann \\\"A\\\" Author\"\n"
                           "  - \"Bob\"\n"
                           "date: \"2021-09-28\"\n"
                           "url: \"" BASE "\"\n"
                           "tags:\n"
                           "  - \"x: y\"\n"
                           "---\n"
                           "\n"
                           "body\n");
    free(s);
}

/* ---- round trip through a real CommonMark implementation ----------------- */

/* Words of a text, with table pipes and Markdown-only punctuation left out,
 * joined by single spaces. */
static char *words_of(const char *s)
{
    sbuf b;
    sbuf_init(&b);
    const char *p = s;
    while (*p) {
        while (*p && isspace((unsigned char)*p))
            p++;
        const char *w = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        if (p == w || (p - w == 1 && *w == '|'))
            continue;
        if (b.len)
            sbuf_putc(&b, ' ');
        sbuf_add(&b, w, (size_t)(p - w));
    }
    return sbuf_steal(&b);
}

/* cmark's HTML reduced to text: tags out, entities decoded, block ends as
 * newlines. */
static char *html_to_text(const char *h)
{
    sbuf b;
    sbuf_init(&b);
    for (const char *p = h; *p;) {
        if (*p == '<') {
            const char *e = strchr(p, '>');
            if (!e)
                break;
            static const char *const blocks[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "td", "th", "pre", "blockquote", "hr", "ul", "ol", "table", "thead", "tbody", NULL};
            const char *t = p + 1 + (p[1] == '/');
            size_t tl = strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789");
            for (int i = 0; blocks[i]; i++)
                if (strlen(blocks[i]) == tl && !strncmp(blocks[i], t, tl)) {
                    sbuf_putc(&b, ' ');
                    break;
                }
            p = e + 1;
            continue;
        }
        static const struct {
            const char *ent, *ch;
        } ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                    {"&quot;", "\""}, {"&#39;", "'"}};
        int done = 0;
        for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++) {
            size_t n = strlen(ents[i].ent);
            if (!strncmp(p, ents[i].ent, n)) {
                sbuf_puts(&b, ents[i].ch);
                p += n;
                done = 1;
                break;
            }
        }
        if (!done)
            sbuf_putc(&b, *p++);
    }
    return sbuf_steal(&b);
}

static const char *cmark_cmd(void)
{
    if (access("/usr/bin/cmark-gfm", X_OK) == 0)
        return "cmark-gfm -e table -e strikethrough";
    if (access("/usr/bin/cmark", X_OK) == 0)
        return "cmark";
    return NULL;
}

/* Run cmd with `in` on stdin, return its stdout. */
static char *run_filter(const char *cmd, const char *in)
{
    char tmpl[] = "/tmp/lede-md-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    size_t n = strlen(in);
    assert_int_equal(write(fd, in, n), (ssize_t)n);
    close(fd);
    char full[512];
    snprintf(full, sizeof full, "%s < %s", cmd, tmpl);
    FILE *p = popen(full, "r");
    assert_non_null(p);
    sbuf b;
    sbuf_init(&b);
    char buf[4096];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, p)) > 0)
        sbuf_add(&b, buf, k);
    pclose(p);
    unlink(tmpl);
    return sbuf_steal(&b);
}

/* Figures are left out here on purpose: plain text omits figure captions
 * (they are mostly credits and "without" boilerplate in the benchmarks),
 * while Markdown and HTML keep them; test_md_table_figure covers them. */
static void test_md_roundtrip_cmark(void **state)
{
    (void)state;
    const char *cmd = cmark_cmd();
    if (!cmd) {
        print_message("cmark not installed: round trip skipped\n");
        skip();
    }
    int gfm = strstr(cmd, "gfm") != NULL;
    static const char *const pages[] = {
        "<h2>Heading *with* stars</h2><p>Text with *stars*, _underscores_, "
        "snake_case, [brackets](not a link), `ticks`, &lt;html&gt; &amp;amp; and "
        "1. numbers</p><p>1. starts like a list</p><p>- and a bullet</p>"
        "<p># and a heading</p><p>&gt; and a quote</p>",
        "<p>A <a href='/a_(b)'>link (with) parens</a> and <em>emphasis</em> and "
        "<strong>bold</strong>, a<em>\"quoted\"</em>b, <code>co`de</code>.</p>"
        "<p>Line one<br>line two<br>\\ line three</p>",
        "<ul><li>one<ul><li>nested <b>bold</b></li><li>two</li></ul></li>"
        "<li>three</li></ul><ol start=4><li>four</li><li>five<ol><li>inner</li>"
        "</ol></li></ol><blockquote><p>quoted</p><blockquote><p>deeper</p>"
        "</blockquote></blockquote>",
        "<pre><code class='language-python'>def f(x):\n    return x * 2  # ```\n"
        "</code></pre><p>after</p>",
        "<table><tr><th>Name</th><th>Value</th></tr><tr><td>a|b</td>"
        "<td><em>1</em> and 2</td></tr><tr><td>c</td><td>d</td></tr></table>",
        NULL};
    for (int i = 0; pages[i]; i++) {
        if (!gfm && strstr(pages[i], "<table"))
            continue;
        fixture fx;
        fx_open(&fx, pages[i], BASE);
        char *md = render_markdown(fx.body, &fx.ctx);
        char *text = render_text(fx.body);
        fx_close(&fx);
        assert_non_null(md);
        assert_non_null(text);
        char *html = run_filter(cmd, md);
        char *back = html_to_text(html);
        char *w1 = words_of(back), *w2 = words_of(text);
        if (strcmp(w1, w2))
            fail_msg("round trip differs for page %d\nmarkdown:\n%s\ncmark text: %s\n"
                     "plain text: %s",
                     i, md, w1, w2);
        free(md);
        free(text);
        free(html);
        free(back);
        free(w1);
        free(w2);
    }
}

/* ---- tool mode ------------------------------------------------------------ */

static int render_file(const char *path, const char *base)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    sbuf b;
    sbuf_init(&b);
    char buf[8192];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0)
        sbuf_add(&b, buf, k);
    fclose(f);
    lede_options opt;
    lede_options_init(&opt);
    htmlDocPtr doc = dom_parse(b.s ? b.s : "", b.len, &opt, NULL);
    sbuf_free(&b);
    if (!doc)
        return 1;
    xmlNode *r = xmlDocGetRootElement(doc), *body = r;
    for (xmlNode *c = r ? r->children : NULL; c; c = c->next)
        if (!strcmp(dom_name(c), "body"))
            body = c;
    lede_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.opt = &opt;
    ctx.base_url = (char *)base;
    char *s = body ? render_html(body, &ctx) : strdup("");
    fputs(s ? s : "", stdout);
    free(s);
    xmlFreeDoc(doc);
    return 0;
}

int main(int argc, char **argv)
{
    lede_global_init();
    if (argc >= 3 && !strcmp(argv[1], "--render-html"))
        return render_file(argv[2], argc >= 4 ? argv[3] : BASE);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_allowlist),
        cmocka_unit_test(test_html_urls),
        cmocka_unit_test(test_html_images),
        cmocka_unit_test(test_html_escaping),
        cmocka_unit_test(test_html_structure),
        cmocka_unit_test(test_html5_void_nesting),
        cmocka_unit_test(test_deep_tree),
        cmocka_unit_test(test_md_blocks),
        cmocka_unit_test(test_md_links_images),
        cmocka_unit_test(test_md_empty_link_first),
        cmocka_unit_test(test_md_lists),
        cmocka_unit_test(test_md_quotes_code),
        cmocka_unit_test(test_md_table_figure),
        cmocka_unit_test(test_md_escaping),
        cmocka_unit_test(test_md_emphasis_flanking),
        cmocka_unit_test(test_md_front_matter),
        cmocka_unit_test(test_md_roundtrip_cmark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
