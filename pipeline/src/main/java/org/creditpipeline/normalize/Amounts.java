package org.creditpipeline.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amount cells in 万元, the standard's unit (DOMAIN.md §2.2), as officers write them: {@code 0.5}, {@code 1,000.00},
 * a stated unit that wins over the column's ({@code 2万元}, {@code 20000元}, {@code 2（万元）}), currency marks in front
 * ({@code ¥1,000}, {@code 人民币2万元}, {@code RMB 500}, {@code 罚款人民币5000元}), {@code 整} at the end ({@code 3万元整}), and Chinese numerals
 * ({@code 壹万元}, {@code 五千元}, {@code 5千元}, {@code 壹万贰仟叁佰肆拾伍元陆角柒分}). Stored as numeric(20, 6): rounded to
 * six decimals (half up); more than {@value #INTEGER_DIGITS} digits before the point is refused (a pasted ID or account
 * number, which would also fail the chunk's COPY). Hand-written, no regex.
 */
public final class Amounts {

    public static final int SCALE = 6;
    public static final int INTEGER_DIGITS = 14;

    /** Words and marks in front of the number, in any order: 罚款人民币5000元, ¥1,000. */
    private static final String[] PREFIXES = {"罚款", "罚没款", "人民币", "RMB", "CNY", "¥", "￥"};

    private Amounts() {
    }

    /**
     * @param value       the cell, cleaned (NFKC), not blank
     * @param columnShift powers of ten the column's values are divided by to give 万元: 4 for a column headed in 元
     * @return the amount in 万元
     * @throws InvalidValueException code {@code AMOUNT_INVALID}: not a number, negative, or too large
     */
    public static BigDecimal wanYuan(String value, int columnShift) {
        BigDecimal restated = restated(value, columnShift);
        if (restated != null) {
            return restated;
        }
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // spaces (also inside: 1 000) and brackets around a unit (2（万元）) carry nothing
            if (!Text.isSpace(c) && c != '(' && c != ')' && c != '（' && c != '）') {
                b.append(c);
            }
        }
        String digits = b.toString();
        for (boolean found = true; found; ) {
            found = false;
            for (String prefix : PREFIXES) {
                if (digits.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    digits = digits.substring(prefix.length());
                    found = true;
                }
            }
        }
        for (String label : new String[] {"大写:", "大写：", "大写", "小写:", "小写：", "小写"}) {
            if (digits.startsWith(label)) {
                digits = digits.substring(label.length()); // 人民币(大写)贰仟元整
                break;
            }
        }
        if (digits.endsWith("人民币")) {
            digits = digits.substring(0, digits.length() - 3); // 2万元人民币
        }
        if (digits.endsWith("整") || digits.endsWith("正")) {
            digits = digits.substring(0, digits.length() - 1); // 叁万元整, and the common slip 元正
        }
        int shift = columnShift;
        BigDecimal cents = null;
        int yuan = Math.max(digits.lastIndexOf('元'), digits.lastIndexOf('圆'));
        if (yuan > 0 && yuan < digits.length() - 1) {
            cents = jiaoFen(digits.substring(yuan + 1)); // 伍元陆角柒分
            if (cents == null) {
                throw notAnAmount(value);
            }
            digits = digits.substring(0, yuan + 1);
        }
        if (digits.endsWith("万元") || digits.endsWith("萬元")) {
            digits = digits.substring(0, digits.length() - 2);
            shift = 0;
        } else if (digits.endsWith("万") || digits.endsWith("萬")) {
            digits = digits.substring(0, digits.length() - 1);
            shift = 0;
        } else if (digits.endsWith("元") || digits.endsWith("圆")) {
            digits = digits.substring(0, digits.length() - 1);
            shift = 4;
        }
        if (cents != null && shift != 4) {
            throw notAnAmount(value); // 角 and 分 only after 元
        }
        BigDecimal amount = number(digits, value, shift != columnShift || cents != null || stated(value));
        if (cents != null) {
            amount = amount.add(cents);
        }
        if (shift > 0 && amount.signum() != 0 && amount.precision() - amount.scale() <= INTEGER_DIGITS + 4) {
            amount = amount.movePointLeft(shift); // 元 → 万元 (bounded: 1E+999999999 is refused below)
        }
        if (amount.signum() < 0) {
            throw new InvalidValueException("AMOUNT_INVALID", "amount " + value + " is negative",
                    "金额“" + value + "”不能为负数");
        }
        // Checked on precision and scale only, never by arithmetic on the value: "1E+999999999" must not make a
        // billion-digit number.
        if (amount.scale() > SCALE) {
            amount = amount.precision() - amount.scale() < -SCALE
                    ? BigDecimal.ZERO.setScale(SCALE)
                    : amount.setScale(SCALE, RoundingMode.HALF_UP);
        }
        if (amount.precision() - amount.scale() > INTEGER_DIGITS) {
            throw new InvalidValueException("AMOUNT_INVALID", "amount " + value + " is too large: at most "
                    + INTEGER_DIGITS + " digits before the decimal point (in 万元)",
                    "金额“" + value + "”过大（单位为万元，整数部分最多 " + INTEGER_DIGITS + " 位），请核对是否填错列");
        }
        return amount;
    }

    /**
     * An amount written twice, the second time in brackets ({@code 2000元（贰仟元整）}, {@code 2000元(大写:贰仟元整)}):
     * the amount when both read the same, null when the value is not of that form (a unit in brackets, {@code 2（万元）},
     * is not).
     *
     * @throws InvalidValueException when the two amounts differ
     */
    private static BigDecimal restated(String value, int columnShift) {
        int open = Math.max(value.indexOf('('), value.indexOf('（'));
        if (open <= 0) {
            return null;
        }
        int close = Math.max(value.lastIndexOf(')'), value.lastIndexOf('）'));
        if (close != value.length() - 1 || close < open) {
            return null;
        }
        String inner = value.substring(open + 1, close).strip();
        String outer = value.substring(0, open).strip();
        if (inner.isEmpty() || outer.isEmpty() || inner.indexOf('(') >= 0 || inner.indexOf('（') >= 0
                || inner.equals("万元") || inner.equals("元") || inner.equals("萬元") || !stated(inner)) {
            return null;
        }
        BigDecimal first;
        BigDecimal second;
        try {
            first = wanYuan(outer, columnShift);
            second = wanYuan(inner, columnShift);
        } catch (InvalidValueException e) {
            return null;
        }
        if (first.compareTo(second) != 0) {
            throw new InvalidValueException("AMOUNT_INVALID", "'" + value + "' states two different amounts",
                    "金额“" + value + "”前后两处金额不一致，请核对");
        }
        return first;
    }

        /** 罚款 / 没收违法所得 [人民币|金额] [：] [人民币] digits 元; 万元 does not match (万 before 元). */
    private static final java.util.regex.Pattern FINE_IN_YUAN = yuanAfter("罚款");
    private static final java.util.regex.Pattern CONFISCATED_IN_YUAN = yuanAfter("没收违法所得");

    private static java.util.regex.Pattern yuanAfter(String word) {
        return java.util.regex.Pattern.compile(
                word + "(?:人民币|金额)?[:：]?\\s*(?:人民币)?\\s*(\\d[\\d,]*(?:\\.\\d+)?)\\s*元");
    }

    /**
     * The fine a 处罚内容 states in 元 ({@code 罚款2000元}, {@code 罚款人民币2,000.00元}), when it states exactly one
     * such amount; null otherwise (none, several, or only in 万元 or Chinese numerals).
     */
    public static BigDecimal fineInYuan(String content) {
        return onlyAmount(content, "罚款", FINE_IN_YUAN);
    }

    /** As {@link #fineInYuan} for the confiscated illegal gains ({@code 没收违法所得500元}). */
    public static BigDecimal confiscatedInYuan(String content) {
        return onlyAmount(content, "没收违法所得", CONFISCATED_IN_YUAN);
    }

    private static BigDecimal onlyAmount(String content, String word, java.util.regex.Pattern pattern) {
        if (content == null || content.indexOf(word) < 0) {
            return null;
        }
        java.util.regex.Matcher m = pattern.matcher(content);
        BigDecimal found = null;
        while (m.find()) {
            BigDecimal amount;
            try {
                amount = new BigDecimal(m.group(1).replace(",", ""));
            } catch (NumberFormatException e) {
                return null;
            }
            if (found != null && found.compareTo(amount) != 0) {
                return null;
            }
            found = amount;
        }
        return found;
    }

    /** Whether the value names its unit (the unit may equal the column's: 20000元 in a column in 元). */
    public static boolean stated(String value) {
        return value.indexOf('元') >= 0 || value.indexOf('万') >= 0 || value.indexOf('萬') >= 0 || value.indexOf('圆') >= 0;
    }

    /**
     * Arabic digits (thousands grouping allowed, a decimal comma not), else Chinese numerals, which are read only with
     * a unit in the value: 两千 alone in a 万元 column is more likely 两千元 than 2000 万元.
     */
    private static BigDecimal number(String digits, String value, boolean unitStated) {
        if (digits.indexOf(',') >= 0) {
            // Only thousands grouping (1,234.5); "1,2" is a typo or a decimal comma, never silently 12.
            if (!isGrouped(digits)) {
                throw notAnAmount(value);
            }
            digits = digits.replace(",", "");
        }
        try {
            return new BigDecimal(digits);
        } catch (NumberFormatException e) {
            BigDecimal chinese = ChineseNumerals.mayBe(digits) ? ChineseNumerals.parse(digits) : null;
            if (chinese == null) {
                throw notAnAmount(value);
            }
            if (!unitStated) {
                throw new InvalidValueException("AMOUNT_INVALID", "'" + value + "' is written in Chinese numerals"
                        + " without a unit; write 元 or 万元, or the number in digits (in 万元)",
                        "金额“" + value + "”用中文数字书写但未写单位，请写明“元”或“万元”，或改填阿拉伯数字（单位：万元）");
            }
            return chinese;
        }
    }

    /** {@code -?d{1,3}(,ddd)+(.d+)?} */
    private static boolean isGrouped(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        int end = s.indexOf('.');
        if (end < 0) {
            end = s.length();
        } else if (end == s.length() - 1 || !IdChars.allDigits(s, end + 1, s.length())) {
            return false;
        }
        int comma = s.indexOf(',', i);
        if (comma - i < 1 || comma - i > 3 || !IdChars.allDigits(s, i, comma)) {
            return false;
        }
        for (int g = comma; g < end; g += 4) {
            if (s.charAt(g) != ',' || g + 4 > end || !IdChars.allDigits(s, g + 1, g + 4)) {
                return false;
            }
        }
        return true;
    }

    /** {@code 陆角柒分}, {@code 5角}, {@code 零7分} after 元, in 元; null when the text is not that. */
    private static BigDecimal jiaoFen(String s) {
        BigDecimal sum = BigDecimal.ZERO;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '角' || c == '分') {
                BigDecimal n = ChineseNumerals.parse(s.substring(from, i).replace("零", "").replace("〇", ""));
                if (n == null || n.compareTo(BigDecimal.TEN) >= 0) {
                    return null;
                }
                sum = sum.add(n.movePointLeft(c == '角' ? 1 : 2));
                from = i + 1;
            }
        }
        return from == s.length() && from > 0 ? sum : null;
    }

    private static InvalidValueException notAnAmount(String value) {
        return new InvalidValueException("AMOUNT_INVALID", "'" + value + "' is not an amount in 万元",
                "金额“" + value + "”不是有效的数字（单位：万元）");
    }
}
