/* fsutil.h — the filesystem helpers several parts of dwh need: making a directory path,
 * removing a tree, reading a whole file, finding dwh's data directories (sql/, themes/). Each
 * returns 0 (or a pointer) or -1 (NULL) with the error in e, naming the path. */
#ifndef DWH_FSUTIL_H
#define DWH_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "base/err.h"

/* mkdir -p: the missing parents with mode `parents`, the last part with `leaf`; what exists
 * is left as it is. */
int fs_mkdir_p(const char *path, mode_t parents, mode_t leaf, struct dwh_err *e);
/* rm -r: a file, or a directory and everything under it (symbolic links are not followed);
 * a path that does not exist is no error. */
int fs_remove_tree(const char *path, struct dwh_err *e);
/* A whole file, malloc'd and NUL-terminated; its length in *len when len is not NULL. */
char *fs_read_all(const char *path, size_t *len, struct dwh_err *e);
/* Where dwh's data directory `what` ("sql" or "themes") is: $DWH_SQLDIR / $DWH_THEMEDIR, next
 * to the executable (the build tree), PREFIX/share/dwh beside PREFIX/bin, or the installed
 * DWH_DATADIR. 0 with the path in buf, or -1 (nothing found; no error text). */
int fs_datadir(const char *what, char *buf, size_t n);

#endif
