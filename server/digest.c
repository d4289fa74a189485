/* digest.c - SHA-256 (FIPS 180-4) for ETags of computed results, and
 * SipHash-1-3 (the SipHash paper's construction with one compression and
 * three finalisation rounds, as CPython uses) for keyed cache keys of
 * request bodies: ~1 GB/s against SHA-256's ~100-200 MB/s, which matters
 * because bodies are hashed on the event loop. */
#include <string.h>

#include "digest.h"

static const uint32_t digest_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void digest_block(uint32_t h[8], const unsigned char *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = k + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) +
                      digest_k[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

void digest_init(digest_ctx *c)
{
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, iv, sizeof iv);
    c->total = 0;
    c->fill = 0;
}

void digest_update(digest_ctx *c, const void *data, size_t len)
{
    const unsigned char *p = data;
    c->total += len;
    if (c->fill) {
        size_t take = 64 - c->fill < len ? 64 - c->fill : len;
        memcpy(c->buf + c->fill, p, take);
        c->fill += take;
        p += take;
        len -= take;
        if (c->fill < 64)
            return;
        digest_block(c->h, c->buf);
        c->fill = 0;
    }
    for (; len >= 64; p += 64, len -= 64)
        digest_block(c->h, p);
    memcpy(c->buf, p, len);
    c->fill = len;
}

void digest_final(digest_ctx *c, unsigned char out[32])
{
    uint64_t bits = c->total * 8;
    unsigned char pad = 0x80;
    digest_update(c, &pad, 1);
    unsigned char zero[64] = {0};
    size_t z = (c->fill <= 56) ? 56 - c->fill : 120 - c->fill;
    digest_update(c, zero, z);
    unsigned char lenb[8];
    for (int i = 0; i < 8; i++)
        lenb[i] = (unsigned char)(bits >> (56 - 8 * i));
    digest_update(c, lenb, 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(c->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)c->h[i];
    }
}

void digest_hex(const void *data, size_t len, size_t nbytes, char *hex)
{
    static const char xd[] = "0123456789abcdef";
    digest_ctx c;
    unsigned char out[32];
    digest_init(&c);
    digest_update(&c, data, len);
    digest_final(&c, out);
    if (nbytes > 32)
        nbytes = 32;
    for (size_t i = 0; i < nbytes; i++) {
        hex[2 * i] = xd[out[i] >> 4];
        hex[2 * i + 1] = xd[out[i] & 15];
    }
    hex[2 * nbytes] = 0;
}

#define ROTL64(x, b) (((x) << (b)) | ((x) >> (64 - (b))))

static void sip_round(siphash_ctx *c)
{
    c->v0 += c->v1;
    c->v1 = ROTL64(c->v1, 13);
    c->v1 ^= c->v0;
    c->v0 = ROTL64(c->v0, 32);
    c->v2 += c->v3;
    c->v3 = ROTL64(c->v3, 16);
    c->v3 ^= c->v2;
    c->v0 += c->v3;
    c->v3 = ROTL64(c->v3, 21);
    c->v3 ^= c->v0;
    c->v2 += c->v1;
    c->v1 = ROTL64(c->v1, 17);
    c->v1 ^= c->v2;
    c->v2 = ROTL64(c->v2, 32);
}

static void sip_word(siphash_ctx *c, uint64_t m)
{
    c->v3 ^= m;
    sip_round(c); /* 1 compression round */
    c->v0 ^= m;
}

void siphash_init(siphash_ctx *c, uint64_t k0, uint64_t k1)
{
    c->v0 = k0 ^ 0x736f6d6570736575ULL;
    c->v1 = k1 ^ 0x646f72616e646f6dULL;
    c->v2 = k0 ^ 0x6c7967656e657261ULL;
    c->v3 = k1 ^ 0x7465646279746573ULL;
    c->tail = 0;
    c->ntail = 0;
    c->total = 0;
}

void siphash_update(siphash_ctx *c, const void *data, size_t len)
{
    const unsigned char *p = data;
    c->total += len;
    while (len && c->ntail) { /* finish a pending word */
        c->tail |= (uint64_t)*p++ << (8 * c->ntail);
        len--;
        if (++c->ntail == 8) {
            sip_word(c, c->tail);
            c->tail = 0;
            c->ntail = 0;
        }
    }
    for (; len >= 8; p += 8, len -= 8) {
        uint64_t m = 0; /* little-endian load; compilers make it one mov on x86-64 */
        for (int i = 7; i >= 0; i--)
            m = m << 8 | p[i];
        sip_word(c, m);
    }
    while (len--)
        c->tail |= (uint64_t)*p++ << (8 * c->ntail++);
}

uint64_t siphash_final(const siphash_ctx *in)
{
    siphash_ctx c = *in; /* final does not consume: callers may keep hashing */
    sip_word(&c, c.tail | (c.total & 0xff) << 56);
    c.v2 ^= 0xff;
    for (int i = 0; i < 3; i++) /* 3 finalisation rounds */
        sip_round(&c);
    return c.v0 ^ c.v1 ^ c.v2 ^ c.v3;
}
