/* cmd_step.c — `step [STAGE]`: run the next stage not yet run (or the one named), showing its
 * SQL first and a few of the rows it made after, so a class can walk through the ETL one stage
 * at a time. A stage counts as run when the table it fills has rows (pipeline.h). */
#include "cmd.h"

#include "db.h"
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first rows of what the stage made, titled with the total. */
static int show_made(struct dwh *s, const struct pipe_stage *st, long long rows)
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

static int exec_step(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st, *next;
	long long rows;
	char *sql;
	int rc, err;

	if (argc > 1)
		st = pipe_find(s, argc - 1, argv + 1);
	else if (!(st = pipe_next(s, &err)) && err == 0) {
		dwh_msg(s, LOG_INFO, "every stage has run (each table has rows): `run` rebuilds "
			"everything, `step STAGE` runs one again");
		return DWH_OK;
	}
	if (!st)
		return argc > 1 ? DWH_FAIL : db_fail_rc(s);
	dwh_msg(s, LOG_INFO, "step %d/%d: %s", pipe_index(st) + 1, PIPE_NSTAGES, st->name);
	if (!(sql = pipe_sql(s, st)))
		return DWH_FAIL;
	pipe_msg_lines(s, sql);
	free(sql);
	if ((rc = pipe_run(s, st, &rows)) != DWH_OK)
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
	.help = "run the next stage not yet run, showing its SQL and the rows it made",
	.detail = "step            the first stage (create, stage songs, stage events, load songplays,\n"
		  "                load users, load songs, load artists, load time) whose table is\n"
		  "                empty or missing: its SQL, then the run, then its first rows\n"
		  "step STAGE      that stage, the same way, whether it has run or not\n"
		  "A stage counts as run when the table it fills has rows (create: when every\n"
		  "table exists), so staging loaded any other way counts too; TRUNCATE a table to\n"
		  "step through its stage again.",
	.words = pipe_words,
	.needs_conn = true,
	.exec = exec_step,
};
