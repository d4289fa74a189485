/* jsonld.c - tolerant parsing of <script type="application/ld+json">.
 *
 * Publishers ship JSON-LD that strict parsers reject: HTML comments or CDATA
 * wrappers around it, JavaScript comments, trailing commas, raw newlines and
 * tabs inside strings, several objects one after the other. We repair those
 * in one linear pass, then let jansson read value after value. Arrays and
 * @graph containers are flattened so metadata.c sees a flat list of objects.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "meta_internal.h"

#define JSONLD_MAX_BYTES (2u << 20) /* bigger scripts are data dumps, skip */
#define JSONLD_MAX_VALUES 16        /* concatenated values read per script */

/* Skip a leading wrapper such as <!-- , <![CDATA[ or //<![CDATA[. */
static const char *skip_wrappers(const char *p, const char *end)
{
    for (;;) {
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (end - p >= 4 && !strncmp(p, "<!--", 4))
            p += 4;
        else if (end - p >= 9 && !strncmp(p, "<![CDATA[", 9))
            p += 9;
        else if (end - p >= 11 && !strncmp(p, "//<![CDATA[", 11))
            p += 11;
        else if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
            while (p < end && *p != '\n')
                p++;
        } else
            return p;
    }
}

/* Second pass, once comments are gone: drop commas that precede a closing
 * bracket (outside strings). In place, linear. */
static size_t drop_trailing_commas(char *b, size_t n)
{
    size_t o = 0;
    int in_str = 0;
    for (size_t i = 0; i < n; i++) {
        char c = b[i];
        if (in_str) {
            if (c == '\\' && i + 1 < n) {
                b[o++] = c;
                b[o++] = b[++i];
                continue;
            }
            if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == ',') {
            size_t q = i + 1;
            while (q < n && isspace((unsigned char)b[q]))
                q++;
            if (q < n && (b[q] == '}' || b[q] == ']'))
                continue;
        }
        b[o++] = c;
    }
    b[o] = '\0';
    return o;
}

/* Repair pass: copy `in` to a new buffer, escaping control characters inside
 * strings and dropping comments and wrapper markers outside strings; then
 * drop_trailing_commas. Linear. */
static char *repair(const char *in, size_t len, size_t *out_len)
{
    char *out = malloc(len + len / 8 + 16);
    size_t cap = len + len / 8 + 16;
    if (!out)
        return NULL;
    size_t o = 0;
    const char *p = skip_wrappers(in, in + len), *end = in + len;
    int in_str = 0;
    while (p < end) {
        if (o + 8 >= cap) {
            cap *= 2;
            char *t = realloc(out, cap);
            if (!t) {
                free(out);
                return NULL;
            }
            out = t;
        }
        unsigned char c = (unsigned char)*p;
        if (in_str) {
            if (c == '\\' && p + 1 < end) {
                /* Keep valid escapes; an invalid one (\' or \x) loses its
                 * backslash. */
                char e = p[1];
                if (strchr("\"\\/bfnrtu", e)) {
                    out[o++] = '\\';
                    out[o++] = e;
                } else {
                    out[o++] = e;
                }
                p += 2;
                continue;
            }
            if (c == '"')
                in_str = 0;
            if (c < 0x20) {
                out[o++] = '\\';
                out[o++] = c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r' : 'n';
                p++;
                continue;
            }
            out[o++] = (char)c;
            p++;
            continue;
        }
        if (c == '"') {
            in_str = 1;
            out[o++] = '"';
            p++;
            continue;
        }
        if (c == '/' && p + 1 < end && p[1] == '/') {
            while (p < end && *p != '\n')
                p++;
            continue;
        }
        if (c == '/' && p + 1 < end && p[1] == '*') {
            const char *q = memmem(p + 2, (size_t)(end - p - 2), "*/", 2);
            p = (q && q < end) ? q + 2 : end;
            continue;
        }
        if (c == '-' && end - p >= 3 && !strncmp(p, "-->", 3)) {
            p += 3;
            continue;
        }
        if (c == ']' && end - p >= 3 && !strncmp(p, "]]>", 3)) {
            p += 3;
            continue;
        }
        if (c == '<' && end - p >= 4 && !strncmp(p, "<!--", 4)) {
            p += 4;
            continue;
        }
        out[o++] = (char)c;
        p++;
    }
    out[o] = '\0';
    *out_len = drop_trailing_commas(out, o);
    return out;
}

static void add_object(meta_scan *s, json_t *v, int depth)
{
    if (!v || depth > 4 || s->n_jsonld >= META_MAX_JSONLD)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) add_object(s, e, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    json_t *graph = json_object_get(v, "@graph");
    if (json_object_get(v, "@type") || !graph) {
        json_incref(v);
        s->jsonld[s->n_jsonld++] = v;
    }
    if (graph)
        add_object(s, graph, depth + 1);
    /* Article objects nested as mainEntity / mainEntityOfPage of a WebPage. */
    json_t *me = json_object_get(v, "mainEntity");
    if (json_is_object(me) && json_object_get(me, "@type"))
        add_object(s, me, depth + 1);
}

void jsonld_parse_into(meta_scan *s, const char *txt, size_t len)
{
    if (len > JSONLD_MAX_BYTES)
        return;
    size_t rl = 0;
    char *r = repair(txt, len, &rl);
    if (!r)
        return;
    size_t off = 0;
    for (int k = 0; k < JSONLD_MAX_VALUES && off < rl; k++) {
        while (off < rl && (isspace((unsigned char)r[off]) || r[off] == ',' ||
                            r[off] == ';'))
            off++;
        if (off >= rl)
            break;
        json_error_t err;
        json_t *v = json_loadb(r + off, rl - off,
                               JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY |
                                   JSON_ALLOW_NUL,
                               &err);
        if (!v) {
            /* Skip to the next object start and try again. */
            const char *q = memchr(r + off + 1, '{', rl - off - 1);
            if (!q)
                break;
            off = (size_t)(q - r);
            continue;
        }
        add_object(s, v, 0);
        json_decref(v);
        if (err.position <= 0)
            break;
        off += (size_t)err.position;
    }
    free(r);
}

int jsonld_type_is(const json_t *o, const char *const *types)
{
    json_t *t = json_object_get(o, "@type");
    if (!t)
        return 0;
    if (json_is_string(t)) {
        const char *v = json_string_value(t);
        const char *slash = strrchr(v, '/');
        if (slash)
            v = slash + 1;
        for (const char *const *k = types; *k; k++)
            if (!strcasecmp(v, *k))
                return 1;
        return 0;
    }
    if (json_is_array(t)) {
        size_t i;
        json_t *e;
        json_array_foreach(t, i, e)
        {
            if (!json_is_string(e))
                continue;
            const char *v = json_string_value(e);
            for (const char *const *k = types; *k; k++)
                if (!strcasecmp(v, *k))
                    return 1;
        }
    }
    return 0;
}

const char *jsonld_str(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    for (int k = 0; k < 3 && v; k++) {
        if (json_is_string(v)) {
            const char *s = json_string_value(v);
            return (s && *s) ? s : NULL;
        }
        if (json_is_array(v)) {
            v = json_array_size(v) ? json_array_get(v, 0) : NULL;
            continue;
        }
        if (json_is_object(v)) {
            json_t *n = json_object_get(v, "@value");
            if (!n)
                n = json_object_get(v, "name");
            if (!n)
                n = json_object_get(v, "url");
            v = n;
            continue;
        }
        return NULL;
    }
    return NULL;
}
