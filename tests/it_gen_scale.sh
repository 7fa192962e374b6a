#!/usr/bin/env bash
# it_gen_scale.sh — `dwh gen` writes large sets in constant memory (events are streamed, songs
# and artists made again from their seed), refuses bad arguments, and replaces its own output.
. "$(dirname "$0")/lib/lib.sh"

g="$T_TMP/big"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%M' -o "$T_TMP/rss" "$DWH" gen "$g" --events 300000 --songs 3000 --users 500 >/dev/null 2>&1
	t_eq "gen 300k events exits 0" "$?" 0
	rss=$(tail -n1 "$T_TMP/rss")
	if [ "${SANITIZE:-}" = 1 ]; then t_skip "gen peak RSS: not meaningful under AddressSanitizer"
	elif [ "$rss" -lt 32768 ]; then t_pass "gen peak RSS ${rss} KB < 32 MB"; else t_fail "gen peak RSS ${rss} KB"; fi
else
	"$DWH" gen "$g" --events 300000 --songs 3000 --users 500 >/dev/null 2>&1
	t_skip "no /usr/bin/time"
fi
t_eq "all events written" "$(cat "$g"/log_data/2018/11/*.json | grep -o '"ts":' | wc -l)" 300000
t_eq "expected says so" "$(sed -n 's/^[[:space:]]*"staging_events":[[:space:]]*\([0-9]*\),$/\1/p' "$g/expected.json")" 300000
t_eq "song objects = expected" "$(grep -rho '"song_id"' "$g/song_data" | wc -l)" \
	"$(sed -n 's/^[[:space:]]*"staging_songs":[[:space:]]*\([0-9]*\),$/\1/p' "$g/expected.json")"
t_eq "logs end without a newline, as the real ones" "$(tail -c1 "$g/log_data/2018/11/2018-11-30-events.json" | od -An -c | tr -d ' ')" "}"

# a re-run over its own output replaces it (no stale files from a bigger run)
"$DWH" gen "$g" --events 100 --songs 10 >/dev/null 2>&1
t_eq "re-run: 10 songs" "$(grep -rho '"song_id"' "$g/song_data" | wc -l)" 10

t_rc "no DIR" 1 "$DWH" gen
t_rc "bad number" 1 "$DWH" gen "$T_TMP/x" --events lots
t_has "usage" "$(cat "$T_TMP/err")" "usage: gen DIR"
t_rc "unknown option" 1 "$DWH" gen "$T_TMP/x" --colour red
t_rc "no songs" 1 "$DWH" gen "$T_TMP/y" --songs 0
