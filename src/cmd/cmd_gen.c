/* cmd_gen.c — `gen DIR [--songs N] [--events M] [--users U] [--seed S]`: write a sample data
 * set and its expected figures (gen.c); needs no database. */
#include "cmd/cmd.h"

#include "gen/gen.h"

#include <limits.h>
#include <string.h>

struct gen_run {
	struct dwh *s;
	double t0;
};

static void gen_progress(void *ctx, long long done, long long total)
{
	struct gen_run *g = ctx;
	struct dwh_progress p = { 0 };

	p.stage = "gen";
	p.rows = done;
	p.elapsed = dwh_now() - g->t0;
	p.rate = p.elapsed > 0 ? (double)done / p.elapsed : 0;
	p.bytes_done = done;
	p.bytes_total = total;
	p.eta = done > 0 ? p.elapsed * (double)(total - done) / (double)done : -1;
	dwh_progress(g->s, &p);
}

/* The --NAME N options of gen and where each goes. */
static bool gen_option(int argc, char **argv, int *i, struct gen_opts *o)
{
	static const char *const names[] = { "--songs", "--events", "--users", "--seed" };
	const char *v = NULL;
	long long n;
	int k;

	for (k = 0; k < 4 && !v; k++)
		v = cmd_option(argc, argv, i, names[k]);
	if (!v || !cmd_number(v, 0, k == 4 ? LLONG_MAX : LONG_MAX, &n))
		return false;
	if (k == 1)
		o->songs = (long)n;
	else if (k == 2)
		o->events = (long)n;
	else if (k == 3)
		o->users = (long)n;
	else
		o->seed = (uint64_t)n;
	return true;
}

static enum dwh_rc exec_gen(struct dwh *s, int argc, char **argv)
{
	struct gen_opts o = GEN_DEFAULTS;
	struct gen_counts c;
	struct gen_run g = { s, dwh_now() };
	const char *dir = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--", 2)) {
			if (!gen_option(argc, argv, &i, &o))
				return cmd_usage(s, argv[0]);
		} else if (!dir) {
			dir = argv[i];
		} else {
			return cmd_usage(s, argv[0]);
		}
	}
	if (!dir)
		return cmd_usage(s, argv[0]);
	dwh_stage(s, "gen", STAGE_RUNNING, -1, 0);
	if (gen_write(dir, &o, &c, gen_progress, &g, &s->err) < 0) {
		dwh_stage(s, "gen", STAGE_FAILED, -1, dwh_now() - g.t0);
		return DWH_FAIL;
	}
	dwh_stage(s, "gen", STAGE_DONE, c.staging_events, dwh_now() - g.t0);
	dwh_msg(s, LOG_INFO, "wrote %lld song%s in %ld file%s and %lld event%s in %ld file%s (%.1f MB) "
		"to %s in %.2f s; expected figures in %s/expected.json", c.staging_songs,
		dwh_plural(c.staging_songs), c.files_songs, dwh_plural(c.files_songs), c.staging_events,
		dwh_plural(c.staging_events), c.files_events, dwh_plural(c.files_events),
		(double)c.bytes / 1e6, dir, dwh_now() - g.t0, dir);
	return DWH_OK;
}

const struct dwh_cmd cmd_gen = {
	.name = "gen",
	.args = "DIR [--songs N] [--events M] [--users U] [--seed S]",
	.min_args = 1,
	.max_args = 9,
	.help = "write a sample data set (song_data, log_data, expected.json) to DIR",
	.detail = "Deterministic for a seed (defaults: 200 songs, 10000 events, 100 users, seed 1).\n"
		  "Real formats and layout: song_data/A/B/C/TRABC...json, log_data/2018/11/*-events.json.\n"
		  "DIR/expected.json holds the figures the pipeline must produce from it.",
	.needs_conn = false,
	.exec = exec_gen,
};
