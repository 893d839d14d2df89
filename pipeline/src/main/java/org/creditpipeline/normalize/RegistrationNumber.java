package org.creditpipeline.normalize;

/**
 * 工商注册号 (GS15-2006): 6-digit 首次登记机关码 + 8-digit sequence + ISO 7064 MOD 11,10 check digit. Not derivable
 * from a USCC.
 */
public final class RegistrationNumber {

    private RegistrationNumber() {
    }

    public static IdCheck check(String raw) {
        if (raw == null) {
            return IdCheck.of(null, Validity.INVALID_FORMAT, "no value");
        }
        String v = IdChars.compact(raw);
        int n = v.length();
        if (n == 18) {
            return IdCheck.of(v, Validity.INVALID_FORMAT, "has 18 characters: a 统一社会信用代码, not a 15-digit 注册号");
        }
        if (n != 15) {
            return IdCheck.of(v, Validity.INVALID_FORMAT, "must have 15 digits but has " + n + " characters");
        }
        if (v.indexOf('*') >= 0) {
            return IdCheck.of(v, Validity.MASKED, "masked, cannot be verified");
        }
        if (!IdChars.allDigits(v, 0, 15)) {
            return IdCheck.of(v, Validity.INVALID_FORMAT, "must be all digits");
        }
        char expected = checkChar(v);
        char actual = v.charAt(14);
        if (expected != actual) {
            return IdCheck.of(v, Validity.INVALID_CHECKSUM,
                    "check digit should be '" + expected + "' but is '" + actual + "'");
        }
        return IdCheck.valid(v);
    }

    /**
     * ISO 7064 MOD 11,10 check digit of the first 14 digits.
     *
     * @throws IllegalArgumentException when fewer than 14 digits
     */
    public static char checkChar(CharSequence first14) {
        if (first14 == null || first14.length() < 14 || !IdChars.allDigits(first14, 0, 14)) {
            throw new IllegalArgumentException("need 14 digits");
        }
        int p = 10;
        for (int i = 0; i < 14; i++) {
            int s = (p + (first14.charAt(i) - '0')) % 10;
            p = (s == 0 ? 10 : s) * 2 % 11;
        }
        return (char) ('0' + (11 - p) % 10);
    }
}
