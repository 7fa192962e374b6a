/* rs_copy.h — staging on Redshift: the server COPYs JSON from S3 with the paths, JSONPaths file,
 * IAM role and region from dwh.cfg, every value quoted. Owned by the transform/Redshift work. */
#ifndef DWH_RS_COPY_H
#define DWH_RS_COPY_H

#include "dwh.h"

/* The COPY statement(s) for which = "songs" | "events"; malloc'd, or NULL with s->err set
 * (a missing config key is named). Needs no connection. */
char *rs_copy_sql(struct dwh *s, const char *which);
/* A Redshift string literal: quoted, with ' and \ doubled (Redshift reads backslash escapes in
 * ordinary literals). malloc'd, NULL when out of memory. Needs no connection. */
char *rs_literal(const char *value);
/* Run it on a Redshift connection; on failure report the rows of STL_LOAD_ERRORS. */
int rs_stage(struct dwh *s, const char *which);

#endif
