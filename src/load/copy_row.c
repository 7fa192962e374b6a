/* copy_row.c — a small strict JSON parser that writes COPY text directly: no tree, no
 * allocation per value, the original digits of every number kept (so float8 and bigint values
 * arrive exactly as written), UTF-8 validated and \u0000 refused because PostgreSQL text
 * cannot hold it. A record is either a whole row or a bad record; never half of one. */
#include "load/copy_row.h"

#include "load/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct copy_col songs_cols[] = {
	{ "num_songs", "num_songs", COL_INT4 },
	{ "artist_id", "artist_id", COL_TEXT },
	{ "artist_latitude", "artist_latitude", COL_FLOAT8 },
	{ "artist_longitude", "artist_longitude", COL_FLOAT8 },
	{ "artist_location", "artist_location", COL_TEXT },
	{ "artist_name", "artist_name", COL_TEXT },
	{ "song_id", "song_id", COL_TEXT },
	{ "title", "title", COL_TEXT },
	{ "duration", "duration", COL_FLOAT8 },
	{ "year", "year", COL_INT4 },
};

/* The order of log_json_path.json. */
static const struct copy_col events_cols[] = {
	{ "artist", "artist", COL_TEXT },
	{ "auth", "auth", COL_TEXT },
	{ "firstName", "first_name", COL_TEXT },
	{ "gender", "gender", COL_TEXT },
	{ "itemInSession", "item_in_session", COL_INT4 },
	{ "lastName", "last_name", COL_TEXT },
	{ "length", "length", COL_FLOAT8 },
	{ "level", "level", COL_TEXT },
	{ "location", "location", COL_TEXT },
	{ "method", "method", COL_TEXT },
	{ "page", "page", COL_TEXT },
	{ "registration", "registration", COL_FLOAT8 },
	{ "sessionId", "session_id", COL_INT4 },
	{ "song", "song", COL_TEXT },
	{ "status", "status", COL_INT4 },
	{ "ts", "ts", COL_INT8 },
	{ "userAgent", "user_agent", COL_TEXT },
	{ "userId", "user_id", COL_TEXT },
};

#define NCOLS(a) ((int)(sizeof a / sizeof a[0]))
const struct copy_table copy_songs = { "staging_songs", songs_cols, NCOLS(songs_cols) };
const struct copy_table copy_events = { "staging_events", events_cols, NCOLS(events_cols) };

/* ---- COPY escaping ---- */

/* The COPY text escape of byte c, or NULL when it stands for itself. */
static const char *copy_esc(unsigned char c)
{
	switch (c) {
	case '\\': return "\\\\";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '\v': return "\\v";
	default: return NULL;
	}
}

