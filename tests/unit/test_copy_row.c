/* test_copy_row.c — JSON objects to COPY text rows, and every kind of bad record. */
#include "t.h"

#include "load/copy_row.h"

#include <stdbool.h>
#include <stdlib.h>

static char got[8192];
static struct copy_err err;

/* The row for `json` (without its newline), or "BAD col|reason@pos". */
static const char *row(const struct copy_table *t, const char *json)
{
	struct copy_conv c;
	struct bytebuf out = { 0 };

	copy_conv_init(&c, t);
	int rc = copy_row(&c, json, strlen(json), &out, &err);
	if (rc == 0)
		snprintf(got, sizeof got, "%.*s", (int)(out.len - 1), out.p);
	else
		snprintf(got, sizeof got, "BAD %s|%s@%zu", err.col, err.reason, err.pos);
	bytebuf_free(&out);
	copy_conv_free(&c);
	return got;
}
#define SONG(j) row(&copy_songs, j)
#define EVENT(j) row(&copy_events, j)

TEST(copy_row_song)
{
	CHECK_STR(SONG("{\"num_songs\": 1, \"artist_id\": \"AR62SOJ1187FB47BB5\", \"artist_latitude\": null, "
		       "\"artist_longitude\": null, \"artist_location\": \"\", \"artist_name\": \"Chase & Status\", "
		       "\"song_id\": \"SOGVQGJ12AB017F169\", \"title\": \"Ten Tonne\", \"duration\": 337.68444, \"year\": 2005}"),
		  "1\tAR62SOJ1187FB47BB5\t\\N\t\\N\t\tChase & Status\tSOGVQGJ12AB017F169\tTen Tonne\t337.68444\t2005");
}

TEST(copy_row_event_numbers_exact)
{
	const char *r = EVENT("{\"ts\":1541105830796,\"registration\":1540919166796.0,\"length\":246.30812,"
			      "\"sessionId\":38,\"itemInSession\":0,\"status\":200}");
	CHECK_STR(r, "\\N\t\\N\t\\N\t\\N\t0\t\\N\t246.30812\t\\N\t\\N\t\\N\t\\N\t1540919166796.0\t38\t\\N\t200\t1541105830796\t\\N\t\\N");
	/* whole numbers written with a fraction or exponent fit integer columns */
	CHECK_CONTAINS(EVENT("{\"status\": 2.0e2}"), "\t200\t");
	CHECK_CONTAINS(EVENT("{\"ts\": 9223372036854775807}"), "\t9223372036854775807\t");
	CHECK_CONTAINS(EVENT("{\"length\": 1e308}"), "\t1e308\t");
	CHECK_CONTAINS(EVENT("{\"length\": -0.0}"), "\t-0.0\t");
}

TEST(copy_row_text)
{
	/* numbers, booleans and nested JSON where text is expected keep their JSON text */
	CHECK_CONTAINS(SONG("{\"artist_name\": 112}"), "\t112\t");
	CHECK_CONTAINS(SONG("{\"artist_name\": -1.50e3}"), "\t-1.50e3\t");
	CHECK_CONTAINS(SONG("{\"artist_name\": true}"), "\ttrue\t");
	CHECK_CONTAINS(SONG("{\"artist_name\": {\"a\": \"b\\tc\"}}"), "\t{\"a\": \"b\\\\tc\"}\t");
	/* escapes for COPY */
	CHECK_CONTAINS(SONG("{\"title\": \"a\\tb\\nc\\\\d\\re\\\"f\\/g\"}"), "\ta\\tb\\nc\\\\d\\re\"f/g\t");
	/* \u escapes, surrogate pairs, raw UTF-8 */
	CHECK_CONTAINS(SONG("{\"title\": \"Beyonc\\u00e9 \\ud83c\\udfb5 caf\xC3\xA9 \xE6\x97\xA5\"}"),
		       "\tBeyonc\xC3\xA9 \xF0\x9F\x8E\xB5 caf\xC3\xA9 \xE6\x97\xA5\t");
	CHECK_CONTAINS(SONG("{\"title\": \"\\u000a\\u005c\"}"), "\t\\n\\\\\t");
	/* the user agents of the real logs: quotes inside, escaped slashes */
	CHECK_CONTAINS(EVENT("{\"userAgent\":\"\\\"Mozilla\\/5.0 (X11)\\\"\"}"), "\t\"Mozilla/5.0 (X11)\"\t");
}

