/* stage.h — staging the raw JSON into staging_songs / staging_events (the loader). On
 * PostgreSQL dwh reads the files itself and streams them with COPY FROM STDIN; on Redshift
 * the server copies from S3 (copy_sql.h). Owned by the loader. */
#ifndef DWH_STAGE_H
#define DWH_STAGE_H

#include "base/dwh.h"
#include "etl/stage_opts.h"

/* which: "songs" or "events". path: a file or directory, or NULL for the configured one
 * (--data DIR, or [LOCAL] SONG_DATA/LOG_DATA). max_errors: bad records to skip (0 = none).
 * o: NULL for a full stage (incremental staging: struct stage_opts, stage_opts.h). One
 * transaction: on failure the staging table is exactly as it was, and s->err says
 * `FILE:LINE: FIELD: reason` for a bad record. A re-run replaces the table's rows. Reports
 * progress and the stage's state through s->out. Returns an enum dwh_rc. */
enum dwh_rc stage_run_opts(struct dwh *s, const char *which, const char *path, long max_errors,
		   const struct stage_opts *o);
/* Both tables from their configured paths, songs then events, in one transaction (so a bad
 * record in either leaves both tables as they were), each with its own options (NULL: a full
 * stage). */
enum dwh_rc stage_all_opts(struct dwh *s, long max_errors, const struct stage_opts *songs,
		   const struct stage_opts *events);

#endif
