-- why_artist: every spelling of artist_id $1 in staging_songs — name and location — with the
-- number of songs that give it; the artists table keeps one (load_artists.sql).
SELECT artist_name, artist_location, COUNT(*) AS songs
FROM staging_songs
WHERE artist_id = $1
GROUP BY artist_name, artist_location
ORDER BY songs DESC, artist_name, artist_location;
