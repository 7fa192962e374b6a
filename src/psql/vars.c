/* vars.c — psql's variables and their interpolation. The lexer is psqlscan.l's rule set cut to
 * what interpolation needs: quotes, E'' strings, double-quoted identifiers, dollar quotes and
 * comments are copied untouched; `::` is a cast; a reference to an unset variable is kept. */
#include "psql/vars.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"

struct dwh_vars {
	int n, cap;
	char **name, **value;   /* kept in name order */
};

static bool var_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

bool vars_valid_name(const char *name)
{
	if (!*name)
		return false;
	for (; *name; name++)
		if (!var_char((unsigned char)*name))
			return false;
	return true;
}

/* Index of name, or -(insertion point) - 1. */
static int find(const struct dwh_vars *v, const char *name, size_t len)
{
	int lo = 0, hi = v ? v->n : 0;

	while (lo < hi) {
		int mid = (lo + hi) / 2, c = strncmp(v->name[mid], name, len);

		if (c == 0 && v->name[mid][len] != '\0')
			c = 1;
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -lo - 1;
}

static const char *get_n(const struct dwh *s, const char *name, size_t len)
{
	int i = find(s->vars, name, len);

	return i >= 0 ? s->vars->value[i] : NULL;
}

const char *vars_get(const struct dwh *s, const char *name)
{
	return get_n(s, name, strlen(name));
}

static int grow(struct dwh_vars *v)
{
	int cap = v->cap ? v->cap * 2 : 16;
	char **n = realloc(v->name, (size_t)cap * sizeof *n), **val;

	if (!n)
		return -1;
	v->name = n;
	if (!(val = realloc(v->value, (size_t)cap * sizeof *val)))
		return -1;
	v->value = val;
	v->cap = cap;
	return 0;
}

int vars_set(struct dwh *s, const char *name, const char *value)
{
	struct dwh_vars *v;
	char *copy;
	int i;

	if (!vars_valid_name(name))
		return -1;
	if (!s->vars && !(s->vars = calloc(1, sizeof *s->vars)))
		return -1;
	v = s->vars;
	if (!(copy = strdup(value)))
		return -1;
	if ((i = find(v, name, strlen(name))) >= 0) {
		free(v->value[i]);
		v->value[i] = copy;
		return 0;
	}
	i = -i - 1;
	if ((v->n == v->cap && grow(v) < 0) || !(v->name[v->n] = strdup(name))) {
		free(copy);
		return -1;
	}
	char *nm = v->name[v->n];
	memmove(v->name + i + 1, v->name + i, (size_t)(v->n - i) * sizeof *v->name);
	memmove(v->value + i + 1, v->value + i, (size_t)(v->n - i) * sizeof *v->value);
	v->name[i] = nm;
	v->value[i] = copy;
	v->n++;
	return 0;
}

void vars_unset(struct dwh *s, const char *name)
{
	struct dwh_vars *v = s->vars;
	int i = find(v, name, strlen(name));

	if (i < 0)
		return;
	free(v->name[i]);
	free(v->value[i]);
	memmove(v->name + i, v->name + i + 1, (size_t)(v->n - i - 1) * sizeof *v->name);
	memmove(v->value + i, v->value + i + 1, (size_t)(v->n - i - 1) * sizeof *v->value);
	v->n--;
}

void vars_free(struct dwh *s)
{
	struct dwh_vars *v = s->vars;

	if (!v)
		return;
	for (int i = 0; i < v->n; i++)
		free(v->name[i]), free(v->value[i]);
	free(v->name);
	free(v->value);
	free(v);
	s->vars = NULL;
}

int vars_count(const struct dwh *s)
{
	return s->vars ? s->vars->n : 0;
}

void vars_at(const struct dwh *s, int i, const char **name, const char **value)
{
	*name = s->vars->name[i];
	*value = s->vars->value[i];
}

/* A growing output string. */
struct out {
	char *p;
	size_t len, cap;
	bool oom;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->oom)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->len + n + 1) * 2;
		char *p = realloc(o->p, cap);

		if (!p) {
			o->oom = true;
			return;
		}
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

