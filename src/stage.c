/* stage.c — the loader: stream JSON files into a staging table with COPY FROM STDIN inside one
 * transaction (BEGIN; TRUNCATE; COPY ... FREEZE; COMMIT), so a re-run replaces and a failure
 * leaves the table exactly as it was. Bad records stop the stage or, with --max-errors, go to
 * load_errors, as Redshift's MAXERROR and STL_LOAD_ERRORS do. */
#include "stage.h"

#include "copy_row.h"
#include "db.h"
#include "json_stream.h"
#include "loader_files.h"
#include "rs_copy.h"
#include "tables.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SEND_CHUNK (256u << 10)  /* COPY data per PQputCopyData */
#define RAW_MAX    1024          /* load_errors.raw keeps this much of a bad record */

/* The bad record that stopped a stage, kept for load_errors after the rollback. */
struct stop {
	const char *file;
	long line;
	char col[64];
	char reason[256];
	struct cbuf raw;
};

/* What the reader had done when it handed over a chunk, for progress. */
struct snap {
	int64_t rows, bad, bytes;
	long files;
};

/* Chunks of COPY text from the reader thread to the sender: a ring of NBUF buffers, of
 * which [head, head + count) are full; the reader fills slot head + count. */
#define NBUF 4
struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct cbuf buf[NBUF];
	struct snap snap[NBUF];
	int head, count;
	bool done, stop;        /* the reader finished / the sender wants it to stop */
	int rc;                 /* the reader's result */
};

/* One table's load. */
struct load {
	struct dwh *s;
	const struct copy_table *t;
	char stage[32];                 /* "stage songs" */
	char path[4096];
	long max_errors;
	struct flist files;
	struct copy_conv conv;
	struct pipe q;
	struct cbuf *out;               /* the chunk the reader is filling */
	struct dwh_err perr;            /* the reader's error */
	struct cbuf scratch;
	FILE *errs;                     /* load_errors rows (COPY text) for after the COPY */
	struct jstream *js;
	bool in_file, errtable;
	int64_t rows, bad, bytes_before;
	long files_done;
	double t0, shown, secs;
	struct stop stop;
};

/* ---- setting up ---- */

static const struct copy_table *table_of(const char *which)
{
	return !strcmp(which, "songs") ? &copy_songs : !strcmp(which, "events") ? &copy_events : NULL;
}

/* PATH, else --data DIR/{song,log}_data, else [LOCAL] SONG_DATA / LOG_DATA. */
static int resolve_path(struct dwh *s, const char *which, const char *path, char *buf, size_t n)
{
	bool songs = !strcmp(which, "songs");
	const char *key = songs ? "SONG_DATA" : "LOG_DATA", *v;

	if (path)
		snprintf(buf, n, "%s", path);
	else if (s->opts.data_dir)
		snprintf(buf, n, "%s/%s", s->opts.data_dir, songs ? "song_data" : "log_data");
	else if ((v = cfg_get(s->cfg, "LOCAL", key)) && *v)
		snprintf(buf, n, "%s", v);
	else
		return err_set(&s->err, "stage %s: no input: give a PATH, run dwh with --data DIR, "
			       "or set [LOCAL] %s in dwh.cfg", which, key);
	return 0;
}

static int load_init(struct load *ld, struct dwh *s, const char *which, const char *path,
		     long max_errors)
{
	memset(ld, 0, sizeof *ld);
	ld->s = s;
	ld->t = table_of(which);
	ld->max_errors = max_errors;
	snprintf(ld->stage, sizeof ld->stage, "stage %s", which);
	copy_conv_init(&ld->conv, ld->t);
	if (resolve_path(s, which, path, ld->path, sizeof ld->path) < 0 ||
	    flist_build(&ld->files, ld->path, &s->err) < 0)
		return -1;
	if (ld->files.n == 0)
		return err_set(&s->err, "stage %s: no .json files under %s", which, ld->path);
	if (!(ld->js = js_open(-1)))
		return err_set(&s->err, "out of memory");
	for (int i = 0; i < NBUF; i++)
		if (cbuf_reserve(&ld->q.buf[i], SEND_CHUNK + 65536) < 0)
			return err_set(&s->err, "out of memory");
	return 0;
}

