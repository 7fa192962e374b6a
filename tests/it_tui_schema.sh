#!/usr/bin/env bash
# it_tui_schema.sh — the schema diagram reflows to the width: where the star (dimensions left,
# right, above and below the fact) is wider than the Result pane, the boxes go in rows, as many
# side by side as fit (at 80 columns the songs box was off the right edge); where it fits
# (200x60) the star stays. In batch mode $COLUMNS is the width.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tschema
run() { "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@"; }
run -c create >/dev/null 2>&1 || t_fail "create"

wide=$(run -c schema 2>&1)
t_has "batch, no width: the star, the fact linked to its dimensions" "$wide" "-----+"
narrow=$(COLUMNS=80 run -c schema 2>&1)
longest=$(printf '%s\n' "$narrow" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
[ "$longest" -le 80 ] && t_pass "batch, COLUMNS=80: every line fits ($longest)" \
	|| t_fail "batch, COLUMNS=80: every line fits" "longest $longest" "$narrow"
for t in songplays users songs artists time; do
	t_has "... the $t box is there" "$narrow" "| $t "
done

for size in "80 24" "120 36" "200 60"; do
	set -- $size
	tui_start "$1" "$2" || t_fail "console starts at ${1}x$2" "$(tui_screen)"
	tui_run "schema"
	tui_wait_screen "schema — " 10 || t_fail "${1}x$2: schema shows" "$(tui_screen)"
	t_lacks "${1}x$2: no line wider than the pane (nothing to scroll sideways to)" "$(tui_screen)" "Shift-Right"
	t_lacks "${1}x$2: ... no line cut" "$(tui_pane result)" "…"
	if [ "$1" = 200 ]; then
		t_has "200x60: the star itself" "$(tui_pane result)" "-----+"
	fi
done
