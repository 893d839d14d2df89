package org.creditpipeline.model;

/**
 * 失信严重程度 as decided by the 认定单位 (发改委令第36号: 轻微 / 一般 / 严重). Never guessed by the pipeline:
 * {@link #UNSPECIFIED} when the source does not say.
 */
public enum SeverityTier {
    MINOR("轻微"),
    GENERAL("一般"),
    SERIOUS("严重"),
    UNSPECIFIED("未标明");

    private final String label;

    SeverityTier(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
