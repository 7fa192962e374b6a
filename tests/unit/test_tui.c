/* test_tui.c — the console without a terminal: the model the engine's callbacks fill, the
 * layout, and whole screens rendered headless (curses on /dev/null) and read back as text. */
#include "t.h"

#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/sqlctx.h"
#include "tui/ui.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[65536];
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The section of a dump between `== name ==` and the next heading. */
static char *section(const char *dump, const char *name)
{
	static char out[16384];
	char head[64];
	const char *p, *end;

	snprintf(head, sizeof head, "== %s ==\n", name);
	if (!dump || !(p = strstr(dump, head)))
		return NULL;
	p += strlen(head);
	end = strstr(p, "\n== ");
	snprintf(out, sizeof out, "%.*s", (int)(end ? end - p + 1 : (long)strlen(p)), p);
	return out;
}

TEST(tui_model_width_counts_display_columns)
{
	CHECK_INT(model_width("abc"), 3);
	CHECK_INT(model_width("Beyoncé"), 7);
	CHECK_INT(model_width("日本"), 4);
	CHECK_INT(model_width(""), 0);
}

TEST(tui_layout_fits_80x24_and_refuses_tiny)
{
	struct layout l;

	layout_compute(&l, 24, 80);
	CHECK(!l.too_small);
	CHECK_INT(l.pane[PANE_BAR].y, 0);
	CHECK_INT(l.pane[PANE_PIPELINE].h, 10);        /* all 8 stages */
	CHECK_INT(l.pane[PANE_TABLES].w + l.pane[PANE_PIPELINE].w, 80);
	CHECK_INT(l.pane[PANE_PROMPT].y, 23);
	CHECK_INT(l.pane[PANE_LOG].y + l.pane[PANE_LOG].h, 23);
	CHECK(l.pane[PANE_RESULT].h >= 6);
	layout_compute(&l, 30, 100);
	CHECK_INT(l.pane[PANE_PROMPT].y, 29);
	CHECK(l.pane[PANE_RESULT].h > 8);
	layout_compute(&l, 12, 40);
	CHECK(l.too_small);
}

TEST(tui_layout_focus_and_tour_card)
{
	struct layout l;

	/* focus: bar, the summary line, the result, one log line, the prompt */
	layout_compute_mode(&l, 24, 80, LAYOUT_FOCUS, 0);
	CHECK_INT(l.summary.y, 1);
	CHECK_INT(l.summary.h, 1);
	CHECK_INT(l.pane[PANE_TABLES].h, 0);
	CHECK_INT(l.pane[PANE_PIPELINE].h, 0);
	CHECK_INT(l.pane[PANE_RESULT].y, 2);
	CHECK_INT(l.pane[PANE_RESULT].h, 20);
	CHECK_INT(l.pane[PANE_LOG].h, 1);
	CHECK_INT(l.pane[PANE_PROMPT].y, 23);
	CHECK_INT(l.card.h, 0);
	/* a tour card comes out of the result, which keeps at least 4 rows */
	layout_compute_mode(&l, 24, 80, LAYOUT_NORMAL, 30);
	CHECK_INT(l.pane[PANE_RESULT].h, 4);
	CHECK_INT(l.card.y + l.card.h, l.pane[PANE_RESULT].y);
	CHECK_INT(l.pane[PANE_LOG].h, 1);
	CHECK_INT(l.pane[PANE_PROMPT].y, 23);
	layout_compute_mode(&l, 60, 200, LAYOUT_NORMAL, 6);
	CHECK_INT(l.card.h, 6);
	CHECK_INT(l.pane[PANE_PIPELINE].h, 10);
	CHECK_INT(l.summary.h, 0);
	layout_compute(&l, 24, 80);
	CHECK_INT(l.card.h, 0);
	CHECK_INT(l.summary.h, 0);
}

