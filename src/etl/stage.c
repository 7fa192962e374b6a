/* stage.c — staging: one transaction per stage (BEGIN; TRUNCATE; COPY ... FREEZE; COMMIT), so
 * a re-run replaces and a failure leaves the tables exactly as they were. `stage` alone loads
 * songs and events at once on two connections: the songs into a shadow table committed on
 * their own, moved into staging_songs by the events' transaction, whose one commit replaces
 * both tables or neither (stage_pair). On Redshift the server copies from S3 instead
 * (copy_run.h). */
#include "etl/stage.h"

#include "db/conn.h"
#include "db/db.h"
#include "etl/loader.h"
#include "etl/pipelock.h"
#include "etl/runlog.h"
#include "etl/stage_redshift.h"
#include "etl/tables.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

/* The run log's row: a success inside the stage's transaction, so it commits with the rows. */
static enum dwh_rc log_done(struct load *ld)
{
	if (!ld->logged)
		return DWH_OK;
	ld->run.rows = ld->rows;
	ld->run.files = (long long)ld->files.n;
	ld->run.bytes = ld->files.bytes;
	ld->run.bad = ld->bad;
	load_mode(ld, ld->run.mode, sizeof ld->run.mode);
	ld->run.fig.read = ld->rows + ld->bad;
	ld->run.fig.added = ld->rows;
	/* --append keeps what was staged: the size is counted, in this transaction */
	if ((ld->run.fig.size = ld->append ? db_count(ld->s, ld->t->name) : ld->rows) < 0)
		return db_fail_rc(ld->s);
	return runlog_write(ld->s, &ld->run, "done");
}

/* Tell the front end what the run did, as the run log now says it. */
static void tell_ran(struct load *ld, const char *status)
{
	int i = pipe_named(ld->stage);
	char figs[320];

	if (!ld->logged || i < 0)
		return;
	runlog_rec_figures(&pipe_stages[i], &ld->run, status, figs, sizeof figs);
	dwh_ran(ld->s, ld->stage, !strcmp(status, "done") ? STAGE_DONE : !strcmp(status, "failed")
		? STAGE_FAILED : STAGE_CANCELLED, figs);
}

/* After the rollback: the load that failed is "failed" (or "cancelled" by Ctrl-C), the ones
 * rolled back with it "cancelled". */
static void log_undone(struct load *ld, bool failed)
{
	struct dwh_err keep = ld->s->err;

	if (!ld->logged)
		return;
	ld->run.rows = ld->rows;
	ld->run.files = (long long)ld->files_done;
	ld->run.bytes = ld->files.bytes;
	ld->run.bad = ld->bad;
	load_mode(ld, ld->run.mode, sizeof ld->run.mode);
	ld->run.fig.read = ld->rows + ld->bad;
	/* what the rollback kept, which is what the pane and `history` say staging holds */
	if (PQstatus(ld->s->conn) == CONNECTION_OK &&
	    PQtransactionStatus(ld->s->conn) == PQTRANS_IDLE)
		ld->run.fig.size = db_count(ld->s, ld->t->name);
	ld->s->err = keep;
	if (failed && !dwh_session(ld->s)->interrupted)
		snprintf(ld->run.error, sizeof ld->run.error, "%s", keep.msg);
	if (failed)
		runlog_failed(ld->s, &ld->run);
	else if (PQstatus(ld->s->conn) == CONNECTION_OK)
		runlog_write(ld->s, &ld->run, "cancelled");
	ld->s->err = keep;
	tell_ran(ld, failed && !dwh_session(ld->s)->interrupted ? "failed" : "cancelled");
}

static enum dwh_rc succeeded(struct dwh *s, struct load *lds, int n)
{
	for (int i = 0; i < n; i++) {
		load_summary(&lds[i]);
		tell_ran(&lds[i], "done");
	}
	if (s->out.counts)      /* only a front end that shows counts pays for them */
		counts_refresh(s, NULL);
	return DWH_OK;
}

