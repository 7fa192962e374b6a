/* vars.h — psql's variables (\set NAME VALUE, \unset NAME) and their interpolation into SQL
 * and meta-command arguments: `:NAME` the value as it is, `:'NAME'` as a literal, `:"NAME"` as
 * an identifier, `:{?NAME}` TRUE or FALSE for whether it is set. Nothing inside quotes,
 * dollar quotes or comments is touched, `::` stays a cast, and an unset name stays as typed. */
#ifndef DWH_VARS_H
#define DWH_VARS_H

#include <stdbool.h>

#include "base/dwh.h"

/* The value of a variable, or NULL when it is not set. */
const char *vars_get(const struct dwh *s, const char *name);
/* Set (copying both) or remove a variable. 0, or -1 when out of memory or the name is not
 * letters, digits and '_'. */
int vars_set(struct dwh *s, const char *name, const char *value);
void vars_unset(struct dwh *s, const char *name);
void vars_free(struct dwh *s);
/* The i-th variable in name order (0 <= i < vars_count), for \set without arguments. */
int vars_count(const struct dwh *s);
void vars_at(const struct dwh *s, int i, const char **name, const char **value);
/* Whether a name can be a variable's (psql's variable characters). */
bool vars_valid_name(const char *name);

/* Quote `value` as a literal (ident false) or an identifier (ident true): a malloc'd string,
 * or NULL with e set. The session's version uses PQescapeLiteral/PQescapeIdentifier. */
typedef char *(*vars_quote_fn)(void *ctx, const char *value, bool ident, struct dwh_err *e);

/* `text` with every variable reference replaced. A malloc'd string, or NULL with e set (out
 * of memory, or quoting failed). Pure apart from `quote`: a fuzz target can drive it. */
char *vars_expand(const struct dwh *s, const char *text, vars_quote_fn quote, void *ctx,
		  struct dwh_err *e);
/* The same with the session's connection doing the quoting (it must be connected when the
 * text quotes a variable). */
char *vars_interpolate(struct dwh *s, const char *text);

/* A meta-command line split into words as psql reads its arguments: '...' quoted (a doubled
 * quote is one), "..." kept with its quotes, variables replaced (their values are not read
 * again for quotes). Returns argc, or -1 with e set; free with cmd_free_argv. */
int vars_split_meta(const struct dwh *s, const char *line, vars_quote_fn quote, void *ctx,
		    char ***argv, struct dwh_err *e);
/* The same with the session's quoting; -1 with s->err set. */
int vars_meta_argv(struct dwh *s, const char *line, char ***argv);

#endif
