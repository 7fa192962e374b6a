/* cmd_set.c — `set mouse on|off`: the console's mouse (s->hooks.mouse). Any other `set ...`
 * is SQL's SET, sent as typed, so `set search_path to x` still reaches the server. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"

/* "mouse on" / "mouse off" (blanks around): 1 on, 0 off, -1 anything else. */
static int mouse_words(const char *t)
{
	char a[16], b[16], extra[2];

	if (sscanf(t, "%15s %15s %1s", a, b, extra) != 2 || strcmp(a, "mouse"))
		return -1;
	return !strcmp(b, "on") ? 1 : !strcmp(b, "off") ? 0 : -1;
}

static const char *const set_words[] = { "mouse", NULL };

static enum dwh_rc exec_set(struct dwh *s, int argc, char **argv)
{
	const char *rest = argc > 1 ? argv[1] : "";
	int on = mouse_words(rest);
	enum dwh_rc rc;
	char *sql;

	if (on >= 0) {
		if (!s->hooks.mouse)
			return dwh_fail(s, "set mouse: only the console has a mouse");
		return s->hooks.mouse(s, on == 1);
	}
	if (!strncmp(rest, "mouse", 5) && (!rest[5] || isspace((unsigned char)rest[5])))
		return cmd_usage(s, argv[0]);
	if (!(sql = malloc(strlen(rest) + 5)))
		return dwh_fail(s, "set: out of memory");
	sprintf(sql, "set %s", rest);
	rc = cmd_dispatch_sql(s, sql);
	free(sql);
	return rc;
}

const struct dwh_cmd cmd_set = {
	.name = "set",
	.args = "mouse on|off",
	.min_args = 1,
	.max_args = 1,
	.words = set_words,
	.help = "the console's mouse on or off (off: the terminal's own selection); other SET is SQL",
	.raw = true,
	.exec = exec_set,
};
