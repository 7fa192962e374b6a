/* test_copy_row_cjson.c — copy_row checked against cJSON as the reference parser: generated
 * event and song records, many of them mutated, go through both; their verdicts and every
 * column value must agree, except for the deliberate disagreements tested one by one below. */
#include "t.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

#include "../utf8_ref.h"
#include "load/copy_row.h"

/* ---- deterministic randomness ---- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }
static bool chance(unsigned percent) { return pick(100) < percent; }
#define ONE_OF(a) (a)[pick(sizeof(a) / sizeof((a)[0]))]

static void put(struct bytebuf *b, const char *s) { bytebuf_add(b, s, strlen(s)); }

/* ---- an independent view of the text: what cJSON tolerates but strict JSON does not ---- */

static bool hex4(const unsigned char *s)
{
	for (int i = 0; i < 4; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
			return false;
	return true;
}

static bool jws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static bool numch(unsigned char c) { return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == 'e' || c == 'E' || c == '.'; }

/* Length of the strict JSON number at s, 0 when there is none. */
static size_t strict_number(const unsigned char *s, size_t n)
{
	size_t i = 0;
#define D(k) ((k) < n && s[k] >= '0' && s[k] <= '9')
	if (i < n && s[i] == '-')
		i++;
	if (!D(i))
		return 0;
	if (s[i] == '0')
		i++;
	else
		while (D(i))
			i++;
	if (i < n && s[i] == '.') {
		if (!D(i + 1))
			return 0;
		for (i++; D(i); i++)
			;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!D(i))
			return 0;
		while (D(i))
			i++;
	}
#undef D
	return i;
}

/* Whether the text avoids everything cJSON accepts but strict JSON (and PostgreSQL text) does
 * not: a byte-order mark, other whitespace, raw control characters or invalid UTF-8 in strings,
 * \u0000 or a \u escape without four hex digits (cJSON reads it as U+0000), numbers like 01 or 1.
 * The grammar itself (brackets, commas, colons, literals) is left to cJSON. */
static bool strict_lexically(const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		if (jws(c)) {
			i++;
		} else if (c == '"') {
			for (i++;;) {
				if (i >= n)
					return false;
				c = s[i];
				if (c == '"') {
					i++;
					break;
				} else if (c == '\\') {
					if (i + 1 >= n)
						return false;
					if (s[i + 1] == 'u' && (i + 6 > n || !hex4(s + i + 2) || memcmp(s + i + 2, "0000", 4) == 0))
						return false;   /* cJSON reads a bad \u escape as U+0000 */
					i += s[i + 1] == 'u' ? 6 : 2;
				} else if (c < 0x20) {
					return false;
				} else {
					size_t k = utf8_ref_len(s + i, n - i);
					if (!k)
						return false;
					i += k;
				}
			}
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			size_t k = strict_number(s + i, n - i);
			if (!k || (i + k < n && numch(s[i + k])))
				return false;
			i += k;
		} else if (c < 0x20 || c >= 0x7F) {
			return false;
		} else {
			i++;
		}
	}
	return true;
}

static bool has_nul_escape(const char *s, size_t n)
{
	for (size_t i = 0; i + 6 <= n; i++)
		if (s[i] == '\\' && s[i + 1] == 'u' && memcmp(s + i + 2, "0000", 4) == 0)
			return true;
	return false;
}

/* ---- cJSON's side ---- */

/* cJSON's object for the whole text (only JSON whitespace after it), else NULL. */
static cJSON *cj_parse(const char *text, size_t len)
{
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithLengthOpts(text, len, &end, 0);

	if (!j)
		return NULL;
	while (end < text + len && (unsigned char)*end <= ' ')
		end++;          /* cJSON's idea of whitespace, as with require_null_terminated */
	if (end < text + len || !cJSON_IsObject(j)) {
		cJSON_Delete(j);
		return NULL;
	}
	return j;
}

/* The last member named like the column (copy_row's rule: the last duplicate wins). */
static const cJSON *cj_col(const cJSON *o, const char *key)
{
	const cJSON *found = NULL, *m;

	cJSON_ArrayForEach(m, o)
		if (m->string && strcasecmp(m->string, key) == 0)
			found = m;
	return found;
}

#define TWO53 9007199254740992.0

/* Whether cJSON's value v is one the column can hold; *sure is false when a double cannot
 * tell (bigint beyond 2^53). */
