#!/usr/bin/env bash
# it_stage_cancel.sh — Ctrl-C during a stage aborts the COPY, rolls back (the table is as it
# was) and says "cancelled"; the memory a stage uses does not grow with the input. The COPY is
# held at its 1000th row (tests/lib/gate.sh) when Ctrl-C comes: under way however fast the machine.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/gate.sh"

# cancel PID: once the COPY waits at the gate, SIGINT; dwh must end on it (else the gate opens)
cancel() {
	wait_for 60 gate_reached || t_fail "the stage reached row 1000 (the gate)"
	kill -INT "$1"
	if ! wait_for 30 proc_gone "$1"; then
		t_fail "dwh ended on SIGINT within 30 s"
		gate_open
	fi
	wait "$1"
}

t_newdb
dwht -c create >/dev/null 2>&1
dwht -c "stage events $(dq "$T_ROOT/tests/data/layout/lines.json")" >/dev/null 2>&1
python3 -c '
import sys
line = open(sys.argv[1]).readline().rstrip("\n")
with open(sys.argv[2], "w") as f:
    for i in range(400000):
        f.write(line.replace("1541105830796", str(1541105830796 + i)) + "\n")
' "$T_ROOT/tests/data/layout/lines.json" "$T_TMP/big.json"

gate_close staging_events 1000
env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "stage events $T_TMP/big.json" \
	>"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
cancel $pid
t_eq "cancelled stage fails" "$?" 1
t_has "says cancelled" "$(cat "$T_TMP/err")" "stage events: cancelled"
t_eq "table as it was" "$(sqlv 'SELECT count(*) FROM staging_events')" 3
gate_remove staging_events
t_eq "a later stage works" "$(dwht -c "stage events $(dq "$T_ROOT/tests/data/layout/no_newline.json")" >/dev/null 2>&1; sqlv "SELECT count(*) FROM staging_events")" 2

# the same for `stage`, which loads songs and events at once on two connections
mkdir -p "$T_TMP/both/song_data" "$T_TMP/both/log_data"
cp "$T_ROOT/tests/data/layout/song_two_pretty.json" "$T_TMP/both/song_data/"
ln -s "$T_TMP/big.json" "$T_TMP/both/log_data/big.json"
dwht -c "stage songs $(dq "$T_ROOT/tests/data/layout/song_bom.json")" >/dev/null 2>&1
gate_close staging_events 1000
env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" --data "$T_TMP/both" -c stage \
	>"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
cancel $pid
t_eq "cancelled pair fails" "$?" 1
t_has "pair says cancelled" "$(cat "$T_TMP/err")" "cancelled"
t_lacks "pair: not in the server's words" "$(cat "$T_TMP/err")" "canceling statement"
t_eq "both tables as they were" "$(sqlv "SELECT (SELECT count(*) FROM staging_songs) || '/' || (SELECT count(*) FROM staging_events)")" "1/2"
gate_open

# again with the songs' COPY held (its shadow table, made by the stage, gets the gate as it is
# created) and the events staged: Ctrl-C then finds one statement running, the songs' COPY, whose
# server answers — the pair says "cancelled" all the same, not the server's "canceling statement"
sqlv "CREATE OR REPLACE FUNCTION t_gate_shadow() RETURNS event_trigger LANGUAGE plpgsql AS \$\$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT * FROM pg_event_trigger_ddl_commands()
                 WHERE object_type = 'table' AND object_identity LIKE '%.dwh_shadow_staging_songs' LOOP
          EXECUTE format('CREATE TRIGGER t_gate BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION t_gate()',
                         r.object_identity);
        END LOOP;
      END \$\$;
      CREATE EVENT TRIGGER t_gate_shadow ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
        EXECUTE FUNCTION t_gate_shadow()" >/dev/null
gate_remove staging_events
gate_close staging_events 1000000	# t_gate() and the lock, no row of the events held
mkdir -p "$T_TMP/held/song_data" "$T_TMP/held/log_data"
cp "$T_ROOT/tests/data/layout/song_two_pretty.json" "$T_TMP/held/song_data/"
cp "$T_ROOT/tests/data/layout/lines.json" "$T_TMP/held/log_data/"
events_staged() { [ "$(sqlv "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
	AND state = 'idle in transaction'")" = 1 ]; }
env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" --data "$T_TMP/held" -c stage \
	>"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
wait_for 60 gate_reached || t_fail "the songs' COPY held at its gate"
wait_for 60 events_staged || t_fail "the events staged, their transaction open"
cancel $pid
t_eq "songs held: the pair fails" "$?" 1
t_has "songs held: says the songs' stage cancelled" "$(cat "$T_TMP/err")" "stage songs: cancelled"
t_lacks "songs held: not in the server's words" "$(cat "$T_TMP/err")" "canceling statement"
sqlv "DROP EVENT TRIGGER t_gate_shadow" >/dev/null
t_eq "songs held: both tables as they were" "$(sqlv "SELECT (SELECT count(*) FROM staging_songs) || '/' || (SELECT count(*) FROM staging_events)")" "1/2"
gate_open
# (dwh has ended; its backends leave pg_stat_activity as the server notices, a moment later)
wait_for 30 no_others
t_eq "no connection left behind" "$(others)" 0
gate_remove staging_events

# peak memory: 400,000 events (~150 MB, more than twice the limit) load within a small, fixed
# footprint
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%M' -o "$T_TMP/rss" env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" \
		-c "stage events $T_TMP/big.json" >/dev/null 2>&1
	t_eq "big stage rows" "$(sqlv 'SELECT count(*) FROM staging_events')" 400000
	rss=$(tail -n1 "$T_TMP/rss")
	if [ "${SANITIZE:-}" = 1 ]; then t_skip "peak RSS: not meaningful under AddressSanitizer"
	elif [ "$rss" -lt 65536 ]; then t_pass "peak RSS ${rss} KB < 64 MB"; else t_fail "peak RSS ${rss} KB >= 64 MB"; fi
else
	t_skip "no /usr/bin/time"
fi
