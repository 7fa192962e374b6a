#!/usr/bin/env bash
# make install / uninstall honour PREFIX and DESTDIR; the installed dwh finds its SQL from any
# directory. Ctrl-C (SIGINT) cancels a running statement in batch mode.
. "$(dirname "$0")/lib/lib.sh"
t_newdb

dest="$T_TMP/dest"
t_rc "make install DESTDIR PREFIX" 0 make -s -C "$T_ROOT" install DESTDIR="$dest" PREFIX=/opt/dwh
for f in bin/dwh share/dwh/sql/postgres/create_star.sql share/dwh/sql/redshift/create_star.sql share/man/man1/dwh.1 \
	share/bash-completion/completions/dwh; do
	t_rc "installed $f" 0 test -f "$dest/opt/dwh/$f"
done
t_rc "themes directory installed" 0 test -d "$dest/opt/dwh/share/dwh/themes"
( cd / && env -u PGHOST "$dest/opt/dwh/bin/dwh" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c 'create star' ) >"$T_TMP/out" 2>&1
t_has "installed dwh finds its SQL from /" "$(cat "$T_TMP/out")" "created star schema"
t_rc "make uninstall" 0 make -s -C "$T_ROOT" uninstall DESTDIR="$dest" PREFIX=/opt/dwh
t_eq "nothing left behind" "$(find "$dest" -type f | wc -l)" 0

# Ctrl-C during a long statement: cancelled promptly, exit 1, the server's message.
"$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "SELECT pg_sleep(30);" >"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
sleeping() { [ "$(sqlv "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(30);' AND state = 'active'")" = 1 ]; }
wait_for 30 sleeping || t_fail "the statement runs on the server"
start=$(date +%s)
kill -INT "$pid"
wait "$pid"; rc=$?
took=$(( $(date +%s) - start ))     # (within 10 s: not the statement's 30)
t_eq "SIGINT cancels the statement (exit 1)" "$rc" 1
t_has "with the server's cancel message" "$(cat "$T_TMP/err")" "canceling statement due to user request"
[ "$took" -lt 10 ] && t_pass "cancel is prompt (${took}s)" || t_fail "cancel is prompt" "took ${took}s"

# One version everywhere: dwh --version, the Makefile's (make deb's file name) and the Debian
# changelog's top entry.
v=$("$DWH" --version | head -n1 | cut -d' ' -f2)
t_eq "the Makefile's VERSION is dwh --version" \
	"$(make -s --no-print-directory -C "$T_ROOT" -pn 2>/dev/null | sed -n 's/^VERSION := //p' | head -n1)" "$v"
t_eq "debian/changelog's top entry is dwh --version" \
	"$(head -n1 "$T_ROOT/debian/changelog" | sed -n 's/^dwh (\([^)]*\)).*/\1/p')" "$v"
