#!/usr/bin/env bash
# it_tui_catalog.sh — the catalog tree (`catalog`, F2): in the console public → songplays → its
# columns with their types and key marks, a second schema's table with a foreign key, Enter
# on a table for its first rows, d for \d, typing to filter the tree and Esc to clear it, a
# name holding ESC shown escaped; batch mode's indented text with dwh's counts, count(*) for a
# small table and the estimate (≈) for a big one; the same in batch mode with --dialect
# redshift on the Redshift stand-in's system views. Expected values come from SQL.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tcatalog

dwht -c create >"$T_TMP/create" 2>&1 || t_fail "create" "$(cat "$T_TMP/create")"
sqlv "CREATE SCHEMA extra;
	CREATE TABLE extra.things (thing_id int PRIMARY KEY, owner text NOT NULL REFERENCES public.users (user_id), note text);
	INSERT INTO users (user_id, first_name, last_name, gender, level) VALUES ('u1', 'Ann', 'Lee', 'F', 'paid');
	INSERT INTO extra.things VALUES (1, 'u1', 'first thing'), (2, 'u1', 'second thing'), (3, 'u1', NULL);
	CREATE TABLE extra.big AS SELECT g FROM generate_series(1, 200000) g; ANALYZE extra.big;
	CREATE TABLE extra.\"Odd \"\"Name\"\"\" (odd_col int); INSERT INTO extra.\"Odd \"\"Name\"\"\" VALUES (4242);
	CREATE VIEW extra.thing_notes AS SELECT note FROM extra.things;
	CREATE TABLE extra.\"evil$(printf '\033')[2Jname\" (x int)" >/dev/null || t_fail "schema made"

# expected, from the catalog
songplay_id_type=$(sqlv "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'public.songplays'::regclass AND attname = 'songplay_id'")
start_time_type=$(sqlv "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'public.songplays'::regclass AND attname = 'start_time'")
pk_col=$(sqlv "SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) WHERE c.conrelid = 'public.songplays'::regclass AND c.contype = 'p'")
fk_to=$(sqlv "SELECT confrelid::regclass FROM pg_constraint WHERE conrelid = 'extra.things'::regclass AND contype = 'f'")
big_est=$(sqlv "SELECT reltuples::bigint FROM pg_class WHERE oid = 'extra.big'::regclass")
things_n=$(sqlv "SELECT count(*) FROM extra.things")
users_n=$(sqlv "SELECT count(*) FROM public.users")
second_note=$(sqlv "SELECT note FROM extra.things WHERE thing_id = 2")
[ "$pk_col" = songplay_id ] || t_fail "precondition: songplays' key is songplay_id" "$pk_col"

# --- batch mode -----------------------------------------------------------------------------
out=$(dwht -c catalog 2>&1); rc=$?
t_eq "batch catalog exits 0" "$rc" 0
t_has "batch: a schema line" "$out" "public (schema: "
t_has "batch: songplays, dwh's own count" "$out" "  songplays (table, 0 rows (dwh's count))"
t_has "batch: users counted by dwh" "$out" "  users (table, $users_n rows (dwh's count))"
t_has "batch: a column with type, not null and PK" "$out" "    songplay_id $songplay_id_type not null, PK"
t_has "batch: a column with its type" "$out" "    start_time $start_time_type"
t_has "batch: a small table elsewhere counted" "$out" "  things (table, $things_n rows (counted))"
t_has "batch: a foreign key names its table" "$out" "    owner text not null, FK → $fk_to"
t_has "batch: a big table estimated" "$out" "  big (table, ≈$big_est rows (estimate))"
t_has "batch: a view, not counted" "$out" "  thing_notes (view, not counted (a view))"
t_has "batch: the second schema's tally" "$out" "extra (schema: 4 tables, 1 view)"

# --- the console ----------------------------------------------------------------------------
res() { tui_pane result; }
res_has() { res | grep -qF -- "$1"; }
res_lacks() { ! res | grep -qF -- "$1"; }
wait_res() { wait_for 10 res_has "$1"; }
row_of() { res | grep -F -- "$1" | head -1; }

# 50 rows: the run log's tables (dwh_runs, dwh_files, ..., diff's dwh_snap*) come before songplays in the tree
tui_start 120 50 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 10
tui_keys F2
wait_res "▸ songplays" && t_pass "F2 opens the tree, schemas open, tables closed" \
	|| t_fail "F2 opens the tree" "$(res | head -20)"
t_has "a table's row count on its line" "$(row_of "▸ things")" "$things_n rows (counted)"
t_has "the big table's estimate" "$(row_of "▸ big")" "≈$big_est rows (estimate)"
t_has "a name with ESC is escaped" "$(res)" 'evil\x1b[2Jname'
t_lacks "no raw ESC in the pane" "$(res)" "$(printf '\033')"
# with a filter the way there is certain: type "songplays", Enter keeps it, Right opens
tui_type "songplays"
tui_wait_screen "catalog filter: songplays_" 5 && t_pass "typing filters (footer shows it)" \
	|| t_fail "typing filters" "$(tui_screen | tail -3)"
