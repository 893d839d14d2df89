package org.creditpipeline.exchange;

/**
 * Consolidates the staged rows a package brought with the node's own records (the consolidate capability), so that
 * receiving does not depend on how consolidation is done. Runs under the node lock the caller holds.
 */
@FunctionalInterface
public interface ConsolidationStep {

    /** Consolidates every staged row not yet linked to a record; returns a one-line summary for the log. */
    String consolidate();
}
