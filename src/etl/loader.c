/* loader.c — one staging table's load: a reader thread reads and converts the files into
 * chunks of COPY text while this thread sends them, so reading and parsing overlap with the
 * server's work; bad records stop the load or, within --max-errors, are spilled to a
 * temporary file and copied into load_errors after the rows. */
#include "etl/loader.h"

#include "db/db.h"
#include "db/stream.h"
#include "load/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ---- setting up ---- */

const struct copy_table *load_table(const char *which)
{
	return !strcmp(which, "songs") ? &copy_songs : !strcmp(which, "events") ? &copy_events : NULL;
}

const char *load_which(const struct copy_table *t)
{
	return t == &copy_songs ? "songs" : "events";
}

/* The input of the stage's last successful run, from the run log, said so. */
static int remembered(struct dwh *s, const char *which, char *buf, size_t n)
{
	char stage[32], age[32];
	double ago;
	int rc;

	snprintf(stage, sizeof stage, "stage %s", which);
	if ((rc = runlog_last_input(s, stage, buf, n, &ago)) != 1) {
		err_clear(&s->err);
		return 0;
	}
	runlog_age(ago, age, sizeof age);
	dwh_msg(s, LOG_INFO, "%s: from %s (last used %s ago)", stage, buf, age);
	return 1;
}

/* PATH, else --data DIR/{song,log}_data, else [LOCAL] SONG_DATA / LOG_DATA, else the input of
 * the last successful run (so `run` works again in a console opened without --data). */
int load_input_path(struct dwh *s, const char *which, const char *path, char *buf, size_t n)
{
	bool songs = !strcmp(which, "songs");
	const char *key = songs ? "SONG_DATA" : "LOG_DATA", *v;

	if (path)
		snprintf(buf, n, "%s", path);
	else if (s->opts.data_dir)
		snprintf(buf, n, "%s/%s", s->opts.data_dir, songs ? "song_data" : "log_data");
	else if ((v = cfg_get(s->cfg, "LOCAL", key)) && *v)
		snprintf(buf, n, "%s", v);
	else if (remembered(s, which, buf, n) == 1)
		;
	else
		return err_set(&s->err, "stage %s: no input: give a PATH, run dwh with --data DIR, "
			       "or set [LOCAL] %s in dwh.cfg", which, key);
	return 0;
}

int load_init(struct load *ld, struct dwh *s, const char *which, const char *path,
	      long max_errors)
{
	struct stat st;

	memset(ld, 0, sizeof *ld);
	ld->s = s;
	ld->t = load_table(which);
	ld->max_errors = max_errors;
	snprintf(ld->stage, sizeof ld->stage, "stage %s", which);
	copy_conv_init(&ld->conv, ld->t);
	ld->conv.binary = true;         /* the COPY of load_stmt_sql is binary */
	if (load_input_path(s, which, path, ld->path, sizeof ld->path) < 0)
		return -1;
	if (stat(ld->path, &st) < 0)
		return err_set(&s->err, "%s: %s", ld->path, strerror(errno));
	run_begin(&ld->run, ld->stage);
	/* absolute, so the remembered input works from any directory */
	if (!realpath(ld->path, ld->run.input))
		snprintf(ld->run.input, sizeof ld->run.input, "%s", ld->path);
	if (!(ld->js = js_open(-1)))
		return err_set(&s->err, "out of memory");
	for (int i = 0; i < NBUF; i++)
		if (bytebuf_reserve(&ld->q.buf[i], SEND_CHUNK + 65536) < 0)
			return err_set(&s->err, "out of memory");
	return 0;
}

void load_free(struct load *ld)
{
	load_files_free(&ld->files);
	free(ld->sums);
	free(ld->file_rows);
	copy_conv_free(&ld->conv);
	for (int i = 0; i < NBUF; i++)
		bytebuf_free(&ld->q.buf[i]);
	bytebuf_free(&ld->scratch);
	bytebuf_free(&ld->stop.raw);
	js_free(ld->js);
	if (ld->errs)
		fclose(ld->errs);
}

/* Ctrl-C, or the load beside this one failed: why, or NULL to carry on. */
static const char *stopping(const struct load *ld)
{
	return dwh_session(ld->s)->interrupted ? "cancelled" : ld->halt && atomic_load(ld->halt) ? "stopped" : NULL;
}

/* ---- progress ---- */

