package org.creditpipeline.ingest.read.excel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.apache.poi.ss.usermodel.DateUtil;

/**
 * How an Excel cell value becomes text, the same for .xlsx and .xls: the text an officer sees in Excel with the
 * General format, except dates, which become ISO dates.
 */
public final class CellText {

    /** Excel keeps and shows 15 significant digits. */
    private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_UP);
    private static final BigDecimal EXPONENT_FROM = new BigDecimal("1E15");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private CellText() {
    }

    /**
     * A number as Excel shows it with 15 significant digits: plain decimal text ({@code 0.2}, {@code 42745}), or, from
     * 10^15 on, exponent form ({@code 4.10102199001011E+17}), which is what Excel shows for an 18-digit ID typed as a
     * number; the validator reports such an ID as rounded.
     */
    public static String number(BigDecimal value) {
        BigDecimal rounded = value.round(EXCEL_DIGITS).stripTrailingZeros();
        if (rounded.abs().compareTo(EXPONENT_FROM) < 0) {
            return rounded.signum() == 0 ? "0" : rounded.toPlainString();
        }
        String digits = rounded.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        StringBuilder text = new StringBuilder(digits.length() + 6);
        if (rounded.signum() < 0) {
            text.append('-');
        }
        text.append(digits.charAt(0));
        if (digits.length() > 1) {
            text.append('.').append(digits, 1, digits.length());
        }
        return text.append("E+").append(exponent).toString();
    }

    /** True when a number format shows a date or time (built-in ids, Chinese built-ins, custom patterns). */
    public static boolean isDateFormat(int formatId, String formatString) {
        if ((formatId >= 27 && formatId <= 36) || (formatId >= 50 && formatId <= 58)) {
            return true; // zh-CN built-in date formats (yyyy"年"m"月" etc.), absent from POI's list
        }
        if (formatString != null && (formatString.contains("年") || formatString.contains("月")
                || formatString.contains("日"))) {
            return !formatString.contains("0") && !formatString.contains("#");
        }
        return DateUtil.isADateFormat(formatId, formatString);
    }

    /**
     * A date-formatted serial number as ISO text: {@code 2026-11-03}, with the time only when it is not midnight
     * ({@code 2026-11-03 14:30:00}), and a time alone ({@code 14:30:00}) for serials below one day.
     */
    public static String date(double serial, boolean date1904) {
        LocalDateTime value = DateUtil.getLocalDateTime(serial, date1904, true);
        if (value == null) {
            return number(BigDecimal.valueOf(serial)); // negative or out of range: show the number
        }
        if (serial < 1 && serial >= 0) {
            return value.format(TIME);
        }
        if (value.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return value.toLocalDate().toString();
        }
        return value.format(DATE_TIME);
    }

    /**
     * Text of an .xlsx string cell with the format's character escapes decoded: Excel writes characters XML cannot
     * carry as {@code _xHHHH_} — a carriage return pasted with a line break as {@code _x000D_}, a tab as
     * {@code _x0009_}, and a literal {@code _x} as {@code _x005F_x} — and fastexcel hands them over as they are. Single
     * pass, as Excel reads them; the input itself when it has none.
     */
    public static String unescapeXlsx(String text) {
        int at = text.indexOf("_x");
        if (at < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        int from = 0;
        for (; at >= 0; at = text.indexOf("_x", at)) {
            int code = at + 7 <= text.length() && text.charAt(at + 6) == '_' ? hex4(text, at + 2) : -1;
            if (code < 0) {
                at += 2;
                continue;
            }
            b.append(text, from, at).append((char) code);
            at += 7;
            from = at;
        }
        return from == 0 ? text : b.append(text, from, text.length()).toString();
    }

    private static int hex4(String s, int from) {
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    public static String bool(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    /** True for null, empty and whitespace-only text, invisible characters included (counted as an empty cell). */
    public static boolean isBlank(String text) {
        return org.creditpipeline.normalize.Text.isBlankText(text);
    }
}
