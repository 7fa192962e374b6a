#!/usr/bin/env bash
# it_fault_endurance.sh — 100 cycles of `stage` + `load all` + a query in one batch process:
# resident size flat (within 10% of what it was after the first quarter) and no descriptor leak
# (/proc/PID/fd count flat). Tiny data. The console's cycles: it_fault_endurance_tui.sh (the
# two halves were one script, the longest of the suite, waiting on the server ~200 times).
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

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
