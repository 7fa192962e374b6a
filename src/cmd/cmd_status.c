/* cmd_status.c — `status`: what we are connected to, measured now. Never shows a password. */
#include "cmd/cmd.h"

#include "db/conn.h"
#include "db/result.h"
#include "db/tunnel.h"
#include "etl/runlog.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* "last built" and "built from", from the run log: the latest successful load, and the inputs
 * of the staging runs it was built from. */
static void last_build(struct dwh *s, PGresult *res)
{
	struct run_last last[PIPE_NSTAGES];
	char when[128], age[32], from[2200] = "", at[64];
	double best = -1;
	int n = PQntuples(res);

	if (runlog_read(s, last) < 0) {
		err_clear(&s->err);
		return;
	}
	for (int i = 0; i < PIPE_NSTAGES; i++)
		if (pipe_stages[i].kind == PIPE_LOAD && last[i].have &&
		    !strcmp(last[i].status, "done") && (best < 0 || last[i].ago < best))
			best = last[i].ago;
	if (best < 0) {
		result_set(res, n, 0, "last built"), result_set(res, n, 1, "never (no load in the run log)");
		return;
	}
	time_t t = time(NULL) - (time_t)best;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S %Z", &tm);
	runlog_age(best, age, sizeof age);
	snprintf(when, sizeof when, "%s (%s ago)", at, age);
	for (int i = 0; i < PIPE_NSTAGES; i++)
		if (pipe_stages[i].kind == PIPE_STAGE && last[i].have && last[i].input[0])
			snprintf(from + strlen(from), sizeof from - strlen(from), "%s%s (%s)",
				 from[0] ? ", " : "", last[i].input, last[i].mode);
	result_set(res, n, 0, "last built"), result_set(res, n, 1, when);
	result_set(res, n + 1, 0, "built from"), result_set(res, n + 1, 1, from[0] ? from : "-");
	n += 2;
	/* each stage's last run, every figure named, as the console's pipeline pane shows it */
	for (int i = 0; i < PIPE_NSTAGES; i++) {
		char figs[320], line[400];

		if (!last[i].have)
			continue;
		runlog_figures(&pipe_stages[i], &last[i], figs, sizeof figs);
		runlog_age(last[i].ago, age, sizeof age);
		snprintf(line, sizeof line, "%s%s%s%.2f s, %s ago", last[i].stale[0] ? "stale — " : "",
			 figs, figs[0] ? "  " : "", last[i].secs, age);
		if (last[i].stale[0])
			snprintf(line, sizeof line, "stale — %s; last run: %s, %s ago", last[i].stale,
				 figs, age);
		result_set(res, n, 0, pipe_stages[i].name), result_set(res, n++, 1, line);
	}
}

static enum dwh_rc exec_status(struct dwh *s, int argc, char **argv)
{
	static const char *const cols[] = { "property", "value" };
	const struct dwh_server *v = &s->server;
	char pid[32], lat[32], ssl[160];
	PGresult *res;

	(void)argc, (void)argv;
	if (conn_ping(s) < 0) {
		err_conn(&s->err, s->conn, "status");
		return DWH_ECONN;
	}
	snprintf(pid, sizeof pid, "%d", v->pid);
	conn_ssl_text(s->conn, ssl, sizeof ssl);
	snprintf(lat, sizeof lat, "%.2f ms", v->latency_ms);
	const char *rows[][2] = {
		/* which Redshift decides which system views dwh reads (sysviews.h) */
		{ "engine", v->engine != ENGINE_REDSHIFT ? "PostgreSQL"
			    : v->serverless ? "Redshift Serverless" : "Redshift (provisioned cluster)" },
		{ "version", v->version },
		{ "user", v->user },
		{ "host", v->host },
		{ "port", v->port },
		{ "database", v->dbname },
		{ "ssl", ssl },
		{ "backend pid", pid },
		{ "latency", lat },
		{ "dialect", s->opts.dialect ? s->opts.dialect : (v->engine == ENGINE_REDSHIFT ? "redshift" : "postgres") },
	};
	if (!(res = result_new(2, cols, NULL)))
		return dwh_fail(s, "out of memory");
	for (int i = 0; i < (int)(sizeof rows / sizeof rows[0]); i++)
		result_set(res, i, 0, rows[i][0]), result_set(res, i, 1, rows[i][1]);
	char via[600];
	if (tunnel_describe(s, via, sizeof via)) {
		int n = PQntuples(res);

		result_set(res, n, 0, "tunnel"), result_set(res, n, 1, via);
	}
	last_build(s, res);
	dwh_result(s, res, "status", -1);
	PQclear(res);
	return DWH_OK;
}

const struct dwh_cmd cmd_status = {
	.name = "status",
	.args = "",
	.min_args = 0,
	.max_args = 0,
	.help = "the connection: engine (Redshift: cluster or Serverless), version, user, host, port, database, SSL, pid, latency; when the warehouse was last built, from what",
	.needs_conn = true,
	.exec = exec_status,
};
