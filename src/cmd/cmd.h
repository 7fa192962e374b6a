/* cmd.h — one table of commands serves every front end (the console prompt, -c, -f, help and
 * tab completion), as tmux's cmd_table does. Each command lives in its own cmd_*.c file that
 * defines one `const struct dwh_cmd cmd_NAME` and is listed once in cmd_table.c. */
#ifndef DWH_CMD_H
#define DWH_CMD_H

#include <stdbool.h>
#include <time.h>
#include <stddef.h>

#include "base/dwh.h"

/* Dispatch checks the number of words after the name against min_args..max_args before exec
 * runs, and answers a wrong count with "usage: NAME ARGS" built from .name and .args — a
 * command never writes its own usage line; for a wrong word it calls cmd_usage(). A command
 * that takes no arguments leaves both 0; one that takes any number sets max_args = CMD_ANY.
 * A unit test holds every entry to this: .args is "" exactly when max_args is 0. */
#define CMD_ANY (-1)

struct dwh_cmd {
	const char *name;               /* first word at the prompt */
	const char *args;               /* usage of the arguments, "" for none */
	int min_args, max_args;         /* words after the name; max_args CMD_ANY: no limit */
	const char *help;               /* one line for `help` */
	const char *detail;             /* longer text for `help NAME`, may be NULL */
	const char *const *words;       /* completions for the first argument, NULL-terminated */
	bool needs_conn;                /* connect before running */
	/* optional: the words checked before connecting, so a usage error (a wrong word, an
	 * option without its value) is answered without asking the server — or starting the
	 * private one. DWH_OK when exec may run. */
	enum dwh_rc (*check)(struct dwh *s, int argc, char **argv);
	bool raw;                       /* argv[1] is the rest of the line as typed (SQL inside) */
	/* argv[0] is the command's name. On failure s->err says why. */
	enum dwh_rc (*exec)(struct dwh *s, int argc, char **argv);
};

extern const struct dwh_cmd *const cmd_table[];

const struct dwh_cmd *cmd_find(const char *name);

/* What a line (as typed) is. A command: its first word names one (a psql meta-command such as
 * `\dt` included) and it does not end with ';'. SQL: its first word can begin a PostgreSQL or
 * Redshift statement (any case), or it starts with '('. Anything else is unknown and answered
 * at once, never sent to the server. (cmd_word.c) */
enum cmd_kind { CMD_KIND_SQL, CMD_KIND_COMMAND, CMD_KIND_UNKNOWN };
enum cmd_kind cmd_classify(const char *line);
/* Whether dwh answers the line itself (a command, or an unknown word) rather than collecting
 * it as SQL for the server. */
bool cmd_is_command(const char *line);
/* Whether a line is one of the ways to leave a prompt: q, quit, exit or \q (blanks around
 * allowed), as psql takes them. */
bool cmd_is_quit(const char *line);
/* The closest command or statement keyword to `word` by edit distance, into out; false when
 * none is close enough to be a likely typo. */
bool cmd_suggest(const char *word, char *out, size_t n);
/* Set s->err to "unknown command: WORD — did you mean ...?" for an unknown line. */
void cmd_unknown(struct dwh *s, const char *line);
/* The words that begin SQL statements (upper case, NULL-terminated): the one list that both
 * cmd_classify() and the prompts' completion of a line's first word read. */
const char *const *cmd_sql_keywords(void);

/* Run one complete unit: a command line or SQL text (one or more statements). Connects first
 * when needed. Errors are reported through s->out before returning. (The `run` command is
 * cmd_run, in cmd_run.c.) */
enum dwh_rc cmd_dispatch(struct dwh *s, const char *text);
/* Run text as SQL whatever its first word (\g, \e, \watch), variables interpolated. */
enum dwh_rc cmd_dispatch_sql(struct dwh *s, const char *sql);
/* The same without interpolation (\gexec's values, as psql sends them). */
enum dwh_rc cmd_dispatch_sql_raw(struct dwh *s, const char *sql);
/* Run a command given as words (argv[0] is its name), e.g. from dwh's own command line. */
enum dwh_rc cmd_dispatch_argv(struct dwh *s, int argc, char **argv);

/* Take dir as the session's source of song and event files (`data DIR`, `run --data DIR`):
 * a tree holding song_data/ and log_data/, directly or one level down. (cmd_data.c) */
enum dwh_rc data_set(struct dwh *s, const char *dir);

struct pipe_stage;
/* What a stage just did, in the Result pane (`step`, `load TABLE`): the first rows it wrote
 * (an incremental load's new ones), titled with what they are and the run log's figures;
 * "nothing written" when its last run is older than since (the command's start).
 * (cmd_step.c) */
