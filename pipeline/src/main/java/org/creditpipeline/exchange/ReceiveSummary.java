package org.creditpipeline.exchange;

import java.util.List;

/** What a receive did with each package of the inbox. */
public record ReceiveSummary(String node, List<Outcome> packages, String consolidation) {

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

    public long count(String status) {
        return packages.stream().filter(p -> p.status().equals(status)).count();
    }
}
