/* conn.c — connecting as psql does (its keyword order, so a conninfo or URI in -d wins over
 * -h/-p/-U), or from dwh.cfg's [CLUSTER], or to the private local server; then learning the
 * engine, version, user, host, port, database, SSL and backend pid. */
#include "db/conn.h"

#include "db/local.h"
#include "redshift/sysviews.h"
#include "base/secrets.h"
#include "etl/xact_pair.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool conn_wants_local(const struct dwh_opts *o)
{
	if (o->local)
		return true;
	if (o->host || o->port || o->user || o->dbname || o->config_path)
		return false;
	return !getenv("PGHOST") && !getenv("PGDATABASE") && !getenv("PGSERVICE");
}

enum dwh_engine conn_engine_of(const char *version)
{
	if (!version || !*version)
		return ENGINE_UNKNOWN;
	return strstr(version, "Redshift") ? ENGINE_REDSHIFT : ENGINE_POSTGRES;
}

/* "PostgreSQL 15.4 (Debian ...) on x86_64..." → "PostgreSQL 15.4";
 * "PostgreSQL 8.0.2 on i686-pc-linux-gnu, ..., Redshift 1.0.12345" → "Redshift 1.0.12345". */
void conn_short_version(const char *version, char *buf, size_t n)
{
	const char *rs = version ? strstr(version, "Redshift ") : NULL;
	const char *src = rs ? rs : version ? version : "";
	size_t words = 0, i = 0;

	for (; src[i] && i + 1 < n; i++) {
		if (src[i] == ' ' && ++words == 2)
			break;
		if (src[i] == ',')
			break;
	}
	snprintf(buf, n, "%.*s", (int)i, src);
}

struct kv {
	const char *k[16];
	const char *v[16];
	int n;
};

static void kv_add(struct kv *p, const char *k, const char *v)
{
	if (v && p->n < 15) {
		p->k[p->n] = k;
		p->v[p->n] = v;
		p->n++;
	}
	p->k[p->n] = NULL;
	p->v[p->n] = NULL;
}

/* dwh.cfg's [CLUSTER]: every key is required when a config is the way in. */
static int kv_from_config(struct dwh *s, struct kv *p)
{
	static const char *const keys[] = { "HOST", "DB_NAME", "DB_USER", "DB_PASSWORD", "DB_PORT" };
	static const char *const pq[] = { "host", "dbname", "user", "password", "port" };

	for (int i = 0; i < 5; i++) {
		const char *v = cfg_need(s->cfg, "CLUSTER", keys[i], &s->err);

		if (!v)
			return -1;
		kv_add(p, pq[i], v);
	}
	return 0;
}

static int build_params(struct dwh *s, struct kv *p, char *localinfo, size_t n)
{
	p->n = 0;
	if (conn_wants_local(&s->opts)) {
		char dir[4096];

		if (local_dir(s->opts.local_dir, dir, sizeof dir, &s->err) < 0 ||
		    local_ensure(dir, &s->err) < 0)
			return -1;
		local_conninfo(dir, localinfo, n);
		kv_add(p, "dbname", localinfo);
	} else {
		if (s->opts.config_path && kv_from_config(s, p) < 0)
			return -1;
		kv_add(p, "host", s->opts.host);
		kv_add(p, "port", s->opts.port);
		kv_add(p, "user", s->opts.user);
		kv_add(p, "dbname", s->opts.dbname);
	}
	kv_add(p, "fallback_application_name", "dwh");
	kv_add(p, "client_encoding", "UTF8");
	return 0;
}

/* A server that wants a password gets one asked through the front end (each asks its own way:
 * batch on /dev/tty, the console on its prompt line), never when -w said not to. */
static bool ask_password(struct dwh *s, PGconn *c, char *pw, size_t n)
{
	char prompt[192];

	if (!c || PQstatus(c) != CONNECTION_BAD || !PQconnectionNeedsPassword(c) ||
	    s->opts.no_password_prompt || !s->out.password)
		return false;
	snprintf(prompt, sizeof prompt, "Password for user %s: ", PQuser(c));
	return s->out.password(s->out.ctx, prompt, pw, n);
}

static PGconn *connect_kv(struct dwh *s, struct kv *p)
{
	PGconn *c = PQconnectdbParams(p->k, p->v, 1);
	char pw[256];

	if (ask_password(s, c, pw, sizeof pw)) {
		PQfinish(c);
		kv_add(p, "password", pw);
		c = PQconnectdbParams(p->k, p->v, 1);
		memset(pw, 0, sizeof pw);
		p->n--;
	}
	return c;
}

/* Server notices go to the front end like any message: libpq's default would write to
 * stderr, under the console's screen. */
static void on_notice(void *arg, const char *message)
{
	struct dwh *s = arg;
	size_t n = strlen(message);

	while (n > 0 && message[n - 1] == '\n')
		n--;
	dwh_msg(s, LOG_NOTICE, "%.*s", (int)n, message);
}

/* A dwh killed mid-statement (SIGKILL, a lost terminal) must not leave its backend running
 * the rest of a long load with its locks held: since PostgreSQL 14 the server can look for
 * the client while a statement runs. Where the setting is unknown nothing changes. */
static void watch_client(struct dwh *s)
{
	if (s->server.engine == ENGINE_POSTGRES && PQserverVersion(s->conn) >= 140000)
		PQclear(PQexec(s->conn, "SELECT set_config('client_connection_check_interval', '1000', false)"));
}

