/* loader_files.h — the input files of a stage: one file, or every .json file under a directory
 * tree in sorted (byte) order, hidden entries skipped (the course data ships .ipynb_checkpoints
 * copies that must not load twice). */
#ifndef DWH_LOADER_FILES_H
#define DWH_LOADER_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct lfile {
	char *path;
	int64_t size;
};

struct flist {
	struct lfile *v;
	size_t n, cap;
	int64_t bytes;          /* total size */
};

/* A file named directly is taken whatever its name; a directory gives its .json files. 0 or -1. */
int flist_build(struct flist *l, const char *path, struct dwh_err *e);
void flist_free(struct flist *l);

#endif
