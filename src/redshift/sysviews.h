/* sysviews.h — Redshift's system views, which differ between a provisioned cluster (STL_/STV_
 * tables) and Redshift Serverless (SYS_ views only): the queries dwh reads load progress and
 * load errors with. The builders need no connection. Which flavour a server is belongs to
 * engine detection, done on connecting (conn.h, s->server.serverless). */
#ifndef DWH_RS_SYS_H
#define DWH_RS_SYS_H

#include "base/dwh.h"

/* Progress of the COPY that session pid runs: one row of six numbers (slices or loads
 * reporting, bytes done, bytes to do, rows, files done, files to do). malloc'd. */
char *rs_progress_sql(bool serverless, int pid);
/* Read that row into *p; false when the figure is not yet known (nothing reported yet). */
bool rs_progress_row(PGresult *res, struct dwh_progress *p);

/* Which load's bad records to show: the newest load into table ("staging_songs",
 * "staging_events", or NULL for the newest into each) by session pid (0: any session of this
 * user); on a provisioned cluster only among query ids above after[0] (songs) / after[1]
 * (events), the session's last query before that table's stage began (0: no bound). */
struct rs_load_filter {
	const char *table;
	int pid;
	long long after[2];
	long long id[2];        /* provisioned: the table ids of staging_songs, staging_events
				 * (rs_load_tables); 0 when there is no such table */
};

/* That query. Columns: table, file, line, column, code, reason. malloc'd. */
char *rs_errors_sql(bool serverless, const struct rs_load_filter *f);
/* Provisioned: fill f->id from the catalog (pg_class), the table ids STL_LOAD_ERRORS.tbl holds,
 * asked before the errors. DWH_OK, or a failure with s->err set. Serverless needs none. */
enum dwh_rc rs_load_tables(struct dwh *s, bool serverless, struct rs_load_filter *f);
/* What the report is called: the system view it reads. */
const char *rs_errors_view(bool serverless);

#endif
