#!/usr/bin/env bash
# it_fault_endurance.sh — 100 cycles of `stage` + `load all` + a query in one batch process:
# resident size flat (within 10% of what it was after the first quarter) and no descriptor leak
# (/proc/PID/fd count the same at two quiet points, after the warm-up and at the end). Tiny
# data. The console's cycles: it_fault_endurance_tui.sh (the two halves were one script, the
# longest of the suite, waiting on the server ~200 times).
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"
. "$(dirname "$0")/lib/gate.sh"

t_newdb
dwht -c create >/dev/null
script="$T_TMP/cycles.sql"
# two quiet points, after cycle 25 and after cycle 100: a statement waiting for a lock the test
# holds (mark N), when dwh has only its session's connection open; the descriptors are counted
# there (sampling while stage and load all run would catch their second connections at random)
cycle() { printf 'stage\nload all\nSELECT count(*) AS plays FROM songplays;\n'; }
mark() { printf "SELECT 'mark $1' AS at, pg_advisory_xact_lock_shared(7701, $1);\n"; }
{ for i in $(seq 25); do cycle; done; mark 1; for i in $(seq 75); do cycle; done; mark 2; } > "$script"
printf "SELECT 'endur' || 'ance done' AS fin;\n" >> "$script"
# held N [NOT]: the lock of mark N (7701, N) is held (NOT: asked for and waited on)
held() { [ "$(sqlv "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 7701
	AND objid = $1 AND objsubid = 2 AND $2 granted")" -ge 1 ]; }
lock_hold t_mark1 "7701, 1"; lock_hold t_mark2 "7701, 2"
wait_for 30 held 1 "" && wait_for 30 held 2 "" || t_fail "the test holds its two marks"

# sample PID FILE: its RSS every 0.2 s while PID lives
sample() { while [ -d /proc/$1 ]; do
	awk '/^VmRSS/ {print $2}' /proc/$1/status 2>/dev/null >> "$2"
	sleep 0.2; done; }
# judge NAME FILE: the first quarter is warm-up; after it, RSS within 10%
judge() {
	local n; n=$(grep -c '^[0-9]' "$2")
	[ "$n" -ge 8 ] || { t_fail "$1: only $n samples"; return; }
	local base_rss max_rss
	base_rss=$(grep '^[0-9]' "$2" | sed -n "$((n / 4))p")
	max_rss=$(grep '^[0-9]' "$2" | tail -n $((n / 4)) | awk 'm < $1 {m = $1} END {print m}')
	if [ "${SANITIZE:-}" = 1 ]; then t_skip "$1: RSS not meaningful under AddressSanitizer"
	elif [ "$max_rss" -le $((base_rss * 110 / 100)) ]; then t_pass "$1: RSS flat ($base_rss -> $max_rss KB)"
	else t_fail "$1: RSS grew $base_rss -> $max_rss KB"; fi
}

env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" --data "$ETL_MINI" -f "$script" \
	>"$T_TMP/batch.out" 2>&1 &
pid=$!
sample $pid "$T_TMP/batch.samples" &
fds() { ls /proc/"$pid"/fd 2>/dev/null | wc -l; }
holder() { sqlv "SELECT pid FROM pg_stat_activity WHERE application_name = '$1'"; }
# at a mark: dwh waits, and has said for whom (its lock watcher's connection is open by then)
at_mark() { held "$1" NOT && file_has "$T_TMP/batch.out" "held by pid $(holder "t_mark$1") "; }
wait_for 120 at_mark 1 || t_fail "dwh reached mark 1" "$(tail -3 "$T_TMP/batch.out")"
fd1=$(fds); lock_release t_mark1
wait_for 300 at_mark 2 || t_fail "dwh reached mark 2" "$(tail -3 "$T_TMP/batch.out")"
fd2=$(fds); lock_release t_mark2
wait $pid; rc=$?
t_eq "batch: 100 cycles, exit 0" "$rc" 0
t_eq "batch: every query answered" "$(grep -c '^ *6$' "$T_TMP/batch.out")" 100
judge batch "$T_TMP/batch.samples"
t_eq "batch: descriptors flat (after cycle 25: $fd1, after cycle 100)" "$fd2" "$fd1"