TEST(copy_row_keys)
{
	/* missing keys are NULL, unknown keys ignored (whatever they hold), order free, case ignored */
	CHECK_STR(SONG("{\"year\": 2000, \"extra\": [1, {\"x\": null}], \"TITLE\": \"t\", \"num_songs\": 1}"),
		  "1\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\tt\t\\N\t2000");
	CHECK_STR(SONG("{}"), "\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N");
	/* an empty text as the only value: nothing in the field buffer yet (found by make fuzz) */
	CHECK_STR(SONG("{\"title\": \"\"}"), "\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\t\\N\t\\N");
	CHECK_STR(SONG(" {\"title\": \"a\", \"title\": \"b\"} \n"), "\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\tb\t\\N\t\\N");
	/* \u0000 in a key or value we do not keep is harmless */
	CHECK_CONTAINS(SONG("{\"x\\u0000\": \"\\u0000\", \"title\": \"t\"}"), "\tt\t");
	CHECK_STR(SONG("{\"title\\u0000x\": \"a\"}"), "\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N");
	CHECK_CONTAINS(SONG("{\"\\u0074itle\": \"escaped key\"}"), "\tescaped key\t");
}

TEST(copy_row_bad_types)
{
	CHECK_STR(EVENT("{\"sessionId\": \"abc\"}"), "BAD sessionId|text where an integer is expected: \"abc\"@14");
	CHECK_STR(EVENT("{\"length\": \"1.5\"}"), "BAD length|text where a number is expected: \"1.5\"@11");
	CHECK_STR(EVENT("{\"status\": true}"), "BAD status|true where a number is expected@11");
	CHECK_STR(EVENT("{\"status\": [200]}"), "BAD status|an array where a number is expected@11");
	CHECK_STR(EVENT("{\"status\": 1.5}"), "BAD status|not an integer: 1.5@11");
	CHECK_STR(EVENT("{\"sessionId\": 2147483648}"), "BAD sessionId|out of range for integer: 2147483648@14");
	CHECK_CONTAINS(EVENT("{\"sessionId\": -2147483648}"), "\t-2147483648\t");
	CHECK_STR(EVENT("{\"ts\": 9223372036854775808}"), "BAD ts|out of range for bigint: 9223372036854775808@7");
	CHECK_STR(EVENT("{\"length\": 1e999}"), "BAD length|out of range for double precision: 1e999@11");
	CHECK_STR(EVENT("{\"length\": 1e-999}"), "BAD length|out of range for double precision: 1e-999@11");
	CHECK_STR(EVENT("{\"status\": 3e9}"), "BAD status|out of range for integer: 3e9@11");
}

TEST(copy_row_bad_text)
{
	CHECK_STR(SONG("{\"title\": \"a\\u0000b\"}"), "BAD title|\\u0000 is not allowed in text@12");
	CHECK_STR(SONG("{\"title\": \"caf\xE9\"}"), "BAD title|invalid UTF-8@14");
	CHECK_STR(SONG("{\"title\": \"\xC0\xAF\"}"), "BAD title|invalid UTF-8@11");          /* overlong */
	CHECK_STR(SONG("{\"title\": \"\xED\xA0\x80\"}"), "BAD title|invalid UTF-8@11");      /* surrogate */
	CHECK_STR(SONG("{\"x\": \"\xFF\"}"), "BAD x|invalid UTF-8@7");                        /* even unknown keys */
	CHECK_STR(SONG("{\"title\": \"\\ud83c\"}"), "BAD title|not JSON: lone surrogate in \\u escape@11");
	CHECK_STR(SONG("{\"title\": \"\\q\"}"), "BAD title|not JSON: invalid escape@11");
	CHECK_STR(SONG("{\"title\": \"a\tb\"}"), "BAD title|not JSON: control character in a string@12");
}

