#!/usr/bin/env bash
# run.sh — `make bench`: dwh measured against the database's own limits, in one run, as ratios.
# 1. generate data (BENCH_EVENTS, BENCH_SONGS; and a tenth of it) unless present; own server
# 2. floor: COPY ... FROM STDIN (FORMAT csv) of the same rows, flattened beforehand
# 3. dwh stage on the JSON, with peak RSS;   4. reference INSERT ... SELECT vs dwh's load stages
# 5. scaling: the same at 1/10;   6. the median of 3 runs of each, ratios, PASS/MISS
# 7. incremental: appending the 30th day to a warehouse of 29 vs a full stage + load of 30
#    (BENCH_PART=incremental runs only this one)
# Also: rows/s and MB/s of dwh stage, and the row-at-a-time tutorial way as a ratio.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DWH="$ROOT/dwh"
EVENTS=${BENCH_EVENTS:-1000000}
SONGS=${BENCH_SONGS:-100000}
RUNS=${BENCH_RUNS:-3}
DATA="$ROOT/bench/data"
OUT="$ROOT/bench/results.md"
. tests/lib/pg.sh

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# peak RSS needs GNU time; installed on the fly as root, else measured by polling /proc
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 || true
fi

cc -O2 -std=c11 -o bench/tutorial bench/tutorial.c $(pkg-config --cflags --libs libpq libcjson)

gen() {	# gen DIR EVENTS SONGS
	if [ ! -f "$1/expected.json" ]; then
		log "generating $2 events, $3 songs in $1"
		rm -rf "$1"
		"$DWH" gen "$1" --events "$2" --songs "$3" --seed 42 >/dev/null
	fi
}

pg_start
trap 'pg_stop' EXIT
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$T_HOST" -p "$T_PORT" -U "$T_USER")
CONN="host=$T_HOST port=$T_PORT user=$T_USER dbname=bench"
"${PSQL[@]}" -d postgres -c "CREATE DATABASE bench" >/dev/null
D=(env -u PGHOST -u PGDATABASE "$DWH" -d "$CONN")
"${D[@]}" -c create >/dev/null

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# timeit CMD...: prints seconds
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
timeit() { local t0; t0=$(now); "$@" >/dev/null; calc "$(now) - $t0"; echo; }

# peakrss CMD...: runs it, prints "seconds kilobytes"
peakrss() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M' -o "$DATA/.time" "$@" >/dev/null
		cat "$DATA/.time"
	else
		local t0 pid hwm=0 h
		t0=$(now); "$@" >/dev/null & pid=$!
		while kill -0 $pid 2>/dev/null; do
			h=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
			[ "${h:-0}" -gt "$hwm" ] && hwm=$h; sleep 0.05
		done
		wait $pid; echo "$(calc "$(now) - $t0") $hwm"
	fi
}

floor_once() {	# COPY the CSV of the same rows into the same staging tables
	"${PSQL[@]}" -d bench -c "TRUNCATE staging_events, staging_songs"
	timeit "${PSQL[@]}" -d bench \
		-c "\\copy staging_songs FROM '$1/songs.csv' WITH (FORMAT csv)" \
		-c "\\copy staging_events FROM '$1/events.csv' WITH (FORMAT csv)"
}