TEST(tui_model_callbacks_track_stages_counts_and_log)
{
	struct model m;
	struct dwh_out out;
	const char *names[] = { "songplays", "time", "load_errors", "not_a_table" };
	int64_t rows[] = { 6820, -1, 3, 5 };
	struct dwh_progress p = { .stage = "stage events", .bytes_done = 61, .bytes_total = 100,
				  .rows = 4000, .rate = 52000, .eta = 2 };

	CHECK_INT(model_init(&m), 0);
	model_install_out(&m, &out);
	out.stage(out.ctx, "create", STAGE_RUNNING, -1, 0);
	out.stage(out.ctx, "create", STAGE_DONE, -1, 0.04);
	out.progress(out.ctx, &p);
	CHECK_INT(m.stages[0].state, STAGE_DONE);
	CHECK_INT(m.stages[2].state, STAGE_RUNNING);
	CHECK(m.stages[2].has_progress);
	CHECK_INT(m.stages[2].rows, 4000);
	CHECK(m.stages[2].p.stage == NULL);
	out.stage(out.ctx, "stage events", STAGE_CANCELLED, 4000, 0.5);
	CHECK_INT(m.stages[2].state, STAGE_CANCELLED);
	out.counts(out.ctx, names, rows, 4);
	CHECK_INT(m.table_rows[model_table_index(&m, "songplays")], 6820);
	CHECK_INT(m.table_rows[model_table_index(&m, "time")], -1);
	CHECK_INT(m.table_rows[model_table_index(&m, "load_errors")], 3);
	CHECK_INT(m.table_rows[model_table_index(&m, "users")], -2);
	out.msg(out.ctx, LOG_ERROR, "first\nsecond");
	CHECK_INT(m.log_n, 2);
	CHECK_STR(model_log_at(&m, 1)->text, "second");
	CHECK_INT(model_log_at(&m, 1)->lvl, LOG_ERROR);
	for (int i = 0; i < MODEL_LOG + 5; i++)
		model_log(&m, LOG_INFO, "line %d", i);
	CHECK_INT(m.log_n, MODEL_LOG);
	CHECK_STR(model_log_at(&m, MODEL_LOG - 1)->text, "line 1004");
	/* a new command re-running a finished stage keeps the other stages' marks: what the
	 * warehouse holds from their last runs has not changed */
	model_capture_begin(&m);
	out.stage(out.ctx, "create", STAGE_RUNNING, -1, 0);
	CHECK_INT(m.stages[2].state, STAGE_CANCELLED);
	out.stage(out.ctx, "create", STAGE_DONE, -1, 0);
	/* a logged run's figures replace the bare rows */
	out.ran(out.ctx, "stage events", STAGE_DONE, "8,056 rows (+5 new, 1 new file)");
	CHECK_INT(m.stages[2].state, STAGE_DONE);
	CHECK_STR(m.stages[2].figs, "8,056 rows (+5 new, 1 new file)");
	/* ... but a command going on to a pending stage keeps what came before */
	model_capture_begin(&m);
	out.stage(out.ctx, "stage songs", STAGE_RUNNING, -1, 0);
	CHECK_INT(m.stages[0].state, STAGE_DONE);
	CHECK(m.version > 0);
	model_destroy(&m);
}

/* A console on /dev/null: curses keeps the screen in memory, which the dump reads. */
static SCREEN *headless(struct ui *u, int rows, int cols)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *sc;

	setlocale(LC_ALL, "C.UTF-8");
	memset(u, 0, sizeof *u);
	sc = newterm("xterm-256color", out, in);
	if (!sc)
		return NULL;
	set_term(sc);
	resizeterm(rows, cols);
	start_color();
	use_default_colors();
	u->ncolors = COLORS;
	u->utf8 = true;
	model_init(&u->m);
	theme_default(&u->theme);
	draw_apply_theme(u);
	return sc;
}

static void headless_end(struct ui *u, SCREEN *sc)
{
	endwin();
	delscreen(sc);
	model_destroy(&u->m);
}

static PGresult *fake_result(void)
{
	/* A result built without a server: PQmakeEmptyPGresult + attributes + values. */
	PGresult *r = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	PGresAttDesc att[2] = {
		{ .name = "artist", .typid = 25, .typlen = -1, .atttypmod = -1 },
		{ .name = "plays", .typid = 20, .typlen = 8, .atttypmod = -1 },
	};
	const char *vals[3][2] = { { "Beyoncé", "12" }, { "日本のバンド", "7" }, { "Muse", NULL } };

	PQsetResultAttrs(r, 2, att);
	for (int i = 0; i < 3; i++)
		for (int c = 0; c < 2; c++)
			PQsetvalue(r, i, c, (char *)(vals[i][c] ? vals[i][c] : NULL),
				   vals[i][c] ? (int)strlen(vals[i][c]) : -1);
	return r;
}

