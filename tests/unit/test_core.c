/* test_core.c — unit tests for the foundation: config parsing, statement splitting, command
 * recognition and word splitting, engine detection, display widths. */
#include "t.h"

#include "cmd/cmd.h"
#include "base/config.h"
#include "db/conn.h"
#include "view/print.h"
#include "base/sqlscan.h"
#include "psql/vars.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char *write_tmp(const char *text)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof path, "/tmp/dwh-unit-cfg-%d.cfg", (int)getpid());
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

TEST(config_reads_quoted_values_and_sections)
{
	struct dwh_err e;
	char *p = write_tmp("# comment\n[CLUSTER]\nHOST='example.redshift.amazonaws.com'\n"
			    "DB_NAME = dev\ndb_password=\"p'w\"\n\n[IAM_ROLE]\nARN='arn:aws:iam::1:role/r'\n"
			    "[S3]\nLOG_DATA : 's3://b/log_data'\n");
	struct dwh_cfg *c = cfg_load(p, &e);

	CHECK(c != NULL);
	CHECK_STR(cfg_get(c, "CLUSTER", "HOST"), "example.redshift.amazonaws.com");
	CHECK_STR(cfg_get(c, "cluster", "db_name"), "dev");
	CHECK_STR(cfg_get(c, "CLUSTER", "DB_PASSWORD"), "p'w");
	CHECK_STR(cfg_get(c, "IAM_ROLE", "ARN"), "arn:aws:iam::1:role/r");
	CHECK_STR(cfg_get(c, "S3", "LOG_DATA"), "s3://b/log_data");
	CHECK(cfg_get(c, "CLUSTER", "DB_PORT") == NULL);
	CHECK(cfg_need(c, "CLUSTER", "DB_PORT", &e) == NULL);
	CHECK_CONTAINS(e.msg, "missing key DB_PORT in section [CLUSTER]");
	CHECK(cfg_need(c, "LOCAL", "SONG_DATA", &e) == NULL);
	CHECK_CONTAINS(e.msg, "missing section [LOCAL]");
	cfg_free(c);
	unlink(p);
}

TEST(config_reports_broken_lines_with_number)
{
	struct dwh_err e;
	char *p = write_tmp("[CLUSTER]\nHOST=x\nthis line is wrong\n");

	CHECK(cfg_load(p, &e) == NULL);
	CHECK_CONTAINS(e.msg, ":3: expected KEY = value");
	p = write_tmp("HOST=x\n");
	CHECK(cfg_load(p, &e) == NULL);
	CHECK_CONTAINS(e.msg, ":1: key outside any [SECTION]");
	p = write_tmp("[CLUSTER\n");
	CHECK(cfg_load(p, &e) == NULL);
	CHECK_CONTAINS(e.msg, ":1: malformed section header");
	unlink(p);
	CHECK(cfg_load("/nonexistent/dwh.cfg", &e) == NULL);
	CHECK_CONTAINS(e.msg, "/nonexistent/dwh.cfg: No such file");
}

TEST(sqlscan_finds_statement_ends)
{
	const char *s = "SELECT ';' AS a; SELECT 2;";

	CHECK_INT(sqlscan_end(s, strlen(s)), 16);
	CHECK_INT(sqlscan_end("SELECT 1", 8), 0);
	s = "SELECT $$a;b$$, $x$;$x$, \"c;d\", E'\\';' -- ;\n /* ; /* ; */ */ ;";
	CHECK_INT(sqlscan_end(s, strlen(s)), strlen(s));
	s = "SELECT 'it''s;' ;";
	CHECK_INT(sqlscan_end(s, strlen(s)), strlen(s));
	s = "select $1;";
	CHECK_INT(sqlscan_end(s, strlen(s)), strlen(s));
	CHECK(sqlscan_blank("  -- only a comment\n /* and this */ \n"));
	CHECK(!sqlscan_blank(" x"));
}

TEST(commands_are_told_from_sql)
{
	CHECK(cmd_is_command("create"));
	CHECK(cmd_is_command("  counts  "));
	CHECK(cmd_is_command("create staging"));
	CHECK(!cmd_is_command("create table t (a int);"));
	CHECK(!cmd_is_command("SELECT 1"));
	CHECK(!cmd_is_command("counts;"));
}

