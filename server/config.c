/* config.c - `lede serve` settings: defaults, then LEDE_* environment
 * variables, then command-line flags.
 *
 * Every setting is one row of config_table (flag, variable, kind, where it
 * goes, help line), so --help, the environment and the flags cannot drift
 * apart: adding a setting is adding a row. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"

typedef enum { OPT_INT, OPT_SIZE, OPT_SECONDS_MS, OPT_SECONDS, OPT_STRING, OPT_FLAG, OPT_RATE } opt_kind;

typedef struct {
    const char *flag;  /* long option name */
    const char *env;   /* environment variable */
    opt_kind kind;
    size_t off;        /* offset into srv_config */
    size_t size;       /* for OPT_STRING: buffer size */
    const char *arg;   /* argument name in --help */
    const char *help;
} config_opt;

#define OFF(f) offsetof(srv_config, f)

static const config_opt config_table[] = {
    {"port", "LEDE_PORT", OPT_INT, OFF(port), 0, "N",
     "TCP port (default 8080; 0 = any free port)"},
    {"bind", "LEDE_BIND", OPT_STRING, OFF(bind), sizeof(((srv_config *)0)->bind), "ADDR",
     "address to listen on (default 0.0.0.0; IPv6 accepted)"},
    {"threads", "LEDE_THREADS", OPT_INT, OFF(threads), 0, "N",
     "extraction/fetch workers (default: one per core)"},
    {"queue", "LEDE_QUEUE", OPT_INT, OFF(queue), 0, "N",
     "jobs waiting for a worker; beyond it 503 + Retry-After (default 256)"},
    {"max-body", "LEDE_MAX_BODY", OPT_SIZE, OFF(max_body), 0, "BYTES",
     "largest POST /parse body, else 413 (default 16M)"},
    {"max-body-total", "LEDE_MAX_BODY_TOTAL", OPT_SIZE, OFF(max_body_total), 0, "BYTES",
     "request bodies held in memory at once over all connections; beyond it 503 + Retry-After "
     "(default 256M, at least --max-body)"},
    {"cache-size", "LEDE_CACHE_SIZE", OPT_SIZE, OFF(cache_size), 0, "BYTES",
     "in-memory result cache, LRU by bytes; 0 disables (default 256M)"},
    {"cache-ttl", "LEDE_CACHE_TTL", OPT_SECONDS, OFF(cache_ttl), 0, "SECONDS",
     "lifetime of a cached result (default 3600)"},
    {"fetch-timeout", "LEDE_FETCH_TIMEOUT", OPT_SECONDS_MS, OFF(fetch.total_timeout_ms), 0,
     "SECONDS", "whole upstream fetch incl. redirects, else 504 (default 15)"},
    {"connect-timeout", "LEDE_CONNECT_TIMEOUT", OPT_SECONDS_MS, OFF(fetch.connect_timeout_ms), 0,
     "SECONDS", "upstream connect, per hop (default 5)"},
    {"fetch-max-bytes", "LEDE_FETCH_MAX_BYTES", OPT_SIZE, OFF(fetch.max_bytes), 0, "BYTES",
     "largest upstream body on the wire, else 502 (default 10M)"},
    {"fetch-max-decoded", "LEDE_FETCH_MAX_DECODED", OPT_SIZE, OFF(fetch.max_decoded_bytes), 0,
     "BYTES", "largest upstream body after gzip/deflate/br (default 16M)"},
    {"user-agent", "LEDE_USER_AGENT", OPT_STRING, OFF(user_agent_buf),
     sizeof(((srv_config *)0)->user_agent_buf), "UA", "User-Agent sent upstream"},
    {"allow-private-networks", "LEDE_ALLOW_PRIVATE_NETWORKS", OPT_FLAG, OFF(fetch.allow_private),
     0, NULL, "let /article fetch loopback/private addresses (tests, local use)"},
    {"drain-timeout", "LEDE_DRAIN_TIMEOUT", OPT_SECONDS, OFF(drain_timeout), 0, "SECONDS",
     "on SIGTERM, time allowed to finish in-flight requests (default 10)"},
    {"idle-timeout", "LEDE_IDLE_TIMEOUT", OPT_SECONDS, OFF(idle_timeout), 0, "SECONDS",
     "close connections idle that long (default 30)"},
    {"max-connections", "LEDE_MAX_CONNECTIONS", OPT_INT, OFF(max_connections), 0, "N",
     "concurrent client connections (default 1000)"},
    {"quiet", "LEDE_QUIET", OPT_FLAG, OFF(quiet), 0, NULL, "no access log lines"},
    {"redis", "LEDE_REDIS_URL", OPT_STRING, OFF(redis_url), sizeof(((srv_config *)0)->redis_url),
     "URL", "shared second-level cache redis://host[:port][/db] (default off)"},
    {"redis-timeout", "LEDE_REDIS_TIMEOUT", OPT_SECONDS_MS, OFF(redis_timeout_ms), 0, "SECONDS",
     "Redis connect/command timeout, then go on without it (default 0.1)"},
    {"redis-max-value", "LEDE_REDIS_MAX_VALUE", OPT_SIZE, OFF(redis_max_value), 0, "BYTES",
     "larger results are not written to Redis (default 1M)"},
    {"rate-limit", "LEDE_RATE_LIMIT", OPT_RATE, OFF(rate_limit), 0, "PER_SECOND",
     "requests per second per client address to /parse and /article, else 429 + "
     "Retry-After; IPv6 clients counted per /64 (default 0 = no limit)"},
    {"rate-burst", "LEDE_RATE_BURST", OPT_RATE, OFF(rate_burst), 0, "N",
     "requests a client may send at once before the rate applies (default: 2 x rate, "
     "at least 1)"},
};
#define CONFIG_N (sizeof config_table / sizeof config_table[0])

