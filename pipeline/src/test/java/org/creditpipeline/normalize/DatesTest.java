package org.creditpipeline.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2017-01-05             | 2017-01-05
            2017/1/5               | 2017-01-05
            2017/01/05             | 2017-01-05
            2017.01.05             | 2017-01-05
            2017.1.5               | 2017-01-05
            2017-1-5               | 2017-01-05
            20170105               | 2017-01-05
            2017年1月5日            | 2017-01-05
            2017年01月05日          | 2017-01-05
            2016年07月05日          | 2016-07-05
            2017年1月5号            | 2017-01-05
            二〇一九年三月五日        | 2019-03-05
            二○一九年三月五日        | 2019-03-05
            二零一九年三月五日        | 2019-03-05
            二〇一九年十月十日        | 2019-10-10
            二〇一九年十二月二十日     | 2019-12-20
            二〇一九年十二月三十一日   | 2019-12-31
            二〇二〇年二月二十九日     | 2020-02-29
            2016-07-05T10:00:00    | 2016-07-05
            2016-07-05T10:00:00+08:00 | 2016-07-05
            2023-01-04T16:00:00.000Z  | 2023-01-05
            2023-01-04T16:00:00Z      | 2023-01-05
            2023-01-05T00:00:00Z      | 2023-01-05
            2023-01-04T17:00:00+01:00 | 2023-01-05
            2023-01-05T23:30:00+08:00 | 2023-01-05
            2016-07-05 10:00:00    | 2016-07-05
            2016-07-05 10:00:00.0  | 2016-07-05
            42745                  | 2017-01-10
            42745.5                | 2017-01-10
            43831                  | 2020-01-01
            1467648000             | 2016-07-05
            1467648000000          | 2016-07-05
            946656000              | 2000-01-01
            '  2017-01-05  '       | 2017-01-05
            '\u30002017-01-05'     | 2017-01-05
            ２０１７－０１－０５      | 2017-01-05
            1949-10-01             | 1949-10-01
            2100-12-31             | 2100-12-31
            2023-1-5 0:00:00       | 2023-01-05
            2023/01/05 00:00       | 2023-01-05
            2023 年 1 月 5 日       | 2023-01-05
            2023年 01月 05日        | 2023-01-05
            20230105103000         | 2023-01-05
            20230105000000         | 2023-01-05
            2023年01月05日 10时30分  | 2023-01-05
            2023年1月5日10时30分15秒 | 2023-01-05
            2023年1月5日下午        | 2023-01-05
            2023年1月5日 下午3点     | 2023-01-05
            2023-01-05 10时        | 2023-01-05
            2023.1.5.              | 2023-01-05
            2023/1/5 上午 10:30:00  | 2023-01-05
            2023/1/5 下午 3:05     | 2023-01-05
            2023年1月5日星期四       | 2023-01-05
            2023/1/5 星期四         | 2023-01-05
            2023-01-05 周四 10:30   | 2023-01-05
            2023–01–05             | 2023-01-05
            2023‐01‐05             | 2023-01-05
            二〇二三年五月六日        | 2023-05-06
            44927                  | 2023-01-01
            """)
    void parsesEveryFormat(String raw, LocalDate expected) {
        assertThat(Dates.parse(raw.replace("\\u3000", "\u3000"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "null marker ''{0}''")
    @ValueSource(strings = {"", "  ", "/", "／", "无", "-", "--", "null", "NULL", "N/A", "空"})
    void blankAndNullMarkersAreNull(String raw) {
        assertThat(Dates.parse(raw)).isNull();
    }

    @Test
    void nullIsNull() {
        assertThat(Dates.parse(null)).isNull();
    }

    @ParameterizedTest(name = "rejects ''{0}''")
    @ValueSource(strings = {
        "2019-02-30", "2019-02-29", "2019-13-01", "2019-00-10", "2019/4/31", "20190230", "2019年2月30日",
        "二〇一九年二月三十日", "1900-01-01", "1948-12-31", "2101-01-01", "3017-01-05", "60", "59", "0", "99999",
        "201701", "12345678901", "2017-01", "2017-01-05x", "2017-1/5", "2017年1月", "abc", "2017年13月1日",
        "2017-01-05T", "2017/01/05 noon", "42745.", ".5", "十月", "2019-010-05", "20230105250000", "20230230103000",
        "2023年1月5日10分3时", "2023年1月5日下午下午", "2023-1-5.", "2023/1/5 上午 :", "2023/1/5 上午 10"
    })
    void rejectsUnreadableImpossibleAndOutOfRange(String raw) {
        assertThatThrownBy(() -> Dates.parse(raw))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).isEqualTo("DATE_INVALID");
                    assertThat(e.getMessage()).contains(raw);
                    assertThat(e.messageZh()).contains(raw);
                });
    }

    @ParameterizedTest(name = "''{0}'' says why: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2023年1月   | 缺少日
            2023-01    | 缺少日
            23.5.6     | 四位
            5/6/2023   | 四位
            """)
    void anIncompleteDateSaysWhatIsMissing(String raw, String reason) {
        assertThatThrownBy(() -> Dates.parse(raw)).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.messageZh()).contains(reason).contains(raw));
    }

    @Test
    void serialsOfA1904WorkbookCountFromThe1904Epoch() {
        // old Mac Excel: 2023-01-05 is 43469 there and 44931 in the 1900 system
        assertThat(Dates.parse("43469", true)).isEqualTo(LocalDate.of(2023, 1, 5));
        assertThat(Dates.parse("43469.5", true)).isEqualTo(LocalDate.of(2023, 1, 5));
        assertThat(Dates.parse("44931", false)).isEqualTo(LocalDate.of(2023, 1, 5));
        assertThat(Dates.parse("2023-01-05", true)).as("text dates are not serials").isEqualTo(LocalDate.of(2023, 1, 5));
        assertThat(Dates.parseValidityEnd("43469-43833", true)).isEqualTo(LocalDate.of(2024, 1, 4));
    }

    @Test
    void eightDigitsAreAlwaysYyyyMmDdNeverASerial() {
        assertThat(Dates.parse("20160311")).isEqualTo(LocalDate.of(2016, 3, 11));
    }

    @Test
    void epochSecondsAreReadInChinaTime() {
        // 2016-07-04T16:00:00Z is already 07-05 in Asia/Shanghai
        assertThat(Dates.parse("1467648000")).isEqualTo(LocalDate.of(2016, 7, 5));
        assertThat(Dates.parse("1467647999")).isEqualTo(LocalDate.of(2016, 7, 4));
    }

    @ParameterizedTest(name = "validity end ''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            长期       | 2099-12-31
            永久       | 2099-12-31
            ' 长期 '   | 2099-12-31
            2020-12-31 | 2020-12-31
            2023.01.01-2024.01.01             | 2024-01-01
            2023-01-05-2024-01-04             | 2024-01-04
            2023-01-05 至 2024-01-04          | 2024-01-04
            2023年1月5日至2024年1月4日          | 2024-01-04
            自2023年1月5日起至2024年1月4日止     | 2024-01-04
            2023/1/5~2024/1/4                 | 2024-01-04
            2023.01.05—2026.01.04             | 2026-01-04
            2023-01-05至长期                   | 2099-12-31
            长期有效                           | 2099-12-31
            永久有效                           | 2099-12-31
            """)
    void validityEnd(String raw, LocalDate expected) {
        assertThat(Dates.parseValidityEnd(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "validity end rejects ''{0}''")
    @ValueSource(strings = {"2024.01.01-2023.01.01", "2023.01.01-", "自2023年1月5日起三年", "2023年1月"})
    void validityEndRejectsWhatIsNoDateNorPeriod(String raw) {
        assertThatThrownBy(() -> Dates.parseValidityEnd(raw)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest(name = "length ''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            三年        | P3Y
            3年         | P3Y
            6个月       | P6M
            六个月      | P6M
            1年6个月    | P1Y6M
            期限为两年   | P2Y
            十二个月     | P12M
            公示期三年   | P3Y
            公示期为6个月 | P6M
            公示3年     | P3Y
            自决定之日起三年 | P3Y
            """)
    void periodLengths(String raw, String period) {
        assertThat(Dates.periodLength(raw)).isEqualTo(java.time.Period.parse(period));
    }

    @ParameterizedTest(name = "no length ''{0}''")
    @ValueSource(strings = {"2023年1月", "2023-01-05", "长期", "年", "三年半", "不公示"})
    void notPeriodLengths(String raw) {
        assertThat(Dates.periodLength(raw)).isNull();
    }

    @Test
    void validityEndStillTreatsNullMarkersAsNull() {
        assertThat(Dates.parseValidityEnd("/")).isNull();
        assertThat(Dates.parseValidityEnd(null)).isNull();
    }

    @ParameterizedTest(name = "''{0}'' is no date")
    @ValueSource(strings = {"0000-00-00", "0000-00-00 00:00:00", "0000/00/00", "00000000", "1900-01-00", "1900/1/0",
        "1900年1月0日", "00:00:00"})
    void zeroDatesOfDatabasesAndExcelAreEmpty(String zero) {
        assertThat(Dates.isZeroDate(zero)).isTrue();
        assertThat(Dates.parse(zero)).isNull();
        assertThat(Dates.parseValidityEnd(zero)).isNull();
    }

    @ParameterizedTest(name = "''{0}'' is not a zero date")
    @ValueSource(strings = {"2023-01-05", "1900-01-01", "0000-01-01", "1900-01-00 08:00:00", "20230105", "0", "00", "0.5"})
    void otherValuesAreNotZeroDates(String value) {
        assertThat(Dates.isZeroDate(value)).isFalse();
    }
}
