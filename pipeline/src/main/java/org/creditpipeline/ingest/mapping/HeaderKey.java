package org.creditpipeline.ingest.mapping;

import java.text.Normalizer;

/**
 * Header text reduced to what carries meaning, so that real variants compare equal (DOMAIN.md §3): NFKC (full-width
 * brackets and underscores), whitespace anywhere (including a trailing space), brackets and separators dropped, and the
 * {@code _n} ordinals removed because their meaning changed between template generations.
 * {@code 行政相对人代码_4（税务登记号） } and {@code 行政相对人代码＿4(税务登记号)} both become {@code 行政相对人代码税务登记号}.
 */
public final class HeaderKey {

    private HeaderKey() {
    }

    public static String of(String header) {
        if (header == null) {
            return "";
        }
        String s = Normalizer.normalize(header, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp == '_' || cp == '-' || cp == '—') {
                // An ordinal such as _1 or -3 right after a word: drop it with its separator.
                int j = next;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                i = j;
                continue;
            }
            if (Character.isLetterOrDigit(cp) || Character.isIdeographic(cp) || cp == '〇') {
                out.appendCodePoint(Character.isUpperCase(cp) ? Character.toLowerCase(cp) : cp);
            }
            i = next;
        }
        return out.toString();
    }
}
