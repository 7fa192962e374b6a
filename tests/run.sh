#!/usr/bin/env bash
# run.sh — every test: the unit tests, then each tests/it_*.sh against one throwaway
# PostgreSQL server. `make check T=word` runs the integration tests whose name has `word`
# (several words, space-separated: any of them). Ends with "N passed, N failed".
#
# Scripts run JOBS at a time (default: three a core), each on databases
# of its own (t_newdb) on the one server; each script's output is kept and printed whole when
# it ends. A script with a line `# serial` (and why) needs the machine to itself — it restarts
# a server, measures memory or time — and runs alone after the others.
set -u
shopt -s nullglob
cd "$(dirname "$0")/.."
. tests/lib/pg.sh

export SANITIZE="${SANITIZE:-}"
T_TMPBASE=$(t_tmpbase)
export T_TMPBASE
# psql from the server's own folder: /usr/bin/psql is Debian's Perl wrapper (pg_wrapper), which
# costs four times psql itself at each call, and the tests call psql thousands of times
PATH="$(pg_bindir):$PATH"
export PATH
# batch output (chart, wide tables) follows $COLUMNS: never the caller's terminal
unset COLUMNS LINES

# Three scripts a core: a script spends most of its time waiting (for the server, a console's
# screen, a lock it set up), not computing; make's -jN is for the compiler, not this.
if [ -z "${JOBS:-}" ]; then
	JOBS=$(( 3 * $(nproc 2>/dev/null || echo 2) ))
fi
case "$JOBS" in ''|*[!0-9]*|0) JOBS=1;; esac

T_RUN=$(mktemp -d /tmp/dwh-run.XXXXXX)
T_RESULTS=$T_RUN/all   # a script run by hand (bash tests/it_x.sh) still finds one file
# under SANITIZE=1, leaks inside libraries (not dwh's own) are listed in tests/lsan.supp; read
# from a copy in T_RUN, as the sanitizers' option parser splits a clone path with spaces
cp tests/lsan.supp "$T_RUN/lsan.supp"
export LSAN_OPTIONS="suppressions=$T_RUN/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export T_RESULTS
unit_passed=0 unit_failed=0
t_start=$SECONDS

cleanup() {
	local f
	for f in "$T_RUN"/*.pid; do kill -TERM "$(cat "$f")" 2>/dev/null; done   # timeout passes it on
	wait 2>/dev/null
	pg_stop
	pg_template_rm
	rm -rf "$T_RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the unit tests, beside the server starting
if [ -n "${DWH_UNIT:-}" ] && [ -z "${T:-}" ]; then
	"$DWH_UNIT" > "$T_RUN/unit.out" 2>&1 &
	unit_pid=$!
fi

# one initdb for the run: the shared server and each script's private one are copies of it
pg_template && pg_start || { echo "0 passed, 1 failed"; exit 1; }

# one script: its output in a file of its own, its results in another; printed whole at the end
run_one() {
	local t=$1 name t0=$SECONDS rc
	name=$(basename "$t" .sh)
	T_RESULTS="$T_RUN/$name.res" timeout 900 bash "$t" >"$T_RUN/$name.out" 2>&1 </dev/null &
	echo $! > "$T_RUN/$name.pid"
	wait $!
	rc=$?
	rm -f "$T_RUN/$name.pid"
	[ $rc = 0 ] || echo "FAIL $name: script exited $rc" | tee -a "$T_RUN/$name.res" >>"$T_RUN/$name.out"
	echo "$name $((SECONDS - t0))" >>"$T_RUN/times"
	{ flock 9; cat "$T_RUN/$name.out"; } 9>"$T_RUN/print.lock"
}

parallel=() serial=()
for t in tests/it_*.sh; do
	if [ -n "${T:-}" ]; then
		hit=
		for w in $T; do case "$t" in *"$w"*) hit=1;; esac; done
		[ -n "$hit" ] || continue
	fi
	if grep -q '^# serial' "$t"; then serial+=("$t"); else parallel+=("$t"); fi
done

# the longest first (as the last run here timed them; in a fresh clone, as tests/test-times
# has them: refresh it with `cp build/test-times tests/` when the suite changes), so that no
# long one starts last
times_file=build/test-times
order_file=$times_file
[ -s "$order_file" ] || order_file=tests/test-times
if [ -s "$order_file" ] && [ ${#parallel[@]} -gt 1 ]; then
	mapfile -t parallel < <(for t in "${parallel[@]}"; do
		n=$(basename "$t" .sh)
		s=$(awk -v n="$n" '$1 == n { print $2 }' "$order_file")
		echo "${s:-999} $t"
	done | sort -k1,1nr | cut -d' ' -f2-)
fi

for t in "${parallel[@]}"; do
	while [ "$(jobs -pr | wc -l)" -ge "$JOBS" ]; do wait -n 2>/dev/null; done
	run_one "$t" &
done
wait
for t in "${serial[@]}"; do run_one "$t"; done

if [ -n "${unit_pid:-}" ]; then
	wait "$unit_pid" 2>/dev/null     # (the parallel batch's wait may have reaped it)
	grep -v '^ok' "$T_RUN/unit.out" | grep -v '^unit: '
	line=$(tail -n1 "$T_RUN/unit.out")
	unit_passed=$(echo "$line" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	unit_failed=$(echo "$line" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	[ -n "$unit_passed" ] || { echo "unit tests did not finish:"; tail -n 20 "$T_RUN/unit.out"; unit_passed=0; unit_failed=1; }
	echo "unit tests: $unit_passed passed, $unit_failed failed"
fi

# keep the times for the next run's order (only from a whole run)
if [ -z "${T:-}" ] && [ -s "$T_RUN/times" ] && mkdir -p build 2>/dev/null; then
	sort -k2,2nr "$T_RUN/times" > "$times_file.tmp" && mv "$times_file.tmp" "$times_file"
fi

cat "$T_RUN"/*.res "$T_RUN/all" > "$T_RUN/results" 2>/dev/null
passed=$(( $(grep -c '^PASS' "$T_RUN/results") + unit_passed ))
failed=$(( $(grep -c '^FAIL' "$T_RUN/results") + unit_failed ))
skipped=$(grep -c '^SKIP' "$T_RUN/results")
grep '^FAIL' "$T_RUN/results" | sed 's/^/  /'
echo "tests: ${#parallel[@]} scripts $JOBS at a time, ${#serial[@]} alone; $((SECONDS - t_start)) s"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
