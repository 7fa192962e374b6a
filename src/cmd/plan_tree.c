/* plan_tree.c — reading a plan into nodes (plan.h): PostgreSQL's EXPLAIN (FORMAT JSON), every
 * field of each node kept for its details, and Redshift's text EXPLAIN, whose nodes are the
 * lines holding "(cost=", nested by the column of their "->", with the lines under a node
 * (Hash Cond, Filter, Send to leader) as its fields. */
#include "cmd/plan.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void plan_free(struct plan *p)
{
	for (int i = 0; i < p->count; i++) {
		for (int k = 0; k < p->n[i].nf; k++) {
			free(p->n[i].f[k].key);
			free(p->n[i].f[k].val);
		}
		free(p->n[i].f);
		free(p->n[i].name);
	}
	free(p->n);
	memset(p, 0, sizeof *p);
}

#define PLAN_MAX 2000           /* nodes kept: a plan bigger than this is cut */

static struct plan_node *node_add(struct plan *p, int parent)
{
	if (p->count >= PLAN_MAX)
		return NULL;
	if (p->count == p->cap) {
		int cap = p->cap ? p->cap * 2 : 32;
		struct plan_node *n = realloc(p->n, (size_t)cap * sizeof *n);

		if (!n)
			return NULL;
		p->n = n;
		p->cap = cap;
	}
	memset(&p->n[p->count], 0, sizeof p->n[0]);
	p->n[p->count].parent = parent;
	p->n[p->count].loops = 1;
	return &p->n[p->count++];
}

/* A field of node; val taken over (NULL: out of memory, nothing kept). */
static void field_add(struct plan_node *nd, const char *key, size_t klen, char *val)
{
	struct plan_field *f = val ? realloc(nd->f, (size_t)(nd->nf + 1) * sizeof *f) : NULL;

	if (!f) {
		free(val);
		return;
	}
	nd->f = f;
	if (!(f[nd->nf].key = strndup(key, klen))) {
		free(val);
		return;
	}
	f[nd->nf++].val = val;
}

/* ---- PostgreSQL: EXPLAIN (FORMAT JSON) ---- */

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

/* A field's value as text: a string as it is, a list joined by ", ", the rest as JSON. */
static char *json_text(const cJSON *v)
{
	if (cJSON_IsString(v))
		return strdup(v->valuestring);
	if (cJSON_IsArray(v)) {
		size_t len = 1;
		const cJSON *e;
		char *out;

		cJSON_ArrayForEach(e, v) {
			char *t = json_text(e);
			len += (t ? strlen(t) : 0) + 2;
			free(t);
		}
		if (!(out = calloc(1, len)))
			return NULL;
		cJSON_ArrayForEach(e, v) {
			char *t = json_text(e);
			if (t) {
				if (out[0])
					strcat(out, ", ");
				strcat(out, t);
			}
			free(t);
		}
		return out;
	}
	return cJSON_PrintUnformatted(v);
}

/* A node's name as PostgreSQL's text EXPLAIN says it: "Insert" for a ModifyTable inserting,
 * "HashAggregate" for a hashed Aggregate, "Hash Left Join", "Nested Loop Anti Join". */
static void json_name(const cJSON *o, const char *type, const char *join, char *name, size_t n)
{
	static const char *const agg[][2] = { { "Sorted", "GroupAggregate" }, { "Hashed", "HashAggregate" },
					      { "Mixed", "MixedAggregate" } };
	const char *op = str(o, "Operation"), *strat = str(o, "Strategy");
	size_t tl = strlen(type);

	snprintf(name, n, "%s", !strcmp(type, "ModifyTable") && op ? op : type);
	for (size_t i = 0; strat && !strcmp(type, "Aggregate") && i < sizeof agg / sizeof agg[0]; i++)
		if (!strcmp(strat, agg[i][0]))
			snprintf(name, n, "%s", agg[i][1]);
	if (!join || !strcmp(join, "Inner"))
		return;
	if (tl > 5 && !strcmp(type + tl - 5, " Join"))
		snprintf(name, n, "%.*s %s Join", (int)(tl - 5), type, join);
	else
		snprintf(name, n, "%s %s Join", type, join);
}

