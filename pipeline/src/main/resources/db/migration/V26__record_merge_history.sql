-- Merge history (docs/CONSOLIDATION.md, "Undoing a merge"): every merge of an existing record into another (a
-- consolidation run's or an accepted review pair's) remembers what the absorbed record was made of, so that
-- `record unmerge` can restore it exactly: its staged rows, the match keys it owned, its status-audit entries and
-- the record itself as it was, plus the survivor as it was (its own status decision). Merges made before this
-- migration have no row here and cannot be undone exactly.
CREATE TABLE record_merge (
    id             bigserial   PRIMARY KEY,
    absorbed_id    bigint      NOT NULL,
    survivor_id    bigint      NOT NULL,
    run_id         bigint,
    reason         text        NOT NULL,
    merged_at      timestamptz NOT NULL DEFAULT now(),
    source_rows    bigint[]    NOT NULL,
    match_keys     text[]      NOT NULL,
    audit_ids      bigint[]    NOT NULL,
    absorbed       jsonb       NOT NULL,
    survivor       jsonb       NOT NULL,
    -- filled by `record unmerge`: when, why, by whom, and the change-log entry of the restored record
    unmerged_at    timestamptz,
    unmerge_reason text,
    unmerge_actor  text,
    unmerge_seq    bigint
);
CREATE INDEX record_merge_absorbed_idx ON record_merge (absorbed_id);
CREATE INDEX record_merge_survivor_idx ON record_merge (survivor_id);
