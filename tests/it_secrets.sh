#!/usr/bin/env bash
# it_secrets.sh — a password given in a conninfo, a URI, PGPASSWORD, ~/.pgpass or dwh.cfg is
# in no output, error, screen dump, history file, log or crash message, and not in
# /proc/PID/cmdline after start-up (dwh overwrites its own argv); a dwh.cfg or .pgpass others
# can read is warned about. Every output and file is grepped for the password.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/lib/tui.sh"

t_newdb
PW=$T_PASS
H=127.0.0.1     # over TCP the server asks for the password (the socket trusts)
home="$T_TMP/home"; mkdir -p "$home"
cmds=(-c status -c '\conninfo' -c counts -c 'SELECT 1/0' -c 'chek' -c 'show sql load songplays')
# run_case NAME [ENV=V...] -- DWH ARGS: batch mode with every command that talks about the
# connection; all it printed goes to $T_TMP/NAME.out
run_case() {
	local name=$1 envs=(); shift
	while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
	env -u PGHOST -u PGDATABASE -u PGPASSWORD -u PGSERVICE HOME="$home" "${envs[@]}" "$DWH" "$@" "${cmds[@]}" \
		>"$T_TMP/$name.out" 2>&1
	echo "rc=$?" >> "$T_TMP/$name.out"
	t_has "$name: connected (status shows the user)" "$(cat "$T_TMP/$name.out")" "$T_USER"
	t_lacks "$name: password in no output or error" "$(cat "$T_TMP/$name.out")" "$PW"
}

run_case conninfo -- -d "host=$H port=$T_PORT user=$T_USER dbname=$T_DB password=$PW"
run_case uri -- -d "postgresql://$T_USER:$PW@$H:$T_PORT/$T_DB"
run_case uri_param -- -d "postgresql://$T_USER@$H:$T_PORT/$T_DB?password=$PW"
run_case pgpassword PGPASSWORD="$PW" -- -h $H -p "$T_PORT" -U "$T_USER" -d "$T_DB"
printf '%s:%s:*:%s:%s\n' $H "$T_PORT" "$T_USER" "$PW" > "$home/.pgpass"; chmod 600 "$home/.pgpass"
run_case pgpass -- -h $H -p "$T_PORT" -U "$T_USER" -d "$T_DB"
t_lacks "pgpass 0600: no warning" "$(cat "$T_TMP/pgpass.out")" "group or world access"
printf '[CLUSTER]\nHOST=%s\nDB_NAME=%s\nDB_USER=%s\nDB_PASSWORD=%s\nDB_PORT=%s\n' $H "$T_DB" "$T_USER" "$PW" "$T_PORT" > "$T_TMP/dwh.cfg"
chmod 600 "$T_TMP/dwh.cfg"
run_case cfg -- --config "$T_TMP/dwh.cfg"
t_lacks "dwh.cfg 0600: no warning" "$(cat "$T_TMP/cfg.out")" "others can read it"

# readable by others: warned, naming the file and the fix
chmod 644 "$T_TMP/dwh.cfg"
out=$(env -u PGHOST HOME="$home" "$DWH" --config "$T_TMP/dwh.cfg" -c status 2>&1)
t_has "dwh.cfg 0644: warned" "$out" "$T_TMP/dwh.cfg holds a password and others can read it (mode 0644): chmod 600 $T_TMP/dwh.cfg"
t_lacks "dwh.cfg 0644: warning without the password" "$out" "$PW"
chmod 644 "$home/.pgpass"
out=$(env -u PGHOST -u PGPASSWORD HOME="$home" "$DWH" -w -h $H -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c status 2>&1)
t_has ".pgpass 0644: warned" "$out" "$home/.pgpass has group or world access (mode 0644), so libpq ignores it: chmod 600 $home/.pgpass"
out=$(env -u PGHOST -u PGPASSWORD HOME="$home" PGPASSFILE="$home/.pgpass" "$DWH" -w -h $H -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c status 2>&1)
t_has "PGPASSFILE 0644: warned" "$out" "$home/.pgpass has group or world access"
chmod 600 "$home/.pgpass"

# a failed connection's error (wrong database) names no password either
out=$(env -u PGHOST "$DWH" -d "host=$H port=$T_PORT user=$T_USER dbname=nosuchdb password=$PW" -c status 2>&1)
t_has "failed connection: an error" "$out" "nosuchdb"
t_lacks "failed connection: no password" "$out" "$PW"

# /proc/PID/cmdline: the password is gone once dwh has started; the rest is still there
# (started = connected: the statement it sends is running on the server)
running() { [ "$(sqlv "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(3)'")" = 1 ]; }
for form in "host=$H port=$T_PORT user=$T_USER dbname=$T_DB password=$PW" "postgresql://$T_USER:$PW@$H:$T_PORT/$T_DB"; do
	env -u PGHOST "$DWH" -d "$form" -c 'SELECT pg_sleep(3)' >/dev/null 2>&1 &
	pid=$!
	wait_for 30 running || t_fail "dwh started its statement (${form:0:10})"
	cmdline=$(tr '\0' ' ' < /proc/$pid/cmdline)
	t_lacks "cmdline after start-up lacks the password (${form:0:10})" "$cmdline" "$PW"
	t_has "cmdline keeps the rest (${form:0:10})" "$cmdline" "$T_DB"
	t_lacks "ps lacks the password (${form:0:10})" "$(ps -o args= -p $pid)" "$PW"
	wait $pid
done

# the console: screen, dump, history, every file it wrote, and its crash message
tui_start 120 30 HOME="$home" -- -d "host=$H port=$T_PORT user=$T_USER dbname=$T_DB password=$PW"
tui_wait_screen '· ready' 10     # the console's first job (connecting, counting) is done
tui_run "status"
tui_wait_screen "$T_USER" 5
tui_run '\conninfo'
tui_run "SELECT 'typed' AS x;"
tui_wait_screen "typed" 5
tui_run "reconnect"
tui_wait_screen "connected:" 5
tui_wait_dump "· ready" 10
t_lacks "console: screen lacks the password" "$(tui_screen)" "$PW"
pid=$(tui_pid)
t_lacks "console: /proc/PID/cmdline lacks it" "$(tr '\0' ' ' < /proc/$pid/cmdline)" "$PW"
# the crash: dwh's own line on the terminal, naming the signal; the password nowhere on it
# (the pane's shell reports the crash too, naming only tui.sh's start-up script)
kill -SEGV "$pid"
tui_ended 10
tui_wait_screen "dwh: crashed on SIGSEGV" 10
t_has "console: crash message from dwh" "$(tui_screen -J)" "dwh: crashed on SIGSEGV (segmentation fault); the last screen is in $TUI_DUMP"
t_lacks "console: crash message lacks it" "$(tui_screen -J -S - -E -)" "$PW"
hits=$(grep -rl -- "$PW" "$T_TMP/state" "$T_TMP/config" "$T_TMP"/dump* "$home" 2>/dev/null | grep -v '\.pgpass$')
t_eq "console: no file it wrote holds the password (dump, history, state)" "$hits" ""
[ -n "$(ls "$T_TMP"/dump* 2>/dev/null)" ] && t_pass "console: a screen dump was written" || t_fail "console: no screen dump"
