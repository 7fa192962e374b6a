/* result.h — results made by dwh itself (counts, status, checks) as PGresults, so they print,
 * export and browse exactly like the server's. */
#ifndef DWH_RESULT_H
#define DWH_RESULT_H

#include <libpq-fe.h>

/* A TUPLES_OK result with these text columns (numeric ones right-aligned when `numeric` has a
 * non-zero entry for them; numeric may be NULL). NULL when out of memory. */
PGresult *result_new(int ncols, const char *const *names, const int *numeric);
/* Set row r (appending when r == PQntuples) column c; value NULL is SQL NULL. 0 or -1. */
int result_set(PGresult *res, int r, int c, const char *value);

#endif
