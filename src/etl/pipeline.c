/* pipeline.c — running the stages of the catalogue (stages.c): their SQL, whether each is
 * due, and running one or a range; each load is one transaction from sql/<dialect>/load_*.sql,
 * refused with a reason when what it reads is missing or empty. */
#include "etl/pipeline.h"

#include "db/db.h"
#include "etl/lanes.h"
#include "etl/loader.h"
#include "etl/pipelock.h"
#include "redshift/copy_sql.h"
#include "etl/runlog.h"
#include "etl/schema.h"
#include "db/sqlfile.h"
#include "base/sqlscan.h"
#include "base/strci.h"
#include "etl/stage.h"
#include "etl/tables.h"
#include "load/bytebuf.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *concat(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *out = malloc(na + nb + 2);

	if (out) {
		memcpy(out, a, na);
		out[na] = '\n';
		memcpy(out + na + 1, b, nb + 1);
	}
	return out;
}

/* What a full load of songplays or users keeps for its merges (track_X.sql), NULL for the
 * others: the table's name. */
static const char *track_of(const struct pipe_stage *st)
{
	return st->kind == PIPE_LOAD && (!strcmp(st->arg, "load_songplays") ||
					 !strcmp(st->arg, "load_users")) ? st->arg + 5 : NULL;
}

/* Whether the track builds the play keys first (keys_songplays.sql): PostgreSQL's SQL only. */
static bool track_keys(struct dwh *s, const char *track)
{
	return !strcmp(track, "songplays") && !strcmp(db_dialect(s), "postgres");
}

bool pipe_builds_keys(struct dwh *s, const struct pipe_stage *st, int flags)
{
	const char *track = track_of(st);

	return !(flags & PIPE_INCREMENTAL) && track && track_keys(s, track);
}

static void track_file(const char *track, char *buf, size_t n)
{
	snprintf(buf, n, "track_%s", track);
}

/* The last line of file that is "COMMIT;" (NULL: none). */
static char *last_commit(char *file)
{
	char *commit = NULL;

	for (char *p = strstr(file, "COMMIT;"); p; p = strstr(p + 1, "COMMIT;"))
		if (p == file || p[-1] == '\n')
			commit = p;
	return commit;
}

/* A full load as it runs: its file, and before the file's COMMIT what dwh adds in the same
 * transaction (track_run, runlog_write), so `show sql` and `step` show all it sends. */
static char *as_run(struct dwh *s, const struct pipe_stage *st, char *file)
{
	const char *track = track_of(st), *name = st->arg + 5, *put[7] = { NULL };
	char *commit = last_commit(file), *keys = NULL, *trk = NULL, note[320], runrow[200], tname[32];
	struct bytebuf b = { NULL, 0, 0 };
	int k = 0, rc = 0;

	if (!commit)
		return file;
	if (track) {
		track_file(track, tname, sizeof tname);
		if ((track_keys(s, track) && !(keys = sqlfile_read(s, "keys_songplays"))) ||
		    !(trk = sqlfile_read(s, tname))) {
			free(keys);
			free(file);
			return NULL;
		}
		snprintf(note, sizeof note, "-- Before the COMMIT, where the run log is (create_runs.sql), "
			 "dwh keeps what\n-- `load %s --incremental` merges against%s:\n", name,
			 keys ? " (the play keys: on `load all`\n-- built on its second lane and "
			 "committed there, then swapped in here)" : "");
		put[k++] = note;
		if (keys)
			put[k++] = keys, put[k++] = "\n";
		put[k++] = trk, put[k++] = "\n";
	}
	snprintf(runrow, sizeof runrow, "-- %s the run's row in dwh_runs\n-- with its snapshot for `diff` "
		 "(snapshot_%s.sql).\n", track ? "Then" : "Before the COMMIT, where the run log is, dwh writes",
		 name);
	put[k++] = runrow;
	rc = bytebuf_add(&b, file, (size_t)(commit - file));
	for (int i = 0; i < k && rc == 0; i++)
		rc = bytebuf_add(&b, put[i], strlen(put[i]));
	if (rc == 0)
		rc = bytebuf_add(&b, commit, strlen(commit) + 1);
	free(keys), free(trk), free(file);
	if (rc < 0) {
		bytebuf_free(&b);
		return dwh_fail(s, "out of memory"), NULL;
	}
	return b.p;
}

