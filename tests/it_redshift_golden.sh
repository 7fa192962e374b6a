#!/usr/bin/env bash
# it_redshift_golden.sh — `show sql` for Redshift needs no connection and prints exactly the
# expected COPY (tests/golden/), every config value quoted, and the Redshift load SQL.
. "$(dirname "$0")/lib/lib.sh"

# a server that does not exist: nothing here may try to connect
nodb() { env -u PGHOST -u PGDATABASE -u PGSERVICE "$DWH" -h /nonexistent -p 1 "$@"; }

for cfg in rs rs_hostile rs_noregion; do
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
TIMEFORMAT 'epochmillisecs'
REGION 'us-west-2';"
t_has "hostile region stays one literal" "$(cat "$T_ROOT/tests/golden/rs_hostile_stage_events.sql")" \
	"REGION 'us-west-2''; DROP TABLE users; --';"

out=$(nodb --config "$T_ROOT/tests/data/etl/rs_local.cfg" --dialect redshift -c 'show sql stage songs' 2>&1); rc=$?
t_eq "local path refused" "$rc" 1
t_has "says how to get it to S3" "$out" "aws s3 sync ./data/song_data s3://BUCKET/PREFIX"
out=$(nodb --config "$T_ROOT/tests/data/etl/rs_noarn.cfg" --dialect redshift -c 'show sql stage events' 2>&1); rc=$?
t_eq "missing role refused" "$rc" 1
t_has "names the missing key" "$out" "[IAM_ROLE]"

for st in songplays users songs artists time; do
	nodb --dialect redshift -c "show sql load $st" >"$T_TMP/got"
	if cmp -s "$T_TMP/got" "$T_ROOT/sql/redshift/load_$st.sql"; then t_pass "redshift load $st is its file"
	else t_fail "redshift load $st is its file"; fi
done
t_has "redshift DDL" "$(nodb --dialect redshift -c 'show sql create')" "DISTSTYLE ALL"
