-- Ingest speed (docs/BENCHMARKS.md). The foreign keys staged_record.file_id and rejected_row.file_id → ingest_file ran
-- a trigger per COPY row (an index probe and a row lock on the same ingest_file row): about a third of the COPY time.
-- The same guarantees, checked per chunk and per delete instead of per row:
--  * insert: the ingest writer locks its ingest_file row FOR KEY SHARE once per chunk, in the chunk's transaction, and
--    fails when it is missing (ingest/StagingWriter), exactly what each row's FK check did;
--  * delete or id change of an ingest_file row: refused while staged or rejected rows refer to it (NO ACTION, as before).
ALTER TABLE staged_record DROP CONSTRAINT staged_record_file_id_fkey;
ALTER TABLE rejected_row DROP CONSTRAINT rejected_row_file_id_fkey;

CREATE FUNCTION ingest_file_keep_referenced() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    referenced boolean;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %1$I.staged_record WHERE file_id = $1)'
                   ' OR EXISTS (SELECT 1 FROM %1$I.rejected_row WHERE file_id = $1)', TG_TABLE_SCHEMA)
        INTO referenced USING OLD.id;
    IF referenced THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('ingest_file %s is still referenced by staged_record or rejected_row', OLD.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ingest_file_keep_referenced
    AFTER DELETE OR UPDATE OF id ON ingest_file
    FOR EACH ROW EXECUTE FUNCTION ingest_file_keep_referenced();
