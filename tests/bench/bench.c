/* bench.c - lede-bench: what lede's whole extraction costs next to the floor
 * of its design, libxml2 parsing the same pages, on one core.
 *
 * Usage: lede-bench [options] DIR
 *   DIR is a corpus set (truth.jsonl with "file" and "url" per line, files
 *   gzip'd or not) or a plain folder of *.html / *.html.gz pages.
 *
 * Every page is loaded (and gunzip'd) into memory first; then, in this one
 * process and thread, passes alternate between
 *   parse:   htmlReadMemory(recover, no errors, no net, compact) + xmlFreeDoc
 *   extract: lede_extract() + lede_render(JSON) + frees
 * over the same pages. Times are thread CPU time (CLOCK_THREAD_CPUTIME_ID),
 * so the figures do not depend on what else the machine does; pages/s and
 * MB/s use the median pass, per-page figures the per-page minimum over the
 * passes (the least disturbed measure of each page). A warm-up pass comes
 * first. Then: multi-core scaling, in process (N threads calling
 * lede_extract) and of the CLI (`lede extract -j 1` vs `-j 2` over the
 * pages written once to a temporary folder).
 *
 * Targets (issue 7): extraction <= 1.5x parse-only CPU time, peak RSS of the
 * extraction <= 64 MB, no page over 20x the median page.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <zlib.h>

#include "lede.h"

#define BENCH_BUDGET_S 8.0      /* timed passes aim at ~8 s in all */
#define BENCH_MIN_PASSES 2      /* the 800-page set: ~2.5 s per pass pair */
#define BENCH_WARM_PAGES 100    /* enough to warm caches and allocator */
#define BENCH_MAX_PASSES 50     /* tiny corpora: enough to be stable */
#define BENCH_TOP 5             /* slowest pages listed */
#define BENCH_OUTLIER_X 20.0    /* issue 7: no page over 20x the median */
#define BENCH_TARGET_RATIO 1.5  /* issue 7: extraction / parse-only CPU */
#define BENCH_TARGET_RSS_MB 64.0 /* issue 7: peak RSS of the extraction */
#define BENCH_READ_CHUNK 65536  /* gzread step */
#define BENCH_MAX_PAGE (64u << 20) /* refuse absurd files when loading */
#define BENCH_MAX_THREADS 64
#define BENCH_SERVE_WAIT_MS 5000 /* lede serve must listen within this */
#define BENCH_IO_TIMEOUT_S 60    /* one request, whatever the load */
#define BENCH_REFERENCE_TIME 1735689600 /* 2025-01-01: "now" for dates, so
                                         * dumps do not change by the day */

#define BENCH_PARSE_FLAGS                                                     \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |         \
     HTML_PARSE_NONET | HTML_PARSE_COMPACT)

typedef struct {
    char *id;    /* file name without folder and extensions */
    char *path;  /* as found on disk (for messages) */
    char *url;   /* may be NULL */
    char *bytes; /* the page, gunzip'd */
    size_t len;
} bench_page;

typedef struct {
    bench_page *v;
    size_t n, cap;
    size_t bytes; /* sum of len */
} bench_corpus;

typedef enum { BENCH_PARSE = 0, BENCH_EXTRACT = 1 } bench_mode;

typedef struct {
    int repeat;        /* 0 = from the budget */
    double budget;
    int warmup;
    int do_parse, do_extract;
    int threads;       /* in-process scaling: 0 = skip */
    int cli_runs;      /* CLI scaling runs per -j value: 0 = skip */
    int cli_jobs;      /* compared with -j 1 */
    int serve;         /* also measure lede serve's worker pool */
    const char *lede;  /* the lede binary; default: next to lede-bench */
    const char *csv;   /* per-page figures */
    const char *dump;  /* write every page's JSON here and stop */
    size_t limit;      /* first N pages only (0 = all) */
    int quiet_fail;
} bench_conf;

/* ---- time and memory ------------------------------------------------------ */

static double bench_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double bench_wall(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double bench_maxrss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

/* Resident memory now (not the peak), from /proc/self/statm. */
static double bench_rss_now_mb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, res = 0;
    if (!f)
        return 0;
    if (fscanf(f, "%ld %ld", &size, &res) != 2)
        res = 0;
    fclose(f);
    return (double)res * (double)sysconf(_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static double bench_proc_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* 1-minute load average: wall-time figures (scaling) mean little when other
 * work shares the cores, so they are printed next to it. */
static double bench_loadavg(void)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double l = -1;
    if (f) {
        if (fscanf(f, "%lf", &l) != 1)
            l = -1;
        fclose(f);
    }
    return l;
}

static size_t bench_heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/* ---- loading ---------------------------------------------------------------- */

/* Read a file, gunzip'ing it when it is gzip (gzread passes plain files
 * through unchanged). Returns 0 and a malloc'd buffer, -1 on failure. */
static int bench_read(const char *path, char **out, size_t *outlen)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = BENCH_READ_CHUNK, n = 0;
    char *b = malloc(cap + 1);
    if (!b) {
        gzclose(f);
        return -1;
    }
    for (;;) {
        if (n + BENCH_READ_CHUNK > cap) {
            if (cap >= BENCH_MAX_PAGE)
                goto fail;
            cap *= 2;
            char *nb = realloc(b, cap + 1);
            if (!nb)
                goto fail;
            b = nb;
        }
        int r = gzread(f, b + n, BENCH_READ_CHUNK);
        if (r < 0)
            goto fail;
        if (r == 0)
            break;
        n += (size_t)r;
    }
    gzclose(f);
    b[n] = '\0';
    /* Give back the slack: the corpus is held for the whole run. */
    char *shrunk = realloc(b, n + 1);
    *out = shrunk ? shrunk : b;
    *outlen = n;
    return 0;
fail:
    gzclose(f);
    free(b);
    return -1;
}

