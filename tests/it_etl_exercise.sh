#!/usr/bin/env bash
# it_etl_exercise.sh — `exercise`: the ten shipped exercises listed; an answer right, wrong by
# one row, in another row order (right where the order does not matter, wrong where it does),
# with other number formatting; NULLs compared as NULLs; the hint; progress kept in the state
# dir. On `dwh gen` data; the sample's known figures when it is present.
. "$(dirname "$0")/lib/lib.sh"

export XDG_STATE_HOME=$T_TMP/state
t_newdb
gen=$T_TMP/gen
"$DWH" gen "$gen" --songs 30 --events 2000 --seed 3 >/dev/null 2>&1 || t_fail "gen"
dwht --data "$gen" -c create -c run >"$T_TMP/run" 2>&1 || t_fail "run on gen data" "$(tail -5 "$T_TMP/run")"
paid=$(jq .users_paid "$gen/expected.json")

list=$(dwht -c exercise 2>&1); rc=$?
t_eq "exercise lists (exit)" "$rc" 0
t_has "ten exercises, the first" "$list" "  1 | How many paid users?"
t_has "... the last: the busiest hour per weekday" "$list" " 10 | The busiest hour of each weekday"
t_has "none solved yet" "$list" "0 of 10 exercises solved"

out=$(dwht -c 'exercise 1' 2>&1)
t_has "exercise 1 shows its question" "$out" "How many users are on the paid level now?"
out=$(dwht -c 'exercise 1' -c "SELECT COUNT(*) - 1 FROM users WHERE level = 'paid'" 2>&1); rc=$?
t_eq "a wrong answer: exit 1" "$rc" 1
t_has "... says which row differs" "$out" "the expected answer has the row ($paid), yours not"
t_has "... offers the hint" "$out" "exercise hint"
t_lacks "... is not kept as solved" "$(cat "$XDG_STATE_HOME/dwh/exercises" 2>/dev/null)" "01_paid_users"
out=$(dwht -c 'exercise 1' -c "SELECT CAST(COUNT(*) AS NUMERIC(10, 2)) AS n FROM users WHERE level = 'paid'" 2>&1); rc=$?
t_eq "a right answer, numbers formatted otherwise (exit)" "$rc" 0
t_has "... says right" "$out" "exercise 1 (How many paid users?): right!"
t_has "... shows the answer's rows" "$out" "$paid.00"
t_eq "progress kept in the state dir" "$(cat "$XDG_STATE_HOME/dwh/exercises")" "01_paid_users"
t_has "the list shows it solved" "$(dwht -c exercise 2>&1)" "1 of 10 exercises solved"
t_has "exercise next: the first unsolved" "$(dwht -c 'exercise next' 2>&1)" "Exercise 2: How many plays?"
t_has "exercise hint" "$(dwht -c 'exercise 4' -c 'exercise hint' 2>&1)" "hint: GROUP BY gender."

# another row order: right where the order does not matter (4), wrong where it does (7)
t_rc "exercise 4 in another row order: right" 0 dwht -c 'exercise 4' \
	-c "SELECT gender, COUNT(*) FROM users GROUP BY gender ORDER BY COUNT(*) DESC, gender DESC"
t_rc "exercise 4 in the other row order: right" 0 dwht -c 'exercise 4' \
	-c "SELECT gender, COUNT(*) FROM users GROUP BY gender ORDER BY COUNT(*), gender"
q7="SELECT t.weekday, COUNT(*) FROM songplays sp JOIN time t ON t.start_time = sp.start_time GROUP BY t.weekday"
t_rc "exercise 7 in its order: right" 0 dwht -c 'exercise 7' -c "$q7 ORDER BY 1"
out=$(dwht -c 'exercise 7' -c "$q7 ORDER BY 1 DESC" 2>&1); rc=$?
t_eq "exercise 7 in reverse order: wrong, the order matters" "$rc" 1
t_has "... naming the first row that differs" "$out" "row 1 (the order matters here)"
# one row too few (exercise 6: top five listeners)
out=$(dwht -c 'exercise 6' -c "SELECT user_id, COUNT(*) AS plays FROM songplays GROUP BY user_id ORDER BY plays DESC, user_id LIMIT 4" 2>&1)
t_has "one row missing: named" "$out" "row 5 (the order matters here): yours none"
t_has "... and counted" "$out" "4 rows, expected 5"
t_rc "a statement that is no query runs as usual" 0 dwht -c 'exercise 1' -c "SET search_path = public"
t_rc "exercise off: queries run unchecked" 0 dwht -c 'exercise 1' -c 'exercise off' -c 'SELECT 1'
t_rc "exercise 11 does not exist" 1 dwht -c 'exercise 11'
t_rc "a stray word is a usage error" 1 dwht -c 'exercise soon'

# NULLs: a teacher's exercise whose answer holds a NULL (in a copy of sql/)
cp -r "$T_ROOT/sql" "$T_TMP/sql"
printf -- '-- title: A NULL\n-- order: any\n-- question: one NULL and a one\nSELECT NULL AS a, 1 AS b;\n' > "$T_TMP/sql/exercises/11_null.sql"
export DWH_SQLDIR=$T_TMP/sql
t_rc "NULL equals NULL" 0 dwht -c 'exercise 11' -c "SELECT CAST(NULL AS TEXT), 1.0"
out=$(dwht -c 'exercise 11' -c "SELECT 'NULL', 1" 2>&1)
t_has "the text 'NULL' is not NULL" "$out" "wrong"
unset DWH_SQLDIR

if have_sample; then
	t_newdb "${T_NAME}_sample"
	dwht --data "$SHARED_SAMPLE" -c create -c run >/dev/null 2>&1 || t_fail "run on the sample"
	t_rc "sample: 22 paid users" 0 dwht -c 'exercise 1' -c 'SELECT 22'
	t_rc "sample: 6820 plays" 0 dwht -c 'exercise 2' -c 'SELECT 6820'
	t_rc "sample: 6819 unmatched" 0 dwht -c 'exercise 3' -c 'SELECT 6819'
	t_rc "sample: busiest hour per weekday (DISTINCT ON, another way)" 0 dwht -c 'exercise 10' -c \
		"SELECT DISTINCT ON (wd) wd, h, n FROM (SELECT CAST(EXTRACT(DOW FROM start_time) AS INT) wd,
		 CAST(EXTRACT(HOUR FROM start_time) AS INT) h, COUNT(*) n FROM songplays GROUP BY 1, 2) x ORDER BY wd, n DESC, h"
	t_rc "sample: 8.79 plays per session" 0 dwht -c 'exercise 9' -c 'SELECT 8.79'
else
	t_skip "the udacity sample is not beside the repo (../shared): its figures not checked"
fi
