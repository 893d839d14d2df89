package org.creditpipeline.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseScriptTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            廣東省                   | 广东省
            有限責任公司              | 有限责任公司
            臺灣                     | 台湾
            北京華新科技有限公司       | 北京华新科技有限公司
            深圳市騰訊計算機系統有限公司 | 深圳市腾讯计算机系统有限公司
            行政處罰決定書            | 行政处罚决定书
            失信被執行人              | 失信被执行人
            (2016)蘇0804執782號      | (2016)苏0804执782号
            香港特別行政區            | 香港特别行政区
            苧麻                     | 苎麻
            薴麻                     | 苎麻
            广东省                   | 广东省
            ABC 123                 | ABC 123
            """)
    void toSimplified(String traditional, String simplified) {
        assertThat(ChineseScript.toSimplified(traditional)).isEqualTo(simplified);
    }

    @ParameterizedTest(name = "idempotent: {0}")
    @ValueSource(strings = {"廣東省有限責任公司", "臺灣省", "苧麻", "苎麻", "髮廊", "乾隆", "二〇一九年", "𠀀公司"})
    void toSimplifiedIsIdempotent(String s) {
        String once = ChineseScript.toSimplified(s);
        assertThat(ChineseScript.toSimplified(once)).isEqualTo(once);
    }

    @Test
    void unchangedInputIsReturnedAsIs() {
        String s = "北京华新科技有限公司";
        assertThat(ChineseScript.toSimplified(s)).isSameAs(s);
        assertThat(ChineseScript.toSimplified(null)).isNull();
        assertThat(ChineseScript.toTraditional(null)).isNull();
    }

    @Test
    void surrogatePairsSurvive() {
        assertThat(ChineseScript.toSimplified("𠀀廣")).isEqualTo("𠀀广");
        assertThat(ChineseScript.toTraditional("𠀀广")).isEqualTo("𠀀廣");
    }

    @ParameterizedTest(name = "toTraditional({0}) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            广东省有限责任公司 | 廣東省有限責任公司
            发展              | 發展
            失信被执行人       | 失信被執行人
            """)
    void toTraditional(String simplified, String traditional) {
        assertThat(ChineseScript.toTraditional(simplified)).isEqualTo(traditional);
    }

    @ParameterizedTest(name = "round trip {0}")
    @ValueSource(strings = {"广东省有限责任公司", "台湾", "苎麻", "发展和改革委员会", "中山市第二人民法院"})
    void simplifiedSurvivesARoundTrip(String simplified) {
        assertThat(ChineseScript.toSimplified(ChineseScript.toTraditional(simplified))).isEqualTo(simplified);
    }
}
