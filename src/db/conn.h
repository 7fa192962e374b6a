/* conn.h — connecting with psql's conventions (-h -p -U -d, conninfo strings and URIs, PG*
 * variables, ~/.pgpass, services), dwh.cfg's [CLUSTER], or the private local server; and
 * learning what we connected to. Every new connection of a session (open, \c, reconnect, the
 * reset after a lost connection, a second connection beside it) goes through one
 * after-connect step: notices to the front end, a cancel handle, the server described (engine,
 * Redshift Serverless or not), the client watch, --lock-timeout, then the on-connect hooks. */
#ifndef DWH_CONN_H
#define DWH_CONN_H

#include "base/dwh.h"

/* Whether the options name no server at all, so the local default applies. */
bool conn_wants_local(const struct dwh_opts *o);
/* Connect s->conn and fill s->server. DWH_OK or DWH_ECONN with s->err set. */
enum dwh_rc conn_open(struct dwh *s);
void conn_close(struct dwh *s);
/* psql's \c: connect again with the same parameters but database `dbname` (NULL: the same);
 * on failure the old connection stays. DWH_OK, or DWH_FAIL with s->err set. */
enum dwh_rc conn_switch_db(struct dwh *s, const char *dbname);
/* After the connection broke: PQreset and the after-connect step. DWH_OK, or DWH_ECONN with
 * s->err set. */
enum dwh_rc conn_reset(struct dwh *s);
/* Have fn run on every new connection of session s, after the after-connect step (a layer
 * above db that needs it, installed once at start-up). Not on a second connection. */
void conn_on_connect(struct dwh *s, dwh_on_connect fn);
/* A second connection to the same server as session s, as a handle `two` of its own (see
 * struct dwh) prepared like any connection; while open, Ctrl-C on s cancels it too. DWH_OK,
 * or DWH_ECONN with s->err set. conn_close_beside ends it. */
enum dwh_rc conn_open_beside(struct dwh *s, struct dwh *two);
void conn_close_beside(struct dwh *s, struct dwh *two);
/* A bare second PGconn to the same server with the same parameters (a progress monitor, the
 * lock watcher, the console's status probe): no session settings. NULL with s->err set. */
PGconn *conn_clone(struct dwh *s);
/* Measure a round trip ("SELECT 1"), in ms, stored in s->server.latency_ms; -1 on failure. */
double conn_ping(struct dwh *s);
/* Engine named by a version() string. */
enum dwh_engine conn_engine_of(const char *version);
/* "PostgreSQL 15.4" / "Redshift 1.0.12345" from a version() string. */
void conn_short_version(const char *version, char *buf, size_t n);
/* Whether a host name is a Redshift Serverless workgroup endpoint
 * (WORKGROUP.ACCOUNT.REGION.redshift-serverless.amazonaws.com). */
bool conn_serverless_host(const char *host);

/* `status`'s SSL line: encrypted or not, and whether the server's certificate was verified
 * (sslmode verify-ca / verify-full) or not. */
void conn_ssl_text(PGconn *c, char *buf, size_t n);

#endif