static void load_free(struct load *ld)
{
	flist_free(&ld->files);
	copy_conv_free(&ld->conv);
	for (int i = 0; i < NBUF; i++)
		cbuf_free(&ld->q.buf[i]);
	cbuf_free(&ld->scratch);
	cbuf_free(&ld->stop.raw);
	js_free(ld->js);
	if (ld->errs)
		fclose(ld->errs);
}

/* ---- progress ---- */

static void progress(struct load *ld, const struct snap *sn, bool force)
{
	double now = dwh_now();
	struct dwh_progress p = { 0 };

	if (!force && now - ld->shown < 0.1)
		return;
	ld->shown = now;
	p.stage = ld->stage;
	p.files_done = sn->files;
	p.files_total = (long)ld->files.n;
	p.bytes_done = sn->bytes;
	p.bytes_total = ld->files.bytes;
	p.rows = sn->rows;
	p.bad = sn->bad;
	p.elapsed = now - ld->t0;
	p.rate = p.elapsed > 0 ? (double)sn->rows / p.elapsed : 0;
	p.eta = p.bytes_done > 0 && p.elapsed > 0.2
		? p.elapsed * (double)(p.bytes_total - p.bytes_done) / (double)p.bytes_done : -1;
	dwh_progress(ld->s, &p);
}

/* ---- bad records ---- */

/* The record's text as load_errors.raw: at most RAW_MAX bytes of valid UTF-8, with bytes that
 * are not (and NULs) shown as \xNN so the server accepts it. */
static int raw_text(struct cbuf *b, const char *text, size_t len)
{
	b->len = 0;
	for (size_t i = 0; i < len && b->len < RAW_MAX;) {
		size_t n = utf8_len((const unsigned char *)text + i, len - i);
		char hex[8];

		if (n && text[i] != '\0') {
			if (cbuf_add(b, text + i, n) < 0)
				return -1;
			i += n;
		} else {
			snprintf(hex, sizeof hex, "\\x%02X", (unsigned char)text[i]);
			if (cbuf_add(b, hex, 4) < 0)
				return -1;
			i++;
		}
	}
	return cbuf_add(b, "", 1) < 0 ? -1 : 0;
}

/* One load_errors row, in COPY text, to the spill file. */
static int spill(struct load *ld, const char *file, long line, const struct copy_err *ce)
{
	struct cbuf *r = &ld->scratch;
	char num[32];
	size_t rawlen = strlen(ld->stop.raw.p);

	if (!ld->errs && !(ld->errs = tmpfile()))
		return err_set(&ld->perr, "temporary file: %s", strerror(errno));
	r->len = 0;
	snprintf(num, sizeof num, "%ld", line);
	if (copy_escape(r, ld->t->name, strlen(ld->t->name)) < 0 || cbuf_add(r, "\t", 1) < 0 ||
	    copy_escape(r, file, strlen(file)) < 0 || cbuf_add(r, "\t", 1) < 0 ||
	    cbuf_add(r, num, strlen(num)) < 0 || cbuf_add(r, "\t", 1) < 0 ||
	    (ce->col[0] ? copy_escape(r, ce->col, strlen(ce->col)) : cbuf_add(r, "\\N", 2)) < 0 ||
	    cbuf_add(r, "\t", 1) < 0 || copy_escape(r, ce->reason, strlen(ce->reason)) < 0 ||
	    cbuf_add(r, "\t", 1) < 0 || copy_escape(r, ld->stop.raw.p, rawlen) < 0 ||
	    cbuf_add(r, "\n", 1) < 0)
		return err_set(&ld->perr, "out of memory");
	if (fwrite(r->p, 1, r->len, ld->errs) != r->len)
		return err_set(&ld->perr, "temporary file: %s", strerror(errno));
	return 0;
}

