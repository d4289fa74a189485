/* ratelimit.c - per-client token buckets (see ratelimit.h).
 *
 * A fixed open-addressing table keyed by a 16-byte client key (IPv4
 * address, or the IPv6 /64 prefix) hashed with keyed SipHash. A lookup
 * probes RL_PROBE slots; a client not found takes an empty slot or, when
 * all probed slots are used, the one seen longest ago (its owner, if it
 * comes back, starts with a full bucket again: the table forgets idle
 * clients first). One mutex: a take is a few dozen instructions, far below
 * the cost of the request it guards. */
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "digest.h"
#include "ratelimit.h"

#define RL_PROBE 8          /* slots tried per lookup: bounded work per request */
#define RL_MIN_SLOTS 64     /* at least a few probe windows */
#define RL_MAX_SLOTS (1u << 22) /* 4M clients x 40 bytes = 160 MB: beyond is a typo */

typedef struct {
    unsigned char key[16];
    double tokens;
    double last;   /* monotonic seconds of the last refill */
    int used;
} rl_slot;

struct ratelimit {
    pthread_mutex_t mu;
    double rate, burst;
    uint64_t k0, k1;
    size_t mask;
    rl_slot *slots;
};

ratelimit *ratelimit_new(double rate, double burst, size_t slots, uint64_t k0, uint64_t k1)
{
    if (!(rate > 0) || !(burst >= 1) || !isfinite(rate) || !isfinite(burst) ||
        slots > RL_MAX_SLOTS)
        return NULL;
    size_t n = RL_MIN_SLOTS;
    while (n < slots)
        n <<= 1;
    ratelimit *rl = calloc(1, sizeof *rl);
    if (!rl)
        return NULL;
    rl->slots = calloc(n, sizeof *rl->slots);
    if (!rl->slots) {
        free(rl);
        return NULL;
    }
    pthread_mutex_init(&rl->mu, NULL);
    rl->rate = rate;
    rl->burst = burst;
    rl->k0 = k0;
    rl->k1 = k1;
    rl->mask = n - 1;
    return rl;
}

void ratelimit_free(ratelimit *rl)
{
    if (!rl)
        return;
    pthread_mutex_destroy(&rl->mu);
    free(rl->slots);
    free(rl);
}

/* IPv4 (also IPv4-mapped IPv6) as ::ffff:a.b.c.d; IPv6 by its /64. */
static void rl_key(const struct sockaddr *sa, unsigned char key[16])
{
    memset(key, 0, 16);
    if (!sa)
        return;
    if (sa->sa_family == AF_INET) {
        key[10] = key[11] = 0xff;
        memcpy(key + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6) {
        const unsigned char *a = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (!memcmp(a, mapped, sizeof mapped))
            memcpy(key, a, 16);
        else
            memcpy(key, a, 8);
    }
}

int ratelimit_take(ratelimit *rl, const struct sockaddr *sa, double now, double *retry_after)
{
    if (retry_after)
        *retry_after = 0;
    if (!rl)
        return 1;
    unsigned char key[16];
    rl_key(sa, key);
    siphash_ctx h;
    siphash_init(&h, rl->k0, rl->k1);
    siphash_update(&h, key, sizeof key);
    size_t start = (size_t)siphash_final(&h);

    pthread_mutex_lock(&rl->mu);
    rl_slot *hit = NULL, *victim = NULL;
    for (size_t i = 0; i < RL_PROBE; i++) {
        rl_slot *s = &rl->slots[(start + i) & rl->mask];
        if (s->used && !memcmp(s->key, key, sizeof key)) {
            hit = s;
            break;
        }
        if (!s->used) {
            if (!victim || victim->used)
                victim = s;
        } else if (!victim || (victim->used && s->last < victim->last)) {
            victim = s;
        }
    }
    if (!hit) {
        hit = victim;
        memcpy(hit->key, key, sizeof key);
        hit->used = 1;
        hit->tokens = rl->burst;
        hit->last = now;
    }
    if (now > hit->last) {
        hit->tokens += (now - hit->last) * rl->rate;
        if (hit->tokens > rl->burst)
            hit->tokens = rl->burst;
        hit->last = now;
    }
    int ok = hit->tokens >= 1.0;
    if (ok)
        hit->tokens -= 1.0;
    else if (retry_after)
        *retry_after = (1.0 - hit->tokens) / rl->rate;
    pthread_mutex_unlock(&rl->mu);
    return ok;
}