measure() {	# measure DIR LABEL: fills globals for one data size
	local dir=$1 label=$2 i t
	log "$label: preparing CSV of the staged rows"
	"${D[@]}" --data "$dir" -c stage >/dev/null
	"${PSQL[@]}" -d bench -c "\\copy staging_songs TO '$dir/songs.csv' WITH (FORMAT csv)" \
		-c "\\copy staging_events TO '$dir/events.csv' WITH (FORMAT csv)"
	: > "$DATA/.floor"; : > "$DATA/.stage"; : > "$DATA/.rss"; : > "$DATA/.ref"; : > "$DATA/.load"
	for i in $(seq "$RUNS"); do
		log "$label: run $i/$RUNS"
		floor_once "$dir" >> "$DATA/.floor"
		read -r t rss < <(peakrss "${D[@]}" --data "$dir" -c stage)
		echo "$t" >> "$DATA/.stage"; echo "$rss" >> "$DATA/.rss"
		"${PSQL[@]}" -d bench -c "ANALYZE staging_events, staging_songs"
		timeit "${PSQL[@]}" -d bench -f bench/reference.sql >> "$DATA/.ref"
		timeit "${D[@]}" -c 'load songplays' -c 'load users' -c 'load songs' -c 'load artists' -c 'load time' >> "$DATA/.load"
	done
	FLOOR=$(median < "$DATA/.floor"); STAGE=$(median < "$DATA/.stage")
	RSS=$(sort -n "$DATA/.rss" | tail -n1); REF=$(median < "$DATA/.ref"); LOAD=$(median < "$DATA/.load")
	BYTES=$(du -sb "$dir/song_data" "$dir/log_data" | awk '{s+=$1} END {print s}')
	ROWS=$("${PSQL[@]}" -d bench -A -t -c "SELECT (SELECT count(*) FROM staging_events) + (SELECT count(*) FROM staging_songs)")
}

# Incremental: a warehouse holding 29 of the 30 days takes the 30th (stage events --new +
# load all --incremental), against a full stage + load of all 30. Cost should grow with the
# new data (1/30 of it), not with the warehouse: target ≤ 3/30.
incremental() {	# incremental DIR: sets INC_FULL INC_ADD INC_RATIO
	local dir=$1 feed="$DATA/feed" i last
	rm -rf "$feed"; mkdir -p "$feed/log_data"
	ln -s "$dir/song_data" "$feed/song_data"
	last=$(ls "$dir"/log_data/*/*/*.json | tail -n1)
	for f in $(ls "$dir"/log_data/*/*/*.json | head -n 29); do ln -s "$f" "$feed/log_data/"; done
	"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS bench_inc" -c "CREATE DATABASE bench_inc" >/dev/null
	local DI=(env -u PGHOST -u PGDATABASE "$DWH" -d "host=$T_HOST port=$T_PORT user=$T_USER dbname=bench_inc")
	"${DI[@]}" -c create >/dev/null
	: > "$DATA/.incfull"; : > "$DATA/.incadd"
	for i in $(seq "$RUNS"); do
		log "incremental: run $i/$RUNS: full stage + load of 30 days"
		timeit "${DI[@]}" --data "$dir" -c stage -c 'load all' >> "$DATA/.incfull"
		log "incremental: run $i/$RUNS: 29 days, then the 30th appended"
		rm -f "$feed/log_data/$(basename "$last")"
		"${DI[@]}" --data "$feed" -c stage -c 'load all' >/dev/null
		ln -s "$last" "$feed/log_data/"
		timeit "${DI[@]}" -c "stage events --new $feed/log_data" -c 'load all --incremental' >> "$DATA/.incadd"
	done
	INC_FULL=$(median < "$DATA/.incfull"); INC_ADD=$(median < "$DATA/.incadd")
	INC_RATIO=$(calc "$INC_ADD / $INC_FULL")
	"${D[@]}" -c 'SELECT 1;' >/dev/null
}

mkdir -p "$DATA"
if [ "${BENCH_PART:-}" = incremental ]; then   # just this figure: BENCH_PART=incremental make bench
	gen "$DATA/full" "$EVENTS" "$SONGS"
	incremental "$DATA/full"
	echo "| append 1 day of 30 / full stage + load of 30 | $INC_RATIO ($INC_ADD s / $INC_FULL s) | ≤ 0.10 | $(awk "BEGIN { exit !($INC_RATIO <= 0.10) }" && echo PASS || echo MISS) |"
	exit 0
fi
gen "$DATA/full" "$EVENTS" "$SONGS"
gen "$DATA/tenth" $((EVENTS / 10)) $((SONGS / 10))

