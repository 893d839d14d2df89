package org.creditpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.ingest.mapping.ColumnMapping;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.json.JsonSourceReader;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.model.SubjectKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A JSON feed that gives a code-list column as a number ({@code "CF_XDR_LB": 2}, {@code 2.0}), as the text
 * {@code "2"} or as the standard's two-digit code {@code "02"}: all read as the same code, through the reader, the
 * repository's mappings and the normalizer. Booleans are no code; null is an empty cell.
 */
class JsonCodedValuesTest {

    private static final MappingCatalog CATALOG = MappingCatalog.load(Path.of("../job-configs/mappings"));

    @TempDir
    Path dir;

    /** The rows of a JSON feed of penalty records, each {@code base} plus the extra fields. */
    private List<ProcessedRow> penalties(String mapping, String... extras) throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (String extra : extras) {
            json.append(json.length() > 1 ? "," : "").append("""
                    {"CF_XDR_MC": "贵州甲乙建材有限公司", "CF_XDR_SHXYM": "91350100M000100Y43",
                     "CF_WSH": "筑南市监罚〔2026〕12号", "CF_JDRQ": "2026-03-05", "CF_CFJG": "贵阳市南明区市场监督管理局",
                     "CF_CFLB": "罚款", """).append(extra).append('}');
        }
        Path file = Files.writeString(dir.resolve("feed.json"), json.append(']').toString(), StandardCharsets.UTF_8);
        JsonSourceReader reader = new JsonSourceReader(file);
        RowNormalizer normalizer = new RowNormalizer(null);
        List<ProcessedRow> out = new ArrayList<>();
        reader.open(new ExecutionContext());
        try {
            for (SourceRow row; (row = reader.read()) != null; ) {
                out.add(normalizer.normalize(row, CATALOG.resolve(row.table(), mapping)));
            }
        } finally {
            reader.close();
        }
        return out;
    }

    private static String reasons(ProcessedRow r) {
        return r.isAccepted() ? "" : r.reasons().toString();
    }

    @ParameterizedTest(name = "CF_XDR_LB {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1           | NATURAL_PERSON
            1.0         | NATURAL_PERSON
            "1"         | NATURAL_PERSON
            "01"        | NATURAL_PERSON
            2           | ENTERPRISE
            2.00        | ENTERPRISE
            "2"         | ENTERPRISE
            4           | INDIVIDUAL_BUSINESS
            "4.0"       | INDIVIDUAL_BUSINESS
            """)
    void aCodedCategoryGivenAsANumberIsTheCodeItsTextIs(String json, SubjectKind kind) throws Exception {
        // a person: the ID number, and no USCC (a later key of the same name overrides the base record's)
        String person = kind == SubjectKind.NATURAL_PERSON
                ? "\"CF_XDR_SHXYM\": null, \"CF_XDR_ZJHM\": \"11010519491231002X\", " : "";
        ProcessedRow r = penalties("penalty", person + "\"CF_XDR_LB\": " + json).get(0);
        assertThat(r.isAccepted()).as(reasons(r)).isTrue();
        assertThat(r.record().subjectKind()).isEqualTo(kind);
    }

    @Test
    void theReaderWritesAWholeNumberWithoutItsDecimalsAsExcelShowsIt() throws Exception {
        Path file = Files.writeString(dir.resolve("n.json"), """
                [{"a": 1, "b": 1.0, "c": 2.50, "d": 100.0, "e": 1e2, "f": -0.0, "g": 0.2, "h": 12345678901234567890.0}]""",
                StandardCharsets.UTF_8);
        JsonSourceReader reader = new JsonSourceReader(file);
        reader.open(new ExecutionContext());
        try {
            assertThat(reader.read().cells()).containsExactly("1", "1", "2.5", "100", "100", "0", "0.2",
                    "12345678901234567890");
        } finally {
            reader.close();
        }
    }

    @Test
    void theStatusSexAndCategoryGivenAsNumbersReadAsTheirText() throws Exception {
        List<ProcessedRow> rows = penalties("penalty", "\"CF_ZT\": 1", "\"CF_ZT\": 1.0", "\"CF_ZT\": \"1\"",
                "\"CF_CFLB\": 1", "\"CF_CFLB\": 1.0", "\"CF_CFLB\": \"1\"");
        assertThat(rows).allSatisfy(r -> assertThat(r.isAccepted()).as(reasons(r)).isTrue());
        assertThat(rows.subList(0, 3)).allSatisfy(r -> assertThat(r.record().status())
                .isEqualTo(RecordStatus.WITHDRAWN));
        // 处罚类别 has no code list in the mapping: the number is kept as written, the same as the text "1"
        assertThat(rows.subList(3, 6)).extracting(r -> r.record().category()).containsOnly("1");
    }

    @Test
    void aPersonsIdTypeGivenAsTheNumberOfItsCodeIsTheResidentIdAndIsChecked() throws Exception {
        List<ProcessedRow> rows = penalties("penalty",
                "\"CF_XDR_MC\": \"张三\", \"CF_XDR_SHXYM\": null, \"CF_XDR_LB\": 1, \"CF_XDR_ZJLX\": 1,"
                        + " \"CF_XDR_ZJHM\": \"11010519491231002X\"",
                "\"CF_XDR_MC\": \"张三\", \"CF_XDR_SHXYM\": null, \"CF_XDR_LB\": 1, \"CF_XDR_ZJLX\": 1.0,"
                        + " \"CF_XDR_ZJHM\": \"110105194912310021\"");
        assertThat(rows.get(0).isAccepted()).as(reasons(rows.get(0))).isTrue();
        assertThat(rows.get(0).record().idType()).isEqualTo("身份证");
        // the wrong check digit is found: the number is read as a 居民身份证号码, not kept as another document's text
        assertThat(rows.get(1).reasons()).extracting(RejectReason::code).containsExactly(RejectReason.ID_INVALID);
    }

    @Test
    void aBooleanIsNoCodeAndNullIsAnEmptyCell() throws Exception {
        List<ProcessedRow> rows = penalties("penalty", "\"CF_XDR_LB\": true", "\"CF_XDR_LB\": null",
                "\"CF_XDR_LB\": \"null\"", "\"CF_ZT\": false");
        assertThat(rows.get(0).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.CODE_VALUE_UNKNOWN);
        assertThat(rows.get(0).reasons().get(0).messageZh()).contains("“true”不是“CF_XDR_LB”的有效取值");
        // no category stated: the mapping's default, as for an empty cell
        assertThat(rows.subList(1, 3)).allSatisfy(r -> {
            assertThat(r.isAccepted()).as(reasons(r)).isTrue();
            assertThat(r.record().subjectKind()).isEqualTo(SubjectKind.ENTERPRISE);
        });
        assertThat(rows.get(3).reasons()).extracting(RejectReason::code)
                .containsExactly(RejectReason.CODE_VALUE_UNKNOWN);
    }

    @Test
    void theCourtListsSexGivenAsANumberOrItsDecimalIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("court.json"), """
                [{"iname": "杜某甲", "cardNum": "11010519491231002X", "caseCode": "(2019)京0105执1234号",
                  "courtName": "北京市朝阳区人民法院", "regDate": "20191001", "sexy": 1},
                 {"iname": "杜某乙", "cardNum": "11010519491231002X", "caseCode": "(2019)京0105执1235号",
                  "courtName": "北京市朝阳区人民法院", "regDate": "20191001", "sexy": 2.0}]""",
                StandardCharsets.UTF_8);
        JsonSourceReader reader = new JsonSourceReader(file);
        RowNormalizer normalizer = new RowNormalizer(null);
        List<String> sexes = new ArrayList<>();
        reader.open(new ExecutionContext());
        try {
            for (SourceRow row; (row = reader.read()) != null; ) {
                ColumnMapping mapping = CATALOG.resolve(row.table(), "dishonest-debtor");
                ProcessedRow r = normalizer.normalize(row, mapping);
                assertThat(r.isAccepted()).as(reasons(r)).isTrue();
                sexes.add(r.record().sex());
            }
        } finally {
            reader.close();
        }
        assertThat(sexes).containsExactly("男", "女");
    }
}
