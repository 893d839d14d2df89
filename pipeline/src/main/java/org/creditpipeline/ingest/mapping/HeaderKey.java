package org.creditpipeline.ingest.mapping;

import java.text.Normalizer;

import org.creditpipeline.normalize.ChineseScript;

/**
 * Header text reduced to what carries meaning, so that real variants compare equal (DOMAIN.md §3): NFKC (full-width
 * brackets and underscores), traditional characters as simplified ({@code 行政處罰決定書文號}), whitespace anywhere
 * (including a trailing space and line breaks inside the cell), brackets and separators dropped, the {@code _n} ordinals
 * removed because their meaning changed between template generations, and the fill-in notes templates put in brackets
 * ({@code （必填）}, {@code (选填)}, {@code （格式：YYYY/MM/DD）}) removed with their brackets, and a column number in
 * front ({@code 1.}, {@code 12、}, {@code (3)}, {@code 十二、}) dropped.
 * {@code 行政相对人代码_4（税务登记号） } and {@code 行政相对人代码＿4(税务登记号)} both become {@code 行政相对人代码税务登记号}.
 */
public final class HeaderKey {

    /** How a bracketed fill-in note starts: it tells the officer how to fill the column, not what the column is. */
    private static final String[] NOTES = {
        "必填", "选填", "非必填", "可选", "可空", "可不填", "可为空", "不必填", "格式", "例:", "例如", "如:", "注:", "示例", "填写", "请"
    };

    private HeaderKey() {
    }

    /** A column number templates put before each header: {@code 1.}, {@code 2、}, {@code (3)}, {@code 十二、}. */
    private static final java.util.regex.Pattern LEADING_NUMBER = java.util.regex.Pattern.compile(
            "^\\s*(\\(\\d{1,2}\\)|\\d{1,2}\\s*[.、]|[一二三四五六七八九十]{1,3}\\s*、)\\s*(?=\\D)");

    /** Keys of the mappings' own words (synonyms, keywords, exclusions): a bounded set, computed once each. */
    private static final java.util.Map<String, String> CONFIGURED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@link #of} for a word of a mapping config (a header synonym, a keyword, an exclusion), remembered: header
     * matching compares every header of a file with every such word of every mapping, and a key costs a Unicode
     * normalization and a regex. Never for a file's own cells (they are unbounded).
     */
    public static String ofConfigured(String word) {
        return word == null ? "" : CONFIGURED.computeIfAbsent(word, HeaderKey::of);
    }

    public static String of(String header) {
        if (header == null) {
            return "";
        }
        String s = ChineseScript.toSimplified(Normalizer.normalize(header, Normalizer.Form.NFKC));
        s = LEADING_NUMBER.matcher(s).replaceFirst("");
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
            int close = closingBracket(s, i);
            if (close > 0 && isNote(s, next, close)) {
                i = close + 1;
                continue;
            }
            if (Character.isLetterOrDigit(cp) || Character.isIdeographic(cp) || cp == '〇') {
                out.appendCodePoint(Character.isUpperCase(cp) ? Character.toLowerCase(cp) : cp);
            }
            i = next;
        }
        return out.toString();
    }

    /** For an opening bracket at i (after NFKC: ( [ 【 〔), the index of its closing bracket, else -1. */
    private static int closingBracket(String s, int i) {
        char open = s.charAt(i);
        char close = switch (open) {
            case '(' -> ')';
            case '[' -> ']';
            case '【' -> '】';
            case '〔' -> '〕';
            default -> 0;
        };
        return close == 0 ? -1 : s.indexOf(close, i + 1);
    }

    private static boolean isNote(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        for (String note : NOTES) {
            if (s.startsWith(note, from) && from + note.length() <= to) {
                return true;
            }
        }
        return false;
    }
}
