/* cmd_history.c — `history [STAGE] [--limit N]`: the run log (dwh_runs) as a result to browse,
 * newest first: when each stage ran, how it ended, what it read and made. */
#include "cmd/cmd.h"

#include "db/db.h"
#include "etl/runlog.h"
#include "etl/stages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sql =
	"SELECT run_id AS run, to_char(started, 'YYYY-MM-DD HH24:MI:SS') AS started, stage, "
	"status, mode, rows_read AS \"rows read\", rows_new AS \"new\", rows_changed AS changed, "
	"rows_removed AS removed, COALESCE(table_rows, rows) AS \"table rows\", "
	"CAST(duration AS NUMERIC(12,2)) AS seconds, files, bytes, bad AS \"bad skipped\", "
	"error, input, db_user AS \"user\", dwh_version AS dwh, client "
	"FROM dwh_runs WHERE $1 = '' OR stage = $1 ORDER BY started DESC, run_id DESC LIMIT ";

/* STAGE words and --limit N in any order. */
static enum dwh_rc parse(struct dwh *s, int argc, char **argv, const char **stage, long long *limit)
{
	char *words[4];
	const char *v;
	int nw = 0;

	for (int i = 1; i < argc; i++) {
		if ((v = cmd_option(argc, argv, &i, "--limit"))) {
			if (!cmd_number(v, 1, 1000000, limit))
				return cmd_usage(s, argv[0]);
		} else if (nw < 3) {
			words[nw++] = argv[i];
		} else {
			return cmd_usage(s, argv[0]);
		}
	}
	if (nw) {
		const struct pipe_stage *st = pipe_find(s, nw, words);

		if (!st)
			return DWH_FAIL;
		*stage = st->name;
	}
	return DWH_OK;
}

static enum dwh_rc check_history(struct dwh *s, int argc, char **argv)
{
	const char *stage = "";
	long long limit = 100;

	return parse(s, argc, argv, &stage, &limit);
}

static enum dwh_rc exec_history(struct dwh *s, int argc, char **argv)
{
	const char *stage = "";
	long long limit = 100;
	char text[768], title[96];
	PGresult *res;
	enum dwh_rc rc;
	int e;

	if ((rc = parse(s, argc, argv, &stage, &limit)) != DWH_OK)
		return rc;
	if ((e = db_table_exists(s, "dwh_runs")) <= 0) {
		if (e < 0)
			return db_fail_rc(s);
		dwh_msg(s, LOG_INFO, "no runs yet: there is no run log (dwh_runs); `create` makes it");
		return DWH_OK;
	}
	/* a log an older dwh made gets the figures' columns (rows read, new, ...) first */
	if (runlog_ensure(s) < 0)
		return db_fail_rc(s);
	snprintf(text, sizeof text, "%s%lld", sql, limit);
	if (!(res = db_queryp(s, text, 1, &stage)))
		return db_fail_rc(s);
	snprintf(title, sizeof title, "history%s%s: %d run%s, newest first", stage[0] ? " of " : "",
		 stage, PQntuples(res), PQntuples(res) == 1 ? "" : "s");
	if (PQntuples(res) == 0)
		dwh_msg(s, LOG_INFO, "no runs%s%s in the run log", stage[0] ? " of " : "", stage);
	else
		dwh_result(s, res, title, -1);
	PQclear(res);
	return DWH_OK;
}

static const char *const words[] = { "--limit", "create", "stage_songs", "stage_events",
	"load_songplays", "load_users", "load_songs", "load_artists", "load_time", NULL };

const struct dwh_cmd cmd_history = {
	.name = "history",
	.args = "[STAGE] [--limit N]",
	.min_args = 0,
	.max_args = 4,
	.help = "the run log: every stage run, newest first (status, rows read and written, time)",
	.detail = "history                 the last 100 runs of every stage\n"
		  "history STAGE           one stage's runs (stage events, load songplays, or events)\n"
		  "--limit N               at most N runs\n"
		  "Each run's rows read (input objects, or the rows of the table a load reads), the\n"
		  "rows it wrote (new, changed, removed), the table's rows after it (after a failure:\n"
		  "the rows the table kept), bad records skipped, and a failed run's error.\n"
		  "The runs are kept in the warehouse (dwh_runs): a successful run's row commits with\n"
		  "the stage's rows; a failed or cancelled run's row is written after the rollback.",
	.words = words,
	.needs_conn = true,
	.check = check_history,
	.exec = exec_history,
};
