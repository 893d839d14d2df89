package org.creditpipeline.housekeep;

import java.util.List;
import java.util.Map;

/**
 * What {@code housekeep} removed, or in a dry run would remove, per kind of thing.
 *
 * @param limits  the limits this run applied ({@code credit.housekeeping.*}, or {@code --older-than})
 * @param files   files removed, over every kind (a folder counts the files in it)
 * @param bytes   their size
 * @param rows    database rows removed
 * @param failed  something could not be removed (each kind's {@code errors} say what)
 */
public record HousekeepSummary(String node, boolean dryRun, Map<String, Object> limits, List<Kind> kinds, long files,
                               long bytes, long rows, boolean failed) {

    public static final String INCOMING_DONE = "incoming-done";
    public static final String INCOMING_FAILED = "incoming-failed";
    public static final String ERROR_REPORTS = "error-reports";
    public static final String EXPORTS = "exports";
    public static final String OUTBOX = "exchange-outbox";
    public static final String APPLIED = "exchange-applied";
    public static final String ACKNOWLEDGEMENTS = "exchange-acks";
    public static final String LOGS = "logs";
    public static final String BATCH_METADATA = "batch-metadata";
    public static final String CONSOLIDATION_WORK = "consolidation-work";

    /**
     * One kind of thing.
     *
     * @param kind    a stable code (the constants above)
     * @param rule    what is removed, in words, with the limit applied
     * @param files   files removed (a folder counts the files in it)
     * @param bytes   their size; for database rows, the rows' own size (indexes not counted)
     * @param rows    database rows removed
     * @param tables  rows removed per table
     * @param kept    how many the age alone would have removed but the rules keep, and why ({@code keptReason})
     * @param removed what was removed: paths of files and folders; empty for database rows
     * @param errors  what could not be removed, and why
     */
    public record Kind(String kind, String rule, long files, long bytes, long rows, Map<String, Long> tables, long kept,
                       String keptReason, List<String> removed, List<String> errors) {
    }

    static HousekeepSummary of(String node, boolean dryRun, Map<String, Object> limits, List<Kind> kinds) {
        return new HousekeepSummary(node, dryRun, limits, kinds, kinds.stream().mapToLong(Kind::files).sum(),
                kinds.stream().mapToLong(Kind::bytes).sum(), kinds.stream().mapToLong(Kind::rows).sum(),
                kinds.stream().anyMatch(k -> !k.errors().isEmpty()));
    }
}
