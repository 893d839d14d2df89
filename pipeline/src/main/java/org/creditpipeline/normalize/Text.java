package org.creditpipeline.normalize;

import java.text.Normalizer;

/**
 * Text clean-up for names and free text: {@link #clean} for stored display text, {@link #key} for comparison.
 * Works by code point and never filters by {@code Character.isLetterOrDigit}, which is false for 〇 (U+3007) and for
 * CJK Extension H/I on Java 17 and would delete them.
 */
public final class Text {

    private Text() {
    }

    /**
     * Display text: NFKC, invisible characters removed (zero-width, BOM, soft hyphen, bidi marks, control characters;
     * tab and line breaks become spaces), whitespace runs (incl. U+3000, NBSP) collapsed to one space, trimmed.
     * Null stays null. Returns the input itself when it is already clean.
     */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        if (isAlreadyClean(s)) {
            return s;
        }
        String n = isWideOnly(s) ? fullWidthToHalfWidth(s)
                : Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(n.length());
        boolean pendingSpace = false;
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (isInvisible(cp)) {
                continue;
            }
            if (isSpace(cp)) {
                pendingSpace = b.length() > 0;
                continue;
            }
            if (pendingSpace) {
                b.append(' ');
                pendingSpace = false;
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    /**
     * A name (of a subject, a person, an authority, a unit): {@link #clean}, then no space between two Chinese
     * characters. Officers pad names to line them up (王　芳 beside 欧阳明, 惠山　区叶记餐馆) and a space between two
     * Han characters is never part of a Chinese name; spaces next to Latin letters or digits stay (ABC 科技). Null
     * stays null.
     */
    public static String cleanName(String s) {
        String c = clean(s);
        if (c == null || c.indexOf(' ') < 0) {
            return c;
        }
        StringBuilder b = new StringBuilder(c.length());
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == ' ' && i > 0 && i + 1 < c.length() && isHan(c.codePointBefore(i))
                    && isHan(c.codePointAt(i + 1))) {
                continue;
            }
            b.append(ch);
        }
        return b.toString();
    }

    private static boolean isHan(int cp) {
        return cp == 0x3007 || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /**
     * Free text (违法事实, 处罚内容, 处罚依据, 备注 …) as written: line breaks kept (CR LF and CR become LF; blank lines
     * and spaces around breaks dropped), other whitespace runs (U+3000 included) collapsed to one space, invisible
     * characters removed, full-width digits and letters folded (not the punctuation: ，：（） are the prose's own), and
     * nothing else: no NFKC, which is lossy for text ({@code ①} → 1,
     * {@code m²} → m2, DOMAIN.md §10). Null stays null. Returns the input itself when it is already clean.
     */
    public static String cleanFreeText(String s) {
        if (s == null || isAlreadyClean(s)) {
            return s;
        }
        String n = s;
        StringBuilder b = new StringBuilder(n.length());
        boolean pendingSpace = false;
        boolean pendingBreak = false;
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0xFF10 && cp <= 0xFF19 || cp >= 0xFF21 && cp <= 0xFF3A || cp >= 0xFF41 && cp <= 0xFF5A) {
                cp -= 0xFEE0; // full-width digits and letters; Chinese prose keeps its full-width punctuation
            }
            if (isInvisible(cp)) {
                continue;
            }
            if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
                pendingBreak = b.length() > 0;
                pendingSpace = false;
                continue;
            }
            if (isSpace(cp)) {
                pendingSpace = b.length() > 0 && !pendingBreak;
                continue;
            }
            if (pendingBreak) {
                b.append('\n');
                pendingBreak = false;
            } else if (pendingSpace) {
                b.append(' ');
            }
            pendingSpace = false;
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    /** {@link #cleanFreeText}, then null when the result is a {@link #isNullMarker null marker}. */
    public static String nullIfBlankFreeText(String s) {
        String c = cleanFreeText(s);
        return isNullMarker(c) ? null : c;
    }

    /**
     * Fast path of {@link #clean}: printable ASCII and common CJK ranges that NFKC leaves unchanged, single inner
     * spaces, no leading or trailing space. Anything else takes the slow path.
     */
    private static boolean isAlreadyClean(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        char prev = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 || c == 0x7F || (c == ' ' && prev == ' ')) {
                    return false;
                }
            } else if (!isNfkcStableCjk(c)) {
                return false;
            }
            prev = c;
        }
        return true;
    }

    /**
     * True when NFKC of the string is exactly {@link #fullWidthToHalfWidth}: every character is ASCII, a stable CJK
     * one, full-width ASCII (U+FF01–U+FF5E, NFKC maps each to its ASCII twin) or the ideographic space (→ space). The
     * common dirty cell — （北京）, ＡＢＣ１２３, a U+3000 — then skips the general normalizer.
     */
    private static boolean isWideOnly(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 && !isFullWidth(c) && !isNfkcStableCjk(c)) {
                return false;
            }
        }
        return true;
    }

    // Ranges without compatibility decompositions: CJK Unified (incl. Ext A), 、。〃 〇 and the CJK brackets 〈〉…〛.
    private static boolean isNfkcStableCjk(char c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3001 && c <= 0x3003)
                || (c >= 0x3007 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301B) || c == 0x00B7 || c == 0x2014
                || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D;
    }

    /** Characters with no visible glyph that creep in from web pages and Office: dropped from text and keys. */
    static boolean isInvisible(int cp) {
        if (cp < 0x20) {
            return cp != '\t' && cp != '\n' && cp != '\r' && cp != 0x0B && cp != 0x0C;
        }
        return cp == 0x7F || (cp >= 0x80 && cp <= 0x9F && cp != 0x85) || cp == 0x00AD
                || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
    }

    /** Whitespace incl. tab, line breaks, NEL, NBSP, U+2007, U+202F and the ideographic space U+3000. */
    static boolean isSpace(int cp) {
        return cp == ' ' || cp == 0x85 || cp == 0xA0 || cp == 0x2007 || cp == 0x202F || cp == 0x3000
                || Character.isWhitespace(cp);
    }

    /**
     * Comparison key: {@link #clean}, then brackets 〔〕【】〖〗［］[]﹝﹞（）{} → {@code ()}, ○ → 〇, middle-dot
     * variants → {@code ·}, whitespace and stray quote marks (incl. the back-tick) dropped, ASCII lower-cased. Null
     * stays null. Never use it for display.
     */
    public static String key(String s) {
        String c = clean(s);
        if (c == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(c.length());
        for (int i = 0; i < c.length(); ) {
            int cp = c.codePointAt(i);
            i += Character.charCount(cp);
            int m = keyChar(cp);
            if (m >= 0) {
                b.appendCodePoint(m);
            }
        }
        return b.toString();
    }

    /** The key form of one code point, or −1 to drop it. Shared with {@link DocumentNumbers}. */
    static int keyChar(int cp) {
        switch (cp) {
            case '(': case '[': case '{': case 0x3014: case 0x3010: case 0x3016: case 0xFF08: case 0xFF3B:
            case 0xFE5D: case 0x3018: case 0x301A: case 0xFF5B:
                return '(';
            case ')': case ']': case '}': case 0x3015: case 0x3011: case 0x3017: case 0xFF09: case 0xFF3D:
            case 0xFE5E: case 0x3019: case 0x301B: case 0xFF5D:
                return ')';
            case 0x25CB: // ○ WHITE CIRCLE, typed for 〇 in dates and names
            case 0x3007:
                return 0x3007;
            case 0x2022: case 0x2027: case 0x30FB: case 0xFF65: case 0x2219: case 0x22C5:
                return 0x00B7;
            case '`': case '\'': case '"': case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x00B4:
                return -1;
            default:
                if (cp >= 'A' && cp <= 'Z') {
                    return cp + 32;
                }
                return isSpace(cp) ? -1 : cp;
        }
    }

    /**
     * True for values that mean "no value" in the sources: null, blank, {@code / ／ 无 - -- — —— ― null NULL N/A n/a 空},
     * {@code 暂无} and {@code (空) (无)} as officers type them, and what programs write for a missing value:
     * {@code \N} (MySQL and PostgreSQL text exports), {@code nan NaN None} (Python), {@code undefined} (JavaScript)
     * (surrounding whitespace ignored).
     */
    public static boolean isNullMarker(String s) {
        if (s == null) {
            return true;
        }
        int from = 0;
        int to = s.length();
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        int len = to - from;
        if (len == 0) {
            return true;
        }
        if (len > 9) {
            return false;
        }
        String t = len == s.length() ? s : s.substring(from, to);
        switch (t) {
            case "/": case "／": case "无": case "-": case "--": case "—": case "——": case "null": case "NULL":
            case "Null": case "N/A": case "n/a": case "空": case "\u2015": case "暂无": case "(空)": case "（空）":
            case "(无)": case "（无）": case "\\N": case "nan": case "NaN": case "None": case "undefined":
                return true;
            default:
                return false;
        }
    }

    /**
     * True for null and for text of spaces and invisible characters only (NBSP, U+3000, zero-width, BOM, control
     * characters such as the DOS end-of-file mark Ctrl-Z): a cell that shows nothing, so a row of them is blank.
     */
    public static boolean isBlankText(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (!isSpace(c) && !isInvisible(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #clean}, then null when the result is a {@link #isNullMarker null marker}. */
    public static String nullIfBlank(String s) {
        String c = clean(s);
        return isNullMarker(c) ? null : c;
    }

    /**
     * Full-width ASCII (U+FF01–U+FF5E) → ASCII and U+3000 → space, nothing else (unlike NFKC, which also folds ①, ㎡,
     * Kangxi radicals). Null stays null.
     */
    public static String fullWidthToHalfWidth(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        int n = s.length();
        while (i < n && !isFullWidth(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] a = s.toCharArray();
        for (; i < n; i++) {
            char c = a[i];
            if (c == 0x3000) {
                a[i] = ' ';
            } else if (c >= 0xFF01 && c <= 0xFF5E) {
                a[i] = (char) (c - 0xFEE0);
            }
        }
        return new String(a);
    }

    private static boolean isFullWidth(char c) {
        return c == 0x3000 || (c >= 0xFF01 && c <= 0xFF5E);
    }
}
