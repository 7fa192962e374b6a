/* sqlscan.c — a small SQL lexer that only knows enough to find statement ends: quotes,
 * double-quoted identifiers, -- and nested block comments, $tag$ strings, E'' escapes. */
#include "base/sqlscan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Length of a dollar-quote tag starting at s ("$$" or "$tag$"), or 0 if it is not one. */
static size_t dollar_tag(const char *s, size_t n)
{
	size_t i = 1;

	if (n < 2 || s[0] != '$')
		return 0;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_'))
		i++;
	if (i < n && s[i] == '$' && !(i > 1 && isdigit((unsigned char)s[1])))
		return i + 1;
	return 0;
}

/* Skip a quoted run that began at s[i] with quote q; backslashes escape in E'' strings.
 * *open is set when the text ends inside it. */
static size_t skip_quoted(const char *s, size_t n, size_t i, char q, int esc, char *open)
{
	for (i++; i < n; i++) {
		if (esc && s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] == q) {
			if (i + 1 < n && s[i + 1] == q) {
				i++;
				continue;
			}
			return i + 1;
		}
	}
	*open = q;
	return n;
}

static size_t skip_block_comment(const char *s, size_t n, size_t i, char *open)
{
	int depth = 0;

	while (i < n) {
		if (i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
			depth++;
			i += 2;
		} else if (i + 1 < n && s[i] == '*' && s[i + 1] == '/') {
			i += 2;
			if (--depth == 0)
				return i;
		} else {
			i++;
		}
	}
	*open = '*';
	return n;
}

static size_t skip_dollar(const char *s, size_t n, size_t i, size_t tag, char *open)
{
	for (size_t j = i + tag; j + tag <= n; j++)
		if (s[j] == '$' && !memcmp(s + j, s + i, tag))
			return j + tag;
	*open = '$';
	return n;
}

/* The offset after the token at i that must be skipped whole, or i when it is ordinary. */
static size_t skip_token(const char *s, size_t n, size_t i, char *open)
{
	size_t tag;

	if (s[i] == '\'') {
		int esc = i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e');

		return skip_quoted(s, n, i, '\'', esc, open);
	}
	if (s[i] == '"')
		return skip_quoted(s, n, i, '"', 0, open);
	if (s[i] == '-' && i + 1 < n && s[i + 1] == '-') {
		const char *nl = memchr(s + i, '\n', n - i);

		return nl ? (size_t)(nl - s) + 1 : n;
	}
	if (s[i] == '/' && i + 1 < n && s[i + 1] == '*')
		return skip_block_comment(s, n, i, open);
	if (s[i] == '$' && (i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_')) &&
	    (tag = dollar_tag(s + i, n - i)) > 0)
		return skip_dollar(s, n, i, tag, open);
	return i;
}

/* Walk s[0..n) to the first ';' outside quotes, comments and parentheses (psql does not end a
 * statement inside parentheses either). Returns the offset past it or 0; *open says what the
 * text ends inside of when there is none. */
static size_t scan(const char *s, size_t n, char *open)
{
	size_t i = 0;
	int depth = 0;

	*open = 0;
	while (i < n) {
		size_t j = skip_token(s, n, i, open);

		if (j != i) {
			i = j;
			continue;
		}
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth > 0)
			depth--;
		else if (s[i] == ';' && depth == 0)
			return i + 1;
		i++;
	}
	if (!*open && depth > 0)
		*open = '(';
	return 0;
}

size_t sqlscan_end(const char *s, size_t n)
{
	char open;

	return scan(s, n, &open);
}

char sqlscan_state(const char *s, size_t n)
{
	char open;
	size_t off = 0, end;

	while ((end = scan(s + off, n - off, &open)) > 0)
		off += end;
	if (open)
		return open;
	return sqlscan_blank_n(s + off, n - off) ? 0 : '-';
}

bool sqlscan_blank(const char *s)
{
	return sqlscan_blank_n(s, strlen(s));
}

bool sqlscan_blank_n(const char *s, size_t n)
{
	size_t i = 0;
	char open;

	while (i < n) {
		if (isspace((unsigned char)s[i])) {
			i++;
		} else if ((s[i] == '-' && i + 1 < n && s[i + 1] == '-') ||
			   (s[i] == '/' && i + 1 < n && s[i + 1] == '*')) {
			i = skip_token(s, n, i, &open);
		} else {
			return false;
		}
	}
	return true;
}

bool sqlscan_start(struct sqlscan_iter *it, const char *text)
{
	it->text = text;
	it->len = strlen(text);
	it->off = 0;
	it->buf = malloc(it->len + 1);
	return it->buf != NULL;
}

const char *sqlscan_next(struct sqlscan_iter *it)
{
	while (it->off < it->len) {
		size_t end = sqlscan_end(it->text + it->off, it->len - it->off);
		size_t n = end ? end : it->len - it->off;

		memcpy(it->buf, it->text + it->off, n);
		it->buf[n] = '\0';
		it->off += n;
		if (!sqlscan_blank(it->buf))
			return it->buf;
	}
	return NULL;
}

void sqlscan_stop(struct sqlscan_iter *it)
{
	free(it->buf);
	it->buf = NULL;
}

/* The words of a statement at parenthesis depth 0, outside quotes and comments: the first
 * names what it does, and a DELETE or UPDATE is bounded when a WHERE follows at that depth. */
