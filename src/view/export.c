/* export.c — result rows to CSV, TSV or JSON files, byte for byte what PostgreSQL's COPY writes
 * for CSV HEADER and text format, and JSON through cJSON (one object per row, printed as it
 * comes, so an export of any size runs in bounded memory). */
#include "view/export.h"

#include "db/stream.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct exporter {
	enum export_fmt fmt;
	FILE *f;
	char *path, *tmp;       /* tmp NULL when writing standard output */
	int ncols;
	char **names;
	bool *numeric;
	long rows;
};

int export_format(const char *word, enum export_fmt *fmt)
{
	if (!strcmp(word, "csv"))
		*fmt = EXPORT_CSV;
	else if (!strcmp(word, "tsv"))
		*fmt = EXPORT_TSV;
	else if (!strcmp(word, "json"))
		*fmt = EXPORT_JSON;
	else
		return -1;
	return 0;
}

bool export_numeric_type(unsigned int t)
{
	/* int8, int2, int4, oid, float4, float8, numeric */
	return t == 20 || t == 21 || t == 23 || t == 26 || t == 700 || t == 701 || t == 1700;
}

/* As CopyAttributeOutCSV: quoted when empty (NULL is the empty string), or holding the
 * delimiter, a quote or a line break, or a lone `\.` in a one-column file. */
static void csv_value(FILE *f, const char *v, bool single)
{
	bool q = !*v || strpbrk(v, ",\"\n\r") || (single && !strcmp(v, "\\."));

	if (!q) {
		fputs(v, f);
		return;
	}
	fputc('"', f);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', f);
		fputc(*v, f);
	}
	fputc('"', f);
}

