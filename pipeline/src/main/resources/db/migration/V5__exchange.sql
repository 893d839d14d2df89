-- Exchange (docs/EXCHANGE.md): packages of change-log entries pushed to the parent node, verified and applied there as a
-- source, acknowledged with per-record feedback; record status changes with an audit trail.

-- Where a staged row came from before it reached this node: for a row from a child's package, the sources the child
-- carried (county file, sheet and row, through every level); null for rows ingested here (ingest_file says).
ALTER TABLE staged_record ADD COLUMN lineage jsonb;

-- Child side: every package built for the parent, until the parent acknowledges (or refuses) it.
CREATE TABLE exchange_outbound (
    package_id   text        PRIMARY KEY,
    parent_node  text        NOT NULL,
    from_seq     bigint      NOT NULL,
    to_seq       bigint      NOT NULL,
    changes      integer     NOT NULL,
    file_path    text        NOT NULL,
    sha256       char(64)    NOT NULL,
    status       text        NOT NULL CHECK (status IN ('SENT', 'ACKNOWLEDGED', 'REFUSED')),
    deliveries   integer     NOT NULL DEFAULT 0,
    message      text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz,
    acked_at     timestamptz,
    accepted     integer,
    updated      integer,
    questioned   integer,
    unmatched    integer
);
CREATE UNIQUE INDEX exchange_outbound_range_idx ON exchange_outbound (parent_node, from_seq);

-- Child side: the parent's answer for each record of a package (入库 / 更新 / 疑问 / 未关联); questioned rows go to the
-- data officers for correction and resubmission.
CREATE TABLE exchange_feedback (
    package_id       text    NOT NULL REFERENCES exchange_outbound (package_id),
    seq              bigint  NOT NULL,
    record_id        bigint  NOT NULL,
    outcome          text    NOT NULL CHECK (outcome IN ('ACCEPTED', 'UPDATED', 'QUESTIONED', 'UNMATCHED')),
    error_code       text,
    error_text       text,
    parent_record_id bigint,
    PRIMARY KEY (package_id, seq)
);
CREATE INDEX exchange_feedback_open_idx ON exchange_feedback (outcome) WHERE outcome IN ('QUESTIONED', 'UNMATCHED');

-- Parent side: every child package taken in. STAGED = rows written, consolidation pending (a crash here resumes);
-- APPLIED = consolidated and acknowledged. Sequence continuity per child is checked against to_seq.
CREATE TABLE exchange_inbound (
    package_id   text        PRIMARY KEY,
    child_node   text        NOT NULL,
    from_seq     bigint      NOT NULL,
    to_seq       bigint      NOT NULL,
    sha256       char(64)    NOT NULL,
    file_id      bigint      REFERENCES ingest_file (id),
    status       text        NOT NULL CHECK (status IN ('STAGED', 'APPLIED')),
    changes      integer     NOT NULL,
    accepted     integer,
    updated      integer,
    questioned   integer,
    unmatched    integer,
    received_at  timestamptz NOT NULL DEFAULT now(),
    applied_at   timestamptz
);
CREATE UNIQUE INDEX exchange_inbound_range_idx ON exchange_inbound (child_node, from_seq);

-- Parent side: packages refused (tampered, truncated, replayed, out of order, unknown sender) and why. Nothing of a
-- refused package is applied.
CREATE TABLE exchange_refusal (
    id          bigserial   PRIMARY KEY,
    file_name   text        NOT NULL,
    child_node  text,
    package_id  text,
    sha256      char(64),
    reason      text        NOT NULL,
    refused_at  timestamptz NOT NULL DEFAULT now()
);

-- Who changed a record's status (异议 / 修复 / 撤销 / 到期), why, on what decision, and the change-log entry it made.
CREATE TABLE status_audit (
    id          bigserial   PRIMARY KEY,
    record_id   bigint      NOT NULL REFERENCES consolidated_record (id),
    old_status  text        NOT NULL,
    new_status  text        NOT NULL,
    reason      text        NOT NULL,
    ref         text,
    actor       text        NOT NULL,
    seq         bigint      NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_audit_record_idx ON status_audit (record_id);

-- Lineage of each consolidated record down to the source rows it came from, through every level: a row ingested here
-- is {node, file, sheet, row}; a row from a child's package brings the sources the child listed.
CREATE VIEW record_lineage AS
SELECT rs.record_id, jsonb_agg(DISTINCT e.source) AS sources
  FROM record_source rs
  JOIN staged_record s ON s.id = rs.staged_record_id
  JOIN ingest_file f ON f.id = s.file_id
 CROSS JOIN LATERAL jsonb_array_elements(COALESCE(s.lineage, jsonb_build_array(jsonb_build_object(
       'node', regexp_replace(current_schema(), '^node_', ''), 'file', f.source_name, 'sheet', s.sheet,
       'row', s.source_row)))) AS e(source)
 GROUP BY rs.record_id;
