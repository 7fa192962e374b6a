#!/usr/bin/env bash
# it_tour.sh — the guided tour outside the console: `-c tour` as a handout (every step said and
# run, in order, ending with the warehouse built and checked), --tour without a terminal,
# --plain stepping with Enter / b / r / q, `tour DIR` and `tour FILE` with a teacher's own
# steps, broken step files named with their line, a failing step stopping the handout; and
# `peek`, the raw data the tour starts with.
. "$(dirname "$0")/lib/lib.sh"
t_newdb

# (before anything ran here: no run log to remember an input from)
env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c peek >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "peek without data: exit 1" "$?" 1
t_has "peek without data says how to give it" "$(cat "$T_TMP/err")" "--data DIR"

data="$T_TMP/data"
"$DWH" gen "$data" --songs 60 --events 1500 --seed 3 >/dev/null || t_fail "gen"
plays=$(grep -o '"songplays":[[:space:]]*[0-9]*' "$data/expected.json" | grep -o '[0-9]*$')

# The handout: every step of sql/tour/ in order, its commands run.
dwht --data "$data" -c tour >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "-c tour exits 0" "$?" 0
t_eq "-c tour writes no errors" "$(cat "$T_TMP/err")" ""
n=$(ls "$T_ROOT/sql/tour" | wc -l)
t_eq "every step is said" "$(grep -c '^── Step [0-9]*/'"$n"': ' "$T_TMP/out")" "$n"
i=0
for f in "$T_ROOT"/sql/tour/*; do
	i=$((i + 1))
	title=$(grep -v '^#' "$f" | grep -v '^ *$' | head -n1)
	t_has "step $i is ${f##*/}" "$(grep '^── Step' "$T_TMP/out" | sed -n "${i}p")" "Step $i/$n: $title"
	grep -v '^#' "$f" | sed -n 's/^\$ //p' | while read -r c; do
		grep -qxF -- "\$ $c" "$T_TMP/out" || echo "$c" >> "$T_TMP/missing"
	done
done
t_eq "every step's command is shown as it runs" "$(cat "$T_TMP/missing" 2>/dev/null)" ""
t_lacks "teacher's notes (# lines) are never shown" "$(cat "$T_TMP/out")" "Shown raw on purpose"
t_has "the raw song file is shown" "$(cat "$T_TMP/out")" '"num_songs": 1'
t_has "the raw log line is shown" "$(cat "$T_TMP/out")" '"page":'
t_has "stages ran" "$(cat "$T_TMP/out")" "load songplays"
t_has "the checks ran and passed" "$(cat "$T_TMP/out")" " passed, 0 failed"
t_has "a question answered" "$(cat "$T_TMP/out")" "plays_per_listener"
t_eq "three questions answered with a chart" "$(grep -c '^\$ chart$' "$T_TMP/out")" 3
t_has "a chart drawn" "$(cat "$T_TMP/out")" "█ plays_per_listener"
t_has "and the end" "$(cat "$T_TMP/out")" "── end of the tour ($n steps)"
t_eq "the warehouse is built: songplays = expected.json" "$(sqlv 'SELECT count(*) FROM songplays')" "$plays"
order=$(grep -n '^\$ step stage songs$\|^\$ step load time$\|^\$ check$' "$T_TMP/out" | cut -d: -f1 | tr '\n' ' ')
t_eq "in pipeline order" "$(echo $order | tr ' ' '\n' | sort -n | tr '\n' ' ')" "$order"

# --tour with no terminal is the handout too
dwht --data "$data" --tour </dev/null >"$T_TMP/out2" 2>&1
t_eq "--tour without a terminal exits 0" "$?" 0
t_has "--tour without a terminal says every step" "$(cat "$T_TMP/out2")" "── Step $n/$n: "

# A teacher's own tour: a directory in name order, prose paragraphs, notes, two commands.
mkdir -p "$T_TMP/mine"
printf 'Counting first\n# note for me\nThe tables, counted.\n\nA second paragraph.\n$ counts\n$ SELECT 40 + 2 AS answer;\n' > "$T_TMP/mine/10-count"
printf '\n\nIn the beginning\nSay hello.\n$ SELECT '"'"'hello'"'"' AS greeting;\n' > "$T_TMP/mine/02-hello"
printf 'hidden\n$ SELECT 1;\n' > "$T_TMP/mine/.hidden"
dwht -c "tour $T_TMP/mine" >"$T_TMP/out" 2>&1
t_eq "tour DIR exits 0" "$?" 0
t_eq "tour DIR: steps in name order, hidden files skipped" "$(grep '^── Step' "$T_TMP/out")" \
	"$(printf '── Step 1/2: In the beginning\n── Step 2/2: Counting first')"