/* The loader's own statements for a PostgreSQL stage (loader.h), in stage.c's transaction. */
static char *stage_sql(const char *head, const struct copy_table *t)
{
	char stmt[1024], body[4 * sizeof stmt] = "BEGIN;\n";

	for (int i = 0; i < LOAD_NSTMTS; i++) {
		load_stmt_sql(t, (enum load_stmt)i, stmt, sizeof stmt);
		if (!*stmt)     /* none of that kind for this table */
			continue;
		snprintf(body + strlen(body), sizeof body - strlen(body), "%s;\n", stmt);
	}
	snprintf(body + strlen(body), sizeof body - strlen(body), "COMMIT;\n");
	return concat(head, body);
}

char *pipe_sql(struct dwh *s, const struct pipe_stage *st)
{
	return pipe_sql_max(s, st, 0);
}

char *pipe_sql_full(struct dwh *s, const struct pipe_stage *st)
{
	char *sql = pipe_sql_max(s, st, 0);

	return sql && st->kind == PIPE_LOAD ? as_run(s, st, sql) : sql;
}

char *pipe_sql_merge(struct dwh *s, const struct pipe_stage *st)
{
	char file[64];

	if (st->kind != PIPE_LOAD)
		return dwh_fail(s, "%s: --incremental belongs to a load (load songplays, ...)",
				st->name), NULL;
	snprintf(file, sizeof file, "merge_%s", st->arg + 5);
	return sqlfile_read(s, file);
}

char *pipe_sql_max(struct dwh *s, const struct pipe_stage *st, long max_errors)
{
	const char *dialect = db_dialect(s);
	char head[512];
	char *a, *b, *out;
	bool songs;

	switch (st->kind) {
	case PIPE_CREATE:
		if (!(a = sqlfile_read(s, "create_staging")))
			return NULL;
		if (!(b = sqlfile_read(s, "create_star"))) {
			free(a);
			return NULL;
		}
		out = concat(a, b);
		free(a), free(b);
		return out;
	case PIPE_STAGE:
		if (strcmp(dialect, "redshift") == 0)
			return rs_copy_sql(s, st->arg, max_errors);
		songs = strcmp(st->arg, "songs") == 0;
		snprintf(head, sizeof head,
			 "-- %s (PostgreSQL): dwh reads the JSON under --data DIR/%s (or [LOCAL]\n"
			 "-- %s in dwh.cfg) itself and streams one row per object into the COPY, in\n"
			 "-- one transaction: a re-run replaces the rows, a failure leaves them as they were.",
			 st->name, songs ? "song_data" : "log_data", songs ? "SONG_DATA" : "LOG_DATA");
		return stage_sql(head, load_table(st->arg));
	case PIPE_LOAD:
		return sqlfile_read(s, st->arg);
	}
	return NULL;
}

/* Which stage fills a table, for "run X first". */
static const char *filled_by(const char *table)
{
	int i = pipe_filler(table);

	return i >= 0 ? pipe_stages[i].name : "create";
}

/* Whether a table has a row, without counting them all: 1, 0, -1 when it does not exist, -2 on
 * error (s->err set). */
static int has_rows(struct dwh *s, const char *table)
{
	int e = db_table_exists(s, table);
	char *id, sql[160];
	PGresult *res;

	if (e <= 0)
		return e < 0 ? -2 : -1;
	if (!(id = db_ident(s, table)))
		return -2;
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s LIMIT 1", id);
	free(id);
	if (!(res = db_query(s, sql)))
		return -2;
	e = PQntuples(res) > 0;
	PQclear(res);
	return e;
}

int pipe_done(struct dwh *s, const struct pipe_stage *st)
{
	int n;

	if (st->kind == PIPE_CREATE) {
		for (int i = 0; dwh_tables[i]; i++) {
			int e = db_table_exists(s, dwh_tables[i]);

			if (e <= 0)
				return e;
		}
		return 1;
	}
	n = has_rows(s, st->table);
	return n == -2 ? -1 : n > 0;
}