TEST(tui_headless_screen_shows_every_pane)
{
	static struct ui u;
	SCREEN *sc = headless(&u, 30, 100);
	struct dwh_out out;
	const char *names[] = { "staging_events", "staging_songs", "songplays", "users", "songs",
				"artists", "time", "load_errors" };
	int64_t rows[] = { 8056, 71, 6820, 97, 71, 69, -1, 0 };
	struct dwh_progress p = { .stage = "stage events", .files_done = 18, .files_total = 30,
				  .bytes_done = 610, .bytes_total = 1000, .rows = 4900,
				  .rate = 52000, .eta = 2 };
	char path[] = "/tmp/dwh-unit-dump-XXXXXX";
	char *d, *sec;

	REQUIRE(sc != NULL);
	close(mkstemp(path));
	model_install_out(&u.m, &out);
	u.m.server_known = true;
	u.m.cs = CS_READY;
	snprintf(u.m.server.version, sizeof u.m.server.version, "PostgreSQL 15.4");
	snprintf(u.m.server.user, sizeof u.m.server.user, "dwh");
	snprintf(u.m.server.host, sizeof u.m.server.host, "/run/dwh");
	snprintf(u.m.server.port, sizeof u.m.server.port, "5432");
	snprintf(u.m.server.dbname, sizeof u.m.server.dbname, "sparkify");
	u.m.server.pid = 4121;
	u.m.latency_ms = 0.3;
	out.stage(out.ctx, "create", STAGE_RUNNING, -1, 0);
	out.stage(out.ctx, "create", STAGE_DONE, -1, 0.04);
	out.stage(out.ctx, "stage songs", STAGE_DONE, 71, 0.02);
	out.stage(out.ctx, "stage events", STAGE_RUNNING, -1, 0);
	out.progress(out.ctx, &p);
	out.counts(out.ctx, names, rows, 8);
	PGresult *r = fake_result();
	out.result(out.ctx, r, "top artists", 3.2);
	PQclear(r);     /* the model keeps its own copy */
	out.msg(out.ctx, LOG_ERROR, "relation \"nope\" does not exist");
	draw_screen(&u);
	CHECK_INT(dump_screen(&u, path), 0);
	d = slurp(path);
	CHECK_CONTAINS(d, "== size == 100x30");
	sec = section(d, "bar");
	CHECK_CONTAINS(sec, "PostgreSQL 15.4");
	CHECK_CONTAINS(sec, "dwh@/run/dwh:5432/sparkify");
	CHECK_CONTAINS(sec, "ready");
	CHECK_CONTAINS(sec, "0.3 ms");
	CHECK_CONTAINS(sec, "pid 4121");
	CHECK_CONTAINS(sec, "theme: dusk");
	sec = section(d, "tables");
	CHECK_CONTAINS(sec, "# Tables · rows");
	CHECK_CONTAINS(sec, "staging_events     8,056");
	CHECK_CONTAINS(sec, "songplays          6,820");
	CHECK_CONTAINS(sec, "time                   -");
	CHECK(strstr(sec, "load_errors") == NULL);     /* only when it has rows */
	sec = section(d, "pipeline");
	CHECK_CONTAINS(sec, "✓ create");
	CHECK_CONTAINS(sec, "✓ stage songs             71 rows     0.02 s");
	CHECK_CONTAINS(sec, "▶ stage events");
	CHECK_CONTAINS(sec, "█");
	CHECK_CONTAINS(sec, "61%  52k rows/s  ETA 2 s");
	CHECK_CONTAINS(sec, "· load songplays");
	CHECK_CONTAINS(sec, "· load time");
	sec = section(d, "result");
	CHECK_CONTAINS(sec, "# Result: top artists — 3 rows, 3.2 ms");
	/* columns line up by display width: the bar after each artist sits in one column */
	CHECK_CONTAINS(sec, "artist       ║ plays");
	CHECK_CONTAINS(sec, "Beyoncé      ║    12");
	CHECK_CONTAINS(sec, "日本のバンド ║     7");
	CHECK_CONTAINS(sec, "Muse         ║  NULL");
	sec = section(d, "log");
	CHECK_CONTAINS(sec, "relation \"nope\" does not exist");
	/* NULL is drawn in the theme's null style (a colour pair of its own) */
	{
		int y = u.lay.pane[PANE_RESULT].y + 4, x;
		char row[256];
		mvinnstr(y, 0, row, 200);
		x = (int)(strstr(row, "NULL") - row);
		CHECK((mvinch(y, x) & A_COLOR) == (chtype)COLOR_PAIR(EL_NULL + 1));
		CHECK((mvinch(y, 4) & A_COLOR) == (chtype)COLOR_PAIR(EL_NORMAL + 1));
	}
	remove(path);
	headless_end(&u, sc);
}

