/* catalog.c — the `catalog` tree in the Result pane (s->hooks.catalog, F2): the tree the engine
 * made (cmd_catalog.c) kept as nodes with the result (model_result.cat); the rows shown are
 * the nodes open parents and the filter let through, made again after each key. Keys while
 * the result has focus: Enter / Right / l open a node (Enter on a table or view: its first
 * 50 rows, through the statement path as a result of their own), Left / h close it or go to
 * the parent, d \d for the relation, typing (or /) filters by name, Backspace and Esc undo
 * it; movement is the browser's. Names are drawn as every cell is (escaped by the grid). */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/result.h"
#include "tui/ui.h"

enum { T_DEPTH, T_KIND, T_SCHEMA, T_TABLE, T_NAME, T_TYPE, T_DETAIL, T_PREVIEW, T_DESCRIBE, T_NCOLS };

struct cat_node {
	int depth;              /* 0 schema, 1 table or view, 2 column */
	int parent;             /* index of the parent node, -1 for a schema */
	bool open, leaf;
	char *v[T_NCOLS];       /* the tree's columns */
};

struct catalog {
	struct cat_node *node;
	int n;
	int *shown, nshown;     /* the nodes the rows show, in order */
	char filter[128];
	bool typing;            /* keys go to the filter */
};

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		for (int k = 0; k < T_NCOLS; k++)
			free(c->node[i].v[k]);
	free(c->node);
	free(c->shown);
	free(c);
}

static struct catalog *from_tree(const PGresult *t)
{
	struct catalog *c = calloc(1, sizeof *c);
	int n = PQntuples(t), last[3] = { -1, -1, -1 };

	if (!c || !(c->node = calloc((size_t)n + 1, sizeof *c->node)) ||
	    !(c->shown = calloc((size_t)n + 1, sizeof *c->shown))) {
		catalog_free(c);
		return NULL;
	}
	c->n = n;
	for (int i = 0; i < n; i++) {
		struct cat_node *d = &c->node[i];

		d->depth = atoi(PQgetvalue(t, i, T_DEPTH));
		if (d->depth < 0 || d->depth > 2)
			d->depth = 2;
		d->parent = d->depth ? last[d->depth - 1] : -1;
		last[d->depth] = i;
		for (int k = 0; k < T_NCOLS && k < PQnfields(t); k++)
			if (!(d->v[k] = strdup(PQgetvalue(t, i, k)))) {
				catalog_free(c);
				return NULL;
			}
	}
	for (int i = 0; i < n; i++)
		c->node[i].leaf = i + 1 >= n || c->node[i + 1].depth <= c->node[i].depth;
	return c;
}

static bool matches(const struct catalog *c, int i)
{
	size_t k = strlen(c->filter);

	for (const char *p = c->node[i].v[T_NAME]; *p; p++)
		if (!strncasecmp(p, c->filter, k))
			return true;
	return false;
}

/* Which nodes show: with no filter, those whose parents are all open; with one, those that
 * match and their ancestors (shown open), and the children of an open node that matches. */
static void choose(struct catalog *c)
{
	bool show[c->n + 1], hit[c->n + 1];

	for (int i = 0; i < c->n; i++)
		hit[i] = c->filter[0] && matches(c, i);
	for (int i = c->n - 1; i >= 0; i--)     /* a match shows its ancestors */
		if (hit[i])
			for (int p = c->node[i].parent; p >= 0 && !hit[p]; p = c->node[p].parent)
				hit[p] = true, c->node[p].open = true;
	c->nshown = 0;
	for (int i = 0; i < c->n; i++) {
		int p = c->node[i].parent;

		if (!c->filter[0])
			show[i] = p < 0 || (show[p] && c->node[p].open);
		else
			show[i] = hit[i] || (p >= 0 && show[p] && c->node[p].open && matches(c, p));
		if (show[i])
			c->shown[c->nshown++] = i;
	}
}

/* r's rows made again from the nodes shown, the cursor kept on node `keep` when shown. */
static int rebuild(struct ui *u, struct model_result *r, int keep)
{
	static const char *const names[] = { "Catalog", "Type", "Rows, keys" };
	struct catalog *c = r->cat;
	struct rowstore *rs = rows_new(3, MODEL_ROWS_MEM);

	if (!rs)
		return -1;
	choose(c);
	for (int k = 0; k < 3; k++)
		r->width[k] = model_width(names[k]);
	r->row = 0;
	for (int s = 0; s < c->nshown; s++) {
		struct cat_node *d = &c->node[c->shown[s]];
		const char *mark = d->leaf ? "  " : d->open ? (u->utf8 ? "▾ " : "- ") : (u->utf8 ? "▸ " : "+ ");
		char label[600];
		const char *vals[3] = { label, d->v[T_TYPE], d->v[T_DETAIL] };
		int lens[3], w;

		snprintf(label, sizeof label, "%*s%s%s", 2 * d->depth, "", mark, d->v[T_NAME]);
		for (int k = 0; k < 3; k++) {
			lens[k] = (int)strlen(vals[k]);
			w = model_width(vals[k]);
			if (w > r->width[k])
				r->width[k] = w < MODEL_COLW_MAX ? w : MODEL_COLW_MAX;
		}
		if (rows_append(rs, vals, lens) < 0) {
			rows_free(rs);
			return -1;
		}
		if (c->shown[s] == keep)
			r->row = s;
	}
	rows_free(r->rows);
	r->rows = rs;
	r->top = r->first = r->cskip = 0;
	r->col = 0;
	r->record = r->chart = false;
	r->pl_rows = -1;
	return 0;
}

