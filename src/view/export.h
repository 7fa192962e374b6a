/* export.h — writing a result to a file as CSV (RFC 4180 with a header, quoted as
 * PostgreSQL's COPY ... CSV HEADER quotes), TSV (PostgreSQL's text format with a header line)
 * or JSON (an array of objects, numbers as numbers, NULL as null, written with cJSON). The
 * file is written under a temporary name and renamed at the end, so a failed export leaves no
 * half file; an existing file is kept unless `force`. Path "-" is standard output. */
#ifndef DWH_EXPORT_H
#define DWH_EXPORT_H

#include <stdbool.h>

#include "base/dwh.h"

enum export_fmt { EXPORT_CSV, EXPORT_TSV, EXPORT_JSON };

struct exporter;

/* "csv", "tsv" or "json" into *fmt; -1 when not one of them. */
int export_format(const char *word, enum export_fmt *fmt);
/* Open FILE (or "-") for a result of ncols columns; numeric[c]: numbers written unquoted in
 * JSON. NULL with e set (the file exists, cannot be created). */
struct exporter *export_open(enum export_fmt fmt, const char *path, bool force, int ncols,
			     char *const *names, const bool *numeric, struct dwh_err *e);
/* One row: ncols values, NULL for SQL NULL. 0, or -1 with e set (a write failed). */
int export_row(struct exporter *x, const char *const *vals, struct dwh_err *e);
long export_rows_written(const struct exporter *x);
/* Finish: `ok` renames the temporary file into place, otherwise it is removed. 0 or -1. */
int export_close(struct exporter *x, bool ok, struct dwh_err *e);

/* Whether a PostgreSQL type holds numbers (JSON numbers, right-aligned columns). */
bool export_numeric_type(unsigned int oid);

/* Run `sql` again and write every row to the exporter (single-row mode, progress reported
 * as stage "export"). DWH_OK, or a failure with s->err set. */
enum dwh_rc export_stream(struct dwh *s, const char *sql, enum export_fmt fmt, const char *path,
		  bool force, long *rows);

#endif
