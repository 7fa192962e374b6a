/* profile_col.h — `profile [TABLE.]COLUMN`: one column's figures computed by the server. */
#ifndef DWH_PROFILE_COL_H
#define DWH_PROFILE_COL_H

#include "base/dwh.h"

/* The column's rows, NULLs, distinct values, min/max/mean/percentiles (numbers and times) and
 * top values with count, share and a bar, as one result titled "profile TABLE.COLUMN" or
 * "profile COLUMN of result N" (a bare COLUMN: the console's shown result, through
 * s->hooks.result_query). DWH_OK, or DWH_FAIL with s->err set. */
enum dwh_rc profile_column(struct dwh *s, const char *spec);

#endif
