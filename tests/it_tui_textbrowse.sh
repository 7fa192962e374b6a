#!/usr/bin/env bash
# it_tui_textbrowse.sh — one browser for every result: a text result (show sql) takes focus
# with Esc, says so in its footer, searches with / and n, and a letter that is not a browser
# key goes back to the prompt with the letter typed (nothing typed while browsing is lost).
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb ttext
result_pane() { tui_pane result; }

tui_start 80 24 || t_fail "console starts" "$(tui_screen)"
tui_run "show sql load users"
tui_wait_pane result "load users: one row" 10 || t_fail "show sql load users" "$(tui_pane result)"
tui_keys Escape
t_has_soon "browsing a text: the footer says how to return" "browsing — Esc returns to the prompt" tui_screen
word="NULLS LAST"        # on the file's 22nd line only: out of view until found
t_lacks "the word is out of view at first" "$(tui_pane result)" "$word"
tui_type "/$word"
tui_keys Enter
t_has_soon "/ on a show sql result finds a word: its line comes into view" "$word" result_pane
tui_keys n
t_lacks "... and no error" "$(tui_screen)" "unknown command"
tui_type "show"
t_has_soon "a letter that is not a browser key returns to the prompt, typed there" "dwh> show" tui_tail
let_go() { ! tui_screen_has "browsing — Esc"; }
wait_for 5 let_go && t_pass "... the browser let go" || t_fail "the browser let go" "$(tui_screen)"
tui_type " sql load users"
tui_keys Enter
t_has_soon "... and the line runs whole: a second show sql result" "[2/2]" tui_screen
t_lacks "... not as 'unknown command: l'" "$(tui_screen)" "unknown command"
