/* rows.h — a result's rows held for browsing: in memory while small, in an unlinked temporary
 * file once past a memory budget, read back a block at a time through a small cache, so a
 * result of any size costs a bounded amount of memory. Not thread-safe: the caller locks. */
#ifndef DWH_ROWS_H
#define DWH_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#define ROWS_BLOCK 256          /* rows per block (the unit written and read back) */

struct rowstore;

/* A store for rows of ncols cells; rows beyond mem_budget bytes go to a temporary file. */
struct rowstore *rows_new(int ncols, size_t mem_budget);
void rows_free(struct rowstore *rs);

/* Add a row: ncols values (NULL for SQL NULL) with their lengths. 0, or -1 (errno). */
int rows_append(struct rowstore *rs, const char *const *vals, const int *lens);
long rows_count(const struct rowstore *rs);
/* Whether every row is in memory (sorting needs that). */
bool rows_in_memory(const struct rowstore *rs);
/* Bytes of row data held in memory now. */
size_t rows_mem(const struct rowstore *rs);

/* The cells of row i (in the current order) into cells[ncols], NULL for SQL NULL. The strings
 * stay valid until the next rows_get, rows_append or rows_sort. 0, or -1 (i out of range, or
 * the file could not be read). */
int rows_get(struct rowstore *rs, long i, const char **cells);

/* Order rows by column col, numbers as numbers when `numeric`, NULLs last, ties in arrival
 * order; desc reverses (NULLs still last). -1 when not every row is in memory. */
int rows_sort(struct rowstore *rs, int col, bool numeric, bool desc);

#endif
