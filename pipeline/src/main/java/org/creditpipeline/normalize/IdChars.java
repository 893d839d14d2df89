package org.creditpipeline.normalize;

import java.text.Normalizer;

/** Shared input clean-up for identifiers: the sources type them with spaces, hyphens, full-width digits, lower case. */
final class IdChars {

    private IdChars() {
    }

    /**
     * NFKC (only when a non-ASCII char is present), drop whitespace and hyphens, upper-case ASCII letters. Returns the
     * input itself when nothing changes, so the common clean case does not allocate.
     */
    static String compact(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw;
        int n = s.length();
        boolean change = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                s = Normalizer.normalize(s, Normalizer.Form.NFKC);
                n = s.length();
                change = true;
                break;
            }
            if (c <= ' ' || c == '-' || (c >= 'a' && c <= 'z')) {
                change = true;
            }
        }
        if (!change) {
            return s;
        }
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '-' || Character.isWhitespace(c) || isDashLike(c) || isInvisible(c)) {
                continue;
            }
            b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return b.toString();
    }

    // NFKC keeps these dashes and zero-width marks; spreadsheets paste them into codes.
    private static boolean isDashLike(char c) {
        return c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2014' || c == '\u2212';
    }

    private static boolean isInvisible(char c) {
        return (c >= '\u200B' && c <= '\u200F') || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean allDigits(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(String s, char c) {
        return s == null ? -1 : s.indexOf(c);
    }
}
