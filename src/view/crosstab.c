/* crosstab.c — psql's \crosstabview: distinct values of colV become rows and of colH columns,
 * each in the order of its first appearance (or colH's by the integers of sortcolH), a cell
 * given twice is an error. Written from psql's documented behaviour; the pivot is a PGresult
 * (PQmakeEmptyPGresult) so every front end shows it as it shows a query's result. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "view/crosstab.h"

#define WHO "\\crosstabview: "

/* One distinct header value: the first row it appears in, its rank in the output. */
struct hval {
	int first;
	int rank;
	long sortkey;           /* sortcolH's integer (0 when absent or not an integer) */
};

static const PGresult *cmp_res;
static int cmp_col;

/* Rows by the value of cmp_col: strcmp order, NULL after every value, then by row. */
static int by_value(const void *a, const void *b)
{
	int ra = *(const int *)a, rb = *(const int *)b;
	bool na = PQgetisnull(cmp_res, ra, cmp_col), nb = PQgetisnull(cmp_res, rb, cmp_col);
	int c = na || nb ? (int)na - (int)nb
			 : strcmp(PQgetvalue(cmp_res, ra, cmp_col), PQgetvalue(cmp_res, rb, cmp_col));

	return c ? c : (ra > rb) - (ra < rb);
}

static int by_first(const void *a, const void *b)
{
	const struct hval *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* psql ranks by sortcolH's integer; equal ones keep the values' strcmp order (glibc's stable
 * qsort in psql): rank holds that order while sorting. */
static int by_sortkey(const void *a, const void *b)
{
	const struct hval *x = a, *y = b;

	if (x->sortkey != y->sortkey)
		return (x->sortkey > y->sortkey) - (x->sortkey < y->sortkey);
	return (x->rank > y->rank) - (x->rank < y->rank);
}

/* The distinct values of column col: *gid[row] their index in the returned array (rank set to
 * strcmp order), *n how many. NULL when out of memory. */
static struct hval *distinct(const PGresult *res, int col, int sortcol, int **gid, int *n)
{
	int nr = PQntuples(res), *ord = malloc(sizeof *ord * (nr ? nr : 1)), ng = 0;
	struct hval *g = malloc(sizeof *g * (nr ? nr : 1));

	*gid = malloc(sizeof **gid * (nr ? nr : 1));
	if (!ord || !g || !*gid) {
		free(ord), free(g), free(*gid);
		return NULL;
	}
	for (int i = 0; i < nr; i++)
		ord[i] = i;
	cmp_res = res, cmp_col = col;
	qsort(ord, (size_t)nr, sizeof *ord, by_value);
	for (int i = 0; i < nr; i++) {
		int r = ord[i];

		int prev = i ? ord[i - 1] : -1;
		bool same = prev >= 0 && PQgetisnull(res, prev, col) == PQgetisnull(res, r, col) &&
			    (PQgetisnull(res, r, col) ||
			     !strcmp(PQgetvalue(res, prev, col), PQgetvalue(res, r, col)));

		if (!same) {    /* a new value: r is its first row (ties sort by row) */
			const char *sv = sortcol < 0 || PQgetisnull(res, r, sortcol) ? NULL
								    : PQgetvalue(res, r, sortcol);
			size_t dig = sv ? strspn(sv + (*sv == '-'), "0123456789") : 0;

			g[ng].first = r;
			g[ng].sortkey = sv && dig == strlen(sv + (*sv == '-')) ? atol(sv) : 0;
			ng++;
		}
		(*gid)[r] = ng - 1;
	}
	free(ord);
	*n = ng;
	return g;
}

/* Ranks: order of first appearance, or by sortkey when sorted. g keeps its (strcmp) order. */
static int rank(struct hval *g, int n, bool sorted)
{
	struct hval *t = malloc(sizeof *t * (n ? n : 1));
	int *pos = malloc(sizeof *pos * (n ? n : 1));

	if (!t || !pos) {
		free(t), free(pos);
		return -1;
	}
	for (int i = 0; i < n; i++)
		t[i] = g[i], t[i].rank = i;     /* rank: the index in g for now */
	qsort(t, (size_t)n, sizeof *t, sorted ? by_sortkey : by_first);
	for (int i = 0; i < n; i++)
		pos[t[i].rank] = i;
	for (int i = 0; i < n; i++)
		g[i].rank = pos[i];
	free(t), free(pos);
	return 0;
}

/* psql's dequote_downcase_identifier: quoted parts as written ("" a quote), the rest lower case. */
static void dequote(const char *in, char *out, size_t n)
{
	bool q = false;
	size_t o = 0;

	for (; *in && o + 1 < n; in++) {
		if (*in == '"') {
			if (q && in[1] == '"')
				out[o++] = *in++;
			else
				q = !q;
		} else {
			out[o++] = q ? *in : (char)tolower((unsigned char)*in);
		}
	}
	out[o] = '\0';
}

/* A column given by number (from 1) or name; -1 with e set. */
static int column_of(const PGresult *res, const char *arg, struct dwh_err *e)
{
	int nf = PQnfields(res), idx = -1;
	char name[256];

	if (arg[0] && strspn(arg, "0123456789") == strlen(arg)) {
		idx = atoi(arg) - 1;
		if (idx < 0 || idx >= nf)
			return err_set(e, WHO "column number %d is out of range 1..%d", idx + 1, nf);
		return idx;
	}
	dequote(arg, name, sizeof name);
	for (int i = 0; i < nf; i++) {
		if (strcmp(name, PQfname(res, i)))
			continue;
		if (idx >= 0)
			return err_set(e, WHO "ambiguous column name: \"%s\"", name);
		idx = i;
	}
	if (idx < 0)
		return err_set(e, WHO "column name not found: \"%s\"", name);
	return idx;
}

/* The columns to use: colV, colH, colD, sortcolH (-1 none); -1 with e set. */
static int pick_columns(const PGresult *res, const char *const args[4], int f[4], struct dwh_err *e)
{
	static const int dflt[4] = { 0, 1, -1, -1 };

	for (int i = 0; i < 4; i++) {
		f[i] = dflt[i];
		if (i == 2 && !args[2]) {
			if (PQnfields(res) != 3)
				return err_set(e, WHO "data column must be specified when query returns "
					       "more than three columns");
			continue;
		}
		if (args[i] && (f[i] = column_of(res, args[i], e)) < 0)
			return -1;
		if (i == 1 && f[1] == f[0])
			return err_set(e, WHO "vertical and horizontal headers must be different columns");
	}
	if (f[2] < 0)
		f[2] = 3 - f[0] - f[1];         /* the one column left of three */
	return 0;
}

static const char *hname(const PGresult *res, int row, int col, const char *ifnull)
{
	return PQgetisnull(res, row, col) ? ifnull : PQgetvalue(res, row, col);
}

/* The pivot as a PGresult: column 0 is colV (its type), then one column per colH value (colD's
 * type, so numbers stay right-aligned). cell[r * nc + c]: the source row, -1 none. */
static PGresult *build(const PGresult *res, const int f[4], const struct hval *rows, int nr,
		       const struct hval *cols, int nc, const int *cell, const char *nullprint)
{
	PGresult *out = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	PGresAttDesc *att = calloc((size_t)nc + 1, sizeof *att);
	bool ok = out && att;

	if (ok) {
		att[0].name = PQfname(res, f[0]);
		att[0].typid = PQftype(res, f[0]);
		att[0].typlen = -1, att[0].atttypmod = -1;
		for (int c = 0; c < nc; c++) {
			PGresAttDesc *a = &att[cols[c].rank + 1];

			a->name = (char *)hname(res, cols[c].first, f[1], nullprint ? nullprint : "");
			a->typid = PQftype(res, f[2]);
			a->typlen = -1, a->atttypmod = -1;
		}
		ok = PQsetResultAttrs(out, nc + 1, att);
	}
	int *inv = malloc(sizeof *inv * ((size_t)nr + 1));

	ok = ok && inv;
	for (int r = 0; ok && r < nr; r++)
		inv[rows[r].rank] = r;
	for (int k = 0; ok && k < nr; k++) {     /* PQsetvalue appends rows in order */
		int src = rows[inv[k]].first;

		ok = PQsetvalue(out, k, 0, PQgetisnull(res, src, f[0]) ? NULL :
				PQgetvalue(res, src, f[0]), PQgetisnull(res, src, f[0]) ? -1 :
				PQgetlength(res, src, f[0]));
	}
	for (int r = 0; ok && r < nr; r++)
		for (int c = 0; ok && c < nc; c++) {
			int src = cell[r * nc + c];

			if (src < 0)
				ok = PQsetvalue(out, r, c + 1, "", 0);
			else if (PQgetisnull(res, src, f[2]))
				ok = PQsetvalue(out, r, c + 1, NULL, -1);
			else
				ok = PQsetvalue(out, r, c + 1, PQgetvalue(res, src, f[2]),
						PQgetlength(res, src, f[2]));
		}
	free(att), free(inv);
	if (!ok) {
		PQclear(out);
		return NULL;
	}
	return out;
}

/* cell[] from the source rows: by rank of row and column; -1 with e set on a cell given twice. */
static int place(const PGresult *res, const int f[4], const struct hval *rows, const int *rg,
		 const struct hval *cols, const int *cg, int nc, int *cell, const char *nullprint,
		 struct dwh_err *e)
{
	for (int i = 0; i < PQntuples(res); i++) {
		int *at = &cell[(size_t)rows[rg[i]].rank * (size_t)nc + (size_t)cols[cg[i]].rank];

		if (*at >= 0)
			return err_set(e, WHO "query result contains multiple data values for row \"%s\", "
				       "column \"%s\"", hname(res, i, f[0], nullprint ? nullprint : "(null)"),
				       hname(res, i, f[1], nullprint ? nullprint : "(null)"));
		*at = i;
	}
	return 0;
}

PGresult *crosstab_make(const PGresult *res, const char *const args[4], const char *nullprint,
			struct dwh_err *e)
{
	struct hval *rows = NULL, *cols = NULL;
	int f[4], nr = 0, nc = 0, *rg = NULL, *cg = NULL, *cell = NULL;
	PGresult *out = NULL;

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		err_set(e, WHO "statement did not return a result set");
		return NULL;
	}
	if (PQnfields(res) < 3) {
		err_set(e, WHO "query must return at least three columns");
		return NULL;
	}
	if (pick_columns(res, args, f, e) < 0)
		return NULL;
	if (!(cols = distinct(res, f[1], f[3], &cg, &nc)) || !(rows = distinct(res, f[0], -1, &rg, &nr)))
		goto oom;
	if (nc > CROSSTAB_MAX_COLUMNS) {
		err_set(e, WHO "maximum number of columns (%d) exceeded", CROSSTAB_MAX_COLUMNS);
		goto done;
	}
	if (rank(cols, nc, f[3] >= 0) < 0 || rank(rows, nr, false) < 0 ||
	    !(cell = malloc(sizeof *cell * ((size_t)nr * (size_t)nc + 1))))
		goto oom;
	for (size_t i = 0; i < (size_t)nr * (size_t)nc; i++)
		cell[i] = -1;
	if (place(res, f, rows, rg, cols, cg, nc, cell, nullprint, e) < 0)
		goto done;
	if ((out = build(res, f, rows, nr, cols, nc, cell, nullprint)))
		goto done;
oom:
	err_set(e, WHO "out of memory");
done:
	free(rows), free(cols), free(rg), free(cg), free(cell);
	return out;
}
