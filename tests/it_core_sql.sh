#!/usr/bin/env bash
# Plain SQL: psql's aligned output, CSV, timing, scripts over several lines, exit codes.
. "$(dirname "$0")/lib/lib.sh"
t_newdb

q='SELECT 1 AS a, $$x$$ AS "b c", 2.5::float8 AS f, NULL AS n, $$ünïcödé 日本$$ AS u'
want=$(psql -X -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "$q")
t_eq "aligned output is psql's" "$(dwht -c "$q")" "$want"
q='SELECT g AS n, repeat($$ab$$, g) AS t FROM generate_series(1, 4) g'
want=$(psql -X -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "$q")
t_eq "aligned output is psql's (4 rows)" "$(dwht -c "$q")" "$want"
t_eq "one-row result" "$(dwht -c 'SELECT 1;')" "$(printf ' ?column? \n----------\n        1\n(1 row)')"
t_eq "CSV output quotes as RFC 4180" "$(dwht --csv -c 'SELECT 1 AS a, $$x,"y"$$ AS b, NULL AS c')" "$(printf 'a,b,c\n1,"x,""y""",')"

# psql's own CSV, field by field: a leading space and '' as they are, "\." quoted (it would end
# COPY's input), a line break quoted; --csv and \pset format csv alike
csvq="SELECT ' lead' AS a, '' AS b, NULL AS c, E'x\\ny' AS d, '\\.' AS e, 'a;b' AS f"
t_eq "CSV as psql writes it" "$(dwht --csv -c "$csvq")" \
	"$(psql -X -q --csv -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "$csvq")"
t_eq "\\pset format csv as psql writes it" "$(dwht -c '\pset format csv' -c "$csvq" | tail -n +2)" \
	"$(psql -X -q --csv -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "$csvq")"
out=$(dwht -c 'timing on' -c 'SELECT 1;')
t_has "timing on prints Time" "$out" "Time: "
out=$(dwht -c 'timing off' -c 'SELECT 1;'); rc=$?
t_eq "timing off runs (exit $rc)" "$rc" 0
t_has "timing off still prints the result" "$out" "(1 row)"
t_lacks "timing off prints none" "$out" "Time: "
t_eq "two statements in one -c print two results" "$(dwht -c 'SELECT 1 AS x; SELECT 2 AS y;' | grep -c 'row)')" 2

cat > "$T_TMP/script.sql" <<'SQL'
-- a script mixes dwh commands and SQL spread over lines
create
CREATE TABLE t (
    a int,
    b text  -- a comment with a ; in it
);
INSERT INTO t VALUES (1, 'one;'), (2, $$two$$);
SELECT b
  FROM t
 ORDER BY a;
counts
SQL
out=$(dwht -f "$T_TMP/script.sql" 2>&1); rc=$?
t_eq "script runs (exit 0)" "$rc" 0
t_has "multi-line SELECT result" "$out" " one;"
t_has "commands inside scripts" "$out" " songplays      |    0"
out=$(printf 'SELECT 40 + 2 AS answer;\n' | dwht -f -)
t_has "-f - reads stdin" "$out" "     42"
out=$(printf 'SELECT 7 AS seven\n' | dwht)
t_has "stdin that is not a terminal is a script; last statement needs no ;" "$out" "     7"

printf 'SELECT 1;\nSELECT * FROM no_such_table;\nSELECT 3;\n' > "$T_TMP/bad.sql"
t_rc "a failing script exits 3" 3 dwht -f "$T_TMP/bad.sql"
t_has "error names file and line" "$(cat "$T_TMP/err")" "bad.sql:2: ERROR:  relation \"no_such_table\" does not exist"
t_has "error carries SQLSTATE" "$(cat "$T_TMP/err")" "SQLSTATE 42P01"
t_lacks "the script stopped at the error" "$(cat "$T_TMP/out")" "     3"
t_rc "a failing -c exits 1" 1 dwht -c 'SELECT 1/0;' -c 'SELECT 99 AS after;'
t_lacks "the first failure stops the run" "$(cat "$T_TMP/out")" "after"
t_has "division error on stderr" "$(cat "$T_TMP/err")" "division by zero (SQLSTATE 22012)"
t_rc "an unknown first word is answered, not sent (exit 1)" 1 dwht -c 'frobnicate now;'
t_has "... saying so" "$(cat "$T_TMP/err")" "unknown command: frobnicate"
t_lacks "... without asking the server" "$(cat "$T_TMP/err")" "syntax error"
t_rc "a typo gets a suggestion (exit 1)" 1 dwht -c 'chek'
t_has "... the closest command" "$(cat "$T_TMP/err")" "unknown command: chek — did you mean check?"
dwht -c 'HELP' 2>"$T_TMP/err"
t_has "commands are lower case: HELP is not help" "$(cat "$T_TMP/err")" "did you mean help?"
t_has "a statement keyword in any case is SQL" "$(dwht -c 'sElEcT 5 AS five;' 2>&1)" "    5"
printf 'SELECT 1 AS one;\nchek\nSELECT 2 AS two;\n' > "$T_TMP/typo.sql"
t_rc "a typo in a script stops it (exit 3)" 3 dwht -f "$T_TMP/typo.sql"
t_has "... at its line" "$(cat "$T_TMP/err")" "typo.sql:2: error: unknown command: chek"
t_lacks "... before the next statement" "$(cat "$T_TMP/out")" "two"
t_rc "missing script exits 1" 1 dwht -f "$T_TMP/none.sql"
t_has "missing script named" "$(cat "$T_TMP/err")" "none.sql: No such file or directory"
out=$(printf 'SELECT 1 AS x;\nquit\nSELECT 2 AS y;\n' | dwht); rc=$?
t_eq "quit ends a script successfully" "$rc" 0
t_lacks "nothing after quit runs" "$out" " y "
