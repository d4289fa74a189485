/* fuzz_extract.c - libFuzzer target for the whole extraction pipeline.
 *
 * Feeds arbitrary bytes to lede_extract() with options picked from the
 * first input byte (explain, comments, Markdown, HTML, modes), then renders
 * every format. Any crash, leak, hang or sanitizer report is a bug: bad
 * input must only ever produce an error value. Run with `make fuzz`
 * (FUZZ_SECONDS=N, default 60); the seed corpus is tests/fixtures. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    lede_global_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lede_options opt;
    lede_options_init(&opt);
    opt.reference_time = 1700000000; /* reproducible relative dates */
    unsigned flags = size ? data[0] : 0;
    opt.explain = flags & 1;
    opt.include_comments = (flags >> 1) & 1;
    opt.want_markdown = (flags >> 2) & 1;
    opt.want_html = (flags >> 3) & 1;
    opt.include_tables = !((flags >> 4) & 1);
    opt.mode = (lede_mode)((flags >> 5) % 3);
    const char *hint = (flags & 0x80) ? "windows-1252" : NULL;
    lede_error err;
    lede_article *a = lede_extract((const char *)data, size,
                                   "https://example.com/news/2021/09/28/story.html",
                                   hint, &opt, &err);
    if (!a)
        return 0;
    for (int f = LEDE_FORMAT_JSON; f <= LEDE_FORMAT_HTML; f++) {
        char *s = lede_render(a, (lede_format)f, f == LEDE_FORMAT_JSON);
        free(s);
    }
    lede_article_free(a);
    return 0;
}
