/* frontend.h — the ways dwh talks to a person: batch (-c, -f, stdin), the plain line prompt,
 * and the curses console. Each installs its own struct dwh_out and runs commands through
 * cmd_dispatch(). */
#ifndef DWH_FRONTEND_H
#define DWH_FRONTEND_H

#include "base/dwh.h"

struct tour;

/* Batch output: results and messages to stdout, errors to stderr (CSV with --csv). */
void batch_install_out(struct dwh *s);
/* Run -c commands in order; the first failure stops. Returns the exit code. */
int batch_commands(struct dwh *s, int n, char **cmds);
/* Run a script (path "-" is stdin). Returns the exit code. */
int batch_script(struct dwh *s, const char *path);

/* The console (ncurses) and the plain readline prompt. Return the exit code. */
int tui_run(struct dwh *s);
int plain_run(struct dwh *s);

/* Commands whose effect belongs to a front end (theme, screenshot, quit) reach the running one
 * through these hooks; a NULL hook means this front end has no such thing (batch mode), and the
 * command says so. Hooks are called on the thread that runs commands and return an enum
 * dwh_rc with s->err set on failure. Defined in cmd_quit.c; the console fills them in. */
struct frontend_hooks {
	int (*theme)(struct dwh *s, const char *name);      /* NULL name: list the themes */
	int (*screenshot)(struct dwh *s, const char *path); /* dump each pane's text to a file */
	int (*quit)(struct dwh *s);                         /* leave once this command is done */
	int (*results)(struct dwh *s, int id);              /* 0: list the kept results; N: show N */
	int (*freeze)(struct dwh *s, int n);                /* columns kept at the left of the grid */
	int (*chart)(struct dwh *s);                        /* the current result as a chart */
	/* `export`: the current result's SQL when it came from a statement (malloc'd), else NULL;
	 * and writing the current result from memory (fmt: enum export_fmt). */
	char *(*result_sql)(struct dwh *s);
	int (*export_rows)(struct dwh *s, int fmt, const char *path, bool force, long *rows);
	bool stdout_ok;                                     /* `export ... -` may write stdout */
	/* Run a program that needs the terminal (\e's editor): its exit status, or -1. NULL:
	 * the terminal is free, the engine runs it itself. */
	int (*terminal)(struct dwh *s, char *const argv[]);
	/* `log`: the whole session log shown to browse (the console keeps one). */
	int (*log)(struct dwh *s);
	/* `tour`: the console takes the tour over (and frees it) and steps it with keys. */
	int (*tour)(struct dwh *s, struct tour *t);
	/* `tour` at a line prompt: after step i of n, wait for the person; returns the step to
	 * show next (n: the end) or -1 to leave. NULL (batch mode): every step runs in turn. */
	int (*tour_pause)(struct dwh *s, int i, int n);
	/* `layout [focus|normal]`: the console's pane arrangement (NULL name: toggle). */
	int (*layout)(struct dwh *s, const char *name);
};
extern struct frontend_hooks frontend_hooks;

#endif
