/* sqlfile.h — the SQL catalog: plain .sql files under sql/<dialect>/ and sql/analytics/, found in
 * the build tree or the installed data directory, so a reader can open and run them by hand. */
#ifndef DWH_SQLFILE_H
#define DWH_SQLFILE_H

#include "base/dwh.h"

/* Read sql/<dialect>/<name>.sql for the session's dialect; malloc'd text or NULL + s->err. */
char *sqlfile_read(struct dwh *s, const char *name);
/* Run sql/<dialect>/<name>.sql (one statement) with n text parameters: its result, or NULL
 * with s->err. */
struct pg_result *sqlfile_query(struct dwh *s, const char *name, int n, const char *const *p);
/* Read any file under the sql directory by relative path ("analytics/top_songs.sql"). */
char *sqlfile_read_rel(struct dwh *s, const char *relpath);

#endif
