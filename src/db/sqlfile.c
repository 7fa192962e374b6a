/* sqlfile.c — reading the SQL catalog from dwh's sql/ directory (fsutil.h finds it: the build
 * tree next to the binary first, then the installed share directory). */
#include "db/sqlfile.h"

#include "db/db.h"
#include "base/fsutil.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *sqlfile_read_rel(struct dwh *s, const char *relpath)
{
	char path[8192];

	if (!s->sqldir[0] && fs_datadir("sql", s->sqldir, sizeof s->sqldir) < 0) {
		s->sqldir[0] = '\0';
		err_set(&s->err, "cannot find dwh's sql/ directory (set DWH_SQLDIR)");
		return NULL;
	}
	snprintf(path, sizeof path, "%s/%s", s->sqldir, relpath);
	return fs_read_all(path, NULL, &s->err);
}

char *sqlfile_read(struct dwh *s, const char *name)
{
	char rel[512];

	snprintf(rel, sizeof rel, "%s/%s.sql", db_dialect(s), name);
	return sqlfile_read_rel(s, rel);
}

PGresult *sqlfile_query(struct dwh *s, const char *name, int n, const char *const *p)
{
	char *sql = sqlfile_read(s, name);
	PGresult *res;

	if (!sql)
		return NULL;
	res = n ? db_queryp(s, sql, n, p) : db_query(s, sql);
	free(sql);
	return res;
}
