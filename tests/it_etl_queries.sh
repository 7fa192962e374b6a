#!/usr/bin/env bash
# it_etl_queries.sh — `queries` lists every saved query with its description; each one runs
# and returns rows (on the udacity sample when present, else on the mini fixture).
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

t_newdb
dwht -c create >/dev/null
if have_sample; then data=$SHARED_SAMPLE; else data=$ETL_MINI; fi
etl_stage "$data"
dwht -c 'load all' >/dev/null

list=$(dwht -c queries 2>&1)
for q in top_songs top_artists busiest_hours weekday_hour free_vs_paid top_locations active_users user_agents; do
	t_has "queries lists $q" "$list" " $q "
done
n=0
for f in "$T_ROOT"/sql/analytics/*.sql; do
	q=$(basename "$f" .sql)
	desc=$(head -n1 "$f" | sed 's/^-- *//')
	t_has "queries shows the description of $q" "$list" "$desc"
	out=$(dwht --csv -c "query $q" 2>&1); rc=$?
	t_eq "query $q exit 0" "$rc" 0
	rows=$(printf '%s\n' "$out" | tail -n +2 | grep -c .)
	t_eq "query $q returns rows" "$([ "$rows" -gt 0 ] && echo yes || echo "no: $out")" yes
	n=$((n + 1))
done
t_eq "at least eight saved queries" "$([ $n -ge 8 ] && echo yes)" yes
out=$(dwht -c 'query ../../etc/passwd' 2>&1); rc=$?
t_eq "a path is not a query name" "$rc" 1
out=$(dwht -c 'query nosuch' 2>&1)
t_has "unknown query named" "$out" "no such saved query"
if have_sample; then
	t_has "busiest hour on the sample" "$(dwht --csv -c 'query busiest_hours' | sed -n 2p)" "16,"
fi