int copy_escape(struct bytebuf *out, const char *s, size_t n)
{
	if (bytebuf_reserve(out, 2 * n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *e = copy_esc((unsigned char)s[i]);
		if (e) {
			out->p[out->len++] = e[0];
			out->p[out->len++] = e[1];
		} else {
			out->p[out->len++] = s[i];
		}
	}
	return 0;
}

/* ---- the parser ---- */

/* S_COPY: escaped for COPY text; S_BIN: as is, for COPY binary (\u0000 refused in both) */
enum smode { S_SKIP, S_RAW, S_COPY, S_BIN };

struct parse {
	const char *start, *p, *end;
	struct copy_err *e;
	const char *col;        /* the key being read, for messages */
	bool oom;
};

#define MAXDEPTH 256

static int bad(struct parse *ps, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(struct parse *ps, const char *at, const char *fmt, ...)
{
	va_list ap;

	ps->e->pos = (size_t)(at - ps->start);
	snprintf(ps->e->col, sizeof ps->e->col, "%s", ps->col ? ps->col : "");
	va_start(ap, fmt);
	vsnprintf(ps->e->reason, sizeof ps->e->reason, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_put(struct parse *ps, struct bytebuf *b, const void *data, size_t n)
{
	if (bytebuf_add(b, data, n) < 0) {
		ps->oom = true;
		return -1;
	}
	return 0;
}

static void ws(struct parse *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r'))
		ps->p++;
}

/* What is at p, for "unexpected" messages. */
static int unexpected(struct parse *ps)
{
	unsigned char c;

	if (ps->p >= ps->end)
		return bad(ps, ps->p, "not JSON: unexpected end of input");
	c = (unsigned char)*ps->p;
	if (c >= 0x21 && c < 0x7F)
		return bad(ps, ps->p, "not JSON: unexpected character '%c'", c);
	return bad(ps, ps->p, "not JSON: unexpected byte 0x%02X", c);
}

static int hex4(const char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		*v = *v * 16 + (unsigned)d;
	}
	return 0;
}

/* A \uXXXX escape (and its low surrogate) at p (the backslash); *adv gets its length. */
static int unicode_escape(struct parse *ps, const char *p, unsigned *cp, size_t *adv)
{
	unsigned lo;

	if (ps->end - p < 6 || hex4(p + 2, cp) < 0)
		return bad(ps, p, "not JSON: invalid \\u escape");
	*adv = 6;
	if (*cp >= 0xDC00 && *cp <= 0xDFFF)
		return bad(ps, p, "not JSON: lone surrogate in \\u escape");
	if (*cp >= 0xD800 && *cp <= 0xDBFF) {
		if (ps->end - p < 12 || p[6] != '\\' || p[7] != 'u' || hex4(p + 8, &lo) < 0 ||
		    lo < 0xDC00 || lo > 0xDFFF)
			return bad(ps, p, "not JSON: lone surrogate in \\u escape");
		*cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
		*adv = 12;
	}
	return 0;
}

static int put_char(struct parse *ps, struct bytebuf *out, enum smode m, unsigned char c)
{
	const char *e = m == S_COPY ? copy_esc(c) : NULL;

	return e ? parse_put(ps, out, e, 2) : parse_put(ps, out, &c, 1);
}

static int put_cp(struct parse *ps, struct bytebuf *out, enum smode m, unsigned cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80)
		return put_char(ps, out, m, (unsigned char)cp);
	if (cp < 0x800) {
		u[0] = 0xC0 | cp >> 6; u[1] = 0x80 | (cp & 0x3F); n = 2;
	} else if (cp < 0x10000) {
		u[0] = 0xE0 | cp >> 12; u[1] = 0x80 | (cp >> 6 & 0x3F); u[2] = 0x80 | (cp & 0x3F); n = 3;
	} else {
		u[0] = 0xF0 | cp >> 18; u[1] = 0x80 | (cp >> 12 & 0x3F);
		u[2] = 0x80 | (cp >> 6 & 0x3F); u[3] = 0x80 | (cp & 0x3F); n = 4;
	}
	return parse_put(ps, out, u, n);
}

/* The byte a one-letter escape \\c stands for, or -1 when JSON has no such escape. */
static int unescaped(char c)
{
	switch (c) {
	case '"': return '"';
	case '\\': return '\\';
	case '/': return '/';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	default: return -1;
	}
}

static int escape(struct parse *ps, const char **pp, struct bytebuf *out, enum smode m)
{
	const char *p = *pp;
	unsigned cp;
	int ch;
	size_t adv;

	if (p + 1 < ps->end && p[1] == 'u') {
		if (unicode_escape(ps, p, &cp, &adv) < 0)
			return -1;
		if (cp == 0 && (m == S_COPY || m == S_BIN))
			return bad(ps, p, "\\u0000 is not allowed in text");
		*pp = p + adv;
		return m == S_SKIP ? 0 : put_cp(ps, out, m, cp);
	}
	if (p + 1 >= ps->end || (ch = unescaped(p[1])) < 0)
		return bad(ps, p, "not JSON: invalid escape");
	*pp = p + 2;
	return m == S_SKIP ? 0 : put_char(ps, out, m, (unsigned char)ch);
}

/* Bytes that stand for themselves in a JSON string and in COPY text. */
static const unsigned char plain[256] = {  /* 0x20..0x7F but '"' and '\\' */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Whether any of the 8 bytes of w is '"', '\\', below 0x20 or above 0x7F: a byte that does not
 * stand for itself (a zero-byte test per class; a true one may flag the bytes above it too,
 * which only sends those bytes to the byte-at-a-time test). */
static bool special8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');

	return (((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w) | w) & high;
}

/* The string at ps->p (its opening quote), decoded into out unless skipping. Plain bytes are
 * passed over eight at a time (a user agent is a hundred of them). */
static int parse_string(struct parse *ps, struct bytebuf *out, enum smode m)
{
	const char *p = ps->p + 1;

	for (;;) {
		const char *run = p;
		uint64_t w;

		while (ps->end - p >= 8 && (memcpy(&w, p, 8), !special8(w)))
			p += 8;
		while (p < ps->end && plain[(unsigned char)*p])
			p++;
		if (m != S_SKIP && p > run && parse_put(ps, out, run, (size_t)(p - run)) < 0)
			return -1;
		if (p >= ps->end)
			return bad(ps, p, "not JSON: unterminated string");
		unsigned char c = (unsigned char)*p;
		if (c == '"') {
			ps->p = p + 1;
			return 0;
		} else if (c == '\\') {
			if (escape(ps, &p, out, m) < 0)
				return -1;
		} else if (c < 0x20) {
			return bad(ps, p, "not JSON: control character in a string");
		} else {
			size_t n = utf8_seq_len((const unsigned char *)p, (size_t)(ps->end - p));
			if (!n)
				return bad(ps, p, "invalid UTF-8");
			if (m != S_SKIP && parse_put(ps, out, p, n) < 0)
				return -1;
			p += n;
		}
	}
}

static bool digit(const char *p, const char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

/* The JSON number at ps->p; *integer says whether it has no fraction or exponent, *exp
 * whether it has an exponent. */
static int parse_number(struct parse *ps, const char **s, size_t *n, bool *integer, bool *exp)
{
	const char *p = ps->p, *end = ps->end;

	*s = p;
	*integer = true;
	*exp = false;
	if (p < end && *p == '-')
		p++;
	if (!digit(p, end))
		return unexpected(ps);
	if (*p == '0')
		p++;
	else
		while (digit(p, end))
			p++;
	if (p < end && *p == '.') {
		*integer = false;
		if (!digit(++p, end))
			return bad(ps, p, "not JSON: invalid number");
		while (digit(p, end))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		*integer = false;
		*exp = true;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (!digit(p, end))
			return bad(ps, p, "not JSON: invalid number");
		while (digit(p, end))
			p++;
	}
	*n = (size_t)(p - *s);
	ps->p = p;
	return 0;
}

/* Whether n bytes at a and b are the same: inline, eight at a time, for the short keys and
 * words a record is made of (a call to memcmp for each was a tenth of the parsing thread). */
static inline bool same(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return false;
	}
	while (n && *a == *b)
		a++, b++, n--;
	return n == 0;
}

static int literal(struct parse *ps, const char **word)
{
	const char *w = ps->p >= ps->end ? NULL : *ps->p == 't' ? "true" : *ps->p == 'f' ? "false"
			: *ps->p == 'n' ? "null" : NULL;
	size_t n = w ? strlen(w) : 0;

	if (!w || (size_t)(ps->end - ps->p) < n || !same(ps->p, w, n))
		return unexpected(ps);
	*word = w;
	ps->p += n;
	return 0;
}

static int skip_value(struct parse *ps, int depth);

/* The members of an object or elements of an array, after its opening bracket. */
static int skip_container(struct parse *ps, int depth, char close)
{
	ps->p++;
	ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 0;
	}
	for (;;) {
		if (close == '}') {
			if (ps->p >= ps->end || *ps->p != '"')
				return ps->p >= ps->end ? unexpected(ps) : bad(ps, ps->p, "not JSON: expected a key");
			if (parse_string(ps, NULL, S_SKIP) < 0)
				return -1;
			ws(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return bad(ps, ps->p, "not JSON: expected ':' after a key");
			ps->p++;
			ws(ps);
		}
		if (skip_value(ps, depth + 1) < 0)
			return -1;
		ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			ws(ps);
		} else if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return 0;
		} else {
			return bad(ps, ps->p, "not JSON: expected ',' or '%c'", close);
		}
	}
}

static int skip_value(struct parse *ps, int depth)
{
	const char *s, *w;
	size_t n;
	bool integer, exp;

	if (depth > MAXDEPTH)
		return bad(ps, ps->p, "not JSON: nested too deep");
	if (ps->p >= ps->end)
		return unexpected(ps);
	switch (*ps->p) {
	case '{': return skip_container(ps, depth, '}');
	case '[': return skip_container(ps, depth, ']');
	case '"': return parse_string(ps, NULL, S_SKIP);
	case 't': case 'f': case 'n': return literal(ps, &w);
	default: return parse_number(ps, &s, &n, &integer, &exp);
	}
}

/* ---- numbers for number columns ---- */

static const char *type_name(enum col_type t)
{
	return t == COL_INT4 ? "integer" : t == COL_INT8 ? "bigint" : "double precision";
}

/* strtod/strtoll need a terminated copy; numbers are short, but JSON allows any length. */
static char *terminated(const char *s, size_t n, char *small, size_t cap)
{
	char *p = n < cap ? small : malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* Whether the number s[0..n) fits the column; its text is what gets sent. */
static int check_number(struct parse *ps, enum col_type t, const char *s, size_t n, bool integer,
			bool exp, char *out, size_t outcap, size_t *outlen)
{
	char small[64], *z;
	int rc = 0;

	*outlen = 0;
	if (t == COL_FLOAT8 && n < 300 && !exp)
		return 0;               /* no exponent, < 300 digits: a finite, normal double */
	if (t == COL_INT4 && integer && n <= (size_t)(10 - (*s != '-')))
		return 0;               /* at most 9 digits: fits */
	if (t == COL_INT8 && integer && n <= (size_t)(19 - (*s != '-')))
		return 0;               /* at most 18 digits: fits */
	if (!(z = terminated(s, n, small, sizeof small))) {
		ps->oom = true;
		return -1;
	}
	errno = 0;
	if (t == COL_FLOAT8) {
		double v = strtod(z, NULL);
		if (errno == ERANGE && (v == 0 || isinf(v)))
			rc = bad(ps, s, "out of range for %s: %.60s", type_name(t), z);
	} else if (integer) {
		long long v = strtoll(z, NULL, 10);
		if (errno == ERANGE || (t == COL_INT4 && (v < -2147483648LL || v > 2147483647LL)))
			rc = bad(ps, s, "out of range for %s: %.60s", type_name(t), z);
	} else {
		/* 1.0 or 1e3 in an integer column: fine when it is a whole number in range */
		double v = strtod(z, NULL);
		double lim = t == COL_INT4 ? 2147483648.0 : 9223372036854775808.0;
		if (v != floor(v) || isinf(v))
			rc = isinf(v) ? bad(ps, s, "out of range for %s: %.60s", type_name(t), z)
				      : bad(ps, s, "not an integer: %.60s", z);
		else if (v >= lim || v < -lim)
			rc = bad(ps, s, "out of range for %s: %.60s", type_name(t), z);
		else
			*outlen = (size_t)snprintf(out, outcap, "%.0f", v);
	}
	if (z != small)
		free(z);
	return rc;
}

/* ---- one column's value ---- */

static const char *what_is(char c)
{
	switch (c) {
	case '{': return "an object";
	case '[': return "an array";
	case '"': return "a string";
	case 't': return "true";
	case 'f': return "false";
	case 'n': return "null";
	default: return "a number";
	}
}

static int number_value(struct parse *ps, enum col_type t, struct bytebuf *f)
{
	const char *s;
	size_t n, zn = 0;
	bool integer, exp;
	char z[32];

	if (parse_number(ps, &s, &n, &integer, &exp) < 0)
		return -1;
	if (t != COL_TEXT && check_number(ps, t, s, n, integer, exp, z, sizeof z, &zn) < 0)
		return -1;
	return zn && t != COL_TEXT ? parse_put(ps, f, z, zn) : parse_put(ps, f, s, n);
}

/* Text where a number belongs: show it, shortened. */
static int text_in_number(struct parse *ps, enum col_type t)
{
	const char *s = ps->p, *at = ps->p;

	if (parse_string(ps, NULL, S_SKIP) < 0)
		return -1;
	size_t n = (size_t)(ps->p - s);
	if (n > 42)
		return bad(ps, at, "text where %s is expected: %.40s...\"",
			   t == COL_FLOAT8 ? "a number" : "an integer", s);
	return bad(ps, at, "text where %s is expected: %.*s",
		   t == COL_FLOAT8 ? "a number" : "an integer", (int)n, s);
}

/* Convert the value at ps->p for column ci; *null when it is JSON null. */
static int column_value(struct parse *ps, enum col_type t, struct bytebuf *f, bool *null,
			bool binary)
{
	const char *s = ps->p, *w;
	char c = ps->p < ps->end ? *ps->p : '\0';

	*null = false;
	if (c == '"')
		return t == COL_TEXT ? parse_string(ps, f, binary ? S_BIN : S_COPY) : text_in_number(ps, t);
	if (c == 't' || c == 'f' || c == 'n') {
		if (literal(ps, &w) < 0)
			return -1;
		if (*w == 'n')
			*null = true;
		else if (t == COL_TEXT)
			return parse_put(ps, f, w, strlen(w));
		else
			return bad(ps, s, "%s where a number is expected", w);
		return 0;
	}
	if (c == '{' || c == '[') {
		/* nested JSON in a text column keeps its text, as Redshift does */
		if (skip_value(ps, 1) < 0)
			return -1;
		if (t != COL_TEXT)
			return bad(ps, s, "%s where a number is expected", what_is(c));
		if (binary)
			return parse_put(ps, f, s, (size_t)(ps->p - s));
		if (copy_escape(f, s, (size_t)(ps->p - s)) < 0)
			ps->oom = true;
		return ps->oom ? -1 : 0;
	}
	return number_value(ps, t, f);
}

/* ---- the row ---- */

void copy_conv_init(struct copy_conv *c, const struct copy_table *t)
{
	memset(c, 0, sizeof *c);
	c->t = t;
	for (int i = 0; i < t->ncols && i < COPY_MAXCOLS; i++)
		c->klen[i] = strlen(t->cols[i].key);
}

void copy_conv_free(struct copy_conv *c)
{
	bytebuf_free(&c->field);
	bytebuf_free(&c->key);
}

static int find_col(const struct copy_table *t, const char *key, int hint)
{
	if (hint < t->ncols && strcmp(t->cols[hint].key, key) == 0)
		return hint;
	for (int i = 0; i < t->ncols; i++)
		if (strcasecmp(t->cols[i].key, key) == 0)
			return i;
	return -1;
}

/* Not an object: say whether it is other JSON or not JSON at all. */
static int not_object(struct parse *ps)
{
	const char *s = ps->p;

	if (skip_value(ps, 0) < 0)
		return -1;
	ws(ps);
	if (ps->p < ps->end)
		return bad(ps, ps->p, "not JSON: unexpected text after %s", what_is(*s));
	return bad(ps, s, "not a JSON object (%s)", what_is(*s));
}

/* The key at ps->p when it is, exactly, the column expected next (no escape, no other case):
 * that column, ps->p past the key's closing quote; else -1 and ps->p where it was. Records give
 * their keys in one order, the table's, so most keys are neither copied nor looked up. */
static int expected_key(struct parse *ps, const struct copy_conv *c, int hint)
{
	const char *k = hint < c->t->ncols ? c->t->cols[hint].key : NULL;
	size_t n = k ? c->klen[hint] : 0;

	if (!k || (size_t)(ps->end - ps->p) < n + 2 || ps->p[n + 1] != '"' || !same(ps->p + 1, k, n))
		return -1;
	ps->p += n + 2;
	return hint;
}

/* One "key": value member; *hint is where the next key is expected. */
static int member(struct parse *ps, struct copy_conv *c, int *hint)
{
	int ci;
	bool null;

	if (ps->p >= ps->end || *ps->p != '"')
		return ps->p >= ps->end ? unexpected(ps) : bad(ps, ps->p, "not JSON: expected a key");
	if ((ci = expected_key(ps, c, *hint)) >= 0) {
		ps->col = c->t->cols[ci].key;
	} else {
		c->key.len = 0;
		if (parse_string(ps, &c->key, S_RAW) < 0 || parse_put(ps, &c->key, "", 1) < 0)
			return -1;
		ps->col = c->key.p;
		/* a key with \u0000 in it names no column, even if it starts like one */
		ci = !memchr(c->key.p, '\0', c->key.len - 1) ? find_col(c->t, c->key.p, *hint) : -1;
	}
	ws(ps);
	if (ps->p >= ps->end || *ps->p != ':')
		return bad(ps, ps->p, "not JSON: expected ':' after a key");
	ps->p++;
	ws(ps);
	if (ci < 0) {
		if (skip_value(ps, 1) < 0)
			return -1;
	} else {
		size_t off = c->field.len;
		if (column_value(ps, c->t->cols[ci].type, &c->field, &null, c->binary) < 0)
			return -1;
		c->set[ci] = !null;
		c->off[ci] = off;
		c->flen[ci] = c->field.len - off;
		*hint = ci + 1;
	}
	ps->col = NULL;
	return 0;
}

static int members(struct parse *ps, struct copy_conv *c)
{
	int hint = 0;

	ps->p++;
	ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		return 0;
	}
	for (;;) {
		if (member(ps, c, &hint) < 0)
			return -1;
		ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			ws(ps);
		} else if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			return 0;
		} else {
			return ps->p >= ps->end ? unexpected(ps) : bad(ps, ps->p, "not JSON: expected ',' or '}'");
		}
	}
}