TEST(unknown_words_are_answered_not_sent)
{
	char near[64];

	CHECK_INT(cmd_classify("chek"), CMD_KIND_UNKNOWN);
	CHECK_INT(cmd_classify("frobnicate now;"), CMD_KIND_UNKNOWN);
	CHECK_INT(cmd_classify("HELP"), CMD_KIND_UNKNOWN);      /* commands are lower case */
	CHECK_INT(cmd_classify("select 1"), CMD_KIND_SQL);
	CHECK_INT(cmd_classify("  -- why\n  Vacuum;"), CMD_KIND_SQL);
	CHECK_INT(cmd_classify("(SELECT 1) UNION (SELECT 2);"), CMD_KIND_SQL);
	CHECK_INT(cmd_classify("unload ('select 1') to 's3://b/p'"), CMD_KIND_SQL);  /* Redshift */
	CHECK_INT(cmd_classify("\\nope"), CMD_KIND_UNKNOWN);
	CHECK(cmd_suggest("chek", near, sizeof near));
	CHECK_STR(near, "check");
	CHECK(cmd_suggest("HELP", near, sizeof near));
	CHECK_STR(near, "help");
	CHECK(cmd_suggest("selct", near, sizeof near));
	CHECK_STR(near, "select");
	CHECK(cmd_suggest("SLECT", near, sizeof near));
	CHECK_STR(near, "SELECT");
	CHECK(!cmd_suggest("frobnicate", near, sizeof near));
}

TEST(sqlscan_tells_why_a_statement_is_unfinished)
{
#define ST(t) sqlscan_state(t, strlen(t))
	CHECK_INT(ST(""), 0);
	CHECK_INT(ST("SELECT 1; -- done"), 0);
	CHECK_INT(ST("SELECT 1"), '-');
	CHECK_INT(ST("SELECT 'a"), '\'');
	CHECK_INT(ST("SELECT \"a"), '"');
	CHECK_INT(ST("SELECT $f$ x"), '$');
	CHECK_INT(ST("SELECT (1"), '(');
	CHECK_INT(ST("SELECT /* x"), '*');
	CHECK_INT(ST("SELECT 1; SELECT (2;"), '(');   /* no end inside parentheses, as psql */
	CHECK_INT(sqlscan_end("SELECT (1;", 10), 0);
	CHECK_INT(ST("SELECT 'it''s"), '\'');
#undef ST
}

TEST(quit_words_leave_a_prompt)
{
	CHECK(cmd_is_quit("q"));
	CHECK(cmd_is_quit("  quit "));
	CHECK(cmd_is_quit("exit"));
	CHECK(cmd_is_quit("\\q"));
	CHECK(!cmd_is_quit("quit now"));
	CHECK(!cmd_is_quit("QUIT"));
	CHECK(!cmd_is_quit("qq"));
	CHECK(!cmd_is_quit(""));
}

TEST(cmd_split_handles_quotes)
{
	char **argv;
	int argc = cmd_split("stage events '/tmp/my dir' --max-errors \"5\"", &argv);

	CHECK_INT(argc, 5);
	CHECK_STR(argv[2], "/tmp/my dir");
	CHECK_STR(argv[4], "5");
	CHECK(argv[5] == NULL);
	cmd_free_argv(argv);
	CHECK_INT(cmd_split("oops 'unterminated", &argv), -1);
	CHECK_INT(cmd_split("   ", &argv), 0);
	cmd_free_argv(argv);
}

TEST(command_table_entries_declare_their_arguments)
{
	for (const struct dwh_cmd *const *c = cmd_table; *c; c++) {
		const struct dwh_cmd *d = *c;

		CHECK(d->name && d->args && d->help && d->exec);
		/* (psql's meta-commands keep their backslash: \copy, psql's \? its question mark and
		 * \d+ its plus; a hyphen may join two words, as issue 20's copy-to) */
		for (const char *p = d->name + (d->name[0] == '\\'); *p; p++)
			if ((*p < 'a' || *p > 'z') && strcmp(d->name, "\\?")
			    && !(*p == '-' && p > d->name && p[-1] >= 'a' && p[1] >= 'a' && p[1] <= 'z')
			    && !(d->name[0] == '\\' && *p == '+' && !p[1]))
				t_fail(__FILE__, __LINE__, "%s: command words are lower case", d->name);
		/* .args is "" exactly when the command takes no words */
		if ((d->args[0] == '\0') != (d->max_args == 0))
			t_fail(__FILE__, __LINE__, "%s: .args \"%s\" but max_args %d", d->name, d->args,
			       d->max_args);
		if (d->min_args < 0 || (d->max_args != CMD_ANY && d->max_args < d->min_args))
			t_fail(__FILE__, __LINE__, "%s: min_args %d, max_args %d", d->name, d->min_args,
			       d->max_args);
		CHECK(cmd_find(d->name) == d);
	}
}

