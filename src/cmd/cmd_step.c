/* cmd_step.c — `step [STAGE]`: run the next stage due (or the one named), saying why it was
 * picked, its SQL first and a few of the rows it made after, so a class can walk through the
 * ETL one stage at a time. Due: never run, failed, cancelled or stale in the run log
 * (pipeline.h). */
#include "cmd/cmd.h"

#include "db/db.h"
#include "etl/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first rows of what the stage made, titled with the total. */
static enum dwh_rc show_made(struct dwh *s, const struct pipe_stage *st, long long rows)
{
	char sql[128], title[128];
	char *id;
	PGresult *res;

	if (!st->table)
		return DWH_OK;
	if (!(id = db_ident(s, st->table)))
		return db_fail_rc(s);
	snprintf(sql, sizeof sql, "SELECT * FROM %s LIMIT 5", id);
	free(id);
	if (!(res = db_query(s, sql)))
		return db_fail_rc(s);
	snprintf(title, sizeof title, "%s: %d of %lld rows", st->table, PQntuples(res), rows);
	dwh_msg(s, LOG_INFO, "%s", title);
	dwh_result(s, res, title, -1);
	PQclear(res);
	return DWH_OK;
}

static enum dwh_rc exec_step(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st, *next;
	long long rows;
	char *sql;
	enum dwh_rc rc;
	int err, flags;

	char why[256] = "";

	if (argc > 1)
		st = pipe_find(s, argc - 1, argv + 1);
	else if (!(st = pipe_due(s, &err, why, sizeof why)) && err == 0) {
		dwh_msg(s, LOG_INFO, "every stage has run (each is done in the run log and none is "
			"stale): `run` rebuilds everything, `step STAGE` runs one again");
		return DWH_OK;
	}
	if (!st)
		return argc > 1 ? DWH_FAIL : db_fail_rc(s);
	flags = pipe_step_flags(s, st);
	dwh_msg(s, LOG_INFO, "step %d/%d: %s%s%s%s", pipe_index(st) + 1, PIPE_NSTAGES, st->name,
		flags ? " --incremental" : "", why[0] ? " — " : "", why);
	if (!(sql = flags ? pipe_sql_merge(s, st) : pipe_sql(s, st)))
		return DWH_FAIL;
	/* the SQL is the lesson: a result of its own in the console, beside the rows it made */
	char title[96];
	snprintf(title, sizeof title, "SQL of %s", st->name);
	dwh_text(s, title, sql);
	free(sql);
	if ((rc = pipe_run_opt(s, st, &rows, flags)) != DWH_OK)
		return rc;
	if ((rc = show_made(s, st, rows)) != DWH_OK)
		return rc;
	if ((next = pipe_next(s, &err)) != NULL)
		dwh_msg(s, LOG_INFO, "next: %s", next->name);
	else if (err == 0)
		dwh_msg(s, LOG_INFO, "next: nothing — every stage has run (try `check`)");
	return DWH_OK;
}

const struct dwh_cmd cmd_step = {
	.name = "step",
	.args = "[STAGE]",
	.min_args = 0,
	.max_args = 2,
	.help = "run the next stage due (never run, failed or stale), showing why, its SQL and rows",
	.detail = "step            the first stage (create, stage songs, stage events, load songplays,\n"
		  "                load users, load songs, load artists, load time) that is due, and\n"
		  "                why: its SQL, then the run, then its first rows\n"
		  "step STAGE      that stage, the same way, whether it is due or not\n"
		  "Due: its last run in the run log (see `history`) failed or was cancelled, or it\n"
		  "is stale: a stage it reads from ran after it, or its table has lost the rows the\n"
		  "log says it made (UNLOGGED staging after a server crash). A stage the log has\n"
		  "never seen is due when its table is empty (create: when a table is missing).\n"
		  "A load whose input was last staged with --new or --append merges it\n"
		  "(load --incremental) rather than rebuild the table from the new rows alone.",
	.words = pipe_words,
	.needs_conn = true,
	.exec = exec_step,
};
