#!/usr/bin/env bash
# it_redshift_same_rules.sh — no Redshift is reachable, but its load SQL is standard enough to
# run on PostgreSQL: it must build exactly the rows the PostgreSQL stages build (same rules,
# written without DISTINCT ON, TRUNCATE or ON CONFLICT), songplay ids included: both number the
# plays 1..N with ROW_NUMBER() over the same order, on every run.
# Then trailing blanks: Redshift ignores them when it compares VARCHARs (' ' = ''; "Character
# types", docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html), PostgreSQL does not.
# A nondeterministic ICU collation that ignores blanks gives PostgreSQL that comparison (it
# ignores inner blanks too, which the data below never relies on); under it the Redshift SQL must
# still give the rows the PostgreSQL SQL gives: a userId of ' ' is a user, '7' and '7 ' are two,
# a title 'Echo ' matches only 'Echo ', a location of blanks is a location.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

cols="songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent"

# Run sql/redshift/load_*.sql on this database with psql, as a user would by hand.
rs_loads() {
	for st in songplays users songs artists time; do
		psql -X -q -v ON_ERROR_STOP=1 -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" \
			-f "$T_ROOT/sql/redshift/load_$st.sql" >/dev/null 2>"$T_TMP/err" \
			|| t_fail "$1: redshift load $st runs on PostgreSQL" "$(cat "$T_TMP/err")"
	done
}

# Redshift's loads LOCK dwh_lock first (sql/redshift/create_staging.sql makes it there); the
# PostgreSQL warehouse has no such table, so it is made here.
rs_lock_table() { sqlv "CREATE TABLE IF NOT EXISTS dwh_lock (held boolean)" >/dev/null; }

# Keep what the PostgreSQL stages built, to compare the Redshift SQL's tables with.
keep_pg() {
	sqlv "SET client_min_messages = warning; DROP TABLE IF EXISTS pg_songplays, pg_users, pg_songs, pg_artists, pg_time;
	      CREATE TABLE pg_songplays AS SELECT $cols FROM songplays;
	      CREATE TABLE pg_users AS SELECT * FROM users; CREATE TABLE pg_songs AS SELECT * FROM songs;
	      CREATE TABLE pg_artists AS SELECT * FROM artists; CREATE TABLE pg_time AS SELECT * FROM time" >/dev/null
}

# Every star table the same as PostgreSQL's, row for row; songplays with its ids.
same_tables() {
	t_eq "$1: same songplays, ids included" "$(sqlv "SELECT count(*) FROM ((SELECT $cols FROM songplays EXCEPT ALL SELECT * FROM pg_songplays)
		UNION ALL (SELECT * FROM pg_songplays EXCEPT ALL SELECT $cols FROM songplays)) d")" 0
	for t in users songs artists time; do
		t_eq "$1: same $t" "$(sqlv "SELECT count(*) FROM ((SELECT * FROM $t EXCEPT ALL SELECT * FROM pg_$t)
			UNION ALL (SELECT * FROM pg_$t EXCEPT ALL SELECT * FROM $t)) d")" 0
	done
}

for data in mini sample; do
	if [ $data = sample ]; then have_sample || { t_skip "udacity sample absent"; continue; }; dir=$SHARED_SAMPLE
	else dir=$ETL_MINI; fi
	t_newdb "${T_NAME}_$data"
	dwht -c create >/dev/null
	rs_lock_table
	etl_stage "$dir"
	dwht -c 'load all' >/dev/null
	n=$(sqlv "SELECT count(*) FROM songplays")
	t_eq "$data: PostgreSQL ids are 1..N" "$(sqlv "SELECT min(songplay_id) || '-' || max(songplay_id) || '-' || count(DISTINCT songplay_id) FROM songplays")" "1-$n-$n"
	keep_pg
	rs_loads $data
	t_eq "$data: same figures" "$(etl_figures)" "$(if [ $data = mini ]; then echo "$ETL_MINI_FIGURES"; else echo "$ETL_SAMPLE_FIGURES"; fi)"
	same_tables "$data"
	# a re-run (either SQL) gives the same ids again
	rs_loads "$data again"
	same_tables "$data, Redshift SQL run twice"
	dwht -c 'load songplays' >/dev/null
	same_tables "$data, PostgreSQL SQL again"
