/* cmd_load.c — `load STAGE|all`: build star tables from staging, one stage per transaction. */
#include "cmd/cmd.h"

#include "etl/pipeline.h"

#include <string.h>

static const char *const load_words[] = {
	"all", "songplays", "users", "songs", "artists", "time", "--incremental", NULL,
};

/* Take --incremental out of the words: PIPE_INCREMENTAL when it was there. */
static int take_incremental(int *argc, char **argv)
{
	int kept = 0, flags = 0;

	for (int i = 0; i < *argc; i++)
		if (!strcmp(argv[i], "--incremental"))
			flags = PIPE_INCREMENTAL;
		else
			argv[kept++] = argv[i];
	*argc = kept;
	return flags;
}

/* Index of the first load stage: everything from there on is "load all". */
static int first_load(void)
{
	int i = 0;

	while (i < PIPE_NSTAGES && pipe_stages[i].kind != PIPE_LOAD)
		i++;
	return i;
}

/* The words without a server: all, a load's table, --incremental. */
static enum dwh_rc check_load(struct dwh *s, int argc, char **argv)
{
	char *copy[3] = { NULL, NULL, NULL }, *words[3] = { (char *)"load", NULL, NULL };
	int n = argc < 3 ? argc : 3;

	memcpy(copy, argv, (size_t)n * sizeof *copy);
	take_incremental(&n, copy);
	if (n > 2)
		return cmd_usage(s, "load");
	if (n < 2 || !strcmp(copy[1], "all"))
		return DWH_OK;
	words[1] = copy[1];
	return pipe_find(s, 2, words) ? DWH_OK : DWH_FAIL;
}

static enum dwh_rc exec_load(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st;
	char *words[3] = { (char *)"load", NULL, NULL };
	int flags = take_incremental(&argc, argv);

	if (argc == 1 || (argc == 2 && strcmp(argv[1], "all") == 0))
		return pipe_run_range_opt(s, first_load(), PIPE_NSTAGES, flags);
	if (argc != 2)
		return cmd_usage(s, "load");
	words[1] = argv[1];
	if (!(st = pipe_find(s, 2, words)))
		return DWH_FAIL;
	time_t since = time(NULL);
	enum dwh_rc rc = pipe_run_opt(s, st, NULL, flags);

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
