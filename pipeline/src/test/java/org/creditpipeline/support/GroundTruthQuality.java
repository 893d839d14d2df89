package org.creditpipeline.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.creditpipeline.consolidate.MatchQuality;

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
        return measure(jdbc, generated, file -> true).figures();
    }

    /**
     * The figures over the rows of the files {@code files} accepts, and what went wrong by variant: a row of a true
     * record consolidated apart from the record of that true record's first row is a missed merge, counted under each
     * variant name of the row ({@code unit_place}, {@code authority_spelling}, …); a record holding rows of several
     * true records is a wrong merge, counted under the variant of each of its rows that is not its first true record's.
     */
    public static Breakdown measure(JdbcTemplate jdbc, Path generated, Predicate<String> files) {
        Map<String, String[]> truth = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(generated.resolve("ground-truth.csv"), StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.builder().setReader(in).setFormat(format).get()) {
            for (CSVRecord r : csv) {
                if (r.get("expected").equals("accept") && files.test(r.get("file"))) {
                    truth.put(locator(r.get("file"), r.isMapped("sheet") ? r.get("sheet") : "", r.get("row")),
                            new String[] {r.get("true_id"), r.get("variant")});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MatchQuality quality = new MatchQuality();
        Map<String, Long> homeOf = new HashMap<>();
        Map<Long, String> firstTrueIdOf = new HashMap<>();
        Map<String, Long> missed = new TreeMap<>();
        Map<String, Long> wrong = new TreeMap<>();
        jdbc.query("""
                SELECT f.source_name, coalesce(s.sheet, ''), s.source_row, r.record_id
                  FROM staged_record s JOIN ingest_file f ON f.id = s.file_id
                  JOIN record_source r ON r.staged_record_id = s.id
                 ORDER BY s.id""", rs -> {
            String[] t = truth.get(locator(rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))));
            if (t == null) {
                return;
            }
            long record = rs.getLong(4);
            quality.add(t[0], record);
            Long home = homeOf.putIfAbsent(t[0], record);
            if (home != null && home != record) {
                count(missed, t[1]);
            }
            String first = firstTrueIdOf.putIfAbsent(record, t[0]);
            if (first != null && !first.equals(t[0])) {
                count(wrong, t[1]);
            }
        });
        return new Breakdown(quality.figures(), missed, wrong);
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
