/* cmd_timing.c — `timing on|off`: print "Time: N ms" after each SQL statement, as psql's \timing. */
#include "cmd/cmd.h"

#include <string.h>

static const char *const onoff[] = { "on", "off", NULL };

static enum dwh_rc exec_timing(struct dwh *s, int argc, char **argv)
{
	if (argc == 1)
		s->timing = !s->timing;
	else if (argc == 2 && !strcmp(argv[1], "on"))
		s->timing = true;
	else if (argc == 2 && !strcmp(argv[1], "off"))
		s->timing = false;
	else
		return cmd_usage(s, argv[0]);
	dwh_msg(s, LOG_INFO, "Timing is %s.", s->timing ? "on" : "off");
	return DWH_OK;
}

const struct dwh_cmd cmd_timing = {
	.name = "timing",
	.args = "[on|off]",
	.min_args = 0,
	.max_args = 1,
	.help = "show how long each SQL statement takes",
	.words = onoff,
	.exec = exec_timing,
};
