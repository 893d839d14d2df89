-- A new group with a full identifier (USCC, 身份证) looks up, by document key, the existing records known without any
-- identifier (consolidate/MatchStep): the same record consolidated in an earlier night from a row without its USCC or
-- with a masked ID. Those keys are few, so the index is small.
CREATE INDEX record_key_no_id_doc_idx ON record_key (record_kind, doc_key) WHERE id_key IS NULL;
