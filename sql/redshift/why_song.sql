-- why_song: the staging_songs row(s) of song_id $1 (two when two files hold it).
SELECT song_id, title, artist_id, artist_name, duration, year
FROM staging_songs
WHERE song_id = $1
ORDER BY title, duration;
