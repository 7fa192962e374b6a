/* incremental.c — incremental staging on PostgreSQL: which input files are new, and the record
 * of the files a stage loaded (dwh_files: path, size, modification time, checksum). A file is
 * known by its absolute path; one whose size and modification time are unchanged is taken as
 * loaded, one whose size or time changed is read once to compare its checksum (a touched file
 * is still loaded; a file with other content is "changed" and loads again only with
 * --changed). The record is written in the stage's transaction, so it commits with the rows. */
#include "etl/loader.h"

#include "db/db.h"
#include "db/stream.h"
#include "load/checksum.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct known {
	char *path;
	int64_t size;
	char mtime[40];
	char sum[24];
};

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct known *)a)->path, ((const struct known *)b)->path);
}

/* The absolute path of a listed file: the stage's input made absolute, plus the rest. */
static void abs_path(const struct load *ld, const char *path, char *buf, size_t n)
{
	size_t base = strlen(ld->path);

	if (strncmp(path, ld->path, base) == 0)
		snprintf(buf, n, "%s%s", ld->run.input, path + base);
	else
		snprintf(buf, n, "%s", path);
}

/* A listed file's modification time as dwh_files keeps it (UTC, microseconds), as it was
 * when the stage listed it: a change after that is seen by the next --new. */
static void mtime_text(const struct load_file *f, char *buf, size_t n)
{
	time_t sec = (time_t)f->mtime_sec;
	struct tm tm;
	char day[32];

	gmtime_r(&sec, &tm);
	strftime(day, sizeof day, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf, n, "%s.%06ld+00", day, f->mtime_nsec / 1000);
}

/* "x" and 16 hex digits (XXH64); a row of an earlier version has 16 hex digits (FNV-1a). */
static void sum_text(uint64_t h, bool legacy, char *buf, size_t n)
{
	snprintf(buf, n, "%s%016" PRIx64, legacy ? "" : "x", h);
}

void load_mode(const struct load *ld, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s", ld->only_new ? "new" : ld->append ? "" : "full",
		 ld->only_new && ld->changed ? "+changed" : "",
		 ld->append ? (ld->only_new ? "+append" : "append") : "");
}

/* Every file the stage loaded before, sorted by path. */
static struct known *read_known(struct load *ld, int *n)
{
	const char *p[1] = { ld->stage };
	PGresult *res = db_queryp(ld->s, "SELECT path, size, to_char(mtime AT TIME ZONE 'UTC', "
				  "'YYYY-MM-DD HH24:MI:SS.US') || '+00', checksum FROM dwh_files "
				  "WHERE stage = $1", 1, p);
	struct known *k;

	if (!res)
		return NULL;
	*n = PQntuples(res);
	if (!(k = calloc((size_t)*n + 1, sizeof *k))) {
		PQclear(res);
		err_set(&ld->s->err, "out of memory");
		return NULL;
	}
	for (int i = 0; i < *n; i++) {
		k[i].path = strdup(PQgetvalue(res, i, 0));
		k[i].size = atoll(PQgetvalue(res, i, 1));
		snprintf(k[i].mtime, sizeof k[i].mtime, "%s", PQgetvalue(res, i, 2));
		snprintf(k[i].sum, sizeof k[i].sum, "%s", PQgetvalue(res, i, 3));
	}
	PQclear(res);
	qsort(k, (size_t)*n, sizeof *k, by_path);
	return k;
}

/* Whether file f is to be loaded: 1 new (or changed, with --changed), 0 not. */
static int is_new(struct load *ld, const struct load_file *f, const struct known *k, int nk)
{
	char path[4096], mt[40], sum[24];
	struct known key = { .path = path };
	const struct known *hit;
	uint64_t h;

	abs_path(ld, f->path, path, sizeof path);
	if (!(hit = bsearch(&key, k, (size_t)nk, sizeof *k, by_path)))
		return 1;
	mtime_text(f, mt, sizeof mt);
	if (hit->size == f->size && !strcmp(mt, hit->mtime))
		return 0;
	bool legacy = strlen(hit->sum) == 16;

	if (checksum_file(f->path, legacy, &h) < 0)
		return err_set(&ld->s->err, "%s: %s", f->path, strerror(errno));
	sum_text(h, legacy, sum, sizeof sum);
	if (!strcmp(sum, hit->sum))
		return 0;       /* touched, not changed */
	if (ld->changed)
		return 1;
	ld->changed_skipped++;
	dwh_msg(ld->s, LOG_WARN, "%s: %s changed since it was loaded; not loaded again (give "
		"--changed to load it)", ld->stage, f->path);
	return 0;
}

