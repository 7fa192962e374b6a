#!/usr/bin/env bash
# The command line itself: help, version, usage errors, the command table's help.
. "$(dirname "$0")/lib/lib.sh"

t_rc "--help exits 0" 0 "$DWH" --help
t_has "--help shows -c" "$(cat "$T_TMP/out")" "-c, --command=CMD"
t_rc "--version exits 0" 0 "$DWH" --version
t_has "--version" "$(cat "$T_TMP/out")" "dwh "
# GNU's shapes: "NAME VERSION" first, copyright, warranty; usage first, exit status, a usage
# error pointing at --help on stderr.
t_eq "--version first line is 'dwh VERSION'" "$(head -n1 "$T_TMP/out" | grep -cE '^dwh [0-9]+\.[0-9]+\.[0-9]+$')" 1
t_has "--version copyright" "$(cat "$T_TMP/out")" "Copyright (C)"
t_has "--version warranty" "$(cat "$T_TMP/out")" "There is NO WARRANTY"
"$DWH" --help >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "--help starts with Usage:" "$(head -n1 "$T_TMP/out")" "Usage: dwh [OPTION]... [COMMAND [ARG]...]"
t_has "--help describes --version" "$(cat "$T_TMP/out")" "      --version          output version information and exit"
t_has "--help gives exit status" "$(cat "$T_TMP/out")" "Exit status:"
t_eq "--help writes nothing on stderr" "$(cat "$T_TMP/err")" ""
"$DWH" --bogus >"$T_TMP/out" 2>"$T_TMP/err"
t_has "usage error points at --help" "$(cat "$T_TMP/err")" "Try 'dwh --help' for more information."
t_eq "usage error writes nothing on stdout" "$(cat "$T_TMP/out")" ""
t_rc "unknown option exits 1" 1 "$DWH" --bogus
t_rc "bad dialect exits 1" 1 "$DWH" --dialect oracle -c help
t_rc "help needs no server" 0 env PGHOST=/nonexistent "$DWH" -c help
for c in create drop counts status timing local help; do
	t_has "help lists $c" "$(cat "$T_TMP/out")" "  $c "
done
t_rc "help create" 0 "$DWH" -c 'help create'
t_has "help create explains parts" "$(cat "$T_TMP/out")" "create staging"
t_rc "help for an unknown command exits 1" 1 "$DWH" -c 'help nothing'
t_has "and says so" "$(cat "$T_TMP/err")" "no such command: nothing"
t_rc "a command given as words" 0 "$DWH" help timing
t_has "words run as a command" "$(cat "$T_TMP/out")" "timing [on|off]"
# dispatch checks the number of words from the command table, before connecting
t_rc "too many words exits 1" 1 env PGHOST=/nonexistent "$DWH" -c 'load songs time --incremental'
t_eq "the usage comes from the table" "$(cat "$T_TMP/err")" "dwh: error: usage: load [all|TABLE] [--incremental]"
t_rc "too few words exits 1" 1 env PGHOST=/nonexistent "$DWH" -c 'local'
t_has "and says the usage" "$(cat "$T_TMP/err")" "usage: local status|start|stop"
# command words are lower case and case-sensitive: HELP is not the help command
env PGHOST=/nonexistent "$DWH" -c HELP >"$T_TMP/out" 2>"$T_TMP/err"; rc=$?
t_eq "HELP is not help (exit non-zero)" "$([ $rc -ne 0 ] && echo failed || echo "exit $rc")" "failed"
t_lacks "HELP lists no commands" "$(cat "$T_TMP/out")" "Commands ("
# doc/internals.md's code tour is true to the tree: every path its table names exists, every
# folder of src/ has its row
internals="$T_ROOT/doc/internals.md"
tour=$(sed -n '/^## Code tour$/,/^## /p' "$internals" | sed -n '/^| path | what it owns |$/,/^$/p' \
	| sed -n 's/^| \([^|]*\) |.*/\1/p' | grep -o '`[^`]*`' | tr -d '`')
t_has "doc/internals.md has the code tour table" "$tour" "src/main.c"
missing=""
for p in $tour; do
	case "$p" in *'*'*) ls $T_ROOT/$p >/dev/null 2>&1 || missing="$missing $p"; continue;; esac
	q=${p%.\[ch\]}
	[ -e "$T_ROOT/$p" ] || [ -e "$T_ROOT/$q.c" ] || [ -e "$T_ROOT/$q.h" ] || missing="$missing $p"
done
t_eq "every path of the code tour exists" "${missing# }" ""
for d in "$T_ROOT"/src/*/; do
	d=${d#"$T_ROOT"/}
	t_has "the code tour has $d" "$tour" "$d"
	t_has "the layers of doc/internals.md have $d" "$(sed -n '/^## The layers$/,/^## /p' "$internals")" "[$d]("
done
# every folder of src/ has a README.md whose table names every file of the folder (a row
# starting `name.c`, `name.h` or `name.[ch]`) and no file the folder does not hold
for d in "$T_ROOT"/src/*/; do
	n=$(basename "$d"); r="$d/README.md"
	[ -f "$r" ] && t_pass "src/$n/README.md exists" || { t_fail "src/$n/README.md exists"; continue; }
	missing=""
	for f in "$d"*.[ch]; do
		b=$(basename "$f"); s=${b%.?}
		grep -qE "^\| \`($b|$s\.\[ch\])\` \|" "$r" || missing="$missing $b"
	done
	t_eq "src/$n/README.md names every file of src/$n" "${missing# }" ""
	stale=""
	for b in $(sed -n 's/^| `\([^`]*\.\(c\|h\|\[ch\]\)\)` |.*/\1/p' "$r"); do
		q=${b%.\[ch\]}
		[ -e "$d$b" ] || [ -e "$d$q.c" ] || [ -e "$d$q.h" ] || stale="$stale $b"
	done
	t_eq "src/$n/README.md names no file src/$n lacks" "${stale# }" ""
done
