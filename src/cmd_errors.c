/* cmd_errors.c — `errors [songs|events]`: the bad records of the last stage, from load_errors
 * (PostgreSQL) or STL_LOAD_ERRORS (Redshift). */
#include "cmd.h"

#include "db.h"

#include <string.h>

static const char *const words[] = { "songs", "events", NULL };

static const char *pg_sql =
	"SELECT tbl AS \"table\", file, line, col AS \"column\", reason, left(raw, 120) AS raw "
	"FROM load_errors WHERE $1 = '' OR tbl = $1 ORDER BY id";

static const char *rs_sql =
	"SELECT TRIM(filename) AS file, line_number AS line, TRIM(colname) AS \"column\", "
	"TRIM(err_reason) AS reason, LEFT(TRIM(raw_line), 120) AS raw "
	"FROM stl_load_errors ORDER BY starttime DESC LIMIT 50";

static int exec_errors(struct dwh *s, int argc, char **argv)
{
	const char *tbl = "";
	PGresult *res;
	int exists;

	if (argc == 2 && strcmp(argv[1], "songs") && strcmp(argv[1], "events"))
		return cmd_usage(s, argv[0]);
	if (argc == 2)
		tbl = !strcmp(argv[1], "songs") ? "staging_songs" : "staging_events";
	if (s->server.engine == ENGINE_REDSHIFT) {
		res = db_query(s, rs_sql);
	} else {
		if ((exists = db_table_exists(s, "load_errors")) <= 0) {
			if (exists < 0)
				return db_fail_rc(s);
			err_set(&s->err, "errors: there is no load_errors table (run `create staging`)");
			return DWH_FAIL;
		}
		res = db_queryp(s, pg_sql, 1, &tbl);
	}
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
		  "stopped the last stage. On Redshift, the latest rows of STL_LOAD_ERRORS.",
	.words = words,
	.needs_conn = true,
	.exec = exec_errors,
};
