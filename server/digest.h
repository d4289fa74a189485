/* digest.h - hashes: SHA-256 for ETags, and keyed SipHash-1-3 for the
 * cache keys of posted HTML (computed on the event loop as the body
 * arrives, so it must be fast). The SipHash key is random per process: a
 * client cannot craft a body whose key collides with another client's
 * cached result without knowing it. */
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

/* SipHash-1-3 (Aumasson & Bernstein), streaming, 64-bit output. */
typedef struct {
    uint64_t v0, v1, v2, v3;
    uint64_t tail;   /* pending bytes, little-endian */
    size_t ntail;
    uint64_t total;
} siphash_ctx;

void siphash_init(siphash_ctx *c, uint64_t k0, uint64_t k1);
void siphash_update(siphash_ctx *c, const void *data, size_t len);
uint64_t siphash_final(const siphash_ctx *c);

#endif
