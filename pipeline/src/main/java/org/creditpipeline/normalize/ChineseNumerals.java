package org.creditpipeline.normalize;

import java.math.BigDecimal;

/**
 * Numbers written in Chinese numerals, as amounts are in documents and sometimes in cells: 小写 {@code 五千},
 * {@code 三万五千}, 大写 {@code 壹万贰仟叁佰肆拾伍}, traditional {@code 萬 億 貳 參 陸}, {@code 两}, {@code 零}/{@code 〇},
 * mixed with Arabic digits ({@code 5千}, {@code 1万2千}, {@code 2.5万}) and a decimal {@code 点}. Hand-written, no regex.
 */
public final class ChineseNumerals {

    private static final String DIGITS = "零一二三四五六七八九";
    private static final String CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖";
    private static final String TRADITIONAL_DIGITS = "〇壹貳參肆伍陸柒捌玖";

    private ChineseNumerals() {
    }

    /** True when the text holds a character only Chinese numerals use (a digit or a unit such as 千, 拾, 萬). */
    public static boolean mayBe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (digit(c) >= 0 && !(c >= '0' && c <= '9') || unit(c) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value of a number in Chinese numerals (possibly mixed with Arabic digits), or null when the text is not one.
     * {@code 壹万贰仟} → 12000, {@code 5千} → 5000, {@code 三点五} → 3.5, {@code 十五} → 15.
     */
    public static BigDecimal parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        BigDecimal yi = BigDecimal.ZERO;      // everything up to the last 亿, in units
        BigDecimal wan = BigDecimal.ZERO;     // the 万 section after it, in units
        BigDecimal section = BigDecimal.ZERO; // below 万
        BigDecimal number = null;             // the digits since the last unit
        boolean any = false;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                // an Arabic run, possibly with a decimal point: 2.5万
                int j = i;
                while (j < n && (s.charAt(j) >= '0' && s.charAt(j) <= '9' || s.charAt(j) == '.')) {
                    j++;
                }
                try {
                    number = new BigDecimal(s.substring(i, j));
                } catch (NumberFormatException e) {
                    return null;
                }
                any = true;
                i = j - 1;
                continue;
            }
            if (c == '点' || c == '點') {
                // decimals: each following digit character is one decimal place
                BigDecimal fraction = BigDecimal.ZERO;
                int places = 0;
                for (i++; i < n; i++) {
                    int d = digit(s.charAt(i));
                    if (d < 0) {
                        return null;
                    }
                    fraction = fraction.add(BigDecimal.valueOf(d).movePointLeft(++places));
                }
                number = (number == null ? BigDecimal.ZERO : number).add(fraction);
                any = true;
                break;
            }
            int d = digit(c);
            if (d >= 0) {
                // 零 only separates (一千零五); consecutive digits (二〇二三) read positionally
                number = number == null ? BigDecimal.valueOf(d) : number.multiply(BigDecimal.TEN).add(BigDecimal.valueOf(d));
                any = true;
                continue;
            }
            int unit = unit(c);
            if (unit <= 0) {
                return null;
            }
            any = true;
            if (unit < 4) {
                // 十 百 千: within the section; a bare 十 is 10
                BigDecimal base = number == null ? BigDecimal.ONE : number;
                section = section.add(base.movePointRight(unit));
            } else {
                BigDecimal value = section.add(number == null ? BigDecimal.ZERO : number);
                if (value.signum() == 0 && yi.signum() == 0 && wan.signum() == 0) {
                    value = BigDecimal.ONE; // 万 with nothing before it reads as one 万
                }
                if (unit == 4) {
                    wan = value.movePointRight(4);
                } else {
                    yi = yi.add(wan).add(value).movePointRight(8);
                    wan = BigDecimal.ZERO;
                }
                section = BigDecimal.ZERO;
            }
            number = null;
        }
        if (!any) {
            return null;
        }
        return yi.add(wan).add(section).add(number == null ? BigDecimal.ZERO : number);
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int d = DIGITS.indexOf(c);
        if (d < 0) {
            d = CAPITAL_DIGITS.indexOf(c);
        }
        if (d < 0) {
            d = TRADITIONAL_DIGITS.indexOf(c);
        }
        if (d < 0 && (c == '〇' || c == '○')) {
            d = 0;
        }
        if (d < 0 && (c == '两' || c == '兩')) {
            d = 2;
        }
        return d;
    }

    /** Power of ten of a unit character: 十 1, 百 2, 千 3, 万 4, 亿 8; 0 for none. */
    private static int unit(char c) {
        return switch (c) {
            case '十', '拾' -> 1;
            case '百', '佰' -> 2;
            case '千', '仟' -> 3;
            case '万', '萬' -> 4;
            case '亿', '億' -> 8;
            default -> 0;
        };
    }
}