const char *sqlscan_destructive(const char *s)
{
	size_t n = strlen(s), i = 0;
	int depth = 0, nwords = 0;
	char open, verb[16] = "";
	bool cte = false, where = false;

	while (i < n) {
		size_t j = skip_token(s, n, i, &open), w = 0;
		char word[16];

		if (j != i) {
			i = j;
			continue;
		}
		if (s[i] == '(' || s[i] == ')') {
			depth += s[i] == '(' ? 1 : depth > 0 ? -1 : 0;
			i++;
			continue;
		}
		if (!(isalpha((unsigned char)s[i]) || s[i] == '_')) {
			i++;
			continue;
		}
		while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '$')) {
			if (w + 1 < sizeof word)
				word[w++] = (char)toupper((unsigned char)s[i]);
			i++;
		}
		word[w] = '\0';
		if (depth > 0)
			continue;
		if (nwords++ == 0) {
			if (strcmp(word, "WITH"))
				memcpy(verb, word, sizeof word);
			cte = !strcmp(word, "WITH");
			continue;
		}
		if (cte && !verb[0] && (!strcmp(word, "DELETE") || !strcmp(word, "UPDATE") ||
					!strcmp(word, "SELECT") || !strcmp(word, "INSERT")))
			memcpy(verb, word, sizeof word);
		else if (!strcmp(word, "WHERE"))
			where = true;
	}
	if (!strcmp(verb, "DROP"))
		return "DROP";
	if (!strcmp(verb, "TRUNCATE"))
		return "TRUNCATE";
	if (!strcmp(verb, "DELETE") && !where)
		return "DELETE without WHERE";
	if (!strcmp(verb, "UPDATE") && !where)
		return "UPDATE without WHERE";
	return NULL;
}

static bool keyword(const char *w, size_t n)
{
	static const char *const kw[] = {
		"ALL", "ALTER", "ANALYZE", "AND", "AS", "ASC", "BEGIN", "BETWEEN", "BY", "CASE", "CAST",
		"CHECK", "COMMIT", "CONSTRAINT", "COPY", "CREATE", "CROSS", "DEFAULT", "DELETE", "DESC",
		"DISTINCT", "DROP", "ELSE", "END", "EXCEPT", "EXISTS", "EXPLAIN", "FALSE", "FILTER",
		"FOREIGN", "FROM", "FULL", "GRANT", "GROUP", "HAVING", "IF", "ILIKE", "IN", "INDEX",
		"INNER", "INSERT", "INTERSECT", "INTO", "IS", "JOIN", "KEY", "LATERAL", "LEFT", "LIKE",
		"LIMIT", "LOCK", "NATURAL", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "OVER",
		"PARTITION", "PRIMARY", "REFERENCES", "RETURNING", "REVOKE", "RIGHT", "ROLLBACK",
		"SCHEMA", "SELECT", "SET", "SHOW", "TABLE", "TEMP", "TEMPORARY", "THEN", "TRUE",
		"TRUNCATE", "UNION", "UNIQUE", "UPDATE", "USING", "VACUUM", "VALUES", "VIEW", "WHEN",
		"WHERE", "WINDOW", "WITH", NULL,
	};
	char up[16];

	if (n >= sizeof up)
		return false;
	for (size_t i = 0; i < n; i++)
		up[i] = (char)toupper((unsigned char)w[i]);
	up[n] = '\0';
	for (int i = 0; kw[i]; i++)
		if (!strcmp(up, kw[i]))
			return true;
	return false;
}

static bool word_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

void sqlscan_classes(const char *s, size_t n, char *cls)
{
	size_t i = 0;

	memset(cls, SQLSCAN_PLAIN, n);
	while (i < n) {
		char open;
		size_t j = skip_token(s, n, i, &open);

		if (j != i) {
			char c = s[i] == '"' ? SQLSCAN_PLAIN : (s[i] == '-' || s[i] == '/') ? SQLSCAN_COMMENT
			       : SQLSCAN_STRING;

			memset(cls + i, c, j - i);
			i = j;
		} else if (s[i] == '\\') {               /* a meta-command's name */
			for (j = i + 1; j < n && !isspace((unsigned char)s[j]) && s[j] != '\\'; j++)
				;
			memset(cls + i, SQLSCAN_META, j - i);
			i = j;
		} else if (s[i] == ':' && i + 1 < n && s[i + 1] != ':' && (i == 0 || s[i - 1] != ':') &&
			   (word_char((unsigned char)s[i + 1]) || s[i + 1] == '\'' || s[i + 1] == '"' ||
			    s[i + 1] == '{')) {
			char q = s[i + 1] == '\'' || s[i + 1] == '"' ? s[i + 1] : s[i + 1] == '{' ? '}' : 0;

			j = i + 1;
			if (q) {
				const char *e = memchr(s + i + 2, q, n - i - 2);

				j = e ? (size_t)(e - s) + 1 : n;
			} else {
				while (j < n && word_char((unsigned char)s[j]))
					j++;
			}
			memset(cls + i, SQLSCAN_VARIABLE, j - i);
			i = j;
		} else if (word_char((unsigned char)s[i])) {
			bool num = isdigit((unsigned char)s[i]);

			for (j = i; j < n && (word_char((unsigned char)s[j]) || (num && s[j] == '.')); j++)
				;
			if (num)
				memset(cls + i, SQLSCAN_NUMBER, j - i);
			else if (keyword(s + i, j - i))
				memset(cls + i, SQLSCAN_KEYWORD, j - i);
			i = j;
		} else {
			i++;
		}
	}
}
