package org.creditpipeline.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.creditpipeline.consolidate.MatchQuality;

import org.postgresql.PGConnection;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pairwise and B-cubed figures of a node's consolidated records against a generator's {@code ground-truth.csv}. A row
 * is located by file, sheet (workbooks; empty otherwise) and row, as the ground truth and {@code staged_record} name it;
 * the ground truth is read as CSV (a variant cell may hold quoted commas).
 */
public final class GroundTruthQuality {

    private GroundTruthQuality() {
    }

    public static MatchQuality.Figures measure(JdbcTemplate jdbc, Path generated) {
        Map<String, String> truth = truth(generated, file -> true, r -> r.get("true_id"));
        MatchQuality quality = new MatchQuality();
        jdbc.query(STAGED_ROWS, rs -> {
            String trueId = truth.get(locator(rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))));
            if (trueId != null) {
                quality.add(trueId, rs.getLong(4));
            }
        });
        return quality.figures();
    }

    /**
     * The same figures as {@link #measure(JdbcTemplate, Path)}, computed by PostgreSQL: the ground truth is copied into
     * an unlogged table, joined to the staged rows and their records, and counted per (true record, consolidated
     * record) cell there, so that the JVM holds nothing per row (the in-memory form needs about 500 bytes a row and ran
     * out of a 5 GB heap at 10 million rows). Pairs and B-cubed sums are exact numerics.
     */
    public static MatchQuality.Figures measureInDatabase(JdbcTemplate jdbc, Path generated) {
        jdbc.execute("DROP TABLE IF EXISTS bench_ground_truth");
        jdbc.execute("CREATE UNLOGGED TABLE bench_ground_truth (file text, row text, expected text, reason text,"
                + " true_id text, variant text, sheet text)");
        try {
            jdbc.execute((ConnectionCallback<Long>) c -> {
                try (Reader in = Files.newBufferedReader(generated.resolve("ground-truth.csv"), StandardCharsets.UTF_8)) {
                    return c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                            "COPY bench_ground_truth FROM STDIN (FORMAT csv, HEADER match)", in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return jdbc.queryForObject(FIGURES_IN_DATABASE, (rs, n) -> {
                long rows = rs.getLong("rows");
                double truePairs = rs.getDouble("true_pairs");
                double predictedPairs = rs.getDouble("predicted_pairs");
                double common = rs.getDouble("common_pairs");
                return new MatchQuality.Figures(rows, rs.getLong("true_records"), rs.getLong("predicted_records"),
                        predictedPairs == 0 ? 1 : common / predictedPairs, truePairs == 0 ? 1 : common / truePairs,
                        rows == 0 ? 1 : rs.getDouble("bcubed_precision_sum") / rows,
                        rows == 0 ? 1 : rs.getDouble("bcubed_recall_sum") / rows, (long) truePairs,
                        (long) predictedPairs, (long) common);
            });
        } finally {
            jdbc.execute("DROP TABLE IF EXISTS bench_ground_truth");
        }
    }

    private static final String FIGURES_IN_DATABASE = """
            WITH cells AS (
                SELECT g.true_id, r.record_id, count(*)::numeric AS n
                  FROM bench_ground_truth g
                  JOIN ingest_file f ON f.source_name = g.file
                  JOIN staged_record s ON s.file_id = f.id AND s.source_row = g.row::bigint
                                      AND coalesce(s.sheet, '') = coalesce(g.sheet, '')
                  JOIN record_source r ON r.staged_record_id = s.id
                 WHERE g.expected = 'accept'
                 GROUP BY 1, 2),
            t AS (SELECT true_id, sum(n) AS tn FROM cells GROUP BY 1),
            p AS (SELECT record_id, sum(n) AS pn FROM cells GROUP BY 1)
            SELECT coalesce((SELECT sum(n) FROM cells), 0) AS rows,
                   (SELECT count(*) FROM t) AS true_records,
                   (SELECT count(*) FROM p) AS predicted_records,
                   coalesce((SELECT sum(tn * (tn - 1) / 2) FROM t), 0) AS true_pairs,
                   coalesce((SELECT sum(pn * (pn - 1) / 2) FROM p), 0) AS predicted_pairs,
                   coalesce((SELECT sum(n * (n - 1) / 2) FROM cells), 0) AS common_pairs,
                   coalesce((SELECT sum(n * n / pn) FROM cells JOIN p USING (record_id)), 0) AS bcubed_precision_sum,
                   coalesce((SELECT sum(n * n / tn) FROM cells JOIN t USING (true_id)), 0) AS bcubed_recall_sum""";

    /**
     * The figures over the rows of the files {@code files} accepts, and what went wrong by variant: a row consolidated
     * apart from the record of its true record's original row (the first one the generator wrote) is a missed merge,
     * counted under each variant name of the row ({@code unit_place}, {@code authority_spelling}, …); a row in a
     * record whose original row is another true record's is a wrong merge, counted under the row's variant. Whatever
     * order the files were ingested in. Keeps the part's rows in memory: for a part of a run, not for 10 million rows.
     */
    public static Breakdown measure(JdbcTemplate jdbc, Path generated, Predicate<String> files) {
        Map<String, String[]> truth = truth(generated, files, r -> new String[] {r.get("true_id"), r.get("variant")});
        MatchQuality quality = new MatchQuality();
        List<Object[]> rows = new ArrayList<>();
        Map<String, Long> homeOf = new HashMap<>();
        Map<Long, String> ownerOf = new HashMap<>();
        // only the part's files are read back (a few hundred county lists of a 10-million-row run)
        Set<String> names = new TreeSet<>();
        truth.keySet().forEach(locator -> names.add(locator.substring(0, locator.indexOf('\u0000'))));
        if (names.isEmpty()) {
            return new Breakdown(quality.figures(), Map.of(), Map.of());
        }
        String sql = STAGED_ROWS + " WHERE f.source_name IN (" + String.join(", ", Collections.nCopies(names.size(), "?"))
                + ")";
        jdbc.query(sql, rs -> {
            String[] t = truth.get(locator(rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))));
            if (t == null) {
                return;
            }
            long record = rs.getLong(4);
            quality.add(t[0], record);
            rows.add(new Object[] {t[0], t[1], record});
            if (t[1].startsWith("original")) {
                homeOf.put(t[0], record);
                ownerOf.putIfAbsent(record, t[0]);
            }
        }, names.toArray());
        Map<String, Long> missed = new TreeMap<>();
        Map<String, Long> wrong = new TreeMap<>();
        for (Object[] r : rows) {
            Long home = homeOf.get((String) r[0]);
            if (home != null && !home.equals(r[2])) {
                count(missed, (String) r[1]);
            }
            String owner = ownerOf.get((Long) r[2]);
            if (owner != null && !owner.equals(r[0])) {
                count(wrong, (String) r[1]);
            }
        }
        return new Breakdown(quality.figures(), missed, wrong);
    }

    private static final String STAGED_ROWS = """
            SELECT f.source_name, coalesce(s.sheet, ''), s.source_row, r.record_id
              FROM staged_record s JOIN ingest_file f ON f.id = s.file_id
              JOIN record_source r ON r.staged_record_id = s.id""";

    /** Locator → what {@code value} takes from the ground truth line, for the accepted rows of the files accepted. */
    private static <T> Map<String, T> truth(Path generated, Predicate<String> files, Function<CSVRecord, T> value) {
        Map<String, T> truth = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(generated.resolve("ground-truth.csv"), StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.builder().setReader(in).setFormat(format).get()) {
            for (CSVRecord r : csv) {
                if (r.get("expected").equals("accept") && files.test(r.get("file"))) {
                    truth.put(locator(r.get("file"), r.isMapped("sheet") ? r.get("sheet") : "", r.get("row")),
                            value.apply(r));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return truth;
    }

    /**
     * @param figures          pairwise and B-cubed figures
     * @param missedByVariant  rows consolidated apart from their true record's first row, per variant name
     * @param wrongByVariant   rows consolidated into a record of another true record, per variant name
     */
    public record Breakdown(MatchQuality.Figures figures, Map<String, Long> missedByVariant,
                            Map<String, Long> wrongByVariant) {
    }

    private static void count(Map<String, Long> counts, String variant) {
        counts.merge("(rows)", 1L, Long::sum);
        for (String v : variant.split(",")) {
            counts.merge(v, 1L, Long::sum);
        }
    }

    private static String locator(String file, String sheet, String row) {
        return file + "\u0000" + sheet + "\u0000" + row;
    }
}
