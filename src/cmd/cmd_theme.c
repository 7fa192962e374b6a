/* cmd_theme.c — `theme [NAME]`: list the console's colour themes or switch to one at once. */
#include "cmd/cmd.h"
#include "base/frontend.h"

static int exec_theme(struct dwh *s, int argc, char **argv)
{
	if (!frontend_hooks.theme) {
		err_set(&s->err, "theme: only the console has themes");
		return DWH_FAIL;
	}
	return frontend_hooks.theme(s, argc > 1 ? argv[1] : NULL);
}

const struct dwh_cmd cmd_theme = {
	.name = "theme",
	.args = "[NAME]",
	.min_args = 0,
	.max_args = 1,
	.help = "list the colour themes, or switch to one",
	.detail = "Themes are themes/NAME.theme files (element = fg, bg, attributes); yours go in\n"
		  "$XDG_CONFIG_HOME/dwh/themes/. Shipped: dusk (default), light, contrast, mono,\n"
		  "projector (black on white, bold, for a class).",
	.exec = exec_theme,
};
