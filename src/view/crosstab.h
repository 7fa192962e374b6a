/* crosstab.h — psql's \crosstabview as data: a result of (row header, column header, value)
 * rows turned into a grid, one row per distinct colV and one column per distinct colH, with
 * psql's rules and error messages. The pivot is itself a PGresult, so batch mode prints it
 * as psql does and the console browses it like any other result. No printing here. */
#ifndef DWH_CROSSTAB_H
#define DWH_CROSSTAB_H

#include <libpq-fe.h>

#include "base/err.h"

#define CROSSTAB_MAX_COLUMNS 1600       /* psql's CROSSTABVIEW_MAX_COLUMNS */

/* The pivot of res. args[0..3]: colV, colH, colD, sortcolH, each a column number (from 1) or a
 * name (psql's dequoting and downcasing), NULL when not given. nullprint: \pset null, NULL
 * when unset (it names NULL headers; psql's "(null)" in the error otherwise). Returns a new
 * PGresult the caller PQclear()s, or NULL with e holding psql's message
 * ("\crosstabview: ..."). Cells with no row are empty strings; a NULL value stays NULL. */
PGresult *crosstab_make(const PGresult *res, const char *const args[4], const char *nullprint,
			struct dwh_err *e);

#endif
