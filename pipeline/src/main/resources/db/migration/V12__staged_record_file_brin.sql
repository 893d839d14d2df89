-- Ingest speed (docs/BENCHMARKS.md): the b-tree on staged_record (file_id, source_row) was about a fifth of the
-- server's time per COPY row. Rows of one file arrive in one run and take consecutive ids, so they sit in consecutive
-- pages: a BRIN index on file_id finds them for the few look-ups by file (the ingest summary's count, the receive
-- feedback, the delete guard on ingest_file) at almost no cost per inserted row. autosummarize keeps the ranges of
-- a growing table summarized without waiting for a VACUUM (an unsummarized range is scanned, never skipped, so
-- results are right either way).
DROP INDEX staged_record_file_idx;
CREATE INDEX staged_record_file_brin ON staged_record USING brin (file_id) WITH (autosummarize = on);
