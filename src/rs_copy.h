/* rs_copy.h — staging on Redshift: the server COPYs JSON from S3 with the paths, JSONPaths file,
 * IAM role and region from dwh.cfg, every value quoted. Owned by the transform/Redshift work. */
#ifndef DWH_RS_COPY_H
#define DWH_RS_COPY_H

#include "dwh.h"

#include <stdbool.h>

/* The statements `stage which` sends on Redshift (which = "songs" | "events"), as one text:
 * BEGIN; DELETE; COPY ... MAXERROR max_errors ...; COMMIT; with their comments. `show sql`
 * prints it and rs_stage cuts it into statements, so both are this text. malloc'd, or NULL
 * with s->err set (a missing or refused config value is named). Needs no connection. */
char *rs_copy_sql(struct dwh *s, const char *which, long max_errors);
/* A Redshift string literal: quoted, with ' and \ doubled (Redshift reads backslash escapes in
 * ordinary literals). malloc'd, NULL when out of memory. Needs no connection. */
char *rs_literal(const char *value);
/* Run it on a Redshift connection, one statement at a time; on failure report the failed
 * load's rows of STL_LOAD_ERRORS (provisioned) or SYS_LOAD_ERROR_DETAIL (Serverless). */
int rs_stage(struct dwh *s, const char *which, long max_errors);
/* The same from another S3 prefix than [S3]'s (`stage events --new s3://PREFIX`, the day to
 * add: dwh cannot list S3, the user names it), keeping the rows staged before when append. */
char *rs_copy_sql_from(struct dwh *s, const char *which, long max_errors, const char *from,
		       bool append);
int rs_stage_from(struct dwh *s, const char *which, long max_errors, const char *from, bool append);

#endif