static bool cj_fits(const cJSON *v, enum col_type t, bool *sure)
{
	double d = v->valuedouble;

	*sure = true;
	if (t == COL_TEXT || cJSON_IsNull(v))
		return true;
	if (!cJSON_IsNumber(v))
		return false;
	if (t == COL_FLOAT8)
		return isfinite(d);
	if (d != floor(d) || !isfinite(d))
		return false;
	if (t == COL_INT4)
		return d >= -2147483648.0 && d <= 2147483647.0;
	if (fabs(d) >= TWO53)
		*sure = false;
	return fabs(d) < TWO53;
}

/* ---- copy_row's side: the row split into fields, COPY escapes undone ---- */

struct row {
	int n;
	bool null[COPY_MAXCOLS];
	char *val[COPY_MAXCOLS];
	size_t len[COPY_MAXCOLS];
};

static void row_free(struct row *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->val[i]);
	r->n = 0;
}

/* Split one COPY text line (with its '\n'); NULL when well formed, else what is wrong. */
static const char *row_split(const char *p, size_t len, struct row *r)
{
	const char *end = p + len;

	r->n = 0;
	if (!len || end[-1] != '\n' || memchr(p, '\n', len - 1))
		return "not one line";
	end--;
	for (;;) {
		const char *f = p;
		while (p < end && *p != '\t')
			p++;
		if (r->n == COPY_MAXCOLS)
			return "too many fields";
		int i = r->n++;
		r->null[i] = p - f == 2 && f[0] == '\\' && f[1] == 'N';
		r->val[i] = malloc((size_t)(p - f) + 1);
		r->len[i] = 0;
		for (const char *q = f; q < p; q++) {
			char c = *q;
			if (c == '\r')
				return "raw carriage return";
			if (c == '\\' && !r->null[i]) {
				if (++q == p)
					return "backslash at the end of a field";
				const char *k = strchr("\\ntrbfv", *q);
				if (!*q || !k)
					return "unknown COPY escape";
				c = "\\\n\t\r\b\f\v"[k - "\\ntrbfv"];
			}
			r->val[i][r->len[i]++] = c;
		}
		r->val[i][r->len[i]] = '\0';
		if (p == end)
			return NULL;
		p++;
	}
}

/* ---- the comparison ---- */

static struct {
	long records, both_ok, both_bad, cjson_only_lenient, cjson_only_unfit, underflow, fails;
} st;

static void fail_record(int line, const char *what, const char *text, size_t len)
{
	char shown[300];
	size_t o = 0;

	for (size_t i = 0; i < len && o < sizeof shown - 5; i++) {
		unsigned char c = (unsigned char)text[i];
		o += (size_t)snprintf(shown + o, sizeof shown - o, c >= 0x20 && c < 0x7F ? "%c" : "\\x%02X", c);
	}
	if (++st.fails <= 20)
		t_fail(__FILE__, line, "%s: %s", what, shown);
}
#define FAIL(what) fail_record(__LINE__, what, text, len)

/* copy_row's value for column i against cJSON's; NULL when they agree. */
static const char *same_value(const struct row *r, int i, const cJSON *v, enum col_type t)
{
	const char *f = r->val[i];
	char *end;

	if (!v || cJSON_IsNull(v))
		return r->null[i] ? NULL : "a value where cJSON has none";
	if (r->null[i])
		return "NULL where cJSON has a value";
	if (strlen(f) != r->len[i])
		return "a NUL byte in a field";
	if (cJSON_IsString(v))
		return t == COL_TEXT && strcmp(f, v->valuestring) == 0 ? NULL : "text differs";
	if (cJSON_IsBool(v))
		return t == COL_TEXT && strcmp(f, cJSON_IsTrue(v) ? "true" : "false") == 0 ? NULL : "boolean differs";
	bool sure;
	if (!cj_fits(v, t, &sure) && sure)
		return "accepted a value the column cannot hold";
	if (cJSON_IsNumber(v)) {
		double d = strtod(f, &end);
		if (*end || end == f || d != v->valuedouble)
			return "number differs";
		if (t == COL_INT4 || t == COL_INT8) {
			long long ll = strtoll(f, &end, 10);
			if (*end || end == f)
				return "not an integer";
			if (fabs(v->valuedouble) < TWO53 && (double)ll != v->valuedouble)
				return "integer differs";
		}
		return NULL;
	}
	/* nested JSON kept as text: the same JSON as cJSON's (compared printed, because
	 * cJSON_Compare finds 1e400 unequal to itself) */
	cJSON *again = cJSON_Parse(f);
	char *a = again ? cJSON_PrintUnformatted(again) : NULL, *b = cJSON_PrintUnformatted(v);
	bool same = a && b && strcmp(a, b) == 0;
	cJSON_free(a);
	cJSON_free(b);
	cJSON_Delete(again);
	return t == COL_TEXT && same ? NULL : "nested JSON differs";
}

