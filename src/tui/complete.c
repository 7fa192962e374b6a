/* complete.c — tab completion for both prompts, psql-style rules over the words before the
 * cursor: commands and their words first, then stage, theme and saved-query names, table and
 * column names from the server (asked when the connection is idle), SQL keywords, and file
 * paths. */
#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <readline/readline.h>

#include "cmd/cmd.h"
#include "db/db.h"
#include "base/fsutil.h"
#include "psql/qbuf.h"
#include "tui/sqlctx.h"
#include "tui/theme.h"
#include "tui/ui.h"

#define MAX_CAND 8192

static pthread_mutex_t cat_mu = PTHREAD_MUTEX_INITIALIZER;
static char **cat_names;        /* tables and columns on the server */
static int cat_n;
static char **cat_cols;         /* schema, table, column: 3 per column, ordered */
static int cat_ncols;
static struct dwh *sess;        /* for the statement typed so far (the query buffer) */
static bool in_sql;             /* the prompt is continuing a statement */

static char *cand[MAX_CAND];
static int ncand;

static const char *const sql_words[] = {
	"SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "JOIN",
	"LEFT", "RIGHT", "INNER", "OUTER", "ON", "USING", "AS", "AND", "OR", "NOT", "NULL", "IS",
	"IN", "BETWEEN", "LIKE", "ILIKE", "DISTINCT", "COUNT", "SUM", "AVG", "MIN", "MAX", "CASE",
	"WHEN", "THEN", "ELSE", "END", "DESC", "ASC", "UNION", "ALL", "EXISTS", "INTO", "VALUES",
	"TABLE", "EXTRACT", "DATE_TRUNC", "pg_sleep", NULL,
};
static const char *const stage_words[] = {
	"create", "songs", "events", "songplays", "users", "artists", "time", "all", NULL,
};

void complete_set_pending(bool pending)
{
	in_sql = pending;
}

/* A catalog question through db.c, as every statement; a failure only leaves completion with
 * what it had, so the session's error stays the command's. NULL when it failed. */
static PGresult *ask(struct dwh *s, const char *sql)
{
	struct dwh_err keep = s->err;
	PGresult *r = db_query(s, sql);

	s->err = keep;
	return r;
}

/* Every column of every table and view outside the system schemas, in table order. */
static void refresh_columns(struct dwh *s)
{
	PGresult *r = ask(s,
		"SELECT table_schema::text, table_name::text, column_name::text "
		"FROM information_schema.columns "
		"WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
		"ORDER BY 1, 2, ordinal_position LIMIT 20000");
	char **cols;
	int n;

	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		PQclear(r);
		return;
	}
	n = PQntuples(r);
	if ((cols = calloc((size_t)n * 3 + 1, sizeof *cols)) != NULL) {
		for (int i = 0; i < n * 3; i++)
			cols[i] = strdup(PQgetvalue(r, i / 3, i % 3));
		pthread_mutex_lock(&cat_mu);
		for (int i = 0; i < cat_ncols * 3; i++)
			free(cat_cols[i]);
		free(cat_cols);
		cat_cols = cols;
		cat_ncols = n;
		pthread_mutex_unlock(&cat_mu);
	}
	PQclear(r);
}

void complete_refresh_catalog(struct dwh *s)
{
	PGresult *r;

	if (!s->conn || PQstatus(s->conn) != CONNECTION_OK)
		return;         /* asking must not reconnect: that is the person's `reconnect` */
	r = ask(s,
		"SELECT DISTINCT n FROM (SELECT table_name::text AS n FROM information_schema.tables "
		"WHERE table_schema NOT IN ('pg_catalog', 'information_schema') UNION ALL "
		"SELECT column_name::text FROM information_schema.columns "
		"WHERE table_schema NOT IN ('pg_catalog', 'information_schema')) x ORDER BY 1 LIMIT 5000");
	char **names;
	int n;

	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		PQclear(r);
		return;
	}
	n = PQntuples(r);
	if ((names = calloc((size_t)n + 1, sizeof *names)) != NULL) {
		for (int i = 0; i < n; i++)
			names[i] = strdup(PQgetvalue(r, i, 0));
		pthread_mutex_lock(&cat_mu);
		for (int i = 0; i < cat_n; i++)
			free(cat_names[i]);
		free(cat_names);
		cat_names = names;
		cat_n = n;
		pthread_mutex_unlock(&cat_mu);
	}
	PQclear(r);
	refresh_columns(s);
}