static void progress(struct load *ld, const struct load_snap *sn, bool force)
{
	double now = dwh_now();
	struct dwh_progress p = { 0 };

	if (ld->quiet || (!force && now - ld->shown < 0.1))
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
static int raw_text(struct bytebuf *b, const char *text, size_t len)
{
	b->len = 0;
	for (size_t i = 0; i < len && b->len < RAW_MAX;) {
		size_t n = utf8_seq_len((const unsigned char *)text + i, len - i);
		char hex[8];

		if (n && text[i] != '\0') {
			if (bytebuf_add(b, text + i, n) < 0)
				return -1;
			i += n;
		} else {
			snprintf(hex, sizeof hex, "\\x%02X", (unsigned char)text[i]);
			if (bytebuf_add(b, hex, 4) < 0)
				return -1;
			i++;
		}
	}
	return bytebuf_add(b, "", 1) < 0 ? -1 : 0;
}

/* One load_errors row, in COPY text, to the spill file. */
static int spill(struct load *ld, const char *file, long line, const struct copy_err *ce)
{
	struct bytebuf *r = &ld->scratch;
	char num[32];
	size_t rawlen = strlen(ld->stop.raw.p);

	if (!ld->errs && !(ld->errs = tmpfile()))
		return err_set(&ld->perr, "temporary file: %s", strerror(errno));
	r->len = 0;
	snprintf(num, sizeof num, "%ld", line);
	if (copy_escape(r, ld->t->name, strlen(ld->t->name)) < 0 || bytebuf_add(r, "\t", 1) < 0 ||
	    copy_escape(r, file, strlen(file)) < 0 || bytebuf_add(r, "\t", 1) < 0 ||
	    bytebuf_add(r, num, strlen(num)) < 0 || bytebuf_add(r, "\t", 1) < 0 ||
	    (ce->col[0] ? copy_escape(r, ce->col, strlen(ce->col)) : bytebuf_add(r, "\\N", 2)) < 0 ||
	    bytebuf_add(r, "\t", 1) < 0 || copy_escape(r, ce->reason, strlen(ce->reason)) < 0 ||
	    bytebuf_add(r, "\t", 1) < 0 || copy_escape(r, ld->stop.raw.p, rawlen) < 0 ||
	    bytebuf_add(r, "\n", 1) < 0)
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
			 " (more than --max-errors %ld bad record%s)", ld->max_errors,
			 dwh_plural(ld->max_errors));
	return -1;
}

/* ---- the reader thread: files to chunks of COPY text ---- */

static void snapshot(struct load *ld, struct load_snap *sn)
{
	sn->rows = ld->rows;
	sn->bad = ld->bad;
	sn->files = ld->files_done;
	sn->bytes = ld->bytes_before + (ld->in_file ? js_offset(ld->js) : 0);
}

/* Queue the full chunk and take the next free one (waiting while all are queued). */
static int hand_over(struct load *ld, bool last)
{
	struct load_pipe *q = &ld->q;
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

/* lines: every value of this file so far was one line, so it is JSON lines. */
static int one_value(struct load *ld, const char *file, struct jvalue *v, bool *lines)
{
	struct copy_err ce = { 0 };
	bool multi = memchr(v->text, '\n', v->len) != NULL;
	int rc;

	ld->conv.src_line = v->line;
	if (v->too_big) {
		snprintf(ce.reason, sizeof ce.reason, "record larger than %u MB", JS_MAXVAL >> 20);
		rc = -1;
	} else {
		rc = copy_row(&ld->conv, v->text, v->len, ld->out, &ce);
		if (rc == -1 && multi && *lines) {
			/* a truncated line ran into the next ones: it alone is the bad record */
			js_resync(ld->js, v);
			rc = copy_row(&ld->conv, v->text, v->len, ld->out, &ce);
		}
	}
	if (rc == 0 && multi)
		*lines = false;
	if (rc == -2)
		return err_set(&ld->perr, "out of memory");
	if (rc < 0)
		return bad_record(ld, file, v, &ce);
	ld->rows++;
	return ld->out->len >= SEND_CHUNK ? hand_over(ld, false) : 0;
}

/* A whole line as one record: 1 when taken, 0 when it is not one good record (the slow path
 * then finds out what it is), -1 on error. */
static int line_row(struct load *ld, struct jvalue *v)
{
	struct copy_err ce;
	int rc;

	ld->conv.src_line = v->line;
	if ((rc = copy_row(&ld->conv, v->text, v->len, ld->out, &ce)) == -1)
		return 0;
	if (rc == -2)
		return err_set(&ld->perr, "out of memory");
	js_take(ld->js, v);
	ld->rows++;
	return ld->out->len >= SEND_CHUNK && hand_over(ld, false) < 0 ? -1 : 1;
}

/* Open a listed file relative to its directory, kept open while the files (listed in order)
 * stay in it: the kernel then walks the path's components once per directory rather than once
 * per file (100,000 song files in a few thousand directories). */
static int open_file(struct load *ld, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) : 0;

	if (!slash || dlen == 0 || dlen >= sizeof ld->dirname)
		return open(path, O_RDONLY);
	if (ld->dirfd < 0 || strncmp(ld->dirname, path, dlen) != 0 || ld->dirname[dlen] != '\0') {
		if (ld->dirfd >= 0)
			close(ld->dirfd);
		memcpy(ld->dirname, path, dlen);
		ld->dirname[dlen] = '\0';
		if ((ld->dirfd = open(ld->dirname, O_RDONLY | O_DIRECTORY)) < 0)
			return open(path, O_RDONLY);
	}
	return openat(ld->dirfd, slash + 1, O_RDONLY);
}

