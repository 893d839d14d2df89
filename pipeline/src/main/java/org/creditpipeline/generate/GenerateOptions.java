package org.creditpipeline.generate;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Options of one generator run.
 *
 * @param records        CSV data rows to write, summed over the five CSV files (ground-truth lines not counted)
 * @param seed           PRNG seed; same seed and options give byte-identical files
 * @param outDir         directory for the files (created if missing)
 * @param invalidShare   share of rows carrying exactly one defect (expected {@code reject})
 * @param duplicateShare share of rows that repeat an earlier real-world record, usually with variants
 * @param formats        which files to write; the CSV files come first, so adding formats never changes them
 * @param xlsxRows       data rows of the county upload workbook (all sheets together)
 * @param jsonRecords    records of the court feed
 * @param countyListShare share of the CSV run's 纪律处分 and 问责 rows written as county lists (no 文号, no ID number,
 *                       one CSV per county and kind) instead of into sanction.csv and accountability.csv
 */
public record GenerateOptions(long records, long seed, Path outDir, double invalidShare, double duplicateShare,
        Set<OutputFormat> formats, long xlsxRows, long jsonRecords, double countyListShare) {

    public static final double DEFAULT_INVALID_SHARE = 0.05;
    public static final double DEFAULT_DUPLICATE_SHARE = 0.20;
    public static final double DEFAULT_COUNTY_LIST_SHARE = 0.10;

    public GenerateOptions {
        if (records < 0 || xlsxRows < 0 || jsonRecords < 0) {
            throw new IllegalArgumentException("records, xlsxRows and jsonRecords must be >= 0 but are " + records
                    + ", " + xlsxRows + " and " + jsonRecords);
        }
        if (outDir == null) {
            throw new IllegalArgumentException("outDir is required");
        }
        if (invalidShare < 0 || duplicateShare < 0 || invalidShare + duplicateShare > 1) {
            throw new IllegalArgumentException("invalidShare and duplicateShare must be >= 0 and sum to <= 1 but are "
                    + invalidShare + " and " + duplicateShare);
        }
        if (!(countyListShare >= 0 && countyListShare <= 1)) {
            throw new IllegalArgumentException("countyListShare must be between 0 and 1 but is " + countyListShare);
        }
        if (formats == null || formats.isEmpty()) {
            throw new IllegalArgumentException("at least one format is required");
        }
        formats = Set.copyOf(formats);
    }

    /** CSV files only, as before the xlsx and JSON formats existed; the default share of county lists. */
    public GenerateOptions(long records, long seed, Path outDir, double invalidShare, double duplicateShare) {
        this(records, seed, outDir, invalidShare, duplicateShare, EnumSet.of(OutputFormat.CSV), 0, 0,
                DEFAULT_COUNTY_LIST_SHARE);
    }

    /** CSV files only, default shares. */
    public static GenerateOptions defaults(long records, long seed, Path outDir) {
        return new GenerateOptions(records, seed, outDir, DEFAULT_INVALID_SHARE, DEFAULT_DUPLICATE_SHARE);
    }

    /** The same options with other formats and sizes for the workbook and the feed. */
    public GenerateOptions withFormats(Set<OutputFormat> formats, long xlsxRows, long jsonRecords) {
        return new GenerateOptions(records, seed, outDir, invalidShare, duplicateShare, formats, xlsxRows, jsonRecords,
                countyListShare);
    }

    /** The same options with another share of county lists (0: none, the CSV files as before they existed). */
    public GenerateOptions withCountyListShare(double share) {
        return new GenerateOptions(records, seed, outDir, invalidShare, duplicateShare, formats, xlsxRows, jsonRecords,
                share);
    }

    public boolean writes(OutputFormat format) {
        return formats.contains(format);
    }
}
