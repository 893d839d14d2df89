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

-- ---- Matching state kept between runs (consolidate/, docs/CONSOLIDATION.md) ----

-- Every exact match key a record owns: record kind | subject key | document-number key. A new row with a known key
-- joins that record; the profile columns let later runs score residual rows against the record without reading it.
CREATE TABLE record_key (
    match_key     text    PRIMARY KEY,
    record_id     bigint  NOT NULL REFERENCES consolidated_record (id),
    record_kind   text    NOT NULL,
    person        boolean NOT NULL,
    id_key        text,
    masked_id     text,
    name_key      text,
    doc_key       text,
    authority_key text,
    decision_date date,
    amount        numeric(20, 6),
    unit_key      text
);
CREATE INDEX record_key_record_idx ON record_key (record_id);
CREATE INDEX record_key_doc_idx ON record_key (record_kind, doc_key);
CREATE INDEX record_key_name_idx ON record_key (record_kind, name_key, decision_date);

-- Pairs scored in the uncertain band: never merged automatically; `credit-pipeline review accept|reject ID` decides.
CREATE TABLE review_pair (
    id              bigserial   PRIMARY KEY,
    left_record_id  bigint      NOT NULL,
    right_record_id bigint      NOT NULL,
    score           real        NOT NULL,
    reasons         text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED')),
    run_id          bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    decided_at      timestamptz,
    UNIQUE (left_record_id, right_record_id)
);
CREATE INDEX review_pair_status_idx ON review_pair (status);

-- One row per completed consolidation run: its counts (the printed report) and the staged rows it covered.
CREATE TABLE consolidation_run (
    run_id        bigint      PRIMARY KEY,
    max_staged_id bigint      NOT NULL,
    rows_read     bigint      NOT NULL,
    inserted      bigint      NOT NULL,
    updated       bigint      NOT NULL,
    merged        bigint      NOT NULL,
    review_pairs  bigint      NOT NULL,
    conflicts     bigint      NOT NULL,
    finished_at   timestamptz NOT NULL DEFAULT now()
);

-- Contradictory rows kept apart: one document number of one authority, subjects with different valid identifiers.
CREATE TABLE consolidation_conflict (
    id                  bigserial   PRIMARY KEY,
    run_id              bigint      NOT NULL,
    record_kind         text        NOT NULL,
    document_number_key text        NOT NULL,
    authority           text,
    record_ids          bigint[]    NOT NULL,
    identifiers         text[]      NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (record_kind, document_number_key, authority)
);

-- ---- Work tables of one run: emptied when a run starts; logged, so a restart after a crash still finds them ----

-- The run's staged rows with their match keys (computed in one streaming pass, consolidate/KeyStep).
CREATE TABLE consolidate_work_row (
    staged_id     bigint  NOT NULL,
    group_key     text    NOT NULL,
    origin_key    text,
    record_kind   text    NOT NULL,
    person        boolean NOT NULL,
    residual      boolean NOT NULL,
    id_key        text,
    masked_id     text,
    name_key      text,
    doc_key       text,
    authority_key text,
    decision_date date,
    amount        numeric(20, 6),
    unit_key      text
);

-- One row per distinct group key of the run (exact stage), its profile from its first row, and where it goes.
CREATE TABLE consolidate_work_group (
    gid             bigint  PRIMARY KEY,
    group_key       text    NOT NULL UNIQUE,
    first_staged_id bigint  NOT NULL,
    row_count       integer NOT NULL,
    known_record_id bigint,
    record_id       bigint,
    match_stage     text    NOT NULL DEFAULT 'exact',
    score           real,
    record_kind     text    NOT NULL,
    person          boolean NOT NULL,
    residual        boolean NOT NULL,
    id_key          text,
    masked_id       text,
    name_key        text,
    doc_key         text,
    authority_key   text,
    decision_date   date,
    amount          numeric(20, 6),
    unit_key        text
);

-- Links found by the fuzzy and origin stages: group gid joins the component whose root is root_gid, or the record.
CREATE TABLE consolidate_work_link (
    gid         bigint NOT NULL PRIMARY KEY,
    record_id   bigint,
    root_gid    bigint,
    match_stage text   NOT NULL,
    score       real
);

-- Existing records absorbed by another in this run (the oldest id survives).
CREATE TABLE consolidate_work_merge (
    old_id bigint PRIMARY KEY,
    new_id bigint NOT NULL
);

-- Uncertain pairs of this run, by group or record, before records have ids.
CREATE TABLE consolidate_work_review (
    left_gid        bigint,
    left_record_id  bigint,
    right_gid       bigint,
    right_record_id bigint,
    score           real NOT NULL,
    reasons         text NOT NULL
);
