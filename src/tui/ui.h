/* ui.h — the console's parts and how they meet: the model (what to show), the drawing thread's
 * screen state, the worker thread that runs commands and the probe that watches the server.
 * Curses is only called on the drawing thread. */
#ifndef DWH_TUI_UI_H
#define DWH_TUI_UI_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/dwh.h"
#include "tui/layout.h"
#include "tui/model.h"
#include "tui/theme.h"

#define WORKER_QUEUE 16         /* type-ahead: lines typed while a command runs */

struct worker {
	pthread_t th;
	bool running;           /* a thread exists (joined by the drawing thread when done) */
	atomic_int done;        /* set by the thread as it finishes */
	atomic_int answered;    /* the command itself is over; only its aftermath runs (counts) */
	char *text;             /* the command being run ("" the first connect) */
	char *queue[WORKER_QUEUE]; /* lines typed while one runs (or while connecting), in order */
	int nqueued;
	PGcancel *cancel;       /* taken before the command, for Ctrl-C */
	double started;
	bool catalog_known;     /* completion has the server's table and column names */
	bool runs_known;        /* the pipeline pane has read the run log once */
	int rc;                 /* the enum dwh_rc of the last command that finished */
};

struct probe {
	pthread_t th;
	bool running;
	atomic_int stop, exited;
	PGconn *conn;           /* the probe's own connection, never s->conn */
};

/* A password the worker waits for while the drawing thread reads it (password.c); under the
 * model lock. */
struct pwask {
	bool active;            /* the prompt line is asking */
	bool answered, ok;      /* set by the drawing thread; ok: Enter, not Esc */
	bool echo;              /* a question (confirm), not a password: what is typed shows */
	char prompt[192];
	char buf[256];
	size_t len;
	pthread_cond_t cv;
};

#define MOUSE_COLS 256

struct ui {
	struct dwh *s;
	struct model m;
	struct worker w;
	struct probe pr;
	struct layout lay;
	struct pwask pw;

	/* Theme: `want` is set by the `theme` command (any thread, under the model lock) and
	 * applied by the drawing thread. */
	struct theme theme, want;
	bool want_theme;
	int ncolors;            /* 0: monochrome */
	bool utf8;

	bool quit;
	bool quit_req;          /* `quit` ran on the worker (under the model lock) */
	bool help;              /* the F1 overlay is up */
	int help_top;           /* its first line shown (help.c) */
	enum layout_mode layout_mode;   /* `layout focus` / F9 (under the model lock) */
	struct tour_ui *tour;   /* a tour being stepped through (tour_ui.c), NULL when none */
	bool winch;             /* SIGWINCH seen */
	/* The result browser (browse.c): Esc or F6 gives it the keys, the same key, q or i
	 * gives them back to the prompt (whose line is kept). */
	bool browse;
	int searching;          /* typing a search: '/' forward, '?' backward, 0 not */
	char search_in[256];    /* what is typed so far */
	char search[256];       /* the last search, for n and N and the highlight */
	int search_dir;         /* 1 forward, -1 backward */
	char notice[160];       /* a one-off word in the result's footer ("not found") */
	struct {                /* clipboard.c: P, y, Y, v (under the model lock) */
		bool marking;   /* v: a range from (mrow, mcol) to the cursor */
		long mrow;
		int mcol;
		char *text;     /* what was copied last, for copy-to */
		long cells;
		PGresult *pivot;        /* P's pivot, added once the lock is let go */
	} clip;
	struct {                /* mouse.c (drawing thread; want under the model lock) */
		bool on;
		int want;       /* `set mouse`: 1 on, -1 off, 0 nothing asked */
		bool grid;      /* a grid was drawn last: where its header and columns are */
		int hy, x0, n;
		long top;
		int cols[MOUSE_COLS], xs[MOUSE_COLS];
	} mouse;
	char *dump_path;        /* DWH_SCREEN_DUMP */

