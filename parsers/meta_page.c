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
#include <strings.h>

#include "meta_internal.h"

#define META_MAX_TAGS 30       /* tag clouds are not article tags */
#define META_TAG_MAX_CHARS 50  /* longer is a sentence or a title, not a tag */
#define META_TAG_MAX_DIGITS 4
#define SITE_HOST_LABEL_MIN 3  /* shorter host labels ('co', 'de') name no site */  /* an all-digit tag longer than a year is an id */

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

/* Do two language tags have the same primary subtag ("de-DE", "de")? */
static int lang_same_primary(const char *x, const char *y)
{
    size_t lx = strcspn(x, "-"), ly = strcspn(y, "-");
    return lx == ly && !strncasecmp(x, y, lx);
}

#define META_LANG_DECLS 8 /* declarations compared: a page has 1-4 */

/* The page's own declarations, in priority order: <html lang>, the
 * content-language / og:locale / Dublin Core metas, JSON-LD inLanguage.
 * When they disagree ('en-US' from a theme's <html lang>, 'de_DE' in
 * og:locale), the one the text is written in wins - measured on the
 * corpus: 11 pages disagree, in all 11 the text matches the meta, not
 * <html lang>. When they agree, or the text matches none, the first
 * stands: the page's word beats the detector (Readability reports the
 * markup too). Without any, the text decides (lang_detect). */
void meta_pick_language(lede_ctx *ctx, meta_scan *s, const json_t *art)
{
    lede_article *a = ctx->art;
    char *decl[META_LANG_DECLS];
    const char *src[META_LANG_DECLS];
    size_t n = 0;
    if (s->html_lang && (decl[n] = norm_lang(s->html_lang)))
        src[n++] = "html-lang";
    static const char *const keys[] = {"content-language", "og:locale",
                                       "dc.language", "dc:language",
                                       "language", "inlanguage", NULL};
    for (const char *const *k = keys; *k && n < META_LANG_DECLS - 1; k++) {
        const char *v = meta_get(s, *k);
        if (v && meta_has_letter(v) && (decl[n] = norm_lang(v)))
            src[n++] = meta_src(*k);
    }
    const char *v = art ? jsonld_str(art, "inLanguage") : NULL;
    if (v && n < META_LANG_DECLS && (decl[n] = norm_lang(v)))
        src[n++] = "json-ld";
    size_t pick = 0;
    int conflict = 0;
    for (size_t i = 1; i < n; i++)
        conflict |= !lang_same_primary(decl[0], decl[i]);
    if (conflict) {
        const char *d = lang_detect(s->text.s, s->text.len);
        for (size_t i = 0; d && i < n; i++)
            if (lang_same_primary(decl[i], d)) {
                pick = i;
                break;
            }
    }
    if (n) {
        a->language = decl[pick];
        a->sources.language = src[pick];
        for (size_t i = 0; i < n; i++)
            if (i != pick)
                free(decl[i]);
        return;
    }
    const char *d = lang_detect(s->text.s, s->text.len);
    if (d && (a->language = strdup(d)))
        a->sources.language = "text";
}

/* Separators between a <title>'s headline and its site part. */
static const char *const meta_site_title_seps[] = {
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " // ", NULL};

/* The ASCII letters and digits of s[0..n), lower-cased, into out (cap >=
 * 1, always terminated); returns their count. */
static size_t alnum_lower(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++)
        if (isalnum((unsigned char)s[i]))
            out[o++] = (char)tolower((unsigned char)s[i]);
    out[o] = '\0';
    return o;
}

/* Does the squashed name equal one of the host's labels (not "www" nor
 * the last, the TLD), or the host without "www." and dots ('anarcat' for
 * anarc.at, 'akkurierde' for ak-kurier.de)? */
static int site_matches_host(const char *sq, const char *url)
{
    const char *h = url ? strstr(url, "://") : NULL;
    if (!h || !*sq)
        return 0;
    h += 3;
    size_t hl = strcspn(h, ":/?#");
    if (hl > 4 && !strncasecmp(h, "www.", 4)) {
        h += 4;
        hl -= 4;
    }
    char whole[128];
    alnum_lower(h, hl, whole, sizeof whole);
    if (!strcmp(sq, whole))
        return 1;
    const char *tld = memrchr(h, '.', hl);
    for (const char *p = h; tld && p < tld;) {
        size_t l = strcspn(p, ".");
        char lab[64];
        if (alnum_lower(p, l, lab, sizeof lab) >= SITE_HOST_LABEL_MIN && !strcmp(sq, lab))
            return 1;
        p += l + 1;
    }
    return 0;
}