void config_usage(FILE *f)
{
    fprintf(f, "Usage: lede serve [options]\n\n"
               "Run the HTTP service (POST /parse, GET /article, /healthz, /readyz,\n"
               "/metrics, /openapi.yaml, /version). Each option can also be set by the\n"
               "environment variable shown; a flag wins. Sizes take K, M, G suffixes\n"
               "(powers of 1024); seconds may be fractional for fetch timeouts.\n\n"
               "Options:\n");
    for (size_t i = 0; i < CONFIG_N; i++) {
        const config_opt *o = &config_table[i];
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", o->flag, o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(f, "  %-30s %s\n  %-30s [env %s]\n", left, o->help, "", o->env);
    }
    fprintf(f, "  %-30s %s\n", "-h, --help", "this help");
}

/* "16M", "1024", "2g" -> bytes. */
static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || v < 0)
        return -1;
    double mul = 1;
    if (*end) {
        switch (*end) {
        case 'k': case 'K': mul = 1024.0; break;
        case 'm': case 'M': mul = 1024.0 * 1024; break;
        case 'g': case 'G': mul = 1024.0 * 1024 * 1024; break;
        default: return -1;
        }
        end++;
        if (*end == 'i' || *end == 'I')
            end++;
        if (*end == 'b' || *end == 'B')
            end++;
        if (*end)
            return -1;
    }
    v *= mul;
    if (v > (double)(SIZE_MAX / 2))
        return -1;
    *out = (size_t)v;
    return 0;
}

static int parse_bool(const char *s)
{
    if (!strcmp(s, "1") || !strcasecmp(s, "true") || !strcasecmp(s, "yes") || !strcasecmp(s, "on"))
        return 1;
    if (!strcmp(s, "0") || !strcasecmp(s, "false") || !strcasecmp(s, "no") || !strcasecmp(s, "off") ||
        !*s)
        return 0;
    return -1;
}

static int apply(srv_config *c, const config_opt *o, const char *val, char *err, size_t errlen)
{
    char *p = (char *)c + o->off;
    char *end;
    errno = 0;
    switch (o->kind) {
    case OPT_INT: {
        long v = strtol(val, &end, 10);
        if (end == val || *end || errno || v < 0 || v > 1000000)
            goto bad;
        *(int *)p = (int)v;
        return 0;
    }
    case OPT_SIZE:
        if (parse_size(val, (size_t *)p))
            goto bad;
        return 0;
    case OPT_SECONDS: {
        long v = strtol(val, &end, 10);
        if (end == val || *end || errno || v < 0 || v > 100000000)
            goto bad;
        if (o->off == OFF(cache_ttl))
            *(long *)p = v;
        else
            *(int *)p = (int)v;
        return 0;
    }
    case OPT_SECONDS_MS: {
        double v = strtod(val, &end);
        if (end == val || *end || errno || v <= 0 || v > 86400)
            goto bad;
        *(long *)p = (long)(v * 1000.0 + 0.5);
        return 0;
    }
    case OPT_STRING:
        if (strlen(val) >= o->size)
            goto bad;
        memcpy(p, val, strlen(val) + 1);
        return 0;
    case OPT_RATE: {
        double v = strtod(val, &end);
        if (end == val || *end || errno || !(v >= 0) || v > 1e6)
            goto bad;
        *(double *)p = v;
        return 0;
    }
    case OPT_FLAG: {
        int b = parse_bool(val);
        if (b < 0)
            goto bad;
        *(int *)p = b;
        return 0;
    }
    }
bad:
    snprintf(err, errlen, "invalid value '%s' for --%s (%s)", val, o->flag, o->env);
    return -1;
}

