/* pipeline.h — running the warehouse's stages (the catalogue is stages.h): each stage's SQL on
 * the session's dialect, whether it is due, and running one, several, or the next one due. */
#ifndef DWH_PIPELINE_H
#define DWH_PIPELINE_H

#include <pthread.h>

#include "base/dwh.h"
#include "etl/stages.h"

/* The stage's own SQL on db_dialect(s): a load's file, the DDL of create, for stage on
 * PostgreSQL the COPY the loader streams into. malloc'd, or NULL with s->err set. Needs no connection. */
char *pipe_sql(struct dwh *s, const struct pipe_stage *st);
/* The same for `stage --max-errors N` (on Redshift the COPY's MAXERROR; on PostgreSQL dwh's
 * loader skips the bad records itself and the COPY text is unchanged). */
char *pipe_sql_max(struct dwh *s, const struct pipe_stage *st, long max_errors);
/* What the stage sends, as `show sql` and `step` show it: pipe_sql's, and for a load what dwh
 * adds before its COMMIT (a full load of songplays or users: what its merges need; every load:
 * a comment on the run log's row). pipe_sql alone is its file, which `explain` plans. */
char *pipe_sql_full(struct dwh *s, const struct pipe_stage *st);
/* Whether a run of st (PIPE_INCREMENTAL in flags or not) builds songplays' play keys before its
 * COMMIT, where the run log is: a full load songplays in PostgreSQL's SQL. */
bool pipe_builds_keys(struct dwh *s, const struct pipe_stage *st, int flags);
/* What `load TABLE --incremental` runs: sql/<dialect>/merge_TABLE.sql. */
char *pipe_sql_merge(struct dwh *s, const struct pipe_stage *st);

/* Whether a stage has run: its table has rows (create: every table exists). Derived from the
 * data rather than a log, so staging loaded by any means counts. 1, 0, or -1 with s->err. */
int pipe_done(struct dwh *s, const struct pipe_stage *st);
/* The first stage due, or NULL when none is (*err set to -1 on error): one whose last run in
 * the run log failed, was cancelled or is stale (runlog.h), or, with no run logged, whose table
 * is empty. pipe_due also says why ("stale: stage events ran after it"). */
const struct pipe_stage *pipe_next(struct dwh *s, int *err);
const struct pipe_stage *pipe_due(struct dwh *s, int *err, char *why, size_t n);
/* How `step` runs a load: PIPE_INCREMENTAL when the stage that filled its input last staged
 * only new files (--new, --append) or was itself incremental, so a full load would build the
 * table from the new rows alone; else 0. */
int pipe_step_flags(struct dwh *s, const struct pipe_stage *st);

/* flags PIPE_INCREMENTAL: a load merges the new staging rows into its table
 * (sql/<dialect>/merge_TABLE.sql; empty staging is no error, it changes nothing), a stage of
 * staging takes only new files (stage.h: --new; songs are appended to what is staged). */
#define PIPE_INCREMENTAL 1
/* Run one stage: check its inputs, run it in one transaction, report it through dwh_stage and
 * a line "load time: 6813 rows in 0.07 s". *rows gets the rows of its table (may be NULL). */
enum dwh_rc pipe_run_opt(struct dwh *s, const struct pipe_stage *st, long long *rows, int flags);
/* pipe_run_opt's run of the stage, for a caller that holds the pipeline lock (pipelock.h)
 * and has the connection: lanes.c runs loads with it on a second connection. */
enum dwh_rc pipe_run_locked(struct dwh *s, const struct pipe_stage *st, long long *rows, int flags);
/* A one-shot signal between lanes.c's two lanes: a thread waits until another says a piece of
 * work it needs is done (state 1) or failed (-1, err). */
struct pipe_signal {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int state;              /* 0 while pending */
	struct dwh_err err;     /* why it failed, as the waiting load will say it */
};
void pipe_signal_set(struct pipe_signal *g, int state, const struct dwh_err *err);
/* The play keys of a full `load songplays` (sql/postgres/keys_songplays.sql) built on another
 * connection while the load runs (lanes.c): pipe_keys_build runs them there in a transaction of
 * their own and signals k when they are built or failed ("its play keys (built beside it):
 * ..."); with pipe_keys_beside set, the load waits for that and swaps them in rather than
 * building them itself. */
enum dwh_rc pipe_keys_build(struct dwh *s, struct pipe_signal *k);
void pipe_keys_beside(struct pipe_signal *k);
/* A load run beside the load that fills its inputs (time's merge beside songplays', lanes.c)
 * commits only once that one has: before its run log row (so holding no lock the other's
 * snapshot needs), st waits for g, and rolls back when it says the other failed — a table is
 * never ahead of the one it is built from. NULL g: none waits. */
void pipe_commit_after(const struct pipe_stage *st, struct pipe_signal *g);
/* Run stages [from, to) in order, stopping at the first failure. create runs only when a
 * table is missing; stage songs and stage events, when both are due, run together through the
 * staging's stage_all_opts (stage.h: both in one transaction); the loads on PostgreSQL on two
 * lanes (lanes.h: songplays then time beside users, songs, artists). Ends with a summary line. */
enum dwh_rc pipe_run_range_opt(struct dwh *s, int from, int to, int flags);

/* Text as LOG_INFO messages, one per line (a final newline makes no empty line), so every
 * front end shows SQL as it reads in its file. */
void pipe_msg_lines(struct dwh *s, const char *text);

#endif
