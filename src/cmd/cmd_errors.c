/* cmd_errors.c — `errors [songs|events]`: the bad records of the last stage, from load_errors
 * (PostgreSQL), or on Redshift from STL_LOAD_ERRORS (provisioned) / SYS_LOAD_ERROR_DETAIL
 * (Serverless): the newest load into each staging table asked for, by this session when it
 * staged, else by any session it may see: a user sees their own loads, a superuser everyone's
 * ("Visibility of data in system tables and views"; sysviews.c builds the query). */
#include "cmd/cmd.h"

#include "db/db.h"
#include "redshift/sysviews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const words[] = { "songs", "events", NULL };

static const char *pg_sql =
	"SELECT tbl AS \"table\", file, line, col AS \"column\", reason, left(raw, 120) AS raw "
	"FROM load_errors WHERE $1 = '' OR tbl = $1 ORDER BY id";

/* Redshift: the newest load into the table(s); this session's when it ran one. */
static enum dwh_rc rs_errors(struct dwh *s, const char *tbl)
{
	const struct dwh_server *v = &s->server;
	struct rs_load_filter f = { *tbl ? tbl : NULL, v->rs_staged ? v->pid : 0,
				    { v->rs_after[0], v->rs_after[1] }, { 0, 0 } };
	char *sql, title[128];
	PGresult *res;
	enum dwh_rc rc = rs_load_tables(s, v->serverless, &f);

	if (rc != DWH_OK)
		return rc;
	if (!(sql = rs_errors_sql(v->serverless, &f)))
		return dwh_fail(s, "out of memory");
	res = db_query(s, sql);
	free(sql);
	if (!res)
		return db_fail_rc(s);
	snprintf(title, sizeof title, "bad records of the newest load (%s, %s)",
		 rs_errors_view(v->serverless), f.pid ? "this session" : "any session you can see");
	if (PQntuples(res) == 0)
		dwh_msg(s, LOG_INFO, "no bad records in the newest load (%s, %s)",
			rs_errors_view(v->serverless), f.pid ? "this session" : "any session you can see");
	else
		dwh_result(s, res, title, -1);
	PQclear(res);
	return DWH_OK;
}

static enum dwh_rc check_errors(struct dwh *s, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "songs") && strcmp(argv[1], "events"))
		return cmd_usage(s, argv[0]);
	return DWH_OK;
}

static enum dwh_rc exec_errors(struct dwh *s, int argc, char **argv)
{
	const char *tbl = "";
	PGresult *res;
	int exists;

	if (check_errors(s, argc, argv) != DWH_OK)
		return DWH_FAIL;
	if (argc == 2)
		tbl = !strcmp(argv[1], "songs") ? "staging_songs" : "staging_events";
	if (s->server.engine == ENGINE_REDSHIFT)
		return rs_errors(s, tbl);
	if ((exists = db_table_exists(s, "load_errors")) <= 0) {
		if (exists < 0)
			return db_fail_rc(s);
		return dwh_fail(s, "errors: there is no load_errors table (run `create staging`)");
	}
	res = db_queryp(s, pg_sql, 1, &tbl);
	if (!res)
		return db_fail_rc(s);
	if (PQntuples(res) == 0)
		dwh_msg(s, LOG_INFO, "no bad records in the last load");
	else
		dwh_result(s, res, "bad records of the last load", -1);
	PQclear(res);
	return DWH_OK;
}

const struct dwh_cmd cmd_errors = {
	.name = "errors",
	.args = "[songs|events]",
	.min_args = 0,
	.max_args = 1,
	.help = "the bad records of the last stage (file, line, column, reason)",
	.detail = "Rows of load_errors: records skipped by `stage --max-errors N`, or the one that\n"
		  "stopped the last stage. On Redshift, the bad records of the newest load into each\n"
		  "table (this session's when it staged, else any session you can see), from\n"
		  "STL_LOAD_ERRORS on a cluster or SYS_LOAD_ERROR_DETAIL on Serverless.",
	.words = words,
	.needs_conn = true,
	.check = check_errors,
	.exec = exec_errors,
};
