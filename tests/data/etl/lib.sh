# lib.sh — helpers for the transform tests (it_etl_*.sh, it_redshift_*.sh), sourced after
# tests/lib/lib.sh: fill staging from a data directory, and read the star schema's figures.

ETL_DATA="$T_ROOT/tests/data/etl"
ETL_MINI="$ETL_DATA/mini"
# The figures of tests/data/etl/mini (see README.md there): songplays matched users paid songs
# artists time, and the staging rows (events songs).
ETL_MINI_FIGURES="6 3 4 2 6 5 5"
ETL_MINI_STAGING="14 8"
ETL_SAMPLE_FIGURES="6820 1 97 22 71 69 6813"

# etl_stage DIR: fill staging from DIR/song_data and DIR/log_data with dwh's loader; while the
# loader is not built (main's placeholder), with PostgreSQL's own JSON functions instead, so the
# transforms are tested either way. Sets ETL_LOADER=1 when dwh's loader did it.
etl_stage() {
	local dir=$1
	ETL_LOADER=0
	if dwht --data "$dir" -c 'stage songs' -c 'stage events' >"$T_TMP/stage.out" 2>&1; then
		ETL_LOADER=1
		return 0
	fi
	if ! grep -q -e 'not built yet' -e 'unknown command: stage' -e 'at or near "stage"' "$T_TMP/stage.out"; then
		cat "$T_TMP/stage.out" >&2
		return 1
	fi
	psql -X -q -v ON_ERROR_STOP=1 -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" >/dev/null <<SQL
CREATE TEMP TABLE raw_lines (line text);
\copy raw_lines FROM PROGRAM 'find "$dir/song_data" -name "*.json" -type f | sort | xargs -r awk 1' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
TRUNCATE staging_songs;
INSERT INTO staging_songs
SELECT (j->>'num_songs')::int, j->>'artist_id', (j->>'artist_latitude')::float8,
       (j->>'artist_longitude')::float8, j->>'artist_location', j->>'artist_name', j->>'song_id',
       j->>'title', (j->>'duration')::float8, (j->>'year')::int
FROM (SELECT line::json AS j FROM raw_lines WHERE line ~ '\S') x;
TRUNCATE raw_lines;
\copy raw_lines FROM PROGRAM 'find "$dir/log_data" -name "*.json" -type f | sort | xargs -r awk 1' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
TRUNCATE staging_events;
INSERT INTO staging_events
SELECT j->>'artist', j->>'auth', j->>'firstName', j->>'gender', (j->>'itemInSession')::int,
       j->>'lastName', (j->>'length')::float8, j->>'level', j->>'location', j->>'method',
       j->>'page', (j->>'registration')::float8, (j->>'sessionId')::int, j->>'song',
       (j->>'status')::int, (j->>'ts')::bigint, j->>'userAgent', j->>'userId'
FROM (SELECT line::json AS j FROM raw_lines WHERE line ~ '\S') x;
SQL
}

# The star schema's figures in the order of ETL_*_FIGURES.
etl_figures() {
	sqlv "SELECT (SELECT count(*) FROM songplays) || ' ' || (SELECT count(song_id) FROM songplays)
	      || ' ' || (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM users WHERE level = 'paid')
	      || ' ' || (SELECT count(*) FROM songs) || ' ' || (SELECT count(*) FROM artists)
	      || ' ' || (SELECT count(*) FROM time)"
}

etl_staging() {
	sqlv "SELECT (SELECT count(*) FROM staging_events) || ' ' || (SELECT count(*) FROM staging_songs)"
}
