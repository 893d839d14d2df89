package org.creditpipeline.ingest;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.creditpipeline.ingest.mapping.ColumnMapping;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.model.CreditRecord;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.model.SubjectKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cells as officers and feeds really fill them, read through the repository's own mappings (job-configs/mappings):
 * units in the header or the value, Excel's text wrappers and error values, code lists typed with codes, suffixes or
 * brackets, the 2016 template's status and second category column.
 */
class RealMappingCellsTest {

    private static final MappingCatalog CATALOG = MappingCatalog.load(Path.of("../job-configs/mappings"));
    private final RowNormalizer normalizer = new RowNormalizer(null);

    /** One row of a file with these header → cell pairs, through the named mapping. */
    private ProcessedRow row(String mapping, Map<String, String> cells) {
        SourceTable table = new SourceTable("upload.csv", null, List.copyOf(cells.keySet()), 1);
        return normalizer.normalize(new SourceRow(table, 2, cells.values().toArray(String[]::new)),
                ColumnMapping.resolve(CATALOG.get(mapping), table));
    }

    private static Map<String, String> penalty() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("行政相对人名称", "贵州甲乙建材有限公司");
        m.put("行政相对人类别", "法人及非法人组织");
        m.put("统一社会信用代码", "91350100M000100Y43");
        m.put("行政处罚决定书文号", "筑南市监罚〔2026〕12号");
        m.put("处罚类别", "罚款");
        m.put("处罚决定日期", "2026-03-05");
        m.put("处罚机关", "贵阳市南明区市场监督管理局");
        return m;
    }

    private static Map<String, String> sanction(String kind) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("姓名", "李四");
        m.put("身份证号码", "11010519491231002X");
        m.put("工作单位", "某县农业农村局");
        m.put("处分决定文号", "某纪发〔2026〕3号");
        m.put("处分种类", kind);
        m.put("处分机关", "中共某县纪律检查委员会");
        m.put("处分决定日期", "2026-04-01");
        return m;
    }

    private static String reasons(ProcessedRow r) {
        return r.isAccepted() ? "" : r.reasons().toString();
    }

    @ParameterizedTest(name = "{0} = ''{1}'' -> {2} 万元")
    @CsvSource(delimiter = '|', textBlock = """
            罚款金额（万元）   | 2          | 2
            罚款金额（万元）   | 20000元    | 2
            罚款金额（万元）   | 2（万元）  | 2
            罚款金额（万元）   | ￥2.5      | 2.5
            罚款金额（万元）   | 人民币2万元 | 2
            罚款金额（元）     | 20000      | 2
            罚款金额（元）     | 1,234.5    | 0.12345
            罚款金额（元）     | 3万元      | 3
            罚款金额(单位:元)  | 5000       | 0.5
            罚款金额          | 0.2        | 0.2
            罚款金额（万元）   | ¥1,000.00元 | 0.1
            罚款金额（元）     | ¥1,000     | 0.1
            罚款金额（万元）   | 3万元整     | 3
            罚款金额（万元）   | 壹万元      | 1
            罚款金额（元）     | 五千元      | 0.5
            """)
    void amountsAreStoredInWanYuanWhateverUnitTheHeaderOrTheValueStates(String header, String value,
                                                                      String wanYuan) {
        Map<String, String> cells = penalty();
        cells.put(header, value);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().fineAmount()).isEqualByComparingTo(new BigDecimal(wanYuan));
    }

    @Test
    void anAmountInYuanTooLargeForTheColumnIsStillRejectedNotShifted() {
        Map<String, String> cells = penalty();
        cells.put("罚款金额（元）", "1E+999999999");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).isFalse();
        assertThat(r.reasons()).extracting(RejectReason::code).containsExactly(RejectReason.AMOUNT_INVALID);
    }

    @ParameterizedTest(name = "CF_ZT ''{0}'' -> {1}")
    @CsvSource({"0, ACTIVE", "1, WITHDRAWN", "2, UNDER_OBJECTION", "正常, ACTIVE", "撤销, WITHDRAWN", "异议, UNDER_OBJECTION"})
    void theStatusOfThe2016TemplateIsRead(String value, RecordStatus status) {
        Map<String, String> cells = penalty();
        cells.put("CF_ZT", value);
        assertThat(row("penalty", cells).record().status()).isEqualTo(status);
    }

    @Test
    void anUnknownStatusRejectsTheRowWithTheAllowedValues() {
        Map<String, String> cells = penalty();
        cells.put("当前状态", "3");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.reasons()).extracting(RejectReason::code).containsExactly(RejectReason.CODE_VALUE_UNKNOWN);
        assertThat(r.reasons().get(0).messageZh()).contains("“3”不是“当前状态”的有效取值", "正常", "撤销", "异议");
    }

    @ParameterizedTest(name = "{0} with only CF_XDR_SFZ -> {1}")
    @CsvSource({"张三, NATURAL_PERSON", "南明区张三副食店, INDIVIDUAL_BUSINESS"})
    void aSubjectOfThe2016TemplateWithOnlyAResidentIdIsAPerson(String name, SubjectKind kind) {
        // the 2016 template has no 类别 column: 代码_5(居民身份证号) filled and no organisation code is a person
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("CF_XDR_MC", name);
        cells.put("CF_XDR_SFZ", "11010519491231002X");
        cells.put("CF_WSH", "筑南市监罚〔2016〕12号");
        cells.put("CF_CFLB1", "罚款");
        cells.put("CF_JDRQ", "2016-03-05");
        cells.put("CF_XZJG", "贵阳市南明区市场监督管理局");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().subjectKind()).isEqualTo(kind);
        assertThat(r.record().idNumber()).isEqualTo("11010519491231002X");
    }

    @Test
    void aCompanyOfThe2016TemplateStaysAnOrganisation() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("CF_XDR_MC", "贵州甲乙建材有限公司");
        cells.put("CF_XDR_SHXYM", "91350100M000100Y43");
        cells.put("CF_WSH", "筑南市监罚〔2016〕12号");
        cells.put("CF_CFLB1", "罚款");
        cells.put("CF_JDRQ", "2016-03-05");
        cells.put("CF_XZJG", "贵阳市南明区市场监督管理局");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().subjectKind()).isEqualTo(SubjectKind.ENTERPRISE);
    }

    @Test
    void theSecondCategoryColumnOfThe2016TemplateJoinsTheFirst() {
        Map<String, String> cells = penalty();
        cells.put("处罚类别2", "没收违法所得");
        assertThat(row("penalty", cells).record().category()).isEqualTo("罚款;没收违法所得");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ="52010219900101123X"   | 52010219900101123X
            '52010219900101123X     | 52010219900101123X
            52010219900101123x      | 52010219900101123X
            """)
    void identifiersKeptAsTextByExcelTricksAreRead(String cell, String id) {
        Map<String, String> cells = penalty();
        cells.put("行政相对人类别", "自然人");
        cells.put("行政相对人名称", "张三");
        cells.remove("统一社会信用代码");
        cells.put("证件类型", "身份证");
        cells.put("证件号码", cell);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().idNumber()).isEqualTo(id);
    }

    @Test
    void aFifteenDigitRegistrationNumberInTheUsccColumnIsKeptAsTheRegistrationNumber() {
        Map<String, String> cells = penalty();
        cells.remove("统一社会信用代码");
        String registrationNo = "52010200012345"
                + org.creditpipeline.normalize.RegistrationNumber.checkChar("52010200012345");
        cells.put("统一社会信用代码/注册号", registrationNo);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().uscc()).isNull();
        assertThat(r.record().registrationNo()).isEqualTo(registrationNo);
    }

    @Test
    void anExcelErrorValueIsRejectedNotTakenAsAName() {
        Map<String, String> cells = penalty();
        cells.put("法定代表人", "#N/A");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.reasons()).extracting(RejectReason::code).containsExactly(RejectReason.EXCEL_ERROR_VALUE);
        assertThat(r.reasons().get(0).messageZh()).contains("法定代表人", "#N/A", "公式出错");
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({"法人及其他组织, ENTERPRISE", "01-自然人, NATURAL_PERSON", "04 个体工商户, INDIVIDUAL_BUSINESS",
            "其他组织, ENTERPRISE", "02, ENTERPRISE", "法人及非法人組織, ENTERPRISE", "個體工商戶, INDIVIDUAL_BUSINESS",
            "法人或其他组织, ENTERPRISE", "法人和其它组织, ENTERPRISE", "法人或其它组织, ENTERPRISE", "个人, NATURAL_PERSON",
            "个体, INDIVIDUAL_BUSINESS", "机关, GOVERNMENT_BODY", "事业单位, PUBLIC_INSTITUTION",
            "自然人（个人）, NATURAL_PERSON", "个体工商户(个人经营), INDIVIDUAL_BUSINESS", "法人及非法人组织（企业）, ENTERPRISE"})
    void subjectCategoriesAsTyped(String category, SubjectKind kind) {
        Map<String, String> cells = penalty();
        cells.put("行政相对人类别", category);
        if (kind == SubjectKind.NATURAL_PERSON) {
            cells.remove("统一社会信用代码");
            cells.put("证件号码", "11010519491231002X");
        } else if (kind != SubjectKind.ENTERPRISE) {
            cells.remove("统一社会信用代码");
        }
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().subjectKind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "处罚有效期 ''{0}'', 公示截止期 ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            2026.03.05-2027.03.04        | 2026-03-05至2027-03-04 | 2027-03-04 | 2027-03-04
            2026年3月5日至2027年3月4日     | 长期                   | 2027-03-04 | 2099-12-31
            长期                          | ——                    | 2099-12-31 |
            /                             | 无                    |            |
            -                             | /                     |            |
            三年                          | 6个月                  | 2029-03-05 | 2026-09-05
            """)
    void periodsAndPlaceholdersInTheOptionalDateColumns(String validity, String publication, String validUntil,
                                                       String publicationEnd) {
        Map<String, String> cells = penalty();
        cells.put("处罚有效期", validity);
        cells.put("公示截止期", publication);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().validUntil()).isEqualTo(validUntil == null ? null : java.time.LocalDate.parse(validUntil));
        assertThat(r.record().publicationEnd())
                .isEqualTo(publicationEnd == null ? null : java.time.LocalDate.parse(publicationEnd));
    }

    @Test
    void aPersonsNumberInTheUsccColumnAndACodeInThePersonsColumnAreNamedForWhatTheyAre() {
        Map<String, String> company = penalty();
        company.put("统一社会信用代码", "11010519491231002X");
        Map<String, String> person = penalty();
        person.put("行政相对人类别", "自然人");
        person.remove("统一社会信用代码");
        person.put("证件号码", "91350100M000100Y43");

        assertThat(row("penalty", company).reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(RejectReason.USCC_INVALID);
            assertThat(r.messageZh()).contains("“11010519491231002X”是身份证号码，不是统一社会信用代码");
        });
        assertThat(row("penalty", person).reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(RejectReason.ID_INVALID);
            assertThat(r.messageZh()).contains("“91350100M000100Y43”是统一社会信用代码，不是身份证号码");
        });
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            统一社会信用代码/身份证号码     | 法人及非法人组织 | 91350100M000100Y43 | 91350100M000100Y43 |
            统一社会信用代码/身份证号码     | 自然人           | 11010519491231002X |                    | 11010519491231002X
            统一社会信用代码（或身份证号）  | 个人             | 11010519491231002X |                    | 11010519491231002X
            行政相对人代码                 | 法人及非法人组织 | 91350100M000100Y43 | 91350100M000100Y43 |
            行政相对人代码                 | 自然人           | 11010519491231002X |                    | 11010519491231002X
            """)
    void oneColumnForTheCodeOfAnOrganisationOrThePersonsIdIsReadByTheValuesShape(String header, String category,
            String value, String uscc, String idNumber) {
        Map<String, String> cells = penalty();
        cells.remove("统一社会信用代码");
        cells.put("行政相对人类别", category);
        cells.put(header, value);

        ProcessedRow r = row("penalty", cells);

        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().uscc()).isEqualTo(uscc);
        assertThat(r.record().idNumber()).isEqualTo(idNumber);
    }

    @Test
    void aPersonsIdWithAWrongCheckInTheSharedCodeColumnIsRejectedAsAnId() {
        Map<String, String> cells = penalty();
        cells.remove("统一社会信用代码");
        cells.put("行政相对人类别", "自然人");
        cells.put("统一社会信用代码/身份证号码", "110105194912310021");

        assertThat(row("penalty", cells).reasons()).singleElement()
                .satisfies(reason -> assertThat(reason.code()).isEqualTo(RejectReason.ID_INVALID));
    }

    @Test
    void aPublicationPeriodColumnGivesItsEnd() {
        Map<String, String> cells = penalty();
        cells.put("公示期", "2026.03.05-2027.03.04");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().publicationEnd()).isEqualTo(java.time.LocalDate.of(2027, 3, 4));
    }

    @Test
    void aSerialWithoutDateFormatInA1904WorkbookIsCountedFrom1904() {
        Map<String, String> cells = penalty();
        cells.put("处罚决定日期", "43469"); // 2023-01-05 in old Mac Excel's 1904 system, 2019-01-04 in the 1900 one
        SourceTable mac = new SourceTable("mac.xlsx", "Sheet1", List.copyOf(cells.keySet()), 1, true);
        ProcessedRow r = normalizer.normalize(new SourceRow(mac, 2, cells.values().toArray(String[]::new)),
                ColumnMapping.resolve(CATALOG.get("penalty"), mac));
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().decisionDate()).isEqualTo(java.time.LocalDate.of(2023, 1, 5));
    }

    @Test
    void aRegionCodeReadAsANumberIsTheCode() {
        Map<String, String> cells = penalty();
        cells.put("地方编码", "520102.0");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().regionCode()).isEqualTo("520102");
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            政务记过                | 记过
            政务撤职                | 撤职
            开除公职                | 开除
            行政警告                | 警告
            记大过处分              | 记大过
            留党察看一年            | 留党察看一年
            留党察看（二年）        | 留党察看二年
            党内警告、政务记过       | 党内警告;记过
            党内严重警告            | 党内严重警告
            記大過處分              | 记大过
            """)
    void sanctionKindsAsOfficersWriteThem(String kind, String stored) {
        ProcessedRow r = row("sanction", sanction(kind));
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().category()).isEqualTo(stored);
    }

    @Test
    void aSanctionKindNoListKnowsIsStillRejected() {
        assertThat(row("sanction", sanction("批评教育")).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.CODE_VALUE_UNKNOWN);
    }

    @Test
    void aCourtGroundWithAnEnumerationCommaStaysOneGround() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("iname", "贵州某某建设有限公司");
        cells.put("caseCode", "（2026）黔0102执123号");
        cells.put("partyTypeName", "法人或其他组织");
        cells.put("cardNum", "91350100M000100Y43");
        cells.put("courtName", "贵阳市南明区人民法院");
        cells.put("regDate", "20260105");
        cells.put("disruptTypeName", "其他妨碍、抗拒执行,违反财产报告制度");
        ProcessedRow r = row("dishonest-debtor", cells);
        assertThat(r.record()).as(reasons(r)).isNotNull();
        CreditRecord record = r.record();
        assertThat(record.category()).isEqualTo("其他妨碍、抗拒执行;违反财产报告制度");
    }

    @Test
    void aFifteenDigitRegistrationNumberWithAWrongCheckDigitIsRejected() {
        Map<String, String> cells = penalty();
        cells.put("行政相对人代码_2(工商注册号)", "310230001716155"); // DOMAIN.md §6: bad check
        ProcessedRow r = row("penalty", cells);
        assertThat(r.reasons()).extracting(RejectReason::code).containsExactly(RejectReason.REGISTRATION_NO_INVALID);
        assertThat(r.reasons().get(0).messageZh()).contains("工商注册号“310230001716155”校验不通过");

        String valid = "31023000171615" + org.creditpipeline.normalize.RegistrationNumber.checkChar("31023000171615");
        cells.put("行政相对人代码_2(工商注册号)", valid);
        ProcessedRow ok = row("penalty", cells);
        assertThat(ok.isAccepted()).as(reasons(ok)).isTrue();
        assertThat(ok.record().registrationNo()).isEqualTo(valid);
    }

    private static Map<String, String> accountability() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("问责对象", "王某某");
        m.put("问责对象类别", "公务员");
        m.put("身份证号码", "11010519491231002X");
        m.put("问责决定文号", "南纪问〔2026〕5号");
        m.put("问责方式", "诫勉");
        m.put("问责单位", "中共贵阳市南明区纪律检查委员会");
        m.put("问责时间", "2026-05-06");
        return m;
    }

    @Test
    void accountabilityFilesWithTimeAndUnitHeadersMap() {
        ProcessedRow r = row("accountability", accountability());
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().decisionDate()).isEqualTo(java.time.LocalDate.of(2026, 5, 6));
        assertThat(r.record().authorityName()).isEqualTo("中共贵阳市南明区纪律检查委员会");
    }

    @Test
    void aCivilServantWithoutAnIdNumberOrAWorkUnitIsRejectedNamingBoth() {
        Map<String, String> cells = accountability();
        cells.put("身份证号码", "");
        ProcessedRow r = row("accountability", cells);
        assertThat(r.reasons()).extracting(RejectReason::code).containsExactly(RejectReason.REQUIRED_MISSING);
        assertThat(r.reasons().get(0).column()).isEqualTo("身份证号码");
        assertThat(r.reasons().get(0).messageZh())
                .isEqualTo("公职人员须填写身份证号码或工作单位（至少填写一项）：仅凭姓名无法区分同名人员");
    }

    @Test
    void aCivilServantHeldAccountableIsKnownByNameAndUnitWithoutAnIdNumber() {
        Map<String, String> cells = accountability();
        cells.put("身份证号码", "");
        cells.put("工作单位", "贵阳市南明区财政局");
        ProcessedRow r = row("accountability", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().idNumber()).isNull();
        assertThat(r.record().workUnit()).isEqualTo("贵阳市南明区财政局");
    }

    /** The county list as sent: 序号 | 姓名 | 工作单位及职务 | 处分种类 | 处分机关 | 处分日期 | 违纪事实, no 文号, no ID. */
    private static Map<String, String> countySanction() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("序号", "1");
        m.put("姓名", "张伟");
        m.put("工作单位及职务", "南明区财政局党组书记、局长");
        m.put("处分种类", "党内警告");
        m.put("处分机关", "中共南明区纪律检查委员会");
        m.put("处分日期", "2026-05-06");
        m.put("违纪事实", "违规收受礼金");
        return m;
    }

    @Test
    void aSanctionWithoutDocumentNumberAndIdNumberIsKnownByNameAndTheUnitOfItsPost() {
        ProcessedRow r = row("sanction", countySanction());
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().documentNumber()).isNull();
        assertThat(r.record().idNumber()).isNull();
        assertThat(r.record().workUnit()).isEqualTo("南明区财政局");
        assertThat(r.record().position()).isEqualTo("党组书记、局长");
        assertThat(r.record().subjectKind()).isEqualTo(SubjectKind.CIVIL_SERVANT);
    }

    @Test
    void aSanctionOfANameAloneIsRejectedNamingTheColumnsThatWouldIdentifyThePerson() {
        Map<String, String> cells = countySanction();
        cells.put("工作单位及职务", "");
        ProcessedRow r = row("sanction", cells);
        assertThat(r.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.REQUIRED_MISSING);
            assertThat(reason.messageZh()).isEqualTo("公职人员须填写身份证号码或工作单位及职务（至少填写一项）：仅凭姓名无法区分同名人员");
            assertThat(reason.message()).contains("a civil servant needs 身份证号码 or 工作单位及职务");
        });

        cells.put("身份证号", "11010519491231002X");
        assertThat(row("sanction", cells).isAccepted()).isTrue();
    }

    @Test
    void aSanctionWithoutDocumentNumberStillNeedsItsAuthorityDateAndKind() {
        Map<String, String> cells = countySanction();
        cells.put("处分机关", "");
        cells.put("处分日期", "");
        cells.put("处分种类", "");
        assertThat(row("sanction", cells).reasons()).extracting(RejectReason::column)
                .containsExactlyInAnyOrder("处分机关", "处分日期", "处分种类");
    }

    @Test
    void aWrongIdNumberIsRejectedForWhatItIsEvenBesideAUnit() {
        Map<String, String> cells = countySanction();
        cells.put("身份证号码", "110105194912310021");
        assertThat(row("sanction", cells).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.ID_INVALID);
    }

    @Test
    void aNaturalPersonPenalisedStillNeedsTheIdNumber() {
        Map<String, String> cells = penalty();
        cells.remove("统一社会信用代码");
        cells.put("行政相对人名称", "王五");
        cells.put("行政相对人类别", "自然人");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.REQUIRED_MISSING);
            assertThat(reason.messageZh()).isEqualTo("自然人须填写证件号码");
        });
    }

    @Test
    void aStateOrganWithoutACategoryInAnAccountabilityFileIsAGovernmentBody() {
        Map<String, String> cells = accountability();
        cells.put("问责对象", "贵阳市南明区财政局");
        cells.put("问责对象类别", "");
        cells.put("身份证号码", "");
        ProcessedRow r = row("accountability", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().subjectKind()).isEqualTo(SubjectKind.GOVERNMENT_BODY);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({"党政机关, GOVERNMENT_BODY", "党组织, GOVERNMENT_BODY", "领导干部, CIVIL_SERVANT",
            "公职人员, CIVIL_SERVANT"})
    void accountabilitySubjectsAsTheRegulationsNameThem(String category, SubjectKind kind) {
        Map<String, String> cells = accountability();
        cells.put("问责对象类别", category);
        if (!kind.isPerson()) {
            cells.put("问责对象", "中共某县某局党组");
            cells.put("身份证号码", "");
        }
        ProcessedRow r = row("accountability", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().subjectKind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            党纪：党内警告；政务：记过   | 党内警告;记过
            党内警告和政务警告          | 党内警告;警告
            给予党内严重警告处分        | 党内严重警告
            党内严重警告 政务记过       | 党内严重警告;记过
            留党察看 一年              | 留党察看一年
            """)
    void partyAndGovernmentSanctionsInOneCell(String kinds, String stored) {
        ProcessedRow r = row("sanction", sanction(kinds));
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().category()).isEqualTo(stored);
    }

    @Test
    void documentNumbersAreShownAsWrittenAndComparedByKey() {
        Map<String, String> cells = penalty();
        cells.put("行政处罚决定书文号", "南监罚［２０２６］０１２号");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.record().documentNumber()).isEqualTo("南监罚［2026］012号");
        assertThat(r.record().documentNumberKey()).isEqualTo(
                org.creditpipeline.normalize.DocumentNumbers.key("南监罚[2026]12号"));
    }

    @ParameterizedTest(name = "''{0}'' is no value")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"暂无", "\\N", "nan", "None", "（空）", "undefined"})
    void whatOfficersAndExportProgramsWriteForNoValueIsNoValue(String none) {
        Map<String, String> cells = penalty();
        cells.put("罚款金额（万元）", none);
        cells.put("法定代表人", none);
        ProcessedRow optional = row("penalty", cells);
        assertThat(optional.isAccepted()).as(reasons(optional)).isTrue();
        assertThat(optional.record().fineAmount()).isNull();
        assertThat(optional.record().legalRepresentative()).isNull();

        cells.put("行政处罚决定书文号", none);
        ProcessedRow required = row("penalty", cells);
        assertThat(required.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.REQUIRED_MISSING);
            assertThat(reason.column()).isEqualTo("行政处罚决定书文号");
        });
    }

    @ParameterizedTest(name = "{0} ''{1}'' kept as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            外国人永久居留身份证     | usa110050123456    | USA110050123456
            外国人永久居留身份证     | 933156197001011234 | 933156197001011234
            护照号                 | e12345678          | E12345678
            港澳居民来往内地通行证    | H 1234 5678        | H12345678
            """)
    void aPersonsNumberOfAnotherDocumentTypeIsKeptNotCheckedAsAResidentId(String type, String number, String stored) {
        Map<String, String> cells = penalty();
        cells.put("行政相对人类别", "自然人");
        cells.put("统一社会信用代码", "");
        cells.put("证件类型", type);
        cells.put("证件号码", number);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().idType()).isEqualTo(type);
        assertThat(r.record().idNumber()).isEqualTo(stored);
    }

    @Test
    void aResidentIdTypedAsSuchIsStillChecked() {
        Map<String, String> cells = penalty();
        cells.put("行政相对人类别", "自然人");
        cells.put("统一社会信用代码", "");
        cells.put("证件类型", "居民身份证");
        cells.put("证件号码", "110105194912310021");
        assertThat(row("penalty", cells).reasons()).extracting(RejectReason::code).containsExactly(RejectReason.ID_INVALID);
    }

    @ParameterizedTest(name = "''{0}''")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0000-00-00", "0000-00-00 00:00:00", "1900-01-00", "1900/1/0"})
    void aZeroDateIsAMissingDateNotAWrongOne(String zero) {
        Map<String, String> cells = penalty();
        cells.put("公示截止期", zero);
        cells.put("处罚有效期", zero);
        ProcessedRow optional = row("penalty", cells);
        assertThat(optional.isAccepted()).as(reasons(optional)).isTrue();
        assertThat(optional.record().publicationEnd()).isNull();
        assertThat(optional.record().validUntil()).isNull();

        cells.put("处罚决定日期", zero);
        assertThat(row("penalty", cells).reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.REQUIRED_MISSING);
            assertThat(reason.column()).isEqualTo("处罚决定日期");
        });
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({"520102000000, 520102", "520102001000, 520102", "520100000000, 520100"})
    void aTwelveDigitStatisticalRegionCodeIsItsCounty(String cell, String region) {
        Map<String, String> cells = penalty();
        cells.put("地方编码", cell);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().regionCode()).isEqualTo(region);
    }

    @ParameterizedTest(name = "''{0}''")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"990102000000", "52010200000", "5201020000000"})
    void otherLongRegionCodesAreStillRejected(String cell) {
        Map<String, String> cells = penalty();
        cells.put("地方编码", cell);
        assertThat(row("penalty", cells).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.REGION_INVALID);
    }

    @ParameterizedTest(name = "''{0}''")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"9135010OM000100Y43", "91350100M0001OOY43", "9I350100M000100Y43",
        "91350100m0001o0y43"})
    void aUsccWithOOrIForADigitIsRejectedNamingTheCodeItWouldBe(String typed) {
        Map<String, String> cells = penalty();
        cells.put("统一社会信用代码", typed);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.USCC_INVALID);
            assertThat(reason.messageZh()).contains("不使用字母I、O、S、V、Z", "应为91350100M000100Y43", "对照原件");
        });
    }

    @Test
    void aUsccWithALetterOThatIsNoDigitEitherGetsThePlainMessage() {
        Map<String, String> cells = penalty();
        cells.put("统一社会信用代码", "9135010OM000100Y44");
        assertThat(row("penalty", cells).reasons()).singleElement()
                .satisfies(reason -> assertThat(reason.messageZh()).contains("校验不通过").doesNotContain("应为"));
    }

    @Test
    void aDecisionDateAfterTodayIsRejectedAsAMistypedYear() {
        Map<String, String> cells = penalty();
        java.time.LocalDate tomorrow = org.creditpipeline.normalize.Dates.today().plusDays(1);
        cells.put("处罚决定日期", tomorrow.toString());
        assertThat(row("penalty", cells).reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.DATE_INVALID);
            assertThat(reason.column()).isEqualTo("处罚决定日期");
            assertThat(reason.messageZh()).contains("晚于今天", "核对年份");
        });

        cells.put("处罚决定日期", org.creditpipeline.normalize.Dates.today().toString());
        ProcessedRow today = row("penalty", cells);
        assertThat(today.isAccepted()).as(reasons(today)).isTrue();
    }

    @ParameterizedTest(name = "处罚类别 ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            给予警告               | 警告
            警告处罚               | 警告
            给予通报批评            | 通报批评
            并处罚款               | 罚款
            处以罚款、没收违法所得    | 罚款;没收违法所得
            警告 罚款              | 警告;罚款
            ~罚款
没收违法所得~     | 罚款;没收违法所得
            责令改正               | 责令改正
            其他-责令改正           | 其他-责令改正
            罚款 2000元            | 罚款 2000元
            """)
    void penaltyCategoriesSaidWithTheVerbOrSeparatedBySpacesAreTheListsWords(String cell, String stored) {
        Map<String, String> cells = penalty();
        cells.put("处罚类别", cell.replace("\\n", "\n"));
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().category()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0} = ''{1}'' with 处罚内容 ''{2}''")
    @CsvSource(delimiter = '|', textBlock = """
            罚款金额（万元） | 2000     | 罚款2000元            | 0.2
            罚款金额（万元） | 2,000.00 | 处罚款人民币2,000.00元 | 0.2
            罚款金额        | 2000     | 罚款人民币2000元整      | 0.2
            """)
    void aFineInYuanTypedIntoTheColumnInWanYuanIsRejectedSayingWhatToEnter(String header, String fine, String content,
                                                                         String expected) {
        Map<String, String> cells = penalty();
        cells.put(header, fine);
        cells.put("处罚内容", content);
        assertThat(row("penalty", cells).reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.AMOUNT_INVALID);
            assertThat(reason.column()).isEqualTo(header);
            assertThat(reason.messageZh()).contains("单位是万元", "应填" + expected, "列标题中注明“（元）”");
        });
    }

    @ParameterizedTest(name = "{0} = ''{1}'' with 处罚内容 ''{2}'' -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            罚款金额（万元） | 0.2    | 罚款2000元                  | 0.2
            罚款金额（万元） | 2000元 | 罚款2000元                  | 0.2
            罚款金额（元）   | 2000   | 罚款2000元                  | 0.2
            罚款金额（万元） | 2      | 罚款2万元                   | 2
            罚款金额（万元） | 5      | 罚款5元                     | 5
            罚款金额（万元） | 3000   | 罚款2000元，罚款3000元        | 3000
            """)
    void aFineThatAgreesWithTheContentOrCannotBeComparedIsKept(String header, String fine, String content, String stored) {
        Map<String, String> cells = penalty();
        cells.put(header, fine);
        cells.put("处罚内容", content);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().fineAmount()).isEqualByComparingTo(stored);
    }

    @ParameterizedTest(name = "''{0}'' in the USCC column is the 组织机构代码 {1}")
    @CsvSource({"M000100Y-4, M000100Y4", "m000100y4, M000100Y4", "70534825-0, 705348250"})
    void aValidOrganizationCodeInTheUsccColumnIsTheOrganizationCode(String cell, String orgCode) {
        Map<String, String> cells = penalty();
        cells.put("统一社会信用代码", cell);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().uscc()).isNull();
        assertThat(r.record().orgCode()).isEqualTo(orgCode);
    }

    @Test
    void aNaturalPersonsResidentIdInTheUsccColumnIsTheIdNumber() {
        Map<String, String> cells = penalty();
        cells.put("行政相对人类别", "自然人");
        cells.put("统一社会信用代码", "11010519491231002x");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().uscc()).isNull();
        assertThat(r.record().idNumber()).isEqualTo("11010519491231002X");
        assertThat(r.record().subjectKind()).isEqualTo(SubjectKind.NATURAL_PERSON);
    }

    @Test
    void anInvalidOrganizationCodeOrAPersonsIdBesideAnIdColumnInTheUsccColumnIsStillRejected() {
        Map<String, String> badOrg = penalty();
        badOrg.put("统一社会信用代码", "MA1FL0LYA");
        assertThat(row("penalty", badOrg).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.USCC_INVALID);

        Map<String, String> twoIds = penalty();
        twoIds.put("行政相对人类别", "自然人");
        twoIds.put("统一社会信用代码", "11010519491231002X");
        twoIds.put("证件号码", "44011320141005001X");
        assertThat(row("penalty", twoIds).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.USCC_INVALID);
    }

    @ParameterizedTest(name = "''{0}''")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"无文号", "暂无文号", "无决定书文号", "没有文号"})
    void aDocumentNumberCellSayingThereIsNoneIsMissing(String none) {
        Map<String, String> cells = penalty();
        cells.put("行政处罚决定书文号", none);
        assertThat(row("penalty", cells).reasons()).singleElement()
                .satisfies(reason -> assertThat(reason.code()).isEqualTo(RejectReason.REQUIRED_MISSING));
    }

    @Test
    void aDocumentNumberMentioningNoneInsideIsKept() {
        Map<String, String> cells = penalty();
        cells.put("行政处罚决定书文号", "无市监罚〔2026〕5号");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().documentNumber()).isEqualTo("无市监罚〔2026〕5号");
    }

    @Test
    void zerosTypedForNoCodeAreNoCodeNotAValidOne() {
        Map<String, String> cells = penalty();
        cells.put("统一社会信用代码", "000000000000000000");
        cells.put("组织机构代码", "00000000-0");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().uscc()).isNull();
        assertThat(r.record().orgCode()).isNull();
    }

    @Test
    void aUsccStartingWithZeroIsRejectedThoughItsCheckCharacterFits() {
        Map<String, String> cells = penalty();
        cells.put("统一社会信用代码", "01350100M000100Y4C");
        assertThat(row("penalty", cells).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.USCC_INVALID);
    }

    @Test
    void aValidityEndBeforeTheDecisionIsRejected() {
        Map<String, String> cells = penalty();
        cells.put("处罚有效期", "2025-03-04");
        assertThat(row("penalty", cells).reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.DATE_INVALID);
            assertThat(reason.column()).isEqualTo("处罚有效期");
            assertThat(reason.messageZh()).contains("早于决定日期 2026-03-05");
        });
        cells.put("处罚有效期", "2026-03-05");
        assertThat(row("penalty", cells).isAccepted()).isTrue();
    }

    @ParameterizedTest(name = "证件类型 ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            01         | 身份证                | 11010519491231002X | 11010519491231002X
            01-身份证   | 身份证                | 11010519491231002X | 11010519491231002X
            02         | 护照号                | e12345678          | E12345678
            02 护照     | 护照                  | e12345678          | E12345678
            05         | 外国人永久居留身份证     | USA110050123456    | USA110050123456
            其他-军官证  | 其他-军官证            | 军字123号           | 军字123号
            """)
    void idTypeCodesAreStoredAsTheirNames(String type, String stored, String number, String storedNumber) {
        Map<String, String> cells = penalty();
        cells.put("行政相对人类别", "自然人");
        cells.put("统一社会信用代码", "");
        cells.put("证件类型", type);
        cells.put("证件号码", number);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().idType()).isEqualTo(stored);
        assertThat(r.record().idNumber()).isEqualTo(storedNumber);
    }

    @ParameterizedTest(name = "当前状态 ''{0}'' -> {1}")
    @CsvSource({"1.0, WITHDRAWN", "0.0, ACTIVE", "2.00, UNDER_OBJECTION"})
    void aCodeWrittenAsANumberWithDecimalsIsTheCode(String cell, RecordStatus status) {
        Map<String, String> cells = penalty();
        cells.put("当前状态", cell);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().status()).isEqualTo(status);
    }

    @Test
    void aPublicationPeriodWrittenWithItsNameCountsFromTheDecision() {
        Map<String, String> cells = penalty();
        cells.put("公示期", "公示期三年");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().publicationEnd()).isEqualTo(java.time.LocalDate.of(2029, 3, 5));
    }

    @ParameterizedTest(name = "gistUnit ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            本院             | 沈丘县人民法院
            沈丘县人民法院`    | 沈丘县人民法院
            绥中             | 绥中
            """)
    void theCourtListsBasisUnitNoiseIsCleaned(String gistUnit, String stored) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("iname", "王某");
        cells.put("cardNum", "3206821960****7255");
        cells.put("partyTypeName", "0");
        cells.put("caseCode", "(2016)豫1624执782号");
        cells.put("courtName", "沈丘县人民法院");
        cells.put("gistUnit", gistUnit);
        cells.put("regDate", "20160311");
        ProcessedRow r = row("dishonest-debtor", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().basisUnit()).isEqualTo(stored);
    }

    @Test
    void excelsTextWrappersAroundEveryCellAreRemoved() {
        Map<String, String> cells = penalty();
        cells.put("行政相对人名称", "=\"贵州甲乙建材有限公司\"");
        cells.put("处罚决定日期", "=\"2026-03-05\"");
        cells.put("罚款金额（万元）", "'0.5");
        cells.put("地方编码", "'520102");
        cells.put("行政处罚决定书文号", "=\"筑南市监罚〔2026〕12号\"");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().subjectName()).isEqualTo("贵州甲乙建材有限公司");
        assertThat(r.record().decisionDate()).isEqualTo(java.time.LocalDate.of(2026, 3, 5));
        assertThat(r.record().fineAmount()).isEqualByComparingTo("0.5");
        assertThat(r.record().regionCode()).isEqualTo("520102");
        assertThat(r.record().documentNumber()).isEqualTo("筑南市监罚〔2026〕12号");
    }

    @Test
    void confiscatedGainsInYuanTypedIntoTheColumnInWanYuanAreRejectedToo() {
        Map<String, String> cells = penalty();
        cells.put("没收违法所得、没收非法财物的金额（万元）", "500");
        cells.put("处罚内容", "没收违法所得500元，罚款2000元");
        cells.put("罚款金额（万元）", "0.2");
        assertThat(row("penalty", cells).reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.AMOUNT_INVALID);
            assertThat(reason.column()).isEqualTo("没收违法所得、没收非法财物的金额（万元）");
            assertThat(reason.messageZh()).contains("没收违法所得500元相同", "应填0.05");
        });
    }

    private static Map<String, String> debtor(String sex) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("iname", "王某");
        cells.put("cardNum", "3206821960****7255");
        cells.put("partyTypeName", "0");
        cells.put("sexy", sex);
        cells.put("caseCode", "(2016)豫1624执782号");
        cells.put("courtName", "沈丘县人民法院");
        cells.put("regDate", "20160311");
        return cells;
    }

    @ParameterizedTest(name = "sex ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            男性 | 男
            女  | 女
            1   | 男
            2   | 女
            0   |
            9   |
            """)
    void sexesAsWordsAndAsTheCodesOfGbt2261(String cell, String stored) {
        ProcessedRow r = row("dishonest-debtor", debtor(cell));
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().sex()).isEqualTo(stored);
    }

    @Test
    void aSexThatIsNoneOfThemIsRejected() {
        assertThat(row("dishonest-debtor", debtor("3")).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.SEX_INVALID);
    }

    @ParameterizedTest(name = "age ''{0}'' -> {1}")
    @CsvSource({"45, 45", "45岁, 45", "45 周岁, 45"})
    void anAgeWithItsUnitIsTheAge(String cell, int age) {
        Map<String, String> cells = debtor("男");
        cells.put("age", cell);
        ProcessedRow r = row("dishonest-debtor", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().age()).isEqualTo(age);
    }

    @Test
    void aUsccInTheOrganizationCodeColumnGivesItsEmbeddedOrganizationCode() {
        Map<String, String> both = penalty();
        both.put("组织机构代码", "91350100M000100Y43");
        ProcessedRow r = row("penalty", both);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().orgCode()).isEqualTo("M000100Y4");
        assertThat(r.record().uscc()).isEqualTo("91350100M000100Y43");

        Map<String, String> onlyThere = penalty();
        onlyThere.remove("统一社会信用代码");
        onlyThere.put("组织机构代码", "91350100M000100Y43");
        r = row("penalty", onlyThere);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().orgCode()).isEqualTo("M000100Y4");
        assertThat(r.record().uscc()).isEqualTo("91350100M000100Y43");

        Map<String, String> bad = penalty();
        bad.put("组织机构代码", "91350100M000100Y44");
        assertThat(row("penalty", bad).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.ORG_CODE_INVALID);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            黔南公罚决字〔2024〕12号、13号   | 黔南公罚决字〔2024〕12号 | 黔南公罚决字〔2024〕13号
            A〔2024〕1号；B〔2024〕2号      | A〔2024〕1号           | B〔2024〕2号
            X罚〔2023〕5号,X罚〔2023〕6号    | X罚〔2023〕5号          | X罚〔2023〕6号
            """)
    void aCellWithTwoDecisionsNumbersIsRejectedAskingForOneRowPerDecision(String cell, String first, String second) {
        // 双公示: one record per 行政处罚决定书; one key for two decisions would merge the row with the first decision's
        // own row and never with the second's
        Map<String, String> cells = penalty();
        cells.put("行政处罚决定书文号", cell);
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).isFalse();
        assertThat(r.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.DOCUMENT_NUMBER_MULTIPLE);
            assertThat(reason.column()).isEqualTo("行政处罚决定书文号");
            assertThat(reason.value()).isEqualTo(cell);
            assertThat(reason.messageZh()).contains("含 2 个文号", first, second, "每份决定书填写一行", "拆分为 2 行");
            assertThat(reason.message()).contains("2 document numbers", first, second, "one row per decision");
        });
    }

    @Test
    void twoSanctionDecisionsInOneCellAreRejectedToo() {
        Map<String, String> cells = sanction("党内警告、政务记过");
        cells.put("处分决定文号", "南纪发〔2024〕3号、南监发〔2024〕4号");
        assertThat(row("sanction", cells).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.DOCUMENT_NUMBER_MULTIPLE);
    }

    @Test
    void theSameNumberTypedTwiceIsOneNumberKeyedAsOne() {
        Map<String, String> cells = penalty();
        cells.put("行政处罚决定书文号", "筑南市监罚〔2026〕12号、筑南市监罚字〔2026〕第12号");
        ProcessedRow r = row("penalty", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().documentNumber()).isEqualTo("筑南市监罚〔2026〕12号、筑南市监罚字〔2026〕第12号");
        assertThat(r.record().documentNumberKey()).isEqualTo(
                org.creditpipeline.normalize.DocumentNumbers.key("筑南市监罚〔2026〕12号"));
    }
    @ParameterizedTest(name = "{0} ''{1}'' without 主体类型 -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            某县人民政府    | 11520103MB1745207P | GOVERNMENT_BODY | 11520103MB1745207P |           |
            某建材有限公司  | 91350100M000100Y43 | ENTERPRISE      | 91350100M000100Y43 |           |
            某建材有限公司  | M000100Y-4         | ENTERPRISE      |                    | M000100Y4 |
            王某           | 440703197601160028 | NATURAL_PERSON  |                    |           | 440703197601160028
            王某           | 3206821960****7255 | NATURAL_PERSON  |                    |           | 3206821960****7255
            """)
    void withoutACategoryTheSharedCodeColumnIsReadByTheValuesShape(String name, String code, SubjectKind kind,
                                                                 String uscc, String orgCode, String idNumber) {
        // a 失信 list of a local platform: 机关 and persons side by side, no 主体类型 column; the mapping's default
        // (a person) must not turn a 机关's USCC into a bad 身份证
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("失信被执行人名称", name);
        cells.put("统一社会信用代码/身份证号", code);
        cells.put("执行法院", "贵阳市中级人民法院");
        cells.put("执行案号", "(2024)黔01执100号");
        cells.put("立案日期", "2024-05-06");
        ProcessedRow r = row("dishonest-debtor", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().subjectKind()).isEqualTo(kind);
        assertThat(r.record().uscc()).isEqualTo(uscc);
        assertThat(r.record().orgCode()).isEqualTo(orgCode);
        assertThat(r.record().idNumber()).isEqualTo(idNumber);
    }

    @Test
    void aStatedPersonWithAnOrganisationsCodeIsStillAConflict() {
        Map<String, String> cells = debtor("男");
        cells.put("cardNum", "M000100Y-4");
        assertThat(row("dishonest-debtor", cells).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.SUBJECT_KIND_CONFLICT);
    }

    @Test
    void anOrganisationCodeAloneMakesTheDebtorAnOrganisation() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("被执行人名称", "某建材有限公司");
        cells.put("组织机构代码", "M000100Y-4");
        cells.put("执行法院", "贵阳市南明区人民法院");
        cells.put("案号", "(2024)黔0102执58号");
        cells.put("立案时间", "2024-02-06");
        ProcessedRow r = row("dishonest-debtor", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().subjectKind()).isEqualTo(SubjectKind.ENTERPRISE);
        assertThat(r.record().orgCode()).isEqualTo("M000100Y4");
    }

    @ParameterizedTest(name = "被告人 ''{0}'' with only an ID number -> {1}")
    @CsvSource({"张某, NATURAL_PERSON", "某县财政局, GOVERNMENT_BODY"})
    void aJudgmentsDefendantWithOnlyAPersonsIdIsAPersonUnlessTheNameIsABodys(String name, SubjectKind kind) {
        // judgment expects bodies; a criminal court's list of 被告人 has no category column
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("案号", "(2025)黔0103刑初201号");
        cells.put("被告人", name);
        cells.put("身份证号码", "440703197601160028");
        cells.put("作出判决的法院", "贵阳市云岩区人民法院");
        cells.put("判决日期", "2025-05-20");
        ProcessedRow r = row("judgment", cells);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().subjectKind()).isEqualTo(kind);
    }
}
