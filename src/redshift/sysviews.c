/* sysviews.c — Redshift's system views. A provisioned cluster has STL_LOAD_ERRORS, STV_LOAD_STATE
 * and STV_TBL_PERM; Redshift Serverless has none of the STL/STV tables ("System monitoring
 * (provisioned only)", docs.aws.amazon.com/redshift/latest/dg/c_intro_system_views.html) but the
 * SYS_ monitoring views, available on both ("SYS monitoring views",
 * docs.aws.amazon.com/redshift/latest/dg/serverless_views-monitoring.html). Query ids in SYS
 * views are not those of STL tables (STL_QUERY, "Important"), so each flavour reads only its own
 * family. */
#include "redshift/sysviews.h"

#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *rs_progress_sql(bool serverless, int pid)
{
	char *sql = malloc(1024);

	if (!sql)
		return NULL;
	if (serverless)
		/* SYS_LOAD_HISTORY: one row per COPY, "running" while it runs, with accumulated
		 * figures (docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_HISTORY.html) */
		snprintf(sql, 1024,
			 "SELECT COUNT(*), COALESCE(SUM(file_bytes_scanned), 0), "
			 "COALESCE(SUM(source_file_bytes), 0), COALESCE(SUM(loaded_rows), 0), "
			 "COALESCE(SUM(file_count_scanned), 0), COALESCE(SUM(source_file_count), 0) "
			 "FROM sys_load_history WHERE session_id = %d AND status = 'running'", pid);
	else
		/* STV_LOAD_STATE: one row per slice, each with its own share of files and bytes, so
		 * every figure is a SUM; bytes_to_load is 0 for compressed input, whose figures are
		 * the *_compressed ones; rows appear only after each million records
		 * (docs.aws.amazon.com/redshift/latest/dg/r_STV_LOAD_STATE.html) */
		snprintf(sql, 1024,
			 "SELECT COUNT(*), "
			 "COALESCE(SUM(CASE WHEN bytes_to_load > 0 THEN bytes_loaded "
			 "ELSE bytes_loaded_compressed END), 0), "
			 "COALESCE(SUM(CASE WHEN bytes_to_load > 0 THEN bytes_to_load "
			 "ELSE bytes_to_load_compressed END), 0), "
			 "COALESCE(SUM(lines), 0), COALESCE(SUM(num_files_complete), 0), "
			 "COALESCE(SUM(num_files), 0) FROM stv_load_state WHERE session = %d", pid);
	return sql;
}

bool rs_progress_row(PGresult *res, struct dwh_progress *p)
{
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1 || PQnfields(res) != 6 ||
	    atoll(PQgetvalue(res, 0, 0)) == 0)
		return false;
	p->bytes_done = atoll(PQgetvalue(res, 0, 1));
	p->bytes_total = atoll(PQgetvalue(res, 0, 2));
	p->rows = atoll(PQgetvalue(res, 0, 3));
	p->files_done = atol(PQgetvalue(res, 0, 4));
	p->files_total = atol(PQgetvalue(res, 0, 5));
	return true;
}

const char *rs_errors_view(bool serverless)
{
	return serverless ? "SYS_LOAD_ERROR_DETAIL" : "STL_LOAD_ERRORS";
}

/* The staging tables a filter names, as an SQL list of literals. */
static const char *tables_in(const char *table)
{
	if (!table)
		return "('staging_songs', 'staging_events')";
	return strcmp(table, "staging_songs") == 0 ? "('staging_songs')" : "('staging_events')";
}

/* Provisioned: STL_LOAD_ERRORS, whose rows carry the session, the query and the table's id
 * (docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html: "visible to all users ...
 * regular users can see only their own data"). The id is looked up in the catalog first
 * (rs_load_tables), not joined to STV_TBL_PERM as "System tables for troubleshooting data
 * loads" does: STV_TBL_PERM "is visible only to superusers"
 * (docs.aws.amazon.com/redshift/latest/dg/r_STV_TBL_PERM.html), and a normal user would get
 * "permission denied" instead of the errors. Not pg_last_copy_id(): "if the COPY
 * transaction is rolled back, the COPY ID is not updated"
 * (docs.aws.amazon.com/redshift/latest/dg/PG_LAST_COPY_ID.html), and a failed stage is rolled
 * back, so it would name the previous COPY. The newest query of the session per table is the
 * failed load; the after bound (the session's last query before that stage began) keeps an
 * older COPY's errors out when this one failed before loading anything (a bad S3 path leaves
 * no STL_LOAD_ERRORS rows). That query ids grow with time is left unsaid by the docs; their own
 * examples find the newest load by ORDER BY query DESC, and so does dwh. */
