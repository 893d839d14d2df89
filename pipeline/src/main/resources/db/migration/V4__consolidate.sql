-- Consolidation (docs/CONSOLIDATION.md): staged rows are matched into consolidated records, one per real-world record.
-- This migration is the contract between consolidation (which writes these tables) and exchange (which pushes the
-- change log upward and applies a child's changes as a source).

-- Identity of a staged row at its origin when it came from another node's package, e.g. '520102:42' (node region or
-- id, consolidated record id there). Rows sharing an origin_key always belong to one consolidated record here: a later
-- row with the same origin_key is a newer version of the same record (update, repair, withdrawal).
ALTER TABLE staged_record ADD COLUMN origin_key text;
CREATE INDEX staged_record_origin_idx ON staged_record (origin_key) WHERE origin_key IS NOT NULL;

-- One row per real-world record. Ids are never reused; when records merge, the oldest id survives and the others are
-- listed in record_redirect. The canonical columns mirror staged_record; each holds the survivor value chosen per field
-- (field_sources names the staged row each field came from).
CREATE TABLE consolidated_record (
    id                   bigserial PRIMARY KEY,
    record_kind          text        NOT NULL,
    subject_kind         text,
    subject_name         text        NOT NULL,
    subject_key          text        NOT NULL,
    uscc                 text,
    org_code             text,
    registration_no      text,
    id_type              text,
    id_number            text,
    legal_representative text,
    work_unit            text,
    work_unit_uscc       text,
    position             text,
    document_number      text,
    document_number_key  text,
    authority_name       text,
    authority_uscc       text,
    decision_date        date,
    category             text,
    violation_type       text,
    facts                text,
    content              text,
    fine_amount          numeric(20, 6),
    confiscated_amount   numeric(20, 6),
    legal_basis          text,
    valid_until          date,
    publication_end      date,
    severity             text        NOT NULL DEFAULT 'UNSPECIFIED',
    region_code          char(6),
    data_source_unit     text,
    data_source_uscc     text,
    sex                  text,
    age                  integer,
    publication_date     date,
    basis_unit           text,
    performed_part       text,
    unperformed_part     text,
    performance          text,
    status               text        NOT NULL DEFAULT 'ACTIVE'
        CHECK (status IN ('ACTIVE', 'UNDER_OBJECTION', 'REPAIRED', 'WITHDRAWN', 'EXPIRED')),
    status_reason        text,
    status_ref           text,
    status_changed_at    timestamptz,
    field_sources        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    source_count         integer     NOT NULL DEFAULT 0,
    version              integer     NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consolidated_record_subject_idx ON consolidated_record (record_kind, subject_key);
CREATE INDEX consolidated_record_document_idx ON consolidated_record (document_number_key);
CREATE INDEX consolidated_record_status_idx ON consolidated_record (status);

-- Lineage: every staged row points to its consolidated record; a consolidated record lists its rows through this table
-- (and staged_record -> ingest_file gives file, sheet and row).
CREATE TABLE record_source (
    staged_record_id bigint      PRIMARY KEY REFERENCES staged_record (id),
    record_id        bigint      NOT NULL REFERENCES consolidated_record (id),
    match_stage      text        NOT NULL,
    score            real,
    run_id           bigint      NOT NULL,
    linked_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX record_source_record_idx ON record_source (record_id);

-- Merges and splits: an id that no longer names a record of its own maps to the record that absorbed it.
CREATE TABLE record_redirect (
    old_id     bigint      PRIMARY KEY,
    new_id     bigint      NOT NULL REFERENCES consolidated_record (id),
    run_id     bigint,
    reason     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Every change to a consolidated record, in order. seq is monotonic and gap-free in commit order per node (written
-- under the node lock); the exchange pushes upward from it. payload is the record after the change
-- (to_jsonb(consolidated_record row)); merged_ids lists the ids redirected into record_id by a MERGE.
CREATE TABLE change_log (
    seq         bigserial   PRIMARY KEY,
    record_id   bigint      NOT NULL,
    change_type text        NOT NULL CHECK (change_type IN ('INSERT', 'UPDATE', 'MERGE', 'STATUS')),
    version     integer     NOT NULL,
    payload     jsonb       NOT NULL,
    merged_ids  bigint[],
    reason      text,
    run_id      bigint,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_record_idx ON change_log (record_id, seq);
