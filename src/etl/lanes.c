/* lanes.c — `load all` (and `run`'s loads) on two lanes. On the 2-core bench machine the five
 * loads one after another leave a core idle: songplays then time (which reads songplays) take
 * 5.3 s of the 6.6 s, users, songs and artists the rest, and nothing makes those three wait for
 * songplays. So the lane of the first load and every load reading a table it (or its lane)
 * writes runs on the session's connection; the others run in their order on a second one,
 * opened beside it (conn_open_beside: the session's front end, Ctrl-C reaches both). Each load
 * is still its own transaction, logged and snapshotted as alone; the two lanes write different
 * snapshot tables (dwh_snap_days for songplays and time, dwh_snap_rows for the others), so
 * their DDL never waits on each other. Time's incremental merge reads staging_events, not
 * songplays, so it runs on the second lane (reads_lane), but commits after songplays' merge
 * (waiter, pipe_commit_after), before it writes its run log row and snapshot: nothing it holds
 * then is anything songplays' lane needs. Measured on the 1M set: see bench/results.md. */
#include "etl/lanes.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "db/conn.h"
#include "db/db.h"
#include "etl/pipeline.h"
#include "etl/runlog.h"
#include "etl/stages.h"

struct lane {
	struct dwh *s;
	int stage[PIPE_NSTAGES], n, flags, id;
	atomic_int *failed;     /* the lane that failed first (1 or 2), 0 while none has */
	struct pipe_signal *keys; /* lane b: first build the other lane's songplays' play keys */
	/* lane a: once stage `signal_at` has run, say so to the load on lane b that commits after
	 * it (pipe_commit_after) */
	struct pipe_signal *done;
	int signal_at;
	enum dwh_rc rc;
	int ran;
};

static void lane_failed(struct lane *l)
{
	int none = 0;

	atomic_compare_exchange_strong(l->failed, &none, l->id);
}

/* Lane a's word to the load waiting on lane b: done (why ""), or why its COMMIT must not be. */
static void said(struct lane *l, const struct pipe_stage *st, const char *why)
{
	struct dwh_err e = { 0 };

	snprintf(e.msg, sizeof e.msg, "not committed: %s, beside it, %s", st->name, why);
	pipe_signal_set(l->done, why[0] ? -1 : 1, &e);
}

static void *lane_run(void *arg)
{
	struct lane *l = arg;

	if (l->keys && (l->rc = pipe_keys_build(l->s, l->keys)) != DWH_OK) {
		lane_failed(l);
		return NULL;
	}
	for (int i = 0; i < l->n && !atomic_load(l->failed); i++) {
		const struct pipe_stage *st = &pipe_stages[l->stage[i]];

		l->rc = pipe_run_locked(l->s, st, NULL, l->flags);
		if (l->rc != DWH_OK)    /* first, so the load it tells rolls back as the second */
			lane_failed(l);
		if (l->done && l->stage[i] == l->signal_at)
			said(l, st, l->rc == DWH_OK ? "" : "failed");
		if (l->rc != DWH_OK)
			break;
		l->ran++;
	}
	if (l->done)            /* never left waiting: a lane that stopped before it says so */
		said(l, &pipe_stages[l->signal_at], "did not run");
	return NULL;
}

/* Whether lane a runs a load that builds play keys (pipe_builds_keys; the run log is there):
 * then lane b builds those keys first (keys_songplays.sql reads only staging_events), and
 * songplays' lane, 0.6 s shorter on the 1M set, swaps them in. */
static bool keys_on_b(struct dwh *s, const struct lane *a, int flags, int logged)
{
	if (logged <= 0)
		return false;
	for (int k = 0; k < a->n; k++)
		if (pipe_builds_keys(s, &pipe_stages[a->stage[k]], flags))
			return true;
	return false;
}

/* The stage of lane a that fills table, or -1. */
static int filler(const struct lane *a, const char *table)
{
	for (int k = 0; k < a->n; k++)
		if (!strcmp(table, pipe_stages[a->stage[k]].table))
			return a->stage[k];
	return -1;
}

/* Whether stage st reads a table that a stage already in lane a fills. An incremental merge
 * reads its merge_input instead: time's merge takes the new start times from staging_events,
 * not from songplays, so it runs beside songplays' merge rather than after it (on the 1M set,
 * a day's loads 0.57 s -> 0.4 s). */
