#!/usr/bin/env bash
# browse_rss.sh HOST PORT USER DB — the resident size of a 3,000,000-row result: the console
# (tmux) after the rows have streamed in and G has reached the last row, and batch mode
# printing them. Prints "CONSOLE_KB BATCH_KB" (peak VmHWM), or "- -" without tmux.
# A figure for `make bench`, not a timed test.
set -u
cd "$(dirname "$0")/.."
DWH="$(pwd)/dwh"
H=$1 P=$2 U=$3 DB=$4
Q="SELECT g, md5(g::text) FROM generate_series(1,3000000) g;"
command -v tmux >/dev/null || { echo "- -"; exit 0; }
TMP=$(mktemp -d)
TX="tmux -L dwh-bench-$$ -f /dev/null"
trap '$TX kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
$TX new-session -d -x 120 -y 36 "env -u PGHOST -u PGDATABASE TERM=tmux-256color LANG=C.UTF-8 \
	DWH_SCREEN_DUMP=$TMP/dump XDG_STATE_HOME=$TMP XDG_CONFIG_HOME=$TMP \
	$DWH -h $H -p $P -U $U -d $DB; sleep 60"
wait_dump() { for _ in $(seq $(( $2 * 10 ))); do grep -qF -- "$1" "$TMP/dump" 2>/dev/null && return 0; sleep 0.1; done; return 1; }
wait_dump "ready" 20
$TX send-keys -l -- "${Q%;}"; $TX send-keys -l -- "\\;"; $TX send-keys Enter
wait_dump "3000000 rows" 300
$TX send-keys Escape G
wait_dump "row 3000000 of 3000000" 30
pid=$(pgrep -f "^$DWH -h $H -p $P" | head -1)
console=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo -)
batch=-
if [ -x /usr/bin/time ]; then
	env -u PGHOST -u PGDATABASE /usr/bin/time -f '%M' -o "$TMP/time" "$DWH" -h "$H" -p "$P" -U "$U" \
		-d "$DB" -c "$Q" >/dev/null && batch=$(cat "$TMP/time")
fi
echo "$console $batch"
