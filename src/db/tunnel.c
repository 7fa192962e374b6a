/* tunnel.c — `--ssh [USER@]HOST[:PORT]` (or SSH_HOST under [CLUSTER]): the database reached
 * through the system's `ssh -N -L` from a free local port, for the session. ssh runs in batch
 * mode (keys or an agent, never a prompt under the console) and gives up when the forward
 * cannot be set up; it dies with dwh (PR_SET_PDEATHSIG) and is ended on exit. Nothing of the
 * database's password goes near it: ssh gets only the host names and ports. */
#include "db/tunnel.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct dwh_tunnel {
	pid_t pid;
	char via[256];          /* [USER@]HOST as given */
	char target[300];       /* host:port at the far end */
	char host[256], port[16];
	int local;              /* the local port */
};

/* A port nothing listens on now, from the kernel (bind to 0). */
static int free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t n = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && getsockname(fd, (struct sockaddr *)&a, &n) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static bool port_open(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	bool ok;

	if (fd < 0)
		return false;
	ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
	close(fd);
	return ok;
}

static bool alive(struct dwh_tunnel *t)
{
	return t && t->pid > 0 && waitpid(t->pid, NULL, WNOHANG) == 0;
}

void tunnel_close(struct dwh *s)
{
	struct dwh_tunnel *t = s->tunnel;

	if (!t)
		return;
	if (t->pid > 0) {
		kill(t->pid, SIGTERM);
		waitpid(t->pid, NULL, 0);
	}
	free(t);
	s->tunnel = NULL;
}

/* ssh's own words about why it failed (its stderr), trimmed to one or two lines. */
static void read_reason(int fd, char *buf, size_t n)
{
	ssize_t got, len = 0;

	while (len + 1 < (ssize_t)n && (got = read(fd, buf + len, n - 1 - (size_t)len)) > 0)
		len += got;
	buf[len > 0 ? len : 0] = '\0';
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	for (char *p = buf; *p; p++)
		if (*p == '\r' || *p == '\n')
			*p = ' ';
}

enum dwh_rc tunnel_open(struct dwh *s, const char *via, const char *host, const char *port,
			char *lhost, size_t nlhost, char *lport, size_t nlport)
{
	struct dwh_tunnel *t = s->tunnel;
	char fwd[400], target[300], sshport[16] = "", dest[256];
	const char *colon;
	FILE *errf;
	int lp;
	double until;

	if (alive(t) && !strcmp(t->via, via) && !strcmp(t->host, host) && !strcmp(t->port, port))
		goto use;               /* reconnect, \c: the same tunnel */
	tunnel_close(s);
	/* [USER@]HOST[:PORT] */
	snprintf(dest, sizeof dest, "%s", via);
	if ((colon = strrchr(dest, ':')) && !strchr(colon, ']')) {
		snprintf(sshport, sizeof sshport, "%s", colon + 1);
		dest[colon - dest] = '\0';
	}
	if (!dest[0] || dest[0] == '-' || host[0] == '-' || strchr(host, '/'))
		return dwh_fail(s, "--ssh %s: not a host to tunnel through (to %s)", via, host);
	if ((lp = free_port()) < 0)
		return dwh_fail(s, "--ssh: no free local port: %s", strerror(errno));
	snprintf(fwd, sizeof fwd, "127.0.0.1:%d:%s:%s", lp, host, port);
	snprintf(target, sizeof target, "%s:%s", host, port);
	/* ssh's stderr into an unlinked file: its words when it fails, and never a full pipe
	 * that would stop it while it runs */
	if (!(errf = tmpfile()))
		return dwh_fail(s, "--ssh: %s", strerror(errno));
	if (!(t = calloc(1, sizeof *t))) {
		fclose(errf);
		return dwh_fail(s, "out of memory");
	}
	pid_t pid = fork();
	if (pid < 0) {
		free(t);
		fclose(errf);
		return dwh_fail(s, "--ssh: fork: %s", strerror(errno));
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		const char *argv[20];
		int n = 0;

		prctl(PR_SET_PDEATHSIG, SIGTERM);       /* never outlives dwh */
		setsid();                               /* Ctrl-C at the console is not for it */
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(fileno(errf), STDERR_FILENO);
		argv[n++] = "ssh";
		argv[n++] = "-N";
		argv[n++] = "-L";
		argv[n++] = fwd;
		argv[n++] = "-o";
		argv[n++] = "ExitOnForwardFailure=yes";
		argv[n++] = "-o";
		argv[n++] = "BatchMode=yes";
		argv[n++] = "-o";
		argv[n++] = "ServerAliveInterval=30";
		argv[n++] = "-o";
		argv[n++] = "LogLevel=ERROR";
		if (sshport[0]) {
			argv[n++] = "-p";
			argv[n++] = sshport;
		}
		argv[n++] = "--";
		argv[n++] = dest;
		argv[n] = NULL;
		execvp("ssh", (char *const *)argv);
		fprintf(stderr, "cannot run ssh: %s\n", strerror(errno));
		_exit(255);
	}
	t->pid = pid;
	t->local = lp;
	snprintf(t->via, sizeof t->via, "%s", via);
	snprintf(t->host, sizeof t->host, "%s", host);
	snprintf(t->port, sizeof t->port, "%s", port);
	snprintf(t->target, sizeof t->target, "%s", target);
	/* up when the local port answers; down when ssh leaves first (its words say why) */
	until = dwh_now() + 20;
	while (!port_open(lp)) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		int st;

		if (waitpid(pid, &st, WNOHANG) == pid || dwh_now() > until || dwh_session(s)->interrupted) {
			char why[512];

			if (dwh_now() > until || dwh_session(s)->interrupted)
				kill(pid, SIGTERM), waitpid(pid, NULL, 0);
			rewind(errf);
			read_reason(fileno(errf), why, sizeof why);
			fclose(errf);
			free(t);
			dwh_fail(s, "ssh tunnel through %s to %s failed: %s", via, target,
				 why[0] ? why : "ssh gave up without a word");
			return DWH_ECONN;
		}
		nanosleep(&ts, NULL);
	}
	fclose(errf);
	s->tunnel = t;
use:
	snprintf(lhost, nlhost, "127.0.0.1");
	snprintf(lport, nlport, "%d", t->local);
	return DWH_OK;
}

bool tunnel_describe(const struct dwh *s, char *buf, size_t n)
{
	const struct dwh_tunnel *t = s->tunnel;

	if (!t)
		return false;
	snprintf(buf, n, "%s via ssh %s (local port %d)", t->target, t->via, t->local);
	return true;
}

bool tunnel_target(const struct dwh *s, char *host, size_t nh, char *port, size_t np)
{
	const struct dwh_tunnel *t = s->tunnel;

	if (!t)
		return false;
	snprintf(host, nh, "%s (ssh %s)", t->host, t->via);
	snprintf(port, np, "%s", t->port);
	return true;
}
