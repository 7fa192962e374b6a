/* conn.c — connecting as psql does (its keyword order, so a conninfo or URI in -d wins over
 * -h/-p/-U), or from dwh.cfg's [CLUSTER], or to the private local server; then one
 * after-connect step for every way a connection comes about (after_connect). */
#include "db/conn.h"

#include "db/local.h"
#include "db/tunnel.h"
#include "base/secrets.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool conn_wants_local(const struct dwh_opts *o)
{
	if (o->local)
		return true;
	if (o->host || o->port || o->user || o->dbname || o->config_path || o->ssh)
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

/* --ssh (or [CLUSTER] SSH_HOST): the host and port the parameters name (a conninfo or URI in
 * -d wins, as libpq reads them; then PGHOST/PGPORT; then localhost:5432) reached through a
 * tunnel, whose local end is added last so that it wins. */
static enum dwh_rc through_ssh(struct dwh *s, struct kv *p, char *lh, size_t nlh, char *lp, size_t nlp)
{
	const char *via = s->opts.ssh ? s->opts.ssh : s->cfg ? cfg_get(s->cfg, "CLUSTER", "SSH_HOST") : NULL;
	char host[256] = "", port[16] = "";
	enum dwh_rc rc;

	if (!via || !*via)
		return DWH_OK;
	for (int i = 0; i < p->n; i++) {
		PQconninfoOption *opts;

		if (!strcmp(p->k[i], "host"))
			snprintf(host, sizeof host, "%s", p->v[i]);
		else if (!strcmp(p->k[i], "port"))
			snprintf(port, sizeof port, "%s", p->v[i]);
		else if (!strcmp(p->k[i], "dbname") && (strchr(p->v[i], '=') || !strncmp(p->v[i], "postgres", 8)) &&
			 (opts = PQconninfoParse(p->v[i], NULL)) != NULL) {
			for (PQconninfoOption *o = opts; o->keyword; o++)
				if (o->val && *o->val && !strcmp(o->keyword, "host"))
					snprintf(host, sizeof host, "%s", o->val);
				else if (o->val && *o->val && !strcmp(o->keyword, "port"))
					snprintf(port, sizeof port, "%s", o->val);
			PQconninfoFree(opts);
		}
	}
	if (!host[0] && getenv("PGHOST"))
		snprintf(host, sizeof host, "%s", getenv("PGHOST"));
	if (!port[0] && getenv("PGPORT"))
		snprintf(port, sizeof port, "%s", getenv("PGPORT"));
	if (!host[0] || host[0] == '/')
		snprintf(host, sizeof host, "localhost");
	if (!port[0])
		snprintf(port, sizeof port, "5432");
	if ((rc = tunnel_open(s, via, host, port, lh, nlh, lp, nlp)) != DWH_OK)
		return rc;
	kv_add(p, "host", lh);
	kv_add(p, "port", lp);
	return DWH_OK;
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

bool conn_serverless_host(const char *host)
{
	/* "Connecting to Amazon Redshift Serverless":
	 * workgroup-name.account-number.aws-region.redshift-serverless.amazonaws.com
	 * (docs.aws.amazon.com/redshift/latest/mgmt/serverless-connecting.html) */
	char low[256];
	size_t i = 0;

	for (; host && host[i] && i + 1 < sizeof low; i++)
		low[i] = (char)tolower((unsigned char)host[i]);
	low[i] = '\0';
	return strstr(low, ".redshift-serverless.") != NULL;
}

/* Redshift Serverless has none of the STL/STV tables a provisioned cluster has (sysviews.h):
 * which flavour this is belongs to knowing the engine. */
static void detect_serverless(struct dwh *s)
{
	PGresult *res;

	if (conn_serverless_host(s->server.host)) {
		s->server.serverless = true;
		return;
	}
	/* A VPC endpoint or a custom domain hides the name: ask instead. STV_LOAD_STATE is visible
	 * to all users of a provisioned cluster (its page says so) and cannot be queried on
	 * Serverless, so a failure here means Serverless. The connection is idle (no transaction
	 * to abort), and dwh reads exactly this table for progress, so the probe tests what is
	 * used. */
	res = PQexec(s->conn, "SELECT 1 FROM stv_load_state LIMIT 1");
	s->server.serverless = PQresultStatus(res) != PGRES_TUPLES_OK;
	PQclear(res);
}

/* Fill s->server (engine, version, user, ...) from the live connection. */
static enum dwh_rc describe(struct dwh *s)
{
	struct dwh_server *v = &s->server;
	PGresult *res = PQexec(s->conn, "SELECT version(), current_user, current_database(), pg_backend_pid()");
	const char *host = PQhost(s->conn);

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		err_pg(&s->err, res, "describing the server");
		PQclear(res);
		return DWH_ECONN;
	}
	v->engine = conn_engine_of(PQgetvalue(res, 0, 0));
	conn_short_version(PQgetvalue(res, 0, 0), v->version, sizeof v->version);
	snprintf(v->user, sizeof v->user, "%s", PQgetvalue(res, 0, 1));
	snprintf(v->dbname, sizeof v->dbname, "%s", PQgetvalue(res, 0, 2));
	v->pid = atoi(PQgetvalue(res, 0, 3));
	snprintf(v->host, sizeof v->host, "%s", host && *host ? host : "localhost");
	snprintf(v->port, sizeof v->port, "%s", PQport(s->conn));
	tunnel_target(dwh_session(s), v->host, sizeof v->host, v->port, sizeof v->port);
	v->ssl = PQsslInUse(s->conn);
	PQclear(res);
	if (v->engine == ENGINE_REDSHIFT)
		detect_serverless(s);
	return DWH_OK;
}

/* A dwh killed mid-statement (SIGKILL, a lost terminal) must not leave its backend running
 * the rest of a long load with its locks held: since PostgreSQL 14 the server can look for
 * the client while a statement runs. Where the setting is unknown nothing changes. */
static void watch_client(struct dwh *s)
{
	if (s->server.engine == ENGINE_POSTGRES && PQserverVersion(s->conn) >= 140000)
		PQclear(PQexec(s->conn, "SELECT set_config('client_connection_check_interval', '1000', false)"));
}

/* --lock-timeout: a setting of the server session, so every new one needs it again. */
static enum dwh_rc set_lock_timeout(struct dwh *s)
{
	const char *v = s->opts.lock_timeout;
	char *lit, sql[128];
	PGresult *r;
	enum dwh_rc rc = DWH_OK;

	if (v && s->server.engine == ENGINE_REDSHIFT) {
		/* Redshift has no lock_timeout: its Configuration reference lists statement_timeout
		 * and no lock_timeout, and a LOCK waits "if necessary for any conflicting locks to
		 * be released" (https://docs.aws.amazon.com/redshift/latest/dg/cm_chap_ConfigurationRef.html,
		 * https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html). Said, not ignored;
		 * not sent, as an unknown parameter would fail the connection. */
		static bool said;

		if (!said)
			dwh_msg(s, LOG_WARN, "--lock-timeout %s: Redshift has no lock_timeout parameter, so "
				"statements wait for locks without a limit here; statement_timeout bounds a "
				"whole statement instead (SET statement_timeout TO ms, "
				"https://docs.aws.amazon.com/redshift/latest/dg/r_statement_timeout.html)", v);
		said = true;
		return DWH_OK;
	}
	if (!v || s->server.engine != ENGINE_POSTGRES)
		return DWH_OK;
	if (!(lit = PQescapeLiteral(s->conn, v, strlen(v)))) {
		dwh_fail(s, "--lock-timeout: %s", PQerrorMessage(s->conn));
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

/* A new cancel handle for the live connection (a reset one has a new backend and key); the
 * old one leaves s->cancel before it is freed, so a signal handler never sees it freed. */
static void renew_cancel(struct dwh *s)
{
	PGcancel *old = s->cancel;

	s->cancel = NULL;
	if (old)
		PQfreeCancel(old);
	s->cancel = PQgetCancel(s->conn);
}

/* --read-only (or \set READ_ONLY on): every transaction of the session read-only, set again
 * on every connection (\c, reconnect, a second connection). */
static enum dwh_rc set_read_only(struct dwh *s)
{
	PGresult *res;

	if (!dwh_session(s)->opts.read_only)
		return DWH_OK;
	res = PQexec(s->conn, "SET default_transaction_read_only = on");
	if (PQresultStatus(res) != PGRES_COMMAND_OK && s->server.engine == ENGINE_REDSHIFT) {
		dwh_msg(s, LOG_WARN, "--read-only: the server refused default_transaction_read_only "
			"(%s); dwh's writing commands stay refused", PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	} else if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		err_pg(&s->err, res, "--read-only");
		PQclear(res);
		return DWH_FAIL;
	}
	PQclear(res);
	return DWH_OK;
}

/* The one step every new connection takes before its first statement, however it came about
 * (open, \c, reconnect, reset, a second connection): everything the server forgets with a
 * session is set here again. */
static enum dwh_rc after_connect(struct dwh *s)
{
	enum dwh_rc rc;

	PQsetNoticeProcessor(s->conn, on_notice, s);
	renew_cancel(s);
	if ((rc = describe(s)) != DWH_OK)
		return rc;
	watch_client(s);
	if ((rc = set_lock_timeout(s)) != DWH_OK)
		return rc;
	for (int i = 0; i < s->n_on_connect; i++)
		s->on_connect[i](s);
	return set_read_only(s);
}

void conn_on_connect(struct dwh *s, dwh_on_connect fn)
{
	if (s->n_on_connect < DWH_ON_CONNECT_MAX)
		s->on_connect[s->n_on_connect++] = fn;
}

enum dwh_rc conn_open(struct dwh *s)
{
	struct kv p;
	char localinfo[8192], lhost[64], lport[16];
	PGconn *c;

	conn_close(s);
	secrets_check_files(s);
	if (build_params(s, &p, localinfo, sizeof localinfo) < 0 ||
	    through_ssh(s, &p, lhost, sizeof lhost, lport, sizeof lport) != DWH_OK)
		return DWH_ECONN;
	c = connect_kv(s, &p);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		err_conn(&s->err, c, "connection failed");
		PQfinish(c);
		return DWH_ECONN;
	}
	s->conn = c;
	return after_connect(s);
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

enum dwh_rc conn_reset(struct dwh *s)
{
	enum dwh_rc rc;

	PQreset(s->conn);
	if (PQstatus(s->conn) != CONNECTION_OK) {
		err_conn(&s->err, s->conn, "connection lost");
		return DWH_ECONN;
	}
	if ((rc = after_connect(s)) != DWH_OK)
		return rc == DWH_ECONN ? rc : DWH_ECONN;
	return DWH_OK;
}

/* A new PGconn with the live connection's parameters (password included, never asked again),
 * dbname replaced unless NULL. NULL with s->err set (prefixed with `what`) on failure. */
static PGconn *connect_like(struct dwh *s, const char *dbname, const char *what)
{
	PQconninfoOption *opts, *o;
	const char *k[64], *v[64];
	int n = 0;
	PGconn *c;

	if (!s->conn || !(opts = PQconninfo(s->conn))) {
		dwh_fail(s, "not connected");
		return NULL;
	}
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
		err_conn(&s->err, c, what);
		PQfinish(c);
		return NULL;
	}
	return c;
}

/* A failed connection leaves the old one in place, as psql's \c does. */
enum dwh_rc conn_switch_db(struct dwh *s, const char *dbname)
{
	PGconn *c = connect_like(s, dbname, "connection failed; still connected as before");

	if (!c)
		return DWH_FAIL;
	conn_close(s);
	s->conn = c;
	return after_connect(s);
}

PGconn *conn_clone(struct dwh *s)
{
	PGconn *c = connect_like(s, NULL, "second connection failed");

	if (c)
		PQsetNoticeProcessor(c, on_notice, s);
	return c;
}

/* Only what a connection's statements read is taken from the session: its options and front
 * end. Its query buffer, variables and hooks stay the session's alone. */
enum dwh_rc conn_open_beside(struct dwh *s, struct dwh *two)
{
	enum dwh_rc rc;

	memset(two, 0, sizeof *two);
	two->opts = s->opts;
	two->cfg = s->cfg;
	two->out = s->out;
	two->timing = s->timing;
	memcpy(two->sqldir, s->sqldir, sizeof two->sqldir);
	two->session = s;
	two->server.latency_ms = -1;
	if (!(two->conn = connect_like(s, NULL, "second connection failed")))
		return DWH_ECONN;
	if ((rc = after_connect(two)) != DWH_OK) {
		s->err = two->err;
		conn_close(two);
		return DWH_ECONN;
	}
	s->beside = two;
	return DWH_OK;
}

void conn_close_beside(struct dwh *s, struct dwh *two)
{
	if (s->beside == two)
		s->beside = NULL;       /* before it closes: Ctrl-C must not reach a freed handle */
	conn_close(two);
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

/* What `status` says of SSL: whether the link is encrypted and whether the server's certificate
 * was verified, by the sslmode libpq used. Amazon's page names verify-ca and verify-full with its
 * CA bundle ("Configuring security options for connections",
 * https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html); libpq's
 * default, prefer, encrypts without checking who answers. */
void conn_ssl_text(PGconn *c, char *buf, size_t n)
{
	PQconninfoOption *o = c ? PQconninfo(c) : NULL;
	const char *mode = "prefer";

	for (PQconninfoOption *p = o; p && p->keyword; p++)
		if (!strcmp(p->keyword, "sslmode") && p->val && *p->val)
			mode = p->val;
	if (!c || !PQsslInUse(c))
		snprintf(buf, n, "off (sslmode=%s: not encrypted, the server not verified)", mode);
	else if (!strcmp(mode, "verify-full"))
		snprintf(buf, n, "on, certificate and host name verified (sslmode=verify-full)");
	else if (!strcmp(mode, "verify-ca"))
		snprintf(buf, n, "on, certificate verified, host name not (sslmode=verify-ca)");
	else
		snprintf(buf, n, "on, certificate not verified (sslmode=%s; PGSSLMODE=verify-full "
			 "with PGSSLROOTCERT verifies it)", mode);
	PQconninfoFree(o);
}
