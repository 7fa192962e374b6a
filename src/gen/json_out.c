/* json_out.c — writing gen's JSON through a 64 KiB buffer (json_out.h). */
#include "gen/json_out.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

void jout_flush(struct jout *o)
{
	fwrite(o->buf, 1, o->len, o->f);
	o->bytes += (long long)o->len;
	o->len = 0;
}

void jout_raw(struct jout *o, const char *s, size_t n)
{
	if (o->len + n > sizeof o->buf)
		jout_flush(o);
	if (n > sizeof o->buf) {
		fwrite(s, 1, n, o->f);
		o->bytes += (long long)n;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

void jout_s(struct jout *o, const char *s)
{
	jout_raw(o, s, strlen(s));
}

void jout_str(struct jout *o, const char *s, bool ascii)
{
	char u[16];

	jout_raw(o, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const unsigned char *run = p;
		while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\' && (*p != '/' || !ascii))
			p++;
		if (p > run)
			jout_raw(o, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p == '"' || *p == '\\') {
			u[0] = '\\', u[1] = (char)*p;
			jout_raw(o, u, 2);
		} else if (*p == '/' && ascii) {
			jout_raw(o, "\\/", 2);
		} else if (*p < 0x20) {
			snprintf(u, sizeof u, "\\u%04x", *p);
			jout_raw(o, u, 6);
		} else if (*p >= 0x80 && ascii) {
			unsigned cp;
			int extra = *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : 1;
			cp = *p & (0x3F >> extra);
			for (int k = 0; k < extra; k++)
				cp = cp << 6 | (*++p & 0x3F);
			if (cp >= 0x10000)
				snprintf(u, sizeof u, "\\u%04x\\u%04x", 0xD800 + ((cp - 0x10000) >> 10),
					 0xDC00 + ((cp - 0x10000) & 0x3FF));
			else
				snprintf(u, sizeof u, "\\u%04x", cp);
			jout_s(o, u);
		} else {
			jout_raw(o, (const char *)p, 1);
		}
	}
	jout_raw(o, "\"", 1);
}

void jout_key(struct jout *o, const char *key, bool pretty, bool first)
{
	jout_s(o, first ? (pretty ? "{\n    \"" : "{\"") : (pretty ? ",\n    \"" : ", \""));
	jout_s(o, key);
	jout_s(o, "\": ");
}

void jout_num_or_null(struct jout *o, const char *v)
{
	jout_s(o, v[0] ? v : "null");
}

int jout_open(struct jout *o, const char *path, struct dwh_err *e)
{
	o->len = 0;
	if (!(o->f = fopen(path, "w")))
		return err_set(e, "%s: %s", path, strerror(errno));
	return 0;
}

int jout_close(struct jout *o, const char *path, struct dwh_err *e)
{
	jout_flush(o);
	if (ferror(o->f) | (fclose(o->f) != 0))
		return err_set(e, "%s: write failed: %s", path, strerror(errno));
	return 0;
}

void jout_int(struct jout *o, long long v)
{
	char b[32];
	int n = snprintf(b, sizeof b, "%lld", v);
	jout_raw(o, b, (size_t)n);
}
