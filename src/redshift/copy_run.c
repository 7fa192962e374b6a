/* copy_run.c — staging on Redshift: the text rs_copy_sql() makes (the one `show sql` prints),
 * sent one statement at a time; the load's progress polled from a second connection while the
 * COPY runs; on failure ROLLBACK and the failed load's bad records. `stage` alone loads songs
 * and events in one transaction, as on PostgreSQL: both commit or neither. Which system views
 * hold progress and errors (provisioned or Serverless) is sysviews.c's business. */
#include "redshift/copy_run.h"

#include "db/conn.h"
#include "db/db.h"
#include "redshift/copy_sql.h"
#include "redshift/sysviews.h"
#include "base/sqlscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A COPY's progress, polled about once a second from a second connection while it runs. */
struct rs_watch {
	struct dwh *s;
	PGconn *mon;
	const char *sql, *stage;
	double t0;
	bool said;
};

/* One poll of the load's progress (sysviews.c knows where it is kept). Until Redshift reports
 * anything the figure is not known, and dwh says so once rather than show a made-up 0%. The
 * query runs on the monitor's own connection, with libpq directly: db.c is busy waiting for
 * the session's, and calls this from that wait. */
static void rs_poll_progress(void *ctx)
{
	struct rs_watch *m = ctx;
	struct dwh_progress p = { .stage = m->stage, .eta = -1 };
	PGresult *res = PQexec(m->mon, m->sql);

	if (rs_progress_row(res, &p)) {
		p.elapsed = dwh_now() - m->t0;
		p.rate = p.elapsed > 0 ? (double)p.rows / p.elapsed : 0;
		if (p.bytes_done > 0 && p.bytes_total > p.bytes_done)
			p.eta = p.elapsed * (double)(p.bytes_total - p.bytes_done) / (double)p.bytes_done;
		dwh_progress(m->s, &p);
	} else if (!m->said) {
		m->said = true;
		dwh_msg(m->s, LOG_INFO, "%s: progress not yet known (Redshift reports a load's figures "
			"as it goes, per slice, after every million records)", m->stage);
	}
	PQclear(res);
}

/* Send the COPY and wait for it, polling progress about once a second from a second
 * connection. The result is the COPY's (NULL + s->err when it failed). Ctrl-C reaches it
 * through s->cancel, as any query. */
static PGresult *rs_run_copy(struct dwh *s, const char *sql, const char *stage)
{
	char *poll_sql = rs_progress_sql(s->server.serverless, PQbackendPID(s->conn));
	struct rs_watch m = { .s = s, .mon = conn_clone(s), .sql = poll_sql, .stage = stage,
			      .t0 = dwh_now() };
	PGresult *res;

	if (!m.mon)     /* no monitor, no progress: the COPY still runs */
		err_clear(&s->err);
	res = db_query_every(s, sql, stage, m.mon && poll_sql ? rs_poll_progress : NULL, &m);
	free(poll_sql);
	if (m.mon)
		PQfinish(m.mon);
	return res;
}

/* After a failed COPY: roll back (the failure left the transaction aborted, and Redshift, as
 * PostgreSQL, answers nothing else until it ends), then show the failed load's bad records:
 * this session's newest load into the table (sysviews.c says why not pg_last_copy_id()). */
static void rs_show_load_errors(struct dwh *s, const char *table)
{
	struct dwh_err keep = s->err;
	struct rs_load_filter f = { table, PQbackendPID(s->conn),
				    { s->server.rs_after[0], s->server.rs_after[1] }, { 0, 0 } };
	PGresult *res;
	char *sql;

	if (PQstatus(s->conn) != CONNECTION_OK)
		return;
	if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
		db_exec(s, "ROLLBACK");
	sql = rs_load_tables(s, s->server.serverless, &f) == DWH_OK
	      ? rs_errors_sql(s->server.serverless, &f) : NULL;
	res = sql ? db_query(s, sql) : NULL;
	if (res && PQntuples(res) > 0)
		dwh_result(s, res, rs_errors_view(s->server.serverless), -1);
	PQclear(res);
	free(sql);
	s->err = keep;
}