const struct pipe_stage *pipe_next(struct dwh *s, int *err)
{
	return pipe_due(s, err, NULL, 0);
}

/* Whether stage i is due, and why: from its last run in the log, or, when the log has none,
 * from its table (staging filled by other means counts as run). 1, 0, or -1 on error. */
static int due(struct dwh *s, int i, const struct run_last *l, char *why, size_t n)
{
	int d;

	if (l->have && strcmp(l->status, "done"))
		return snprintf(why, n, "its last run %s", !strcmp(l->status, "failed") ? "failed"
				: "was cancelled"), 1;
	if (l->have && l->stale[0])
		return snprintf(why, n, "stale: %s", l->stale), 1;
	if (l->have)
		return 0;
	if ((d = pipe_done(s, &pipe_stages[i])) < 0)
		return -1;
	if (!d)
		snprintf(why, n, "never run%s%s%s", pipe_stages[i].table ? " (" : "",
			 pipe_stages[i].table ? pipe_stages[i].table : "",
			 pipe_stages[i].table ? " is empty)" : "");
	return !d;
}

int pipe_step_flags(struct dwh *s, const struct pipe_stage *st)
{
	struct run_last last[PIPE_NSTAGES];
	const struct run_last *self;

	if (st->kind != PIPE_LOAD || runlog_read(s, last) < 0) {
		err_clear(&s->err);
		return 0;
	}
	self = &last[pipe_index(st)];
	if (!self->have || strcmp(self->status, "done"))
		return 0;       /* never built: a full load builds it */
	for (int i = 0; st->inputs[i]; i++) {
		int j = pipe_filler(st->inputs[i]);

		if (j >= 0 && last[j].have && !strcmp(last[j].status, "done") &&
		    (strstr(last[j].mode, "new") || strstr(last[j].mode, "append") ||
		     !strcmp(last[j].mode, "incremental")))
			return PIPE_INCREMENTAL;
	}
	return 0;
}

const struct pipe_stage *pipe_due(struct dwh *s, int *err, char *why, size_t n)
{
	struct run_last last[PIPE_NSTAGES];
	char buf[256];

	*err = 0;
	if (runlog_read(s, last) < 0) {
		*err = -1;
		return NULL;
	}
	for (int i = 0; i < PIPE_NSTAGES; i++) {
		int d = due(s, i, &last[i], buf, sizeof buf);

		if (d < 0) {
			*err = -1;
			return NULL;
		}
		if (d) {
			if (why)
				snprintf(why, n, "%s", buf);
			return &pipe_stages[i];
		}
	}
	return NULL;
}

/* Refuse to run when an input is missing or empty, or the target table is missing, saying
 * which stage would make it. */
static enum dwh_rc pipe_inputs_ok(struct dwh *s, const struct pipe_stage *st, int flags)
{
	int n;

	for (int i = 0; st->inputs[i]; i++) {
		if ((n = has_rows(s, st->inputs[i])) == -2)
			return db_fail_rc(s);
		if (n == -1)
			return dwh_fail(s, "%s: %s does not exist — run create first", st->name,
					st->inputs[i]);
		if (n == 0 && !(flags & PIPE_INCREMENTAL))    /* nothing new is no error */
			return dwh_fail(s, "%s: %s is empty — run %s first", st->name,
					st->inputs[i], filled_by(st->inputs[i]));
	}
	if (st->table && (n = db_table_exists(s, st->table)) <= 0) {
		if (n < 0)
			return db_fail_rc(s);
		return dwh_fail(s, "%s: %s does not exist — run create first", st->name,
				st->table);
	}
	return DWH_OK;
}

/* A statement past the comments and blanks before it: the splitter hands each statement over
 * with the comment block above it (a file's header comes with its BEGIN). */
static const char *past_comments(const char *sql)
{
	for (;;) {
		while (isspace((unsigned char)*sql))
			sql++;
		if (sql[0] != '-' || sql[1] != '-')
			return sql;
		sql += strcspn(sql, "\n");
	}
}

/* Whether a statement (comments and blanks before it allowed) is COMMIT or END. */
static bool is_commit(const char *sql)
{
	sql = past_comments(sql);
	return !strncasecmp(sql, "COMMIT", 6) || !strncasecmp(sql, "END", 3);
}

