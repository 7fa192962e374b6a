/* cmd_profile.c — `profile raw [songs|events] [PATH]`: the raw input before staging, in one
 * streaming pass with the loader's own splitter (load/json_stream.h: JSON lines, pretty-printed
 * values, top-level arrays, a BOM). For each top-level key of the objects: how many objects
 * have it, its JSON types with their counts (userId as text and as number), NULLs, two
 * examples, the staging column it fills (matched ignoring case, as the loader and Redshift's
 * 'auto ignorecase' do) or that staging ignores it, and where a key's type drifts, the first
 * file that has the rarer type; then the staging columns no key fills. */
/* `profile [TABLE.]COLUMN` is profile_col.c. */
#include "cmd/cmd.h"
#include "cmd/profile_col.h"

#include "db/result.h"
#include "etl/loader.h"
#include "load/copy_row.h"
#include "load/files.h"
#include "load/json_stream.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define PK_MAX 128
#define PK_EX 48

enum jt { JT_STRING, JT_NUMBER, JT_BOOL, JT_NULL, JT_OTHER, JT_N };

struct pkey {
	char name[64];
	long long objects, n[JT_N];
	char ex[2][PK_EX];
	char first[JT_N][512];  /* the first file where each type was seen */
};

struct profile {
	struct pkey k[PK_MAX];
	int nk;
	long long objects, not_objects, more_keys;
};

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

/* The end of the JSON value at p (strings, nesting and escapes followed). */
static const char *skip_value(const char *p, const char *end)
{
	int depth = 0;

	do {
		if (p >= end)
			return end;
		if (*p == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\')
					p++;
			p++;
		} else if (*p == '{' || *p == '[') {
			depth++, p++;
		} else if (*p == '}' || *p == ']') {
			depth--, p++;
		} else if (depth == 0) {
			while (p < end && !strchr(",}] \t\r\n", *p))
				p++;
		} else {
			p++;
		}
	} while (depth > 0);
	return p;
}

static struct pkey *key_for(struct profile *pr, const char *name, size_t len)
{
	for (int i = 0; i < pr->nk; i++)
		if (strlen(pr->k[i].name) == len && !memcmp(pr->k[i].name, name, len))
			return &pr->k[i];
	if (pr->nk == PK_MAX || len >= sizeof pr->k[0].name) {
		pr->more_keys++;
		return NULL;
	}
	memset(&pr->k[pr->nk], 0, sizeof pr->k[0]);
	memcpy(pr->k[pr->nk].name, name, len);
	return &pr->k[pr->nk++];
}

static void one_object(struct profile *pr, const char *file, const char *text, size_t len)
{
	const char *end = text + len, *p = skip_ws(text, end);

	if (p >= end || *p != '{') {
		pr->not_objects++;
		return;
	}
	pr->objects++;
	for (p = skip_ws(p + 1, end); p < end && *p == '"';) {
		const char *k = p + 1, *v;
		struct pkey *key;
		enum jt t;

		for (p = k; p < end && *p != '"'; p++)
			if (*p == '\\')
				p++;
		key = key_for(pr, k, (size_t)(p - k));
		p = skip_ws(p + 1, end);
		if (p >= end || *p != ':')
			return;
		v = skip_ws(p + 1, end);
		p = skip_value(v, end);
		if (v >= end)
			return;
		t = *v == '"' ? JT_STRING : *v == '-' || isdigit((unsigned char)*v) ? JT_NUMBER
		  : *v == 't' || *v == 'f' ? JT_BOOL : *v == 'n' ? JT_NULL : JT_OTHER;
		if (key) {
			key->objects++;
			if (key->n[t]++ == 0)
				snprintf(key->first[t], sizeof key->first[t], "%s", file);
			if (t != JT_NULL) {
				char ex[PK_EX];
				int l = (int)(p - v) < PK_EX - 1 ? (int)(p - v) : PK_EX - 1;

				snprintf(ex, sizeof ex, "%.*s", l, v);
				for (int i = 0; i < 2; i++) {
					if (!strcmp(key->ex[i], ex))
						break;
					if (!key->ex[i][0]) {
						snprintf(key->ex[i], PK_EX, "%s", ex);
						break;
					}
				}
			}
		}
		p = skip_ws(p, end);
		if (p < end && *p == ',')
			p = skip_ws(p + 1, end);
	}
}

static const char *const type_names[JT_N] = { "string", "number", "boolean", "null", "object/array" };

static enum dwh_rc report(struct dwh *s, const char *which, const struct profile *pr, size_t nfiles)
{
	static const char *const cols[] = { "key", "objects", "string", "number", "boolean", "null",
					    "object_or_array", "examples", "staging_column", "drift" };
	static const int numeric[] = { 0, 1, 1, 1, 1, 1, 1, 0, 0, 0 };
	const struct copy_table *t = load_table(which);
	PGresult *res = result_new(10, cols, numeric);
	int r = 0;
	char num[32], buf[1200];

