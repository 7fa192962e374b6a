/* cmd_show.c — `show sql STAGE`: the exact SQL a stage runs on the connected engine, or on
 * --dialect without connecting (a Redshift COPY can be reviewed with no cluster at hand). */
#include "cmd.h"

#include "db.h"
#include "pipeline.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const show_words[] = { "sql", NULL };

/* The stage's words with --max-errors N (or --max-errors=N) taken out of them: the option is
 * the stage's own (`stage events --max-errors 5`), so `show sql` takes it to show that COPY. */
static int take_options(struct dwh *s, int *argc, char **argv, long *max_errors, bool *inc)
{
	long long n;
	const char *v;
	int kept = 0;

	for (int i = 0; i < *argc; i++) {
		if ((v = cmd_option(*argc, argv, &i, "--max-errors"))) {
			if (!cmd_number(v, 0, LONG_MAX, &n))
				return cmd_usage(s, "show");
			*max_errors = (long)n;
		} else if (!strcmp(argv[i], "--incremental")) {
			*inc = true;
		} else {
			argv[kept++] = argv[i];
		}
	}
	*argc = kept;
	return DWH_OK;
}

static int exec_show(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st;
	long max_errors = 0;
	bool inc = false;
	char *sql;
	int rc, nwords = argc - 2;

	if (strcmp(argv[1], "sql") != 0)
		return cmd_usage(s, argv[0]);
	if ((rc = take_options(s, &nwords, argv + 2, &max_errors, &inc)) != DWH_OK)
		return rc;
	if (nwords == 0)
		return cmd_usage(s, argv[0]);
	if (!(st = pipe_find(s, nwords, argv + 2)))
		return DWH_FAIL;
	if (max_errors > 0 && st->kind != PIPE_STAGE)
		return dwh_fail(s, "show sql %s: --max-errors belongs to a stage of staging "
				"(stage songs, stage events)", st->name);
	/* the engine decides the dialect unless --dialect says it */
	if (!(s->opts.dialect && *s->opts.dialect) && (rc = db_ensure(s)) != DWH_OK)
		return rc;
	if (!(sql = inc ? pipe_sql_merge(s, st) : pipe_sql_max(s, st, max_errors)))
		return DWH_FAIL;
	pipe_msg_lines(s, sql);
	free(sql);
	return DWH_OK;
}

const struct dwh_cmd cmd_show = {
	.name = "show",
	.args = "sql STAGE [--max-errors N] [--incremental]",
	.min_args = 2,
	.max_args = 5,          /* show sql stage events --max-errors N */
	.help = "print the SQL a stage runs (on the connected engine or --dialect)",
	.detail = "show sql load songplays     sql/<dialect>/load_songplays.sql\n"
		  "show sql stage events       on Redshift: the COPY from S3, filled from dwh.cfg\n"
		  "show sql stage events --max-errors 5   the same COPY with MAXERROR 5\n"
		  "show sql create             the DDL of the staging tables and the star schema\n"
		  "show sql load users --incremental   what `load users --incremental` merges with\n"
		  "With --dialect redshift|postgres no connection is needed.",
	.words = show_words,
	.needs_conn = false,
	.exec = exec_show,
};