/* Run the loads one after another in one transaction; all commit or none. */
static enum dwh_rc stage_serial(struct dwh *s, struct load *lds, int n)
{
	int rc = db_exec(s, "BEGIN"), failed = -1;

	for (int i = 0; i < n && rc == DWH_OK; i++) {
		dwh_stage(s, lds[i].stage, STAGE_RUNNING, -1, 0);
		if (load_run(&lds[i]) < 0) {
			rc = db_fail_rc(s);
			failed = i;
		}
	}
	for (int i = 0; i < n && rc == DWH_OK; i++)
		if ((rc = log_done(&lds[i])) != DWH_OK)
			failed = i;
	if (rc == DWH_OK && (rc = db_exec(s, "COMMIT")) != DWH_OK)
		failed = n - 1;
	if (rc != DWH_OK) {
		db_rollback(s);
		if (failed >= 0)
			load_failed(&lds[failed]);
		for (int i = 0; i < n; i++)
			log_undone(&lds[i], i == failed || (failed < 0 && i == 0));
		return rc;
	}
	return succeeded(s, lds, n);
}

struct par {
	struct load *ld;
	int idx, rc;
};

/* One load of the pair in a transaction on its connection: the songs into their shadow,
 * committed there (its own transaction); the events straight into staging, left open for
 * stage_pair to publish the songs in and commit. */
static void *par_run(void *arg)
{
	struct par *p = arg;
	struct dwh *s = p->ld->s;
	int zero = 0;

	if ((p->rc = db_exec(s, "BEGIN")) == DWH_OK) {
		dwh_stage(s, p->ld->stage, STAGE_RUNNING, -1, 0);
		if (load_run(p->ld) < 0)
			p->rc = db_fail_rc(s);
		else if (p->ld->shadow)
			p->rc = db_exec(s, "COMMIT");
	}
	if (p->rc != DWH_OK) {  /* the first to fail stops the other */
		db_rollback(s);
		atomic_compare_exchange_strong(p->ld->halt, &zero, p->idx + 1);
	}
	return NULL;
}

/* Songs on a second connection while events load on this one: the many small song files
 * cost file-system time that overlaps with the server's work on the events. The songs go into
 * a shadow table made and committed on their connection; this connection's transaction, which
 * holds the events, then moves them into staging_songs and commits both at once: one commit,
 * no prepared transactions, the same on every server. A failure anywhere rolls that
 * transaction back and drops the shadows, so both staging tables are as they were; a shadow a
 * crash left behind is only dropped by the next stage (staging never saw it). The second
 * connection is opened beside the session (conn_open_beside): its own statements and errors,
 * the session's front end and Ctrl-C. Whether the pair could be set up; when not, the caller
 * goes serial and *out is untouched. */
static bool stage_pair(struct dwh *s, struct load *lds, enum dwh_rc *out)
{
	struct dwh two;
	atomic_int halt = 0;
	struct par p[2] = { { &lds[0], 0, 0 }, { &lds[1], 1, 0 } };
	pthread_t th;
	int rc, first;

	if (conn_open_beside(s, &two) != DWH_OK)
		return false;
	lds[0].s = &two;
	lds[0].quiet = true;
	lds[0].shadow = true;
	lds[0].halt = lds[1].halt = &halt;
	if (pthread_create(&th, NULL, par_run, &p[0]) != 0) {
		conn_close_beside(s, &two);
		lds[0].s = s;
		lds[0].shadow = false;
		return false;
	}
	par_run(&p[1]);
	pthread_join(th, NULL);
	rc = p[0].rc != DWH_OK ? p[0].rc : p[1].rc;
	first = atomic_load(&halt);
	if (rc == DWH_OK) {     /* the publishing transaction: the songs in, both logged, one commit */
		lds[0].s = s;
		if (load_publish(&lds[0]) < 0)
			rc = db_fail_rc(s);
		for (int i = 0; i < 2 && rc == DWH_OK; i++)
			rc = log_done(&lds[i]);
		if (rc == DWH_OK)
			rc = db_exec(s, "COMMIT");
		if (rc != DWH_OK)
			first = 2;
	}
	if (rc != DWH_OK) {
		if (first == 1)
			s->err = two.err;
		db_rollback(s);
		load_drop_shadow(&lds[0], PQstatus(two.conn) == CONNECTION_OK ? &two : s);
		lds[0].s = first == 1 ? &two : s;
		if (first)
			load_failed(&lds[first - 1]);
		for (int i = 0; i < 2; i++)
			if (i != first - 1)
				dwh_stage(lds[i].s, lds[i].stage, STAGE_CANCELLED, lds[i].rows,
					  dwh_now() - lds[i].t0);
		for (int i = 0; i < 2; i++)
			log_undone(&lds[i], i == first - 1);
	}
	conn_close_beside(s, &two);
	lds[0].s = s;
	*out = rc != DWH_OK ? (enum dwh_rc)rc : succeeded(s, lds, 2);
	return true;
}

