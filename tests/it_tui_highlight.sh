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