static char *bench_id_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strcspn(base, ".");
    if (n == 0)
        n = strlen(base);
    return strndup(base, n);
}

static int bench_add(bench_corpus *c, const char *path, const char *url)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        bench_page *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return -1;
        c->v = v;
        c->cap = cap;
    }
    bench_page *p = &c->v[c->n];
    memset(p, 0, sizeof *p);
    if (bench_read(path, &p->bytes, &p->len) != 0) {
        fprintf(stderr, "lede-bench: cannot read %s\n", path);
        return -1;
    }
    p->path = strdup(path);
    p->id = bench_id_of(path);
    p->url = url ? strdup(url) : NULL;
    c->bytes += p->len;
    c->n++;
    return 0;
}

static int bench_load_truth(bench_corpus *c, const char *dir, const char *truth,
                            size_t limit)
{
    FILE *f = fopen(truth, "r");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t r;
    int rc = 0;
    while ((r = getline(&line, &cap, f)) > 0 && (!limit || c->n < limit)) {
        json_error_t jerr;
        json_t *o = json_loadb(line, (size_t)r, 0, &jerr);
        if (!o)
            continue; /* blank or broken line */
        const char *file = json_string_value(json_object_get(o, "file"));
        const char *url = json_string_value(json_object_get(o, "url"));
        if (file) {
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s", dir, file);
            if (bench_add(c, path, url) != 0)
                rc = -1;
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    return rc;
}

static int bench_is_page(const char *name)
{
    static const char *const exts[] = {".html", ".htm", ".html.gz", ".htm.gz"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && !strcmp(name + n - e, exts[i]))
            return 1;
    }
    return 0;
}

static int bench_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int bench_load_dir(bench_corpus *c, const char *dir, size_t limit)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!bench_is_page(e->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nv = realloc(names, cap * sizeof *nv);
            if (!nv)
                break;
            names = nv;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, bench_cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!limit || c->n < limit) {
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            bench_add(c, path, NULL);
        }
        free(names[i]);
    }
    free(names);
    return 0;
}

static int bench_load(bench_corpus *c, const char *dir, size_t limit)
{
    char truth[PATH_MAX];
    snprintf(truth, sizeof truth, "%s/truth.jsonl", dir);
    if (access(truth, R_OK) == 0)
        return bench_load_truth(c, dir, truth, limit);
    return bench_load_dir(c, dir, limit);
}

static void bench_corpus_free(bench_corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].id);
        free(c->v[i].path);
        free(c->v[i].url);
        free(c->v[i].bytes);
    }
    free(c->v);
    memset(c, 0, sizeof *c);
}

/* ---- the two workloads ----------------------------------------------------- */

/* libxml2 reports charset conversion failures of parse-only runs through
 * its generic error channel, whatever the parser options: keep them off the
 * figures. */
static void bench_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static int bench_parse_one(const bench_page *p)
{
    htmlDocPtr doc = htmlReadMemory(p->bytes, (int)p->len, p->url, NULL,
                                    BENCH_PARSE_FLAGS);
    if (!doc)
        return -1;
    xmlFreeDoc(doc);
    return 0;
}

static int bench_extract_one(const bench_page *p, const lede_options *opt)
{
    lede_error err;
    lede_article *a = lede_extract(p->bytes, p->len, p->url, NULL, opt, &err);
    if (!a)
        return -1;
    char *js = lede_render(a, LEDE_FORMAT_JSON, 0);
    int rc = js ? 0 : -1;
    free(js);
    lede_article_free(a);
    return rc;
}

/* One pass of `mode` over every page; per-page CPU seconds into t[] (may be
 * NULL). Returns the pass's CPU seconds; *fails counts failed pages. */
static double bench_pass(const bench_corpus *c, bench_mode mode,
                         const lede_options *opt, double *t, size_t *fails)
{
    double total = 0;
    *fails = 0;
    for (size_t i = 0; i < c->n; i++) {
        double t0 = bench_cpu();
        int rc = mode == BENCH_PARSE ? bench_parse_one(&c->v[i])
                                     : bench_extract_one(&c->v[i], opt);
        double dt = bench_cpu() - t0;
        if (rc != 0)
            (*fails)++;
        if (t)
            t[i] = dt;
        total += dt;
    }
    return total;
}

/* One line per page: id, a tab, the JSON (or the error). */
static int bench_dump(const bench_corpus *c, const lede_options *opt,
                      const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "lede-bench: cannot write %s\n", path);
        return 1;
    }
    for (size_t i = 0; i < c->n; i++) {
        const bench_page *p = &c->v[i];
        lede_error err;
        lede_article *a = lede_extract(p->bytes, p->len, p->url, NULL, opt, &err);
        char *js = a ? lede_render(a, LEDE_FORMAT_JSON, 0) : NULL;
        fprintf(f, "%s\t%s\n", p->id, js ? js : lede_strerror(err.code));
        free(js);
        lede_article_free(a);
    }
    fclose(f);
    return 0;
}

