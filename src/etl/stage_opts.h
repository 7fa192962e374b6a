/* stage_opts.h — how a stage takes its files, shared by staging (stage.h) and its Redshift
 * path (stage_redshift.h), which stage.c calls: a header of its own so neither includes the
 * other's. */
#ifndef DWH_STAGE_OPTS_H
#define DWH_STAGE_OPTS_H

#include <stdbool.h>

/* Incremental staging (PostgreSQL; on Redshift --new PATH names the S3 prefix to append):
 * only_new stages just the files dwh_files does not list (changed: and those whose content
 * changed since), append keeps the table's rows. Nothing new is no error: 0 rows staged. */
struct stage_opts {
	bool only_new, changed, append;
};

#endif
