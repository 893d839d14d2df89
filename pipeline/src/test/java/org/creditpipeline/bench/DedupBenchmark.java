package org.creditpipeline.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.creditpipeline.CreditPipelineApplication;
import org.creditpipeline.consolidate.ConsolidationService;
import org.creditpipeline.consolidate.ConsolidationSummary;
import org.creditpipeline.consolidate.MatchQuality;
import org.creditpipeline.support.GroundTruthQuality;
import org.creditpipeline.generate.GenerateOptions;
import org.creditpipeline.generate.SyntheticDataGenerator;
import org.creditpipeline.ingest.IngestService;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The consolidation benchmark behind {@code scripts/bench-dedup} (a measurement, not a test): generate N rows with
 * ground truth, ingest them, consolidate them, measure quality against the ground truth, then run the SQL-only
 * baseline on the same staged rows in the same database (COPY into an unlogged staging table, GROUP BY the exact key,
 * one upsert), then an incremental night of N × share new rows. Prints {@code RESULT name value} lines.
 *
 * <p>Arguments: {@code RECORDS SEED WORK_DIR CONFIG_DIR [INCREMENTAL_SHARE]}.
 */
public final class DedupBenchmark {

    private static final List<String> FILES =
            List.of("penalty-v2.csv", "penalty-v1-gbk.csv", "sanction.csv", "accountability.csv", "judgment.csv");

    private static final List<String> BASELINE_FIELDS = List.of("subject_kind", "subject_name", "uscc", "org_code",
            "registration_no", "id_type", "id_number", "legal_representative", "work_unit", "work_unit_uscc", "position",
            "document_number", "document_number_key", "authority_name", "authority_uscc", "decision_date", "category",
            "violation_type", "facts", "content", "fine_amount", "confiscated_amount", "legal_basis", "valid_until",
            "publication_end", "severity", "region_code", "data_source_unit", "data_source_uscc", "sex", "age",
            "publication_date", "basis_unit", "performed_part", "unperformed_part", "performance", "status");

