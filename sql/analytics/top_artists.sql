-- Most played artists (plays matched to a song) and how many listeners each has
SELECT a.name AS artist, count(*) AS plays, count(DISTINCT p.user_id) AS listeners
FROM songplays p
JOIN artists a ON a.artist_id = p.artist_id
GROUP BY a.name
ORDER BY plays DESC, a.name
LIMIT 10;