static bool reads_lane(const struct pipe_stage *st, const struct lane *a, bool inc)
{
	if (inc && st->merge_input)
		return filler(a, st->merge_input) >= 0;
	for (int i = 0; st->inputs[i]; i++)
		if (filler(a, st->inputs[i]) >= 0)
			return true;
	return false;
}

/* The first load and those reading its lane's tables on lane a, the others on lane b, each in
 * the catalogue's order; false unless both lanes have a load and every stage is a load. */
static bool split(int from, int to, struct lane *a, struct lane *b, bool inc)
{
	for (int i = from; i < to; i++) {
		const struct pipe_stage *st = &pipe_stages[i];

		if (st->kind != PIPE_LOAD)
			return false;
		if (a->n == 0 || reads_lane(st, a, inc))
			a->stage[a->n++] = i;
		else
			b->stage[b->n++] = i;
	}
	return a->n > 0 && b->n > 0;
}

/* The stage of lane a filling an input of st, which runs on lane b because of its merge_input
 * (time's merge beside songplays'), or -1: st commits after it (pipe_commit_after). */
static int filler_on(const struct lane *a, const struct pipe_stage *st)
{
	int j = -1;

	for (int i = 0; st->merge_input && st->inputs[i] && j < 0; i++)
		j = filler(a, st->inputs[i]);
	return j;
}

/* At most one load on lane b waits for one of lane a's (time, the only merge_input): its
 * index, lane a told which to signal, or -1. */
static int waiter(struct lane *a, const struct lane *b, struct pipe_signal *g)
{
	for (int k = 0; k < b->n; k++)
		if ((a->signal_at = filler_on(a, &pipe_stages[b->stage[k]])) >= 0) {
			a->done = g;
			return b->stage[k];
		}
	return -1;
}

static void drop_unused_keys(struct dwh *two)
{
	if (PQstatus(two->conn) == CONNECTION_OK && PQtransactionStatus(two->conn) == PQTRANS_IDLE) {
		db_exec(two, "SET client_min_messages = warning");
		db_exec(two, "DROP TABLE IF EXISTS dwh_play_keys_next");
	}
}

bool lanes_run(struct dwh *s, int from, int to, int flags, enum dwh_rc *rc, int *ran)
{
	atomic_int failed = 0;
	struct lane a = { .s = s, .flags = flags, .id = 1, .failed = &failed, .rc = DWH_OK };
	struct lane b = { .flags = flags, .id = 2, .failed = &failed, .rc = DWH_OK };
	struct pipe_signal keys = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, { "", "", false } };
	struct pipe_signal after = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, { "", "", false } };
	struct dwh two;
	int w;
	pthread_t th;

	if (s->server.engine != ENGINE_POSTGRES || PQtransactionStatus(s->conn) != PQTRANS_IDLE ||
	    !split(from, to, &a, &b, flags & PIPE_INCREMENTAL))
		return false;
	/* the run log made or brought up to date here, once, not by two connections at once */
	int logged = runlog_ensure(s);

	if (logged < 0) {
		*rc = db_fail_rc(s);
		*ran = 0;
		return true;
	}
	if (conn_open_beside(s, &two) != DWH_OK) {
		err_clear(&s->err);     /* one lane, then: the caller runs them in order */
		return false;
	}
	b.s = &two;
	b.keys = keys_on_b(s, &a, flags, logged) ? &keys : NULL;
	pipe_keys_beside(b.keys);
	w = waiter(&a, &b, &after);
	pipe_commit_after(w >= 0 ? &pipe_stages[w] : NULL, w >= 0 ? &after : NULL);
	if (pthread_create(&th, NULL, lane_run, &b) != 0) {
		pipe_keys_beside(NULL);
		pipe_commit_after(NULL, NULL);
		conn_close_beside(s, &two);
		return false;
	}
	lane_run(&a);
	pthread_join(th, NULL);
	pipe_keys_beside(NULL);
	pipe_commit_after(NULL, NULL);
	if (atomic_load(&failed) == 2)
		s->err = two.err;
	*rc = atomic_load(&failed) == 2 ? b.rc : a.rc;
	*ran = a.ran + b.ran;
	if (b.keys)     /* built and never swapped in (songplays failed): not left lying about */
		drop_unused_keys(&two);
	conn_close_beside(s, &two);
	return true;
}
