#!/usr/bin/env bash
# run.sh SECONDS TARGET... — `make fuzz`: each libFuzzer target in build/fuzz first re-runs its
# regression inputs (tests/fuzz/regress_TARGET: every crash found so far), then fuzzes for
# SECONDS from its seeds (tests/fuzz/seeds_TARGET) with its dictionary (tests/fuzz/TARGET.dict).
# A crash leaves its input in build/fuzz/TARGET-crash-*: copy it into regress_TARGET.
set -u
cd "$(dirname "$0")/../.."
secs=$1; shift
failed=0
for t in "$@"; do
	bin=build/fuzz/fuzz_$t
	seeds=tests/fuzz/seeds_$t dict=tests/fuzz/$t.dict regress=tests/fuzz/regress_$t
	[ "$t" = copy_row ] && seeds=tests/fuzz/seeds dict=tests/fuzz/json.dict
	mkdir -p "build/fuzz/corpus/$t"
	if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
		if ! "$bin" "$regress"/* >"build/fuzz/$t.regress.log" 2>&1; then
			echo "fuzz $t: a regression input fails again (build/fuzz/$t.regress.log)"
			failed=1
			continue
		fi
	fi
	if "$bin" -max_total_time="$secs" -dict="$dict" -artifact_prefix="build/fuzz/$t-" \
		-print_final_stats=1 "build/fuzz/corpus/$t" "$seeds" >"build/fuzz/$t.log" 2>&1; then
		echo "fuzz $t: ${secs} s, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "build/fuzz/$t.log" | grep -o '[0-9]*$') runs, no crash"
	else
		echo "fuzz $t: FAILED (build/fuzz/$t.log; input in build/fuzz/$t-*)"
		tail -n 30 "build/fuzz/$t.log"
		failed=1
	fi
done
[ $failed = 0 ] && echo "fuzz: $# targets, ${secs} s each, no crash"
exit $failed
