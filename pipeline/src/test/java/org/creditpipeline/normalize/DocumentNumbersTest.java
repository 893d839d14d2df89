package org.creditpipeline.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.creditpipeline.normalize.DocumentNumbers.CaseNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentNumbersTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (2015)北法执字第00880号           | （2015）北法执880号
            (2015)北法执字第00880号           | (2015)北法执第880号
            津武环罚字[2017]188号             | 津武环罚字〔2017〕188号
            津武环罚字[2017]188号             | 津武环罚字【2017】188号
            津武环罚字[2017]188号             | 津武环罚字（2017）188号
            津武环罚字[2017]188号             | 津武环罚字﹝2017﹞188号
            津武环罚字[2017]188号             | 津武环罚字［2017］188号
            津武环罚字[2017]188号             | 津武环罚字〖2017〗188号
            津武环罚字[2017]188号             | '津武环罚字 〔2017〕 188 号'
            （2011）沪仲案字第572号裁决书       | （2011）沪仲案字第0572号裁决书
            (2016)苏0804执782号              | （２０１６）苏０８０４执７８２号
            市场【2019】1号                   | 市场〔2019〕1号
            (2014)并执字第00085号             | `(2014)并执字第85号
            筑南市监罚〔2023〕1号              | 筑南市監罰〔2023〕1號
            (2023)黔0102执恢123号             | （2023）黔0102執恢123號
            淮阴环罚〔2021〕15号               | 淮阴环罚〔2021〕15
            淮阴环罚〔2021〕15号               | 淮阴环罚[2021]第0015
            (2019)京0105执1234号             | (2019)京0105执1234
            (2019)京0105执1234号             | （2019）京0105执字第01234
            淮阴环罚〔2021〕15-1号             | 淮阴环罚〔2021〕15-1
            津武环罚〔2017〕15号               | 津武环罚字〔2017〕15号
            津武环罚〔2017〕15号               | 津武环罚字[2017]第015号
            津武环罚〔2017〕15号               | '津武环罚字 （2017） 15'
            (2014)并执字第00085号             | (2014)并执85号
            筑南市监罚〔2023〕12号              | 筑南市监罚〔2023〕12号行政处罚决定书
            筑南市监罚〔2023〕12号              | 筑南市监罚〔2023〕12号决定书
            筑南市监罚〔2023〕12号              | 筑南市监罚〔2023〕12号处罚决定书
            淮阴纪处〔2022〕7号                | 淮阴纪处〔2022〕7号处分决定书
            筑南市监罚〔2023〕12号              | '筑南市监罚〔2023〕第0012号 行政处罚决定书'
            筑南市监罚〔2023〕12号              | 筑南市监罚〔2023〕12行政处罚决定书
            筑南市监罚〔2023〕12号              | 筑南市监罚字〔2023〕12号行政处罚决定书
            (2016)苏0804执782号              | 2016苏0804执782号
            (2016)苏0804执782号              | 案号：（2016）苏0804执782号
            (2016)苏0804执782号              | 执行案号: 2016苏0804执第782号
            筑南市监罚〔2023〕12号              | 文号：筑南市监罚〔2023〕12号
            筑南市监罚〔2023〕12号              | 筑南市监罚2023年12号
            筑南市监罚〔2023〕12号              | 筑南市监罚字2023年第012号
            (2016)苏0804执782号              | （2016）苏0804执782号（已结案）
            筑南市监罚〔2023〕12号              | 筑南市监罚〔2023〕12号(已撤销)
            """)
    void equalKeys(String a, String b) {
        assertThat(DocumentNumbers.key(a)).isEqualTo(DocumentNumbers.key(b));
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (2015)北法执字第00880号     | (2015)北法执字第00881号
            (2015)北法执字第00880号     | (2016)北法执字第00880号
            津武环罚字[2017]188号       | 津武环罚字[2017]1880号
            津武环罚字[2017]100号       | 津武环罚字[2017]1号
            (2016)苏0804执782号        | (2016)苏0804执恢782号
            津武环罚〔2017〕15号         | 津武罚字〔2017〕15号
            津武环罚字〔2017〕15号       | 津西环罚字〔2017〕15号
            津武环罚字〔2017〕15号       | 津武环罚字〔2018〕15号
            筑南市监罚〔2023〕12号决定书  | 筑南市监罚〔2023〕13号决定书
            筑南市监罚〔2023〕12号决定书  | 筑南市监罚〔2023〕12号之一决定书
            (2016)苏0804执782号        | 2017苏0804执782号
            筑南市监罚〔2023〕12号       | 筑南市监罚2024年12号
            """)
    void differentKeys(String a, String b) {
        assertThat(DocumentNumbers.key(a)).isNotEqualTo(DocumentNumbers.key(b));
    }

    @ParameterizedTest(name = "key({0}) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (2015)北法执字第00880号        | (2015)北法执880号
            津武环罚字〔2017〕188号         | 津武环罚(2017)188号
            字〔2017〕5号                  | 字(2017)5号
            筑南市监罚〔2023〕12号行政处罚决定书 | 筑南市监罚(2023)12号
            行政处罚决定书                   | 行政处罚决定书
            淮阴环罚2021-15决定书           | 淮阴环罚2021-15决定书
            （2011）沪仲案字第0572号裁决书   | (2011)沪仲案572号裁决书
            津武环罚字[2017]0号            | 津武环罚(2017)0号
            淮阴环罚〔2021〕0015           | 淮阴环罚(2021)15号
            淮阴环罚2021-15              | 淮阴环罚2021-15
            见附件1                      | 见附件1
            2023年1月5日                  | 2023年1月5日
            12016苏0804执782号            | 12016苏0804执782号
            详见:筑南市监罚〔2023〕12号      | 详见:筑南市监罚(2023)12号
            (2023)                       | (2023)
            筑南市监罚〔2023〕12号之一(补正)   | 筑南市监罚(2023)12号之一(补正)
            """)
    void keyShape(String raw, String expected) {
        assertThat(DocumentNumbers.key(raw)).isEqualTo(expected);
    }

    @Test
    void nullAndMarkers() {
        assertThat(DocumentNumbers.key(null)).isNull();
        assertThat(DocumentNumbers.key("/")).isNull();
        assertThat(DocumentNumbers.basisKey("无")).isNull();
    }

    @ParameterizedTest(name = "basisKey({0}) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            （2011）沪仲案字第572号裁决书        | (2011)沪仲案572号
            (2015)浦民一(民)初字第1234号民事判决书 | (2015)浦民一(民)初1234号
            (2015)浦民一(民)初字第1234号判决书    | (2015)浦民一(民)初1234号
            (2016)苏0804民初100号民事调解书      | (2016)苏0804民初100号
            (2016)苏0804民初100号调解书          | (2016)苏0804民初100号
            (2016)苏0804民初100号民事裁定书      | (2016)苏0804民初100号
            (2016)苏0804民初100号               | (2016)苏0804民初100号
            判决书                             | 判决书
            """)
    void basisKey(String raw, String expected) {
        assertThat(DocumentNumbers.basisKey(raw)).isEqualTo(expected);
    }

    @Test
    void basisKeysOfTheSameDecisionMatch() {
        assertThat(DocumentNumbers.basisKey("（2011）沪仲案字第0572号裁决书"))
                .isEqualTo(DocumentNumbers.basisKey("(2011)沪仲案字第572号"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            (2016)苏0804执782号        | 2016 | 苏0804 | 执   | 782
            (2019)鄂7101执21号         | 2019 | 鄂7101 | 执   | 21
            (2017)粤2072执10221号      | 2017 | 粤2072 | 执   | 10221
            （2017）粤07民终3号          | 2017 | 粤07   | 民终 | 3
            (2016)苏0804执恢782号       | 2016 | 苏0804 | 执恢 | 782
            (2019)京73民初100号判决书    | 2019 | 京73   | 民初 | 100
            (2016)最高法执监12号         | 2016 | 最高法 | 执监 | 12
            (2014)并执字第00085号        | 2014 | 并     | 执   | 85
            (2015)北法执字第00880号      | 2015 | 北法   | 执   | 880
            (2009)杭萧民执字第00388号    | 2009 | 杭萧   | 民执 | 388
            （2011）沪仲案字第0572号裁决书  | 2011 | 沪仲案 | ''   | 572
            (2023)黔0102執恢123號       | 2023 | 黔0102 | 执恢 | 123
            ( 2023 ) 黔0102 执 123 号   | 2023 | 黔0102 | 执   | 123
            (2016)苏0804执782          | 2016 | 苏0804 | 执   | 782
            (2015)云执字第00123号        | 2015 | 云     | 执   | 123
            """)
    void parsesCaseNumbers(String raw, int year, String court, String type, long serial) {
        Optional<CaseNumber> parsed = DocumentNumbers.parseCaseNumber(raw);
        assertThat(parsed).contains(new CaseNumber(year, court, type, serial));
        assertThat(parsed.get().key()).isEqualTo(DocumentNumbers.basisKey(raw));
    }

    @ParameterizedTest(name = "not a 案号: ''{0}''")
    @ValueSource(strings = {"津武环罚字[2017]188号", "市场【2019】1号", "(2016)782号", "(2016)苏0804执号", "(16)苏0804执782号",
        "执行", ""})
    void rejectsNonCaseNumbers(String raw) {
        assertThat(DocumentNumbers.parseCaseNumber(raw)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' holds {1}")
    @CsvSource(delimiter = '|', textBlock = """
            黔南公罚决字〔2024〕12号、13号                 | 黔南公罚决字〔2024〕12号 ; 黔南公罚决字〔2024〕13号
            黔南公罚决字〔2024〕12、13号                  | 黔南公罚决字〔2024〕12号 ; 黔南公罚决字〔2024〕13号
            黔南公罚决字〔2024〕第12号、第13号              | 黔南公罚决字〔2024〕第12号 ; 黔南公罚决字〔2024〕第13号
            A〔2024〕1号；B〔2024〕2号                    | A〔2024〕1号 ; B〔2024〕2号
            X罚〔2023〕5号,X罚〔2023〕6号                  | X罚〔2023〕5号 ; X罚〔2023〕6号
            X罚〔2023〕5号， X罚〔2023〕6号                | X罚〔2023〕5号 ; X罚〔2023〕6号
            X罚〔2023〕5号/X罚〔2023〕6号                  | X罚〔2023〕5号 ; X罚〔2023〕6号
            X罚〔2023〕5号和X罚〔2023〕6号                 | X罚〔2023〕5号 ; X罚〔2023〕6号
            (2019)苏01刑初12号、(2019)苏01刑终34号          | (2019)苏01刑初12号 ; (2019)苏01刑终34号
            南纪发〔2024〕3号、南监发〔2024〕4号、5号          | 南纪发〔2024〕3号 ; 南监发〔2024〕4号 ; 南监发〔2024〕5号
            X罚〔2023〕5号、X罚〔2023〕5号                 | X罚〔2023〕5号 ; X罚〔2023〕5号
            """)
    void aCellHoldingSeveralNumbersIsSplitIntoCompleteOnes(String raw, String expected) {
        assertThat(DocumentNumbers.numbers(raw)).containsExactly(expected.split(" ; "));
    }

    @ParameterizedTest(name = "one number: ''{0}''")
    @ValueSource(strings = {"黔南公罚决字〔2024〕12号", "筑南市监罚〔2023〕12号（撤销原〔2022〕5号，重新作出）",
        "筑南市监罚〔2023〕12号(已撤销)", "淮阴环罚〔2021〕15-1号", "筑南市监罚〔2023〕12号、行政处罚决定书",
        "筑南市监罚〔2023〕12号之一", "南监罚字2023-5号、6号", "'津武环罚字 〔2017〕 188 号'", "罚款、没收违法所得",
        "(2016)苏0804执782号"})
    void aCellHoldingOneNumberIsThatNumber(String raw) {
        assertThat(DocumentNumbers.numbers(raw)).containsExactly(raw);
    }

    @Test
    void numbersOnLinesOfTheirOwnAreSeveral() {
        assertThat(DocumentNumbers.numbers("X罚〔2023〕5号\nX罚〔2023〕6号\r\n")).containsExactly("X罚〔2023〕5号",
                "X罚〔2023〕6号");
    }

    @Test
    void noNumbersInNothing() {
        assertThat(DocumentNumbers.numbers(null)).isEmpty();
        assertThat(DocumentNumbers.numbers(" ")).isEmpty();
        assertThat(DocumentNumbers.numbers("/")).isEmpty();
    }
}
