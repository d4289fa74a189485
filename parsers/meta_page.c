/* meta_page.c - the page-level fields of an article: language (markup,
 * else detected from the text by script and stopwords), site name, lead
 * image, tags and canonical URL.
 *
 * Split from metadata.c, which picks the fields about the article's words
 * (title, description) and calls these after them. Each picker reads the
 * candidates meta_scan.c collected in its one DOM walk, in a fixed source
 * priority, and records its source for --explain.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "meta_internal.h"

#define META_MAX_TAGS 30       /* tag clouds are not article tags */

/* ---- language ------------------------------------------------------------ */

/* Stopwords per language (frequent, short, distinctive). */
static const struct {
    const char *lang;
    const char *words; /* space-separated, surrounded by spaces */
} lang_stops[] = {
    {"en", " the and of to is that for with was are this have from not "},
    {"de", " der die und das ist nicht mit den ein eine auf sich von dem zu "},
    {"fr", " le la les et des est une pour dans que qui sur pas du au "},
    {"es", " el la los las que del por una para con es se como más "},
    {"it", " il la che di per una con sono non della del gli come anche "},
    {"pt", " o a que do da em um uma para com não os as dos é "},
    {"nl", " de het een van en is dat op te niet met zijn voor ook "},
    {"pl", " i w na nie się z do że jest to jak po od przez "},
    {"tr", " ve bir bu için ile da de çok olan gibi daha ama "},
    {"ru", " и в не на что с по это как из он но к "},
    {"uk", " і в не на що з як це та до від але є "},
};

static const char *detect_language(const char *text, size_t n)
{
    if (!text || !n)
        return NULL;
    /* Script counts first: CJK, kana, hangul, cyrillic, arabic... */
    size_t kana = 0, han = 0, hangul = 0, cyr = 0, arabic = 0, greek = 0,
           hebrew = 0, latin = 0, uk_letters = 0;
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        unsigned cp;
        size_t l;
        if (c < 0x80) {
            cp = c;
            l = 1;
        } else if ((c & 0xE0) == 0xC0 && i + 1 < n) {
            cp = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
            l = 2;
        } else if ((c & 0xF0) == 0xE0 && i + 2 < n) {
            cp = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
            l = 3;
        } else {
            cp = 0;
            l = 1;
        }
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
            latin++;
        else if (cp >= 0x3040 && cp <= 0x30FF)
            kana++;
        else if (cp >= 0x4E00 && cp <= 0x9FFF)
            han++;
        else if (cp >= 0xAC00 && cp <= 0xD7AF)
            hangul++;
        else if (cp >= 0x400 && cp <= 0x4FF) {
            cyr++;
            if (cp == 0x456 || cp == 0x457 || cp == 0x454 || cp == 0x491 ||
                cp == 0x406 || cp == 0x407 || cp == 0x404)
                uk_letters++;
        } else if (cp >= 0x600 && cp <= 0x6FF)
            arabic++;
        else if (cp >= 0x370 && cp <= 0x3FF)
            greek++;
        else if (cp >= 0x590 && cp <= 0x5FF)
            hebrew++;
        i += l;
    }
    size_t total = latin + kana + han + hangul + cyr + arabic + greek + hebrew;
    if (total < 20)
        return NULL;
    if (kana * 10 > total)
        return "ja";
    if (han * 3 > total)
        return "zh";
    if (hangul * 3 > total)
        return "ko";
    if (arabic * 3 > total)
        return "ar";
    if (greek * 3 > total)
        return "el";
    if (hebrew * 3 > total)
        return "he";
    if (cyr * 3 > total)
        return (uk_letters * 50 > cyr) ? "uk" : "ru";
    /* Latin script: count stopwords. */
    size_t nl = sizeof lang_stops / sizeof lang_stops[0];
    size_t score[16] = {0};
    char word[40];
    size_t wl = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? p[i] : ' ';
        if (c >= 0x80 || isalpha(c)) {
            if (wl + 3 < sizeof word) /* room for the two spaces and NUL */
                word[1 + wl++] = (char)tolower(c);
            continue;
        }
        if (wl) {
            word[0] = ' ';
            word[1 + wl] = ' ';
            word[2 + wl] = '\0';
            for (size_t k = 0; k < nl; k++)
                if (strstr(lang_stops[k].words, word))
                    score[k]++;
            wl = 0;
        }
    }
    size_t best = 0;
    for (size_t k = 1; k < nl; k++)
        if (score[k] > score[best])
            best = k;
    if (score[best] < 5)
        return NULL;
    return lang_stops[best].lang;
}