static void keep_msg(void *ctx, enum dwh_level lvl, const char *text)
{
	(void)lvl;
	snprintf(ctx, 256, "%s", text);
}

/* Dispatch answers a wrong count of words before the command runs, and a command's check a
 * wrong word or an option without its value: no server is asked (the session points at a
 * socket folder with none, so asking would say "connection failed", and the private server
 * it would otherwise start is never touched). */
TEST(dispatch_checks_argument_counts_from_the_table)
{
	static struct dwh s;
	char said[256] = "";

	s.out.msg = keep_msg;
	s.out.ctx = said;
	s.opts.host = "/nonexistent/dwh-unit-no-server";
	CHECK_INT(cmd_dispatch(&s, "counts extra"), DWH_FAIL);
	CHECK_STR(said, "usage: counts (takes no arguments)");
	CHECK_INT(cmd_dispatch(&s, "load songs time"), DWH_FAIL);
	CHECK_STR(said, "usage: load [all|TABLE] [--incremental]");
	CHECK_INT(cmd_dispatch(&s, "local"), DWH_FAIL);
	CHECK_STR(said, "usage: local status|start|stop");
	CHECK_INT(cmd_dispatch(&s, "local restart"), DWH_FAIL);
	CHECK_STR(said, "usage: local status|start|stop");
	CHECK_INT(cmd_dispatch(&s, "timing sometimes"), DWH_FAIL);
	CHECK_STR(said, "usage: timing [on|off]");
	CHECK_INT(cmd_dispatch(&s, "gen"), DWH_FAIL);
	CHECK_STR(said, "usage: gen DIR [--songs N] [--events M] [--users U] [--seed S]");
	CHECK_INT(cmd_dispatch(&s, "gen /tmp/x --songs ten"), DWH_FAIL);
	CHECK_STR(said, "usage: gen DIR [--songs N] [--events M] [--users U] [--seed S]");
	CHECK_INT(cmd_dispatch(&s, "stage events --max-errors"), DWH_FAIL);
	CHECK_STR(said, "usage: stage [songs|events] [PATH] [--max-errors N] [--new] [--changed] [--append]");
	CHECK_INT(cmd_dispatch(&s, "stage tracks"), DWH_FAIL);
	CHECK_STR(said, "usage: stage [songs|events] [PATH] [--max-errors N] [--new] [--changed] [--append]");
	CHECK_INT(cmd_dispatch(&s, "load tracks"), DWH_FAIL);
	CHECK_STR(said, "load tracks: no such stage (create, stage songs, stage events, load songplays, "
		  "load users, load songs, load artists, load time)");
	CHECK_INT(cmd_dispatch(&s, "create stars"), DWH_FAIL);
	CHECK_STR(said, "usage: create [staging|star]");
	CHECK_INT(cmd_dispatch(&s, "drop stars"), DWH_FAIL);     /* before the guard asks */
	CHECK_STR(said, "usage: drop [staging|star]");
	CHECK_INT(cmd_dispatch(&s, "errors tracks"), DWH_FAIL);
	CHECK_STR(said, "usage: errors [songs|events]");
	CHECK_INT(cmd_dispatch(&s, "history --limit 0"), DWH_FAIL);
	CHECK_STR(said, "usage: history [STAGE] [--limit N]");
	CHECK_INT(cmd_dispatch(&s, "why songplays x"), DWH_FAIL);
	CHECK_STR(said, "why songplays: the key is a songplay_id, a number from 1");
	CHECK_INT(cmd_dispatch(&s, "why tracks 1"), DWH_FAIL);
	CHECK_STR(said, "usage: why songplays|users|songs|artists KEY");
	CHECK_INT(cmd_dispatch(&s, "unmatched --near lots"), DWH_FAIL);
	CHECK_STR(said, "unmatched: --near takes seconds from 0 to 86400, not 'lots'");
	CHECK_INT(cmd_dispatch(&s, "timing on"), DWH_OK);
	CHECK_STR(said, "Timing is on.");
}

TEST(one_number_parser_for_every_count)
{
	long long n = 7;

	CHECK(cmd_number("0", 0, 10, &n) && n == 0);
	CHECK(cmd_number("10", 0, 10, &n) && n == 10);
	CHECK(!cmd_number("11", 0, 10, &n));
	CHECK(!cmd_number("-1", 0, 10, &n));
	CHECK(cmd_number("-1", -5, 10, &n) && n == -1);
	CHECK(!cmd_number("", 0, 10, &n));
	CHECK(!cmd_number(" 5", 0, 10, &n));
	CHECK(!cmd_number("+5", 0, 10, &n));
	CHECK(!cmd_number("5x", 0, 10, &n));
	CHECK(!cmd_number("99999999999999999999", 0, 9223372036854775807LL, &n));
	CHECK(!cmd_number(NULL, 0, 10, &n));
	CHECK_INT(n, -1);
}