int load_pick_new(struct load *ld)
{
	int nk = 0, rc = 0;
	struct known *k;
	size_t kept = 0, total = ld->files.n;

	if (db_table_exists(ld->s, "dwh_files") != 1)
		return 0;       /* nothing recorded: every file is new */
	if (!(k = read_known(ld, &nk)))
		return -1;
	ld->files.bytes = 0;
	for (size_t i = 0; i < ld->files.n; i++) {
		int r = rc < 0 ? 0 : is_new(ld, &ld->files.v[i], k, nk);

		if (r < 0)
			rc = -1;
		if (r == 1) {
			ld->files.bytes += ld->files.v[i].size;
			ld->files.v[kept++] = ld->files.v[i];
		} else {
			free(ld->files.v[i].path);
		}
	}
	ld->files.n = kept;
	ld->skipped = (long)(total - kept) - ld->changed_skipped;
	for (int i = 0; i < nk; i++)
		free(k[i].path);
	free(k);
	if (rc == 0)
		dwh_msg(ld->s, LOG_INFO, "%s: %zu new file%s (%ld loaded before%s)", ld->stage, kept,
			kept == 1 ? "" : "s", ld->skipped, ld->changed_skipped ? ", some changed" : "");
	return rc;
}

/* One dwh_files row in COPY text. */
static int file_row(struct load *ld, size_t i, struct bytebuf *b)
{
	const struct load_file *f = &ld->files.v[i];
	char path[4096], mt[40], sum[24], num[160];
	int len;

	abs_path(ld, f->path, path, sizeof path);
	mtime_text(f, mt, sizeof mt);
	sum_text(ld->sums[i], false, sum, sizeof sum);
	len = snprintf(num, sizeof num, "\t%" PRId64 "\t%s\t%s\t%" PRId64 "\n", f->size, mt, sum,
		       ld->file_rows[i]);
	if (len < 0 || (size_t)len >= sizeof num)       /* never cut a row short */
		return err_set(&ld->s->err, "%s: a dwh_files row too long", f->path);
	if (bytebuf_add(b, ld->stage, strlen(ld->stage)) < 0 || bytebuf_add(b, "\t", 1) < 0 ||
	    copy_escape(b, path, strlen(path)) < 0 || bytebuf_add(b, num, strlen(num)) < 0)
		return err_set(&ld->s->err, "out of memory");
	return 0;
}

static int copy_rows(struct load *ld, const char *into)
{
	struct dwh *s = ld->s;
	struct bytebuf b = { 0 };
	/* straight into dwh_files (loaded: its default, now()): a temporary table would keep the
	 * stage's transaction from being prepared for its two-phase commit */
	char sql[256];
	PGresult *res;
	int rc = 0;

	load_stmt_sql(ld->t, LOAD_RECORD_FILES, sql, sizeof sql);
	if (into) {
		char rest[256];

		snprintf(rest, sizeof rest, "%s", sql + strlen("COPY dwh_files"));
		snprintf(sql, sizeof sql, "COPY %s%s", into, rest);
	}
	if (db_copy_in(s, sql) != DWH_OK)
		return -1;
	for (size_t i = 0; i < ld->files.n && rc == 0; i++) {
		b.len = 0;
		if ((rc = file_row(ld, i, &b)) == 0 && db_copy_put(s, b.p, b.len, "COPY dwh_files") != DWH_OK)
			rc = -1;
	}
	bytebuf_free(&b);
	if (rc < 0) {
		struct dwh_err keep = s->err;

		PQclear(db_copy_in_end(s, "failed", "COPY dwh_files"));
		s->err = keep;
		return -1;
	}
	res = db_copy_in_end(s, NULL, "COPY dwh_files");
	PQclear(res);
	return res ? 0 : -1;
}

/* The rows these files replace: a full stage replaces the record of what staging holds;
 * --new and --append replace only the files they load again. */
static int forget(struct load *ld)
{
	char path[4096];
	const char *p[2] = { ld->stage, path };
	PGresult *res;

	if (!ld->append && !ld->only_new) {
		load_stmt_sql(ld->t, LOAD_FORGET_FILES, path, sizeof path);
		return db_exec(ld->s, path) == DWH_OK ? 0 : -1;
	}
	for (size_t i = 0; i < ld->files.n; i++) {
		abs_path(ld, ld->files.v[i].path, path, sizeof path);
		if (!(res = db_queryp(ld->s, "DELETE FROM dwh_files WHERE stage = $1 AND path = $2",
				      2, p)))
			return -1;
		PQclear(res);
	}
	return 0;
}

int load_record_files(struct load *ld)
{
	int e = db_table_exists(ld->s, "dwh_files");

	if (e <= 0)
		return e;
	return forget(ld) < 0 || copy_rows(ld, NULL) < 0 ? -1 : 0;
}

/* The partition of dwh_files that holds this stage's record ("dwh_files_songs"). */
static void files_part_name(const struct load *ld, char *buf, size_t n)
{
	snprintf(buf, n, "dwh_files_%s", load_which(ld->t));
}

