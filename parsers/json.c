/* json.c - lede_render(): an article as JSON, plain text, Markdown or HTML.
 *
 * The JSON object carries every field of DESIGN.md, in a fixed order, with
 * null (never "") for absent values, so clients can rely on the keys.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"

static json_t *str_or_null(const char *s)
{
    if (!s || !*s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    /* json_string refuses invalid UTF-8. extract.c hands out only valid
     * UTF-8, but an article built elsewhere must not lose the whole answer
     * for one bad byte: text_nfc replaces such bytes with U+FFFD. */
    char *fixed = text_nfc(s, strlen(s));
    j = fixed ? json_string(fixed) : NULL;
    free(fixed);
    return j ? j : json_null();
}

static json_t *list(char **v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        if (v[i] && *v[i])
            json_array_append_new(arr, str_or_null(v[i]));
    return arr;
}

static json_t *sources_json(const lede_sources *s)
{
    json_t *o = json_object();
#define SRC(f) json_object_set_new(o, #f, s->f ? json_string(s->f) : json_null())
    SRC(title);
    SRC(author);
    SRC(date_published);
    SRC(date_modified);
    SRC(description);
    SRC(site_name);
    SRC(language);
    SRC(image);
    SRC(canonical_url);
    SRC(tags);
    SRC(text);
#undef SRC
    return o;
}

static char *render_json(const lede_article *a, int pretty)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "url", str_or_null(a->url));
    json_object_set_new(o, "canonical_url", str_or_null(a->canonical_url));
    json_object_set_new(o, "title", str_or_null(a->title));
    json_object_set_new(o, "author", str_or_null(a->author));
    json_object_set_new(o, "authors", list(a->authors, a->n_authors));
    json_object_set_new(o, "date_published", str_or_null(a->date_published));
    json_object_set_new(o, "date_modified", str_or_null(a->date_modified));
    json_object_set_new(o, "description", str_or_null(a->description));
    json_object_set_new(o, "site_name", str_or_null(a->site_name));
    json_object_set_new(o, "language", str_or_null(a->language));
    json_object_set_new(o, "image", str_or_null(a->image));
    json_object_set_new(o, "tags", list(a->tags, a->n_tags));
    json_object_set_new(o, "page_type", str_or_null(a->page_type));
    json_object_set_new(o, "readerable", json_boolean(a->readerable));
    json_object_set_new(o, "word_count", json_integer((json_int_t)a->word_count));
    json_object_set_new(o, "text", str_or_null(a->text));
    if (a->comments)
        json_object_set_new(o, "comments", str_or_null(a->comments));
    if (a->markdown)
        json_object_set_new(o, "markdown", str_or_null(a->markdown));
    if (a->html)
        json_object_set_new(o, "html", str_or_null(a->html));
    if (a->sources.title || a->sources.text || a->sources.date_published ||
        a->sources.author || a->sources.description || a->sources.language)
        json_object_set_new(o, "sources", sources_json(&a->sources));
    size_t flags = JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0 |
                   (pretty ? JSON_INDENT(2) : JSON_COMPACT);
    char *s = json_dumps(o, flags);
    json_decref(o);
    return s;
}

char *lede_render(const lede_article *a, lede_format fmt, int pretty)
{
    if (!a)
        return NULL;
    switch (fmt) {
    case LEDE_FORMAT_JSON:
        return render_json(a, pretty);
    case LEDE_FORMAT_TEXT:
        return strdup(a->text ? a->text : "");
    case LEDE_FORMAT_MARKDOWN:
        return strdup(a->markdown ? a->markdown : (a->text ? a->text : ""));
    case LEDE_FORMAT_HTML:
        return strdup(a->html ? a->html : "");
    }
    return NULL;
}
