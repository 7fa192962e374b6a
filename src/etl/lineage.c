/* lineage.c — each staged row's source on PostgreSQL: staging_events and staging_songs carry
 * src_file (a number in staging_files, one row per file a stage read: its path, size and
 * checksum then) and src_line (the line where the record starts), filled by the reader as it
 * streams. A number rather than the path in every row: the path would add a quarter to the
 * events' bytes, two int4 columns add a twentieth. A load into staging itself empties the
 * table's staging_files rows with its TRUNCATE and numbers its files from 1 (--append: after
 * the largest). A stage pair's songs, loaded into a shadow on their own connection, write their
 * files there too, beside the rows the published table still refers to: numbered after the
 * largest, the rows no staged row refers to any more removed first — so the publishing
 * transaction, which the whole stage waits on, has nothing of theirs to move (100,000 song
 * files). A staging table made by an earlier dwh (no such columns) is staged as before, said. */
#include "etl/loader.h"

#include "db/db.h"
#include "db/stream.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Whether the table has both columns and staging_files exists: 1, 0, -1 (s->err set). */
static int has_lineage(struct load *ld)
{
	const char *p[1] = { ld->t->name };
	PGresult *res = db_queryp(ld->s, "SELECT (SELECT count(*) FROM pg_attribute WHERE attrelid = "
				  "to_regclass($1) AND attname IN ('src_file', 'src_line') AND NOT "
				  "attisdropped) = 2 AND to_regclass('staging_files') IS NOT NULL", 1, p);
	int yes;

	if (!res)
		return -1;
	yes = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	return yes;
}

/* The largest and smallest file number the table's rows may refer to. */
static int numbers(struct load *ld, int32_t *hi, int32_t *lo)
{
	const char *p[1] = { ld->t->name };
	PGresult *res = db_queryp(ld->s, "SELECT COALESCE(MAX(file), 0), COALESCE(MIN(file), 0) "
				  "FROM staging_files WHERE tbl = $1", 1, p);

	if (!res)
		return -1;
	*hi = (int32_t)atol(PQgetvalue(res, 0, 0));
	*lo = (int32_t)atol(PQgetvalue(res, 0, 1));
	PQclear(res);
	return 0;
}

/* A shadowed load: the files no staged row refers to (an earlier stage's, or a failed
 * publish's) go, on the load's own connection, beside the rows the staged ones refer to. */
static int forget_unused(struct load *ld)
{
	char sql[256];

	snprintf(sql, sizeof sql, "DELETE FROM staging_files f WHERE f.tbl = '%s' AND NOT EXISTS "
		 "(SELECT 1 FROM %s s WHERE s.src_file = f.file)", ld->t->name, ld->t->name);
	return db_exec(ld->s, sql) == DWH_OK ? 0 : -1;
}

/* Where this load's numbers start: after the kept rows' (--append, a shadow), else at 1; past
 * the int4 range, below the smallest kept when there is room. */
static int first_number(struct load *ld)
{
	int32_t hi = 0, lo = 0;
	int64_t n = (int64_t)ld->files.n;

	ld->src_base = 0;
	if (!ld->append && !ld->shadow)
		return 0;
	if ((ld->shadow && forget_unused(ld) < 0) || numbers(ld, &hi, &lo) < 0)
		return -1;
	if ((int64_t)hi + n < INT32_MAX)
		ld->src_base = hi;
	else if (lo <= n)
		return err_set(&ld->s->err, "%s: no room in staging_files' numbers for %lld files "
			       "(a full stage numbers from 1 again)", ld->stage, (long long)n);
	return 0;
}

int load_lineage_begin(struct load *ld)
{
	int yes = has_lineage(ld);

	if (yes < 0)
		return -1;
	ld->conv.lineage = yes;
	if (!yes) {
		dwh_msg(ld->s, LOG_INFO, "%s: %s has no src_file and src_line (made by an earlier dwh): "
			"staged without each row's file and line; `create staging` adds them",
			ld->stage, ld->t->name);
		return 0;
	}
	if (ld->files.n >= INT32_MAX)
		return err_set(&ld->s->err, "%s: more than %d files", ld->stage, INT32_MAX - 1);
	return first_number(ld);
}

/* A listed file's absolute path: the stage's input made absolute, plus the rest. */
static void abs_name(const struct load *ld, const char *path, char *buf, size_t n)
{
	size_t base = strlen(ld->path);

	if (strncmp(path, ld->path, base) == 0)
		snprintf(buf, n, "%s%s", ld->run.input, path + base);
	else
		snprintf(buf, n, "%s", path);
}

/* One staging_files row in COPY text: tbl, file, path, size, checksum. */
static int source_row(struct load *ld, size_t i, struct bytebuf *b)
{
	char path[4096], head[96], tail[96];
	int hl, tl;

	abs_name(ld, ld->files.v[i].path, path, sizeof path);
	hl = snprintf(head, sizeof head, "%s\t%ld\t", ld->t->name, (long)ld->src_base + (long)i + 1);
	tl = snprintf(tail, sizeof tail, "\t%" PRId64 "\t%" PRId64 "\n", ld->files.v[i].size,
		      (int64_t)ld->sums[i]);
	b->len = 0;
	if (bytebuf_add(b, head, (size_t)hl) < 0 || copy_escape(b, path, strlen(path)) < 0 ||
	    bytebuf_add(b, tail, (size_t)tl) < 0)
		return err_set(&ld->s->err, "out of memory");
	return 0;
}

int load_lineage_record(struct load *ld)
{
	struct dwh *s = ld->s;
	struct bytebuf b = { 0 };
	char sql[256];
	PGresult *res;
	int rc = 0;

	if (!ld->conv.lineage)
		return 0;
	load_stmt_sql(ld->t, LOAD_RECORD_SOURCES, sql, sizeof sql);
	if (db_copy_in(s, sql) != DWH_OK)
		return -1;
	for (size_t i = 0; i < ld->files.n && rc == 0; i++)
		if ((rc = source_row(ld, i, &b)) == 0 &&
		    db_copy_put(s, b.p, b.len, "COPY staging_files") != DWH_OK)
			rc = -1;
	bytebuf_free(&b);
	if (rc < 0) {
		struct dwh_err keep = s->err;

		PQclear(db_copy_in_end(s, "failed", "COPY staging_files"));
		s->err = keep;
		return -1;
	}
	res = db_copy_in_end(s, NULL, "COPY staging_files");
	PQclear(res);
	return res ? 0 : -1;
}
