-- why_source_artist: where staging says the songs of artist_id $1 came from — each one's file
-- (its path) and line, with the size and checksum dwh_files has of the file as staged. src_file
-- NULL: staged before the table had the columns.
SELECT s.src_path AS path, s.src_line, d.size, d.checksum, s.src_path AS src_file
FROM staging_songs s
LEFT JOIN dwh_files d ON d.stage = 'stage songs' AND d.path = s.src_path
WHERE s.artist_id = $1
ORDER BY s.src_path, s.src_line;
