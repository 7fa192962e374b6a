# private_pg.sh — a server of the test's own, for tests that stop, crash or reconfigure it
# (the shared server of tests/run.sh must stay up for the others). Sourced after lib.sh.
# priv_start [SERVER OPTIONS]: start it and point T_HOST/T_PORT/... (so dwht, sqlv, t_newdb)
# at it; priv_stop: stop it and point them back at the shared server. Stopped on exit anyway.

. "$T_ROOT/tests/lib/pg.sh"

priv_start() {
	_SHARED_PG="$T_PGDIR|$T_HOST|$T_PORT|$T_USER|$T_PASS"
	T_PG_OPTS="$*" pg_start || return 1
	PRIV_PGDIR=$T_PGDIR
	PRIV_OPTS="-c listen_addresses=127.0.0.1 -p $T_PORT -c unix_socket_directories=$T_PGDIR -c fsync=off -c max_prepared_transactions=8 $*"
	trap 'priv_stop; rm -rf "$T_TMP"' EXIT
}

priv_stop() {
	[ -n "${PRIV_PGDIR:-}" ] || return 0
	T_PGDIR=$PRIV_PGDIR pg_stop
	PRIV_PGDIR=
	IFS='|' read -r T_PGDIR T_HOST T_PORT T_USER T_PASS <<<"$_SHARED_PG"
	trap 'rm -rf "$T_TMP"' EXIT
}

# priv_crash: stop the private server as a power cut would; priv_restart: start it again
priv_crash() { pg_as "$(pg_bindir)/pg_ctl" -D "$PRIV_PGDIR/data" -m immediate stop >/dev/null 2>&1; }
priv_restart() {
	pg_as "$(pg_bindir)/pg_ctl" -D "$PRIV_PGDIR/data" -l "$PRIV_PGDIR/server.log" -w -t 60 \
		-o "$PRIV_OPTS" start >/dev/null
}
