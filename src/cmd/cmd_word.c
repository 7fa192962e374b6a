/* cmd_word.c — what a line of input is: a dwh command, a psql meta-command, SQL (its first
 * word can begin a PostgreSQL or Redshift statement), or a word nobody knows, which is answered
 * at once with the closest command or keyword instead of being sent to the server as SQL. */
#include "cmd/cmd.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Words that can begin a statement: PostgreSQL's SQL commands (its reference, "SQL Commands")
 * and Redshift's additions (UNLOAD, CANCEL, DESC DATASHARE, ATTACH/DETACH ... POLICY). */
static const char *const sql_start[] = {
	"ABORT", "ALTER", "ANALYSE", "ANALYZE", "ATTACH", "BEGIN", "CALL", "CANCEL", "CHECKPOINT",
	"CLOSE", "CLUSTER", "COMMENT", "COMMIT", "COPY", "CREATE", "DEALLOCATE", "DECLARE",
	"DELETE", "DESC", "DETACH", "DISCARD", "DO", "DROP", "END", "EXECUTE", "EXPLAIN", "FETCH",
	"GRANT", "IMPORT", "INSERT", "LISTEN", "LOAD", "LOCK", "MERGE", "MOVE", "NOTIFY",
	"PREPARE", "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE", "ROLLBACK",
	"SAVEPOINT", "SECURITY", "SELECT", "SET", "SHOW", "START", "TABLE", "TRUNCATE", "UNLISTEN",
	"UNLOAD", "UPDATE", "VACUUM", "VALUES", "WITH", NULL,
};

const char *const *cmd_sql_keywords(void)
{
	return sql_start;
}

/* Past leading whitespace and SQL comments. */
static const char *skip_blank(const char *p)
{
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");

			if (!e)
				return p + strlen(p);
			p = e + 2;
		} else {
			return p;
		}
	}
}

/* The first whitespace-delimited word, as typed: command words are lower case and matched
 * case-sensitively, so `HELP` is not `help` (it gets "did you mean help?"). */
static void first_word(const char *line, char *buf, size_t n)
{
	size_t i = 0;

	while (isspace((unsigned char)*line))
		line++;
	while (line[i] && !isspace((unsigned char)line[i]) && i + 1 < n) {
		buf[i] = line[i];
		i++;
	}
	buf[i] = '\0';
}

/* The first SQL word (letters, digits, _), past comments; "" when the text starts otherwise. */
static void first_ident(const char *line, char *buf, size_t n)
{
	const char *p = skip_blank(line);
	size_t i = 0;

	if (isalpha((unsigned char)*p) || *p == '_')
		while ((isalnum((unsigned char)p[i]) || p[i] == '_') && i + 1 < n) {
			buf[i] = p[i];
			i++;
		}
	buf[i] = '\0';
}

static bool is_sql_start(const char *word)
{
	for (const char *const *k = sql_start; *k; k++)
		if (!strcasecmp(*k, word))
			return true;
	return false;
}

static bool ends_with_semicolon(const char *line)
{
	size_t n = strlen(line);

	while (n > 0 && isspace((unsigned char)line[n - 1]))
		n--;
	return n > 0 && line[n - 1] == ';';
}

enum cmd_kind cmd_classify(const char *line)
{
	char word[64], ident[64];
	const char *p = skip_blank(line);

	first_word(line, word, sizeof word);
	if (*p == '\\')
		return cmd_find(word) ? CMD_KIND_COMMAND : CMD_KIND_UNKNOWN;
	first_ident(line, ident, sizeof ident);
	/* `create staging` is dwh's; `create table t (a int);` ends with ';' and is SQL. */
	if (cmd_find(word) && !ends_with_semicolon(line))
		return CMD_KIND_COMMAND;
	if (*p == '(' || *p == ';' || *p == '\0' || is_sql_start(ident))
		return CMD_KIND_SQL;
	if (ident[0] && cmd_find(ident) && ends_with_semicolon(line))
		return CMD_KIND_SQL;    /* `counts;`: a ';' forces SQL, as the README says */
	return CMD_KIND_UNKNOWN;
}

bool cmd_is_command(const char *line)
{
	return cmd_classify(line) != CMD_KIND_SQL;
}

/* Optimal string alignment distance (Levenshtein with adjacent swaps), case-insensitive. */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int d[33][33];

	if (la > 32 || lb > 32)
		return 99;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			int best = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/* Keep `cand` when it is closer than what we have; keywords follow the case of the word. */
static void consider(const char *word, const char *cand, bool keyword, int *best, char *out, size_t n)
{
	int d = distance(word, cand);

	if (d >= *best)
		return;
	*best = d;
	snprintf(out, n, "%s", cand);
	if (keyword && !isupper((unsigned char)word[0]))
		for (char *c = out; *c; c++)
			*c = (char)tolower((unsigned char)*c);
}

bool cmd_suggest(const char *word, char *out, size_t n)
{
	size_t len = strlen(word);
	int limit = len <= 4 ? 1 : 2, best = limit + 1;

	out[0] = '\0';
	for (const struct dwh_cmd *const *c = cmd_table; *c; c++)
		consider(word, (*c)->name, false, &best, out, n);
	if (word[0] != '\\')
		for (const char *const *k = sql_start; *k; k++)
			consider(word, *k, true, &best, out, n);
	return out[0] != '\0' && best < (int)len;
}

void cmd_unknown(struct dwh *s, const char *line)
{
	char word[64], near[64];
	const char *p = skip_blank(line);

	if (*p == '\\')
		first_word(p, word, sizeof word);
	else
		first_ident(p, word, sizeof word);
	if (!word[0])
		first_word(p, word, sizeof word);
	if (cmd_suggest(word, near, sizeof near))
		err_set(&s->err, "unknown command: %s — did you mean %s?", word, near);
	else
		err_set(&s->err, "unknown command: %s (help lists the commands; SQL begins with a "
			"keyword such as SELECT)", word);
}
