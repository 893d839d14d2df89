package org.creditpipeline.consolidate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.creditpipeline.generate.GenerateOptions;
import org.creditpipeline.generate.SyntheticDataGenerator;
import org.creditpipeline.ingest.FileSummary;
import org.creditpipeline.ingest.IngestService;
import org.creditpipeline.support.GroundTruthQuality;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consolidate job end to end on a real PostgreSQL: generated files of all four kinds (every variant kind and
 * look-alike trap of the generator) are ingested and consolidated, and the result is measured against the
 * generator's ground truth; then an incremental night, a rerun with nothing new, lineage and the change log.
 */
@TestPropertySource(properties = "credit.node=consolidate_ft")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolidationFunctionalTests extends PostgresTestSupport {

    static final List<String> DATA_FILES =
            List.of("penalty-v2.csv", "penalty-v1-gbk.csv", "sanction.csv", "accountability.csv", "judgment.csv");

    @TempDir
    static Path first;

    @TempDir
    static Path second;

    @Autowired
    IngestService ingest;

    @Autowired
    ConsolidationService consolidation;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void generate() throws IOException {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(8_000, 20261126L, first));
        SyntheticDataGenerator.generate(GenerateOptions.defaults(3_000, 20261127L, second));
    }

    @Test
    @Order(1)
    void firstRunMatchesTheGroundTruth() throws IOException {
        ingestAll(first);

        ConsolidationSummary summary = consolidation.consolidate();

        assertThat(summary.status()).as(summary.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        long staged = jdbc.queryForObject("SELECT count(*) FROM staged_record", Long.class);
        assertThat(summary.rowsRead()).isEqualTo(staged);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_source", Long.class)).isEqualTo(staged);
        assertThat(summary.inserted()).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM consolidated_record", Long.class));
        MatchQuality.Figures f = GroundTruthQuality.measure(jdbc, first);
        assertThat(f.pairPrecision()).as(f.toString()).isGreaterThanOrEqualTo(0.999);
        assertThat(f.pairRecall()).as(f.toString()).isGreaterThanOrEqualTo(0.99);
        assertThat(summary.reviewPairs()).as("review queue").isLessThanOrEqualTo(staged / 200);
        // the benchmark's 10-million-row form, counted by PostgreSQL, gives the same figures
        MatchQuality.Figures inDatabase = GroundTruthQuality.measureInDatabase(jdbc, first);
        assertThat(inDatabase.rows()).isEqualTo(f.rows()).isPositive();
        assertThat(List.of(inDatabase.trueRecords(), inDatabase.predictedRecords(), inDatabase.truePairs(),
                inDatabase.predictedPairs(), inDatabase.correctPairs()))
                .isEqualTo(List.of(f.trueRecords(), f.predictedRecords(), f.truePairs(), f.predictedPairs(),
                        f.correctPairs()));
        assertThat(new double[] {inDatabase.pairPrecision(), inDatabase.pairRecall(), inDatabase.bcubedPrecision(),
                inDatabase.bcubedRecall()}).containsExactly(new double[] {f.pairPrecision(), f.pairRecall(),
                f.bcubedPrecision(), f.bcubedRecall()}, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    @Order(2)
    void everyRecordHasOneInsertInTheChangeLogInSequence() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM change_log WHERE change_type = 'INSERT'", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM consolidated_record", Long.class));
        assertThat(jdbc.queryForObject("SELECT max(seq) - min(seq) + 1 = count(*) FROM change_log", Boolean.class))
                .as("gap-free sequence").isTrue();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM change_log l
                 WHERE l.payload IS NOT NULL OR l.version IS DISTINCT FROM
                       (SELECT c.version FROM consolidated_record c WHERE c.id = l.record_id)""", Long.class))
                .as("consolidation logs the version it wrote and leaves the record's state to push time").isZero();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM consolidated_record c
                 WHERE c.source_count <> (SELECT count(*) FROM record_source r WHERE r.record_id = c.id)
                    OR NOT c.field_sources ? '*'""", Long.class)).isZero();
    }

    @Test
    @Order(3)
    void rerunWithNothingNewChangesNothing() {
        long changes = jdbc.queryForObject("SELECT count(*) FROM change_log", Long.class);

        ConsolidationSummary summary = consolidation.consolidate();

        assertThat(summary.status()).isEqualTo(ConsolidationSummary.NOTHING_NEW);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM change_log", Long.class)).isEqualTo(changes);
    }

    @Test
    @Order(4)
    void anIncrementalNightJoinsExistingRecordsAndKeepsTheirIds() throws IOException {
        Map<Long, Long> before = recordOfStagedRow();
        long changes = jdbc.queryForObject("SELECT max(seq) FROM change_log", Long.class);
        // The second night repeats records of the first (same generator seed family, different seed): re-ingest the
        // first night's penalty file under a new name with a new row appended, so its rows are duplicates.
        Path copy = second.resolve("penalty-v2-again.csv");
        Files.writeString(copy, Files.readString(first.resolve("penalty-v2.csv"), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        Files.writeString(copy, "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertThat(ingest.ingest(copy, null).status()).isEqualTo(FileSummary.COMPLETED);

        ConsolidationSummary summary = consolidation.consolidate();

        assertThat(summary.status()).as(summary.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(summary.inserted()).as("no new record for a row seen before").isZero();
        assertThat(recordOfStagedRow()).containsAllEntriesOf(before);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM staged_record a JOIN ingest_file fa ON fa.id = a.file_id
                  JOIN staged_record b ON b.source_row = a.source_row
                  JOIN ingest_file fb ON fb.id = b.file_id AND fb.source_name = 'penalty-v2-again.csv'
                  JOIN record_source ra ON ra.staged_record_id = a.id JOIN record_source rb ON rb.staged_record_id = b.id
                 WHERE fa.source_name = 'penalty-v2.csv' AND ra.record_id <> rb.record_id""", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM change_log WHERE seq > ? AND change_type = 'INSERT'",
                Long.class, changes)).isZero();
    }

    private Map<Long, Long> recordOfStagedRow() {
        Map<Long, Long> out = new HashMap<>();
        jdbc.query("SELECT staged_record_id, record_id FROM record_source",
                rs -> { out.put(rs.getLong(1), rs.getLong(2)); });
        return out;
    }

    private void ingestAll(Path dir) {
        for (String name : DATA_FILES) {
            FileSummary s = ingest.ingest(dir.resolve(name), null);
            assertThat(s.status()).as(name + ": " + s.message()).isEqualTo(FileSummary.COMPLETED);
        }
    }
}
