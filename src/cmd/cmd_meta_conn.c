/* cmd_meta_conn.c — psql's \conninfo and \c: where the session is connected (never the
 * password), and moving it to another database on the same server. */
#include "cmd/cmd.h"
#include "db/conn.h"

#include <string.h>

static enum dwh_rc exec_conninfo(struct dwh *s, int argc, char **argv)
{
	PGconn *c = s->conn;
	const char *host = PQhost(c), *ssl;

	(void)argc, (void)argv;
	if (host && (host[0] == '/' || host[0] == '@'))
		dwh_msg(s, LOG_INFO, "You are connected to database \"%s\" as user \"%s\" "
			"via socket in \"%s\" at port \"%s\".", PQdb(c), PQuser(c), host, PQport(c));
	else
		dwh_msg(s, LOG_INFO, "You are connected to database \"%s\" as user \"%s\" "
			"on host \"%s\" at port \"%s\".", PQdb(c), PQuser(c), host ? host : "", PQport(c));
	if (PQsslInUse(c) && (ssl = PQsslAttribute(c, "protocol")) != NULL)
		dwh_msg(s, LOG_INFO, "SSL connection (protocol: %s, cipher: %s, compression: %s)", ssl,
			PQsslAttribute(c, "cipher") ? PQsslAttribute(c, "cipher") : "unknown",
			PQsslAttribute(c, "compression") ? PQsslAttribute(c, "compression") : "off");
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_conninfo = {
	.name = "\\conninfo",
	.args = "",
	.help = "say where the session is connected (database, user, socket or host, port, SSL)",
	.needs_conn = true,
	.exec = exec_conninfo,
};

static enum dwh_rc exec_connect(struct dwh *s, int argc, char **argv)
{
	enum dwh_rc rc = conn_switch_db(s, argc > 1 && strcmp(argv[1], "-") ? argv[1] : NULL);

	if (rc == DWH_OK)
		dwh_msg(s, LOG_INFO, "You are now connected to database \"%s\" as user \"%s\".",
			PQdb(s->conn), PQuser(s->conn));
	return rc;
}

const struct dwh_cmd cmd_meta_connect = {
	.name = "\\c",
	.args = "[DBNAME]",
	.max_args = 1,
	.help = "connect to another database on the same server (alone: the same one again)",
	.needs_conn = true,
	.exec = exec_connect,
};
