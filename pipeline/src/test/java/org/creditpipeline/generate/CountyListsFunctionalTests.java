package org.creditpipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.creditpipeline.consolidate.ConsolidationService;
import org.creditpipeline.consolidate.ConsolidationSummary;
import org.creditpipeline.consolidate.MatchQuality;
import org.creditpipeline.ingest.FileSummary;
import org.creditpipeline.ingest.IngestService;
import org.creditpipeline.support.GroundTruthQuality;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The generated county lists without 文号 or ID number, through the real ingest and consolidation on a real
 * PostgreSQL: every row accepted or rejected as the ground truth says (a name without unit rejected as
 * REQUIRED_MISSING), no two true records merged (namesakes of another unit, the same person on another date or with
 * another kind stay apart), and every re-sent decision joined to its first row except where a documented limit of
 * the keys stands in the way: a unit spelt with and without its city (CONSOLIDATION.md, limits) and a 党委 written
 * short (中共淮阴区委 against 中共淮安市淮阴区委员会: no function word, so the two names stay two authorities).
 */
@TestPropertySource(properties = "credit.node=county_lists_ft")
class CountyListsFunctionalTests extends PostgresTestSupport {

    @TempDir
    static Path generated;

    @Autowired
    IngestService ingest;

    @Autowired
    ConsolidationService consolidation;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void countyListsIngestAsTheGroundTruthSaysAndConsolidateWithoutAWrongMerge() throws IOException {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(5_000, 20261128L, generated).withCountyListShare(1.0));
        Map<String, Map<Long, String>> rejects = new HashMap<>();
        Map<String, Long> accepts = new HashMap<>();
        try (Reader in = Files.newBufferedReader(generated.resolve(GroundTruth.FILE_NAME), StandardCharsets.UTF_8)) {
            for (CSVRecord t : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (t.get("expected").equals("reject")) {
                    rejects.computeIfAbsent(t.get("file"), k -> new HashMap<>()).put(Long.parseLong(t.get("row")),
                            t.get("reason"));
                } else {
                    accepts.merge(t.get("file"), 1L, Long::sum);
                }
            }
        }
        List<Path> lists;
        try (Stream<Path> files = Files.list(generated)) {
            // each county's first list before the one that re-sends it
            lists = files.filter(p -> p.getFileName().toString().startsWith(CountyLists.FILE_PREFIX))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString().replace("-resent.csv", ".csv~")))
                    .toList();
        }
        assertThat(lists).hasSizeGreaterThan(40);

        // when every list is ingested
        for (Path list : lists) {
            String name = list.getFileName().toString();
            FileSummary summary = ingest.ingest(list, null);

            // then its rows are accepted or rejected as the ground truth says
            assertThat(summary.status()).as(name + ": " + summary.message()).isEqualTo(FileSummary.COMPLETED);
            assertThat(summary.mappings()).as(name).containsExactly(name.contains("-sanctions") ? "sanction"
                    : "accountability");
            Map<Long, String> expected = rejects.getOrDefault(name, Map.of());
            Set<Long> rejected = new HashSet<>();
            for (Map<String, Object> row : jdbc.queryForList("SELECT source_row, (SELECT string_agg(r->>'code', ',')"
                    + " FROM jsonb_array_elements(reasons) r) AS codes FROM rejected_row WHERE file_id = ?",
                    summary.fileId())) {
                long sourceRow = ((Number) row.get("source_row")).longValue();
                rejected.add(sourceRow);
                assertThat((String) row.get("codes")).as(name + " row " + sourceRow).isEqualTo(expected.get(sourceRow));
            }
            assertThat(rejected).as(name + " rejected rows").containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(summary.accepted()).as(name + " accepted").isEqualTo(accepts.getOrDefault(name, 0L));
        }
        assertThat(rejects.keySet()).anyMatch(f -> f.startsWith(CountyLists.FILE_PREFIX));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staged_record WHERE id_number IS NOT NULL"
                + " OR document_number IS NOT NULL OR work_unit IS NULL OR position IS NULL", Long.class)).isZero();

        // when they are consolidated
        ConsolidationSummary summary = consolidation.consolidate();
        assertThat(summary.status()).as(summary.message()).isEqualTo(ConsolidationSummary.COMPLETED);

        // then no record holds two true records, and a re-sent decision stays apart only for the two known limits
        GroundTruthQuality.Breakdown quality = GroundTruthQuality.measure(jdbc, generated,
                f -> f.startsWith(CountyLists.FILE_PREFIX));
        MatchQuality.Figures f = quality.figures();
        assertThat(f.rows()).isEqualTo(accepts.entrySet().stream().filter(e -> e.getKey().startsWith("county-"))
                .mapToLong(Map.Entry::getValue).sum());
        assertThat(f.pairPrecision()).as(f.toString()).isEqualTo(1.0);
        assertThat(quality.wrongByVariant()).isEmpty();
        assertThat(f.truePairs()).as("re-sent decisions").isGreaterThan(50);
        assertThat(f.pairRecall()).as(f + " " + quality.missedByVariant()).isGreaterThan(0.5);
        GroundTruthQuality.Breakdown sanctions = GroundTruthQuality.measure(jdbc, generated,
                n -> n.startsWith(CountyLists.FILE_PREFIX) && n.contains("-sanctions"));
        assertThat(sanctions.missedByVariant().getOrDefault("(rows)", 0L))
                .as("a re-sent sanction is missed only for its unit spelt with or without the city "
                        + sanctions.missedByVariant())
                .isEqualTo(sanctions.missedByVariant().getOrDefault("unit_place", 0L));
        GroundTruthQuality.Breakdown accountability = GroundTruthQuality.measure(jdbc, generated,
                n -> n.startsWith(CountyLists.FILE_PREFIX) && n.contains("-accountability"));
        Map<String, Long> missed = accountability.missedByVariant();
        assertThat(missed.getOrDefault("(rows)", 0L)).as("and a 问责 also for its 党委 written short " + missed)
                .isLessThanOrEqualTo(missed.getOrDefault("unit_place", 0L)
                        + missed.getOrDefault("authority_spelling", 0L));
    }
}