/* The lineage columns in COPY text: "\tFILE\tLINE" (out has room for all but the path). */
static int emit_lineage(const struct copy_conv *c, struct bytebuf *out)
{
	char num[24];

	out->p[out->len++] = '\t';
	if (c->src_path) {
		if (copy_escape(out, c->src_path, c->src_path_len) < 0)
			return -1;
	} else {
		out->len += (size_t)sprintf(out->p + out->len, "%ld", (long)c->src_file);
	}
	if (c->src_line > INT32_MAX)
		strcpy(num, "\t\\N");
	else
		snprintf(num, sizeof num, "\t%ld", (long)c->src_line);
	return bytebuf_add(out, num, strlen(num));
}

static int emit(struct copy_conv *c, struct bytebuf *out)
{
	const struct copy_table *t = c->t;

	if (bytebuf_reserve(out, c->field.len + 3 * (size_t)t->ncols + 1 + 48) < 0)
		return -1;
	for (int i = 0; i < t->ncols; i++) {
		if (i)
			out->p[out->len++] = '\t';
		if (c->set[i]) {
			if (c->flen[i])         /* an empty first value leaves field.p NULL */
				memcpy(out->p + out->len, c->field.p + c->off[i], c->flen[i]);
			out->len += c->flen[i];
		} else {
			out->p[out->len++] = '\\';
			out->p[out->len++] = 'N';
		}
	}
	if (c->lineage && emit_lineage(c, out) < 0)
		return -1;
	return bytebuf_add(out, "\n", 1);
}