/* BCP 47's case conventions (RFC 5646 2.1.1), in place: the language and
 * every other subtag lower case, a two-letter region upper case ("de-de" ->
 * "de-DE", "EN" -> "en"), a four-letter script title case ("zh-hant" ->
 * "zh-Hant"). Tags are compared case-blind, but users and downstream code
 * read "pt-br" or "DE" as a broken value. Subtags after a singleton
 * ("x-", "u-") are extensions and only lower-cased. */
static void meta_lang_case(char *c)
{
    int first = 1, ext = 0;
    for (char *q = c; *q;) {
        size_t n = strcspn(q, "-");
        for (size_t i = 0; i < n; i++)
            q[i] = (char)tolower((unsigned char)q[i]);
        if (n == 1)
            ext = 1;
        if (!first && !ext && n == 2 && isalpha((unsigned char)q[0]))
            for (size_t i = 0; i < n; i++)
                q[i] = (char)toupper((unsigned char)q[i]);
        if (!first && !ext && n == 4 && isalpha((unsigned char)q[0]))
            q[0] = (char)toupper((unsigned char)q[0]);
        first = 0;
        q += n;
        if (*q == '-')
            q++;
    }
}

/* Normalise a language value to BCP 47 shape: "en_US" -> "en-US". */
static char *norm_lang(const char *v)
{
    char *c = meta_clean0(v);
    if (!c)
        return NULL;
    /* First tag of a list ("de, en"). */
    char *e = c + strcspn(c, ",; ");
    *e = '\0';
    for (char *q = c; *q; q++)
        if (*q == '_')
            *q = '-';
    size_t l = strlen(c);
    int ok = l >= 2 && l <= 35 && isalpha((unsigned char)c[0]);
    for (char *q = c; *q && ok; q++)
        if (!isalnum((unsigned char)*q) && *q != '-')
            ok = 0;
    if (!ok) {
        free(c);
        return NULL;
    }
    meta_lang_case(c);
    return c;
}

void meta_pick_language(lede_ctx *ctx, meta_scan *s, const json_t *art)
{
    lede_article *a = ctx->art;
    if (s->html_lang && (a->language = norm_lang(s->html_lang))) {
        a->sources.language = "html-lang";
        return;
    }
    static const char *const keys[] = {"content-language", "og:locale",
                                       "dc.language", "dc:language",
                                       "language", "inlanguage", NULL};
    const char *k = NULL;
    const char *v = meta_first(s, keys, &k);
    if (v && (a->language = norm_lang(v))) {
        a->sources.language = meta_src(k);
        return;
    }
    if (art) {
        v = jsonld_str(art, "inLanguage");
        if (v && (a->language = norm_lang(v))) {
            a->sources.language = "json-ld";
            return;
        }
    }
    const char *d = detect_language(s->text.s, s->text.len);
    if (d && (a->language = strdup(d)))
        a->sources.language = "text";
}

void meta_pick_site_name(lede_ctx *ctx, meta_scan *s, const json_t *art)
{
    lede_article *a = ctx->art;
    /* The article's publisher first: it names the publication itself
     * ("Voodoo Engineering" on Medium, "Aktuálně.cz" where og:site_name
     * adds a slogan), as Readability.js reads it too. */
    if (art) {
        json_t *pub = json_object_get(art, "publisher");
        if (json_is_array(pub))
            pub = json_array_get(pub, 0);
        const char *nm = json_is_object(pub) ? jsonld_str(pub, "name") : NULL;
        if (nm && meta_has_letter(nm) && !meta_is_url(nm) &&
            (a->site_name = meta_clean0(nm))) {
            a->sources.site_name = "json-ld";
            return;
        }
    }
    const char *v = meta_get(s, "og:site_name");
    if (v && (a->site_name = meta_clean0(v))) {
        a->sources.site_name = "og:site_name";
        return;
    }
    const json_t *ws = meta_typed_object(s, "WebSite");
    if (ws && (v = jsonld_str(ws, "name")) && (a->site_name = meta_clean0(v))) {
        a->sources.site_name = "json-ld";
        return;
    }
    static const char *const keys[] = {"application-name", "al:android:app_name",
                                       "al:ios:app_name", NULL};
    const char *k = NULL;
    v = meta_first(s, keys, &k);
    if (v && (a->site_name = meta_clean0(v)))
        a->sources.site_name = meta_src(k);
}

