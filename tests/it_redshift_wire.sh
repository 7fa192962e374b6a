#!/usr/bin/env bash
# it_redshift_wire.sh — what dwh sends to Redshift and what it reads back, on a PostgreSQL that
# answers version() as a cluster does (a public.version() ahead of pg_catalog's), with the
# system views it reads made as plain tables and views holding rows of this session and of
# others. No Redshift is reachable: this pins dwh's side of the conversation, not Redshift's.
# * The stage's statements reach the server one at a time, each exactly a piece of the text
#   `show sql` prints (server log, log_statement = all): COPY is restricted in multi-statement
#   requests (SVL_MULTI_STATEMENT_VIOLATIONS). PostgreSQL rejects Redshift's COPY options, which
#   makes this the failing-COPY path: ROLLBACK, then the failed load's errors.
# * Those errors are this session's newest load into the table, never another session's, an
#   older load's, or the other table's; on a provisioned cluster from STL_LOAD_ERRORS above the
#   query id asked for before BEGIN, on Serverless from SYS_LOAD_ERROR_DETAIL by SYS_LOAD_HISTORY.
# * Serverless is told from a provisioned cluster by whether STV_LOAD_STATE can be read, and
#   `status` says which; the progress query sums the slices.
. "$(dirname "$0")/lib/lib.sh"

RS_VERSION='PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467'

# fake_redshift FLAVOUR: this database answers as Redshift; provisioned has STV_/STL_ tables.
fake_redshift() {
	dwht -c create >/dev/null || t_fail "$1: create"
	sqlv "CREATE FUNCTION public.version() RETURNS text LANGUAGE sql AS \$\$ SELECT '$RS_VERSION'::text \$\$;
	      CREATE FUNCTION public.pg_last_query_id() RETURNS int LANGUAGE sql AS \$\$ SELECT 150 \$\$;
	      CREATE TABLE dwh_lock (held boolean);
	      CREATE VIEW svv_transactions AS SELECT NULL::text AS txn_owner, NULL::text AS txn_db,
	        NULL::bigint AS xid, NULL::integer AS pid, NULL::timestamp AS txn_start, NULL::text AS lock_mode,
	        NULL::text AS lockable_object_type, NULL::integer AS relation, NULL::boolean AS granted WHERE false;
	      ALTER DATABASE \"$T_DB\" SET search_path = public, pg_catalog;
	      ALTER DATABASE \"$T_DB\" SET log_statement = 'all'" >/dev/null || t_fail "$1: fake set-up"
	if [ "$1" = provisioned ]; then
		# rows as the docs describe them: one per slice; errors of this session (the reader's
		# pid) at query ids around the DELETE's (150), and of another session
		sqlv "CREATE TABLE stv_load_state (session int, slice int, bytes_loaded bigint, bytes_to_load bigint,
		        bytes_loaded_compressed bigint, bytes_to_load_compressed bigint, lines int,
		        num_files_complete int, num_files int);
		      CREATE VIEW stv_tbl_perm AS SELECT c.oid::int AS id, c.relname::text AS name, s AS slice
		        FROM pg_class c, generate_series(0, 1) s WHERE c.relname IN ('staging_songs', 'staging_events');
		      CREATE VIEW stl_load_errors AS SELECT v.session, v.query, c.oid::int AS tbl,
		        's3://b/log_data/f.json'::text AS filename, v.line AS line_number, 'ts'::text AS colname,
		        1207 AS err_code, v.reason AS err_reason, 'raw'::text AS raw_line
		        FROM (VALUES (pg_backend_pid(), 100, 'staging_events', 'an older load', 1),
		                     (pg_backend_pid(), 160, 'staging_events', 'the failed load', 7),
		                     (pg_backend_pid(), 160, 'staging_events', 'the failed load, again', 8),
		                     (pg_backend_pid(), 155, 'staging_songs', 'the songs load', 3),
		                     (pg_backend_pid() + 1, 170, 'staging_events', 'another session', 9))
		             v(session, query, tname, reason, line)
		        JOIN pg_class c ON c.relname = v.tname" >/dev/null || t_fail "$1: fake system tables"
	else
		sqlv "CREATE VIEW sys_load_history AS SELECT * FROM (VALUES
		        (100::bigint, pg_backend_pid(), 'staging_events'::text, TIMESTAMP '2026-01-01 10:00', 'aborted'::text),
		        (160, pg_backend_pid(), 'staging_events', TIMESTAMP '2026-01-01 11:00', 'aborted'),
		        (155, pg_backend_pid(), 'staging_songs', TIMESTAMP '2026-01-01 10:30', 'completed'),
		        (170, pg_backend_pid() + 1, 'staging_events', TIMESTAMP '2026-01-01 12:00', 'aborted'))
		        v(query_id, session_id, table_name, start_time, status);
		      CREATE VIEW sys_load_error_detail AS SELECT * FROM (VALUES
		        (100::bigint, 's3://b/f.json'::text, 1, 'ts'::text, 1207, 'an older load'::text),
		        (160, 's3://b/f.json', 7, 'ts', 1207, 'the failed load'),
		        (155, 's3://b/s.json', 3, 'year', 1207, 'the songs load'),
		        (170, 's3://b/f.json', 9, 'ts', 1207, 'another session'))
		        v(query_id, file_name, line_number, column_name, error_code, error_message)" >/dev/null \
			|| t_fail "$1: fake SYS views"
	fi
}