static void json_node(struct plan *p, const cJSON *o, int parent)
{
	const cJSON *kids = cJSON_GetObjectItemCaseSensitive(o, "Plans"), *k;
	const char *type = str(o, "Node Type"), *rel = str(o, "Relation Name"),
		   *join = str(o, "Join Type"), *idx = str(o, "Index Name");
	struct plan_node *nd;
	char name[320];
	double total, kids_ms = 0;
	int me;

	if (!(nd = node_add(p, parent)))
		return;
	me = p->count - 1;
	json_name(o, type ? type : "?", join, name, sizeof name);
	snprintf(name + strlen(name), sizeof name - strlen(name), "%s%s%s%s", rel ? " on " : "",
		 rel ? rel : "", idx ? " using " : "", idx ? idx : "");
	nd->name = strdup(name);
	nd->loops = num(o, "Actual Loops") > 0 ? (int)num(o, "Actual Loops") : 1;
	nd->est = num(o, "Plan Rows");
	nd->cost = num(o, "Total Cost");
	nd->actual = cJSON_GetObjectItemCaseSensitive(o, "Actual Rows") != NULL;
	nd->rows = num(o, "Actual Rows");
	nd->hit = (long long)num(o, "Shared Hit Blocks");
	nd->read = (long long)num(o, "Shared Read Blocks");
	total = num(o, "Actual Total Time") * nd->loops;
	cJSON_ArrayForEach(k, kids)
		kids_ms += num(k, "Actual Total Time") * (num(k, "Actual Loops") > 0 ? num(k, "Actual Loops") : 1);
	nd->self_ms = total - kids_ms > 0 ? total - kids_ms : 0;
	cJSON_ArrayForEach(k, o)
		if (k->string && strcmp(k->string, "Plans"))
			field_add(nd, k->string, strlen(k->string), json_text(k));
	cJSON_ArrayForEach(k, kids)
		json_node(p, k, me);    /* (nd may move: not used after this) */
}

int plan_from_json(struct plan *p, const char *json, char *err, size_t errn)
{
	cJSON *doc = cJSON_Parse(json);
	const cJSON *top = doc ? cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(doc, 0), "Plan") : NULL;

	if (!cJSON_IsObject(top)) {
		cJSON_Delete(doc);
		snprintf(err, errn, "the server's plan is not the JSON expected");
		return -1;
	}
	json_node(p, top, -1);
	cJSON_Delete(doc);
	return 0;
}

/* ---- Redshift: text EXPLAIN ---- */

/* Redshift's words for how a join's rows move between the compute nodes, as the Amazon
 * Redshift Database Developer Guide explains them in "Evaluating the query plan"
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_data_redistribution.html). */
static const char *const rs_dist[][2] = {
	{ "DS_DIST_NONE", "no redistribution" },
	{ "DS_DIST_ALL_NONE", "no redistribution: inner table on every node (DISTSTYLE ALL)" },
	{ "DS_BCAST_INNER", "broadcast inner table" },
	{ "DS_DIST_INNER", "inner table redistributed" },
	{ "DS_DIST_OUTER", "outer table redistributed" },
	{ "DS_DIST_BOTH", "both tables redistributed" },
	{ "DS_DIST_ALL_INNER", "whole inner table to one slice (outer is DISTSTYLE ALL)" },
};

const char *plan_rs_dist(const char *word, size_t len)
{
	for (size_t i = 0; i < sizeof rs_dist / sizeof rs_dist[0]; i++)
		if (strlen(rs_dist[i][0]) == len && !strncmp(word, rs_dist[i][0], len))
			return rs_dist[i][1];
	return NULL;
}

/* "(cost=A..B rows=R width=W)" at c: the numbers into nd and its fields; false when absent. */
static bool rs_costs(struct plan_node *nd, const char *c)
{
	double a, b, rows;
	int width;
	char v[64];

	if (sscanf(c, "(cost=%lf..%lf rows=%lf width=%d)", &a, &b, &rows, &width) != 4)
		return false;
	nd->est = rows;
	nd->cost = b;
	snprintf(v, sizeof v, "%.2f", a);
	field_add(nd, "Startup Cost", 12, strdup(v));
	snprintf(v, sizeof v, "%.2f", b);
	field_add(nd, "Total Cost", 10, strdup(v));
	snprintf(v, sizeof v, "%.0f", rows);
	field_add(nd, "Plan Rows", 9, strdup(v));
	snprintf(v, sizeof v, "%d", width);
	field_add(nd, "Plan Width", 10, strdup(v));
	return true;
}

/* A node line's text (after "->  "), up to its "(cost=": the name, the distribution word
 * explained. */
