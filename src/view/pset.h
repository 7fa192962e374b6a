/* pset.h — results printed as psql prints them under \pset and \x: format aligned, wrapped,
 * unaligned or csv; border 0, 1, 2; the null string; fieldsep; tuples_only; title; footer.
 * The table is read through callbacks so that a PGresult (batch, the plain prompt) and the
 * console's rowstore print alike, byte for byte as psql. */
#ifndef DWH_PSET_H
#define DWH_PSET_H

#include "base/dwh.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

struct ptable {
	int nf;
	long nr;
	void *ctx;
	const char *(*name)(void *ctx, int c);
	bool (*right)(void *ctx, int c);        /* numbers align right */
	/* row r's cells into cells[nf] (NULL for SQL NULL), valid until the next call; 0 or -1 */
	int (*row)(void *ctx, long r, const char **cells);
};

/* Which piece of a result this is (psql's FETCH_COUNT prints a result in pieces): the head
 * prints the title and header, the last the footer; rows are numbered from `first` (1 for
 * the first row of the result), and `total` is the result's row count for the footer. */
struct pset_part {
	bool head, last;
	long first, total;
};

/* Print t as psql would with these settings; expanded: \x's records. esc: escape control
 * characters (output to a terminal). */
void pset_print(FILE *f, const struct ptable *t, const struct dwh_pset *p, bool expanded,
		const struct pset_part *part, bool esc);
/* A whole PGresult (a statement's command tag when it has no rows), as pset_print. */
void pset_print_result(FILE *f, const PGresult *res, const struct dwh_pset *p, bool expanded,
		       const struct pset_part *part);
/* psql's border (1 unless \pset border said otherwise) and field separator. */
int pset_border(const struct dwh_pset *p);
const char *pset_fieldsep(const struct dwh_pset *p);
/* Whether these settings print exactly as dwh's default (aligned, border 1, no title...). */
bool pset_is_default(const struct dwh_pset *p);

#endif
