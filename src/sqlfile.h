/* sqlfile.h — the SQL catalog: plain .sql files under sql/<dialect>/ and sql/analytics/, found in
 * the build tree or the installed data directory, so a reader can open and run them by hand. */
#ifndef DWH_SQLFILE_H
#define DWH_SQLFILE_H

#include "dwh.h"

/* Locate a data directory ("sql" or "themes"): $DWH_SQLDIR/$DWH_THEMEDIR, next to the
 * executable (build tree), or the installed DWH_DATADIR. 0 or -1. */
int paths_find(const char *what, char *buf, size_t n);

/* Read sql/<dialect>/<name>.sql for the session's dialect; malloc'd text or NULL + s->err. */
char *sqlfile_read(struct dwh *s, const char *name);
/* Read any file under the sql directory by relative path ("analytics/top_songs.sql"). */
char *sqlfile_read_rel(struct dwh *s, const char *relpath);
/* Read a whole file; malloc'd, NUL-terminated, or NULL + e. */
char *file_slurp(const char *path, size_t *len, struct dwh_err *e);

#endif
