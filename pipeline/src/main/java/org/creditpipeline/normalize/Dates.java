package org.creditpipeline.normalize;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Date cells as the sources write them: ISO {@code 2017-01-05} (fast path), {@code 2017/1/5}, {@code 2017.01.05},
 * {@code 20170105}, {@code 2017年1月5日}, {@code 二〇一九年三月五日}, ISO date-times (date part kept as written), Excel
 * serial numbers, and epoch seconds / milliseconds (read in Asia/Shanghai). Years outside 1949–2100 are rejected as
 * typos. Hand-written parsing: no regex, no exception for valid input.
 */
public final class Dates {

    static final int MIN_YEAR = 1949;
    static final int MAX_YEAR = 2100;

    /** What {@code 长期} / {@code 永久} (no end) becomes in 有效期 columns, as in the 2016 loaders. */
    public static final LocalDate OPEN_END = LocalDate.of(2099, 12, 31);

    /** Excel's day 0 for serials after its fictitious 1900-02-29 (serial 60). */
    private static final long EXCEL_EPOCH_DAY = LocalDate.of(1899, 12, 30).toEpochDay();
    private static final long EXCEL_MAX_SERIAL = 2_958_465; // 9999-12-31
    /** Day 0 of the 1904 date system (old Mac Excel). */
    private static final long EXCEL_1904_EPOCH_DAY = LocalDate.of(1904, 1, 1).toEpochDay();

    private static final String CN_DIGITS = "〇一二三四五六七八九";
    /** Dashes typed between date parts besides '-' (Word and WPS turn a hyphen into these). */
    private static final String DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212";
    /** What separates the two dates of a period. */
    private static final String RANGE_SEPARATORS = "至到~～〜-" + DASHES;

    private Dates() {
    }

    /**
     * Parses a date cell.
     *
     * @return the date, or null for blank, null markers ({@code /}, {@code 无}, ...) and {@link #isZeroDate zero dates}
     * @throws InvalidValueException code {@code DATE_INVALID} when unreadable, impossible (2019-02-30) or outside
     *                               1949–2100
     */
    public static LocalDate parse(String raw) {
        return parse(raw, false);
    }

    /**
     * {@link #parse(String)} for a cell of a workbook that counts date serials from 1904 (old Mac Excel) when
     * {@code date1904}: a serial number is then a day count from 1904-01-01.
     */
    public static LocalDate parse(String raw, boolean date1904) {
        if (raw == null) {
            return null;
        }
        // Fast path: exact ISO yyyy-MM-dd.
        if (raw.length() == 10 && raw.charAt(4) == '-' && raw.charAt(7) == '-' && IdChars.allDigits(raw, 0, 4)
                && IdChars.allDigits(raw, 5, 7) && IdChars.allDigits(raw, 8, 10)) {
            int y = CivilDates.digits(raw, 0, 4);
            int m = CivilDates.digits(raw, 5, 7);
            int d = CivilDates.digits(raw, 8, 10);
            return d == 0 && (y == 0 && m == 0 || y == 1900 && m == 1) ? null : ymd(raw, y, m, d);
        }
        if (Text.isNullMarker(raw) || isZeroDate(raw)) {
            return null;
        }
        String s = trim(raw);
        if (needsNfkc(s)) {
            s = trim(Normalizer.normalize(s, Normalizer.Form.NFKC));
        }
        return parseTrimmed(raw, s, date1904);
    }

    /** Today in China (Asia/Shanghai), the calendar the sources' dates are written in. */
    public static LocalDate today() {
        return LocalDate.now(CivilDates.CHINA);
    }

