-- Fields of the court's 失信被执行人 list and of person records that the 双公示 columns do not have (DOMAIN.md §4),
-- and the error report every ingest writes for the data officer.
ALTER TABLE staged_record
    ADD COLUMN sex              text,
    ADD COLUMN age              integer,
    ADD COLUMN publication_date date,
    ADD COLUMN basis_unit       text,
    ADD COLUMN performed_part   text,
    ADD COLUMN unperformed_part text,
    ADD COLUMN area_name        text;

COMMENT ON COLUMN staged_record.sex IS '性别: 男 or 女 (男性/女性 folded)';
COMMENT ON COLUMN staged_record.age IS '年龄 as published (失信被执行人); null for organisations';
COMMENT ON COLUMN staged_record.publication_date IS '发布时间 (失信被执行人 publishDate / publishDateStamp)';
COMMENT ON COLUMN staged_record.basis_unit IS '做出执行依据单位 (gistUnit)';
COMMENT ON COLUMN staged_record.performed_part IS '已履行部分';
COMMENT ON COLUMN staged_record.unperformed_part IS '未履行部分';
COMMENT ON COLUMN staged_record.area_name IS '省份 as published (areaName, short form such as 江苏)';

ALTER TABLE ingest_file ADD COLUMN error_report text;
COMMENT ON COLUMN ingest_file.error_report IS 'path of the .xlsx error report written for this file';
