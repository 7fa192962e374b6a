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

#include "cmd.h"
#include "fsutil.h"
#include "tui/theme.h"
#include "tui/ui.h"

#define MAX_CAND 8192

static pthread_mutex_t cat_mu = PTHREAD_MUTEX_INITIALIZER;
static char **cat_names;        /* tables and columns on the server */
static int cat_n;
static bool in_sql;             /* the prompt is continuing a statement */

static char *cand[MAX_CAND];
static int ncand;

static const char *const sql_start[] = {
	"SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "TRUNCATE",
	"EXPLAIN", "ANALYZE", "VACUUM", "BEGIN", "COMMIT", "ROLLBACK", "SET", "SHOW", NULL,
};
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

void complete_refresh_catalog(PGconn *conn)
{
	PGresult *r = PQexec(conn,
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

/* The first word of the line and how many words come before the cursor's word. */
static int words_before(int start, char *first, size_t n)
{
	int count = 0;
	const char *p = rl_line_buffer, *end = rl_line_buffer + start;

	first[0] = '\0';
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end)
			break;
		const char *w = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		if (count == 0)
			snprintf(first, n, "%.*s", (int)(p - w), w);
		count++;
	}
	return count;
}

static char **attempt(const char *text, int start, int end)
{
	char first[128];
	const struct dwh_cmd *c;
	int nbefore = words_before(start, first, sizeof first);

	(void)end;
	rl_attempted_completion_over = 1;
	clear_cand();
	if (text[0] == '\'' || looks_like_path(text))
		return files(text);
	if (!in_sql && nbefore == 0) {
		for (int i = 0; cmd_table[i]; i++)
			offer(text, cmd_table[i]->name);
		add_keywords(text, sql_start);
	} else if (!in_sql && (c = cmd_find(first)) != NULL) {
		if (nbefore == 1)
			add_list(text, c->words);
		if (!strcmp(c->name, "theme"))
			add_themes(text);
		else if (!strcmp(c->name, "screenshot"))
			return files(text);
		if (ncand == 0) {
			add_saved_queries(text);
			add_list(text, stage_words);
			add_catalog(text);
		}
		if (ncand == 0)
			return files(text);
	} else {
		add_catalog(text);
		add_keywords(text, sql_words);
	}
	if (ncand == 0)
		return NULL;
	return rl_completion_matches(text, gen);
}

void complete_install(struct dwh *s)
{
	(void)s;
	rl_attempted_completion_function = attempt;
	/* '.' and '/' stay inside words so that paths complete whole. */
	rl_basic_word_break_characters = " \t\n\"'`@$><=;|&{(,";
	rl_completer_quote_characters = "'\"";
}
