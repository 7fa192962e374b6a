/* dwh.c — the session's reporting helpers: everything a command says goes through s->out. */
#include "base/dwh.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void dwh_msg(struct dwh *s, enum dwh_level lvl, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (s->out.msg)
		s->out.msg(s->out.ctx, lvl, buf);
}

enum dwh_rc dwh_fail(struct dwh *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err.msg, sizeof s->err.msg, fmt, ap);
	va_end(ap);
	s->err.sqlstate[0] = '\0';
	return DWH_FAIL;
}

void dwh_result(struct dwh *s, const PGresult *res, const char *title, double ms)
{
	if (s->out.result)
		s->out.result(s->out.ctx, res, title, ms);
}

void dwh_rows(struct dwh *s, enum dwh_rows_phase ph, const struct dwh_rows *r)
{
	if (s->out.rows)
		s->out.rows(s->out.ctx, ph, r);
}

void dwh_text_aside(struct dwh *s, const char *title, const char *text)
{
	if (s->out.text)
		s->out.text(s->out.ctx, title, text);
}

void dwh_text(struct dwh *s, const char *title, const char *text)
{
	if (s->out.text) {
		s->out.text(s->out.ctx, title, text);
		return;
	}
	while (*text) {
		int n = (int)strcspn(text, "\n");

		dwh_msg(s, LOG_INFO, "%.*s", n, text);
		text += n + (text[n] == '\n');
	}
}

void dwh_answer(struct dwh *s, const PGresult *res, const char *sql, double ms)
{
	if (s->out.answer)
		s->out.answer(s->out.ctx, res, sql, ms);
}

void dwh_stage(struct dwh *s, const char *stage, enum stage_state st, int64_t rows, double secs)
{
	if (s->out.stage)
		s->out.stage(s->out.ctx, stage, st, rows, secs);
}

void dwh_ran(struct dwh *s, const char *stage, enum stage_state st, const char *figures)
{
	s = dwh_session(s);     /* a second connection reports through the session's front end */
	if (s->out.ran)
		s->out.ran(s->out.ctx, stage, st, figures);
}

void dwh_progress(struct dwh *s, const struct dwh_progress *p)
{
	if (s->out.progress)
		s->out.progress(s->out.ctx, p);
}

void dwh_waiting(struct dwh *s, const char *why)
{
	if (s->out.waiting)
		s->out.waiting(s->out.ctx, why);
	else if (why)
		dwh_msg(s, LOG_WARN, "%s", why);
}

double dwh_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
