-- consolidated_record kept two secondary indexes that only the contradiction report read: (record_kind, subject_key)
-- (read by nothing) and (document_number_key). record_key already indexes (record_kind, doc_key) for matching, and
-- every record's document number key is the doc_key of one of its keys, so the report now finds its records there.
-- Each of these indexes cost a random b-tree insert per new record, which at 10M records is a random page read
-- in a night's run.
DROP INDEX IF EXISTS consolidated_record_subject_idx;
DROP INDEX IF EXISTS consolidated_record_document_idx;
