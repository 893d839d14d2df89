package org.creditpipeline.exchange;

import java.util.List;

/**
 * What a push did: acknowledgements taken in, packages delivered again (not yet acknowledged) and new packages, and
 * the rows the parent questioned that still wait for correction; and the parent's acknowledgements that could not be
 * verified (a key that differs from the parent's copy: every package of this node is refused there and waits here).
 * {@code questionsReport} is the data officers' workbook of the open questions (null when none is open).
 */
public record PushSummary(String node, String parent, List<AckTaken> acknowledgements, List<String> redelivered,
                          List<Sent> sent, long openQuestions, List<Question> questions,
                          List<String> unverifiedAcknowledgements, String questionsReport) {

    public record AckTaken(String packageId, String status, String reason, int accepted, int updated, int questioned,
                           int unmatched) {
    }

    public record Sent(String packageId, long fromSeq, long toSeq, int changes, String file, String sha256) {
    }

    /** A questioned or unmatched record (疑问 / 未关联) for the data officer. */
    public record Question(String packageId, long recordId, String outcome, String errorCode, String errorText) {
    }
}
