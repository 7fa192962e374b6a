/* secrets.c — passwords off the command line, and secret files others can read (secrets.h). */
#include "base/secrets.h"

#include "base/config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool is_uri(const char *s)
{
	return !strncmp(s, "postgresql://", 13) || !strncmp(s, "postgres://", 11);
}

/* The end of a conninfo value starting at p: 'quoted with \' escapes' or up to a space. */
static char *conninfo_value_end(char *p)
{
	if (*p != '\'') {
		while (*p && !isspace((unsigned char)*p))
			p++;
		return p;
	}
	for (p++; *p && *p != '\''; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : p;
}

static void fill(char *from, const char *to)
{
	for (; from < to; from++)
		*from = 'x';
}

/* Each "password = VALUE" of a conninfo string; returns how many were found. */
static int scrub_conninfo(char *s, bool write)
{
	int n = 0;

	for (char *p = s; (p = strstr(p, "password")) != NULL; p += 8) {
		char *q = p + 8;

		if (p > s && !isspace((unsigned char)p[-1]))
			continue;       /* part of another word: "mypassword=" */
		while (isspace((unsigned char)*q))
			q++;
		if (*q != '=')
			continue;
		for (q++; isspace((unsigned char)*q); q++)
			;
		char *end = conninfo_value_end(q);

		n += end > q;
		if (write)
			fill(q, end);
	}
	return n;
}

/* A URI's user:PASSWORD@ and its ?password= / &password= parameters. */
static int scrub_uri(char *s, bool write)
{
	char *auth = strstr(s, "://") + 3, *at = strchr(auth, '@'), *slash = strchr(auth, '/');
	int n = 0;

	if (at && (!slash || at < slash)) {
		char *colon = memchr(auth, ':', (size_t)(at - auth));

		if (colon && colon + 1 < at) {
			n++;
			if (write)
				fill(colon + 1, at);
		}
	}
	for (char *p = strchr(s, '?'); p && (p = strstr(p, "password=")) != NULL; p += 9) {
		if (p[-1] != '?' && p[-1] != '&')
			continue;
		char *end = p + 9 + strcspn(p + 9, "&");

		n += end > p + 9;
		if (write)
			fill(p + 9, end);
	}
	return n;
}

bool secrets_has_password(const char *dbname)
{
	char *copy = dbname ? strdup(dbname) : NULL;
	bool yes = copy && (is_uri(copy) ? scrub_uri(copy, false) : scrub_conninfo(copy, false)) > 0;

	free(copy);
	return yes;
}

void secrets_scrub(char *dbname)
{
	if (is_uri(dbname))
		scrub_uri(dbname, true);
	else
		scrub_conninfo(dbname, true);
}

/* Group or world may read or write it (what libpq refuses in a .pgpass). */
static bool open_to_others(const char *path, mode_t *mode)
{
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return false;
	*mode = st.st_mode & 07777;
	return (st.st_mode & (S_IRWXG | S_IRWXO)) != 0;
}

void secrets_check_files(struct dwh *s)
{
	static bool done;
	const char *pgpass = getenv("PGPASSFILE"), *home = getenv("HOME");
	const char *pw = s->cfg ? cfg_get(s->cfg, "CLUSTER", "DB_PASSWORD") : NULL;
	char path[4096];
	mode_t mode;

	if (done)
		return;
	done = true;
	if (pw && *pw && open_to_others(cfg_path(s->cfg), &mode))
		dwh_msg(s, LOG_WARN, "%s holds a password and others can read it (mode %04o): "
			"chmod 600 %s", cfg_path(s->cfg), (unsigned)mode, cfg_path(s->cfg));
	if (!pgpass || !*pgpass) {
		if (!home || !*home)
			return;
		snprintf(path, sizeof path, "%s/.pgpass", home);
		pgpass = path;
	}
	if (open_to_others(pgpass, &mode))
		dwh_msg(s, LOG_WARN, "%s has group or world access (mode %04o), so libpq ignores it: "
			"chmod 600 %s", pgpass, (unsigned)mode, pgpass);
}
