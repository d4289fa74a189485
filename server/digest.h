/* digest.h - SHA-256, for cache keys of posted HTML and for ETags.
 * A cryptographic hash so that a client cannot craft a page whose key
 * collides with another client's cached result. */
#ifndef LEDE_DIGEST_H
#define LEDE_DIGEST_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t total;
    unsigned char buf[64];
    size_t fill;
} digest_ctx;

void digest_init(digest_ctx *c);
void digest_update(digest_ctx *c, const void *data, size_t len);
void digest_final(digest_ctx *c, unsigned char out[32]);
/* One-shot: hex of the first nbytes (<= 32) of SHA-256(data); hex needs 2*nbytes+1. */
void digest_hex(const void *data, size_t len, size_t nbytes, char *hex);

#endif
