package org.creditpipeline.generate;

import java.nio.file.Path;

/**
 * Options of one generator run.
 *
 * @param records        data rows to write, summed over all files (ground-truth lines not counted)
 * @param seed           PRNG seed; same seed and options give byte-identical files
 * @param outDir         directory for the CSV files (created if missing)
 * @param invalidShare   share of rows carrying exactly one defect (expected {@code reject})
 * @param duplicateShare share of rows that repeat an earlier real-world record, usually with variants
 */
public record GenerateOptions(long records, long seed, Path outDir, double invalidShare, double duplicateShare) {

    public static final double DEFAULT_INVALID_SHARE = 0.05;
    public static final double DEFAULT_DUPLICATE_SHARE = 0.20;

    public GenerateOptions {
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0 but is " + records);
        }
        if (outDir == null) {
            throw new IllegalArgumentException("outDir is required");
        }
        if (invalidShare < 0 || duplicateShare < 0 || invalidShare + duplicateShare > 1) {
            throw new IllegalArgumentException("invalidShare and duplicateShare must be >= 0 and sum to <= 1 but are "
                    + invalidShare + " and " + duplicateShare);
        }
    }

    public static GenerateOptions defaults(long records, long seed, Path outDir) {
        return new GenerateOptions(records, seed, outDir, DEFAULT_INVALID_SHARE, DEFAULT_DUPLICATE_SHARE);
    }
}
