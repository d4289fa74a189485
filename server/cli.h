/* cli.h - `lede extract`, the command-line face of the library. */
#ifndef LEDE_CLI_H
#define LEDE_CLI_H
/* argv[0] is "extract". Returns the process exit code (0, 1 or 2). */
int cli_extract_main(int argc, char **argv);
#endif
