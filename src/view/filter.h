/* filter.h — one row filter as the browser and `where` read it: "text" (the value holds it,
 * any case), = <> != < <= > >= VALUE, ~ REGEX, is [not] null. Kept rows are judged here
 * (the console's in-memory filter) and the same condition is written as SQL for the server
 * (a result that stopped early, a whole table), quoted by libpq. */
#ifndef DWH_VIEW_FILTER_H
#define DWH_VIEW_FILTER_H

#include "base/dwh.h"

#include <regex.h>
#include <stdbool.h>

/* Opens the comment that ends a query the server filters (`filter COLUMN COND`), holding the
 * filter's label: the browser's footer and u read it back. */
#define VFILTER_MARK "/* dwh filter: "

enum vf_op { VF_HAS, VF_RE, VF_NULL, VF_NOTNULL, VF_EQ, VF_NE, VF_LT, VF_LE, VF_GT, VF_GE };

struct vfilter {
	enum vf_op op;
	char val[256];
	regex_t re;             /* compiled when op is VF_RE */
	char label[320];        /* "level = paid", "song has \"love\"" */
};

/* The condition typed, read into f and labelled with col. NULL, or what is wrong (f then
 * holds nothing to free). */
const char *vfilter_parse(const char *in, const char *col, struct vfilter *f);
void vfilter_free(struct vfilter *f);
/* Whether value v (NULL for SQL NULL) passes, as the server's SQL would judge it: numbers as
 * numbers, anything compared with NULL not true. */
bool vfilter_passes(const struct vfilter *f, const char *v);
/* The condition on column col as SQL, both quoted by libpq on s's connection (so: the
 * worker's thread); malloc'd, or NULL with s->err set. */
char *vfilter_sql(struct dwh *s, const struct vfilter *f, const char *col);

#endif