/* s->hooks.catalog: the tree as the current result, its schemas open, with the keys. */
static enum dwh_rc hook_catalog(struct dwh *s, const PGresult *tree)
{
	static const char *const cols[] = { "Catalog", "Type", "Rows, keys" };
	struct ui *u = ui_of_session(s);
	struct catalog *c = from_tree(tree);
	PGresult *shape = result_new(3, cols, NULL);
	struct model_result *r;

	if (!c || !shape) {
		catalog_free(c);
		PQclear(shape);
		return dwh_fail(s, "out of memory");
	}
	for (int i = 0; i < c->n; i++)
		c->node[i].open = c->node[i].depth == 0;
	model_out_result(&u->m, shape, "catalog", -1);
	PQclear(shape);
	model_lock(&u->m);
	r = model_current(&u->m);
	if (r && r->kind == RES_ROWS && !r->cat && r->title && !strcmp(r->title, "catalog") &&
	    rows_count(r->rows) == 0) {
		r->cat = c;
		c = NULL;
		rebuild(u, r, -1);
		u->browse = true;       /* the tree takes the keys */
	}
	model_changed(&u->m);
	model_unlock(&u->m);
	catalog_free(c);
	return DWH_OK;
}

void catalog_install(struct ui *u)
{
	u->s->hooks.catalog = hook_catalog;
}

static void say_filter(struct ui *u, const struct catalog *c)
{
	if (c->typing || c->filter[0])
		snprintf(u->notice, sizeof u->notice, "catalog filter: %s%s  (%d shown; Esc clears)",
			 c->filter, c->typing ? "_" : "", c->nshown);
}

/* A key while typing the filter; false when it is a movement key for the browser. */
static bool filter_key(struct ui *u, struct model_result *r, int key, int at)
{
	struct catalog *c = r->cat;
	size_t n = strlen(c->filter);

	if (key == 27) {
		c->filter[0] = '\0';
		c->typing = false;
	} else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		c->typing = false;
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		while (n > 0 && (c->filter[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0)
			c->filter[n - 1] = '\0';
		else
			c->typing = false;
	} else if (key >= 0x20 && key < 0x100 && key != 0x7F) {
		if (n + 1 < sizeof c->filter)
			c->filter[n] = (char)key, c->filter[n + 1] = '\0';
	} else {
		return false;
	}
	rebuild(u, r, at);
	say_filter(u, c);
	return true;
}

bool catalog_key(struct ui *u, struct model_result *r, int key, char *cmd, size_t n)
{
	struct catalog *c = r->cat;
	long row = r->row;
	int at = row >= 0 && row < c->nshown ? c->shown[row] : -1;
	struct cat_node *d = at >= 0 ? &c->node[at] : NULL;

	cmd[0] = '\0';
	if (c->typing)
		return filter_key(u, r, key, at);
	if (key == 27 && c->filter[0])
		return filter_key(u, r, key, at);
	if (key == '/' || (key > 0x20 && key < 0x100 && key != 0x7F && !strchr("jkgGhldq[]i", key))) {
		c->typing = true;       /* a new filter: the one kept after Enter goes */
		c->filter[0] = '\0';
		return key == '/' ? (say_filter(u, c), true) : filter_key(u, r, key, at);
	}
	say_filter(u, c);
	if (!d)
		return false;
	switch (key) {
	case '\n': case '\r': case KEY_ENTER:
		if (d->depth == 1) {
			snprintf(cmd, n, "%s", d->v[T_PREVIEW]);
			return true;
		}
		/* a schema opens: */
		/* fall through */
	case KEY_RIGHT: case 'l':
		if (!d->leaf && !d->open)
			d->open = true;
		else if (!d->leaf && at + 1 < c->n)
			at++;           /* already open: onto its first child */
		rebuild(u, r, at);
		return true;
	case KEY_LEFT: case 'h':
		if (!d->leaf && d->open && !c->filter[0])
			d->open = false;
		else if (d->parent >= 0)
			at = d->parent;
		rebuild(u, r, at);
		return true;
	case 'd':
		if (d->depth > 0)
			snprintf(cmd, n, "%s", d->v[T_DESCRIBE]);
		else
			snprintf(u->notice, sizeof u->notice, "d: on a table, a view or a column");
		return true;
	}
	return false;
}
