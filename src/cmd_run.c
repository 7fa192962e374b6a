/* cmd_run.c — `run [--from STAGE]`: the whole pipeline in dependency order (create what is
 * missing, stage songs and events, load the five star tables), each stage with rows and time. */
#include "cmd.h"

#include "pipeline.h"

#include <string.h>

static const char *const run_words[] = { "--from", "--new", NULL };

static int exec_run(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *from = &pipe_stages[0];
	int flags = 0;

	/* --new: stage the new files only and merge them (PIPE_INCREMENTAL), anywhere in the line */
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--new")) {
			flags = PIPE_INCREMENTAL;
			memmove(argv + i, argv + i + 1, (size_t)(argc - i) * sizeof *argv);
			argc--, i--;
		}

	if (argc >= 2 && strcmp(argv[1], "--from") == 0 && argc >= 3) {
		if (!(from = pipe_find(s, argc - 2, argv + 2)))
			return DWH_FAIL;
	} else if (argc == 2 && strncmp(argv[1], "--from=", 7) == 0) {
		char *w[1] = { argv[1] + 7 };

		if (!(from = pipe_find(s, 1, w)))
			return DWH_FAIL;
	} else if (argc != 1) {
		return cmd_usage(s, argv[0]);
	}
	return pipe_run_range_opt(s, pipe_index(from), PIPE_NSTAGES, flags);
}

const struct dwh_cmd cmd_run = {
	.name = "run",
	.args = "[--from STAGE] [--new]",
	.min_args = 0,
	.max_args = 4,
	.help = "run the whole pipeline: create, stage, load (or resume from a stage)",
	.detail = "run                    create (tables that are missing), stage songs, stage events,\n"
		  "                       load songplays, users, songs, artists, time\n"
		  "run --from STAGE       resume there, e.g. run --from load songs (or --from songplays)\n"
		  "run --new              the daily case: stage only the files not loaded before\n"
		  "                       (stage songs --new --append, stage events --new), then\n"
		  "                       load all --incremental; nothing new changes nothing\n"
		  "Each stage prints its rows and time; the first failure stops the run.",
	.words = run_words,
	.needs_conn = true,
	.exec = exec_run,
};
