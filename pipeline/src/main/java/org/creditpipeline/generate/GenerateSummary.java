package org.creditpipeline.generate;

import java.time.Duration;
import java.util.Map;

/**
 * What a generator run wrote.
 *
 * @param rowsPerFile   data rows (header excluded) per data file name, in a fixed file order
 * @param trueRecords   distinct real-world records (distinct non-empty true_id values in the ground truth)
 * @param invalidRows   rows expected to be rejected
 * @param duplicateRows rows repeating an earlier real-world record
 * @param elapsed       wall-clock time of the run
 */
public record GenerateSummary(Map<String, Long> rowsPerFile, long trueRecords, long invalidRows, long duplicateRows,
        Duration elapsed) {

    public long totalRows() {
        return rowsPerFile.values().stream().mapToLong(Long::longValue).sum();
    }
}
