/* cmd_schema.c — `schema`: the star schema drawn as text from the live catalog: the fact table
 * in the middle, each dimension around it with its columns and keys, join columns marked.
 * information_schema serves both engines; Redshift adds its DISTKEY/SORTKEY from pg_table_def. */
#include "cmd/cmd.h"

#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FACT "songplays"
#define NDIM 4
#define MAXCOL 24
#define LINE 160

static const char *const dims[NDIM] = { "users", "songs", "artists", "time" };

struct col {
	char name[64], type[32];
	bool pk, dk, sk;
	const char *joins;              /* fact column: the dimension it joins, else NULL */
};

struct table {
	const char *name;
	long long rows;                 /* -1 when missing */
	char dist[16];                  /* Redshift: "EVEN", "ALL", "KEY", "AUTO (ALL)"...; "" */
	struct col cols[MAXCOL];
	int ncols;
};

struct box {
	char line[MAXCOL + 4][LINE];
	int n, width;
};

/* The catalog's long type names, shortened as psql's \d would show them. */
static void short_type(const char *t, char *out, size_t n)
{
	static const char *const map[][2] = {
		{ "character varying", "varchar" }, { "timestamp without time zone", "timestamp" },
		{ "timestamp with time zone", "timestamptz" }, { "double precision", "float8" },
		{ "character", "char" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(t, map[i][0]) == 0) {
			snprintf(out, n, "%s", map[i][1]);
			return;
		}
	snprintf(out, n, "%s", t);
}

static struct table *find(struct table *tabs, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(tabs[i].name, name) == 0)
			return &tabs[i];
	return NULL;
}

static struct col *find_col(struct table *t, const char *name)
{
	for (int i = 0; t && i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return &t->cols[i];
	return NULL;
}

#define IN_STAR "('songplays', 'users', 'songs', 'artists', 'time')"

/* Columns, primary keys and (Redshift) dist/sort keys of the five tables. */
static enum dwh_rc read_catalog(struct dwh *s, struct table *tabs, int n)
{
	PGresult *res;

