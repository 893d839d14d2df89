package org.creditpipeline.exchange;

/**
 * Undoes one of this node's merges the way {@code record unmerge} does (the consolidate capability), so that receiving
 * can follow a child's unmerge without depending on how consolidation splits a record. Runs in the caller's
 * transaction, under the node lock the caller holds.
 */
@FunctionalInterface
public interface UnmergeStep {

    /**
     * Restores record {@code absorbedId} from the record it was merged into. Throws IllegalArgumentException with the
     * reason, and writes nothing, when the merge cannot be undone here.
     */
    Undone undo(long absorbedId, String reason, String actor);

    /** The record that came back and the one it was taken out of. */
    record Undone(long restoredId, long survivorId) {
    }
}
