/* stage_rs.h — staging on Redshift with the run log and incremental prefixes (stage_rs.c). */
#ifndef DWH_STAGE_RS_H
#define DWH_STAGE_RS_H

#include "stage.h"

/* `stage which [s3://PREFIX] [--new|--append]` on Redshift: the server COPYs from [S3]'s path
 * or PREFIX (o may be NULL). Writes the run log's row, and with --new skips a prefix dwh_files
 * lists (loaded before) unless --changed. An enum dwh_rc. */
int stage_redshift(struct dwh *s, const char *which, const char *path, long max_errors,
		   const struct stage_opts *o);

#endif
