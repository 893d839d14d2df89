package org.creditpipeline.normalize;

/**
 * 组织机构代码 (GB 11714-1997): 8 body characters (digits, A=10 … Z=35) + check character; shown as
 * {@code XXXXXXXX-X}, stored without the hyphen.
 */
public final class OrgCode {

    private static final int[] WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private OrgCode() {
    }

    /** Nine zeros, typed for "no code"; its check character happens to be right (Σ = 0 → 11 → '0'). */
    public static final String PLACEHOLDER = "000000000";

    /** True for {@code 000000000} / {@code 00000000-0} (after normalization), which sources use for "no code". */
    public static boolean isPlaceholder(String s) {
        return s != null && PLACEHOLDER.equals(IdChars.compact(s));
    }

    /** Accepts {@code XXXXXXXX-X} and 9 characters; {@code *} in an otherwise well-formed code is MASKED. */
    public static IdCheck check(String raw) {
        if (raw == null) {
            return IdCheck.of(null, Validity.INVALID_FORMAT, "no value");
        }
        String v = IdChars.compact(raw);
        int n = v.length();
        if (n != 9) {
            return IdCheck.of(v, Validity.INVALID_FORMAT, "must have 9 characters but has " + n);
        }
        boolean masked = false;
        for (int i = 0; i < 9; i++) {
            char c = v.charAt(i);
            if (c == '*') {
                masked = true;
            } else if (value(c) < 0) {
                return IdCheck.of(v, Validity.INVALID_FORMAT, "character " + (i + 1) + " '" + c + "' is not allowed");
            }
        }
        if (masked) {
            return IdCheck.of(v, Validity.MASKED, "masked, cannot be verified");
        }
        if (PLACEHOLDER.equals(v)) {
            return IdCheck.of(v, Validity.INVALID_FORMAT, "placeholder for a missing code");
        }
        char expected = checkCharUnchecked(v);
        char actual = v.charAt(8);
        if (expected != actual) {
            return IdCheck.of(v, Validity.INVALID_CHECKSUM,
                    "check character should be '" + expected + "' but is '" + actual + "'");
        }
        return IdCheck.valid(v);
    }

    /**
     * The check character of the first 8 characters: C9 = 11 − (S mod 11), 10 → 'X', 11 → '0'.
     *
     * @throws IllegalArgumentException when fewer than 8 characters or a character outside 0–9, A–Z
     */
    public static char checkChar(CharSequence first8) {
        if (first8 == null || first8.length() < 8) {
            throw new IllegalArgumentException("need 8 characters");
        }
        for (int i = 0; i < 8; i++) {
            if (value(first8.charAt(i)) < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " '" + first8.charAt(i) + "' is not allowed");
            }
        }
        return checkCharUnchecked(first8);
    }

    private static char checkCharUnchecked(CharSequence s) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += value(s.charAt(i)) * WEIGHTS[i];
        }
        int c9 = 11 - sum % 11;
        return c9 == 10 ? 'X' : c9 == 11 ? '0' : (char) ('0' + c9);
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