static void provisioned_sql(char *sql, size_t n, const struct rs_load_filter *f)
{
	char who[64] = "", ids[64];
	bool songs = !f->table || !strcmp(f->table, "staging_songs");
	bool events = !f->table || !strcmp(f->table, "staging_events");

	if (f->pid > 0)
		snprintf(who, sizeof who, "l.session = %d AND ", f->pid);
	/* a table that does not exist has id 0, which no row holds */
	snprintf(ids, sizeof ids, "(%lld, %lld)", songs ? f->id[0] : 0, events ? f->id[1] : 0);
	snprintf(sql, n,
		 "SELECT CASE e.tbl WHEN %lld THEN 'staging_songs' ELSE 'staging_events' END AS \"table\", "
		 "TRIM(e.filename) AS file, e.line_number AS line, "
		 "TRIM(e.colname) AS \"column\", e.err_code AS code, TRIM(e.err_reason) AS reason "
		 "FROM stl_load_errors e "
		 "WHERE e.query IN (SELECT MAX(l.query) FROM stl_load_errors l "
		 "WHERE %sl.tbl IN %s AND l.query > CASE l.tbl WHEN %lld THEN %lld "
		 "ELSE %lld END GROUP BY l.tbl) AND e.tbl IN %s "
		 "ORDER BY 1, e.line_number LIMIT 50",
		 f->id[0], who, ids, f->id[0], f->after[0], f->after[1], ids);
}

enum dwh_rc rs_load_tables(struct dwh *s, bool serverless, struct rs_load_filter *f)
{
	PGresult *res;

	f->id[0] = f->id[1] = 0;
	if (serverless)
		return DWH_OK;
	/* the catalog alone: the leader node answers it
	 * (docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_leader_node_only.html) */
	res = db_query(s, "SELECT c.relname, c.oid FROM pg_class c JOIN pg_namespace n "
		       "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
		       "AND c.relname IN ('staging_songs', 'staging_events')");
	if (!res)
		return db_fail_rc(s);
	for (int r = 0; r < PQntuples(res); r++)
		f->id[strcmp(PQgetvalue(res, r, 0), "staging_songs") ? 1 : 0] =
			atoll(PQgetvalue(res, r, 1));
	PQclear(res);
	return DWH_OK;
}

/* Serverless: SYS_LOAD_HISTORY lists every COPY with its session, table and start, failed ones
 * included, so the newest load per table is the latest start_time there (no bound needed); its
 * errors are in SYS_LOAD_ERROR_DETAIL by query_id
 * (docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html). The docs do not say
 * whether table_name is schema-qualified; dwh compares the bare name its own COPY names. */
static void serverless_sql(char *sql, size_t n, const struct rs_load_filter *f)
{
	char who[64] = "";

	if (f->pid > 0)
		snprintf(who, sizeof who, "session_id = %d AND ", f->pid);
	snprintf(sql, n,
		 "SELECT TRIM(h.table_name) AS \"table\", TRIM(d.file_name) AS file, "
		 "d.line_number AS line, TRIM(d.column_name) AS \"column\", d.error_code AS code, "
		 "TRIM(d.error_message) AS reason "
		 "FROM sys_load_error_detail d JOIN sys_load_history h ON h.query_id = d.query_id "
		 "WHERE d.query_id IN (SELECT query_id FROM (SELECT query_id, ROW_NUMBER() OVER "
		 "(PARTITION BY TRIM(table_name) ORDER BY start_time DESC, query_id DESC) AS rn "
		 "FROM sys_load_history WHERE %sTRIM(table_name) IN %s) newest WHERE rn = 1) "
		 "ORDER BY 1, d.line_number LIMIT 50", who, tables_in(f->table));
}

char *rs_errors_sql(bool serverless, const struct rs_load_filter *f)
{
	char *sql = malloc(2048);

	if (!sql)
		return NULL;
	if (serverless)
		serverless_sql(sql, 2048, f);
	else
		provisioned_sql(sql, 2048, f);
	return sql;
}