/* Every statement of sql/<dialect>/NAME.sql, in the transaction open on s. */
static enum dwh_rc run_file(struct dwh *s, const char *name)
{
	char *sql = sqlfile_read(s, name);
	struct sqlscan_iter it;
	const char *stmt;
	int rc = DWH_OK;

	if (!sql)
		return DWH_FAIL;
	if (!sqlscan_start(&it, sql)) {
		free(sql);
		return dwh_fail(s, "out of memory");
	}
	while (rc == DWH_OK && (stmt = sqlscan_next(&it)))
		rc = db_exec(s, stmt);
	sqlscan_stop(&it);
	free(sql);
	return rc;
}

/* What a load did, counted in its own transaction: the rows of its first input and its
 * table's size at the BEGIN, the size again at the COMMIT. The INSERT's tag is the rows
 * written (a merge's upsert counts new and changed together, so the sizes tell them apart). */
static enum dwh_rc load_count(struct dwh *s, const char *table, long long *v)
{
	return (*v = db_count(s, table)) < 0 ? db_fail_rc(s) : DWH_OK;
}

static enum dwh_rc figs_begin(struct dwh *s, const struct pipe_stage *st, struct run_rec *run,
			      long long *before, bool inc)
{
	/* rows read: of the table the file reads (a merge of time: the staged events) */
	enum dwh_rc rc = load_count(s, inc && st->merge_input ? st->merge_input : st->inputs[0],
				    &run->fig.read);

	return rc != DWH_OK ? rc : load_count(s, st->table, before);
}

/* What a load's statements did to its table, as far as their text and tags tell: whether it
 * emptied it (TRUNCATE), the rows its INSERTs added, and whether that says its size exactly
 * (nothing but TRUNCATE and plain INSERTs touched it: no DELETE, UPDATE, or upsert, whose tag
 * counts updated rows too). */
struct load_writes {
	bool emptied, exact;
	long long inserted;
};

static bool starts(const char *stmt, const char *word)
{
	return !strncasecmp(past_comments(stmt), word, strlen(word));
}

/* Whether stmt is VERB TABLE (VERB: "TRUNCATE", "INSERT INTO", ...). */
static bool acts_on(const char *stmt, const char *verb, const char *table)
{
	const char *p;
	size_t n = strlen(table);

	if (!starts(stmt, verb))
		return false;
	p = past_comments(stmt) + strlen(verb);
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	return !strncmp(p, table, n) && (p[n] == ' ' || p[n] == '(' || p[n] == '\n' || p[n] == ';' ||
					  p[n] == '\0');
}

static void note_write(struct load_writes *w, const char *table, const char *stmt, PGresult *res)
{
	if (acts_on(stmt, "TRUNCATE", table))
		w->emptied = true;
	else if (acts_on(stmt, "DELETE FROM", table) || acts_on(stmt, "UPDATE", table))
		w->exact = false;
	else if (acts_on(stmt, "INSERT INTO", table)) {
		w->inserted += atoll(PQcmdTuples(res));
		if (strci_has(stmt, "DO UPDATE"))
			w->exact = false;
	}
}

/* The table's size after: from the writes when they tell it (its size before, or none after a
 * TRUNCATE, plus the rows inserted: a count of 775,336 rows less per load of songplays, of
 * 763,363 per load of time), else counted. */
static enum dwh_rc figs_end(struct dwh *s, const struct pipe_stage *st, struct run_rec *run,
			    long long before, long long written, bool inc, const struct load_writes *w)
{
	enum dwh_rc rc = DWH_OK;

	if (w->exact)
		run->fig.size = (w->emptied ? 0 : before) + w->inserted;
	else
		rc = load_count(s, st->table, &run->fig.size);
	if (rc != DWH_OK)
		return rc;
	written = written < 0 ? 0 : written;
	run->fig.added = inc ? run->fig.size - before : written;
	run->fig.changed = inc ? (written > run->fig.added ? written - run->fig.added : 0) : 0;
	run->fig.removed = inc ? 0 : before;
	run->rows = run->fig.size;
	return DWH_OK;
}

