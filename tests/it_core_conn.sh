#!/usr/bin/env bash
# Connecting as psql does: URIs, conninfo strings, PG* variables, ~/.pgpass, service files,
# dwh.cfg; failures exit 2 with libpq's message; no password is ever printed.
. "$(dirname "$0")/lib/lib.sh"
t_newdb
clean_env() { env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD -u PGSERVICE -u PGSERVICEFILE HOME="$T_TMP" "$@"; }
uri="postgresql://$T_USER:$T_PASS@127.0.0.1:$T_PORT/$T_DB"

t_rc "URI in -d" 0 clean_env "$DWH" -d "$uri" -c 'SELECT 1;'
t_has "URI: one-row result" "$(cat "$T_TMP/out")" "(1 row)"
t_rc "conninfo string in -d" 0 clean_env "$DWH" -d "host=127.0.0.1 port=$T_PORT user=$T_USER password=$T_PASS dbname=$T_DB" -c 'SELECT current_database();'
t_has "conninfo: right database" "$(cat "$T_TMP/out")" " $T_DB"
t_rc "-h -p -U -d with PGPASSWORD" 0 clean_env PGPASSWORD="$T_PASS" "$DWH" -h 127.0.0.1 -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c 'SELECT 2;'
t_rc "PG* variables alone" 0 clean_env PGHOST=127.0.0.1 PGPORT="$T_PORT" PGUSER="$T_USER" PGDATABASE="$T_DB" PGPASSWORD="$T_PASS" "$DWH" -c 'SELECT current_user;'
t_has "PG*: right user" "$(cat "$T_TMP/out")" " $T_USER"

printf '127.0.0.1:%s:*:%s:%s\n' "$T_PORT" "$T_USER" "$T_PASS" > "$T_TMP/.pgpass"; chmod 600 "$T_TMP/.pgpass"
t_rc "~/.pgpass supplies the password" 0 clean_env "$DWH" -h 127.0.0.1 -p "$T_PORT" -U "$T_USER" -d "$T_DB" -w -c 'SELECT 3;'
rm -f "$T_TMP/.pgpass"
printf '[dwhtest]\nhost=127.0.0.1\nport=%s\nuser=%s\npassword=%s\ndbname=%s\n' "$T_PORT" "$T_USER" "$T_PASS" "$T_DB" > "$T_TMP/svc.conf"
t_rc "service file (PGSERVICE)" 0 clean_env PGSERVICEFILE="$T_TMP/svc.conf" PGSERVICE=dwhtest "$DWH" -c 'SELECT current_database();'
t_has "service: right database" "$(cat "$T_TMP/out")" " $T_DB"

t_rc "wrong password exits 2" 2 clean_env "$DWH" -d "postgresql://$T_USER:wrong-pw@127.0.0.1:$T_PORT/$T_DB" -c 'SELECT 1;'
t_has "with libpq's message" "$(cat "$T_TMP/err")" "password authentication failed for user \"$T_USER\""
t_lacks "and without the password" "$(cat "$T_TMP/err")" "wrong-pw"
t_rc "no password and -w exits 2" 2 clean_env "$DWH" -h 127.0.0.1 -p "$T_PORT" -U "$T_USER" -d "$T_DB" -w -c 'SELECT 1;'
t_rc "nothing listening exits 2" 2 clean_env "$DWH" -h 127.0.0.1 -p 1 -U x -d y -c 'SELECT 1;'
t_has "connection refused is explained" "$(cat "$T_TMP/err")" "connection failed"

t_rc "status over TCP" 0 clean_env "$DWH" -d "$uri" -c status
out=$(cat "$T_TMP/out" "$T_TMP/err")
t_has "status: engine" "$out" " engine      | PostgreSQL"
t_has "status: user" "$out" " user        | $T_USER"
t_has "status: host" "$out" " host        | 127.0.0.1"
t_has "status: port" "$out" " port        | $T_PORT"
t_has "status: database" "$out" " database    | $T_DB"
t_has "status: latency" "$out" " ms"
t_lacks "status never shows the password" "$out" "$T_PASS"
pid=$(clean_env "$DWH" -d "$uri" --csv -c status | sed -n 's/^backend pid,//p')
case "$pid" in
''|*[!0-9]*) t_fail "status: backend pid is a number" "got: '$pid'";;
*) t_pass "status: backend pid is a number";;
esac
[ "${pid:-0}" -gt 0 ] 2>/dev/null && t_pass "backend pid > 0" || t_fail "backend pid > 0" "$pid"

