#!/usr/bin/env bash
# it_tui_highlight.sh — SQL typed at the console's prompt is highlighted with the theme's
# sql_* elements (keywords, strings, numbers, comments, :variables, meta-commands), read back
# with tmux's capture-pane -e; under NO_COLOR the line carries no colour at all.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb
# the prompt line with its escapes
line_e() { tui_screen -e | grep -a 'dwh>' | tail -1; }
# the escape sequence just before WORD on the prompt line ("" when none)
esc_before() { line_e | grep -ao $'\e\\[[0-9;]*m'"$1" | head -1 | sed "s/$1\$//"; }
typed_all() { tui_screen | grep -q -- "-- note"; }

tui_start 120 30 || t_fail "console starts" "$(tui_screen)"
tui_type "SELECT 'abc' AS s, 42 AS n, :'v' FROM t -- note"
wait_for 5 typed_all
kw=$(esc_before SELECT); str=$(esc_before "'abc'"); num=$(esc_before 42); com=$(esc_before "-- note")
[ -n "$kw" ] && t_pass "a keyword is styled" || t_fail "keyword style" "$(line_e | cat -v)"
t_has "... coloured (dusk's sql_keyword)" "$kw" "38;"
[ -n "$str" ] && [ "$str" != "$kw" ] && t_pass "a string has a style of its own" || t_fail "string style" "$(line_e | cat -v)"
[ -n "$num" ] && [ "$num" != "$kw" ] && [ "$num" != "$str" ] && t_pass "a number has a style of its own" || t_fail "number style" "$(line_e | cat -v)"
[ -n "$com" ] && t_pass "a comment is styled" || t_fail "comment style" "$(line_e | cat -v)"
t_has "the text itself is unchanged" "$(tui_screen | grep 'dwh>' | tail -1)" "dwh> SELECT 'abc' AS s, 42 AS n, :'v' FROM t -- note"
tui_keys C-c

tui_start 120 30 NO_COLOR=1 || t_fail "console starts under NO_COLOR" "$(tui_screen)"
tui_type "SELECT 'abc' AS s, 42 AS n FROM t -- note"
wait_for 5 typed_all
t_lacks "NO_COLOR: no colour on the prompt line" "$(line_e | grep -ao $'\e\\[[0-9;]*m' | tr -d '\n')" "38;"
t_lacks "NO_COLOR: no basic colour either" "$(line_e | grep -aoE $'\e\\[([0-9;]*;)?3[0-7](;[0-9;]*)?m' | tr -d '\n')" "["

# The same highlighting where SQL is shown as a text: `show sql STAGE` in the Result pane, the
# SQL a tour step types, and the line Ctrl-R (history search) finds. Each is read on the screen
# with its escapes: a keyword and a string carry a colour; under NO_COLOR neither does.
# the screen's first row holding ANCHOR (found on the text) with its escapes
# (from one capture: the row found on a plain capture and read from a second one with escapes
# was another row when the screen moved between them, on a loaded machine)
row_e() { tui_screen -e | ANCHOR=$1 awk '{ s = $0; gsub(/\033\[[0-9;]*m/, "", s) } index(s, ENVIRON["ANCHOR"]) { print; exit }'; }
# the escape sequence just before WORD on that row ("" when none); the colours on it
esc_on() { row_e "$1" | grep -ao $'\e\\[[0-9;]*m'"$2" | head -1 | sed "s/$2\$//"; }
colours_on() { row_e "$1" | grep -aoE $'\e\\[([0-9;]*;)?(38|3[0-7])(;[0-9;]*)?m' | tr -d '\n'; }
bar_ready() { tui_screen | head -1 | grep -q ' ready '; }
# leave the tour once its step has run (a q typed at the prompt instead is wiped by C-u)
tour_quit() { wait_for 10 bar_ready; tui_keys q C-u; }
tour="$T_TMP/tour"
mkdir -p "$tour"
printf 'A step that types SQL\nProse.\n$ SELECT %s AS t, 7 AS n;\n' "'tourword'" > "$tour/01-sql"

tui_start 140 50 || t_fail "console starts" "$(tui_screen)"
tui_run "show sql load users"
tui_wait_screen "work_mem = '256MB'" 10 || t_fail "show sql load users" "$(tui_screen)"
t_has "show sql: a keyword is coloured" "$(esc_on "work_mem = '256MB'" SET)" "38;"
t_has "show sql: a string is coloured" "$(esc_on "work_mem = '256MB'" "'256MB'")" "38;"
[ "$(esc_on "work_mem = '256MB'" SET)" != "$(esc_on "work_mem = '256MB'" "'256MB'")" ] \
	&& t_pass "show sql: keyword and string styled apart" || t_fail "show sql styles" "$(row_e 256MB | cat -v)"
t_has "show sql: a comment line is styled" "$(esc_on "-- load users: one row" "-- load users")" "38;"
tui_run "tour $tour"
tui_wait_screen "│ SELECT 'tourword' AS t" 10 || t_fail "the tour's SQL shows" "$(tui_screen)"
t_has "tour: the step's SQL keyword is coloured" "$(esc_on "│ SELECT 'tourword' AS t" SELECT)" "38;"
t_has "tour: the step's SQL string is coloured" "$(esc_on "│ SELECT 'tourword' AS t" "'tourword'")" "38;"
tour_quit
tui_run "SELECT 'histword' AS h, 5 AS n;"
tui_wait_dump "histword" 10 || t_fail "the query ran" "$(tui_screen)"
tui_keys C-r; tui_type "histword"
tui_wait_screen "histword': SELECT 'histword'" 5 || t_fail "Ctrl-R searches" "$(tui_screen | tail -2)"
t_has "Ctrl-R: the found line's keyword is coloured" "$(esc_on "reverse-i-search" SELECT)" "38;"
t_has "Ctrl-R: the found line's string is coloured" "$(esc_on "reverse-i-search" "'histword'")" "38;"
tui_keys C-g C-c

tui_start 140 50 NO_COLOR=1 || t_fail "console starts under NO_COLOR" "$(tui_screen)"
tui_run "show sql load users"
tui_wait_screen "work_mem = '256MB'" 10 || t_fail "NO_COLOR: show sql load users" "$(tui_screen)"
t_eq "NO_COLOR: show sql carries no colour" "$(colours_on "work_mem = '256MB'")" ""
tui_run "tour $tour"
tui_wait_screen "│ SELECT 'tourword' AS t" 10 || t_fail "NO_COLOR: the tour's SQL shows" "$(tui_screen)"
t_eq "NO_COLOR: the tour's SQL carries no colour" "$(colours_on "│ SELECT 'tourword' AS t")" ""
tour_quit
tui_run "SELECT 'histword' AS h, 5 AS n;"
tui_wait_dump "histword" 10 || t_fail "NO_COLOR: the query ran" "$(tui_screen)"
tui_keys C-r; tui_type "histword"
tui_wait_screen "histword': SELECT 'histword'" 5 || t_fail "NO_COLOR: Ctrl-R searches" "$(tui_screen | tail -2)"
t_eq "NO_COLOR: Ctrl-R's line carries no colour" "$(colours_on "reverse-i-search")" ""
