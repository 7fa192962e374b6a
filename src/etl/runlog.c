/* runlog.c — writing and reading dwh_runs. Timestamps come from the client's clock as UTC text,
 * so the same INSERT works on PostgreSQL and Redshift (whose now() is the transaction's start,
 * and which has no clock_timestamp()). */
#include "etl/runlog.h"

#include "db/db.h"
#include "db/sqlfile.h"
#include "db/stream.h"
#include "etl/tables.h"
#include "base/version.h"
#include "load/copy_row.h"

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
	r->fig.read = r->fig.added = r->fig.changed = r->fig.removed = r->fig.size = -1;
}

/* The figures' columns, in the order the INSERT and the SELECT name them. */
static const char *const fig_cols[] = {
	"rows_read", "rows_new", "rows_changed", "rows_removed", "table_rows", "error",
};
#define NFIG_COLS 6

/* How many of fig_cols dwh_runs has (present[i] set for each), or -1 on error. */
static int fig_columns(struct dwh *s, bool present[NFIG_COLS])
{
	PGresult *res = db_query(s, "SELECT column_name FROM information_schema.columns WHERE "
				 "table_schema = current_schema() AND table_name = 'dwh_runs'");
	int have = 0;

	if (!res)
		return -1;
	for (int i = 0; i < NFIG_COLS; i++) {
		present[i] = false;
		for (int r = 0; r < PQntuples(res) && !present[i]; r++)
			present[i] = !strcmp(PQgetvalue(res, r, 0), fig_cols[i]);
		have += present[i];
	}
	PQclear(res);
	return have;
}

/* A log made by an older dwh gets the figures' columns in place. Redshift has no ADD COLUMN
 * IF NOT EXISTS, so both dialects look in the catalog first. DWH_OK or a failure rc. */
static enum dwh_rc upgrade(struct dwh *s)
{
	bool present[NFIG_COLS];
	int have = fig_columns(s, present);
	char sql[160];

	if (have < 0)
		return db_fail_rc(s);
	for (int i = 0; i < NFIG_COLS; i++) {
		if (present[i])
			continue;
		snprintf(sql, sizeof sql, "ALTER TABLE dwh_runs ADD COLUMN %s %s", fig_cols[i],
			 i < NFIG_COLS - 1 ? "BIGINT" : !strcmp(db_dialect(s), "redshift")
			 ? "VARCHAR(65535)" : "TEXT");
		if (db_exec(s, sql) != DWH_OK)
			return db_fail_rc(s);
	}
	return DWH_OK;
}

/* PostgreSQL's log keeps each run's snapshot in a partition of its own and dwh_files in a
 * partition per stage (create_runs.sql). A log an older dwh made has plain tables: its
 * snapshots are dropped for the new ones to be made (copies for `diff`: it needs two more
 * runs), and *files_plain says dwh_files is to be moved into the new form (runlog_ensure).
 * 1 when all is as it should be, or Redshift; 0 when create_runs.sql has work; -1 on error. */
static int pg_layout(struct dwh *s, bool *files_plain)
{
	PGresult *res;
	int ok = 0;
	bool snaps_plain = false;

	*files_plain = false;
	if (s->server.engine != ENGINE_POSTGRES)
		return 1;
	if (!(res = db_query(s, "SELECT relname, relkind FROM pg_catalog.pg_class WHERE oid IN "
			     "(to_regclass('dwh_snap_rows'), to_regclass('dwh_snap_days'), "
			     "to_regclass('dwh_files'), to_regclass('dwh_snap_rows_any'), "
			     "to_regclass('dwh_snap_days_any'))")))
		return -1;
	for (int i = 0; i < PQntuples(res); i++) {
		const char *name = PQgetvalue(res, i, 0);

		if (PQgetvalue(res, i, 1)[0] == 'p' || strstr(name, "_any"))
			ok++;           /* partitioned, or a default partition that is there */
		else if (!strcmp(name, "dwh_files"))
			*files_plain = true;
		else
			snaps_plain = true;
	}
	PQclear(res);
	if (ok == 5)            /* the three tables partitioned, the snapshots' two defaults */
		return 1;
	if (!snaps_plain)
		return 0;
	dwh_msg(s, LOG_INFO, "diff's snapshots are kept in a new form: the next two runs of each "
		"stage take them again");
	return db_exec(s, "BEGIN; SET LOCAL client_min_messages = warning; DROP TABLE IF EXISTS "
		       "dwh_snapshots, dwh_snap_rows, dwh_snap_days; COMMIT") == DWH_OK ? 0 : -1;
}

