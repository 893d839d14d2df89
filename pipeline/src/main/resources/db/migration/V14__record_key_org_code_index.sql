-- A new USCC looks up the records known only by the 组织机构代码 it holds (characters 9–17, consolidate/MatchStep):
-- few keys, a small index.
CREATE INDEX record_key_org_code_idx ON record_key (id_key) WHERE id_key LIKE 'O:%';
