package org.creditpipeline.exchange;

import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * The parent's answer to a package (回执): applied with per-record feedback (入库 accepted / 更新 updated / 疑问
 * questioned with an error code and text / 未关联 unmatched), or refused with the reason. Stored as a file whose first
 * line is the HMAC-SHA256 of the rest, signed with the key the child and parent share: the one the package was signed
 * with, named by {@code keyId} (null in acknowledgements of versions before keys had ids).
 */
public record Acknowledgement(
        String packageId,
        String parent,
        String child,
        String status,
        String sha256,
        String reason,
        long fromSeq,
        long toSeq,
        int accepted,
        int updated,
        int questioned,
        int unmatched,
        List<Feedback> records,
        String createdAt,
        String keyId) {

    public static final String APPLIED = "APPLIED";
    public static final String REFUSED = "REFUSED";

    /**
     * @param seq            the child's change-log sequence of the record's last change in the package
     * @param recordId       the child's record id
     * @param parentRecordId the parent's consolidated record it became part of (null when questioned or unmatched)
     * @param unmerge        for a record the child restored by an unmerge: FOLLOWED (the parent split its record too),
     *                       APART (nothing to split there) or KEPT_MERGED (the parent keeps its record whole: the
     *                       outcome is QUESTIONED, {@code errorText} says why); null otherwise, and in acknowledgements
     *                       of versions before it
     */
    public record Feedback(long seq, long recordId, String outcome, String errorCode, String errorText,
                           Long parentRecordId, String unmerge) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static String fileName(String packageId, String status) {
        return packageId + (APPLIED.equals(status) ? ".ack.json" : ".refused.json");
    }

    public byte[] signedBytes(String key) {
        byte[] body = JSON.writeValueAsBytes(this);
        byte[] sig = (Signatures.hmac(key, body) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[sig.length + body.length];
        System.arraycopy(sig, 0, out, 0, sig.length);
        System.arraycopy(body, 0, out, sig.length, body.length);
        return out;
    }

    /**
     * Parses and checks a signed acknowledgement with the key it names, else any of {@code keys} (a retired one
     * too: the answer is to a package sent under it); throws when no key matches.
     */
    public static Acknowledgement read(byte[] bytes, NodeKeys keys, String source) {
        int nl = newline(bytes);
        if (nl >= bytes.length) {
            throw new IllegalStateException("acknowledgement " + source + " is not signed");
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, nl + 1, bytes.length);
        Acknowledgement claimed = peek(bytes);
        String named = claimed == null ? null : claimed.keyId();
        if (keys.verifying(body, new String(bytes, 0, nl, StandardCharsets.US_ASCII), named) == null) {
            throw new IllegalStateException("acknowledgement " + source + " has a wrong signature: ignored"
                    + (named != null && keys.get(named).isEmpty() ? " (it is signed with key '" + named + "', which"
                    + " this node's file does not list)" : ""));
        }
        return JSON.readValue(body, Acknowledgement.class);
    }

    /** The acknowledgement as it states itself, unverified (null when it cannot be read): to see what it answers. */
    public static Acknowledgement peek(byte[] bytes) {
        int nl = newline(bytes);
        if (nl >= bytes.length) {
            return null;
        }
        try {
            return JSON.readValue(java.util.Arrays.copyOfRange(bytes, nl + 1, bytes.length), Acknowledgement.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int newline(byte[] bytes) {
        int nl = 0;
        while (nl < bytes.length && bytes[nl] != '\n') {
            nl++;
        }
        return nl;
    }
}