void pipe_signal_set(struct pipe_signal *g, int state, const struct dwh_err *err)
{
	pthread_mutex_lock(&g->mu);
	if (g->state == 0) {    /* the first word stands */
		g->state = state;
		if (err)
			g->err = *err;
	}
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
}

/* g's word, once said: DWH_OK, or a failure saying g's error. */
static enum dwh_rc signal_wait(struct dwh *s, struct pipe_signal *g)
{
	struct dwh_err e;
	int state;

	pthread_mutex_lock(&g->mu);
	while (g->state == 0)
		pthread_cond_wait(&g->cv, &g->mu);
	state = g->state;
	e = g->err;
	pthread_mutex_unlock(&g->mu);
	return state > 0 ? DWH_OK : dwh_fail(s, "%s", e.msg);
}

/* The play keys lanes.c has built on its other lane for the full load songplays running on
 * this one (NULL: none; the load builds them itself), and the load that commits after the
 * other lane's (NULL: none). One pipeline runs at a time. */
static struct pipe_signal *keys_beside, *after_sig;
static const struct pipe_stage *after_st;

void pipe_keys_beside(struct pipe_signal *k)
{
	keys_beside = k;
}

void pipe_commit_after(const struct pipe_stage *st, struct pipe_signal *g)
{
	after_st = g ? st : NULL;
	after_sig = g;
}

enum dwh_rc pipe_keys_build(struct dwh *s, struct pipe_signal *k)
{
	enum dwh_rc rc = db_exec(s, "BEGIN");
	struct dwh_err e = { 0 };

	if (rc == DWH_OK)
		rc = run_file(s, "keys_songplays");
	if (rc == DWH_OK)
		rc = db_exec(s, "COMMIT");
	if (rc != DWH_OK) {
		rc = db_rollback(s);
		snprintf(e.msg, sizeof e.msg, "its play keys (built beside it): %s", s->err.msg);
		/* this lane's error, said as the load that waits for them says it */
		snprintf(s->err.msg, sizeof s->err.msg, "load songplays: %s", e.msg);
	}
	pipe_signal_set(k, rc == DWH_OK ? 1 : -1, &e);
	return rc;
}

/* What a full load keeps for the merges (track_X.sql), in its transaction. On PostgreSQL the
 * play keys are a new table (keys_songplays.sql) that track_songplays.sql swaps in: built here,
 * or already built on load all's other lane. */
static enum dwh_rc track_run(struct dwh *s, const char *track)
{
	char name[32];
	enum dwh_rc rc;

	if (track_keys(s, track) &&
	    (rc = keys_beside ? signal_wait(s, keys_beside) : run_file(s, "keys_songplays")) != DWH_OK)
		return rc;
	track_file(track, name, sizeof name);
	return run_file(s, name);
}

/* Right before the file's COMMIT: the run log's row, so it commits with the load's rows. (On
 * Redshift the pipeline lock is the file's own `LOCK dwh_lock;` after its BEGIN, as in the
 * stage's files: `show sql` shows it, and psql -f takes it too.) */
static enum dwh_rc load_hook(struct dwh *s, const char *stmt, struct run_rec *run,
			     const char *track)
{
	int rc;

	if (!run || !is_commit(stmt))
		return DWH_OK;
	if (track && (rc = track_run(s, track)) != DWH_OK)
		return rc;
	return runlog_write(s, run, "done");
}

/* A load: its file statement by statement (the file holds BEGIN ... COMMIT), the rows written
 * taken from the INSERT's command tag rather than counted again. On failure the transaction
 * is rolled back, so the table keeps its old rows. *rows: the table's rows after. */
static enum dwh_rc pipe_run_load(struct dwh *s, const struct pipe_stage *st, long long *rows,
			 struct run_rec *run, bool inc)
{
	char file[64], *sql;
	const char *track = NULL;
	struct sqlscan_iter it;
	const char *stmt;
	long long written = -1, before = 0;
	bool began = false, counted = false;
	struct load_writes w = { false, true, 0 };
	int rc = DWH_OK;