    /**
     * True for what programs write into a date cell that has no date: {@code 0000-00-00} (MySQL's zero date, also with
     * {@code 00:00:00}, {@code /} or no separators), {@code 1900-01-00} and {@code 1900/1/0} (Excel's serial 0 shown as a
     * date, what a lookup formula returns for an empty source) and {@code 00:00:00} (serial 0 in a date-time cell). Such
     * a cell is empty, not a wrong date. A bare {@code 0} stays a wrong date (serials start at 1).
     */
    public static boolean isZeroDate(String raw) {
        if (raw == null) {
            return false;
        }
        String s = trim(raw);
        int n = s.length();
        if (n == 0 || n > 19) {
            return false;
        }
        if (s.equals("00:00:00") || s.equals("0:00:00") || s.equals("0:00")) {
            return true;
        }
        int cut = s.indexOf(' ');
        if (cut < 0) {
            cut = s.indexOf('T');
        }
        if (cut > 0) {
            String time = trim(s.substring(cut + 1));
            if (!time.equals("00:00:00") && !time.equals("00:00") && !time.equals("0:00:00") && !time.equals("0:00")) {
                return false;
            }
            s = s.substring(0, cut);
        }
        if (s.equals("00000000")) {
            return true;
        }
        int[] parts = new int[3];
        int count = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (IdChars.isDigit(c)) {
                if (count == 3 || ++digits > 4) {
                    return false;
                }
                parts[count] = parts[count] * 10 + (c - '0');
            } else if ("-/.年月日".indexOf(c) >= 0 && digits > 0) {
                count++;
                digits = 0;
            } else {
                return false;
            }
        }
        if (digits > 0) {
            count++;
        }
        return count == 3 && ((parts[0] == 0 && parts[1] == 0 && parts[2] == 0)
                || (parts[0] == 1900 && parts[1] == 1 && parts[2] == 0));
    }

    /**
     * For 有效期 and 公示截止期 columns: like {@link #parse}, plus {@code 长期} / {@code 永久} → {@link #OPEN_END}, and a
     * period written as a range gives its end ({@code 2023.01.01-2024.01.01}, {@code 2023年1月5日至2024年1月4日},
     * {@code 2023-01-05~长期}).
     *
     * @throws InvalidValueException code {@code DATE_INVALID} as {@link #parse}, or for a range that ends before it starts
     */
    public static LocalDate parseValidityEnd(String raw) {
        return parseValidityEnd(raw, false);
    }

    /** {@link #parseValidityEnd(String)} with serials counted from 1904 when {@code date1904} (see {@link #parse(String, boolean)}). */
    public static LocalDate parseValidityEnd(String raw, boolean date1904) {
        if (raw != null && isOpenEnd(trim(raw))) {
            return OPEN_END;
        }
        try {
            return parse(raw, date1904);
        } catch (InvalidValueException e) {
            // Not a date: perhaps a period. Only this failing path looks for one.
            LocalDate end = rangeEnd(raw, date1904);
            if (end == null) {
                throw e;
            }
            return end;
        }
    }

    /**
     * A period's length as 有效期 and 公示期 columns state it: {@code 三年}, {@code 3年}, {@code 6个月}, {@code 六个月},
     * {@code 1年6个月}, {@code 期限为两年}; null when the text is not one. The end is then counted from the decision date.
     */
    public static java.time.Period periodLength(String raw) {
        if (raw == null) {
            return null;
        }
        String s = trim(raw);
        if (needsNfkc(s)) {
            s = trim(Normalizer.normalize(s, Normalizer.Form.NFKC));
        }
        s = s.replace(" ", "");
        for (String lead : new String[] {"自决定之日起", "自作出决定之日起", "自公示之日起", "公示期限为", "公示期为",
            "公示期限", "公示期", "公示", "期限为", "期限", "为", "共"}) {
            if (s.startsWith(lead)) {
                s = s.substring(lead.length());
                break;
            }
        }
        int years = 0;
        int months = 0;
        int y = s.indexOf('年');
        if (y > 0) {
            years = count(s.substring(0, y));
            s = s.substring(y + 1);
            if (years < 0) {
                return null;
            }
        }
        if (s.endsWith("个月") || s.endsWith("個月") || (s.endsWith("月") && s.length() > 1)) {
            months = count(s.substring(0, s.length() - (s.endsWith("月") && !s.endsWith("个月") && !s.endsWith("個月") ? 1 : 2)));
            if (months < 0) {
                return null;
            }
        } else if (!s.isEmpty()) {
            return null;
        }
        return years == 0 && months == 0 ? null : java.time.Period.of(years, months, 0);
    }

    /** A small whole count in digits or Chinese numerals (3, 三, 十二, 两), else -1. */
    private static int count(String s) {
        if (s.isEmpty() || s.length() > 4) {
            return -1;
        }
        java.math.BigDecimal n = ChineseNumerals.parse(s);
        return n == null || n.scale() > 0 && n.stripTrailingZeros().scale() > 0 || n.compareTo(java.math.BigDecimal.valueOf(100)) > 0
                ? -1 : n.intValue();
    }

    private static boolean isOpenEnd(String s) {
        return s.equals("长期") || s.equals("永久") || s.equals("長期") || s.equals("长期有效") || s.equals("永久有效");
    }

    /** The end of a period {@code START SEP END} (SEP one of 至 到 ~ ～ 〜 and dashes), or null when it is not one. */
    private static LocalDate rangeEnd(String raw, boolean date1904) {
        String s = trim(raw);
        if (needsNfkc(s)) {
            s = trim(Normalizer.normalize(s, Normalizer.Form.NFKC));
        }
        for (int i = 1; i < s.length() - 1; i++) {
            if (RANGE_SEPARATORS.indexOf(s.charAt(i)) < 0) {
                continue;
            }
            String from = trim(s.substring(0, i));
            String to = trim(s.substring(i + 1));
            if (from.startsWith("自") || from.startsWith("从")) {
                from = from.substring(1);
            }
            if (from.endsWith("起")) {
                from = trim(from.substring(0, from.length() - 1));
            }
            if (to.endsWith("止")) {
                to = trim(to.substring(0, to.length() - 1));
            }
            LocalDate start;
            LocalDate end;
            try {
                start = parse(from, date1904);
                end = isOpenEnd(to) ? OPEN_END : parse(to, date1904);
            } catch (InvalidValueException e) {
                continue;
            }
            if (start == null || end == null) {
                continue;
            }
            if (end.isBefore(start)) {
                throw new InvalidValueException("DATE_INVALID", "the period ends (" + end + ") before it starts (" + start
                        + "): '" + raw + "'", "期限的结束日期早于开始日期：" + raw);
            }
            return end;
        }
        return null;
    }

    private static LocalDate parseTrimmed(String raw, String s, boolean date1904) {
        int n = s.length();
        int dot = -1;
        boolean digitsOnly = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.' && dot < 0) {
                dot = i;
            } else if (!IdChars.isDigit(c)) {
                digitsOnly = false;
                break;
            }
        }
        if (digitsOnly) {
            return dot < 0 ? parseNumber(raw, s, date1904) : parseSerialWithFraction(raw, s, dot, date1904);
        }
        return parseYearMonthDay(raw, s);
    }

    /**
     * All digits: yyyyMMdd (8), Excel serial (≤ 5), epoch seconds (9–10), epoch milliseconds (13), yyyyMMddHHmmss
     * (14).
     */
    private static LocalDate parseNumber(String raw, String s, boolean date1904) {
        int n = s.length();
        if (n == 8) {
            return ymd(raw, CivilDates.digits(s, 0, 4), CivilDates.digits(s, 4, 6), CivilDates.digits(s, 6, 8));
        }
        if (n <= 5) {
            return excelSerial(raw, CivilDates.digits(s, 0, n), date1904);
        }
        if (n == 9 || n == 10) {
            return epochMillis(raw, Long.parseLong(s) * 1000);
        }
        if (n == 13) {
            return epochMillis(raw, Long.parseLong(s));
        }
        if (n == 14 && CivilDates.digits(s, 8, 10) < 24 && CivilDates.digits(s, 10, 12) < 60
                && CivilDates.digits(s, 12, 14) < 60) {
            // yyyyMMddHHmmss: the time stamps of database exports and platform feeds
            return ymd(raw, CivilDates.digits(s, 0, 4), CivilDates.digits(s, 4, 6), CivilDates.digits(s, 6, 8));
        }
        throw unreadable(raw);
    }

    /** {@code 42745.5}: a spreadsheet date-time serial; the fraction is the time of day. */
    private static LocalDate parseSerialWithFraction(String raw, String s, int dot, boolean date1904) {
        if (dot == 0 || dot > 7 || dot == s.length() - 1) {
            throw unreadable(raw);
        }
        return excelSerial(raw, CivilDates.digits(s, 0, dot), date1904);
    }

    private static LocalDate excelSerial(String raw, long serial, boolean date1904) {
        if (date1904) {
            // the 1904 system has no fictitious 1900-02-29: day 0 is 1904-01-01
            return inRange(raw, LocalDate.ofEpochDay(EXCEL_1904_EPOCH_DAY + serial));
        }
        if (serial < 1 || serial > EXCEL_MAX_SERIAL || serial == 60) {
            // Serial 60 is Excel's 1900-02-29, which never existed.
            throw unreadable(raw);
        }
        long epochDay = serial > 60 ? EXCEL_EPOCH_DAY + serial : EXCEL_EPOCH_DAY + serial + 1;
        return inRange(raw, LocalDate.ofEpochDay(epochDay));
    }

    private static LocalDate epochMillis(String raw, long millis) {
        return inRange(raw, Instant.ofEpochMilli(millis).atZone(CivilDates.CHINA).toLocalDate());
    }

    /**
     * {@code y SEP m SEP d [日] [T|space time]} with SEP one of {@code - / .} (the same twice) or {@code 年 … 月}; each
     * number in ASCII digits or Chinese numerals (〇 ○ 零 一 … 九 十).
     */
    private static LocalDate parseYearMonthDay(String raw, String s) {
        int n = s.length();
        int[] pos = {0};
        int y = readNumber(s, pos, true);
        if (y < 0) {
            if (readNumber(s, pos, false) >= 0 && pos[0] < n && ".-/".indexOf(s.charAt(pos[0])) >= 0) {
                throw new InvalidValueException("DATE_INVALID", "the year must come first, with four digits: '" + raw + "'",
                        "年份须写全四位并写在最前（如2023-05-06）：" + raw);
            }
            throw unreadable(raw);
        }
        skipSpaces(s, pos);
        if (pos[0] >= n) {
            throw unreadable(raw);
        }
        char sep1 = s.charAt(pos[0]++);
        char sep2;
        switch (sep1) {
            case '-':
            case '/':
            case '.':
                sep2 = sep1;
                break;
            case '年':
                sep2 = '月';
                break;
            default:
                if (DASHES.indexOf(sep1) < 0) {
                    throw unreadable(raw);
                }
                sep2 = sep1;
        }
        skipSpaces(s, pos);
        int m = readNumber(s, pos, false);
        skipSpaces(s, pos);
        if (m >= 0 && (pos[0] == n || (sep1 == '年' && pos[0] == n - 1 && s.charAt(pos[0]) == '月'))) {
            // 2023年1月, 2023-01: a month is no date; the day must not be guessed
            throw new InvalidValueException("DATE_INVALID", "the day is missing: '" + raw + "'",
                    "日期不完整（缺少日）：" + raw);
        }
        if (m < 0 || pos[0] >= n || s.charAt(pos[0]) != sep2) {
            throw unreadable(raw);
        }
        pos[0]++;
        skipSpaces(s, pos);
        int d = readNumber(s, pos, false);
        if (d < 0) {
            throw unreadable(raw);
        }
        int i = pos[0];
        if (sep1 == '年') {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i < n && (s.charAt(i) == '日' || s.charAt(i) == '号')) {
                i++;
            }
        }
        i = afterWeekday(s, i);
        if (sep1 == '.' && i == n - 1 && s.charAt(i) == '.') {
            i++; // 2023.1.5. (the full stop of a typed date)
        }
        if (i < n && !isTimeOfDay(s, i)) {
            throw unreadable(raw);
        }
        if (i < n && s.charAt(i) == 'T' && (s.endsWith("Z") || s.charAt(n - 6) == '+' || s.charAt(n - 6) == '-')) {
            LocalDate inChina = inChina(s);
            if (inChina != null) {
                return inRange(raw, inChina);
            }
        }
        return ymd(raw, y, m, d);
    }

    /**
     * An ISO date-time with an offset in China's calendar: {@code 2023-01-04T16:00:00.000Z} is what a JavaScript
     * front end sends for 5 January in China ({@code toISOString}), so its date part alone would be a day early.
     * Null when the text is not strict ISO.
     */
    private static LocalDate inChina(String s) {
        try {
            return java.time.OffsetDateTime.parse(s).atZoneSameInstant(CivilDates.CHINA).toLocalDate();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static void skipSpaces(String s, int[] pos) {
        while (pos[0] < s.length() && s.charAt(pos[0]) == ' ') {
            pos[0]++;
        }
    }

    /**
     * After a weekday that follows the date ({@code 2023年1月5日星期四}, Excel's long date format, {@code 2023/1/5 周四}),
     * else i itself.
     */
    private static int afterWeekday(String s, int i) {
        int j = i;
        while (j < s.length() && s.charAt(j) == ' ') {
            j++;
        }
        int name = s.startsWith("星期", j) ? j + 2 : s.startsWith("周", j) ? j + 1 : -1;
        if (name < 0 || name >= s.length() || "一二三四五六日天".indexOf(s.charAt(name)) < 0) {
            return i;
        }
        return name + 1;
    }

    /**
     * Reads a year (exactly 4 digits or 4 Chinese digit characters) or a month/day (1–2 digits, or Chinese numerals
     * with 十: 十 = 10, 十一 = 11, 二十 = 20, 三十一 = 31). Advances pos[0]; −1 when there is no number there.
     */
    private static int readNumber(String s, int[] pos, boolean year) {
        int n = s.length();
        int i = pos[0];
        int start = i;
        int value = 0;
        boolean ten = false;
        int beforeTen = 0;
        while (i < n) {
            char c = s.charAt(i);
            int dv = IdChars.isDigit(c) ? c - '0' : chineseDigit(c);
            if (dv >= 0) {
                value = value * 10 + dv;
            } else if (c == '十' && !year && !ten) {
                ten = true;
                beforeTen = i == start ? 1 : value;
                value = 0;
            } else {
                break;
            }
            i++;
        }
        int len = i - start;
        if (len == 0 || (year ? len != 4 : len > 3)) {
            return -1;
        }
        pos[0] = i;
        if (ten) {
            return beforeTen * 10 + value;
        }
        return !year && len > 2 ? -1 : value;
    }

    private static int chineseDigit(char c) {
        // ○ (U+25CB) and 零 are common stand-ins for 〇 in typed dates.
        if (c == '○' || c == '零') {
            return 0;
        }
        return CN_DIGITS.indexOf(c);
    }

    /**
     * After the date: {@code T} or space, then a clock time with optional seconds, fraction and offset; or a Chinese
     * time of day ({@code 10时30分}, {@code 下午3点}, {@code 上午}), with or without a space before it.
     */
    private static boolean isTimeOfDay(String s, int i) {
        if (isChineseTimeOfDay(s, i)) {
            return true;
        }
        char c = s.charAt(i);
        if ((c != 'T' && c != ' ') || i + 1 >= s.length() || !IdChars.isDigit(s.charAt(i + 1))) {
            return false;
        }
        for (int k = i + 1; k < s.length(); k++) {
            char t = s.charAt(k);
            if (!IdChars.isDigit(t) && t != ':' && t != '.' && t != '+' && t != '-' && t != 'Z') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code [ ][上午|下午|中午|晚上|凌晨][H(时|点)[M分[S秒]]]} or {@code 上午|下午… H:MM[:SS]}, not empty, to the end.
     */
    private static boolean isChineseTimeOfDay(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        boolean any = false;
        for (String part : new String[] {"上午", "下午", "中午", "晚上", "凌晨"}) {
            if (s.startsWith(part, i)) {
                i += part.length();
                any = true;
                break;
            }
        }
        if (any) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            int clock = i;
            while (clock < n && (IdChars.isDigit(s.charAt(clock)) || s.charAt(clock) == ':')) {
                clock++;
            }
            if (clock == n && clock > i && s.indexOf(':', i) > i) {
                return true; // 2023/1/5 上午 10:30:00, as Chinese-locale programs write a date-time
            }
        }
        String units = "时点分秒";
        int unit = 0;
        while (i < n) {
            int from = i;
            while (i < n && IdChars.isDigit(s.charAt(i)) && i - from < 2) {
                i++;
            }
            if (i == from || i == n) {
                return false;
            }
            int u = units.indexOf(s.charAt(i));
            if (u < 0 || u < unit || (u == 1 && unit == 1)) {
                return false;
            }
            unit = u < 2 ? 2 : u + 1; // 时 and 点 are the hour; then 分, then 秒
            i++;
            any = true;
            if (unit > 3) {
                break;
            }
        }
        return any && i == n;
    }

        private static LocalDate ymd(String raw, int y, int m, int d) {
        if (!CivilDates.isRealDate(y, m, d)) {
            throw new InvalidValueException("DATE_INVALID", "no such date: '" + raw + "'", "日期不存在：" + raw);
        }
        checkYear(raw, y);
        return LocalDate.of(y, m, d);
    }

    private static LocalDate inRange(String raw, LocalDate date) {
        checkYear(raw, date.getYear());
        return date;
    }

    private static void checkYear(String raw, int y) {
        if (y < MIN_YEAR || y > MAX_YEAR) {
            throw new InvalidValueException("DATE_INVALID",
                    "year " + y + " outside " + MIN_YEAR + "–" + MAX_YEAR + " (probably a typo): '" + raw + "'",
                    "年份" + y + "超出" + MIN_YEAR + "–" + MAX_YEAR + "范围（可能录入错误）：" + raw);
        }
    }

    private static InvalidValueException unreadable(String raw) {
        return new InvalidValueException("DATE_INVALID", "not a recognised date: '" + raw + "'", "无法识别的日期：" + raw);
    }

    private static boolean needsNfkc(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xFF01 && c <= 0xFF5E) {
                return true;
            }
        }
        return false;
    }

    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (Text.isSpace(s.charAt(from)) || Text.isInvisible(s.charAt(from)))) {
            from++;
        }
        while (to > from && (Text.isSpace(s.charAt(to - 1)) || Text.isInvisible(s.charAt(to - 1)))) {
            to--;
        }
        return from == 0 && to == s.length() ? s : s.substring(from, to);
    }
}
