#!/usr/bin/env bash
# run.sh — `make bench`: dwh measured against the database's own limits, in one run, as ratios.
# 1. generate data (BENCH_EVENTS, BENCH_SONGS; and a tenth of it) unless present
# 2. for each server configuration (BENCH_SERVERS: "local" = max_prepared_transactions = 8, as
#    on dwh's own local server; "default" = PostgreSQL's default, max_prepared_transactions = 0):
#    the limit — the server COPYing the same staged rows from its own file, binary, FREEZE, no
#    client at all, on one session and on two at once — beside `dwh stage` with its peak RSS,
#    the median of BENCH_RUNS runs each, interleaved so the machine's load falls on both alike
# 3. on the first configuration: the plain reference transform (bench/reference.sql) beside
#    dwh's five loads (load all, on two lanes) on the same staging; the same at 1/10 for scaling
# 4. incremental: appending the 30th day to a warehouse of 29 vs a full stage + load of 30
#    (BENCH_PART=incremental runs only this one)
# 5. lineage: the stage with staging's lineage columns and without, in pairs, at least seven
#    (BENCH_PART=lineage runs only this one)
# 6. where the time goes: the slowest statements of the last stage and the last loads, from the
#    server's log (log_min_duration_statement)
# Writes bench/results.md (committed with a change that moves a figure).
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DWH="$ROOT/dwh"
EVENTS=${BENCH_EVENTS:-1000000}
SONGS=${BENCH_SONGS:-100000}
RUNS=${BENCH_RUNS:-3}
SERVERS=${BENCH_SERVERS:-local default}
DATA=${BENCH_DATA:-$ROOT/bench/data}     # generated data, kept between runs
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

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
timeit() { local t0; t0=$(now); "$@" >/dev/null; calc "$(now) - $t0"; echo; }
r() { calc "$1 / $2"; }
verdict() { awk "BEGIN { exit !($1 <= $2) }" && echo PASS || echo MISS; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

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

server_up() {	# server_up local|default: a fresh server, the bench database, dwh's tables
	local opts="-c log_min_duration_statement=100"
	[ "$1" = default ] && opts="$opts -c max_prepared_transactions=0"
	T_PG_OPTS="$opts" pg_start
	PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$T_HOST" -p "$T_PORT" -U "$T_USER")
	CONN="host=$T_HOST port=$T_PORT user=$T_USER dbname=bench"
	"${PSQL[@]}" -d postgres -c "CREATE DATABASE bench" >/dev/null
	D=(env -u PGHOST -u PGDATABASE "$DWH" -d "$CONN")
	"${D[@]}" -c create >/dev/null
	FLOORDIR=$T_PGDIR/floor
	mkdir -p "$FLOORDIR"
	[ "$(id -u)" = 0 ] && chown "$T_PGACCT" "$FLOORDIR"
	return 0
}
server_down() { pg_stop; T_PGDIR=; }
trap 'server_down' EXIT

# the server's own COPY of one table from its own file, in the transaction that truncates it
srv_copy() {	# srv_copy TABLE FILE
	"${PSQL[@]}" -d bench -c BEGIN -c "TRUNCATE $1" \
		-c "COPY $1 FROM '$FLOORDIR/$2' WITH (FORMAT binary, FREEZE)" -c COMMIT
}
floor1() { srv_copy staging_songs songs.bin; srv_copy staging_events events.bin; }
floor2() { srv_copy staging_songs songs.bin & local p=$!; srv_copy staging_events events.bin; wait $p; }

# the slowest statements the server logged between two byte offsets of its log
slowest() {	# slowest FROM TO N
	tail -c +"$(( $1 + 1 ))" "$T_PGDIR/server.log" | head -c "$(( $2 - $1 ))" > "$DATA/.log"
	perl bench/slowest.pl "$DATA/.log" "$3" | sed 's/^/    /'
}
logsize() { stat -c %s "$T_PGDIR/server.log"; }

measure() {	# measure DIR LABEL LOADS(0|1): sets FLOOR1 FLOOR2 STAGE RSS [REF LOAD], BYTES ROWS
	local dir=$1 label=$2 loads=$3 i t rss
	log "$label: staging once, the staged rows to the server's files"
	"${D[@]}" --data "$dir" -c stage >/dev/null
	"${PSQL[@]}" -d bench -c "COPY staging_songs TO '$FLOORDIR/songs.bin' WITH (FORMAT binary)" \
		-c "COPY staging_events TO '$FLOORDIR/events.bin' WITH (FORMAT binary)"
	: > "$DATA/.f1"; : > "$DATA/.f2"; : > "$DATA/.stage"; : > "$DATA/.rss"; : > "$DATA/.ref"; : > "$DATA/.load"
	for i in $(seq "$RUNS"); do
		log "$label: run $i/$RUNS (load $(loadavg))"
		timeit floor1 >> "$DATA/.f1"
		timeit floor2 >> "$DATA/.f2"
		STAGE_LOG=$(logsize)
		read -r t rss < <(peakrss "${D[@]}" --data "$dir" -c stage)
		echo "$t" >> "$DATA/.stage"; echo "$rss" >> "$DATA/.rss"
		STAGE_END=$(logsize)
		if [ "$loads" = 1 ]; then
			"${PSQL[@]}" -d bench -c "ANALYZE staging_events, staging_songs"
			timeit "${PSQL[@]}" -d bench -f bench/reference.sql >> "$DATA/.ref"
			LOAD_LOG=$(logsize)
			timeit "${D[@]}" -c 'load all' >> "$DATA/.load"
			LOAD_END=$(logsize)
		fi
	done
	FLOOR1=$(median < "$DATA/.f1"); FLOOR2=$(median < "$DATA/.f2"); STAGE=$(median < "$DATA/.stage")
	FLOOR=$(awk "BEGIN { print ($FLOOR1 < $FLOOR2) ? $FLOOR1 : $FLOOR2 }")
	RSS=$(sort -n "$DATA/.rss" | tail -n1)
	if [ "$loads" = 1 ]; then REF=$(median < "$DATA/.ref"); LOAD=$(median < "$DATA/.load"); fi
	BYTES=$(du -sb "$dir/song_data" "$dir/log_data" | awk '{s+=$1} END {print s}')
	ROWS=$("${PSQL[@]}" -d bench -A -t -c "SELECT (SELECT count(*) FROM staging_events) + (SELECT count(*) FROM staging_songs)")
}

# What `diff`'s snapshots cost (runlog.c takes them in each run's transaction): for each stage,
# as a new run does, the older of its two snapshots dropped (its partition), the new one's
# partition made and filled from its sql/postgres/snapshot_*.sql, a SELECT: row by row by an
# INSERT into the partition, per day by COPY (dwh reads those in parallel and writes the rows
# back), on the warehouse just loaded (work_mem as the load files set it), all in one
# transaction rolled back; the seconds of the statements, summed.
snapshots() {
	local rows="$T_PGDIR/snap_rows" f cols
	prune() {	# prune STAGE TABLE
		echo "SELECT COALESCE(min(run_id), 0) AS old FROM dwh_snapshots WHERE stage = '$1' \\gset"
		echo "DROP TABLE IF EXISTS $2_run_:old;"
		echo "DELETE FROM dwh_snapshots WHERE stage = '$1' AND run_id = :old;"
		echo "CREATE UNLOGGED TABLE IF NOT EXISTS $2_run_999999999 PARTITION OF $2"
		echo "    FOR VALUES IN (999999999) WITH (autovacuum_enabled = false);"
	}
	{ echo '\timing on'; echo '\pset format unaligned'; echo '\pset tuples_only on'
	  echo "\\pset fieldsep '\\t'"; echo "BEGIN;"; echo "SET LOCAL work_mem = '256MB';"; echo "SET LOCAL client_min_messages = warning;"
	  for f in users songs artists songplays time; do
		case $f in
		songplays|time)
			prune "load $f" dwh_snap_days
			sed 's/\$1/999999999/g' "sql/postgres/snapshot_$f.sql"	# a run_id after every other
			cols="run_id, day, user_id, plays, matched, digest"	# the SELECT's, named
			[ "$f" = time ] && cols="run_id, day, plays, digest"
			echo "\\g $rows"; echo "\\copy dwh_snap_days_run_999999999 ($cols) FROM '$rows'";;
		*)
			prune "load $f" dwh_snap_rows
			echo "INSERT INTO dwh_snap_rows_run_999999999"
			sed 's/\$1/999999999/g' "sql/postgres/snapshot_$f.sql"; echo ';';;
		esac
	  done
	  for stage in 'stage songs' 'stage events'; do
		prune "$stage" dwh_snap_rows
		echo "INSERT INTO dwh_snap_rows_run_999999999"
		sed -e 's/\$1/999999999/g' -e "s/\$2/'$stage'/g" sql/postgres/snapshot_files.sql; echo ';'
	  done
	  echo "ROLLBACK;"; } > "$DATA/.snap.sql"
	"${PSQL[@]}" -d bench -f "$DATA/.snap.sql" | awk '/^Time:/ {s += $2} END {printf "%.3f", s / 1000}'
}

