-- Consolidation after its first merge (docs/CONSOLIDATION.md).

-- RESOLVED: a later run merged the two records of a pending review pair anyway (through stronger evidence), so there
-- is nothing left to decide.
ALTER TABLE review_pair DROP CONSTRAINT review_pair_status_check,
    ADD CONSTRAINT review_pair_status_check CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'RESOLVED'));

-- Lineage and record keys are written only by the consolidate job (and review decisions), in the same transaction as
-- the records and staged rows they link; per-row foreign-key checks doubled the cost of writing a run's lineage, so
-- integrity is kept by that single writer (tests check that every staged row has exactly one record) instead.
ALTER TABLE record_source DROP CONSTRAINT record_source_staged_record_id_fkey,
                          DROP CONSTRAINT record_source_record_id_fkey;
ALTER TABLE record_key DROP CONSTRAINT record_key_record_id_fkey;
