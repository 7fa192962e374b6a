# pg.sh — start and stop a throwaway PostgreSQL for the tests, in a temporary directory.
# initdb refuses to run as root, so as root the server runs as an unprivileged account.
# Sets T_PGDIR T_HOST (socket dir) T_PORT T_USER T_PASS. Unix socket: trust; TCP: password.
# autovacuum off: with a database a script, its launcher started a worker every second or so
# all run long (~7% of the suite's CPU); the loads ANALYZE what they use, and no test judges
# what autovacuum would do (estimates after a load are the load's own, and no longer a race).
# Prepared transactions are on (as on dwh's local server); T_PG_OPTS adds or overrides server
# settings, e.g. T_PG_OPTS="-c max_prepared_transactions=0" for a server without them.
# Scripts run side by side on it: each log line names its database ("[t_it_x] LOG: ...", read
# with t_server_log), and prepared transactions have room for several stages at once.

pg_bindir() {
	local d
	d=$(pg_config --bindir 2>/dev/null)
	if [ -x "$d/initdb" ]; then echo "$d"; return; fi
	ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1
}

pg_as() {	# run a command as the server's account
	if [ "$(id -u)" = 0 ]; then runuser -u "$T_PGACCT" -- "$@"; else "$@"; fi
}

pg_free_port() {
	local p
	for _ in $(seq 50); do
		p=$((20000 + RANDOM % 20000))
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo $p; return; fi
	done
	echo 5999
}

# t_tmpbase: where the servers' folders and each script's T_TMP go: a RAM file system when
# there is one that allows programs (creating and removing files, a database's or a table's in
# the server, dumps and histories in the console, costs the kernel several times more on a
# disk's file system) with 4 GiB free, else /tmp. tests/run.sh exports it as T_TMPBASE.
t_tmpbase() {
	if [ -n "${T_TMPBASE:-}" ]; then echo "$T_TMPBASE"; return; fi
	# (room for the suite's peak, servers and 100 MB inputs: a container's default 64 MB
	# /dev/shm would fill up and fail tests that have nothing to do with it)
	if [ -d /dev/shm ] && [ -w /dev/shm ] &&
	   awk '$2 == "/dev/shm" && $3 == "tmpfs" && $4 !~ /(^|,)noexec(,|$)/ { ok = 1 } END { exit !ok }' /proc/mounts 2>/dev/null &&
	   [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -ge $((4 * 1024 * 1024)) ] 2>/dev/null; then
		echo /dev/shm
	else
		echo /tmp
	fi
}

# pg_template: one initdb for the whole run, into a folder the servers copy (an initdb costs
# ten times a copy); sets and exports T_PGTEMPLATE (its data folder) and T_PGTEMPLATE_PASS
pg_template() {
	local bin dir
	bin=$(pg_bindir)
	[ -x "$bin/initdb" ] || { echo "tests: no PostgreSQL server binaries (apt-get install postgresql)" >&2; return 1; }
	pg_account
	dir=$(mktemp -d "$(t_tmpbase)/dwh-test-pgtemplate.XXXXXX")
	chmod 755 "$dir"
	[ "$(id -u)" = 0 ] && chown "$T_PGACCT" "$dir"
	T_PGTEMPLATE_PASS="s3cret-$$-pw"
	pg_initdb "$bin" "$dir" "$T_PGTEMPLATE_PASS" || { rm -rf "$dir"; return 1; }
	T_PGTEMPLATE=$dir/data
	export T_PGTEMPLATE T_PGTEMPLATE_PASS
}

pg_account() {
	T_PGACCT=postgres
	getent passwd postgres >/dev/null || T_PGACCT=nobody
}

# pg_initdb BINDIR DIR PASSWORD: a new cluster in DIR/data, T_USER its superuser with PASSWORD
pg_initdb() {
	printf '%s\n' "$3" > "$2/pw"
	[ "$(id -u)" = 0 ] && chown "$T_PGACCT" "$2/pw"
	pg_as "$1/initdb" -D "$2/data" -U dwh_test --pwfile="$2/pw" \
		--auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$2/initdb.log" 2>&1 \
		|| { cat "$2/initdb.log" >&2; rm -f "$2/pw"; return 1; }
	rm -f "$2/pw"
}

pg_start() {
	local bin
	bin=$(pg_bindir)
	[ -x "$bin/initdb" ] || { echo "tests: no PostgreSQL server binaries (apt-get install postgresql)" >&2; return 1; }
	pg_account
	T_PGDIR=$(mktemp -d "$(t_tmpbase)/dwh-test-pg.XXXXXX")
	T_USER=dwh_test
	T_HOST=$T_PGDIR
	T_PORT=$(pg_free_port)
	chmod 755 "$T_PGDIR"
	[ "$(id -u)" = 0 ] && chown "$T_PGACCT" "$T_PGDIR"
	# a copy of the run's template (tests/run.sh made it), else a cluster of its own
	if [ -n "${T_PGTEMPLATE:-}" ] && [ -f "$T_PGTEMPLATE/PG_VERSION" ]; then
		T_PASS=$T_PGTEMPLATE_PASS
		cp -a "$T_PGTEMPLATE" "$T_PGDIR/data" || return 1
	else
		T_PASS="s3cret-$$-pw"
		pg_initdb "$bin" "$T_PGDIR" "$T_PASS" || return 1
	fi
	pg_as "$bin/pg_ctl" -D "$T_PGDIR/data" -l "$T_PGDIR/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $T_PORT -c unix_socket_directories=$T_PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_prepared_transactions=32 -c autovacuum=off -c log_line_prefix='%m [%p] %q[%d] ' ${T_PG_OPTS:-}" \
		start >/dev/null || { cat "$T_PGDIR/server.log" >&2; return 1; }
	export T_PGDIR T_HOST T_PORT T_USER T_PASS T_PGACCT
}

# pg_template_rm: the template's folder, at the end of the run
pg_template_rm() { [ -n "${T_PGTEMPLATE:-}" ] && rm -rf "$(dirname "$T_PGTEMPLATE")"; }

pg_stop() {
	[ -n "${T_PGDIR:-}" ] && [ -d "$T_PGDIR/data" ] || return 0
	pg_as "$(pg_bindir)/pg_ctl" -D "$T_PGDIR/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$T_PGDIR"
}