/* Whether a full stage's record can be swapped in whole: PostgreSQL's dwh_files partitioned by
 * stage, this stage's partition there (create_runs.sql). 1, 0, -1 on error. */
static int files_swappable(struct load *ld)
{
	char part[64];
	const char *p[1] = { part };
	PGresult *res;
	int yes;

	if (ld->s->server.engine != ENGINE_POSTGRES || ld->append || ld->only_new)
		return 0;
	files_part_name(ld, part, sizeof part);
	if (!(res = db_queryp(ld->s, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits WHERE "
			      "inhrelid = to_regclass($1) AND inhparent = to_regclass('dwh_files'))", 1, p)))
		return -1;
	yes = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	return yes;
}

/* A stage pair's second load: the same rows into its shadow of dwh_files, made here (in the
 * transaction on the load's own connection), so the publishing transaction only moves them. A
 * full stage's shadow is the stage's next partition of dwh_files, made whole here — logged (it
 * must survive a crash as dwh_files does), its primary key built, a CHECK that lets ATTACH skip
 * reading it — while the events still stream; otherwise an unlogged table of the rows. */
int load_record_files_shadow(struct load *ld)
{
	char name[64], sql[320];
	int e = db_table_exists(ld->s, "dwh_files");

	if (e <= 0)
		return e;
	if ((e = files_swappable(ld)) < 0)
		return -1;
	ld->files_swap = e;
	load_shadow_names(ld, NULL, name, sizeof name);
	snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s", name);
	if (db_exec(ld->s, sql) != DWH_OK)
		return -1;
	if (ld->files_swap)     /* the stage's name is dwh's own, never the user's: a safe literal */
		snprintf(sql, sizeof sql, "CREATE TABLE %s (LIKE dwh_files INCLUDING DEFAULTS, "
			 "CONSTRAINT %s_stage CHECK (stage = '%s'))", name, name, ld->stage);
	else
		snprintf(sql, sizeof sql, "CREATE UNLOGGED TABLE %s (LIKE dwh_files INCLUDING DEFAULTS) "
			 "WITH (autovacuum_enabled = false)", name);
	if (db_exec(ld->s, sql) != DWH_OK)
		return -1;
	ld->files_shadowed = true;
	if (copy_rows(ld, name) < 0)
		return -1;
	snprintf(sql, sizeof sql, "ALTER TABLE %s ADD PRIMARY KEY (stage, path)", name);
	return ld->files_swap && db_exec(ld->s, sql) != DWH_OK ? -1 : 0;
}

/* In the publishing transaction, a full stage's record swapped whole: the stage's partition of
 * dwh_files detached and dropped, the shadow attached in its place under its name (its CHECK
 * proves its rows belong, so nothing is read; its key becomes the partition's). */
static int swap_files(struct load *ld, const char *name)
{
	char part[64], sql[1024];

	files_part_name(ld, part, sizeof part);
	snprintf(sql, sizeof sql, "ALTER TABLE dwh_files DETACH PARTITION %s; DROP TABLE %s; "
		 "ALTER TABLE %s RENAME TO %s; ALTER INDEX %s_pkey RENAME TO %s_pkey; "
		 "ALTER TABLE dwh_files ATTACH PARTITION %s FOR VALUES IN ('%s'); "
		 "ALTER TABLE %s DROP CONSTRAINT %s_stage",
		 part, part, name, part, name, part, part, ld->stage, part, name);
	return db_exec(ld->s, sql) == DWH_OK ? 0 : -1;
}

/* In the publishing transaction: the files the shadow holds replace their record (all of the
 * stage's for a full stage, the same paths for --new and --append), then the shadow goes. */
int load_publish_files(struct load *ld)
{
	char name[64], sql[512];

	if (!ld->files_shadowed)
		return 0;
	load_shadow_names(ld, NULL, name, sizeof name);
	if (ld->files_swap)
		return swap_files(ld, name);
	if (!ld->append && !ld->only_new)
		load_stmt_sql(ld->t, LOAD_FORGET_FILES, sql, sizeof sql);
	else
		snprintf(sql, sizeof sql, "DELETE FROM dwh_files d USING %s f "
			 "WHERE d.stage = f.stage AND d.path = f.path", name);
	if (db_exec(ld->s, sql) != DWH_OK)
		return -1;
	snprintf(sql, sizeof sql, "INSERT INTO dwh_files (stage, path, size, mtime, checksum, rows) "
		 "SELECT stage, path, size, mtime, checksum, rows FROM %s", name);
	if (db_exec(ld->s, sql) != DWH_OK)
		return -1;
	snprintf(sql, sizeof sql, "DROP TABLE %s", name);
	return db_exec(ld->s, sql) == DWH_OK ? 0 : -1;
}
