package org.creditpipeline.generate;

import java.time.LocalDate;

/** Allocation-light formatting for the hot path (no String.format). */
final class Text {

    private Text() {
    }

    static void appendPadded(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    static void appendCompactDate(StringBuilder sb, LocalDate d) {
        appendPadded(sb, d.getYear(), 4);
        appendPadded(sb, d.getMonthValue(), 2);
        appendPadded(sb, d.getDayOfMonth(), 2);
    }

    /** yyyy-MM-dd. */
    static String iso(int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        StringBuilder sb = new StringBuilder(10);
        appendPadded(sb, d.getYear(), 4);
        sb.append('-');
        appendPadded(sb, d.getMonthValue(), 2);
        sb.append('-');
        appendPadded(sb, d.getDayOfMonth(), 2);
        return sb.toString();
    }

    /** Yuan (whole) to 万元 with up to 4 decimals and no trailing zeros: 2000 → "0.2", 150000 → "15". */
    static String wanYuan(long yuan) {
        StringBuilder sb = new StringBuilder(12).append(yuan / 10_000);
        long frac = yuan % 10_000;
        if (frac != 0) {
            sb.append('.');
            StringBuilder f = new StringBuilder(4);
            appendPadded(f, frac, 4);
            int end = 4;
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append(f, 0, end);
        }
        return sb.toString();
    }

    /** ASCII letters and digits to their full-width forms (NFKC folds them back). */
    static String fullWidth(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char ch = c[i];
            if ((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
                c[i] = (char) (ch + 0xFEE0);
            }
        }
        return new String(c);
    }

    static boolean hasAsciiAlnum(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
                return true;
            }
        }
        return false;
    }
}
