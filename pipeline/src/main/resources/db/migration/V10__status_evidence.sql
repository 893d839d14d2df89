-- Status decisions travel with their reason and reference (docs/CONSOLIDATION.md, "Status"): a child's package
-- carries the record's status_reason and status_ref, staged with the row, and consolidation copies them to the record
-- together with the status they explain.
ALTER TABLE staged_record ADD COLUMN status_reason text, ADD COLUMN status_ref text;
