#!/usr/bin/env bash
# it_fault_input.sh — input that misbehaves: a file without read permission, a directory that
# vanishes during the stage, a FIFO, a symlink loop, a file that grows while it is read, a
# 0-byte file. Each is a clear error naming the path, or skipped and said where that is the
# rule (an empty file is a file with no records), and nothing is half loaded.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/gate.sh"

t_newdb
dwht -c create >/dev/null
L="$T_ROOT/tests/data/layout"
mark() { sqlv "TRUNCATE staging_events; INSERT INTO staging_events (artist) VALUES ('BEFORE')" >/dev/null; }
events() { sqlv "SELECT count(*) FROM staging_events"; }
as_before() { t_eq "$1: table as before" "$(sqlv "SELECT string_agg(coalesce(artist, '-'), ',') FROM staging_events")" "BEFORE"; }
tree() { rm -rf "$T_TMP/in"; mkdir -p "$T_TMP/in"; chmod 755 "$T_TMP/in"; cp "$L/lines.json" "$T_TMP/in/a.json"; chmod 644 "$T_TMP/in/a.json"; }
stage_in() { dwht -c "stage events $T_TMP/in" >"$T_TMP/out" 2>"$T_TMP/err"; echo $?; }
# dwht that must not hang: killed after 20 s
dwht_20() { timeout 20 env -u PGHOST -u PGDATABASE -u PGSERVICE "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@"; }

# no read permission (root reads everything: the stage runs as an ordinary account then)
tree; cp "$L/lines.json" "$T_TMP/in/b.json"; chmod 000 "$T_TMP/in/b.json"; mark
if [ "$(id -u)" = 0 ]; then
	runuser -u nobody -- env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" \
		-c "stage events $T_TMP/in" >"$T_TMP/out" 2>"$T_TMP/err"; rc=$?
else
	rc=$(stage_in)
fi
t_eq "unreadable file: exit 1" "$rc" 1
t_has "unreadable file: names it and why" "$(cat "$T_TMP/err")" "$T_TMP/in/b.json: Permission denied"
as_before "unreadable file"

# a FIFO among the files: not a regular file, so never opened (a reader would block forever)
tree; mkfifo "$T_TMP/in/fifo.json"; mark
rc=$(dwht_20 -c "stage events $T_TMP/in" >"$T_TMP/out" 2>"$T_TMP/err"; echo $?)
t_eq "FIFO: does not hang, exit 0" "$rc" 0
t_has "FIFO: skipped and said" "$(cat "$T_TMP/out" "$T_TMP/err")" "stage events: skipped 1 .json entry that is not a regular file (a FIFO, socket or device): $T_TMP/in/fifo.json"
t_eq "FIFO: the regular file loaded" "$(events)" 3
# named on its own: a clear error
rc=$(dwht_20 -c "stage events $T_TMP/in/fifo.json" >"$T_TMP/out" 2>"$T_TMP/err"; echo $?)
t_eq "FIFO named: exit 1, no hang" "$rc" 1
t_has "FIFO named: names it" "$(cat "$T_TMP/err")" "$T_TMP/in/fifo.json: not a regular file or a directory (a FIFO)"

# a symlink loop
tree; ln -s loop.json "$T_TMP/in/loop.json"; mark
rc=$(stage_in)
t_has "symlink loop: named" "$(cat "$T_TMP/out" "$T_TMP/err")" "loop.json"
if [ "$rc" = 0 ]; then t_eq "symlink loop skipped: the rest loaded" "$(events)" 3; else as_before "symlink loop"; fi
ln -s "$T_TMP/in" "$T_TMP/in/self"     # a directory loop
rm -f "$T_TMP/in/loop.json"
rc=$(stage_in)
t_eq "directory symlink loop: exit 1" "$rc" 1
t_has "directory symlink loop: named" "$(cat "$T_TMP/err")" "$T_TMP/in/self: a symlink loop (the same directory as an enclosing one)"
as_before "directory symlink loop"

# a 0-byte file: no records, not an error
tree; : > "$T_TMP/in/empty.json"; mark
rc=$(stage_in)
t_eq "0-byte file: exit 0, the rest loaded" "$rc/$(events)" "0/3"
rc=$(dwht -c "stage events $T_TMP/in/empty.json" >"$T_TMP/out" 2>"$T_TMP/err"; echo $?)
t_eq "0-byte file alone: exit 0, no rows" "$rc/$(events)" "0/0"

# a directory that vanishes while the stage reads a big first file (held at its 1000th row
# until the directory is gone: the client cannot have read past the big file)
python3 -c '
import sys
line = open(sys.argv[1]).readline().rstrip("\n")
with open(sys.argv[2], "w") as f:
    for i in range(400000):
        f.write(line.replace("1541105830796", str(1541105830796 + i)) + "\n")
' "$L/lines.json" "$T_TMP/big.json"
tree; mkdir -p "$T_TMP/in/a" "$T_TMP/in/z"; cp "$T_TMP/big.json" "$T_TMP/in/a/big.json"; cp "$L/lines.json" "$T_TMP/in/z/late.json"; mark
gate_close staging_events 1000
env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "stage events $T_TMP/in" >"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
wait_for 60 gate_reached || t_fail "vanished directory: the stage reached row 1000 (the gate)"
rm -rf "$T_TMP/in/z"
gate_open
wait $pid; rc=$?
t_eq "vanished directory: exit 1" "$rc" 1
t_has "vanished directory: names the file" "$(cat "$T_TMP/err")" "$T_TMP/in/z/late.json"
as_before "vanished directory"

# a file that grows while it is read: the records complete when the stage read them load,
# whole lines only (a half-written last line is at most one bad record, named). The stage is
# held at its 1000th row while half of the growth is written, the rest comes while it reads on.
tree; cp "$T_TMP/big.json" "$T_TMP/in/grow.json"; mark
gate_close staging_events 1000
env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "stage events $T_TMP/in/grow.json" >"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
wait_for 60 gate_reached || t_fail "growing file: the stage reached row 1000 (the gate)"
for i in $(seq 10); do head -n 5000 "$T_TMP/big.json" >> "$T_TMP/in/grow.json"; done
( for i in $(seq 10); do head -n 5000 "$T_TMP/big.json" >> "$T_TMP/in/grow.json"; sleep 0.05; done ) &
grower=$!
gate_open
wait $pid; rc=$?
wait $grower
gate_remove staging_events
n=$(events)
if [ "$rc" = 0 ]; then
	[ "$n" -ge 400000 ] && [ "$n" -le 500000 ] && t_pass "growing file: $n whole records loaded" || t_fail "growing file: $n rows"
	t_eq "growing file: every row complete" "$(sqlv "SELECT count(*) FROM staging_events WHERE ts IS NULL OR user_agent IS NULL")" 0
else
	t_has "growing file: the error names it" "$(cat "$T_TMP/err")" "grow.json"
	echo "     (growing file: $(head -c 300 "$T_TMP/err"))"
	as_before "growing file"
fi