TEST(copy_row_not_json)
{
	CHECK_STR(SONG("this is not json"), "BAD |not JSON: unexpected character 't'@0");
	CHECK_STR(SONG("[1, 2]"), "BAD |not a JSON object (an array)@0");
	CHECK_STR(SONG("\"song\""), "BAD |not a JSON object (a string)@0");
	CHECK_STR(SONG("42"), "BAD |not a JSON object (a number)@0");
	CHECK_STR(SONG("{\"title\": \"a\"} x"), "BAD |not JSON: unexpected text after the object@15");
	CHECK_STR(SONG("{\"title\": \"a\",}"), "BAD |not JSON: expected a key@14");
	CHECK_STR(SONG("{\"title\" \"a\"}"), "BAD title|not JSON: expected ':' after a key@9");
	CHECK_STR(SONG("{\"title\": \"a\""), "BAD |not JSON: unexpected end of input@13");
	CHECK_STR(SONG("{\"title\": \"a"), "BAD title|not JSON: unterminated string@12");
	CHECK_STR(SONG("{\"year\": 01}"), "BAD |not JSON: expected ',' or '}'@10");
	CHECK_STR(SONG("{\"year\": NaN}"), "BAD year|not JSON: unexpected character 'N'@9");
	CHECK_STR(SONG("{\"title\": \"a\", oops}"), "BAD |not JSON: expected a key@15");
	CHECK_STR(SONG(""), "BAD |not JSON: empty record@0");
}

TEST(copy_escape_all)
{
	struct bytebuf b = { 0 };
	CHECK_INT(copy_escape(&b, "a\\b\n\r\t\b\f\v.", 10), 0);
	CHECK_INT(b.len, 17);
	CHECK(memcmp(b.p, "a\\\\b\\n\\r\\t\\b\\f\\v.", 17) == 0);
	bytebuf_free(&b);
}

/* Mutated records never crash the converter, and a row it accepts is always one well-formed
 * COPY line: ncols fields, no raw newline, no lone backslash. */
TEST(copy_row_mutations)
{
	static const char base[] =
		"{\"artist\":\"Des'ree\",\"auth\":\"Logged In\",\"firstName\":\"Kaylee\",\"gender\":\"F\","
		"\"itemInSession\":1,\"lastName\":\"Summers\",\"length\":246.30812,\"level\":\"free\","
		"\"location\":\"Phoenix, AZ\",\"method\":\"PUT\",\"page\":\"NextSong\",\"registration\":1540344794796.0,"
		"\"sessionId\":139,\"song\":\"You \\\"Gotta\\\" Be \\u00e9\\ud83c\\udfb5\",\"status\":200,\"ts\":1541106106796,"
		"\"userAgent\":\"\\\"Mozilla\\/5.0\\\"\",\"userId\":\"8\",\"extra\":[1,{\"a\":null}]}";
	static const char bytes[] = "{}[]\":,\\u0e.-+ \n\t\x80\xC3\xA9\xFFtfn";
	struct copy_conv c;
	struct bytebuf out = { 0 };
	struct copy_err e;
	char buf[sizeof base + 16];
	unsigned long x = 12345;
	int ok = 0, bad = 0;

	copy_conv_init(&c, &copy_events);
	for (int i = 0; i < 20000; i++) {
		size_t n = sizeof base - 1;
		memcpy(buf, base, n);
		for (int k = 0; k < 1 + i % 3; k++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			size_t at = (x >> 33) % n;
			char b = bytes[(x >> 17) % (sizeof bytes - 1)];
			if ((x >> 7) % 3 == 0 && n < sizeof buf - 1) {          /* insert */
				memmove(buf + at + 1, buf + at, n - at);
				buf[at] = b;
				n++;
			} else if ((x >> 7) % 3 == 1 && n > 1) {                /* delete */
				memmove(buf + at, buf + at + 1, n - at - 1);
				n--;
			} else {
				buf[at] = b;                                       /* replace */
			}
		}
		out.len = 0;
		int rc = copy_row(&c, buf, n, &out, &e);
		CHECK(rc == 0 || rc == -1);
		if (rc == 0) {
			int tabs = 0;
			ok++;
			CHECK(out.len > 0 && out.p[out.len - 1] == '\n');
			CHECK(memchr(out.p, '\n', out.len - 1) == NULL);
			for (size_t k = 0; k + 1 < out.len; k++) {
				if (out.p[k] == '\t')
					tabs++;
				if (out.p[k] == '\\') {
					CHECK(k + 2 < out.len && strchr("\\ntrbfvN", out.p[k + 1]));
					k++;
				}
			}
			CHECK_INT(tabs, 17);
		} else {
			bad++;
			CHECK(e.reason[0] != '\0');
			CHECK(e.pos <= n);
		}
	}
	CHECK(ok > 1000 && bad > 1000);
	bytebuf_free(&out);
	copy_conv_free(&c);
}