/* create_runs.sql in one transaction on PostgreSQL, without "already exists, skipping" notices
 * for the tables a log already has; an older dwh's plain dwh_files moved into the partitioned
 * one it makes, row for row. Redshift: the file as it always ran. */
static enum dwh_rc make_log(struct dwh *s, const char *sql, bool files_plain)
{
	enum dwh_rc e;

	if (s->server.engine != ENGINE_POSTGRES)
		return db_exec(s, sql);
	e = db_exec(s, "BEGIN; SET LOCAL client_min_messages = warning");
	if (e == DWH_OK && files_plain)
		e = db_exec(s, "ALTER TABLE dwh_files RENAME TO dwh_files_before; "
			    "ALTER TABLE dwh_files_before DROP CONSTRAINT IF EXISTS dwh_files_pkey");
	if (e == DWH_OK)
		e = db_exec(s, sql);
	if (e == DWH_OK && files_plain)
		e = db_exec(s, "INSERT INTO dwh_files (stage, path, size, mtime, checksum, rows, loaded, "
			    "run_id) SELECT stage, path, size, mtime, checksum, rows, loaded, run_id "
			    "FROM dwh_files_before; DROP TABLE dwh_files_before");
	return e == DWH_OK ? db_exec(s, "COMMIT") : e;
}

