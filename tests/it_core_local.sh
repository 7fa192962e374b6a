#!/usr/bin/env bash
# The private local server, from nothing to a working server and back; and the default choice
# of it when nothing names a server.
. "$(dirname "$0")/lib/lib.sh"
clean_env() { env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD -u PGSERVICE "$@"; }
dir="$T_TMP/state/pg"

t_rc "local status before anything exists" 0 clean_env "$DWH" --local-dir "$dir" local status
t_has "says stopped" "$(cat "$T_TMP/out")" "stopped"
t_rc "create + counts on a fresh --local-dir" 0 clean_env "$DWH" --local-dir "$dir" -c create -c counts
t_has "seven tables with 0 rows" "$(cat "$T_TMP/out")" " staging_songs  |    0"
t_eq "exactly 7 tables" "$(clean_env "$DWH" --local-dir "$dir" --csv -c counts | grep -c ',0$')" 7
t_rc "socket only: no TCP listener configured" 0 grep -q "listen_addresses = ''" "$dir/data/postgresql.auto.conf"
t_rc "local status while running" 0 clean_env "$DWH" --local-dir "$dir" local status
t_has "says running" "$(cat "$T_TMP/out")" "running (pid"
if [ "$(id -u)" = 0 ]; then
	owner=$(stat -c %U "$dir/data")
	[ "$owner" != root ] && t_pass "as root the server runs unprivileged ($owner)" || t_fail "server account" "$owner"
fi
t_rc "status on the local server" 0 clean_env "$DWH" --local-dir "$dir" -c status
t_has "local status shows the socket dir" "$(cat "$T_TMP/out")" " host        | $dir"
t_rc "local stop" 0 clean_env "$DWH" --local-dir "$dir" local stop
t_rc "local status after stop" 0 clean_env "$DWH" --local-dir "$dir" local status
t_has "says stopped again" "$(cat "$T_TMP/out")" "stopped"
t_rc "started on demand again, data kept" 0 clean_env "$DWH" --local-dir "$dir" --csv -c counts
t_has "tables survived the restart" "$(cat "$T_TMP/out")" "songplays,0"

# No options, no config, no PGHOST/PGDATABASE/PGSERVICE: the local default, in XDG_STATE_HOME.
t_rc "default is the local server" 0 clean_env XDG_STATE_HOME="$T_TMP/xdg" "$DWH" -c 'SELECT current_database();'
t_has "in the dwh database" "$(cat "$T_TMP/out")" " dwh"
t_rc "under XDG_STATE_HOME/dwh/pg" 0 test -f "$T_TMP/xdg/dwh/pg/data/PG_VERSION"
t_rc "relative --local-dir is refused" 2 clean_env "$DWH" --local-dir relative/dir -c 'SELECT 1;'
clean_env XDG_STATE_HOME="$T_TMP/xdg" "$DWH" local stop >/dev/null 2>&1
clean_env "$DWH" --local-dir "$dir" local stop >/dev/null 2>&1
