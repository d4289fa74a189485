/* test_json.c - lede_render(): the JSON contract (every field present, null
 * for absent values, never ""), and robustness against a bad string. */
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "lede.h"

static const char *const FIELDS[] = {
    "url", "canonical_url", "title", "author", "authors", "date_published",
    "date_modified", "description", "site_name", "language", "image", "tags",
    "text", "word_count", NULL};

static void test_all_fields_null_when_empty(void **state)
{
    (void)state;
    lede_article *a = calloc(1, sizeof *a);
    a->title = strdup(""); /* empty is absent */
    char *s = lede_render(a, LEDE_FORMAT_JSON, 0);
    assert_non_null(s);
    json_t *o = json_loads(s, 0, NULL);
    assert_non_null(o);
    for (int i = 0; FIELDS[i]; i++)
        assert_non_null(json_object_get(o, FIELDS[i]));
    assert_true(json_is_null(json_object_get(o, "title")));
    assert_true(json_is_array(json_object_get(o, "tags")));
    assert_null(json_object_get(o, "sources")); /* only with explain */
    json_decref(o);
    free(s);
    lede_article_free(a);
}

static void test_invalid_utf8_is_repaired_not_fatal(void **state)
{
    (void)state;
    lede_article *a = calloc(1, sizeof *a);
    a->author = strdup("Name \xe7\x95"); /* cut mid-character */
    a->text = strdup("ok text");
    char *s = lede_render(a, LEDE_FORMAT_JSON, 0);
    assert_non_null(s);
    json_t *o = json_loads(s, 0, NULL);
    assert_non_null(o);
    const char *au = json_string_value(json_object_get(o, "author"));
    assert_non_null(au);
    assert_non_null(strstr(au, "\xef\xbf\xbd")); /* U+FFFD */
    assert_string_equal(json_string_value(json_object_get(o, "text")), "ok text");
    json_decref(o);
    free(s);
    lede_article_free(a);
}

static void test_extract_output_is_valid_json(void **state)
{
    (void)state;
    /* A byline so long that metadata cleaning may cut it, in CJK. */
    char page[16384];
    char byline[4096] = "";
    for (int i = 0; i < 300; i++)
        strcat(byline, "\xe7\x95\x99");
    snprintf(page, sizeof page,
             "<html><head><meta name=author content='%s'><title>t</title></head>"
             "<body><p>%s</p></body></html>", byline, byline);
    lede_error err;
    lede_article *a = lede_extract(page, strlen(page), NULL, NULL, NULL, &err);
    assert_non_null(a);
    char *s = lede_render(a, LEDE_FORMAT_JSON, 1);
    assert_non_null(s);
    json_t *o = json_loads(s, 0, NULL);
    assert_non_null(o);
    json_decref(o);
    free(s);
    lede_article_free(a);
}

int main(void)
{
    lede_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_fields_null_when_empty),
        cmocka_unit_test(test_invalid_utf8_is_repaired_not_fatal),
        cmocka_unit_test(test_extract_output_is_valid_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