# The statements of dwh's main connection in the server log after byte offset $1, one per
# record (\x1e-separated): "statement:" lines (log_statement = all) and the STATEMENT of an
# error (a statement that fails to parse is logged only so). The main connection is the one
# that sent the DELETE; PostgreSQL indents a message's further lines with a tab.
logged() {
	t_server_log "$1" | awk '
		function flush() { if (m != "") { pid[++n] = p; msg[n] = m } m = "" }
		/^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] / { flush(); keep = 0
			p = $4; i = index($0, "LOG:  statement: "); j = index($0, "STATEMENT:  ")
			if (i) { m = substr($0, i + 17); keep = 1 } else if (j) { m = substr($0, j + 12); keep = 1 }
			next }
		keep { sub(/^\t/, ""); m = m "\n" $0 }
		END { flush()
			for (k = 1; k <= n; k++) if (msg[k] ~ /^\n*DELETE FROM staging_events;$/) main = pid[k]
			for (k = 1; k <= n; k++) if (pid[k] == main && msg[k] != prev) { printf "%s\036", msg[k]; prev = msg[k] } }'
}

# The pieces `stage` cuts the shown text into, as sqlscan does for these files: up to each ';'
# at the end of a line.
pieces() { awk -v RS='\n' '{ p = p (p == "" && n == 0 ? "" : "\n") $0; if ($0 ~ /;$/ && $0 !~ /^--/) { printf "%s\036", p; p = ""; n++ } }' "$1"; }

