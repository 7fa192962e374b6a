/* model.h — what the console shows, as plain data: the connection, table counts, pipeline
 * stages, the last result and the log. The engine's callbacks (on the worker thread) write it
 * under its mutex and wake the drawing thread; the drawing thread reads it under the same
 * mutex. No curses here. */
#ifndef DWH_TUI_MODEL_H
#define DWH_TUI_MODEL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/dwh.h"
#include "view/rows.h"

#define MODEL_TABLES 8          /* the 7 warehouse tables + load_errors */
#define MODEL_STAGES 8
#define MODEL_LOG    1000       /* lines kept */
#define MODEL_RESULT_MAX 100000 /* result rows kept for the Result pane */

enum conn_state { CS_CONNECTING, CS_READY, CS_BUSY, CS_LOST, CS_FAILED };

struct model_stage {
	const char *name;
	enum stage_state state;
	int64_t rows;           /* < 0 unknown */
	double secs;
	double started;         /* dwh_now() when it began running */
	unsigned long epoch;    /* the command (model.epoch) that last reported it */
	bool has_progress;
	struct dwh_progress p;  /* last progress (p.stage is not kept) */
	/* its last run as the warehouse's run log tells it (read after every command) */
	bool logged;
	time_t finished;        /* wall clock, for "2 h ago" */
	char stale[192];        /* why it no longer holds, "" when it does */
	char figs[320];         /* what its last run did, every figure named ("97 rows (+5 new,
				 * 2 changed)"), from the run log; "" when not known */
};

/* One statement's or command's answer, kept in the history of results (`results`, [ and ]). */
enum res_kind { RES_ROWS, RES_TEXT, RES_TAG, RES_ERROR };

struct model_result {
	int id;                 /* 1, 2, ... in the order they came */
	enum res_kind kind;
	char *title;            /* what a command showed ("top songs"), NULL for SQL */
	char *sql;              /* the statement, NULL for a command's result */
	double ms;              /* < 0 unknown */
	bool timed;             /* ms came from \timing: the footer says "Time: 1.234 ms" */
	bool fetching;          /* rows still arriving */
	bool follow;            /* G (End in a record) while fetching: the cursor goes to each
				 * last row as it arrives, until another key moves it */
	char stopped[32];       /* why rows stopped early ("cancelled"), "" when complete */
	int ncols;
	char **names;           /* ncols */
	bool *right;            /* ncols: numeric columns align right */
	int *width;             /* display width of each column (header included, capped) */
	struct rowstore *rows;  /* RES_ROWS */
	char **lines;           /* RES_TEXT, RES_TAG, RES_ERROR: the text, one line each */
	char **cls;             /* SQL text: each line's highlighting (sqlscan_classes), else NULL */
	int nlines;
	/* the browser's place in it (drawing thread) */
	long top, row;          /* first row shown, cursor row */
	int col, first;         /* cursor column, first scrolled (unfrozen) column shown */
	int hleft;              /* text results: display columns scrolled sideways */
	int cskip;              /* the cursor column's values wider than the pane: columns skipped */
	bool record, chart;     /* record view (\x), chart instead of the grid */
	bool rec_enter;         /* the record was opened with Enter (a plan node's details): Esc
				 * returns to the rows instead of leaving the browser */
	bool auto_seen;         /* \x auto has chosen grid or record for it */
	int rec_top;            /* record view: first line shown */
	int chart_top;          /* chart: its first bar line shown (the legend stays) */
	int sorted;             /* 0 arrival order, else column+1 (negative: descending) */
	/* psql's view (\x on, \pset): the rows as psql prints them, as lines (psqlview.c) */
	bool psql;
	bool psql_expanded;     /* \x on when it came */
	struct dwh_pset pset;   /* \pset when it came */
	char **plines;
	int npl;
	long pl_rows, ptop;     /* rows the lines were made from (-1 none); first line shown */
	int pl_sorted;
	int pl_width, pl_made_width;   /* the pane's width (\pset format wrapped), the lines' */
	struct explore *ex;     /* filters, hidden and moved columns (explore.c), NULL none */
	struct catalog *cat;    /* the `catalog` tree it shows (catalog.c), NULL none */
};

#define MODEL_KEEP 20           /* results kept for `results`, `result N`, [ and ] */
#define MODEL_COLW_MAX 1000     /* widest a column is measured; drawn at most the pane's width */
#define MODEL_ROWS_MEM (2u << 20)       /* rows a result keeps in memory before spilling */

struct model_log_line {
	time_t when;
	enum dwh_level lvl;
	char *text;
};

struct model {
	pthread_mutex_t mu;
	int wake_fd[2];         /* written on every change; the drawing thread polls [0] */
	atomic_ulong version;   /* bumped on every change (read without the lock) */

	enum conn_state cs;
	char cs_reason[256];
	struct dwh_server server;
	bool server_known;
	double latency_ms;      /* < 0 unknown */
	int xact;               /* PQtransactionStatus after the last command (PQTRANS_IDLE...) */
	double busy_since;      /* dwh_now() when the running command started */
	char theme_name[64];

