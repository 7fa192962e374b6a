/* cmd_pset.c — psql's \pset (format, border, null, fieldsep, tuples_only, title, footer,
 * expanded) and its shortcuts \t and \a, answering in psql's words. The settings live in the
 * session (s->pset); every front end prints through them (view/pset.h). */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const formats[] = { "aligned", "unaligned", "csv", "wrapped", NULL };
static const char *const names[] = {
	"format", "border", "null", "fieldsep", "tuples_only", "title", "footer", "expanded", "columns",
	NULL,
};

/* psql's boolean words (ParseVariableBool): a prefix of on/off (two letters at least), true,
 * false, yes, no, or 1/0. 1, 0, or -1 when none. */
static int parse_bool(const char *v)
{
	static const char *const yes[] = { "true", "yes", "on", "1" }, *const no[] = { "false", "no", "off", "0" };
	size_t n = strlen(v);

	for (int i = 0; i < 4 && n; i++) {
		size_t least = i == 2 ? 2 : 1;

		if (n >= least && n <= strlen(yes[i]) && !strncasecmp(v, yes[i], n))
			return 1;
		if (n >= least && n <= strlen(no[i]) && !strncasecmp(v, no[i], n))
			return 0;
	}
	return -1;
}

static enum dwh_rc say(struct dwh *s, const char *name)
{
	const struct dwh_pset *p = &s->pset;
	static const char *const xsaid[] = { "off", "on", "used automatically" };

	if (!strcmp(name, "format"))
		dwh_msg(s, LOG_INFO, "Output format is %s.", formats[p->format]);
	else if (!strcmp(name, "border"))
		dwh_msg(s, LOG_INFO, "Border style is %d.", p->border_set ? p->border : 1);
	else if (!strcmp(name, "null"))
		dwh_msg(s, LOG_INFO, "Null display is \"%s\".", p->null);
	else if (!strcmp(name, "fieldsep"))
		dwh_msg(s, LOG_INFO, "Field separator is \"%s\".", p->sep_set ? p->fieldsep : "|");
	else if (!strcmp(name, "tuples_only"))
		dwh_msg(s, LOG_INFO, "Tuples only is %s.", p->tuples_only ? "on" : "off");
	else if (!strcmp(name, "title") && p->has_title)
		dwh_msg(s, LOG_INFO, "Title is \"%s\".", p->title);
	else if (!strcmp(name, "title"))
		dwh_msg(s, LOG_INFO, "Title is unset.");
	else if (!strcmp(name, "footer"))
		dwh_msg(s, LOG_INFO, "Default footer is %s.", p->no_footer ? "off" : "on");
	else if (!strcmp(name, "columns") && p->columns)
		dwh_msg(s, LOG_INFO, "Target width is %d.", p->columns);
	else if (!strcmp(name, "columns"))
		dwh_msg(s, LOG_INFO, "Target width is unset.");
	else
		dwh_msg(s, LOG_INFO, "Expanded display is %s.", xsaid[s->expanded]);
	return DWH_OK;
}

static enum dwh_rc set_format(struct dwh *s, const char *v)
{
	int hit = -1;

	for (int i = 0; formats[i]; i++)
		if (!strncasecmp(v, formats[i], strlen(v)) && *v)
			hit = hit < 0 ? i : -2;         /* a prefix names one format, as psql */
	if (hit < 0)
		return dwh_fail(s, "\\pset: allowed formats are aligned, csv, unaligned, wrapped");
	s->pset.format = (enum dwh_format)hit;
	return DWH_OK;
}

/* A boolean setting: the value given, or toggled when none, as psql. */
static enum dwh_rc set_bool(struct dwh *s, bool *field, const char *v, const char *name, bool negated)
{
	int b = v ? parse_bool(v) : -1;

	if (v && b < 0)
		return dwh_fail(s, "unrecognized value \"%s\" for \"%s\": Boolean expected", v, name);
	*field = v ? (negated ? !b : b) : !*field;
	return DWH_OK;
}

static enum dwh_rc set_one(struct dwh *s, const char *name, const char *v)
{
	struct dwh_pset *p = &s->pset;

