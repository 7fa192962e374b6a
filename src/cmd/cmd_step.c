/* cmd_step.c — `step [STAGE]`: run the next stage due (or the one named), saying why it was
 * picked, its SQL first and a few of the rows it made after, so a class can walk through the
 * ETL one stage at a time. Due: never run, failed, cancelled or stale in the run log
 * (pipeline.h). */
#include "cmd/cmd.h"

#include "db/db.h"
#include "etl/pipeline.h"
#include "etl/runlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Which rows an incremental load wrote, as a condition on its table (n: the rows it added):
 * the plays numbered last, their times, and the users, songs and artists of the batch. */
static void written_where(const struct pipe_stage *st, long long n, char *buf, size_t len)
{
	const char *t = st->table;

	if (!strcmp(t, "songplays"))
		snprintf(buf, len, "WHERE songplay_id > (SELECT max(songplay_id) FROM songplays) - %lld "
			 "ORDER BY songplay_id", n);
	else if (!strcmp(t, "time"))
		snprintf(buf, len, "WHERE start_time IN (SELECT start_time FROM songplays WHERE "
			 "songplay_id > (SELECT max(songplay_id) FROM songplays) - %lld) "
			 "ORDER BY start_time", n);
	else if (!strcmp(t, "users"))
		snprintf(buf, len, "WHERE user_id IN (SELECT user_id FROM staging_events) ORDER BY user_id");
	else
		snprintf(buf, len, "WHERE %s_id IN (SELECT %s_id FROM staging_songs) ORDER BY %s_id",
			 !strcmp(t, "songs") ? "song" : "artist", !strcmp(t, "songs") ? "song" : "artist",
			 !strcmp(t, "songs") ? "song" : "artist");
}

/* What the stage did, in the Result pane: the first rows it wrote (for an incremental load the
 * new ones, for a merge of users, songs or artists those of the batch), titled with what they
 * are and the run log's figures. */
enum dwh_rc cmd_show_made(struct dwh *s, const struct pipe_stage *st, time_t since)
{
	struct run_last last[PIPE_NSTAGES];
	const struct run_last *l = &last[pipe_index(st)];
	char sql[512], title[480], figs[320] = "not in the run log", where[320] = "", c[32];
	bool inc;
	char *id;
	PGresult *res;

	if (!st->table)
		return DWH_OK;
	if (runlog_read(s, last) < 0)
		return db_fail_rc(s);
	inc = l->have && strcmp(l->mode, "full") && st->kind == PIPE_LOAD;
	if (l->have)
		runlog_figures(st, l, figs, sizeof figs);
	if (l->have && (double)(time(NULL) - since) + 1 < l->ago) {
		/* its last run is older than this command: it had nothing to do */
		dwh_msg(s, LOG_INFO, "%s: nothing written by this run", st->table);
		return DWH_OK;
	}
	if (inc && l->fig.added <= 0 && l->fig.changed <= 0) {
		dwh_msg(s, LOG_INFO, "%s: nothing new written — %s", st->table, figs);
		return DWH_OK;
	}
	if (inc)
		written_where(st, l->fig.added, where, sizeof where);
	if (!(id = db_ident(s, st->table)))
		return db_fail_rc(s);
	snprintf(sql, sizeof sql, "SELECT * FROM %s %s LIMIT 5", id, where);
	free(id);
	if (!(res = db_query(s, sql)))
		return db_fail_rc(s);
	if (inc && (!strcmp(st->table, "songplays") || !strcmp(st->table, "time")))
		snprintf(title, sizeof title, "%s: %d of the %s new rows — %s", st->table,
			 PQntuples(res), runlog_count(l->fig.added, c, sizeof c), figs);
	else if (inc)
		snprintf(title, sizeof title, "%s: %d of the rows of this batch — %s", st->table,
			 PQntuples(res), figs);
	else
		snprintf(title, sizeof title, "%s: first %d rows — %s", st->table, PQntuples(res), figs);
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
	time_t since = time(NULL);

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
	if (!(sql = flags ? pipe_sql_merge(s, st) : pipe_sql_full(s, st)))
		return DWH_FAIL;
	/* the SQL is the lesson: a result of its own in the console, beside the rows it made */
	char title[96];
	snprintf(title, sizeof title, "SQL of %s", st->name);
	dwh_text(s, title, sql);
	free(sql);
	if ((rc = pipe_run_opt(s, st, &rows, flags)) != DWH_OK)
		return rc;
	if ((rc = cmd_show_made(s, st, since)) != DWH_OK)
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