# Every figure of expected.json, from the warehouse dwh just loaded.
exact() {	# exact DIR: "yes" or what differs
	local got want
	got=$("${PSQL[@]}" -d bench -A -t -F ' ' -c "SELECT (SELECT count(*) FROM songplays),
		(SELECT count(*) FROM songplays WHERE song_id IS NOT NULL), (SELECT count(*) FROM users),
		(SELECT count(*) FROM users WHERE level = 'paid'), (SELECT count(*) FROM songs),
		(SELECT count(*) FROM artists), (SELECT count(*) FROM time)")
	want=$(for k in songplays songplays_matched users users_paid songs artists time; do
		grep -o "\"$k\":[[:space:]]*[0-9]*" "$1/expected.json" | grep -o '[0-9]*$'; done | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ] && echo "yes ($got)" || echo "NO: got $got, expected $want"
}

# What staging's lineage costs (src_file or src_path, src_line, staging_files; doc/pipeline.md):
# dwh stage with the columns, and without them (dropped, as in a table an earlier dwh made: the
# loader then stages without; `create staging` puts them back). A few percent of a 2 s stage is
# less than this shared machine's drift between runs (+1.7 % and +8.1 % for the same code, three
# runs each): so each run times both, one right after the other, in turn first, and the figure is
# the median of the runs' own percentages, over seven runs at least.
lin_with() { timeit "${D[@]}" --data "$1" -c stage; }
lin_without() {
	"${PSQL[@]}" -d bench -c "ALTER TABLE staging_events DROP COLUMN src_file, DROP COLUMN src_line" \
		-c "ALTER TABLE staging_songs DROP COLUMN src_path, DROP COLUMN src_line" >/dev/null
	timeit "${D[@]}" --data "$1" -c stage
	"${D[@]}" -c 'create staging' >/dev/null
}
lineage() {	# lineage DIR: sets LIN_WITH LIN_WITHOUT LIN_PCT
	local dir=$1 i w o n
	n=$(( RUNS > 7 ? RUNS : 7 )); LIN_RUNS=$n
	: > "$DATA/.linw"; : > "$DATA/.lino"; : > "$DATA/.linp"
	for i in $(seq "$n"); do
		log "lineage: run $i/$n, with the columns and without (load $(loadavg))"
		if [ $((i % 2)) = 1 ]; then w=$(lin_with "$dir"); o=$(lin_without "$dir")
		else o=$(lin_without "$dir"); w=$(lin_with "$dir"); fi
		echo "$w" >> "$DATA/.linw"; echo "$o" >> "$DATA/.lino"
		calc "100 * ($w - $o) / $o" >> "$DATA/.linp"; echo >> "$DATA/.linp"
	done
	LIN_WITH=$(median < "$DATA/.linw"); LIN_WITHOUT=$(median < "$DATA/.lino")
	LIN_PCT=$(median < "$DATA/.linp" | awk '{ printf "%+.1f", $1 }')
}
lin_row() { echo "| staging lineage columns: the stage with them / without | $LIN_PCT % (median of $LIN_RUNS runs' own; medians $LIN_WITH s / $LIN_WITHOUT s) | ≤ 5 % | $(verdict "$LIN_PCT" 5) |"; }

# Incremental: a warehouse holding 29 of the 30 days takes the 30th (stage events --new +
# load all --incremental), against a full stage + load of all 30. Cost should grow with the
# new data (1/30 of it), not with the warehouse.
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
		log "incremental: run $i/$RUNS: full stage + load of 30 days (load $(loadavg))"
		timeit "${DI[@]}" --data "$dir" -c stage -c 'load all' >> "$DATA/.incfull"
		log "incremental: run $i/$RUNS: 29 days, then the 30th appended"
		rm -f "$feed/log_data/$(basename "$last")"
		"${DI[@]}" --data "$feed" -c stage -c 'load all' >/dev/null
		ln -s "$last" "$feed/log_data/"
		timeit "${DI[@]}" -c "stage events --new $feed/log_data" -c 'load all --incremental' >> "$DATA/.incadd"
	done
	INC_FULL=$(median < "$DATA/.incfull"); INC_ADD=$(median < "$DATA/.incadd")
	INC_RATIO=$(calc "$INC_ADD / $INC_FULL")
}

