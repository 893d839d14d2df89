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
        f.put("idNumber", spec("证件号码", false, null));
        f.put("documentNumber", spec("文号", true, null));
        f.put("decisionDate", spec("决定日期", true, null));
        f.put("fineAmount", spec("罚款金额（万元）", false, null));
        f.put("publicationEnd", spec("公示截止期", false, null));
        f.put("authorityUscc", spec("处罚机关统一社会信用代码", false, null));
        f.put("regionCode", spec("地方编码", false, null));
        return f;
    }

    private static FieldSpec spec(String header, boolean required, Map<String, String> values) {
        return new FieldSpec(List.of(header), null, null, required, values, null);
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
            罚款金额（万元） | 三万                   | AMOUNT_INVALID
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
}
