/* cmd_create.c — `create` and `drop`: the staging tables and the star schema (schema.c runs
 * the dialect's DDL files, each part in one transaction). */
#include "cmd/cmd.h"

#include "etl/schema.h"

#include <string.h>

/* The part named, if any: staging or star (checked before connecting). */
static enum dwh_rc check_part(struct dwh *s, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "staging") && strcmp(argv[1], "star"))
		return cmd_usage(s, argv[0]);
	return DWH_OK;
}

/* argv[1] absent: both parts (create: staging first; drop: star first). */
static enum dwh_rc create_or_drop(struct dwh *s, int argc, char **argv, bool create)
{
	const char *part = argc == 2 ? argv[1] : NULL;

	if (check_part(s, argc, argv) != DWH_OK)
		return DWH_FAIL;
	return create ? schema_create(s, part) : schema_drop(s, part);
}

static enum dwh_rc exec_create(struct dwh *s, int argc, char **argv)
{
	return create_or_drop(s, argc, argv, true);
}

static enum dwh_rc exec_drop(struct dwh *s, int argc, char **argv)
{
	return create_or_drop(s, argc, argv, false);
}

const struct dwh_cmd cmd_create = {
	.name = "create",
	.args = "[staging|star]",
	.min_args = 0,
	.max_args = 1,
	.help = "create the staging tables and the star schema (if missing)",
	.detail = "create          staging tables and star schema\n"
		  "create staging  staging_events, staging_songs (and load_errors on PostgreSQL)\n"
		  "create star     songplays, users, songs, artists, time\n"
		  "`create` alone also makes the run log (dwh_runs: one row per stage run, read by\n"
		  "the pipeline pane, step, history and status) and what incremental loads keep\n"
		  "(dwh_files, dwh_play_keys, dwh_user_events).\n"
		  "The DDL is in sql/<dialect>/create_*.sql; tables that exist are kept.",
	.words = schema_parts,
	.needs_conn = true,
	.check = check_part,
	.exec = exec_create,
};

const struct dwh_cmd cmd_drop = {
	.name = "drop",
	.args = "[staging|star]",
	.min_args = 0,
	.max_args = 1,
	.help = "drop the staging tables and the star schema (IF EXISTS)",
	.detail = "drop            star schema, staging tables, then the run log\n"
		  "drop staging    staging_events, staging_songs, load_errors\n"
		  "drop star       songplays, users, songs, artists, time",
	.words = schema_parts,
	.needs_conn = true,
	.check = check_part,
	.exec = exec_drop,
};
