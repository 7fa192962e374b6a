-- The star schema for PostgreSQL: songplays in the middle, four dimensions around it.
-- start_time keeps milliseconds (timestamp has microsecond precision), in UTC.
-- songplay_id is a plain bigint, not an identity column: load_songplays.sql numbers the plays
-- 1..N with ROW_NUMBER() over a fixed order, exactly as sql/redshift/load_songplays.sql does, so
-- both engines give every play the same id on every run.
CREATE TABLE IF NOT EXISTS users (
    user_id    text PRIMARY KEY,
    first_name text,
    last_name  text,
    gender     text,
    level      text NOT NULL
);

CREATE TABLE IF NOT EXISTS songs (
    song_id   text PRIMARY KEY,
    title     text NOT NULL,
    artist_id text NOT NULL,
    year      integer,
    duration  double precision
);

CREATE TABLE IF NOT EXISTS artists (
    artist_id text PRIMARY KEY,
    name      text NOT NULL,
    location  text,
    latitude  double precision,
    longitude double precision
);

CREATE TABLE IF NOT EXISTS time (
    start_time timestamp PRIMARY KEY,
    hour       smallint NOT NULL,
    day        smallint NOT NULL,
    week       smallint NOT NULL,
    month      smallint NOT NULL,
    year       smallint NOT NULL,
    weekday    smallint NOT NULL
);

CREATE TABLE IF NOT EXISTS songplays (
    songplay_id bigint    PRIMARY KEY,   -- 1..N, numbered by load_songplays.sql (see there)
    start_time  timestamp NOT NULL,
    user_id     text      NOT NULL,
    level       text,
    song_id     text,
    artist_id   text,
    session_id  integer,
    location    text,
    user_agent  text
);
CREATE INDEX IF NOT EXISTS songplays_start_time ON songplays (start_time);
CREATE INDEX IF NOT EXISTS songplays_user_id ON songplays (user_id);

-- What diff's snapshots group by (snapshot_songplays.sql, snapshot_time.sql): the days × users
-- of songplays and the days of time. Without these the planner takes a day for a distinct
-- start_time, expects a group per row, and reads both tables alone, building a hash table that
-- size; with them it reads them in parallel (PostgreSQL 14 or later: statistics on expressions,
-- https://www.postgresql.org/docs/15/sql-createstatistics.html). The loads ANALYZE both.
CREATE STATISTICS IF NOT EXISTS songplays_day_user (ndistinct)
    ON (CAST(start_time AS date)), user_id FROM songplays;
CREATE STATISTICS IF NOT EXISTS time_day ON (CAST(start_time AS date)) FROM time;
