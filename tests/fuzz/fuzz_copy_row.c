/* fuzz_copy_row.c — libFuzzer target (`make fuzz`): any bytes, split by json_stream and
 * converted by copy_row for both staging tables the way the loader does it, must never crash,
 * and every accepted row must be well-formed COPY text with one field per column. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../utf8_ref.h"
#include "load/copy_row.h"
#include "load/json_stream.h"

#define MUST(cond) do { if (!(cond)) { fprintf(stderr, "fuzz_copy_row: %s\n", #cond); abort(); } } while (0)

/* One COPY text row: ncols fields split by tabs, one '\n' at the end, no NUL or raw CR, only
 * the escapes COPY knows, \N only as a whole field, valid UTF-8. */
static void check_row(const struct copy_table *t, const char *p, size_t len)
{
	const unsigned char *s = (const unsigned char *)p;
	int fields = 1;
	size_t field_start = 0;

	MUST(len > 0 && s[len - 1] == '\n');
	for (size_t i = 0; i < len - 1;) {
		unsigned char c = s[i];
		MUST(c != '\n' && c != '\r' && c != '\0');
		if (c == '\t') {
			fields++;
			field_start = ++i;
		} else if (c == '\\') {
			MUST(i + 1 < len - 1 && strchr("\\ntrbfvN", s[i + 1]) && s[i + 1]);
			if (s[i + 1] == 'N')
				MUST(i == field_start && (s[i + 2] == '\t' || s[i + 2] == '\n'));
			i += 2;
		} else {
			size_t k = utf8_ref_len(s + i, len - 1 - i);
			MUST(k > 0);
			i += k;
		}
	}
	MUST(fields == t->ncols);
}

/* One value through copy_row: a row is checked, a bad record must leave out as it was. */
static int convert(struct copy_conv *c, const char *text, size_t len, struct bytebuf *out)
{
	struct copy_err e;
	size_t before = out->len;
	int rc = copy_row(c, text, len, out, &e);

	MUST(rc == 0 || rc == -1);
	if (rc == 0)
		check_row(c->t, out->p + before, out->len - before);
	else
		MUST(out->len == before && e.pos <= len && memchr(e.reason, '\0', sizeof e.reason));
	out->len = 0;
	return rc;
}

/* The loader's loop (loader.c one_file): whole lines first, values when a line is not one. */
static void load(const struct copy_table *t, const uint8_t *data, size_t size)
{
	struct jstream *j = js_open_mem((const char *)data, size);
	struct copy_conv c;
	struct bytebuf out = { 0 };
	struct jvalue v;
	bool lines = true;
	int r;

	if (!j)
		return;
	copy_conv_init(&c, t);
	for (long n = 0;; n++) {
		if ((r = js_line(j, &v)) == 1) {
			MUST(v.len <= size);
			if (convert(&c, v.text, v.len, &out) == 0) {
				js_take(j, &v);
				continue;
			}
		}
		if (r <= 0 || (r = js_next(j, &v)) != 1)
			break;
		MUST(v.len <= size);
		bool multi = memchr(v.text, '\n', v.len) != NULL;
		lines = lines && (n > 0 || !multi);
		if (!v.too_big && convert(&c, v.text, v.len, &out) < 0 && multi && lines) {
			js_resync(j, &v);
			convert(&c, v.text, v.len, &out);
		}
		if (multi)
			lines = false;
	}
	MUST(r == 0);                   /* memory never fails to read */
	bytebuf_free(&out);
	copy_conv_free(&c);
	js_free(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	load(&copy_events, data, size);
	load(&copy_songs, data, size);
	return 0;
}