	const char *table_names[MODEL_TABLES];
	int64_t table_rows[MODEL_TABLES];       /* -1 missing, -2 not counted yet */
	int64_t table_delta[MODEL_TABLES];      /* rows the command of table_delta_epoch added */
	unsigned long table_delta_epoch[MODEL_TABLES];

	struct model_stage stages[MODEL_STAGES];
	unsigned long stage_events;     /* how many stage reports came in (any stage) */
	unsigned long epoch;            /* bumped as each command starts (model_capture_begin) */
	unsigned long stage_epoch;      /* the epoch of the last stage report */

	struct model_result *hist[MODEL_KEEP];  /* oldest first */
	int nhist, cur;         /* cur: index of the one shown, -1 none */
	int next_id;
	struct model_result *streaming; /* rows arriving into it (worker) */
	double last_wake;       /* rows: the UI is woken at most 20 times a second */
	double answered;        /* dwh_now() when the last statement's answer came */
	char side_progress[96]; /* progress of a command outside the pipeline (copy, export) */
	unsigned long side_epoch;       /* the command (epoch) it belongs to */
	int freeze;             /* columns kept on the left (`freeze N`) */
	int text_width;         /* the Result pane's inner width, as last drawn (s->hooks.text_width) */
	int expanded;           /* \x: 0 off, 1 on, 2 auto (copied from the session) */
	struct dwh_pset pset;   /* \pset (copied from the session) */
	char status[256];       /* the last command's outcome ("SELECT 10 — 3.2 ms") */

	/* What the running command said, so that a long text answer (help, show sql, schema)
	 * can be shown in the Result pane rather than scrolled past in the log. */
	char **cap;
	int ncap, capmax;
	bool capturing, cap_result;

	struct model_log_line log[MODEL_LOG];
	int log_start, log_n;   /* ring buffer */
	int log_scroll;         /* lines scrolled back from the newest */
};

int model_init(struct model *m);
void model_destroy(struct model *m);

void model_lock(struct model *m);
void model_unlock(struct model *m);
/* Call with the lock held after changing something: bumps the version and wakes the UI. */
void model_changed(struct model *m);
/* Drain the wake pipe (drawing thread). */
void model_drain_wake(struct model *m);

/* The engine's callbacks, writing this model (ctx is the model). */
void model_install_out(struct model *m, struct dwh_out *out);

/* The same operations the callbacks perform, for front-end code holding no lock. */
void model_log(struct model *m, enum dwh_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void model_set_conn(struct model *m, enum conn_state cs, const char *reason);

/* Index of a stage or table by name, or -1. */
int model_stage_index(const struct model *m, const char *name);
int model_table_index(const struct model *m, const char *name);
/* Mark every stage pending again (a new `run` starts). Lock held. */
void model_reset_stages(struct model *m);
/* The i-th log line counting from the oldest kept (0 <= i < log_n). Lock held. */
const struct model_log_line *model_log_at(const struct model *m, int i);

/* Start collecting a command's messages; at the end, a command that printed more than
 * `min_lines` lines and no result gets them as a text result titled `title`. Lock not held. */
void model_capture_begin(struct model *m);
void model_capture_end(struct model *m, const char *title, int min_lines);
/* A command's error as the Result pane's current result (a failed stage or `run`: with its
 * file, line and field for bad input), titled with the command, so no older result stays on
 * screen as if it were the answer. */
void model_error_result(struct model *m, const char *title, const char *msg, const char *sqlstate);

/* The run log's last runs (runlog.h, in pipe_stages order, PIPE_NSTAGES of them) become the
 * stages' state, rows, time, age and stale mark. Lock not held. */
struct run_last;
void model_set_runs(struct model *m, const struct run_last *last, int n);

/* After Ctrl-C: the stages this command left running or failed were cancelled. */
void model_mark_cancelled(struct model *m);

/* The result shown, or NULL. Lock held. */
struct model_result *model_current(struct model *m);
/* Show the result numbered id (1..), or step through the history by delta; false when there
 * is no such result. Lock held. */
bool model_show_result(struct model *m, int id);
bool model_step_result(struct model *m, int delta);
/* Add a result to the history (dropping the oldest past MODEL_KEEP) and show it. Lock held. */
void model_add_result(struct model *m, struct model_result *r);
void model_result_free(struct model_result *r);
/* The `catalog` tree a result keeps (catalog.c). */
void catalog_free(struct catalog *c);
struct model_result *model_text_result(enum res_kind kind, const char *title, const char *sql,
				       char **lines, int n);
/* The engine's result, answer and rows callbacks (results.c); lock not held. */
void model_out_result(struct model *m, const PGresult *res, const char *title, double ms);
void model_out_answer(struct model *m, const PGresult *res, const char *sql, double ms);
void model_out_rows(struct model *m, enum dwh_rows_phase ph, const struct dwh_rows *rw);
/* A text (a stage's SQL) as a result of its own; the log keeps only the command's lines. */
void model_out_text(struct model *m, const char *title, const char *text);
/* A cell as it is drawn: newline as ↵, tab as ⇥ (ASCII: \n, \t), other control characters
 * escaped; into buf (n bytes). */
void model_cell_show(const char *v, char *buf, size_t n, bool utf8);

/* Display width of UTF-8 text (wide characters 2, combining 0, invalid bytes 1). */
int model_width(const char *s);

#endif