/* ---- COPY binary ---- */

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24); p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8); p[3] = (unsigned char)v;
}

static void be64(unsigned char *p, uint64_t v)
{
	be32(p, (uint32_t)(v >> 32));
	be32(p + 4, (uint32_t)v);
}

int copy_bin_header(struct bytebuf *out)
{
	static const unsigned char h[19] = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xFF, '\r', '\n', 0 };

	return bytebuf_add(out, h, sizeof h);    /* the signature, no flags, no extension */
}

int copy_bin_trailer(struct bytebuf *out)
{
	return bytebuf_add(out, "\xFF\xFF", 2);
}

/* 10^0 .. 10^22: every one exactly a double. */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* A decimal without exponent, s[0..n), as the double strtod makes of it, when that can be had
 * exactly without it: its digits an integer m <= 2^53 and its fraction k <= 22 digits long, both
 * m and 10^k are doubles exactly and m / 10^k is the one correctly rounded division (Clinger's
 * fast path). The log's lengths and registrations all are; strtod was a tenth of the stage's
 * parsing. false when not (the caller asks strtod). */
static bool exact_decimal(const char *s, size_t n, double *v)
{
	const char *p = s, *end = s + n;
	uint64_t m = 0;
	int k = 0, digits = 0;
	bool neg = p < end && *p == '-', frac = false;

	for (p += neg; p < end; p++) {
		if (*p == '.' && !frac) {
			frac = true;
			continue;
		}
		if (*p < '0' || *p > '9' || ++digits > 19)
			return false;   /* an exponent, or more digits than a uint64 holds */
		m = m * 10 + (uint64_t)(*p - '0');
		k += frac;
	}
	if (m > (UINT64_C(1) << 53) || k > 22)
		return false;
	*v = (double)m / pow10_exact[k];
	if (neg)
		*v = -*v;
	return true;
}

