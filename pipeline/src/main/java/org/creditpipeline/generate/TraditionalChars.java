package org.creditpipeline.generate;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * A small simplified → traditional map for the characters our names use, enough for the {@code traditional} variant.
 * Only pairs GBK can encode are kept, so the variant is safe in the GBK file.
 */
final class TraditionalChars {

    private static final String PAIRS = "东東华華业業县縣区區场場发發贸貿电電气氣机機设設备備术術环環筑築程程网網络絡务務农農"
            + "产產经經营營销銷饮飲药藥医醫门門厂廠车車运運输輸资資开開实實兴興达達汇匯丰豐龙龍凤鳳广廣阳陽长長乐樂"
            + "宁寧园園国國际際装裝饰飾劳勞动動会會计計询詢庆慶张張刘劉陈陳杨楊黄黃赵趙吴吳孙孫郑鄭冯馮邓鄧许許韩韓"
            + "苏蘇卫衛鸿鴻辉輝伟偉军軍红紅宝寶进進联聯创創优優质質线線纺紡织織钢鋼铁鐵锦錦顺順荣榮鹏鵬飞飛杰傑丽麗"
            + "强強亚亞洁潔远遠图圖纳納诚誠谐諧腾騰宏宏湾灣岭嶺门門汉漢阴陰杭杭义義鑫鑫盛盛时時业業记記饭飯馆館"
            + "镇鎮师師学學历歷汤湯顾顧韦韋陆陸邹鄒龚龔钱錢严嚴罗羅谢謝肖肖萧蕭叶葉";

    private static final char[] MAP = new char[0x10000];

    static {
        CharsetEncoder gbk = Charset.forName("GBK").newEncoder();
        for (int i = 0; i + 1 < PAIRS.length(); i += 2) {
            char s = PAIRS.charAt(i);
            char t = PAIRS.charAt(i + 1);
            if (s != t && gbk.canEncode(t)) {
                MAP[s] = t;
            }
        }
    }

    private TraditionalChars() {
    }

    static boolean convertible(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (MAP[s.charAt(i)] != 0) {
                return true;
            }
        }
        return false;
    }

    static String toTraditional(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char t = MAP[c[i]];
            if (t != 0) {
                c[i] = t;
            }
        }
        return new String(c);
    }
}
