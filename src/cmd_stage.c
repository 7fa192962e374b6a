/* cmd_stage.c — `stage [songs|events] [PATH] [--max-errors N]`: load the raw JSON into the
 * staging tables (stage.c does the work). */
#include "cmd.h"

#include "stage.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const words[] = { "songs", "events", "--max-errors", NULL };

static int usage(struct dwh *s)
{
	err_set(&s->err, "usage: stage [songs|events] [PATH] [--max-errors N]");
	return DWH_FAIL;
}

static int parse_count(const char *v, long *n)
{
	char *end;

	errno = 0;
	*n = v ? strtol(v, &end, 10) : -1;
	return v && *v && !*end && errno == 0 && *n >= 0 ? 0 : -1;
}

static int exec_stage(struct dwh *s, int argc, char **argv)
{
	const char *pos[2] = { NULL, NULL };
	long max_errors = 0;
	int npos = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--max-errors")) {
			if (parse_count(i + 1 < argc ? argv[++i] : NULL, &max_errors) < 0)
				return usage(s);
		} else if (!strncmp(argv[i], "--max-errors=", 13)) {
			if (parse_count(argv[i] + 13, &max_errors) < 0)
				return usage(s);
		} else if (npos < 2) {
			pos[npos++] = argv[i];
		} else {
			return usage(s);
		}
	}
	if (npos == 0)
		return stage_all(s, max_errors);
	if (strcmp(pos[0], "songs") && strcmp(pos[0], "events"))
		return usage(s);
	return stage_run(s, pos[0], pos[1], max_errors);
}

const struct dwh_cmd cmd_stage = {
	.name = "stage",
	.args = "[songs|events] [PATH] [--max-errors N]",
	.help = "load the raw JSON into staging_songs / staging_events",
	.detail = "stage                 songs, then events, from --data DIR or [LOCAL] SONG_DATA/LOG_DATA\n"
		  "stage songs [PATH]    staging_songs from PATH (a .json file or a directory tree)\n"
		  "stage events [PATH]   staging_events likewise\n"
		  "--max-errors N        skip up to N bad records, kept in load_errors (see `errors`)\n"
		  "Each stage is one transaction that replaces the table's rows; the first bad record\n"
		  "(beyond N) stops it with FILE:LINE: FIELD: reason and leaves the tables as they were.\n"
		  "On Redshift the server copies from the [S3] paths in dwh.cfg instead.",
	.words = words,
	.needs_conn = true,
	.exec = exec_stage,
};