	/* screenshot requests from the worker: path in, rc out, under the model lock */
	char *shot_path;
	int shot_rc;            /* 0, or the errno of a failed dump */
	bool shot_done;
	pthread_cond_t shot_cv;         /* also signals term_done */
	/* a program that needs the terminal (\e's editor), run by the drawing thread off-screen */
	char *const *term_argv;
	int term_rc;
	bool term_done;
};

/* The console a callback belongs to, found from what it is given rather than kept in a global
 * of each file: model_install_out makes the console's model (u->m) the session's s->out.ctx,
 * which a dwh_out callback gets as ctx; front-end hooks get the session. Both hold while
 * tui_run runs, which is as long as the callbacks and hooks are installed. (readline's
 * callbacks get nothing: prompt.c keeps the console for them, the one such global.) */
static inline struct ui *ui_of_model(void *ctx)
{
	return (struct ui *)(void *)((char *)ctx - offsetof(struct ui, m));
}

static inline struct ui *ui_of_session(struct dwh *s)
{
	return ui_of_model(s->out.ctx);
}

/* draw.c: the whole screen from the model */
void draw_screen(struct ui *u);
/* paint.c (its curses-typed primitives are in paint.h): the theme's colours on the terminal */
void draw_apply_theme(struct ui *u);
/* Text in an element's style from display column `skip` of s, clipped to w columns, the rest
 * of the w columns blanked. Returns the columns the text took. */
int draw_text(struct ui *u, int y, int x, int w, int skip, const char *s, enum theme_el el);
/* Text of one pane as shown (UTF-8, trailing blanks trimmed, one line per row). */
void dump_pane(struct ui *u, enum pane p, FILE *f);
/* Every pane, each under a `== name ==` heading. 0 or -1 (errno). */
int dump_screen(struct ui *u, const char *path);

/* grid.c: the Result pane (grid, record view, text, chart) */
/* help.c: the F1 overlay, drawn over the screen; a key while it is up */
void help_draw(struct ui *u);
void help_key(struct ui *u, int c);

void grid_draw(struct ui *u, struct rect r);
/* Rows of data the pane shows at its current size (for paging). */
int grid_page(const struct ui *u);
/* Shift-Left/Right (dir -1, 1): a text sideways half a pane; rows: through a value wider than
 * the pane half a pane at a time, else to the next column. Lock held. */
void grid_sideways(struct ui *u, struct model_result *r, int dir);
/* A text's footer while browsing: "browsing — Esc returns to the prompt" before what it says,
 * or the search being typed, or the browser's notice. */
void browse_footer(const struct ui *u, char *foot, size_t n);
/* The focused pane's sides and corners in the theme's focus style. */
void draw_box_focus(const struct ui *u, struct rect r);

/* psqlview.c: a result's rows as psql prints them under \x on and \pset (lines made from the
 * rows when they change), drawn as a text you scroll and search */
void psqlview_draw(struct ui *u, struct model_result *r, struct rect rc, const char *title);
/* The lines of a text or psql-view result (NULL, 0 for a grid), and the first shown. */
char **result_lines(struct model_result *r, int *n, long **top);

/* browse.c: keys while the result has focus; false when the key is not the browser's */
bool browse_key(struct ui *u, int key);

/* prompt.c */
void prompt_init(struct ui *u);
void prompt_done(struct ui *u);
/* Feed one key from curses (a byte or a KEY_* code readline should see). */
void prompt_key(struct ui *u, int key);
/* Draw the prompt line and place the cursor there. */
void prompt_draw(struct ui *u);
/* A statement is pending (SQL in the query buffer, or an earlier line of it being edited). */
bool prompt_pending(struct ui *u);
/* Drop the line being typed (and any pending SQL). */
void prompt_clear(struct ui *u);
/* After an ESC: when it begins a bracketed paste (ESC[200~ ... ESC[201~), put the pasted text
 * into the line as it is and return true; otherwise give the keys back and return false. */
