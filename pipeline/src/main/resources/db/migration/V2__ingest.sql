-- One row per distinct input (by content hash): re-ingesting the same bytes is detected here, whatever the file is called.
CREATE TABLE ingest_file (
    id               bigserial PRIMARY KEY,
    source_name      text        NOT NULL,
    source_path      text        NOT NULL,
    sha256           char(64)    NOT NULL UNIQUE,
    size_bytes       bigint      NOT NULL,
    format           text        NOT NULL,
    encoding         text,
    mapping          text,
    status           text        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    rows_read        bigint      NOT NULL DEFAULT 0,
    rows_accepted    bigint      NOT NULL DEFAULT 0,
    rows_rejected    bigint      NOT NULL DEFAULT 0,
    message          text,
    job_execution_id bigint,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);

-- Accepted rows, normalized onto the canonical record model (model/CreditRecord). Written by COPY in the same
-- transaction as the step's restart state, so a killed run resumes without gaps or duplicates.
CREATE TABLE staged_record (
    id                   bigserial PRIMARY KEY,
    file_id              bigint      NOT NULL REFERENCES ingest_file (id),
    sheet                text,
    source_row           bigint      NOT NULL,
    record_kind          text        NOT NULL,
    subject_kind         text,
    subject_name         text        NOT NULL,
    uscc                 text,
    org_code             text,
    registration_no      text,
    tax_no               text,
    institution_cert_no  text,
    social_org_no        text,
    id_type              text,
    id_number            text,
    legal_representative text,
    legal_rep_id_type    text,
    legal_rep_id_number  text,
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
    performance          text,
    remarks              text,
    status               text        NOT NULL DEFAULT 'ACTIVE',
    staged_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staged_record_file_idx ON staged_record (file_id, source_row);

-- Rejected rows with their original values and every reason: nothing is lost silently.
-- reasons: [{"column": "...", "value": "...", "code": "...", "message": "...", "messageZh": "..."}]
CREATE TABLE rejected_row (
    id         bigserial PRIMARY KEY,
    file_id    bigint      NOT NULL REFERENCES ingest_file (id),
    sheet      text,
    source_row bigint      NOT NULL,
    raw        jsonb       NOT NULL,
    reasons    jsonb       NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rejected_row_file_idx ON rejected_row (file_id, source_row);
