/* runlog.h — the run log in the warehouse (dwh_runs, sql/<dialect>/create_runs.sql): one row
 * per stage run, written by the stage itself — a successful run's row inside the stage's own
 * transaction, so it is there exactly when the stage's rows are; a failed or cancelled run's
 * row after the rollback. Everything that shows the pipeline's state reads it: the console's
 * pipeline pane, `step`, `history`, `status`, and a stage that needs its remembered input. */
#ifndef DWH_RUNLOG_H
#define DWH_RUNLOG_H

#include "base/dwh.h"
#include "etl/stages.h"

#include <time.h>

/* What a run did, each figure named by what it counts; < 0: not known (not recorded). */
struct run_figs {
	long long read;                 /* input rows read: objects for staging, rows of the
					 * table a load reads */
	long long added, changed, removed;      /* rows written: new, updated, deleted */
	long long size;                 /* the table's rows after the run (after a failure or
					 * Ctrl-C: the rows it kept) */
};

/* One run being recorded; fields a stage does not know stay < 0 (or "" for input). */
struct run_rec {
	char stage[32];                 /* "stage events", "load songplays", "create" */
	char mode[16];                  /* "full", "new", "changed", "append", "incremental" */
	struct timespec wall0;          /* when it started (CLOCK_REALTIME) */
	double t0;                      /* dwh_now() at the start, for the duration */
	long long rows, files, bytes, bad;
	char input[4096];               /* a path, an S3 prefix, or the tables a load reads */
	struct run_figs fig;
	char error[512];                /* a failed run's error (written by runlog_failed) */
};

/* Start recording: the clocks, everything else unknown, mode "full". */
void run_begin(struct run_rec *r, const char *stage);

/* Make sure the log exists (creating it, outside any transaction, in a warehouse made before
 * it). 1 when it does, 0 when it cannot be kept here (s->err cleared; the stage runs without
 * it), -1 when the connection failed. Call before the stage's BEGIN. */
int runlog_ensure(struct dwh *s);

/* Write the row: status "done" inside the stage's transaction (its failure fails the stage),
 * "failed"/"cancelled" after the rollback (errors are ignored; s->err is kept). A "done" row
 * is followed by the run's snapshot for `diff` (runlog_snap_name). DWH_OK or a failure rc with
 * s->err set. */
enum dwh_rc runlog_write(struct dwh *s, const struct run_rec *r, const char *status);
/* The snapshot `diff` compares that a stage's successful run takes, in the same transaction
 * right after its row (sql/<dialect>/snapshot_NAME.sql into dwh_snap_rows or dwh_snap_days,
 * listed in dwh_snapshots; the stage's last two kept): NAME for a stage ("users" for "load users",
 * "files" for a stage of staging), NULL for one that keeps none (create). */
const char *runlog_snap_name(const char *stage);

/* After a rollback: "cancelled" when Ctrl-C stopped it, else "failed", never changing s->err. */
void runlog_failed(struct dwh *s, const struct run_rec *r);

/* A stage's last run as the log tells it, and whether it is stale. */
struct run_last {
	bool have;
	char status[16], mode[16];
	long long rows;                 /* < 0: not recorded */
	long long files;                /* files read (< 0: not recorded) */
	long long bad;                  /* bad records skipped (< 0: not recorded) */
	struct run_figs fig;
	char error[512];
	double secs;
	double ago;                     /* seconds since it finished */
	char input[1024];
	char stale[192];                /* why it no longer holds, "" when it does */
	/* the stage filling its merge_input ran after it: its incremental merge has rows to read
	 * even while its inputs are older (time's merge beside songplays', lanes.c) */
	bool merge_new;
};

/* Every stage's last run (in pipe_stages order) with its stale mark: a stage it reads from ran
 * after it, or its table no longer has the rows the log says (an UNLOGGED staging table after
 * a crash). 0 (have = false everywhere when there is no log), or -1 with s->err set. */
int runlog_read(struct dwh *s, struct run_last last[PIPE_NSTAGES]);

/* The input of the stage's last successful full run (else of any successful run), for a stage
 * given no path: 1 with buf and *ago (seconds) set, 0 when there is none, -1 on error. */
int runlog_last_input(struct dwh *s, const char *stage, char *buf, size_t n, double *ago);

/* What a run did, every figure named, for the pipeline pane, `step`, `run`, `history` and
 * `status`: "97 rows (+5 new, 2 changed)", "97 rows (rebuilt from 8,056 rows read)",
 * "failed at 2018-11-03-events.json:11 — staging kept its 8,056 rows", "cancelled after
 * 108,769 rows read — staging kept its 8,056 rows". A row an older dwh wrote: "97 rows". */
void runlog_figures(const struct pipe_stage *st, const struct run_last *l, char *buf, size_t n);
/* The same for a run being recorded (status "done", "failed" or "cancelled"). */
void runlog_rec_figures(const struct pipe_stage *st, const struct run_rec *r, const char *status,
			char *buf, size_t n);
/* 8056 as "8,056". */
const char *runlog_count(long long v, char *buf, size_t n);

/* "12 s", "5 min", "2 h", "3 d" (no "ago"). */
void runlog_age(double secs, char *buf, size_t n);

#endif
