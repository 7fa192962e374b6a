/* cmd_load.c — `load STAGE|all`: build star tables from staging, one stage per transaction. */
#include "cmd/cmd.h"

#include "etl/pipeline.h"

#include <string.h>

static const char *const load_words[] = {
	"all", "songplays", "users", "songs", "artists", "time", "--incremental", NULL,
};

/* Index of the first load stage: everything from there on is "load all". */
static int first_load(void)
{
	int i = 0;

	while (i < PIPE_NSTAGES && pipe_stages[i].kind != PIPE_LOAD)
		i++;
	return i;
}

/* What the words ask for, with no server: --incremental anywhere (flags), then nothing or `all`
 * (*st NULL: every load) or one load's table (*st). */
static enum dwh_rc parse(struct dwh *s, int argc, char **argv, const struct pipe_stage **st,
			 int *flags)
{
	char *words[3] = { (char *)"load", NULL, NULL };

	*st = NULL;
	*flags = 0;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--incremental"))
			*flags = PIPE_INCREMENTAL;
		else if (words[1])
			return cmd_usage(s, "load");
		else
			words[1] = argv[i];
	if (!words[1] || !strcmp(words[1], "all"))
		return DWH_OK;
	return (*st = pipe_find(s, 2, words)) ? DWH_OK : DWH_FAIL;
}

static enum dwh_rc check_load(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st;
	int flags;

	return parse(s, argc, argv, &st, &flags);
}

static enum dwh_rc exec_load(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st;
	int flags;
	enum dwh_rc rc = parse(s, argc, argv, &st, &flags);

	if (rc != DWH_OK)
		return rc;
	if (!st)
		return pipe_run_range_opt(s, first_load(), PIPE_NSTAGES, flags);
	time_t since = time(NULL);

	rc = pipe_run_opt(s, st, NULL, flags);
	return rc != DWH_OK ? rc : cmd_show_made(s, st, since);
}

const struct dwh_cmd cmd_load = {
	.name = "load",
	.args = "[all|TABLE] [--incremental]",
	.min_args = 0,
	.max_args = 2,
	.help = "build star tables from staging (all five, or one)",
	.detail = "load            songplays, users, songs, artists, time, in that order\n"
		  "load TABLE      one of songplays, users, songs, artists, time, in one\n"
		  "                transaction; running it again gives the same rows.\n"
		  "A load whose input is empty says which stage to run first.\n"
		  "The SQL is in sql/<dialect>/load_TABLE.sql (`show sql load TABLE`).\n"
		  "--incremental   merge the new staging rows (after `stage events --new`) instead\n"
		  "                of rebuilding: plays not loaded yet (same ts, user, session and item\n"
		  "                are never loaded twice), users from their latest event over every\n"
		  "                day so far, new and changed songs and artists, new times. Ids\n"
		  "                already given never change. sql/<dialect>/merge_TABLE.sql.",
	.words = load_words,
	.needs_conn = true,
	.check = check_load,
	.exec = exec_load,
};