bool prompt_paste(struct ui *u);
/* Set the prompt from the query buffer and the transaction (after a command, a \r...). */
void prompt_refresh(struct ui *u);
/* psql's prompt: "dwh> ", "dwh=*> " in a transaction, "dwh=!> " in a failed one; while a
 * statement is unfinished "dwh-> ", "dwh'> ", "dwh(> "... (`state` from sqlscan_state, 0 when
 * none is pending; `xact` a PGTransactionStatusType). Shared with the plain prompt. */
void prompt_format(char *buf, size_t n, char state, int xact);

/* worker.c */
/* Start running a command, or queue it behind the one running (WORKER_QUEUE lines at most);
 * false (and a message in the log) when it cannot. */
bool worker_start(struct ui *u, const char *text);
/* Ctrl-C: cancel the running statement and drop the queued lines. */
void worker_cancel(struct ui *u);
/* Join a finished worker (and start the next queued line); true when one finished. */
bool worker_reap(struct ui *u);
void worker_drop_queue(struct ui *u);
bool worker_busy(struct ui *u);

/* password.c: the console's dwh_out password callback */
void password_install(struct ui *u);
/* Take a key while a password is asked; false when none is (the key is not for it). */
bool password_key(struct ui *u, int c);
/* Draw the password prompt instead of the command line; false when none is asked. */
bool password_draw(struct ui *u);
/* Leaving: a password still asked for gets no answer. */
void password_abort(struct ui *u);

/* probe.c */
void probe_start(struct ui *u);
void probe_stop(struct ui *u);

/* tour_ui.c: the tour in the console (s->hooks.tour) */
void tour_ui_install(struct ui *u);
void tour_ui_remove(struct ui *u);
/* A key for the tour (Enter, Backspace on an empty line); false when it is not one. */
bool tour_key(struct ui *u, int c);
/* Start the step's next command when the worker is free (drawing thread, every loop). */
void tour_tick(struct ui *u);
/* Rows the card of the step shown wants at this width (0: no tour); model lock held. */
int tour_card_rows(const struct ui *u, int cols);
void tour_draw(struct ui *u, struct rect r);

/* tour_plain.c: between the steps of a tour at the --plain prompt (s->hooks.tour_pause) */
int tour_plain_pause(struct dwh *s, int i, int n);

/* focus.c: `layout focus` (s->hooks.layout) and its summary line */
void focus_install(struct ui *u);
void focus_toggle(struct ui *u);
void focus_draw_summary(struct ui *u, struct rect r);

/* hooks.c */
void hooks_install(struct ui *u);
/* clipboard.c: the browser's P, y, Y, v (true when taken; lock held), then P's result added
 * (lock not held); the console's copy-to hook. */
bool clipboard_key(struct ui *u, struct model_result *r, int c);
void clipboard_after(struct ui *u);
void clipboard_install(struct ui *u);
/* catalog.c: the `catalog` tree's keys on a result that shows it (true when taken; lock
 * held; *cmd gets a preview or \d to run, else ""), and s->hooks.catalog. */
bool catalog_key(struct ui *u, struct model_result *r, int key, char *cmd, size_t n);
void catalog_install(struct ui *u);
/* mouse.c: curses' mouse on or off, a KEY_MOUSE, where grid.c drew the grid (its header row,
 * first screen column, first row, and each shown column's index and offset), `set mouse`. */
void mouse_enable(struct ui *u, bool on);
void mouse_event(struct ui *u);
void mouse_note_grid(struct ui *u, int hy, int x0, long top, const int *cols, const int *xs, int n);
void mouse_apply(struct ui *u);
void mouse_install(struct ui *u);
void hooks_remove(struct ui *u);

/* complete.c, history.c: shared with the plain prompt */
void complete_install(struct dwh *s);
void complete_refresh_catalog(struct dwh *s);
void complete_set_pending(bool in_sql);
void history_open(void);
void history_add_entry(const char *line);
void history_close(void);
bool history_has_password(const char *line);

#endif
