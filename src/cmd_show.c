/* cmd_show.c — `show sql STAGE`: the exact SQL a stage runs on the connected engine, or on
 * --dialect without connecting (a Redshift COPY can be reviewed with no cluster at hand). */
#include "cmd.h"

#include "db.h"
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const show_words[] = { "sql", NULL };

static int exec_show(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st;
	char *sql;
	int rc;

	if (strcmp(argv[1], "sql") != 0)
		return cmd_usage(s, argv[0]);
	if (!(st = pipe_find(s, argc - 2, argv + 2)))
		return DWH_FAIL;
	/* the engine decides the dialect unless --dialect says it */
	if (!(s->opts.dialect && *s->opts.dialect) && (rc = db_ensure(s)) != DWH_OK)
		return rc;
	if (!(sql = pipe_sql(s, st)))
		return DWH_FAIL;
	pipe_msg_lines(s, sql);
	free(sql);
	return DWH_OK;
}

const struct dwh_cmd cmd_show = {
	.name = "show",
	.args = "sql STAGE",
	.min_args = 2,
	.max_args = 3,
	.help = "print the SQL a stage runs (on the connected engine or --dialect)",
	.detail = "show sql load songplays     sql/<dialect>/load_songplays.sql\n"
		  "show sql stage events       on Redshift: the COPY from S3, filled from dwh.cfg\n"
		  "show sql create             the DDL of the staging tables and the star schema\n"
		  "With --dialect redshift|postgres no connection is needed.",
	.words = show_words,
	.needs_conn = false,
	.exec = exec_show,
};
