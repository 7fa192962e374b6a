/* cmd_plan.c — a statement's plan drawn as a tree (read by plan_tree.c): PostgreSQL's
 * EXPLAIN (FORMAT JSON), or Redshift's text EXPLAIN. One row per plan node: the node, the
 * planner's estimated rows and cost, and with analyze the rows that came (marked when off by
 * 10x or more), the time spent in the node itself with a bar, the hottest node marked, loops
 * and shared buffers. Where the front end keeps results (the console) every field of each
 * node follows as columns of its own, so Enter on a node shows them all as its record. An
 * analysed statement that writes runs in a transaction rolled back. */
#include "cmd/cmd.h"
#include "cmd/plan.h"

#include "db/db.h"
#include "db/result.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DETAIL_MAX 64           /* distinct node fields kept as columns */

/* "×12 over" / "×40 under" when the estimate is off by 10x or more, else "". */
static void misestimate(const struct plan_node *r, char *buf, size_t n)
{
	double est = r->est > 0 ? r->est : 1, got = r->rows > 0 ? r->rows : 1;

	buf[0] = '\0';
	if (r->actual && (got / est >= 10 || est / got >= 10))
		snprintf(buf, n, "×%.0f %s", got > est ? got / est : est / got, got > est ? "under" : "over");
}

/* The fields any node has, in the order first met: the details' columns. */
static int detail_keys(const struct plan *p, const char **keys)
{
	int nk = 0;

	for (int i = 0; i < p->count; i++)
		for (int f = 0; f < p->n[i].nf; f++) {
			int k = 0;

			while (k < nk && strcmp(keys[k], p->n[i].f[f].key))
				k++;
			if (k == nk && nk < DETAIL_MAX)
				keys[nk++] = p->n[i].f[f].key;
		}
	return nk;
}

static const char *field(const struct plan_node *nd, const char *key)
{
	for (int f = 0; f < nd->nf; f++)
		if (!strcmp(nd->f[f].key, key))
			return nd->f[f].val;
	return NULL;
}

/* The tree as a result: its columns, then the details' (when details). */
static PGresult *plan_result(const struct plan *p, bool analyze, bool details)
{
	static const char *const tree[] = { "node", "est rows", "cost", "rows", "misestimate", "self ms", "time", "loops", "buffers" };
	static const int tree_num[] = { 0, 1, 1, 1, 0, 1, 0, 1, 0 };
	const char *names[9 + DETAIL_MAX], *keys[DETAIL_MAX];
	int numeric[9 + DETAIL_MAX], nt = analyze ? 9 : 3, nk = details ? detail_keys(p, keys) : 0;
	double hottest = 0;
	int hot = -1;
	PGresult *out;
	char buf[64];

	for (int c = 0; c < nt; c++)
		names[c] = tree[c], numeric[c] = tree_num[c];
	for (int k = 0; k < nk; k++)
		names[nt + k] = keys[k], numeric[nt + k] = 0;
	for (int i = 0; analyze && i < p->count; i++)
		if (p->n[i].self_ms > hottest)
			hottest = p->n[i].self_ms, hot = i;
	if (!(out = result_new(nt + nk, names, numeric)))
		return NULL;
	for (int i = 0; i < p->count; i++) {
		const struct plan_node *r = &p->n[i];
		char node[600], pre[200], bar[64] = "";

		plan_prefix(p, i, pre, sizeof pre);
		snprintf(node, sizeof node, "%s%s%s", pre, r->name ? r->name : "?", i == hot ? "  ◀ hottest" : "");
		result_set(out, i, 0, node);
		snprintf(buf, sizeof buf, "%.0f", r->est);
		result_set(out, i, 1, buf);
		snprintf(buf, sizeof buf, "%.2f", r->cost);
		result_set(out, i, 2, buf);
		for (int k = 0; k < nk; k++)
			result_set(out, i, nt + k, field(r, keys[k]) ? field(r, keys[k]) : "");
		if (!analyze)
			continue;
		snprintf(buf, sizeof buf, "%.0f", r->rows * r->loops);
		result_set(out, i, 3, buf);
		misestimate(r, buf, sizeof buf);
		result_set(out, i, 4, buf);
		snprintf(buf, sizeof buf, "%.3f", r->self_ms);
		result_set(out, i, 5, buf);
		for (int b = 0, w = hottest > 0 ? (int)lround(r->self_ms / hottest * 12) : 0; b < w; b++)
			strcat(bar, "█");
		result_set(out, i, 6, bar);
		snprintf(buf, sizeof buf, "%d", r->loops);
		result_set(out, i, 7, buf);
		snprintf(buf, sizeof buf, "hit %lld read %lld", r->hit, r->read);
		result_set(out, i, 8, buf);
	}
	return out;
}