static void compare(struct copy_conv *c, const char *text, size_t len)
{
	const struct copy_table *t = c->t;
	struct bytebuf out = { 0 };
	struct copy_err e;
	struct row r = { 0 };
	int rc = copy_row(c, text, len, &out, &e);
	cJSON *j = cj_parse(text, len);
	const char *why;

	st.records++;
	CHECK(rc != -2);
	if (rc == 0) {
		st.both_ok += j != NULL;
		if (!j)
			FAIL("copy_row accepts what cJSON refuses");
		if ((why = row_split(out.p, out.len, &r)))
			FAIL(why);
		else if (r.n != t->ncols)
			FAIL("wrong number of fields");
		else if (j && !has_nul_escape(text, len))
			for (int i = 0; i < t->ncols; i++)
				if ((why = same_value(&r, i, cj_col(j, t->cols[i].key), t->cols[i].type))) {
					char msg[200];
					snprintf(msg, sizeof msg, "%s: %s", t->cols[i].key, why);
					FAIL(msg);
				}
	} else if (!j) {
		st.both_bad++;
	} else if (!strict_lexically(text, len)) {
		st.cjson_only_lenient++;
	} else {
		bool fits = true, sure = true;
		const cJSON *m;
		cJSON_ArrayForEach(m, j)
			for (int i = 0; i < t->ncols; i++)
				if (strcasecmp(m->string, t->cols[i].key) == 0) {
					bool s;
					fits = cj_fits(m, t->cols[i].type, &s) && fits;
					sure = s && sure;
				}
		bool zero = false;      /* cJSON's 0 for the member copy_row refused (maybe a duplicate) */
		cJSON_ArrayForEach(m, j)
			zero = zero || (strcasecmp(m->string, e.col) == 0 && cJSON_IsNumber(m) && m->valuedouble == 0);
		if (!fits || !sure) {
			st.cjson_only_unfit++;
		} else if (strstr(e.reason, "out of range for double precision") && zero) {
			st.underflow++;         /* 1e-400: cJSON keeps 0, float8in refuses it */
		} else {
			char msg[400];
			snprintf(msg, sizeof msg, "copy_row refuses what cJSON accepts (%s: %s)", e.col, e.reason);
			FAIL(msg);
		}
	}
	row_free(&r);
	cJSON_Delete(j);
	bytebuf_free(&out);
}

/* ---- records: the shapes of the real song files and event logs ---- */

static const char *const artists[] = {
	"Des'ree", "Beyonc\xC3\xA9", "Sigur R\xC3\xB3s", "M\xC3\xB6tley Cr\xC3\xBC\x65", "AC/DC",
	"Chase & Status", "The \"Quoted\" Band", "Back\\slash", "\xE5\x9D\x82\xE6\x9C\xAC\xE9\xBE\x8D\xE4\xB8\x80",
	"Music \xF0\x9F\x8E\xB5", "Tab\there", "Line\nbreak", "", "Gloriana", "Clementina Santaf\xC3\xA8",
};
static const char *const agents[] = {
	"\"Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36\"",
	"Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; WOW64; Trident/6.0)",
	"\"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.78.2\"",
};
static const char *const places[] = {
	"Phoenix-Mesa-Scottsdale, AZ", "Dallas-Fort Worth-Arlington, TX", "Nashville, TN.",
	"S\xC3\xA3o Paulo", "New York-Newark-Jersey City, NY-NJ-PA", "",
};
static const char *const pages[] = { "NextSong", "Home", "Logout", "Login", "Settings", "Upgrade" };
static const char *const names[] = { "Kaylee", "Jayden", "Chlo\xC3\xA9", "Bell", "Summers", "O'Neil" };
static const char *const ids[] = { "AR62SOJ1187FB47BB5", "SOGVQGJ12AB017F169", "ARGCY1Y1187B9A4FA5", "8", "91", "" };