/* Skip the record (within --max-errors) or stop the stage with FILE:LINE: FIELD: reason. */
static int bad_record(struct load *ld, const char *file, const struct jvalue *v,
		      const struct copy_err *ce)
{
	long line = v->line;
	size_t upto = ce->pos < v->len ? ce->pos : v->len;

	for (const char *p = v->text; (p = memchr(p, '\n', upto - (size_t)(p - v->text))); p++)
		line++;
	if (raw_text(&ld->stop.raw, v->text, v->len) < 0)
		return err_set(&ld->perr, "out of memory");
	if (ld->bad < ld->max_errors) {
		ld->bad++;
		return spill(ld, file, line, ce);
	}
	ld->stop.file = file;
	ld->stop.line = line;
	snprintf(ld->stop.col, sizeof ld->stop.col, "%s", ce->col);
	snprintf(ld->stop.reason, sizeof ld->stop.reason, "%s", ce->reason);
	if (ce->col[0])
		err_set(&ld->perr, "%s:%ld: %s: %s", file, line, ce->col, ce->reason);
	else
		err_set(&ld->perr, "%s:%ld: %s", file, line, ce->reason);
	if (ld->max_errors > 0)
		snprintf(ld->perr.msg + strlen(ld->perr.msg), sizeof ld->perr.msg - strlen(ld->perr.msg),
			 " (more than --max-errors %ld bad records)", ld->max_errors);
	return -1;
}

/* ---- the reader thread: files to chunks of COPY text ---- */

static void snapshot(struct load *ld, struct snap *sn)
{
	sn->rows = ld->rows;
	sn->bad = ld->bad;
	sn->files = ld->files_done;
	sn->bytes = ld->bytes_before + (ld->in_file ? js_offset(ld->js) : 0);
}

/* Queue the full chunk and take the next free one (waiting while all are queued). */
static int hand_over(struct load *ld, bool last)
{
	struct pipe *q = &ld->q;
	bool stop;
	int slot;

	pthread_mutex_lock(&q->mu);
	snapshot(ld, &q->snap[(q->head + q->count) % NBUF]);
	q->count++;
	q->done = last;
	pthread_cond_broadcast(&q->cv);
	while (!last && q->count == NBUF && !q->stop)
		pthread_cond_wait(&q->cv, &q->mu);
	stop = q->stop;
	slot = (q->head + q->count) % NBUF;
	pthread_mutex_unlock(&q->mu);
	if (stop)
		return err_set(&ld->perr, "%s: stopped", ld->stage);
	if (!last) {
		ld->out = &q->buf[slot];
		ld->out->len = 0;
	}
	return 0;
}

static int one_value(struct load *ld, const char *file, const struct jvalue *v)
{
	struct copy_err ce = { 0 };
	int rc;

	if (v->too_big) {
		snprintf(ce.reason, sizeof ce.reason, "record larger than %u MB", JS_MAXVAL >> 20);
		rc = -1;
	} else {
		rc = copy_row(&ld->conv, v->text, v->len, ld->out, &ce);
	}
	if (rc == -2)
		return err_set(&ld->perr, "out of memory");
	if (rc < 0)
		return bad_record(ld, file, v, &ce);
	ld->rows++;
	return ld->out->len >= SEND_CHUNK ? hand_over(ld, false) : 0;
}