static void rs_name(struct plan_node *nd, const char *t, size_t len)
{
	char name[400];
	const char *w;

	while (len && isspace((unsigned char)t[len - 1]))
		len--;
	if (len > 3 && !strncmp(t, "XN ", 3))   /* every Redshift node says it: no news */
		t += 3, len -= 3;
	snprintf(name, sizeof name, "%.*s", (int)len, t);
	for (w = t; w < t + len; w++) {
		size_t wl = strcspn(w, " ");
		const char *why;

		if (wl > len - (size_t)(w - t))
			wl = len - (size_t)(w - t);
		if ((w == t || w[-1] == ' ') && (why = plan_rs_dist(w, wl))) {
			char *v = malloc(wl + strlen(why) + 4);

			snprintf(name + strlen(name), sizeof name - strlen(name), " (%s)", why);
			if (v)
				sprintf(v, "%.*s: %s", (int)wl, w, why);
			field_add(nd, "Distribution", 12, v);
			break;
		}
	}
	nd->name = strdup(name);
}

/* A line under a node ("Hash Cond: (...)", "Send to leader"): one of its fields. */
static void rs_detail(struct plan_node *nd, const char *t, size_t len)
{
	const char *colon = memchr(t, ':', len);

	while (len && isspace((unsigned char)t[len - 1]))
		len--;
	if (colon && colon > t && colon[1] == ' ' && !memchr(t, '(', (size_t)(colon - t))) {
		const char *v = colon + 1;

		while (*v == ' ')
			v++;
		field_add(nd, t, (size_t)(colon - t), strndup(v, len - (size_t)(v - t)));
	} else {
		field_add(nd, "Note", 4, strndup(t, len));
	}
}

int plan_from_redshift(struct plan *p, const char *text, char *err, size_t errn)
{
	/* the open nodes, outermost first, each with the column its details and children start at */
	int stack[256], inner[256], depth = 0;

	for (const char *line = text; *line; ) {
		size_t len = strcspn(line, "\n"), col = strspn(line, " ");
		const char *t = line + col, *cost = NULL;
		const char *next = line + len + (line[len] == '\n');

		for (const char *c = t; c + 6 <= line + len; c++)
			if (!strncmp(c, "(cost=", 6))
				cost = c;
		if (t >= line + len || !strncmp(t, "-----", 5)) {
			/* blank, or Redshift's own remark ("----- Nested Loop Join in the query plan ...") */
		} else if (cost && (p->count == 0 || !strncmp(t, "->", 2))) {
			bool arrow = !strncmp(t, "->", 2);
			struct plan_node *nd;
			int at = (int)col;

			while (depth > 0 && inner[depth - 1] > at)
				depth--;
			if (p->count > 0 && depth == 0) {
				snprintf(err, errn, "a node outside the plan's tree: %.*s", (int)(len < 80 ? len : 80), line);
				return -1;
			}
			if (!(nd = node_add(p, depth ? stack[depth - 1] : -1)))
				break;
			if (arrow)
				t += 2 + strspn(t + 2, " ");
			rs_name(nd, t, (size_t)(cost - t));
			if (!rs_costs(nd, cost)) {
				snprintf(err, errn, "a node without its costs: %.*s", (int)(len < 80 ? len : 80), line);
				return -1;
			}
			if (depth < (int)(sizeof stack / sizeof stack[0])) {
				stack[depth] = p->count - 1;
				inner[depth++] = (int)(t - line) + 2;
			}
		} else if (p->count > 0) {
			int owner = depth - 1;

			while (owner > 0 && inner[owner] > (int)col)
				owner--;
			if (owner >= 0)
				rs_detail(&p->n[stack[owner]], t, (size_t)(line + len - t));
		}
		line = next;
	}
	if (p->count == 0) {
		snprintf(err, errn, "no plan node (a line with \"(cost=\") in the server's plan");
		return -1;
	}
	return 0;
}

/* ---- drawing ---- */

static bool last_child(const struct plan *p, int i)
{
	for (int j = i + 1; j < p->count; j++)
		if (p->n[j].parent == p->n[i].parent)
			return false;
	return true;
}

void plan_prefix(const struct plan *p, int i, char *buf, size_t n)
{
	int chain[64], d = 0;

	buf[0] = '\0';
	if (p->n[i].parent < 0)
		return;
	/* the ancestors below the root, outermost first, then the node itself */
	for (int a = i; p->n[a].parent >= 0 && d < 64; a = p->n[a].parent)
		chain[d++] = a;
	for (int k = d - 1; k > 0; k--)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s", last_child(p, chain[k]) ? "   " : "│  ");
	snprintf(buf + strlen(buf), n - strlen(buf), "%s", last_child(p, i) ? "└─ " : "├─ ");
}
