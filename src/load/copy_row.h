/* copy_row.h — one JSON object to one row of COPY text format, converted exactly to each
 * staging column's type: text stays byte for byte (numbers where text is expected keep their
 * JSON text), integers and float8 keep the number's own digits, missing keys are NULL, unknown
 * keys are ignored. Anything PostgreSQL would refuse is a bad record with its key and reason. */
#ifndef DWH_COPY_ROW_H
#define DWH_COPY_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "load/bytebuf.h"

enum col_type { COL_TEXT, COL_INT4, COL_INT8, COL_FLOAT8 };

struct copy_col {
	const char *key;        /* JSON key (matched ignoring case, as Redshift's 'auto ignorecase') */
	const char *name;       /* staging column */
	enum col_type type;
};

#define COPY_MAXCOLS 32

struct copy_table {
	const char *name;       /* staging table */
	const struct copy_col *cols;
	int ncols;
};

/* The staging tables, in the column order of sql/postgres/create_staging.sql. */
extern const struct copy_table copy_songs, copy_events;

/* Why a record is bad. */
struct copy_err {
	size_t pos;             /* offset in the record's text where the trouble is */
	char col[64];           /* the JSON key, "" when the record as a whole is bad */
	char reason[256];
};

/* Per-table conversion state, reused for every row (no allocation per row). */
struct copy_conv {
	const struct copy_table *t;
	struct bytebuf field;      /* converted values of the current row */
	struct bytebuf key;        /* the key being read */
	size_t off[COPY_MAXCOLS], flen[COPY_MAXCOLS];
	size_t klen[COPY_MAXCOLS];      /* strlen of each column's key */
	bool set[COPY_MAXCOLS];
	bool binary;               /* rows in COPY binary format rather than text */
	/* lineage: two more columns after the table's own, the row's source file and line, as the
	 * caller sets them before each copy_row: the file as its number (src_file, int4) or, when
	 * src_path is set, as that text; a line past the int4 range is NULL */
	bool lineage;
	int32_t src_file;
	const char *src_path;
	size_t src_path_len;
	int64_t src_line;
};

void copy_conv_init(struct copy_conv *c, const struct copy_table *t);
void copy_conv_free(struct copy_conv *c);

/* Append the row (ending in '\n') for the JSON text[0..len) to out. On a bad record out is
 * unchanged, e says why and -1 is returned; -2 when out of memory. */
int copy_row(struct copy_conv *c, const char *text, size_t len, struct bytebuf *out,
	     struct copy_err *e);

/* COPY binary's header (before the first row) and trailer (after the last); 0 or -1. */
int copy_bin_header(struct bytebuf *out);
int copy_bin_trailer(struct bytebuf *out);

/* Append s[0..n) to out escaped for COPY text format. */
int copy_escape(struct bytebuf *out, const char *s, size_t n);

#endif