t_has "tour DIR: prose with its paragraphs" "$(cat "$T_TMP/out")" "$(printf 'The tables, counted.\n\nA second paragraph.')"
t_lacks "tour DIR: notes hidden" "$(cat "$T_TMP/out")" "note for me"
t_has "tour DIR: SQL commands run" "$(cat "$T_TMP/out")" "     42"
t_has "tour DIR: both commands of a step" "$(cat "$T_TMP/out")" "songplays"
dwht -c "tour $T_TMP/mine/02-hello" >"$T_TMP/out" 2>&1
t_has "tour FILE: one step" "$(cat "$T_TMP/out")" "── Step 1/1: In the beginning"

# Broken tours: named with file and line; nothing runs.
mkdir -p "$T_TMP/bad"
: > "$T_TMP/bad/empty"
printf '$ counts\nTitle after\n' > "$T_TMP/bad/cmdfirst"
printf 'Title\nan escape \033[2J here\n' > "$T_TMP/bad/ctl"
printf 'Title\n$\n' > "$T_TMP/bad/nocmd"
printf 'Title\0\n' > "$T_TMP/bad/nul"
printf 'Title\n@ FROM\n@ JOIN\n$ counts\n' > "$T_TMP/bad/twoat"
for f in empty:"no title" cmdfirst:"cmdfirst:1: the first line must be the step's title" ctl:"ctl:2: a control character (0x1b)" \
	nocmd:"nocmd:2: \`\$\` without a command" nul:"a NUL byte" twoat:"twoat:3: a second \`@\` line"; do
	dwht -c "tour $T_TMP/bad/${f%%:*}" >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	t_eq "bad step ${f%%:*}: exit 1" "$rc" 1
	t_has "bad step ${f%%:*}: says why" "$(cat "$T_TMP/err")" "${f#*:}"
done
t_lacks "a control character never reaches the terminal" "$(cat "$T_TMP/out" "$T_TMP/err")" $'\033[2J'
dwht -c "tour $T_TMP/nowhere" >"$T_TMP/out" 2>"$T_TMP/err"
t_has "a missing tour is named" "$(cat "$T_TMP/err")" "$T_TMP/nowhere: No such file or directory"
mkdir -p "$T_TMP/none"
dwht -c "tour $T_TMP/none" >"$T_TMP/out" 2>"$T_TMP/err"
t_has "an empty tour directory says so" "$(cat "$T_TMP/err")" "no tour steps"
dwht -c "tour a b" >"$T_TMP/out" 2>"$T_TMP/err"
t_has "tour takes one argument" "$(cat "$T_TMP/err")" "usage: tour [FILE|DIR]"

# A failing step stops the handout there, exit 1, naming the step.
mkdir -p "$T_TMP/fails"
printf 'One\n$ SELECT 1 AS one;\n' > "$T_TMP/fails/1"
printf 'Two\n$ SELECT nope;\n' > "$T_TMP/fails/2"
printf 'Three\n$ SELECT 3 AS three;\n' > "$T_TMP/fails/3"
dwht -c "tour $T_TMP/fails" >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "a failing step: exit 1" "$?" 1
t_has "the server's error" "$(cat "$T_TMP/err")" 'column "nope" does not exist'
t_has "the step is named" "$(cat "$T_TMP/err")" "tour: stopped at step 2/3 ($T_TMP/fails/2)"
t_lacks "later steps do not run" "$(cat "$T_TMP/out")" "Three"

