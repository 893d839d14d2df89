package org.creditpipeline.normalize;

import java.time.LocalDate;

/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code + 8-digit birth date + 3-digit sequence (odd = male) + ISO 7064
 * MOD 11-2 check character. 15-digit numbers (pre-1999) are converted to 18 digits.
 */
public final class ResidentId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /** Earliest plausible birth year; anything older is a typo, not a living subject. */
    private static final int MIN_BIRTH_YEAR = 1850;

    private ResidentId() {
    }

    /**
     * Checks a raw number: format, MOD 11-2 check, province code (11–65 as in GB/T 2260, 71, 81, 82 and 83 for
     * residence permits), birth date real and not in the future. Masked forms (18 chars, or the 19-char 2016 court
     * form {@code 41038119781****3436}; masked with {@code *}, or a run of {@code ×} or {@code X} before the last character) are
     * MASKED, stored with {@code *}.
     */
    public static IdCheck check(String raw) {
        if (raw == null) {
            return IdCheck.of(null, Validity.INVALID_FORMAT, "no value");
        }
        String v = IdChars.compact(raw);
        int n = v.length();
        if ((n == 18 || n == 19) && (v.indexOf("××") >= 0 || v.lastIndexOf("XX", n - 3) >= 0)) {
            // masked with × or X (110101××××××××1234, 1101011990XXXX123X): the check character is the only X; a single
            // X inside the number is a typo, not a mask
            v = v.substring(0, n - 1).replace('×', '*').replace('X', '*') + v.charAt(n - 1);
        }
        if (v.indexOf('*') >= 0) {
            return checkMasked(v);
        }
        if (n == 15) {
            if (!IdChars.allDigits(v, 0, 15)) {
                return IdCheck.of(v, Validity.INVALID_FORMAT, "a 15-character number must be all digits");
            }
            String first17 = v.substring(0, 6) + "19" + v.substring(6);
            String v18 = first17 + checkCharUnchecked(first17);
            return checkRegionAndDate(v18);
        }
        if (n != 18) {
            return IdCheck.of(v, Validity.INVALID_FORMAT, "must have 18 characters but has " + n);
        }
        char last = v.charAt(17);
        if (!IdChars.allDigits(v, 0, 17) || !(IdChars.isDigit(last) || last == 'X')) {
            return IdCheck.of(v, Validity.INVALID_FORMAT, "must be 17 digits followed by a digit or X");
        }
        char expected = checkCharUnchecked(v);
        if (expected != last) {
            return IdCheck.of(v, Validity.INVALID_CHECKSUM,
                    "check character should be '" + expected + "' but is '" + last + "'");
        }
        return checkRegionAndDate(v);
    }

    private static IdCheck checkMasked(String v) {
        int n = v.length();
        if (n != 18 && n != 19) {
            return IdCheck.of(v, Validity.INVALID_FORMAT, "masked number must have 18 or 19 characters but has " + n);
        }
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c != '*' && !IdChars.isDigit(c) && !(c == 'X' && i == n - 1)) {
                return IdCheck.of(v, Validity.INVALID_FORMAT, "character " + (i + 1) + " '" + c + "' is not allowed");
            }
        }
        return IdCheck.of(v, Validity.MASKED, "masked, cannot be verified");
    }

    private static IdCheck checkRegionAndDate(String v18) {
        int province = CivilDates.digits(v18, 0, 2);
        if (!isProvince(province)) {
            return IdCheck.of(v18, Validity.INVALID_REGION, "province code " + v18.substring(0, 2) + " does not exist");
        }
        int y = CivilDates.digits(v18, 6, 10);
        int m = CivilDates.digits(v18, 10, 12);
        int d = CivilDates.digits(v18, 12, 14);
        if (y < MIN_BIRTH_YEAR || !CivilDates.isRealDate(y, m, d)) {
            return IdCheck.of(v18, Validity.INVALID_DATE, "birth date " + v18.substring(6, 14) + " is not a real date");
        }
        if (y * 10000 + m * 100 + d > CivilDates.todayYmd()) {
            return IdCheck.of(v18, Validity.INVALID_DATE, "birth date " + v18.substring(6, 14) + " is in the future");
        }
        return IdCheck.valid(v18);
    }

    static boolean isProvince(int p) {
        // 83 is not in GB/T 2260 but is used on 台湾居民居住证.
        return RegionCodes.isProvinceCode(p) || p == 83;
    }

    /**
     * The MOD 11-2 check character of the first 17 digits.
     *
     * @throws IllegalArgumentException when fewer than 17 characters or a non-digit among them
     */
    public static char checkChar(CharSequence first17) {
        if (first17 == null || first17.length() < 17 || !IdChars.allDigits(first17, 0, 17)) {
            throw new IllegalArgumentException("need 17 digits");
        }
        return checkCharUnchecked(first17);
    }

    private static char checkCharUnchecked(CharSequence s) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Birth date of a number that passed {@link #check} as VALID (18 digits). */
    public static LocalDate birthDate(String valid18) {
        return LocalDate.of(CivilDates.digits(valid18, 6, 10), CivilDates.digits(valid18, 10, 12),
                CivilDates.digits(valid18, 12, 14));
    }

    /** Sex from the sequence number: odd = male. */
    public static boolean isMale(String valid18) {
        return ((valid18.charAt(16) - '0') & 1) == 1;
    }
}
