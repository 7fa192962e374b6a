/* copy_run.h — staging on Redshift: sending the text of copy_sql.h one statement at a time, with
 * progress while the COPY runs and the failed load's bad records when it fails. */
#ifndef DWH_RS_STAGE_H
#define DWH_RS_STAGE_H

#include "base/dwh.h"

#include <stdbool.h>

/* Run `stage which` on a Redshift connection: BEGIN; DELETE; COPY; COMMIT; each sent alone. On
 * failure report the failed load's rows of STL_LOAD_ERRORS (provisioned) or
 * SYS_LOAD_ERROR_DETAIL (Serverless). */
enum dwh_rc rs_stage(struct dwh *s, const char *which, long max_errors);
/* The same from an S3 prefix the user names (rs_copy_sql_from), keeping the table's rows when
 * append. */
enum dwh_rc rs_stage_from(struct dwh *s, const char *which, long max_errors, const char *from, bool append);
/* `stage` alone: songs then events in one transaction (songs' COMMIT and events' BEGIN left
 * out), so a failure leaves both tables as they were, as on PostgreSQL. */
enum dwh_rc rs_stage_all(struct dwh *s, long max_errors);

/* The statements of a stage's text, as they are sent: cut where sqlscan ends a statement,
 * blank pieces dropped, and with RS_SKIP_BEGIN / RS_SKIP_COMMIT the BEGIN / COMMIT left out.
 * Each malloc'd into out (at most max); the count, or -1 (nothing left allocated). */
enum { RS_SKIP_BEGIN = 1, RS_SKIP_COMMIT = 2, RS_MAX_STATEMENTS = 8 };
int rs_statements(const char *sql, int skip, char **out, int max);

#endif