static int one_file(struct load *ld, const struct lfile *f)
{
	struct jvalue v;
	int fd = open(f->path, O_RDONLY), r, rc = 0;

	if (fd < 0)
		return err_set(&ld->perr, "%s: %s", f->path, strerror(errno));
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	js_reset(ld->js, fd);
	ld->in_file = true;
	while (rc == 0 && (r = js_next(ld->js, &v)) == 1)
		rc = one_value(ld, f->path, &v);
	if (rc == 0 && r < 0)
		rc = err_set(&ld->perr, "%s: %s", f->path, strerror(errno));
	ld->in_file = false;
	close(fd);
	ld->bytes_before += f->size;
	ld->files_done++;
	if (rc == 0 && ld->s->interrupted)
		rc = err_set(&ld->perr, "%s: cancelled", ld->stage);
	return rc;
}

static void *reader(void *arg)
{
	struct load *ld = arg;
	struct pipe *q = &ld->q;
	sigset_t all;
	int rc = 0;

	sigfillset(&all);       /* Ctrl-C is for the sending thread */
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	for (size_t i = 0; i < ld->files.n && rc == 0; i++)
		rc = one_file(ld, &ld->files.v[i]);
	if (rc == 0)
		rc = hand_over(ld, true);
	if (rc < 0) {
		pthread_mutex_lock(&q->mu);
		q->rc = -1;
		q->done = true;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
	}
	return NULL;
}

/* The sending side: each chunk to the server as the reader finishes it, so reading and
 * parsing overlap with the server's work. */
static int send_chunks(struct load *ld)
{
	struct dwh *s = ld->s;
	struct pipe *q = &ld->q;
	int rc = 0;

	for (;;) {
		pthread_mutex_lock(&q->mu);
		while (q->count == 0 && !q->done)
			pthread_cond_wait(&q->cv, &q->mu);
		bool finished = q->count == 0 || q->rc < 0;
		int slot = q->head;
		struct snap sn = q->snap[slot];
		pthread_mutex_unlock(&q->mu);
		if (finished)
			break;
		if (q->buf[slot].len && PQputCopyData(s->conn, q->buf[slot].p, (int)q->buf[slot].len) != 1) {
			rc = err_conn(&s->err, s->conn, "COPY");
			break;
		}
		pthread_mutex_lock(&q->mu);
		q->head = (q->head + 1) % NBUF;
		q->count--;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		progress(ld, &sn, false);
		if (s->interrupted) {
			rc = err_set(&s->err, "%s: cancelled", ld->stage);
			break;
		}
	}
	if (rc < 0) {
		pthread_mutex_lock(&q->mu);
		q->stop = true;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
	}
	return rc;
}

/* Read, convert and send every file; -1 with s->err set. */
static int stream(struct load *ld)
{
	struct pipe *q = &ld->q;
	pthread_t th;
	int rc;

	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	ld->out = &q->buf[0];
	ld->out->len = 0;
	if (pthread_create(&th, NULL, reader, ld) != 0) {
		rc = err_set(&ld->s->err, "cannot start the reader thread");
	} else {
		rc = send_chunks(ld);
		pthread_join(th, NULL);
		if (rc == 0 && q->rc < 0)
			rc = -1, ld->s->err = ld->perr;
	}
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->mu);
	return rc;
}

/* Send what remains and end the COPY; the server's verdict decides. */
static int copy_finish(struct dwh *s, const char *what)
{
	PGresult *res;
	int rc = 0;

	if (PQputCopyEnd(s->conn, NULL) != 1)
		return err_conn(&s->err, s->conn, what);
	while ((res = PQgetResult(s->conn))) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0)
			rc = err_pg(&s->err, res, what);
		PQclear(res);
	}
	return rc;
}

/* Abandon a COPY in progress; the transaction is then failed and must be rolled back. */
static void copy_abort(struct dwh *s, const char *why)
{
	PGresult *res;

	if (PQputCopyEnd(s->conn, why) == 1)
		while ((res = PQgetResult(s->conn)))
			PQclear(res);
}

static int copy_start(struct dwh *s, const char *sql)
{
	PGresult *res = PQexec(s->conn, sql);
	int rc = 0;

	if (PQresultStatus(res) != PGRES_COPY_IN)
		rc = err_pg(&s->err, res, NULL);
	PQclear(res);
	return rc;
}

