/* files.c — walking an input tree into a sorted list of .json files with their sizes. */
#include "load/files.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAXDEPTH 64             /* a symlink loop ends here */

static int files_add(struct load_files *l, const char *path, const struct stat *st,
		     struct dwh_err *e)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct load_file *v = realloc(l->v, cap * sizeof *v);

		if (!v)
			return err_set(e, "out of memory");
		l->v = v;
		l->cap = cap;
	}
	if (!(l->v[l->n].path = strdup(path)))
		return err_set(e, "out of memory");
	l->v[l->n].size = st->st_size;
	l->v[l->n].mtime_sec = (int64_t)st->st_mtim.tv_sec;
	l->v[l->n++].mtime_nsec = st->st_mtim.tv_nsec;
	l->bytes += st->st_size;
	return 0;
}

/* Byte order, not the locale's, so every machine loads in the same order. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static bool is_json(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* The directories from the top down to the one being walked: one seen again is a loop. */
struct ancestors {
	dev_t dev[MAXDEPTH + 2];
	ino_t ino[MAXDEPTH + 2];
	int n;
};

static int enter(struct ancestors *a, int dfd, const char *dir, struct dwh_err *e)
{
	struct stat st;

	if (fstat(dfd, &st) < 0)
		return err_set(e, "%s: %s", dir, strerror(errno));
	for (int i = 0; i < a->n; i++)
		if (a->dev[i] == st.st_dev && a->ino[i] == st.st_ino)
			return err_set(e, "%s: a symlink loop (the same directory as an enclosing one)", dir);
	a->dev[a->n] = st.st_dev;
	a->ino[a->n++] = st.st_ino;
	return 0;
}

static void odd_one(struct load_files *l, const char *path)
{
	if (l->odd++ == 0)
		l->odd_first = strdup(path);
}

/* d_type saves a stat for directories and for files that are not .json; the rest are
 * stat'ed relative to their directory, which is cheaper than by full path. */
static int walk(struct load_files *l, const char *dir, struct ancestors *up, struct dwh_err *e)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, visible, by_name), rc = 0;
	int dfd = n < 0 ? -1 : open(dir, O_RDONLY | O_DIRECTORY);
	int depth = up->n;

	if (n >= 0 && dfd >= 0 && enter(up, dfd, dir, e) < 0) {
		for (int i = 0; i < n; i++)
			free(ents[i]);
		free(ents);
		close(dfd);
		return -1;
	}
	if (n < 0 || dfd < 0) {
		rc = err_set(e, "%s: %s", dir, strerror(errno));
		for (int i = 0; i < n; i++)
			free(ents[i]);
		if (n >= 0)
			free(ents);
		return rc;
	}
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		unsigned char type = ents[i]->d_type;
		char path[4096];
		struct stat st;

		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (rc < 0 || (type == DT_REG && !is_json(name)))
			;
		else if (type != DT_DIR && fstatat(dfd, name, &st, 0) < 0)
			rc = err_set(e, "%s: %s", path, strerror(errno));
		else if (type == DT_DIR || S_ISDIR(st.st_mode))
			rc = depth <= MAXDEPTH ? walk(l, path, up, e)
			     : err_set(e, "%s: directories nested too deep", path);
		else if (S_ISREG(st.st_mode) && is_json(name))
			rc = files_add(l, path, &st, e);
		else if (is_json(name))
			odd_one(l, path);
		free(ents[i]);
	}
	free(ents);
	close(dfd);
	up->n = depth;
	return rc;
}

int load_files_find(struct load_files *l, const char *path, struct dwh_err *e)
{
	struct stat st;
	char dir[4096];
	size_t n;

	memset(l, 0, sizeof *l);
	struct ancestors up = { .n = 0 };

	if (stat(path, &st) < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	if (S_ISREG(st.st_mode))
		return files_add(l, path, &st, e);
	if (!S_ISDIR(st.st_mode))
		return err_set(e, "%s: not a regular file or a directory (%s)", path,
			       S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket"
			       : "a device");
	snprintf(dir, sizeof dir, "%s", path);
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	return walk(l, dir, &up, e);
}

void load_files_free(struct load_files *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	free(l->odd_first);
	memset(l, 0, sizeof *l);
}
