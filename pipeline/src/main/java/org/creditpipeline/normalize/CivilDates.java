package org.creditpipeline.normalize;

import java.time.LocalDate;
import java.time.ZoneId;

/** Allocation-free calendar checks shared by {@link ResidentId} and {@link Dates}. */
final class CivilDates {

    /** Records are Chinese: "today" and epoch timestamps are read in China Standard Time. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static volatile long todayValidUntilMillis;
    private static volatile int todayYmd;

    private CivilDates() {
    }

    static boolean isLeap(int y) {
        return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
    }

    static int daysInMonth(int y, int m) {
        switch (m) {
            case 2:
                return isLeap(y) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    static boolean isRealDate(int y, int m, int d) {
        return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
    }

    /** Today's date in China as yyyyMMdd; recomputed at most once a minute so hot loops do not touch the clock. */
    static int todayYmd() {
        long now = System.currentTimeMillis();
        if (now >= todayValidUntilMillis) {
            LocalDate today = LocalDate.now(CHINA);
            todayYmd = today.getYear() * 10000 + today.getMonthValue() * 100 + today.getDayOfMonth();
            todayValidUntilMillis = now + 60_000;
        }
        return todayYmd;
    }

    /** Digits of {@code s} in [from, to) as an int; caller guarantees they are ASCII digits. */
    static int digits(CharSequence s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
