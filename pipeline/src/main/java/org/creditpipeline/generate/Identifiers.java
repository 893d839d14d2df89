package org.creditpipeline.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.creditpipeline.normalize.OrgCode;
import org.creditpipeline.normalize.ResidentId;
import org.creditpipeline.normalize.Uscc;

/**
 * Makes valid, run-unique identifiers. Uniqueness comes from a counter pushed through an affine permutation
 * (k·A + B mod M), so no set of issued values is kept; check characters come from the normalize validators.
 */
final class Identifiers {

    static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final long DIGIT_SPACE = 100_000_000L;
    private static final long MA_SPACE = 31L * 31 * 31 * 31 * 31 * 31;
    private static final long SEQ_HALF = 500;

    private final Permutation digitOrg;
    private final Permutation maOrg;
    private final Permutation civilServant;
    private final Permutation person;
    private final int civilFirstDay = (int) LocalDate.of(1962, 1, 1).toEpochDay();
    private final int civilDays = (int) (LocalDate.of(1994, 12, 31).toEpochDay() - civilFirstDay + 1);
    private final int personFirstDay = (int) LocalDate.of(1950, 1, 1).toEpochDay();
    private final int personDays = (int) (LocalDate.of(2003, 12, 31).toEpochDay() - personFirstDay + 1);
    private long digitCount;
    private long maCount;
    private long civilCount;
    private long personCount;

    Identifiers(SplittableRandom random) {
        digitOrg = new Permutation(DIGIT_SPACE, random);
        maOrg = new Permutation(MA_SPACE, random);
        civilServant = new Permutation((long) Regions.size() * civilDays * SEQ_HALF, random);
        person = new Permutation((long) Regions.size() * personDays * SEQ_HALF, random);
    }

    /** 8-character 主体标识码 body, either 8 digits (older codes, 机关) or MA + 6 characters (post-2015 enterprises). */
    String orgBody(boolean maForm) {
        char[] c = new char[8];
        if (maForm) {
            long v = maOrg.apply(maCount++);
            c[0] = 'M';
            c[1] = 'A';
            for (int i = 7; i >= 2; i--) {
                c[i] = USCC_ALPHABET.charAt((int) (v % 31));
                v /= 31;
            }
        } else {
            long v = digitOrg.apply(digitCount++);
            for (int i = 7; i >= 0; i--) {
                c[i] = (char) ('0' + v % 10);
                v /= 10;
            }
        }
        return new String(c);
    }

    /** A new valid USCC: category ("91", "92", "11", "12") + region + 组织机构代码 with its check + check char. */
    String uscc(String category, String regionCode, boolean maForm) {
        StringBuilder sb = new StringBuilder(18).append(category).append(regionCode);
        String body = orgBody(maForm);
        sb.append(body).append(OrgCode.checkChar(body));
        sb.append(Uscc.checkChar(sb));
        return sb.toString();
    }

    /** A new valid 18-digit 身份证 number; civil servants are born 1962–1994, other persons 1950–2003. */
    String residentId(boolean civil) {
        long v = civil ? civilServant.apply(civilCount++) : person.apply(personCount++);
        int days = civil ? civilDays : personDays;
        long seq = v % SEQ_HALF + (civil ? 0 : SEQ_HALF);
        v /= SEQ_HALF;
        int day = (int) (v % days) + (civil ? civilFirstDay : personFirstDay);
        int region = (int) (v / days);
        StringBuilder sb = new StringBuilder(18).append(Regions.get(region).code());
        Text.appendCompactDate(sb, LocalDate.ofEpochDay(day));
        Text.appendPadded(sb, seq, 3);
        sb.append(ResidentId.checkChar(sb));
        return sb.toString();
    }

    static String replaceCheckChar(String value, char[] alphabet, SplittableRandom random) {
        char old = value.charAt(value.length() - 1);
        char c;
        do {
            c = alphabet[random.nextInt(alphabet.length)];
        } while (c == old);
        return value.substring(0, value.length() - 1) + c;
    }

    /** Bijection on [0, m): k → (k·a + b) mod m with gcd(a, m) = 1. */
    private static final class Permutation {
        private final long m;
        private final long a;
        private final long b;

        Permutation(long m, SplittableRandom random) {
            if (m >= 1L << 30) {
                throw new IllegalArgumentException("space too large for overflow-free arithmetic: " + m);
            }
            this.m = m;
            long candidate = m / 3 + random.nextLong(m / 3);
            while (gcd(candidate, m) != 1) {
                candidate++;
            }
            this.a = candidate;
            this.b = random.nextLong(m);
        }

        long apply(long k) {
            if (k >= m) {
                throw new IllegalStateException("identifier space of " + m + " exhausted");
            }
            // m < 2^30, so k·a < 2^60 cannot overflow.
            return (k * a % m + b) % m;
        }

        private static long gcd(long x, long y) {
            return y == 0 ? x : gcd(y, x % y);
        }
    }
}
