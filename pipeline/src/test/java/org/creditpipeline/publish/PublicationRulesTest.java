package org.creditpipeline.publish;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.model.SeverityTier;
import org.creditpipeline.model.SubjectKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** DOMAIN.md §8: which 公示截止期 applies, and who sees a record. */
class PublicationRulesTest {

    private static final RecordKind PENALTY = RecordKind.ADMINISTRATIVE_PENALTY;

    @ParameterizedTest(name = "decided {0}, {1}, submitted {2} -> ends {3}")
    @CsvSource(nullValues = "-", textBlock = """
            # decision   tier         submitted    end in force
            2018-03-01,  UNSPECIFIED, -,           2021-03-01
            2019-07-01,  SERIOUS,     -,           2022-07-01
            2019-07-01,  GENERAL,     -,           2020-07-01
            2019-06-30,  GENERAL,     -,           2022-06-30
            2023-04-30,  UNSPECIFIED, -,           2024-04-30
            2023-05-01,  SERIOUS,     -,           2026-05-01
            2025-01-10,  GENERAL,     2025-06-30,  2025-06-30
            2025-01-10,  GENERAL,     2027-01-10,  2026-01-10
            2025-01-10,  GENERAL,     2024-12-31,  2026-01-10
            2026-04-01,  SERIOUS,     -,           2029-04-01
            2026-04-01,  GENERAL,     -,           2027-04-01
            2026-04-01,  MINOR,       -,           -
            2026-04-01,  MINOR,       2026-06-01,  2026-06-01
            2026-04-01,  MINOR,       2026-08-01,  -
            2026-03-31,  MINOR,       -,           2027-03-31
            # a submitted end before the regime's minimum period is not valid: the derived maximum applies
            2020-01-10,  SERIOUS,     2020-04-10,  2023-01-10
            2020-01-10,  SERIOUS,     2020-07-10,  2020-07-10
            2020-01-10,  GENERAL,     2020-02-10,  2021-01-10
            2023-05-01,  SERIOUS,     2023-11-01,  2026-05-01
            2023-05-01,  SERIOUS,     2024-05-01,  2024-05-01
            2026-04-01,  GENERAL,     2026-05-01,  2027-04-01
            2026-04-01,  GENERAL,     2026-07-01,  2026-07-01
            2018-03-01,  UNSPECIFIED, 2018-03-01,  2018-03-01
            """)
    void publicationEndFollowsTheRegimeInForceOnTheDecisionDate(LocalDate decided, SeverityTier tier,
                                                                LocalDate submitted, LocalDate expected) {
        assertThat(PublicationRules.publicationEnd(PENALTY, decided, tier, submitted)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> public {2}")
    @CsvSource(textBlock = """
            ACTIVE,          2026-11-26, true
            ACTIVE,          2027-05-02, false
            ACTIVE,          2027-05-01, true
            ACTIVE,          2026-05-01, true
            ACTIVE,          2026-04-30, false
            UNDER_OBJECTION, 2026-11-26, false
            REPAIRED,        2026-11-26, false
            WITHDRAWN,       2026-11-26, false
            EXPIRED,         2026-11-26, false
            """)
    void onlyActiveRecordsInsideTheirPeriodArePublic(RecordStatus status, LocalDate today, boolean expected) {
        var decision = PublicationRules.publicDecision(PENALTY, status, LocalDate.of(2026, 5, 1), SeverityTier.GENERAL,
                null, today);
        assertThat(decision.isPublic()).isEqualTo(expected);
        assertThat(decision.reason() == null).isEqualTo(expected);
    }

    @Test
    void aRecordWithoutDecisionDateIsNotPublic() {
        var decision = PublicationRules.publicDecision(PENALTY, RecordStatus.ACTIVE, null, SeverityTier.SERIOUS,
                LocalDate.of(2027, 1, 1), LocalDate.of(2026, 11, 26));
        assertThat(decision.isPublic()).isFalse();
        assertThat(decision.reason()).contains("no decision date");
    }

    @Test
    void dishonestDebtorsStayListedUntilTheCourtRemovesThem() {
        var decision = PublicationRules.publicDecision(RecordKind.DISHONEST_DEBTOR, RecordStatus.ACTIVE,
                LocalDate.of(2015, 1, 1), SeverityTier.UNSPECIFIED, null, LocalDate.of(2026, 11, 26));
        assertThat(decision.isPublic()).isTrue();
    }

    @ParameterizedTest(name = "{0} changed {1} -> shared {2}")
    @CsvSource(nullValues = "-", textBlock = """
            ACTIVE,          -,          true
            UNDER_OBJECTION, 2026-10-01, true
            EXPIRED,         2026-10-01, true
            REPAIRED,        2026-03-31, true
            REPAIRED,        2026-04-01, false
            REPAIRED,        -,          false
            WITHDRAWN,       2025-01-01, false
            """)
    void repairsFromApril2026StopSharing(RecordStatus status, LocalDate changed, boolean expected) {
        assertThat(PublicationRules.shared(status, changed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "-", textBlock = """
            NATURAL_PERSON,      520102199001011234, 520102********1234
            INDIVIDUAL_BUSINESS, 52010219900101123X, 520102********123X
            CIVIL_SERVANT,       520102199001011234, -
            NATURAL_PERSON,      E1234567,           ******67
            GOVERNMENT_BODY,     52010219760606006X, 520102********006X
            NATURAL_PERSON,      -,                  -
            """)
    void personalIdNumbersAreMaskedAndCivilServantsNeverShown(SubjectKind subject, String id, String shown) {
        assertThat(PublicationRules.publicIdNumber(subject, id)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", quoteCharacter = '"', textBlock = """
            =SUM(A1),  '=SUM(A1)
            +86 123,   '+86 123
            -5,        '-5
            @cmd,      '@cmd
            ＝SUM(A1), '＝SUM(A1)
            ＋86 123,  '＋86 123
            －5,       '－5
            ＠cmd,     '＠cmd
            南明区,     南明区
            -,         -
            """)
    void spreadsheetFormulasAreNeutralised(String value, String expected) {
        assertThat(RecordColumns.neutralise(value)).isEqualTo(expected);
    }

    @Test
    void todayIsTheDateInChinaWhateverTheServersZone() {
        // 00:30 in 贵阳 on 27 November is still 26 November in UTC, where servers often run
        Clock utcServer = Clock.fixed(Instant.parse("2026-11-26T16:30:00Z"), ZoneOffset.UTC);
        assertThat(PublicationRules.today(utcServer)).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @ParameterizedTest(name = "{0} by {1}, category {2} -> ends {3}")
    @CsvSource(nullValues = "-", textBlock = """
            # decision   authority                      category        end in force
            2021-09-01,  贵阳市南明区市场监督管理局,    警告,           -
            2021-09-01,  贵阳市南明区市场监管局,        警告,           -
            2026-05-01,  贵阳市南明区市场监督管理局,    警告,           -
            2021-09-01,  贵阳市南明区市场监督管理局,    通报批评,       2021-12-01
            2021-09-01,  贵阳市南明区市场监督管理局,    警告；通报批评, 2021-12-01
            2021-09-01,  贵阳市南明区市场监督管理局,    警告；罚款,     2022-09-01
            2021-08-31,  贵阳市南明区市场监督管理局,    警告,           2022-08-31
            2021-09-01,  贵阳市南明区生态环境局,        警告,           2022-09-01
            2021-09-01,  南明区市监局,                  警告,           -
            2021-09-01,  公安县市场监督管理局,          警告,           -
            2021-09-01,  贵阳市公安局南明分局,          警告,           2022-09-01
            2021-09-01,  -,                             警告,           2022-09-01
            2021-09-01,  贵阳市南明区市场监督管理局,    -,              2022-09-01
            """)
    void samrOrder45LeavesWarningsUnpublishedAndCriticismsForThreeMonths(LocalDate decided, String authority,
                                                                          String category, LocalDate expected) {
        assertThat(PublicationRules.publicationEnd(PENALTY, decided, SeverityTier.GENERAL, null, category, authority))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} by {1}, category {2}, lower fine {3} -> ends {4}")
    @CsvSource(nullValues = "-", textBlock = """
            # decision   authority                      category          lower  end in force
            2024-03-01,  贵阳市南明区市场监督管理局,    罚款,             true,  2024-06-01
            2024-03-01,  贵阳市南明区市场监督管理局,    警告；罚款,       true,  2024-06-01
            2024-03-01,  南明区市监局,                  通报批评、罚款,   true,  2024-06-01
            2024-03-01,  贵阳市南明区市场监督管理局,    罚款,             false, 2025-03-01
            2024-03-01,  贵阳市南明区市场监督管理局,    罚款；没收违法所得, true, 2025-03-01
            2024-03-01,  贵阳市南明区市场监督管理局,    责令停产停业；罚款, true, 2025-03-01
            2024-03-01,  贵阳市南明区生态环境局,        罚款,             true,  2025-03-01
            2021-08-31,  贵阳市南明区市场监督管理局,    罚款,             true,  2022-08-31
            2024-03-01,  贵阳市南明区市场监督管理局,    -,                true,  2025-03-01
            """)
    void samrOrder45PublishesOnlyALowerFineForThreeMonths(LocalDate decided, String authority, String category,
                                                          boolean lowerFine, LocalDate expected) {
        assertThat(PublicationRules.publicationEnd(PENALTY, decided, SeverityTier.GENERAL, null, category, authority,
                lowerFine)).isEqualTo(expected);
    }

    @Test
    void aWarningOnlyPenaltyOfMarketRegulationIsNotPublicAndSaysWhy() {
        var decision = PublicationRules.publicDecision(PENALTY, RecordStatus.ACTIVE, LocalDate.of(2026, 5, 1),
                SeverityTier.GENERAL, null, "警告", "贵州省市场监督管理局", LocalDate.of(2026, 6, 1));
        assertThat(decision.isPublic()).isFalse();
        assertThat(decision.reason()).contains("仅警告", "45");
    }

    @ParameterizedTest(name = "{0} -> {1}: allowed {2}")
    @CsvSource(textBlock = """
            ACTIVE,          UNDER_OBJECTION, true
            ACTIVE,          REPAIRED,        true
            ACTIVE,          WITHDRAWN,       true
            UNDER_OBJECTION, ACTIVE,          true
            UNDER_OBJECTION, WITHDRAWN,       true
            UNDER_OBJECTION, REPAIRED,        true
            REPAIRED,        ACTIVE,          true
            REPAIRED,        WITHDRAWN,       true
            REPAIRED,        UNDER_OBJECTION, false
            WITHDRAWN,       ACTIVE,          false
            WITHDRAWN,       UNDER_OBJECTION, false
            WITHDRAWN,       REPAIRED,        false
            EXPIRED,         UNDER_OBJECTION, true
            EXPIRED,         REPAIRED,        true
            EXPIRED,         WITHDRAWN,       true
            EXPIRED,         ACTIVE,          false
            """)
    void onlyTransitionsAnOfficerCanJustifyAreAllowed(RecordStatus from, RecordStatus to, boolean allowed) {
        assertThat(StatusTransitions.refusal(from, to) == null).isEqualTo(allowed);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            身份证号520102199001011234，住址…      | 身份证号520102********1234，住址…
            身份证：52010219900101123x             | 身份证：520102********123x
            证号 520102900101123（旧15位）          | 证号 520102*****1123（旧15位）
            甲520102199001011234与乙110101198001010015 | 甲520102********1234与乙110101********0015
            统一社会信用代码91520102MA6H4L5P93      | 统一社会信用代码91520102MA6H4L5P93
            账号6222021001011234567890             | 账号6222021001011234567890
            罚款20000元，日期20260105               | 罚款20000元，日期20260105
            文号筑南市监罚〔2026〕1号               | 文号筑南市监罚〔2026〕1号
            """)
    void idNumbersInFreeTextAreMaskedAndNothingElse(String text, String published) {
        assertThat(PublicationRules.maskIdNumbersInText(text)).isEqualTo(published);
    }
}
