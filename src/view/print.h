/* print.h — results as text: psql's aligned format and CSV, UTF-8 aware. Used by batch mode and
 * the plain prompt; the console draws its own. */
#ifndef DWH_PRINT_H
#define DWH_PRINT_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

void print_aligned(FILE *f, const PGresult *res);
void print_csv(FILE *f, const PGresult *res);
/* Part of a result streamed in pieces (psql's FETCH_COUNT): the header with the first piece,
 * "(N rows)" with the last; each piece is aligned on its own, as psql does. */
void print_aligned_part(FILE *f, const PGresult *res, bool head, bool foot, long total);
void print_csv_part(FILE *f, const PGresult *res, bool head);
/* One field as psql's CSV output writes it: quoted when it holds sep, a quote, CR or LF, or is
 * "\." alone (which would end COPY's input); NULL and '' both print as nothing. (COPY's own CSV,
 * which tells them apart, is export.c's.) */
void print_csv_field(FILE *f, const char *v, char sep);
/* The aligned table alone: `title` (NULL for none) centred above it as psql's, "(N rows)" when
 * footer; no blank line after. */
void print_table(FILE *f, const PGresult *res, const char *title, bool footer);
/* psql's expanded display (\x): one "-[ RECORD n ]" block per row, names left. */
void print_expanded(FILE *f, const PGresult *res, const char *title, bool footer);
/* Rows of a result streamed in pieces, expanded, numbered from `first`. */
void print_expanded_part(FILE *f, const PGresult *res, long first);
/* Whether \x's setting (0 off, 1 on, 2 auto) asks for expanded display of this result on a
 * screen `cols` wide (0: unknown, auto stays aligned). */
bool print_wants_expanded(const PGresult *res, int expanded, int cols);
/* Columns the aligned table takes, border included. */
int print_table_width(const PGresult *res);
/* Display columns of a UTF-8 string (wide characters count 2, invalid bytes 1). */
int print_width(const char *s);
/* A count or rate for a progress line: 812, 52k, 1.3M. */
void print_count(char *buf, size_t n, double v);
/* psql's \timing line: "Time: 1.234 ms", past a second also "(00:01.235)", then hours, days. */
void print_timing(char *buf, size_t n, double ms);

#endif
