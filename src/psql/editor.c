/* editor.c — running the user's editor on a temporary file, as psql's \e does. */
#include "psql/editor.h"

#include "base/fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int editor_run_program(char *const argv[])
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *editor_name(void)
{
	const char *e = getenv("VISUAL");

	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

/* The editor may carry arguments ("code --wait"): the shell splits it, the path goes as $1. */
static int run_editor(struct dwh *s, const char *path)
{
	char cmd[1024];
	char *argv[] = { "sh", "-c", cmd, "sh", (char *)path, NULL };
	int rc;

	snprintf(cmd, sizeof cmd, "%s \"$1\"", editor_name());
	rc = s->hooks.terminal ? s->hooks.terminal(s, argv) : editor_run_program(argv);
	if (rc != 0) {
		err_set(&s->err, "\\e: the editor (%s) %s", editor_name(),
			rc < 0 ? "could not be run" : "exited with an error; nothing changed");
		return -1;
	}
	return 0;
}

static int write_temp(struct dwh *s, const char *text, char *path, size_t n)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(path, n, "%s/dwh-edit-XXXXXX.sql", tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemps(path, 4)) < 0)
		return err_set(&s->err, "\\e: %s: %s", path, strerror(errno));
	if (text && (write(fd, text, strlen(text)) < 0 || write(fd, "\n", 1) < 0)) {
		close(fd);
		unlink(path);
		return err_set(&s->err, "\\e: %s: %s", path, strerror(errno));
	}
	close(fd);
	return 0;
}

char *editor_edit(struct dwh *s, const char *text, const char *file)
{
	char path[4096];
	char *out;
	size_t len;

	if (file)
		snprintf(path, sizeof path, "%s", file);
	else if (write_temp(s, text, path, sizeof path) < 0)
		return NULL;
	out = run_editor(s, path) == 0 ? fs_read_all(path, &len, &s->err) : NULL;
	if (!file)
		unlink(path);
	if (out) {
		while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == '\r' || out[len - 1] == ' '))
			out[--len] = '\0';
	}
	return out;
}
