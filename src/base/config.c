/* config.c — reading dwh.cfg, the INI file the course's Python tools use (configparser style). */
#include "base/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct cfg_entry {
	char *section, *key, *value;
};

struct dwh_cfg {
	char *path;
	struct cfg_entry *v;
	size_t n, cap;
};

char *cfg_trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* 'value' or "value" → value: the quotes are decoration, not part of the value. */
static char *unquote(char *s)
{
	size_t n = strlen(s);

	if (n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0]) {
		s[n - 1] = '\0';
		return s + 1;
	}
	return s;
}

static int cfg_add(struct dwh_cfg *c, const char *sec, const char *key, const char *val)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct cfg_entry *v = realloc(c->v, cap * sizeof *v);

		if (!v)
			return -1;
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n].section = strdup(sec);
	c->v[c->n].key = strdup(key);
	c->v[c->n].value = strdup(val);
	if (!c->v[c->n].section || !c->v[c->n].key || !c->v[c->n].value)
		return -1;
	c->n++;
	return 0;
}

/* One line of the file; section is the current [SECTION] buffer. */
static int cfg_line(struct dwh_cfg *c, char *line, char *section, size_t seclen, long lineno,
		    struct dwh_err *e)
{
	char *s = cfg_trim(line), *eq;

	if (*s == '\0' || *s == '#' || *s == ';')
		return 0;
	if (*s == '[') {
		char *close = strchr(s, ']');

		if (!close || close[1] != '\0')
			return err_set(e, "%s:%ld: malformed section header: %s", c->path, lineno, s);
		*close = '\0';
		snprintf(section, seclen, "%s", cfg_trim(s + 1));
		return 0;
	}
	eq = strpbrk(s, "=:");
	if (!eq)
		return err_set(e, "%s:%ld: expected KEY = value, got: %.60s", c->path, lineno, s);
	if (!*section)
		return err_set(e, "%s:%ld: key outside any [SECTION]", c->path, lineno);
	*eq = '\0';
	if (!*cfg_trim(s))
		return err_set(e, "%s:%ld: empty key", c->path, lineno);
	if (cfg_add(c, section, cfg_trim(s), unquote(cfg_trim(eq + 1))) < 0)
		return err_set(e, "%s: out of memory", c->path);
	return 0;
}

struct dwh_cfg *cfg_load(const char *path, struct dwh_err *e)
{
	FILE *f = fopen(path, "r");
	struct dwh_cfg *c;
	char line[8192], section[256] = "";
	long lineno = 0;

	if (!f) {
		err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	c = calloc(1, sizeof *c);
	if (!c || !(c->path = strdup(path))) {
		free(c);
		fclose(f);
		err_set(e, "%s: out of memory", path);
		return NULL;
	}
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (cfg_line(c, line, section, sizeof section, lineno, e) < 0) {
			fclose(f);
			cfg_free(c);
			return NULL;
		}
	}
	fclose(f);
	return c;
}

void cfg_free(struct dwh_cfg *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].section);
		free(c->v[i].key);
		free(c->v[i].value);
	}
	free(c->v);
	free(c->path);
	free(c);
}

/* Later assignments win, as in configparser. */
const char *cfg_get(const struct dwh_cfg *c, const char *section, const char *key)
{
	const char *found = NULL;

	for (size_t i = 0; c && i < c->n; i++)
		if (!strcasecmp(c->v[i].section, section) && !strcasecmp(c->v[i].key, key))
			found = c->v[i].value;
	return found;
}

static bool has_section(const struct dwh_cfg *c, const char *section)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (!strcasecmp(c->v[i].section, section))
			return true;
	return false;
}

const char *cfg_need(const struct dwh_cfg *c, const char *section, const char *key,
		     struct dwh_err *e)
{
	const char *v = cfg_get(c, section, key);

	if (v)
		return v;
	if (!c)
		err_set(e, "no config file (--config FILE) to read [%s] %s from", section, key);
	else if (!has_section(c, section))
		err_set(e, "%s: missing section [%s] (needed for %s)", c->path, section, key);
	else
		err_set(e, "%s: missing key %s in section [%s]", c->path, key, section);
	return NULL;
}

const char *cfg_path(const struct dwh_cfg *c)
{
	return c ? c->path : NULL;
}
