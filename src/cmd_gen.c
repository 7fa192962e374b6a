/* cmd_gen.c — `gen DIR [--songs N] [--events M] [--users U] [--seed S]`: write a sample data
 * set and its expected figures (gen.c); needs no database. */
#include "cmd.h"

#include "gen.h"

#include <errno.h>
#include <stdlib.h>
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

static int number(const char *v, long long *n)
{
	char *end;

	errno = 0;
	*n = v ? strtoll(v, &end, 10) : -1;
	return v && *v && !*end && errno == 0 && *n >= 0 ? 0 : -1;
}

static int usage(struct dwh *s)
{
	err_set(&s->err, "usage: gen DIR [--songs N] [--events M] [--users U] [--seed S]");
	return DWH_FAIL;
}

static int exec_gen(struct dwh *s, int argc, char **argv)
{
	struct gen_opts o = GEN_DEFAULTS;
	struct gen_counts c;
	struct gen_run g = { s, dwh_now() };
	const char *dir = NULL;
	long long v;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '-' && a[1] == '-') {
			if (i + 1 >= argc || number(argv[++i], &v) < 0)
				return usage(s);
			if (!strcmp(a, "--songs"))
				o.songs = (long)v;
			else if (!strcmp(a, "--events"))
				o.events = (long)v;
			else if (!strcmp(a, "--users"))
				o.users = (long)v;
			else if (!strcmp(a, "--seed"))
				o.seed = (uint64_t)v;
			else
				return usage(s);
		} else if (!dir) {
			dir = a;
		} else {
			return usage(s);
		}
	}
	if (!dir)
		return usage(s);
	dwh_stage(s, "gen", STAGE_RUNNING, -1, 0);
	if (gen_write(dir, &o, &c, gen_progress, &g, &s->err) < 0) {
		dwh_stage(s, "gen", STAGE_FAILED, -1, dwh_now() - g.t0);
		return DWH_FAIL;
	}
	dwh_stage(s, "gen", STAGE_DONE, c.staging_events, dwh_now() - g.t0);
	dwh_msg(s, LOG_INFO, "wrote %lld songs in %ld files and %lld events in %ld files (%.1f MB) "
		"to %s in %.2f s; expected figures in %s/expected.json", c.staging_songs,
		c.files_songs, c.staging_events, c.files_events, (double)c.bytes / 1e6, dir,
		dwh_now() - g.t0, dir);
	return DWH_OK;
}

const struct dwh_cmd cmd_gen = {
	.name = "gen",
	.args = "DIR [--songs N] [--events M] [--users U] [--seed S]",
	.help = "write a sample data set (song_data, log_data, expected.json) to DIR",
	.detail = "Deterministic for a seed (defaults: 200 songs, 10000 events, 100 users, seed 1).\n"
		  "Real formats and layout: song_data/A/B/C/TRABC...json, log_data/2018/11/*-events.json.\n"
		  "DIR/expected.json holds the figures the pipeline must produce from it.",
	.needs_conn = false,
	.exec = exec_gen,
};
