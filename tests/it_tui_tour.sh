#!/usr/bin/env bash
# it_tui_tour.sh — the tour in the console (tmux): `dwh --tour` opens step 1 with its card and
# runs it; Enter steps on and runs the next step; the Tables pane marks the count that changed
# (+N) and the Pipeline pane the stage (reverse video); Backspace and `b` go back without
# running; `r` runs again; any other line runs as usual mid-tour; `q` leaves the tour, not dwh;
# `tour` starts it again; complete at 80x24 and at 200x60.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb ttour

data="$T_TMP/data"
"$DWH" gen "$data" --songs 60 --events 1500 --seed 3 >/dev/null || t_fail "gen"
songs=$(grep -o '"staging_songs":[[:space:]]*[0-9]*' "$data/expected.json" | grep -o '[0-9]*$')
n=$(ls "$T_ROOT/sql/tour" | wc -l)
# idle: until the bar says ready (a step still running refuses the next Enter, as it should)
bar_ready() { tui_screen | head -1 | grep -q ' ready '; }
idle() { wait_for 10 bar_ready; }

tui_start 80 24 -- --data "$data" --tour || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "Tour 1/$n: The raw data" 10 && t_pass "--tour opens step 1" || t_fail "--tour opens step 1" "$(tui_screen)"
tui_wait_dump '"num_songs"' 10 && t_pass "step 1 ran: the raw song file" || t_fail "step 1 ran" "$(tui_pane result)"
t_has "the card shows the step's command" "$(tui_screen)" '$ peek songs'
t_has "the card tells the keys" "$(tui_screen)" "Enter: next"
# complete at 80x24: every pane's border is there with the card
s=$(tui_screen)
for p in "Tables" "Pipeline" "Tour 1/$n"; do t_has "80x24 shows $p" "$s" "┌ $p"; done
t_eq "80x24: the result box is there below the card" "$(tui_screen | grep -c '^└')" 3
t_has "80x24: the prompt" "$(tui_screen | tail -n1)" "dwh>"

idle; tui_keys Enter
tui_wait_screen "Tour 2/$n" 5 || t_fail "Enter: step 2" "$(tui_screen)"
tui_wait_dump 'its first play, page NextSong' 10 && t_pass "Enter runs step 2 (the log line, a play)" \
	|| t_fail "Enter runs step 2" "$(tui_pane log)"
idle; tui_keys Enter
tui_wait_screen "Tour 3/$n: Create" 5 || t_fail "Enter: step 3" "$(tui_screen)"
tui_wait_dump "✓ create" 10 && t_pass "step 3 runs create" || t_fail "step 3 runs create" "$(tui_pane pipeline)"
idle; tui_keys Enter
tui_wait_screen "Tour 4/$n: Stage the songs" 5 || t_fail "Enter: step 4" "$(tui_screen)"
tui_wait_dump "✓ stage songs" 10
songs_row() { tui_pane tables | grep staging_songs; }
t_has_soon "the Tables pane marks what changed (+$songs)" "$songs +$songs" songs_row
t_lacks "... and only that" "$(tui_pane tables | grep staging_events)" "+"
t_has "the Pipeline pane marks the stage (reverse)" "$(tui_screen -e | grep 'stage songs')" $'\e[7m'
t_lacks "... and not the others" "$(tui_screen -e | grep '✓ create')" $'\e[7m'
# the step's SQL is a result of its own, on screen at the line the prose names; the card says so
idle
t_has "step 4: its SQL is the result on screen" "$(tui_screen)" "SQL of stage songs"
t_has "step 4: at the COPY (@ in the step file)" "$(tui_pane result)" "COPY staging_songs"
t_has "step 4: the card says what is on screen" "$(tui_screen)" "on screen: 1 of 2, SQL of stage songs"
tui_keys ']'
tui_wait_screen "on screen: 2 of 2, staging_songs: first 5 rows" 5 && t_pass "] on an empty line: the rows it made" \
	|| t_fail "] shows the rows" "$(tui_screen)"
tui_keys '['
tui_wait_screen "on screen: 1 of 2, SQL of stage songs" 5 && t_pass "[ back to the SQL" || t_fail "[ back" "$(tui_screen)"

