/* local.c — the private PostgreSQL that makes dwh work with no setup: initdb on first use in
 * the state directory, listening on a Unix socket only, started on demand and left running.
 * initdb refuses to run as root, so as root every server command runs as an unprivileged
 * account, in a directory that account can reach. */
#define _GNU_SOURCE
#include "db/local.h"

#include "base/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The account the server runs as when we are root. */
static const struct passwd *server_account(void)
{
	const struct passwd *pw;

	if (geteuid() != 0)
		return NULL;
	pw = getpwnam("postgres");
	return pw ? pw : getpwnam("nobody");
}

int local_dir(const char *opt, char *buf, size_t n, struct dwh_err *e)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int len;

	if (opt && *opt)
		len = snprintf(buf, n, "%s", opt);
	else if (xdg && *xdg)
		len = snprintf(buf, n, "%s/dwh/pg", xdg);
	else if (geteuid() == 0)
		len = snprintf(buf, n, "/var/lib/dwh/pg");
	else if (home && *home)
		len = snprintf(buf, n, "%s/.local/state/dwh/pg", home);
	else
		return err_set(e, "no state directory: set HOME, XDG_STATE_HOME or --local-dir");
	/* the socket path (DIR/.s.PGSQL.5432) must fit in sun_path */
	if (len < 0 || (size_t)len >= n || len > 90)
		return err_set(e, "local state directory path too long (max 90 bytes): %s", buf);
	return 0;
}

/* pg_config --bindir, else the newest /usr/lib/postgresql/N/bin, holding initdb. */
static int find_bindir(char *buf, size_t n, struct dwh_err *e)
{
	FILE *p = popen("pg_config --bindir 2>/dev/null", "r");
	char path[PATH_MAX + 16];
	int best = -1;

	if (p) {
		if (fgets(buf, (int)n, p))
			buf[strcspn(buf, "\n")] = '\0';
		else
			buf[0] = '\0';
		pclose(p);
		snprintf(path, sizeof path, "%s/initdb", buf);
		if (buf[0] && access(path, X_OK) == 0)
			return 0;
	}
	DIR *d = opendir("/usr/lib/postgresql");
	struct dirent *de;

	while (d && (de = readdir(d)) != NULL) {
		int v = atoi(de->d_name);

		snprintf(path, sizeof path, "/usr/lib/postgresql/%s/bin/initdb", de->d_name);
		if (v > best && access(path, X_OK) == 0) {
			best = v;
			snprintf(buf, n, "/usr/lib/postgresql/%s/bin", de->d_name);
		}
	}
	if (d)
		closedir(d);
	if (best < 0)
		return err_set(e, "PostgreSQL server programs not found (pg_config --bindir, "
			       "/usr/lib/postgresql/*/bin): apt-get install postgresql");
	return 0;
}

/* Become the server account in a child process. */
static void drop_privileges(void)
{
	const struct passwd *pw = server_account();

	if (!pw)
		return;
	if (setgid(pw->pw_gid) < 0 || initgroups(pw->pw_name, pw->pw_gid) < 0 ||
	    setuid(pw->pw_uid) < 0)
		_exit(126);
}

