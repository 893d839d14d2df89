package org.creditpipeline.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 文号 (document numbers, GB/T 9704 {@code 津武环罚字〔2017〕188号}) and 案号 (court case numbers,
 * {@code (2016)苏0804执782号}). The stored value stays as submitted; these keys only compare (DOMAIN.md §5).
 */
public final class DocumentNumbers {

    /** 执行依据 document-type words, longest first so 民事判决书 is not cut to 民事. */
    private static final String[] BASIS_SUFFIXES = {
        "民事判决书", "民事裁定书", "民事调解书", "刑事判决书", "刑事裁定书", "行政判决书", "行政裁定书",
        "判决书", "裁定书", "裁决书", "调解书"
    };

    /**
     * Titles typed after a 文号 ({@code 筑南市监罚〔2023〕12号行政处罚决定书}): the name of the document, not part of its
     * number; longest first.
     */
    private static final String[] TITLES = {"行政处罚决定书", "处罚决定书", "处分决定书", "决定书"};

    /** 类型代字 recognised when a pre-2016 案号 has no numeric court code to split on; longest first. */
    private static final String[] CASE_TYPES = {
        "执恢", "执异", "执复", "执监", "执保", "执协", "执他", "民初", "民终", "民再", "民申", "民监", "民特", "民催",
        "民辖", "民执", "刑初", "刑终", "刑再", "刑监", "行初", "行终", "行审", "财保", "执", "破"
    };

    private DocumentNumbers() {
    }

    /**
     * Comparison key (DOMAIN.md §5 steps 1–5): NFKC; traditional characters as simplified; brackets 〔〕【】〖〗［］[]﹝﹞（） → {@code ()}; whitespace and stray
     * punctuation (back-tick, quotes) dropped; a label before the number ({@code 案号：}, {@code 文号：}) and a document
     * title after it ({@code …12号行政处罚决定书}) dropped; a year typed without brackets bracketed
     * ({@code 2016苏0804执782号}, {@code 筑南市监罚2023年12号});
     * the {@code 字} an issuer writes right before the year dropped ({@code 津武环罚字〔2017〕15号} =
     * {@code 津武环罚〔2017〕15号}); a missing closing {@code 号} after a bracketed year and a serial added;
     * {@code 字第} / {@code 第} before the serial dropped; the serial's leading zeros stripped. {@code (2015)北法执字第00880号} and {@code （2015）北法执880号} give the same key.
     * Null for null or a null marker.
     */
    public static String key(String raw) {
        String c = Text.clean(raw);
        if (c == null || Text.isNullMarker(c)) {
            return null;
        }
        c = ChineseScript.toSimplified(c); // 號 執 罰: the same number typed in traditional characters
        StringBuilder b = new StringBuilder(c.length());
        for (int i = 0; i < c.length(); ) {
            int cp = c.codePointAt(i);
            i += Character.charCount(cp);
            int m = Text.keyChar(cp);
            if (m >= 0) {
                b.appendCodePoint(m);
            }
        }
        dropLabel(b);
        dropNote(b);
        dropTitle(b);
        bracketBareYear(b);
        dropZiBeforeYear(b);
        closeNumber(b);
        normalizeSerial(b);
        return b.toString();
    }

    /**
     * The complete 文号/案号 a cell holds, as written: one for a plain number (the cell itself), several when a cell
     * joins the numbers of several decisions ({@code A〔2024〕1号；B〔2024〕2号}, {@code X罚〔2023〕5号,X罚〔2023〕6号},
     * one per line), a later one given by its serial alone taking the earlier one's issuer and year
     * ({@code 黔南公罚决字〔2024〕12号、13号} and {@code …〔2024〕12、13号} are {@code …〔2024〕12号} and
     * {@code …〔2024〕13号}). Parts are separated by {@code 、 ； ; , ， / ／} or a line break outside brackets (a note
     * in brackets, {@code （撤销原〔2022〕5号，重新作出）}, stays in its number), or by {@code 和}/{@code 及} after a 号; a part
     * counts as a number when its {@link #key} has a bracketed year and ends in a serial and 号 ({@code 淮阴环罚2021-15号}
     * does not: where its serial starts is not certain). Fewer than two numbers give the cell as it is; null and
     * blanks give none.
     */
    public static List<String> numbers(String raw) {
        if (raw == null || raw.isBlank() || Text.isNullMarker(raw)) {
            return List.of();
        }
        List<String> parts = parts(raw);
        if (parts.size() < 2) {
            return List.of(raw); // one number, the cell of nearly every row: no key computed here (the caller keys it)
        }
        List<String> found = new ArrayList<>(2);
        String last = null;
        for (String part : parts) {
            if (isNumbered(key(part))) {
                last = IdChars.isDigit(part.charAt(part.length() - 1)) ? part + "号" : part;
                found.add(last);
            } else if (last != null && SERIAL_ONLY.matcher(part).matches()) {
                String digits = part.replaceAll("\\D", "");
                found.add(serialPrefix(last) + digits + "号");
            }
        }
        return found.size() < 2 ? List.of(raw) : found;
    }

