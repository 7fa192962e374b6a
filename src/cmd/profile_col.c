/* profile_col.c — `profile [TABLE.]COLUMN` and the browser's `F`: a column's figures, every
 * one computed by the server (GROUP BY, count(DISTINCT), percentiles) over the table or over
 * the shown result's query as a subquery, so a result of millions of rows costs the client
 * nothing. The answer is one result: a row per figure, then the top values, each with its
 * count, its share of the rows and a bar. */
#include "cmd/profile_col.h"

#include "db/db.h"
#include "db/result.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROFILE_TOP 10
#define PROFILE_BAR 20

enum ckind { CK_OTHER, CK_NUMBER, CK_TIME };

static enum ckind kind_of(Oid t)
{
	/* int8 int2 int4 float4 float8 numeric; date time timestamp timestamptz */
	if (t == 20 || t == 21 || t == 23 || t == 700 || t == 701 || t == 1700)
		return CK_NUMBER;
	if (t == 1082 || t == 1083 || t == 1114 || t == 1184)
		return CK_TIME;
	return CK_OTHER;
}

/* One row of the answer: what, value, count, share of total and its bar. */
static void add(PGresult *out, const char *what, const char *value, long long count, long long total)
{
	int r = PQntuples(out);
	char buf[64], bar[PROFILE_BAR * 3 + 1] = "";

	result_set(out, r, 0, what);
	result_set(out, r, 1, value);
	if (count < 0)
		return;
	snprintf(buf, sizeof buf, "%lld", count);
	result_set(out, r, 2, buf);
	if (total <= 0 || !strcmp(what, "rows") || !strcmp(what, "distinct"))
		return;
	snprintf(buf, sizeof buf, "%.1f%%", 100.0 * (double)count / (double)total);
	result_set(out, r, 3, buf);
	for (int b = 0, w = (int)lround((double)count / (double)total * PROFILE_BAR); b < w; b++)
		strcat(bar, "█");
	result_set(out, r, 4, bar);
}

static PGresult *query(struct dwh *s, const char *fmt, const char *col, const char *from, const char *extra)
{
	size_t n = strlen(fmt) + 4 * strlen(col) + strlen(from) + strlen(extra) + 64;
	char *sql = malloc(n);
	PGresult *res;

	if (!sql)
		return NULL;
	snprintf(sql, n, fmt, col, from, extra);
	res = db_query(s, sql);
	free(sql);
	return res;
}

/* min/max/mean, percentiles: PostgreSQL interpolates numbers (percentile_cont) and picks a
 * row's value for times (percentile_disc). Redshift's exact percentiles run on one node
 * (leader-node limits); APPROXIMATE PERCENTILE_DISC (a quantile summary, "APPROXIMATE
 * PERCENTILE_DISC function", Amazon Redshift Database Developer Guide,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_APPROXIMATE_PERCENTILE_DISC.html) is
 * the one that scales. */
static void spread(struct dwh *s, PGresult *out, const char *col, const char *from, enum ckind k)
{
	static const char *const pn[] = { "p25", "p50", "p75" };
	bool rs = !strcmp(db_dialect(s), "redshift");
	char sel[1024];
	PGresult *res;

	snprintf(sel, sizeof sel, "SELECT min(%%1$s)::text, max(%%1$s)::text, %s FROM %%2$s%%3$s",
		 k == CK_NUMBER ? "avg(%1$s)::text" : "NULL::text");
	if ((res = query(s, sel, col, from, "")) && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
		add(out, "min", PQgetisnull(res, 0, 0) ? NULL : PQgetvalue(res, 0, 0), -1, 0);
		add(out, "max", PQgetisnull(res, 0, 1) ? NULL : PQgetvalue(res, 0, 1), -1, 0);
		if (k == CK_NUMBER)
			add(out, "mean", PQgetisnull(res, 0, 2) ? NULL : PQgetvalue(res, 0, 2), -1, 0);
	}
	PQclear(res);
	const char *fn = rs ? "APPROXIMATE PERCENTILE_DISC" : k == CK_NUMBER ? "percentile_cont" : "percentile_disc";
	snprintf(sel, sizeof sel, "SELECT %s(0.25) WITHIN GROUP (ORDER BY %%1$s)::text, %s(0.5) WITHIN "
		 "GROUP (ORDER BY %%1$s)::text, %s(0.75) WITHIN GROUP (ORDER BY %%1$s)::text FROM %%2$s%%3$s",
		 fn, fn, fn);
	if ((res = query(s, sel, col, from, "")) && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
		for (int i = 0; i < 3; i++)
			add(out, pn[i], PQgetisnull(res, 0, i) ? NULL : PQgetvalue(res, 0, i), -1, 0);
	} else {
		dwh_msg(s, LOG_WARN, "profile: no percentiles (%s)", s->err.msg);
	}
	PQclear(res);
}

