#!/usr/bin/env bash
# it_redshift_standin.sh — a stand-in that fails where a cluster would. A private PostgreSQL,
# every statement logged, answers version() as Redshift and has every system view dwh reads
# with exactly its documented columns, types and visibility (tests/lib/rs_standin.sql, from
# Amazon's pages, not from dwh's SQL). dwh connects as a normal role, not a superuser, and runs
# the whole command table, each command the first of its session; then every statement it sent
# is checked against the documented leader-node-only functions and unsupported features
# (tests/lib/rs_check.pl, with a self-test of planted bad statements), and every writing
# transaction for LOCK dwh_lock first. A second dwh is refused while another holds the lock.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/lib/private_pg.sh"
. "$T_ROOT/tests/data/etl/lib.sh"
. "$T_ROOT/tests/lib/rs_standin.sh"

CHECK="$T_ROOT/tests/lib/rs_check.pl"

# --- the checker can fail, and for its reason ----------------------------------------------
plant() {	# plant DB STATEMENT...: a server log holding these statements of one session
	local db=$1; shift
	for s in "$@"; do printf '4711:%s:LOG:  statement: %s\n' "$db" "$s"; done
}
for bad in "SELECT EXTRACT(EPOCH FROM now() - finished) FROM dwh_runs|leader-node-only function now()" \
	   "SELECT schema_name FROM svv_all_schemas WHERE schema_name = ANY (current_schemas(false))|leader-node-only function current_schemas()" \
	   "SELECT DISTINCT ON (user_id) user_id FROM staging_events|DISTINCT ON" \
	   "INSERT INTO users VALUES (1) ON CONFLICT (user_id) DO NOTHING|ON CONFLICT" \
	   "SELECT pg_try_advisory_lock(1), count(*) FROM songs|unsupported function pg_try_advisory_lock()" \
	   "SELECT count(*) FILTER (WHERE level = 'paid') FROM users|aggregate FILTER" \
	   "SELECT 'songs'::regclass|object identifier type" \
	   "SELECT string_agg(title, ',') FROM songs|unsupported function string_agg()" \
	   "SELECT g FROM songs, generate_series(1, 3) g|unsupported function generate_series()" \
	   "SET lock_timeout = '2s'|lock_timeout" \
	   "COPY staging_events FROM 's3://b/x' IAM_ROLE 'r' MAXERROR 100001|MAXERROR 100001"; do
	out=$(plant d "${bad%%|*}" | perl "$CHECK" d); rc=$?
	t_eq "checker refuses: ${bad%%|*} (exit)" "$rc" 1
	t_has "checker says why: ${bad#*|}" "$out" "${bad#*|}"
done
out=$(plant d "BEGIN;" "DELETE FROM users;" "INSERT INTO users SELECT 1;" "COMMIT;" | perl "$CHECK" d); rc=$?
t_eq "checker refuses a load without the lock (exit)" "$rc" 1
t_has "checker says so" "$out" "without LOCK dwh_lock first"
t_rc "checker passes the locked load" 0 perl "$CHECK" d < <(plant d "BEGIN;" "LOCK dwh_lock;" "DELETE FROM users;" "COMMIT;")
# leader-only functions on the catalog alone run on the leader node: allowed
t_rc "checker passes now() on no table, current_schema() on pg_class" 0 perl "$CHECK" d < <(plant d \
	"SELECT now()" "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()" \
	"SELECT EXTRACT(EPOCH FROM finished), TRIM(BOTH ' ' FROM input) FROM dwh_runs")
t_rc "checker keeps to its database" 0 perl "$CHECK" d < <(plant other "SELECT now() FROM dwh_runs")

# --- the stand-in ---------------------------------------------------------------------------
# (tests/lib/rs_standin.sh: the warehouse is made first, as PostgreSQL — its Redshift DDL,
# DISTSTYLE and all, is not PostgreSQL's — by the normal role that owns it, staged from the mini
# set by PostgreSQL's COPY, as Redshift's reads S3)
rs_standin_start dwh_rs_user

# the documented visibility, as the normal role sees it
t_has "normal role: STV_TBL_PERM is superusers' only" "$(sqlu 'SELECT count(*) FROM stv_tbl_perm')" "permission denied"
t_has "normal role: SVV_TABLE_INFO is superusers' only" "$(sqlu 'SELECT count(*) FROM svv_table_info')" "permission denied"
t_has "normal role: SVL_USER_INFO is superusers' only" "$(sqlu 'SELECT count(*) FROM svl_user_info')" "permission denied"
t_eq "normal role: PG_USER is readable" "$(sqlu "SELECT count(*) > 0 FROM pg_user WHERE usename = '$ROLE'")" t
t_has "normal role: SVV_ALL_SCHEMAS has no schema_owner_name" "$(sqlu 'SELECT schema_owner_name FROM svv_all_schemas')" "does not exist"
t_has "the server answers as Redshift" "$(sqlu 'SELECT version()')" "Redshift 1.0"

