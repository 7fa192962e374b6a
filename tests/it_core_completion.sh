#!/usr/bin/env bash
# it_core_completion.sh — completion/dwh driven through bash's own complete machinery: an
# interactive bash in tmux with the file sourced, Tab pressed, the line read back. Options and
# their values (--theme names, --config files, --dialect), commands, stage names inside
# -c '...', and words after a command given as words.
. "$(dirname "$0")/lib/lib.sh"
command -v tmux >/dev/null || { t_skip "no tmux (apt-get install tmux)"; exit 0; }

TX="tmux -L dwh-$T_NAME-$$ -f /dev/null"
trap '$TX kill-server 2>/dev/null; rm -rf "$T_TMP"' EXIT
mkdir -p "$T_TMP/home/cfgs/sub" "$T_TMP/home/.config/dwh/themes"
touch "$T_TMP/home/cfgs/dwh.cfg" "$T_TMP/home/cfgs/notes.txt" "$T_TMP/home/.config/dwh/themes/zebra.theme"
$TX new-session -d -x 200 -y 50 "cd $(printf %q "$T_TMP/home") && env -i HISTFILE=/dev/null $(printf %q "HOME=$T_TMP/home") $(printf %q "PATH=$T_ROOT:/usr/bin:/bin") TERM=tmux-256color bash --norc --noprofile"
$TX set-option -g status off >/dev/null
screen() { $TX capture-pane -p | grep -v '^$'; }
shows() { screen | grep -qF -- "$1"; }
cleared() { [ "$(screen)" = '$' ]; }
prompted() { shows '$' || shows '#'; }
wait_for 10 prompted     # bash's own prompt
$TX send-keys "PS1='$ '; . $(printf %q "$T_ROOT/completion/dwh"); clear" Enter
wait_for 10 cleared || t_fail "bash with the completion sourced" "$(screen)"

# tab TEXT [2]: type TEXT, press Tab (with 2: twice more, for the list of matches after readline
# inserted their common part), print the screen, clear. Then an '@' is typed: readline takes keys
# in order, so once the line ends with it, bash is done completing (it is cut from the lines).
tab() {
	$TX send-keys -l -- "$1"
	$TX send-keys Tab
	[ "${2:-1}" -ge 2 ] && { $TX send-keys Tab; $TX send-keys Tab; }
	$TX send-keys -l -- "@"
	wait_for 10 typed_after || t_fail "bash took the keys after Tab ($1)" "$(screen)"
	screen | sed 's/ *@$//' > "$T_TMP/screen"
	$TX send-keys C-e C-u; $TX send-keys clear Enter    # (keys, not a signal: nothing is lost)
	wait_for 10 cleared
	cat "$T_TMP/screen"
}
typed_after() { screen | tail -n1 | grep -q '@$'; }
line() { head -n1 <<<"$1"; }

t_eq "an option's name" "$(line "$(tab 'dwh --th')")" '$ dwh --theme='
t_eq "a short option's long name" "$(line "$(tab 'dwh --no-pa')")" '$ dwh --no-password'
s=$(tab 'dwh --theme=' 2)
for th in dusk light contrast mono zebra; do t_has "--theme= offers $th" "$s" "$th"; done
t_eq "--theme NAME (a separate word)" "$(line "$(tab 'dwh --theme li')")" '$ dwh --theme light'
t_eq "--dialect" "$(line "$(tab 'dwh --dialect=re')")" '$ dwh --dialect=redshift'
s=$(tab 'dwh --config cfgs/' 2)
t_has "--config offers .cfg files" "$s" "dwh.cfg"
t_has "--config offers directories" "$s" "sub/"
t_lacks "--config skips other files" "$s" "notes.txt"
t_eq "--data completes directories" "$(line "$(tab 'dwh --data cf')")" '$ dwh --data cfgs/'
s=$(tab 'dwh -c '"'"'load so' 2)
t_has "-c 'load so: the common part" "$(line "$s")" "dwh -c 'load song"
t_has "-c 'load so: songplays" "$s" "load songplays"
t_has "-c 'load so: songs" "$s" "load songs"
t_eq "-c 'load u: one match, quote closed" "$(line "$(tab 'dwh -c '"'"'load u')")" "\$ dwh -c 'load users'"
t_eq "-c 'step load a" "$(line "$(tab 'dwh -c '"'"'step load a')")" "\$ dwh -c 'step load artists'"
t_eq "-c 'show sql stage e" "$(line "$(tab 'dwh -c '"'"'show sql stage e')")" "\$ dwh -c 'show sql stage events'"
t_eq "-c 'run --from load t" "$(line "$(tab 'dwh -c '"'"'run --from load t')")" "\$ dwh -c 'run --from load time'"
s=$(tab 'dwh lo' 2)
t_has "a command as words: load" "$s" "load"
t_has "a command as words: local" "$s" "local"
t_eq "after a command: its words" "$(line "$(tab 'dwh local sto')")" '$ dwh local stop'
t_eq "after options, a command" "$(line "$(tab 'dwh --plain che')")" '$ dwh --plain check'
t_eq "after a command: stages" "$(line "$(tab 'dwh step stage s')")" '$ dwh step stage songs'
t_eq "query names from sql/analytics" "$(line "$(tab 'dwh query top_s')")" '$ dwh query top_songs'
t_eq "layout's words" "$(line "$(tab 'dwh -c '"'"'layout fo')")" "\$ dwh -c 'layout focus'"
t_eq "no completion for an option's free value" "$(line "$(tab 'dwh --lock-timeout 5')")" '$ dwh --lock-timeout 5'
t_eq "a command after an option's value" "$(line "$(tab 'dwh --lock-timeout 5s che')")" '$ dwh --lock-timeout 5s check'
t_eq "a command after --opt=value" "$(line "$(tab 'dwh --data=cfgs che')")" '$ dwh --data=cfgs check'
t_eq "tour FILE completes paths" "$(line "$(tab 'dwh -c '"'"'tour cfgs/no')")" "\$ dwh -c 'tour cfgs/notes.txt'"
