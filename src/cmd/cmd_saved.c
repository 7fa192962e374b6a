/* cmd_saved.c — saved queries from the prompt, as pgcli's: `\ns NAME` keeps the last statement
 * sent as NAME.sql in the user's query folder ($XDG_DATA_HOME/dwh/queries, else
 * ~/.local/share/dwh/queries), `\n` lists them, `\n NAME` runs one, `\nd NAME` deletes it.
 * They show in `queries` beside sql/analytics/ and in completion. */
#include "cmd/cmd.h"

#include "db/result.h"
#include "psql/qbuf.h"
#include "base/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SAVED_MAX 512

int cmd_saved_dir(char *buf, size_t n)
{
	const char *x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	int w;

	if (x && x[0] == '/')
		w = snprintf(buf, n, "%s/dwh/queries", x);
	else if (home && *home)
		w = snprintf(buf, n, "%s/.local/share/dwh/queries", home);
	else
		return -1;
	return w > 0 && (size_t)w < n ? 0 : -1;
}

bool cmd_saved_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 64)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || (*p == '-' && p != name)))
			return false;
	return true;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_saved_names(char **names, int max)
{
	char dir[4096];
	struct dirent *e;
	DIR *d;
	int n = 0;

	if (cmd_saved_dir(dir, sizeof dir) < 0 || !(d = opendir(dir)))
		return 0;
	while ((e = readdir(d)) != NULL && n < max) {
		size_t len = strlen(e->d_name);
		char nm[80];

		if (len <= 4 || len - 4 >= sizeof nm || strcmp(e->d_name + len - 4, ".sql"))
			continue;
		snprintf(nm, sizeof nm, "%.*s", (int)(len - 4), e->d_name);
		if (cmd_saved_name_ok(nm) && (names[n] = strdup(nm)) != NULL)
			n++;
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, name_cmp);
	return n;
}

/* NAME's path, after checking the name (never a path of the user's making). */
static enum dwh_rc saved_path(struct dwh *s, const char *who, const char *name, char *buf, size_t n)
{
	char dir[4000];

	if (!cmd_saved_name_ok(name))
		return dwh_fail(s, "%s: \"%s\" is not a query name (letters, digits, _ and -, up to 64)", who, name);
	if (cmd_saved_dir(dir, sizeof dir) < 0)
		return dwh_fail(s, "%s: no folder for saved queries (set HOME or XDG_DATA_HOME)", who);
	snprintf(buf, n, "%s/%s.sql", dir, name);
	return DWH_OK;
}

char *cmd_saved_read(struct dwh *s, const char *name)
{
	char path[4200];
	char *t;

	if (saved_path(s, "\\n", name, path, sizeof path) != DWH_OK)
		return NULL;
	if (!(t = fs_read_all(path, NULL, &s->err)) && access(path, F_OK) < 0)
		dwh_fail(s, "\\n: no saved query %s (\\n lists them)", name);
	return t;
}

static enum dwh_rc exec_save(struct dwh *s, int argc, char **argv)
{
	char path[4200], tmp[4300], dir[4096];
	char *sql = qbuf_last(s);
	bool had;
	FILE *f;
	int ok;

	(void)argc;
	if (!sql)
		return dwh_fail(s, "\\ns: no statement sent yet to save");
	if (saved_path(s, "\\ns", argv[1], path, sizeof path) != DWH_OK ||
	    cmd_saved_dir(dir, sizeof dir) < 0 || fs_mkdir_p(dir, 0700, 0700, &s->err) < 0) {
		free(sql);
		return DWH_FAIL;
	}
	had = access(path, F_OK) == 0;
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	if (!(f = fopen(tmp, "w"))) {
		free(sql);
		return dwh_fail(s, "\\ns: %s: %s", tmp, strerror(errno));
	}
	ok = fprintf(f, "%s\n", sql) >= 0;
	ok = (fclose(f) == 0) && ok && rename(tmp, path) == 0;
	free(sql);
	if (!ok) {
		unlink(tmp);
		return dwh_fail(s, "\\ns: %s: %s", path, strerror(errno));
	}
	dwh_msg(s, LOG_INFO, "Saved query %s%s (\\n %s runs it).", argv[1], had ? " (replaced)" : "", argv[1]);
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_ns = {
	.name = "\\ns",
	.args = "NAME",
	.min_args = 1,
	.max_args = 1,
	.help = "save the last statement sent as query NAME (in your query folder)",
	.exec = exec_save,
};

static enum dwh_rc list_saved(struct dwh *s)
{
	static const char *const cols[] = { "name", "query" };
	char *names[SAVED_MAX];
	int n = cmd_saved_names(names, SAVED_MAX);
	PGresult *res;

	if (n == 0) {
		dwh_msg(s, LOG_INFO, "No saved queries (\\ns NAME saves the last statement).");
		return DWH_OK;
	}
	res = result_new(2, cols, NULL);
	for (int i = 0; i < n; i++) {
		char *sql = res ? cmd_saved_read(s, names[i]) : NULL, line[200];

		snprintf(line, sizeof line, "%.*s", sql ? (int)strcspn(sql, "\n") : 1, sql ? sql : "?");
		if (res)
			result_set(res, i, 0, names[i]), result_set(res, i, 1, line);
		free(sql);
		free(names[i]);
	}
	err_clear(&s->err);
	if (!res)
		return dwh_fail(s, "out of memory");
	dwh_result(s, res, "your saved queries", -1);
	PQclear(res);
	return DWH_OK;
}

static enum dwh_rc exec_named(struct dwh *s, int argc, char **argv)
{
	char title[120], *sql;
	enum dwh_rc rc;

	if (argc == 1)
		return list_saved(s);
	if (!(sql = cmd_saved_read(s, argv[1])))
		return DWH_FAIL;
	snprintf(title, sizeof title, "SQL of saved query %s", argv[1]);
	dwh_text_aside(s, title, sql);
	rc = cmd_dispatch_sql(s, sql);
	free(sql);
	return rc;
}

const struct dwh_cmd cmd_meta_n = {
	.name = "\\n",
	.args = "[NAME]",
	.max_args = 1,
	.help = "run your saved query NAME; alone: list them",
	.exec = exec_named,
};

static enum dwh_rc exec_delete(struct dwh *s, int argc, char **argv)
{
	char path[4200];

	(void)argc;
	if (saved_path(s, "\\nd", argv[1], path, sizeof path) != DWH_OK)
		return DWH_FAIL;
	if (unlink(path) < 0)
		return dwh_fail(s, "\\nd: %s", errno == ENOENT ? "no such saved query (\\n lists them)" : strerror(errno));
	dwh_msg(s, LOG_INFO, "Deleted saved query %s.", argv[1]);
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_nd = {
	.name = "\\nd",
	.args = "NAME",
	.min_args = 1,
	.max_args = 1,
	.help = "delete your saved query NAME",
	.exec = exec_delete,
};