	/* load_X.sql, or merge_X.sql for --incremental; a full load of songplays or users also
	 * keeps what the merges need (track_X.sql), when the run log's tables are there */
	snprintf(file, sizeof file, "%s%s", inc ? "merge_" : "", inc ? st->arg + 5 : st->arg);
	if (!inc && run)
		track = track_of(st);
	if (!(sql = sqlfile_read(s, file)))
		return DWH_FAIL;
	if (!sqlscan_start(&it, sql)) {
		free(sql);
		return dwh_fail(s, "out of memory");
	}
	while (rc == DWH_OK && (stmt = sqlscan_next(&it))) {
		PGresult *res;

		/* the sizes before, once the transaction holds its locks (Redshift's LOCK dwh_lock
		 * comes first after BEGIN) */
		if (run && began && !counted && !starts(stmt, "LOCK")) {
			if ((rc = figs_begin(s, st, run, &before, inc)) != DWH_OK)
				break;
			counted = true;
		}
		/* beside the load it is built from, the COMMIT waits for that one's (pipeline.h) */
		if (is_commit(stmt) && after_sig && st == after_st &&
		    (rc = signal_wait(s, after_sig)) != DWH_OK)
			break;
		if (is_commit(stmt) && run &&
		    ((rc = figs_end(s, st, run, before, written, inc, &w)) != DWH_OK ||
		     (rc = load_hook(s, stmt, run, track)) != DWH_OK))
			break;
		if (!(res = db_query(s, stmt))) {
			rc = db_fail_rc(s);
			break;
		}
		if (strncmp(PQcmdStatus(res), "INSERT", 6) == 0)
			written = atoll(PQcmdTuples(res));
		note_write(&w, st->table, stmt, res);
		PQclear(res);
		began = began || starts(stmt, "BEGIN");
	}
	sqlscan_stop(&it);
	free(sql);
	*rows = run ? run->fig.size : written;
	if (rc != DWH_OK) {
		rc = db_rollback(s);
		/* name the stage, keeping the server's SQLSTATE */
		struct dwh_err keep = s->err;

		snprintf(s->err.msg, sizeof s->err.msg, "%s: %s", st->name, keep.msg);
	}
	return rc;
}


/* `run --new`: the new event files alone; the new song files added to the songs staged, since
 * the new plays are matched against every song (staging_songs), not just the new ones. */
static const struct stage_opts new_songs = { true, false, true }, new_events = { true, false, false };

/* For an incremental load: whether nothing it reads has changed since its last run (the run
 * log says it is done and not stale), so there is nothing to merge — the daily case, where the
 * songs were staged long ago. 1 (said so), 0, -1 on error. */
static int up_to_date(struct dwh *s, const struct pipe_stage *st)
{
	struct run_last last[PIPE_NSTAGES];
	const struct run_last *l = &last[pipe_index(st)];

	if (runlog_read(s, last) < 0)
		return -1;
	long long size;

	if (!l->have || strcmp(l->status, "done") || l->stale[0] || l->merge_new)
		return 0;
	size = l->fig.size >= 0 ? l->fig.size : l->rows;
	dwh_stage(s, st->name, STAGE_DONE, size, 0);
	dwh_msg(s, LOG_INFO, "%-15s nothing new in %s since its last run", st->name, st->inputs[0]);
	if (size >= 0) {
		char c[32], figs[96];

		snprintf(figs, sizeof figs, "%s row%s (nothing new)", runlog_count(size, c, sizeof c),
			 dwh_plural(size));
		dwh_ran(s, st->name, STAGE_DONE, figs);
	}
	return 1;
}

/* The run log's row for a load, started now; NULL when there is no log to write. */
static struct run_rec *load_run_rec(struct dwh *s, const struct pipe_stage *st,
				    struct run_rec *run, int *rc)
{
	int logged = runlog_ensure(s);

	*rc = logged < 0 ? db_fail_rc(s) : DWH_OK;
	if (logged <= 0)
		return NULL;
	run_begin(run, st->name);
	for (int i = 0; st->inputs[i]; i++)
		snprintf(run->input + strlen(run->input), sizeof run->input - strlen(run->input),
			 "%s%s", i ? ", " : "", st->inputs[i]);
	return run;
}