/* Some text for column key. */
static const char *text_for(const char *key)
{
	if (!strcmp(key, "userAgent")) return ONE_OF(agents);
	if (strstr(key, "ocation")) return ONE_OF(places);
	if (!strcmp(key, "page")) return ONE_OF(pages);
	if (strstr(key, "Name") || !strcmp(key, "gender")) return ONE_OF(names);
	if (strstr(key, "_id") || !strcmp(key, "userId")) return ONE_OF(ids);
	if (!strcmp(key, "auth")) return chance(80) ? "Logged In" : "Logged Out";
	if (!strcmp(key, "level")) return chance(50) ? "free" : "paid";
	if (!strcmp(key, "method")) return chance(90) ? "PUT" : "GET";
	return ONE_OF(artists);
}

static void put_u(struct bytebuf *b, unsigned u)
{
	char x[8];
	snprintf(x, sizeof x, chance(50) ? "\\u%04x" : "\\u%04X", u);
	put(b, x);
}

/* s as a JSON string, each character written one of the ways JSON allows. */
static void put_str(struct bytebuf *b, const char *s)
{
	put(b, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_ref_len(p, strlen((const char *)p));
		unsigned cp = *p;
		if (n > 1) {
			cp = n == 2 ? *p & 0x1F : n == 3 ? *p & 0x0F : *p & 0x07;
			for (size_t i = 1; i < n; i++)
				cp = cp << 6 | (p[i] & 0x3F);
		}
		if (n > 1 && chance(30)) {
			if (cp >= 0x10000) {
				put_u(b, 0xD800 + ((cp - 0x10000) >> 10));
				put_u(b, 0xDC00 + ((cp - 0x10000) & 0x3FF));
			} else {
				put_u(b, cp);
			}
		} else if (cp == '"' || cp == '\\') {
			if (chance(20))
				put_u(b, cp);
			else
				put(b, cp == '"' ? "\\\"" : "\\\\");
		} else if (cp < 0x20) {
			const char *k = strchr("\b\f\n\r\t", (int)cp);
			if (k && chance(70))
				bytebuf_add(b, (char[]){ '\\', "bfnrt"[k - "\b\f\n\r\t"] }, 2);
			else
				put_u(b, cp);
		} else if (cp == '/' && chance(50)) {
			put(b, "\\/");
		} else {
			bytebuf_add(b, p, n);
		}
		p += n;
	}
	put(b, "\"");
}

