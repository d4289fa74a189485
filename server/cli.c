/* cli.c - `lede extract`: files (or stdin) in, JSON / text / Markdown /
 * HTML out, per the CLI contract of DESIGN.md.
 *
 * One input: one JSON object (or the bare content for text/markdown/html).
 * Several inputs: JSON Lines, one object per input in input order, each with
 * "source"; a failed input gives {"source":..., "error":{...}} and the run
 * goes on. -j N extracts on N threads; output order stays the input order
 * (a slot per input, printed as soon as all earlier ones are out).
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "lede.h"

#define CLI_MAX_JOBS 256 /* more threads than that only adds contention */

typedef struct {
    const char *url;
    const char *charset;
    lede_format format;
    int pretty;
    int many; /* several inputs: JSON Lines with "source" */
    lede_options opt;
} cli_conf;

typedef struct {
    char *out;   /* the line/document to print */
    int failed;
    int done;
} cli_slot;

typedef struct {
    const cli_conf *conf;
    char **inputs;
    size_t n;
    cli_slot *slots;
    size_t next; /* next input to take */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} cli_run;

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: lede extract [options] FILE|-\n"
            "       lede extract [options] FILE...   (JSON Lines, one per input)\n"
            "\n"
            "Extract the main text and metadata of HTML pages. '-' reads stdin.\n"
            "\n"
            "Options:\n"
            "  -u, --url URL          the page's URL (resolves links, gives dates)\n"
            "  -f, --format FMT       json (default), text, markdown or html\n"
            "      --charset NAME     the charset the page was served with\n"
            "      --explain          add \"sources\": where each field came from\n"
            "      --include-comments add the page's comments as \"comments\"\n"
            "      --no-tables        drop tables from the main text\n"
            "      --no-images        drop images from Markdown/HTML\n"
            "      --no-links         drop links from Markdown/HTML\n"
            "      --include LIST     extra JSON fields: html,markdown\n"
            "      --front-matter     Markdown starts with YAML front matter (metadata)\n"
            "      --mode MODE        precision, balanced (default) or recall\n"
            "      --fast             skip the search of visible text for dates\n"
            "      --reference-date D the moment the page was fetched (2021-09-28,\n"
            "                         2021-09-28T10:15:00Z or unix seconds): relative\n"
            "                         dates (\"3 days ago\") count from it and later\n"
            "                         dates are rejected; default: now\n"
            "      --max-bytes N      refuse inputs over N bytes (default 16 MiB)\n"
            "      --pretty           indent the JSON\n"
            "  -j, --jobs N           extract N inputs at once (default 1)\n"
            "  -h, --help             this help\n"
            "\n"
            "Exit codes: 0 all inputs extracted, 1 some input failed, 2 usage error.\n");
}

/* Read a whole file (or stdin for "-"), at most max+1 bytes so an oversize
 * input is reported without reading gigabytes. */
static int read_input(const char *path, size_t max, char **buf, size_t *len,
                      char *errmsg, size_t errlen)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        snprintf(errmsg, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 65536, n = 0;
    char *b = malloc(cap);
    if (!b) {
        snprintf(errmsg, errlen, "out of memory");
        goto fail;
    }
    for (;;) {
        if (n == cap) {
            if (cap > max + 1) {
                break;
            }
            cap *= 2;
            char *nb = realloc(b, cap);
            if (!nb) {
                snprintf(errmsg, errlen, "out of memory");
                goto fail;
            }
            b = nb;
        }
        size_t want = cap - n;
        if (n + want > max + 1)
            want = max + 1 - n;
        if (want == 0)
            break;
        size_t r = fread(b + n, 1, want, f);
        n += r;
        if (r < want) {
            if (ferror(f)) {
                snprintf(errmsg, errlen, "cannot read %s: %s", path, strerror(errno));
                goto fail;
            }
            break;
        }
    }
    if (f != stdin)
        fclose(f);
    *buf = b;
    *len = n;
    return 0;
fail:
    free(b);
    if (f != stdin)
        fclose(f);
    return -1;
}