log=$T_PGDIR/server.log
off=$(stat -c %s "$log")
# (the server writes its log asynchronously: a marker statement, waited for with a deadline)
log_settle() {
	local mark="rs_standin_mark_$RANDOM$RANDOM" end=$((SECONDS + 10))
	sqlv "SELECT '$mark'" >/dev/null
	until grep -q "$mark" "$log"; do [ $SECONDS -lt $end ] || return 1; sleep 0.1; done
}
statements() { tail -c +"$(($1 + 1))" "$log" | perl "$CHECK" "$T_DB" --dump | tr '\036' '\n'; }

# --- the command table, each command the first of its session --------------------------------
cfg=$T_TMP/rs.cfg
cp "$T_ROOT/tests/data/etl/rs.cfg" "$cfg"; chmod 600 "$cfg"
run_first() {	# run_first NAME WANT_RC ARGS...: one dwh, one command
	local name=$1 want=$2; shift 2
	dwhu --config "$cfg" -c "$@" >"$T_TMP/out.$name" 2>&1; local rc=$?
	if [ "$want" = any ] || [ "$rc" = "$want" ]; then t_pass "$name as the first command (exit $rc)"
	else t_fail "$name as the first command (exit $rc, want $want)" "$(head -c 1500 "$T_TMP/out.$name")"; fi
}
run_first status 0 status
t_has "status: Redshift" "$(cat "$T_TMP/out.status")" "Redshift (provisioned cluster)"
t_has "status: says whether SSL verifies the server" "$(cat "$T_TMP/out.status")" "not verified"
run_first create any create     # (its Redshift DDL fails on PostgreSQL: only what it sends counts)
# item 7: the first command of a session speaks Redshift
o7=$(stat -c %s "$log")
run_first dn 0 '\dn'
log_settle
t_has "\\dn first: Redshift's catalog query" "$(statements "$o7")" "-- \\dn on Redshift"
t_lacks "\\dn first: not PostgreSQL's catalog query" "$(statements "$o7")" "pg_catalog.pg_namespace"
t_lacks "\\dn: no pg_database_owner" "$(cat "$T_TMP/out.dn")" "pg_database_owner"
t_has "\\dn: the owner by name" "$(cat "$T_TMP/out.dn")" "rs_etl  | $ROLE"
run_first du 0 '\du'
# ... and after another command (the dialect known either way): Redshift's own queries
dwhu -c status -c '\dn' -c '\du' -c '\l' >"$T_TMP/out.second" 2>&1; rc=$?
t_eq "\\dn, \\du, \\l after status (exit)" "$rc" 0
t_has "\\dn after status: the owner by name" "$(cat "$T_TMP/out.second")" "rs_etl  | $ROLE"
t_lacks "\\dn, \\du after status: no error" "$(cat "$T_TMP/out.second")" "ERROR"
t_has "\\du after status: the normal role listed" "$(cat "$T_TMP/out.second")" " $ROLE "
t_has "\\du: the normal role sees the users" "$(cat "$T_TMP/out.du")" "$ROLE"
run_first l 0 '\l'
t_has "\\l: the owner by name" "$(cat "$T_TMP/out.l")" "$ROLE"
o7=$(stat -c %s "$log")
run_first dt 0 '\dt'
log_settle
t_has "\\dt first: SVV_TABLES asked" "$(statements "$o7")" "svv_tables"
t_has "\\dt: lists the warehouse" "$(cat "$T_TMP/out.dt")" "songplays"
run_first dv 0 '\dv'
run_first d 0 '\d'
run_first df 0 '\df'
run_first di 0 '\di'
run_first d_songplays 0 '\d songplays'
t_has "\\d songplays: its columns" "$(cat "$T_TMP/out.d_songplays")" "start_time"
t_lacks "\\d songplays: no permission error" "$(cat "$T_TMP/out.d_songplays")" "permission denied"
run_first d_staging 0 '\d staging_events'
# catalog: the \d family's Redshift queries, PG_CLASS's estimate, count(*) (the checker below
# reads every statement it sent)
run_first catalog 0 catalog
t_has "catalog: the warehouse with dwh's counts" "$(cat "$T_TMP/out.catalog")" "  songplays (table, "
t_has "catalog: columns from SVV_REDSHIFT_COLUMNS" "$(cat "$T_TMP/out.catalog")" "    start_time "
t_lacks "catalog: no permission error" "$(cat "$T_TMP/out.catalog")" "permission denied"
# \d+ and \dt+: the comment from SVV_TABLES/SVV_REDSHIFT_COLUMNS.remarks, no superuser's view
run_first dt_plus 0 '\dt+'
t_has "\\dt+: a Description column" "$(cat "$T_TMP/out.dt_plus")" "Description"
t_has "\\dt+: lists the warehouse" "$(cat "$T_TMP/out.dt_plus")" "songplays"
run_first d_plus 0 '\d+ songplays'
t_has "\\d+ songplays: its columns and their comments" "$(cat "$T_TMP/out.d_plus")" "Description"
t_lacks "\\d+ songplays: no permission error" "$(cat "$T_TMP/out.d_plus")" "permission denied"
run_first schema 0 schema
run_first counts 0 counts
run_first check any check
run_first unmatched 0 'unmatched --near 0.01'
run_first history 0 history
run_first step any step
run_first stage_events 1 'stage events'
run_first stage_songs 1 'stage songs'
run_first stage_both 1 stage
run_first load_all 0 'load all'
run_first why 0 'why songplays 1'
run_first why_user 0 'why users 10'
run_first history2 0 history
run_first step2 any step
run_first load_users_inc 0 'load users --incremental'
run_first load_songplays_inc 0 'load songplays --incremental'
run_first load_all_inc 0 'load all --incremental'
run_first status2 0 status
t_has "status after loads: last built" "$(cat "$T_TMP/out.status2")" "last built"
t_lacks "status after loads: not never" "$(cat "$T_TMP/out.status2")" "never"