static void put_num(struct bytebuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put_num(struct bytebuf *b, const char *fmt, ...)
{
	char x[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x, sizeof x, fmt, ap);
	va_end(ap);
	put(b, x);
}

static const char *const odd_numbers[] = {
	"1", "-0", "0", "-0.0", "1.5e3", "1E-7", "2.0e2", "1E2", "12345678901234", "1e308", "-1e308",
	"1e400", "1e-400", "4.9e-324", "2147483647", "-2147483648", "2147483648", "9007199254740993",
	"9223372036854775807", "9223372036854775808", "1.0000000000000000001", "0.5", "123.456E+2",
	"1234567890123456789012345678901234567890123456789012345678901234567890",
};
static const char *const odd_values[] = {
	"\"abc\"", "\"12\"", "\"\"", "true", "false", "null", "{}", "[]", "[1, \"two\", {\"x\": null}]",
	"{\"a\": \"b\\tc\", \"n\": [1.5, -2]}", "\"\\ud83c\\udfb5\"", "\"caf\\u00e9\"",
};

static void put_value(struct bytebuf *b, const struct copy_col *col)
{
	unsigned r = pick(100);

	if (r < 8) {
		put(b, "null");
	} else if (r < 12) {
		put(b, ONE_OF(odd_numbers));
	} else if (r < 15) {
		put(b, ONE_OF(odd_values));
	} else if (col->type == COL_TEXT) {
		put_str(b, text_for(col->key));
	} else if (!strcmp(col->key, "ts")) {
		put_num(b, "%lld", 1541105830796LL + (long long)pick(2000000000));
	} else if (!strcmp(col->key, "registration")) {
		put_num(b, "%lld.0", 1540344794796LL + (long long)pick(1000000000));
	} else if (col->type == COL_FLOAT8) {
		put_num(b, chance(80) ? "%.5f" : "%g", (pick(2000000) - 1000000.0) / 997.0);
	} else {
		put_num(b, "%d", chance(80) ? (int)pick(1000) : (int)pick(4000000) - 2000000);
	}
}

/* A record of table t in one of the layouts the real files use. */
static void gen_record(struct bytebuf *b, const struct copy_table *t)
{
	int order[COPY_MAXCOLS], n = t->ncols;
	bool pretty = chance(15), spaced = chance(50);
	const char *sep = pretty ? ",\n    " : spaced ? ", " : ",";
	const char *colon = pretty || spaced ? ": " : ":";

	for (int i = 0; i < n; i++)
		order[i] = i;
	if (chance(20))
		for (int i = n - 1; i > 0; i--) {
			int k = (int)pick((unsigned)i + 1), x = order[i];
			order[i] = order[k];
			order[k] = x;
		}
	put(b, pretty ? "{\n    " : "{");
	bool first = true;
	for (int i = 0; i < n; i++) {
		const struct copy_col *col = &t->cols[order[i]];
		if (chance(5))
			continue;               /* missing key */
		for (int dup = chance(3) ? 2 : 1; dup > 0; dup--) {
			if (!first)
				put(b, sep);
			first = false;
			char key[64];
			snprintf(key, sizeof key, "%s", col->key);
			if (chance(5))
				for (char *k = key; *k; k++)
					*k = (char)(chance(50) ? *k ^ 0x20 * (*k >= 'a' && *k <= 'z') : *k);
			put_str(b, key);
			put(b, colon);
			put_value(b, col);
		}
		if (chance(5)) {
			put(b, sep);
			put_str(b, ONE_OF(names));      /* an unknown key */
			put(b, colon);
			put(b, ONE_OF(odd_values));
		}
	}
	put(b, pretty ? "\n}" : "}");
}

/* ---- mutations ---- */

static void insert(struct bytebuf *b, size_t at, const char *s, size_t n)
{
	bytebuf_reserve(b, n);
	memmove(b->p + at + n, b->p + at, b->len - at);
	memcpy(b->p + at, s, n);
	b->len += n;
}

static void cut(struct bytebuf *b, size_t at, size_t n)
{
	memmove(b->p + at, b->p + at + n, b->len - at - n);
	b->len -= n;
}

static const char *const escapes[] = {
	"\\u00e9", "\\ud83c\\udfb5", "\\ud83c", "\\udfb5", "\\ud83c\\u0041", "\\u0000", "\\u001f", "\\n",
	"\\x", "\\u12", "\\\"", "\\/", "\\\\",
};
static const char bytes[] = { '"', '\\', ',', '}', '{', ':', '[', ']', 0, 0x7F, (char)0x80, (char)0xC3,
	(char)0xED, (char)0xFF, 'e', '-', '.', '+', '0', ' ', '\n', '\t', '\f', 'n' };

static void mutate(struct bytebuf *b)
{
	size_t at = b->len ? pick((unsigned)b->len) : 0;

	switch (pick(8)) {
	case 0:                                 /* byte flip */
		if (b->len)
			b->p[at] = chance(50) ? ONE_OF(bytes) : (char)pick(256);
		break;
	case 1:                                 /* truncation */
		b->len = at;
		break;
	case 2:                                 /* an escape, likely inside a string */
		for (size_t i = at; i < b->len; i++)
			if (b->p[i] == '"') {
				const char *s = ONE_OF(escapes);
				insert(b, i, s, strlen(s));
				break;
			}
		break;
	case 3: {                               /* another value for a member */
		char *c = memchr(b->p + at, ':', b->len - at);
		if (!c)
			break;
		size_t s = (size_t)(c - b->p) + 1, e = s;
		while (e < b->len && b->p[e] != ',' && b->p[e] != '}')
			e++;
		const char *v = chance(50) ? ONE_OF(odd_numbers) : ONE_OF(odd_values);
		cut(b, s, e - s);
		insert(b, s, v, strlen(v));
		break;
	}
	case 4:                                 /* a byte-order mark */
		insert(b, chance(50) ? 0 : at, "\xEF\xBB\xBF", 3);
		break;
	case 5: {                               /* a duplicate or unknown key first */
		const char *m = ONE_OF(((const char *const[]){ "\"title\": \"first\", ", "\"ts\": 1, ",
			"\"unknown\": {\"deep\": [[[]]]}, ", "\"LENGTH\": \"x\", ", "\"status\": null, " }));
		if (b->len && b->p[0] == '{')
			insert(b, 1, m, strlen(m));
		break;
	}
	case 6:                                 /* a byte deleted */
		if (b->len)
			cut(b, at, 1);
		break;
	default:                                /* a byte inserted */
		insert(b, at, &bytes[pick(sizeof bytes)], 1);
		break;
	}
}

static void sweep(const struct copy_table *t, long n)
{
	struct copy_conv c;
	struct bytebuf b = { 0 };

	copy_conv_init(&c, t);
	for (long i = 0; i < n; i++) {
		b.len = 0;
		gen_record(&b, t);
		if (chance(50))
			for (int m = 1 + (int)pick(3); m > 0; m--)
				mutate(&b);
		compare(&c, b.p ? b.p : "", b.len);
	}
	copy_conv_free(&c);
	bytebuf_free(&b);
}

TEST(copy_row_cjson_differential)
{
	const char *seed = getenv("T_SEED"), *n = getenv("T_RECORDS");     /* for longer runs by hand */
	long records = n ? atol(n) : 80000;

	memset(&st, 0, sizeof st);
	if (seed)
		rng = strtoull(seed, NULL, 0) * 0x9E3779B97F4A7C15ull | 1;
	sweep(&copy_events, records / 2);
	sweep(&copy_songs, records / 2);
	if (getenv("T_VERBOSE"))
		printf("    %ld records: %ld accepted by both, %ld refused by both, cjson only: %ld lenient "
		       "syntax, %ld values that do not fit, %ld float8 underflows\n", st.records, st.both_ok,
		       st.both_bad, st.cjson_only_lenient, st.cjson_only_unfit, st.underflow);
	/* the sweep must exercise both verdicts and the value comparison in earnest */
	CHECK(st.both_ok > st.records / 3);
	CHECK(st.both_bad > st.records / 10);
	CHECK(st.cjson_only_lenient > 0);
	CHECK(st.cjson_only_unfit > 0);
}

/* The cases where the two disagree on purpose: each shown with what each side does. */

static cJSON *cj(const char *json) { return cj_parse(json, strlen(json)); }

/* copy_row's field i for json on table t, or "BAD <reason>". */
static const char *field(const struct copy_table *t, const char *json, int i)
{
	static char got[512];
	struct copy_conv c;
	struct bytebuf out = { 0 };
	struct copy_err e;
	struct row r = { 0 };

	copy_conv_init(&c, t);
	if (copy_row(&c, json, strlen(json), &out, &e) < 0)
		snprintf(got, sizeof got, "BAD %s", e.reason);
	else if (row_split(out.p, out.len, &r) || i >= r.n)
		snprintf(got, sizeof got, "MALFORMED");
	else
		snprintf(got, sizeof got, "%s", r.null[i] ? "NULL" : r.val[i]);
	row_free(&r);
	bytebuf_free(&out);
	copy_conv_free(&c);
	return got;
}
enum { SONG_TITLE = 7, SONG_DURATION = 8, EV_TS = 15 };

TEST(copy_row_cjson_disagreements)
{
	cJSON *j;

	/* duplicate keys: copy_row keeps the last (as a later assignment would); cJSON's lookup
	 * finds the first. Neither is wrong; the differential test compares with the last. */
	j = cj("{\"title\": \"a\", \"TITLE\": \"b\"}");
	CHECK_STR(field(&copy_songs, "{\"title\": \"a\", \"TITLE\": \"b\"}", SONG_TITLE), "b");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "title")), "a");
	cJSON_Delete(j);

	/* bigint beyond 2^53: copy_row sends the digits, cJSON's double has lost the last one */
	j = cj("{\"ts\": 9007199254740993}");
	CHECK_STR(field(&copy_events, "{\"ts\": 9007199254740993}", EV_TS), "9007199254740993");
	CHECK(cJSON_GetObjectItem(j, "ts")->valuedouble == 9007199254740992.0);
	cJSON_Delete(j);
	/* ... and cannot tell -2^63-1 (out of range) from -2^63 (in range) */
	CHECK_CONTAINS(field(&copy_events, "{\"ts\": -9223372036854775809}", EV_TS), "BAD out of range for bigint");
	CHECK_STR(field(&copy_events, "{\"ts\": -9223372036854775808}", EV_TS), "-9223372036854775808");
	j = cj("{\"ts\": -9223372036854775809}");
	CHECK(j && cJSON_GetObjectItem(j, "ts")->valuedouble == -9223372036854775808.0);
	cJSON_Delete(j);

	/* a number longer than a double's digits is read whole by both (Debian's cJSON 1.7.15 has
	 * the fix that allocates the number's text instead of cutting it at 63 characters) */
	static const char longnum[] = "{\"duration\": 1.0000000000000000000000000000000000000000000000000000000000000000000001}";
	CHECK(strncmp(field(&copy_songs, longnum, SONG_DURATION), longnum + 13, sizeof longnum - 15) == 0);
	j = cj(longnum);
	CHECK(j && cJSON_GetObjectItem(j, "duration")->valuedouble == 1.0);
	cJSON_Delete(j);

	/* float8 underflow: float8in refuses 1e-400, cJSON keeps 0 */
	CHECK_CONTAINS(field(&copy_songs, "{\"duration\": 1e-400}", SONG_DURATION), "BAD out of range for double precision");
	j = cj("{\"duration\": 1e-400}");
	CHECK(j && cJSON_GetObjectItem(j, "duration")->valuedouble == 0);
	cJSON_Delete(j);

	/* \u0000: PostgreSQL text cannot hold it, so copy_row refuses it in a kept value; cJSON
	 * cuts the string there. A key with \u0000 names no column for copy_row; cJSON cuts it. */
	CHECK_CONTAINS(field(&copy_songs, "{\"title\": \"a\\u0000b\"}", SONG_TITLE), "BAD \\u0000 is not allowed");
	j = cj("{\"title\": \"a\\u0000b\"}");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "title")), "a");
	cJSON_Delete(j);
	CHECK_STR(field(&copy_songs, "{\"title\\u0000x\": \"a\"}", SONG_TITLE), "NULL");
	j = cj("{\"title\\u0000x\": \"a\"}");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "title")), "a");
	cJSON_Delete(j);

	/* what cJSON tolerates and strict JSON (or PostgreSQL) does not: copy_row refuses all */
	static const char *const lenient[] = {
		"{\"title\": \"caf\xE9\"}",                     /* invalid UTF-8 */
		"{\"title\": \"\xED\xA0\x80\"}",                /* an encoded surrogate */
		"{\"title\": \"a\tb\"}",                        /* a raw control character */
		"{\"title\": \"a\\u00G1b\"}",                   /* a bad \\u escape: cJSON reads U+0000 and cuts */
		"{\"duration\": 01}", "{\"duration\": 1.}", "{\"duration\": -01.5}",
		"\xEF\xBB\xBF{\"title\": \"bom\"}",             /* a BOM inside a record (json_stream strips it at the start of a file) */
		"{\"title\":\f\"ff\"}",                         /* form feed as whitespace */
		"{\"title\": \"t\"}\x01",
	};
	for (size_t i = 0; i < sizeof lenient / sizeof lenient[0]; i++) {
		j = cj(lenient[i]);
		CHECK(j != NULL);
		CHECK(!strict_lexically(lenient[i], strlen(lenient[i])));
		CHECK_CONTAINS(field(&copy_songs, lenient[i], SONG_TITLE), "BAD ");
		cJSON_Delete(j);
	}

	/* cJSON_ParseWithLength itself takes "{} x" (text after the value) unless asked not to */
	j = cJSON_ParseWithLength("{} x", 4);
	CHECK(j != NULL);
	cJSON_Delete(j);
	CHECK(cj("{} x") == NULL);
	CHECK_CONTAINS(field(&copy_songs, "{} x", 0), "BAD not JSON: unexpected text after the object");

	/* nesting: copy_row stops at 256 levels, cJSON at 1000 */
	char deep[1200];
	size_t o = (size_t)snprintf(deep, sizeof deep, "{\"x\": ");
	for (int i = 0; i < 300; i++)
		deep[o++] = '[';
	for (int i = 0; i < 300; i++)
		deep[o++] = ']';
	snprintf(deep + o, sizeof deep - o, "}");
	CHECK_CONTAINS(field(&copy_songs, deep, 0), "BAD not JSON: nested too deep");
	j = cj(deep);
	CHECK(j != NULL);
	cJSON_Delete(j);
}
