package org.creditpipeline.model;

/** Who a record is about (行政相对人类别 and the 政务诚信 subject kinds). */
public enum SubjectKind {
    GOVERNMENT_BODY("机关"),
    PUBLIC_INSTITUTION("事业单位"),
    CIVIL_SERVANT("公务员"),
    ENTERPRISE("法人及非法人组织"),
    INDIVIDUAL_BUSINESS("个体工商户"),
    NATURAL_PERSON("自然人");

    private final String label;

    SubjectKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for subjects identified by a personal ID number rather than an organisation code. */
    public boolean isPerson() {
        return this == NATURAL_PERSON || this == CIVIL_SERVANT;
    }
}