/* COPY binary: the same values, as the server's binary input reads them. */
static size_t bin_row(const struct copy_table *t, const char *json, unsigned char *b, size_t cap)
{
	struct copy_conv c;
	struct bytebuf out = { 0 };
	size_t n = 0;

	copy_conv_init(&c, t);
	c.binary = true;
	if (copy_row(&c, json, strlen(json), &out, &err) == 0 && out.len <= cap) {
		memcpy(b, out.p, out.len);
		n = out.len;
	}
	bytebuf_free(&out);
	copy_conv_free(&c);
	return n;
}

static long long be(const unsigned char *p, int n)
{
	unsigned long long v = 0;

	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return n == 4 ? (long long)(int)(unsigned)v : (long long)v;
}

TEST(copy_row_binary)
{
	unsigned char b[512], *p = b;
	size_t n = bin_row(&copy_songs, "{\"num_songs\": 1.0, \"artist_id\": \"A\\tb\\\\c\\u00e9\", "
			   "\"artist_latitude\": -0.5, \"artist_longitude\": null, \"artist_name\": 12, "
			   "\"title\": {\"x\": [1]}, \"duration\": 337.68444, \"year\": -2147483648}", b, sizeof b);
	double d;

	CHECK(n > 0);
	CHECK_INT(be(p, 2), 10); p += 2;                                        /* columns */
	CHECK_INT(be(p, 4), 4); CHECK_INT(be(p + 4, 4), 1); p += 8;             /* num_songs 1.0 */
	CHECK_INT(be(p, 4), 7); CHECK(!memcmp(p + 4, "A\tb\\c\xc3\xa9", 7)); p += 11;  /* raw text */
	CHECK_INT(be(p, 4), 8);
	{ long long u = be(p + 4, 8); memcpy(&d, &u, 8); } CHECK(d == -0.5); p += 12;
	CHECK_INT(be(p, 4), -1); p += 4;                                        /* null */
	CHECK_INT(be(p, 4), -1); p += 4;                                        /* missing */
	CHECK_INT(be(p, 4), 2); CHECK(!memcmp(p + 4, "12", 2)); p += 6;         /* number as text */
	CHECK_INT(be(p, 4), -1); p += 4;                                        /* song_id */
	CHECK_INT(be(p, 4), 10); CHECK(!memcmp(p + 4, "{\"x\": [1]}", 10)); p += 14;
	CHECK_INT(be(p, 4), 8);
	{ long long u = be(p + 4, 8); memcpy(&d, &u, 8); } CHECK(d == 337.68444); p += 12;
	CHECK_INT(be(p, 4), 4); CHECK_INT(be(p + 4, 4), -2147483648LL); p += 8;
	CHECK_INT((long long)(p - b), (long long)n);
	/* \u0000 is refused in binary too */
	CHECK_INT((long long)bin_row(&copy_songs, "{\"title\": \"a\\u0000\"}", b, sizeof b), 0);
	CHECK_INT((long long)bin_row(&copy_events, "{\"ts\": 9223372036854775807}", b, sizeof b), 2 + 18 * 4 + 8);
	CHECK_INT(be(b + 2 + 15 * 4 + 4, 8), 9223372036854775807LL);
}

/* Lineage: the source file's number and the line, two int4 columns after the table's own; a
 * line past int4 is NULL (binary and text alike). */
TEST(copy_row_lineage)
{
	struct copy_conv c;
	struct bytebuf out = { 0 };
	const char *json = "{\"song_id\": \"S\"}";
	const unsigned char *p;

	copy_conv_init(&c, &copy_songs);
	c.lineage = true;
	c.src_file = 3;
	c.src_line = 7;
	CHECK_INT(copy_row(&c, json, strlen(json), &out, &err), 0);
	CHECK(out.len >= 5 && !memcmp(out.p + out.len - 5, "\t3\t7\n", 5));
	out.len = 0;
	c.binary = true;
	c.src_line = 2147483648LL;
	CHECK_INT(copy_row(&c, json, strlen(json), &out, &err), 0);
	p = (const unsigned char *)out.p;
	CHECK_INT(be(p, 2), 12);
	CHECK_INT((long long)out.len, 2 + 9 * 4 + 5 + 8 + 4);  /* 9 NULLs, song_id, file, NULL line */
	p += out.len - 12;
	CHECK_INT(be(p, 4), 4); CHECK_INT(be(p + 4, 4), 3); CHECK_INT(be(p + 8, 4), -1);
	bytebuf_free(&out);
	copy_conv_free(&c);
}

