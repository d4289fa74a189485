/* config.h - settings of `lede serve`, from flags and LEDE_* environment
 * variables (a flag wins over the environment, which wins over defaults). */
#ifndef LEDE_CONFIG_H
#define LEDE_CONFIG_H

#include <stddef.h>
#include <stdio.h>

#include "fetch.h"

#define CONFIG_DEFAULT_PORT        8080
#define CONFIG_DEFAULT_BIND        "0.0.0.0"
#define CONFIG_DEFAULT_QUEUE       256            /* jobs waiting for a worker before 503 */
#define CONFIG_DEFAULT_MAX_BODY    (16u << 20)    /* same as the library's input limit */
#define CONFIG_DEFAULT_BODY_TOTAL  (256u << 20)   /* request bodies held at once: 16 of the largest */
#define CONFIG_DEFAULT_CACHE_SIZE  (256u << 20)
#define CONFIG_DEFAULT_CACHE_TTL   3600           /* seconds */
#define CONFIG_DEFAULT_DRAIN       10             /* seconds to finish in-flight work on SIGTERM */
#define CONFIG_DEFAULT_IDLE        30             /* seconds before an idle connection is closed */
#define CONFIG_DEFAULT_MAX_CONN    1000           /* below the usual 1024 fd limit */
#define CONFIG_DEFAULT_REDIS_TIMEOUT_MS 100       /* a loopback/LAN GET takes well under 1 ms */
#define CONFIG_DEFAULT_REDIS_MAX_VALUE  (1u << 20) /* larger results stay in this replica */
#define CONFIG_RATE_SLOTS          65536          /* clients tracked at once (2.5 MB) */

typedef struct {
    int port;              /* 0 = any free port (printed on stderr) */
    char bind[64];
    int threads;           /* workers; 0 = one per core */
    int queue;             /* bounded queue length */
    size_t max_body;
    size_t max_body_total; /* bytes of request bodies held at once, all connections */
    size_t cache_size;     /* bytes; 0 disables the cache */
    long cache_ttl;        /* seconds */
    int drain_timeout;     /* seconds */
    int idle_timeout;      /* seconds */
    int max_connections;
    int quiet;             /* no access log */
    char redis_url[256];   /* "" = no second-level cache */
    long redis_timeout_ms; /* connect and per-command timeout */
    size_t redis_max_value;
    double rate_limit;     /* requests/s per client on extraction routes; 0 = off */
    double rate_burst;     /* bucket size; 0 = 2 x rate_limit */
    fetch_config fetch;    /* user_agent points into user_agent_buf */
    char user_agent_buf[256];
} srv_config;

/* Parse argv (argv[0] = "serve") over env and defaults.
 * Returns 0 to run, 1 when --help was printed, -1 on a usage error
 * (message in err). */
int config_load(srv_config *c, int argc, char **argv, char *err, size_t errlen);
void config_usage(FILE *f);

#endif