/* As CopyAttributeOutText: backslash escapes for the backslash and control characters. */
static void text_value(FILE *f, const char *v)
{
	for (; *v; v++) {
		switch (*v) {
		case '\\': fputs("\\\\", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		case '\v': fputs("\\v", f); break;
		default: fputc(*v, f);
		}
	}
}

static void plain_row(struct exporter *x, const char *const *vals)
{
	for (int c = 0; c < x->ncols; c++) {
		if (c)
			fputc(x->fmt == EXPORT_CSV ? ',' : '\t', x->f);
		if (x->fmt == EXPORT_CSV) {
			if (vals[c])
				csv_value(x->f, vals[c], x->ncols == 1);
		} else {
			if (vals[c])
				text_value(x->f, vals[c]);
			else
				fputs("\\N", x->f);
		}
	}
	fputc('\n', x->f);
}

/* PostgreSQL prints numbers JSON can read, except NaN and the infinities. */
static bool json_number(const char *v)
{
	const char *p = v;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	if (*p == '0' && p[1] >= '0' && p[1] <= '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		if (*++p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

static int json_row(struct exporter *x, const char *const *vals)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	char *text;

	for (int c = 0; ok && c < x->ncols; c++) {
		if (!vals[c])
			ok = cJSON_AddNullToObject(o, x->names[c]) != NULL;
		else if (x->numeric[c] && json_number(vals[c]))
			ok = cJSON_AddRawToObject(o, x->names[c], vals[c]) != NULL;
		else
			ok = cJSON_AddStringToObject(o, x->names[c], vals[c]) != NULL;
	}
	if (!ok || !(text = cJSON_PrintUnformatted(o))) {
		cJSON_Delete(o);
		return -1;
	}
	fprintf(x->f, "%s%s", x->rows ? ",\n" : "", text);
	cJSON_free(text);
	cJSON_Delete(o);
	return 0;
}

static void exporter_free(struct exporter *x)
{
	for (int c = 0; c < x->ncols; c++)
		free(x->names[c]);
	free(x->names);
	free(x->numeric);
	free(x->path);
	free(x->tmp);
	free(x);
}

struct exporter *export_open(enum export_fmt fmt, const char *path, bool force, int ncols,
			     char *const *names, const bool *numeric, struct dwh_err *e)
{
	struct exporter *x = calloc(1, sizeof *x);
	struct stat st;

	if (!x) {
		err_set(e, "out of memory");
		return NULL;
	}
	x->fmt = fmt;
	x->ncols = ncols;
	x->names = calloc((size_t)ncols + 1, sizeof *x->names);
	x->numeric = calloc((size_t)ncols + 1, sizeof *x->numeric);
	x->path = strdup(path);
	if (!x->names || !x->numeric || !x->path) {
		exporter_free(x);
		err_set(e, "out of memory");
		return NULL;
	}
	for (int c = 0; c < ncols; c++) {
		x->names[c] = strdup(names[c]);
		x->numeric[c] = numeric[c];
	}
	if (!strcmp(path, "-")) {
		x->f = stdout;
	} else {
		if (!force && stat(path, &st) == 0) {
			err_set(e, "%s exists (export ... --force overwrites it)", path);
			exporter_free(x);
			return NULL;
		}
		size_t n = strlen(path) + 16;
		int fd = -1;
		if ((x->tmp = malloc(n))) {
			snprintf(x->tmp, n, "%s.tmpXXXXXX", path);
			fd = mkstemp(x->tmp);
		}
		if (fd < 0 || !(x->f = fdopen(fd, "w"))) {
			err_set(e, "%s: %s", path, strerror(errno));
			if (fd >= 0) {
				close(fd);
				unlink(x->tmp);
			}
			exporter_free(x);
			return NULL;
		}
		fchmod(fd, 0644);
	}
	if (fmt == EXPORT_JSON) {
		fputs("[\n", x->f);
	} else {
		const char *hdr[ncols + 1];
		for (int c = 0; c < ncols; c++)
			hdr[c] = x->names[c];
		plain_row(x, hdr);
	}
	return x;
}

int export_row(struct exporter *x, const char *const *vals, struct dwh_err *e)
{
	if (x->fmt == EXPORT_JSON) {
		if (json_row(x, vals) < 0)
			return err_set(e, "out of memory writing JSON");
	} else {
		plain_row(x, vals);
	}
	x->rows++;
	if (ferror(x->f))
		return err_set(e, "%s: %s", x->path, strerror(errno));
	return 0;
}

long export_rows_written(const struct exporter *x)
{
	return x->rows;
}

int export_close(struct exporter *x, bool ok, struct dwh_err *e)
{
	int rc = 0;

	if (x->fmt == EXPORT_JSON)
		fputs(x->rows ? "\n]\n" : "]\n", x->f);
	if (x->f == stdout) {
		if (fflush(stdout) != 0)
			rc = err_set(e, "standard output: %s", strerror(errno));
	} else {
		if (fflush(x->f) != 0 || fsync(fileno(x->f)) != 0 || ferror(x->f)) {
			if (ok)
				rc = err_set(e, "%s: %s", x->path, strerror(errno));
			ok = false;
		}
		fclose(x->f);
		if (ok && rename(x->tmp, x->path) != 0) {
			rc = err_set(e, "%s: %s", x->path, strerror(errno));
			ok = false;
		}
		if (!ok)
			unlink(x->tmp);
	}
	exporter_free(x);
	return rc;
}

/* ---- streaming a SELECT again ---- */

static void progress(struct dwh *s, long rows, double t0, bool force)
{
	static double last;
	double now = dwh_now();

	if (!force && now - last < 0.2)
		return;
	last = now;
	struct dwh_progress p = { .stage = "export", .rows = rows, .elapsed = now - t0,
				  .rate = now > t0 ? rows / (now - t0) : 0, .eta = -1 };
	dwh_progress(s, &p);
}

/* A SELECT's rows on their way into the file (db_stream's sink). */
struct export_run {
	struct dwh *s;
	enum export_fmt fmt;
	const char *path;
	bool force;
	struct exporter *x;
	double t0;
};

static enum dwh_rc export_columns(void *ctx, const PGresult *res)
{
	struct export_run *e = ctx;
	int nc = PQnfields(res);
	char *names[nc + 1];
	bool num[nc + 1];

	if (e->x)
		return DWH_OK;          /* a second row set: its rows follow the first's */
	for (int c = 0; c < nc; c++) {
		names[c] = PQfname(res, c);
		num[c] = export_numeric_type(PQftype(res, c));
	}
	e->x = export_open(e->fmt, e->path, e->force, nc, names, num, &e->s->err);
	return e->x ? DWH_OK : DWH_FAIL;
}

/* A failed write stops the statement: db_stream cancels it. */
static enum dwh_rc export_batch(void *ctx, const PGresult *res)
{
	struct export_run *e = ctx;
	int nc = PQnfields(res);
	const char *vals[nc + 1];

	for (int r = 0; r < PQntuples(res); r++) {
		for (int c = 0; c < nc; c++)
			vals[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
		if (export_row(e->x, vals, &e->s->err) < 0)
			return DWH_FAIL;
	}
	progress(e->s, export_rows_written(e->x), e->t0, false);
	return DWH_OK;
}

enum dwh_rc export_stream(struct dwh *s, const char *sql, enum export_fmt fmt, const char *path,
		  bool force, long *rows)
{
	struct export_run e = { .s = s, .fmt = fmt, .path = path, .force = force, .t0 = dwh_now() };
	/* batches of one: each row goes to the file as libpq hands it over, uncopied */
	const struct db_sink k = { .ctx = &e, .what = "export", .batch = 1,
				   .columns = export_columns, .rows = export_batch };
	enum dwh_rc rc = db_stream(s, sql, &k);

	*rows = 0;
	if (!e.x && rc == DWH_OK)
		rc = dwh_fail(s, "export: the statement returned no rows to write");
	if (e.x) {
		*rows = export_rows_written(e.x);
		progress(s, *rows, e.t0, true);
		if (export_close(e.x, rc == DWH_OK, rc == DWH_OK ? &s->err : &(struct dwh_err){0}) < 0)
			rc = DWH_FAIL;
	}
	return rc;
}
