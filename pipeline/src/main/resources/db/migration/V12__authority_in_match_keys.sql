-- Consolidation matches on the authority too (docs/CONSOLIDATION.md, Keys): the same 文号 and subject from another
-- authority is another decision. The authority's USCC is kept with the match profile, so the fuzzy stage can tell two
-- authorities apart by their codes; V13 appends the authority's function to the document part of existing keys.
ALTER TABLE consolidate_work_row ADD COLUMN authority_uscc text;
ALTER TABLE consolidate_work_group ADD COLUMN authority_uscc text;
ALTER TABLE record_key ADD COLUMN authority_uscc text;
UPDATE record_key k SET authority_uscc = c.authority_uscc
  FROM consolidated_record c
 WHERE c.id = k.record_id AND c.authority_uscc IS NOT NULL;

-- A contradiction is either one 文号 of one authority naming subjects with different USCCs (SUBJECTS), or one 文号 of
-- one subject from different authorities (AUTHORITIES: two decisions kept apart; authority lists them, ' / ' joined).
ALTER TABLE consolidation_conflict ADD COLUMN kind text NOT NULL DEFAULT 'SUBJECTS'
    CHECK (kind IN ('SUBJECTS', 'AUTHORITIES'));
