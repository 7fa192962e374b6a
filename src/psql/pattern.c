/* pattern.c — psql's name patterns as regular expressions. */
#include "psql/pattern.h"

#include <ctype.h>
#include <string.h>

struct part {
	char *buf;
	size_t n, len;
	bool full;
};

static void put(struct part *p, const char *s)
{
	size_t l = strlen(s);

	if (p->len + l + 3 > p->n) {    /* room for the closing ")$" */
		p->full = true;
		return;
	}
	memcpy(p->buf + p->len, s, l + 1);
	p->len += l;
}

static void put_char(struct part *p, char c, bool quoted)
{
	char s[3] = { c, 0, 0 };

	if (!quoted && c == '*')
		put(p, ".*");
	else if (!quoted && c == '?')
		put(p, ".");
	else if (c == '$' || (quoted && strchr("\\^.[]()|*+?{}", c))) {
		s[0] = '\\';
		s[1] = c;
		put(p, s);
	} else {
		s[0] = quoted ? c : (char)tolower((unsigned char)c);
		put(p, s);
	}
}

static void start(struct part *p, char *buf, size_t n)
{
	*p = (struct part){ buf, n, 0, false };
	put(p, "^(");
}

static bool finish(struct part *p)
{
	if (p->len == 2) {              /* nothing between "^(" and ")$": no such part */
		p->buf[0] = '\0';
		return !p->full;
	}
	memcpy(p->buf + p->len, ")$", 3);
	return !p->full;
}

bool describe_pattern(const char *pattern, char *name, size_t nn, char *schema, size_t sn)
{
	struct part cur, prev = { 0 };
	char a[1024], b[1024];
	char *bufs[2] = { a, b };
	int which = 0;
	bool quoted = false, dotted = false;

	start(&cur, bufs[which], sizeof a);
	for (const char *c = pattern; *c; c++) {
		if (*c == '"') {
			if (quoted && c[1] == '"')
				put_char(&cur, *c++, true);
			else
				quoted = !quoted;
		} else if (*c == '.' && !quoted) {
			/* db.schema.name: the part before the last dot is the schema */
			finish(&cur);
			prev = cur;
			dotted = true;
			which = !which;
			start(&cur, bufs[which], sizeof a);
		} else {
			put_char(&cur, *c, quoted);
		}
	}
	if (!finish(&cur) || (dotted && prev.full))
		return false;
	if (strlen(cur.buf) + 1 > nn || (dotted && strlen(prev.buf) + 1 > sn))
		return false;
	strcpy(name, cur.buf);
	strcpy(schema, dotted ? prev.buf : "");
	return true;
}
