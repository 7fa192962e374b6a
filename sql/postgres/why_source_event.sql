-- why_source_event: where staging says the event ($1 ts, $2 session_id, $3 item_in_session,
-- $4 user_id) came from — each staged copy's file (staging_files, as it was when staged) and
-- line. src_file NULL: staged before the table had the columns.
SELECT f.path, e.src_line, f.size, f.checksum, e.src_file
FROM staging_events e
LEFT JOIN staging_files f ON f.tbl = 'staging_events' AND f.file = e.src_file
WHERE e.ts = CAST($1 AS BIGINT) AND e.session_id IS NOT DISTINCT FROM CAST($2 AS INTEGER)
  AND e.item_in_session IS NOT DISTINCT FROM CAST($3 AS INTEGER)
  AND e.user_id IS NOT DISTINCT FROM $4
ORDER BY e.src_file, e.src_line;
