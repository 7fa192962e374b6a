/* sqlfile.c — finding dwh's data (sql/, themes/) from any working directory, and reading the
 * SQL catalog: the build tree next to the binary first, then the installed share directory. */
#include "sqlfile.h"

#include "db.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DWH_DATADIR
#define DWH_DATADIR "/usr/local/share/dwh"
#endif

static bool is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int try_dir(char *buf, size_t n, const char *base, const char *what)
{
	if (snprintf(buf, n, "%s/%s", base, what) >= (int)n)
		return -1;
	return is_dir(buf) ? 0 : -1;
}

int paths_find(const char *what, char *buf, size_t n)
{
	const char *env = getenv(strcmp(what, "sql") == 0 ? "DWH_SQLDIR" : "DWH_THEMEDIR");
	char exe[PATH_MAX], *dir;
	ssize_t len;

	if (env && *env && is_dir(env)) {
		snprintf(buf, n, "%s", env);
		return 0;
	}
	len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = '\0';
		dir = dirname(exe);
		if (try_dir(buf, n, dir, what) == 0)
			return 0;
		/* an install under PREFIX/bin finds PREFIX/share/dwh */
		char share[PATH_MAX];

		snprintf(share, sizeof share, "%s/../share/dwh", dir);
		if (try_dir(buf, n, share, what) == 0)
			return 0;
	}
	return try_dir(buf, n, DWH_DATADIR, what);
}

char *file_slurp(const char *path, size_t *lenp, struct dwh_err *e)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, len = 0, got;

	if (!f) {
		err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		if (len + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = (cap ? cap * 2 : 8192));

			if (!nb) {
				free(buf);
				fclose(f);
				err_set(e, "%s: out of memory", path);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		err_set(e, "%s: read error", path);
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

char *sqlfile_read_rel(struct dwh *s, const char *relpath)
{
	char path[8192];

	if (!s->sqldir[0] && paths_find("sql", s->sqldir, sizeof s->sqldir) < 0) {
		s->sqldir[0] = '\0';
		err_set(&s->err, "cannot find dwh's sql/ directory (set DWH_SQLDIR)");
		return NULL;
	}
	snprintf(path, sizeof path, "%s/%s", s->sqldir, relpath);
	return file_slurp(path, NULL, &s->err);
}

char *sqlfile_read(struct dwh *s, const char *name)
{
	char rel[512];

	snprintf(rel, sizeof rel, "%s/%s.sql", db_dialect(s), name);
	return sqlfile_read_rel(s, rel);
}