TEST(tui_headless_resizes_and_notices_a_tiny_screen)
{
	static struct ui u;
	SCREEN *sc = headless(&u, 24, 80);
	char path[] = "/tmp/dwh-unit-dump-XXXXXX";
	char *d;

	REQUIRE(sc != NULL);
	close(mkstemp(path));
	model_log(&u.m, LOG_INFO, "hello");
	draw_screen(&u);
	dump_screen(&u, path);
	d = slurp(path);
	CHECK_CONTAINS(d, "== size == 80x24");
	CHECK_CONTAINS(section(d, "pipeline"), "· load time");
	CHECK_CONTAINS(section(d, "log"), "hello");
	PGresult *r = fake_result();
	struct dwh_out out;
	model_install_out(&u.m, &out);
	out.result(out.ctx, r, "Most played artists (plays matched to a song) and how many listeners", 2.5);
	PQclear(r);
	draw_screen(&u);
	dump_screen(&u, path);
	d = slurp(path);
	CHECK_CONTAINS(section(d, "result"), "# Result: Most played artists (plays matched to a song) …");
	CHECK_CONTAINS(section(d, "result"), "… — 3 rows, 2.5 ms");
	resizeterm(12, 40);
	draw_screen(&u);
	dump_screen(&u, path);
	d = slurp(path);
	CHECK_CONTAINS(d, "== notice ==");
	CHECK_CONTAINS(d, "dwh needs 60x18 or more (this is 40x12)");
	resizeterm(30, 100);
	draw_screen(&u);
	dump_screen(&u, path);
	d = slurp(path);
	CHECK_CONTAINS(d, "== size == 100x30");
	CHECK(strstr(d, "needs") == NULL);
	remove(path);
	headless_end(&u, sc);
}

TEST(tui_headless_bar_elides_a_long_host_but_keeps_pid_and_theme)
{
	static struct ui u;
	SCREEN *sc = headless(&u, 24, 100);
	char path[] = "/tmp/dwh-unit-dump-XXXXXX";
	char *d;

	REQUIRE(sc != NULL);
	close(mkstemp(path));
	u.m.server_known = true;
	u.m.cs = CS_READY;
	snprintf(u.m.server.version, sizeof u.m.server.version, "PostgreSQL 15.18");
	snprintf(u.m.server.user, sizeof u.m.server.user, "dwh_test");
	snprintf(u.m.server.host, sizeof u.m.server.host, "/tmp/dwh-test-pg.eMr41K/a/long/socket/dir");
	snprintf(u.m.server.port, sizeof u.m.server.port, "29350");
	snprintf(u.m.server.dbname, sizeof u.m.server.dbname, "sparkify");
	u.m.server.pid = 123456;
	u.m.latency_ms = 10.25;
	draw_screen(&u);
	dump_screen(&u, path);
	d = section(slurp(path), "bar");
	CHECK_CONTAINS(d, "dwh_test@…");
	CHECK_CONTAINS(d, ":29350/sparkify");
	CHECK(strstr(d, "no ssl") == NULL);
	CHECK_CONTAINS(d, "ready · 10.2 ms · pid 123456");
	CHECK_CONTAINS(d, "theme: dusk");
	remove(path);
	headless_end(&u, sc);
}

