package org.creditpipeline.normalize;

/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 1 登记管理部门, 2 机构类别, 3–8 行政区划码, 9–17 主体标识码
 * (= the old 组织机构代码 incl. its own check character), 18 check character over a 31-character alphabet.
 */
public final class Uscc {

    /** The alphabet of GB 32100 (no I, O, S, V, Z); a character's index is its value. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /** 3^(i−1) mod 31 for positions 1–17. */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** Value of each ASCII char in the alphabet, −1 when not allowed. */
    private static final byte[] VALUE = new byte[128];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    /** Stands in for a missing code in 双公示 data (17 zeros + X). */
    public static final String PLACEHOLDER = "00000000000000000X";
    /** Eighteen zeros, typed for "no code" too; its check character happens to be right (Σ = 0 → '0'). */
    private static final String ZEROS = "000000000000000000";

    private Uscc() {
    }

    /**
     * Checks a raw value: NFKC, trim, spaces and hyphens removed, upper case; letter-leading codes (A1…, N1…, Y1…)
     * are legitimate. A value containing {@code *} is MASKED when it is otherwise well formed.
     */
    public static IdCheck check(String raw) {
        if (raw == null) {
            return IdCheck.of(null, Validity.INVALID_FORMAT, "no value");
        }
        String v = IdChars.compact(raw);
        int n = v.length();
        if (n != 18) {
            return IdCheck.of(v, Validity.INVALID_FORMAT, "must have 18 characters but has " + n);
        }
        if (v.indexOf('*') >= 0) {
            for (int i = 0; i < 18; i++) {
                char c = v.charAt(i);
                if (c != '*' && value(c) < 0) {
                    return IdCheck.of(v, Validity.INVALID_FORMAT, badCharMessage(c, i));
                }
            }
            return IdCheck.of(v, Validity.MASKED, "masked, cannot be verified");
        }
        for (int i = 0; i < 18; i++) {
            char c = v.charAt(i);
            if (value(c) < 0) {
                return IdCheck.of(v, Validity.INVALID_FORMAT, badCharMessage(c, i));
            }
            if (i >= 2 && i < 8 && !IdChars.isDigit(c)) {
                return IdCheck.of(v, Validity.INVALID_FORMAT,
                        "character " + (i + 1) + " must be a digit (region code) but is '" + c + "'");
            }
        }
        if (PLACEHOLDER.equals(v) || ZEROS.equals(v)) {
            return IdCheck.of(v, Validity.INVALID_FORMAT, "placeholder for a missing code");
        }
        if (v.charAt(0) == '0') {
            // 登记管理部门 are 1–9, A, N, Y: a leading 0 is a placeholder or a zero-padded number, never a code
            return IdCheck.of(v, Validity.INVALID_FORMAT, "character 1 (registration authority) cannot be '0'");
        }
        char expected = ALPHABET.charAt(checkValue(v));
        char actual = v.charAt(17);
        if (expected != actual) {
            return IdCheck.of(v, Validity.INVALID_CHECKSUM,
                    "check character should be '" + expected + "' but is '" + actual + "'");
        }
        return IdCheck.valid(v);
    }

    /**
     * The check character for the first 17 characters (upper case, alphabet only). Σ mod 31 = 0 yields '0'.
     *
     * @throws IllegalArgumentException when fewer than 17 characters or a character is outside the alphabet
     */
    public static char checkChar(CharSequence first17) {
        if (first17 == null || first17.length() < 17) {
            throw new IllegalArgumentException("need 17 characters");
        }
        for (int i = 0; i < 17; i++) {
            if (value(first17.charAt(i)) < 0) {
                throw new IllegalArgumentException(badCharMessage(first17.charAt(i), i));
            }
        }
        return ALPHABET.charAt(checkValue(first17));
    }

    private static int checkValue(CharSequence s) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += VALUE[s.charAt(i)] * WEIGHTS[i];
        }
        // The outer mod maps Σ ≡ 0 to 0, not to 31 (a known bug in some implementations).
        return (31 - sum % 31) % 31;
    }

    private static int value(char c) {
        return c < 128 ? VALUE[c] : -1;
    }

    private static String badCharMessage(char c, int i) {
        return "character " + (i + 1) + " '" + c + "' is not allowed";
    }

    /**
     * The valid code a value would be with the letters GB 32100 leaves out read as the digits they are mistaken for
     * (O → 0, I → 1; the alphabet has neither, so a code with them is never valid), or null when there is none or no
     * such letter. Only for telling the officer what to check: the value itself stays rejected.
     */
    public static String lookalikeCorrection(String raw) {
        String v = IdChars.compact(raw);
        if (v == null || v.length() != 18 || v.indexOf('O') < 0 && v.indexOf('I') < 0) {
            return null;
        }
        String corrected = v.replace('O', '0').replace('I', '1');
        return check(corrected).isValid() ? corrected : null;
    }

        /** Characters 9–17: the embedded 组织机构代码 (without hyphen), which links the USCC to older records. */
    public static String embeddedOrgCode(String validUscc) {
        return validUscc.substring(8, 17);
    }

    /**
     * True for {@code 00000000000000000X} and eighteen zeros (after normalization), which sources use for "no code".
     */
    public static boolean isPlaceholder(String s) {
        if (s == null) {
            return false;
        }
        String v = IdChars.compact(s);
        return PLACEHOLDER.equals(v) || ZEROS.equals(v);
    }

    /** 登记管理部门 + 机构类别 (first two characters, e.g. "91" 企业, "11" 机关), null when shorter. */
    public static String category(String uscc) {
        return uscc == null || uscc.length() < 2 ? null : uscc.substring(0, 2);
    }

    /** "11": 机构编制 / 机关 (government body). */
    public static boolean isGovernment(String uscc) {
        return uscc != null && uscc.startsWith("11");
    }

    /** "12": 机构编制 / 事业单位 (public institution). */
    public static boolean isPublicInstitution(String uscc) {
        return uscc != null && uscc.startsWith("12");
    }
}
