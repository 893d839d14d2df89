package org.creditpipeline.consolidate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Authority names reduced to their function: one authority's spellings agree, different departments do not. */
class AuthorityNamesTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            贵阳市南明区市场监督管理局            | 南明区市场监管局
            公安县市场监督管理局                | 公安县市场监管局
            淮安市淮阴区安全生产监督管理局         | 淮安市淮阴区应急管理局
            淮安市淮阴区环境保护局               | 淮安市生态环境局淮阴分局
            淮安市淮阴区地方税务局               | 国家税务总局淮安市淮阴区税务局
            淮安市淮阴区人民政府                | 淮阴区人民政府
            淮安市淮阴区交通运输综合行政执法大队     | 淮安市淮阴区交通运输局
            淮安市淮阴区城市管理综合行政执法局      | 淮安市淮阴区城市管理局
            淮安市淮阴区综合行政执法局            | 淮安市淮阴区城市管理局
            深圳市市场和质量监督管理委员会         | 深圳市市场监督管理局
            淮安市淮阴区农业委员会               | 淮安市淮阴区农业农村局
            淮安市淮阴区卫生局                  | 淮安市淮阴区卫生健康委员会
            淮安市淮阴区文化广电和旅游局           | 淮安市淮阴区文化和旅游局
            贵阳市南明区市场监督管理局            | 南明区市监局
            贵阳市南明区市场监督管理局            | 贵阳市南明区市监局
            公安县市场监督管理局                | 公安县市监局
            贵阳市市场监督管理局                | 市监局
            贵阳市南明区市场监督管理局            | 贵阳市南明区食品药品监督管理局
            南明区市场监管局                   | 南明区食药监局
            贵阳市市场监督管理局                | 贵阳市食品药品监督管理局
            贵阳市南明区应急管理局              | 南明区应急局
            贵阳市南明区交通运输局              | 南明区交通局
            贵阳市南明区文化和旅游局            | 南明区文旅局
            贵阳市南明区医疗保障局              | 南明区医保局
            贵州省药品监督管理局                | 贵州省药监局
            淮安市淮阴区农业农村局              | 淮安市淮阴区农业局
            贵阳市公安局交通警察支队            | 贵阳市公安局
            贵阳市公安局交通管理局              | 贵阳市公安局交警支队
            中共淮安市淮阴区委员会              | 中共淮阴区委
            中共淮安市淮阴区委员会              | 淮阴区委
            中共贵阳市南明区委员会              | 南明区委
            中共黔南布依族苗族自治州委员会        | 黔南州委
            中共贵州省委                      | 中共贵州省委员会
            中共常熟市委员会                  | 常熟市委
            中共济源市委                      | 济源市委
            中共贵阳市委员会                  | 贵阳市委
            淮阴区监委                        | 淮安市淮阴区监察委员会
            南明区纪委监委                    | 中共贵阳市南明区纪律检查委员会
            """)
    void oneAuthority(String a, String b) {
        assertThat(core(a)).isNotNull().isEqualTo(core(b));
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', textBlock = """
            淮安市淮阴区城关镇人民政府            | 淮安市淮阴区民政局
            淮安市淮阴区人民政府                | 淮安市淮阴区民政局
            贵阳市南明区市场监督管理局            | 贵阳市南明区应急管理局
            淮安市淮阴区交通运输综合行政执法大队     | 淮安市淮阴区城市管理局
            公安县市场监督管理局                | 公安县公安局
            南明区市监局                      | 南明区安监局
            南明区市监局                      | 南明区监察委员会
            南明区食药监局                    | 南明区卫生健康局
            贵州省药品监督管理局                | 贵州省市场监督管理局
            南明区药监局                      | 南明区食药监局
            南明区交通局                      | 南明区交警大队
            南明区应急局                      | 南明区市监局
            贵阳市交通运输综合行政执法支队       | 贵阳市公安局交通警察支队
            中共淮安市淮阴区委员会              | 淮阴区纪委
            淮阴区委                        | 淮阴区监委
            南明区委                        | 中共南明区委组织部
            中共南明区委员会                  | 政协贵阳市南明区委员会
            中共南明区委员会                  | 共青团贵阳市南明区委员会
            南明区委                        | 南明区人民政府
            常熟市委                        | 常熟市经信委
            贵阳市委                        | 国资委
            贵阳市委                        | 政法委
            常熟市委                        | 常熟市人大常委会
            常熟市委                        | 共青团常熟市委
            """)
    void differentAuthorities(String a, String b) {
        assertThat(core(a)).isNotEqualTo(core(b));
        assertThat(AuthorityNames.clearlyDifferent(AuthorityNames.canonical(a), null, AuthorityNames.canonical(b), null))
                .isTrue();
    }

    private static String core(String name) {
        return AuthorityNames.core(AuthorityNames.canonical(name));
    }
}
