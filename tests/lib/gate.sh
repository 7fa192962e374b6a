# gate.sh — a stage held at a known point, so that a test acts while the COPY is observably
# under way, on a fast machine or a loaded one: a trigger on TABLE makes the insert of its
# ROWth row (since gate_close) wait for an advisory lock that a session of the test's holds.
# Sourced after lib.sh; works on the test's database (T_DB), which no other script uses.
#   gate_close TABLE [ROW]   the gate shut at ROW (default 1: the first row)
#   gate_reached             a COPY waits at the gate (for wait_for)
#   gate_open                the lock released: the COPY goes on
#   gate_remove TABLE        the trigger gone (gate_open too)
#   lock_hold / lock_release the session holding a lock, for a test's own keys
GATE_KEY="7700, 1"      # two-int advisory key: never dwh's own pipeline lock (one bigint)

gate_db_oid() { sqlv "SELECT oid FROM pg_database WHERE datname = current_database()"; }
gate_held() { [ "$(sqlv "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
	AND classid = 7700 AND objid = 1 AND objsubid = 2 AND database = $(gate_db_oid)")" -ge 1 ]; }
gate_reached() { [ "$(sqlv "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
	AND classid = 7700 AND objid = 1 AND objsubid = 2 AND database = $(gate_db_oid)")" -ge 1 ]; }

gate_gone() { [ "$(sqlv "SELECT count(*) FROM pg_stat_activity WHERE application_name = 't_gate'
	AND datname = current_database()")" = 0 ]; }

# lock_hold NAME KEY: a session of the test's, named NAME, takes the advisory lock KEY ("7700, 1")
# and keeps it until lock_release NAME ends that session; LOCK_JOB is its job
lock_hold() {
	psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "SET application_name = '$1'" \
		-c "SELECT pg_advisory_lock($2)" -c "SELECT pg_sleep(900)" >/dev/null 2>&1 &
	LOCK_JOB=$!
}
lock_release() {
	sqlv "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	      WHERE application_name = '$1' AND datname = current_database()" >/dev/null
}

gate_close() {
	local table=$1 row=${2:-1}
	sqlv "SET client_min_messages = warning; DROP TRIGGER IF EXISTS t_gate ON $table;
	      DROP SEQUENCE IF EXISTS t_gate_n; CREATE SEQUENCE t_gate_n;
	      CREATE OR REPLACE FUNCTION t_gate() RETURNS trigger LANGUAGE plpgsql AS \$\$
	      BEGIN PERFORM pg_advisory_xact_lock_shared($GATE_KEY); RETURN NEW; END \$\$;
	      CREATE TRIGGER t_gate BEFORE INSERT ON $table FOR EACH ROW
	        WHEN (nextval('t_gate_n') = $row) EXECUTE FUNCTION t_gate()" >/dev/null
	lock_hold t_gate "$GATE_KEY"
	GATE_JOB=$LOCK_JOB
	wait_for 30 gate_held || t_fail "the test's gate is shut (its lock taken)"
}

gate_open() {
	[ -n "${GATE_JOB:-}" ] || return 0
	lock_release t_gate
	wait "$GATE_JOB" 2>/dev/null
	GATE_JOB=
	wait_for 30 gate_gone
}

gate_remove() {
	gate_open
	sqlv "SET client_min_messages = warning; DROP TRIGGER IF EXISTS t_gate ON $1" >/dev/null
}
