package org.creditpipeline.ingest.read;

import java.nio.file.Path;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
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

    /** Step-context keys under which the format and encoding are published for the file's summary. */
    public static final String FORMAT_KEY = "ingest.format";
    public static final String ENCODING_KEY = "ingest.encoding";
    /** Step-context key of the reader's warnings for the file's summary, one per line. */
    public static final String WARNINGS_KEY = "ingest.readerWarnings";

    /** The format's name for summaries, e.g. CSV or XLSX. */
    protected abstract String formatName();

    /** The text encoding for summaries, or null where it does not apply. */
    protected String encodingName() {
        return null;
    }

    /** Things the data officer should know about the file as read so far (e.g. records found elsewhere). */
    protected List<String> warnings() {
        return List.of();
    }

    /** Opens the source; throws {@link UnreadableSourceException} when it cannot be read at all. */
    protected abstract void openSource() throws Exception;

    /** The next data row (header and blank rows skipped), or null at the end. */
    protected abstract SourceRow nextRow() throws Exception;

    protected abstract void closeSource() throws Exception;

    /**
     * Opens the source and, on restart, skips the rows already handed out. An {@link UnreadableSourceException} is
     * passed on as it is (Batch would wrap it in "Failed to initialize the reader"), so that its message reaches the
     * officer and callers can tell an unreadable file from a programming error.
     */
    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        try {
            super.open(executionContext);
        } catch (ItemStreamException e) {
            if (e.getCause() instanceof UnreadableSourceException unreadable) {
                throw unreadable;
            }
            throw e;
        }
        executionContext.putString(FORMAT_KEY, formatName());
        if (encodingName() != null) {
            executionContext.putString(ENCODING_KEY, encodingName());
        }
        publishWarnings(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        super.update(executionContext);
        publishWarnings(executionContext);
    }

    private void publishWarnings(ExecutionContext executionContext) {
        if (!warnings().isEmpty()) {
            executionContext.putString(WARNINGS_KEY, String.join("\n", warnings()));
        }
    }

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
