/* dwh.h — the session every command runs in, and the one interface between the engine and a
 * front end (batch mode, the console): the engine reports everything through `struct dwh_out`,
 * never by printing, so the same command works on a terminal, in a script and in a test, and
 * reaches what only a front end can do through `struct dwh_hooks`. */
#ifndef DWH_H
#define DWH_H

#include <libpq-fe.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"
#include "base/err.h"

/* Exit classes, as psql: what a command returns and what batch mode exits with. */
enum dwh_rc { DWH_OK = 0, DWH_FAIL = 1, DWH_ECONN = 2, DWH_ESCRIPT = 3 };

enum dwh_engine { ENGINE_UNKNOWN = 0, ENGINE_POSTGRES, ENGINE_REDSHIFT };

enum dwh_level { LOG_INFO, LOG_NOTICE, LOG_WARN, LOG_ERROR };

enum stage_state { STAGE_PENDING, STAGE_RUNNING, STAGE_DONE, STAGE_FAILED, STAGE_CANCELLED };

/* A loader's or stage's progress; fields a producer does not know stay 0. */
struct dwh_progress {
	const char *stage;      /* "stage events", "load songplays", ... */
	long files_done, files_total;
	int64_t bytes_done, bytes_total;
	int64_t rows;           /* rows sent or made so far */
	int64_t bad;            /* bad records skipped so far */
	double elapsed;         /* seconds since the stage began */
	double rate;            /* rows per second */
	double eta;             /* seconds left, < 0 when unknown */
};

struct dwh;
struct dwh_vars;
struct dwh_script;
struct dwh_tunnel;

/* A result's rows as they arrive (single-row mode): ROWS_BEGIN once with the columns, ROWS_MORE
 * for each batch of rows, ROWS_END once with the count and time. */
enum dwh_rows_phase { ROWS_BEGIN, ROWS_MORE, ROWS_END };
struct dwh_rows {
	const PGresult *res;    /* BEGIN: the columns (no rows); MORE: rows to add */
	const char *sql;        /* the statement (BEGIN) */
	long total;             /* END: rows received */
	double ms;              /* END: elapsed, < 0 when timing is off */
	const char *stopped;    /* END: why rows stopped early (Ctrl-C, an error), or NULL */
};

/* What a front end provides. Every callback may be called from a worker thread (the console
 * runs commands off its drawing thread); each implementation takes care of that itself. */
struct dwh_out {
	void *ctx;
	/* A line of text meant for the user: informational output of commands (status, help,
	 * counts, summaries) at LOG_INFO, errors at LOG_ERROR. No trailing newline. */
	void (*msg)(void *ctx, enum dwh_level lvl, const char *text);
	/* A query result to show. `title` says what it is ("top songs", or NULL for plain SQL);
	 * `ms` is the elapsed time or < 0 when timing is off. The callee must not PQclear it. */
	void (*result)(void *ctx, const PGresult *res, const char *title, double ms);
	/* Rows of a SQL statement streamed in batches, so a big result never sits whole in
	 * memory. NULL: the engine collects the result and calls `result` instead. */
	void (*rows)(void *ctx, enum dwh_rows_phase ph, const struct dwh_rows *r);
	/* A statement's answer without rows: `res` is COMMAND_OK (its tag, as psql prints it) or
	 * an error (message, SQLSTATE, caret); `sql` is the statement. May be NULL. */
	void (*answer)(void *ctx, const PGresult *res, const char *sql, double ms);
	/* A stage changed state (rows < 0 when not known). */
	void (*stage)(void *ctx, const char *stage, enum stage_state st, int64_t rows, double secs);
	/* A stage's run is over and in the run log: what it did, every figure named ("97 rows
	 * (+5 new, 2 changed)", "failed at FILE:LINE — staging kept its 8,056 rows"). May be
	 * NULL. */
	void (*ran)(void *ctx, const char *stage, enum stage_state st, const char *figures);
	/* Progress of the running stage, called several times a second at most. */
	void (*progress)(void *ctx, const struct dwh_progress *p);
	/* Table row counts changed (after a stage or `counts`): the front end may refresh. */
	void (*counts)(void *ctx, const char *const *names, const int64_t *rows, int n);
	/* The server wants a password: ask the person with `prompt` ("Password for user u: "),
	 * never echoing it, and put it in buf (n bytes, NUL-terminated). false when there is
	 * nobody to ask or no answer came. NULL: this front end never asks (-w is honoured by
	 * the engine before calling). Called on the thread that connects. */
	bool (*password)(void *ctx, const char *prompt, char *buf, size_t n);
	/* The running statement waits for something outside dwh ("waiting for a lock held by
	 * pid N (its query)"), or no longer does (why NULL). NULL: a LOG_WARN line instead. */
	void (*waiting)(void *ctx, const char *why);
	/* A text to read as a result of its own (a stage's or a saved query's SQL), titled.
	 * NULL: dwh_text says it line by line through `msg`, dwh_text_aside drops it. */
	void (*text)(void *ctx, const char *title, const char *text);
	/* A destructive statement is about to run: ask the person `question` ("... run it?
	 * [y/N] "); true only for a yes. NULL: nobody to ask (batch mode needs --yes). */
	bool (*confirm)(void *ctx, const char *question);
};

