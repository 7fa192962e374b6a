-- why_source_artist: where staging says the songs of artist_id $1 came from — each staged copy's file
-- (staging_files, as it was when staged) and line. src_file NULL: staged before the table had
-- the columns.
SELECT f.path, s.src_line, f.size, f.checksum, s.src_file
FROM staging_songs s
LEFT JOIN staging_files f ON f.tbl = 'staging_songs' AND f.file = s.src_file
WHERE s.artist_id = $1
ORDER BY f.path, s.src_line;
