/* runlog.c — writing and reading dwh_runs. Timestamps come from the client's clock as UTC text,
 * so the same INSERT works on PostgreSQL and Redshift (whose now() is the transaction's start,
 * and which has no clock_timestamp()). */
#include "etl/runlog.h"

#include "db/db.h"
#include "db/sqlfile.h"
#include "etl/tables.h"
#include "base/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void run_begin(struct run_rec *r, const char *stage)
{
	memset(r, 0, sizeof *r);
	snprintf(r->stage, sizeof r->stage, "%s", stage);
	snprintf(r->mode, sizeof r->mode, "full");
	clock_gettime(CLOCK_REALTIME, &r->wall0);
	r->t0 = dwh_now();
	r->rows = r->files = r->bytes = r->bad = -1;
}

int runlog_ensure(struct dwh *s)
{
	int e = db_table_exists(s, "dwh_runs");
	char *sql;

	if (e != 0)
		return e < 0 ? (db_fail_rc(s) == DWH_ECONN ? -1 : (err_clear(&s->err), 0)) : 1;
	/* a warehouse created before the log: make it now, in its own transaction */
	if (!(sql = sqlfile_read(s, "create_runs"))) {
		err_clear(&s->err);
		return 0;
	}
	e = db_exec(s, sql);
	free(sql);
	if (e != DWH_OK) {
		enum dwh_rc rc = db_fail_rc(s);

		dwh_msg(s, LOG_WARN, "the run log (dwh_runs) cannot be created here: %s", s->err.msg);
		err_clear(&s->err);
		return rc == DWH_ECONN ? -1 : 0;
	}
	return 1;
}

static void utc_text(const struct timespec *t, char *buf, size_t n)
{
	struct tm tm;
	char day[32];

	gmtime_r(&t->tv_sec, &tm);
	strftime(day, sizeof day, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf, n, "%s.%06ld+00", day, t->tv_nsec / 1000);
}

static const char *num(char *buf, size_t n, long long v)
{
	if (v < 0)
		return NULL;
	snprintf(buf, n, "%lld", v);
	return buf;
}

enum dwh_rc runlog_write(struct dwh *s, const struct run_rec *r, const char *status)
{
	char started[48], finished[48], rows[24], files[24], bytes[24], bad[24], dur[32];
	char client[320], host[256] = "";
	struct timespec now;
	double secs = dwh_now() - r->t0;
	PGresult *res;

	clock_gettime(CLOCK_REALTIME, &now);
	utc_text(&r->wall0, started, sizeof started);
	utc_text(&now, finished, sizeof finished);
	snprintf(dur, sizeof dur, "%.6f", secs);
	gethostname(host, sizeof host - 1);
	snprintf(client, sizeof client, "dwh pid %ld on host %s", (long)getpid(), host);
	const char *p[13] = { r->stage, started, finished, status, r->mode,
			      num(rows, sizeof rows, r->rows), r->input[0] ? r->input : NULL,
			      num(files, sizeof files, r->files), num(bytes, sizeof bytes, r->bytes),
			      num(bad, sizeof bad, r->bad), dur, DWH_VERSION, client };
	res = db_queryp(s, "INSERT INTO dwh_runs (stage, started, finished, status, mode, rows, "
			"input, files, bytes, bad, duration, dwh_version, db_user, client) VALUES "
			"($1, CAST($2 AS TIMESTAMPTZ), CAST($3 AS TIMESTAMPTZ), $4, $5, "
			"CAST($6 AS BIGINT), $7, CAST($8 AS BIGINT), CAST($9 AS BIGINT), "
			"CAST($10 AS BIGINT), CAST($11 AS DOUBLE PRECISION), $12, current_user, $13)",
			13, p);
	if (!res)
		return db_fail_rc(s);
	PQclear(res);
	return DWH_OK;
}

void runlog_failed(struct dwh *s, const struct run_rec *r)
{
	struct dwh_err keep = s->err;

	if (s->conn && PQstatus(s->conn) == CONNECTION_OK &&
	    PQtransactionStatus(s->conn) == PQTRANS_IDLE && db_table_exists(s, "dwh_runs") == 1)
		runlog_write(s, r, s->interrupted ? "cancelled" : "failed");
	s->err = keep;
}

void runlog_age(double secs, char *buf, size_t n)
{
	if (secs < 0)
		secs = 0;
	if (secs < 60)
		snprintf(buf, n, "%.0f s", secs);
	else if (secs < 3600)
		snprintf(buf, n, "%.0f min", secs / 60);
	else if (secs < 86400 * 2)
		snprintf(buf, n, "%.0f h", secs / 3600);
	else
		snprintf(buf, n, "%.0f d", secs / 86400);
}

/* ---- reading ---- */

/* Which of the warehouse's tables exist and have a row, in two queries whatever their
 * number (the console reads this after every command that may change them). state[i] for
 * dwh_tables[i]: 1 rows, 0 empty, -1 missing. 0, or -1 on error. */
static int table_states(struct dwh *s, int state[DWH_NTABLES])
{
	char sql[2048] = "SELECT ";
	PGresult *res = db_query(s, "SELECT table_name FROM information_schema.tables WHERE "
				 "table_schema = current_schema()");
	int any = 0;

	if (!res)
		return -1;
	for (int i = 0; i < DWH_NTABLES; i++) {
		state[i] = -1;
		for (int r = 0; r < PQntuples(res); r++)
			if (!strcmp(PQgetvalue(res, r, 0), dwh_tables[i]))
				state[i] = 0;
	}
	PQclear(res);
	for (int i = 0; i < DWH_NTABLES; i++)
		if (state[i] == 0)      /* dwh's own table names: no quoting needed */
			snprintf(sql + strlen(sql), sizeof sql - strlen(sql),
				 "%sEXISTS (SELECT 1 FROM %s)", any++ ? ", " : "", dwh_tables[i]);
	if (!any)
		return 0;
	if (!(res = db_query(s, sql)))
		return -1;
	for (int i = 0, c = 0; i < DWH_NTABLES; i++)
		if (state[i] == 0)
			state[i] = PQgetvalue(res, 0, c++)[0] == 't';
	PQclear(res);
	return 0;
}

