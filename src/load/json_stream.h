/* json_stream.h — splitting a byte stream into top-level JSON values without parsing them:
 * JSON lines, values pretty-printed one after another, top-level arrays (each element is a
 * value), a leading UTF-8 byte-order mark, no final newline. Reads in large blocks and keeps
 * only the value being returned, so memory does not grow with the input. */
#ifndef DWH_JSON_STREAM_H
#define DWH_JSON_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JS_BLOCK   (1u << 20)           /* read size */
#define JS_MAXVAL  (16u << 20)          /* a value larger than this is a bad record */

struct jvalue {
	const char *text;       /* valid until the next js_next */
	size_t len;
	long line;              /* 1-based line of the value's first byte */
	bool too_big;           /* longer than JS_MAXVAL: text holds its first bytes only */
};

struct jstream;

/* Reads from fd (not closed by js_free). NULL when out of memory. */
struct jstream *js_open(int fd);
/* From memory (for tests): the bytes are copied. */
struct jstream *js_open_mem(const char *data, size_t len);
/* Start over on another fd, keeping the buffer (one stream serves many files). size: the
 * file's size when known (saves the read that would find its end), else -1. */
void js_reset(struct jstream *j, int fd, int64_t size);
/* The checksum (load/checksum.h) of every byte read since js_reset: after the last value of a
 * file, its content's. */
uint64_t js_checksum(const struct jstream *j);
void js_free(struct jstream *j);

/* 1 with the next value in *v, 0 at the end of input, -1 on a read error (errno set). Text
 * that is not JSON is returned as a value too (up to the end of its line), so the caller can
 * report it as a bad record with its line and carry on. */
int js_next(struct jstream *j, struct jvalue *v);

/* The fast way through JSON lines: when the next value starts a line with '{', 1 with that
 * whole line in *v (not yet consumed: js_take it if it is one good value, else call js_next,
 * which finds the value's real end). 2 when the next value is not such a line, 0 at the end,
 * -1 on a read error. */
int js_line(struct jstream *j, struct jvalue *v);
void js_take(struct jstream *j, const struct jvalue *v);

/* The value v (just returned) spans lines but is bad, and the input looks like JSON lines: cut
 * v to its first line and go on reading from the next, so one truncated line does not swallow
 * the lines after it. */
void js_resync(struct jstream *j, struct jvalue *v);

/* Bytes consumed so far (for progress). */
int64_t js_offset(const struct jstream *j);

#endif
