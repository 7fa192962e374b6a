/* checksum.h — the content checksum of an input file, computed while the loader streams the
 * file (json_stream folds in every byte it reads) or, for a file that is not loaded, by reading
 * it once. Incremental staging compares it to tell a changed file from one loaded before
 * (dwh_files.checksum). It is XXH64 (seed 0), eight bytes a step in four independent lanes,
 * stored as "x" and 16 hex digits; rows written by earlier versions hold 64-bit FNV-1a (one
 * multiply per byte, a fifth of a stage's CPU) as 16 hex digits, still read and compared. */
#ifndef DWH_LOAD_CHECKSUM_H
#define DWH_LOAD_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* A checksum being computed: checksum_init, checksum_add in any pieces, checksum_value. */
struct checksum {
	uint64_t v[4], total;
	unsigned char tail[32];
	unsigned ntail;
};

void checksum_init(struct checksum *c);
void checksum_add(struct checksum *c, const void *p, size_t n);
uint64_t checksum_value(const struct checksum *c);

/* The legacy checksum (64-bit FNV-1a) of n bytes. */
#define CHECKSUM_FNV_INIT 0xcbf29ce484222325ULL
uint64_t checksum_fnv_add(uint64_t h, const void *p, size_t n);

/* The checksum of a whole file (legacy: FNV-1a): 0, or -1 with errno set. */
int checksum_file(const char *path, int legacy, uint64_t *out);

#endif