	res = db_query(s, "SELECT table_name, column_name, data_type FROM information_schema.columns "
		       "WHERE table_schema = current_schema() AND table_name IN " IN_STAR
		       " ORDER BY table_name, ordinal_position");
	if (!res)
		return db_fail_rc(s);
	for (int r = 0; r < PQntuples(res); r++) {
		struct table *t = find(tabs, n, PQgetvalue(res, r, 0));

		if (!t || t->ncols == MAXCOL)
			continue;
		struct col *c = &t->cols[t->ncols++];
		snprintf(c->name, sizeof c->name, "%s", PQgetvalue(res, r, 1));
		short_type(PQgetvalue(res, r, 2), c->type, sizeof c->type);
	}
	PQclear(res);
	res = db_query(s, "SELECT k.table_name, k.column_name "
		       "FROM information_schema.table_constraints c "
		       "JOIN information_schema.key_column_usage k ON k.constraint_name = "
		       "c.constraint_name AND k.table_schema = c.table_schema AND k.table_name = "
		       "c.table_name WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = "
		       "current_schema() AND c.table_name IN " IN_STAR);
	if (!res && s->server.engine == ENGINE_REDSHIFT && PQstatus(s->conn) == CONNECTION_OK) {
		/* a cluster whose catalog lacks these views: our DDL puts each key first */
		err_clear(&s->err);
		for (int i = 0; i < n; i++)
			tabs[i].cols[0].pk = tabs[i].ncols > 0;
	} else if (!res) {
		return db_fail_rc(s);
	}
	for (int r = 0; res && r < PQntuples(res); r++) {
		struct col *c = find_col(find(tabs, n, PQgetvalue(res, r, 0)), PQgetvalue(res, r, 1));

		if (c)
			c->pk = true;
	}
	PQclear(res);
	if (s->server.engine != ENGINE_REDSHIFT)
		return DWH_OK;
	res = db_query(s, "SELECT tablename, \"column\", distkey, sortkey FROM pg_table_def "
		       "WHERE schemaname = current_schema() AND tablename IN " IN_STAR);
	if (!res)
		return db_fail_rc(s);
	for (int r = 0; r < PQntuples(res); r++) {
		struct col *c = find_col(find(tabs, n, PQgetvalue(res, r, 0)), PQgetvalue(res, r, 1));

		if (c) {
			c->dk = PQgetvalue(res, r, 2)[0] == 't';
			c->sk = atoi(PQgetvalue(res, r, 3)) != 0;
		}
	}
	PQclear(res);
	return DWH_OK;
}

/* Redshift: each table's distribution style as "Viewing distribution styles" reads it, from
 * PG_CLASS_INFO.releffectivediststyle (docs.aws.amazon.com/redshift/latest/dg/
 * viewing-distribution-styles.html) — songplays is EVEN by choice (sql/redshift/create_star.sql
 * says why), and the drawing should show it. A catalog without the view shows none. */
static void read_diststyle(struct dwh *s, struct table *tabs, int n)
{
	static const struct { int code; const char *name; } styles[] = {
		{ 0, "EVEN" }, { 1, "KEY" }, { 8, "ALL" },
		{ 10, "AUTO (ALL)" }, { 11, "AUTO (EVEN)" }, { 12, "AUTO (KEY)" },
	};
	struct dwh_err keep = s->err;
	PGresult *res = db_query(s, "SELECT c.relname, i.releffectivediststyle FROM pg_class_info i "
				 "JOIN pg_class c ON c.oid = i.reloid JOIN pg_namespace ns ON ns.oid = "
				 "c.relnamespace WHERE ns.nspname = current_schema() AND c.relname IN "
				 IN_STAR);

	for (int r = 0; res && r < PQntuples(res); r++) {
		struct table *t = find(tabs, n, PQgetvalue(res, r, 0));
		int code = atoi(PQgetvalue(res, r, 1));

		for (size_t k = 0; t && k < sizeof styles / sizeof styles[0]; k++)
			if (styles[k].code == code)
				snprintf(t->dist, sizeof t->dist, "%s", styles[k].name);
	}
	PQclear(res);
	s->err = keep;
}

/* A fact column joins a dimension when it has the name of that dimension's primary key. */
static void mark_joins(struct table *tabs, int n)
{
	struct table *fact = find(tabs, n, FACT);

	for (int i = 0; fact && i < fact->ncols; i++)
		for (int d = 0; d < NDIM; d++) {
			struct col *k = find_col(find(tabs, n, dims[d]), fact->cols[i].name);

			if (k && k->pk && !fact->cols[i].pk)
				fact->cols[i].joins = dims[d];
		}
}

static void box_add(struct box *b, const char *text)
{
	int w = (int)strlen(text);

	if (b->n < MAXCOL + 4) {
		snprintf(b->line[b->n++], LINE, "%s", text);
		if (w > b->width)
			b->width = w;
	}
}

/* Lay a table out as a box: title, rule, one line per column with its markers. */
static void box_of(const struct table *t, bool fact, struct box *b)
{
	char text[LINE];
	int wn = 4, wt = 4;

	memset(b, 0, sizeof *b);
	if (t->rows < 0)
		snprintf(text, sizeof text, "%s (missing)", t->name);
	else
		snprintf(text, sizeof text, "%s%s  %lld rows%s%s", t->name, fact ? " (fact)" : "",
			 t->rows, t->dist[0] ? "  " : "", t->dist);
	box_add(b, text);
	box_add(b, "");
	for (int i = 0; i < t->ncols; i++) {
		if ((int)strlen(t->cols[i].name) > wn)
			wn = (int)strlen(t->cols[i].name);
		if ((int)strlen(t->cols[i].type) > wt)
			wt = (int)strlen(t->cols[i].type);
	}
	for (int i = 0; i < t->ncols; i++) {
		const struct col *c = &t->cols[i];
		char keys[16] = "";

		if (c->dk)
			strcat(keys, " DK");
		if (c->sk)
			strcat(keys, " SK");
		snprintf(text, sizeof text, "%-2s %-*s %-*s%s%s%s", c->pk ? "PK" : c->joins ? "FK" : "",
			 wn, c->name, wt, c->type, keys, c->joins ? " -> " : "", c->joins ? c->joins : "");
		/* trailing blanks would widen the box for nothing */
		for (size_t n = strlen(text); n > 0 && text[n - 1] == ' '; n--)
			text[n - 1] = '\0';
		box_add(b, text);
	}
}

/* Line i of a box drawn with borders (width + 4), or blanks below its end. */
static void box_line(const struct box *b, int i, char *out, size_t n)
{
	int w = b->width;

	if (!b->n || i > b->n + 1) {
		snprintf(out, n, "%*s", b->n ? w + 4 : 0, "");
	} else if (i == 0 || i == b->n + 1 || i == 2) {
		snprintf(out, n, "+");
		for (int k = 0; k < w + 2 && strlen(out) + 2 < n; k++)
			strcat(out, "-");
		strcat(out, "+");
	} else {
		snprintf(out, n, "| %-*s |", w, b->line[i - 1]);
	}
}

static int box_height(const struct box *b)
{
	return b->n ? b->n + 2 : 0;
}

/* One dimension above or below the fact: centred on the fact's column, with a stem. */
static void draw_vertical(struct dwh *s, const struct box *b, int centre, bool above)
{
	char line[LINE + 8];
	int indent = centre - (b->width + 4) / 2;

	if (!b->n)
		return;
	if (indent < 0)
		indent = 0;
	if (!above)
		dwh_msg(s, LOG_INFO, "%*s|", centre, "");
	for (int i = 0; i < box_height(b); i++) {
		box_line(b, i, line, sizeof line);
		dwh_msg(s, LOG_INFO, "%*s%s", indent, "", line);
	}
	if (above)
		dwh_msg(s, LOG_INFO, "%*s|", centre, "");
}

/* Positions around the fact, in the order its join columns name the dimensions. */
enum { LEFT, TOP, RIGHT, BOTTOM };

/* Narrower than the star: the boxes in rows, as many side by side as fit in width (the
 * fact first), each row below the last. The join columns still say where they lead. */
static void draw_rows(struct dwh *s, const struct box *boxes, int nb, int width)
{
	char line[LINE * 2 + 8], part[LINE + 8];

	for (int first = 0; first < nb;) {
		int last = first, used = boxes[first].width + 4;
		while (last + 1 < nb && used + 2 + boxes[last + 1].width + 4 <= width)
			used += 2 + boxes[++last].width + 4;
		int h = 0;
		for (int b = first; b <= last; b++)
			h = box_height(&boxes[b]) > h ? box_height(&boxes[b]) : h;
		for (int i = 0; i < h; i++) {
			line[0] = '\0';
			for (int b = first; b <= last; b++) {
				box_line(&boxes[b], i, part, sizeof part);
				if (i >= box_height(&boxes[b]))
					snprintf(part, sizeof part, "%*s", boxes[b].width + 4, "");
				size_t l = strlen(line);
				snprintf(line + l, sizeof line - l, "%s%s", b > first ? "  " : "", part);
			}
			for (size_t k = strlen(line); k > 0 && line[k - 1] == ' '; k--)
				line[k - 1] = '\0';
			dwh_msg(s, LOG_INFO, "%s", line);
		}
		first = last + 1;
		if (first < nb)
			dwh_msg(s, LOG_INFO, "%s", "");
	}
}

/* The columns the diagram may take: the console's Result pane, else $COLUMNS, else any. */
static int text_width(struct dwh *s)
{
	const char *cols = getenv("COLUMNS");
	int w = s->hooks.text_width ? s->hooks.text_width(s) : 0;

	if (w <= 0 && cols && atoi(cols) > 20)
		w = atoi(cols);
	return w > 0 ? w : 1 << 20;
}

static void draw(struct dwh *s, struct table *tabs, int n)
{
	struct table *fact = find(tabs, n, FACT);
	struct box at[4], mid;
	int placed = 0, h, left_w, centre;
	char a[LINE + 8], m[LINE + 8], r[LINE + 8], row[3 * LINE + 40];

	memset(at, 0, sizeof at);
	box_of(fact, true, &mid);
	for (int i = 0; i < fact->ncols && placed < 4; i++)
		if (fact->cols[i].joins)
			box_of(find(tabs, n, fact->cols[i].joins), false, &at[placed++]);
	/* dimensions no fact column joins still belong in the picture */
	for (int d = 0; d < NDIM && placed < 4; d++) {
		bool seen = false;

		for (int i = 0; i < fact->ncols; i++)
			seen |= fact->cols[i].joins && strcmp(fact->cols[i].joins, dims[d]) == 0;
		if (!seen)
			box_of(find(tabs, n, dims[d]), false, &at[placed++]);
	}
	left_w = at[LEFT].n ? at[LEFT].width + 4 + 5 : 0;
	centre = left_w + (mid.width + 4) / 2;
	int star_w = left_w + mid.width + 4 + (at[RIGHT].n ? 5 + at[RIGHT].width + 4 : 0);
	for (int v = TOP; v <= BOTTOM; v += 2)        /* a box above or below may stick out */
		if (at[v].n && centre - (at[v].width + 4) / 2 + at[v].width + 4 > star_w)
			star_w = centre - (at[v].width + 4) / 2 + at[v].width + 4;
	if (star_w > text_width(s)) {   /* too wide for the pane: rows of boxes instead */
		struct box all[5];
		int nb = 0;
		all[nb++] = mid;
		for (int p = 0; p < 4; p++)
			if (at[p].n)
				all[nb++] = at[p];
		draw_rows(s, all, nb, text_width(s));
		dwh_msg(s, LOG_INFO, "PK primary key   FK join column (-> the dimension it joins)%s",
			s->server.engine == ENGINE_REDSHIFT ? "   DK distkey   SK sortkey" : "");
		return;
	}
	draw_vertical(s, &at[TOP], centre, true);
	h = box_height(&mid);
	if (box_height(&at[LEFT]) > h)
		h = box_height(&at[LEFT]);
	if (box_height(&at[RIGHT]) > h)
		h = box_height(&at[RIGHT]);
	for (int i = 0; i < h; i++) {
		const char *link = i == 1 ? "-----" : "     ";

		box_line(&at[LEFT], i, a, sizeof a);
		box_line(&mid, i, m, sizeof m);
		if (i >= box_height(&mid))
			snprintf(m, sizeof m, "%*s", mid.width + 4, "");
		box_line(&at[RIGHT], i, r, sizeof r);
		snprintf(row, sizeof row, "%s%s%s%s%s", a, at[LEFT].n ? link : "", m,
			 at[RIGHT].n ? link : "", r);
		for (size_t k = strlen(row); k > 0 && row[k - 1] == ' '; k--)
			row[k - 1] = '\0';
		dwh_msg(s, LOG_INFO, "%s", row);
	}
	draw_vertical(s, &at[BOTTOM], centre, false);
	dwh_msg(s, LOG_INFO, "PK primary key   FK join column (-> the dimension it joins)%s",
		s->server.engine == ENGINE_REDSHIFT ? "   DK distkey   SK sortkey" : "");
}

static enum dwh_rc exec_schema(struct dwh *s, int argc, char **argv)
{
	struct table tabs[NDIM + 1];
	enum dwh_rc rc;