static int copy_sql(const struct copy_table *t, char *buf, size_t n)
{
	size_t o = (size_t)snprintf(buf, n, "COPY %s (", t->name);

	for (int i = 0; i < t->ncols && o < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? ", " : "", t->cols[i].name);
	/* FREEZE: the table was truncated in this transaction, so rows can be written frozen */
	if (o < n)
		snprintf(buf + o, n - o, ") FROM STDIN WITH (FREEZE)");
	return 0;
}

/* The spilled bad records into load_errors, in the same transaction. */
static int copy_errors(struct load *ld)
{
	struct dwh *s = ld->s;
	char buf[65536];
	size_t n;

	if (!ld->errs)
		return 0;
	if (copy_start(s, "COPY load_errors (tbl, file, line, col, reason, raw) FROM STDIN") < 0)
		return -1;
	rewind(ld->errs);
	while ((n = fread(buf, 1, sizeof buf, ld->errs)) > 0)
		if (PQputCopyData(s->conn, buf, (int)n) != 1) {
			err_conn(&s->err, s->conn, "COPY load_errors");
			copy_abort(s, "write failed");
			return -1;
		}
	return copy_finish(s, "COPY load_errors");
}

/* TRUNCATE, COPY every file, record the skipped records; inside the caller's transaction. */
static int load_run(struct load *ld)
{
	struct dwh *s = ld->s;
	struct snap sn;
	char sql[1024];
	int rc = 0;

	ld->t0 = dwh_now();
	int exists = db_table_exists(s, "load_errors");

	if (exists < 0)
		return -1;
	ld->errtable = exists;
	if (ld->max_errors > 0 && !ld->errtable)
		return err_set(&s->err, "%s: --max-errors needs the load_errors table: run `create staging`",
			       ld->stage);
	snprintf(sql, sizeof sql, "TRUNCATE %s", ld->t->name);
	if (db_exec(s, sql) != DWH_OK)
		return -1;
	snprintf(sql, sizeof sql, "DELETE FROM load_errors WHERE tbl = '%s'", ld->t->name);
	if (ld->errtable && db_exec(s, sql) != DWH_OK)
		return -1;
	copy_sql(ld->t, sql, sizeof sql);
	if (copy_start(s, sql) < 0)
		return -1;
	snapshot(ld, &sn);
	progress(ld, &sn, true);
	rc = stream(ld);
	if (rc < 0) {
		copy_abort(s, s->err.msg);
		return -1;
	}
	if (copy_finish(s, ld->stage) < 0 || copy_errors(ld) < 0)
		return -1;
	snapshot(ld, &sn);
	progress(ld, &sn, true);
	ld->secs = dwh_now() - ld->t0;
	return 0;
}

/* After a rollback: keep the record that stopped the stage in load_errors, as Redshift keeps
 * STL_LOAD_ERRORS for a failed COPY, so `errors` can show it. */
static void record_stop(struct load *ld)
{
	struct dwh *s = ld->s;
	struct dwh_err keep = s->err;
	char line[32];
	const char *p[6] = { ld->t->name, ld->stop.file, line, ld->stop.col[0] ? ld->stop.col : NULL,
			     ld->stop.reason, ld->stop.raw.p };
	PGresult *res;

	snprintf(line, sizeof line, "%ld", ld->stop.line);
	if (db_exec(s, "BEGIN") == DWH_OK &&
	    (res = db_queryp(s, "DELETE FROM load_errors WHERE tbl = $1", 1, p))) {
		PQclear(res);
		res = db_queryp(s, "INSERT INTO load_errors (tbl, file, line, col, reason, raw) "
			        "VALUES ($1, $2, $3, $4, $5, $6)", 6, p);
		PQclear(res);
		db_exec(s, res ? "COMMIT" : "ROLLBACK");
	}
	s->err = keep;
}

