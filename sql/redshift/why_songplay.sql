-- why_songplay: where songplay $1 came from — its staging_events row(s): the NextSong events
-- whose start time (as load_songplays.sql computes it), user and session are the play's. Two
-- rows when the log holds the same play twice. Rows: the play's columns, then the event's.
SELECT sp.songplay_id, sp.start_time, sp.user_id, sp.level, sp.song_id, sp.artist_id,
       sp.session_id, e.ts, e.item_in_session, e.song, e.artist, e.length, e.first_name,
       e.last_name, e.location
FROM songplays sp
LEFT JOIN staging_events e
       ON e.page = 'NextSong' AND e.user_id = sp.user_id AND e.session_id = sp.session_id
      AND TIMESTAMP 'epoch' + e.ts / 1000.0 * INTERVAL '1 second' = sp.start_time
WHERE sp.songplay_id = CAST($1 AS BIGINT)
ORDER BY e.item_in_session;