static int one_file(struct load *ld, const struct load_file *f)
{
	struct jvalue v;
	int fd = open_file(ld, f->path), r = 0, rc = 0;
	bool lines = true;

	if (fd < 0)
		return err_set(&ld->perr, "%s: %s", f->path, strerror(errno));
	if (f->size > JS_BLOCK)
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	js_reset(ld->js, fd, f->size);
	ld->in_file = true;
	for (long n = 0; rc == 0; n++) {
		/* most input is JSON lines: try each line as one record before scanning for ends */
		if ((r = js_line(ld->js, &v)) == 1 && (rc = line_row(ld, &v)) != 0) {
			rc = rc < 0 ? -1 : 0;
			continue;
		}
		if (r <= 0 || (r = js_next(ld->js, &v)) != 1)
			break;
		lines = lines && (n > 0 || !memchr(v.text, '\n', v.len));
		rc = one_value(ld, f->path, &v, &lines);
	}
	if (rc == 0 && r < 0)
		rc = err_set(&ld->perr, "%s: %s", f->path, strerror(errno));
	ld->in_file = false;
	close(fd);
	ld->bytes_before += f->size;
	ld->files_done++;
	if (rc == 0 && stopping(ld))
		rc = err_set(&ld->perr, "%s: %s", ld->stage, stopping(ld));
	return rc;
}

/* The file the rows of file i carry (lineage.c): its number or its absolute path. */
static void source(struct load *ld, size_t i)
{
	ld->conv.src_file = ld->src_base + (int32_t)i + 1;
	if (ld->conv.lineage && load_lineage_by_path(ld->t)) {
		load_abs_path(ld, ld->files.v[i].path, ld->src_path, sizeof ld->src_path);
		ld->conv.src_path = ld->src_path;
		ld->conv.src_path_len = strlen(ld->src_path);
	}
}