int runlog_ensure(struct dwh *s)
{
	int e = db_table_exists(s, "dwh_runs");
	bool files_plain = false;
	char *sql;

	if (e > 0 && upgrade(s) != DWH_OK) {
		enum dwh_rc rc = db_fail_rc(s);

		dwh_msg(s, LOG_WARN, "the run log (dwh_runs) cannot be upgraded here: %s", s->err.msg);
		err_clear(&s->err);
		return rc == DWH_ECONN ? -1 : 0;
	}
	/* a log made before `diff`'s snapshots gets them the same way (create_runs.sql makes
	 * only what is missing) */
	if (e > 0 && (e = db_table_exists(s, "dwh_snapshots")) > 0 &&
	    (e = db_table_exists(s, "dwh_snap_rows")) > 0 && (e = db_table_exists(s, "dwh_snap_days")) > 0 &&
	    (e = pg_layout(s, &files_plain)) > 0)
		return 1;
	if (e < 0)
		return db_fail_rc(s) == DWH_ECONN ? -1 : (err_clear(&s->err), 0);
	/* a warehouse created before the log: make it now, in its own transaction */
	if (!(sql = sqlfile_read(s, "create_runs"))) {
		err_clear(&s->err);
		return 0;
	}
	e = make_log(s, sql, files_plain);
	free(sql);
	if (e != DWH_OK) {
		enum dwh_rc rc = db_rollback(s);

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

/* ---- snapshots for `diff` ---- */

const char *runlog_snap_name(const char *stage)
{
	int i = pipe_named(stage);

	if (i < 0 || pipe_stages[i].kind == PIPE_CREATE)
		return NULL;
	return pipe_stages[i].kind == PIPE_STAGE ? "files" : pipe_stages[i].table;
}

/* The table a snapshot NAME is kept in: the dims and staging's files row by row, songplays and
 * time per day (create_runs.sql). */
static const char *snap_table(const char *name)
{
	return !strcmp(name, "songplays") || !strcmp(name, "time") ? "dwh_snap_days" : "dwh_snap_rows";
}

/* One number a query answers (its first value), or -1 when it has none (NULL, no row); -2 on
 * error with s->err set. */
static long long one_number(struct dwh *s, const char *sql, int n, const char *const *p)
{
	PGresult *res = db_queryp(s, sql, n, p);
	long long v = -1;

	if (!res)
		return -2;
	if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		v = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

/* A run's partition of a snapshot table on PostgreSQL: "dwh_snap_rows_run_12". */
static void part_name(const char *table, const char *run, char *buf, size_t n)
{
	snprintf(buf, n, "%s_run_%s", table, run);
}

/* PostgreSQL: every run's partition of TABLE whose run keeps no snapshot dropped — those just
 * pruned, and any a crash left (it empties the unlogged partitions and dwh_snapshots, not the
 * catalog); never the default partition an older dwh's rows go to (create_runs.sql). */
static enum dwh_rc drop_parts(struct dwh *s, const char *table)
{
	const char *p[1] = { table };
	PGresult *res = db_queryp(s, "SELECT c.relname FROM pg_catalog.pg_inherits i "
				  "JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid "
				  "WHERE i.inhparent = to_regclass($1) "
				  "AND left(c.relname, length($1) + 5) = $1 || '_run_' AND NOT EXISTS "
				  "(SELECT 1 FROM dwh_snapshots n WHERE c.relname = $1 || '_run_' || n.run_id)",
				  1, p);
	enum dwh_rc rc = DWH_OK;

	if (!res)
		return db_fail_rc(s);
	for (int i = 0; i < PQntuples(res) && rc == DWH_OK; i++) {
		char *id = db_ident(s, PQgetvalue(res, i, 0)), sql[160];

		if (!id) {
			rc = db_fail_rc(s);
			break;
		}
		snprintf(sql, sizeof sql, "DROP TABLE %s", id);
		free(id);
		rc = db_exec(s, sql);
	}
	PQclear(res);
	return rc;
}

/* The stage's snapshots but the one to keep (-1: none) deleted, with their rows: on PostgreSQL
 * their partitions dropped (no scan, nothing left for vacuum: a DELETE read the whole table,
 * 0.14-0.19 s three or four times per `load all` on the 1M set), on Redshift their rows. */
static enum dwh_rc snapshot_prune(struct dwh *s, const char *stage, const char *table,
				  long long keep)
{
	char k[24], sql[320], *id;
	const char *p[2] = { stage, k };
	PGresult *res;
	bool pg = s->server.engine == ENGINE_POSTGRES;

	snprintf(k, sizeof k, "%lld", keep);
	if (!pg) {
		if (!(id = db_ident(s, table)))
			return db_fail_rc(s);
		snprintf(sql, sizeof sql, "DELETE FROM %s WHERE run_id IN (SELECT run_id FROM "
			 "dwh_snapshots WHERE stage = $1 AND run_id <> CAST($2 AS BIGINT))", id);
		free(id);
		if (!(res = db_queryp(s, sql, 2, p)))
			return db_fail_rc(s);
		PQclear(res);
	}
	res = db_queryp(s, "DELETE FROM dwh_snapshots WHERE stage = $1 AND run_id <> CAST($2 AS BIGINT)",
			2, p);
	if (!res)
		return db_fail_rc(s);
	PQclear(res);
	return pg ? drop_parts(s, table) : DWH_OK;
}

/* PostgreSQL: the run's partition of TABLE, for its snapshot's rows (unlogged, as the rest). */
static enum dwh_rc make_part(struct dwh *s, const char *table, const char *run)
{
	char name[96], sql[320], *id, *parent;

	if (s->server.engine != ENGINE_POSTGRES)
		return DWH_OK;
	part_name(table, run, name, sizeof name);
	if (!(id = db_ident(s, name)) || !(parent = db_ident(s, table))) {
		free(id);
		return db_fail_rc(s);
	}
	snprintf(sql, sizeof sql, "CREATE UNLOGGED TABLE %s PARTITION OF %s FOR VALUES IN (%s) "
		 "WITH (autovacuum_enabled = false)", id, parent, run);
	free(id);
	free(parent);
	return db_exec(s, sql);
}

/* How a run's snapshot is made: read from its table in full; copied from the previous run's
 * (a run that changed nothing); or, for songplays and time after an incremental load that
 * only added rows, the previous run's days the load did not touch copied and the touched days
 * read again (sql/<dialect>/snapshot_NAME_new.sql). */
enum snap_how { SNAP_FULL, SNAP_COPY, SNAP_DAYS };

/* Whether the previous snapshot PREV still describes the table as this run found it: its rows
 * (for a per-day snapshot, the plays or time rows it counts) are the table's rows before the
 * run. A table changed outside the stage's runs since (create, a hand-made edit that changes
 * its size) is read in full again. 1, 0, -1 on error (s->err set). */
static int snapshot_prev_holds(struct dwh *s, const char *stage, const char *name,
			       const char *prev, long long before)
{
	const char *p[2] = { prev, stage };
	long long n;

	if (!strcmp(snap_table(name), "dwh_snap_days"))
		n = one_number(s, "SELECT COALESCE(SUM(plays), 0) FROM dwh_snap_days "
			       "WHERE run_id = CAST($1 AS BIGINT)", 1, p);
	else
		n = one_number(s, "SELECT rows FROM dwh_snapshots WHERE run_id = CAST($1 AS BIGINT) "
			       "AND stage = $2", 2, p);
	return n == -2 ? -1 : n == before;
}

/* Whether reading the previous snapshot costs less than reading the table (TABLE_ROWS rows):
 * dwh_snap_rows and dwh_snap_days have no index (create_runs.sql), so finding one run's rows
 * scans every snapshot kept there, of every stage — the rows dwh_snapshots counts. A table
 * row is wider than a snapshot row: the copy is taken while that scan is under four times the
 * table's rows (users, a few thousand rows beside the songs' and files' snapshots, is read
 * again; songplays and time, millions of rows summed into thousands, are copied). 1, 0, -1. */
static int snapshot_cheaper(struct dwh *s, const char *name, long long table_rows)
{
	PGresult *res = db_query(s, "SELECT stage, SUM(rows) FROM dwh_snapshots GROUP BY stage");
	long long kept = 0;

	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res); i++) {
		const char *other = runlog_snap_name(PQgetvalue(res, i, 0));

		if (other && !strcmp(snap_table(other), snap_table(name)))
			kept += atoll(PQgetvalue(res, i, 1));
	}
	PQclear(res);
	return kept <= 4 * table_rows;
}

/* How this run's snapshot can be made (above), from its run_rec's figures: only a run that
 * is not "full" and says exactly what it wrote (none of its figures unknown) is trusted. */
static int snapshot_how(struct dwh *s, const struct run_rec *r, const char *name,
			const char *prev)
{
	const struct run_figs *f = &r->fig;
	bool days = !strcmp(name, "songplays") || !strcmp(name, "time");
	int e;

	if (!prev[0] || !strcmp(r->mode, "full") || f->size < 0 || f->added < 0 ||
	    f->changed != 0 || f->removed != 0)
		return SNAP_FULL;
	if (f->added > 0 && !days)
		return SNAP_FULL;
	if ((e = snapshot_prev_holds(s, r->stage, name, prev, f->size - f->added)) <= 0)
		return e < 0 ? -1 : SNAP_FULL;
	if ((e = snapshot_cheaper(s, name, f->size)) <= 0)
		return e < 0 ? -1 : SNAP_FULL;
	return f->added ? SNAP_DAYS : SNAP_COPY;
}

/* "COPY TABLE (COLUMNS) FROM STDIN", the columns a result's, quoted: 0, or -1 with s->err set. */
static int copy_head(struct dwh *s, const char *table, const PGresult *res, struct bytebuf *b)
{
	for (int j = -1; j < PQnfields(res); j++) {
		const char *sep = j < 0 ? "COPY " : j == 0 ? " (" : ", ";
		char *id = db_ident(s, j < 0 ? table : PQfname(res, j));
		int e;

		if (!id)
			return -1;
		e = bytebuf_add(b, sep, strlen(sep)) < 0 || bytebuf_add(b, id, strlen(id)) < 0;
		free(id);
		if (e)
			return err_set(&s->err, "out of memory");
	}
	return bytebuf_add(b, ") FROM STDIN", 13) < 0 ? err_set(&s->err, "out of memory") : 0;
}

/* Row i of a result as a line of COPY text. */
static int copy_line(const PGresult *res, int i, struct bytebuf *b)
{
	for (int j = 0; j < PQnfields(res); j++)
		if ((j && bytebuf_add(b, "\t", 1) < 0) ||
		    (PQgetisnull(res, i, j) ? bytebuf_add(b, "\\N", 2)
		     : copy_escape(b, PQgetvalue(res, i, j), (size_t)PQgetlength(res, i, j))) < 0)
			return -1;
	return bytebuf_add(b, "\n", 1);
}

/* A snapshot file that returns its rows rather than writing them (PostgreSQL's per-day
 * snapshots: a SELECT may run in parallel, an INSERT … SELECT never does; snapshot_songplays.sql)
 * has them written into TABLE here, by COPY, the result's columns by name. */
static enum dwh_rc snapshot_write(struct dwh *s, const char *table, const PGresult *res)
{
	struct bytebuf b = { 0 };
	enum dwh_rc rc = DWH_OK;
	PGresult *end;

	if (copy_head(s, table, res, &b) < 0 || db_copy_in(s, b.p) != DWH_OK) {
		bytebuf_free(&b);
		return db_fail_rc(s);
	}
	b.len = 0;
	for (int i = 0; i < PQntuples(res) && rc == DWH_OK; i++) {
		if (copy_line(res, i, &b) < 0)
			rc = dwh_fail(s, "out of memory");
		else if (b.len >= 65536 || i == PQntuples(res) - 1) {
			rc = db_copy_put(s, b.p, b.len, "snapshot");
			b.len = 0;
		}
	}
	bytebuf_free(&b);
	if (rc != DWH_OK) {     /* abandoned: the failure that led here is the one to tell */
		struct dwh_err keep = s->err;

		PQclear(db_copy_in_end(s, keep.msg, NULL));
		s->err = keep;
		return rc;
	}
	end = db_copy_in_end(s, NULL, "snapshot");
	PQclear(end);
	return end ? DWH_OK : db_fail_rc(s);
}

/* A full snapshot: sql/<dialect>/snapshot_NAME.sql. Redshift's INSERT into its table. On
 * PostgreSQL a SELECT of the rows, which go straight into the run's partition INTO (routed
 * through the partitioned table each row cost a third more): row by row by an INSERT of it,
 * per day by COPY from here (snapshot_write: that SELECT may run in parallel). */
static PGresult *snapshot_full(struct dwh *s, const char *name, const char *into,
			       const char *const *p)
{
	char file[48], *sql, *ins;
	int n = !strcmp(name, "files") ? 2 : 1;
	PGresult *res;

	snprintf(file, sizeof file, "snapshot_%s", name);
	if (s->server.engine != ENGINE_POSTGRES || !strcmp(snap_table(name), "dwh_snap_days"))
		return sqlfile_query(s, file, n, p);
	if (!(sql = sqlfile_read(s, file)))
		return NULL;
	if (!(ins = malloc(strlen(sql) + strlen(into) + 16))) {
		free(sql);
		dwh_fail(s, "out of memory");
		return NULL;
	}
	sprintf(ins, "INSERT INTO %s\n%s", into, sql);
	res = db_queryp(s, ins, n, p);
	free(ins);
	free(sql);
	return res;
}

/* This run's snapshot (SNAP_FULL: sql/<dialect>/snapshot_NAME.sql) and its line in
 * dwh_snapshots. prev: the previous snapshot's run_id ("" when there is none). */
static enum dwh_rc snapshot_take(struct dwh *s, const struct run_rec *r, const char *name,
				 const char *run, const char *prev)
{
	char file[48], rows[24], added[24], sql[400], leaf[96], *into;
	const char *p[3] = { run, r->stage, rows }, *q[3] = { run, prev, added };
	int how = snapshot_how(s, r, name, prev);
	bool pg = s->server.engine == ENGINE_POSTGRES;
	PGresult *res;

	if (how < 0)
		return db_fail_rc(s);
	if (make_part(s, snap_table(name), run) != DWH_OK)
		return db_fail_rc(s);
	/* where the rows go: the run's partition on PostgreSQL, the table on Redshift */
	part_name(snap_table(name), run, leaf, sizeof leaf);
	if (!(into = db_ident(s, pg ? leaf : snap_table(name))))
		return db_fail_rc(s);
	snprintf(added, sizeof added, "%lld", r->fig.added);
	if (how == SNAP_COPY) {
		/* the same table: the previous rows under this run's id (the snapshot's size) */
		if (!strcmp(snap_table(name), "dwh_snap_days"))
			snprintf(sql, sizeof sql, "INSERT INTO %s (run_id, day, user_id, plays, matched, "
				 "digest) SELECT CAST($1 AS BIGINT), day, user_id, plays, matched, digest "
				 "FROM dwh_snap_days WHERE run_id = CAST($2 AS BIGINT)", into);
		else
			snprintf(sql, sizeof sql, "INSERT INTO %s (run_id, key, c1, c2, c3, c4, n1, n2) "
				 "SELECT CAST($1 AS BIGINT), key, c1, c2, c3, c4, n1, n2 FROM "
				 "dwh_snap_rows WHERE run_id = CAST($2 AS BIGINT)", into);
		res = db_queryp(s, sql, 2, q);
	} else if (how == SNAP_DAYS) {
		snprintf(file, sizeof file, "snapshot_%s_new", name);
		res = sqlfile_query(s, file, !strcmp(name, "songplays") ? 3 : 2, q);
	} else {
		res = snapshot_full(s, name, into, p);
	}
	free(into);
	if (!res)
		return db_fail_rc(s);
	if (PQresultStatus(res) == PGRES_TUPLES_OK) {   /* rows to write here (snapshot_write) */
		snprintf(rows, sizeof rows, "%d", PQntuples(res));
		int e = snapshot_write(s, pg ? leaf : snap_table(name), res);

		PQclear(res);
		if (e != DWH_OK)
			return e;
	} else {
		snprintf(rows, sizeof rows, "%s", PQcmdTuples(res)[0] ? PQcmdTuples(res) : "0");
		PQclear(res);
	}
	res = db_queryp(s, "INSERT INTO dwh_snapshots (run_id, stage, rows) VALUES "
			"(CAST($1 AS BIGINT), $2, CAST($3 AS BIGINT))", 3, p);
	if (!res)
		return db_fail_rc(s);
	PQclear(res);
	return DWH_OK;
}

/* In the run's transaction, right after its dwh_runs row: the snapshot `diff` compares, the
 * previous run's kept and any older one deleted, so a stage keeps two. The run's id is found
 * by its stage and start (Redshift's INSERT has no RETURNING:
 * https://docs.aws.amazon.com/redshift/latest/dg/r_INSERT_30.html); the previous snapshot is
 * the one whose run finished last (Redshift's IDENTITY values are unique, not ordered:
 * https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html). A warehouse whose
 * log has no dwh_snapshots (runlog_ensure could not make it) keeps none. An incremental run
 * builds on the previous snapshot where it can (snapshot_how): copied when it changed nothing,
 * only the touched days read again when it appended plays or times. */
static enum dwh_rc snapshot(struct dwh *s, const struct run_rec *r, const char *started)
{
	const char *stage = r->stage, *name = runlog_snap_name(stage), *p[2] = { stage, started };
	char run[24], prevs[24] = "";
	long long id, prev;
	int e;

	if (!name || (e = db_table_exists(s, "dwh_snapshots")) == 0)
		return DWH_OK;
	if (e < 0)
		return db_fail_rc(s);
	id = one_number(s, "SELECT MAX(run_id) FROM dwh_runs WHERE stage = $1 AND "
			"started = CAST($2 AS TIMESTAMPTZ)", 2, p);
	if (id < 0)
		return id == -2 ? db_fail_rc(s) : dwh_fail(s, "%s: its run log row is not there", stage);
	prev = one_number(s, "SELECT n.run_id FROM dwh_snapshots n JOIN dwh_runs r ON r.run_id = "
			  "n.run_id WHERE n.stage = $1 ORDER BY r.finished DESC, n.run_id DESC LIMIT 1",
			  1, p);
	if (prev == -2)
		return db_fail_rc(s);
	snprintf(run, sizeof run, "%lld", id);
	if (prev >= 0)
		snprintf(prevs, sizeof prevs, "%lld", prev);
	if ((e = snapshot_prune(s, stage, snap_table(name), prev)) != DWH_OK)
		return e;
	return snapshot_take(s, r, name, run, prevs);
}

enum dwh_rc runlog_write(struct dwh *s, const struct run_rec *r, const char *status)
{
	char started[48], finished[48], rows[24], files[24], bytes[24], bad[24], dur[32];
	char fr[5][24];
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
	const char *p[19] = { r->stage, started, finished, status, r->mode,
			      num(rows, sizeof rows, r->rows), r->input[0] ? r->input : NULL,
			      num(files, sizeof files, r->files), num(bytes, sizeof bytes, r->bytes),
			      num(bad, sizeof bad, r->bad), dur, DWH_VERSION, client,
			      num(fr[0], sizeof fr[0], r->fig.read), num(fr[1], sizeof fr[1], r->fig.added),
			      num(fr[2], sizeof fr[2], r->fig.changed),
			      num(fr[3], sizeof fr[3], r->fig.removed),
			      num(fr[4], sizeof fr[4], r->fig.size), r->error[0] ? r->error : NULL };
	res = db_queryp(s, "INSERT INTO dwh_runs (stage, started, finished, status, mode, rows, "
			"input, files, bytes, bad, duration, dwh_version, db_user, client, rows_read, "
			"rows_new, rows_changed, rows_removed, table_rows, error) VALUES "
			"($1, CAST($2 AS TIMESTAMPTZ), CAST($3 AS TIMESTAMPTZ), $4, $5, "
			"CAST($6 AS BIGINT), $7, CAST($8 AS BIGINT), CAST($9 AS BIGINT), "
			"CAST($10 AS BIGINT), CAST($11 AS DOUBLE PRECISION), $12, current_user, $13, "
			"CAST($14 AS BIGINT), CAST($15 AS BIGINT), CAST($16 AS BIGINT), "
			"CAST($17 AS BIGINT), CAST($18 AS BIGINT), $19)", 19, p);
	if (!res)
		return db_fail_rc(s);
	PQclear(res);
	return strcmp(status, "done") ? DWH_OK : snapshot(s, r, started);
}

void runlog_failed(struct dwh *s, const struct run_rec *r)
{
	struct dwh_err keep = s->err;
	struct run_rec rec = *r;
	bool cancelled = dwh_session(s)->interrupted;

	if (!cancelled && !rec.error[0])
		snprintf(rec.error, sizeof rec.error, "%s", keep.msg);
	/* one line, as the pane and `history` show it (a server's DETAIL follows a newline) */
	for (char *c = rec.error; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK &&
	    PQtransactionStatus(s->conn) == PQTRANS_IDLE && db_table_exists(s, "dwh_runs") == 1)
		runlog_write(s, &rec, cancelled ? "cancelled" : "failed");
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
static int ran_after(const char *table, const struct run_last *last, int i, const double *fin)
{
	int j = pipe_filler(table);

	return j >= 0 && last[j].have && !strcmp(last[j].status, "done") && fin[j] > fin[i] &&
	       !(strstr(last[j].mode, "new") && last[j].files == 0) ? j : -1;
}

static void stale_input(const struct pipe_stage *st, struct run_last *last, int i,
			const double *fin)
{
	int j;

	for (int k = 0; st->inputs[k] && !last[i].stale[0]; k++)
		if ((j = ran_after(st->inputs[k], last, i, fin)) >= 0)
			snprintf(last[i].stale, sizeof last[i].stale, "%s ran after it",
				 pipe_stages[j].name);
	last[i].merge_new = st->merge_input && ran_after(st->merge_input, last, i, fin) >= 0;
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

static long long num_at(PGresult *res, int r, int c)
{
	return PQgetisnull(res, r, c) ? -1 : atoll(PQgetvalue(res, r, c));
}

static void take_row(PGresult *res, int r, struct run_last *l, double *fin)
{
	snprintf(l->status, sizeof l->status, "%s", PQgetvalue(res, r, 1));
	snprintf(l->mode, sizeof l->mode, "%s", PQgetvalue(res, r, 2));
	l->rows = num_at(res, r, 3);
	l->secs = atof(PQgetvalue(res, r, 4));
	*fin = atof(PQgetvalue(res, r, 5));
	l->ago = wall_now() - *fin;
	snprintf(l->input, sizeof l->input, "%s", PQgetvalue(res, r, 7));
	l->files = atoll(PQgetvalue(res, r, 8));
	l->bad = num_at(res, r, 9);
	l->fig.read = num_at(res, r, 10);
	l->fig.added = num_at(res, r, 11);
	l->fig.changed = num_at(res, r, 12);
	l->fig.removed = num_at(res, r, 13);
	l->fig.size = num_at(res, r, 14);
	snprintf(l->error, sizeof l->error, "%s", PQgetvalue(res, r, 15));
	l->have = true;
}

/* The newest row of each stage; a window rather than DISTINCT ON, which Redshift lacks. A log
 * an older dwh made, not upgraded yet (no stage has run since), reads its figures as NULL. */
static PGresult *last_rows(struct dwh *s)
{
	bool present[NFIG_COLS];
	char sql[1536], cols[256] = "";
	int have = fig_columns(s, present);

	if (have < 0)
		return NULL;
	for (int i = 0; i < NFIG_COLS; i++)
		snprintf(cols + strlen(cols), sizeof cols - strlen(cols), ", %s%s",
			 present[i] ? "" : "NULL AS ", fig_cols[i]);
	snprintf(sql, sizeof sql, "SELECT stage, status, mode, rows, duration, "
		 "EXTRACT(EPOCH FROM finished), 0, "
		 "COALESCE(input, ''), COALESCE(files, -1), bad%s FROM (SELECT r.*, "
		 "ROW_NUMBER() OVER (PARTITION BY stage ORDER BY finished DESC, run_id DESC) AS n "
		 "FROM dwh_runs r) x WHERE n = 1", cols);
	return db_query(s, sql);
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
	if (!(res = last_rows(s)))
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

/* ---- what a run did, in words ---- */

const char *runlog_count(long long v, char *buf, size_t n)
{
	char digits[32];
	size_t len, o = 0;

	snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
	len = strlen(digits);
	if (v < 0 && o + 1 < n)
		buf[o++] = '-';
	for (size_t i = 0; i < len && o + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* Appends to buf, "(a, b, c)"-style: sep before every part but the first. */
static void part(char *buf, size_t n, int *parts, const char *fmt, long long v)
{
	char c[32], text[96];

	runlog_count(v, c, sizeof c);
	snprintf(text, sizeof text, fmt, c);
	snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", (*parts)++ ? ", " : " (", text);
}

/* Where a failed stage stopped, from its error: "FILE:LINE" of "/path/FILE:LINE: FIELD: ..."
 * (the file's name alone), or "" when the error names no input line. */
static void failed_at(const char *error, char *buf, size_t n)
{
	const char *colon = error, *base;
	size_t len;

	buf[0] = '\0';
	while ((colon = strchr(colon, ':')) != NULL) {
		if (colon[1] >= '0' && colon[1] <= '9') {
			const char *end = colon + 1 + strspn(colon + 1, "0123456789");

			if (*end != ':' && *end != '\0')
				return;
			for (base = colon; base > error && base[-1] != '/' && base[-1] != ' '; base--)
				;
			len = (size_t)(end - base);
			snprintf(buf, n, "%.*s", (int)len, base);
			return;
		}
		colon++;
	}
}

static void done_figures(const struct pipe_stage *st, const char *mode, const struct run_figs *f,
			 long long files, long long bad, char *buf, size_t n)
{
	int parts = 0;
	bool full = !strcmp(mode, "full");

	if (full && f->read >= 0)
		part(buf, n, &parts, "rebuilt from %s rows read", f->read);
	else if (!full && f->added <= 0 && f->changed <= 0 && f->removed <= 0)
		snprintf(buf + strlen(buf), n - strlen(buf), "%snothing new", parts++ ? ", " : " (");
	if (!full && f->added > 0)
		part(buf, n, &parts, "+%s new", f->added);
	if (!full && f->changed > 0)
		part(buf, n, &parts, "%s changed", f->changed);
	if (!full && f->removed > 0)
		part(buf, n, &parts, "%s removed", f->removed);
	if (st && st->kind == PIPE_STAGE && files >= 0)
		part(buf, n, &parts, files == 1 ? (full ? "%s file" : "%s new file")
		     : (full ? "%s files" : "%s new files"), files);
	if (bad > 0)
		part(buf, n, &parts, "%s bad skipped", bad);
	if (parts)
		snprintf(buf + strlen(buf), n - strlen(buf), ")");
}

static void figures(const struct pipe_stage *st, const char *status, const char *mode,
		    const struct run_figs *f, long long rows, long long files, long long bad,
		    const char *error, char *buf, size_t n)
{
	const char *table = !st || !st->table ? "the table" : st->kind == PIPE_STAGE ? "staging"
			    : st->table;
	char c[32], at[256];

	buf[0] = '\0';
	if (!strcmp(status, "done")) {
		long long size = f->size >= 0 ? f->size : rows;

		if (size >= 0)
			snprintf(buf, n, "%s row%s", runlog_count(size, c, sizeof c), dwh_plural(size));
		if (f->size >= 0)       /* an older dwh's row has only its rows */
			done_figures(st, mode, f, files, bad, buf, n);
		return;
	}
	if (!strcmp(status, "cancelled"))
		snprintf(buf, n, f->read >= 0 ? "cancelled after %s rows read" : "cancelled",
			 runlog_count(f->read, c, sizeof c));
	else {
		failed_at(error ? error : "", at, sizeof at);
		snprintf(buf, n, at[0] ? "failed at %s" : "failed", at);
	}
	if (f->size >= 0)
		snprintf(buf + strlen(buf), n - strlen(buf), " — %s kept its %s row%s", table,
			 runlog_count(f->size, c, sizeof c), dwh_plural(f->size));
}

void runlog_figures(const struct pipe_stage *st, const struct run_last *l, char *buf, size_t n)
{
	figures(st, l->status, l->mode, &l->fig, l->rows, l->files, l->bad, l->error, buf, n);
}

void runlog_rec_figures(const struct pipe_stage *st, const struct run_rec *r, const char *status,
			char *buf, size_t n)
{
	figures(st, status, r->mode, &r->fig, r->rows, r->files, r->bad, r->error, buf, n);
}
