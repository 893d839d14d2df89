package org.creditpipeline.support;

import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceRow;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Reads a whole source the way a step does: open with a fresh context, read to the end, close. */
public final class SourceRows {

    private SourceRows() {
    }

    public static List<SourceRow> readAll(SourceReader reader) throws Exception {
        List<SourceRow> rows = new ArrayList<>();
        reader.open(new ExecutionContext());
        try {
            for (SourceRow row; (row = reader.read()) != null; ) {
                rows.add(row);
            }
        } finally {
            reader.close();
        }
        return rows;
    }
}