# load errors, as the normal role: rows of this user's session, named through pg_class
uid=$(sqlv "SELECT oid FROM pg_roles WHERE rolname = '$ROLE'")
sqlv "CREATE OR REPLACE VIEW rs_rows.stl_load_errors AS SELECT
        v.userid, 0 AS slice, c.oid::integer AS tbl, TIMESTAMP '2026-01-01 10:00' AS starttime,
        pg_backend_pid() AS session, v.query, 's3://b/f.json'::character(256) AS filename,
        v.line::bigint AS line_number, 'ts'::character(127) AS colname, 'int8'::character(10) AS type,
        '8'::character(10) AS col_length, 1 AS position, 'raw'::character(1024) AS raw_line,
        'x'::character(1024) AS raw_field_value, 1207 AS err_code, v.reason::character(100) AS err_reason
        FROM (VALUES ($uid, 160, 7, 'the failed load'), ($uid + 1, 170, 9, 'another user')) v(userid, query, line, reason)
        JOIN pg_class c ON c.relname = 'staging_events'" >/dev/null || t_fail "load error rows"
run_first errors 0 errors
t_has "errors: the normal role reads its load's errors" "$(cat "$T_TMP/out.errors")" "the failed load"
t_lacks "errors: not another user's" "$(cat "$T_TMP/out.errors")" "another user"
run_first errors_events 0 'errors events'
run_first stage_errors 1 'stage events'
t_has "a failed stage shows its errors" "$(cat "$T_TMP/out.stage_errors")" "the failed load"

# --lock-timeout on Redshift is said, not ignored
run_first lock_timeout 0 status --lock-timeout 2s
dwhu --lock-timeout 2s -c status >"$T_TMP/out.lt" 2>&1
t_has "--lock-timeout on Redshift: said plainly" "$(cat "$T_TMP/out.lt")" "lock_timeout"
# MAXERROR over Redshift's limit is refused before reaching the server
run_first maxerror 1 'stage events --max-errors 100001'
t_has "--max-errors 100001: says the limit" "$(cat "$T_TMP/out.maxerror")" "100000"
log_settle || t_fail "server log settles"

# --- every statement dwh sent, checked --------------------------------------------------------
statements "$off" >"$T_TMP/sent"
t_has "the log holds dwh's statements" "$(cat "$T_TMP/sent")" "svv_tables"
tail -c +"$((off + 1))" "$log" | perl "$CHECK" "$T_DB" >"$T_TMP/violations"; rc=$?
t_eq "every statement is one a cluster accepts (exit)" "$rc" 0
[ "$rc" = 0 ] || t_fail "violations" "$(head -c 3000 "$T_TMP/violations")"
t_has "loads locked the pipeline" "$(cat "$T_TMP/sent")" "LOCK dwh_lock"
t_has "the stage locked the pipeline" "$(cat "$T_TMP/sent")" "-- The pipeline lock first, so this stage"

# --- a second dwh while another holds the pipeline lock -------------------------------------
coproc HOLD { psql -X -A -t -q -h "$T_HOST" -p "$T_PORT" -U "$ROLE" -d "$T_DB" 2>&1; }
printf 'BEGIN;\nLOCK dwh_lock;\nSELECT %s;\n' "'held'" >&"${HOLD[1]}"
held=
end=$((SECONDS + 10))
while [ $SECONDS -lt $end ] && read -r -t 1 line <&"${HOLD[0]}"; do [ "$line" = held ] && { held=1; break; }; done
t_eq "another session holds dwh_lock" "$held" 1
dwhu -c 'load users' >"$T_TMP/out.busy" 2>&1; rc=$?
t_eq "a second dwh's load is refused (exit)" "$rc" 1
t_has "... saying who holds the lock" "$(cat "$T_TMP/out.busy")" "holds dwh_lock"
dwhu --config "$cfg" -c 'stage events' >"$T_TMP/out.busy2" 2>&1; rc=$?
t_has "a second dwh's stage is refused too" "$(cat "$T_TMP/out.busy2")" "the pipeline is busy"
printf 'COMMIT;\n\\q\n' >&"${HOLD[1]}"
wait "$HOLD_PID" 2>/dev/null
t_rc "free again: the load runs" 0 dwhu -c 'load users'