enum dwh_rc pipe_run_opt(struct dwh *s, const struct pipe_stage *st, long long *rows, int flags)
{
	int rc;

	if (rows)
		*rows = -1;
	if ((rc = db_ensure(s)) != DWH_OK)
		return rc;
	if (st->kind == PIPE_CREATE)
		return schema_create(s, NULL);
	if ((rc = pipe_lock(s, st->name)) != DWH_OK)
		return rc;
	rc = pipe_run_locked(s, st, rows, flags);
	pipe_unlock(s);
	return rc;
}

/* A stage's line in the log, with the figures its run log row gives ("stage events  362 rows
 * (+362 new, 1 file)  0.04 s"); the table's rows when there is no log. */
static void said(struct dwh *s, const struct pipe_stage *st, double secs, const char *extra)
{
	struct run_last last[PIPE_NSTAGES];
	struct dwh_err keep = s->err;
	char figs[320];
	long long n;

	if (runlog_read(s, last) == 0 && last[pipe_index(st)].have)
		runlog_figures(st, &last[pipe_index(st)], figs, sizeof figs);
	else if ((n = db_count(s, st->table)) >= 0)
		snprintf(figs, sizeof figs, "%lld row%s", n, dwh_plural(n));
	else
		figs[0] = '\0';
	s->err = keep;
	dwh_msg(s, LOG_INFO, "%-15s %s  %.2f s%s", st->name, figs, secs, extra);
}

/* After a load's rollback: its row in the log says what the table kept and why it failed. */
static void load_undone(struct dwh *s, const struct pipe_stage *st, struct run_rec *run)
{
	struct dwh_err keep = s->err;
	char figs[320];

	if (PQstatus(s->conn) == CONNECTION_OK && PQtransactionStatus(s->conn) == PQTRANS_IDLE)
		run->fig.size = db_count(s, st->table);
	s->err = keep;
	runlog_failed(s, run);
	if (!dwh_session(s)->interrupted)
		snprintf(run->error, sizeof run->error, "%s", keep.msg);
	runlog_rec_figures(st, run, dwh_session(s)->interrupted ? "cancelled" : "failed", figs,
			   sizeof figs);
	dwh_ran(s, st->name, dwh_session(s)->interrupted ? STAGE_CANCELLED : STAGE_FAILED, figs);
}

enum dwh_rc pipe_run_locked(struct dwh *s, const struct pipe_stage *st, long long *rows, int flags)
{
	double t0 = dwh_now(), secs;
	long long n = -1;
	struct run_rec runbuf, *run = NULL;
	bool inc = flags & PIPE_INCREMENTAL;
	int rc;

	if ((rc = pipe_inputs_ok(s, st, flags)) != DWH_OK)
		return rc;
	if (inc && st->kind == PIPE_LOAD && (rc = up_to_date(s, st)) != 0)
		return rc < 0 ? db_fail_rc(s) : DWH_OK;
	if (st->kind == PIPE_LOAD && !(run = load_run_rec(s, st, &runbuf, &rc)) && rc != DWH_OK)
		return rc;
	if (run && inc)
		snprintf(run->mode, sizeof run->mode, "incremental");
	if (st->kind == PIPE_STAGE) {
		/* the loader (which hands Redshift to rs_stage) reports its own progress and state */
		rc = stage_run_opts(s, st->arg, NULL, 0, !inc ? NULL
				    : !strcmp(st->arg, "songs") ? &new_songs : &new_events);
		if (rc == DWH_OK && (n = db_count(s, st->table)) < 0)
			rc = db_fail_rc(s);
	} else {
		dwh_stage(s, st->name, STAGE_RUNNING, -1, 0);
		rc = pipe_run_load(s, st, &n, run, inc);
		if (rc != DWH_OK && run)
			load_undone(s, st, run);
	}
	secs = dwh_now() - t0;
	/* only a front end that shows counts pays for counting every table */
	if (s->out.counts && s->conn && PQstatus(s->conn) == CONNECTION_OK) {
		struct dwh_err keep = s->err;

		counts_refresh(s, NULL);
		s->err = keep;
	}
	if (st->kind == PIPE_LOAD)
		dwh_stage(s, st->name, rc == DWH_OK ? STAGE_DONE
			  : dwh_session(s)->interrupted ? STAGE_CANCELLED : STAGE_FAILED,
			  rc == DWH_OK ? n : -1, secs);
	if (rc != DWH_OK)
		return rc;
	if (run) {
		char figs[320];

		runlog_rec_figures(st, run, "done", figs, sizeof figs);
		dwh_ran(s, st->name, STAGE_DONE, figs);
		dwh_msg(s, LOG_INFO, "%-15s %s  %.2f s%s", st->name, figs, secs,
			inc ? " (incremental)" : "");
	} else {
		said(s, st, secs, "");
	}
	if (rows)
		*rows = n;
	return DWH_OK;
}

