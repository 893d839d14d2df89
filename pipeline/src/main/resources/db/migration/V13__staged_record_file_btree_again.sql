-- V12 replaced the b-tree on staged_record (file_id, source_row) by a BRIN on file_id, on the premise that a file's
-- rows lie in consecutive pages. They do not: each chunk's COPY first fills the space that earlier chunks left in
-- older pages, so a later file's rows spread over most of the table (measured: the fifth file of a 1,000,000-row
-- ingest, 86,108 rows, over pages 9,489-67,307 of 67,357). A BRIN on file_id then matches nearly every range, and the
-- look-ups by file (the ingest summary's count, the receive feedback, the delete guard on ingest_file) became scans
-- of the whole table. The b-tree costs about a fifth of the server's COPY time per row and is worth it.
DROP INDEX IF EXISTS staged_record_file_brin;
CREATE INDEX IF NOT EXISTS staged_record_file_idx ON staged_record (file_id, source_row);
