package org.creditpipeline.publish;

import java.util.Map;

/**
 * An export written: its files, how many records went in, and how many were left out and why.
 *
 * @param excluded records left out, by reason (public and sharing exports)
 */
public record ExportSummary(String node, String kind, String format, Long since, String asOf, String directory,
                            String dataFile, String manifest, long records, Map<String, Long> excluded) {
}
