#!/usr/bin/env bash
# it_core_meta.sh — psql's meta-commands in batch mode (-c and -f), compared with psql itself
# on the same database: \d TABLE column by column, the \d family, \x, \set and interpolation,
# \conninfo (never the password), \c, the query buffer (\p \r \g \e \i), \watch, and the
# Redshift catalog queries as golden text (ECHO_HIDDEN noexec: nothing is sent).
. "$(dirname "$0")/lib/lib.sh"
t_newdb
psqlt() { psql -X -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@"; }

dwht -c create >/dev/null || t_fail "create"
psqlt -q -c "CREATE VIEW plays_per_level AS SELECT level, count(*) AS plays FROM songplays GROUP BY level" \
	-c "CREATE TABLE notes (id int PRIMARY KEY, songplay_id bigint REFERENCES songplays (songplay_id),
	    stars int DEFAULT 3 CHECK (stars BETWEEN 1 AND 5), tag text UNIQUE, twice int GENERATED ALWAYS AS (stars * 2) STORED,
	    c text COLLATE \"C\")" -c "CREATE STATISTICS notes_all ON stars, tag FROM notes" \
	-c "CREATE STATISTICS notes_dep (dependencies, mcv) ON stars, (lower(tag)) FROM notes" \
	-c "ALTER STATISTICS notes_dep SET STATISTICS 50" -c "CREATE FUNCTION plays_of(u text) RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM songplays WHERE user_id = u'"

# \d songplays as psql prints it: title, every column's five fields, indexes
dwht -c '\d songplays' >"$T_TMP/dwh" 2>&1
psqlt -c '\d songplays' >"$T_TMP/psql"
t_eq "\\d songplays: title as psql's" "$(head -1 "$T_TMP/dwh")" "$(head -1 "$T_TMP/psql")"
cols() { sed -n '/^-/,/^[A-Z]/p' "$1" | grep '|' ; }
n=0
while IFS= read -r want; do
	n=$((n + 1)); got=$(cols "$T_TMP/dwh" | sed -n "${n}p")
	name=$(printf '%s' "$want" | cut -d'|' -f1 | tr -d ' ')
	for f in 1 2 3 4 5; do
		t_eq "\\d songplays: $name field $f as psql's" "$(printf '%s' "$got" | cut -d'|' -f$f)" "$(printf '%s' "$want" | cut -d'|' -f$f)"
	done
done < <(cols "$T_TMP/psql")
[ "$n" -ge 9 ] && t_pass "\\d songplays: $n columns compared" || t_fail "\\d songplays: columns compared" "$n"
t_eq "\\d songplays: the whole output is psql's" "$(cat "$T_TMP/dwh")" "$(cat "$T_TMP/psql")"
for c in '\d notes' '\d' '\dt' '\dt staging_*' '\dt public.s*' '\dv' '\di' '\di songplays_*' '\dn' '\df' '\df plays*' '\du' '\d nosuch' '\dt nosuch'; do
	t_eq "$c is psql's" "$(dwht -c "$c" 2>&1)" "$(psqlt -c "$c" 2>&1)"
done
t_has "\\d VIEW shows its definition" "$(dwht -c '\d plays_per_level')" "View definition:
 SELECT songplays.level,"
t_has "\\l lists the database" "$(dwht -c '\l')" " $T_DB "
t_rc "-c '\\dt' exits 0" 0 dwht -c '\dt'
grep -qE "^ public \| songplays +\| table +\| $T_USER\$" "$T_TMP/out" && t_pass "-c '\\dt' lists the warehouse's tables" \
	|| t_fail "-c '\\dt' lists the warehouse's tables" "$(cat "$T_TMP/out")"

# \x as psql: records, and back
t_eq "\\x on: expanded as psql's" "$(dwht -c '\x' -c "SELECT 1 AS a, 'hello' AS bb, NULL AS c;" -c '\dt staging*')" \
	"$(psqlt -c '\x' -c "SELECT 1 AS a, 'hello' AS bb, NULL AS c" -c '\dt staging*')"
t_has "\\x off again" "$(dwht -c '\x on' -c '\x off' -c 'SELECT 1 AS a;')" " a 
---
 1"
t_has "\\x auto says so" "$(dwht -c '\x auto')" "Expanded display is used automatically."
t_rc "\\x nonsense is refused (exit 1)" 1 dwht -c '\x sideways'

# \set and interpolation, in a script as psql runs it
cat > "$T_TMP/vars.sql" <<'SQL'
\set who 'O''Brien'
\set tab songplays
\set n 4
\echo who is :who and :'who'
SELECT :'who' AS name, :n * 2 AS eight, length(:'who') AS len, ':who' AS kept, 1::int AS cast;
SELECT count(*) AS rows FROM :"tab";
\unset n
SELECT ':n' AS literal, :{?n} AS n_set, :{?who} AS who_set;
SQL
out=$(dwht -f "$T_TMP/vars.sql" 2>&1); rc=$?
t_eq "-f with \\set runs (exit 0)" "$rc" 0
t_has ":'name' quotes a value holding a quote" "$out" " O'Brien |     8 |   7 | :who |    1"
t_has ":\"name\" is an identifier" "$out" " rows 
------
    0"
t_has ":{?name} tells whether it is set" "$out" " :n      | f     | t"
t_has "\\echo interpolates" "$out" "who is O'Brien and"
t_eq "\\set alone lists them" "$(dwht -c '\set b 2' -c '\set a x y' -c '\set')" "a = 'xy'
b = '2'"
t_rc "a bad variable name is refused" 1 dwht -c '\set bad-name 1'

# \conninfo: where, never the password (over TCP with one)
out=$(PGPASSWORD="$T_PASS" "$DWH" -h 127.0.0.1 -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c '\conninfo' 2>&1)
t_has "\\conninfo over TCP" "$out" "You are connected to database \"$T_DB\" as user \"$T_USER\" on host \"127.0.0.1\" at port \"$T_PORT\"."
t_lacks "\\conninfo never shows the password" "$out" "$T_PASS"
t_eq "\\conninfo over the socket is psql's" "$(dwht -c '\conninfo')" "$(psqlt -c '\conninfo')"
out=$(dwht -c '\c postgres' -c 'SELECT current_database() AS db;' 2>&1)
t_has "\\c DBNAME moves the session" "$out" "You are now connected to database \"postgres\" as user \"$T_USER\"."
t_has "... and SQL runs there" "$out" " postgres"
out=$(dwht -c '\c no_such_db' -c 'SELECT current_database() AS db;' 2>&1); rc=$?
t_eq "\\c to a missing database fails (exit 1)" "$rc" 1
t_has "... and says the old connection stays" "$out" "still connected as before"

# the query buffer: \p \r \g, \e with an editor that writes a statement, \i
printf 'SELECT 5 AS included;\n' > "$T_TMP/inc.sql"
cat > "$T_TMP/ed.sh" <<'SH'
#!/bin/sh
# an editor that replaces what it is given with one finished statement
printf 'SELECT 41 + 1 AS edited;\n' > "$1"
SH
chmod +x "$T_TMP/ed.sh"
cat > "$T_TMP/buf.sql" <<SQL
SELECT 1 AS one
\\p
\\g
SELECT 2 AS two
\\r
\\p
\\e
\\i $T_TMP/inc.sql
SQL
out=$(EDITOR="$T_TMP/ed.sh" VISUAL= dwht -f "$T_TMP/buf.sql" 2>&1); rc=$?
t_eq "query-buffer script runs (exit 0)" "$rc" 0
t_has "\\p shows the pending statement" "$out" "SELECT 1 AS one
 one"
t_has "\\g sends it without a ;" "$out" " one 
-----
   1"
t_lacks "\\r dropped the statement" "$out" " two"
t_has "\\e runs what the editor wrote when it ends with ;" "$out" " edited 
--------
     42"
t_has "\\i runs a file" "$out" "        5"
printf '#!/bin/sh\nprintf "SELECT 3 AS waiting" > "$1"\n' > "$T_TMP/ed2.sh"; chmod +x "$T_TMP/ed2.sh"
out=$(printf '\\e\n\\p\n;\n' | EDITOR="$T_TMP/ed2.sh" VISUAL= dwht -f - 2>&1)
t_has "\\e without a ; leaves it pending (\\p shows it)" "$out" "SELECT 3 AS waiting"
t_has "... and a ; then runs it" "$out" " waiting"
t_rc "\\e with a failing editor fails" 1 env EDITOR=false VISUAL= "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c '\e'

# \watch re-runs until Ctrl-C
# (dwh itself in the background, not a function's subshell, so the signal reaches it)
env -u PGHOST -u PGDATABASE -u PGSERVICE "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" \
	-c "SELECT 'tick' AS w;" -c '\watch 0.3' >"$T_TMP/watch" 2>&1 &
pid=$!
ticks() { [ "$(grep -c '^ tick' "$T_TMP/watch")" -ge 4 ]; }
wait_for 30 ticks       # four runs, however long the machine takes for them
kill -INT "$pid"
wait "$pid"; rc=$?
t_eq "\\watch stops on Ctrl-C (exit 0)" "$rc" 0
n=$(grep -c '^ tick' "$T_TMP/watch")
[ "$n" -ge 4 ] && t_pass "\\watch re-ran the statement ($n times)" || t_fail "\\watch re-ran the statement" "$(cat "$T_TMP/watch")"

# every meta-command is in the one table: \? and help list them
out=$(dwht -c '\?')
for m in '\d ' '\dt' '\dv' '\di' '\dn' '\df' '\du' '\l' '\x' '\timing' '\conninfo' '\c ' '\i' '\e' '\p' '\r' '\g' '\watch' '\echo' '\set' '\unset' '\q'; do
	t_has "\\? lists $m" "$out" "  $m"
done
t_has "help lists them too" "$(dwht -c help)" '\dt [PATTERN]'
t_has "\\timing on" "$(dwht -c '\timing on' -c 'SELECT 1;')" "Time: "
out=$(dwht -c '\nope' 2>&1)
t_has "an unknown meta-command is answered" "$out" "unknown command: \\nope"
t_has "\\q ends a -c list" "$(dwht -c 'SELECT 1 AS a;' -c '\q' -c 'SELECT 2 AS b;')" " a "
t_lacks "... nothing after it runs" "$(dwht -c 'SELECT 1 AS a;' -c '\q' -c 'SELECT 2 AS b;')" " b "

# Redshift: the catalog queries dwh would send, as golden text, without a cluster
nodb() { env -u PGHOST -u PGDATABASE -u PGSERVICE "$DWH" -h /nonexistent -p 1 --dialect redshift "$@"; }
for c in 'dt staging_*' 'dv' 'dn' 'df' 'du' 'l' 'd songplays' 'd public.song?'; do
	g=$(printf 'rs_meta_%s' "$c" | tr -c 'a-zA-Z0-9_' '_')
	nodb -c '\set ECHO_HIDDEN noexec' -c "\\$c" >"$T_TMP/got" 2>&1
	if cmp -s "$T_TMP/got" "$T_ROOT/tests/golden/$g.txt"; then t_pass "redshift \\$c sends its golden query"
	else t_fail "redshift \\$c sends its golden query" "$(diff "$T_TMP/got" "$T_ROOT/tests/golden/$g.txt" | head -6)"; fi
done
t_has "redshift \\dt reads SVV_TABLES" "$(nodb -c '\set ECHO_HIDDEN noexec' -c '\dt')" "FROM svv_tables"
t_has "redshift \\di explains" "$(nodb -c '\di')" "Redshift has no indexes"
t_has "redshift columns come from SVV_REDSHIFT_COLUMNS (every schema, not PG_TABLE_DEF's search path)" "$(cat "$T_ROOT/sql/redshift/meta_columns.sql")" "FROM svv_redshift_columns"