static int bad_image(const char *u)
{
    static const char *const bad[] = {"logo", "favicon", "pixel", "1x1",
                                      "spacer", "blank.gif", "transparent",
                                      "placeholder", "default-og", ".ico",
                                      "avatar", "gravatar", NULL};
    for (const char *const *b = bad; *b; b++)
        if (meta_strcasestr(u, *b))
            return 1;
    return 0;
}

void meta_pick_image(lede_ctx *ctx, meta_scan *s, const json_t *art)
{
    lede_article *a = ctx->art;
    const char *cands[8];
    const char *srcs[8];
    size_t n = 0;
    static const char *const keys[] = {"og:image", "og:image:url",
                                       "og:image:secure_url", "twitter:image",
                                       "twitter:image:src", NULL};
    for (const char *const *k = keys; *k && n < 5; k++) {
        const char *v = meta_get(s, *k);
        if (v) {
            cands[n] = v;
            srcs[n++] = (*k)[0] == 'o' ? "og:image" : "twitter:image";
        }
    }
    if (art) {
        const char *v = jsonld_str(art, "image");
        if (v) {
            cands[n] = v;
            srcs[n++] = "json-ld";
        }
    }
    if (s->image_src) {
        cands[n] = s->image_src;
        srcs[n++] = "link";
    }
    for (size_t i = 0; i < n; i++) {
        if (bad_image(cands[i]))
            continue;
        char *c = meta_clean0(cands[i]);
        if (!c)
            continue;
        char *u = url_resolve(ctx->base_url, c);
        free(c);
        if (u && (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8))) {
            a->image = u;
            a->sources.image = srcs[i];
            return;
        }
        free(u);
    }
}

static void add_tag(lede_article *a, const char *t, size_t n)
{
    if (a->n_tags >= META_MAX_TAGS)
        return;
    char *c = meta_clean(t, n);
    if (!c)
        return;
    if (strlen(c) > 60) {
        free(c);
        return;
    }
    for (size_t i = 0; i < a->n_tags; i++)
        if (!strcasecmp(a->tags[i], c)) {
            free(c);
            return;
        }
    if (!a->tags) {
        a->tags = calloc(META_MAX_TAGS, sizeof *a->tags);
        if (!a->tags) {
            free(c);
            return;
        }
    }
    a->tags[a->n_tags++] = c;
}

static void add_tag_list(lede_article *a, const char *v)
{
    const char *p = v;
    while (p && *p) {
        size_t l = strcspn(p, ",;");
        add_tag(a, p, l);
        p += l;
        if (*p)
            p++;
    }
}

void meta_pick_tags(lede_ctx *ctx, meta_scan *s, const json_t *art)
{
    lede_article *a = ctx->art;
    for (size_t i = 0; i < s->n_metas; i++)
        if (!strcmp(s->metas[i].key, "article:tag") && s->metas[i].val)
            add_tag(a, s->metas[i].val, strlen(s->metas[i].val));
    if (a->n_tags) {
        a->sources.tags = "article:tag";
        return;
    }
    if (art) {
        json_t *kw = json_object_get(art, "keywords");
        if (json_is_string(kw))
            add_tag_list(a, json_string_value(kw));
        else if (json_is_array(kw)) {
            size_t i;
            json_t *e;
            json_array_foreach(kw, i, e) if (json_is_string(e))
                add_tag(a, json_string_value(e), strlen(json_string_value(e)));
        }
        if (a->n_tags) {
            a->sources.tags = "json-ld";
            return;
        }
    }
    static const char *const keys[] = {"news_keywords", "parsely-tags", "sailthru.tags",
                                       "keywords", NULL};
    const char *k = NULL;
    const char *v = meta_first(s, keys, &k);
    if (v) {
        add_tag_list(a, v);
        if (a->n_tags) {
            a->sources.tags = meta_src(k);
            return;
        }
    }
    for (size_t i = 0; i < s->rel_tag.n; i++) {
        char *t = meta_node_text(s->rel_tag.v[i].node, 120);
        if (t)
            add_tag(a, t, strlen(t));
        free(t);
    }
    if (a->n_tags)
        a->sources.tags = "rel-tag";
}

void meta_pick_canonical(lede_ctx *ctx, meta_scan *s)
{
    lede_article *a = ctx->art;
    const char *v = s->canonical;
    const char *src = "link";
    if (!v) {
        v = meta_get(s, "og:url");
        src = "og:url";
    }
    if (!v)
        return;
    char *c = meta_clean0(v);
    if (!c)
        return;
    char *u = url_resolve(ctx->base_url, c);
    free(c);
    if (u && (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8))) {
        a->canonical_url = u;
        a->sources.canonical_url = src;
        return;
    }
    free(u);
}
