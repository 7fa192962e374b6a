/* frontend.h — the ways dwh talks to a person: batch (-c, -f, stdin), the plain line prompt,
 * and the curses console. Each installs its own struct dwh_out and runs commands through
 * cmd_dispatch(). */
#ifndef DWH_FRONTEND_H
#define DWH_FRONTEND_H

#include "dwh.h"

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