static int table_index(const char *table)
{
	for (int i = 0; i < DWH_NTABLES; i++)
		if (!strcmp(dwh_tables[i], table))
			return i;
	return -1;
}

/* The table is gone, or emptied while the log says the run made rows. */
static void stale_table(const struct pipe_stage *st, struct run_last *l, const int *state)
{
	int n;

	if (st->kind == PIPE_CREATE) {
		for (int i = 0; i < DWH_NTABLES; i++)
			if (state[i] < 0) {
				snprintf(l->stale, sizeof l->stale, "%s does not exist", dwh_tables[i]);
				return;
			}
		return;
	}
	n = state[table_index(st->table)];
	if (n == -1)
		snprintf(l->stale, sizeof l->stale, "%s does not exist", st->table);
	else if (n == 0 && l->rows > 0)
		snprintf(l->stale, sizeof l->stale, "%s is empty%s", st->table,
			 st->kind == PIPE_STAGE ? " (server restarted?)" : "");
}

/* A stage it reads from finished a successful run after it did (a --new run that found
 * nothing new changed nothing, so it does not count). */
static void stale_input(const struct pipe_stage *st, struct run_last *last, int i,
			const double *fin)
{
	for (int k = 0; st->inputs[k] && !last[i].stale[0]; k++) {
		int j = pipe_filler(st->inputs[k]);

		if (j >= 0 && last[j].have && !strcmp(last[j].status, "done") && fin[j] > fin[i] &&
		    !(strstr(last[j].mode, "new") && last[j].files == 0))
			snprintf(last[i].stale, sizeof last[i].stale, "%s ran after it",
				 pipe_stages[j].name);
	}
}

/* Ages are reckoned here, from the client's clock that wrote `finished` (run_begin): not with
 * the server's now(), a deprecated leader-node-only function on Redshift, which fails in any
 * query that reads a user table such as dwh_runs ("Leader node-only functions",
 * https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_leader_node_only.html). */
static double wall_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void take_row(PGresult *res, int r, struct run_last *l, double *fin)
{
	snprintf(l->status, sizeof l->status, "%s", PQgetvalue(res, r, 1));
	snprintf(l->mode, sizeof l->mode, "%s", PQgetvalue(res, r, 2));
	l->rows = PQgetisnull(res, r, 3) ? -1 : atoll(PQgetvalue(res, r, 3));
	l->secs = atof(PQgetvalue(res, r, 4));
	*fin = atof(PQgetvalue(res, r, 5));
	l->ago = wall_now() - *fin;
	snprintf(l->input, sizeof l->input, "%s", PQgetvalue(res, r, 7));
	l->files = atoll(PQgetvalue(res, r, 8));
	l->have = true;
}

int runlog_read(struct dwh *s, struct run_last last[PIPE_NSTAGES])
{
	double fin[PIPE_NSTAGES] = { 0 };
	int state[DWH_NTABLES];
	PGresult *res;
	int e;

	memset(last, 0, sizeof *last * PIPE_NSTAGES);
	if ((e = db_table_exists(s, "dwh_runs")) <= 0)
		return e;
	/* the newest row of each stage; a window rather than DISTINCT ON, which Redshift lacks */
	res = db_query(s, "SELECT stage, status, mode, rows, duration, "
		       "EXTRACT(EPOCH FROM finished), 0, "
		       "COALESCE(input, ''), COALESCE(files, -1) FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY stage "
		       "ORDER BY finished DESC, run_id DESC) AS n FROM dwh_runs r) x WHERE n = 1");
	if (!res)
		return -1;
	for (int r = 0; r < PQntuples(res); r++) {
		int i = pipe_named(PQgetvalue(res, r, 0));

		if (i >= 0)
			take_row(res, r, &last[i], &fin[i]);
	}
	PQclear(res);
	if (table_states(s, state) < 0)
		return -1;
	for (int i = 0; i < PIPE_NSTAGES; i++) {
		if (!last[i].have || strcmp(last[i].status, "done"))
			continue;
		stale_table(&pipe_stages[i], &last[i], state);
		stale_input(&pipe_stages[i], last, i, fin);
	}
	return 0;
}

int runlog_last_input(struct dwh *s, const char *stage, char *buf, size_t n, double *ago)
{
	const char *p[1] = { stage };
	PGresult *res;
	int e;

	if ((e = db_table_exists(s, "dwh_runs")) <= 0)
		return e;
	/* a full run's input is the data source; a --new FILE is one addition to it */
	res = db_queryp(s, "SELECT input, EXTRACT(EPOCH FROM finished) FROM dwh_runs "
			"WHERE stage = $1 AND status = 'done' AND input IS NOT NULL "
			"ORDER BY CASE WHEN mode = 'full' THEN 0 ELSE 1 END, finished DESC LIMIT 1",
			1, p);
	if (!res)
		return -1;
	e = PQntuples(res) > 0;
	if (e) {
		snprintf(buf, n, "%s", PQgetvalue(res, 0, 0));
		*ago = wall_now() - atof(PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return e;
}
