/* qbuf.c — the query buffer and the last statement, under one lock (there is one session). */
#include "psql/qbuf.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/sqlscan.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void set_locked(char **slot, const char *text)
{
	free(*slot);
	*slot = text && *text ? strdup(text) : NULL;
}

void qbuf_append(struct dwh *s, const char *line)
{
	pthread_mutex_lock(&mu);
	size_t old = s->qbuf ? strlen(s->qbuf) : 0, add = strlen(line);
	char *p = realloc(s->qbuf, old + add + 2);

	if (p) {
		if (old)
			p[old++] = '\n';
		memcpy(p + old, line, add + 1);
		s->qbuf = p;
	}
	pthread_mutex_unlock(&mu);
}

char *qbuf_take(struct dwh *s)
{
	char *out = NULL;
	size_t off = 0, end, n;

	pthread_mutex_lock(&mu);
	n = s->qbuf ? strlen(s->qbuf) : 0;
	while (off < n && (end = sqlscan_end(s->qbuf + off, n - off)) > 0)
		off += end;
	if (off > 0 && (out = strndup(s->qbuf, off)) != NULL) {
		const char *rest = s->qbuf + off;

		while (*rest == ' ' || *rest == '\t')
			rest++;
		if (sqlscan_blank(rest))
			rest = "";
		char *keep = *rest ? strdup(rest) : NULL;
		free(s->qbuf);
		s->qbuf = keep;
	}
	pthread_mutex_unlock(&mu);
	return out;
}

char *qbuf_get(struct dwh *s)
{
	pthread_mutex_lock(&mu);
	char *t = s->qbuf ? strdup(s->qbuf) : NULL;
	pthread_mutex_unlock(&mu);
	return t;
}

char qbuf_state(struct dwh *s)
{
	pthread_mutex_lock(&mu);
	char st = s->qbuf ? sqlscan_state(s->qbuf, strlen(s->qbuf)) : 0;
	pthread_mutex_unlock(&mu);
	return st;
}

bool qbuf_pending(struct dwh *s)
{
	pthread_mutex_lock(&mu);
	bool p = s->qbuf != NULL;
	pthread_mutex_unlock(&mu);
	return p;
}

void qbuf_set(struct dwh *s, const char *text)
{
	pthread_mutex_lock(&mu);
	set_locked(&s->qbuf, text);
	pthread_mutex_unlock(&mu);
}

void qbuf_reset(struct dwh *s)
{
	qbuf_set(s, NULL);
}

char *qbuf_last(struct dwh *s)
{
	pthread_mutex_lock(&mu);
	char *t = s->qlast ? strdup(s->qlast) : NULL;
	pthread_mutex_unlock(&mu);
	return t;
}

void qbuf_set_last(struct dwh *s, const char *text)
{
	pthread_mutex_lock(&mu);
	set_locked(&s->qlast, text);
	pthread_mutex_unlock(&mu);
}
