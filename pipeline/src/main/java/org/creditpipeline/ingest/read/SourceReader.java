package org.creditpipeline.ingest.read;

import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Base of every format reader (CSV, xlsx, xls, JSON), after spring-batch-excel's AbstractExcelItemReader: this class
 * owns row counting and restart state (the count of rows handed out is saved with each chunk; on restart the reader
 * skips that many rows); a format reader only opens, iterates and closes.
 */
public abstract class SourceReader extends AbstractItemCountingItemStreamItemReader<SourceRow> {

    protected final Path file;
    protected final String sourceName;

    protected SourceReader(Path file, String sourceName) {
        this.file = file;
        this.sourceName = sourceName;
        setName(getClass().getSimpleName());
    }

    /** Opens the source; throws {@link UnreadableSourceException} when it cannot be read at all. */
    protected abstract void openSource() throws Exception;

    /** The next data row (header and blank rows skipped), or null at the end. */
    protected abstract SourceRow nextRow() throws Exception;

    protected abstract void closeSource() throws Exception;

    @Override
    protected final void doOpen() throws Exception {
        openSource();
    }

    @Override
    protected final SourceRow doRead() throws Exception {
        return nextRow();
    }

    @Override
    protected final void doClose() throws Exception {
        closeSource();
    }
}