/* ---- statistics ------------------------------------------------------------ */

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Percentile q (0..1) of n values (copied, sorted; nearest rank). */
static double bench_pct(const double *v, size_t n, double q)
{
    if (n == 0)
        return 0;
    double *s = malloc(n * sizeof *s);
    if (!s)
        return 0;
    memcpy(s, v, n * sizeof *s);
    qsort(s, n, sizeof *s, bench_cmp_double);
    size_t k = (size_t)(q * (double)(n - 1) + 0.5);
    double r = s[k < n ? k : n - 1];
    free(s);
    return r;
}

typedef struct {
    double *pass_total; /* per pass */
    double *best;       /* per page: minimum over passes */
    double median_total;
    double best_total;
    double p50, p99, max;
    size_t fails;
} bench_stats;

static void bench_summarise(bench_stats *s, size_t npass, size_t npages)
{
    s->median_total = bench_pct(s->pass_total, npass, 0.5);
    s->best_total = bench_pct(s->pass_total, npass, 0.0);
    s->p50 = bench_pct(s->best, npages, 0.5);
    s->p99 = bench_pct(s->best, npages, 0.99);
    s->max = bench_pct(s->best, npages, 1.0);
}

static void bench_print_mode(const char *name, const bench_stats *s,
                             const bench_corpus *c, int npass)
{
    double t = s->median_total;
    printf("%-8s %8.1f pages/s %7.1f MB/s   %7.3f s/pass (best %.3f, %d passes)"
           "   per page p50 %.2f ms  p99 %.2f ms  max %.2f ms",
           name, t > 0 ? (double)c->n / t : 0, t > 0 ? (double)c->bytes / t / 1e6 : 0,
           t, s->best_total, npass, s->p50 * 1e3, s->p99 * 1e3, s->max * 1e3);
    if (s->fails)
        printf("   (%zu pages failed)", s->fails);
    printf("\n");
}

/* Indices of the k largest values of v (k <= n), largest first. */
static size_t bench_top(const double *v, size_t n, size_t *idx, size_t k)
{
    size_t got = 0;
    for (size_t i = 0; i < n; i++) {
        size_t pos = got;
        while (pos > 0 && v[idx[pos - 1]] < v[i])
            pos--;
        if (pos >= k)
            continue;
        size_t last = got < k ? got : k - 1;
        for (size_t j = last; j > pos; j--)
            idx[j] = idx[j - 1];
        idx[pos] = i;
        if (got < k)
            got++;
    }
    return got;
}

/* ---- in-process threads ---------------------------------------------------- */

typedef struct {
    const bench_corpus *c;
    const lede_options *opt;
    atomic_size_t next;
    atomic_size_t fails;
} bench_mt;

static void *bench_mt_worker(void *arg)
{
    bench_mt *m = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&m->next, 1);
        if (i >= m->c->n)
            break;
        if (bench_extract_one(&m->c->v[i], m->opt) != 0)
            atomic_fetch_add(&m->fails, 1);
    }
    return NULL;
}

/* Wall seconds to extract every page on `threads` threads; *cpu gets the
 * process CPU seconds spent meanwhile. */
static double bench_mt_run(const bench_corpus *c, const lede_options *opt,
                           int threads, double *cpu)
{
    double c0 = bench_proc_cpu();
    bench_mt m = {.c = c, .opt = opt};
    atomic_init(&m.next, 0);
    atomic_init(&m.fails, 0);
    pthread_t tid[BENCH_MAX_THREADS];
    int started = 0;
    double t0 = bench_wall();
    for (int i = 1; i < threads; i++)
        if (pthread_create(&tid[started], NULL, bench_mt_worker, &m) == 0)
            started++;
    bench_mt_worker(&m);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    *cpu = bench_proc_cpu() - c0;
    return bench_wall() - t0;
}

/* ---- CLI scaling ------------------------------------------------------------ */

/* Write every page to dir/NNNN.html; returns a NULL-terminated argv tail of
 * the paths (malloc'd), or NULL. */
static char **bench_write_pages(const bench_corpus *c, const char *dir)
{
    char **paths = calloc(c->n + 1, sizeof *paths);
    if (!paths)
        return NULL;
    for (size_t i = 0; i < c->n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%05zu.html", dir, i);
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(c->v[i].bytes, 1, c->v[i].len, f) != c->v[i].len) {
            if (f)
                fclose(f);
            for (size_t j = 0; j < i; j++)
                free(paths[j]);
            free(paths);
            return NULL;
        }
        fclose(f);
        paths[i] = strdup(path);
    }
    return paths;
}

typedef struct {
    double wall, cpu, maxrss_mb;
    int status;
} bench_child;

/* What the launcher is asked to do: run `lede extract -j jobs
 * dir/00000.html ... dir/(n-1).html`, or start / stop `lede serve --threads
 * jobs` on 127.0.0.1:port. */
enum { BENCH_REQ_EXTRACT = 0, BENCH_REQ_SERVE_START, BENCH_REQ_SERVE_STOP };
typedef struct {
    int kind;
    char lede[PATH_MAX];
    char dir[64];
    size_t n;
    int jobs;
    int port;
} bench_cli_req;

/* The CLI runs are started by a small launcher process forked before the
 * corpus is loaded: a child forked from the loaded bench would start with
 * the corpus resident, and Linux carries that peak into the child's
 * ru_maxrss across exec, hiding the CLI's own peak RSS. */
typedef struct {
    pid_t pid;
    int to, from; /* pipes to and from the launcher; -1 when none */
} bench_launcher;