/* A number column's value, already checked by check_number, as its binary image: parsed as
 * the server's int4in, int8in and float8in would parse the same text (strtod, "C" numbers). */
static int bin_number(enum col_type t, const char *s, size_t n, unsigned char *out)
{
	if (t == COL_FLOAT8) {
		char small[64], *z;
		double d;
		uint64_t u;

		if (!exact_decimal(s, n, &d)) {
			if (!(z = terminated(s, n, small, sizeof small)))
				return -1;
			d = strtod(z, NULL);
			if (z != small)
				free(z);
		}
		memcpy(&u, &d, sizeof u);
		be64(out, u);
		return 8;
	}
	/* checked: an optional '-' and digits, in the column's range (check_number) */
	const char *d = s + (n && *s == '-'), *end = s + n;
	uint64_t u = 0;

	while (d < end && *d >= '0' && *d <= '9')
		u = u * 10 + (uint64_t)(*d++ - '0');
	if (n && *s == '-')
		u = 0 - u;
	if (t == COL_INT8) {
		be64(out, u);
		return 8;
	}
	be32(out, (uint32_t)u);
	return 4;
}

/* The lineage columns as binary fields: the file's number (int4) or path (text), then the line
 * (int4, NULL past its range). */
static unsigned char *bin_lineage(const struct copy_conv *c, unsigned char *p)
{
	if (c->src_path) {
		be32(p, (uint32_t)c->src_path_len);
		memcpy(p + 4, c->src_path, c->src_path_len);
		p += 4 + c->src_path_len;
	} else {
		be32(p, 4);
		be32(p + 4, (uint32_t)c->src_file);
		p += 8;
	}
	if (c->src_line > INT32_MAX) {
		be32(p, 0xFFFFFFFFu);
		return p + 4;
	}
	be32(p, 4);
	be32(p + 4, (uint32_t)c->src_line);
	return p + 8;
}

