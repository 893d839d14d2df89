package org.creditpipeline.generate;

/**
 * Logical fields of a generated record, shared by the four record kinds. Each output file lists which field goes in
 * which column, so variants and defects work on fields and never on column positions.
 */
enum Field {
    NAME, SUBJECT_KIND, USCC, REG_NO, ORG_CODE, TAX_NO, INST_CERT, SOCIAL_ORG,
    LEGAL_REP, LEGAL_REP_ID_TYPE, LEGAL_REP_ID, ID_TYPE, ID_NUMBER,
    DOC_NO, VIOLATION_TYPE, FACTS, BASIS, CATEGORY, CONTENT, FINE, CONFISCATED, LICENCE,
    DECISION_DATE, VALID_UNTIL, PUBLICATION_END,
    AUTHORITY, AUTHORITY_USCC, SOURCE_UNIT, SOURCE_USCC, REGION, REMARKS, EXPORT_TIME,
    WORK_UNIT, WORK_UNIT_USCC, POSITION, SEVERITY, CAUSE, RESULT;

    static final Field[] DATES = {DECISION_DATE, VALID_UNTIL, PUBLICATION_END};
    static final int COUNT = values().length;
}