measure "$DATA/tenth" "1/10"
log "a 3,000,000-row result: console (after G) and batch resident size"
read -r BROWSE_CONSOLE BROWSE_BATCH < <(bash bench/browse_rss.sh "$T_HOST" "$T_PORT" "$T_USER" bench)
T_FLOOR=$FLOOR T_STAGE=$STAGE T_RSS=$RSS T_REF=$REF T_LOAD=$LOAD T_ROWS=$ROWS
log "1/10: the tutorial way (one INSERT per row)"
TUT=$(timeit ./bench/tutorial "$CONN" "$DATA/tenth")
measure "$DATA/full" "full"
incremental "$DATA/full"

r() { calc "$1 / $2"; }
verdict() { awk "BEGIN { exit !($1 <= $2) }" && echo PASS || echo MISS; }
STAGE_RATIO=$(r "$STAGE" "$FLOOR"); LOAD_RATIO=$(r "$LOAD" "$REF")
SCALE=$(r "($STAGE + $LOAD)" "($T_STAGE + $T_LOAD)")
RSS_MB=$(r "$RSS" 1024); T_RSS_MB=$(r "$T_RSS" 1024)
TUT_RATIO=$(r "$TUT" "$T_STAGE")
MBS=$(r "$(r "$BYTES" 1048576)" "$STAGE"); RPS=$(printf '%.0f' "$(r "$ROWS" "$STAGE")")

{
echo "## Benchmark — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), PostgreSQL $(pg_config --version | awk '{print $2}')"
echo
echo "$EVENTS events and $SONGS songs ($(r "$BYTES" 1048576) MB of JSON, $ROWS staging rows); median of $RUNS runs."
echo
echo "| figure | 1/10 size | full size |"
echo "|---|---|---|"
echo "| COPY-CSV floor (s) | $T_FLOOR | $FLOOR |"
echo "| dwh stage (s) | $T_STAGE | $STAGE |"
echo "| reference transform (s) | $T_REF | $REF |"
echo "| dwh load, all five (s) | $T_LOAD | $LOAD |"
echo "| dwh peak RSS (MB) | $T_RSS_MB | $RSS_MB |"
echo
echo "| target | value | limit | |"
echo "|---|---|---|---|"
echo "| dwh stage / COPY-CSV floor | $STAGE_RATIO | ≤ 1.10 | $(verdict "$STAGE_RATIO" 1.10) |"
echo "| dwh load / reference | $LOAD_RATIO | ≤ 0.80 | $(verdict "$LOAD_RATIO" 0.80) |"
echo "| peak RSS, full size (MB) | $RSS_MB | ≤ 32 | $(verdict "$RSS_MB" 32) |"
echo "| peak RSS, 1/10 size (MB) | $T_RSS_MB | ≤ 32 | $(verdict "$T_RSS_MB" 32) |"
echo "| time(N) / time(N/10), stage + load | $SCALE | ≤ 11 | $(verdict "$SCALE" 11) |"
echo "| append 1 day of 30 / full stage + load of 30 | $INC_RATIO ($INC_ADD s / $INC_FULL s) | ≤ 0.10 | $(verdict "$INC_RATIO" 0.10) |"
if [ "$BROWSE_CONSOLE" != - ]; then
	echo "| console RSS, 3,000,000-row result after G (MB) | $(r "$BROWSE_CONSOLE" 1024) | < 64 | $(verdict "$(r "$BROWSE_CONSOLE" 1024)" 64) |"
fi
if [ "$BROWSE_BATCH" != - ]; then
	echo "| batch RSS, printing 3,000,000 rows (MB) | $(r "$BROWSE_BATCH" 1024) | < 64 | $(verdict "$(r "$BROWSE_BATCH" 1024)" 64) |"
fi
echo
echo "dwh stage: $RPS rows/s, $MBS MB/s of JSON. The tutorial way (one INSERT per row, autocommit) took $TUT s at 1/10 size: $TUT_RATIO × dwh stage."
} | tee "$OUT"
