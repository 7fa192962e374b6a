/* cmd_tour.c — `tour [FILE|DIR]`: the guided tour of sql/tour/ (or another). The console steps
 * it with keys (s->hooks.tour), a line prompt waits for Enter between steps, and batch
 * mode (-c tour) says and runs every step in turn, for a handout. */
#include "cmd/cmd.h"
#include "cmd/tour.h"

static enum dwh_rc exec_tour(struct dwh *s, int argc, char **argv)
{
	struct tour t;
	int i = 0;
	enum dwh_rc rc = DWH_OK;

	if (tour_load(argc > 1 ? argv[1] : NULL, &t, &s->err) < 0)
		return DWH_FAIL;
	if (s->hooks.tour)
		return s->hooks.tour(s, &t);
	while (i < t.n && !s->interrupted) {
		if (i > 0 || s->hooks.tour_pause)
			dwh_msg(s, LOG_INFO, "%s", "");
		tour_say(s, &t, i);
		rc = tour_run_step(s, &t, i);
		if (rc != DWH_OK && !s->hooks.tour_pause) {
			err_clear(&s->err);     /* the command's own error is shown; now the step's */
			err_set(&s->err, "tour: stopped at step %d/%d (%s)", i + 1, t.n, t.steps[i].file);
			break;
		}
		rc = DWH_OK;    /* at a prompt the person decides whether to go on */
		if (!s->hooks.tour_pause) {
			i++;
			continue;
		}
		int go = s->hooks.tour_pause(s, i, t.n);
		if (go < 0)
			break;
		i = go;
	}
	if (rc == DWH_OK && i >= t.n)
		dwh_msg(s, LOG_INFO, "── end of the tour (%d steps)", t.n);
	tour_free(&t);
	return rc;
}

const struct dwh_cmd cmd_tour = {
	.name = "tour",
	.args = "[FILE|DIR]",
	.min_args = 0,
	.max_args = 1,
	.help = "a guided tour of the warehouse, one step at a time",
	.detail = "tour            the steps in sql/tour/: the raw data, create, each stage with its\n"
		  "                SQL, check, schema, three questions answered with a chart\n"
		  "tour FILE|DIR   another tour: step files (title line, prose, `$ command` lines)\n"
		  "In the console: Enter the next step, Backspace or b back, q leaves (on an empty\n"
		  "line; type anything else to run it). At a line prompt: Enter between steps.\n"
		  "With -c tour every step is printed and run, for a handout.",
	.exec = exec_tour,
};