static int bench_io(int fd, void *buf, size_t n, int writing)
{
    char *p = buf;
    while (n) {
        ssize_t r = writing ? write(fd, p, n) : read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* In the launcher: run one request, with stdout to /dev/null. */
static void bench_run_cli(const bench_cli_req *q, bench_child *out)
{
    memset(out, 0, sizeof *out);
    out->status = -1;
    char jbuf[16];
    snprintf(jbuf, sizeof jbuf, "%d", q->jobs);
    char **argv = calloc(q->n + 5, sizeof *argv);
    if (!argv)
        return;
    argv[0] = (char *)q->lede;
    argv[1] = "extract";
    argv[2] = "-j";
    argv[3] = jbuf;
    for (size_t i = 0; i < q->n; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%05zu.html", q->dir, i);
        argv[4 + i] = strdup(path);
    }
    double t0 = bench_wall();
    pid_t pid = fork();
    if (pid == 0) {
        FILE *devnull = freopen("/dev/null", "w", stdout);
        (void)devnull;
        execv(q->lede, argv);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (pid > 0 && wait4(pid, &status, 0, &ru) == pid) {
        out->wall = bench_wall() - t0;
        out->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
                   (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
        out->maxrss_mb = (double)ru.ru_maxrss / 1024.0;
        out->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    for (size_t i = 0; i < q->n; i++)
        free(argv[4 + i]);
    free(argv);
}

/* In the launcher: start `lede serve` (out->status 0 when forked). */
static pid_t bench_serve_start(const bench_cli_req *q, bench_child *out)
{
    memset(out, 0, sizeof *out);
    out->status = -1;
    char jbuf[16], pbuf[16];
    snprintf(jbuf, sizeof jbuf, "%d", q->jobs);
    snprintf(pbuf, sizeof pbuf, "%d", q->port);
    char *argv[] = {(char *)q->lede, "serve", "--bind", "127.0.0.1", "--port", pbuf,
                    "--threads", jbuf, "--cache-size", "0", NULL};
    pid_t pid = fork();
    if (pid == 0) {
        FILE *f1 = freopen("/dev/null", "w", stdout);
        FILE *f2 = freopen("/dev/null", "w", stderr);
        (void)f1;
        (void)f2;
        execv(q->lede, argv);
        _exit(127);
    }
    if (pid > 0)
        out->status = 0;
    return pid;
}

/* In the launcher: SIGTERM the server, collect its CPU time and peak RSS. */
static void bench_serve_stop(pid_t pid, double started, bench_child *out)
{
    memset(out, 0, sizeof *out);
    out->status = -1;
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) == pid) {
        out->wall = bench_wall() - started;
        out->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
                   (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
        out->maxrss_mb = (double)ru.ru_maxrss / 1024.0;
        out->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
}

static void bench_launcher_start(bench_launcher *l)
{
    int to[2], from[2];
    l->pid = -1;
    l->to = l->from = -1;
    if (pipe(to) != 0)
        return;
    if (pipe(from) != 0) {
        close(to[0]);
        close(to[1]);
        return;
    }
    fflush(NULL); /* nothing buffered may be printed twice */
    pid_t pid = fork();
    if (pid == 0) {
        close(to[1]);
        close(from[0]);
        bench_cli_req q;
        pid_t server = -1;
        double server_started = 0;
        while (bench_io(to[0], &q, sizeof q, 0) == 0) {
            bench_child out;
            if (q.kind == BENCH_REQ_SERVE_START) {
                server = bench_serve_start(&q, &out);
                server_started = bench_wall();
            } else if (q.kind == BENCH_REQ_SERVE_STOP) {
                bench_serve_stop(server, server_started, &out);
                server = -1;
            } else {
                bench_run_cli(&q, &out);
            }
            if (bench_io(from[1], &out, sizeof out, 1) != 0)
                break;
        }
        if (server > 0) {
            bench_child out;
            bench_serve_stop(server, server_started, &out);
        }
        _exit(0);
    }
    close(to[0]);
    close(from[1]);
    if (pid < 0) {
        close(to[1]);
        close(from[0]);
        return;
    }
    l->pid = pid;
    l->to = to[1];
    l->from = from[0];
}

static int bench_launcher_run(bench_launcher *l, const bench_cli_req *q,
                              bench_child *out)
{
    if (l->pid < 0)
        return -1;
    if (bench_io(l->to, (void *)q, sizeof *q, 1) != 0 ||
        bench_io(l->from, out, sizeof *out, 0) != 0)
        return -1;
    return 0;
}

static void bench_launcher_stop(bench_launcher *l)
{
    if (l->pid < 0)
        return;
    close(l->to);
    close(l->from);
    waitpid(l->pid, NULL, 0);
    l->pid = -1;
}

/* The lede binary next to this one (make builds both into $(BUILD)). */
static char *bench_default_lede(void)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 8);
    if (n <= 0)
        return NULL;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return NULL;
    strcpy(slash + 1, "lede");
    return access(self, X_OK) == 0 ? strdup(self) : NULL;
}

static void bench_cli_scaling(const bench_corpus *c, const bench_conf *cf,
                              bench_launcher *l)
{
    char *lede = cf->lede ? strdup(cf->lede) : bench_default_lede();
    if (!lede) {
        printf("cli      skipped: no lede binary (give --lede PATH)\n");
        return;
    }
    char dir[] = "/tmp/lede-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        printf("cli      skipped: cannot make a temporary folder\n");
        free(lede);
        return;
    }
    char **paths = bench_write_pages(c, dir);
    if (!paths) {
        printf("cli      skipped: cannot write pages to %s\n", dir);
    } else {
        bench_child best[2];
        memset(best, 0, sizeof best);
        int jobs[2] = {1, cf->cli_jobs};
        bench_cli_req q;
        memset(&q, 0, sizeof q);
        snprintf(q.lede, sizeof q.lede, "%s", lede);
        snprintf(q.dir, sizeof q.dir, "%s", dir);
        q.n = c->n;
        for (int r = 0; r < cf->cli_runs; r++)
            for (int k = 0; k < 2; k++) {
                bench_child ch;
                q.jobs = jobs[k];
                if (bench_launcher_run(l, &q, &ch) != 0 || ch.wall <= 0)
                    continue;
                if (best[k].wall == 0 || ch.wall < best[k].wall)
                    best[k] = ch;
            }
        for (int k = 0; k < 2; k++)
            printf("cli      lede extract -j %d: %6.2f s wall  %6.2f s cpu  "
                   "%7.1f pages/s  peak RSS %.1f MB  exit %d\n",
                   jobs[k], best[k].wall, best[k].cpu,
                   best[k].wall > 0 ? (double)c->n / best[k].wall : 0,
                   best[k].maxrss_mb, best[k].status);
        if (best[1].wall > 0)
            printf("cli      -j %d speed-up over -j 1: %.2fx (CPU-bound limit "
                   "%.2fx; best of %d runs, %ld cores online, load average %.2f)\n",
                   jobs[1], best[0].wall / best[1].wall,
                   best[1].cpu > 0 ? jobs[1] * best[0].cpu / best[1].cpu : 0,
                   cf->cli_runs, sysconf(_SC_NPROCESSORS_ONLN), bench_loadavg());
        for (size_t i = 0; i < c->n; i++) {
            unlink(paths[i]);
            free(paths[i]);
        }
        free(paths);
    }
    rmdir(dir);
    free(lede);
}

/* ---- service scaling --------------------------------------------------------- */

/* A free loopback port (bound, read, released: a small race, fine here). */
static int bench_free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    int port = -1;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &al) == 0)
        port = ntohs(a.sin_port);
    close(fd);
    return port;
}

