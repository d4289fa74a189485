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
    const char *d = lang_detect(s->text.s, s->text.len);
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

/* The URL of a JSON-LD image value: a string, the first of an array, an
 * ImageObject's url or contentUrl (not its name or caption, which
 * jsonld_str would give), or an {"@id": ...} reference to an ImageObject
 * elsewhere in the page's JSON-LD (Yoast's "#primaryimage"). */
static const char *jsonld_image(const meta_scan *s, const json_t *v)
{
    static const char *const keys[] = {"url", "contentUrl", NULL};
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_string(v))
        return json_string_value(v);
    if (!json_is_object(v))
        return NULL;
    for (int hop = 0; hop < 2; hop++) {
        for (const char *const *k = keys; *k; k++) {
            const json_t *u = json_object_get(v, *k);
            if (json_is_array(u))
                u = json_array_get(u, 0);
            if (json_is_string(u) && json_string_length(u))
                return json_string_value(u);
        }
        const char *id = json_string_value(json_object_get(v, "@id"));
        if (!id)
            return NULL;
        const json_t *ref = NULL;
        for (size_t i = 0; i < s->n_jsonld && !ref; i++) {
            const char *oid = json_string_value(json_object_get(s->jsonld[i], "@id"));
            if (oid && !strcmp(oid, id) && s->jsonld[i] != v)
                ref = s->jsonld[i];
        }
        if (!ref)
            return meta_is_url(id) && !strchr(id, '#') ? id : NULL;
        v = ref;
    }
    return NULL;
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
        const char *v = jsonld_image(s, json_object_get(art, "image"));
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
