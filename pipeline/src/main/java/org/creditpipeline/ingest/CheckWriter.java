package org.creditpipeline.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The writer of a check ({@code ingest --check}): accepted rows are dropped, rejected rows go to the check's
 * {@link RejectSpool} in the JSON {@code rejected_row} would hold, for the error report. Nothing reaches the database.
 */
public class CheckWriter implements ItemWriter<ProcessedRow> {

    private final RejectSpool spool;
    private final StringBuilder json = new StringBuilder(4096);

    public CheckWriter(RejectSpool spool) {
        this.spool = spool;
    }

    @Override
    public void write(Chunk<? extends ProcessedRow> chunk) throws IOException {
        List<RejectSpool.Row> rejected = new ArrayList<>();
        for (ProcessedRow row : chunk) {
            if (!row.isAccepted()) {
                rejected.add(new RejectSpool.Row(row.source().table().sheet(), row.source().rowNumber(),
                        RejectJson.raw(json, row.source()), RejectJson.reasons(json, row.reasons())));
            }
        }
        spool.append(rejected);
    }
}