static int bench_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct timeval tv = {.tv_sec = BENCH_IO_TIMEOUT_S};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* POST one page to /parse; 0 when the answer is a 200. */
static int bench_post(int port, const bench_page *p)
{
    int fd = bench_connect(port);
    if (fd < 0)
        return -1;
    char head[256];
    int hl = snprintf(head, sizeof head,
                      "POST /parse HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: text/html\r\nContent-Length: %zu\r\n"
                      "Connection: close\r\n\r\n",
                      p->len);
    int rc = -1;
    if (bench_io(fd, head, (size_t)hl, 1) == 0 &&
        bench_io(fd, p->bytes, p->len, 1) == 0) {
        char buf[16384], first[16] = "";
        size_t got = 0;
        ssize_t r;
        while ((r = read(fd, buf, sizeof buf)) > 0) {
            if (got < sizeof first - 1) {
                size_t k = sizeof first - 1 - got;
                if (k > (size_t)r)
                    k = (size_t)r;
                memcpy(first + got, buf, k);
                first[got + k] = '\0';
            }
            got += (size_t)r;
        }
        if (!strncmp(first, "HTTP/1.1 200", 12) || !strncmp(first, "HTTP/1.0 200", 12))
            rc = 0;
    }
    close(fd);
    return rc;
}

typedef struct {
    const bench_corpus *c;
    int port;
    atomic_size_t next;
    atomic_size_t fails;
} bench_http;

static void *bench_http_worker(void *arg)
{
    bench_http *h = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&h->next, 1);
        if (i >= h->c->n)
            break;
        if (bench_post(h->port, &h->c->v[i]) != 0)
            atomic_fetch_add(&h->fails, 1);
    }
    return NULL;
}

/* `lede serve --threads jobs` fed by `jobs` client threads, one request at a
 * time each: wall time of the run, the server's CPU time and peak RSS. */
static int bench_serve_run(const bench_corpus *c, bench_launcher *l,
                           const char *lede, int jobs, bench_child *srv,
                           double *wall, size_t *fails)
{
    bench_cli_req q;
    memset(&q, 0, sizeof q);
    q.kind = BENCH_REQ_SERVE_START;
    snprintf(q.lede, sizeof q.lede, "%s", lede);
    q.jobs = jobs;
    q.port = bench_free_port();
    bench_child ch;
    if (q.port <= 0 || bench_launcher_run(l, &q, &ch) != 0 || ch.status != 0)
        return -1;
    int up = 0;
    for (int waited = 0; waited < BENCH_SERVE_WAIT_MS && !up; waited += 20) {
        int fd = bench_connect(q.port);
        if (fd >= 0) {
            close(fd);
            up = 1;
        } else {
            struct timespec ts = {0, 20 * 1000000L};
            nanosleep(&ts, NULL);
        }
    }
    if (up) {
        bench_http h = {.c = c, .port = q.port};
        atomic_init(&h.next, 0);
        atomic_init(&h.fails, 0);
        pthread_t tid[BENCH_MAX_THREADS];
        int started = 0;
        double t0 = bench_wall();
        for (int i = 1; i < jobs && i < BENCH_MAX_THREADS; i++)
            if (pthread_create(&tid[started], NULL, bench_http_worker, &h) == 0)
                started++;
        bench_http_worker(&h);
        for (int i = 0; i < started; i++)
            pthread_join(tid[i], NULL);
        *wall = bench_wall() - t0;
        *fails = atomic_load(&h.fails);
    }
    q.kind = BENCH_REQ_SERVE_STOP;
    if (bench_launcher_run(l, &q, srv) != 0)
        return -1;
    return up ? 0 : -1;
}

