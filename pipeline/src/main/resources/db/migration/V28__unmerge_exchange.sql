-- A child's merge and its undoing travel upward (docs/CONSOLIDATION.md, "At the parent"; docs/EXCHANGE.md,
-- "Receiving"). Parent side: every child MERGE this node applied, with the staged rows whose origin it rewrote
-- (absorbed child record -> survivor), so that the child's later unmerge gives exactly those rows their origin back;
-- then what this node did about the unmerge after its consolidation: FOLLOWED (its own merge undone as
-- `record unmerge` does it), APART (nothing to split here) or KEPT_MERGED (joined here by this node's own evidence,
-- or the split was refused: questioned in the acknowledgement, listed by receive and overview).
CREATE TABLE exchange_origin_merge (
    id              bigserial   PRIMARY KEY,
    child_node      text        NOT NULL,
    absorbed_origin text        NOT NULL,
    survivor_origin text        NOT NULL,
    -- the child's MERGE change and its package; NULL when the merge was applied here before this table existed
    merge_seq       bigint,
    merge_package   text,
    merge_file_id   bigint,     -- the package's ingest_file: rows of files before it were there before the merge
    staged_rows     bigint[]    NOT NULL DEFAULT '{}',
    applied_at      timestamptz NOT NULL DEFAULT now(),
    -- the child's unmerge: its change (an INSERT of the restored record with unmergedFrom), package, reason, actor
    unmerge_seq     bigint,
    unmerge_package text,
    unmerge_reason  text,
    unmerge_actor   text,
    -- the origin the rewritten rows carried when they got theirs back (the survivor's, or a later survivor's)
    followed_origin text,
    outcome         text CHECK (outcome IN ('FOLLOWED', 'APART', 'KEPT_MERGED')),
    outcome_note    text,
    -- this node's record: the one restored (FOLLOWED), or the one that holds both (KEPT_MERGED)
    parent_record   bigint,
    decided_at      timestamptz
);
CREATE INDEX exchange_origin_merge_absorbed_idx ON exchange_origin_merge (absorbed_origin);
CREATE INDEX exchange_origin_merge_unmerge_idx ON exchange_origin_merge (unmerge_package)
    WHERE unmerge_package IS NOT NULL;

-- Child side: the record an unmerge took the restored id out of (the survivor then; a later merge may have moved the
-- redirect on from the survivor at merge time), for the change line that carries the unmerge upward.
ALTER TABLE record_merge ADD COLUMN unmerged_from bigint;
CREATE INDEX record_merge_unmerge_seq_idx ON record_merge (unmerge_seq) WHERE unmerge_seq IS NOT NULL;