static void take_opts(struct load *ld, const struct stage_opts *o, int logged)
{
	ld->logged = logged;
	if (o) {
		ld->only_new = o->only_new;
		ld->changed = o->changed;
		ld->append = o->append;
	}
}

static enum dwh_rc stage_one(struct dwh *s, struct load *ld, const char *which, const char *path,
		     long max_errors, const struct stage_opts *o)
{
	int rc, logged = runlog_ensure(s);

	if (logged < 0)
		return db_fail_rc(s);
	if (load_init(ld, s, which, path, max_errors) < 0) {
		rc = DWH_FAIL;
	} else {
		take_opts(ld, o, logged);
		rc = stage_serial(s, ld, 1);
	}
	load_free(ld);
	return rc;
}

enum dwh_rc stage_run_opts(struct dwh *s, const char *which, const char *path, long max_errors,
		   const struct stage_opts *o)
{
	struct load ld;
	int rc;

	if (!which || !load_table(which))
		return dwh_fail(s, "stage: expected songs or events, not %s", which ? which : "nothing");
	if ((rc = db_ensure(s)) != DWH_OK)
		return rc;
	snprintf(ld.stage, sizeof ld.stage, "stage %s", which);
	if ((rc = pipe_lock(s, ld.stage)) != DWH_OK)
		return rc;
	if (s->server.engine == ENGINE_REDSHIFT)
		rc = stage_redshift(s, which, path, max_errors, o);
	else
		rc = stage_one(s, &ld, which, path, max_errors, o);
	pipe_unlock(s);
	return rc;
}

enum dwh_rc stage_all_opts(struct dwh *s, long max_errors, const struct stage_opts *songs,
		   const struct stage_opts *events)
{
	struct load lds[2];
	enum dwh_rc rc;
	int logged;

	if ((rc = db_ensure(s)) != DWH_OK || (rc = pipe_lock(s, "stage")) != DWH_OK)
		return rc;
	if (s->server.engine == ENGINE_REDSHIFT) {
		rc = stage_redshift_all(s, max_errors, songs, events);
		pipe_unlock(s);
		return rc;
	}
	memset(lds, 0, sizeof lds);
	if ((logged = runlog_ensure(s)) < 0)
		rc = db_fail_rc(s);
	else if (load_init(&lds[0], s, "songs", NULL, max_errors) < 0 ||
		 load_init(&lds[1], s, "events", NULL, max_errors) < 0)
		rc = DWH_FAIL;
	else {
		take_opts(&lds[0], songs, logged);
		take_opts(&lds[1], events, logged);
		if (!stage_pair(s, lds, &rc)) {
			err_clear(&s->err);
			rc = stage_serial(s, lds, 2);
		}
	}
	load_free(&lds[0]);
	load_free(&lds[1]);
	pipe_unlock(s);
	return rc;
}