static int emit_bin(struct copy_conv *c, struct bytebuf *out)
{
	const struct copy_table *t = c->t;
	unsigned char *p;

	int nf = t->ncols + (c->lineage ? 2 : 0);

	if (bytebuf_reserve(out, c->field.len + 12 * (size_t)nf + 2 + c->src_path_len) < 0)
		return -1;
	p = (unsigned char *)out->p + out->len;
	*p++ = (unsigned char)(nf >> 8);
	*p++ = (unsigned char)nf;
	for (int i = 0; i < t->ncols; i++) {
		if (!c->set[i]) {
			be32(p, 0xFFFFFFFFu);
			p += 4;
		} else if (t->cols[i].type == COL_TEXT) {
			be32(p, (uint32_t)c->flen[i]);
			if (c->flen[i])
				memcpy(p + 4, c->field.p + c->off[i], c->flen[i]);
			p += 4 + c->flen[i];
		} else {
			int n = bin_number(t->cols[i].type, c->field.p + c->off[i], c->flen[i], p + 4);

			if (n < 0)
				return -1;
			be32(p, (uint32_t)n);
			p += 4 + n;
		}
	}
	if (c->lineage)
		p = bin_lineage(c, p);
	out->len = (size_t)(p - (unsigned char *)out->p);
	return 0;
}

int copy_row(struct copy_conv *c, const char *text, size_t len, struct bytebuf *out,
	     struct copy_err *e)
{
	struct parse ps = { text, text, text + len, e, NULL, false };
	int rc;

	c->field.len = 0;
	memset(c->set, 0, sizeof c->set);
	ws(&ps);
	if (ps.p < ps.end && *ps.p == '{') {
		rc = members(&ps, c);
		if (rc == 0) {
			ws(&ps);
			if (ps.p < ps.end)
				rc = bad(&ps, ps.p, "not JSON: unexpected text after the object");
		}
	} else {
		rc = ps.p < ps.end ? not_object(&ps) : bad(&ps, ps.p, "not JSON: empty record");
	}
	if (ps.oom)
		return -2;
	if (rc < 0)
		return -1;
	return (c->binary ? emit_bin(c, out) : emit(c, out)) < 0 ? -2 : 0;
}
