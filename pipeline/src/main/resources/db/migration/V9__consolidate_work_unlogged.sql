-- The consolidate job's work tables hold one run's scratch data (keys, groups, links, merges, review candidates),
-- rebuilt from staged rows at the start of every run. Unlogged, they cost no WAL (about a tenth of a 1M-row run).
-- A server crash empties unlogged tables, so a restarted run recomputes them: the job's keys and match steps run
-- again on every restart (ConsolidationJobConfiguration), and only the apply step, one transaction, writes data that
-- must survive.
ALTER TABLE consolidate_work_row SET UNLOGGED;
ALTER TABLE consolidate_work_group SET UNLOGGED;
ALTER TABLE consolidate_work_link SET UNLOGGED;
ALTER TABLE consolidate_work_merge SET UNLOGGED;
ALTER TABLE consolidate_work_review SET UNLOGGED;
