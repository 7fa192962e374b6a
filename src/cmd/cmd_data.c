/* cmd_data.c — `data [DIR]`: the session's source of song and event files, shown or set
 * without a restart (as --data DIR at start). DIR is a tree holding song_data/ and log_data/,
 * directly or one level down (a clone of the course data, an unpacked archive). */
#include "cmd/cmd.h"
#include "etl/runlog.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The session's own copy: s->opts.data_dir otherwise points into argv. */
static char chosen[PATH_MAX];

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool holds_both(const char *dir)
{
	char a[PATH_MAX + 16], b[PATH_MAX + 16];

	snprintf(a, sizeof a, "%s/song_data", dir);
	snprintf(b, sizeof b, "%s/log_data", dir);
	return is_dir(a) && is_dir(b);
}

/* DIR itself, or its one child that holds song_data and log_data, into out. */
static bool find_source(const char *dir, char *out, size_t n)
{
	DIR *d;
	struct dirent *de;
	bool found = false;

	if (holds_both(dir))
		return snprintf(out, n, "%s", dir), true;
	if (!(d = opendir(dir)))
		return false;
	while (!found && (de = readdir(d)) != NULL) {
		char sub[PATH_MAX];

		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, de->d_name);
		if (is_dir(sub) && holds_both(sub))
			found = snprintf(out, n, "%s", sub) > 0;
	}
	closedir(d);
	return found;
}

enum dwh_rc data_set(struct dwh *s, const char *dir)
{
	char abs[PATH_MAX], src[PATH_MAX];

	if (!is_dir(dir))
		return dwh_fail(s, "data %s: not a directory", dir);
	if (!realpath(dir, abs))
		snprintf(abs, sizeof abs, "%s", dir);
	if (!find_source(abs, src, sizeof src))
		return dwh_fail(s, "data %s: no song_data/ and log_data/ in it (nor one level down)",
				dir);
	snprintf(chosen, sizeof chosen, "%s", src);
	s->opts.data_dir = chosen;
	return DWH_OK;
}

static void show_remembered(struct dwh *s, const char *stage)
{
	char buf[4096];
	double ago;

	if (s->conn && runlog_last_input(s, stage, buf, sizeof buf, &ago) == 1)
		dwh_msg(s, LOG_INFO, "  %s: %s (the last run's input)", stage, buf);
	else
		dwh_msg(s, LOG_INFO, "  %s: none (data DIR, --data DIR or [LOCAL] in dwh.cfg)", stage);
	err_clear(&s->err);
}

static enum dwh_rc exec_data(struct dwh *s, int argc, char **argv)
{
	const char *songs = cfg_get(s->cfg, "LOCAL", "SONG_DATA"), *logs = cfg_get(s->cfg, "LOCAL", "LOG_DATA");
	enum dwh_rc rc;

	if (argc > 1) {
		if ((rc = data_set(s, argv[1])) != DWH_OK)
			return rc;
		dwh_msg(s, LOG_INFO, "data: %s (song_data/ and log_data/ under it); run or stage use it",
			s->opts.data_dir);
		return DWH_OK;
	}
	if (s->opts.data_dir) {
		dwh_msg(s, LOG_INFO, "data: %s", s->opts.data_dir);
		dwh_msg(s, LOG_INFO, "  stage songs: %s/song_data", s->opts.data_dir);
		dwh_msg(s, LOG_INFO, "  stage events: %s/log_data", s->opts.data_dir);
		return DWH_OK;
	}
	dwh_msg(s, LOG_INFO, "data: not set (data DIR sets it)");
	if (songs && *songs)
		dwh_msg(s, LOG_INFO, "  stage songs: %s ([LOCAL] SONG_DATA)", songs);
	else
		show_remembered(s, "stage songs");
	if (logs && *logs)
		dwh_msg(s, LOG_INFO, "  stage events: %s ([LOCAL] LOG_DATA)", logs);
	else
		show_remembered(s, "stage events");
	return DWH_OK;
}

const struct dwh_cmd cmd_data = {
	.name = "data",
	.args = "[DIR]",
	.max_args = 1,
	.help = "show or set where stage and run read songs and events (DIR/song_data, DIR/log_data)",
	.detail = "data                   where `stage songs` and `stage events` read from now\n"
		  "data DIR               read DIR/song_data and DIR/log_data (or one level down) from now on,\n"
		  "                       as --data DIR; `run --data DIR` does the same and runs",
	.exec = exec_data,
};