static void config_defaults(srv_config *c)
{
    memset(c, 0, sizeof *c);
    c->port = CONFIG_DEFAULT_PORT;
    snprintf(c->bind, sizeof c->bind, "%s", CONFIG_DEFAULT_BIND);
    c->queue = CONFIG_DEFAULT_QUEUE;
    c->max_body = CONFIG_DEFAULT_MAX_BODY;
    c->max_body_total = CONFIG_DEFAULT_BODY_TOTAL;
    c->cache_size = CONFIG_DEFAULT_CACHE_SIZE;
    c->cache_ttl = CONFIG_DEFAULT_CACHE_TTL;
    c->drain_timeout = CONFIG_DEFAULT_DRAIN;
    c->idle_timeout = CONFIG_DEFAULT_IDLE;
    c->max_connections = CONFIG_DEFAULT_MAX_CONN;
    c->redis_timeout_ms = CONFIG_DEFAULT_REDIS_TIMEOUT_MS;
    c->redis_max_value = CONFIG_DEFAULT_REDIS_MAX_VALUE;
    fetch_config_defaults(&c->fetch);
    snprintf(c->user_agent_buf, sizeof c->user_agent_buf, "%s",
             c->fetch.user_agent ? c->fetch.user_agent : FETCH_DEFAULT_USER_AGENT);
}

int config_load(srv_config *c, int argc, char **argv, char *err, size_t errlen)
{
    config_defaults(c);
    for (size_t i = 0; i < CONFIG_N; i++) {
        const char *v = getenv(config_table[i].env);
        if (v && apply(c, &config_table[i], v, err, errlen))
            return -1;
    }

    struct option longopts[CONFIG_N + 2];
    for (size_t i = 0; i < CONFIG_N; i++) {
        longopts[i].name = config_table[i].flag;
        longopts[i].has_arg = config_table[i].kind == OPT_FLAG ? optional_argument : required_argument;
        longopts[i].flag = NULL;
        longopts[i].val = 256 + (int)i;
    }
    longopts[CONFIG_N] = (struct option){"help", no_argument, NULL, 'h'};
    longopts[CONFIG_N + 1] = (struct option){0, 0, 0, 0};

    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (ch == 'h') {
            config_usage(stdout);
            return 1;
        }
        if (ch >= 256 && ch < 256 + (int)CONFIG_N) {
            const config_opt *o = &config_table[ch - 256];
            const char *val = optarg ? optarg : "1";
            if (apply(c, o, val, err, errlen))
                return -1;
            continue;
        }
        if (ch == ':')
            snprintf(err, errlen, "option %s needs a value", argv[optind - 1]);
        else
            snprintf(err, errlen, "unknown option %s", argv[optind - 1]);
        return -1;
    }
    if (optind < argc) {
        snprintf(err, errlen, "unexpected argument '%s'", argv[optind]);
        return -1;
    }
    if (c->port > 65535) {
        snprintf(err, errlen, "--port must be 0..65535");
        return -1;
    }
    if (c->threads == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        c->threads = n > 0 ? (int)n : 1;
    }
    if (c->threads > 1024)
        c->threads = 1024;
    if (c->queue < 1)
        c->queue = 1;
    if (c->max_connections < 1)
        c->max_connections = 1;
    if (c->max_body_total < c->max_body) /* one largest body always fits when idle */
        c->max_body_total = c->max_body;
    if (c->rate_limit > 0 && c->rate_burst < 1)
        c->rate_burst = c->rate_limit * 2 < 1 ? 1 : c->rate_limit * 2;
    c->fetch.user_agent = c->user_agent_buf;
    return 0;
}
