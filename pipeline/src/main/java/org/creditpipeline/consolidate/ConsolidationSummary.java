package org.creditpipeline.consolidate;

import java.util.List;

/**
 * What one {@code consolidate} did.
 *
 * @param node           node id
 * @param status         COMPLETED, FAILED, or NOTHING_NEW (no staged row waiting; nothing was changed)
 * @param jobExecutionId Spring Batch job execution id, null when no job ran
 * @param maxStagedId    the high-water mark: staged rows up to this id are consolidated
 * @param rowsRead       staged rows consolidated by this run
 * @param inserted       new consolidated records
 * @param updated        existing records whose values or status changed
 * @param merged         records absorbed into another (each now a redirect)
 * @param reviewPairs    new pairs in the review queue
 * @param conflicts      contradictions found or changed by this run (same document number, different USCCs)
 * @param conflictList   the contradictions of this run, for the report
 * @param message        failure reason, or a note
 */
public record ConsolidationSummary(String node, String status, Long jobExecutionId, long maxStagedId, long rowsRead,
                                   long inserted, long updated, long merged, long reviewPairs, long conflicts,
                                   List<Conflict> conflictList, String message) {

    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String NOTHING_NEW = "NOTHING_NEW";

    /**
     * One contradiction: records sharing an authority's document number but naming subjects with different USCCs
     * ({@code SUBJECTS}), or records of one subject sharing a document number from different authorities
     * ({@code AUTHORITIES}: {@code authority} lists them, {@code identifiers} holds the subject's).
     */
    public record Conflict(String recordKind, String documentNumberKey, String authority, List<Long> recordIds,
                           List<String> identifiers, String kind) {

        public boolean differentAuthorities() {
            return "AUTHORITIES".equals(kind);
        }
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