/* The figures of column col (quoted) over from (a quoted table or "(query) q"). */
static enum dwh_rc figures(struct dwh *s, const char *col, const char *from, const char *title)
{
	static const char *const names[] = { "what", "value", "count", "share", "bar" };
	static const int numeric[] = { 0, 0, 1, 1, 0 };
	PGresult *res, *out = NULL;
	enum ckind k;
	long long total, nonnull, distinct;

	if (!(res = query(s, "SELECT %s FROM %s LIMIT 0%s", col, from, "")) ||
	    PQresultStatus(res) != PGRES_TUPLES_OK) {
		PQclear(res);
		return DWH_FAIL;
	}
	k = kind_of(PQftype(res, 0));
	PQclear(res);
	if (!(res = query(s, "SELECT count(*), count(%1$s), count(DISTINCT %1$s) FROM %2$s%3$s", col, from, "")))
		return DWH_FAIL;
	total = atoll(PQgetvalue(res, 0, 0));
	nonnull = atoll(PQgetvalue(res, 0, 1));
	distinct = atoll(PQgetvalue(res, 0, 2));
	PQclear(res);
	if (!(out = result_new(5, names, numeric)))
		return dwh_fail(s, "profile: out of memory");
	add(out, "rows", NULL, total, total);
	add(out, "NULL", NULL, total - nonnull, total);
	add(out, "distinct", NULL, distinct, total);
	if (k != CK_OTHER && nonnull > 0)
		spread(s, out, col, from, k);
	if ((res = query(s, "SELECT %1$s::text, count(*) FROM %2$s WHERE %1$s IS NOT NULL GROUP BY 1 "
			 "ORDER BY 2 DESC, 1%3$s", col, from, " LIMIT " /* top */ "10"))) {
		for (int i = 0; i < PQntuples(res); i++)
			add(out, "top", PQgetvalue(res, i, 0), atoll(PQgetvalue(res, i, 1)), total);
		PQclear(res);
	}
	dwh_result(s, out, title, -1);
	PQclear(out);
	return DWH_OK;
}

enum dwh_rc profile_column(struct dwh *s, const char *spec)
{
	const char *dot = strrchr(spec, '.');
	char *col = NULL, *from = NULL, *q = NULL, title[600];
	int id = 0;
	enum dwh_rc rc = DWH_FAIL;

	/* no table and no result shown: said before connecting (which would start the private
	 * server for nothing) */
	if (!dot && (!s->hooks.result_query || !(q = s->hooks.result_query(s, &id))))
		return dwh_fail(s, "profile %s: which table? (profile TABLE.COLUMN%s)", spec,
				s->hooks.result_query ? ", or a column of a result shown" : "");
	if (db_ensure(s) != DWH_OK || !(col = db_ident(s, dot ? dot + 1 : spec))) {
		free(q);
		return DWH_FAIL;
	}
	if (dot) {
		char *t = strndup(spec, (size_t)(dot - spec)), *tq = t ? db_ident(s, t) : NULL;
		from = tq;
		free(t);
		snprintf(title, sizeof title, "profile %s", spec);
	} else {
		size_t n = strlen(q) + 16;
		if ((from = malloc(n)))
			snprintf(from, n, "(%s) q", q);
		snprintf(title, sizeof title, "profile %s of result %d", spec, id);
	}
	if (from)
		rc = figures(s, col, from, title);
	free(col);
	free(from);
	free(q);
	return rc;
}