struct tour;

/* What only a front end can do: commands whose effect belongs to it (theme, screenshot, quit,
 * ...) reach the running one through these, beside `out`. A NULL hook means this front end has
 * no such thing (batch mode), and the command says so. Hooks are called on the thread that runs
 * commands; those returning enum dwh_rc set s->err on failure. */
struct dwh_hooks {
	enum dwh_rc (*theme)(struct dwh *s, const char *name);      /* NULL name: list the themes */
	enum dwh_rc (*screenshot)(struct dwh *s, const char *path); /* each pane's text to a file */
	enum dwh_rc (*quit)(struct dwh *s);                         /* leave once this command is done */
	enum dwh_rc (*results)(struct dwh *s, int id);              /* 0: list the kept results; N: show N */
	enum dwh_rc (*freeze)(struct dwh *s, int n);                /* columns kept at the grid's left */
	enum dwh_rc (*chart)(struct dwh *s);                        /* the current result as a chart */
	/* The columns a command's text may fill (the console's Result pane); 0 or NULL: as wide
	 * as it likes ($COLUMNS in batch mode, where set). `schema` lays its boxes out to it. */
	int (*text_width)(struct dwh *s);
	/* `export`: the current result's SQL when it came from a statement (malloc'd), else NULL;
	 * and writing the current result from memory (fmt: enum export_fmt). */
	char *(*result_sql)(struct dwh *s);
	enum dwh_rc (*export_rows)(struct dwh *s, int fmt, const char *path, bool force, long *rows);
	/* `profile COLUMN`: the shown result's query with the browser's filters (malloc'd) and
	 * its number in *id; NULL when the result shown came from no query. */
	char *(*result_query)(struct dwh *s, int *id);
	bool stdout_ok;                                             /* `export ... -` may write stdout */
	/* Run a program that needs the terminal (\e's editor): its exit status, or -1. NULL:
	 * the terminal is free, the engine runs it itself. */
	int (*terminal)(struct dwh *s, char *const argv[]);
	/* `log`: the whole session log shown to browse (the console keeps one). */
	enum dwh_rc (*log)(struct dwh *s);
	/* `tour`: the console takes the tour over (and frees it) and steps it with keys. */
	enum dwh_rc (*tour)(struct dwh *s, struct tour *t);
	/* `tour` at a line prompt: after step i of n, wait for the person; returns the step to
	 * show next (n: the end) or -1 to leave. NULL (batch mode): every step runs in turn. */
	int (*tour_pause)(struct dwh *s, int i, int n);
	/* `layout [focus|normal]`: the console's pane arrangement (NULL name: toggle). */
	enum dwh_rc (*layout)(struct dwh *s, const char *name);
	/* `\i FILE`: run a file of commands and SQL as a script does (batch mode's reader, which
	 * every front end shares; the engine cannot reach up to it). */
	enum dwh_rc (*script)(struct dwh *s, const char *path);
	/* `copy-to FILE`: what the console copied last (y, Y, v). NULL: the current result. */
	enum dwh_rc (*copy_to)(struct dwh *s, const char *path);
	/* `set mouse on|off`: the console's mouse. NULL: this front end has none. */
	enum dwh_rc (*mouse)(struct dwh *s, bool on);
	/* `catalog`: the tree (cmd_catalog.c's columns) to browse. NULL: printed as text. */
	enum dwh_rc (*catalog)(struct dwh *s, const PGresult *tree);
};

/* What we learnt about the server after connecting. */
struct dwh_server {
	enum dwh_engine engine;
	char version[128];      /* "PostgreSQL 15.4" or "Redshift 1.0.12345" */
	char user[128], host[256], port[16], dbname[128];
	bool ssl;
	int pid;
	double latency_ms;      /* last measured round trip, < 0 when not measured */
	bool serverless;        /* Redshift Serverless (SYS_ views only), not a provisioned cluster */
	bool rs_staged;         /* this session ran a Redshift COPY: `errors` reads its loads */
	long long rs_after[2];  /* query id before its last COPY into songs, events (0: unknown) */
};

/* Options from the command line (front end independent). */
struct dwh_opts {
	const char *host, *port, *user, *dbname; /* -h -p -U -d (dbname may be conninfo/URI) */
	const char *config_path;                  /* --config */
	const char *local_dir;                    /* --local-dir */
	bool local;                               /* --local (or chosen by default) */
	const char *data_dir;                     /* --data */
	const char *dialect;                      /* --dialect postgres|redshift */
	const char *theme;                        /* --theme */
	bool csv, plain, quiet, no_password_prompt;
	const char *lock_timeout;                 /* --lock-timeout (PostgreSQL's lock_timeout) */
	bool tour;                                /* --tour: start with the guided tour */
	bool yes;                                 /* --yes: destructive statements without asking */
	bool read_only;                           /* --read-only, \set READ_ONLY on */
	const char *ssh;                          /* --ssh [USER@]HOST[:PORT] */
};

