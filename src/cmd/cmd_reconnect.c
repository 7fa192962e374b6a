/* cmd_reconnect.c — `reconnect`: drop the session's connection and open it again (after the
 * server restarted, or the status bar says the connection is lost). */
#include "cmd/cmd.h"
#include "db/conn.h"

static enum dwh_rc exec_reconnect(struct dwh *s, int argc, char **argv)
{
	enum dwh_rc rc;

	(void)argc, (void)argv;
	conn_close(s);
	if ((rc = conn_open(s)) != DWH_OK)
		return rc;
	dwh_msg(s, LOG_INFO, "connected: %s, %s@%s:%s/%s, pid %d", s->server.version,
		s->server.user, s->server.host, s->server.port, s->server.dbname, s->server.pid);
	return DWH_OK;
}

const struct dwh_cmd cmd_reconnect = {
	.name = "reconnect",
	.args = "",
	.min_args = 0,
	.max_args = 0,
	.help = "connect to the server again",
	.exec = exec_reconnect,
};