	(void)argc, (void)argv;
	memset(tabs, 0, sizeof tabs);
	tabs[0].name = FACT;
	for (int d = 0; d < NDIM; d++)
		tabs[d + 1].name = dims[d];
	for (int i = 0; i <= NDIM; i++)
		if ((tabs[i].rows = db_count(s, tabs[i].name)) == DB_ERROR)
			return db_fail_rc(s);
	if ((rc = read_catalog(s, tabs, NDIM + 1)) != DWH_OK)
		return rc;
	if (s->server.engine == ENGINE_REDSHIFT && PQstatus(s->conn) == CONNECTION_OK)
		read_diststyle(s, tabs, NDIM + 1);
	if (tabs[0].rows < 0)
		return dwh_fail(s, "schema: songplays does not exist — run create first");
	mark_joins(tabs, NDIM + 1);
	draw(s, tabs, NDIM + 1);
	return DWH_OK;
}

const struct dwh_cmd cmd_schema = {
	.name = "schema",
	.args = "",
	.min_args = 0,
	.max_args = 0,
	.help = "draw the star schema from the live catalog",
	.detail = "The fact table in the middle, the dimensions around it with their columns,\n"
		  "types, primary keys (PK) and the fact's join columns (FK -> dimension); on\n"
		  "Redshift also DISTKEY (DK), SORTKEY (SK) and each table's distribution style\n"
		  "(EVEN, ALL, KEY, AUTO (...)) beside its row count. Where the star is wider than\n"
		  "the Result pane ($COLUMNS in batch mode), the boxes go in rows that fit.",
	.needs_conn = true,
	.exec = exec_schema,
};
