/* test_json_stream.c — splitting streams into JSON values: every layout a loader meets. */
#include "t.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "load/json_stream.h"

/* All values of `in`, as "line:text|" pairs. */
static const char *split(const char *in, size_t n)
{
	static char out[4096];
	struct jstream *j = js_open_mem(in, n);
	struct jvalue v;
	size_t o = 0;

	out[0] = '\0';
	while (js_next(j, &v) == 1)
		o += (size_t)snprintf(out + o, sizeof out - o, "%ld:%.*s|", v.line, (int)v.len, v.text);
	js_free(j);
	return out;
}
#define SPLIT(s) split(s, sizeof(s) - 1)

TEST(json_stream_lines)
{
	CHECK_STR(SPLIT("{\"a\":1}\n{\"b\":2}\n"), "1:{\"a\":1}|2:{\"b\":2}|");
	CHECK_STR(SPLIT("{\"a\":1}\r\n{\"b\":2}"), "1:{\"a\":1}|2:{\"b\":2}|");   /* CRLF, no final newline */
	CHECK_STR(SPLIT("{\"a\":1}{\"b\":2}"), "1:{\"a\":1}|1:{\"b\":2}|");
	CHECK_STR(SPLIT(""), "");
	CHECK_STR(SPLIT("\n\n  \n"), "");
}

TEST(json_stream_pretty)
{
	CHECK_STR(SPLIT("{\n  \"a\": 1,\n  \"b\": \"}{\"\n}\n{\n  \"c\": [1, {\"d\": 2}]\n}\n"),
		  "1:{\n  \"a\": 1,\n  \"b\": \"}{\"\n}|5:{\n  \"c\": [1, {\"d\": 2}]\n}|");
	CHECK_STR(SPLIT("{\"a\":\"x\\\"}\"}\n{\"b\":\"\\\\\"}"), "1:{\"a\":\"x\\\"}\"}|2:{\"b\":\"\\\\\"}|");
}

TEST(json_stream_array)
{
	CHECK_STR(SPLIT("[\n {\"a\":1},\n {\"b\":[2,3]}\n]\n"), "2:{\"a\":1}|3:{\"b\":[2,3]}|");
	CHECK_STR(SPLIT("[]"), "");
	CHECK_STR(SPLIT("[1, \"x\" , null]"), "1:1|1:\"x\"|1:null|");
	CHECK_STR(SPLIT("[{\"a\":1}]\n{\"b\":2}"), "1:{\"a\":1}|2:{\"b\":2}|");
}

TEST(json_stream_bom)
{
	CHECK_STR(SPLIT("\xEF\xBB\xBF{\"a\":1}\n"), "1:{\"a\":1}|");
	CHECK_STR(SPLIT("\xEF\xBB\xBF[{\"a\":1}]"), "1:{\"a\":1}|");
}

TEST(json_stream_garbage)
{
	/* not JSON runs to the end of its line, so the next line is still read */
	CHECK_STR(SPLIT("this is not json\n{\"a\":1}\n"), "1:this is not json|2:{\"a\":1}|");
	/* an unterminated string stops at the end of its line */
	CHECK_STR(SPLIT("{\"a\":\"oops}\n{\"a\":1}\n"), "1:{\"a\":\"oops}|2:{\"a\":1}|");
	/* an unclosed object runs to the end of the input */
	CHECK_STR(SPLIT("{\"a\":1\n"), "1:{\"a\":1\n|");
	CHECK_STR(SPLIT("}\n{}"), "1:}|2:{}|");
}

/* Values across read blocks and larger than one block, from a real file. */
TEST(json_stream_blocks)
{
	char path[] = "/tmp/dwh-test-js.XXXXXX";
	int fd = mkstemp(path);
	size_t big = 3u << 20, n = 0, total = 0;
	char *val = malloc(big);
	struct jvalue v;
	long lines = 0;

	CHECK(fd >= 0 && val);
	memset(val, 'x', big);
	memcpy(val, "{\"a\":\"", 6);
	memcpy(val + big - 2, "\"}", 2);
	for (int i = 0; i < 50000; i++)
		CHECK(write(fd, "{\"ts\": 1541105830796}\n", 22) == 22);
	CHECK(write(fd, val, big) == (ssize_t)big);
	CHECK(write(fd, "\n{}", 3) == 3);
	lseek(fd, 0, SEEK_SET);
	struct jstream *j = js_open(fd);
	while (js_next(j, &v) == 1) {
		n++;
		total += v.len;
		lines = v.line;
	}
	CHECK_INT(n, 50002);
	CHECK_INT(total, 50000 * 21 + big + 2);
	CHECK_INT(lines, 50002);
	CHECK_INT(js_offset(j), 50000 * 22 + big + 3);
	js_free(j);
	close(fd);
	unlink(path);
	free(val);
}