TEST(tui_model_long_text_answers_become_a_text_result)
{
	struct model m;
	struct dwh_out out;

	CHECK_INT(model_init(&m), 0);
	model_install_out(&m, &out);
	model_capture_begin(&m);
	out.msg(out.ctx, LOG_INFO, "one\ntwo");
	out.msg(out.ctx, LOG_INFO, "three");
	out.msg(out.ctx, LOG_ERROR, "not captured");
	out.msg(out.ctx, LOG_INFO, "four");
	model_capture_end(&m, "show sql load users", 3);
	CHECK(model_current(&m) != NULL);
	CHECK_INT(model_current(&m)->kind, RES_TEXT);
	CHECK_INT(model_current(&m)->nlines, 4);
	CHECK_STR(model_current(&m)->lines[3], "four");
	CHECK_STR(model_current(&m)->title, "show sql load users");
	/* short answers stay in the log only; a real result is never replaced */
	model_capture_begin(&m);
	out.msg(out.ctx, LOG_INFO, "just one line");
	model_capture_end(&m, "status", 3);
	CHECK_STR(model_current(&m)->title, "show sql load users");
	model_capture_begin(&m);
	PGresult *r = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	out.result(out.ctx, r, "counts", -1);
	PQclear(r);
	for (int i = 0; i < 5; i++)
		out.msg(out.ctx, LOG_INFO, "line");
	model_capture_end(&m, "counts", 3);
	CHECK_STR(model_current(&m)->title, "counts");
	CHECK_INT(rows_count(model_current(&m)->rows), 0);
	model_destroy(&m);
}

TEST(tui_model_ctrl_c_marks_this_commands_stages_cancelled)
{
	struct model m;
	struct dwh_out out;

	CHECK_INT(model_init(&m), 0);
	model_install_out(&m, &out);
	model_capture_begin(&m);
	out.stage(out.ctx, "load users", STAGE_FAILED, -1, 1);         /* an earlier command's */
	model_capture_end(&m, "x", 3);
	model_capture_begin(&m);
	out.stage(out.ctx, "stage events", STAGE_DONE, 10, 1);
	out.stage(out.ctx, "load songplays", STAGE_FAILED, -1, 2);
	out.stage(out.ctx, "load songs", STAGE_RUNNING, -1, 0);
	model_mark_cancelled(&m);
	model_capture_end(&m, "run", 3);
	CHECK_INT(m.stages[model_stage_index(&m, "stage events")].state, STAGE_DONE);
	CHECK_INT(m.stages[model_stage_index(&m, "load songplays")].state, STAGE_CANCELLED);
	CHECK_INT(m.stages[model_stage_index(&m, "load songs")].state, STAGE_CANCELLED);
	CHECK_INT(m.stages[model_stage_index(&m, "load users")].state, STAGE_FAILED);
	model_destroy(&m);
}

TEST(tui_history_never_keeps_passwords)
{
	CHECK(history_has_password("ALTER USER x PASSWORD 'secret';"));
	CHECK(history_has_password("\\connect host=h password=secret"));
	CHECK(history_has_password("SELECT dblink('postgresql://bob:hunter2@db.example/x', 'q');"));
	CHECK(history_has_password("reconnect postgres://u:p@h:5432/d"));
	CHECK(!history_has_password("SELECT * FROM users;"));
	CHECK(!history_has_password("SELECT 'postgresql://bob@db.example/x';"));
	CHECK(!history_has_password("SELECT now()::time;"));
}

