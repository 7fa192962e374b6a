-- why_files: the files the last completed COPY into table $1 loaded, as Redshift records them.
-- Its staging keeps no file or line per row (COPY from S3 cannot add them), but the files a
-- COPY loaded are known: STL_LOAD_COMMITS on a provisioned cluster ("Verifying that the data
-- loaded correctly": docs.aws.amazon.com/redshift/latest/dg/verifying-that-data-loaded-
-- correctly.html), SYS_LOAD_DETAIL on both provisioned and Serverless
-- (docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_DETAIL.html), whose COPYs SYS_LOAD_HISTORY
-- names by table (docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_HISTORY.html).
SELECT TRIM(d.file_name) AS file, d.lines_scanned
FROM sys_load_detail d
WHERE d.query_id = (SELECT MAX(h.query_id) FROM sys_load_history h
                    WHERE TRIM(h.table_name) = $1 AND TRIM(h.status) = 'completed')
ORDER BY 1;
