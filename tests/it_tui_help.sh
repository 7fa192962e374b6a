#!/usr/bin/env bash
# it_tui_help.sh — the F1 help cuts nothing at 80x24, 120x36 and 200x60: a key's words wrap
# under it instead of running off the box, every command is in it, and where it is taller than
# the screen (80x24) it says so ("lines 1-20 of 31  ↓ more") and scrolls to its last line.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb thelp

# The text inside the help box: each row between its side borders, trimmed, joined by spaces.
help_text() {
	tui_screen | perl -CSD -Mutf8 -ne 'if (!defined $x) { $x = index($_, "┌ Help "); undef $x if $x < 0; next }
		exit if substr($_, $x, 1) eq "└"; my $s = substr($_, $x + 1); $s =~ s/│.*//s; print "$s\n"' \
		| tr -s ' \n' '  '
}
# Where the help is: its "lines A-B of N" (nothing when it fits).
help_at() { tui_screen | grep -oE 'lines [0-9]+-[0-9]+ of [0-9]+'; }
# Words that ended the keys' lines (cut at every size before: "Ctrl-R searc", "g/G, Ho")
tails=("else history; Ctrl-R searches" "sideways, half a pane" "arrows, PgUp/PgDn, g/G, Home/End"
	"c chart; [ ] results" "quit, q or Ctrl-D leaves")
"$DWH" help | sed -n 's/^  \([a-z\\][^ ]*\).*/\1/p' | sort -u > "$T_TMP/commands"
[ "$(wc -l < "$T_TMP/commands")" -gt 20 ] || t_fail "help lists the commands" "$(cat "$T_TMP/commands")"

for size in "80 24" "120 36" "200 60"; do
	set -- $size
	tui_start "$1" "$2" || t_fail "console starts at ${1}x$2" "$(tui_screen)"
	tui_keys F1
	tui_wait_screen "┌ Help " 10 || t_fail "F1 opens the help at ${1}x$2" "$(tui_screen)"
	# the whole help, page by page to its end (at most 10 pages)
	: > "$T_TMP/seen"
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		help_text >> "$T_TMP/seen"
		tui_screen | grep -qE 'lines [0-9]+-([0-9]+) of \1 ' && break
		tui_screen_has "↓ more" || break
		# (judged by the help's own "lines A-B": any other change of the screen, a clock or a
		# pane redrawn, let a second PgDn go before the first was drawn, skipping a page)
		before=$(help_at)
		tui_keys PgDn
		moved() { [ "$(help_at)" != "$before" ]; }
		wait_for 5 moved || break
	done
	seen=$(cat "$T_TMP/seen")
	for t in "${tails[@]}"; do
		t_has "${1}x$2: a key's line is whole (wrapped, not cut): $t" "$seen" "$t"
	done
	missing=""
	while read -r c; do
		grep -qE -- "(^| )$(printf '%s' "$c" | sed 's/\\/\\\\/g')( |$)" "$T_TMP/seen" || missing="$missing $c"
	done < "$T_TMP/commands"
	t_eq "${1}x$2: every command is in the help" "$missing" ""
	if [ "$1" = 80 ]; then
		t_pass "(80x24 is checked below)"
	else
		t_has "${1}x$2: the help fits: any key closes it" "$(tui_screen)" "any key closes"
	fi
	tui_keys q
done

# 80x24: taller than the screen, it says so and scrolls to its last line and back.
tui_start 80 24 || t_fail "console starts" "$(tui_screen)"
tui_keys F1
t_has_soon "80x24: the help says more lines exist" "↓ more" tui_screen
t_has "... and where it is" "$(tui_screen)" "lines 1-"
tui_keys End
at_end() { tui_screen | grep -qE 'lines [0-9]+-([0-9]+) of \1 '; }
wait_for 5 at_end && t_pass "End: its last line in view" || t_fail "End reaches the last line" "$(tui_screen)"
t_lacks "... no more below" "$(tui_screen)" "↓ more"
tui_keys Home
t_has_soon "Home: back to the first line" "lines 1-" tui_screen
tui_keys j
t_has_soon "j: one line down" "lines 2-" tui_screen
tui_keys Down
t_has_soon "Down: one more" "lines 3-" tui_screen
tui_keys q
closed() { ! tui_screen_has "┌ Help "; }
wait_for 5 closed && t_pass "q closes the help" || t_fail "q closes the help" "$(tui_screen)"
