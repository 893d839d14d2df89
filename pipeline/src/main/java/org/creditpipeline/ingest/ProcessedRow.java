package org.creditpipeline.ingest;

import java.util.List;

import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.model.CreditRecord;

/**
 * The outcome for one source row: an accepted record, or the reasons it was rejected (never both); or, for a row of a
 * sheet no mapping fits, neither ({@link #skipped}), which the step filters out.
 */
public record ProcessedRow(SourceRow source, CreditRecord record, List<RejectReason> reasons) {

    public static ProcessedRow accepted(SourceRow source, CreditRecord record) {
        return new ProcessedRow(source, record, List.of());
    }

    public static ProcessedRow rejected(SourceRow source, List<RejectReason> reasons) {
        return new ProcessedRow(source, null, List.copyOf(reasons));
    }

    public static ProcessedRow skipped(SourceRow source) {
        return new ProcessedRow(source, null, null);
    }

    public boolean isSkipped() {
        return record == null && reasons == null;
    }

    public boolean isAccepted() {
        return record != null;
    }
}