/* What a layer above db wants done on every new connection of the session (etl finishing a
 * stage pair a crash cut short): see conn_on_connect. */
typedef void (*dwh_on_connect)(struct dwh *s);
#define DWH_ON_CONNECT_MAX 4

/* psql's \pset: how results print (batch, the plain prompt, and the console's psql view).
 * Zero is psql's default for each field but fieldsep, which says "|" until one is set. */
enum dwh_format { FMT_ALIGNED, FMT_UNALIGNED, FMT_CSV, FMT_WRAPPED };
struct dwh_pset {
	enum dwh_format format;
	int border;                     /* 0, 1 (psql's default, kept as border_set false) or 2 */
	bool border_set;
	bool tuples_only, no_footer, has_title, sep_set;
	char null[64], fieldsep[16], title[256];
	int columns;                    /* \pset columns: the width `wrapped` fits; 0: the terminal's */
};

/* The session, and the handle statements run on. A second connection (conn_open_beside, for
 * stage's songs beside its events) is a struct dwh of its own too, because every statement
 * function takes one; but only its conn, cancel, server and err are its own: it reports
 * through the session's front end, reads the session's options and obeys the session's
 * Ctrl-C (dwh_session). */
struct dwh {
	struct dwh_opts opts;
	struct dwh_cfg *cfg;            /* NULL when no --config */
	PGconn *conn;                   /* NULL until connected */
	PGcancel *volatile cancel;      /* for Ctrl-C: this connection's cancel handle */
	atomic_int interrupted;         /* set by Ctrl-C (signal handler or UI thread); cleared before each command */
	struct dwh_server server;
	struct dwh *session;            /* a second connection's session; NULL in the session */
	struct dwh *volatile beside;    /* the second connection open now, cancelled with this one */
	dwh_on_connect on_connect[DWH_ON_CONNECT_MAX]; /* run after every connect (conn.h) */
	int n_on_connect;
	struct dwh_out out;
	struct dwh_hooks hooks;          /* what only the front end can do; see above */
	struct dwh_err err;             /* the last error, for the caller to report */
	bool timing;
	char *last_sql;                 /* the last statement that returned rows, for `export` */
	int expanded;                   /* \x: 0 off, 1 on, 2 auto (expanded when too wide) */
	int exercise;                   /* the exercise being worked (`exercise N`, src/cmd), 0: none */
	struct dwh_pset pset;           /* \pset */
	char *qbuf, *qlast;             /* the query buffer and the last SQL sent: see qbuf.h */
	struct dwh_vars *vars;          /* \set variables: see vars.h */
	struct dwh_tunnel *tunnel;      /* --ssh: the session's tunnel (src/db/tunnel.c) */
	struct dwh_script *script;      /* \if's branches and \o's file: src/cmd/cmd_script.c */
	char sqldir[4096];              /* where sql/ lives (build tree or installed) */
};

/* Fill s->err and return DWH_FAIL: how a command or stage says it failed, in one statement
 * (never `return err_set(...), DWH_FAIL`). */
enum dwh_rc dwh_fail(struct dwh *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Report through the front end. */
void dwh_msg(struct dwh *s, enum dwh_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void dwh_result(struct dwh *s, const PGresult *res, const char *title, double ms);
void dwh_rows(struct dwh *s, enum dwh_rows_phase ph, const struct dwh_rows *r);
void dwh_answer(struct dwh *s, const PGresult *res, const char *sql, double ms);
void dwh_stage(struct dwh *s, const char *stage, enum stage_state st, int64_t rows, double secs);
void dwh_progress(struct dwh *s, const struct dwh_progress *p);
void dwh_ran(struct dwh *s, const char *stage, enum stage_state st, const char *figures);
void dwh_waiting(struct dwh *s, const char *why);
/* A text shown as a result of its own where the front end keeps results (the console);
 * elsewhere dwh_text prints it as messages and dwh_text_aside leaves it out. */
void dwh_text(struct dwh *s, const char *title, const char *text);
void dwh_text_aside(struct dwh *s, const char *title, const char *text);

/* The session a handle belongs to: itself, or the one a second connection was opened beside
 * (whose Ctrl-C flag is the one that counts). */
static inline struct dwh *dwh_session(struct dwh *s)
{
	return s->session ? s->session : s;
}

/* "s" unless n is 1: every count dwh prints says "1 row", "2 rows". */
static inline const char *dwh_plural(long long n)
{
	return n == 1 ? "" : "s";
}

/* Monotonic seconds, for timing stages. */
double dwh_now(void);

#endif
