/* stage_redshift.h — staging on Redshift with the run log and incremental prefixes (stage_redshift.c). */
#ifndef DWH_STAGE_RS_H
#define DWH_STAGE_RS_H

#include "base/dwh.h"
#include "etl/stage_opts.h"

/* `stage which [s3://PREFIX] [--new|--append]` on Redshift: the server COPYs from [S3]'s path
 * or PREFIX (o may be NULL). Writes the run log's row, and with --new skips a prefix dwh_files
 * lists (loaded before) unless --changed. An enum dwh_rc. */
enum dwh_rc stage_redshift(struct dwh *s, const char *which, const char *path, long max_errors,
		   const struct stage_opts *o);

/* `stage` alone: both COPYs in one transaction (rs_stage_all: both or neither, as on
 * PostgreSQL), then each table's run-log row; with --new/--append options, one table after
 * the other through stage_redshift. */
enum dwh_rc stage_redshift_all(struct dwh *s, long max_errors, const struct stage_opts *songs,
		       const struct stage_opts *events);

#endif
