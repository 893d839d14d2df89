package org.creditpipeline.normalize;

/**
 * Result of checking one identifier.
 *
 * @param value    the normalized identifier (upper case, spaces and hyphens removed, 15-digit 身份证 converted to 18);
 *                 null only when the input was null
 * @param validity the outcome
 * @param message  null when {@link Validity#VALID}, else a short English reason for a data officer
 */
public record IdCheck(String value, Validity validity, String message) {

    public boolean isValid() {
        return validity == Validity.VALID;
    }

    /** VALID or MASKED: the value may be stored and shown, though a masked one cannot link records on its own. */
    public boolean isUsable() {
        return validity == Validity.VALID || validity == Validity.MASKED;
    }

    static IdCheck valid(String value) {
        return new IdCheck(value, Validity.VALID, null);
    }

    static IdCheck of(String value, Validity validity, String message) {
        return new IdCheck(value, validity, message);
    }
}
