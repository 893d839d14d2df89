package org.creditpipeline.exchange;

import java.util.Map;

/**
 * The header of a package (包头): who sent it, for which parent, which change-log sequence range it carries, how many
 * changes of each record kind, and the SHA-256 of every data file. Signed as a whole with HMAC-SHA256
 * ({@code manifest.sig}) with the key named {@code keyId} (null in packages of versions before keys had ids); the
 * data files are bound to it by their checksums.
 */
public record PackageManifest(
        int formatVersion,
        String packageId,
        String node,
        String region,
        String parent,
        long fromSeq,
        long toSeq,
        int changes,
        Map<String, Integer> counts,
        Map<String, FileEntry> files,
        String createdAt,
        String keyId) {

    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String CHANGES = "changes.jsonl";

    /** @param rows data rows (lines of JSON, or CSV records without the header) */
    public record FileEntry(String sha256, long bytes, long rows) {
    }

    public static String packageId(String node, long fromSeq, long toSeq) {
        return String.format("%s-%010d-%010d", node, fromSeq, toSeq);
    }

    public static String fileName(String packageId) {
        return packageId + ".zip";
    }
}