	if (!strcmp(name, "format"))
		return v ? set_format(s, v) : DWH_OK;
	if (!strcmp(name, "border")) {
		if (v) {
			p->border = v[0] >= '0' && v[0] <= '9' ? (int)strtol(v, NULL, 10) : 0;
			p->border_set = true;
		}
		return DWH_OK;
	}
	if (!strcmp(name, "null")) {
		if (v)
			snprintf(p->null, sizeof p->null, "%s", v);
		return DWH_OK;
	}
	if (!strcmp(name, "fieldsep")) {
		if (v) {
			snprintf(p->fieldsep, sizeof p->fieldsep, "%s", v);
			p->sep_set = true;
		}
		return DWH_OK;
	}
	if (!strcmp(name, "tuples_only"))
		return set_bool(s, &p->tuples_only, v, name, false);
	if (!strcmp(name, "footer"))
		return set_bool(s, &p->no_footer, v, name, true);
	if (!strcmp(name, "columns")) {
		if (v)
			p->columns = v[0] >= '0' && v[0] <= '9' ? (int)strtol(v, NULL, 10) : 0;
		return DWH_OK;
	}
	if (!strcmp(name, "title")) {
		p->has_title = v != NULL;
		snprintf(p->title, sizeof p->title, "%s", v ? v : "");
		return DWH_OK;
	}
	return cmd_find("\\x")->exec(s, v ? 2 : 1, (char *[]){ "\\x", (char *)v, NULL }) == DWH_OK
		? DWH_OK : DWH_FAIL;
}

static enum dwh_rc exec_pset(struct dwh *s, int argc, char **argv)
{
	if (argc == 1) {        /* the settings, as psql's \pset alone lists them */
		char line[300];
		const struct dwh_pset *p = &s->pset;

		dwh_msg(s, LOG_INFO, "%-24s %d", "border", p->border_set ? p->border : 1);
		dwh_msg(s, LOG_INFO, "%-24s %d", "columns", p->columns);
		dwh_msg(s, LOG_INFO, "%-24s %s", "expanded", s->expanded == 2 ? "auto" : s->expanded ? "on" : "off");
		dwh_msg(s, LOG_INFO, "%-24s '%s'", "fieldsep", p->sep_set ? p->fieldsep : "|");
		dwh_msg(s, LOG_INFO, "%-24s %s", "footer", p->no_footer ? "off" : "on");
		dwh_msg(s, LOG_INFO, "%-24s %s", "format", formats[p->format]);
		dwh_msg(s, LOG_INFO, "%-24s '%s'", "null", p->null);
		snprintf(line, sizeof line, "%-24s %s%s%s", "title", p->has_title ? "'" : "",
			 p->has_title ? p->title : "", p->has_title ? "'" : "");
		dwh_msg(s, LOG_INFO, "%s", line);
		dwh_msg(s, LOG_INFO, "%-24s %s", "tuples_only", p->tuples_only ? "on" : "off");
		return DWH_OK;
	}
	for (int i = 0; names[i]; i++) {
		if (strcmp(argv[1], names[i]))
			continue;
		if (set_one(s, names[i], argc > 2 ? argv[2] : NULL) != DWH_OK)
			return DWH_FAIL;
		/* psql 15 says nothing when a boolean is given its value, only when toggled */
		if (argc > 2 && (!strcmp(names[i], "tuples_only") || !strcmp(names[i], "footer")))
			return DWH_OK;
		return strcmp(names[i], "expanded") ? say(s, names[i]) : DWH_OK;
	}
	return dwh_fail(s, "\\pset: unknown option: %s", argv[1]);
}

const struct dwh_cmd cmd_meta_pset = {
	.name = "\\pset",
	.args = "[NAME [VALUE]]",
	.max_args = 2,
	.help = "how results print, as psql: format (aligned unaligned csv wrapped), border, null, "
		"fieldsep, tuples_only, title, footer, expanded, columns (the width wrapped fits)",
	.words = names,
	.exec = exec_pset,
};

static enum dwh_rc exec_t(struct dwh *s, int argc, char **argv)
{
	if (set_bool(s, &s->pset.tuples_only, argc > 1 ? argv[1] : NULL, "tuples_only", false) != DWH_OK)
		return DWH_FAIL;
	return argc > 1 ? DWH_OK : say(s, "tuples_only");
}

const struct dwh_cmd cmd_meta_t = {
	.name = "\\t",
	.args = "[on|off]",
	.max_args = 1,
	.help = "rows only: no header, no footer (as \\pset tuples_only)",
	.exec = exec_t,
};

static enum dwh_rc exec_a(struct dwh *s, int argc, char **argv)
{
	(void)argc, (void)argv;
	s->pset.format = s->pset.format == FMT_ALIGNED ? FMT_UNALIGNED : FMT_ALIGNED;
	return say(s, "format");
}

const struct dwh_cmd cmd_meta_a = {
	.name = "\\a",
	.args = "",
	.help = "toggle aligned and unaligned output (as \\pset format)",
	.exec = exec_a,
};
