# lib.sh — what every integration test sources: results, assertions, a database of its own.
# A test script is tests/it_*.sh; it calls t_newdb, runs dwh, and asserts with t_eq/t_ok.
# Results are appended to $T_RESULTS, which tests/run.sh counts.

T_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DWH="${DWH_UNDER_TEST:-$T_ROOT/dwh}"   # tests/valgrind.sh runs the tests on a wrapper
SHARED_SAMPLE="$T_ROOT/../shared/data/udacity-sample"
T_NAME=$(basename "$0" .sh)
unset COLUMNS LINES     # batch output (chart, \x auto) follows $COLUMNS: never the caller's terminal
T_TMP=$(mktemp -d "${T_TMPBASE:-/tmp}/dwh-$T_NAME.XXXXXX")   # (T_TMPBASE: tests/lib/pg.sh)
chmod 755 "$T_TMP"
trap 'rm -rf "$T_TMP"' EXIT

t_pass() { echo "PASS $T_NAME: $1" >> "$T_RESULTS"; echo "ok   $T_NAME: $1"; }
t_fail() { echo "FAIL $T_NAME: $1" >> "$T_RESULTS"; echo "FAIL $T_NAME: $1"; shift; [ $# -gt 0 ] && printf '     %s\n' "$@"; return 0; }
t_skip() { echo "SKIP $T_NAME: $1" >> "$T_RESULTS"; echo "skip $T_NAME: $1"; }

# t_eq NAME GOT WANT
t_eq() { if [ "$2" == "$3" ]; then t_pass "$1"; else t_fail "$1" "got:  $2" "want: $3"; fi; }
# t_has NAME TEXT NEEDLE
t_has() { case "$2" in *"$3"*) t_pass "$1";; *) t_fail "$1" "missing: $3" "in: $(printf '%s' "$2" | head -c 2000)";; esac; }
t_lacks() { case "$2" in *"$3"*) t_fail "$1" "unexpected: $3";; *) t_pass "$1";; esac; }
# t_rc NAME WANT CMD... : the exit code of a command
t_rc() { local n=$1 want=$2; shift 2; "$@" >"$T_TMP/out" 2>"$T_TMP/err"; local rc=$?; t_eq "$n (exit $rc)" "$rc" "$want"; }

# Waiting for a condition instead of sleeping: a deadline in real time (a loaded machine's slow
# tries do not shorten it), checked every 0.1 s. A deadline is there for a failing test only (a
# passing one goes on as soon as the condition holds), so the helpers never wait less than
# T_WAIT_MIN seconds (30): generous for a machine busy with other work.
T_WAIT_MIN=${T_WAIT_MIN:-30}
t_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); }   # the time, in ms
# wait_for SECONDS CMD...: until CMD succeeds, at most SECONDS (at least T_WAIT_MIN); 0 when it did
# (each try costs what its condition costs and no more: the clock is read without a subshell
# and the pause is a read with a timeout on a FIFO nobody writes, not a sleep process)
wait_for() {
	local s=${1%%.*} end now; shift
	[ "${s:-0}" -ge "$T_WAIT_MIN" ] 2>/dev/null || s=$T_WAIT_MIN
	now=${EPOCHREALTIME/[.,]/}
	end=$(( now / 1000 + s * 1000 ))
	while :; do
		"$@" && return 0
		now=${EPOCHREALTIME/[.,]/}
		[ $(( now / 1000 )) -lt "$end" ] || { echo "     (waited $s s in vain for: $*)"; return 1; }
		t_pause
	done
}
# t_pause: 0.1 s
if mkfifo "$T_TMP/.pause" 2>/dev/null && exec {T_PAUSE_FD}<>"$T_TMP/.pause"; then
	t_pause() { read -r -t 0.1 -u "$T_PAUSE_FD"; return 0; }
else
	t_pause() { sleep 0.1; }
fi
# proc_gone PID: the process has ended (a zombie not yet waited for counts as ended)
proc_gone() { [ ! -e "/proc/$1" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }
# file_has FILE TEXT: FILE holds TEXT (for wait_for)
file_has() { grep -qF -- "$2" "$1" 2>/dev/null; }

# t_eq_soon NAME WANT CMD... / t_has_soon NAME NEEDLE CMD...: t_eq / t_has on CMD's output
# once it equals WANT (holds NEEDLE), or when the deadline has passed (a screen catching up)
t_eq_soon() {
	local _n=$1 _w=$2; shift 2
	_soon_eq() { [ "$("$@")" == "$_w" ]; }
	wait_for 5 _soon_eq "$@"; t_eq "$_n" "$("$@")" "$_w"
}
t_has_soon() {
	local _n=$1 _w=$2; shift 2
	_soon_has() { case "$("$@")" in *"$_w"*) return 0;; esac; return 1; }
	wait_for 5 _soon_has "$@"; t_has "$_n" "$("$@")" "$_w"
}

# A database of the test's own, on the shared test server; sets T_DB.
t_newdb() {
	T_DB="t_${1:-$T_NAME}"
	T_DB=$(printf '%s' "$T_DB" | tr -c 'a-zA-Z0-9_' '_')
	psql -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d postgres -v ON_ERROR_STOP=1 \
		-c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS \"$T_DB\"" -c "CREATE DATABASE \"$T_DB\"" >/dev/null
}
# t_server_log OFFSET: the shared server's log from byte OFFSET (stat -c %s before), only the
# records of the test's database (other scripts log beside it): each line as the server wrote
# it, a record's further lines (indented with a tab) with it.
t_server_log() {
	tail -c +"$(($1 + 1))" "$T_PGDIR/server.log" 2>/dev/null | awk -v db="[$T_DB]" '
		/^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] / { keep = ($5 == db) }
		keep'
}
# sql_stmts < SQL: its statements one a line, comments out, blanks collapsed, split at each ';'
# that ends a line (as dwh's files end their statements): SQL shown and SQL sent compared.
sql_stmts() { perl -0777 -ne 's/--[^\n]*//g; for (split /;\s*\n/) { s/\s+/ /g; s/^ | $//g; print "$_\n" if length }'; }
# dq WORD: WORD quoted for dwh's command line ('...', a ' doubled), for a path inside a -c
# command: the clone's path may hold spaces
dq() { local w=${1//\'/\'\'}; printf "'%s'" "$w"; }
# dwh on the test database over the Unix socket (no password needed).
dwht() { env -u PGHOST -u PGDATABASE -u PGSERVICE "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@"; }
# psql on the test database: one value per line, unaligned.
sqlv() { psql -X -A -t -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "$1"; }
# sql_lit TEXT: TEXT as an SQL literal (a clone path may hold a quote: "a newcomer's clone").
sql_lit() { local v=${1//\'/\'\'}; printf "'%s'" "$v"; }
# Whether the course sample is beside the repo (a user's clone has no ../shared).
have_sample() { [ -d "$SHARED_SAMPLE/song_data" ]; }
# others: the sessions on the test's database but the asking one (dwh's backends, once it has
# ended, should be none); no_others: there are none (for wait_for: a closed connection's backend
# leaves a moment after its client)
others() { sqlv "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"; }
no_others() { [ "$(others)" = 0 ]; }
