/* copy_sql.h — the text of a Redshift stage: the server COPYs JSON from S3 with the paths,
 * JSONPaths file, IAM role and region from dwh.cfg, every value quoted (copy_run.h runs it). */
#ifndef DWH_RS_COPY_H
#define DWH_RS_COPY_H

#include "base/dwh.h"

#include <stdbool.h>

/* COPY's MAXERROR is at most this ("Data load operations"); more is refused before sending. */
#define RS_MAXERROR_LIMIT 100000

/* The statements `stage which` sends on Redshift (which = "songs" | "events"), as one text:
 * BEGIN; LOCK dwh_lock; DELETE; COPY ... MAXERROR max_errors ...; COMMIT; with their comments. `show sql`
 * prints it and rs_stage cuts it into statements, so both are this text. malloc'd, or NULL
 * with s->err set (a missing or refused config value, or max_errors over RS_MAXERROR_LIMIT, is
 * named). Needs no connection. */
char *rs_copy_sql(struct dwh *s, const char *which, long max_errors);
/* A Redshift string literal: quoted, with ' and \ doubled (Redshift reads backslash escapes in
 * ordinary literals). malloc'd, NULL when out of memory. Needs no connection. */
char *rs_literal(const char *value);
/* The same from another S3 prefix than [S3]'s (`stage events --new s3://PREFIX`: the day to
 * add, which the user names, as dwh cannot list S3), without the DELETE when append. */
char *rs_copy_sql_from(struct dwh *s, const char *which, long max_errors, const char *from,
		       bool append);

#endif
