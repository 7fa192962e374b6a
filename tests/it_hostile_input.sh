#!/usr/bin/env bash
# it_hostile_input.sh — hostile input loads correctly or gets a clear error, and nothing runs
# that the user did not write: directory and file names with quotes, spaces, newlines, $(…)
# and '; DROP TABLE users; --; unbalanced quotes; a 10 MB JSON line (loads) and a 100 MB one
# (over the 16 MB record cap: one bad record, the next lines load); JSON nested 100,000 deep;
# a 1 MB SQL statement; a theme file and a history file of random bytes (the console starts).
# (Quoted dwh.cfg values in Redshift's SQL: it_redshift_golden.sh, tests/data/etl/rs_hostile.cfg.)
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/lib/tui.sh"

t_newdb
dwht -c create >/dev/null
L="$T_ROOT/tests/data/layout"
events() { sqlv "SELECT count(*) FROM staging_events"; }

# names: the stage reads them as paths, never as SQL or shell
evil="$T_TMP/it's a \"dir\" \$(touch $T_TMP/pwned)"$'\n'"'; DROP TABLE users; --"
mkdir -p "$evil/log data"
cp "$L/lines.json" "$evil/log data/\$(touch PWNED2) \`touch PWNED3\` '; DROP TABLE users; --.json"
out=$(dwht stage events "$evil" 2>&1); rc=$?      # words from dwh's own argv, unsplit
t_eq "hostile names: staged" "$rc/$(events)" "0/3"
t_eq "hostile names: users still there" "$(sqlv "SELECT count(*) FROM information_schema.tables WHERE table_name = 'users'")" 1
[ ! -e "$T_TMP/pwned" ] && [ ! -e "$T_ROOT/PWNED2" ] && [ ! -e "$T_ROOT/PWNED3" ] && t_pass "hostile names: no \$(…) ran" || t_fail "hostile names: a \$(…) ran"
out=$(dwht --data "$evil" -c 'stage events' 2>&1)
t_has "hostile --data: a clear error naming the missing log_data" "$out" "log_data"
out=$(dwht stage events "$evil/nope'; DROP TABLE users; --" 2>&1); rc=$?
t_eq "hostile missing path: exit 1" "$rc" 1
t_has "hostile missing path: named" "$out" "No such file or directory"
t_eq "users still there (2)" "$(sqlv "SELECT count(*) FROM information_schema.tables WHERE table_name = 'users'")" 1

# unbalanced quotes: an error, nothing run
out=$(dwht -c "stage events 'unbalanced" 2>&1); rc=$?
t_eq "unbalanced quote: exit 1" "$rc" 1
t_has "unbalanced quote: says so" "$out" "unterminated quote"
t_eq "unbalanced quote: nothing staged" "$(events)" 3

# a 10 MB line loads; a 100 MB line is one bad record and the lines after it load
python3 - "$T_TMP" <<'PY'
import sys, json
d = sys.argv[1]
base = {"artist": "A", "auth": "Logged In", "firstName": "F", "gender": "F", "itemInSession": 0,
        "lastName": "L", "length": 1.0, "level": "free", "location": "X", "method": "PUT",
        "page": "NextSong", "registration": 1.0, "sessionId": 1, "song": "S", "status": 200,
        "ts": 1541105830796, "userAgent": "UA", "userId": "1"}
with open(d + "/ten.json", "w") as f:
    big = dict(base, song="s" * (10 << 20))
    f.write(json.dumps(big) + "\n" + json.dumps(base) + "\n")
with open(d + "/hundred.json", "w") as f:
    f.write(json.dumps(base) + "\n")
    f.write(json.dumps(dict(base, song="h" * (100 << 20))) + "\n")
    f.write(json.dumps(base) + "\n" + json.dumps(base) + "\n")
with open(d + "/deep.json", "w") as f:
    f.write("[" * 100000 + "]" * 100000 + "\n" + json.dumps(base) + "\n")
PY
out=$(dwht -c "stage events $T_TMP/ten.json" 2>&1); rc=$?
t_eq "10 MB line: loads" "$rc/$(events)/$(sqlv 'SELECT max(length(song)) FROM staging_events')" "0/2/$((10 << 20))"
out=$(dwht -c "stage events $T_TMP/hundred.json --max-errors 1" 2>&1); rc=$?
t_eq "100 MB line: one bad record, the rest load" "$rc/$(events)" "0/3"
t_has "100 MB line: said" "$out" "1 bad"
out=$(dwht -c "stage events $T_TMP/hundred.json" 2>&1); rc=$?
t_eq "100 MB line without --max-errors: exit 1" "$rc" 1
t_has "100 MB line: FILE:LINE named" "$out" "hundred.json:2"
out=$(dwht -c "stage events $T_TMP/deep.json --max-errors 1" 2>&1); rc=$?
t_eq "nested 100,000 deep: one bad record, no crash" "$rc/$(events)" "0/1"

# a 1 MB SQL statement
python3 -c 'print("SELECT length(\x27" + "x" * 1048576 + "\x27) AS n;")' > "$T_TMP/big.sql"
out=$(dwht -f "$T_TMP/big.sql" 2>&1); rc=$?
t_eq "1 MB statement: exit 0" "$rc" 0
t_has "1 MB statement: answered" "$out" "1048576"

# random-byte theme and history files: the console starts, says what is wrong, works
mkdir -p "$T_TMP/config/dwh/themes" "$T_TMP/state/dwh"
head -c 4096 /dev/urandom > "$T_TMP/config/dwh/themes/noise.theme"
head -c 65536 /dev/urandom > "$T_TMP/state/dwh/history"
tui_start 100 30 -- --theme noise
tui_wait_screen '· ready' 10
tui_wait_screen 'noise' 5 && t_pass "random theme: said" || t_fail "random theme: said" "$(tui_screen)"
tui_run "SELECT 'al' || 'ive' AS a;"
tui_wait_screen "alive" 10 && t_pass "random theme + history: the console works" || t_fail "random theme + history" "$(tui_screen)"
tui_run quit
tui_ended 10
t_has "random files: the console ended normally" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"

# terminal sizes from 1x1 to 500x200, and a resize storm during a load
python3 -c '
import sys
line = open(sys.argv[1]).readline().rstrip("\n")
with open(sys.argv[2], "w") as f:
    for i in range(300000):
        f.write(line.replace("1541105830796", str(1541105830796 + i)) + "\n")
' "$L/lines.json" "$T_TMP/storm.json"
TUI_NOWAIT=1 tui_start 80 24 --
sleep 1         # (pacing, not waiting: the sizes come while the console starts and draws)
for size in 1x1 2x2 10x3 40x10 59x17 60x18 80x24 200x60 500x200; do
	$TX resize-window -x "${size%x*}" -y "${size#*x}" 2>/dev/null
	sleep 0.2
done
$TX resize-window -x 100 -y 30
tui_wait_screen '· ready' 10
tui_run "stage events $T_TMP/storm.json"
for i in $(seq 60); do $TX resize-window -x $((20 + RANDOM % 200)) -y $((5 + RANDOM % 80)); sleep 0.05; done
$TX resize-window -x 100 -y 30
all_staged() { [ "$(events)" = 300000 ]; }
wait_for 120 all_staged
tui_wait_screen '· ready' 30
t_eq "resize storm: the load finished" "$(events)" 300000
tui_run "SELECT 'after' || 'storm' AS a;"
tui_wait_screen "afterstorm" 10 && t_pass "resize storm: the console draws and works" || t_fail "resize storm" "$(tui_screen)"
tui_run quit
tui_ended 10
t_has "sizes and storm: the console ended normally" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"
