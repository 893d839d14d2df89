package org.creditpipeline.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.creditpipeline.ingest.mapping.ColumnMapping;
import org.creditpipeline.ingest.mapping.MappingConfig;
import org.creditpipeline.ingest.mapping.MappingConfig.FieldSpec;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.model.CreditRecord;
import org.creditpipeline.model.SubjectKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cell rules of the ingest, one table per rule; no Spring, no database. */
class RowNormalizerTest {

    private static final List<String> HEADERS = List.of("名称", "类别", "统一社会信用代码", "证件号码", "文号", "决定日期",
            "罚款金额（万元）", "公示截止期", "处罚机关统一社会信用代码", "地方编码");

    private static final MappingConfig CONFIG = new MappingConfig("test", "test", "ADMINISTRATIVE_PENALTY", "ENTERPRISE",
            fields());

    private static Map<String, FieldSpec> fields() {
        Map<String, FieldSpec> f = new LinkedHashMap<>();
        f.put("subjectName", spec("名称", true, null));
        f.put("subjectCategory", spec("类别", false, Map.of("法人及非法人组织", "ENTERPRISE", "自然人", "NATURAL_PERSON")));
        f.put("uscc", spec("统一社会信用代码", false, null));
        // a natural person is known by the ID number (DOMAIN.md §10), as the real mappings say
        f.put("idNumber", new FieldSpec(List.of("证件号码"), null, null, false, null, null, null, null, null,
                List.of("NATURAL_PERSON", "CIVIL_SERVANT")));
        f.put("documentNumber", spec("文号", true, null));
        f.put("decisionDate", spec("决定日期", true, null));
        f.put("fineAmount", spec("罚款金额（万元）", false, null));
        f.put("publicationEnd", spec("公示截止期", false, null));
        f.put("authorityUscc", spec("处罚机关统一社会信用代码", false, null));
        f.put("regionCode", spec("地方编码", false, null));
        return f;
    }

    private static FieldSpec spec(String header, boolean required, Map<String, String> values) {
        return new FieldSpec(List.of(header), null, null, required, values, null, null);
    }

    private final RowNormalizer normalizer = new RowNormalizer(null);
    private final SourceTable table = new SourceTable("t.csv", null, HEADERS, 1);
    private final ColumnMapping mapping = ColumnMapping.resolve(CONFIG, table);

    private ProcessedRow row(String... cells) {
        return normalizer.normalize(new SourceRow(table, 2, cells), mapping);
    }

    private static String[] good() {
        return new String[] {"某某科技有限公司", "法人及非法人组织", "91350100M000100Y43", "", "京朝市监罚〔2024〕12号",
            "2024-03-05", "0.2", "2025-03-05", "11230500001755309F", ""};
    }

    @Test
    void aGoodRowBecomesACanonicalRecord() {
        CreditRecord r = row(good()).record();

        assertThat(r.subjectName()).isEqualTo("某某科技有限公司");
        assertThat(r.subjectKind()).isEqualTo(SubjectKind.ENTERPRISE);
        assertThat(r.documentNumberKey()).isEqualTo("京朝市监罚(2024)12号");
        assertThat(r.decisionDate()).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(r.fineAmount()).isEqualByComparingTo(new BigDecimal("0.2"));
        assertThat(r.regionCode()).as("derived from the authority's USCC characters 3-8").isEqualTo("230500");
        assertThat(r.provenance().describe()).isEqualTo("t.csv row 2");
    }