static char *error_json(const char *source, const char *code, const char *msg)
{
    json_t *o = json_object();
    if (source)
        json_object_set_new(o, "source", json_string(source));
    json_t *e = json_object();
    json_object_set_new(e, "code", json_string(code));
    json_object_set_new(e, "message", json_string(msg));
    json_object_set_new(o, "error", e);
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

/* Extract one input into a printable string. */
static void extract_one(const cli_conf *c, const char *path, cli_slot *slot)
{
    char *buf = NULL;
    size_t len = 0;
    char msg[300];
    const char *src = c->many ? path : NULL;
    if (read_input(path, c->opt.max_input_bytes, &buf, &len, msg, sizeof msg) < 0) {
        slot->out = error_json(src, "io_error", msg);
        slot->failed = 1;
        return;
    }
    lede_error err;
    lede_article *a = lede_extract(buf, len, c->url, c->charset, &c->opt, &err);
    free(buf);
    if (!a) {
        slot->out = error_json(src, lede_strerror(err.code), err.message);
        slot->failed = 1;
        return;
    }
    if (c->format != LEDE_FORMAT_JSON && !c->many) {
        slot->out = lede_render(a, c->format, 0);
    } else {
        char *js = lede_render(a, LEDE_FORMAT_JSON, c->pretty && !c->many);
        if (js && c->many && js[0] == '{') {
            /* Put "source" first: the object already starts with '{'. */
            json_t *jpath = json_string(path);
            char *esc = jpath ? json_dumps(jpath, JSON_ENCODE_ANY) : NULL;
            json_decref(jpath);
            size_t le = esc ? strlen(esc) : 0, lj = strlen(js);
            char *line = esc ? malloc(le + lj + 16) : NULL;
            if (line) {
                memcpy(line, "{\"source\":", 10);
                memcpy(line + 10, esc, le);
                line[10 + le] = ',';
                memcpy(line + 11 + le, js + 1, lj); /* includes the NUL */
            }
            free(esc);
            free(js);
            js = line;
        }
        slot->out = js;
    }
    if (!slot->out) {
        slot->out = error_json(src, "out_of_memory", "rendering failed");
        slot->failed = 1;
    }
    lede_article_free(a);
}

static void *worker(void *arg)
{
    cli_run *r = arg;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        size_t i = r->next++;
        pthread_mutex_unlock(&r->mu);
        if (i >= r->n)
            return NULL;
        cli_slot tmp = {0};
        extract_one(r->conf, r->inputs[i], &tmp);
        pthread_mutex_lock(&r->mu);
        r->slots[i] = tmp;
        r->slots[i].done = 1;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
    }
}

static int print_slot(cli_slot *s, const cli_conf *c)
{
    int failed = s->failed;
    if (s->out) {
        size_t l = strlen(s->out);
        fputs(s->out, stdout);
        if (l == 0 || s->out[l - 1] != '\n')
            fputc('\n', stdout);
        if (failed && !c->many)
            fprintf(stderr, "lede extract: %s\n", s->out);
    }
    free(s->out);
    s->out = NULL;
    return failed;
}

static int parse_format(const char *s, lede_format *f)
{
    if (!strcmp(s, "json")) *f = LEDE_FORMAT_JSON;
    else if (!strcmp(s, "text")) *f = LEDE_FORMAT_TEXT;
    else if (!strcmp(s, "markdown") || !strcmp(s, "md")) *f = LEDE_FORMAT_MARKDOWN;
    else if (!strcmp(s, "html")) *f = LEDE_FORMAT_HTML;
    else return -1;
    return 0;
}

enum {
    OPT_CHARSET = 256, OPT_EXPLAIN, OPT_COMMENTS, OPT_NO_TABLES, OPT_NO_IMAGES,
    OPT_NO_LINKS, OPT_INCLUDE, OPT_MODE, OPT_FAST, OPT_MAX_BYTES, OPT_PRETTY,
    OPT_FRONT_MATTER, OPT_REFERENCE_DATE
};