/* Add a candidate matching `text` case-insensitively; names stay as they are. */
static void offer(const char *text, const char *word)
{
	size_t n = strlen(text);

	if (ncand >= MAX_CAND || strncasecmp(word, text, n) != 0)
		return;
	for (int i = 0; i < ncand; i++)
		if (!strcmp(cand[i], word))
			return;
	if ((cand[ncand] = strdup(word)) != NULL)
		ncand++;
}

/* A keyword follows the case typed so far ("sel" gives "select"). */
static void add_keyword(const char *text, const char *word)
{
	size_t n = strlen(text);
	char *c;

	if (ncand >= MAX_CAND || strncasecmp(word, text, n) != 0)
		return;
	for (int i = 0; i < ncand; i++)
		if (!strcasecmp(cand[i], word))
			return;
	if (!(c = strdup(word)))
		return;
	if (n > 0 && text[0] >= 'a' && text[0] <= 'z')
		for (char *p = c; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	memcpy(c, text, n);     /* keep what was typed as typed */
	cand[ncand++] = c;
}

static void add_list(const char *text, const char *const *words)
{
	for (; words && *words; words++)
		offer(text, *words);
}

static void add_keywords(const char *text, const char *const *words)
{
	for (; *words; words++)
		add_keyword(text, *words);
}

static void add_catalog(const char *text)
{
	pthread_mutex_lock(&cat_mu);
	for (int i = 0; i < cat_n; i++)
		offer(text, cat_names[i]);
	pthread_mutex_unlock(&cat_mu);
}

/* The user's own saved queries (\\ns NAME), for \\n, \\nd and \\ns. */
static void add_user_queries(const char *text)
{
	char *names[256];
	int n = cmd_saved_names(names, 256);

	for (int i = 0; i < n; i++) {
		offer(text, names[i]);
		free(names[i]);
	}
}

static void add_saved_queries(const char *text)
{
	char dir[4096], sub[4200];
	DIR *d;
	struct dirent *de;

	if (fs_datadir("sql", dir, sizeof dir) < 0)
		return;
	snprintf(sub, sizeof sub, "%s/analytics", dir);
	if (!(d = opendir(sub)))
		return;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len > 4 && !strcmp(de->d_name + len - 4, ".sql")) {
			char nm[256];
			snprintf(nm, sizeof nm, "%.*s", (int)(len - 4), de->d_name);
			offer(text, nm);
		}
	}
	closedir(d);
}

static void add_themes(const char *text)
{
	char *names[64];
	int n = theme_list(names, 64);

	for (int i = 0; i < n; i++)
		offer(text, names[i]);
	theme_list_free(names, n);
}

static char *gen(const char *text, int state)
{
	static int i;

	(void)text;
	if (state == 0)
		i = 0;
	return i < ncand ? strdup(cand[i++]) : NULL;
}

static void clear_cand(void)
{
	for (int i = 0; i < ncand; i++)
		free(cand[i]);
	ncand = 0;
}

static bool looks_like_path(const char *text)
{
	return strchr(text, '/') || text[0] == '.' || text[0] == '~';
}

static char **files(const char *text)
{
	(void)text;
	rl_attempted_completion_over = 0;       /* readline's own file name completion */
	return NULL;
}

/* The words of the line before the cursor's word (at most n, each truncated), and how many. */
static int words_before(int start, char w[][64], int n)
{
	int count = 0;
	const char *p = rl_line_buffer, *end = rl_line_buffer + start;

	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end)
			break;
		const char *b = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		if (count < n)
			snprintf(w[count], sizeof w[0], "%.*s", (int)(p - b), b);
		count++;
	}
	return count;
}