/* Whether a statement's first word (after its comments and blank lines) is word. */
static bool starts_with(const char *stmt, const char *word)
{
	const char *p = stmt;
	size_t n = strlen(word);

	for (;;) {
		p += strspn(p, " \t\r\n");
		if (strncmp(p, "--", 2) != 0)
			break;
		p += strcspn(p, "\n");
	}
	return strncasecmp(p, word, n) == 0 && (p[n] == ';' || p[n] == ' ' || p[n] == '\n');
}

int rs_statements(const char *sql, int skip, char **out, int max)
{
	struct sqlscan_iter it;
	const char *stmt;
	int n = 0;

	if (!sqlscan_start(&it, sql))
		return -1;
	while ((stmt = sqlscan_next(&it))) {
		if (((skip & RS_SKIP_BEGIN) && starts_with(stmt, "BEGIN")) ||
		    ((skip & RS_SKIP_COMMIT) && starts_with(stmt, "COMMIT")))
			continue;
		if (n == max || !(out[n] = strdup(stmt)))
			goto fail;
		n++;
	}
	sqlscan_stop(&it);
	return n;
fail:
	sqlscan_stop(&it);
	while (n > 0)
		free(out[--n]);
	return -1;
}

/* The session's latest query id before the stage begins, which bounds the search for the
 * COPY's errors from below; 0 when unknown. Asked before BEGIN, so that even its failure could
 * not abort the stage's transaction. Serverless needs no bound (sysviews.c). */
static long long rs_last_query(struct dwh *s)
{
	long long id = 0;
	PGresult *res;

	if (s->server.serverless)
		return 0;
	/* PG_LAST_QUERY_ID: the most recently completed query of the session
	 * (docs.aws.amazon.com/redshift/latest/dg/PG_LAST_QUERY_ID.html) */
	struct dwh_err keep = s->err;

	res = db_query(s, "SELECT pg_last_query_id()");
	if (res && PQntuples(res) == 1)
		id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	s->err = keep;  /* unknown is an answer: the search is only less narrow */
	return id > 0 ? id : 0;
}

/* One statement of the stage: the COPY with progress, any other plainly. */
static enum dwh_rc rs_send(struct dwh *s, const char *stmt, const char *stage)
{
	PGresult *res;

	if (starts_with(stmt, "COPY")) {
		s->server.rs_staged = true;
		res = rs_run_copy(s, stmt, stage);
	} else {
		res = db_query(s, stmt);
	}
	PQclear(res);
	return res ? DWH_OK : db_fail_rc(s);
}

/* The stage's SQL statement by statement, each sent alone: COPY is among the commands Redshift
 * restricts in multi-statement requests (SVL_MULTI_STATEMENT_VIOLATIONS,
 * docs.aws.amazon.com/redshift/latest/dg/r_SVL_MULTI_STATEMENT_VIOLATIONS.html); inside a
 * BEGIN ... END block it is documented ("Errors when reading multiple files": an unfinished block
 * rolls back "the entire transaction, including the COPY",
 * docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-multiple-files.html). The pieces are
 * cut from the very text `show sql` prints (rs_copy_sql), comments and all. */
static enum dwh_rc rs_send_all(struct dwh *s, const char *sql, const char *stage, int skip)
{
	char *stmt[RS_MAX_STATEMENTS];
	int n = rs_statements(sql, skip, stmt, RS_MAX_STATEMENTS);
	enum dwh_rc rc = DWH_OK;

	if (n < 0)
		return dwh_fail(s, "%s: out of memory, or the stage's SQL has more than %d statements",
				stage, RS_MAX_STATEMENTS);
	for (int i = 0; i < n; i++) {
		if (rc == DWH_OK)
			rc = rs_send(s, stmt[i], stage);
		free(stmt[i]);
	}
	return rc;
}

