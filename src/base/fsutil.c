/* fsutil.c — mkdir -p, rm -r, reading a file whole, finding dwh's data (fsutil.h). */
#include "base/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_mkdir_p(const char *path, mode_t parents, mode_t leaf, struct dwh_err *e)
{
	char tmp[PATH_MAX];

	if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
		return err_set(e, "%s: path too long", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, parents) < 0 && errno != EEXIST)
			return err_set(e, "%s: %s", tmp, strerror(errno));
		*p = '/';
	}
	if (mkdir(tmp, leaf) < 0 && errno != EEXIST)
		return err_set(e, "%s: %s", tmp, strerror(errno));
	return 0;
}

int fs_remove_tree(const char *path, struct dwh_err *e)
{
	struct stat st;
	DIR *d;
	struct dirent *de;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : err_set(e, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		if (!(d = opendir(path)))
			return err_set(e, "%s: %s", path, strerror(errno));
		while ((de = readdir(d))) {
			char sub[4096];
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
			if (fs_remove_tree(sub, e) < 0) {
				closedir(d);
				return -1;
			}
		}
		closedir(d);
		if (rmdir(path) < 0)
			return err_set(e, "%s: %s", path, strerror(errno));
	} else if (unlink(path) < 0) {
		return err_set(e, "%s: %s", path, strerror(errno));
	}
	return 0;
}

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

int fs_datadir(const char *what, char *buf, size_t n)
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

char *fs_read_all(const char *path, size_t *lenp, struct dwh_err *e)
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
