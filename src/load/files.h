/* files.h — the input files of a stage: one file, or every .json file under a directory
 * tree in sorted (byte) order, hidden entries skipped (the course data ships .ipynb_checkpoints
 * copies that must not load twice). */
#ifndef DWH_LOAD_FILES_H
#define DWH_LOAD_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct load_file {
	char *path;
	int64_t size;
	int64_t mtime_sec;      /* modification time when listed (dwh_files keeps it) */
	long mtime_nsec;
};

struct load_files {
	struct load_file *v;
	size_t n, cap;
	int64_t bytes;          /* total size */
	size_t odd;             /* .json entries that are not regular files (FIFO, socket,
				 * device): skipped, never opened (a FIFO would block) */
	char *odd_first;        /* the first of them, for the message */
};

/* A file named directly is taken whatever its name (but it must be a regular file); a
 * directory gives its .json files, a directory reached again through a symlink being an
 * error. 0 or -1. */
int load_files_find(struct load_files *l, const char *path, struct dwh_err *e);
void load_files_free(struct load_files *l);

#endif