    @ParameterizedTest(name = "amount ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            99999999999999.999999 | 99999999999999.999999
            0.1234565             | 0.123457
            5E-7                  | 0.000001
            4E-8                  | 0.000000
            1E-999999999          | 0.000000
            1E+3                  | 1E+3
            """)
    void amountsFitTheColumnTheyAreStoredIn(String value, String stored) {
        String[] cells = good();
        cells[HEADERS.indexOf("罚款金额（万元）")] = value;

        CreditRecord r = row(cells).record();

        assertThat(r).as(value).isNotNull();
        assertThat(r.fineAmount()).isEqualByComparingTo(new BigDecimal(stored));
    }

    @Test
    void aNamePaddedWithFullWidthSpacesIsStoredWithout() {
        String[] cells = good();
        cells[0] = "惠山\u3000区叶记\u3000餐馆";

        assertThat(row(cells).record().subjectName()).isEqualTo("惠山区叶记餐馆");
    }

    @Test
    void anAmountRoundingPastFourteenDigitsIsRejected() {
        String[] cells = good();
        cells[HEADERS.indexOf("罚款金额（万元）")] = "99999999999999.9999999";

        assertThat(row(cells).reasons()).extracting(RejectReason::code).containsExactly("AMOUNT_INVALID");
    }

    @ParameterizedTest(name = "{0} = ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            统一社会信用代码 | 91110000600037341N     | USCC_INVALID
            统一社会信用代码 | 4.10102199001011E+17   | USCC_INVALID
            证件号码         | 110105194912310021     | ID_INVALID
            证件号码         | 4.10102199001011E+17   | ID_INVALID
            决定日期         | 2019-02-30             | DATE_INVALID
            决定日期         | ''                     | REQUIRED_MISSING
            名称             | /                      | REQUIRED_MISSING
            罚款金额（万元） | 1,2                    | AMOUNT_INVALID
            罚款金额（万元） | -3                     | AMOUNT_INVALID
            罚款金额（万元） | 三万余元               | AMOUNT_INVALID
            罚款金额（万元） | 110105194912310021     | AMOUNT_INVALID
            罚款金额（万元） | 100000000000000        | AMOUNT_INVALID
            罚款金额（万元） | 1E+999999999           | AMOUNT_INVALID
            公示截止期       | 2024-01-01             | PUBLICATION_END_BEFORE_DECISION
            类别             | 外星人                 | CODE_VALUE_UNKNOWN
            地方编码         | 999999                 | REGION_INVALID
            """)
    void aBadCellRejectsTheRowWithItsReason(String header, String value, String code) {
        String[] cells = good();
        cells[HEADERS.indexOf(header)] = value;

        ProcessedRow result = row(cells);

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.reasons()).extracting(RejectReason::code).contains(code);
        RejectReason reason = result.reasons().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
        assertThat(reason.column()).isEqualTo(header);
        assertThat(reason.messageZh()).isNotBlank();
    }

    @Test
    void aNumberRoundedByExcelTellsTheOfficerToFormatTheColumnAsText() {
        String[] cells = good();
        cells[1] = "自然人";
        cells[3] = "4.10102199001011E+17";

        RejectReason reason = row(cells).reasons().get(0);

        assertThat(reason.messageZh()).contains("文本").contains("Excel");
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            某某科技有限公司       | 91350100M000100Y43 | ENTERPRISE
            哈尔滨市某某局         | 11230500001755309F | GOVERNMENT_BODY
            某县人民政府           | ''                 | GOVERNMENT_BODY
            某县自然资源局         | ''                 | GOVERNMENT_BODY
            某某局建材有限公司     | ''                 | ENTERPRISE
            """)
    void theSubjectKindComesFromTheUsccCategoryOrAStateOrganName(String name, String uscc, SubjectKind expected) {
        String[] cells = good();
        cells[0] = name;
        cells[2] = uscc;

        assertThat(row(cells).record().subjectKind()).isEqualTo(expected);
    }

    @Test
    void everyBadCellOfARowIsReported() {
        String[] cells = good();
        cells[2] = "91110000600037341N";
        cells[5] = "2019-13-01";
        cells[6] = "abc";

        assertThat(row(cells).reasons()).extracting(RejectReason::code)
                .containsExactlyInAnyOrder("USCC_INVALID", "DATE_INVALID", "AMOUNT_INVALID");
    }

    @Test
    void aNaturalPersonNeedsAnIdNumberAndAMaskedOneIsAccepted() {
        String[] cells = good();
        cells[1] = "自然人";
        cells[2] = "";
        assertThat(row(cells).reasons()).extracting(RejectReason::code).containsExactly("REQUIRED_MISSING");

        cells[3] = "3206821960****7255";
        CreditRecord r = row(cells).record();
        assertThat(r.subjectKind()).isEqualTo(SubjectKind.NATURAL_PERSON);
        assertThat(r.idNumber()).isEqualTo("3206821960****7255");
    }

    @Test
    void aBrokenRowIsRejectedWithItsStructureProblem() {
        ProcessedRow result = normalizer.normalize(
                new SourceRow(table, 7, good(), "row has 50 cells but the header has 10 columns"), mapping);

        assertThat(result.reasons()).extracting(RejectReason::code).containsExactly("ROW_STRUCTURE");
    }

    // The node region rule (辖区): a node takes only records of its own region; the authority's region or, failing
    // that, the node's own stands in for a missing 地方编码.

    private static final NodeRegion NANMING = new NodeRegion("520102", "南明区");
    private static final String NANMING_AUTHORITY = "11520102MB1744213N";
    private static final String PROVINCE_AUTHORITY = "11520000MB1745208A";

    private ProcessedRow rowAt(NodeRegion node, String region, String authorityUscc) {
        String[] cells = good();
        cells[HEADERS.indexOf("地方编码")] = region;
        cells[HEADERS.indexOf("处罚机关统一社会信用代码")] = authorityUscc;
        return new RowNormalizer(null, node).normalize(new SourceRow(table, 2, cells), mapping);
    }

    @ParameterizedTest(name = "地方编码 {0} at 南明区 -> rejected")
    @CsvSource({"520103", "520100", "520000", "330106"})
    void anExplicitRegionOutsideTheNodeRejectsTheRowNamingTheCodeAndTheNode(String region) {
        ProcessedRow result = rowAt(NANMING, region, NANMING_AUTHORITY);

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.REGION_OUTSIDE_NODE);
            assertThat(reason.column()).isEqualTo("地方编码");
            assertThat(reason.value()).isEqualTo(region);
            assertThat(reason.message()).isEqualTo("region " + region
                    + " lies outside this node's region 南明区 (520102)");
            assertThat(reason.messageZh()).isEqualTo("地方编码 " + region + " 不在本节点（南明区 520102）辖区内");
        });
    }

    @ParameterizedTest(name = "地方编码 {2} at {1} {0} -> accepted")
    @CsvSource(delimiter = '|', textBlock = """
            520102 | 南明区 | 520102
            520100 | 贵阳市 | 520102
            520100 | 贵阳市 | 520100
            520000 | 贵州省 | 520111
            """)
    void anExplicitRegionInsideTheNodeIsKept(String nodeCode, String nodeName, String region) {
        ProcessedRow result = rowAt(new NodeRegion(nodeCode, nodeName), region, PROVINCE_AUTHORITY);

        assertThat(result.isAccepted()).as("%s", result.reasons()).isTrue();
        assertThat(result.record().regionCode()).isEqualTo(region);
    }

    @Test
    void aMalformedRegionIsInvalidBeforeItIsOutside() {
        assertThat(rowAt(NANMING, "999999", NANMING_AUTHORITY).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.REGION_INVALID);
    }

    @ParameterizedTest(name = "no 地方编码, authority {2} at {1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            520102 | 南明区 | 11520102MB1744213N | 520102
            520100 | 贵阳市 | 11520102MB1744213N | 520102
            520000 | 贵州省 | 11520103MB1745207P | 520103
            """)
    void withoutAnExplicitRegionTheAuthoritysRegionInsideTheNodeIsKept(String nodeCode, String nodeName,
                                                                      String authority, String expected) {
        ProcessedRow result = rowAt(new NodeRegion(nodeCode, nodeName), "", authority);

        assertThat(result.isAccepted()).as("%s", result.reasons()).isTrue();
        assertThat(result.record().regionCode()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "no 地方编码, authority ''{0}'' at 南明区 -> 520102")
    @CsvSource({
        "11520000MB1745208A",   // a provincial authority's decision uploaded at the county
        "11520100MB17449989",   // the city's bureau
        "11230500001755309F",   // another province's authority
        "''"                    // nothing to derive the region from
    })
    void withoutAnExplicitRegionAnythingElseBecomesTheNodesOwnRegion(String authority) {
        ProcessedRow result = rowAt(NANMING, "", authority);

        assertThat(result.isAccepted()).as("%s", result.reasons()).isTrue();
        assertThat(result.record().regionCode()).isEqualTo("520102");
    }

    @Test
    void withoutANodeRegionNoRegionRuleApplies() {
        assertThat(rowAt(null, "330106", NANMING_AUTHORITY).record().regionCode()).isEqualTo("330106");
        assertThat(rowAt(null, "", PROVINCE_AUTHORITY).record().regionCode()).isEqualTo("520000");
        assertThat(rowAt(null, "", "").record().regionCode()).isNull();
    }

    // A place name where the 地方编码 belongs: the configured table names the code when the name is unique.

    private static org.creditpipeline.normalize.RegionTable smallTable() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("regions", ".csv");
        java.nio.file.Files.writeString(file, """
                520000,贵州省
                520100,贵阳市
                520102,南明区
                520103,云岩区
                110000,北京市
                110105,朝阳区
                220000,吉林省
                220100,长春市
                220104,朝阳区
                """);
        try {
            return org.creditpipeline.normalize.RegionTable.load(file);
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    private ProcessedRow rowWithRegion(org.creditpipeline.normalize.RegionTable regions, String region) {
        String[] cells = good();
        cells[HEADERS.indexOf("地方编码")] = region;
        return new RowNormalizer(regions, null).normalize(new SourceRow(table, 2, cells), mapping);
    }

    @ParameterizedTest(name = "地方编码 ''{0}'' -> {1}")
    @CsvSource({"南明区, 520102", "贵阳市南明区, 520102", "贵州省贵阳市南明区, 520102", "贵州省南明区, 520102",
        "北京市朝阳区, 110105", "贵阳市, 520100"})
    void aUniquePlaceNameInTheRegionColumnIsItsCode(String name, String code) throws java.io.IOException {
        ProcessedRow r = rowWithRegion(smallTable(), name);
        assertThat(r.isAccepted()).as(r.reasons().toString()).isTrue();
        assertThat(r.record().regionCode()).isEqualTo(code);
    }

    @Test
    void aPlaceNameThatRepeatsOrWithoutTableIsRejectedAsAName() throws java.io.IOException {
        assertThat(rowWithRegion(smallTable(), "朝阳区").reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.REGION_INVALID);
            assertThat(reason.messageZh()).contains("是地名", "110105", "220104");
        });
        assertThat(rowWithRegion(null, "南明区").reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(RejectReason.REGION_INVALID);
            assertThat(reason.messageZh()).contains("“南明区”是地名，不是行政区划代码", "6位");
        });
        assertThat(rowWithRegion(smallTable(), "花溪区").reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.REGION_INVALID);
    }

    // Codes of counties abolished or renumbered since (GB/T 2260 history): with the historical table beside the current
    // one, a record decided while its code was valid keeps it; what the code became decides the node's region rule.

    private static final org.creditpipeline.normalize.RegionTable CURRENT =
            org.creditpipeline.support.TestRegionTables.current();
    private static final org.creditpipeline.normalize.RegionTable WITH_HISTORY =
            org.creditpipeline.support.TestRegionTables.currentAndAbolished();

    private ProcessedRow rowWithTables(org.creditpipeline.normalize.RegionTable regions, NodeRegion node, String region,
                                       String authorityUscc) {
        String[] cells = good();
        cells[HEADERS.indexOf("地方编码")] = region;
        cells[HEADERS.indexOf("处罚机关统一社会信用代码")] = authorityUscc;
        return new RowNormalizer(regions, node).normalize(new SourceRow(table, 2, cells), mapping);
    }

    @Test
    void anAbolishedCountysCodeIsValidWhenAHistoricalTableHasIt() {
        assertThat(rowWithTables(CURRENT, null, "520114", "").reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.REGION_INVALID);
        ProcessedRow r = rowWithTables(WITH_HISTORY, null, "520114", "");
        assertThat(r.isAccepted()).as("%s", r.reasons()).isTrue();
        assertThat(r.record().regionCode()).isEqualTo("520114");
    }

    @ParameterizedTest(name = "地方编码 {2} at {1} {0} -> accepted, kept")
    @CsvSource(delimiter = '|', textBlock = """
            520111 | 花溪区  | 520114
            520100 | 贵阳市  | 520114
            520204 | 水城区  | 520221
            520200 | 六盘水市 | 520222
            370100 | 济南市  | 371202
            370116 | 莱芜区  | 371202
            520500 | 毕节市  | 522401
            520000 | 贵州省  | 522401
            """)
    void aHistoricalCodeLiesWhereItsParentOrWhatItBecameLies(String nodeCode, String nodeName, String region) {
        ProcessedRow r = rowWithTables(WITH_HISTORY, new NodeRegion(nodeCode, nodeName), region, NANMING_AUTHORITY);
        assertThat(r.isAccepted()).as("%s", r.reasons()).isTrue();
        assertThat(r.record().regionCode()).isEqualTo(region); // the raw code stays on the record
    }

    @ParameterizedTest(name = "地方编码 {2} at {1} {0} -> outside")
    @CsvSource(delimiter = '|', textBlock = """
            520102 | 南明区 | 520114
            520281 | 盘州市 | 520222
            370117 | 钢城区 | 371202
            """)
    void aHistoricalCodeOutsideTheNodeIsRejected(String nodeCode, String nodeName, String region) {
        assertThat(rowWithTables(WITH_HISTORY, new NodeRegion(nodeCode, nodeName), region, NANMING_AUTHORITY).reasons())
                .extracting(RejectReason::code).containsExactly(RejectReason.REGION_OUTSIDE_NODE);
    }

    @Test
    void theOutsideMessageSaysWhatAHistoricalCodeBecame() {
        assertThat(rowWithTables(WITH_HISTORY, NANMING, "520114", NANMING_AUTHORITY).reasons()).singleElement()
                .satisfies(reason -> assertThat(reason.messageZh()).contains("520114", "已撤销", "现为 520111"));
    }

    @Test
    void anAbolishedCountysNameIsItsHistoricalCode() {
        ProcessedRow r = rowWithTables(WITH_HISTORY, new NodeRegion("520111", "花溪区"), "贵阳市小河区", "");
        assertThat(r.isAccepted()).as("%s", r.reasons()).isTrue();
        assertThat(r.record().regionCode()).isEqualTo("520114");
        // the current list's 毕节市 (a prefecture since 2011), not the county-level city of before
        assertThat(rowWithTables(WITH_HISTORY, null, "毕节市", "").record().regionCode()).isEqualTo("520500");
    }

    @Test
    void anAuthorityRegisteredUnderAnAbolishedCodeKeepsItInsideWhatItBecame() {
        // 贵阳市小河区 authorities registered before 2012 carry 520114 in their USCC
        String xiaohe = "11520114MB1744213" + org.creditpipeline.normalize.Uscc.checkChar("11520114MB1744213");
        ProcessedRow r = rowWithTables(WITH_HISTORY, new NodeRegion("520111", "花溪区"), "", xiaohe);
        assertThat(r.isAccepted()).as("%s", r.reasons()).isTrue();
        assertThat(r.record().regionCode()).isEqualTo("520114");
    }
}
