/* openapi.c - GET /openapi.yaml: the API description, embedded in the
 * binary at build time (.incbin of the repository's openapi.yaml, path
 * relative to the repository root where make runs the compiler), so the
 * served document always matches the build and needs no file at run time. */
#include "handlers.h"

__asm__(".section .rodata\n"
        ".global lede_openapi_yaml_start\n"
        ".type lede_openapi_yaml_start, @object\n"
        "lede_openapi_yaml_start:\n"
        ".incbin \"openapi.yaml\"\n"
        ".global lede_openapi_yaml_end\n"
        ".type lede_openapi_yaml_end, @object\n"
        "lede_openapi_yaml_end:\n"
        ".byte 0\n"
        ".previous\n");

extern const char lede_openapi_yaml_start[];
extern const char lede_openapi_yaml_end[];

handler_status handle_openapi(http_req *r)
{
    size_t len = (size_t)(lede_openapi_yaml_end - lede_openapi_yaml_start);
    http_reply_set(&r->reply, 200, "application/yaml; charset=utf-8", lede_openapi_yaml_start, len);
    return HANDLER_DONE;
}
