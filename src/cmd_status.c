/* cmd_status.c — `status`: what we are connected to, measured now. Never shows a password. */
#include "cmd.h"

#include "conn.h"
#include "result.h"

#include <stdio.h>

static int exec_status(struct dwh *s, int argc, char **argv)
{
	static const char *const cols[] = { "property", "value" };
	const struct dwh_server *v = &s->server;
	char pid[32], lat[32];
	PGresult *res;

	(void)argc, (void)argv;
	if (conn_ping(s) < 0) {
		err_conn(&s->err, s->conn, "status");
		return DWH_ECONN;
	}
	snprintf(pid, sizeof pid, "%d", v->pid);
	snprintf(lat, sizeof lat, "%.2f ms", v->latency_ms);
	const char *rows[][2] = {
		/* which Redshift decides which system views dwh reads (rs_sys.h) */
		{ "engine", v->engine != ENGINE_REDSHIFT ? "PostgreSQL"
			    : v->serverless ? "Redshift Serverless" : "Redshift (provisioned cluster)" },
		{ "version", v->version },
		{ "user", v->user },
		{ "host", v->host },
		{ "port", v->port },
		{ "database", v->dbname },
		{ "ssl", v->ssl ? "on" : "off" },
		{ "backend pid", pid },
		{ "latency", lat },
		{ "dialect", s->opts.dialect ? s->opts.dialect : (v->engine == ENGINE_REDSHIFT ? "redshift" : "postgres") },
	};
	if (!(res = result_new(2, cols, NULL)))
		return dwh_fail(s, "out of memory");
	for (int i = 0; i < (int)(sizeof rows / sizeof rows[0]); i++)
		result_set(res, i, 0, rows[i][0]), result_set(res, i, 1, rows[i][1]);
	dwh_result(s, res, "status", -1);
	PQclear(res);
	return DWH_OK;
}

const struct dwh_cmd cmd_status = {
	.name = "status",
	.args = "",
	.min_args = 0,
	.max_args = 0,
	.help = "the connection: engine (Redshift: cluster or Serverless), version, user, host, port, database, SSL, pid, latency",
	.needs_conn = true,
	.exec = exec_status,
};
