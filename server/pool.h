/* pool.h - fixed worker threads fed by a bounded FIFO of jobs.
 *
 * The event loop never waits for a free slot: it reserves one with
 * pool_reserve() (fails at once when the queue is full, so the caller can
 * answer 503), does what must happen before the job may run (suspend the
 * connection), then hands the job over with pool_submit(), which cannot
 * fail after a successful reservation. */
#ifndef LEDE_POOL_H
#define LEDE_POOL_H

#include <stddef.h>

typedef struct pool pool;
typedef void (*pool_fn)(void *arg);

/* threads >= 1 workers, capacity >= 1 queued jobs (running ones excluded). */
pool *pool_new(int threads, int capacity);
/* 0 and a slot held, or -1 when the queue is full (or the pool stopping). */
int pool_reserve(pool *p);
/* Give back a reservation that will not be used. */
void pool_unreserve(pool *p);
/* Queue a job on a reserved slot. */
void pool_submit(pool *p, pool_fn fn, void *arg);
/* Jobs waiting (reserved slots included), jobs running. */
size_t pool_depth(pool *p);
size_t pool_running(pool *p);
int pool_capacity(pool *p);
int pool_threads(pool *p);
/* Run every queued job, then join the workers and free the pool. */
void pool_free(pool *p);

#endif
