/* result.c — building PGresults in memory with libpq's own PQsetResultAttrs/PQsetvalue. */
#include "db/result.h"

#include <stdlib.h>
#include <string.h>

#define OID_TEXT 25
#define OID_INT8 20

PGresult *result_new(int ncols, const char *const *names, const int *numeric)
{
	PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	PGresAttDesc *att = calloc((size_t)ncols, sizeof *att);

	if (!res || !att) {
		PQclear(res);
		free(att);
		return NULL;
	}
	for (int c = 0; c < ncols; c++) {
		att[c].name = (char *)names[c];
		att[c].typid = numeric && numeric[c] ? OID_INT8 : OID_TEXT;
		att[c].typlen = -1;
		att[c].atttypmod = -1;
	}
	if (!PQsetResultAttrs(res, ncols, att)) {
		PQclear(res);
		res = NULL;
	}
	free(att);
	return res;
}

int result_set(PGresult *res, int r, int c, const char *value)
{
	return PQsetvalue(res, r, c, (char *)value, value ? (int)strlen(value) : -1) ? 0 : -1;
}