cfg() { printf '%s\n' "$@" > "$T_TMP/dwh.cfg"; }
cfg "[CLUSTER]" "HOST='127.0.0.1'" "DB_NAME='$T_DB'" "DB_USER='$T_USER'" "DB_PASSWORD='$T_PASS'" "DB_PORT='$T_PORT'" \
    "[IAM_ROLE]" "ARN='arn:aws:iam::123456789012:role/dwhRole'" "[S3]" "LOG_DATA='s3://udacity-dend/log_data'" \
    "LOG_JSONPATH='s3://udacity-dend/log_json_path.json'" "SONG_DATA='s3://udacity-dend/song_data'"
t_rc "dwh.cfg with quoted values connects" 0 clean_env "$DWH" --config "$T_TMP/dwh.cfg" -c status
t_has "config: right database" "$(cat "$T_TMP/out")" " database    | $T_DB"
t_lacks "config: no password shown" "$(cat "$T_TMP/out" "$T_TMP/err")" "$T_PASS"
cfg "[CLUSTER]" "HOST='127.0.0.1'" "DB_NAME='$T_DB'" "DB_USER='$T_USER'" "DB_PASSWORD='$T_PASS'"
t_rc "dwh.cfg without DB_PORT exits 2" 2 clean_env "$DWH" --config "$T_TMP/dwh.cfg" -c 'SELECT 1;'
t_has "and names DB_PORT" "$(cat "$T_TMP/err")" "missing key DB_PORT in section [CLUSTER]"
cfg "[S3]" "LOG_DATA=x"
t_rc "dwh.cfg without [CLUSTER] exits 2" 2 clean_env "$DWH" --config "$T_TMP/dwh.cfg" -c 'SELECT 1;'
t_has "and names the section" "$(cat "$T_TMP/err")" "missing section [CLUSTER]"
cfg "[CLUSTER]" "HOST 127.0.0.1"
t_rc "broken dwh.cfg exits 1" 1 clean_env "$DWH" --config "$T_TMP/dwh.cfg" -c 'SELECT 1;'
t_has "and names file and line" "$(cat "$T_TMP/err")" "dwh.cfg:2: expected KEY = value"
t_rc "missing dwh.cfg exits 1" 1 clean_env "$DWH" --config "$T_TMP/nope.cfg" -c help

# A connection lost in the middle of a script: exit 2, and nothing after it runs.
printf 'SELECT 1 AS before;\nSELECT pg_terminate_backend(pg_backend_pid());\nSELECT 3 AS after;\n' > "$T_TMP/lost.sql"
t_rc "connection lost in a script exits 2" 2 dwht -f "$T_TMP/lost.sql"
t_has "the server's reason, with file and line" "$(cat "$T_TMP/err")" "lost.sql:2: FATAL:  terminating connection"
t_lacks "nothing ran after the loss" "$(cat "$T_TMP/out")" "after"

# --lock-timeout is a setting of the server session: every new connection gets it again, \c to
# another database and \c to the same one included (reconnect and reset: it_core_reconnect).
lt=$(dwht --lock-timeout 1234ms --csv -c 'SHOW lock_timeout' -c '\c postgres' -c 'SHOW lock_timeout' \
	-c "\\c $T_DB" -c 'SHOW lock_timeout' -c '\c' -c 'SELECT current_setting($$lock_timeout$$) AS again' 2>&1)
t_eq "--lock-timeout on each connection \\c makes" "$(printf '%s\n' "$lt" | grep -c '^1234ms$')" 4
t_has "\\c did connect elsewhere" "$lt" 'You are now connected to database "postgres"'