for flavour in provisioned serverless; do
	t_newdb "${T_NAME}_$flavour"
	fake_redshift $flavour
	st=$(dwht -c status 2>&1)
	if [ $flavour = provisioned ]; then t_has "$flavour: status says so" "$st" "Redshift (provisioned cluster)"
	else t_has "$flavour: status says so" "$st" "Redshift Serverless"; fi

	dwht --config "$T_ROOT/tests/data/etl/rs.cfg" -c 'show sql stage events' >"$T_TMP/shown" 2>"$T_TMP/shown.err"  # stderr: rs.cfg (0644, a password) is warned about
	log=$T_PGDIR/server.log
	off=$(stat -c %s "$log")
	dwht --config "$T_ROOT/tests/data/etl/rs.cfg" -c 'stage events' >"$T_TMP/out" 2>&1; rc=$?
	# (a backend logs a statement before it runs it, an error as it fails: all are there by
	# now; look again for the ROLLBACK anyway)
	rolled_back() { logged "$off" | tr '\036' '\n' | grep -q ROLLBACK; }
	wait_for 5 rolled_back
	t_eq "$flavour: the COPY fails on PostgreSQL (exit 1)" "$rc" 1
	logged "$off" >"$T_TMP/sent"
	pieces "$T_TMP/shown" >"$T_TMP/pieces"
	# BEGIN (with the file's comments), LOCK dwh_lock, DELETE, COPY: each sent alone, exactly as shown
	for k in 1 2 3 4; do
		want=$(awk -v RS='\036' -v k=$k 'NR == k' "$T_TMP/pieces")
		if awk -v RS='\036' -v w="$want" '$0 == w { f = 1 } END { exit !f }' "$T_TMP/sent"; then
			t_pass "$flavour: statement $k sent alone, as shown"
		else
			t_fail "$flavour: statement $k sent alone, as shown" "want: $(printf '%s' "$want" | tail -n 3)" \
				"sent: $(tr '\036' '|' <"$T_TMP/sent" | tail -c 1500)"
		fi
	done
	t_lacks "$flavour: no multi-statement request" "$(tr '\036' '\001' <"$T_TMP/sent")" "DELETE FROM staging_events;"$'\n\n'"COPY"
	t_has "$flavour: rolled back" "$(tr '\036' '\n' <"$T_TMP/sent")" "ROLLBACK"
	t_lacks "$flavour: never pg_last_copy_id()" "$(cat "$T_TMP/sent")" "pg_last_copy_id"
	if [ $flavour = provisioned ]; then
		# asked for outside the stage's transaction (its failure could not abort it)
		t_eq "$flavour: the last query id is asked for before BEGIN" "$(awk -v RS='\036' '/SELECT pg_last_query_id\(\)/ && !q { q = NR } /BEGIN;$/ && !b { b = NR } END { print (q && b && q < b) ? "before" : "not before" }' "$T_TMP/sent")" before
		t_has "$flavour: errors read from STL_LOAD_ERRORS" "$(cat "$T_TMP/sent")" "FROM stl_load_errors e"
	else
		# (but for the probe on connecting that found Serverless: STV_LOAD_STATE failed)
		t_lacks "$flavour: no STL/STV table read" "$(tr '\036' '\n' <"$T_TMP/sent" | grep -i -e 'stl_' -e 'stv_' | grep -v '^SELECT 1 FROM stv_load_state LIMIT 1$')" "FROM"
		t_has "$flavour: errors read from SYS_LOAD_ERROR_DETAIL" "$(cat "$T_TMP/sent")" "FROM sys_load_error_detail d"
	fi
	out=$(cat "$T_TMP/out")
	t_has "$flavour: the failed load's errors" "$out" "the failed load"
	t_lacks "$flavour: not an older load's" "$out" "an older load"
	t_lacks "$flavour: not the other table's" "$out" "the songs load"
	t_lacks "$flavour: not another session's" "$out" "another session"

	# `errors` in a later process has no session of its own: the newest load of any session
	out=$(dwht -c 'errors events' 2>&1)
	t_has "$flavour: errors events, any session: the newest" "$out" "another session"
	t_lacks "$flavour: errors events: not the songs load" "$out" "the songs load"
	out=$(dwht -c 'errors songs' 2>&1)
	t_has "$flavour: errors songs: the songs load" "$out" "the songs load"
	t_lacks "$flavour: errors songs: no events" "$out" "another session"
	out=$(dwht -c errors 2>&1)
	t_has "$flavour: errors: the newest of each table" "$out" "the songs load"
	t_has "$flavour: errors: ... and of the events" "$out" "another session"
done

