-- Record keys are looked up by an 8-byte hash of the match key instead of the text itself: the text primary key
-- (684 MB at 7.8M keys) made each of a night's key look-ups and inserts read a leaf page of a large index from disk
-- once the cache had gone cold; an index of 8-byte hashes is a quarter of that size. Look-ups compare the text too,
-- so a hash collision can never join two keys. The match key stays unique by construction: the consolidate job
-- inserts only the keys the look-up did not find, under the node lock. hashtextextended is immutable and stable
-- across PostgreSQL versions (hash partitioning relies on it); the generated column follows any later rewrite of
-- match_key (as V13 did).
ALTER TABLE record_key ADD COLUMN match_hash bigint GENERATED ALWAYS AS (hashtextextended(match_key, 0)) STORED;
ALTER TABLE record_key DROP CONSTRAINT record_key_pkey;
CREATE INDEX record_key_match_hash_idx ON record_key (match_hash);
