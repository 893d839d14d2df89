package org.creditpipeline.normalize;

/**
 * Structural checks on GB/T 2260 行政区划代码 (province 2 + prefecture 2 + county 2 digits), without a code table.
 * Whether a code exists is {@link RegionTable}'s job: the list changes yearly and is supplied by the operator.
 */
public final class RegionCodes {

    /** Level of a code by its shape: {@code XX0000} province, {@code XXXX00} prefecture, else county. */
    public enum Level {
        PROVINCE,
        PREFECTURE,
        COUNTY
    }

    /** Province codes 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 台湾, 81 香港, 82 澳门, as a bit set. */
    private static final long PROVINCES_LOW; // 0..63
    private static final long PROVINCES_HIGH; // 64..127

    static {
        int[] codes = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
            53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
        long low = 0;
        long high = 0;
        for (int c : codes) {
            if (c < 64) {
                low |= 1L << c;
            } else {
                high |= 1L << (c - 64);
            }
        }
        PROVINCES_LOW = low;
        PROVINCES_HIGH = high;
    }

    private RegionCodes() {
    }

    static boolean isProvinceCode(int p) {
        if (p < 0 || p > 127) {
            return false;
        }
        return p < 64 ? (PROVINCES_LOW & (1L << p)) != 0 : (PROVINCES_HIGH & (1L << (p - 64))) != 0;
    }

    /** 6 ASCII digits whose first two are a province code; does not say the code exists. */
    public static boolean isWellFormed(String code) {
        return code != null && code.length() == 6 && IdChars.allDigits(code, 0, 6)
                && isProvinceCode(CivilDates.digits(code, 0, 2));
    }

    /** The level by shape, or null when the code is not {@link #isWellFormed well formed}. */
    public static Level level(String code) {
        if (!isWellFormed(code)) {
            return null;
        }
        if (code.charAt(4) == '0' && code.charAt(5) == '0') {
            return code.charAt(2) == '0' && code.charAt(3) == '0' ? Level.PROVINCE : Level.PREFECTURE;
        }
        return Level.COUNTY;
    }

    /**
     * County → {@code XXXX00}, prefecture → {@code XX0000}, province or malformed → null. Structural only: for
     * 直辖市 counties and 省直辖县级 units the real parent is the province, see {@link RegionTable#parentOf}.
     */
    public static String structuralParent(String code) {
        Level level = level(code);
        if (level == null) {
            return null;
        }
        switch (level) {
            case COUNTY:
                return code.substring(0, 4) + "00";
            case PREFECTURE:
                return code.substring(0, 2) + "0000";
            default:
                return null;
        }
    }

    /**
     * True when {@code code} equals {@code ancestor} or lies inside it by shape (same province digits for a province
     * ancestor, same first four digits for a prefecture ancestor). False when either is malformed.
     */
    public static boolean isWithin(String code, String ancestor) {
        Level al = level(ancestor);
        if (al == null || !isWellFormed(code)) {
            return false;
        }
        switch (al) {
            case PROVINCE:
                return code.regionMatches(0, ancestor, 0, 2);
            case PREFECTURE:
                return code.regionMatches(0, ancestor, 0, 4);
            default:
                return code.equals(ancestor);
        }
    }
}
