/* cmd.h — one table of commands serves every front end (the console prompt, -c, -f, help and
 * tab completion), as tmux's cmd_table does. Each command lives in its own cmd_*.c file that
 * defines one `const struct dwh_cmd cmd_NAME` and is listed once in cmd_table.c. */
#ifndef DWH_CMD_H
#define DWH_CMD_H

#include <stdbool.h>

#include "dwh.h"

struct dwh_cmd {
	const char *name;               /* first word at the prompt */
	const char *args;               /* usage of the arguments, "" for none */
	const char *help;               /* one line for `help` */
	const char *detail;             /* longer text for `help NAME`, may be NULL */
	const char *const *words;       /* completions for the first argument, NULL-terminated */
	bool needs_conn;                /* connect before running */
	/* argv[0] is the command's name. Returns an enum dwh_rc; on failure s->err says why. */
	int (*exec)(struct dwh *s, int argc, char **argv);
};

extern const struct dwh_cmd *const cmd_table[];

const struct dwh_cmd *cmd_find(const char *name);

/* Whether `line` (a complete line, as typed) is a dwh command rather than SQL: its first word
 * names a command and it does not end with ';'. */
bool cmd_is_command(const char *line);

/* Run one complete unit: a command line or SQL text (one or more statements). Connects first
 * when needed. Errors are reported through s->out before returning. */
int cmd_run(struct dwh *s, const char *text);
/* Run a command given as words (argv[0] is its name), e.g. from dwh's own command line. */
int cmd_run_argv(struct dwh *s, int argc, char **argv);

/* Split a command line into words (shell-like quoting with ' and "). Returns argc, or -1 when
 * a quote is not closed. *argv is malloc'd; free it and (*argv)[0]'s storage with cmd_free_argv. */
int cmd_split(const char *line, char ***argv);
void cmd_free_argv(char **argv);

#endif
