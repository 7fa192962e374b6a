#!/usr/bin/env bash
# it_fault_endurance_tui.sh — 96 cycles of `stage` + `load all` + a query in one console (`\i`
# of scripts as it_fault_endurance.sh runs them in batch mode): resident size flat (within 10%
# of what it was after the warm-up) and no descriptor leak (/proc/PID/fd count flat). Tiny data.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"
. "$T_ROOT/tests/lib/tui.sh"

t_newdb
dwht -c create >/dev/null

# The console: eight `\i` of 12 cycles each (one command's whole output is kept for the Result
# pane, so the cycles are split into commands as a person would run them), sampled when each
# is done; the first three are the warm-up.
tui_start 120 30 -- --data "$ETL_MINI"
tui_wait_screen '· ready' 10
pid=$(tui_pid)
[ -n "$pid" ] || t_fail "console: no pid"
ok=0
for k in $(seq 8); do
	for i in $(seq 12); do printf 'stage\nload all\nSELECT count(*) AS plays FROM songplays;\n'; done > "$T_TMP/c$k.sql"
	printf "SELECT 'endur' || 'ance $k' AS fin;\n" >> "$T_TMP/c$k.sql"
	tui_run "\\i $T_TMP/c$k.sql"
	tui_wait_screen "endurance $k" 120 && tui_wait_screen '· ready' 10 && ok=$((ok + 1))
	echo "$(awk '/^VmRSS/ {print $2}' /proc/$pid/status) $(ls /proc/$pid/fd | wc -l)" >> "$T_TMP/tui.samples"
done
t_eq "console: 96 cycles ran" "$ok" 8
t_lacks "console: no failure on the way" "$(tui_screen)" "failed"
read -r base_rss base_fd < <(sed -n 3p "$T_TMP/tui.samples")
max_rss=$(tail -n 3 "$T_TMP/tui.samples" | awk 'm < $1 {m = $1} END {print m}')
max_fd=$(tail -n 5 "$T_TMP/tui.samples" | awk 'm < $2 {m = $2} END {print m}')
if [ "${SANITIZE:-}" = 1 ]; then t_skip "console: RSS not meaningful under AddressSanitizer"
elif [ "$max_rss" -le $((base_rss * 110 / 100)) ]; then t_pass "console: RSS flat ($base_rss -> $max_rss KB)"
else t_fail "console: RSS grew $base_rss -> $max_rss KB" "$(cat "$T_TMP/tui.samples")"; fi
t_eq "console: descriptors flat" "$max_fd" "$base_fd"
tui_run quit
