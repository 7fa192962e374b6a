/* cmd_plan.c — `explain [analyze] QUERY`: PostgreSQL's EXPLAIN (FORMAT JSON) drawn as a tree,
 * one row per plan node: the node, the planner's estimated rows against the rows that came
 * (marked when off by 10x or more), and with analyze the time spent in the node itself with a
 * bar, the hottest node marked, loops and shared buffers. An analysed statement that writes
 * runs in a transaction rolled back. */
#include "cmd/cmd.h"

#include "db/db.h"
#include "db/result.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_MAX 400

struct plan_row {
	char node[320];
	double est, rows, self_ms;
	int loops;
	long long hit, read;
	bool actual;
};

struct plan {
	struct plan_row r[PLAN_MAX];
	int n;
	bool analyze;
};

static double num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A node and, below it, its children; prefix draws the tree's lines. */
static void walk(struct plan *p, const cJSON *node, const char *prefix, bool last, bool root)
{
	const cJSON *kids = cJSON_GetObjectItemCaseSensitive(node, "Plans"), *k;
	const char *type = str(node, "Node Type"), *rel = str(node, "Relation Name"),
		   *join = str(node, "Join Type"), *idx = str(node, "Index Name");
	struct plan_row *r;
	char sub[300];
	double total, kids_ms = 0;
	int loops = (int)num(node, "Actual Loops"), nk = cJSON_GetArraySize(kids), i = 0;

	if (p->n >= PLAN_MAX)
		return;
	r = &p->r[p->n++];
	snprintf(r->node, sizeof r->node, "%s%s%s%s%s%s%s%s", prefix, root ? "" : last ? "└─ " : "├─ ",
		 join && strcmp(join, "Inner") ? join : "", join && strcmp(join, "Inner") ? " " : "",
		 type ? type : "?", rel ? " on " : "", rel ? rel : "", idx ? " using " : "");
	if (idx)
		snprintf(r->node + strlen(r->node), sizeof r->node - strlen(r->node), "%s", idx);
	r->loops = loops > 0 ? loops : 1;
	r->est = num(node, "Plan Rows");
	r->actual = cJSON_GetObjectItemCaseSensitive(node, "Actual Rows") != NULL;
	r->rows = num(node, "Actual Rows");
	r->hit = (long long)num(node, "Shared Hit Blocks");
	r->read = (long long)num(node, "Shared Read Blocks");
	total = num(node, "Actual Total Time") * r->loops;
	cJSON_ArrayForEach(k, kids) {
		kids_ms += num(k, "Actual Total Time") * (num(k, "Actual Loops") > 0 ? num(k, "Actual Loops") : 1);
	}
	r->self_ms = total - kids_ms > 0 ? total - kids_ms : 0;
	snprintf(sub, sizeof sub, "%s%s", prefix, root ? "" : last ? "   " : "│  ");
	cJSON_ArrayForEach(k, kids)
		walk(p, k, sub, ++i == nk, false);
}

/* "×12 over" / "×40 under" when the estimate is off by 10x or more, else "". */
static void misestimate(const struct plan_row *r, char *buf, size_t n)
{
	double est = r->est > 0 ? r->est : 1, got = r->rows > 0 ? r->rows : 1;

	buf[0] = '\0';
	if (r->actual && (got / est >= 10 || est / got >= 10))
		snprintf(buf, n, "×%.0f %s", got > est ? got / est : est / got, got > est ? "under" : "over");
}

enum dwh_rc cmd_plan(struct dwh *s, const char *query, bool analyze)
{
	static const char *const cols[] = { "node", "est rows", "rows", "misestimate", "self ms", "time", "loops", "buffers" };
	static const int numeric[] = { 0, 1, 1, 0, 1, 0, 1, 0 };
	struct plan *p = calloc(1, sizeof *p);
	size_t qn = strlen(query);
	char *sql = malloc(qn + 64), buf[64];
	PGresult *res = NULL, *out;
	cJSON *doc = NULL, *top;
	double hottest = 0;
	int hot = -1;
	enum dwh_rc rc = DWH_OK;
	bool in_tx = false;

	if (!p || !sql) {
		free(p);
		free(sql);
		return dwh_fail(s, "out of memory");
	}
	snprintf(sql, qn + 64, "EXPLAIN (FORMAT JSON%s) %s", analyze ? ", ANALYZE, BUFFERS" : "", query);
	if (analyze && guard_statement(s, query) != DWH_OK) {
		rc = DWH_FAIL;
		goto done;
	}
	/* an analysed INSERT/UPDATE/DELETE really runs: undone, as `explain STAGE` does */
	if (analyze && PQtransactionStatus(s->conn) == PQTRANS_IDLE) {
		if ((rc = db_exec(s, "BEGIN")) != DWH_OK)
			goto done;
		in_tx = true;
	}
	if (!(res = db_query(s, sql))) {
		rc = db_fail_rc(s);
		goto done;
	}
	if (PQntuples(res) < 1 || !(doc = cJSON_Parse(PQgetvalue(res, 0, 0))) ||
	    !(top = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(doc, 0), "Plan"))) {
		rc = dwh_fail(s, "explain: the server's plan is not the JSON expected (Redshift has no FORMAT JSON)");
		goto done;
	}
	p->analyze = analyze;
	walk(p, top, "", true, true);
	for (int i = 0; i < p->n; i++)
		if (p->r[i].self_ms > hottest)
			hottest = p->r[i].self_ms, hot = i;
	if (!(out = result_new(analyze ? 8 : 2, cols, numeric))) {
		rc = dwh_fail(s, "out of memory");
		goto done;
	}
	for (int i = 0; i < p->n; i++) {
		const struct plan_row *r = &p->r[i];
		char node[360], bar[64] = "";

		snprintf(node, sizeof node, "%s%s", r->node, i == hot ? "  ◀ hottest" : "");
		result_set(out, i, 0, node);
		snprintf(buf, sizeof buf, "%.0f", r->est);
		result_set(out, i, 1, buf);
		if (!analyze)
			continue;
		snprintf(buf, sizeof buf, "%.0f", r->rows * r->loops);
		result_set(out, i, 2, buf);
		misestimate(r, buf, sizeof buf);
		result_set(out, i, 3, buf);
		snprintf(buf, sizeof buf, "%.3f", r->self_ms);
		result_set(out, i, 4, buf);
		for (int b = 0, w = hottest > 0 ? (int)lround(r->self_ms / hottest * 12) : 0; b < w; b++)
			strcat(bar, "█");
		result_set(out, i, 5, bar);
		snprintf(buf, sizeof buf, "%d", r->loops);
		result_set(out, i, 6, buf);
		snprintf(buf, sizeof buf, "hit %lld read %lld", r->hit, r->read);
		result_set(out, i, 7, buf);
	}
	dwh_result(s, out, analyze ? "plan (analyze)" : "plan", -1);
	PQclear(out);
done:
	if (in_tx)
		db_rollback(s);
	cJSON_Delete(doc);
	PQclear(res);
	free(sql);
	free(p);
	return rc;
}
