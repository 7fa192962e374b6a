#!/usr/bin/env bash
# demo.sh — `make demo`: from a fresh clone to the console on the local default server with
# sample data loaded. Generated data goes to demo-data/ (not in git); the server lives in the
# usual state directory (dwh local status says where).
set -eu
cd "$(dirname "$0")/.."
# DEMO_LOCAL_DIR: another server directory than the default (the tests use their own)
DWH="./dwh${DEMO_LOCAL_DIR:+ --local-dir $DEMO_LOCAL_DIR}"
DATA=${DEMO_DATA:-demo-data}

[ -f "$DATA/expected.json" ] || $DWH gen "$DATA" --events "${DEMO_EVENTS:-20000}" --songs "${DEMO_SONGS:-2000}"
$DWH --data "$DATA" -c run
$DWH -c counts
if [ -t 0 ] && [ -t 1 ]; then
	exec $DWH --data "$DATA"
fi
echo "dwh is ready: run ./dwh (console), ./dwh --plain (line prompt) or ./dwh -c 'COMMAND'."