done

# Trailing blanks, on data made for it.
blank=$T_TMP/blank
mkdir -p "$blank/song_data/A/A/A" "$blank/log_data/2018/11"
cat >"$blank/song_data/A/A/A/TRAAAEC1.json" <<'JSON'
{"num_songs": 1, "artist_id": "ARE", "artist_latitude": null, "artist_longitude": null, "artist_location": "  ", "artist_name": "Echo", "song_id": "SOEEE1", "title": "Echo", "duration": 200.0, "year": 2001}
JSON
cat >"$blank/song_data/A/A/A/TRAAAEC2.json" <<'JSON'
{"num_songs": 1, "artist_id": "ARE", "artist_latitude": null, "artist_longitude": null, "artist_location": "", "artist_name": "Echo", "song_id": "SOEEE2", "title": "Echo ", "duration": 200.0, "year": 2002}
JSON
ev() {	# ev USERID LEVEL TS SONG: one NextSong event
	printf '{"artist":"Echo","auth":"Logged In","firstName":"F","gender":"F","itemInSession":0,"lastName":"L","length":200.0,"level":"%s","location":"Here","method":"PUT","page":"NextSong","registration":1.0,"sessionId":1,"song":"%s","status":200,"ts":%s,"userAgent":"UA","userId":"%s"}\n' "$2" "$4" "$3" "$1"
}
{
	ev ""   free 1541030400000 "Echo"     # logged out: a play, not a user
	ev " "  free 1541030401000 "Echo "    # a userId of one blank: a user on both engines
	ev " "  paid 1541030402000 "Nothing"
	ev "7"  free 1541030403000 "Echo"
	ev "7 " paid 1541030404000 "Echo  "   # '7 ' is not '7'; 'Echo  ' matches neither title
} >"$blank/log_data/2018/11/2018-11-01-events.json"
t_newdb "${T_NAME}_blank"
dwht -c create >/dev/null
rs_lock_table
etl_stage "$blank"
dwht -c 'load all' >/dev/null
t_eq "blank: PostgreSQL users (' ' and '7 ' kept)" "$(sqlv "SELECT string_agg(quote_literal(user_id) || ':' || level, ' ' ORDER BY user_id) FROM users")" "' ':paid '7':free '7 ':paid"
t_eq "blank: PostgreSQL matches (exact titles)" "$(sqlv "SELECT string_agg(songplay_id || ':' || COALESCE(song_id, '-'), ' ' ORDER BY songplay_id) FROM songplays")" "1:SOEEE1 2:SOEEE2 3:- 4:SOEEE1 5:-"
keep_pg
# Redshift's comparison, on PostgreSQL: blanks are ignored by = and <>, not by LENGTH
sqlv "CREATE COLLATION IF NOT EXISTS rs_blank (provider = icu, locale = 'und-u-ka-shifted', deterministic = false)" >/dev/null \
	|| t_fail "blank: this PostgreSQL has ICU (nondeterministic collations)"
t_eq "blank: the emulation compares as Redshift does" "$(sqlv "SELECT (' ' COLLATE rs_blank = '')::text || ' ' || length(' ' COLLATE rs_blank)")" "true 1"
for c in user_id song artist level location first_name last_name gender; do
	sqlv "ALTER TABLE staging_events ALTER COLUMN $c TYPE text COLLATE rs_blank" >/dev/null
done
for c in title artist_name artist_location song_id artist_id; do
	sqlv "ALTER TABLE staging_songs ALTER COLUMN $c TYPE text COLLATE rs_blank" >/dev/null
done
rs_loads blank
same_tables "blank (Redshift's comparisons)"
# and the old rule fails this test: user_id <> '' drops the user ' ' where blanks are ignored
t_eq "blank: user_id <> '' would have dropped ' '" "$(sqlv "SELECT count(*) FROM staging_events WHERE user_id <> '' AND user_id = ' '")" 0
