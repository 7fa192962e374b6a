-- Most played songs (plays matched to a song), with their artist
SELECT s.title, a.name AS artist, count(*) AS plays
FROM songplays p
JOIN songs s ON s.song_id = p.song_id
LEFT JOIN artists a ON a.artist_id = p.artist_id
GROUP BY s.title, a.name
ORDER BY plays DESC, s.title
LIMIT 10;
