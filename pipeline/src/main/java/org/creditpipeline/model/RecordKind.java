package org.creditpipeline.model;

/**
 * What a credit record is about. The first four are the 政务失信记录 kinds of 国发〔2016〕76号; the last is the
 * court's 失信被执行人 list, carried through the same pipeline.
 */
public enum RecordKind {
    COURT_JUDGMENT("司法判决"),
    ADMINISTRATIVE_PENALTY("行政处罚"),
    DISCIPLINARY_SANCTION("纪律处分"),
    ACCOUNTABILITY("问责处理"),
    DISHONEST_DEBTOR("失信被执行人");

    private final String label;

    RecordKind(String label) {
        this.label = label;
    }

    /** The Chinese name used in data files, reports and templates. */
    public String label() {
        return label;
    }

    /** Accepts the enum name or the Chinese label; null when neither matches. */
    public static RecordKind fromText(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        for (RecordKind kind : values()) {
            if (kind.name().equalsIgnoreCase(t) || kind.label.equals(t)) {
                return kind;
            }
        }
        return null;
    }
}
