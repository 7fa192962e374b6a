#!/usr/bin/env bash
# it_doc_links.sh — the documentation points at things that exist: every relative link in
# README.md, doc/*.md and src/*/README.md names a file or directory of the tree (and, with
# #anchor, a heading of that file, slugged as GitHub does), and every path of the tree that
# README.md and doc/*.md name in backticks (src/..., sql/..., tests/..., globs allowed) exists.
. "$(dirname "$0")/lib/lib.sh"
cd "$T_ROOT" || exit 1

# GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens
slugs() { sed -n 's/^#\{1,6\} \(.*\)/\1/p' "$1" | tr 'A-Z' 'a-z' | LC_ALL=C sed 's/[^a-z0-9 _-]//g; s/ /-/g'; }

docs=$(ls README.md doc/*.md src/*/README.md)
t_has "doc/ holds the pages README.md links to" "$docs" "doc/internals.md"
bad=""; nlinks=0
for f in $docs; do
	dir=$(dirname "$f")
	for l in $(grep -o '](\([^)]*\))' "$f" | sed 's/^](\(.*\))$/\1/'); do
		case "$l" in http://*|https://*|mailto:*) continue;; esac
		nlinks=$((nlinks + 1))
		path=${l%%#*}; anchor=""
		case "$l" in *'#'*) anchor=${l#*#};; esac
		target=$f
		if [ -n "$path" ]; then
			target="$dir/$path"
			[ -e "$target" ] || { bad="$bad $f:$l"; continue; }
		fi
		if [ -n "$anchor" ]; then
			[ -f "$target" ] && slugs "$target" | grep -qxF -- "$anchor" || bad="$bad $f:$l"
		fi
	done
done
t_eq "every relative link in the docs points to a file (and heading) that exists ($nlinks links)" "${bad# }" ""

# paths in backticks; bench/results.md is written by `make bench` and not committed
missing=""; npaths=0
for f in README.md doc/*.md; do
	for p in $(grep -oE '`(src|sql|tests|bench|man|themes|doc|completion|debian)/[^` ]*`' "$f" | tr -d '`' | sort -u); do
		[ "$p" = bench/results.md ] && continue
		npaths=$((npaths + 1))
		g=$(printf '%s' "$p" | sed 's/<[^>]*>/*/g')
		case "$g" in
		*.\[ch\]) q=${g%.\[ch\]}; ls -d $q.c $q.h >/dev/null 2>&1 || missing="$missing $f:$p";;
		*) ls -d $g >/dev/null 2>&1 || missing="$missing $f:$p";;
		esac
	done
done
t_eq "every path README.md and doc/ name exists ($npaths paths)" "${missing# }" ""
