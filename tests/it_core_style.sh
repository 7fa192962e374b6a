#!/usr/bin/env bash
# The error idiom of src/base/err.h holds in every file of src/: a failure on the session is one
# statement, `return dwh_fail(s, ...)`, from a function declared enum dwh_rc — never
# `err_set(...); return DWH_FAIL;`, a comma form, or an int that returns DWH_* (the shapes that
# crept back after issue 12 removed them). tests/lib/err_idiom.pl finds them; first it must find
# each one planted in a scratch file, so a scanner that stopped seeing would fail here too.
. "$(dirname "$0")/lib/lib.sh"

scan() { perl "$T_ROOT/tests/lib/err_idiom.pl" "$@"; }

cat > "$T_TMP/plant.c" <<'C'
static enum dwh_rc two(struct dwh *s)
{
	if (s->conn == NULL) {
		err_set(&s->err, "no (connection)");
		return DWH_FAIL;
	}
	return DWH_OK;
}

static enum dwh_rc comma(struct dwh *s)
{
	return err_set(&s->err, "a, b"), DWH_FAIL;
}

static enum dwh_rc minus_one(struct dwh *s)
{
	return err_set(&s->err, "what -1 means");
}

static int untyped(struct dwh *s)
{
	return err_conn(&s->err, s->conn, NULL) < 0 ? DWH_FAIL : DWH_FAIL;
}

static int helper(struct dwh_err *e)
{
	/* err_set(e, "x"); return DWH_FAIL; in a comment is prose */
	return err_set(e, "the -1 idiom of a helper is fine");
}
C
found=$(scan "$T_TMP/plant.c")
t_has "a planted err_set(...); return DWH_FAIL; is found, with its line" "$found" "plant.c:4: two statements"
t_has "a planted comma form is found" "$found" "plant.c:12: comma form"
t_has "return err_set in an enum dwh_rc function is found" "$found" "plant.c:17: minus_one returns enum dwh_rc"
t_has "? DWH_FAIL : DWH_FAIL is found" "$found" "plant.c:22: both arms are DWH_FAIL"
t_has "an int returning DWH_* is found" "$found" "plant.c:22: untyped returns DWH_FAIL but is declared int"
t_eq "nothing else is (a helper's return err_set, comments)" "$(printf '%s\n' "$found" | wc -l)" 5

t_eq "src/ keeps the error idiom (file:line of each stray)" "$(cd "$T_ROOT" && scan $(find src -name '*.[ch]' | sort))" ""

# The layers: doc/internals.md's table says which folders each folder may include; the scanner
# must see a planted upward include, then find none in src/.
mkdir -p "$T_TMP/layers/db" "$T_TMP/layers/cmd"
printf '#include "cmd/cmd.h"\n' > "$T_TMP/layers/db/up.c"
printf '#include "db/db.h"\n' > "$T_TMP/layers/cmd/down.c"
t_eq "a planted upward include is found (and a downward one is not)" \
	"$(perl "$T_ROOT/tests/lib/layers.pl" "$T_ROOT/doc/internals.md" "$T_TMP/layers")" \
	"$T_TMP/layers/db/up.c:1: db includes cmd"
t_eq "no folder of src/ includes one its layer may not (doc/internals.md)" \
	"$(perl "$T_ROOT/tests/lib/layers.pl" "$T_ROOT/doc/internals.md" "$T_ROOT/src")" ""
t_eq "src/ holds no file but main.c outside its folders" "$(cd "$T_ROOT/src" && find . -maxdepth 1 -type f | sort)" "./main.c"
