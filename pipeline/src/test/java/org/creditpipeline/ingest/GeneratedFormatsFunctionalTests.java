package org.creditpipeline.ingest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.creditpipeline.generate.GenerateOptions;
import org.creditpipeline.generate.OutputFormat;
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
 * The generated county workbook and court feed, ingested through the real service on a real PostgreSQL, agree exactly
 * with the generator's ground truth: the same rows rejected (located by sheet and row, or record number) with the
 * reason it names, every other row accepted, and rows of one true record staged with one 文号/案号 key and one date.
 */
@TestPropertySource(properties = "credit.node=gen_formats_ft")
class GeneratedFormatsFunctionalTests extends PostgresTestSupport {

    private static final String WORKBOOK = "county-uploads.xlsx";
    private static final String FEED = "court-feed.json";

    @TempDir
    static Path generated;
    static List<CSVRecord> truth;

    @Autowired
    IngestService ingest;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void generate() throws IOException {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(0, 20261126L, generated)
                .withFormats(EnumSet.of(OutputFormat.XLSX, OutputFormat.JSON), 4_000, 4_000));
        try (Reader in = Files.newBufferedReader(generated.resolve("ground-truth.csv"), StandardCharsets.UTF_8)) {
            truth = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void theWorkbookIsIngestedExactlyAsTheGroundTruthSays() {
        FileSummary summary = ingest.ingest(generated.resolve(WORKBOOK), null);

        assertThat(summary.status()).as(summary.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(summary.mappings()).containsExactlyInAnyOrder("penalty", "sanction");
        assertThat(summary.warnings()).anyMatch(w -> w.contains("代码表"));
        assertAgreesWithGroundTruth(WORKBOOK, summary);
        assertThat(jdbc.queryForList("SELECT DISTINCT sheet FROM staged_record WHERE file_id = ?", String.class,
                summary.fileId())).containsExactlyInAnyOrder("行政处罚", "市场监管", "金融监管", "纪律处分");
    }

    @Test
    void theCourtFeedIsIngestedExactlyAsTheGroundTruthSays() {
        FileSummary summary = ingest.ingest(generated.resolve(FEED), null);

        assertThat(summary.status()).as(summary.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(summary.mappings()).containsExactly("dishonest-debtor");
        assertAgreesWithGroundTruth(FEED, summary);
        long fileId = summary.fileId();
        assertThat(count("uscc LIKE '11%' AND subject_kind <> 'GOVERNMENT_BODY'", fileId)).isZero();
        assertThat(count("uscc LIKE '12%' AND subject_kind <> 'PUBLIC_INSTITUTION'", fileId)).isZero();
        assertThat(count("subject_kind = 'GOVERNMENT_BODY'", fileId)).isPositive();
        assertThat(count("org_code LIKE '%-%' OR (org_code IS NOT NULL AND length(org_code) <> 9)", fileId))
                .as("hyphenated org codes are stored without the hyphen").isZero();
        assertThat(count("org_code IS NOT NULL", fileId)).isPositive();
        assertThat(count("subject_kind = 'NATURAL_PERSON' AND (sex NOT IN ('男', '女') OR id_number IS NULL"
                + " OR age IS NULL)", fileId)).isZero();
        assertThat(count("id_number LIKE '%****%'", fileId)).as("masked IDs kept as unverifiable").isPositive();
        assertThat(count("publication_date IS NULL", fileId)).isZero();
        assertThat(count("category LIKE '%,%' OR category LIKE '%其它%'", fileId)).isZero();
        assertThat(count("category LIKE '%;%'", fileId)).as("comma-joined 失信情形 split").isPositive();
    }

    private long count(String where, long fileId) {
        return jdbc.queryForObject("SELECT count(*) FROM staged_record WHERE file_id = ? AND (" + where + ")",
                Long.class, fileId);
    }

    private void assertAgreesWithGroundTruth(String file, FileSummary summary) {
        Map<String, String> expectedRejects = new HashMap<>();
        Map<String, String> trueIdOf = new HashMap<>();
        for (CSVRecord t : truth) {
            if (!t.get("file").equals(file)) {
                continue;
            }
            String at = t.get("sheet") + "!" + t.get("row");
            if (t.get("expected").equals("reject")) {
                expectedRejects.put(at, t.get("reason"));
            } else {
                trueIdOf.put(at, t.get("true_id"));
            }
        }
        assertThat(expectedRejects).isNotEmpty();

        List<Map<String, Object>> rejected = jdbc.queryForList("SELECT coalesce(sheet, '') || '!' || source_row AS at,"
                + " (SELECT string_agg(r->>'code', ',') FROM jsonb_array_elements(reasons) r) AS codes"
                + " FROM rejected_row WHERE file_id = ?", summary.fileId());
        Set<String> rejectedAt = new HashSet<>();
        for (Map<String, Object> row : rejected) {
            String at = (String) row.get("at");
            rejectedAt.add(at);
            assertThat(((String) row.get("codes")).split(",")).as(file + " " + at).contains(expectedRejects.get(at));
        }
        assertThat(rejectedAt).as(file + " rejected rows").containsExactlyInAnyOrderElementsOf(expectedRejects.keySet());
        assertThat(summary.rejected()).isEqualTo(expectedRejects.size());
        assertThat(summary.accepted()).isEqualTo(trueIdOf.size());

        // One true record, however it was rewritten, keeps one 文号/案号 key and one decision (立案) date.
        Map<String, Set<String>> keysByTrueId = new HashMap<>();
        List<Map<String, Object>> staged = jdbc.queryForList("SELECT coalesce(sheet, '') || '!' || source_row AS at,"
                + " document_number_key || '@' || decision_date AS key FROM staged_record WHERE file_id = ?",
                summary.fileId());
        List<String> unknown = new ArrayList<>();
        for (Map<String, Object> row : staged) {
            String trueId = trueIdOf.get((String) row.get("at"));
            if (trueId == null) {
                unknown.add((String) row.get("at"));
                continue;
            }
            keysByTrueId.computeIfAbsent(trueId, k -> new HashSet<>()).add((String) row.get("key"));
        }
        assertThat(unknown).as("staged rows the ground truth does not list as accepted").isEmpty();
        assertThat(keysByTrueId.values()).allSatisfy(keys -> assertThat(keys).hasSize(1));
        assertThat(keysByTrueId.size()).as("duplicates present").isLessThan(trueIdOf.size());
    }
}