/* The site part of the <title> ('Wireshark: Besuchte URLs | Antary',
 * 'ADAC | Kindersitz-Test'): its last or first part after a separator,
 * when that part names the page's host. Returns a malloc'd name or NULL. */
static char *site_from_title(const char *title, const char *url)
{
    if (!title || !url)
        return NULL;
    const char *first_end, *last_start;
    if (!meta_title_edges(title, meta_site_title_seps, &first_end, &last_start))
        return NULL;
    const char *parts[2] = {last_start, title};
    size_t lens[2] = {strlen(last_start), (size_t)(first_end - title)};
    for (int i = 0; i < 2; i++) {
        char sq[128];
        char *c = meta_clean(parts[i], lens[i]);
        if (!c)
            continue;
        meta_squash(c, sq, sizeof sq);
        if (site_matches_host(sq, url))
            return c;
        free(c);
    }
    return NULL;
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
    if (v && (a->site_name = meta_clean0(v))) {
        a->sources.site_name = meta_src(k);
        return;
    }
    if ((a->site_name = site_from_title(s->title_tag, ctx->url)))
        a->sources.site_name = "title";
}

/* Substrings of an image URL that mark a site-wide picture (logo,
 * tracking pixel, avatar, placeholder), not the article's. */
static const char *const meta_image_junk[] = {
    "logo", "favicon", "pixel", "1x1", "spacer", "blank.gif", "transparent",
    "placeholder", "default-og", ".ico", "avatar", "gravatar", "/icons/",
    "/sprites/", "noimage", "no-image", "no_image", "nophoto", NULL};
/* Words of the file name itself: 'ms-icon-310x310.png',
 * 'apple-touch-icon.png', 'sprite.png', 'no-image.jpg'. A file name that
 * opens with "default" is a template's fallback ('default-user-image.png',
 * 'defaultPromoCrop.png'); "default" elsewhere in a path is Drupal's
 * sites/default/files, which holds real pictures. */
static const char *const meta_image_name_words[] = {
    "icon", "icons", "sprite", "blank", "dummy", NULL};

/* A candidate URL cleaned and resolved against the page: malloc'd when it
 * is an absolute http(s) URL, else NULL. */
static char *http_url(const lede_ctx *ctx, const char *raw)
{
    char *c = meta_clean0(raw);
    if (!c)
        return NULL;
    char *u = url_resolve(ctx->base_url, c);
    free(c);
    if (u && (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8)))
        return u;
    free(u);
    return NULL;
}

static int bad_image(const char *u)
{
    for (const char *const *b = meta_image_junk; *b; b++)
        if (meta_strcasestr(u, *b))
            return 1;
    size_t end = strcspn(u, "?#");
    size_t start = end;
    while (start > 0 && u[start - 1] != '/')
        start--;
    char name[128];
    size_t n = 0;
    for (size_t i = start; i < end && n + 1 < sizeof name; i++)
        name[n++] = (char)tolower((unsigned char)u[i]);
    name[n] = '\0';
    if (n >= 7 && !memcmp(name, "default", 7))
        return 1;
    if (n > 4 && !strcmp(name + n - 4, ".svg"))
        return 1; /* no share card renders SVG: a logo or an icon */
    for (const char *w = name; *w;) {
        size_t l = 0;
        while (isalpha((unsigned char)w[l]))
            l++;
        if (l) {
            for (const char *const *b = meta_image_name_words; *b; b++)
                if (strlen(*b) == l && !memcmp(w, *b, l))
                    return 1;
            w += l;
        } else {
            w++;
        }
    }
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
        char *u = http_url(ctx, cands[i]);
        if (u) {
            a->image = u;
            a->sources.image = srcs[i];
            return;
        }
    }
}

/* Tag values that are a CMS's placeholder or a navigation label, never a
 * topic: the home link, and WordPress's default category in the languages
 * it ships ("Uncategorized", "Allgemein", "Non classé"...). Compared
 * case-blind with the cleaned tag. */
static const char *const meta_tag_junk[] = {
    "home", "homepage", "startseite", "accueil", "inicio", "início",
    "uncategorized", "uncategorised", "allgemein", "non classé",
    "sin categoría", "senza categoria", "sem categoria", "geen categorie",
    "bez kategorii", "okategoriserade", "ukategorisert", "ukategoriseret",
    "без рубрики", "без категорії", NULL};

/* The tag is the page's title, its site name or a junk label (a template
 * put the title or the site in the keywords), or too long or an all-digit
 * id to be a topic ('104746419'; a year such as '2019' stays). */
