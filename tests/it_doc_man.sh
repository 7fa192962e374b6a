#!/usr/bin/env bash
# it_doc_man.sh — man/dwh.1 is lint-clean (Debian's mandoc -Tlint) and complete: every command
# in the command table with its arguments as `help NAME` gives them, every option `--help`
# lists, and every key the console's F1 help shows. A command, option or key added without
# documenting it fails here.
. "$(dirname "$0")/lib/lib.sh"

command -v mandoc >/dev/null || { t_skip "no mandoc (apt-get install mandoc)"; exit 0; }
MAN="$T_ROOT/man/dwh.1"

lint=$(mandoc -Tlint "$MAN" 2>&1)
t_eq "mandoc -Tlint reports nothing" "$lint" ""

# The page as a reader sees it, one paragraph line per line (wide: no wrapping).
mandoc -Tascii -O width=400 "$MAN" | col -bx > "$T_TMP/page"
# section NAME: the rendered lines of one section (headings are unindented capitals).
section() { awk -v s="$1" '/^[A-Z]/ { on = ($0 == s); next } on' "$T_TMP/page"; }
# tags SECTION...: the heads of those sections' entries (the line after each .TP, joined where
# it ends in \c), as text.
tags() {
	for s in "$@"; do
		awk -v s="$s" '/^\.SH/ { h = $0; sub(/^\.SH +/, "", h); gsub(/"/, "", h); on = (h == s); next }
			on && tp { line = line $0; if (sub(/\\c$/, "", line)) next; print line; line = ""; tp = 0; next }
			on && /^\.TP/ { tp = 1 }' "$MAN"
	done | sed -E 's/^\.(B|I|BR|BI|IR|RB|IB) +//; s/\\f[BIRP]//g; s/\\-/-/g; s/\\e/\\/g; s/\\&//g; s/ *$//'
}

# Commands: `help` lists them; `help NAME` starts with "NAME ARGS", which must head an entry.
tags COMMANDS "META-COMMANDS" > "$T_TMP/cmdtags"
[ -s "$T_TMP/cmdtags" ] || t_fail "the page has a COMMANDS section"
"$DWH" help | sed -n 's/^  \([a-z\\][^ ]*\).*/\1/p' | sort -u > "$T_TMP/commands"
t_ok_count=0
while read -r name; do
	usage=$("$DWH" -c "help $name" | head -n1 | sed 's/ *$//')
	if grep -qxF -- "$usage" "$T_TMP/cmdtags" || grep -qF -- "$usage, " "$T_TMP/cmdtags" \
		|| grep -qE -- "^$(printf '%s' "$usage" | sed 's/[][\.|*^$+?(){}]/\\&/g')( |$)" "$T_TMP/cmdtags"; then
		t_ok_count=$((t_ok_count + 1))
	else
		t_fail "man page documents \`$usage\`" "no COMMANDS entry starts with it"
	fi
done < "$T_TMP/commands"
n=$(wc -l < "$T_TMP/commands")
[ "$n" -gt 20 ] && t_eq "every command of the table has an entry ($n)" "$t_ok_count" "$n" \
	|| t_fail "help lists the commands" "only $n found"

# Options: each one --help lists heads an entry of OPTIONS.
"$DWH" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z-]*' | grep -oE -- '--?[a-zA-Z][a-z-]*' \
	| sort -u > "$T_TMP/options"
tags OPTIONS > "$T_TMP/opttags"
missing=""
while read -r o; do
	grep -qE -- "(^|[ ,|])$o([=, ]|\$)" "$T_TMP/opttags" || missing="$missing $o"
done < "$T_TMP/options"
n=$(wc -l < "$T_TMP/options")
[ "$n" -gt 15 ] && t_eq "every option --help lists has an entry ($n)" "$missing" "" \
	|| t_fail "--help lists the options" "only $n found"

# Keys: the F1 help's key column (text before the first double space in the box).
. "$(dirname "$0")/lib/tui.sh"
t_newdb
tui_start 120 50 -- || t_fail "console starts" "$(tui_screen)"
tui_keys F1
tui_wait_screen "any key closes" 5 || t_fail "F1 opens the help" "$(tui_screen)"
# (the box's left edge is where its top border says "+ Help"; keys start two columns in)
tui_screen_ascii | awk '!x && (i = index($0, "+ Help ")) { x = i + 2; next }
	x && /Commands \(/ { exit } x { print substr($0, x) }' | sed 's/  .*//; s/|.*//' \
	| grep -v '^ *$' > "$T_TMP/keys"
tui_keys q
section KEYS > "$T_TMP/keysec"
missing=""
while read -r k; do
	grep -qF -- "$k" "$T_TMP/keysec" || missing="$missing [$k]"
done < "$T_TMP/keys"
n=$(wc -l < "$T_TMP/keys")
[ "$n" -ge 5 ] && t_eq "every key of the F1 help is in KEYS ($n)" "$missing" "" \
	|| t_fail "the F1 help lists keys" "only $n found: $(cat "$T_TMP/keys")"

# The rest of what a manual page must have.
for s in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS KEYS FILES ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	grep -qx -- "$s" "$T_TMP/page" && t_pass "section $s" || t_fail "section $s"
done
# Every environment variable the code reads (getenv, and the DWH_* names it passes to it).
{ grep -ohE 'getenv\("[A-Z_]+"\)' "$T_ROOT"/src/*.c "$T_ROOT"/src/*/*.c | grep -oE '[A-Z_]{2,}'
  grep -ohE '"DWH_[A-Z_]+"' "$T_ROOT"/src/*.c "$T_ROOT"/src/*/*.c | tr -d '"'
  echo PGHOST; echo PGPASSWORD; echo XDG_STATE_HOME; echo XDG_CONFIG_HOME; echo NO_COLOR; } \
	| sort -u > "$T_TMP/envs"
section ENVIRONMENT > "$T_TMP/envsec"
missing=""
while read -r v; do grep -qw -- "$v" "$T_TMP/envsec" || missing="$missing $v"; done < "$T_TMP/envs"
t_eq "ENVIRONMENT names every variable dwh reads ($(wc -l < "$T_TMP/envs"))" "$missing" ""