    /** A later number given by its serial alone: {@code 13号}, {@code 13}, {@code 第13号}. */
    private static final java.util.regex.Pattern SERIAL_ONLY = java.util.regex.Pattern.compile("第?\\s*\\d{1,8}\\s*号?");

    /** The cell split at the separators outside brackets, each part stripped, empty parts dropped. */
    private static List<String> parts(String raw) {
        List<String> parts = new ArrayList<>(2);
        int depth = 0;
        int from = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '(', '（', '〔', '[', '【', '﹝', '［', '〖' -> depth++;
                case ')', '）', '〕', ']', '】', '﹞', '］', '〗' -> depth = Math.max(0, depth - 1);
                default -> {
                    boolean separator = c == '、' || c == '；' || c == ';' || c == ',' || c == '，' || c == '/'
                            || c == '／' || c == '\n' || c == '\r'
                            || (c == '和' || c == '及') && raw.substring(from, i).strip().endsWith("号");
                    if (separator && depth == 0) {
                        addPart(parts, raw.substring(from, i));
                        from = i + 1;
                    }
                }
            }
        }
        addPart(parts, raw.substring(from));
        return parts;
    }

    private static void addPart(List<String> parts, String part) {
        String p = part.strip();
        if (!p.isEmpty()) {
            parts.add(p);
        }
    }

    /** A key with a bracketed year that ends in a serial and 号: {@code 黔南公罚决字(2024)12号}, {@code (2019)苏01刑初12号}. */
    private static boolean isNumbered(String key) {
        if (key == null || key.length() < 8 || key.charAt(key.length() - 1) != '号'
                || !IdChars.isDigit(key.charAt(key.length() - 2))) {
            return false;
        }
        int close = key.lastIndexOf(')');
        return close >= 5 && key.charAt(close - 5) == '(' && IdChars.allDigits(key, close - 4, close)
                && close < key.length() - 2;
    }

    /** A written number up to its serial ({@code 黔南公罚决字〔2024〕} of {@code 黔南公罚决字〔2024〕12号}, 第 kept). */
    private static String serialPrefix(String number) {
        int end = number.length();
        while (end > 0 && (number.charAt(end - 1) == '号' || Character.isWhitespace(number.charAt(end - 1)))) {
            end--;
        }
        int start = end;
        while (start > 0 && IdChars.isDigit(number.charAt(start - 1))) {
            start--;
        }
        return number.substring(0, start);
    }

    /**
     * Drops a label typed before the number ({@code 案号：(2016)苏0804执782号}, {@code 文号：…}, {@code 执行案号:…}): Han
     * characters ending in 号, then a colon, at the start.
     */
    private static void dropLabel(StringBuilder b) {
        int colon = b.indexOf(":");
        if (colon < 2 || colon > 10 || colon == b.length() - 1 || b.charAt(colon - 1) != '号') {
            return;
        }
        for (int i = 0; i < colon; i++) {
            if (Character.UnicodeScript.of(b.charAt(i)) != Character.UnicodeScript.HAN) {
                return;
            }
        }
        b.delete(0, colon + 1);
    }

    /**
     * Drops a note in brackets after the closing 号 ({@code (2016)苏0804执782号（已结案）}, {@code …12号(已撤销)}): a remark
     * about the case, not part of its number.
     */
    private static void dropNote(StringBuilder b) {
        int end = b.length();
        if (end < 4 || b.charAt(end - 1) != ')') {
            return;
        }
        int open = b.lastIndexOf("(");
        if (open >= 2 && open < end - 2 && b.charAt(open - 1) == '号' && IdChars.isDigit(b.charAt(open - 2))
                && b.indexOf(")", open) == end - 1) {
            b.setLength(open);
        }
    }

    /**
     * Puts a year typed without brackets into them: at the start before the court's abbreviation
     * ({@code 2016苏0804执782号} → {@code (2016)苏0804执782号}), or after the issuer's abbreviation when 年 follows it
     * ({@code 筑南市监罚2023年12号} → {@code 筑南市监罚(2023)12号}). A year followed by a hyphen or digits
     * ({@code 淮阴环罚2021-15}) stays: where it ends is not certain.
     */
    private static void bracketBareYear(StringBuilder b) {
        if (isYearAt(b, 0) && b.length() > 5 && b.charAt(4) != '年'
                && Character.UnicodeScript.of(b.codePointAt(4)) == Character.UnicodeScript.HAN) {
            b.insert(4, ')').insert(0, '(');
            return;
        }
        for (int i = 1; i + 5 < b.length(); i++) {
            if (isYearAt(b, i) && b.charAt(i + 4) == '年' && isSerialFrom(b, i + 5)
                    && Character.UnicodeScript.of(b.codePointBefore(i)) == Character.UnicodeScript.HAN) {
                b.setCharAt(i + 4, ')');
                b.insert(i, '(');
                return;
            }
        }
    }

    /** From i to the end: an optional 第, digits, an optional 号 (a serial, not 1月5日). */
    private static boolean isSerialFrom(CharSequence b, int i) {
        int j = i < b.length() && b.charAt(i) == '第' ? i + 1 : i;
        int digits = j;
        while (j < b.length() && IdChars.isDigit(b.charAt(j))) {
            j++;
        }
        return j > digits && (j == b.length() || j == b.length() - 1 && b.charAt(j) == '号');
    }

        /** Four digits 19xx or 20xx at i, not part of a longer number. */
    private static boolean isYearAt(CharSequence b, int i) {
        return i + 4 <= b.length() && IdChars.allDigits(b, i, i + 4)
                && (b.charAt(i) == '1' && b.charAt(i + 1) == '9' || b.charAt(i) == '2' && b.charAt(i + 1) == '0')
                && (i == 0 || !IdChars.isDigit(b.charAt(i - 1))) && (i + 4 == b.length() || !IdChars.isDigit(b.charAt(i + 4)));
    }

    /**
     * Drops a document title typed after the number ({@code 行政处罚决定书}, {@code 处罚决定书}, {@code 处分决定书},
     * {@code 决定书}) when it follows a serial and {@code 号}, or a serial the closing {@code 号} will be added to. A
     * title after anything else
     * ({@code 12号之一决定书}, free text) stays: only a plain numbered 文号 is known to end where the title starts.
     */
    private static void dropTitle(StringBuilder b) {
        for (String title : TITLES) {
            int at = b.length() - title.length();
            if (at <= 0 || b.indexOf(title, at) != at) {
                continue;
            }
            if (at >= 2 && b.charAt(at - 1) == '号' && IdChars.isDigit(b.charAt(at - 2))) {
                b.setLength(at);
            } else if (IdChars.isDigit(b.charAt(at - 1))) {
                StringBuilder number = new StringBuilder(b.subSequence(0, at));
                closeNumber(number);
                if (number.length() > at) {
                    b.setLength(0);
                    b.append(number);
                }
            }
            return;
        }
    }

    /**
     * Drops the {@code 字} an issuer writes right before the bracketed year ({@code 津武环罚字(2017)15号} →
     * {@code 津武环罚(2017)15号}): the same issuer's number with or without it. Only after a Han character (the rest of
     * the issuer's abbreviation stays, so other issuers stay apart) and before a four-digit year in brackets;
     * {@code 字第} before the serial is {@link #normalizeSerial}'s.
     */
    private static void dropZiBeforeYear(StringBuilder b) {
        for (int i = b.length() - 7; i >= 1; i--) {
            if (b.charAt(i) == '字' && b.charAt(i + 1) == '(' && b.charAt(i + 6) == ')'
                    && IdChars.allDigits(b, i + 2, i + 6)
                    && Character.UnicodeScript.of(b.codePointBefore(i)) == Character.UnicodeScript.HAN) {
                b.deleteCharAt(i);
            }
        }
    }

    /**
     * Adds the closing 号 a numbered 文号/案号 was typed without ({@code 淮阴环罚〔2021〕15}, {@code (2019)京0105执1234}):
     * a key that ends in a serial after a bracketed year. Anything else (free text, a number without a year in
     * brackets) stays as it is.
     */
    private static void closeNumber(StringBuilder b) {
        int end = b.length();
        if (end == 0 || !IdChars.isDigit(b.charAt(end - 1))) {
            return;
        }
        int start = end - 1;
        while (start > 0 && IdChars.isDigit(b.charAt(start - 1))) {
            start--;
        }
        int close = b.lastIndexOf(")", start);
        if (close >= 5 && close < start && b.charAt(close - 5) == '(' && IdChars.allDigits(b, close - 4, close)
                && b.indexOf("(", close) < 0) {
            b.append('号');
        }
    }

    /**
     * Key of an 执行依据文号: {@link #key} plus a trailing document-type word after 号 removed (民事判决书, 判决书,
     * 裁定书, 裁决书, 民事调解书, 调解书, …).
     */
    public static String basisKey(String raw) {
        String k = key(raw);
        if (k == null) {
            return null;
        }
        for (String suffix : BASIS_SUFFIXES) {
            if (k.endsWith(suffix) && k.length() > suffix.length()
                    && k.charAt(k.length() - suffix.length() - 1) == '号') {
                return k.substring(0, k.length() - suffix.length());
            }
        }
        return k;
    }

    /**
     * The serial is the digit run before the last 号 that follows a digit: drop {@code 第} / {@code 字第} in front of
     * it and strip its leading zeros (keeping one digit).
     */
    private static void normalizeSerial(StringBuilder b) {
        int hao = b.length() - 1;
        while (hao > 0 && !(b.charAt(hao) == '号' && IdChars.isDigit(b.charAt(hao - 1)))) {
            hao--;
        }
        if (hao <= 0) {
            return;
        }
        int start = hao - 1;
        while (start > 0 && IdChars.isDigit(b.charAt(start - 1))) {
            start--;
        }
        int firstNonZero = start;
        while (firstNonZero < hao - 1 && b.charAt(firstNonZero) == '0') {
            firstNonZero++;
        }
        b.delete(start, firstNonZero);
        if (start > 0 && b.charAt(start - 1) == '第') {
            int from = start - 1;
            if (from > 0 && b.charAt(from - 1) == '字') {
                from--;
            }
            b.delete(from, start);
        }
    }

    /**
     * A parsed 案号 for tuple comparison.
     *
     * @param year   收案年度
     * @param court  法院代字: {@code 苏0804}, {@code 鄂7101} (a specialised court, not a region), {@code 最高法}; for
     *               pre-2016 free abbreviations such as {@code 北法} whatever precedes a recognised 类型代字
     * @param type   类型代字 ({@code 执}, {@code 执恢}, {@code 民初}, …); empty when a pre-2016 number has none we know
     * @param serial 案件编号 without leading zeros
     */
    public record CaseNumber(int year, String court, String type, long serial) {

        /** Canonical text, equal to {@link DocumentNumbers#key} of any spelling of this 案号. */
        public String key() {
            return "(" + year + ")" + court + type + serial + "号";
        }
    }

    /**
     * Parses a 案号 ({@code (2016)苏0804执782号}, {@code (2019)鄂7101执21号}, {@code (2015)北法执字第00880号}); a trailing
     * document-type word (判决书, …) is ignored. Empty when the value is not a 案号.
     */
    public static Optional<CaseNumber> parseCaseNumber(String raw) {
        String k = basisKey(raw);
        if (k == null || k.length() < 9 || k.charAt(0) != '(' || k.charAt(5) != ')' || !IdChars.allDigits(k, 1, 5)
                || k.charAt(k.length() - 1) != '号') {
            return Optional.empty();
        }
        int end = k.length() - 1;
        int serialStart = end;
        while (serialStart > 6 && IdChars.isDigit(k.charAt(serialStart - 1))) {
            serialStart--;
        }
        int serialLength = end - serialStart;
        if (serialLength == 0 || serialLength > 18 || serialStart == 6) {
            return Optional.empty();
        }
        String rest = k.substring(6, serialStart);
        if (rest.endsWith("字")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty() || rest.indexOf('(') >= 0 || rest.indexOf(')') >= 0) {
            return Optional.empty();
        }
        String court;
        String type;
        int lastDigit = lastDigit(rest);
        if (lastDigit >= 0) {
            // 2016 rules: court abbreviation + numeric code, then the 类型代字.
            court = rest.substring(0, lastDigit + 1);
            type = rest.substring(lastDigit + 1);
        } else {
            String t = knownTypeSuffix(rest);
            court = rest.substring(0, rest.length() - t.length());
            type = t;
        }
        if (court.isEmpty()) {
            return Optional.empty();
        }
        long serial = Long.parseLong(k, serialStart, end, 10);
        return Optional.of(new CaseNumber(CivilDates.digits(k, 1, 5), court, type, serial));
    }

    private static int lastDigit(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (IdChars.isDigit(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String knownTypeSuffix(String rest) {
        for (String t : CASE_TYPES) {
            if (rest.endsWith(t) && rest.length() > t.length()) {
                return t;
            }
        }
        return "";
    }
}