static void summary(struct load *ld)
{
	double secs = ld->secs;

	dwh_stage(ld->s, ld->stage, STAGE_DONE, ld->rows, secs);
	if (ld->bad)
		dwh_msg(ld->s, LOG_INFO, "staged %lld rows from %zu files in %.2f s (%s); "
			"skipped %lld bad records (see `errors`)", (long long)ld->rows, ld->files.n,
			secs, ld->t->name, (long long)ld->bad);
	else
		dwh_msg(ld->s, LOG_INFO, "staged %lld rows from %zu files in %.2f s (%s)",
			(long long)ld->rows, ld->files.n, secs, ld->t->name);
}

/* Run the loads in one transaction; all commit or none. */
static int stage_loads(struct dwh *s, struct load *lds, int n)
{
	int rc = db_exec(s, "BEGIN"), failed = -1;

	for (int i = 0; i < n && rc == DWH_OK; i++) {
		dwh_stage(s, lds[i].stage, STAGE_RUNNING, -1, 0);
		if (load_run(&lds[i]) < 0) {
			rc = db_fail_rc(s);
			failed = i;
		}
	}
	if (rc == DWH_OK && (rc = db_exec(s, "COMMIT")) != DWH_OK)
		failed = n - 1;
	if (rc != DWH_OK) {
		struct dwh_err keep = s->err;

		if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
			db_exec(s, "ROLLBACK");
		s->err = keep;
		if (failed >= 0) {
			struct load *ld = &lds[failed];
			dwh_stage(s, ld->stage, s->interrupted ? STAGE_CANCELLED : STAGE_FAILED,
				  ld->rows, dwh_now() - ld->t0);
			if (ld->stop.file && ld->errtable && PQstatus(s->conn) == CONNECTION_OK)
				record_stop(ld);
		}
		return rc;
	}
	for (int i = 0; i < n; i++)
		summary(&lds[i]);
	counts_refresh(s, NULL);
	return DWH_OK;
}

/* Redshift has no COPY FROM STDIN: the server loads from S3. */
static int redshift(struct dwh *s, const char *which, const char *path)
{
	if (path) {
		err_set(&s->err, "stage %s: Redshift cannot COPY from local files; upload them "
			"(aws s3 sync %s s3://BUCKET/PREFIX) and set the [S3] paths in dwh.cfg, then "
			"run `stage %s` without a PATH", which, path, which);
		return DWH_FAIL;
	}
	return rs_stage(s, which);
}

int stage_run(struct dwh *s, const char *which, const char *path, long max_errors)
{
	struct load ld;
	int rc;

	if (!which || !table_of(which)) {
		err_set(&s->err, "stage: expected songs or events, not %s", which ? which : "nothing");
		return DWH_FAIL;
	}
	if ((rc = db_ensure(s)) != DWH_OK)
		return rc;
	if (s->server.engine == ENGINE_REDSHIFT)
		return redshift(s, which, path);
	if (load_init(&ld, s, which, path, max_errors) < 0)
		rc = DWH_FAIL;
	else
		rc = stage_loads(s, &ld, 1);
	load_free(&ld);
	return rc;
}

int stage_all(struct dwh *s, long max_errors)
{
	struct load lds[2];
	int rc;

	if ((rc = db_ensure(s)) != DWH_OK)
		return rc;
	if (s->server.engine == ENGINE_REDSHIFT)
		return (rc = redshift(s, "songs", NULL)) != DWH_OK ? rc : redshift(s, "events", NULL);
	memset(lds, 0, sizeof lds);
	if (load_init(&lds[0], s, "songs", NULL, max_errors) < 0 ||
	    load_init(&lds[1], s, "events", NULL, max_errors) < 0)
		rc = DWH_FAIL;
	else
		rc = stage_loads(s, lds, 2);
	load_free(&lds[0]);
	load_free(&lds[1]);
	return rc;
}