int cli_extract_main(int argc, char **argv)
{
    cli_conf c;
    memset(&c, 0, sizeof c);
    lede_options_init(&c.opt);
    long jobs = 1;
    static const struct option longopts[] = {
        {"url", required_argument, 0, 'u'},
        {"format", required_argument, 0, 'f'},
        {"jobs", required_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'},
        {"charset", required_argument, 0, OPT_CHARSET},
        {"explain", no_argument, 0, OPT_EXPLAIN},
        {"include-comments", no_argument, 0, OPT_COMMENTS},
        {"no-tables", no_argument, 0, OPT_NO_TABLES},
        {"no-images", no_argument, 0, OPT_NO_IMAGES},
        {"no-links", no_argument, 0, OPT_NO_LINKS},
        {"include", required_argument, 0, OPT_INCLUDE},
        {"mode", required_argument, 0, OPT_MODE},
        {"fast", no_argument, 0, OPT_FAST},
        {"max-bytes", required_argument, 0, OPT_MAX_BYTES},
        {"pretty", no_argument, 0, OPT_PRETTY},
        {"front-matter", no_argument, 0, OPT_FRONT_MATTER},
        {"reference-date", required_argument, 0, OPT_REFERENCE_DATE},
        {0, 0, 0, 0}};
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "u:f:j:h", longopts, NULL)) != -1) {
        char *end;
        switch (ch) {
        case 'u': c.url = optarg; break;
        case 'f':
            if (parse_format(optarg, &c.format) < 0) {
                fprintf(stderr, "lede extract: unknown format '%s'\n", optarg);
                return 2;
            }
            break;
        case 'j':
            jobs = strtol(optarg, &end, 10);
            if (*end || jobs < 1 || jobs > CLI_MAX_JOBS) {
                fprintf(stderr, "lede extract: --jobs wants 1..%d\n", CLI_MAX_JOBS);
                return 2;
            }
            break;
        case 'h': usage(stdout); return 0;
        case OPT_CHARSET: c.charset = optarg; break;
        case OPT_EXPLAIN: c.opt.explain = 1; break;
        case OPT_COMMENTS: c.opt.include_comments = 1; break;
        case OPT_NO_TABLES: c.opt.include_tables = 0; break;
        case OPT_NO_IMAGES: c.opt.include_images = 0; break;
        case OPT_NO_LINKS: c.opt.include_links = 0; break;
        case OPT_INCLUDE: {
            char *list = strdup(optarg), *save = NULL;
            for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
                if (!strcmp(t, "html")) c.opt.want_html = 1;
                else if (!strcmp(t, "markdown")) c.opt.want_markdown = 1;
                else {
                    fprintf(stderr, "lede extract: --include takes html,markdown\n");
                    free(list);
                    return 2;
                }
            }
            free(list);
            break;
        }
        case OPT_MODE:
            if (!strcmp(optarg, "precision")) c.opt.mode = LEDE_MODE_PRECISION;
            else if (!strcmp(optarg, "balanced")) c.opt.mode = LEDE_MODE_BALANCED;
            else if (!strcmp(optarg, "recall")) c.opt.mode = LEDE_MODE_RECALL;
            else {
                fprintf(stderr, "lede extract: --mode wants precision, balanced or recall\n");
                return 2;
            }
            break;
        case OPT_FAST: c.opt.date_extensive = 0; break;
        case OPT_MAX_BYTES: {
            unsigned long long v = strtoull(optarg, &end, 10);
            if (*end || v == 0) {
                fprintf(stderr, "lede extract: --max-bytes wants a positive number\n");
                return 2;
            }
            c.opt.max_input_bytes = (size_t)v;
            break;
        }
        case OPT_PRETTY: c.pretty = 1; break;
        case OPT_FRONT_MATTER: c.opt.front_matter = 1; break;
        case OPT_REFERENCE_DATE:
            if (lede_parse_time(optarg, &c.opt.reference_time) < 0 || c.opt.reference_time == 0) {
                fprintf(stderr, "lede extract: --reference-date wants 2021-09-28, "
                                "2021-09-28T10:15:00Z or unix seconds (got '%s')\n", optarg);
                return 2;
            }
            break;
        default:
            usage(stderr);
            return 2;
        }
    }
    int n = argc - optind;
    if (n < 1) {
        fprintf(stderr, "lede extract: no input (give a FILE, or - for stdin)\n\n");
        usage(stderr);
        return 2;
    }
    if (c.format == LEDE_FORMAT_MARKDOWN)
        c.opt.want_markdown = 1;
    if (c.format == LEDE_FORMAT_HTML)
        c.opt.want_html = 1;
    c.many = n > 1;

    lede_global_init();
    cli_run r;
    memset(&r, 0, sizeof r);
    r.conf = &c;
    r.inputs = argv + optind;
    r.n = (size_t)n;
    r.slots = calloc((size_t)n, sizeof *r.slots);
    if (!r.slots) {
        fprintf(stderr, "lede extract: out of memory\n");
        return 1;
    }
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cv, NULL);
    if (jobs > n)
        jobs = n;
    pthread_t tids[CLI_MAX_JOBS];
    long started = 0;
    for (long i = 1; i < jobs; i++)
        if (pthread_create(&tids[started], NULL, worker, &r) == 0)
            started++;
    int failed = 0;
    /* The main thread extracts too, and prints slots in input order. */
    size_t printed = 0;
    while (printed < r.n) {
        pthread_mutex_lock(&r.mu);
        int ready = r.slots[printed].done;
        size_t take = r.n;
        if (!ready && r.next < r.n)
            take = r.next++;
        while (!ready && take == r.n && !r.slots[printed].done)
            pthread_cond_wait(&r.cv, &r.mu);
        pthread_mutex_unlock(&r.mu);
        if (take < r.n) {
            cli_slot tmp = {0};
            extract_one(&c, r.inputs[take], &tmp);
            pthread_mutex_lock(&r.mu);
            r.slots[take] = tmp;
            r.slots[take].done = 1;
            pthread_mutex_unlock(&r.mu);
            continue;
        }
        failed |= print_slot(&r.slots[printed], &c);
        printed++;
        fflush(stdout);
    }
    for (long i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    pthread_mutex_destroy(&r.mu);
    pthread_cond_destroy(&r.cv);
    free(r.slots);
    lede_global_cleanup();
    return failed ? 1 : 0;
}