/* The browser's cursor in the theme: the cursor cell, the rest of its row, its column. */
TEST(tui_browser_cursor_row_and_column_in_the_theme)
{
	static struct ui u;
	SCREEN *sc = headless(&u, 30, 100);
	struct dwh_out out;

	CHECK(sc != NULL);
	if (!sc)
		return;
	model_install_out(&u.m, &out);
	PGresult *r = fake_result();
	out.result(out.ctx, r, "top artists", 1);
	PQclear(r);
	u.browse = true;
	model_lock(&u.m);
	model_current(&u.m)->row = 1;   /* 日本のバンド, plays */
	model_current(&u.m)->col = 1;
	model_unlock(&u.m);
	draw_screen(&u);
	int y0 = u.lay.pane[PANE_RESULT].y + 3, x;     /* border, header, row 0, row 1 */
	char row[256];
	mvinnstr(y0, 0, row, 200);
	CHECK_CONTAINS(row, "7");
	x = u.lay.pane[PANE_RESULT].x + 2;
	/* (a wide character's cell reads back no colour: look at the blank after it) */
	CHECK((mvinch(y0, x + 12) & A_COLOR) == (chtype)COLOR_PAIR(EL_CURSOR_ROW + 1));
	/* the plays cell: right-aligned "7" at the column's end */
	int px = x + model_width("日本のバンド") + 3 + 5 - 1;
	CHECK((mvinch(y0, px) & A_COLOR) == (chtype)COLOR_PAIR(EL_CURSOR + 1));
	CHECK((mvinch(y0 + 1, px) & A_COLOR) == (chtype)COLOR_PAIR(EL_NULL + 1));      /* Muse's NULL */
	CHECK((mvinch(y0 - 1, px) & A_COLOR) == (chtype)COLOR_PAIR(EL_CURSOR_COL + 1));
	headless_end(&u, sc);
}

/* A search's hits are highlighted in the theme's match style wherever they are. */
TEST(tui_browser_search_hits_highlighted)
{
	static struct ui u;
	SCREEN *sc = headless(&u, 30, 100);
	struct dwh_out out;

	CHECK(sc != NULL);
	if (!sc)
		return;
	model_install_out(&u.m, &out);
	PGresult *r = fake_result();
	out.result(out.ctx, r, "top artists", 1);
	PQclear(r);
	snprintf(u.search, sizeof u.search, "muse");
	draw_screen(&u);
	int y = u.lay.pane[PANE_RESULT].y + 4, x = u.lay.pane[PANE_RESULT].x + 2;   /* Muse's row */
	CHECK((mvinch(y, x) & A_COLOR) == (chtype)COLOR_PAIR(EL_MATCH + 1));
	CHECK((mvinch(y - 2, x + 12) & A_COLOR) != (chtype)COLOR_PAIR(EL_MATCH + 1));
	headless_end(&u, sc);
}

TEST(tui_completion_context_as_pgcli)
{
	struct sqlctx c;

	sqlctx_analyze("SELECT * FROM ", "SELECT * FROM so", "so", &c);
	CHECK_INT(c.kind, SQLCTX_RELATION);
	sqlctx_analyze("SELECT * FROM songs s, ", "SELECT * FROM songs s, ar", "ar", &c);
	CHECK_INT(c.kind, SQLCTX_RELATION);
	sqlctx_analyze("SELECT ", "SELECT le FROM songplays sp JOIN users AS u ON u.user_id = sp.user_id",
		       "le", &c);
	CHECK_INT(c.kind, SQLCTX_COLUMN);
	CHECK_INT(c.nrel, 2);
	CHECK_STR(sqlctx_relation(&c, "sp"), "songplays");
	CHECK_STR(sqlctx_relation(&c, "u"), "users");
	sqlctx_analyze("SELECT * FROM public.songplays sp WHERE ", "SELECT * FROM public.songplays sp WHERE sp.us",
		       "sp.us", &c);
	CHECK_INT(c.kind, SQLCTX_QUALIFIED);
	CHECK_STR(c.qual, "sp");
	CHECK_STR(sqlctx_relation(&c, "sp"), "songplays");
	sqlctx_analyze("SELECT a FROM t WHERE x = 'FROM ' AND ", "SELECT a FROM t WHERE x = 'FROM ' AND ", "", &c);
	CHECK_INT(c.kind, SQLCTX_COLUMN);
	sqlctx_analyze("SELECT count(", "SELECT count(", "", &c);
	CHECK_INT(c.kind, SQLCTX_COLUMN);
	sqlctx_analyze("SELECT 1 ", "SELECT 1 ", "", &c);
	CHECK_INT(c.kind, SQLCTX_ANY);
}
