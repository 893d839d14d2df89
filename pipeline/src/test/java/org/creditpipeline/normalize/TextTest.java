package org.creditpipeline.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    /** Escapes in the tables below: \\t \\n \\r, \\uXXXX and \\UXXXXXX (code point), so invisible characters stay readable. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')) {
                int len = s.charAt(i + 1) == 'u' ? 4 : 6;
                b.appendCodePoint(Integer.parseInt(s.substring(i + 2, i + 2 + len), 16));
                i += 1 + len;
            } else if (c == '\\' && i + 1 < s.length() && "tnr".indexOf(s.charAt(i + 1)) >= 0) {
                b.append("\t\n\r".charAt("tnr".indexOf(s.charAt(i + 1))));
                i++;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "clean({0}) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            北京华新科技有限公司                     | 北京华新科技有限公司
            '  北京华新  科技有限公司 '              | 北京华新 科技有限公司
            北京\\u200B华新\\uFEFF科技\\u00AD有限公司 | 北京华新科技有限公司
            \\uFEFF北京华新                         | 北京华新
            北京\\u3000华新\\u00A0科技              | 北京 华新 科技
            第一行\\t第二行\\n第三行\\r\\n           | 第一行 第二行 第三行
            a\\u0000b\\u0007c\\u0085d\\u009Fe       | abc de
            \\u200E北京\\u200F\\u2060\\u202A        | 北京
            二〇一九年                               | 二〇一九年
            \\U020000中                             | \\U020000中
            \\U031350\\U02EBF0                      | \\U031350\\U02EBF0
            （北京）有限公司                          | (北京)有限公司
            ＡＢＣ１２３                             | ABC123
            ⾦山                                    | 金山
            〔2017〕【2017】                         | 〔2017〕【2017】
            """)
    void clean(String raw, String expected) {
        assertThat(Text.clean(unescape(raw))).isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "name ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            王\\u3000芳                               | 王芳
            惠山\\u3000区叶记餐馆                      | 惠山区叶记餐馆
            ' 欧阳  明 '                             | 欧阳明
            \\U020000 中                             | \\U020000中
            二〇 一九                                | 二〇一九
            ABC 科技有限公司                          | ABC 科技有限公司
            北京 ABC 科技                             | 北京 ABC 科技
            3M 中国有限公司                           | 3M 中国有限公司
            阿卜杜·热合曼                             | 阿卜杜·热合曼
            """)
    void namesLoseTheSpacesBetweenChineseCharacters(String raw, String expected) {
        assertThat(Text.cleanName(unescape(raw))).isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "free text ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            违法建设面积50m²，罚款①                     | 违法建设面积50m²，罚款①
            第一行\\r\\n第二行                          | 第一行\\n第二行
            第一行 \\n\\n\\n  第二行\\r第三行\\n          | 第一行\\n第二行\\n第三行
            \\u200B罚款　　２万元\\t整                  | 罚款 2万元 整
            〔2017〕188号                              | 〔2017〕188号
            """)
    void freeTextKeepsLineBreaksAndSymbols(String raw, String expected) {
        assertThat(Text.cleanFreeText(unescape(raw))).isEqualTo(unescape(expected));
    }

    @Test
    void cleanKeepsNullAndReturnsCleanInputUnchanged() {
        assertThat(Text.clean(null)).isNull();
        String clean = "津武环罚字〔2017〕188号 ABC";
        assertThat(Text.clean(clean)).isSameAs(clean);
        assertThat(Text.clean("")).isEmpty();
    }

    @Test
    void cleanKeepsSurrogatePairsWhole() {
        String s = "𠀀公司"; // U+20000 CJK Extension B
        assertThat(Text.clean(s)).isEqualTo(s);
        assertThat(Text.clean(" " + s + "\u200B")).isEqualTo(s);
        assertThat(Text.key(s)).isEqualTo(s);
    }

    @ParameterizedTest(name = "key({0}) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            北京华新 科技有限公司                | 北京华新科技有限公司
            （北京）华新科技有限公司              | (北京)华新科技有限公司
            【北京】华新                        | (北京)华新
            〔北京〕华新                        | (北京)华新
            〖北京〗华新                        | (北京)华新
            ［北京］华新                        | (北京)华新
            [北京]华新                          | (北京)华新
            ﹝北京﹞华新                        | (北京)华新
            {北京}华新                          | (北京)华新
            二○一九                            | 二〇一九
            二〇一九                            | 二〇一九
            ` 沈丘县人民法院`                    | 沈丘县人民法院
            阿卜杜・热合曼                       | 阿卜杜·热合曼
            阿卜杜•热合曼                        | 阿卜杜·热合曼
            阿卜杜·热合曼                        | 阿卜杜·热合曼
            ABC Trading Co.                    | abctradingco.
            ＡＢＣ                              | abc
            北京\\u3000华新                      | 北京华新
            """)
    void key(String raw, String expected) {
        assertThat(Text.key(unescape(raw))).isEqualTo(unescape(expected));
    }

    @Test
    void keyOfNullIsNull() {
        assertThat(Text.key(null)).isNull();
    }

    @ParameterizedTest(name = "null marker ''{0}''")
    @ValueSource(strings = {"", " ", "\u3000", "/", "／", "无", "-", "--", "—", "——", "null", "NULL", "N/A", "n/a", "空",
        " 无 ", "暂无", "（空）", "(无)", "―", "\\N", "nan", "NaN", "None", "undefined"})
    void nullMarkers(String s) {
        assertThat(Text.isNullMarker(s)).isTrue();
        assertThat(Text.nullIfBlank(s)).isNull();
    }

    @ParameterizedTest(name = "not a null marker ''{0}''")
    @ValueSource(strings = {"无锡市", "0", "空白", "N", "无效", "/a", "nullable", "暂无违法所得", "\\N1", "Nancy", "Nonette"})
    void notNullMarkers(String s) {
        assertThat(Text.isNullMarker(s)).isFalse();
        assertThat(Text.nullIfBlank(s)).isEqualTo(s);
    }

    @Test
    void nullMarkerOfNull() {
        assertThat(Text.isNullMarker(null)).isTrue();
        assertThat(Text.nullIfBlank(null)).isNull();
        assertThat(Text.nullIfBlank(" 北京 ")).isEqualTo("北京");
    }

    @Test
    void fullWidthToHalfWidthTouchesOnlyFullWidthAscii() {
        assertThat(Text.fullWidthToHalfWidth("行政相对人代码＿3（统一社会信用代码）")).isEqualTo("行政相对人代码_3(统一社会信用代码)");
        assertThat(Text.fullWidthToHalfWidth("①㎡\u3000Ａ")).isEqualTo("①㎡ A");
        String plain = "abc";
        assertThat(Text.fullWidthToHalfWidth(plain)).isSameAs(plain);
        assertThat(Text.fullWidthToHalfWidth(null)).isNull();
    }

    @Test
    void fullWidthAsciiAndTheIdeographicSpaceCleanExactlyAsNfkcDoes() {
        for (char c = 0xFF01; c <= 0xFF5E; c++) {
            String cell = "北京" + c + "公司（ＡＢ）";
            String nfkc = java.text.Normalizer.normalize(cell, java.text.Normalizer.Form.NFKC);
            assertThat(Text.clean(cell)).as("U+%04X", (int) c).isEqualTo(nfkc);
        }
        assertThat(Text.clean("　北京\u3000\u3000市场监督管理局　")).isEqualTo("北京 市场监督管理局");
    }
}
