#!/usr/bin/env bash
# readme_screen.sh [--update] — the console as README.md shows it: a real dwh, on its private
# local server with generated data, after `run`, with `query top_songs` in the Result pane,
# read back from a 100x30 tmux terminal. Prints the screen; --update puts it into README.md
# between its screen markers (`make readme-screen`). it_doc_readme.sh checks README against it.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${DWH_README_PG:-/tmp/dwh-readme-pg}
data=${DWH_README_DATA:-/tmp/dwh-readme-data}
TX="tmux -L dwh-readme-$$ -f /dev/null"
cleanup() { $TX kill-server 2>/dev/null; ./dwh --local-dir "$dir" local stop >/dev/null 2>&1; rm -rf "$dir" "$data"; }
trap cleanup EXIT
command -v tmux >/dev/null || { echo "readme_screen: needs tmux" >&2; exit 1; }

./dwh --local-dir "$dir" local stop >/dev/null 2>&1
rm -rf "$dir" "$data"
./dwh gen "$data" --seed 1 >/dev/null || exit 1
env -u PGHOST -u PGDATABASE -u PGSERVICE ./dwh --local-dir "$dir" --data "$data" -c run >/dev/null || exit 1
q=$(printf '%q ' env -u PGHOST -u PGDATABASE -u PGSERVICE -u NO_COLOR TERM=tmux-256color LANG=C.UTF-8 \
	XDG_STATE_HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent "$root/dwh" --local-dir "$dir" --data "$data")
$TX new-session -d -x 100 -y 30 "$q; sleep 60"
$TX set-option -g status off >/dev/null
wait_for() { for _ in $(seq 100); do $TX capture-pane -p | grep -qF -- "$1" && return 0; sleep 0.1; done; return 1; }
wait_for " ready " || { echo "readme_screen: the console did not start" >&2; exit 1; }
$TX send-keys -l "query top_songs"
$TX send-keys Enter
wait_for "Most played songs" || { echo "readme_screen: no result" >&2; exit 1; }
sleep 0.5
wait_for " ready "
$TX capture-pane -p | sed 's/ *$//' > "/tmp/dwh-readme-screen.$$"

if [ "${1:-}" = --update ]; then
	awk -v f="/tmp/dwh-readme-screen.$$" '
		/^<!-- screen:/ { print; print "```text"; while ((getline l < f) > 0) print l; print "```"; skip = 1; next }
		/^<!-- \/screen -->/ { skip = 0 }
		!skip' README.md > README.md.tmp && mv README.md.tmp README.md
	grep -q '^<!-- screen:' README.md || echo "readme_screen: README.md has no <!-- screen: --> marker" >&2
else
	cat "/tmp/dwh-readme-screen.$$"
fi
rm -f "/tmp/dwh-readme-screen.$$"
