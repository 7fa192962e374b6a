#!/usr/bin/env bash
# it_tui_wrapped.sh — \pset format wrapped as psql prints it: values wider than their share of
# the width wrap inside their column ('.' where a line goes on), the column psql would shrink
# (widest against its average) shrunk as psql does. Batch mode with \pset columns and the
# console (the Result pane's width) are compared line for line with psql's own output.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb twrapped
q="SELECT g AS id, repeat('word ', g * 9) || 'END' || g AS body, g * 1.5 AS amount, md5(g::text) || md5((g + 1)::text) AS hash FROM generate_series(1, 3) g"
want() { psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -P format=wrapped -P "columns=$1" -c "$q;"; }

want 76 > "$T_TMP/psql76"
grep -q '\.|' "$T_TMP/psql76" || grep -q '\. ' "$T_TMP/psql76" \
	|| t_fail "(psql wrapped something at 76 columns)" "$(cat "$T_TMP/psql76")"
"$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c '\pset format wrapped' -c '\pset columns 76' \
	-c "$q;" 2>/dev/null | grep -v '^Output format is\|^Target width is' > "$T_TMP/dwh76"
t_eq "batch: \\pset format wrapped, columns 76 is psql's output" "$(cat "$T_TMP/dwh76")" "$(cat "$T_TMP/psql76")"
want 40 > "$T_TMP/psql40"
"$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c '\pset format wrapped' -c '\pset columns 40' \
	-c '\pset border 2' -c "$q;" 2>/dev/null | grep -v '^Output format is\|^Target width is\|^Border style is' > "$T_TMP/dwh40b2"
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -P format=wrapped -P columns=40 -P border=2 \
	-c "$q;" > "$T_TMP/psql40b2"
t_eq "batch: ... border 2 at 40 columns too" "$(cat "$T_TMP/dwh40b2")" "$(cat "$T_TMP/psql40b2")"

q2="SELECT 'a' || chr(10) || repeat('bc', 30) AS multi, NULL::text AS n, 'short' AS s"
"$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c '\pset format wrapped' -c '\pset columns 30' \
	-c '\pset border 0' -c "\\pset null '(null)'" -c "$q2;" 2>/dev/null \
	| grep -v '^Output format is\|^Target width is\|^Border style is\|^Null display is' > "$T_TMP/dwh30b0"
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -P format=wrapped -P columns=30 -P border=0 \
	-P null='(null)' -c "$q2;" > "$T_TMP/psql30b0"
t_eq "batch: ... border 0, a newline and a NULL in it" "$(cat "$T_TMP/dwh30b0")" "$(cat "$T_TMP/psql30b0")"

# The console: the Result pane is 116 wide at 120x36 (focus layout: every line in view).
want 116 | sed 's/ *$//' > "$T_TMP/psql116"
tui_start 120 36 || t_fail "console starts" "$(tui_screen)"
tui_run "layout focus"
tui_wait_screen "0 of 8 stages" 10 || t_fail "focus layout" "$(tui_screen)"
tui_run '\pset format wrapped'
tui_wait_screen "Output format is wrapped." 10 || t_fail "\\pset format wrapped" "$(tui_screen)"
tui_run "$q;"
tui_wait_pane result "END3" 10 || t_fail "the result" "$(tui_pane result)"
tui_pane result | sed '1d; s/^ //; s/ *$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$T_TMP/dwh116"
t_eq "console: wrapped to the pane's width, as psql at 116 columns" "$(cat "$T_TMP/dwh116")" \
	"$(sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$T_TMP/psql116")"
t_lacks "... nothing out of view to the right" "$(tui_screen)" "Left/Right"
