/* cmd_filter.c — `filter [TABLE.]COLUMN CONDITION`: rows the server keeps.
 *   filter TABLE.COLUMN COND  the table's rows whose column passes (the browser's Enter on a
 *                             whole table's profile value);
 *   filter COLUMN COND        the console's shown result asked again as a subquery with the
 *                             condition as its WHERE (the browser's | on a result that stopped
 *                             early), marked so the footer names it and u drops it.
 * The condition reads as the browser's filter prompt (view/filter.h). The browser sends this
 * command instead of SQL of its own because only this thread holds the connection libpq
 * quotes with. */
#include "cmd/cmd.h"

#include "db/db.h"
#include "view/filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The label inside the query's closing comment, with every star-slash and slash-star broken:
 * a value may hold them, and it must neither end the comment nor open one nested in it. */
static void comment_safe(char *label)
{
	for (char *p = label; p[0] && p[1]; p++)
		if ((p[0] == '*' && p[1] == '/') || (p[0] == '/' && p[1] == '*'))
			p[p[0] == '*' ? 1 : 0] = '|';
}

/* FROM clause and the query text, both malloc'd: the table quoted, or the shown result's
 * query as a subquery. */
static enum dwh_rc source(struct dwh *s, const char *spec, const char *dot, char **from)
{
	char *q;
	int id;

	if (dot) {
		char *t = strndup(spec, (size_t)(dot - spec));
		*from = t ? db_ident(s, t) : NULL;
		free(t);
		return *from ? DWH_OK : DWH_FAIL;
	}
	if (!s->hooks.result_query || !(q = s->hooks.result_query(s, &id)))
		return dwh_fail(s, "filter %s: which table? (filter TABLE.COLUMN CONDITION%s)", spec,
				s->hooks.result_query ? ", or a column of a result shown" : "");
	size_t n = strlen(q) + 16;
	if ((*from = malloc(n)))
		snprintf(*from, n, "(\n%s\n) q", q);
	free(q);
	return *from ? DWH_OK : dwh_fail(s, "out of memory");
}

/* The condition: every word after the column, joined by one space (quote to keep more). */
static void joined(int argc, char **argv, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int i = 2; i < argc; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i > 2 ? " " : "", argv[i]);
}

static enum dwh_rc exec_filter(struct dwh *s, int argc, char **argv)
{
	const char *spec = argv[1], *dot = strrchr(spec, '.'), *bad;
	char cond[300], *from = NULL, *where = NULL, *sql = NULL;
	struct vfilter f;
	enum dwh_rc rc = DWH_FAIL;

	joined(argc, argv, cond, sizeof cond);
	if ((bad = vfilter_parse(cond, dot ? dot + 1 : spec, &f)))
		return dwh_fail(s, "filter %s: %s (text, = > < >= <= <> VALUE, is [not] null, ~ REGEX)",
				spec, bad);
	/* Redshift's string literals have no E'' form for a backslash (Database Developer Guide,
	 * "Literals": https://docs.aws.amazon.com/redshift/latest/dg/r_Literals.html), which is
	 * how libpq quotes one */
	if (s->server.engine == ENGINE_REDSHIFT && strchr(f.val, '\\')) {
		vfilter_free(&f);
		return dwh_fail(s, "filter %s: a backslash cannot be quoted for Redshift here: use SQL", spec);
	}
	if (source(s, spec, dot, &from) == DWH_OK && (where = vfilter_sql(s, &f, dot ? dot + 1 : spec))) {
		size_t n = strlen(from) + strlen(where) + strlen(f.label) + 64;
		comment_safe(f.label);
		if (!(sql = malloc(n)))
			dwh_fail(s, "out of memory");
		else if (dot)
			snprintf(sql, n, "SELECT * FROM %s WHERE %s;", from, where);
		else    /* the mark the browser's footer and u read (tui/explore.c) */
			snprintf(sql, n, "SELECT * FROM %s WHERE %s " VFILTER_MARK "%s */", from, where, f.label);
		if (sql)
			rc = cmd_dispatch_sql_raw(s, sql);
	}
	vfilter_free(&f);
	free(from), free(where), free(sql);
	return rc;
}

const struct dwh_cmd cmd_filter = {
	.name = "filter",
	.args = "[TABLE.]COLUMN CONDITION",
	.min_args = 2,
	.max_args = CMD_ANY,
	.help = "rows whose column passes a condition, kept by the server",
	.detail = "filter TABLE.COLUMN COND  the table's rows that pass, e.g. filter songplays.level = paid\n"
		  "filter COLUMN COND        the console's shown result asked again with the condition\n"
		  "                          as its WHERE (u in the browser drops it)\n"
		  "COND is what the browser's | prompt reads: a text the value holds (any case),\n"
		  "= <> != < <= > >= VALUE (numbers compared as numbers), ~ REGEX, is null, is not null.\n"
		  "Quote a value to keep its spaces: filter songs.title = 'Hey  Jude'",
	.needs_conn = true,
	.exec = exec_filter,
};
