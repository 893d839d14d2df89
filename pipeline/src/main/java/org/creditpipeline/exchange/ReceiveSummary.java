package org.creditpipeline.exchange;

import java.util.List;

/**
 * What a receive did with each package of the inbox, every package held after a sequence gap (table
 * {@code exchange_held}) with its age ({@code heldAlertHours} is the age past which a held package is overdue), and
 * what it did about each unmerge a child sent ({@code exchange_origin_merge}, V28).
 */
public record ReceiveSummary(String node, List<Outcome> packages, String consolidation, List<Held> held,
                             int heldAlertHours, List<Unmerge> unmerges) {

    public static final String APPLIED = "APPLIED";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String HELD = "HELD";
    public static final String REFUSED = "REFUSED";

    /**
     * @param status APPLIED, DUPLICATE (applied before: nothing changed, acknowledgement sent again), HELD (an earlier
     *               package of the same child is missing) or REFUSED (nothing applied; reason says why)
     */
    public record Outcome(String file, String packageId, String child, String status, String reason, int changes,
                          int accepted, int updated, int questioned, int unmatched) {
    }

    /**
     * A package waiting in the inbox for changes {@code missingFrom..missingTo} of its child, since {@code firstSeen}
     * (the first receive that held it; UTC); {@code overdue} when held longer than the alert threshold.
     */
    public record Held(String file, String packageId, String child, long fromSeq, long toSeq, long missingFrom,
                       long missingTo, String firstSeen, String lastSeen, long ageMinutes, boolean overdue) {

        /** "26 h", or "35 min" under an hour. */
        public static String age(long minutes) {
            return minutes < 60 ? minutes + " min" : minutes / 60 + " h";
        }
    }

    /**
     * A child's unmerge: its record {@code childRecord} restored from {@code childSurvivor}; {@code outcome} FOLLOWED
     * (this node split its record too: {@code parentRecord} holds the child's restored record), APART (nothing to
     * split here) or KEPT_MERGED (this node keeps its record {@code parentRecord} whole: {@code note} says why; it
     * needs someone, and the child sees it questioned).
     */
    public record Unmerge(String child, long childRecord, long childSurvivor, String outcome, Long parentRecord,
                          String note) {
    }

    /** The child unmerges this node did not follow (they need someone). */
    public List<Unmerge> notFollowed() {
        return unmerges.stream().filter(u -> u.outcome().equals("KEPT_MERGED")).toList();
    }

    public long count(String status) {
        return packages.stream().filter(p -> p.status().equals(status)).count();
    }

    /** True when a package has been held longer than {@code heldAlertHours}. */
    public boolean heldTooLong() {
        return held.stream().anyMatch(Held::overdue);
    }
}
