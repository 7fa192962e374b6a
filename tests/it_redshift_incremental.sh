#!/usr/bin/env bash
# it_redshift_incremental.sh — the Redshift incremental loads: `show sql load X --incremental`
# prints exactly tests/golden/rs_merge_X.sql without connecting; and, since no Redshift is
# reachable, that SQL (delete-then-insert and anti-joins in one transaction, no ON CONFLICT or
# DISTINCT ON) runs on PostgreSQL day by day, in shuffled order with an early day last, and
# must build exactly the rows of a full PostgreSQL run.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

nodb() { env -u PGHOST -u PGDATABASE -u PGSERVICE "$DWH" -h /nonexistent -p 1 "$@"; }
for t in songplays users songs artists time; do
	nodb --dialect redshift -c "show sql load $t --incremental" >"$T_TMP/got" 2>"$T_TMP/err"
	t_eq "show sql load $t --incremental: exit 0" "$?" 0
	if cmp -s "$T_TMP/got" "$T_ROOT/tests/golden/rs_merge_$t.sql"; then t_pass "merge $t matches golden"
	else t_fail "merge $t matches golden" "$(diff "$T_TMP/got" "$T_ROOT/tests/golden/rs_merge_$t.sql" | head -8)"; fi
	t_lacks "merge $t: no ON CONFLICT on Redshift" "$(grep -v "^ *--" "$T_TMP/got")" "ON CONFLICT"
	t_lacks "merge $t: no DISTINCT ON on Redshift" "$(grep -v "^ *--" "$T_TMP/got")" "DISTINCT ON"
	t_has "merge $t: one transaction" "$(head -c 100000 "$T_TMP/got" | grep -c '^BEGIN;$')" "1"
	t_eq "merge $t: the pipeline lock right after BEGIN" "$(grep -v '^ *--' "$T_TMP/got" | grep -A1 '^BEGIN;$' | tail -n 1)" "LOCK dwh_lock;"
done
t_has "users: delete, then insert" "$(cat "$T_ROOT/tests/golden/rs_merge_users.sql")" "DELETE FROM users USING new_users n"
nodb --dialect postgres -c 'show sql load users --incremental' >"$T_TMP/got" 2>&1
t_has "PostgreSQL upserts with ON CONFLICT" "$(cat "$T_TMP/got")" "ON CONFLICT (user_id) DO UPDATE"
t_rc "--incremental is a load's" 1 nodb --dialect redshift -c 'show sql stage events --incremental'

gen="$T_TMP/gen"
"$DWH" gen "$gen" --events 4000 --songs 200 --seed 9 >/dev/null 2>&1
digest() {
	sqlv "SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
	        SELECT 'p' || row(start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)::text AS x FROM songplays
	        UNION ALL SELECT 'u' || row(u.*)::text FROM users u
	        UNION ALL SELECT 's' || row(s.*)::text FROM songs s
	        UNION ALL SELECT 'a' || row(a.*)::text FROM artists a
	        UNION ALL SELECT 't' || row(t.*)::text FROM time t) z"
}
t_newdb "${T_NAME}_full"
t_rc "full run (PostgreSQL)" 0 dwht --data "$gen" -c run
full=$(digest)

t_newdb "${T_NAME}_days"
t_rc "create, stage songs" 0 dwht -c create -c "stage songs $gen/song_data"
sqlv "CREATE TABLE dwh_lock (held boolean)" >/dev/null   # Redshift's merges LOCK it first
days="$(ls "$gen"/log_data/*/*/*.json | grep -v -- '-11-01-' | shuf --random-source=<(yes 9)) $(ls "$gen"/log_data/*/*/*-11-01-events.json)"
merges=()
for t in songplays users songs artists time; do merges+=(-f "$T_ROOT/sql/redshift/merge_$t.sql"); done
n=0
for f in $days; do
	dwht -c "stage events --new $f" >/dev/null 2>"$T_TMP/err" || { t_fail "stage $f" "$(cat "$T_TMP/err")"; break; }
	# the five merges in one psql, in the pipeline's order (ON_ERROR_STOP: the first error ends it)
	psql -X -q -v ON_ERROR_STOP=1 -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" \
		-c "SET client_min_messages = warning" "${merges[@]}" >/dev/null 2>"$T_TMP/err" \
		|| { t_fail "redshift merges run on PostgreSQL" "$(cat "$T_TMP/err")"; break; }
	n=$((n + 1))
done
t_eq "30 days merged with the Redshift SQL" "$n" 30
t_eq "Redshift merges day by day = PostgreSQL full run" "$(digest)" "$full"
t_eq "ids 1..N" "$(sqlv 'SELECT count(*) = max(songplay_id) AND count(DISTINCT songplay_id) = count(*) FROM songplays')" t

# stage events --new s3://PREFIX: the day the user names (dwh cannot list S3), from the same
# template as a full stage; --append keeps what is staged (no DELETE)
cfg="$T_ROOT/tests/data/etl/rs.cfg"; day=s3://udacity-dend/log_data/2018/11/2018-11-30
for v in "new:--new" "new_append:--new --append"; do
	nodb --config "$cfg" --dialect redshift -c "show sql stage events ${v#*:} $day" >"$T_TMP/got" 2>"$T_TMP/err"
	t_eq "show sql stage events ${v#*:} PREFIX: exit 0" "$?" 0
	if cmp -s "$T_TMP/got" "$T_ROOT/tests/golden/rs_stage_events_${v%%:*}.sql"; then t_pass "stage events ${v#*:} PREFIX matches golden"
	else t_fail "stage events ${v#*:} PREFIX matches golden" "$(diff "$T_TMP/got" "$T_ROOT/tests/golden/rs_stage_events_${v%%:*}.sql" | head -8; cat "$T_TMP/err")"; fi
done
t_has "the named prefix is copied" "$(cat "$T_ROOT/tests/golden/rs_stage_events_new.sql")" "FROM '$day'"
t_has "--new: staging holds just the new day" "$(cat "$T_ROOT/tests/golden/rs_stage_events_new.sql")" "DELETE FROM staging_events;"
t_lacks "--append: nothing deleted" "$(cat "$T_ROOT/tests/golden/rs_stage_events_new_append.sql")" "DELETE FROM"
t_rc "a prefix must be s3://" 1 nodb --config "$cfg" --dialect redshift -c "show sql stage events --new http://x/y"
t_rc "a hostile prefix stays one literal" 0 nodb --config "$cfg" --dialect redshift -c "show sql stage events --new \"s3://b/x';DROP TABLE users;--\" --append"
t_has "quoted" "$(cat "$T_TMP/out")" "FROM 's3://b/x'';DROP TABLE users;--'"
