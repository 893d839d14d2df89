package org.creditpipeline.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Amount cells as officers write them, in a column headed in 万元 (shift 0) or in 元 (shift 4). */
class AmountsTest {

    @ParameterizedTest(name = "''{0}'' in a column of shift {1} -> {2} 万元")
    @CsvSource(delimiter = '|', textBlock = """
            0.5                      | 0 | 0.5
            0                        | 0 | 0
            1,000.00                 | 0 | 1000
            1,000.5万元               | 0 | 1000.5
            20000元                  | 0 | 2
            2（万元）                 | 0 | 2
            ¥1,000                   | 4 | 0.1
            ¥1,000                   | 0 | 1000
            1,000元                  | 0 | 0.1
            ¥1,000.00元              | 0 | 0.1
            人民币2万元               | 0 | 2
            RMB 500                  | 4 | 0.05
            罚款人民币5000元           | 0 | 0.5
            罚款5000元                | 0 | 0.5
            3万元整                   | 0 | 3
            1 000                    | 4 | 0.1
            壹万元                    | 0 | 1
            五千元                    | 0 | 0.5
            5千元                     | 0 | 0.5
            人民币壹仟元整             | 0 | 0.1
            叁拾万元                  | 0 | 30
            壹万贰仟叁佰肆拾伍元陆角柒分 | 0 | 1.234567
            二十万                    | 0 | 20
            一千零五十元               | 0 | 0.105
            两千元                    | 0 | 0.2
            1万2千元                  | 0 | 1.2
            0.123456789              | 0 | 0.123457
            2万元人民币               | 0 | 2
            人民币(大写)贰仟元整        | 0 | 0.2
            人民币（大写：贰仟元整）     | 0 | 0.2
            2000元（贰仟元整）         | 0 | 0.2
            2000元(大写:贰仟元整)      | 0 | 0.2
            ￥2,000.00（人民币贰仟元整） | 4 | 0.2
            """)
    void readsTheAmountInWanYuan(String value, int shift, String wanYuan) {
        assertThat(Amounts.wanYuan(value, shift)).isEqualByComparingTo(new BigDecimal(wanYuan));
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"-0.5", "1,2", "12,34,567", "未罚款", "50%", "三个月", "5角", "壹万元伍", "1E+30", "两千",
        "2000元（贰万元整）", "2000元(大写:贰仟伍佰元整)"})
    void rejectsWhatIsNoAmount(String value) {
        // 两千 alone: Chinese numerals need their unit (2000 万元 or 2000 元?)
        assertThatThrownBy(() -> Amounts.wanYuan(value, 0)).isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).code()).isEqualTo("AMOUNT_INVALID");
    }
}