static const char *const functions[] = {
	"count", "sum", "avg", "min", "max", "coalesce", "nullif", "greatest", "least", "date_trunc",
	"extract", "now", "lower", "upper", "length", "round", "to_char", "to_timestamp",
	"string_agg", "array_agg", "row_number", "rank", "dense_rank", "lag", "lead", NULL,
};
static const char *const stage_first[] = { "create", "stage", "load", NULL };
static const char *const stage_inputs[] = { "songs", "events", NULL };
static const char *const load_targets[] = { "songplays", "users", "songs", "artists", "time", NULL };

/* Tables (and views) and schemas: what follows FROM, JOIN, \d. */
static void add_relations(const char *text)
{
	const char *last_t = "", *last_s = "";

	pthread_mutex_lock(&cat_mu);
	for (int i = 0; i < cat_ncols; i++) {
		const char *sc = cat_cols[i * 3], *t = cat_cols[i * 3 + 1];

		if (strcmp(t, last_t) || strcmp(sc, last_s))
			offer(text, t);
		last_t = t, last_s = sc;
	}
	for (int i = 0; i < cat_ncols; i++)
		if (i == 0 || strcmp(cat_cols[i * 3], cat_cols[(i - 1) * 3]))
			offer(text, cat_cols[i * 3]);
	pthread_mutex_unlock(&cat_mu);
}

/* The columns of `table` (every table when NULL), each as prefix + name. */
static void add_columns(const char *text, const char *table, const char *prefix)
{
	char buf[400];

	pthread_mutex_lock(&cat_mu);
	for (int i = 0; i < cat_ncols; i++)
		if (!table || !strcmp(cat_cols[i * 3 + 1], table)) {
			snprintf(buf, sizeof buf, "%s%s", prefix, cat_cols[i * 3 + 2]);
			offer(text, buf);
		}
	pthread_mutex_unlock(&cat_mu);
}

/* schema.table for a schema's tables. */
static void add_schema_tables(const char *text, const char *schema, const char *prefix)
{
	char buf[400];

	pthread_mutex_lock(&cat_mu);
	for (int i = 0; i < cat_ncols; i++)
		if (!strcmp(cat_cols[i * 3], schema)) {
			snprintf(buf, sizeof buf, "%s%s", prefix, cat_cols[i * 3 + 1]);
			offer(text, buf);
		}
	pthread_mutex_unlock(&cat_mu);
}

/* SQL: by what the statement so far asks for (sqlctx.c), as pgcli does. */
static void sql_candidates(const char *text, int start)
{
	char *pend = sess ? qbuf_get(sess) : NULL;
	size_t pl = pend ? strlen(pend) + 1 : 0, ll = strlen(rl_line_buffer);
	char *whole = malloc(pl + ll + 1), *before;
	struct sqlctx c;

	if (!whole) {
		free(pend);
		return;
	}
	snprintf(whole, pl + ll + 1, "%s%s%s", pend ? pend : "", pend ? "\n" : "", rl_line_buffer);
	before = strndup(whole, pl + (size_t)start);
	sqlctx_analyze(before ? before : "", whole, text, &c);
	if (c.kind == SQLCTX_QUALIFIED) {
		const char *rel = sqlctx_relation(&c, c.qual);
		char prefix[140];

		snprintf(prefix, sizeof prefix, "%.*s", (int)(strrchr(text, '.') - text + 1), text);
		add_columns(text, rel ? rel : c.qual, prefix);
		add_schema_tables(text, c.qual, prefix);
	} else if (c.kind == SQLCTX_RELATION) {
		add_relations(text);
	} else if (c.kind == SQLCTX_COLUMN) {
		for (int i = 0; i < c.nrel; i++)
			add_columns(text, c.rel[i].name, "");
		if (c.nrel == 0)
			add_columns(text, NULL, "");
		add_keywords(text, functions);
		add_keywords(text, sql_words);
	} else {
		add_catalog(text);
		add_keywords(text, sql_words);
	}
	free(before);
	free(whole);
	free(pend);
}

