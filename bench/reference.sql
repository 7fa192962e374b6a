-- reference.sql — the transform done the plain way: one INSERT ... SELECT per table, following the
-- rules of PIPELINE.md, with nothing tuned. `make bench` times dwh's load stages against this.
BEGIN;
TRUNCATE songplays, users, songs, artists, time RESTART IDENTITY;

-- one row per NextSong event; the matching song with the smallest song_id, else NULL
INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
SELECT row_number() OVER (), TIMESTAMP 'epoch' + e.ts * INTERVAL '1 millisecond', e.user_id, e.level, m.song_id, m.artist_id,
       e.session_id, e.location, e.user_agent
  FROM staging_events e
  LEFT JOIN (SELECT DISTINCT ON (title, artist_name, duration) title, artist_name, duration, song_id, artist_id
               FROM staging_songs
              ORDER BY title, artist_name, duration, song_id) m
         ON m.title = e.song AND m.artist_name = e.artist AND m.duration = e.length
 WHERE e.page = 'NextSong';

-- each user as of their latest event
INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT DISTINCT ON (user_id) user_id, first_name, last_name, gender, level
  FROM staging_events
 WHERE user_id <> ''
 ORDER BY user_id, ts DESC;

INSERT INTO songs (song_id, title, artist_id, year, duration)
SELECT DISTINCT ON (song_id) song_id, title, artist_id, year, duration
  FROM staging_songs
 ORDER BY song_id;

INSERT INTO artists (artist_id, name, location, latitude, longitude)
SELECT DISTINCT ON (artist_id) artist_id, artist_name, artist_location, artist_latitude, artist_longitude
  FROM staging_songs
 ORDER BY artist_id;

INSERT INTO time (start_time, hour, day, week, month, year, weekday)
SELECT DISTINCT start_time, extract(hour FROM start_time), extract(day FROM start_time),
       extract(week FROM start_time), extract(month FROM start_time), extract(year FROM start_time),
       extract(dow FROM start_time)
  FROM songplays;
COMMIT;
