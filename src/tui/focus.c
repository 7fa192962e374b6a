/* focus.c — `layout focus` (and F9): for a projector or a long result, the result pane takes
 * the screen and the Tables and Pipeline panes fold into one summary line. `layout` alone (or
 * F9 again) returns to the usual panes. */
#include <string.h>

#include "tui/ui.h"

/* Worker thread: leave the mode for the drawing thread. */
static enum dwh_rc hook_layout(struct dwh *s, const char *name)
{
	struct ui *u = ui_of_session(s);
	enum layout_mode mode;

	if (!name || !strcmp(name, "normal"))
		mode = LAYOUT_NORMAL;
	else if (!strcmp(name, "focus"))
		mode = LAYOUT_FOCUS;
	else
		return dwh_fail(s, "layout: no layout %s (focus or normal)", name);
	model_lock(&u->m);
	u->layout_mode = mode;
	model_changed(&u->m);
	model_unlock(&u->m);
	dwh_msg(s, LOG_INFO, "layout: %s", mode == LAYOUT_FOCUS
		? "focus (the result takes the screen; `layout` or F9 returns)" : "normal");
	return DWH_OK;
}

void focus_install(struct ui *u)
{
	u->s->hooks.layout = hook_layout;
}

void focus_toggle(struct ui *u)
{
	model_lock(&u->m);
	u->layout_mode = u->layout_mode == LAYOUT_FOCUS ? LAYOUT_NORMAL : LAYOUT_FOCUS;
	model_changed(&u->m);
	model_unlock(&u->m);
}

/* One table for the summary: "songplays 7772 +7772" (the change the last command made). */
static void table_part(const struct model *m, int i, char *buf, size_t n)
{
	int64_t rows = m->table_rows[i];

	if (m->table_delta[i] && m->table_delta_epoch[i] == m->epoch)
		snprintf(buf, n, "%s %lld %+lld", m->table_names[i], (long long)(rows < 0 ? 0 : rows),
			 (long long)m->table_delta[i]);
	else
		snprintf(buf, n, "%s %lld", m->table_names[i], (long long)rows);
}

/* Where the pipeline is: "✓ 8 of 8 stages · load time done". */
static void pipeline_part(const struct model *m, char *buf, size_t n)
{
	static const char *const word[] = { "", "running", "done", "failed", "cancelled" };
	const struct model_stage *cur = NULL;
	int done = 0;

	for (int i = 0; i < MODEL_STAGES; i++) {
		const struct model_stage *st = &m->stages[i];
		if (st->state == STAGE_DONE)
			done++;
		if (st->state == STAGE_RUNNING ||
		    (!cur && st->epoch == m->epoch && m->epoch && st->state != STAGE_PENDING))
			cur = st;
	}
	if (cur)
		snprintf(buf, n, "%d of %d stages · %s %s", done, MODEL_STAGES, cur->name, word[cur->state]);
	else
		snprintf(buf, n, "%d of %d stages done", done, MODEL_STAGES);
}

/* The Tables and Pipeline panes in one line, as much as fits: what the last command changed
 * first, then the star, then staging; the pipeline on the right. Model locked. */
void focus_draw_summary(struct ui *u, struct rect r)
{
	const struct model *m = &u->m;
	char line[1024] = "", part[160], right[160];
	bool used[MODEL_TABLES] = { false };
	int order[3 * MODEL_TABLES], no = 0;

	for (int i = 0; i < MODEL_TABLES; i++)    /* changed, then the star, then the rest */
		if (m->table_delta[i] && m->table_delta_epoch[i] == m->epoch)
			order[no++] = i;
	for (int i = 0; i < MODEL_TABLES; i++)
		if (strncmp(m->table_names[i], "staging_", 8) && strcmp(m->table_names[i], "load_errors"))
			order[no++] = i;
	for (int i = 0; i < MODEL_TABLES; i++)
		order[no++] = i;
	pipeline_part(m, right, sizeof right);
	int room = r.w - model_width(right) - 4;
	for (int k = 0; k < no; k++) {
		int i = order[k];
		if (used[i] || m->table_rows[i] < 0 ||
		    (!strcmp(m->table_names[i], "load_errors") && m->table_rows[i] == 0))
			continue;
		used[i] = true;
		table_part(m, i, part, sizeof part);
		if (model_width(line) + (line[0] ? 3 : 0) + model_width(part) > room)
			continue;
		if (line[0])
			strncat(line, " · ", sizeof line - strlen(line) - 1);
		strncat(line, part, sizeof line - strlen(line) - 1);
	}
	if (!line[0])
		snprintf(line, sizeof line, "%s", "no tables yet (create)");
	draw_text(u, r.y, r.x, r.w, 0, " ", EL_STATUSBAR);
	draw_text(u, r.y, r.x + 1, r.w - 1, 0, line, EL_STATUSBAR);
	int rw = model_width(right);
	if (rw + 2 < r.w)
		draw_text(u, r.y, r.x + r.w - rw - 1, rw + 1, 0, right, EL_STATUSBAR);
}