enum dwh_rc cmd_show_made(struct dwh *s, const struct pipe_stage *st, time_t since);
/* psql's scripting (cmd_script.c). Whether the running branch of \if runs; whether dispatch
 * passes over `text` because it does not (\if's own commands are never passed over). */
bool cmd_script_active(struct dwh *s);
bool cmd_script_skip(struct dwh *s, const char *text);
/* A file (-f, \i) has branches of its own, as psql: begin returns a mark for end, which closes
 * what the file left open, failing ("reached EOF without finding closing \endif(s)") when
 * complain is set. */
int cmd_script_begin(struct dwh *s);
enum dwh_rc cmd_script_end(struct dwh *s, int mark, bool complain);
/* A typed or scripted line into the query buffer, as every front end reads one: returns what
 * to run now (a command, a meta-command even inside a statement, the statements a ';' ended,
 * or the meta-command that ends a line of SQL, `SELECT ... \gset`), malloc'd, or NULL. */
char *cmd_take_line(struct dwh *s, const char *line);
/* The statement typed (or the last one sent) run whole, for \gset, \gexec, \crosstabview;
 * NULL with *rc saying why. *sqlp (when given) gets the SQL sent, malloc'd. */
PGresult *cmd_query_buffer(struct dwh *s, const char *who, char **sqlp, enum dwh_rc *rc);

/* Safe by default (cmd_guard.c). guard_confirm: DWH_OK when --yes, or the front end's confirm
 * said yes; else DWH_FAIL naming `what`. guard_statement: a typed statement that is
 * destructive (sqlscan_destructive) asks first. guard_command: dwh's writing commands are
 * refused in a read-only session, `drop` asks. guard_read_only: \set READ_ONLY on|off, on the
 * connection now and after every connect. */
enum dwh_rc guard_confirm(struct dwh *s, const char *what);
enum dwh_rc guard_statement(struct dwh *s, const char *stmt);
enum dwh_rc guard_command(struct dwh *s, int argc, char **argv);
enum dwh_rc guard_read_only(struct dwh *s, bool on);
/* `explain [analyze] QUERY`: the plan as a tree (cmd_plan.c), titled "plan"; _titled with a
 * title of the caller's (`explain STAGE`: "plan: load songplays"). */
enum dwh_rc cmd_plan(struct dwh *s, const char *query, bool analyze);
enum dwh_rc cmd_plan_titled(struct dwh *s, const char *query, bool analyze, const char *title);
/* psql's Boolean (ParseVariableBool): prefixes of true/false/yes/no, on/off, 1/0; false when
 * text is none of them. */
bool cmd_parse_bool(const char *text, bool *out);

/* The user's saved queries (cmd_saved.c): their folder ($XDG_DATA_HOME/dwh/queries or
 * ~/.local/share/dwh/queries; -1 when there is none), whether a name may be one (letters,
 * digits, _ and -), their names sorted (malloc'd, up to max; 0 when none), and one's text
 * (malloc'd, or NULL with s->err set). */
int cmd_saved_dir(char *buf, size_t n);
bool cmd_saved_name_ok(const char *name);
int cmd_saved_names(char **names, int max);
char *cmd_saved_read(struct dwh *s, const char *name);

/* Fill s->err with "usage: NAME ARGS" from the table and return DWH_FAIL: what a command says
 * when a word is wrong (dispatch already checked how many there are). */
enum dwh_rc cmd_usage(struct dwh *s, const char *name);

/* The one parser for numeric arguments (--max-errors N, --limit N, --events N, ...): a whole
 * decimal number from min to max, nothing before or after it. false when text is not one. */
bool cmd_number(const char *text, long long min, long long max, long long *out);
/* An option with a value, spelled `--name VALUE` or `--name=VALUE`: when argv[*i] is one,
 * returns the value and moves *i to its last word; NULL when argv[*i] is something else.
 * A `--name` with no word after it gives "" (which no number parses). */
const char *cmd_option(int argc, char **argv, int *i, const char *name);

/* Split a command line into words (shell-like quoting with ' and "). Returns argc, -1 when
 * a quote is not closed, -2 when out of memory. *argv is malloc'd; free it and (*argv)[0]'s
 * storage with cmd_free_argv. */
int cmd_split(const char *line, char ***argv);
void cmd_free_argv(char **argv);
/* word as one word for cmd_split ('...' with its quotes doubled), appended to buf. false when
 * it does not fit or holds a line break (a command is one line). */
bool cmd_quote_word(const char *word, char *buf, size_t n);

#endif