# --plain: a prompt between steps; Enter next, b back, r again, q leaves the tour (not dwh).
printf 'One\n$ SELECT 1 AS one;\n' > "$T_TMP/fails/2"
printf '\nb\nr\nx\n\n\n\nSELECT 7 AS after_tour;\n' > "$T_TMP/keys"
( printf 'tour %s\n' "$T_TMP/fails"; cat "$T_TMP/keys" ) | TERM=dumb dwht --plain >"$T_TMP/out" 2>&1
steps=$(grep -o '^── Step [0-9]/3' "$T_TMP/out" | tr '\n' ' ')
t_eq "--plain: Enter, b, r then Enter Enter" "$steps" "── Step 1/3 ── Step 2/3 ── Step 1/3 ── Step 1/3 ── Step 2/3 ── Step 3/3 "
t_has "--plain: another word is explained" "$(cat "$T_TMP/out")" "tour: Enter, b, r or q"
t_has "--plain: the end of the tour" "$(cat "$T_TMP/out")" "── end of the tour (3 steps)"
t_has "--plain: the prompt is back after the tour" "$(cat "$T_TMP/out")" "after_tour"
( printf 'tour %s\n' "$T_TMP/fails"; printf 'q\nSELECT 8 AS still_here;\n' ) | TERM=dumb dwht --plain >"$T_TMP/out" 2>&1
t_lacks "--plain: q leaves the tour early" "$(cat "$T_TMP/out")" "Step 2/3"
t_has "--plain: ... but not dwh" "$(cat "$T_TMP/out")" "still_here"

# peek: the raw data, as on disk.
dwht --data "$data" -c peek >"$T_TMP/out" 2>&1
first=$(cd "$data/song_data" && find . -name '*.json' | LC_ALL=C sort | head -n1)
t_has "peek names the first song file" "$(cat "$T_TMP/out")" "${first#./}"
t_has "peek shows it whole" "$(cat "$T_TMP/out")" "$(head -c 60 "$data/song_data/${first#./}")"
log=$(cd "$data/log_data" && find . -name '*.json' | LC_ALL=C sort | head -n1)
t_has "peek shows the first log line" "$(cat "$T_TMP/out")" "  $(head -n1 "$data/log_data/${log#./}" | head -c 80)"
t_lacks "peek shows only one log line" "$(cat "$T_TMP/out")" "$(sed -n 2p "$data/log_data/${log#./}" | head -c 80)"
mkdir -p "$T_TMP/odd/song_data" "$T_TMP/odd/log_data"
printf '{"title": "Bell\007 \033[31mred"}\n' > "$T_TMP/odd/song_data/a.json"
printf '{"page": "NextSong"}\n' > "$T_TMP/odd/log_data/a.json"
dwht --data "$T_TMP/odd" -c 'peek songs' >"$T_TMP/out" 2>&1
t_has "peek shows control characters as \\xNN" "$(cat "$T_TMP/out")" 'Bell\x07 \x1b[31mred'
t_lacks "peek songs: no events" "$(cat "$T_TMP/out")" "NextSong"
printf '[S3]\nSONG_DATA = s3://bucket/song_data\nLOG_DATA = s3://bucket/log_data\n' > "$T_TMP/s3.cfg"
chmod 600 "$T_TMP/s3.cfg"
env -u PGHOST "$DWH" --config "$T_TMP/s3.cfg" -c peek >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "peek with the data in S3: exit 0 (the tour goes on)" "$?" 0
t_has "peek with the data in S3 says where and how to look" "$(cat "$T_TMP/out")" "aws s3 ls --recursive s3://bucket/log_data"
# the log line peek shows is a play, not the first line when that is a Home page
mkdir -p "$T_TMP/home/log_data" "$T_TMP/home/song_data"
printf '{"artist":null,"page":"Home","ts":1}\n{"artist":"A","page":"NextSong","ts":2}\n' > "$T_TMP/home/log_data/e.json"
dwht --data "$T_TMP/home" -c 'peek events' >"$T_TMP/out" 2>&1
t_has "peek events: the first play" "$(cat "$T_TMP/out")" '{"artist":"A","page":"NextSong","ts":2}'
t_has "peek events: says which line" "$(cat "$T_TMP/out")" "line 2 of the first of 1 files (its first play, page NextSong)"
t_lacks "peek events: not the Home line" "$(cat "$T_TMP/out")" '"artist":null'
dwht --data "$data" -c 'peek nothing' >"$T_TMP/out" 2>"$T_TMP/err"
t_has "peek with a wrong word" "$(cat "$T_TMP/err")" "usage: peek [songs|events]"
