#!/usr/bin/env bash
# it_psql_script.sh — psql's scripting, compared with psql itself on the same scripts: \gset
# (with a prefix, NULL unsets), \if/\elif/\else/\endif nested with branches not taken neither
# run nor interpolated, \gexec, \o FILE and \qecho, `SQL \gset` on one line; psql's errors for
# a stray \endif, \else after \else, a non-Boolean \if and an \if left open; \watch c= and m=
# (PostgreSQL 16's syntax, which this psql may predate: checked on dwh alone); and the console.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb
pq() { psql -X -v ON_ERROR_STOP=1 -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@"; }
cd "$T_TMP" || exit 1

cat > script.sql <<'SQL'
SELECT 3 AS n, 'songs' AS what \gset
\echo n is :n and :what
SELECT :n > 2 AS big, NULL AS gone
\gset
\if :big
  \echo big
  SELECT 'taken' AS branch;
  \if false
    \echo never
  \elif on
    \echo nested elif
    \if no
      \echo deep never
    \else
      \echo deep else
    \endif
  \else
    \echo nested else
  \endif
\elif true
  \echo not this
  SELECT 'not this' AS branch;
\else
  \echo nor this
\endif
\if f
  SELECT :not_set_here;
  \echo :'never_quoted' :"x"
  \if true
    \echo inner of skipped
  \endif
  \gexec
\else
  \echo else of f
\endif
\set flag OFF
\if :flag
  \echo off is false
\elif 1
  \echo elif 1
\endif
SELECT 1 AS a, NULL AS b \gset p_
\echo :p_a :{?p_b} :{?p_a} :{?gone}
SELECT format('SELECT %s AS v', g) FROM generate_series(1,3) g \gexec
SELECT 'CREATE TEMP TABLE gx (a int)', NULL, 'INSERT INTO gx VALUES (7)' \gexec
SELECT a FROM gx;
\o qout.txt
SELECT 42 AS answer;
\qecho written to the file
INSERT INTO gx VALUES (8);
\o
\echo back on stdout
\qecho qecho on stdout
SQL

pq -f script.sql >psql.out 2>psql.err; prc=$?
mv qout.txt psql.qout
dwht -f script.sql >dwh.out 2>dwh.err; drc=$?
t_eq "the script's exit is psql's" "$drc" "$prc"
t_eq "the script runs the same under dwh -f as psql -f" "$(cat dwh.out)" "$(cat psql.out)"
t_eq "... no errors either" "$(cat dwh.err)" "$(cat psql.err)"
t_eq "\\o FILE holds what psql writes there" "$(cat qout.txt)" "$(cat psql.qout)"
t_has "\\gset then \\if took the branch" "$(cat dwh.out)" "nested elif"
t_lacks "a branch not taken runs nothing" "$(cat dwh.out)" "never"

# -c runs the same commands; \if on a variable from -v-less \set
t_eq "\\if in -c commands" "$(dwht -c '\set x yes' -c '\if :x' -c '\echo yes' -c '\else' -c '\echo no' -c '\endif')" "yes"

# psql's errors, in a script (exit 3, as psql's ON_ERROR_STOP)
for bad in '\endif' '\else
\else' '\if maybe' '\elif true' '\if true
\else
\elif true' 'SELECT 1 AS a, 2 AS b FROM generate_series(1,2) \gset' 'SELECT 1 WHERE false \gset'; do
	printf '%s\n\\echo after\n' "$bad" > bad.sql
	pq -f bad.sql >psql.out 2>psql.err; prc=$?
	dwht -f bad.sql >dwh.out 2>dwh.err; drc=$?
	name=$(printf '%s' "$bad" | tr '\n' ' ')
	t_eq "$name: exit as psql's" "$drc" "$prc"
	t_eq "$name: psql's message" "$(sed 's/^.*error: //' dwh.err)" "$(sed 's/^.*error: //' psql.err)"
done
printf '\\if true\n\\echo open\n' > open.sql
t_rc "an \\if left open at the end of a script fails (exit 3)" 3 dwht -f open.sql
t_has "... with psql's message" "$(cat "$T_TMP/err")" "reached EOF without finding closing \\endif(s)"
# a file has its own branches: \i cannot close its caller's \if
printf '\\endif\n' > inc.sql
printf '\\if true\n\\i inc.sql\n\\endif\n' > outer.sql
t_rc "an \\endif in an \\i file does not close the caller's \\if" 3 dwht -f outer.sql

# \watch with PostgreSQL 16's arguments
out=$(dwht -c "SELECT 'tick' AS w;" -c '\watch i=0.1 c=3' 2>&1); rc=$?
t_eq "\\watch c=3 stops after three runs (exit 0)" "$rc" 0
t_eq "\\watch c=3 ran it three times (after the first run)" "$(printf '%s\n' "$out" | grep -c '^ tick')" 4
t_eq "\\watch titles each run as psql" "$(printf '%s\n' "$out" | grep -c '(every 0.1s)$')" 3
out=$(dwht -c "CREATE TABLE q (a int);" -c "INSERT INTO q VALUES (1), (2), (3);" \
	-c "DELETE FROM q WHERE a = (SELECT max(a) FROM q) RETURNING a;" -c '\watch 0.05 m=1' 2>&1)
t_eq "\\watch m=1 stops when fewer rows come" "$(printf '%s\n' "$out" | grep -c 'rows\?)$')" 4
# one \watch block as psql prints it (this psql may predate c=: two of its blocks, then Ctrl-C)
printf 'SELECT 1 AS a, %s AS b \\watch 0.3\n' "'x'" > watch.sql
undate() { sed -E 's/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4} /DATE /'; }
timeout -s INT 3 psql -X -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -f watch.sql 2>&1 | undate | head -14 > psql.watch
sed -i 's/0.3$/i=0.3 c=2/' watch.sql
t_eq "\\watch i= c=: psql's blocks" "$(dwht -f watch.sql 2>&1 | undate)" "$(cat psql.watch)"
t_rc "\\watch c=0 is refused" 1 dwht -c 'SELECT 1;' -c '\watch c=0'
t_rc "\\watch with an unknown parameter is refused" 1 dwht -c 'SELECT 1;' -c '\watch x=1'
t_rc "\\watch i= twice is refused" 1 dwht -c 'SELECT 1;' -c '\watch i=1 2'

# the console: \gset and \if typed at the prompt, \o into a file
# typed: a line, then the console ready again (a line typed while one runs is refused)
bar_ready() { tui_screen | head -1 | grep -q ' ready '; }
typed() { tui_run "$1"; wait_for 5 tui_pane_has log "dwh> $1"; wait_for 10 bar_ready; }
tui_start 100 30 || t_fail "console starts" "$(tui_screen)"
typed "SELECT 'from gset' AS word \\gset"
# the log and the history keep the statement \gset ran, not the bare \gset
tui_pane_has log "dwh> SELECT 'from gset' AS word \\gset" && t_pass "console: the log keeps the statement \\gset ran" ||
	t_fail "console: the log keeps the statement \\gset ran" "$(tui_pane log)"
tui_keys Up
prompt_is() { [ "$(tui_tail 1)" = "$1" ]; }
wait_for 5 prompt_is "dwh> SELECT 'from gset' AS word \\gset" && t_pass "console: Up brings back the whole statement" ||
	t_fail "console: Up brings back the whole statement" "$(tui_tail 1)"
tui_keys C-u
wait_for 5 prompt_is "dwh>"
typed '\if true'
typed '\echo word is :word'
typed '\else'
typed '\echo not typed branch'
typed '\endif'
tui_wait_pane log "word is from gset" 5 && t_pass "console: \\gset then \\if" || t_fail "console: \\gset then \\if" "$(tui_pane log)"
t_lacks "console: the branch not taken says nothing" "$(tui_pane log | grep -v 'echo not typed')" "not typed branch"
typed "\\o $T_TMP/console.txt"
typed "SELECT 'to the file' AS dest;"
typed '\o'
wait_for 5 grep -q "to the file" "$T_TMP/console.txt" && t_pass "console: \\o writes results to the file" \
	|| t_fail "console: \\o" "$(cat "$T_TMP/console.txt" 2>&1)"
