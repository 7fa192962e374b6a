/* cmd_load.c — `load STAGE|all`: build star tables from staging, one stage per transaction. */
#include "cmd.h"

#include "pipeline.h"

#include <string.h>

static const char *const load_words[] = {
	"all", "songplays", "users", "songs", "artists", "time", NULL,
};

/* Index of the first load stage: everything from there on is "load all". */
static int first_load(void)
{
	int i = 0;

	while (i < PIPE_NSTAGES && pipe_stages[i].kind != PIPE_LOAD)
		i++;
	return i;
}

static int exec_load(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st;
	char *words[3] = { (char *)"load", NULL, NULL };

	if (argc == 1 || (argc == 2 && strcmp(argv[1], "all") == 0))
		return pipe_run_range(s, first_load(), PIPE_NSTAGES);
	words[1] = argv[1];
	if (!(st = pipe_find(s, 2, words)))
		return DWH_FAIL;
	return pipe_run(s, st, NULL);
}

const struct dwh_cmd cmd_load = {
	.name = "load",
	.args = "[all|TABLE]",
	.min_args = 0,
	.max_args = 1,
	.help = "build star tables from staging (all five, or one)",
	.detail = "load            songplays, users, songs, artists, time, in that order\n"
		  "load TABLE      one of songplays, users, songs, artists, time, in one\n"
		  "                transaction; running it again gives the same rows.\n"
		  "A load whose input is empty says which stage to run first.\n"
		  "The SQL is in sql/<dialect>/load_TABLE.sql (`show sql load TABLE`).",
	.words = load_words,
	.needs_conn = true,
	.exec = exec_load,
};