/* Length of the quoted, commented or dollar-quoted run at t[i] to copy as it is; 0 when t[i]
 * starts none. An unterminated one runs to the end. */
static size_t opaque(const char *t, size_t n, size_t i)
{
	size_t j;

	if (t[i] == '\'' || t[i] == '"') {
		bool esc = t[i] == '\'' && i > 0 && (t[i - 1] == 'E' || t[i - 1] == 'e') &&
			   (i < 2 || !var_char((unsigned char)t[i - 2]));

		for (j = i + 1; j < n; j++) {
			if (esc && t[j] == '\\' && j + 1 < n)
				j++;
			else if (t[j] == t[i] && j + 1 < n && t[j + 1] == t[i])
				j++;
			else if (t[j] == t[i])
				return j + 1 - i;
		}
		return n - i;
	}
	if (t[i] == '-' && i + 1 < n && t[i + 1] == '-')
		return strcspn(t + i, "\n");
	if (t[i] == '/' && i + 1 < n && t[i + 1] == '*') {
		int depth = 0;

		for (j = i; j < n; j++) {
			if (t[j] == '/' && j + 1 < n && t[j + 1] == '*')
				depth++, j++;
			else if (t[j] == '*' && j + 1 < n && t[j + 1] == '/' && --depth == 0)
				return j + 2 - i;
			else if (t[j] == '*' && j + 1 < n && t[j + 1] == '/')
				j++;
		}
		return n - i;
	}
	if (t[i] == '$' && (i == 0 || !var_char((unsigned char)t[i - 1]))) {
		size_t k = i + 1;

		while (k < n && (isalpha((unsigned char)t[k]) || t[k] == '_' ||
				 (k > i + 1 && isdigit((unsigned char)t[k]))))
			k++;
		if (k < n && t[k] == '$') {
			size_t tag = k + 1 - i;

			for (j = k + 1; j + tag <= n; j++)
				if (!memcmp(t + j, t + i, tag))
					return j + tag - i;
			return n - i;
		}
	}
	return 0;
}

/* A reference at t[i] (t[i] == ':'): writes its replacement and returns its length, or 0 when
 * it is none (or names an unset variable). -1 when quoting failed. */
static long reference(const struct dwh *s, const char *t, size_t n, size_t i, vars_quote_fn quote,
		      void *ctx, struct dwh_err *e, struct out *o)
{
	size_t j = i + 1, k;
	char close = 0;
	const char *val;

	if (j < n && (t[j] == '\'' || t[j] == '"'))
		close = t[j++];
	else if (j + 1 < n && t[j] == '{' && t[j + 1] == '?')
		close = '}', j += 2;
	for (k = j; k < n && var_char((unsigned char)t[k]); k++)
		;
	if (k == j || (close && (k >= n || t[k] != close)))
		return 0;
	val = get_n(s, t + j, k - j);
	if (close == '}') {
		put(o, val ? "TRUE" : "FALSE", val ? 4 : 5);
		return (long)(k + 1 - i);
	}
	if (!val)
		return 0;
	if (!close) {
		put(o, val, strlen(val));
		return (long)(k - i);
	}
	char *q = quote(ctx, val, close == '"', e);

	if (!q)
		return -1;
	put(o, q, strlen(q));
	free(q);
	return (long)(k + 1 - i);
}

char *vars_expand(const struct dwh *s, const char *text, vars_quote_fn quote, void *ctx,
		  struct dwh_err *e)
{
	struct out o = { 0 };
	size_t n = strlen(text), i = 0;

	put(&o, "", 0);
	while (i < n) {
		size_t skip = opaque(text, n, i);
		long ref;

		if (skip > 0) {
			put(&o, text + i, skip);
			i += skip;
		} else if (text[i] == ':' && i + 1 < n && text[i + 1] == ':') {
			while (i < n && text[i] == ':')  /* a cast, or a run of colons */
				put(&o, text + i++, 1);
		} else if (text[i] == ':' && (ref = reference(s, text, n, i, quote, ctx, e, &o)) != 0) {
			if (ref < 0) {
				free(o.p);
				return NULL;
			}
			i += (size_t)ref;
		} else {
			put(&o, text + i++, 1);
		}
	}
	if (o.oom) {
		free(o.p);
		err_set(e, "out of memory");
		return NULL;
	}
	return o.p;
}

