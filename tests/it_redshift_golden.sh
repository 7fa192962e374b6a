#!/usr/bin/env bash
# it_redshift_golden.sh — `show sql` for Redshift needs no connection and prints exactly the
# expected COPY (tests/golden/), every config value quoted, and the Redshift load SQL.
. "$(dirname "$0")/lib/lib.sh"

# a server that does not exist: nothing here may try to connect
nodb() { env -u PGHOST -u PGDATABASE -u PGSERVICE "$DWH" -h /nonexistent -p 1 "$@"; }

for cfg in rs rs_hostile rs_noregion rs_serverless; do
	for w in events songs; do
		nodb --config "$T_ROOT/tests/data/etl/$cfg.cfg" --dialect redshift -c "show sql stage $w" >"$T_TMP/got" 2>"$T_TMP/err"
		rc=$?
		t_eq "$cfg $w exit 0" "$rc" 0
		if cmp -s "$T_TMP/got" "$T_ROOT/tests/golden/${cfg}_stage_$w.sql"; then t_pass "$cfg stage $w matches golden"
		else t_fail "$cfg stage $w matches golden" "$(diff "$T_TMP/got" "$T_ROOT/tests/golden/${cfg}_stage_$w.sql" | head -8)"; fi
	done
done
got=$(nodb --config "$T_ROOT/tests/data/etl/rs.cfg" --dialect redshift -c 'show sql stage events')
t_has "the COPY a Redshift user expects" "$got" "COPY staging_events
FROM 's3://udacity-dend/log_data'
IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'
FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
MAXERROR 0
COMPUPDATE OFF
STATUPDATE OFF
REGION 'us-west-2';"
t_has "hostile region stays one literal" "$(cat "$T_ROOT/tests/golden/rs_hostile_stage_events.sql")" \
	"REGION 'us-west-2''; DROP TABLE users; --';"

# --max-errors N is the COPY's MAXERROR N (Redshift's default is 0, "Data load operations"),
# and show sql takes the option as the stage does, in both spellings
for opt in "--max-errors 5" "--max-errors=5"; do
	for w in events songs; do
		nodb --config "$T_ROOT/tests/data/etl/rs.cfg" --dialect redshift -c "show sql stage $w $opt" >"$T_TMP/got" 2>"$T_TMP/err"
		t_eq "show sql stage $w $opt: exit 0" "$?" 0
		if cmp -s "$T_TMP/got" "$T_ROOT/tests/golden/rs_stage_${w}_maxerr5.sql"; then t_pass "stage $w $opt matches golden"
		else t_fail "stage $w $opt matches golden" "$(diff "$T_TMP/got" "$T_ROOT/tests/golden/rs_stage_${w}_maxerr5.sql" | head -8; cat "$T_TMP/err")"; fi
	done
done
t_has "MAXERROR 5 in the events COPY" "$(cat "$T_ROOT/tests/golden/rs_stage_events_maxerr5.sql")" "MAXERROR 5"
out=$(nodb --config "$T_ROOT/tests/data/etl/rs.cfg" --dialect redshift -c 'show sql stage events --max-errors x' 2>&1); rc=$?
t_eq "--max-errors x refused" "$rc" 1
t_has "says the usage" "$out" "--max-errors N"
out=$(nodb --config "$T_ROOT/tests/data/etl/rs.cfg" --dialect redshift -c 'show sql load users --max-errors 5' 2>&1); rc=$?
t_eq "--max-errors on a load refused" "$rc" 1

# LOG_JSONPATH = auto: the log's camelCase keys match no column and would load as NULL
out=$(nodb --config "$T_ROOT/tests/data/etl/rs_auto.cfg" --dialect redshift -c 'show sql stage events' 2>&1); rc=$?
t_eq "LOG_JSONPATH = auto refused" "$rc" 1
t_has "says why and what to set" "$out" "camelCase"
t_has "names the JSONPaths file" "$out" "log_json_path.json"

out=$(nodb --config "$T_ROOT/tests/data/etl/rs_local.cfg" --dialect redshift -c 'show sql stage songs' 2>&1); rc=$?
t_eq "local path refused" "$rc" 1
t_has "says how to get it to S3" "$out" "aws s3 sync ./data/song_data s3://BUCKET/PREFIX"
out=$(nodb --config "$T_ROOT/tests/data/etl/rs_noarn.cfg" --dialect redshift -c 'show sql stage events' 2>&1); rc=$?
t_eq "missing role refused" "$rc" 1
t_has "names the missing key" "$out" "[IAM_ROLE]"

# a load: its file's statements, and before its COMMIT (Redshift builds no play keys first)
# track_X.sql's for songplays and users, as the load runs them (comments aside; the file's
# last statement, songplays' ANALYZE, comes after its COMMIT)
for st in songplays users songs artists time; do
	nodb --dialect redshift -c "show sql load $st" >"$T_TMP/shown"
	# the pipeline lock is the transaction's first statement (pipelock.c looks for its holder)
	t_eq "redshift load $st: LOCK dwh_lock right after BEGIN" \
		"$(grep -v '^ *--' "$T_TMP/shown" | grep -A1 '^BEGIN;$' | tail -n 1)" "LOCK dwh_lock;"
	sql_stmts < "$T_TMP/shown" >"$T_TMP/got"
	: > "$T_TMP/track"
	case $st in songplays|users) sql_stmts < "$T_ROOT/sql/redshift/track_$st.sql" > "$T_TMP/track";; esac
	sql_stmts < "$T_ROOT/sql/redshift/load_$st.sql" |
		awk -v t="$T_TMP/track" '$0 == "COMMIT" { while ((getline l < t) > 0) print l } 1' > "$T_TMP/want"
	if cmp -s "$T_TMP/got" "$T_TMP/want"; then t_pass "redshift load $st: its file, the track before its COMMIT"
	else t_fail "redshift load $st: its file, the track before its COMMIT" "$(diff "$T_TMP/want" "$T_TMP/got" | head -5)"; fi
done
for w in events songs; do
	t_eq "redshift stage $w: LOCK dwh_lock right after BEGIN" \
		"$(grep -v '^ *--' "$T_ROOT/tests/golden/rs_stage_$w.sql" | grep -A1 '^BEGIN;$' | tail -n 1)" "LOCK dwh_lock;"
done
ddl=$(nodb --dialect redshift -c 'show sql create')
t_has "redshift DDL" "$ddl" "DISTSTYLE ALL"
# songplays: no IDENTITY (ids come from ROW_NUMBER in the load), spread evenly, not on song_id
songplays=$(printf '%s\n' "$ddl" | sed -n '/CREATE TABLE IF NOT EXISTS songplays/,/;/p')
t_has "songplays DISTSTYLE EVEN" "$songplays" "DISTSTYLE EVEN"
t_lacks "songplays has no IDENTITY" "$songplays" "IDENTITY"
t_lacks "songplays not on song_id" "$songplays" "DISTKEY"
t_has "songplay ids from ROW_NUMBER" "$(nodb --dialect redshift -c 'show sql load songplays')" "SELECT ROW_NUMBER() OVER (ORDER BY e.ts"

