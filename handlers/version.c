/* version.c - GET /version: lede's version and the library versions it
 * runs with (useful when several replicas run different images). */
#include <stdio.h>
#include <stdlib.h>

#include <curl/curl.h>
#include <jansson.h>
#include <libxml/xmlversion.h>
#include <microhttpd.h>

#include "handlers.h"

handler_status handle_version(http_req *r)
{
    const curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);
    char body[512];
    int n = snprintf(body, sizeof body,
                     "{\"name\":\"lede\",\"version\":\"%s\",\"libraries\":{"
                     "\"libxml2\":\"%s\",\"libmicrohttpd\":\"%s\",\"libcurl\":\"%s\","
                     "\"jansson\":\"%s\"}}\n",
                     lede_version(), LIBXML_DOTTED_VERSION, MHD_get_version(),
                     cv && cv->version ? cv->version : "?", JANSSON_VERSION);
    http_reply_set(&r->reply, 200, "application/json", body, (size_t)n);
    return HANDLER_DONE;
}
