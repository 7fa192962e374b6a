/* filter.c — one row filter: parsed once, judged in memory or written as SQL (filter.h). */
#include "view/filter.h"

#include "base/strci.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const op_sql[] = { "", "~", "IS NULL", "IS NOT NULL", "=", "<>", "<", "<=", ">", ">=" };

static void label(struct vfilter *f, const char *col)
{
	if (f->op == VF_HAS)
		snprintf(f->label, sizeof f->label, "%s has \"%s\"", col, f->val);
	else
		snprintf(f->label, sizeof f->label, "%s %s%s%s", col, op_sql[f->op], f->val[0] ? " " : "", f->val);
}

const char *vfilter_parse(const char *in, const char *col, struct vfilter *f)
{
	static const struct { const char *w; enum vf_op op; } ops[] = {
		{ ">=", VF_GE }, { "<=", VF_LE }, { "<>", VF_NE }, { "!=", VF_NE },
		{ "=", VF_EQ }, { "<", VF_LT }, { ">", VF_GT }, { "~", VF_RE } };
	size_t n;

	memset(f, 0, sizeof *f);
	while (*in == ' ')
		in++;
	f->op = VF_HAS;
	if (!strcasecmp(in, "is null") || !strcasecmp(in, "is not null")) {
		f->op = strcasecmp(in, "is null") ? VF_NOTNULL : VF_NULL;
		label(f, col);
		return NULL;
	}
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
		if (!strncmp(in, ops[i].w, strlen(ops[i].w))) {
			f->op = ops[i].op;
			for (in += strlen(ops[i].w); *in == ' '; in++)
				;
			break;
		}
	if (strlen(in) >= sizeof f->val)
		return "a value under 256 bytes";
	snprintf(f->val, sizeof f->val, "%s", in);
	n = strlen(f->val);
	while (n > 0 && f->val[n - 1] == ' ')
		f->val[--n] = '\0';
	if (n >= 2 && f->val[0] == '\'' && f->val[n - 1] == '\'' && f->op != VF_RE) {
		memmove(f->val, f->val + 1, n - 2);     /* = 'paid' as = paid */
		f->val[n - 2] = '\0';
	}
	if (!f->val[0])
		return "a value to compare with";
	if (strchr(f->val, '\n'))
		return "a value on one line";
	if (f->op == VF_RE && regcomp(&f->re, f->val, REG_EXTENDED | REG_NOSUB) != 0) {
		f->op = VF_HAS;         /* nothing compiled, nothing to free */
		return "a regular expression that compiles";
	}
	label(f, col);
	return NULL;
}

void vfilter_free(struct vfilter *f)
{
	if (f->op == VF_RE)
		regfree(&f->re);
	f->op = VF_HAS;
}

static bool number(const char *s, double *d)
{
	char *end;

	*d = strtod(s, &end);
	return *s && end != s && !*end;
}

bool vfilter_passes(const struct vfilter *f, const char *v)
{
	double a, b;
	int cmp;

	switch (f->op) {
	case VF_NULL: return !v;
	case VF_NOTNULL: return v != NULL;
	case VF_HAS: return v && strci_has(v, f->val);
	case VF_RE: return v && regexec(&f->re, v, 0, NULL, 0) == 0;
	default: break;
	}
	if (!v)
		return false;   /* as SQL: a comparison with NULL is not true */
	cmp = number(v, &a) && number(f->val, &b) ? (a > b) - (a < b) : strcmp(v, f->val);
	switch (f->op) {
	case VF_EQ: return cmp == 0;
	case VF_NE: return cmp != 0;
	case VF_LT: return cmp < 0;
	case VF_LE: return cmp <= 0;
	case VF_GT: return cmp > 0;
	default: return cmp >= 0;
	}
}

char *vfilter_sql(struct dwh *s, const struct vfilter *f, const char *col)
{
	char *id = db_ident(s, col), *lit = NULL, *out = NULL;
	size_t n;

	if (!id || (f->op != VF_NULL && f->op != VF_NOTNULL && !(lit = db_literal(s, f->val))))
		goto done;
	n = strlen(id) + (lit ? strlen(lit) : 0) + 64;
	if (!(out = malloc(n))) {
		err_set(&s->err, "out of memory");
		goto done;
	}
	if (f->op == VF_HAS)    /* position(), not ILIKE: the value's % and _ are text */
		snprintf(out, n, "position(lower(%s) in lower(%s::text)) > 0", lit, id);
	else if (f->op == VF_RE)
		snprintf(out, n, "%s::text ~ %s", id, lit);
	else if (!lit)
		snprintf(out, n, "%s %s", id, op_sql[f->op]);
	else
		snprintf(out, n, "%s %s %s", id, op_sql[f->op], lit);
done:
	free(id);
	free(lit);
	return out;
}
