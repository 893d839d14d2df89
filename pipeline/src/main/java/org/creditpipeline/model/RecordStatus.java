package org.creditpipeline.model;

/** Lifecycle of a record once published: 正常, 异议中, 已修复, 已撤销, 已到期. */
public enum RecordStatus {
    ACTIVE("正常"),
    UNDER_OBJECTION("异议中"),
    REPAIRED("已修复"),
    WITHDRAWN("已撤销"),
    EXPIRED("公示到期");

    private final String label;

    RecordStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
