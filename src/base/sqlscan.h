/* sqlscan.h — finding where SQL statements end: `;` outside quotes, comments and dollar-quoted
 * strings, as psql's lexer does, so scripts can spread a statement over several lines. */
#ifndef DWH_SQLSCAN_H
#define DWH_SQLSCAN_H

#include <stddef.h>
#include <stdbool.h>

/* Offset just past the first statement-ending ';' in s[0..n), or 0 when none. */
size_t sqlscan_end(const char *s, size_t n);
/* Whether s holds nothing but whitespace and comments. */
bool sqlscan_blank(const char *s);
bool sqlscan_blank_n(const char *s, size_t n);
/* Why text that ends no statement is unfinished, as psql's %R tells it: '\'' or '"' inside a
 * quote, '$' a dollar quote, '*' a block comment, '(' an open parenthesis, '-' a statement
 * not yet ended by ';'; 0 when nothing is pending (only whitespace and comments after the
 * last ';'). */
char sqlscan_state(const char *s, size_t n);

/* What makes one statement destructive, for the guard that asks before it runs: "DROP",
 * "TRUNCATE", "DELETE without WHERE", "UPDATE without WHERE" (WHERE at the statement's own
 * level, quotes, comments and subqueries aside; a WITH's main statement counts); NULL when
 * none of these. */
const char *sqlscan_destructive(const char *stmt);

/* What each byte of s[0..n) is, for highlighting (cls: n bytes): keywords, strings (quoted,
 * E'', dollar-quoted), numbers, comments, psql variables (:name, :'name', :{?name}) and
 * meta-commands' names; the rest (identifiers, "quoted" names, operators) plain. */
enum { SQLSCAN_PLAIN = 0, SQLSCAN_KEYWORD = 'k', SQLSCAN_STRING = 's', SQLSCAN_NUMBER = 'n',
       SQLSCAN_COMMENT = 'c', SQLSCAN_VARIABLE = 'v', SQLSCAN_META = 'm' };
void sqlscan_classes(const char *s, size_t n, char *cls);

/* The statements of a text one at a time, the one loop every caller that sends a file or a
 * line statement by statement uses:
 *	struct sqlscan_iter it;
 *	if (!sqlscan_start(&it, text)) ... out of memory
 *	for (const char *stmt; (stmt = sqlscan_next(&it)); ) ... send stmt
 *	sqlscan_stop(&it);
 * Each statement keeps its ';' (the last may have none); blank ones (whitespace, comments)
 * are skipped. A statement is valid until the next call. */
struct sqlscan_iter {
	const char *text;
	size_t len, off;
	char *buf;
};
bool sqlscan_start(struct sqlscan_iter *it, const char *text);
const char *sqlscan_next(struct sqlscan_iter *it);
void sqlscan_stop(struct sqlscan_iter *it);

#endif