static char *session_quote(void *ctx, const char *value, bool ident, struct dwh_err *e)
{
	struct dwh *s = ctx;
	char *q;

	if (db_ensure(s) != DWH_OK) {
		*e = s->err;
		return NULL;
	}
	if (!(q = ident ? db_ident(s, value) : db_literal(s, value)))
		err_set(e, "cannot quote the value of a variable: %s", PQerrorMessage(s->conn));
	return q;
}

char *vars_interpolate(struct dwh *s, const char *text)
{
	struct dwh_err e;
	char *out;

	if (vars_count(s) == 0 || !strchr(text, ':'))
		return strdup(text);
	err_clear(&e);
	if (!(out = vars_expand(s, text, session_quote, s, &e)))
		s->err = e;
	return out;
}

/* One word of a meta-command's arguments into o: '...' quoted (a doubled quote is one),
 * "..." kept with its quotes (an identifier, as psql passes it), variable references
 * replaced by their text, which is not read again. Returns the offset after the word, or -1
 * (unterminated quote, or quoting failed: e set). */
static long meta_word(const struct dwh *s, const char *t, size_t n, size_t i, vars_quote_fn quote,
		      void *ctx, struct dwh_err *e, struct out *o)
{
	while (i < n && !isspace((unsigned char)t[i])) {
		char q = t[i];
		long ref;

		if (q == '\'' || q == '"') {
			size_t j = i + 1;

			if (q == '"')
				put(o, t + i, 1);
			for (; j < n; j++) {
				if (t[j] == q && j + 1 < n && t[j + 1] == q)
					put(o, t + j++, 1);
				else if (t[j] == q)
					break;
				else
					put(o, t + j, 1);
			}
			if (j >= n) {
				err_set(e, "unterminated quote in: %s", t);
				return -1;
			}
			if (q == '"')
				put(o, t + j, 1);
			i = j + 1;
		} else if (q == ':' && (ref = reference(s, t, n, i, quote, ctx, e, o)) != 0) {
			if (ref < 0)
				return -1;
			i += (size_t)ref;
		} else {
			put(o, t + i++, 1);
		}
	}
	return (long)i;
}

int vars_split_meta(const struct dwh *s, const char *line, vars_quote_fn quote, void *ctx,
		    char ***argvp, struct dwh_err *e)
{
	struct out o = { 0 };
	size_t n = strlen(line), i = 0, *at = calloc(n / 2 + 2, sizeof *at);
	int argc = 0;
	char **argv;

	if (!at)
		return err_set(e, "out of memory");
	for (;;) {
		long next;

		while (i < n && isspace((unsigned char)line[i]))
			i++;
		if (i >= n)
			break;
		at[argc++] = o.len;
		if ((next = meta_word(s, line, n, i, quote, ctx, e, &o)) < 0) {
			free(at);
			free(o.p);
			return -1;
		}
		put(&o, "", 1);         /* each word ends with its NUL */
		i = (size_t)next;
	}
	if (o.oom || !(argv = calloc((size_t)argc + 1, sizeof *argv))) {
		free(at);
		free(o.p);
		return err_set(e, "out of memory");
	}
	for (int k = 0; k < argc; k++)
		argv[k] = o.p + at[k];
	if (argc == 0)
		free(o.p);
	free(at);
	*argvp = argv;
	return argc;
}

int vars_meta_argv(struct dwh *s, const char *line, char ***argv)
{
	struct dwh_err e;
	int argc;

	err_clear(&e);
	if ((argc = vars_split_meta(s, line, session_quote, s, argv, &e)) < 0)
		s->err = e;
	return argc;
}
