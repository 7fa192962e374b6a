/* cmd_meta.c — psql's session meta-commands, in the one command table so help, completion
 * and the man page list them: \? \q \x \timing \echo \set \unset. They behave and answer as
 * psql's do, so fingers trained on psql keep working. */
#include "cmd/cmd.h"
#include "psql/vars.h"

#include <stdlib.h>
#include <string.h>

static enum dwh_rc exec_meta_help(struct dwh *s, int argc, char **argv)
{
	(void)argc, (void)argv;
	dwh_msg(s, LOG_INFO, "psql's meta-commands (help lists dwh's own commands too):");
	for (const struct dwh_cmd *const *c = cmd_table; *c; c++) {
		char usage[80];

		if ((*c)->name[0] != '\\')
			continue;
		snprintf(usage, sizeof usage, "%s %s", (*c)->name, (*c)->args);
		dwh_msg(s, LOG_INFO, "  %-24s %s", usage, (*c)->help);
	}
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_help = {
	.name = "\\?",
	.args = "",
	.help = "list psql's meta-commands that dwh knows",
	.exec = exec_meta_help,
};

static enum dwh_rc exec_meta_quit(struct dwh *s, int argc, char **argv)
{
	(void)argc, (void)argv;
	return s->hooks.quit ? s->hooks.quit(s) : DWH_OK;
}

const struct dwh_cmd cmd_meta_quit = {
	.name = "\\q",
	.args = "",
	.help = "leave dwh (as quit)",
	.exec = exec_meta_quit,
};

static const char *const xwords[] = { "on", "off", "auto", NULL };

static enum dwh_rc exec_expanded(struct dwh *s, int argc, char **argv)
{
	static const char *const said[] = { "off.", "on.", "used automatically." };

	if (argc == 1)
		s->expanded = s->expanded == 1 ? 0 : 1;
	else if (!strcmp(argv[1], "on"))
		s->expanded = 1;
	else if (!strcmp(argv[1], "off"))
		s->expanded = 0;
	else if (!strcmp(argv[1], "auto"))
		s->expanded = 2;
	else
		return cmd_usage(s, argv[0]);
	dwh_msg(s, LOG_INFO, "Expanded display is %s", said[s->expanded]);
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_x = {
	.name = "\\x",
	.args = "[on|off|auto]",
	.max_args = 1,
	.help = "expanded display: one block per row (auto: when a row is wider than the screen)",
	.words = xwords,
	.exec = exec_expanded,
};

static enum dwh_rc exec_meta_timing(struct dwh *s, int argc, char **argv)
{
	const struct dwh_cmd *t = cmd_find("timing");

	return t->exec(s, argc, argv);
}

static const char *const onoff[] = { "on", "off", NULL };

const struct dwh_cmd cmd_meta_timing = {
	.name = "\\timing",
	.args = "[on|off]",
	.max_args = 1,
	.help = "show how long each SQL statement takes (as timing)",
	.words = onoff,
	.exec = exec_meta_timing,
};

static enum dwh_rc exec_echo(struct dwh *s, int argc, char **argv)
{
	char buf[4096];
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 1; i < argc && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i > 1 ? " " : "", argv[i]);
	dwh_msg(s, LOG_INFO, "%s", buf);
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_echo = {
	.name = "\\echo",
	.args = "[TEXT...]",
	.max_args = CMD_ANY,
	.help = "print the words (variables interpolated)",
	.exec = exec_echo,
};

/* \set alone lists the variables; \set NAME VALUE... joins the values with nothing between
 * them, as psql does (\set x a b gives "ab"). */
static enum dwh_rc exec_set(struct dwh *s, int argc, char **argv)
{
	char value[4096];
	size_t len = 0;

	if (argc == 1) {
		for (int i = 0; i < vars_count(s); i++) {
			const char *n, *v;

			vars_at(s, i, &n, &v);
			dwh_msg(s, LOG_INFO, "%s = '%s'", n, v);
		}
		return DWH_OK;
	}
	if (!vars_valid_name(argv[1]))
		return dwh_fail(s, "\\set: invalid variable name: \"%s\"", argv[1]);
	value[0] = '\0';
	for (int i = 2; i < argc && len < sizeof value; i++)
		len += (size_t)snprintf(value + len, sizeof value - len, "%s", argv[i]);
	if (!strcmp(argv[1], "READ_ONLY")) {    /* dwh's special variable, as psql's AUTOCOMMIT */
		bool on;

		if (!cmd_parse_bool(value, &on))
			return dwh_fail(s, "unrecognized value \"%s\" for \"READ_ONLY\": Boolean expected", value);
		if (guard_read_only(s, on) != DWH_OK)
			return DWH_FAIL;
	}
	if (vars_set(s, argv[1], value) < 0)
		return dwh_fail(s, "\\set: out of memory");
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_set = {
	.name = "\\set",
	.args = "[NAME [VALUE...]]",
	.max_args = CMD_ANY,
	.help = "set a variable for :NAME, :'NAME' (a literal), :\"NAME\" (an identifier); alone: list them",
	.exec = exec_set,
};

static enum dwh_rc exec_unset(struct dwh *s, int argc, char **argv)
{
	(void)argc;
	if (!strcmp(argv[1], "READ_ONLY") && guard_read_only(s, false) != DWH_OK)
		return DWH_FAIL;
	vars_unset(s, argv[1]);
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_unset = {
	.name = "\\unset",
	.args = "NAME",
	.min_args = 1,
	.max_args = 1,
	.help = "remove a variable",
	.exec = exec_unset,
};