/* Stage names where a command takes one: stage, load, show sql, explain, step, run --from. */
static bool stage_candidates(const char *cmd, char w[][64], int nb, const char *text)
{
	const char *last = w[nb - 1 < 7 ? nb - 1 : 7];
	bool show_sql = !strcmp(cmd, "show") && nb >= 2 && !strcmp(w[1], "sql");

	if (!strcmp(cmd, "show") && !show_sql)
		return false;
	if (!strcmp(cmd, "run") && strcmp(last, "--from"))
		return false;
	if (!strcmp(last, "stage"))
		add_list(text, stage_inputs);
	else if (!strcmp(last, "load"))
		add_list(text, load_targets);
	else if (!strcmp(last, "sql") || !strcmp(last, "--from") ||
		 ((!strcmp(cmd, "explain") || !strcmp(cmd, "step")) && nb == 1))
		add_list(text, stage_first);
	else
		return false;
	return true;
}

static bool wants_files(const char *cmd, char w[][64], int nb)
{
	const char *last = w[nb - 1 < 7 ? nb - 1 : 7];

	return !strcmp(cmd, "\\i") || !strcmp(cmd, "\\e") || !strcmp(cmd, "data") ||
	       !strcmp(cmd, "screenshot") || !strcmp(cmd, "export") ||
	       (!strcmp(last, "--data")) ||
	       ((!strcmp(cmd, "\\copy") || !strcmp(cmd, "copy")) &&
		(!strcasecmp(last, "from") || !strcasecmp(last, "to")));
}

static char **command_words(const struct dwh_cmd *c, char w[][64], int nb, const char *text)
{
	if (wants_files(c->name, w, nb))
		return files(text);
	if (!strncmp(c->name, "\\d", 2) && strcmp(c->name, "\\df") && strcmp(c->name, "\\dn") &&
	    strcmp(c->name, "\\du")) {
		add_relations(text);
	} else if (!strcmp(c->name, "query")) {
		add_saved_queries(text);
	} else if (!strcmp(c->name, "\\n") || !strcmp(c->name, "\\nd") || !strcmp(c->name, "\\ns")) {
		add_user_queries(text);
	} else if (!strcmp(c->name, "theme")) {
		add_themes(text);
	} else if (!stage_candidates(c->name, w, nb, text)) {
		if (nb == 1)
			add_list(text, c->words);
		if (ncand == 0) {
			add_saved_queries(text);
			add_list(text, stage_words);
			add_catalog(text);
		}
	}
	if (ncand == 0)
		return files(text);
	return rl_completion_matches(text, gen);
}

static char **attempt(const char *text, int start, int end)
{
	char w[8][64];
	const struct dwh_cmd *c;
	int nbefore = words_before(start, w, 8);

	(void)end;
	rl_attempted_completion_over = 1;
	clear_cand();
	if (text[0] == '\'' || looks_like_path(text))
		return files(text);
	if (!in_sql && nbefore == 0) {
		for (int i = 0; cmd_table[i]; i++)
			offer(text, cmd_table[i]->name);
		add_keywords(text, cmd_sql_keywords());        /* the words the classifier takes as SQL */
	} else if (!in_sql && (c = cmd_find(w[0])) != NULL && cmd_classify(rl_line_buffer) != CMD_KIND_SQL) {
		return command_words(c, w, nbefore, text);
	} else {
		sql_candidates(text, start);
	}
	if (ncand == 0)
		return NULL;
	return rl_completion_matches(text, gen);
}

void complete_install(struct dwh *s)
{
	sess = s;
	rl_attempted_completion_function = attempt;
	/* '.' and '/' stay inside words so that paths complete whole. */
	rl_basic_word_break_characters = " \t\n\"'`@$><=;|&{(,";
	rl_completer_quote_characters = "'\"";
}
