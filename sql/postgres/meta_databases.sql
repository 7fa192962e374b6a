-- \l: databases ($1: the name's regular expression, or NULL for all).
SELECT d.datname AS "Name",
       pg_catalog.pg_get_userbyid(d.datdba) AS "Owner",
       pg_catalog.pg_encoding_to_char(d.encoding) AS "Encoding",
       d.datcollate AS "Collate",
       d.datctype AS "Ctype",
       pg_catalog.array_to_string(d.datacl, ', ') AS "Access privileges"
  FROM pg_catalog.pg_database d
 WHERE $1::text IS NULL OR d.datname ~ $1
 ORDER BY 1;