static int tag_is_junk(const lede_article *a, const char *c)
{
    size_t chars = 0, digits = 0, len = strlen(c);
    for (const char *q = c; *q; q++) {
        chars += ((unsigned char)*q & 0xC0) != 0x80;
        digits += isdigit((unsigned char)*q) != 0;
    }
    if (chars > META_TAG_MAX_CHARS || (digits == len && len > META_TAG_MAX_DIGITS))
        return 1;
    for (const char *const *j = meta_tag_junk; *j; j++)
        if (!strcasecmp(c, *j))
            return 1;
    char sq[128], other[128];
    meta_squash(c, sq, sizeof sq);
    if (!*sq)
        return 1;
    const char *whole[] = {a->site_name, a->title};
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++) {
        if (!whole[i])
            continue;
        meta_squash(whole[i], other, sizeof other);
        if (!strcmp(sq, other))
            return 1;
    }
    return 0;
}

static void add_tag(lede_article *a, const char *t, size_t n)
{
    if (a->n_tags >= META_MAX_TAGS)
        return;
    char *c = meta_clean(t, n);
    if (!c)
        return;
    if (tag_is_junk(a, c)) {
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

/* A list in one value ("alpha, beta; gamma"): entities are decoded first,
 * so "editor&#39;s picks" is not cut at its ';'. */
static void add_tag_list(lede_article *a, const char *v)
{
    char *c = meta_clean0(v);
    const char *p = c;
    while (p && *p) {
        size_t l = strcspn(p, ",;");
        add_tag(a, p, l);
        p += l;
        if (*p)
            p++;
    }
    free(c);
}

void meta_pick_tags(lede_ctx *ctx, meta_scan *s, const json_t *art)
{
    lede_article *a = ctx->art;
    /* One tag per article:tag meta; a page with one meta holding commas
     * wrote its list there ('Israel,Hamas,CNN'); with several metas, a
     * comma is the tag's own ('Mayer, Marissa'). */
    size_t n_tag_metas = 0;
    for (size_t i = 0; i < s->n_metas; i++)
        n_tag_metas += !strcmp(s->metas[i].key, "article:tag") && s->metas[i].val;
    for (size_t i = 0; i < s->n_metas; i++) {
        if (strcmp(s->metas[i].key, "article:tag") || !s->metas[i].val)
            continue;
        if (n_tag_metas == 1)
            add_tag_list(a, s->metas[i].val);
        else
            add_tag(a, s->metas[i].val, strlen(s->metas[i].val));
    }
    if (a->n_tags) {
        a->sources.tags = "article:tag";
        return;
    }
    if (art) {
        json_t *kw = json_object_get(art, "keywords");
        if (json_is_array(kw) && json_array_size(kw) == 1)
            kw = json_array_get(kw, 0);
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

/* Where a URL's host ends and its path starts ("https://h/p" -> "/p");
 * *host and *hlen receive the host. NULL when there is no "://". */
static const char *url_split(const char *u, const char **host, size_t *hlen)
{
    const char *h = strstr(u, "://");
    if (!h)
        return NULL;
    h += 3;
    size_t l = strcspn(h, "/?#");
    *host = h;
    *hlen = strcspn(h, ":/?#");
    return h + l;
}

/* A canonical URL a CMS got wrong: a host that is no host name
 * ('https://.example.org', empty labels), the page's own URL pasted into
 * the path ('https://h/https%3A/h/story/'), or the site's home page given
 * for a page deeper than it (every page of the site pointing home). */
static int canonical_is_wrong(const char *u, const char *page)
{
    const char *host;
    size_t hl;
    const char *path = url_split(u, &host, &hl);
    if (!path || !hl || host[0] == '.' || host[hl - 1] == '.' ||
        memmem(host, hl, "..", 2))
        return 1;
    /* Percent-encoded only: a web archive's path holds a literal
     * "/http://..." by design. */
    if (meta_strcasestr(path, "/http%3a") || meta_strcasestr(path, "/https%3a"))
        return 1;
    const char *phost;
    size_t phl;
    const char *ppath = page ? url_split(page, &phost, &phl) : NULL;
    if (!ppath)
        return 0;
    int canon_home = (!*path || !strcmp(path, "/"));
    size_t pl = strcspn(ppath, "?#");
    return canon_home && pl > 1; /* the page is below the home page */
}

void meta_pick_canonical(lede_ctx *ctx, meta_scan *s)
{
    lede_article *a = ctx->art;
    const char *cands[2] = {s->canonical, meta_get(s, "og:url")};
    const char *srcs[2] = {"link", "og:url"};
    for (size_t i = 0; i < 2; i++) {
        if (!cands[i])
            continue;
        char *u = http_url(ctx, cands[i]);
        if (u && !canonical_is_wrong(u, ctx->url)) {
            a->canonical_url = u;
            a->sources.canonical_url = srcs[i];
            return;
        }
        free(u);
    }
}
