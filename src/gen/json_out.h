/* json_out.h — a buffered JSON writer for `dwh gen`'s files: strings escaped the way the
 * course data writes them (the event logs as ASCII with \u escapes and "\/"), keys in the
 * compact or the pretty layout, bytes counted. Private to src/gen/. */
#ifndef DWH_GEN_JSON_OUT_H
#define DWH_GEN_JSON_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"

struct jout {
	FILE *f;
	char buf[1 << 16];
	size_t len;
	long long bytes;
};

/* Open path for writing (0, or -1 with e); write the buffer and close it (0 or -1). */
int jout_open(struct jout *o, const char *path, struct dwh_err *e);
int jout_close(struct jout *o, const char *path, struct dwh_err *e);
void jout_flush(struct jout *o);
/* Bytes as they are; a C string as it is. */
void jout_raw(struct jout *o, const char *s, size_t n);
void jout_s(struct jout *o, const char *s);
/* A JSON string; ascii writes non-ASCII as \u escapes and '/' as "\/", as the event logs do. */
void jout_str(struct jout *o, const char *s, bool ascii);
/* `{"key": ` for the first key of an object, `, "key": ` after (pretty: one key a line). */
void jout_key(struct jout *o, const char *key, bool pretty, bool first);
/* A number's text, or null when it is "". */
void jout_num_or_null(struct jout *o, const char *v);
void jout_int(struct jout *o, long long v);

#endif