static void bench_serve_scaling(const bench_corpus *c, const bench_conf *cf,
                                bench_launcher *l)
{
    char *lede = cf->lede ? strdup(cf->lede) : bench_default_lede();
    if (!lede) {
        printf("serve    skipped: no lede binary (give --lede PATH)\n");
        return;
    }
    int jobs[2] = {1, cf->cli_jobs};
    double wall[2] = {0, 0};
    bench_child srv[2];
    memset(srv, 0, sizeof srv);
    for (int k = 0; k < 2; k++) {
        size_t fails = 0;
        if (bench_serve_run(c, l, lede, jobs[k], &srv[k], &wall[k], &fails) != 0) {
            printf("serve    lede serve --threads %d: could not run\n", jobs[k]);
            continue;
        }
        printf("serve    lede serve --threads %d, %d client%s: %6.2f s wall  %6.2f s "
               "server cpu  %7.1f pages/s  peak RSS %.1f MB  %zu failed\n",
               jobs[k], jobs[k], jobs[k] > 1 ? "s" : " ", wall[k], srv[k].cpu,
               wall[k] > 0 ? (double)c->n / wall[k] : 0, srv[k].maxrss_mb, fails);
    }
    if (wall[0] > 0 && wall[1] > 0)
        printf("serve    --threads %d speed-up over 1: %.2fx (CPU-bound limit %.2fx; "
               "load average %.2f)\n",
               jobs[1], wall[0] / wall[1],
               srv[1].cpu > 0 ? jobs[1] * srv[0].cpu / srv[1].cpu : 0, bench_loadavg());
    free(lede);
}

/* ---- main ------------------------------------------------------------------ */

static void bench_usage(FILE *f)
{
    fprintf(f,
            "Usage: lede-bench [options] DIR\n"
            "  DIR: a corpus set (truth.jsonl + html/) or a folder of *.html[.gz]\n"
            "  -r, --repeat N     timed passes (default: as many as fit %.0f s, >= %d)\n"
            "      --budget S     seconds the timed passes aim at\n"
            "      --no-warmup    skip the warm-up pass\n"
            "      --only MODE    parse or extract (default both)\n"
            "  -n, --limit N      first N pages only\n"
            "  -t, --threads N    in-process scaling: N threads vs 1 (default 2, 0 = skip)\n"
            "      --cli-runs N   CLI scaling runs per -j value (default 1, 0 = skip)\n"
            "      --cli-jobs N   -j value compared with -j 1 (default 2)\n"
            "      --serve        also time lede serve (POST /parse on loopback, no\n"
            "                     cache) with 1 worker + 1 client vs N + N\n"
            "      --lede PATH    the lede binary (default: next to lede-bench)\n"
            "      --csv FILE     per-page figures (id,bytes,parse_ms,extract_ms)\n"
            "      --dump FILE    only write each page's id and JSON, one per line\n"
            "                     (diff two builds: an optimisation changes no output)\n"
            "      --profile      one extraction pass only, no warm-up, no\n"
            "                     scaling: for valgrind --tool=callgrind\n",
            BENCH_BUDGET_S, BENCH_MIN_PASSES);
}

