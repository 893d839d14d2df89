-- The exact stage's groups (consolidate/MatchStep) are identified by their first staged row, and their keys are
-- unique by construction (GROUP BY). The unique index on group_key was only a guard, and inserting 7.8M random text
-- keys into it dominated the stage at 10M rows (the index outgrows the buffer cache); every join on group_key is a
-- hash join over the whole table anyway.
ALTER TABLE consolidate_work_group DROP CONSTRAINT consolidate_work_group_group_key_key;