/* Run argv as the server account with output to logpath; returns the exit status or -1. */
static int run_as_server(char *const argv[], const char *logpath)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd;

		drop_privileges();      /* first, so the log belongs to the server account */
		fd = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
		int devnull = open("/dev/null", O_RDONLY);

		if (devnull >= 0)
			dup2(devnull, STDIN_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The last non-empty line of a log, for error messages. */
static void log_tail(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	char line[1024];

	buf[0] = '\0';
	while (f && fgets(line, sizeof line, f))
		if (line[0] != '\n') {
			line[strcspn(line, "\n")] = '\0';
			snprintf(buf, n, "%s", line);
		}
	if (f)
		fclose(f);
}

static int make_dirs(const char *dir, struct dwh_err *e)
{
	const struct passwd *pw = server_account();

	if (fs_mkdir_p(dir, 0755, 0700, e) < 0)
		return -1;
	if (pw && chown(dir, pw->pw_uid, pw->pw_gid) < 0)
		return err_set(e, "%s: chown to %s: %s", dir, pw->pw_name, strerror(errno));
	return 0;
}

/* As root, check the server account can reach the directory before initdb fails obscurely. */
static int check_reachable(const char *dir, struct dwh_err *e)
{
	const struct passwd *pw = server_account();
	pid_t pid;
	int status;

	if (!pw)
		return 0;
	if ((pid = fork()) == 0) {
		drop_privileges();
		_exit(access(dir, R_OK | W_OK | X_OK) == 0 ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return err_set(e, "%s: the server runs as '%s' (initdb refuses root), which cannot "
			       "reach this directory; choose one it can with --local-dir", dir,
			       pw->pw_name);
	return 0;
}

static int write_settings(const char *dir, struct dwh_err *e)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof path, "%s/data/postgresql.auto.conf", dir);
	if (!(f = fopen(path, "a")))
		return err_set(e, "%s: %s", path, strerror(errno));
	/* a Unix socket only, in the state directory; no TCP port is opened */
	fprintf(f, "listen_addresses = ''\nunix_socket_directories = '%s'\n"
		   "unix_socket_permissions = 0700\nmax_wal_size = '2GB'\n", dir);
	fclose(f);
	return 0;
}

/* `stage` commits songs and events with two-phase commit (xact_pair.h), which needs
 * prepared transactions; servers made before dwh set this get it at their next start. */
static int ensure_prepared_xacts(const char *dir, struct dwh_err *e)
{
	char path[PATH_MAX], line[1024];
	bool have = false;
	FILE *f;

	snprintf(path, sizeof path, "%s/data/postgresql.auto.conf", dir);
	if (!(f = fopen(path, "r")))
		return err_set(e, "%s: %s", path, strerror(errno));
	while (!have && fgets(line, sizeof line, f))
		have = strncmp(line, "max_prepared_transactions", 25) == 0;
	fclose(f);
	if (have)
		return 0;
	if (!(f = fopen(path, "a")))
		return err_set(e, "%s: %s", path, strerror(errno));
	fprintf(f, "max_prepared_transactions = 8\n");
	fclose(f);
	return 0;
}

static int do_initdb(const char *bindir, const char *dir, struct dwh_err *e)
{
	char initdb[PATH_MAX], data[PATH_MAX], log[PATH_MAX], tail[512];

	snprintf(initdb, sizeof initdb, "%s/initdb", bindir);
	snprintf(data, sizeof data, "%s/data", dir);
	snprintf(log, sizeof log, "%s/initdb.log", dir);
	char *argv[] = { initdb, "-D", data, "-U", LOCAL_USER, "--auth=trust", "-E", "UTF8",
			 "--no-locale", "--no-sync", NULL };

	if (run_as_server(argv, log) != 0) {
		log_tail(log, tail, sizeof tail);
		return err_set(e, "initdb in %s failed: %s (see %s)", data, tail, log);
	}
	return write_settings(dir, e);
}

bool local_running(const char *dir, long *pid)
{
	char path[PATH_MAX];
	FILE *f;
	long p = 0;

	snprintf(path, sizeof path, "%s/data/postmaster.pid", dir);
	if (!(f = fopen(path, "r")))
		return false;
	if (fscanf(f, "%ld", &p) != 1)
		p = 0;
	fclose(f);
	if (p <= 0 || (kill((pid_t)p, 0) < 0 && errno != EPERM))
		return false;
	if (pid)
		*pid = p;
	return true;
}

static int pg_ctl(const char *dir, const char *action, struct dwh_err *e)
{
	char bindir[PATH_MAX], ctl[PATH_MAX + 16], data[PATH_MAX], log[PATH_MAX], tail[512];

	if (find_bindir(bindir, sizeof bindir, e) < 0)
		return -1;
	snprintf(ctl, sizeof ctl, "%s/pg_ctl", bindir);
	snprintf(data, sizeof data, "%s/data", dir);
	snprintf(log, sizeof log, "%s/server.log", dir);
	char *argv[] = { ctl, "-D", data, "-l", log, "-w", "-t", "60", "-m", "fast", (char *)action, NULL };

	if (run_as_server(argv, log) != 0) {
		log_tail(log, tail, sizeof tail);
		return err_set(e, "pg_ctl %s (%s) failed: %s (see %s)", action, data, tail, log);
	}
	return 0;
}

static void conninfo_for(const char *dir, const char *db, char *buf, size_t n)
{
	size_t o = (size_t)snprintf(buf, n, "dbname=%s user=%s host='", db, LOCAL_USER);

	for (const char *p = dir; *p && o + 3 < n; p++) {
		if (*p == '\'' || *p == '\\')
			buf[o++] = '\\';
		buf[o++] = *p;
	}
	snprintf(buf + o, n - o, "'");
}

void local_conninfo(const char *dir, char *buf, size_t n)
{
	conninfo_for(dir, LOCAL_DB, buf, n);
}

/* The database dwh uses, created once beside initdb's "postgres". */
static int ensure_database(const char *dir, struct dwh_err *e)
{
	char info[8192];
	const char *state;
	PGconn *c;
	PGresult *r;

	conninfo_for(dir, "postgres", info, sizeof info);
	c = PQconnectdb(info);
	if (PQstatus(c) != CONNECTION_OK) {
		err_conn(e, c, "local server");
		PQfinish(c);
		return -1;
	}
	/* libpq directly, not db.c: a bootstrap connection to initdb's "postgres", before the
	 * session has one (db.c runs statements on s->conn) */
	r = PQexec(c, "SELECT 1 FROM pg_database WHERE datname = '" LOCAL_DB "'");
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 0) {
		PQclear(r);
		r = PQexec(c, "CREATE DATABASE " LOCAL_DB);
		state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		/* 42P04: a concurrent dwh created it first */
		if (PQresultStatus(r) != PGRES_COMMAND_OK && !(state && !strcmp(state, "42P04"))) {
			err_pg(e, r, "creating the local database");
			PQclear(r);
			PQfinish(c);
			return -1;
		}
	}
	PQclear(r);
	PQfinish(c);
	return 0;
}

int local_ensure(const char *dir, struct dwh_err *e)
{
	char bindir[PATH_MAX], version[PATH_MAX];

	if (dir[0] != '/')
		return err_set(e, "--local-dir must be an absolute path: %s", dir);
	if (local_running(dir, NULL))
		return 0;
	snprintf(version, sizeof version, "%s/data/PG_VERSION", dir);
	if (access(version, F_OK) != 0) {
		if (find_bindir(bindir, sizeof bindir, e) < 0 || make_dirs(dir, e) < 0 ||
		    check_reachable(dir, e) < 0 || do_initdb(bindir, dir, e) < 0)
			return -1;
	}
	if (ensure_prepared_xacts(dir, e) < 0)
		return -1;
	/* a concurrent dwh may start it between our check and pg_ctl: that is fine */
	if (pg_ctl(dir, "start", e) < 0 && !local_running(dir, NULL))
		return -1;
	return ensure_database(dir, e);
}

int local_stop(const char *dir, struct dwh_err *e)
{
	if (!local_running(dir, NULL))
		return 0;
	return pg_ctl(dir, "stop", e);
}
