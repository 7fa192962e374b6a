/* main.c — dwh's command line: options as psql spells them, then one front end: batch (-c, -f,
 * a command given as words, or stdin that is not a terminal), the plain prompt, or the console. */
#include "cmd/cmd.h"
#include "db/conn.h"
#include "batch/batch.h"
#include "tui/tui.h"
#include "db/db.h"
#include "db/lockwait.h"
#include "db/tunnel.h"
#include "base/secrets.h"
#include "base/version.h"
#include "etl/xact_pair.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct dwh *g_session;

/* Ctrl-C cancels the running statement (db_cancel is async-signal-safe); a second Ctrl-C while
 * nothing is listening ends a batch run. */
static void on_sigint(int sig)
{
	struct dwh *s = g_session;

	(void)sig;
	if (s && s->interrupted >= 1 && !s->cancel)
		_exit(130);
	if (s) {
		s->interrupted++;
		db_cancel(s);   /* and a stage pair's second connection's statement */
	}
}

/* --help and --version as GNU tools print them (the GNU coding standards, 4.8). */
static void usage(FILE *f)
{
	fputs("Usage: dwh [OPTION]... [COMMAND [ARG]...]\n"
	      "A console for the music-streaming data warehouse on PostgreSQL or Amazon Redshift.\n"
	      "With -c, -f, a COMMAND or a non-terminal stdin, run in batch mode; otherwise open\n"
	      "the full-screen console (or a line prompt with --plain).\n\n"
	      "Mandatory arguments to long options are mandatory for short options too.\n\n"
	      "Connection (psql's conventions; PG* variables, ~/.pgpass and services apply):\n"
	      "  -h, --host=HOST        server host or socket directory\n"
	      "  -p, --port=PORT        server port\n"
	      "  -U, --username=USER    user name\n"
	      "  -d, --dbname=DB        database name, conninfo string or postgresql:// URI\n"
	      "  -w, --no-password      never prompt for a password\n"
	      "      --config=FILE      read [CLUSTER] [IAM_ROLE] [S3] [LOCAL] from a dwh.cfg\n"
	      "      --local            use dwh's private PostgreSQL (the default when nothing\n"
	      "                         names a server)\n"
	      "      --local-dir=DIR    where the private server lives\n"
	      "      --lock-timeout=T   give up a statement that waits longer than T (500ms,\n"
	      "                         2s, 1min) for a lock another session holds\n"
	      "      --ssh=[USER@]HOST[:PORT]  reach the server through an ssh tunnel via HOST\n\n"
	      "Running:\n"
	      "  -c, --command=CMD      run a command or SQL (repeatable), then exit\n"
	      "  -f, --file=FILE        run a script (- for stdin), then exit\n"
	      "      --csv              print results as CSV\n"
	      "      --data=DIR         raw data: DIR/song_data and DIR/log_data\n"
	      "      --dialect=NAME     generate SQL for postgres or redshift\n"
	      "      --theme=NAME       console colour theme\n"
	      "      --plain            a line prompt instead of the full-screen console\n"
	      "      --tour             start with the guided tour (sql/tour/)\n"
	      "      --yes              run DROP, TRUNCATE, DELETE/UPDATE without WHERE and\n"
	      "                         drop without asking (batch mode refuses them otherwise)\n"
	      "      --read-only        transactions read-only; dwh's writing commands refused\n\n"
	      "      --help             display this help and exit\n"
	      "      --version          output version information and exit\n\n"
	      "Examples:\n"
	      "  dwh                                 the console on the private local server\n"
	      "  dwh gen /tmp/d && dwh --data /tmp/d -c run -c check\n"
	      "  dwh --config dwh.cfg -c status      a Redshift cluster from a dwh.cfg\n\n"
	      "Exit status:\n"
	      " 0  if OK,\n"
	      " 1  if a command failed,\n"
	      " 2  if the connection failed or was lost,\n"
	      " 3  if a script run with -f had an error.\n\n"
	      "Commands: dwh help; everything: man dwh.\n", f);
}

static void version(void)
{
	fputs("dwh " DWH_VERSION "\n"
	      "Copyright (C) 2026 the dwh maintainers.\n"
	      "Built with libpq, ncursesw, readline and cJSON.\n"
	      "There is NO WARRANTY, to the extent permitted by law.\n", stdout);
}

enum { OPT_CONFIG = 256, OPT_LOCAL, OPT_LOCAL_DIR, OPT_DATA, OPT_DIALECT, OPT_THEME,
       OPT_CSV, OPT_PLAIN, OPT_HELP, OPT_VERSION, OPT_LOCK_TIMEOUT, OPT_TOUR,
       OPT_YES, OPT_READ_ONLY, OPT_SSH };

static const struct option longopts[] = {
	{ "host", required_argument, NULL, 'h' },
	{ "port", required_argument, NULL, 'p' },
	{ "username", required_argument, NULL, 'U' },
	{ "dbname", required_argument, NULL, 'd' },
	{ "no-password", no_argument, NULL, 'w' },
	{ "command", required_argument, NULL, 'c' },
	{ "file", required_argument, NULL, 'f' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "local", no_argument, NULL, OPT_LOCAL },
	{ "local-dir", required_argument, NULL, OPT_LOCAL_DIR },
	{ "lock-timeout", required_argument, NULL, OPT_LOCK_TIMEOUT },
	{ "data", required_argument, NULL, OPT_DATA },
	{ "dialect", required_argument, NULL, OPT_DIALECT },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "plain", no_argument, NULL, OPT_PLAIN },
	{ "tour", no_argument, NULL, OPT_TOUR },
	{ "yes", no_argument, NULL, OPT_YES },
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "ssh", required_argument, NULL, OPT_SSH },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

