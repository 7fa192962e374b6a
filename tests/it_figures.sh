#!/usr/bin/env bash
# it_figures.sh — issue 18: what the screen says is what the warehouse holds. `dwh gen` data
# (so nothing skips) split 29 + 1 days: `run`, then `run --new`, a duplicated day, a shifted
# day, a bad file with --max-errors, a failed stage and a cancelled one; after each, `check`
# exits 0, and batch output, `history` and `status` name every figure. Then the warehouse is
# broken on purpose (a play deleted, a play loaded twice, a level changed, a user twice) and
# `check` fails naming the check. The console's side is it_figures_tui.sh.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/gate.sh"

gen="$T_TMP/gen"; data="$T_TMP/data"; day30="$T_TMP/day30"
"$DWH" gen "$gen" --events 3000 --seed 7 >/dev/null 2>&1 || t_fail "dwh gen"
mkdir -p "$data" "$day30"
cp -r "$gen/song_data" "$gen/log_data" "$data/"
last=$(ls "$data"/log_data/2018/11/*.json | sort | tail -1)
mv "$last" "$day30/"
t_newdb

# the checks pass, exit 0; prints the failures when not
check_ok() {
	local out rc
	out=$(dwht -c check 2>&1); rc=$?
	t_eq "check passes after $1 (exit $rc)" "$rc" 0
	[ "$rc" = 0 ] || printf '%s\n' "$out" | grep -E 'FAIL|error' | head -5
}

# every load's table size in the run log is the table's count (the loads take it from their
# writes when those tell it: a TRUNCATE and plain INSERTs, not an upsert)
sizes_true() {
	local t want got
	for t in songplays users songs artists time; do
		want=$(sqlv "SELECT count(*) FROM $t")
		got=$(sqlv "SELECT table_rows FROM dwh_runs WHERE stage = 'load $t' ORDER BY run_id DESC LIMIT 1")
		t_eq "$1: load $t's table rows are the table's" "$got" "$want"
	done
}

out=$(dwht --data "$data" -c run 2>&1)
t_has "run names what it read" "$out" "rows (rebuilt from "
t_has "staging: files named" "$out" "29 files)"
check_ok "29 days"
sizes_true "a full run"
dwht --data "$data" -c 'load all' >/dev/null || t_fail "load all again"
sizes_true "a full run over a full warehouse"

plays29=$(sqlv "SELECT count(*) FROM songplays")
cp "$day30/$(basename "$last")" "$data/log_data/2018/11/"
out=$(dwht --data "$data" -c 'run --new' 2>&1)
plays30=$(sqlv "SELECT count(*) FROM songplays")
new=$((plays30 - plays29))
fmt() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
t_has "run --new: songplays' size and its new rows" "$out" \
	"load songplays  $(fmt "$plays30") rows (+$new new)"
t_has "run --new: staging holds the new day" "$out" "(+$(sqlv "SELECT count(*) FROM staging_events") new, 1 new file)"
t_lacks "no table size said as rows written" "$out" "$plays30 rows (new or changed"
check_ok "run --new"
sizes_true "run --new"
t_eq "run --new: time's rows read are the staged events its merge reads, not every play" \
	"$(sqlv "SELECT rows_read FROM dwh_runs WHERE stage = 'load time' ORDER BY run_id DESC LIMIT 1")" \
	"$(sqlv "SELECT count(*) FROM staging_events")"

hist=$(dwht --csv -c 'history load songplays --limit 1')
t_eq "history names its figures" "$(echo "$hist" | head -1 | cut -d, -f6-10)" \
	'rows read,new,changed,removed,table rows'
t_eq "history: the new plays and the table's rows" "$(echo "$hist" | sed -n 2p | cut -d, -f7,10)" "$new,$plays30"
st=$(dwht -c status 2>&1)
t_has "status: each stage's figures" "$st" "load songplays | $(fmt "$plays30") rows (+$new new)"

# a day again under another name: nothing new
cp "$data/log_data/2018/11/$(basename "$last")" "$data/log_data/2018/11/again-events.json"
out=$(dwht --data "$data" -c 'run --new' 2>&1)
t_has "a duplicated day adds no play" "$out" "rows (nothing new)"
t_eq "songplays unchanged" "$(sqlv "SELECT count(*) FROM songplays")" "$plays30"
check_ok "a duplicated day"

# a day shifted a month later: new plays, the same users, one of them on the other level
python3 - "$day30/$(basename "$last")" "$data/log_data/2018/11/shifted-events.json" <<'EOF'
import json, sys
out, flip = open(sys.argv[2], "w"), None
for line in open(sys.argv[1]):
    if line.strip():
        e = json.loads(line)
        if isinstance(e.get("ts"), int):
            e["ts"] += 30 * 86400 * 1000
        if flip is None and e.get("userId") and e.get("level"):
            flip = e["userId"]
        if e.get("userId") == flip and e.get("level"):
            e["level"] = "free" if e["level"] == "paid" else "paid"
        out.write(json.dumps(e) + "\n")
EOF
dwht --data "$data" -c 'run --new' >/dev/null 2>&1
t_eq "the shifted day's plays are new" "$(sqlv "SELECT count(*) FROM songplays")" "$((plays30 + new))"
t_eq "... a user changed level" "$(sqlv "SELECT rows_changed FROM dwh_runs WHERE stage = 'load users' ORDER BY run_id DESC LIMIT 1")" 1
check_ok "a shifted day"
sizes_true "a shifted day (a user upserted)"

# a bad file: skipped with --max-errors, named when it stops the stage
bad="$T_TMP/bad"; mkdir -p "$bad"
head -20 "$last" > "$bad/2018-12-31-events.json"
sed -i '11s/"ts":\([0-9]*\)/"ts":"x\1"/' "$bad/2018-12-31-events.json"
kept=$(sqlv "SELECT count(*) FROM staging_events")
out=$(dwht -c "stage events $bad" 2>&1); rc=$?
t_eq "a bad record stops the stage (exit 1)" "$rc" 1
out=$(dwht -c 'status' 2>&1)
t_has "status: where it failed and what staging kept" "$out" \
	"failed at 2018-12-31-events.json:11 — staging kept its $(fmt "$kept") rows"
t_eq "history keeps the error" "$(dwht --csv -c 'history stage events --limit 1' | sed -n 2p | grep -c '2018-12-31-events.json:11: ts')" 1
check_ok "a failed stage"
out=$(dwht -c "stage events --new --max-errors 5 $bad" -c 'load all --incremental' 2>&1)
t_has "--max-errors: the bad record skipped" "$out" "skipped 1 bad record"
t_has "status: staging's figures name it" "$(dwht -c status 2>&1)" "1 bad skipped"
check_ok "a bad file with --max-errors"

# a cancelled stage: staging keeps its rows, and says how many were read
# (the COPY held at its 10th row by the test's gate, tests/lib/gate.sh: under way however fast
# the machine)
mkdir -p "$T_TMP/big/log_data"
cp "$last" "$T_TMP/big/log_data/big-events.json"
kept=$(sqlv "SELECT count(*) FROM staging_events")
gate_close staging_events 10
env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "stage events $T_TMP/big/log_data" \
	>"$T_TMP/cancel.out" 2>&1 &	# env execs dwh: $! is its PID
pid=$!
wait_for 30 gate_reached || t_fail "the stage reached its 10th row (the gate)"
kill -INT "$pid"; wait "$pid"
gate_remove staging_events
out=$(dwht -c status 2>&1)
t_has "status: cancelled after the rows read, staging kept its rows" "$out" "stage events   | cancelled after "
t_has "... and what staging kept" "$out" "rows read — staging kept its $(fmt "$kept") rows"
check_ok "a cancelled stage"

# broken on purpose: check names what broke
fails() {
	local out rc
	out=$(dwht -c check 2>&1); rc=$?
	t_eq "check fails: $1 (exit $rc)" "$rc" 1
	t_has "... naming the check" "$(printf '%s\n' "$out" | grep FAIL)" "$2"
}
sqlv "CREATE TABLE keep_plays AS SELECT * FROM songplays; CREATE TABLE keep_users AS SELECT * FROM users" >/dev/null
sqlv "DELETE FROM songplays WHERE songplay_id = (SELECT max(songplay_id) FROM songplays)" >/dev/null
fails "a play deleted" "songplays = plays of every batch"
sqlv "TRUNCATE songplays; INSERT INTO songplays SELECT * FROM keep_plays" >/dev/null
sqlv "INSERT INTO songplays SELECT songplay_id + 1000000, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent FROM songplays WHERE songplay_id = 1" >/dev/null
fails "a play twice" "no duplicate plays across batches"
sqlv "TRUNCATE songplays; INSERT INTO songplays SELECT * FROM keep_plays" >/dev/null
u=$(sqlv "SELECT k.user_id FROM dwh_user_events k JOIN songplays p ON p.user_id = k.user_id AND p.start_time = TIMESTAMP 'epoch' + k.ts / 1000.0 * INTERVAL '1 second' LIMIT 1")
sqlv "UPDATE users SET level = CASE level WHEN 'paid' THEN 'free' ELSE 'paid' END WHERE user_id = '$u'" >/dev/null
fails "a level changed" "users' level from their latest event"
sqlv "TRUNCATE users; INSERT INTO users SELECT * FROM keep_users" >/dev/null
sqlv "ALTER TABLE users DROP CONSTRAINT users_pkey; INSERT INTO users SELECT * FROM users LIMIT 1" >/dev/null
fails "a user twice" "users = users of every batch"
sqlv "TRUNCATE users; INSERT INTO users SELECT * FROM keep_users; DROP TABLE keep_users, keep_plays" >/dev/null
check_ok "repair"