    private DedupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.parseLong(args[0]);
        long seed = Long.parseLong(args[1]);
        Path work = Path.of(args[2]);
        Path configDir = Path.of(args[3]);
        double incrementalShare = args.length > 4 ? Double.parseDouble(args[4]) : 0.1;
        Path data = work.resolve("data");
        log("generating " + records + " rows");
        SyntheticDataGenerator.generate(GenerateOptions.defaults(records, seed, data));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CreditPipelineApplication.class)
                .run("--credit.home=" + work.resolve("home"), "--credit.node=bench", "--credit.config-dir=" + configDir,
                        "--logging.level.org.creditpipeline=WARN",
                        "--logging.level.org.creditpipeline.consolidate=" + System.getProperty("bench.log", "WARN"))) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            IngestService ingest = context.getBean(IngestService.class);
            ConsolidationService consolidation = context.getBean(ConsolidationService.class);

            long t0 = System.nanoTime();
            for (Path f : dataFiles(data)) {
                ingest.ingest(f, null);
            }
            double ingestSeconds = seconds(t0);
            long staged = jdbc.queryForObject("SELECT count(*) FROM staged_record", Long.class);
            result("staged_rows", staged);
            result("ingest_seconds", ingestSeconds);

            jdbc.execute("CHECKPOINT");
            resetPeakHeap();
            log("consolidating " + staged + " staged rows");
            t0 = System.nanoTime();
            ConsolidationSummary s = consolidation.consolidate();
            double consolidateSeconds = seconds(t0);
            if (s.failed()) {
                throw new IllegalStateException("consolidation failed: " + s.message());
            }
            result("consolidate_seconds", consolidateSeconds);
            result("consolidate_rows_per_s", staged / consolidateSeconds);
            result("peak_heap_mb", peakHeapMb());
            result("records", s.inserted());
            result("review_pairs", s.reviewPairs());
            result("review_share", (double) s.reviewPairs() / staged);
            result("conflicts", s.conflicts());

            // counted by PostgreSQL: the in-memory form ran out of a 5 GB heap at 10 million rows
            MatchQuality.Figures q = GroundTruthQuality.measureInDatabase(jdbc, data);
            result("pair_precision", q.pairPrecision());
            result("pair_recall", q.pairRecall());
            result("bcubed_precision", q.bcubedPrecision());
            result("bcubed_recall", q.bcubedRecall());
            result("true_records", q.trueRecords());
            // the county lists without 文号 or ID number on their own: their figures vanish in the whole
            GroundTruthQuality.Breakdown county = GroundTruthQuality.measure(jdbc, data, DedupBenchmark::isCountyList);
            MatchQuality.Figures c = county.figures();
            result("county_rows", c.rows());
            result("county_true_records", c.trueRecords());
            result("county_pair_precision", c.pairPrecision());
            result("county_pair_recall", c.pairRecall());
            result("county_bcubed_precision", c.bcubedPrecision());
            result("county_bcubed_recall", c.bcubedRecall());
            result("county_true_pairs", c.truePairs());
            result("county_missed_by_variant", county.missedByVariant());
            result("county_wrong_by_variant", county.wrongByVariant());
            for (String kind : List.of("sanctions", "accountability")) {
                GroundTruthQuality.Breakdown k = GroundTruthQuality.measure(jdbc, data,
                        f -> isCountyList(f) && f.contains("-" + kind));
                result("county_" + kind + "_pair_precision", k.figures().pairPrecision());
                result("county_" + kind + "_pair_recall", k.figures().pairRecall());
                result("county_" + kind + "_missed_by_variant", k.missedByVariant());
            }

            log("SQL-only baseline on the same rows");
            double baselineSeconds = baseline(context.getBean(DataSource.class), jdbc, work);
            result("baseline_seconds", baselineSeconds);
            result("baseline_rows_per_s", staged / baselineSeconds);
            result("ratio_to_baseline", baselineSeconds / consolidateSeconds);

            if (incrementalShare > 0) {
                long more = Math.max(1, (long) (records * incrementalShare));
                Path night = work.resolve("night");
                log("incremental night: " + more + " rows");
                SyntheticDataGenerator.generate(GenerateOptions.defaults(more, seed + 1, night));
                for (Path f : dataFiles(night)) {
                    Path renamed = night.resolve("night-" + f.getFileName());
                    Files.move(f, renamed);
                    ingest.ingest(renamed, null);
                }
                long nightRows = jdbc.queryForObject("SELECT count(*) FROM staged_record", Long.class) - staged;
                t0 = System.nanoTime();
                ConsolidationSummary n = consolidation.consolidate();
                double nightSeconds = seconds(t0);
                result("incremental_rows", nightRows);
                result("incremental_seconds", nightSeconds);
                result("incremental_share_of_full_time", nightSeconds / consolidateSeconds);
                result("incremental_status", n.status());
            }
        }
    }

    /** The five CSV files, then the county lists, each county's first list before the one that re-sends it. */
    private static List<Path> dataFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        FILES.forEach(f -> files.add(dir.resolve(f)));
        try (Stream<Path> listed = Files.list(dir)) {
            listed.filter(p -> isCountyList(p.getFileName().toString()))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString().replace("-resent.csv", ".csv~")))
                    .forEach(files::add);
        }
        return files;
    }

    private static boolean isCountyList(String fileName) {
        return fileName.startsWith("county-") && fileName.endsWith(".csv");
    }

    /** COPY into an unlogged staging table, GROUP BY the exact key, one upsert: timed from the COPY on. */
    private static double baseline(DataSource dataSource, JdbcTemplate jdbc, Path work) throws Exception {
        Path dump = work.resolve("staged.copy");
        jdbc.execute("DROP TABLE IF EXISTS bench_stage, bench_record");
        jdbc.execute("CREATE UNLOGGED TABLE bench_stage (LIKE staged_record)");
        StringBuilder columns = new StringBuilder();
        StringBuilder aggregates = new StringBuilder();
        StringBuilder updates = new StringBuilder();
        for (String f : BASELINE_FIELDS) {
            columns.append(", ").append(f);
            aggregates.append(", min(").append(f).append(')');
            updates.append(updates.isEmpty() ? "" : ", ").append(f).append(" = EXCLUDED.").append(f);
        }
        jdbc.execute("CREATE UNLOGGED TABLE bench_record (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " match_key text NOT NULL UNIQUE, record_kind text NOT NULL, source_count integer NOT NULL)");
        for (String f : BASELINE_FIELDS) {
            String type = jdbc.queryForObject("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'staged_record'::regclass AND attname = ?", String.class, f);
            jdbc.execute("ALTER TABLE bench_record ADD COLUMN " + f + " " + type);
        }
        try (Connection c = dataSource.getConnection();
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(dump), 1 << 16)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY staged_record TO STDOUT", out);
        }
        jdbc.execute("CHECKPOINT");
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection();
             InputStream in = new BufferedInputStream(Files.newInputStream(dump), 1 << 16)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY bench_stage FROM STDIN", in);
        }
        jdbc.update("INSERT INTO bench_record (match_key, record_kind, source_count" + columns + ")"
                + " SELECT record_kind || '|' || coalesce(uscc, id_number, subject_name) || '|'"
                + " || coalesce(document_number_key, ''), min(record_kind), count(*)" + aggregates
                + " FROM bench_stage GROUP BY 1"
                + " ON CONFLICT (match_key) DO UPDATE SET source_count = EXCLUDED.source_count, " + updates);
        double seconds = seconds(t0);
        result("baseline_records", jdbc.queryForObject("SELECT count(*) FROM bench_record", Long.class));
        jdbc.execute("DROP TABLE bench_stage, bench_record");
        Files.delete(dump);
        return seconds;
    }


    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void result(String name, Object value) {
        System.out.println("RESULT " + name + " " + (value instanceof Double d ? String.format("%.4f", d) : value));
    }

    private static void log(String message) {
        System.err.println("bench-dedup: " + message);
    }
}