/* A truncated JSON line swallows the next ones until resynced to its own line. */
TEST(json_stream_resync)
{
	const char in[] = "{\"a\":1}\n{\"b\":2,\n{\"c\":3}\n{\"d\":4}\n";
	struct jstream *j = js_open_mem(in, sizeof in - 1);
	struct jvalue v;

	CHECK_INT(js_next(j, &v), 1);
	CHECK_INT(js_next(j, &v), 1);
	CHECK_INT(v.line, 2);
	CHECK(v.len > 8);               /* runs past its line */
	js_resync(j, &v);
	CHECK_INT(v.len, 7);
	CHECK(memcmp(v.text, "{\"b\":2,", 7) == 0);
	CHECK_INT(js_next(j, &v), 1);
	CHECK_INT(v.line, 3);
	CHECK(v.len == 7 && memcmp(v.text, "{\"c\":3}", 7) == 0);
	CHECK_INT(js_next(j, &v), 1);
	CHECK_INT(v.line, 4);
	CHECK_INT(js_next(j, &v), 0);
	js_free(j);
}

/* js_line offers whole lines starting with '{'; a taken line is consumed, else js_next
 * finds the value's real end. */
TEST(json_stream_line_fast_path)
{
	const char in[] = "{\"a\":1}\r\n{\n\"b\":2}\n[{\"c\":3}]\n{\"d\":4}";
	struct jstream *j = js_open_mem(in, sizeof in - 1);
	struct jvalue v;

	CHECK_INT(js_line(j, &v), 1);
	CHECK(v.len == 8 && memcmp(v.text, "{\"a\":1}\r", 8) == 0);
	js_take(j, &v);
	CHECK_INT(js_line(j, &v), 1);           /* "{" alone: not a record, so scan */
	CHECK_INT(v.line, 2);
	CHECK_INT(js_next(j, &v), 1);
	CHECK(v.len == 8 && memcmp(v.text, "{\n\"b\":2}", 8) == 0);
	CHECK_INT(js_line(j, &v), 2);           /* inside an array: scan */
	CHECK_INT(js_next(j, &v), 1);
	CHECK_INT(v.line, 4);
	CHECK_INT(js_line(j, &v), 1);           /* the last line, without a newline */
	CHECK_INT(v.line, 5);
	CHECK(v.len == 7 && memcmp(v.text, "{\"d\":4}", 7) == 0);
	js_take(j, &v);
	CHECK_INT(js_line(j, &v), 0);
	js_free(j);
}

/* Random input never crashes the splitter; every value lies inside the input, in order, and
 * line numbers never go back. */
TEST(json_stream_random)
{
	static const char bytes[] = "{}[]\",:\\\n \r\txa1\xEF\xBB\xBF";
	char in[512];
	unsigned long x = 99;

	for (int i = 0; i < 5000; i++) {
		size_t n = (size_t)(i % 500) + 1;
		for (size_t k = 0; k < n; k++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			in[k] = bytes[(x >> 33) % (sizeof bytes - 1)];
		}
		struct jstream *j = js_open_mem(in, n);
		struct jvalue v;
		size_t total = 0;
		long line = 1;
		int r, count = 0;
		while ((r = (count % 2 ? js_next(j, &v) : js_line(j, &v))) >= 1) {
			bool whole = count % 2 == 0 && r == 1;
			if (r == 2)
				r = js_next(j, &v);
			if (r != 1)
				break;
			if (whole && x % 3)
				js_take(j, &v);         /* as if the line were a good record */
			else if (whole)
				r = js_next(j, &v);     /* as if not: scan it */
			CHECK(v.line >= line);
			line = v.line;
			total += v.len;
			CHECK(total <= n);
			count++;
			if (count > 1000)
				break;
		}
		CHECK(r == 0);
		js_free(j);
	}
}

#include "load/checksum.h"

static uint64_t xxh(const char *s, size_t n, size_t piece)
{
	struct checksum c;

	checksum_init(&c);
	for (size_t i = 0; i < n; i += piece)
		checksum_add(&c, s + i, n - i < piece ? n - i : piece);
	return checksum_value(&c);
}

TEST(checksum_xxh64)
{
	static char big[1000];

	CHECK(xxh("", 0, 1) == 0xEF46DB3751D8E999ULL);          /* XXH64's published values */
	CHECK(xxh("a", 1, 1) == 0xD24EC4F1A98C6E5BULL);
	CHECK(xxh("abc", 3, 1) == 0x44BC2CF5AD770999ULL);
	/* longer than a stripe: the four lanes, whole and split at every place */
	for (size_t piece = 1; piece <= 39; piece++)
		CHECK(xxh("Nobody inspects the spammish repetition", 39, piece) == 0xFBCEA83C8A378BF1ULL);
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)(i * 7 + i / 13);
	/* the same in any pieces */
	for (size_t piece = 1; piece < 70; piece += 3)
		CHECK(xxh(big, sizeof big, piece) == xxh(big, sizeof big, sizeof big));
	CHECK(xxh(big, 999, 1) != xxh(big, 1000, 1));
	CHECK(checksum_fnv_add(CHECKSUM_FNV_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);  /* legacy */
}
