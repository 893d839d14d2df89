-- When a child decided a record's status (repair, withdrawal, objection): a package carries it with the record, so the
-- parent keeps the child's date, not the day the package arrived. The sharing export's rule (repairs from 2026-04-01
-- stop being shared, 发改委令第36号) depends on it.
ALTER TABLE staged_record ADD COLUMN status_changed_at timestamptz;
