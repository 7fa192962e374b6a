/* hooks.c — the console's side of the front-end hooks (theme, screenshot, quit). They run on
 * the worker thread, so they only leave requests in the model for the drawing thread and,
 * for a screenshot, wait for it to be written. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontend.h"
#include "tui/ui.h"

static struct ui *hu;

static int hook_theme(struct dwh *s, const char *name)
{
	struct theme t;
	char *names[64];

	if (!name) {
		int n = theme_list(names, 64);
		char buf[1024] = "";
		for (int i = 0; i < n; i++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? " " : "", names[i]);
		theme_list_free(names, n);
		char now[64];
		model_lock(&hu->m);
		snprintf(now, sizeof now, "%s", hu->theme.name);
		model_unlock(&hu->m);
		dwh_msg(s, LOG_INFO, "themes: %s (now: %s)", buf, now);
		return DWH_OK;
	}
	if (theme_load(name, &t, &s->err) < 0)
		return DWH_FAIL;
	model_lock(&hu->m);
	hu->want = t;
	hu->want_theme = true;
	model_changed(&hu->m);
	model_unlock(&hu->m);
	dwh_msg(s, LOG_INFO, "theme: %s%s", t.name, hu->ncolors ? "" : " (no colours on this terminal)");
	return DWH_OK;
}

static int hook_screenshot(struct dwh *s, const char *path)
{
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	model_lock(&hu->m);
	free(hu->shot_path);
	hu->shot_path = strdup(path);
	hu->shot_done = false;
	model_changed(&hu->m);
	while (!hu->shot_done && rc == 0)
		rc = pthread_cond_timedwait(&hu->shot_cv, &hu->m.mu, &until);
	bool done = hu->shot_done;
	int err = hu->shot_rc;
	model_unlock(&hu->m);
	if (!done || err) {
		err_set(&s->err, "screenshot %s: %s", path,
			done ? strerror(err) : "the screen did not answer");
		return DWH_FAIL;
	}
	dwh_msg(s, LOG_INFO, "screenshot: %s", path);
	return DWH_OK;
}

static int hook_quit(struct dwh *s)
{
	(void)s;
	model_lock(&hu->m);
	hu->quit_req = true;
	model_changed(&hu->m);
	model_unlock(&hu->m);
	return DWH_OK;
}

/* The drawing thread leaves the screen, runs it, and comes back; we wait as long as it takes. */
static int hook_terminal(struct dwh *s, char *const argv[])
{
	(void)s;
	model_lock(&hu->m);
	hu->term_argv = argv;
	hu->term_done = false;
	model_changed(&hu->m);
	while (!hu->term_done)
		pthread_cond_wait(&hu->shot_cv, &hu->m.mu);
	int rc = hu->term_rc;
	model_unlock(&hu->m);
	return rc;
}

void hooks_install(struct ui *u)
{
	hu = u;
	frontend_hooks.theme = hook_theme;
	frontend_hooks.screenshot = hook_screenshot;
	frontend_hooks.quit = hook_quit;
	frontend_hooks.terminal = hook_terminal;
}

void hooks_remove(void)
{
	memset(&frontend_hooks, 0, sizeof frontend_hooks);
	hu = NULL;
}
