/* conn.h — connecting with psql's conventions (-h -p -U -d, conninfo strings and URIs, PG*
 * variables, ~/.pgpass, services), dwh.cfg's [CLUSTER], or the private local server; and
 * learning what we connected to. */
#ifndef DWH_CONN_H
#define DWH_CONN_H

#include "base/dwh.h"

/* Whether the options name no server at all, so the local default applies. */
bool conn_wants_local(const struct dwh_opts *o);
/* Connect s->conn and fill s->server. DWH_OK or DWH_ECONN with s->err set. */
int conn_open(struct dwh *s);
void conn_close(struct dwh *s);
/* psql's \c: connect again with the same parameters but database `dbname` (NULL: the same);
 * on failure the old connection stays. DWH_OK, or DWH_FAIL with s->err set. */
int conn_switch_db(struct dwh *s, const char *dbname);
/* A second connection to the same server with the same parameters (for a parallel load, a
 * progress monitor or the console's status probe). NULL with s->err set on failure. */
PGconn *conn_clone(struct dwh *s);
/* Fill s->server (engine, version, user, ...) from the live connection. */
int conn_describe(struct dwh *s);
/* Measure a round trip ("SELECT 1"), in ms, stored in s->server.latency_ms; -1 on failure. */
double conn_ping(struct dwh *s);
/* Engine named by a version() string. */
enum dwh_engine conn_engine_of(const char *version);
/* "PostgreSQL 15.4" / "Redshift 1.0.12345" from a version() string. */
void conn_short_version(const char *version, char *buf, size_t n);

#endif
