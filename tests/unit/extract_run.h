/* extract_run.h - the one way the metadata unit tests extract a small
 * page: explain on (sources are asserted), a fixed reference time
 * (2021-10-01) so relative and future dates do not move with the clock. */
#ifndef LEDE_TEST_EXTRACT_RUN_H
#define LEDE_TEST_EXTRACT_RUN_H

#include <string.h>

#include "lede.h"

#define TEST_REFERENCE_TIME 1633046400LL /* 2021-10-01T00:00:00Z */

static lede_article *run(const char *html, const char *url)
{
    lede_options opt;
    lede_options_init(&opt);
    opt.explain = 1;
    opt.reference_time = TEST_REFERENCE_TIME;
    lede_article *a = lede_extract(html, strlen(html), url, NULL, &opt, NULL);
    assert_non_null(a);
    return a;
}

#endif
