/* ratelimit.h - per-client token buckets for the extraction endpoints.
 *
 * Each client address gets a bucket of `burst` tokens refilled at `rate`
 * tokens per second; a request takes one token or is refused with the time
 * until the next one (429 + Retry-After). IPv6 clients are keyed by their
 * /64 (one host usually owns a whole /64, so per-address buckets would be
 * free to multiply). The table is fixed-size: memory does not grow with the
 * number of clients; when it is full the stalest bucket is reused. */
#ifndef LEDE_RATELIMIT_H
#define LEDE_RATELIMIT_H

#include <stddef.h>
#include <stdint.h>

struct sockaddr;
typedef struct ratelimit ratelimit;

/* rate: tokens per second (> 0); burst: bucket size (>= 1); slots: table
 * size (rounded up to a power of two); k0/k1: secret hash keys (so clients
 * cannot aim at one slot). NULL on bad arguments or no memory. */
ratelimit *ratelimit_new(double rate, double burst, size_t slots, uint64_t k0, uint64_t k1);
void ratelimit_free(ratelimit *rl);

/* Take one token for the client at `sa` at monotonic time `now` (seconds).
 * 1 = allowed; 0 = refused, *retry_after gets the seconds until a token is
 * back. Addresses of other families share one bucket. Thread-safe. */
int ratelimit_take(ratelimit *rl, const struct sockaddr *sa, double now, double *retry_after);

#endif
