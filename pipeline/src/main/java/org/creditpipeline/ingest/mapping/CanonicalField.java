package org.creditpipeline.ingest.mapping;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields a mapping config may fill: the components of {@link org.creditpipeline.model.CreditRecord} that come from
 * input, plus {@code subjectCategory} (the 行政相对人类别 text, turned into a subject kind through the config's value list).
 * The type says how the ingest normalizes and validates the cell.
 */
public enum CanonicalField {
    SUBJECT_NAME("subjectName", Type.TEXT),
    SUBJECT_CATEGORY("subjectCategory", Type.CODE),
    USCC("uscc", Type.USCC),
    ORG_CODE("orgCode", Type.ORG_CODE),
    REGISTRATION_NO("registrationNo", Type.IDENTIFIER_TEXT),
    TAX_NO("taxNo", Type.IDENTIFIER_TEXT),
    INSTITUTION_CERT_NO("institutionCertNo", Type.IDENTIFIER_TEXT),
    SOCIAL_ORG_NO("socialOrgNo", Type.IDENTIFIER_TEXT),
    ID_TYPE("idType", Type.TEXT),
    ID_NUMBER("idNumber", Type.PERSON_ID),
    LEGAL_REPRESENTATIVE("legalRepresentative", Type.TEXT),
    LEGAL_REP_ID_TYPE("legalRepIdType", Type.TEXT),
    LEGAL_REP_ID_NUMBER("legalRepIdNumber", Type.PERSON_ID),
    WORK_UNIT("workUnit", Type.TEXT),
    WORK_UNIT_USCC("workUnitUscc", Type.USCC),
    POSITION("position", Type.TEXT),
    /**
     * One column for both (工作单位及职务, 单位及职务: county 纪律处分 and 问责 lists): split into {@code workUnit} and
     * {@code position} where their own columns are empty ({@code normalize/WorkUnitPosition}).
     */
    WORK_UNIT_AND_POSITION("workUnitAndPosition", Type.TEXT),
    DOCUMENT_NUMBER("documentNumber", Type.DOCUMENT_NUMBER),
    AUTHORITY_NAME("authorityName", Type.TEXT),
    AUTHORITY_USCC("authorityUscc", Type.USCC),
    DECISION_DATE("decisionDate", Type.DATE),
    CATEGORY("category", Type.LIST),
    /** A second 处罚类别 column (2016 template CF_CFLB2 / 处罚类别2): its values join {@code category}'s. */
    CATEGORY_2("category2", Type.LIST),
    VIOLATION_TYPE("violationType", Type.TEXT),
    FACTS("facts", Type.TEXT),
    CONTENT("content", Type.TEXT),
    FINE_AMOUNT("fineAmount", Type.AMOUNT),
    CONFISCATED_AMOUNT("confiscatedAmount", Type.AMOUNT),
    LEGAL_BASIS("legalBasis", Type.TEXT),
    VALID_UNTIL("validUntil", Type.VALIDITY_DATE),
    PUBLICATION_END("publicationEnd", Type.DATE),
    SEVERITY("severity", Type.CODE),
    REGION_CODE("regionCode", Type.REGION),
    DATA_SOURCE_UNIT("dataSourceUnit", Type.TEXT),
    DATA_SOURCE_USCC("dataSourceUscc", Type.USCC),
    PERFORMANCE("performance", Type.TEXT),
    REMARKS("remarks", Type.TEXT),
    /** One column holding "身份证号码/组织机构代码" (失信被执行人 cardNum): the value's shape and the subject decide. */
    PARTY_ID("partyId", Type.PARTY_ID),
    SEX("sex", Type.SEX),
    AGE("age", Type.INTEGER),
    PUBLICATION_DATE("publicationDate", Type.DATE),
    /** The same 发布时间 as epoch seconds (publishDateStamp): used when the text date is missing. */
    PUBLICATION_TIMESTAMP("publicationTimestamp", Type.DATE),
    BASIS_UNIT("basisUnit", Type.TEXT),
    PERFORMED_PART("performedPart", Type.TEXT),
    UNPERFORMED_PART("unperformedPart", Type.TEXT),
    AREA_NAME("areaName", Type.TEXT),
    /** 当前状态 (2016 template CF_ZT: 0 正常, 1 撤销, 2 异议): the record status the source states (RecordStatus name). */
    RECORD_STATUS("recordStatus", Type.CODE);

    /** How a cell of this field is normalized and checked. */
    public enum Type {
        TEXT, CODE, LIST, USCC, ORG_CODE, IDENTIFIER_TEXT, PERSON_ID, PARTY_ID, SEX, INTEGER, DOCUMENT_NUMBER, DATE,
        VALIDITY_DATE, AMOUNT, REGION
    }

    private static final Map<String, CanonicalField> BY_NAME = new HashMap<>();

    static {
        for (CanonicalField f : values()) {
            BY_NAME.put(f.fieldName, f);
        }
    }

    private final String fieldName;
    private final Type type;

    CanonicalField(String fieldName, Type type) {
        this.fieldName = fieldName;
        this.type = type;
    }

    /**
     * Prose, stored as written (line breaks and symbols kept, see {@code Text.cleanFreeText}), never compared or keyed:
     * 违法事实, 处罚内容, 处罚依据, 违法行为类型, 履行情况, 已/未履行部分, 备注.
     */
    public boolean isFreeText() {
        return this == FACTS || this == CONTENT || this == LEGAL_BASIS || this == VIOLATION_TYPE
                || this == PERFORMANCE || this == PERFORMED_PART || this == UNPERFORMED_PART || this == REMARKS;
    }

    /**
     * Whether the cell is stored as written ({@code Text.cleanFreeText}) rather than NFKC-cleaned: free text, and the
     * 文号 / 案号, whose display keeps the raw string while its comparison key is derived apart (DOMAIN.md §5).
     */
    public boolean keptAsWritten() {
        return isFreeText() || this == DOCUMENT_NUMBER;
    }

    /**
     * Whether the blank upload template offers this field. Not for fields only older templates have (a second 处罚类别
     * column), that are not the officer's to fill (当前状态: status changes go through objection and repair), or that
     * the template asks for apart (工作单位及职务: 工作单位 and 职务).
     */
    public boolean inUploadTemplate() {
        return this != CATEGORY_2 && this != RECORD_STATUS && this != WORK_UNIT_AND_POSITION;
    }

    /** The name used in mapping configs. */
    public String fieldName() {
        return fieldName;
    }

    public Type type() {
        return type;
    }

    /** The field of a config name, or null. */
    public static CanonicalField byName(String name) {
        return BY_NAME.get(name);
    }

    public static String knownNames() {
        return String.join(", ", BY_NAME.keySet().stream().sorted().toList());
    }
}