struct cli {
	char **cmds;
	int ncmds;
	const char *file;
};

/* Options into s->opts and cli; returns -1 for a usage error, 1 when done (help/version). */
static int parse_args(int argc, char **argv, struct dwh_opts *o, struct cli *cli)
{
	int c;

	cli->cmds = calloc((size_t)argc + 1, sizeof *cli->cmds);
	/* '+': options end at the first word, so `dwh gen DIR --songs 10` passes --songs on */
	while ((c = getopt_long(argc, argv, "+h:p:U:d:wc:f:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': o->host = optarg; break;
		case 'p': o->port = optarg; break;
		case 'U': o->user = optarg; break;
		case 'd': o->dbname = optarg; break;
		case 'w': o->no_password_prompt = true; break;
		case 'c': cli->cmds[cli->ncmds++] = optarg; break;
		case 'f': cli->file = optarg; break;
		case 'q': o->quiet = true; break;
		case OPT_CONFIG: o->config_path = optarg; break;
		case OPT_LOCAL: o->local = true; break;
		case OPT_LOCAL_DIR: o->local_dir = optarg; break;
		case OPT_LOCK_TIMEOUT: o->lock_timeout = optarg; break;
		case OPT_DATA: o->data_dir = optarg; break;
		case OPT_DIALECT: o->dialect = optarg; break;
		case OPT_THEME: o->theme = optarg; break;
		case OPT_CSV: o->csv = true; break;
		case OPT_PLAIN: o->plain = true; break;
		case OPT_TOUR: o->tour = true; break;
		case OPT_YES: o->yes = true; break;
		case OPT_READ_ONLY: o->read_only = true; break;
		case OPT_SSH: o->ssh = optarg; break;
		case OPT_HELP: usage(stdout); return 1;
		case OPT_VERSION: version(); return 1;
		default: return -1;
		}
	}
	if (o->dialect && strcmp(o->dialect, "postgres") && strcmp(o->dialect, "redshift")) {
		fprintf(stderr, "dwh: --dialect must be postgres or redshift, not %s\n", o->dialect);
		return -1;
	}
	struct dwh_err e = { 0 };
	if (o->lock_timeout && lockwait_check_timeout(o->lock_timeout, &e) < 0) {
		fprintf(stderr, "dwh: %s\n", e.msg);
		return -1;
	}
	return 0;
}

/* Data is UTF-8 whatever the user's locale; widths need a UTF-8 LC_CTYPE. */
static void setup_locale(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	/* numbers dwh writes into SQL and COPY rows must use '.', whatever the user's locale */
	setlocale(LC_NUMERIC, "C");
}

static int load_config(struct dwh *s)
{
	if (!s->opts.config_path)
		return 0;
	s->cfg = cfg_load(s->opts.config_path, &s->err);
	if (!s->cfg) {
		fprintf(stderr, "dwh: error: %s\n", s->err.msg);
		return -1;
	}
	if (!s->opts.theme)
		s->opts.theme = cfg_get(s->cfg, "LOCAL", "THEME");
	return 0;
}

static enum dwh_rc run_front_end(struct dwh *s, struct cli *cli, int nwords, char **words)
{
	const char *term = getenv("TERM");
	bool tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && term && strcmp(term, "dumb");
	char *tour[] = { (char *)"tour" };
	bool batch = cli->ncmds > 0 || cli->file || nwords > 0;

	/* --tour without a terminal, or before commands: the handout, every step in turn */
	if (s->opts.tour && (batch || (!tty && !s->opts.plain))) {
		enum dwh_rc rc = batch_commands(s, 1, tour);
		if (rc != DWH_OK || !batch)
			return rc;
	}
	if (batch) {
		enum dwh_rc rc = DWH_OK;

		if (nwords > 0)
			rc = cmd_dispatch_argv(s, nwords, words);
		if (rc == DWH_OK && cli->ncmds > 0)
			rc = batch_commands(s, cli->ncmds, cli->cmds);
		if (rc == DWH_OK && cli->file)
			rc = batch_script(s, cli->file);
		return rc;
	}
	if (s->opts.plain)
		return plain_run(s);
	if (!tty)
		return batch_script(s, "-");
	return tui_run(s);
}

int main(int argc, char **argv)
{
	static struct dwh session;
	struct dwh *s = &session;
	struct cli cli = { 0 };
	struct sigaction sa = { .sa_handler = on_sigint };
	int rc;

	setup_locale();
	s->server.latency_ms = -1;
	rc = parse_args(argc, argv, &s->opts, &cli);
	if (rc != 0) {
		if (rc < 0)
			fputs("Try 'dwh --help' for more information.\n", stderr);
		free(cli.cmds);
		return rc < 0 ? DWH_FAIL : DWH_OK;
	}
	if (s->opts.dbname && secrets_has_password(s->opts.dbname)) {
		/* keep a copy, then blank the one in argv: ps and /proc/PID/cmdline show it no more */
		char *dbname = strdup(s->opts.dbname);

		secrets_scrub((char *)s->opts.dbname);
		s->opts.dbname = dbname;
	}
	if (load_config(s) < 0) {
		free(cli.cmds);
		return DWH_FAIL;
	}
	batch_install_out(s);
	pair_install(s);        /* a stage pair a crash cut short is finished on connecting */
	g_session = s;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	rc = run_front_end(s, &cli, argc - optind, argv + optind);
	conn_close(s);
	tunnel_close(s);
	cfg_free(s->cfg);
	free(cli.cmds);
	return rc;
}