wait_for 5 res_lacks "things" && t_pass "the filter narrows the tree (things gone)" || t_fail "the filter narrows" "$(res | head)"
t_has "the filter keeps songplays' schema" "$(res)" "public"
tui_keys Enter Down Right
wait_res "songplay_id" && t_pass "Right on songplays opens its columns" || t_fail "columns open" "$(res | head -20)"
t_has "column: type, NOT NULL and primary key" "$(row_of "songplay_id")" "$songplay_id_type"
t_has "column: the PK mark" "$(row_of "songplay_id")" "not null, PK"
t_has "column: start_time's type" "$(row_of "start_time")" "$start_time_type"
tui_keys Escape
wait_res "▸ things" && t_pass "Esc clears the filter, the tree is whole again" || t_fail "Esc clears" "$(res | head)"
t_has "songplays stays open" "$(res)" "▾ songplays"

# a filter to the second schema's table, then Enter: its first rows
tui_type "things"
tui_wait_screen "catalog filter: things_" 5
wait_for 5 res_lacks "thing_notes" && t_pass "a filter to one table leaves its schema and it" \
	|| t_fail "filter things" "$(res | head)"
# Enter ends the typing, the filter stays: extra, things; the cursor to "things", Enter there
tui_keys Enter g Down Enter
wait_res "$second_note" && t_pass "Enter on a table: its first rows as a result" \
	|| t_fail "Enter previews" "$(res | head)"
t_has "the preview is a normal result ($things_n rows)" "$(tui_screen)" "$things_n rows"
t_has "the preview's columns are the table's" "$(res | sed -n 2p)" "thing_id"

tui_keys '['
wait_res "Catalog" && t_pass "[ brings the tree back" || t_fail "[ back to the tree" "$(res | head)"
tui_keys d
wait_res 'Table "extra.things"' && t_pass "d shows \\d for the table" || t_fail "d shows \\d" "$(res | head)"
t_has "\\d lists its foreign key" "$(res)" "FOREIGN KEY (owner) REFERENCES users(user_id)"

# a name that needs quoting (case, a double quote): the preview's SELECT quotes it
tui_keys '[' '['         # past the preview to the tree
wait_res "Catalog"
tui_keys g '/'
tui_type "odd"
tui_wait_screen "catalog filter: odd_" 5
tui_keys Enter g Down Enter
wait_res "4242" && t_pass "Enter on Odd \"Name\": its rows (the name quoted)" || t_fail "quoted preview" "$(res | head)"

# the catalog command at the prompt
tui_keys q
tui_run "catalog"
wait_res "▸ songplays" && t_pass "the catalog command opens the tree" || t_fail "catalog command" "$(res | head)"
tui_keys q
tui_run "quit"
tui_ended 10

# --- --dialect redshift, on the stand-in's system views ---------------------------------------
t_newdb tcatalog_rs
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -v ON_ERROR_STOP=1 -v ROLE="$T_USER" \
	-f "$T_ROOT/tests/lib/rs_standin.sql" >"$T_TMP/setup" 2>&1 || t_fail "the stand-in" "$(cat "$T_TMP/setup")"
dwht -c create >"$T_TMP/create_rs" 2>&1 || t_fail "create (rs)" "$(cat "$T_TMP/create_rs")"
sqlv "CREATE SCHEMA extra; CREATE TABLE extra.things (thing_id int NOT NULL, note text);
	INSERT INTO extra.things VALUES (1, 'a'), (2, 'b')" >/dev/null
rs_type=$(sqlv "SELECT data_type FROM svv_redshift_columns WHERE schema_name = 'extra' AND table_name = 'things' AND column_name = 'thing_id'")
out=$(dwht --dialect redshift -c catalog 2>&1); rc=$?
t_eq "redshift: batch catalog exits 0" "$rc" 0
t_has "redshift: songplays with dwh's count" "$out" "  songplays (table, 0 rows (dwh's count))"
t_has "redshift: a table elsewhere counted" "$out" "  things (table, 2 rows (counted))"
t_has "redshift: columns from svv_redshift_columns" "$out" "    thing_id $rs_type not null"
t_lacks "redshift: no system schema listed" "$out" "pg_catalog ("

# --- more relations than the tree lists columns of: the rest say so -----------------------------
t_newdb tcatalog_many
sqlv "DO \$\$ BEGIN FOR i IN 1..501 LOOP EXECUTE format('CREATE TABLE t%s (c int)', lpad(i::text, 3, '0')); END LOOP; END \$\$" >/dev/null
out=$(dwht -c catalog 2>&1)
t_has "501 relations: the 500th has its columns" "$(printf '%s\n' "$out" | grep -A1 '^  t500 ')" "    c integer"
t_has "  the 501st says why it has none" "$(printf '%s\n' "$out" | grep -A1 '^  t501 ')" \
	"    (columns not listed past the first 500 relations: d describes it)"
