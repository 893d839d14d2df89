package org.creditpipeline.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
        Map<String, String> truth = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(generated.resolve("ground-truth.csv"), StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.builder().setReader(in).setFormat(format).get()) {
            for (CSVRecord r : csv) {
                if (r.get("expected").equals("accept")) {
                    truth.put(locator(r.get("file"), r.isMapped("sheet") ? r.get("sheet") : "", r.get("row")),
                            r.get("true_id"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MatchQuality quality = new MatchQuality();
        jdbc.query("""
                SELECT f.source_name, coalesce(s.sheet, ''), s.source_row, r.record_id
                  FROM staged_record s JOIN ingest_file f ON f.id = s.file_id
                  JOIN record_source r ON r.staged_record_id = s.id""", rs -> {
            String trueId = truth.get(locator(rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))));
            if (trueId != null) {
                quality.add(trueId, rs.getLong(4));
            }
        });
        return quality.figures();
    }

    private static String locator(String file, String sheet, String row) {
        return file + "\u0000" + sheet + "\u0000" + row;
    }
}
