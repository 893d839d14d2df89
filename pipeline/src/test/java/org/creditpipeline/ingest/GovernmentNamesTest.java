package org.creditpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GovernmentNamesTest {

    @ParameterizedTest
    @CsvSource({
        "贵阳市南明区财政局, true",
        "贵阳市南明区人民政府, true",
        "南明区花果园街道办事处, true",
        "中共贵阳市南明区委员会, true",
        "中共南明区委, true",
        "中共南明区审计局党组, true",
        "中共南明区教育局机关党总支, true",
        "南明区某某村党支部, true",
        "南明区人民代表大会, true",
        "贵阳市南明区人民法院, true",
        "贵阳某某党建咨询有限公司, false",
        "南明区某某种植专业合作社, false",
        "南明区某某建筑企业, false",
        "贵阳市第一人民医院, false",
        "张三, false",
    })
    void namesOfOrgansAndPartyOrganisations(String name, boolean body) {
        assertThat(GovernmentNames.looksLikeGovernmentBody(name)).as(name).isEqualTo(body);
    }
}
