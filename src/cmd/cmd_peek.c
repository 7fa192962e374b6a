/* cmd_peek.c — `peek [songs|events]`: the raw input as it is on disk, before any loading: the
 * first song file whole and the first line of the first event log (the tour starts here). */
#include "cmd/cmd.h"
#include "base/config.h"
#include "base/fsutil.h"
#include "load/files.h"
#include "etl/loader.h"

#include <stdlib.h>
#include <string.h>

#define PEEK_MAX_LINES 40
#define PEEK_MAX_LINE 1000

/* One line of data as a message: control characters shown as \xNN (data never drives the
 * terminal), cut at PEEK_MAX_LINE bytes. */
static void say_line(struct dwh *s, const char *line, size_t len)
{
	char out[PEEK_MAX_LINE * 4 + 8];
	size_t o = 0;

	for (size_t i = 0; i < len && i < PEEK_MAX_LINE; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	dwh_msg(s, LOG_INFO, "  %s%s", out, len > PEEK_MAX_LINE ? " …" : "");
}

/* Whether the line at text (len bytes to its end) is a play: "page":"NextSong". */
static bool is_play(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len);
	size_t n = nl ? (size_t)(nl - text) : len;

	for (size_t i = 0; i + 6 < n; i++)
		if (!memcmp(text + i, "\"page\"", 6)) {
			size_t j = i + 6;
			while (j < n && (text[j] == ' ' || text[j] == ':'))
				j++;
			return n - j >= 10 && !memcmp(text + j, "\"NextSong\"", 10);
		}
	return false;
}

/* The offset of the first play's line, 0 when there is none. */
static size_t first_play(const char *text, size_t len)
{
	for (size_t off = 0; off < len;) {
		const char *nl = memchr(text + off, '\n', len - off);

		if (is_play(text + off, len - off))
			return off;
		if (!nl)
			break;
		off = (size_t)(nl - text) + 1;
	}
	return 0;
}

static enum dwh_rc peek_one(struct dwh *s, const char *which, bool whole)
{
	bool songs = whole;
	struct load_files files = { 0 };
	char path[4096];
	char *text;
	size_t len;
	int lines = 0;

	if (load_input_path(s, which, NULL, path, sizeof path) < 0) {
		/* no local copy, but the data is in S3 (a Redshift set-up): say how to look at it */
		const char *s3 = cfg_get(s->cfg, "S3", songs ? "SONG_DATA" : "LOG_DATA");

		if (!s3 || !*s3)
			return DWH_FAIL;
		err_clear(&s->err);
		dwh_msg(s, LOG_INFO, "%s — in S3 at %s, which dwh does not read itself; to look:", which, s3);
		dwh_msg(s, LOG_INFO, "  aws s3 ls --recursive %s | head -n 3", s3);
		dwh_msg(s, LOG_INFO, "  aws s3 cp s3://BUCKET/KEY - | head -n %d", songs ? PEEK_MAX_LINES : 1);
		return DWH_OK;
	}
	if (load_files_find(&files, path, &s->err) < 0)
		return DWH_FAIL;
	if (files.n == 0) {
		load_files_free(&files);
		return dwh_fail(s, "peek %s: no .json files under %s", which, path);
	}
	text = fs_read_all(files.v[0].path, &len, &s->err);
	if (!text) {
		load_files_free(&files);
		return DWH_FAIL;
	}
	/* a log's first lines are often not plays (Home, Login: "artist":null): the lesson is a
	 * play, so events start at the first NextSong line */
	size_t start = whole ? 0 : first_play(text, len);
	long lineno = 1;
	for (size_t i = 0; i < start; i++)
		lineno += text[i] == '\n';
	if (whole)
		dwh_msg(s, LOG_INFO, "%s — the first of %zu files, %s:", which, files.n, files.v[0].path);
	else
		dwh_msg(s, LOG_INFO, "%s — line %ld of the first of %zu files (%s), %s:", which, lineno,
			files.n, start || is_play(text, len) ? "its first play, page NextSong"
							    : "no play in it", files.v[0].path);
	for (size_t off = start; off < len && lines < (whole ? PEEK_MAX_LINES : 1); lines++) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (text + off)) : len - off;

		say_line(s, text + off, n);
		off += n + 1;
	}
	free(text);
	load_files_free(&files);
	return DWH_OK;
}

static enum dwh_rc exec_peek(struct dwh *s, int argc, char **argv)
{
	bool songs = argc < 2 || !strcmp(argv[1], "songs"), events = argc < 2 || !strcmp(argv[1], "events");

	if (!songs && !events)
		return cmd_usage(s, "peek");
	if (songs && peek_one(s, "songs", true) != DWH_OK)
		return DWH_FAIL;
	return events ? peek_one(s, "events", false) : DWH_OK;
}

static const char *const words[] = { "songs", "events", NULL };

const struct dwh_cmd cmd_peek = {
	.name = "peek",
	.args = "[songs|events]",
	.min_args = 0,
	.max_args = 1,
	.help = "the raw input as it is on disk: one song file, one event line",
	.detail = "peek            the first song file whole and the first play (page NextSong) of the first log\n"
		  "peek songs      only the song file;  peek events: only the log line\n"
		  "From --data DIR or [LOCAL] SONG_DATA / LOG_DATA, as `stage` reads them; with only\n"
		  "[S3] paths (Redshift), how to look at them with the AWS CLI.",
	.words = words,
	.exec = exec_peek,
};
