package org.creditpipeline.exchange;

import java.util.List;

/**
 * What a receive did with each package of the inbox, and every package held after a sequence gap (table
 * {@code exchange_held}) with its age; {@code heldAlertHours} is the age past which a held package is overdue.
 */
public record ReceiveSummary(String node, List<Outcome> packages, String consolidation, List<Held> held,
                             int heldAlertHours) {

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

    public long count(String status) {
        return packages.stream().filter(p -> p.status().equals(status)).count();
    }

    /** True when a package has been held longer than {@code heldAlertHours}. */
    public boolean heldTooLong() {
        return held.stream().anyMatch(Held::overdue);
    }
}
