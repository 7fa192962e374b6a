/* cmd_stage.c — `stage [songs|events] [PATH] [--max-errors N]`: load the raw JSON into the
 * staging tables (stage.c does the work). */
#include "cmd/cmd.h"

#include "etl/stage.h"

#include <limits.h>
#include <string.h>

static const char *const words[] = { "songs", "events", "--max-errors", "--new", "--changed",
	"--append", NULL };

/* --new, --changed (implies --new), --append: 1 when argv is one of them. */
static int flag(const char *a, struct stage_opts *o)
{
	if (!strcmp(a, "--new"))
		return o->only_new = true, 1;
	if (!strcmp(a, "--changed"))
		return o->only_new = o->changed = true, 1;
	if (!strcmp(a, "--append"))
		return o->append = true, 1;
	return 0;
}

/* What the words ask for: the table and path (npos of them), the options. */
struct stage_words {
	const char *pos[2];
	int npos;
	struct stage_opts o;
	long long max_errors;
};

static enum dwh_rc parse(struct dwh *s, int argc, char **argv, struct stage_words *w)
{
	const char *v;

	memset(w, 0, sizeof *w);
	for (int i = 1; i < argc; i++) {
		if ((v = cmd_option(argc, argv, &i, "--max-errors"))) {
			if (!cmd_number(v, 0, LONG_MAX, &w->max_errors))
				return cmd_usage(s, argv[0]);
		} else if (flag(argv[i], &w->o)) {
			continue;
		} else if (w->npos < 2) {
			w->pos[w->npos++] = argv[i];
		} else {
			return cmd_usage(s, argv[0]);
		}
	}
	if (w->npos > 0 && strcmp(w->pos[0], "songs") && strcmp(w->pos[0], "events"))
		return cmd_usage(s, argv[0]);
	return DWH_OK;
}

static enum dwh_rc check_stage(struct dwh *s, int argc, char **argv)
{
	struct stage_words w;

	return parse(s, argc, argv, &w);
}

static enum dwh_rc exec_stage(struct dwh *s, int argc, char **argv)
{
	struct stage_words w;
	enum dwh_rc rc = parse(s, argc, argv, &w);

	if (rc != DWH_OK)
		return rc;
	if (w.npos == 0)
		return stage_all_opts(s, (long)w.max_errors, &w.o, &w.o);
	return stage_run_opts(s, w.pos[0], w.pos[1], (long)w.max_errors, &w.o);
}

const struct dwh_cmd cmd_stage = {
	.name = "stage",
	.args = "[songs|events] [PATH] [--max-errors N] [--new] [--changed] [--append]",
	.min_args = 0,
	.max_args = 7,
	.help = "load the raw JSON into staging_songs / staging_events",
	.detail = "stage                 songs and events (at once, on two connections; both commit or\n"
		  "                      neither) from --data DIR or [LOCAL] SONG_DATA/LOG_DATA in dwh.cfg\n"
		  "stage songs [PATH]    staging_songs from PATH (a .json file or a directory tree)\n"
		  "stage events [PATH]   staging_events likewise\n"
		  "--max-errors N        skip up to N bad records, kept in load_errors (see `errors`)\n"
		  "A PATH is a .json file or a directory tree (its .json files, in sorted order); a file\n"
		  "may hold JSON lines, pretty-printed objects or one array of objects.\n"
		  "Each stage is one transaction that replaces the table's rows; the first bad record\n"
		  "(beyond N) stops it with FILE:LINE: FIELD: reason and leaves the tables as they were.\n"
		  "On Redshift the server copies from the [S3] paths in dwh.cfg instead.\n"
		  "--new                 only the files not loaded before (dwh_files: path, size, mtime,\n"
		  "                      checksum); staging then holds just their rows. Nothing new is\n"
		  "                      no error: `0 new files`, and `load all --incremental` after it\n"
		  "                      changes nothing\n"
		  "--changed             --new, and files whose content changed since they were loaded\n"
		  "                      (without it they are named and left out)\n"
		  "--append              keep the table's rows and add these",
	.words = words,
	.needs_conn = true,
	.check = check_stage,
	.exec = exec_stage,
};