# Backspace: back a step, nothing runs again
idle; tui_keys BSpace
tui_wait_screen "Tour 3/$n: Create" 5 && t_pass "Backspace goes back" || t_fail "Backspace goes back" "$(tui_screen)"
sleep 0.5; idle  # (a chance for something to run that must not; then it would show)
t_has "going back runs nothing (the marks stay)" "$(tui_pane tables | grep staging_songs)" "+$songs"
idle; tui_run "b"
tui_wait_screen "Tour 2/$n" 5 && t_pass "the line b goes back" || t_fail "the line b goes back" "$(tui_screen)"
t_lacks "the line b is not run as a command" "$(tui_pane log)" "unknown command: b"
# any other line runs as usual, and the tour stays
idle; tui_run "SELECT 6 * 7 AS answer;"
tui_wait_dump "    42" 5 && t_pass "SQL mid-tour runs" || t_fail "SQL mid-tour runs" "$(tui_pane result)"
t_has "the tour stays" "$(tui_screen)" "Tour 2/$n"
idle; tui_run "r"
tui_wait_dump 'its first play, page NextSong' 5 && t_pass "r runs the step again" \
	|| t_fail "r runs the step again" "$(tui_pane log)"
idle; tui_run "q"
tui_wait_screen "tour: left" 5 && t_pass "q leaves the tour" || t_fail "q leaves the tour" "$(tui_screen)"
t_lacks "the card is gone" "$(tui_screen)" "Tour 2/"
t_lacks "dwh is still there" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED"
idle; tui_run "tour"
tui_wait_screen "Tour 1/$n" 5 && t_pass "tour starts it again" || t_fail "tour starts it again" "$(tui_screen)"

# The whole tour to its end, then Enter leaves it.
# (a step has landed when its card says which of its results is on screen)
landed() { tui_wait_screen "on screen: 1 of" 15; idle; }
for ((i = 2; i <= n; i++)); do
	idle; tui_keys Enter
	tui_wait_screen "Tour $i/$n" 10 || { t_fail "step $i" "$(tui_screen)"; break; }
	case $i in
	6)	landed
		t_has "step 6 says the LEFT JOIN is the match: it is on screen" "$(tui_screen)" "LEFT JOIN"
		t_has "step 6: the SQL of load songplays" "$(tui_screen)" "SQL of load songplays" ;;
	7)	landed
		t_has "step 7: the SQL finding each user's latest ts is on screen" "$(tui_screen)" "max(COALESCE(ts"
		tui_keys BSpace
		tui_wait_screen "Tour 6/$n" 5 || t_fail "b from step 7" "$(tui_screen)"
		tui_wait_screen "LEFT JOIN" 5 && t_pass "b brings back step 6's card with its result, the SQL" \
			|| t_fail "b brings back the step's result" "$(tui_screen)"
		t_has "... and the card says so" "$(tui_screen)" "on screen: 1 of 2, SQL of load songplays"
		idle; tui_keys Enter
		tui_wait_screen "Tour 7/$n" 10; landed ;;
	14)	landed
		t_has "step 14: the SQL it types is a result of its own, a clause a line" "$(tui_pane result)" "JOIN time t ON" ;;
	esac
done
tui_wait_screen "SQL of query free_vs_paid" 10 && t_pass "the last step shows its SQL" || t_fail "the last step" "$(tui_screen)"
t_has "the last card says Enter ends it" "$(tui_screen)" "Enter: the end"
idle; tui_keys ']'
tui_wait_dump "█ plays_per_listener" 10 && t_pass "] shows the last question answered with a chart" \
	|| t_fail "the last question's chart" "$(tui_pane result)"
t_eq "the warehouse was built" "$(sqlv 'SELECT count(*) > 0 FROM songplays')" t
idle; tui_keys Enter
tui_wait_screen "that was the last step" 5 && t_pass "Enter after the last step ends the tour" \
	|| t_fail "Enter after the last step ends the tour" "$(tui_screen)"

# 200x60: everything, with room to spare
tui_start 200 60 -- --data "$data" --tour || t_fail "console starts at 200x60" "$(tui_screen)"
tui_wait_screen "Tour 1/$n" 10 || t_fail "200x60: the tour" "$(tui_screen)"
tui_wait_screen '{"num_songs"' 10 || t_fail "200x60: step 1's song file" "$(tui_screen)"
s=$(tui_screen)
for p in "Tables" "Pipeline" "Tour 1/$n"; do t_has "200x60 shows $p" "$s" "┌ $p"; done
t_has "200x60: the whole prose" "$s" "sideways."
# (the song file is one JSON line wider than 196 columns: marked … at its end, and scrolls)
t_lacks "200x60: nothing cut" "$(echo "$s" | grep -vF '{"num_songs"')" "…"
t_has "... but the song file's line, wider than the pane, is marked" "$(echo "$s" | grep -F '{"num_songs"')" "…"
t_has "... and the footer says how to reach its end" "$s" "Shift-Right"
t_has "200x60: the log has its lines" "$(tui_pane log | wc -l)" "8"
