/* pool.c - the worker pool: N threads taking jobs from a ring buffer.
 *
 * One mutex and two condition variables; the ring has exactly `capacity`
 * slots, and `reserved` counts slots promised to callers that have not
 * submitted yet, so pool_submit() never blocks and never fails. Extraction
 * jobs take milliseconds, so a single lock is not the bottleneck. */
#include <pthread.h>
#include <stdlib.h>

#include "pool.h"

typedef struct {
    pool_fn fn;
    void *arg;
} pool_job;

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t has_job;
    pool_job *ring;
    int capacity;
    int head;       /* next job to run */
    int count;      /* jobs in the ring */
    int reserved;   /* slots promised, not yet filled */
    int running;
    int stopping;
    int nthreads;
    pthread_t *threads;
};

static void *pool_worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->count == 0 && !(p->stopping && p->reserved == 0))
            pthread_cond_wait(&p->has_job, &p->mu);
        if (p->count == 0)
            break; /* stopping and nothing left or promised */
        pool_job job = p->ring[p->head];
        p->head = (p->head + 1) % p->capacity;
        p->count--;
        p->running++;
        pthread_mutex_unlock(&p->mu);
        job.fn(job.arg);
        pthread_mutex_lock(&p->mu);
        p->running--;
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

pool *pool_new(int threads, int capacity)
{
    if (threads < 1)
        threads = 1;
    if (capacity < 1)
        capacity = 1;
    pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->ring = calloc((size_t)capacity, sizeof *p->ring);
    p->threads = calloc((size_t)threads, sizeof *p->threads);
    if (!p->ring || !p->threads)
        goto err;
    p->capacity = capacity;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->has_job, NULL);
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&p->threads[i], NULL, pool_worker, p))
            break;
        p->nthreads++;
    }
    if (p->nthreads == 0) {
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->has_job);
        goto err;
    }
    return p;
err:
    free(p->ring);
    free(p->threads);
    free(p);
    return NULL;
}

int pool_reserve(pool *p)
{
    int ok = -1;
    pthread_mutex_lock(&p->mu);
    if (!p->stopping && p->count + p->reserved < p->capacity) {
        p->reserved++;
        ok = 0;
    }
    pthread_mutex_unlock(&p->mu);
    return ok;
}

void pool_unreserve(pool *p)
{
    pthread_mutex_lock(&p->mu);
    if (p->reserved > 0)
        p->reserved--;
    pthread_cond_broadcast(&p->has_job); /* a stopping worker may wait on it */
    pthread_mutex_unlock(&p->mu);
}

void pool_submit(pool *p, pool_fn fn, void *arg)
{
    pthread_mutex_lock(&p->mu);
    int tail = (p->head + p->count) % p->capacity;
    p->ring[tail] = (pool_job){fn, arg};
    p->count++;
    if (p->reserved > 0)
        p->reserved--;
    pthread_cond_signal(&p->has_job);
    pthread_mutex_unlock(&p->mu);
}

size_t pool_depth(pool *p)
{
    pthread_mutex_lock(&p->mu);
    size_t n = (size_t)(p->count + p->reserved);
    pthread_mutex_unlock(&p->mu);
    return n;
}

size_t pool_running(pool *p)
{
    pthread_mutex_lock(&p->mu);
    size_t n = (size_t)p->running;
    pthread_mutex_unlock(&p->mu);
    return n;
}

int pool_capacity(pool *p) { return p->capacity; }
int pool_threads(pool *p) { return p->nthreads; }

void pool_free(pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stopping = 1;
    pthread_cond_broadcast(&p->has_job);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->has_job);
    free(p->ring);
    free(p->threads);
    free(p);
}