# The provisioned progress query sums the slices (golden text, run on rows like the docs').
t_newdb "${T_NAME}_progress"
sqlv "CREATE TABLE stv_load_state (session int, slice int, bytes_loaded bigint, bytes_to_load bigint,
        bytes_loaded_compressed bigint, bytes_to_load_compressed bigint, lines int,
        num_files_complete int, num_files int);
      INSERT INTO stv_load_state VALUES (4711, 0, 100, 400, 0, 0, 10, 1, 3), (4711, 1, 200, 600, 0, 0, 20, 2, 5),
        (4711, 2, 0, 0, 50, 500, 5, 0, 1), (9, 0, 999, 999, 0, 0, 999, 9, 9)" >/dev/null
t_eq "progress: summed over the slices of this session" "$(sqlv "$(cat "$T_ROOT/tests/golden/rs_sys_progress_provisioned.sql")" | tr '|' ' ')" "3 350 1500 35 3 9"

# A Serverless workgroup endpoint is Serverless by its name alone (no probe needed): connect to
# this server under that name (libpq: host names it, hostaddr reaches it), on the provisioned
# fake, whose STV_LOAD_STATE would otherwise say "provisioned".
T_DB=t_${T_NAME}_provisioned
endpoint=default.123456789012.us-east-1.redshift-serverless.amazonaws.com
st=$(env -u PGHOST -u PGDATABASE -u PGSERVICE PGPASSWORD="$T_PASS" "$DWH" \
	-d "host=$endpoint hostaddr=127.0.0.1 port=$T_PORT user=$T_USER dbname=$T_DB sslmode=disable" -c status 2>&1)
t_has "a workgroup endpoint is Serverless" "$st" "Redshift Serverless"
t_has "status names the endpoint" "$st" "$endpoint"

# schema on Redshift: DK/SK from PG_TABLE_DEF, each table's distribution style from
# PG_CLASS_INFO.releffectivediststyle (0 EVEN, 8 ALL, 1 KEY: "Viewing distribution styles").
sqlv "CREATE VIEW pg_table_def AS SELECT table_schema::text AS schemaname, table_name::text AS tablename,
        column_name::text AS \"column\", (table_name = 'songs' AND column_name = 'song_id') AS distkey,
        CASE WHEN column_name IN ('start_time', 'user_id', 'song_id', 'artist_id') AND table_name <> 'songplays'
             OR (table_name, column_name) = ('songplays', 'start_time') THEN 1 ELSE 0 END AS sortkey
        FROM information_schema.columns WHERE table_schema = current_schema();
      CREATE VIEW pg_class_info AS SELECT c.oid AS reloid, CASE c.relname WHEN 'songplays' THEN 0
        WHEN 'songs' THEN 1 ELSE 8 END AS releffectivediststyle FROM pg_class c" >/dev/null
out=$(dwht -c schema 2>&1)
t_has "schema: songplays is EVEN" "$out" "songplays (fact)  0 rows  EVEN"
t_has "schema: users is ALL" "$out" "users  0 rows  ALL"
t_has "schema: songs on its key" "$out" "songs  0 rows  KEY"
t_has "schema: the sort key marked" "$out" "start_time  timestamp SK"

# A COPY that fails before loading anything (a bad S3 path) leaves no STL_LOAD_ERRORS rows: the
# report must then show nothing rather than this session's older load (query 100, below the id
# of 150 asked for before BEGIN) — what reading pg_last_copy_id() after the ROLLBACK would give.
t_newdb "${T_NAME}_bound"
fake_redshift provisioned
sqlv "CREATE OR REPLACE VIEW stl_load_errors AS SELECT v.session, v.query, c.oid::int AS tbl,
        's3://b/f.json'::text AS filename, 1 AS line_number, 'ts'::text AS colname, 1207 AS err_code,
        'an older load'::text AS err_reason, 'raw'::text AS raw_line
        FROM (VALUES (pg_backend_pid(), 100)) v(session, query) JOIN pg_class c ON c.relname = 'staging_events'" >/dev/null
out=$(dwht --config "$T_ROOT/tests/data/etl/rs.cfg" -c 'stage events' 2>&1)
t_has "bound: the COPY's own error is reported" "$out" "IAM_ROLE"
t_lacks "bound: no older load's errors in its place" "$out" "an older load"
