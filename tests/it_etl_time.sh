#!/usr/bin/env bash
# it_etl_time.sh — every unit of `time` pinned (PIPELINE.md: hour, day, ISO week, month, year,
# weekday with 0 = Sunday), on tests/data/etl/time: plays on Sundays, a Saturday a millisecond
# before midnight, ISO weeks that belong to the year before or after, a leap day, two plays at
# one instant, and a page view that is no play. The session's time zone must not move an
# hour (ts is UTC). Both dialects' load_time.sql give the same rows.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

t_newdb
dwht -c create >/dev/null || t_fail "create"
etl_stage "$ETL_DATA/time"
# a session far from UTC: its hours and days must still be UTC's
out=$(PGTZ=Pacific/Kiritimati dwht -c 'load all' 2>&1); rc=$?
t_eq "load all exits 0" "$rc" 0
# start_time | hour day week month year weekday, worked out by hand (see the fixture's README)
want='2016-02-29 15:00:00|15 29 9 2 2016 1
2017-01-01 00:00:00|0 1 52 1 2017 0
2018-11-01 06:07:08.009|6 1 44 11 2018 4
2018-11-03 23:59:59.999|23 3 44 11 2018 6
2018-11-04 12:00:00.5|12 4 44 11 2018 0
2018-12-31 08:30:00|8 31 1 12 2018 1
2019-12-29 18:00:00|18 29 52 12 2019 0'
q="SELECT start_time || '|' || hour || ' ' || day || ' ' || week || ' ' || month || ' ' || year || ' ' || weekday
   FROM time ORDER BY start_time"
t_eq "every unit of every row" "$(sqlv "$q")" "$want"
t_eq "one row per distinct play time, none for other pages" "$(sqlv "SELECT count(*) FROM time")" 7
t_eq "Sundays are weekday 0" "$(sqlv "SELECT string_agg(weekday::text, ',') FROM time WHERE extract(isodow FROM start_time) = 7")" "0,0,0"
t_eq "every play's time is a row" "$(sqlv "SELECT count(*) FROM songplays p LEFT JOIN time t USING (start_time) WHERE t.start_time IS NULL")" 0

# Redshift's load_time.sql, run on PostgreSQL, gives the same rows (it LOCKs dwh_lock first,
# which sql/redshift/create_staging.sql makes on a cluster)
sqlv "CREATE TABLE IF NOT EXISTS dwh_lock (held boolean)" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" \
	-f "$T_ROOT/sql/redshift/load_time.sql" >/dev/null 2>"$T_TMP/err" \
	|| t_fail "redshift load_time runs on PostgreSQL" "$(cat "$T_TMP/err")"
t_eq "redshift: every unit of every row" "$(sqlv "$q")" "$want"
