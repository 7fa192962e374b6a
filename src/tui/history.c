/* history.c — the prompt's history file ($XDG_STATE_HOME/dwh/history), shared by the console
 * and the plain prompt. Each entry is appended as it is made (as psql does, so concurrent
 * sessions do not overwrite each other); lines holding a password are never kept. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>

#include "base/fsutil.h"
#include "tui/ui.h"

#define HISTORY_KEEP 2000
#define NL_IN_FILE '\001'     /* a newline inside an entry, in the file (psql uses the same) */

static char hist_path[4096];

/* "password", "PASSWORD=", or a URI with user:secret@host. */
bool history_has_password(const char *line)
{
	const char *p;

	for (p = line; *p; p++)
		if (!strncasecmp(p, "password", 8) || !strncasecmp(p, "passwd", 6))
			return true;
	for (p = line; (p = strstr(p, "://")) != NULL; p += 3) {
		size_t tok = strcspn(p + 3, " \t\n'\"/");
		const char *at = memchr(p + 3, '@', tok), *colon = memchr(p + 3, ':', tok);
		if (at && colon && colon < at)
			return true;
	}
	return false;
}

static void history_file(char *buf, size_t n)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char dir[3800];
	struct dwh_err e;

	if (x && *x)
		snprintf(dir, sizeof dir, "%s/dwh", x);
	else
		snprintf(dir, sizeof dir, "%s/.local/state/dwh", home && *home ? home : "/tmp");
	if (fs_mkdir_p(dir, 0700, 0700, &e) < 0) {      /* no history, but the console works */
		buf[0] = '\0';
		return;
	}
	snprintf(buf, n, "%s/history", dir);
}

void history_open(void)
{
	int fd;

	using_history();
	history_file(hist_path, sizeof hist_path);
	if (!hist_path[0])
		return;
	if ((fd = open(hist_path, O_WRONLY | O_CREAT | O_APPEND, 0600)) >= 0)
		close(fd);
	read_history(hist_path);
	/* The file keeps a statement's newlines as NL_IN_FILE (one entry, one line of the file);
	 * in memory they are newlines again, so Up and Ctrl-R bring the statement back intact. */
	for (int i = 0; i < history_length; i++) {
		HIST_ENTRY *h = history_get(history_base + i);

		for (char *c = h ? h->line : NULL; c && *c; c++)
			if (*c == NL_IN_FILE)
				*c = '\n';
	}
}

/* Append one entry to the file, its newlines encoded, as psql keeps multi-line history. */
static void append_entry(const char *line)
{
	size_t n = strlen(line);
	char *enc = malloc(n + 1);
	int fd;

	if (!enc)
		return;
	for (size_t i = 0; i <= n; i++)
		enc[i] = line[i] == '\n' ? NL_IN_FILE : line[i];
	if ((fd = open(hist_path, O_WRONLY | O_CREAT | O_APPEND, 0600)) >= 0) {
		enc[n] = '\n';
		if (write(fd, enc, n + 1) < 0)
			(void)0;        /* history is a convenience: a full disk must not stop a command */
		close(fd);
	}
	free(enc);
}

void history_add_entry(const char *line)
{
	HIST_ENTRY *last;

	if (history_has_password(line))
		return;
	/* A multi-line statement stays one entry with its newlines: recalled, it runs as typed,
	 * and a -- comment still ends at its line. */
	last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
	if (!last || strcmp(last->line, line) != 0) {
		add_history(line);
		if (hist_path[0])
			append_entry(line);
	}
}

void history_close(void)
{
	if (hist_path[0])
		history_truncate_file(hist_path, HISTORY_KEEP);
}
