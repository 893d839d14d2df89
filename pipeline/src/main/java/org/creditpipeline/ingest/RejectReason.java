package org.creditpipeline.ingest;

/**
 * Why a row was rejected, for one cell (or the whole row when column is null): the raw header and value, a stable code
 * and the reason in English and in Chinese for the data officer.
 */
public record RejectReason(String column, String value, String code, String message, String messageZh) {

    public static final String REQUIRED_MISSING = "REQUIRED_MISSING";
    public static final String USCC_INVALID = "USCC_INVALID";
    public static final String ID_INVALID = "ID_INVALID";
    public static final String ORG_CODE_INVALID = "ORG_CODE_INVALID";
    public static final String DATE_INVALID = "DATE_INVALID";
    public static final String AMOUNT_INVALID = "AMOUNT_INVALID";
    public static final String REGION_INVALID = "REGION_INVALID";
    /** A well-formed region outside the ingesting node's own (辖区), e.g. another province's record uploaded at a county. */
    public static final String REGION_OUTSIDE_NODE = "REGION_OUTSIDE_NODE";
    public static final String PUBLICATION_END_BEFORE_DECISION = "PUBLICATION_END_BEFORE_DECISION";
    public static final String CODE_VALUE_UNKNOWN = "CODE_VALUE_UNKNOWN";
    public static final String ROW_STRUCTURE = "ROW_STRUCTURE";
    public static final String SEX_INVALID = "SEX_INVALID";
    public static final String NUMBER_INVALID = "NUMBER_INVALID";
    /** #N/A, #VALUE! and the like: a formula failed in the officer's workbook. */
    public static final String EXCEL_ERROR_VALUE = "EXCEL_ERROR_VALUE";
    /** A 15-digit 工商注册号 whose GS15 check digit is wrong. */
    public static final String REGISTRATION_NO_INVALID = "REGISTRATION_NO_INVALID";
    /**
     * One 文号/案号 cell holding the numbers of several decisions (黔南公罚决字〔2024〕12号、13号): one row per decision
     * document is asked for.
     */
    public static final String DOCUMENT_NUMBER_MULTIPLE = "DOCUMENT_NUMBER_MULTIPLE";
    /** The stated subject category contradicts the identifier (a natural person with an organization code). */
    public static final String SUBJECT_KIND_CONFLICT = "SUBJECT_KIND_CONFLICT";
}
