/* print.h — results as text: psql's aligned format and CSV, UTF-8 aware. Used by batch mode and
 * the plain prompt; the console draws its own. */
#ifndef DWH_PRINT_H
#define DWH_PRINT_H

#include <libpq-fe.h>
#include <stdio.h>

void print_aligned(FILE *f, const PGresult *res);
void print_csv(FILE *f, const PGresult *res);
/* Display columns of a UTF-8 string (wide characters count 2, invalid bytes 1). */
int print_width(const char *s);
/* A count or rate for a progress line: 812, 52k, 1.3M. */
void print_count(char *buf, size_t n, double v);

#endif
