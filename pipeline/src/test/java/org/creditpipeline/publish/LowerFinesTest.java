package org.creditpipeline.publish;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.creditpipeline.model.SubjectKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 总局令第45号 art. 13's 较低数额罚款, per province, as job-configs/publication.yaml ships it. */
class LowerFinesTest {

    private static final LowerFines SHIPPED = LowerFines.load(Path.of("../job-configs/publication.yaml"));

    @ParameterizedTest(name = "{0} {1} decided {2}: fine {3} 万元, confiscated {4} -> lower {5}")
    @CsvSource(nullValues = "-", textBlock = """
            # region  subject          decided      fine 万元  confiscated  lower
            # 贵州: natural person below 5,000 元, organisation below 50,000 元 (不含本数), from 2024-01-01
            520102,   NATURAL_PERSON,    2024-01-01,  0.4999,    -,           true
            520102,   NATURAL_PERSON,    2024-01-01,  0.5,       -,           false
            520102,   ENTERPRISE,        2024-01-01,  0.5,       -,           true
            520102,   ENTERPRISE,        2024-01-01,  4.99,      -,           true
            520102,   ENTERPRISE,        2024-01-01,  5,         -,           false
            520102,   INDIVIDUAL_BUSINESS, 2024-06-01, 4.99,     -,           true
            520102,   ENTERPRISE,        2023-12-31,  0.1,       -,           false
            520102,   ENTERPRISE,        2024-06-01,  0.1,       0.2,         false
            520102,   ENTERPRISE,        2024-06-01,  0.1,       0,           true
            520102,   ENTERPRISE,        2024-06-01,  0,         -,           false
            520102,   ENTERPRISE,        2024-06-01,  -,         -,           false
            # 福建 from 2024-07-12; a province without a rule keeps every fine's full period
            350102,   ENTERPRISE,        2024-07-11,  0.1,       -,           false
            350102,   ENTERPRISE,        2024-07-12,  0.1,       -,           true
            110105,   ENTERPRISE,        2024-07-12,  0.1,       -,           false
            -,        ENTERPRISE,        2024-07-12,  0.1,       -,           false
            """)
    void aFineIsLowerOnlyBelowItsProvincesThresholdFromItsDate(String region, SubjectKind subject, LocalDate decided,
                                                                BigDecimal fine, BigDecimal confiscated,
                                                                boolean lower) {
        assertThat(SHIPPED.isLower(region, subject, decided, fine, confiscated)).isEqualTo(lower);
    }

    @Test
    void aLaterRuleOfTheSameProvinceReplacesTheEarlierOne(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("publication.yaml"), """
                samrLowerFines:
                  - {province: "52", from: 2025-01-01, naturalPersonBelowYuan: 1000, organisationBelowYuan: 10000}
                  - {province: "52", from: 2024-01-01, naturalPersonBelowYuan: 5000, organisationBelowYuan: 50000}
                """);
        LowerFines rules = LowerFines.load(f);
        BigDecimal threeThousandYuan = new BigDecimal("0.3");
        assertThat(rules.isLower("520102", SubjectKind.NATURAL_PERSON, LocalDate.of(2024, 12, 31), threeThousandYuan,
                null)).isTrue();
        assertThat(rules.isLower("520102", SubjectKind.NATURAL_PERSON, LocalDate.of(2025, 1, 1), threeThousandYuan,
                null)).isFalse();
    }

    @Test
    void aMissingFileMeansNoProvinceHasAThreshold(@TempDir Path dir) {
        assertThat(LowerFines.load(dir.resolve("publication.yaml")).isLower("520102", SubjectKind.ENTERPRISE,
                LocalDate.of(2025, 1, 1), new BigDecimal("0.01"), null)).isFalse();
    }

    @Test
    void anInvalidRuleStopsWithTheFileTheEntryAndTheKey(@TempDir Path dir) throws IOException {
        Path noDate = Files.writeString(dir.resolve("a.yaml"), """
                samrLowerFines:
                  - {province: "52", naturalPersonBelowYuan: 5000, organisationBelowYuan: 50000}
                """);
        assertThatThrownBy(() -> LowerFines.load(noDate)).hasMessageContaining("a.yaml")
                .hasMessageContaining("samrLowerFines[0]").hasMessageContaining("'from'");
        Path city = Files.writeString(dir.resolve("b.yaml"), """
                samrLowerFines:
                  - {province: "5201", from: 2024-01-01, naturalPersonBelowYuan: 5000, organisationBelowYuan: 50000}
                """);
        assertThatThrownBy(() -> LowerFines.load(city)).hasMessageContaining("'province'").hasMessageContaining("5201");
        Path noAmount = Files.writeString(dir.resolve("c.yaml"), """
                samrLowerFines:
                  - {province: "35", from: 2024-07-12, naturalPersonBelowYuan: 5000}
                """);
        assertThatThrownBy(() -> LowerFines.load(noAmount)).hasMessageContaining("organisationBelowYuan");
        Path notYaml = Files.writeString(dir.resolve("d.yaml"), "samrLowerFines: [ {province: \"52\"");
        assertThatThrownBy(() -> LowerFines.load(notYaml)).hasMessageContaining("d.yaml")
                .hasMessageContaining("not a valid publication config");
    }
}
