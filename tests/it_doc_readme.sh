#!/usr/bin/env bash
# it_doc_readme.sh — README.md stays true and short: the two set-up commands are still the two
# it gives, it stays a five-minute read (under 250 lines; the rest belongs in doc/), and its
# picture of the console is what a real dwh shows now (tests/readme_screen.sh, numbers aside:
# times, latency and pids change from run to run; `make readme-screen` rewrites it).
. "$(dirname "$0")/lib/lib.sh"
README="$T_ROOT/README.md"

# the set-up commands README promises
setup=$(sed -n '/^## Set-up: two commands/,/^## /p' "$README" | sed -n '/^```sh$/,/^```$/p' | sed '1d;$d' | awk '{ print $1, $2 }')
t_eq "the two set-up commands" "$setup" "$(printf 'make demo\nmake check')"
grep -q '^demo:' "$T_ROOT/Makefile" && t_pass "make demo exists" || t_fail "make demo exists"

# a newcomer's page: everything else lives in doc/
lines=$(wc -l < "$README")
[ "$lines" -lt 250 ] && t_pass "README.md is under 250 lines ($lines)" \
	|| t_fail "README.md is under 250 lines" "it has $lines: move the detail to doc/"

command -v tmux >/dev/null || { t_skip "README's console picture: no tmux (apt-get install tmux)"; exit 0; }
# numbers (and the bar, whose socket path is cut to fit its latency) never compare
norm() { sed '1s/^\( dwh · PostgreSQL\).*/\1/' | sed -E 's/[0-9][0-9.:]*/#/g; s/ +/ /g'; }
sed -n '/^<!-- screen:/,/^<!-- \/screen -->/p' "$README" | sed '1,2d;$d' | sed '$d' > "$T_TMP/readme"
t_eq "README has the console's picture (30 rows)" "$(wc -l < "$T_TMP/readme")" 30
DWH_README_PG="$T_TMP/pg" DWH_README_DATA="$T_TMP/data" bash "$T_ROOT/tests/readme_screen.sh" \
	> "$T_TMP/now" 2>"$T_TMP/err"
t_eq "readme_screen.sh makes a screen" "$(wc -l < "$T_TMP/now")" 30
t_eq "README's console is today's console (make readme-screen)" "$(norm < "$T_TMP/readme")" "$(norm < "$T_TMP/now")"
