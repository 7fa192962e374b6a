/* sqlctx.c — a small SQL tokenizer (identifiers, quoted names, strings and comments skipped)
 * and the rules that tell completion what kind of name comes next. */
#include "tui/sqlctx.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct tok {
	char text[128];
	bool ident;             /* a name or keyword (text unquoted), else one punctuation char */
};

/* The next token at *p, or false at the end. */
static bool next_tok(const char **p, struct tok *t)
{
	const char *s = *p;

	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (s[0] == '-' && s[1] == '-')
			s += strcspn(s, "\n");
		else if (s[0] == '/' && s[1] == '*')
			s = strstr(s + 2, "*/") ? strstr(s + 2, "*/") + 2 : s + strlen(s);
		else if (*s == '\'') {
			for (s++; *s && !(*s == '\'' && s[1] != '\''); s += *s == '\'' ? 2 : 1)
				;
			if (*s)
				s++;
		} else
			break;
	}
	if (!*s)
		return false;
	size_t n = 0;
	if (*s == '"') {
		for (s++; *s && *s != '"'; s++)
			if (n + 1 < sizeof t->text)
				t->text[n++] = *s;
		s += *s == '"';
		t->ident = true;
	} else if (isalnum((unsigned char)*s) || *s == '_' || *s == '$' || (unsigned char)*s >= 0x80) {
		while (isalnum((unsigned char)*s) || *s == '_' || *s == '$' || (unsigned char)*s >= 0x80) {
			if (n + 1 < sizeof t->text)
				t->text[n++] = *s;
			s++;
		}
		t->ident = true;
	} else {
		t->text[n++] = *s++;
		t->ident = false;
	}
	t->text[n] = '\0';
	*p = s;
	return true;
}

static bool is(const struct tok *t, const char *kw)
{
	return t->ident && !strcasecmp(t->text, kw);
}

static bool is_any(const struct tok *t, const char *const *kws)
{
	for (; *kws; kws++)
		if (is(t, *kws))
			return true;
	return false;
}

static const char *const relation_kw[] = { "FROM", "JOIN", "INTO", "UPDATE", "TABLE", NULL };
static const char *const column_kw[] = {
	"SELECT", "WHERE", "ON", "BY", "SET", "AND", "OR", "NOT", "HAVING", "DISTINCT", "WHEN",
	"THEN", "ELSE", "CASE", "USING", "RETURNING", NULL,
};
/* Words that end a FROM list or can never be an alias. */
static const char *const clause_kw[] = {
	"WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "JOIN", "ON", "USING", "LEFT",
	"RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "UNION", "EXCEPT", "INTERSECT",
	"SET", "VALUES", "SELECT", "RETURNING", "WINDOW", "FETCH", "FOR", "LATERAL", "AS", NULL,
};

/* Relations after FROM/JOIN/UPDATE/INTO (and commas in a FROM list), with their aliases. */
static void find_relations(const char *whole, struct sqlctx *c)
{
	const char *p = whole;
	struct tok t, prev = { "", false };
	bool in_from = false;

	c->nrel = 0;
	while (next_tok(&p, &t)) {
		bool takes = is_any(&prev, (const char *const[]){ "FROM", "JOIN", "UPDATE", "INTO", NULL }) ||
			     (in_from && !prev.ident && prev.text[0] == ',');

		if (is(&t, "FROM"))
			in_from = true;
		else if (t.ident && is_any(&t, clause_kw) && !is(&t, "AS"))
			in_from = false;
		if (takes && t.ident && !is_any(&t, clause_kw) && strcasecmp(t.text, "LATERAL") &&
		    c->nrel < SQLCTX_RELS) {
			struct tok a;
			const char *q = p;

			snprintf(c->rel[c->nrel].name, sizeof c->rel[0].name, "%s", t.text);
			if (*q == '.' && next_tok(&q, &a) && next_tok(&q, &a) && a.ident) {
				/* schema.table: the table is the name */
				snprintf(c->rel[c->nrel].name, sizeof c->rel[0].name, "%s", a.text);
				p = q;
			}
			c->rel[c->nrel].alias[0] = '\0';
			q = p;
			/* at the end of the text there is no next token: `a` is not read then */
			bool more = next_tok(&q, &a);
			if (more && is(&a, "AS"))
				p = q, more = next_tok(&q, &a);
			if (more && a.ident && !is_any(&a, clause_kw) && !is(&a, "FROM")) {
				snprintf(c->rel[c->nrel].alias, sizeof c->rel[0].alias, "%s", a.text);
				p = q;
			}
			c->nrel++;
		}
		prev = t;
	}
}

/* The kind from the last tokens before the word. */
static enum sqlctx_kind kind_before(const char *before)
{
	const char *p = before;
	struct tok t, last = { "", false };
	enum sqlctx_kind clause = SQLCTX_ANY;   /* what the last clause keyword asks for */

	while (next_tok(&p, &t)) {
		if (is_any(&t, relation_kw))
			clause = SQLCTX_RELATION;
		else if (is_any(&t, column_kw))
			clause = SQLCTX_COLUMN;
		else if (t.ident && is_any(&t, clause_kw))
			clause = SQLCTX_ANY;
		last = t;
	}
	if (is_any(&last, relation_kw))
		return SQLCTX_RELATION;
	if (is_any(&last, column_kw))
		return SQLCTX_COLUMN;
	if (!last.ident && strchr(",(=<>+-*/", last.text[0]) && last.text[0])
		return clause == SQLCTX_RELATION && last.text[0] == ',' ? SQLCTX_RELATION
		     : clause == SQLCTX_COLUMN || clause == SQLCTX_RELATION ? SQLCTX_COLUMN : SQLCTX_ANY;
	return SQLCTX_ANY;
}

void sqlctx_analyze(const char *before, const char *whole, const char *word, struct sqlctx *c)
{
	const char *dot = strrchr(word, '.');

	memset(c, 0, sizeof *c);
	find_relations(whole, c);
	if (dot) {
		size_t n = (size_t)(dot - word);

		c->kind = SQLCTX_QUALIFIED;
		if (n >= 2 && word[0] == '"' && word[n - 1] == '"')
			snprintf(c->qual, sizeof c->qual, "%.*s", (int)(n - 2), word + 1);
		else
			snprintf(c->qual, sizeof c->qual, "%.*s", (int)n, word);
		return;
	}
	c->kind = kind_before(before);
}

const char *sqlctx_relation(const struct sqlctx *c, const char *name)
{
	for (int i = 0; i < c->nrel; i++)
		if (!strcasecmp(c->rel[i].alias, name))
			return c->rel[i].name;
	for (int i = 0; i < c->nrel; i++)
		if (!strcasecmp(c->rel[i].name, name))
			return c->rel[i].name;
	return NULL;
}
