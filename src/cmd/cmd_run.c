/* cmd_run.c — `run [--data DIR] [--from STAGE]`: the whole pipeline in dependency order (create what is
 * missing, stage songs and events, load the five star tables), each stage with rows and time. */
#include "cmd/cmd.h"

#include "etl/pipeline.h"

#include <string.h>

static const char *const run_words[] = { "--from", "--data", "--new", NULL };

/* `--data DIR` anywhere; `--from STAGE` takes the words up to the next option. */
static enum dwh_rc parse(struct dwh *s, int argc, char **argv, const struct pipe_stage **from, int *flags)
{
	for (int i = 1; i < argc; i++) {
		const char *v;
		int j;

		if ((v = cmd_option(argc, argv, &i, "--data")) != NULL) {
			if (!*v || data_set(s, v) != DWH_OK)
				return *v ? DWH_FAIL : cmd_usage(s, argv[0]);
		} else if (!strcmp(argv[i], "--new")) {
			*flags = PIPE_INCREMENTAL;      /* new files only, merged */
		} else if (!strncmp(argv[i], "--from=", 7)) {
			char *w[1] = { argv[i] + 7 };

			if (!(*from = pipe_find(s, 1, w)))
				return DWH_FAIL;
		} else if (!strcmp(argv[i], "--from")) {
			for (j = i + 1; j < argc && strncmp(argv[j], "--", 2); j++)
				;
			if (j == i + 1 || !(*from = pipe_find(s, j - i - 1, argv + i + 1)))
				return j == i + 1 ? cmd_usage(s, argv[0]) : DWH_FAIL;
			i = j - 1;
		} else {
			return cmd_usage(s, argv[0]);
		}
	}
	return DWH_OK;
}

static enum dwh_rc exec_run(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *from = &pipe_stages[0];
	int flags = 0;
	enum dwh_rc rc = parse(s, argc, argv, &from, &flags);

	if (rc != DWH_OK)
		return rc;
	return pipe_run_range_opt(s, pipe_index(from), PIPE_NSTAGES, flags);
}

const struct dwh_cmd cmd_run = {
	.name = "run",
	.args = "[--data DIR] [--from STAGE] [--new]",
	.min_args = 0,
	.max_args = 6,
	.help = "run the whole pipeline: create, stage, load (or resume from a stage)",
	.detail = "run                    create (tables that are missing), stage songs, stage events,\n"
		  "                       load songplays, users, songs, artists, time\n"
		  "run --from STAGE       resume there, e.g. run --from load songs (or --from songplays)\n"
		  "run --data DIR         read DIR/song_data and DIR/log_data from now on (as data DIR)\n"
		  "run --new              the daily case: stage only the files not loaded before\n"
		  "                       (stage songs --new --append, stage events --new), then\n"
		  "                       load all --incremental; nothing new changes nothing\n"
		  "Each stage prints its rows and time; the first failure stops the run.",
	.words = run_words,
	.needs_conn = true,
	.exec = exec_run,
};