mkdir -p "$DATA"
gen "$DATA/full" "$EVENTS" "$SONGS"
if [ "${BENCH_PART:-}" = lineage ]; then        # just this figure: BENCH_PART=lineage make bench
	server_up local
	lineage "$DATA/full"
	lin_row
	exit 0
fi
if [ "${BENCH_PART:-}" = incremental ]; then   # just this figure: BENCH_PART=incremental make bench
	server_up local
	incremental "$DATA/full"
	echo "| append 1 day of 30 / full stage + load of 30 | $INC_RATIO ($INC_ADD s / $INC_FULL s) | ≤ 0.05 | $(verdict "$INC_RATIO" 0.05) |"
	exit 0
fi
gen "$DATA/tenth" $((EVENTS / 10)) $((SONGS / 10))
LOAD_START=$(loadavg)

first=1
: > "$DATA/.servers"; : > "$DATA/.where"
for srv in $SERVERS; do
	log "server: $srv"
	server_up "$srv"
	if [ $first = 1 ]; then
		measure "$DATA/tenth" "$srv 1/10" 1
		T_FLOOR1=$FLOOR1 T_FLOOR2=$FLOOR2 T_STAGE=$STAGE T_RSS=$RSS T_REF=$REF T_LOAD=$LOAD
		log "a 3,000,000-row result: console (after G) and batch resident size"
		read -r BROWSE_CONSOLE BROWSE_BATCH < <(bash bench/browse_rss.sh "$T_HOST" "$T_PORT" "$T_USER" bench)
		log "1/10: the tutorial way (one INSERT per row)"
		TUT=$(timeit ./bench/tutorial "$CONN" "$DATA/tenth")
		measure "$DATA/full" "$srv full" 1
		EXACT=$(exact "$DATA/full")
		SNAP=$(snapshots)
		{ echo "the last \`dwh stage\` ($srv server):"; slowest "$STAGE_LOG" "$STAGE_END" 6
		  echo "the last load all (songplays and time on one connection, the others on a second):"; slowest "$LOAD_LOG" "$LOAD_END" 10; } >> "$DATA/.where"
		REF_F=$REF LOAD_F=$LOAD RSS_F=$RSS BYTES_F=$BYTES ROWS_F=$ROWS
		lineage "$DATA/full"
		incremental "$DATA/full"
	else
		measure "$DATA/full" "$srv full" 0
		{ echo "the last \`dwh stage\` ($srv server):"; slowest "$STAGE_LOG" "$STAGE_END" 6; } >> "$DATA/.where"
	fi
	echo "$srv $FLOOR1 $FLOOR2 $STAGE $(r "$STAGE" "$FLOOR")" >> "$DATA/.servers"
	[ $first = 1 ] && F_STAGE=$STAGE
	server_down
	first=0
