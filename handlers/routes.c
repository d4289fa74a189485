/* routes.c - the route table: which path, which methods, which handler.
 * Adding an endpoint = one handler file + one row here + openapi.yaml. */
#include <stdio.h>
#include <string.h>

#include "handlers.h"

const handler_route handler_routes[] = {
    {"/parse", HTTP_POST, "parse", handle_parse_check, handle_parse, 1, 1},
    {"/article", HTTP_GET | HTTP_HEAD, "article", NULL, handle_article, 0, 1},
    {"/healthz", HTTP_GET | HTTP_HEAD, "healthz", NULL, handle_healthz, 0, 0},
    {"/readyz", HTTP_GET | HTTP_HEAD, "readyz", NULL, handle_readyz, 0, 0},
    {"/metrics", HTTP_GET | HTTP_HEAD, "metrics", NULL, handle_metrics, 0, 0},
    {"/openapi.yaml", HTTP_GET | HTTP_HEAD, "openapi", NULL, handle_openapi, 0, 0},
    {"/version", HTTP_GET | HTTP_HEAD, "version", NULL, handle_version, 0, 0},
    {"/", HTTP_GET | HTTP_HEAD, "index", NULL, handle_index, 0, 0},
};
const int handler_nroutes = sizeof handler_routes / sizeof handler_routes[0];

const char *const handler_labels[] = {"parse",   "article", "healthz", "readyz", "metrics",
                                      "openapi", "version", "index",   "other"};
const int handler_nlabels = sizeof handler_labels / sizeof handler_labels[0];

int handler_find(const char *path)
{
    for (int i = 0; i < handler_nroutes; i++)
        if (!strcmp(handler_routes[i].path, path))
            return i;
    return -1;
}

void handler_allow(unsigned methods, char *out, size_t cap)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{HTTP_GET, "GET"}, {HTTP_HEAD, "HEAD"}, {HTTP_POST, "POST"}};
    size_t o = 0;
    out[0] = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (methods & names[i].bit)
            o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%s%s", o ? ", " : "",
                                  names[i].name);
}
