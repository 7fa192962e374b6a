/* cmd_history.c — `history [STAGE] [--limit N]`: the run log (dwh_runs) as a result to browse,
 * newest first: when each stage ran, how it ended, what it read and made. */
#include "cmd.h"

#include "db.h"
#include "pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sql =
	"SELECT run_id AS run, to_char(started, 'YYYY-MM-DD HH24:MI:SS') AS started, stage, "
	"status, mode, rows, CAST(duration AS NUMERIC(12,2)) AS seconds, files, bytes, bad, "
	"input, db_user AS \"user\", dwh_version AS dwh, client "
	"FROM dwh_runs WHERE $1 = '' OR stage = $1 ORDER BY started DESC, run_id DESC LIMIT ";

static int usage(struct dwh *s)
{
	err_set(&s->err, "usage: history [STAGE] [--limit N]");
	return DWH_FAIL;
}

static int parse_limit(const char *v, long *n)
{
	char *end;

	errno = 0;
	*n = v ? strtol(v, &end, 10) : -1;
	return v && *v && !*end && errno == 0 && *n > 0 ? 0 : -1;
}

/* STAGE words and --limit N in any order. */
static int parse(struct dwh *s, int argc, char **argv, const char **stage, long *limit)
{
	char *words[4];
	int nw = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--limit")) {
			if (parse_limit(i + 1 < argc ? argv[++i] : NULL, limit) < 0)
				return usage(s);
		} else if (!strncmp(argv[i], "--limit=", 8)) {
			if (parse_limit(argv[i] + 8, limit) < 0)
				return usage(s);
		} else if (nw < 3) {
			words[nw++] = argv[i];
		} else {
			return usage(s);
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

static int exec_history(struct dwh *s, int argc, char **argv)
{
	const char *stage = "";
	long limit = 100;
	char text[768], title[96];
	PGresult *res;
	int rc, e;

	if ((rc = parse(s, argc, argv, &stage, &limit)) != DWH_OK)
		return rc;
	if ((e = db_table_exists(s, "dwh_runs")) <= 0) {
		if (e < 0)
			return db_fail_rc(s);
		dwh_msg(s, LOG_INFO, "no runs yet: there is no run log (dwh_runs); `create` makes it");
		return DWH_OK;
	}
	snprintf(text, sizeof text, "%s%ld", sql, limit);
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
	.help = "the run log: every stage run, newest first (status, rows, time, input)",
	.detail = "history                 the last 100 runs of every stage\n"
		  "history STAGE           one stage's runs (stage events, load songplays, or events)\n"
		  "--limit N               at most N runs\n"
		  "The runs are kept in the warehouse (dwh_runs): a successful run's row commits with\n"
		  "the stage's rows; a failed or cancelled run's row is written after the rollback.",
	.words = words,
	.needs_conn = true,
	.exec = exec_history,
};
