# rs_standin.sh — the Redshift stand-in, made one way for every script that uses it: a private
# server logging every statement, a database owned by the normal role ROLE (search_path public,
# pg_catalog), the warehouse made and staged there as PostgreSQL from the mini set (Redshift's DDL
# is not PostgreSQL's; its COPY reads S3), dwh_lock, the schema rs_etl and diff's snapshot
# tables as sql/redshift/create_staging.sql and create_runs.sql make them, then tests/lib/rs_standin.sql (version() answers
# as Redshift, the system views as the docs give them). Source after lib.sh, private_pg.sh and
# tests/data/etl/lib.sh; `rs_standin_start ROLE` defines dwhu and sqlu (dwh and psql as ROLE).
# The server's statement log is $T_PGDIR/server.log.
rs_standin_start() {
	ROLE=$1
	priv_start "-c log_statement=all -c log_line_prefix=%p:%d: -c log_min_error_statement=error" \
		|| { t_fail "private server starts"; exit 0; }
	t_newdb standin
	psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -v ON_ERROR_STOP=1 \
		-c "CREATE ROLE $ROLE LOGIN NOSUPERUSER NOCREATEDB" -c "ALTER DATABASE \"$T_DB\" SET search_path = public, pg_catalog" \
		-c "ALTER DATABASE \"$T_DB\" OWNER TO $ROLE" >/dev/null || t_fail "role and search path"
	dwhu --data "$ETL_MINI" -c create -c stage >"$T_TMP/made" 2>&1 \
		|| t_fail "the warehouse made (as PostgreSQL)" "$(cat "$T_TMP/made")"
	# diff's snapshot tables as sql/redshift/create_runs.sql has them (plain, no partitions)
	psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$ROLE" -d "$T_DB" -c "CREATE TABLE dwh_lock (held boolean)" \
		-c "CREATE SCHEMA rs_etl" -c "DROP TABLE dwh_snap_rows, dwh_snap_days" \
		-c "CREATE TABLE dwh_snap_rows (run_id bigint NOT NULL, key varchar(4096), c1 varchar(1024), c2 varchar(1024), c3 varchar(1024), c4 varchar(1024), n1 double precision, n2 double precision)" \
		-c "CREATE TABLE dwh_snap_days (run_id bigint NOT NULL, day date, user_id varchar(64), plays bigint, matched bigint, digest bigint)" \
		>/dev/null || t_fail "dwh_lock, the snapshot tables"
	psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -v ROLE="$ROLE" -f "$T_ROOT/tests/lib/rs_standin.sql" >"$T_TMP/setup" 2>&1 \
		|| t_fail "stand-in made" "$(cat "$T_TMP/setup")"
}
dwhu() { env -u PGHOST -u PGDATABASE -u PGSERVICE "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$ROLE" -d "$T_DB" "$@"; }
sqlu() { psql -X -A -t -q -h "$T_HOST" -p "$T_PORT" -U "$ROLE" -d "$T_DB" -c "$1" 2>&1; }