TEST(options_take_a_value_either_way)
{
	char *argv[] = { "stage", "--max-errors", "5", "--max-errors=6", "--max-errorsx", "--max-errors", NULL };
	int i = 1;

	CHECK_STR(cmd_option(6, argv, &i, "--max-errors"), "5");
	CHECK_INT(i, 2);
	i = 3;
	CHECK_STR(cmd_option(6, argv, &i, "--max-errors"), "6");
	CHECK_INT(i, 3);
	i = 4;
	CHECK(cmd_option(6, argv, &i, "--max-errors") == NULL);
	i = 5;
	CHECK_STR(cmd_option(6, argv, &i, "--max-errors"), "");
}

TEST(engine_detection_from_version)
{
	char buf[64];
	const char *rs = "PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 "
			 "(Red Hat 3.4.2-6.fc3), Redshift 1.0.77467";
	const char *pg = "PostgreSQL 15.4 (Debian 15.4-2) on x86_64-pc-linux-gnu, compiled by gcc";

	CHECK_INT(conn_engine_of(rs), ENGINE_REDSHIFT);
	CHECK_INT(conn_engine_of(pg), ENGINE_POSTGRES);
	CHECK_INT(conn_engine_of(""), ENGINE_UNKNOWN);
	conn_short_version(rs, buf, sizeof buf);
	CHECK_STR(buf, "Redshift 1.0.77467");
	conn_short_version(pg, buf, sizeof buf);
	CHECK_STR(buf, "PostgreSQL 15.4");
}

TEST(display_width_counts_cells)
{
	CHECK_INT(print_width("abc"), 3);
	CHECK_INT(print_width("ünï"), 3);
	CHECK_INT(print_width("日本"), 4);
	CHECK_INT(print_width("a\xff" "b"), 3);
}

TEST(local_default_choice)
{
	struct dwh_opts o = { 0 };

	unsetenv("PGHOST"), unsetenv("PGDATABASE"), unsetenv("PGSERVICE");
	CHECK(conn_wants_local(&o));
	o.port = "5433";
	CHECK(!conn_wants_local(&o));
	o.port = NULL;
	setenv("PGHOST", "db.example", 1);
	CHECK(!conn_wants_local(&o));
	o.local = true;
	CHECK(conn_wants_local(&o));
	unsetenv("PGHOST");
}

/* A quoting function standing in for libpq's (no connection in unit tests). */
static char *test_quote(void *ctx, const char *v, bool ident, struct dwh_err *e)
{
	char *q = malloc(strlen(v) * 2 + 3), *o = q;
	char c = ident ? '"' : '\'';

	(void)ctx, (void)e;
	*o++ = c;
	for (; *v; v++) {
		if (*v == c)
			*o++ = c;
		*o++ = *v;
	}
	*o++ = c;
	*o = '\0';
	return q;
}

TEST(variables_interpolate_as_psql)
{
	struct dwh s;
	struct dwh_err e;
	char *x;

	memset(&s, 0, sizeof s);
	CHECK_INT(vars_set(&s, "name", "O'Brien"), 0);
	CHECK_INT(vars_set(&s, "tab", "songs"), 0);
	CHECK_INT(vars_set(&s, "bad name", "x"), -1);
#define EXPANDS(in, want) do { x = vars_expand(&s, in, test_quote, NULL, &e); CHECK_STR(x, want); free(x); } while (0)
	EXPANDS("SELECT * FROM :tab WHERE a = :'name'", "SELECT * FROM songs WHERE a = 'O''Brien'");
	EXPANDS("SELECT :\"name\"", "SELECT \"O'Brien\"");
	EXPANDS("SELECT 1::int, ':tab', \":tab\", $$:tab$$ -- :tab", "SELECT 1::int, ':tab', \":tab\", $$:tab$$ -- :tab");
	EXPANDS("SELECT :nope, :'nope', :{?tab}, :{?nope}", "SELECT :nope, :'nope', TRUE, FALSE");
	EXPANDS("/* :tab */ SELECT E'\\':tab' || :tab", "/* :tab */ SELECT E'\\':tab' || songs");
	vars_unset(&s, "tab");
	EXPANDS("FROM :tab", "FROM :tab");
	CHECK_STR(vars_get(&s, "name"), "O'Brien");
	vars_free(&s);
#undef EXPANDS
}
