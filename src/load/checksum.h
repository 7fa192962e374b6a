/* checksum.h — the content checksum of an input file (64-bit FNV-1a), computed while the
 * loader streams the file (json_stream folds in every byte it reads) or, for a file that is
 * not loaded, by reading it once. Incremental staging compares it to tell a changed file from
 * one loaded before (dwh_files.checksum, 16 hex digits). */
#ifndef DWH_LOAD_CHECKSUM_H
#define DWH_LOAD_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#define CHECKSUM_INIT 0xcbf29ce484222325ULL

/* Fold n bytes into h. */
uint64_t checksum_add(uint64_t h, const void *p, size_t n);
/* The checksum of a whole file: 0, or -1 with errno set. */
int checksum_file(const char *path, uint64_t *out);

#endif