done

SCALE=$(r "($F_STAGE + $LOAD_F)" "($T_STAGE + $T_LOAD)")
LOAD_RATIO=$(r "$LOAD_F" "$REF_F")
RSS_MB=$(r "$RSS_F" 1024); T_RSS_MB=$(r "$T_RSS" 1024)
TUT_RATIO=$(r "$TUT" "$T_STAGE")
MBS=$(r "$(r "$BYTES_F" 1048576)" "$F_STAGE"); RPS=$(printf '%.0f' "$(r "$ROWS_F" "$F_STAGE")")

{
echo "## Benchmark — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), PostgreSQL $(pg_config --version | awk '{print $2}')"
echo
echo "$EVENTS events and $SONGS songs ($(r "$BYTES_F" 1048576) MB of JSON, $ROWS_F staging rows); median of $RUNS runs;"
echo "load average $LOAD_START at the start, $(loadavg) at the end (the machine is shared: ratios, not seconds)."
echo "Servers: tests/lib/pg.sh's (fsync off), \`local\` with max_prepared_transactions = 8 as on dwh's own"
echo "local server, \`default\` with PostgreSQL's default 0. The limit: the server COPYing the staged rows from"
echo "its own file (binary, FREEZE, in the transaction that truncates the table; no client), songs then events"
echo "on one session, or both at once on two; dwh stage is compared with the faster."
echo
echo "| server | limit, 1 session (s) | limit, 2 sessions (s) | dwh stage (s) | stage / limit | ≤ 1.25 |"
echo "|---|---|---|---|---|---|"
while read -r srv f1 f2 st ratio; do
	echo "| $srv | $f1 | $f2 | $st | $ratio | $(verdict "$ratio" 1.25) |"
done < "$DATA/.servers"
echo
echo "| figure | 1/10 size | full size |"
echo "|---|---|---|"
echo "| limit, 1 / 2 sessions (s) | $T_FLOOR1 / $T_FLOOR2 | $(awk 'NR==1 {print $2 " / " $3}' "$DATA/.servers") |"
echo "| dwh stage (s) | $T_STAGE | $F_STAGE |"
echo "| reference transform (s) | $T_REF | $REF_F |"
echo "| dwh load all: the five loads on two lanes (s) | $T_LOAD | $LOAD_F |"
echo "| dwh peak RSS (MB) | $T_RSS_MB | $RSS_MB |"
echo
echo "| target | value | limit | |"
echo "|---|---|---|---|"
while read -r srv f1 f2 st ratio; do
	echo "| dwh stage / the server's fastest COPY ($srv) | $ratio | ≤ 1.25 | $(verdict "$ratio" 1.25) |"
done < "$DATA/.servers"
echo "| dwh load / reference | $LOAD_RATIO | ≤ 0.80 | $(verdict "$LOAD_RATIO" 0.80) |"
echo "| every figure of expected.json (full size) | $EXACT | exact | $(case $EXACT in yes*) echo PASS;; *) echo MISS;; esac) |"
echo "| peak RSS, full size (MB) | $RSS_MB | ≤ 32 | $(verdict "$RSS_MB" 32) |"
echo "| peak RSS, 1/10 size (MB) | $T_RSS_MB | ≤ 32 | $(verdict "$T_RSS_MB" 32) |"
echo "| time(N) / time(N/10), stage + load | $SCALE | ≤ 10.5 | $(verdict "$SCALE" 10.5) |"
SNAP_RATIO=$(r "$SNAP" "($F_STAGE + $LOAD_F)")
echo "| diff's snapshots / full stage + load | $SNAP_RATIO ($SNAP s / $(calc "$F_STAGE + $LOAD_F") s) | < 0.05 | $(verdict "$SNAP_RATIO" 0.05) |"
echo "| append 1 day of 30 / full stage + load of 30 | $INC_RATIO ($INC_ADD s / $INC_FULL s) | ≤ 0.05 | $(verdict "$INC_RATIO" 0.05) |"
lin_row
if [ "$BROWSE_CONSOLE" != - ]; then
	echo "| console RSS, 3,000,000-row result after G (MB) | $(r "$BROWSE_CONSOLE" 1024) | < 64 | $(verdict "$(r "$BROWSE_CONSOLE" 1024)" 64) |"
fi
if [ "$BROWSE_BATCH" != - ]; then
	echo "| batch RSS, printing 3,000,000 rows (MB) | $(r "$BROWSE_BATCH" 1024) | < 64 | $(verdict "$(r "$BROWSE_BATCH" 1024)" 64) |"
fi
echo
echo "dwh stage: $RPS rows/s, $MBS MB/s of JSON. The tutorial way (one INSERT per row, autocommit) took $TUT s at 1/10 size: $TUT_RATIO × dwh stage."
echo
echo "Where the time goes (full size, the server's log, seconds):"
echo
echo '```'
cat "$DATA/.where"
echo '```'
} | tee "$OUT"
