/* lineage.c — each staged row's source on PostgreSQL, filled by the reader as it streams:
 * src_line, the line where the record starts, and the file — in staging_songs its path
 * (src_path), in staging_events its number (src_file) in staging_files, one row per file a
 * stage read: its path, and the size and checksum it had then. Measured on 1,000,000 events and
 * 100,000 songs: the path in every event row would add a quarter to the events' COPY bytes,
 * two int4 columns a twentieth; a song file holds one song, so a staging_files row per song
 * file would double what the songs' connection writes (and the key it keeps) for no saving,
 * where the path in the row costs only its bytes. A song file's size and checksum as staged
 * are dwh_files' (incremental.c). A staging table made by an earlier dwh (no such columns) is
 * staged as before, said. */
#include "etl/loader.h"

#include "db/db.h"
#include "db/stream.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

bool load_lineage_by_path(const struct copy_table *t)
{
	return t == &copy_songs;
}

/* Whether the table has both columns (and staging_files, when it numbers its files): 1, 0, -1
 * (s->err set). */
static int has_lineage(struct load *ld)
{
	const char *p[2] = { ld->t->name, load_lineage_by_path(ld->t) ? "src_path" : "src_file" };
	PGresult *res = db_queryp(ld->s, "SELECT (SELECT count(*) FROM pg_attribute WHERE attrelid = "
				  "to_regclass($1) AND attname IN ($2, 'src_line') AND NOT attisdropped) "
				  "= 2 AND ($2 = 'src_path' OR to_regclass('staging_files') IS NOT NULL)",
				  2, p);
	int yes;

	if (!res)
		return -1;
	yes = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	return yes;
}

/* --append: the largest file number the kept rows may refer to. */
static int last_number(struct load *ld)
{
	const char *p[1] = { ld->t->name };
	PGresult *res = db_queryp(ld->s, "SELECT COALESCE(MAX(file), 0) FROM staging_files "
				  "WHERE tbl = $1", 1, p);

	if (!res)
		return -1;
	ld->src_base = (int32_t)atol(PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

int load_lineage_begin(struct load *ld)
{
	int yes = has_lineage(ld);

	if (yes < 0)
		return -1;
	ld->conv.lineage = yes;
	ld->src_base = 0;
	if (!yes) {
		dwh_msg(ld->s, LOG_INFO, "%s: %s has no %s and src_line (made by an earlier dwh): "
			"staged without each row's file and line; `create staging` adds them", ld->stage,
			ld->t->name, load_lineage_by_path(ld->t) ? "src_path" : "src_file");
		return 0;
	}
	if (load_lineage_by_path(ld->t))
		return 0;
	if (ld->append && last_number(ld) < 0)
		return -1;
	if ((int64_t)ld->src_base + (int64_t)ld->files.n >= INT32_MAX)
		return err_set(&ld->s->err, "%s: staging_files would number past %d (a stage without "
			       "--append numbers from 1 again)", ld->stage, INT32_MAX);
	return 0;
}

void load_abs_path(const struct load *ld, const char *path, char *buf, size_t n)
{
	size_t base = strlen(ld->path);

	if (strncmp(path, ld->path, base) == 0)
		snprintf(buf, n, "%s%s", ld->run.input, path + base);
	else
		snprintf(buf, n, "%s", path);
}

/* One staging_files row in COPY text: tbl, file, path, size, checksum (as dwh_files has it). */
static int source_row(struct load *ld, size_t i, struct bytebuf *b)
{
	char path[4096], head[96], tail[96];
	int hl, tl;

	load_abs_path(ld, ld->files.v[i].path, path, sizeof path);
	hl = snprintf(head, sizeof head, "%s\t%ld\t", ld->t->name, (long)ld->src_base + (long)i + 1);
	tl = snprintf(tail, sizeof tail, "\t%" PRId64 "\tx%016" PRIx64 "\n", ld->files.v[i].size,
		      ld->sums[i]);
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

	if (!ld->conv.lineage || load_lineage_by_path(ld->t))
		return 0;
	/* a load into staging forgot them with its TRUNCATE; a shadowed one's publish does here */
	load_stmt_sql(ld->t, LOAD_FORGET_SOURCES, sql, sizeof sql);
	if (ld->shadow && !ld->append && db_exec(s, sql) != DWH_OK)
		return -1;
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
