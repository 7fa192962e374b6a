/* bytebuf.h — a growable byte buffer: what the loader fills with COPY rows and bad records. */
#ifndef DWH_LOAD_BYTEBUF_H
#define DWH_LOAD_BYTEBUF_H

#include <stddef.h>
#include <string.h>

struct bytebuf {
	char *p;
	size_t len, cap;
};

/* Room for `more` bytes after len: 0, or -1 when out of memory (b unchanged). */
int bytebuf_reserve(struct bytebuf *b, size_t more);
/* Append n bytes: 0, or -1 when out of memory. Inline: it runs for every field of every row. */
static inline int bytebuf_add(struct bytebuf *b, const void *data, size_t n)
{
	if (b->cap - b->len < n && bytebuf_reserve(b, n) < 0)
		return -1;
	memcpy(b->p + b->len, data, n);
	b->len += n;
	return 0;
}
void bytebuf_free(struct bytebuf *b);

#endif