/* The server's plan read into p: JSON from PostgreSQL, text lines from Redshift. */
static enum dwh_rc read_plan(struct dwh *s, const char *query, bool analyze, bool redshift, struct plan *p)
{
	size_t qn = strlen(query);
	char *sql = malloc(qn + 64), *text = NULL, why[200];
	PGresult *res;
	enum dwh_rc rc = DWH_OK;
	size_t len = 1;

	if (!sql)
		return dwh_fail(s, "out of memory");
	if (redshift)           /* no FORMAT JSON there, and no ANALYZE */
		snprintf(sql, qn + 64, "EXPLAIN %s", query);
	else
		snprintf(sql, qn + 64, "EXPLAIN (FORMAT JSON%s) %s", analyze ? ", ANALYZE, BUFFERS" : "", query);
	res = db_query(s, sql);
	free(sql);
	if (!res)
		return db_fail_rc(s);
	for (int i = 0; i < PQntuples(res); i++)
		len += strlen(PQgetvalue(res, i, 0)) + 1;
	if (PQntuples(res) < 1 || !(text = calloc(1, len))) {
		PQclear(res);
		return dwh_fail(s, PQntuples(res) < 1 ? "explain: the server gave no plan" : "out of memory");
	}
	for (int i = 0; i < PQntuples(res); i++)
		strcat(strcat(text, PQgetvalue(res, i, 0)), "\n");
	PQclear(res);
	if ((redshift ? plan_from_redshift(p, text, why, sizeof why) : plan_from_json(p, text, why, sizeof why)) < 0)
		rc = dwh_fail(s, "explain: %s", why);
	free(text);
	return rc;
}

enum dwh_rc cmd_plan_titled(struct dwh *s, const char *query, bool analyze, const char *title)
{
	struct plan p = { 0 };
	PGresult *out;
	enum dwh_rc rc;
	bool in_tx = false, redshift;

	if ((rc = db_ensure(s)) != DWH_OK)
		return rc;
	redshift = !strcmp(db_dialect(s), "redshift");
	if (analyze && redshift)
		return dwh_fail(s, "explain analyze: Redshift has no EXPLAIN ANALYZE (run the query, then "
				"read SVL_QUERY_SUMMARY); explain QUERY gives its plan");
	if (analyze && guard_statement(s, query) != DWH_OK)
		return DWH_FAIL;
	/* an analysed INSERT/UPDATE/DELETE really runs: undone, as `explain STAGE` does */
	if (analyze && PQtransactionStatus(s->conn) == PQTRANS_IDLE) {
		if ((rc = db_exec(s, "BEGIN")) != DWH_OK)
			return rc;
		in_tx = true;
	}
	if ((rc = read_plan(s, query, analyze, redshift, &p)) == DWH_OK) {
		/* a front end that keeps results (s->out.text: the console) browses the details */
		if ((out = plan_result(&p, analyze, s->out.text != NULL))) {
			dwh_result(s, out, title ? title : analyze ? "plan (analyze)" : "plan", -1);
			PQclear(out);
		} else {
			rc = dwh_fail(s, "out of memory");
		}
	}
	if (in_tx)
		db_rollback(s);
	plan_free(&p);
	return rc;
}

enum dwh_rc cmd_plan(struct dwh *s, const char *query, bool analyze)
{
	return cmd_plan_titled(s, query, analyze, NULL);
}