/* Redshift reads only from S3. */
static enum dwh_rc rs_no_local(struct dwh *s, const char *stage)
{
	if (!s->opts.data_dir)
		return DWH_OK;
	return dwh_fail(s, "%s: Redshift cannot read local files (it has no COPY FROM STDIN): "
			"upload them with `aws s3 sync %s s3://BUCKET/PREFIX`, then set [S3] SONG_DATA, "
			"LOG_DATA and LOG_JSONPATH in dwh.cfg to those s3:// paths", stage,
			s->opts.data_dir);
}

static const char *table_of(const char *which)
{
	return strcmp(which, "songs") == 0 ? "staging_songs" : "staging_events";
}

/* One table's statements (less those skip leaves to the caller's transaction); base is the
 * query id before its transaction. On failure: rolled back, its bad records shown, its stage
 * FAILED. */
static enum dwh_rc rs_stage_one(struct dwh *s, const char *which, long max_errors, int skip,
			long long base, double t0, const char *from, bool append)
{
	char stage[32], *sql;
	enum dwh_rc rc;

	snprintf(stage, sizeof stage, "stage %s", which);
	if (!(sql = rs_copy_sql_from(s, which, max_errors, from, append)))
		return DWH_FAIL;
	dwh_stage(s, stage, STAGE_RUNNING, -1, 0);
	s->server.rs_after[strcmp(which, "songs") == 0 ? 0 : 1] = base;
	rc = rs_send_all(s, sql, stage, skip);
	free(sql);
	if (rc != DWH_OK) {
		rs_show_load_errors(s, table_of(which));
		dwh_stage(s, stage, STAGE_FAILED, -1, dwh_now() - t0);
	}
	return rc;
}

/* After the COMMIT: the table's rows and the stage DONE. */
static void rs_staged(struct dwh *s, const char *which, double t0)
{
	char stage[32];
	long long rows = db_count(s, table_of(which));

	snprintf(stage, sizeof stage, "stage %s", which);
	dwh_stage(s, stage, STAGE_DONE, rows >= 0 ? rows : -1, dwh_now() - t0);
	dwh_msg(s, LOG_INFO, "staged %lld row%s from S3 in %.2f s (%s)", rows, dwh_plural(rows),
		dwh_now() - t0, table_of(which));
}

enum dwh_rc rs_stage(struct dwh *s, const char *which, long max_errors)
{
	return rs_stage_from(s, which, max_errors, NULL, false);
}

enum dwh_rc rs_stage_from(struct dwh *s, const char *which, long max_errors, const char *from, bool append)
{
	char stage[32];
	double t0 = dwh_now();
	enum dwh_rc rc;

	snprintf(stage, sizeof stage, "stage %s", which);
	if ((rc = rs_no_local(s, stage)) != DWH_OK)
		return rc;
	if (db_ensure(s) != DWH_OK)
		return DWH_ECONN;
	if ((rc = rs_stage_one(s, which, max_errors, 0, rs_last_query(s), t0, from, append)) == DWH_OK)
		rs_staged(s, which, t0);
	return rc;
}

enum dwh_rc rs_stage_all(struct dwh *s, long max_errors)
{
	double t0 = dwh_now();
	long long base;
	enum dwh_rc rc;

	if ((rc = rs_no_local(s, "stage")) != DWH_OK)
		return rc;
	if (db_ensure(s) != DWH_OK)
		return DWH_ECONN;
	/* songs' BEGIN .. COPY, then events' DELETE .. COMMIT: one transaction for both */
	base = rs_last_query(s);
	if ((rc = rs_stage_one(s, "songs", max_errors, RS_SKIP_COMMIT, base, t0, NULL, false)) != DWH_OK)
		return rc;
	if ((rc = rs_stage_one(s, "events", max_errors, RS_SKIP_BEGIN, base, t0, NULL, false)) != DWH_OK) {
		dwh_stage(s, "stage songs", STAGE_CANCELLED, -1, dwh_now() - t0);
		return rc;
	}
	rs_staged(s, "songs", t0);
	rs_staged(s, "events", t0);
	return DWH_OK;
}