	if (!res)
		return dwh_fail(s, "out of memory");
	for (int i = 0; i < pr->nk; i++, r++) {
		const struct pkey *k = &pr->k[i];
		const char *col = NULL;
		int main_t = -1, types = 0;

		result_set(res, r, 0, k->name);
		snprintf(num, sizeof num, "%lld", k->objects);
		result_set(res, r, 1, num);
		for (int j = 0; j < JT_N; j++) {
			snprintf(num, sizeof num, "%lld", k->n[j]);
			result_set(res, r, 2 + j, num);
			if (j != JT_NULL && k->n[j]) {
				types++;
				if (main_t < 0 || k->n[j] > k->n[main_t])
					main_t = j;
			}
		}
		snprintf(buf, sizeof buf, "%s%s%s", k->ex[0], k->ex[1][0] ? ", " : "", k->ex[1]);
		result_set(res, r, 7, buf);
		for (int c = 0; t && c < t->ncols && !col; c++)
			if (!strcasecmp(t->cols[c].key, k->name))
				col = t->cols[c].name;
		result_set(res, r, 8, col ? col : "(ignored: staging has no such column)");
		buf[0] = '\0';
		if (types > 1)
			for (int j = 0; j < JT_N; j++)
				if (j != JT_NULL && j != main_t && k->n[j]) {
					size_t l = strlen(buf);
					snprintf(buf + l, sizeof buf - l, "%s%s first in %s", l ? "; " : "",
						 type_names[j], k->first[j]);
				}
		result_set(res, r, 9, buf[0] ? buf : NULL);
	}
	for (int c = 0; t && c < t->ncols; c++) {
		bool seen = false;

		for (int i = 0; i < pr->nk && !seen; i++)
			seen = !strcasecmp(t->cols[c].key, pr->k[i].name);
		if (seen)
			continue;
		snprintf(buf, sizeof buf, "(no key %s)", t->cols[c].key);
		result_set(res, r, 0, buf);
		result_set(res, r, 1, "0");
		result_set(res, r, 8, t->cols[c].name);
		result_set(res, r++, 9, "no key fills this column: always NULL");
	}
	snprintf(buf, sizeof buf, "raw %s: the keys of %lld objects in %zu files", which, pr->objects, nfiles);
	dwh_result(s, res, buf, -1);
	PQclear(res);
	dwh_msg(s, LOG_INFO, "profile raw %s: %lld objects in %zu file%s; %d keys%s%s", which, pr->objects,
		nfiles, dwh_plural((long long)nfiles), pr->nk, pr->not_objects ? ", values that are not objects: " : "",
		pr->not_objects ? (snprintf(num, sizeof num, "%lld", pr->not_objects), num) : "");
	if (pr->more_keys)
		dwh_msg(s, LOG_WARN, "profile raw %s: more than %d distinct keys: %lld occurrences not counted",
			which, PK_MAX, pr->more_keys);
	return DWH_OK;
}

static enum dwh_rc profile_one(struct dwh *s, const char *which, const char *path_arg)
{
	struct load_files files = { 0 };
	struct profile *pr = calloc(1, sizeof *pr);
	struct jstream *js = js_open(-1);
	char path[4096];
	enum dwh_rc rc = DWH_OK;

	if (!pr || !js) {
		free(pr);
		if (js)
			js_free(js);
		return dwh_fail(s, "out of memory");
	}
	if (load_input_path(s, which, path_arg, path, sizeof path) < 0 ||
	    load_files_find(&files, path, &s->err) < 0)
		rc = DWH_FAIL;
	else if (files.n == 0)
		rc = dwh_fail(s, "profile raw %s: no .json files under %s", which, path);
	for (size_t i = 0; rc == DWH_OK && i < files.n; i++) {
		int fd = open(files.v[i].path, O_RDONLY), r;
		struct jvalue v;

		if (fd < 0) {
			rc = dwh_fail(s, "%s: cannot open", files.v[i].path);
			break;
		}
		js_reset(js, fd, files.v[i].size);
		while ((r = js_next(js, &v)) == 1 && !s->interrupted)
			one_object(pr, files.v[i].path, v.text, v.len);
		close(fd);
		if (r < 0)
			rc = dwh_fail(s, "%s: read error", files.v[i].path);
		if (s->interrupted)
			rc = dwh_fail(s, "profile raw: cancelled");
	}
	if (rc == DWH_OK)
		rc = report(s, which, pr, files.n);
	js_free(js);
	load_files_free(&files);
	free(pr);
	return rc;
}

static enum dwh_rc exec_profile(struct dwh *s, int argc, char **argv)
{
	bool songs = true, events = true;

	if (strcmp(argv[1], "raw"))
		return argc == 2 ? profile_column(s, argv[1]) : cmd_usage(s, "profile");
	if (argc > 2) {
		songs = !strcmp(argv[2], "songs"), events = !strcmp(argv[2], "events");
		if (!songs && !events)
			return cmd_usage(s, "profile");
	}
	if (songs && profile_one(s, "songs", argc > 3 ? argv[3] : NULL) != DWH_OK)
		return DWH_FAIL;
	return events ? profile_one(s, "events", argc > 3 ? argv[3] : NULL) : DWH_OK;
}

static const char *const words[] = { "raw", NULL };

const struct dwh_cmd cmd_profile = {
	.name = "profile",
	.args = "raw [songs|events] [PATH] | [TABLE.]COLUMN",
	.min_args = 1,
	.max_args = 3,
	.help = "a column's NULLs, distinct values, spread and top values; or the raw JSON before staging",
	.detail = "profile raw              song files and event logs, one streaming pass each with the\n"
		  "                         loader's own splitter: per key the objects that have it,\n"
		  "                         its JSON types and counts (userId as string and as number),\n"
		  "                         NULLs, examples, the staging column it fills or that staging\n"
		  "                         ignores it, the first file of a rarer type (drift); then the\n"
		  "                         staging columns no key fills\n"
		  "profile raw events PATH  one kind, from PATH (else --data DIR or [LOCAL], as `stage`)\n"
		  "profile TABLE.COLUMN     computed by the server: rows, NULLs (count and share),\n"
		  "                         distinct values, min/max/mean and percentiles 25/50/75 for\n"
		  "                         numbers and times, the top 10 values with count, share, bar\n"
		  "profile COLUMN           the same over the console's shown result (its query as a\n"
		  "                         subquery, with its filters); F in the browser",
	.words = words,
	.exec = exec_profile,
};
