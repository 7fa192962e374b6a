/* cmd_local.c — `local start|stop|status`: the private PostgreSQL dwh runs for itself. */
#include "cmd/cmd.h"

#include "db/conn.h"
#include "db/local.h"

#include <string.h>

static const char *const actions[] = { "status", "start", "stop", NULL };

static enum dwh_rc exec_local(struct dwh *s, int argc, char **argv)
{
	char dir[4096];
	long pid = 0;

	(void)argc;
	if (strcmp(argv[1], "status") && strcmp(argv[1], "start") && strcmp(argv[1], "stop"))
		return cmd_usage(s, argv[0]);
	if (local_dir(s->opts.local_dir, dir, sizeof dir, &s->err) < 0)
		return DWH_FAIL;
	if (!strcmp(argv[1], "stop")) {
		bool was = local_running(dir, NULL);

		if (s->conn && conn_wants_local(&s->opts))
			conn_close(s);
		if (local_stop(dir, &s->err) < 0)
			return DWH_FAIL;
		dwh_msg(s, LOG_INFO, was ? "local server in %s stopped" : "local server in %s was not running", dir);
		return DWH_OK;
	}
	if (!strcmp(argv[1], "start") && local_ensure(dir, &s->err) < 0)
		return DWH_FAIL;
	if (local_running(dir, &pid))
		dwh_msg(s, LOG_INFO, "local server in %s: running (pid %ld), socket %s/.s.PGSQL.5432, database %s, user %s",
			dir, pid, dir, LOCAL_DB, LOCAL_USER);
	else
		dwh_msg(s, LOG_INFO, "local server in %s: stopped", dir);
	return DWH_OK;
}

const struct dwh_cmd cmd_local = {
	.name = "local",
	.args = "status|start|stop",
	.min_args = 1,
	.max_args = 1,
	.help = "manage dwh's private PostgreSQL server",
	.detail = "The local server lives in --local-dir, $XDG_STATE_HOME/dwh/pg, ~/.local/state/dwh/pg\n"
		  "or, for root, /var/lib/dwh/pg. It listens on a Unix socket only and keeps running\n"
		  "between calls until `local stop`.",
	.words = actions,
	.exec = exec_local,
};
