-- The change log no longer stores a copy of every record a consolidation run changes (docs/CONSOLIDATION.md):
-- writing to_jsonb of each record was the slowest statement of a run (45 s of 170 s at 1M rows). A NULL payload
-- means "the record as it is when the change is pushed": push runs under the node lock and a package covers the log
-- up to its newest entry, so the current record is the record after the last change of the package, which is the
-- only version a receiver applies. Status changes, which are few, still store the record after the change.
ALTER TABLE change_log ALTER COLUMN payload DROP NOT NULL;