/* The binary image of a float8 value: the double strtod makes of its text (as float8in does),
 * whether dwh takes the exact decimal path (digits < 2^53, fraction <= 22 digits) or asks
 * strtod: at the edges of the fast path and past them, and a million pseudo-random decimals. */
static double bin_length(const char *num)
{
	char json[128];
	unsigned char b[256];
	double d = -1;

	snprintf(json, sizeof json, "{\"length\": %s}", num);
	if (bin_row(&copy_events, json, b, sizeof b) == 2 + 18 * 4 + 8) {
		long long u = be(b + 2 + 6 * 4 + 4, 8);     /* length: the 7th column, after 6 NULLs */
		memcpy(&d, &u, 8);
	}
	return d;
}

static bool same_double(double a, double b)
{
	return !memcmp(&a, &b, sizeof a);
}

TEST(copy_row_float8_exact)
{
	static const char *const edge[] = {
		"0", "-0", "0.0", "-0.0", "0.1", "0.3", "1.7976931348623157", "9007199254740992",
		"9007199254740993", "9007199254740991.5", "123456789012345678", "1234567890123456789",
		"12345678901234567890", "0.0000000000000000000001", "0.00000000000000000000001",
		"1e5", "1E-5", "-2.5e-3", "437.43168", "1540919166796.0", "3.14159265358979323846",
		"-1234.5678", "4503599627370497.5",
	};
	char num[40];
	unsigned long long x = 88172645463325252ULL;
	int wrong = 0;

	for (size_t i = 0; i < sizeof edge / sizeof *edge; i++)
		if (!same_double(bin_length(edge[i]), strtod(edge[i], NULL))) {
			t_fail(__FILE__, __LINE__, "float8 %s: not strtod's double", edge[i]);
			wrong++;
		}
	for (int i = 0; i < 1000000 && wrong < 5; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;                    /* xorshift64 */
		unsigned long long m = (x >> 4) % (x & 1 ? 10000000000000000000ULL : 100000000ULL);
		int frac = (int)((x >> 40) % 20);                           /* places after the point */
		int n = snprintf(num, sizeof num, "%s%0*llu", x >> 63 ? "-" : "", frac + 1, m);

		if (frac) {                                                 /* the point frac from the right */
			memmove(num + n - frac + 1, num + n - frac, (size_t)frac + 1);
			num[n - frac] = '.';
		}
		if (!same_double(bin_length(num), strtod(num, NULL))) {
			t_fail(__FILE__, __LINE__, "float8 %s: not strtod's double", num);
			wrong++;
		}
	}
}

/* Keys in the table's order are matched without a lookup; out of order, in another case, with
 * an escape or a \u0000 they go the long way, to the same columns (or none). Long strings with
 * an escape or a multi-byte character at every offset of an 8-byte word decode as they should. */
TEST(copy_row_keys_and_long_strings)
{
	unsigned char a[512], b[512];
	size_t na = bin_row(&copy_events, "{\"artist\": \"A\", \"auth\": \"x\", \"ts\": 5}", a, sizeof a);
	size_t nb = bin_row(&copy_events, "{\"ts\": 5, \"AUTH\": \"x\", \"\\u0061rtist\": \"A\"}", b, sizeof b);

	CHECK(na > 0);
	CHECK_INT((long long)na, (long long)nb);
	CHECK(!memcmp(a, b, na));
	CHECK_INT((long long)bin_row(&copy_events, "{\"art\\u0000ist\": \"A\"}", b, sizeof b), 2 + 18 * 4);
	for (int off = 0; off < 16; off++) {
		char json[128], want[64];
		const char *odd[] = { "\\/", "\\u00e9", "\\\"", "\xc3\xa9", "\\n" };
		const char *dec[] = { "/", "\xc3\xa9", "\"", "\xc3\xa9", "\n" };

		for (int k = 0; k < 5; k++) {
			snprintf(json, sizeof json, "{\"artist\": \"%.*s%s0123456789abcdef\"}", off,
				 "0123456789abcdef", odd[k]);
			snprintf(want, sizeof want, "%.*s%s0123456789abcdef", off, "0123456789abcdef", dec[k]);
			size_t n = bin_row(&copy_events, json, a, sizeof a);
			CHECK(n > 0 && be(a + 2, 4) == (long long)strlen(want) && !memcmp(a + 6, want, strlen(want)));
		}
	}
}
