/* json_stream.c — finding where each top-level JSON value begins and ends in a stream, by
 * tracking strings, escapes and bracket depth only; the values themselves are parsed by
 * copy_row.c. One buffer per stream, grown only for a value larger than a read block. */
#include "load/json_stream.h"

#include "load/checksum.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct jstream {
	int fd;                 /* -1 for memory */
	char *buf;
	size_t cap, len, pos;   /* buf[pos..len) is unread */
	int64_t base;           /* stream offset of buf[0] */
	int64_t size;           /* known size of the input, or -1 */
	long line;              /* line of buf[pos] */
	bool eof, bom_checked, in_array, skip_line;
	struct checksum sum;    /* checksum of the bytes read so far (load/checksum.h) */
};

enum { K_CONTAINER, K_STRING, K_SCALAR };

/* The bytes that matter to the scanner outside strings and inside them. */
static const unsigned char stop_out[256] = {
	['"'] = 1, ['{'] = 1, ['}'] = 1, ['['] = 1, [']'] = 1, ['\n'] = 1,
};
static const unsigned char stop_in[256] = { ['"'] = 1, ['\\'] = 1, ['\n'] = 1 };

static struct jstream *js_new(int fd, size_t cap)
{
	struct jstream *j = calloc(1, sizeof *j);

	if (!j || !(j->buf = malloc(cap ? cap : 1))) {
		free(j);
		return NULL;
	}
	j->fd = fd;
	j->cap = cap;
	j->size = -1;
	j->line = 1;
	checksum_init(&j->sum);
	return j;
}

struct jstream *js_open(int fd)
{
	return js_new(fd, JS_BLOCK);
}

struct jstream *js_open_mem(const char *data, size_t len)
{
	struct jstream *j = js_new(-1, len);

	if (!j)
		return NULL;
	memcpy(j->buf, data, len);
	j->len = len;
	j->eof = true;
	return j;
}

void js_reset(struct jstream *j, int fd, int64_t size)
{
	j->fd = fd;
	j->size = size;
	j->len = j->pos = 0;
	j->base = 0;
	j->line = 1;
	j->eof = j->bom_checked = j->in_array = j->skip_line = false;
	checksum_init(&j->sum);
}

uint64_t js_checksum(const struct jstream *j)
{
	return checksum_value(&j->sum);
}

void js_free(struct jstream *j)
{
	if (j) {
		free(j->buf);
		free(j);
	}
}

int64_t js_offset(const struct jstream *j)
{
	return j->base + (int64_t)j->pos;
}

/* Drop buf[0..keep), make room for a block and read it. >0 bytes read, 0 at the end, -1 on
 * error. Offsets relative to `keep` stay valid; j->pos moves with the data. */
static ssize_t fill(struct jstream *j, size_t keep)
{
	ssize_t n;

	if (j->eof)
		return 0;
	if (keep > 0) {
		memmove(j->buf, j->buf + keep, j->len - keep);
		j->len -= keep;
		j->pos -= keep;
		j->base += (int64_t)keep;
	}
	if (j->cap - j->len < JS_BLOCK) {
		size_t cap = j->cap * 2 > j->len + JS_BLOCK ? j->cap * 2 : j->len + JS_BLOCK;
		char *p = realloc(j->buf, cap);

		if (!p)
			return -1;
		j->buf = p;
		j->cap = cap;
	}
	do
		n = read(j->fd, j->buf + j->len, j->cap - j->len);
	while (n < 0 && errno == EINTR);
	if (n > 0) {
		checksum_add(&j->sum, j->buf + j->len, (size_t)n);
		j->len += (size_t)n;
	}
	if (n == 0 || (j->size >= 0 && j->base + (int64_t)j->len >= j->size))
		j->eof = true;  /* a regular file of known size: no read to find its end */
	return n;
}

/* A leading UTF-8 byte-order mark is not part of the first value. */
static int skip_bom(struct jstream *j)
{
	while (j->len - j->pos < 3 && !j->eof)
		if (fill(j, j->pos) < 0)
			return -1;
	if (j->base == 0 && j->pos == 0 && j->len >= 3 && memcmp(j->buf, "\xEF\xBB\xBF", 3) == 0)
		j->pos = 3;
	j->bom_checked = true;
	return 0;
}

static bool scalar_end(const struct jstream *j, char c)
{
	return c == '\n' || (j->in_array && (c == ',' || c == ']'));
}