static enum dwh_rc run_range(struct dwh *s, int from, int to, int flags);

/* Both staging tables at once, as `stage` does: the loader overlaps reading the files of one
 * with sending the other, in one transaction. Each still gets its own line. */
static enum dwh_rc pipe_run_staging(struct dwh *s, const struct pipe_stage *songs,
			    const struct pipe_stage *events, int flags)
{
	double t0 = dwh_now(), secs;
	int rc;

	if ((rc = pipe_inputs_ok(s, songs, flags)) != DWH_OK ||
	    (rc = pipe_inputs_ok(s, events, flags)) != DWH_OK)
		return rc;
	if ((rc = stage_all_opts(s, 0, (flags & PIPE_INCREMENTAL) ? &new_songs : NULL,
				 (flags & PIPE_INCREMENTAL) ? &new_events : NULL)) != DWH_OK)
		return rc;
	secs = dwh_now() - t0;
	said(s, songs, secs, " (with stage events)");
	said(s, events, secs, " (with stage songs)");
	return DWH_OK;
}

enum dwh_rc pipe_run_range_opt(struct dwh *s, int from, int to, int flags)
{
	int rc;

	if ((rc = db_ensure(s)) != DWH_OK || (rc = pipe_lock(s, from == 0 ? "run"
					       : pipe_stages[from].name)) != DWH_OK)
		return rc;
	rc = run_range(s, from, to, flags);
	pipe_unlock(s);
	return rc;
}

static enum dwh_rc run_range(struct dwh *s, int from, int to, int flags)
{
	double t0 = dwh_now();
	int rc = DWH_OK, ran = 0;
	bool laned = false;

	for (int i = from; i < to && rc == DWH_OK; i++) {
		const struct pipe_stage *st = &pipe_stages[i];

		if (st->kind == PIPE_CREATE) {
			int d = pipe_done(s, st);

			if (d < 0)
				return db_fail_rc(s);
			if (d) {
				/* nothing to do is still done: the console's pipeline shows it so */
				dwh_stage(s, st->name, STAGE_DONE, -1, 0);
				dwh_msg(s, LOG_INFO, "%-15s every table exists", st->name);
				ran++;  /* done, as the pipeline pane shows it: "8 stages", not 7 */
				continue;
			}
		}
		if (st->kind == PIPE_LOAD && !laned) {  /* the loads left: on two lanes if they can be */
			enum dwh_rc lrc;
			int n = 0;

			laned = true;   /* asked once: a second connection refused is not asked again */
			if (lanes_run(s, i, to, flags, &lrc, &n)) {
				rc = lrc;
				ran += n;
				break;
			}
		}
		if (st->kind == PIPE_STAGE && i + 1 < to && pipe_stages[i + 1].kind == PIPE_STAGE) {
			rc = pipe_run_staging(s, st, &pipe_stages[i + 1], flags);
			ran += rc == DWH_OK ? 2 : 0;
			i++;
			continue;
		}
		rc = pipe_run_opt(s, st, NULL, flags);
		ran += rc == DWH_OK;
	}
	if (rc == DWH_OK)
		dwh_msg(s, LOG_INFO, "%d stage%s in %.2f s", ran, ran == 1 ? "" : "s",
			dwh_now() - t0);
	return rc;
}

void pipe_msg_lines(struct dwh *s, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		dwh_msg(s, LOG_INFO, "%.*s", n, p);
		p += n + (nl != NULL);
	}
}
