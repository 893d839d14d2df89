package org.creditpipeline.normalize;

/**
 * A value that cannot be read as what its column says (an impossible date, an unreadable amount). Carries a stable
 * code for counting and the reason in English ({@link #getMessage()}) and Chinese ({@link #messageZh()}) for the
 * rejected-row report. No stack trace: these are expected per-row outcomes, created in bulk.
 */
public final class InvalidValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String messageZh;

    /**
     * @param code      stable reason code, e.g. "DATE_INVALID", "AMOUNT_INVALID"
     * @param message   English reason
     * @param messageZh Chinese reason
     */
    public InvalidValueException(String code, String message, String messageZh) {
        super(message, null, false, false);
        this.code = code;
        this.messageZh = messageZh;
    }

    public String code() {
        return code;
    }

    public String message() {
        return getMessage();
    }

    public String messageZh() {
        return messageZh;
    }
}