/* --lock-timeout, for this session (every reconnection included). */
static int set_lock_timeout(struct dwh *s)
{
	const char *v = s->opts.lock_timeout;
	char *lit, sql[128];
	PGresult *r;
	int rc = DWH_OK;

	if (!v || s->server.engine != ENGINE_POSTGRES)
		return DWH_OK;
	if (!(lit = PQescapeLiteral(s->conn, v, strlen(v)))) {
		err_set(&s->err, "--lock-timeout: %s", PQerrorMessage(s->conn));
		return DWH_ECONN;
	}
	snprintf(sql, sizeof sql, "SET lock_timeout = %s", lit);
	PQfreemem(lit);
	r = PQexec(s->conn, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		err_pg(&s->err, r, "--lock-timeout");
		rc = DWH_FAIL;
	}
	PQclear(r);
	return rc;
}

int conn_open(struct dwh *s)
{
	struct kv p;
	char localinfo[8192];
	PGconn *c;

	conn_close(s);
	secrets_check_files(s);
	if (build_params(s, &p, localinfo, sizeof localinfo) < 0)
		return DWH_ECONN;
	c = connect_kv(s, &p);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		err_conn(&s->err, c, "connection failed");
		PQfinish(c);
		return DWH_ECONN;
	}
	s->conn = c;
	PQsetNoticeProcessor(c, on_notice, s);
	s->cancel = PQgetCancel(c);
	if (conn_describe(s) < 0)
		return DWH_ECONN;
	pair_recover(s);        /* a stage's commit that a crash cut short */
	watch_client(s);
	return set_lock_timeout(s);
}

void conn_close(struct dwh *s)
{
	PGcancel *cancel = s->cancel;

	s->cancel = NULL;       /* the signal handler must not see a freed handle */
	if (cancel)
		PQfreeCancel(cancel);
	if (s->conn)
		PQfinish(s->conn);
	s->conn = NULL;
	memset(&s->server, 0, sizeof s->server);
	s->server.latency_ms = -1;
}

/* The live connection's parameters (password included) with dbname replaced; NULL dbname
 * keeps it. A failed connection leaves the old one in place, as psql's \c does. */
int conn_switch_db(struct dwh *s, const char *dbname)
{
	PQconninfoOption *opts, *o;
	const char *k[64], *v[64];
	int n = 0;
	PGconn *c;

	if (!s->conn || !(opts = PQconninfo(s->conn)))
		return dwh_fail(s, "not connected");
	for (o = opts; o->keyword && n < 62; o++)
		if (o->val && *o->val && !(dbname && !strcmp(o->keyword, "dbname"))) {
			k[n] = o->keyword;
			v[n++] = o->val;
		}
	if (dbname) {
		k[n] = "dbname";
		v[n++] = dbname;
	}
	k[n] = v[n] = NULL;
	c = PQconnectdbParams(k, v, 0);
	PQconninfoFree(opts);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		err_conn(&s->err, c, "connection failed; still connected as before");
		PQfinish(c);
		return DWH_FAIL;
	}
	conn_close(s);
	s->conn = c;
	PQsetNoticeProcessor(c, on_notice, s);
	s->cancel = PQgetCancel(c);
	return conn_describe(s) < 0 ? DWH_ECONN : DWH_OK;
}

/* Same parameters as the live connection, password included, without asking again. */
PGconn *conn_clone(struct dwh *s)
{
	PQconninfoOption *opts, *o;
	const char *k[64], *v[64];
	int n = 0;
	PGconn *c;

	if (!s->conn || !(opts = PQconninfo(s->conn))) {
		err_set(&s->err, "not connected");
		return NULL;
	}
	for (o = opts; o->keyword && n < 63; o++)
		if (o->val && *o->val) {
			k[n] = o->keyword;
			v[n] = o->val;
			n++;
		}
	k[n] = v[n] = NULL;
	c = PQconnectdbParams(k, v, 0);
	PQconninfoFree(opts);
	if (c)
		PQsetNoticeProcessor(c, on_notice, s);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		err_conn(&s->err, c, "second connection failed");
		PQfinish(c);
		return NULL;
	}
	return c;
}

int conn_describe(struct dwh *s)
{
	struct dwh_server *v = &s->server;
	PGresult *res = PQexec(s->conn, "SELECT version(), current_user, current_database(), pg_backend_pid()");
	const char *host = PQhost(s->conn);

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		err_pg(&s->err, res, "describing the server");
		PQclear(res);
		return -1;
	}
	v->engine = conn_engine_of(PQgetvalue(res, 0, 0));
	conn_short_version(PQgetvalue(res, 0, 0), v->version, sizeof v->version);
	snprintf(v->user, sizeof v->user, "%s", PQgetvalue(res, 0, 1));
	snprintf(v->dbname, sizeof v->dbname, "%s", PQgetvalue(res, 0, 2));
	v->pid = atoi(PQgetvalue(res, 0, 3));
	snprintf(v->host, sizeof v->host, "%s", host && *host ? host : "localhost");
	snprintf(v->port, sizeof v->port, "%s", PQport(s->conn));
	v->ssl = PQsslInUse(s->conn);
	PQclear(res);
	if (v->engine == ENGINE_REDSHIFT)
		rs_detect(s);
	return 0;
}

double conn_ping(struct dwh *s)
{
	double t0 = dwh_now();
	PGresult *res;

	if (!s->conn)
		return -1;
	res = PQexec(s->conn, "SELECT 1");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		PQclear(res);
		return -1;
	}
	PQclear(res);
	s->server.latency_ms = (dwh_now() - t0) * 1000.0;
	return s->server.latency_ms;
}
