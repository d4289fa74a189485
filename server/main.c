/* main.c - the `lede` binary: dispatches to `lede extract` (cli.c) and
 * `lede serve` (serve.c). Nothing else lives here. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lede.h"
#include "serve.h"

static void usage(FILE *f)
{
    fprintf(f,
            "lede %s - article extraction: main text and metadata from web pages\n"
            "\n"
            "Usage:\n"
            "  lede extract [options] FILE|-        extract one page (JSON on stdout)\n"
            "  lede extract [options] FILE...       several pages (JSON Lines)\n"
            "  lede serve [options]                 run the HTTP service\n"
            "  lede --version | --help\n"
            "\n"
            "`lede extract --help` and `lede serve --help` list the options.\n"
            "Exit codes: 0 all inputs extracted, 1 some input failed, 2 usage error.\n",
            LEDE_VERSION);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V") || !strcmp(cmd, "version")) {
        printf("lede %s\n", LEDE_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "extract"))
        return cli_extract_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve"))
        return serve_main(argc - 1, argv + 1);
    fprintf(stderr, "lede: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return 2;
}
