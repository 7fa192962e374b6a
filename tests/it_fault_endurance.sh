#!/usr/bin/env bash
# it_fault_endurance.sh — 100 cycles of `stage` + `load all` + a query in one batch process
# and in one console (`\i` of the same script): resident size flat (within 10% of what it was
# after the first quarter) and no descriptor leak (/proc/PID/fd count flat). Tiny data.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"
. "$T_ROOT/tests/lib/tui.sh"

t_newdb
dwht -c create >/dev/null
script="$T_TMP/cycles.sql"
for i in $(seq 100); do printf 'stage\nload all\nSELECT count(*) AS plays FROM songplays;\n'; done > "$script"
printf "SELECT 'endur' || 'ance done' AS fin;\n" >> "$script"

# sample PID FILE: "rss fds" every 0.2 s while PID lives
sample() { while [ -d /proc/$1 ]; do
	echo "$(awk '/^VmRSS/ {print $2}' /proc/$1/status 2>/dev/null) $(ls /proc/$1/fd 2>/dev/null | wc -l)" >> "$2"
	sleep 0.2; done; }
# judge NAME FILE: the first quarter is warm-up; after it, RSS within 10% and fds the same
judge() {
	local n; n=$(grep -c '^[0-9]' "$2")
	[ "$n" -ge 8 ] || { t_fail "$1: only $n samples"; return; }
	local base_rss base_fd max_rss min_fd end_fd
	read -r base_rss base_fd < <(grep '^[0-9]' "$2" | sed -n "$((n / 4))p")
	max_rss=$(grep '^[0-9]' "$2" | tail -n $((n / 4)) | awk 'm < $1 {m = $1} END {print m}')
	# a leak raises the floor; a connection open for a moment (stage's second one, the lock
	# watcher's during a slow statement) only lifts single samples, more often when slower
	min_fd=$(grep '^[0-9]' "$2" | sed -n "$((n / 4)),$((n / 2))p" | awk 'NR == 1 || $2 < m {m = $2} END {print m}')
	end_fd=$(grep '^[0-9]' "$2" | tail -n $((n / 4)) | awk 'NR == 1 || $2 < m {m = $2} END {print m}')
	if [ "${SANITIZE:-}" = 1 ]; then t_skip "$1: RSS not meaningful under AddressSanitizer"
	elif [ "$max_rss" -le $((base_rss * 110 / 100)) ]; then t_pass "$1: RSS flat ($base_rss -> $max_rss KB)"
	else t_fail "$1: RSS grew $base_rss -> $max_rss KB"; fi
	[ -n "$end_fd" ] && [ "$end_fd" -le "$min_fd" ] && t_pass "$1: descriptors flat (floor $min_fd -> $end_fd)" \
		|| t_fail "$1: descriptors grew (floor $min_fd -> $end_fd)"
}

env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" --data "$ETL_MINI" -f "$script" \
	>"$T_TMP/batch.out" 2>&1 &
pid=$!
sample $pid "$T_TMP/batch.samples" &
wait $pid; rc=$?
t_eq "batch: 100 cycles, exit 0" "$rc" 0
t_eq "batch: every query answered" "$(grep -c '^ *6$' "$T_TMP/batch.out")" 100
judge batch "$T_TMP/batch.samples"

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
