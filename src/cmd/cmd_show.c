/* cmd_show.c — `show sql STAGE`: the exact SQL a stage runs on the connected engine, or on
 * --dialect without connecting (a Redshift COPY can be reviewed with no cluster at hand). */
#include "cmd/cmd.h"

#include "db/db.h"
#include "etl/pipeline.h"
#include "redshift/copy_sql.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const show_words[] = { "sql", NULL };

/* The stage's words with --max-errors N (or --max-errors=N) taken out of them: the option is
 * the stage's own (`stage events --max-errors 5`), so `show sql` takes it to show that COPY. */
struct show_opts {
	long max_errors;
	bool inc, append;
	const char *from;       /* an s3:// prefix given to a Redshift stage */
};

static enum dwh_rc take_options(struct dwh *s, int *argc, char **argv, struct show_opts *o)
{
	long long n;
	const char *v;
	int kept = 0;

	for (int i = 0; i < *argc; i++) {
		if ((v = cmd_option(*argc, argv, &i, "--max-errors"))) {
			if (!cmd_number(v, 0, LONG_MAX, &n))
				return cmd_usage(s, "show");
			o->max_errors = (long)n;
		} else if (!strcmp(argv[i], "--incremental")) {
			o->inc = true;
		} else if (!strcmp(argv[i], "--append")) {
			o->append = true;
		} else if (!strcmp(argv[i], "--new") || !strcmp(argv[i], "--changed")) {
			;       /* which files or prefix to stage, not what is sent */
		} else if (!strncasecmp(argv[i], "s3://", 5)) {
			o->from = argv[i];
		} else {
			argv[kept++] = argv[i];
		}
	}
	*argc = kept;
	return DWH_OK;
}

static enum dwh_rc exec_show(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st;
	struct show_opts o = { 0, false, false, NULL };
	char *sql;
	enum dwh_rc rc;
	int nwords = argc - 2;

	if (strcmp(argv[1], "sql") != 0)
		return cmd_usage(s, argv[0]);
	if ((rc = take_options(s, &nwords, argv + 2, &o)) != DWH_OK)
		return rc;
	if (nwords == 0)
		return cmd_usage(s, argv[0]);
	if (!(st = pipe_find(s, nwords, argv + 2)))
		return DWH_FAIL;
	if (o.max_errors > 0 && st->kind != PIPE_STAGE)
		return dwh_fail(s, "show sql %s: --max-errors belongs to a stage of staging "
				"(stage songs, stage events)", st->name);
	/* the engine decides the dialect unless --dialect says it */
	if (!(s->opts.dialect && *s->opts.dialect) && (rc = db_ensure(s)) != DWH_OK)
		return rc;
	if ((o.from || o.append) && (st->kind != PIPE_STAGE || strcmp(db_dialect(s), "redshift")))
		return dwh_fail(s, "show sql %s: an s3:// prefix or --append shows a Redshift stage's "
				"COPY (--dialect redshift)", st->name);
	if (o.from || o.append)
		sql = rs_copy_sql_from(s, st->arg, o.max_errors, o.from, o.append);
	else
		sql = o.inc ? pipe_sql_merge(s, st) : st->kind == PIPE_LOAD ? pipe_sql_full(s, st)
		      : pipe_sql_max(s, st, o.max_errors);
	if (!sql)
		return DWH_FAIL;
	/* a text of its own: the console keeps it as a result and highlights it, batch mode
	 * prints it line by line */
	{
		char title[256] = "";

		for (int i = 0; i < argc; i++)
			snprintf(title + strlen(title), sizeof title - strlen(title), "%s%s", i ? " " : "", argv[i]);
		dwh_text(s, title, sql);
	}
	free(sql);
	return DWH_OK;
}

const struct dwh_cmd cmd_show = {
	.name = "show",
	.args = "sql STAGE [--max-errors N] [--incremental] [s3://PREFIX] [--append]",
	.min_args = 2,
	.max_args = 7,          /* show sql stage events --max-errors N */
	.help = "print the SQL a stage runs (on the connected engine or --dialect)",
	.detail = "show sql load songplays     sql/<dialect>/load_songplays.sql, and before its COMMIT\n"
		  "                            the play keys a merge needs (keys_, track_songplays.sql)\n"
		  "show sql stage events       on Redshift: the COPY from S3, filled from dwh.cfg\n"
		  "show sql stage events --max-errors 5   the same COPY with MAXERROR 5\n"
		  "show sql create             the DDL of the staging tables and the star schema\n"
		  "show sql load users --incremental   what `load users --incremental` merges with\n"
		  "show sql stage events --new s3://b/log_data/2018/11/2018-11-30   Redshift: that day\n"
		  "With --dialect redshift|postgres no connection is needed.",
	.words = show_words,
	.needs_conn = false,
	.exec = exec_show,
};