static void *reader(void *arg)
{
	struct load *ld = arg;
	struct load_pipe *q = &ld->q;
	sigset_t all;
	int rc = 0;

	sigfillset(&all);       /* Ctrl-C is for the sending thread */
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	/* A pair's songs (the shadowed load) finish long before the events, which the stage
	 * waits on: their reader, busy opening 100,000 files, yields the CPU to the events'
	 * parser where they compete (this thread alone: Linux keeps a nice value per thread).
	 * Measured on 2 cores, the 1M set: the stage 2.05 s -> 1.94 s. */
	if (ld->shadow)
		setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	ld->dirfd = -1;
	for (size_t i = 0; i < ld->files.n && rc == 0; i++) {
		int64_t before = ld->rows;

		source(ld, i);
		rc = one_file(ld, &ld->files.v[i]);
		if (ld->sums) {         /* what dwh_files and staging_files keep of it */
			ld->sums[i] = js_checksum(ld->js);
			ld->file_rows[i] = ld->rows - before;
		}
	}
	if (ld->dirfd >= 0)
		close(ld->dirfd);
	ld->dirfd = -1;
	if (rc == 0 && copy_bin_trailer(ld->out) < 0)
		rc = err_set(&ld->perr, "out of memory");
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
	struct load_pipe *q = &ld->q;
	int rc = 0;

	for (;;) {
		pthread_mutex_lock(&q->mu);
		while (q->count == 0 && !q->done)
			pthread_cond_wait(&q->cv, &q->mu);
		bool finished = q->count == 0 || q->rc < 0;
		int slot = q->head;
		struct load_snap sn = q->snap[slot];
		pthread_mutex_unlock(&q->mu);
		if (finished)
			break;
		if (q->buf[slot].len && db_copy_put(s, q->buf[slot].p, q->buf[slot].len, "COPY") != DWH_OK) {
			rc = -1;
			break;
		}
		pthread_mutex_lock(&q->mu);
		q->head = (q->head + 1) % NBUF;
		q->count--;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		progress(ld, &sn, false);
		if (stopping(ld)) {
			rc = err_set(&s->err, "%s: %s", ld->stage, stopping(ld));
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
	struct load_pipe *q = &ld->q;
	pthread_t th;
	int rc;

	ld->out = &q->buf[0];
	ld->out->len = 0;
	if (copy_bin_header(ld->out) < 0)
		return err_set(&ld->s->err, "out of memory");
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
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

/* End the COPY; the server's verdict decides. */
static int copy_finish(struct dwh *s, const char *what)
{
	PGresult *res = db_copy_in_end(s, NULL, what);

	PQclear(res);
	return res ? 0 : -1;
}

/* Abandon a COPY in progress, keeping s->err as the failure that led here; the transaction
 * is then failed and must be rolled back. */
static void copy_abort(struct dwh *s, const char *why)
{
	struct dwh_err keep = s->err;

	PQclear(db_copy_in_end(s, why, NULL));
	s->err = keep;
}

static int copy_start(struct dwh *s, const char *sql)
{
	return db_copy_in(s, sql) == DWH_OK ? 0 : -1;
}

void load_stmt_sql(const struct copy_table *t, enum load_stmt which, char *buf, size_t n)
{
	size_t o;

	switch (which) {
	case LOAD_TRUNCATE:
		snprintf(buf, n, "TRUNCATE %s", t->name);
		return;
	case LOAD_CLEAR_ERRORS:
		snprintf(buf, n, "DELETE FROM load_errors WHERE tbl = '%s'", t->name);
		return;
	case LOAD_FORGET_SOURCES:       /* none for a table that keeps paths (lineage.c) */
		snprintf(buf, n, "DELETE FROM staging_files WHERE tbl = '%s'", t->name);
		if (load_lineage_by_path(t))
			buf[0] = '\0';
		return;
	case LOAD_RECORD_SOURCES:
		snprintf(buf, n, "%s", load_lineage_by_path(t) ? "" :
			 "COPY staging_files (tbl, file, path, size, checksum) FROM STDIN");
		return;
	case LOAD_FORGET_FILES:
		/* the table's name is dwh's own, never the user's: safe as a literal */
		snprintf(buf, n, "DELETE FROM dwh_files WHERE stage = 'stage %s'", load_which(t));
		return;
	case LOAD_RECORD_FILES:
		snprintf(buf, n, "COPY dwh_files (stage, path, size, mtime, checksum, rows) FROM STDIN");
		return;
	case LOAD_COPY:
	case LOAD_NSTMTS:
		break;
	}
	o = (size_t)snprintf(buf, n, "COPY %s (", t->name);
	for (int i = 0; i < t->ncols && o < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? ", " : "", t->cols[i].name);
	if (o < n)      /* lineage.c's; copy_sql drops them for a table made without */
		o += (size_t)snprintf(buf + o, n - o, ", %s, src_line",
				      load_lineage_by_path(t) ? "src_path" : "src_file");
	/* binary: the server only copies the values in, parsing nothing (copy_row.h); FREEZE: the
	 * table was truncated in this transaction, so rows can be written frozen */
	if (o < n)
		snprintf(buf + o, n - o, ") FROM STDIN WITH (FORMAT binary, FREEZE)");
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
		if (db_copy_put(s, buf, n, "COPY load_errors") != DWH_OK) {
			copy_abort(s, "write failed");
			return -1;
		}
	return copy_finish(s, "COPY load_errors");
}

void load_shadow_names(const struct load *ld, char *rows, char *files, size_t n)
{
	if (rows)
		snprintf(rows, n, SHADOW_ROWS_PREFIX "%s", ld->t->name);
	if (files)
		snprintf(files, n, SHADOW_FILES_PREFIX "%s", load_which(ld->t));
}

/* A shadowed load's table: made in this transaction (so COPY may FREEZE), like staging, and
 * left alone by autovacuum (it lives only until load_publish). One a crash left is dropped. */
static int make_shadow(struct load *ld)
{
	struct dwh *s = ld->s;
	char name[64], sql[256];

	load_shadow_names(ld, name, NULL, sizeof name);
	snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s", name);
	if (db_exec(s, "SET LOCAL client_min_messages = warning") != DWH_OK || db_exec(s, sql) != DWH_OK)
		return -1;
	snprintf(sql, sizeof sql, "CREATE UNLOGGED TABLE %s (LIKE %s) WITH (autovacuum_enabled = false)",
		 name, ld->t->name);
	if (db_exec(s, sql) != DWH_OK) {
		if (!strcmp(s->err.sqlstate, "42P01"))  /* undefined_table */
			err_set(&s->err, "%s: there is no %s table: run `create staging` first",
				ld->stage, ld->t->name);
		return -1;
	}
	return 0;
}

/* The COPY statement: into staging, or into the load's shadow. */
static void copy_sql(struct load *ld, char *sql, size_t n)
{
	char name[64], *lin;

	load_stmt_sql(ld->t, LOAD_COPY, sql, n);
	if (!ld->conv.lineage && (lin = strstr(sql, ", src_"))) {
		char *end = strchr(lin, ')');   /* ", src_file, src_line" or src_path */

		memmove(lin, end, strlen(end) + 1);
	}
	if (ld->shadow) {       /* the same statement, another table (made just now: FREEZE) */
		load_shadow_names(ld, name, NULL, sizeof name);
		char rest[1024];
		snprintf(rest, sizeof rest, "%s", sql + 5 + strlen(ld->t->name));
		snprintf(sql, n, "COPY %s%s", name, rest);
	} else if (ld->append && strstr(sql, ", FREEZE)")) {    /* FREEZE needs the TRUNCATE */
		strcpy(strstr(sql, ", FREEZE)"), ")");
	}
}

/* TRUNCATE, COPY every file, record the skipped records; inside the caller's transaction. A
 * shadowed load only fills its shadows; load_publish does the rest. */
static int load_steps(struct load *ld)
{
	struct dwh *s = ld->s;
	struct load_snap sn;
	char sql[1024];
	int rc = 0;

	ld->t0 = dwh_now();
	/* listed here, not in load_init, so a pair lists its songs while the events stream */
	if (load_files_find(&ld->files, ld->path, &s->err) < 0)
		return -1;
	if (ld->files.odd)
		dwh_msg(s, LOG_WARN, "%s: skipped %zu .json entr%s that %s not a regular file "
			"(a FIFO, socket or device): %s", ld->stage, ld->files.odd,
			ld->files.odd == 1 ? "y" : "ies", ld->files.odd == 1 ? "is" : "are",
			ld->files.odd_first ? ld->files.odd_first : "");
	if (ld->files.n == 0)
		return err_set(&s->err, "%s: no .json files under %s", ld->stage, ld->path);
	if (ld->only_new && load_pick_new(ld) < 0)
		return -1;
	if (load_lineage_begin(ld) < 0)
		return -1;
	if ((ld->logged || ld->conv.lineage) &&
	    (!(ld->sums = calloc(ld->files.n + 1, sizeof *ld->sums)) ||
	     !(ld->file_rows = calloc(ld->files.n + 1, sizeof *ld->file_rows))))
		return err_set(&s->err, "out of memory");
	int exists = db_table_exists(s, "load_errors");

	if (exists < 0)
		return -1;
	ld->errtable = exists;
	if (ld->max_errors > 0 && !ld->errtable)
		return err_set(&s->err, "%s: --max-errors needs the load_errors table: run `create staging`",
			       ld->stage);
	if (ld->shadow) {
		if (make_shadow(ld) < 0)
			return -1;
	} else {
		load_stmt_sql(ld->t, LOAD_TRUNCATE, sql, sizeof sql);
		if (!ld->append && db_exec(s, sql) != DWH_OK) {
			if (!strcmp(s->err.sqlstate, "42P01"))  /* undefined_table */
				err_set(&s->err, "%s: there is no %s table: run `create staging` first",
					ld->stage, ld->t->name);
			return -1;
		}
		load_stmt_sql(ld->t, LOAD_FORGET_SOURCES, sql, sizeof sql);
		if (ld->conv.lineage && !load_lineage_by_path(ld->t) && !ld->append &&
		    db_exec(s, sql) != DWH_OK)
			return -1;
		load_stmt_sql(ld->t, LOAD_CLEAR_ERRORS, sql, sizeof sql);
		if (ld->errtable && db_exec(s, sql) != DWH_OK)
			return -1;
	}
	copy_sql(ld, sql, sizeof sql);
	if (copy_start(s, sql) < 0)
		return -1;
	snapshot(ld, &sn);
	progress(ld, &sn, true);
	rc = stream(ld);
	if (rc < 0) {
		copy_abort(s, s->err.msg);
		return -1;
	}
	if (copy_finish(s, ld->stage) < 0)
		return -1;
	if (!ld->shadow && load_lineage_record(ld) < 0)
		return -1;
	if (ld->shadow) {
		if (ld->logged && load_record_files_shadow(ld) < 0)
			return -1;
	} else if (copy_errors(ld) < 0 || (ld->logged && load_record_files(ld) < 0)) {
		return -1;
	}
	snapshot(ld, &sn);
	progress(ld, &sn, true);
	ld->secs = dwh_now() - ld->t0;
	return 0;
}

/* Ctrl-C cancels the statement of every connection a stage uses. The stream that notices it
 * between two writes says "cancelled"; one whose server answered first (a pair's other
 * stream, or a COPY ending) would say it in the server's words: say it the same way. */
int load_run(struct load *ld)
{
	if (load_steps(ld) == 0)
		return 0;
	if (dwh_session(ld->s)->interrupted && !strcmp(ld->s->err.sqlstate, "57014"))
		err_set(&ld->s->err, "%s: cancelled", ld->stage);    /* query_canceled */
	return -1;
}

int load_publish(struct load *ld)
{
	struct dwh *s = ld->s;
	char name[64], sql[1024];

	load_shadow_names(ld, name, NULL, sizeof name);
	load_stmt_sql(ld->t, LOAD_TRUNCATE, sql, sizeof sql);
	if (!ld->append && db_exec(s, sql) != DWH_OK)
		return -1;
	/* the shadow is LIKE the table, so its columns line up, lineage's too */
	snprintf(sql, sizeof sql, "INSERT INTO %s SELECT * FROM %s", ld->t->name, name);
	if (db_exec(s, sql) != DWH_OK || load_lineage_record(ld) < 0)
		return -1;
	load_stmt_sql(ld->t, LOAD_CLEAR_ERRORS, sql, sizeof sql);
	if (ld->errtable && (db_exec(s, sql) != DWH_OK || copy_errors(ld) < 0))
		return -1;
	if (ld->logged && load_publish_files(ld) < 0)
		return -1;
	snprintf(sql, sizeof sql, "DROP TABLE %s", name);
	return db_exec(s, sql) == DWH_OK ? 0 : -1;
}

void load_drop_shadow(const struct load *ld, struct dwh *s)
{
	struct dwh_err keep = s->err;
	char rows[64], files[64], sql[256];

	load_shadow_names(ld, rows, files, sizeof rows);
	snprintf(sql, sizeof sql, "BEGIN; SET LOCAL client_min_messages = warning; "
		 "DROP TABLE IF EXISTS %s, %s; COMMIT", rows, files);
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
		PQclear(PQexec(s->conn, sql));
	s->err = keep;
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
		bool ok = res != NULL;
		PQclear(res);
		db_exec(s, ok ? "COMMIT" : "ROLLBACK");
	}
	s->err = keep;
}

void load_summary(struct load *ld)
{
	double secs = ld->secs;

	dwh_stage(ld->s, ld->stage, STAGE_DONE, ld->rows, secs);
	if (ld->bad)
		dwh_msg(ld->s, LOG_INFO, "staged %lld row%s from %zu file%s in %.2f s (%s); "
			"skipped %lld bad record%s (see `errors`)", (long long)ld->rows,
			dwh_plural(ld->rows), ld->files.n, dwh_plural((long long)ld->files.n), secs,
			ld->t->name, (long long)ld->bad, dwh_plural(ld->bad));
	else
		dwh_msg(ld->s, LOG_INFO, "staged %lld row%s from %zu file%s in %.2f s (%s)",
			(long long)ld->rows, dwh_plural(ld->rows), ld->files.n,
			dwh_plural((long long)ld->files.n), secs, ld->t->name);
}

/* Tell the front end, and keep the record that stopped the load in load_errors. */
void load_failed(struct load *ld)
{
	struct dwh *s = ld->s;

	dwh_stage(s, ld->stage, dwh_session(s)->interrupted ? STAGE_CANCELLED : STAGE_FAILED, ld->rows,
		  dwh_now() - ld->t0);
	if (ld->stop.file && ld->errtable && PQstatus(s->conn) == CONNECTION_OK)
		record_stop(ld);
}
