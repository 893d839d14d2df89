-- The person bridge of the fuzzy stage (docs/CONSOLIDATION.md, Matching): one person's decision keyed two ways — by
-- 身份证 (P:) and by name + work unit (W:), or once without its 文号 (D: date/categories/authority) and once with it —
-- is found by name + decision date + the same categories + the same ID or an agreeing unit. The categories (处分种类,
-- 问责方式 …, sorted and ;-joined as MatchProfile.sortedCategories) of people's keys are kept for it.
ALTER TABLE consolidate_work_row ADD COLUMN category text;
ALTER TABLE consolidate_work_group ADD COLUMN category text;
ALTER TABLE record_key ADD COLUMN category text;

-- Existing keys of people. A key without 文号 holds its categories in its decision key (…|D:date/categories/function).
UPDATE record_key SET category = nullif(substring(match_key FROM '\|D:[^/|]*/([^/|]*)/[^|]*$'), '')
 WHERE person AND doc_key IS NULL;
-- A key with 文号: its record's categories. Only the kinds whose lists may lack a 文号 (纪律处分, 问责) can pair with a
-- key without one; the other kinds' keys are left as they are (their rows always carry a 文号 or 案号).
UPDATE record_key k
   SET category = (SELECT string_agg(DISTINCT btrim(x) COLLATE "C", ';' ORDER BY btrim(x) COLLATE "C")
                     FROM unnest(string_to_array(c.category, ';')) x WHERE btrim(x) <> '')
  FROM consolidated_record c
 WHERE c.id = k.record_id AND k.person AND k.doc_key IS NOT NULL AND c.category IS NOT NULL
   AND k.record_kind IN ('DISCIPLINARY_SANCTION', 'ACCOUNTABILITY');

-- A night's people with a 文号 look up the few keys of people without one (county lists) by name and date.
CREATE INDEX record_key_person_no_doc_idx ON record_key (record_kind, name_key, decision_date)
    WHERE person AND doc_key IS NULL;