/* Where the value starting at buf[pos] ends; fills v. */
static int scan(struct jstream *j, struct jvalue *v)
{
	int kind = j->buf[j->pos] == '{' || j->buf[j->pos] == '[' ? K_CONTAINER
		 : j->buf[j->pos] == '"' ? K_STRING : K_SCALAR;
	size_t i = 0;
	long nl = 0;
	int depth = 0;
	bool str = false, esc = false;

	v->line = j->line;
	v->too_big = false;
	for (;;) {
		if (j->pos + i == j->len) {
			ssize_t n;

			if (i >= JS_MAXVAL) {
				v->too_big = true;
				j->skip_line = true;
				break;
			}
			n = fill(j, j->pos);
			if (n < 0)
				return -1;
			if (n == 0)
				break;          /* unterminated: the parser says so */
			continue;
		}
		/* skip bytes that cannot change the state, a run at a time */
		const unsigned char *b = (const unsigned char *)j->buf + j->pos;
		size_t avail = j->len - j->pos;
		if (kind != K_SCALAR && !esc) {
			const unsigned char *stop = str ? stop_in : stop_out;
			while (i < avail && !stop[b[i]])
				i++;
			if (i == avail)
				continue;
		}
		char c = (char)b[i];
		if (kind == K_SCALAR) {
			if (scalar_end(j, c))
				break;
		} else if (c == '\n' && str) {
			break;                  /* a raw newline cannot be in a string: resync */
		} else if (str) {
			if (esc)
				esc = false;
			else if (c == '\\')
				esc = true;
			else if (c == '"') {
				str = false;
				if (kind == K_STRING) {
					i++;
					break;
				}
			}
		} else if (c == '"') {
			str = true;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ']') && --depth == 0) {
			i++;
			break;
		}
		if (c == '\n')
			nl++;
		i++;
	}
	v->text = j->buf + j->pos;
	v->len = i;
	while (kind == K_SCALAR && v->len > 0 && strchr(" \t\r", v->text[v->len - 1]))
		v->len--;
	j->pos += i;
	j->line += nl;
	return 1;
}

void js_resync(struct jstream *j, struct jvalue *v)
{
	const char *nl = memchr(v->text, '\n', v->len);

	if (!nl || v->too_big)
		return;
	j->pos = (size_t)(nl - j->buf);         /* at the newline, which js_next counts */
	j->line = v->line;
	v->len = (size_t)(nl - v->text);
	while (v->len > 0 && strchr(" \t\r", v->text[v->len - 1]))
		v->len--;
}

/* Skip what lies between values (blank space, a BOM, array brackets and commas): 1 at the
 * start of a value, 0 at the end, -1 on a read error. */
static int to_value(struct jstream *j)
{
	if (!j->bom_checked && skip_bom(j) < 0)
		return -1;
	for (;;) {
		if (j->pos == j->len) {
			ssize_t n = fill(j, j->pos);

			if (n < 0)
				return -1;
			if (n == 0)
				return 0;
		}
		char c = j->buf[j->pos];
		if (c == '\n') {
			j->line++;
			j->skip_line = false;
		} else if (j->skip_line || c == ' ' || c == '\t' || c == '\r') {
			;
		} else if (j->in_array && (c == ',' || c == ']')) {
			j->in_array = c == ',';
		} else if (!j->in_array && c == '[') {
			j->in_array = true;
		} else {
			return 1;
		}
		j->pos++;
	}
}

int js_next(struct jstream *j, struct jvalue *v)
{
	int r = to_value(j);

	return r == 1 ? scan(j, v) : r;
}

int js_line(struct jstream *j, struct jvalue *v)
{
	int r = to_value(j);
	const char *nl;
	size_t from = 0;

	if (r != 1 || j->in_array || j->buf[j->pos] != '{')
		return r == 1 ? 2 : r;
	while (!(nl = memchr(j->buf + j->pos + from, '\n', j->len - j->pos - from)) && !j->eof) {
		from = j->len - j->pos;
		if (from >= JS_MAXVAL)
			return 2;
		if (fill(j, j->pos) < 0)
			return -1;
	}
	v->text = j->buf + j->pos;
	v->len = nl ? (size_t)(nl - v->text) : j->len - j->pos;
	v->line = j->line;
	v->too_big = false;
	return 1;
}

void js_take(struct jstream *j, const struct jvalue *v)
{
	if (v->text == j->buf + j->pos && v->len <= j->len - j->pos)
		j->pos += v->len;
}
