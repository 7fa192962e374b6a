/* tour.c — reading tour step files, and saying and running a step through the session's
 * front end. A step is text a teacher edits, so every oddity gets a message with FILE:LINE. */
#include "cmd/tour.h"

#include "cmd/cmd.h"
#include "base/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TOUR_MAX_STEPS 200

static int push(char ***v, int *n, const char *text)
{
	char **nv = realloc(*v, (size_t)(*n + 1) * sizeof **v);

	if (!nv)
		return -1;
	*v = nv;
	if (!(nv[*n] = strdup(text)))
		return -1;
	(*n)++;
	return 0;
}

static void step_free(struct tour_step *st)
{
	for (int i = 0; i < st->nprose; i++)
		free(st->prose[i]);
	for (int i = 0; i < st->ncmds; i++)
		free(st->cmds[i]);
	free(st->prose);
	free(st->cmds);
	free(st->title);
	free(st->file);
	free(st->at);
	memset(st, 0, sizeof *st);
}

/* Prose keeps one "" between paragraphs and none at either end. */
static int add_prose(struct tour_step *st, const char *line, bool *gap)
{
	if (!*line) {
		*gap = st->nprose > 0;
		return 0;
	}
	if (*gap && push(&st->prose, &st->nprose, "") < 0)
		return -1;
	*gap = false;
	return push(&st->prose, &st->nprose, line);
}

static int parse_step(const char *path, char *text, struct tour_step *st, struct dwh_err *e)
{
	bool gap = false;
	int lineno = 0;

	memset(st, 0, sizeof *st);
	if (!(st->file = strdup(path)))
		return err_set(e, "%s: out of memory", path);
	for (char *line = text, *next; line; line = next) {
		size_t len;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		len = strlen(line);
		while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
			line[--len] = '\0';
		for (char *c = line; *c; c++)
			if ((unsigned char)*c < 0x20 && *c != '\t')
				return err_set(e, "%s:%d: a control character (0x%02x) in a tour step",
					       path, lineno, (unsigned char)*c);
		if (line[0] == '#')
			continue;
		if (!st->title) {
			if (!*line)
				continue;
			if (line[0] == '$')
				return err_set(e, "%s:%d: the first line must be the step's title, not a command",
					       path, lineno);
			if (!(st->title = strdup(line)))
				return err_set(e, "%s: out of memory", path);
			continue;
		}
		if (line[0] == '$' && (line[1] == ' ' || line[1] == '\0')) {
			const char *c = line + 1 + strspn(line + 1, " \t");
			if (!*c)
				return err_set(e, "%s:%d: `$` without a command", path, lineno);
			if (push(&st->cmds, &st->ncmds, c) < 0)
				return err_set(e, "%s: out of memory", path);
			continue;
		}
		if (line[0] == '@' && line[1] == ' ') {
			const char *c = line + 1 + strspn(line + 1, " \t");
			if (!*c || st->at)
				return err_set(e, "%s:%d: %s", path, lineno, st->at ? "a second `@` line"
					       : "`@` without the text to open at");
			if (!(st->at = strdup(c)))
				return err_set(e, "%s: out of memory", path);
			continue;
		}
		if (add_prose(st, line, &gap) < 0)
			return err_set(e, "%s: out of memory", path);
	}
	if (!st->title)
		return err_set(e, "%s: an empty tour step (no title)", path);
	return 0;
}

static int load_file(struct tour *t, const char *path, struct dwh_err *e)
{
	struct tour_step *nv;
	size_t len;
	char *text;
	int rc;

	if (t->n >= TOUR_MAX_STEPS)
		return err_set(e, "%s: a tour has at most %d steps", path, TOUR_MAX_STEPS);
	if (!(text = fs_read_all(path, &len, e)))
		return -1;
	if (strlen(text) != len) {
		free(text);
		return err_set(e, "%s: a NUL byte in a tour step (not a text file?)", path);
	}
	nv = realloc(t->steps, (size_t)(t->n + 1) * sizeof *nv);
	if (!nv) {
		free(text);
		return err_set(e, "%s: out of memory", path);
	}
	t->steps = nv;
	rc = parse_step(path, text, &t->steps[t->n], e);
	free(text);
	if (rc < 0) {
		step_free(&t->steps[t->n]);
		return -1;
	}
	t->n++;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(struct tour *t, const char *dir, struct dwh_err *e)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	int n = 0, rc = 0;
	struct dirent *de;

	if (!d)
		return err_set(e, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && push(&names, &n, de->d_name) < 0) {
			rc = err_set(e, "%s: out of memory", dir);
			break;
		}
	closedir(d);
	if (n > 0)
		qsort(names, (size_t)n, sizeof *names, cmp_names);
	for (int i = 0; i < n && rc == 0; i++) {
		char path[4096];
		struct stat st;

		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			rc = load_file(t, path, e);
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == 0 && t->n == 0)
		rc = err_set(e, "%s: no tour steps in this directory", dir);
	return rc;
}

int tour_load(const char *path, struct tour *t, struct dwh_err *e)
{
	char dir[4096];
	struct stat st;
	int rc;

	memset(t, 0, sizeof *t);
	if (!path) {
		if (fs_datadir("sql", dir, sizeof dir - 8) < 0)
			return err_set(e, "tour: dwh's sql/ directory was not found (set DWH_SQLDIR)");
		strcat(dir, "/tour");
		path = dir;
	}
	if (stat(path, &st) < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	rc = S_ISDIR(st.st_mode) ? load_dir(t, path, e) : load_file(t, path, e);
	if (rc < 0)
		tour_free(t);
	return rc;
}

void tour_free(struct tour *t)
{
	for (int i = 0; i < t->n; i++)
		step_free(&t->steps[i]);
	free(t->steps);
	memset(t, 0, sizeof *t);
}

void tour_say(struct dwh *s, const struct tour *t, int i)
{
	const struct tour_step *st = &t->steps[i];

	dwh_msg(s, LOG_INFO, "── Step %d/%d: %s", i + 1, t->n, st->title);
	for (int j = 0; j < st->nprose; j++)
		dwh_msg(s, LOG_INFO, "%s", st->prose[j]);
}

enum dwh_rc tour_run_step(struct dwh *s, const struct tour *t, int i)
{
	const struct tour_step *st = &t->steps[i];

	for (int j = 0; j < st->ncmds; j++) {
		dwh_msg(s, LOG_INFO, "$ %s", st->cmds[j]);
		enum dwh_rc rc = cmd_dispatch(s, st->cmds[j]);

		if (rc != DWH_OK)
			return rc;
	}
	return DWH_OK;
}