int main(int argc, char **argv)
{
    bench_conf cf = {.budget = BENCH_BUDGET_S, .warmup = 1, .do_parse = 1,
                     .do_extract = 1, .threads = 2, .cli_runs = 1, .cli_jobs = 2};
    static const struct option longopts[] = {
        {"repeat", required_argument, 0, 'r'},
        {"budget", required_argument, 0, 'b'},
        {"no-warmup", no_argument, 0, 'W'},
        {"only", required_argument, 0, 'o'},
        {"limit", required_argument, 0, 'n'},
        {"threads", required_argument, 0, 't'},
        {"cli-runs", required_argument, 0, 'c'},
        {"cli-jobs", required_argument, 0, 'J'},
        {"serve", no_argument, 0, 'S'},
        {"lede", required_argument, 0, 'L'},
        {"csv", required_argument, 0, 'C'},
        {"dump", required_argument, 0, 'D'},
        {"profile", no_argument, 0, 'P'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int ch;
    while ((ch = getopt_long(argc, argv, "r:n:t:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'r': cf.repeat = atoi(optarg); break;
        case 'b': cf.budget = atof(optarg); break;
        case 'W': cf.warmup = 0; break;
        case 'o':
            cf.do_parse = !strcmp(optarg, "parse");
            cf.do_extract = !strcmp(optarg, "extract");
            if (!cf.do_parse && !cf.do_extract) {
                bench_usage(stderr);
                return 2;
            }
            break;
        case 'n': cf.limit = (size_t)atol(optarg); break;
        case 't': cf.threads = atoi(optarg); break;
        case 'c': cf.cli_runs = atoi(optarg); break;
        case 'J': cf.cli_jobs = atoi(optarg); break;
        case 'S': cf.serve = 1; break;
        case 'L': cf.lede = optarg; break;
        case 'C': cf.csv = optarg; break;
        case 'D':
            cf.dump = optarg;
            cf.cli_runs = 0; /* no launcher to start */
            break;
        case 'P':
            cf.repeat = 1;
            cf.warmup = 0;
            cf.do_parse = 0;
            cf.do_extract = 1;
            cf.threads = 0;
            cf.cli_runs = 0;
            break;
        case 'h': bench_usage(stdout); return 0;
        default: bench_usage(stderr); return 2;
        }
    }
    if (optind != argc - 1) {
        bench_usage(stderr);
        return 2;
    }
    if (cf.threads > BENCH_MAX_THREADS)
        cf.threads = BENCH_MAX_THREADS;
    const char *dir = argv[optind];

    bench_launcher launcher = {.pid = -1, .to = -1, .from = -1};
    if (cf.cli_runs > 0 || cf.serve)
        bench_launcher_start(&launcher);
    lede_global_init();
    xmlSetGenericErrorFunc(NULL, bench_quiet);
    bench_corpus c = {0};
    if (bench_load(&c, dir, cf.limit) != 0 && c.n == 0) {
        fprintf(stderr, "lede-bench: cannot load pages from %s\n", dir);
        return 1;
    }
    if (c.n == 0) {
        fprintf(stderr, "lede-bench: no pages in %s\n", dir);
        return 1;
    }
    double rss_loaded = bench_maxrss_mb();
    printf("corpus   %s: %zu pages, %.1f MB (loaded before timing); load "
           "average %.2f on %ld cores\n",
           dir, c.n, (double)c.bytes / 1e6, bench_loadavg(),
           sysconf(_SC_NPROCESSORS_ONLN));

    lede_options opt;
    lede_options_init(&opt);
    opt.reference_time = BENCH_REFERENCE_TIME;
    if (cf.dump)
        return bench_dump(&c, &opt, cf.dump);

    /* Warm-up: caches, allocator arenas, libxml2's dictionaries; its time
     * also sizes the number of timed passes. */
    double warm = 0;
    size_t fails;
    if (cf.warmup) {
        bench_corpus sub = c;
        if (sub.n > BENCH_WARM_PAGES) {
            sub.n = BENCH_WARM_PAGES;
            sub.bytes = 0;
            for (size_t i = 0; i < sub.n; i++)
                sub.bytes += sub.v[i].len;
        }
        if (cf.do_parse)
            warm += bench_pass(&sub, BENCH_PARSE, &opt, NULL, &fails);
        if (cf.do_extract)
            warm += bench_pass(&sub, BENCH_EXTRACT, &opt, NULL, &fails);
        if (sub.bytes > 0) /* estimate of one full pass pair */
            warm *= (double)c.bytes / (double)sub.bytes;
    }
    int npass = cf.repeat;
    if (npass <= 0) {
        npass = warm > 0 ? (int)(cf.budget / warm + 0.5) : BENCH_MIN_PASSES;
        if (npass < BENCH_MIN_PASSES)
            npass = BENCH_MIN_PASSES;
        if (npass > BENCH_MAX_PASSES)
            npass = BENCH_MAX_PASSES;
    }

    bench_stats st[2];
    memset(st, 0, sizeof st);
    double *tmp = calloc(c.n, sizeof *tmp);
    for (int m = 0; m < 2; m++) {
        st[m].pass_total = calloc((size_t)npass, sizeof(double));
        st[m].best = malloc(c.n * sizeof(double));
        for (size_t i = 0; i < c.n; i++)
            st[m].best[i] = 1e30;
    }
    size_t heap_before = bench_heap_in_use();
    double rss_now_before = bench_rss_now_mb();
    double wall_1 = 0; /* best wall time of an extraction pass: 1 thread */
    for (int r = 0; r < npass; r++) {
        for (int m = 0; m < 2; m++) {
            if (m == BENCH_PARSE ? !cf.do_parse : !cf.do_extract)
                continue;
            double w0 = bench_wall();
            st[m].pass_total[r] = bench_pass(&c, (bench_mode)m, &opt, tmp, &fails);
            double w = bench_wall() - w0;
            if (m == BENCH_EXTRACT && (wall_1 == 0 || w < wall_1))
                wall_1 = w;
            st[m].fails = fails;
            for (size_t i = 0; i < c.n; i++)
                if (tmp[i] < st[m].best[i])
                    st[m].best[i] = tmp[i];
        }
    }
    size_t heap_after = bench_heap_in_use();
    double rss_now_after = bench_rss_now_mb();
    double rss_peak = bench_maxrss_mb();

    for (int m = 0; m < 2; m++)
        bench_summarise(&st[m], (size_t)npass, c.n);

    printf("\n-- single thread, CPU time (%s)\n", "CLOCK_THREAD_CPUTIME_ID");
    if (cf.do_parse)
        bench_print_mode("parse", &st[BENCH_PARSE], &c, npass);
    if (cf.do_extract)
        bench_print_mode("extract", &st[BENCH_EXTRACT], &c, npass);
    if (cf.do_parse && cf.do_extract && st[BENCH_PARSE].median_total > 0) {
        double ratio = st[BENCH_EXTRACT].median_total / st[BENCH_PARSE].median_total;
        double best = st[BENCH_PARSE].best_total > 0
                          ? st[BENCH_EXTRACT].best_total / st[BENCH_PARSE].best_total
                          : 0;
        printf("ratio    extraction / parse-only CPU time: %.2fx median passes, "
               "%.2fx best passes (target <= %.1fx: %s)\n",
               ratio, best, BENCH_TARGET_RATIO,
               ratio <= BENCH_TARGET_RATIO ? "met" : "NOT met");
    }

    printf("\n-- memory\n");
    printf("rss      peak %.1f MB over the whole run; %.1f MB after loading the "
           "corpus, so extraction adds %.1f MB (target <= %.0f MB: %s)\n",
           rss_peak, rss_loaded, rss_peak - rss_loaded, BENCH_TARGET_RSS_MB,
           rss_peak - rss_loaded <= BENCH_TARGET_RSS_MB ? "met" : "NOT met");
    printf("heap     in use before the timed passes %.1f MB, after %.1f MB "
           "(%+ld bytes; resident %.1f -> %.1f MB)\n",
           (double)heap_before / 1048576.0, (double)heap_after / 1048576.0,
           (long)heap_after - (long)heap_before, rss_now_before, rss_now_after);

    if (cf.do_extract) {
        const double *b = st[BENCH_EXTRACT].best;
        const double *bp = st[BENCH_PARSE].best;
        double med = st[BENCH_EXTRACT].p50;
        size_t idx[BENCH_TOP];
        size_t k = bench_top(b, c.n, idx, BENCH_TOP);
        printf("\n-- slowest %zu pages (extraction; median page %.2f ms)\n", k, med * 1e3);
        for (size_t j = 0; j < k; j++) {
            const bench_page *p = &c.v[idx[j]];
            printf("slow     %-34s %8.2f ms  %6.1fx median  %7.1f KB", p->id,
                   b[idx[j]] * 1e3, med > 0 ? b[idx[j]] / med : 0,
                   (double)p->len / 1024.0);
            if (cf.do_parse && bp[idx[j]] > 0)
                printf("  parse %.2f ms (%.1fx)", bp[idx[j]] * 1e3,
                       b[idx[j]] / bp[idx[j]]);
            printf("\n");
        }
        size_t over = 0;
        for (size_t i = 0; i < c.n; i++)
            if (med > 0 && b[i] > BENCH_OUTLIER_X * med)
                over++;
        printf("outliers %zu pages over %.0fx the median (target 0: %s)\n", over,
               BENCH_OUTLIER_X, over == 0 ? "met" : "NOT met");
        if (cf.do_parse) {
            /* The pages where lede's own stages cost most next to the parse:
             * where to look first in a profile. */
            double *excess = malloc(c.n * sizeof *excess);
            for (size_t i = 0; i < c.n; i++)
                excess[i] = b[i] / (bp[i] > 1e-6 ? bp[i] : 1e-6);
            k = bench_top(excess, c.n, idx, BENCH_TOP);
            printf("highest extraction/parse ratio:\n");
            for (size_t j = 0; j < k; j++)
                printf("ratio    %-34s %6.1fx  (%.2f ms vs parse %.2f ms, %.1f KB)\n",
                       c.v[idx[j]].id, excess[idx[j]], b[idx[j]] * 1e3,
                       bp[idx[j]] * 1e3, (double)c.v[idx[j]].len / 1024.0);
            free(excess);
        }
    }

    if (cf.csv) {
        FILE *f = fopen(cf.csv, "w");
        if (f) {
            fprintf(f, "id,bytes,parse_ms,extract_ms\n");
            for (size_t i = 0; i < c.n; i++)
                fprintf(f, "%s,%zu,%.4f,%.4f\n", c.v[i].id, c.v[i].len,
                        cf.do_parse ? st[BENCH_PARSE].best[i] * 1e3 : 0,
                        cf.do_extract ? st[BENCH_EXTRACT].best[i] * 1e3 : 0);
            fclose(f);
        } else {
            fprintf(stderr, "lede-bench: cannot write %s\n", cf.csv);
        }
    }

    if (cf.threads > 1 || cf.cli_runs > 0 || cf.serve)
        printf("\n-- multi-core (wall time)\n");
    if (cf.threads > 1) {
        double cpu1 = st[BENCH_EXTRACT].best_total, cpun = 0;
        double t1 = cf.do_extract ? wall_1 : bench_mt_run(&c, &opt, 1, &cpu1);
        double tn = bench_mt_run(&c, &opt, cf.threads, &cpun);
        /* On a busy machine wall time says little; CPU time per page that
         * grows with threads (shared caches, locks) bounds the speed-up:
         * threads * cpu1 / cpun is the best an idle machine could give. */
        printf("threads  in process, lede_extract+render: 1 thread %.2f s wall "
               "%.2f s cpu (best pass); %d threads %.2f s wall %.2f s cpu: %.2fx speed-up "
               "(CPU-bound limit %.2fx; %ld cores online, load average %.2f)\n",
               t1, cpu1, cf.threads, tn, cpun, tn > 0 ? t1 / tn : 0,
               cpun > 0 ? cf.threads * cpu1 / cpun : 0,
               sysconf(_SC_NPROCESSORS_ONLN), bench_loadavg());
    }
    if (cf.cli_runs > 0)
        bench_cli_scaling(&c, &cf, &launcher);
    if (cf.serve)
        bench_serve_scaling(&c, &cf, &launcher);
    bench_launcher_stop(&launcher);

    for (int m = 0; m < 2; m++) {
        free(st[m].pass_total);
        free(st[m].best);
    }
    free(tmp);
    bench_corpus_free(&c);
    lede_global_cleanup();
    return 0;
}
