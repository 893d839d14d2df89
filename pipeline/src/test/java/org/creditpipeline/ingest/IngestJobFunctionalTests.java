package org.creditpipeline.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.creditpipeline.generate.GenerateOptions;
import org.creditpipeline.generate.SyntheticDataGenerator;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest job end to end on a real PostgreSQL: generated files of all four kinds in both encodings are ingested
 * and every row lands exactly where the generator's ground truth says, with the reason it names.
 */
@TestPropertySource(properties = "credit.node=ingest_ft")
class IngestJobFunctionalTests extends PostgresTestSupport {

    private static final List<String> DATA_FILES =
            List.of("penalty-v2.csv", "penalty-v1-gbk.csv", "sanction.csv", "accountability.csv", "judgment.csv");

    @TempDir
    static Path generated;

    @Autowired
    IngestService ingest;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void generate() throws IOException {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(6_000, 20261125L, generated));
    }

    @Test
    void everyRowIsAcceptedOrRejectedAsTheGroundTruthSays() throws IOException {
        Map<String, Map<Long, String>> expectedRejects = new HashMap<>();
        Map<String, Long> expectedAccepts = new HashMap<>();
        for (String line : Files.readAllLines(generated.resolve("ground-truth.csv"), StandardCharsets.UTF_8).subList(1, 6_001)) {
            String[] f = line.split(",", -1);
            if (f[2].equals("reject")) {
                expectedRejects.computeIfAbsent(f[0], k -> new HashMap<>()).put(Long.parseLong(f[1]), f[3]);
            } else {
                expectedAccepts.merge(f[0], 1L, Long::sum);
            }
        }

        for (String name : DATA_FILES) {
            FileSummary summary = ingest.ingest(generated.resolve(name), null);

            assertThat(summary.status()).as(name + ": " + summary.message()).isEqualTo(FileSummary.COMPLETED);
            Map<Long, String> rejects = expectedRejects.get(name);
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT source_row, (SELECT string_agg(r->>'code', ',') FROM jsonb_array_elements(reasons) r) AS codes"
                            + " FROM rejected_row WHERE file_id = ?", summary.fileId());
            Set<Long> rejectedRows = new HashSet<>();
            for (Map<String, Object> row : rows) {
                long sourceRow = ((Number) row.get("source_row")).longValue();
                rejectedRows.add(sourceRow);
                assertThat(((String) row.get("codes")).split(",")).as(name + " row " + sourceRow)
                        .contains(rejects.get(sourceRow));
            }
            assertThat(rejectedRows).as(name + " rejected rows").containsExactlyInAnyOrderElementsOf(rejects.keySet());
            assertThat(summary.accepted()).as(name + " accepted").isEqualTo(expectedAccepts.get(name));
            assertThat(summary.rejected()).as(name + " rejected").isEqualTo(rejects.size());
        }
        assertThat(jdbc.queryForObject("SELECT encoding FROM ingest_file WHERE source_name = 'penalty-v1-gbk.csv'"
                + " ORDER BY id DESC LIMIT 1", String.class)).isEqualTo("GB18030");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staged_record s JOIN ingest_file f ON f.id = s.file_id"
                + " WHERE f.source_name = 'penalty-v1-gbk.csv' AND s.subject_name LIKE '%\uFFFD%'", Long.class))
                .as("no mojibake from the GBK file").isZero();
    }

    @Test
    void theSameContentIngestedTwiceIsSkippedAndAddsNothing(@TempDir Path dir) throws IOException {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(500, 99L, dir));
        Path first = dir.resolve("sanction.csv");
        Path copy = Files.copy(first, dir.resolve("sanction-renamed.csv"));
        FileSummary before = ingest.ingest(first, null);
        long staged = jdbc.queryForObject("SELECT count(*) FROM staged_record", Long.class);

        FileSummary again = ingest.ingest(copy, null);

        assertThat(before.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(again.status()).isEqualTo(FileSummary.SKIPPED);
        assertThat(again.message()).contains("already ingested").contains("sanction.csv");
        assertThat(again.accepted()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staged_record", Long.class)).isEqualTo(staged);
    }

    @Test
    void anUnreadableFileFailsAloneWhileTheOthersAreIngested(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "甲,乙,丙\n1,2,3\n");
        Path good = Files.writeString(dir.resolve("good.csv"), """
                姓名,身份证号码,工作单位,职务,处分决定文号,处分种类,处分机关,处分决定日期
                张某,11010519491231002X,某县财政局,科员,某纪处〔2024〕3号,警告,某县纪委监委,2024-03-05
                """);

        List<FileSummary> result = ingest.ingest(List.of(empty, unknown, good), null);

        assertThat(result).extracting(FileSummary::status)
                .containsExactly(FileSummary.FAILED, FileSummary.FAILED, FileSummary.COMPLETED);
        assertThat(result.get(0).message()).contains("empty.csv").contains("文件为空");
        assertThat(result.get(1).message()).contains("unknown.csv").contains("缺少必需的列")
                .contains("[甲, 乙, 丙]").contains("--mapping");
        assertThat(result.get(2).accepted()).isEqualTo(1);
        assertThat(result.get(2).mappings()).containsExactly("sanction");
    }

    @Test
    void aRejectedRowKeepsItsValuesAndEveryReason(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad-rows.csv"), """
                行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,处罚决定日期,处罚机关,罚款金额（万元）
                某某科技有限公司,法人及非法人组织,91110000600037341N,京朝市监罚〔2024〕12号,2019-02-30,北京市朝阳区市场监督管理局,-3
                """);

        FileSummary summary = ingest.ingest(file, null);

        assertThat(summary.rejected()).isEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT source_row, raw->>'处罚决定日期' AS date, jsonb_array_length(reasons) AS n,"
                        + " reasons::text AS reasons FROM rejected_row WHERE file_id = ?", summary.fileId());
        assertThat(row.get("source_row")).isEqualTo(2L);
        assertThat(row.get("date")).isEqualTo("2019-02-30");
        assertThat(row.get("n")).isEqualTo(3);
        assertThat((String) row.get("reasons"))
                .contains("USCC_INVALID").contains("DATE_INVALID").contains("AMOUNT_INVALID")
                .contains("行政相对人代码_1(统一社会信用代码)").contains("91110000600037341N").contains("统一社会信用代码");
    }

}
