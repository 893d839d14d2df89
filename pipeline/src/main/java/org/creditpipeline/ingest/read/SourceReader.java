package org.creditpipeline.ingest.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /**
     * Step-context key of the reader's warnings for the file's summary, one per line: {@link #warnings()}, then the
     * rows skipped as titles or footers ({@link #skippedRows()}).
     */
    public static final String WARNINGS_KEY = "ingest.readerWarnings";

    /** Kinds of skipped rows, as the warnings name them. */
    protected static final String TITLE_ROWS = "rows above the header skipped as titles (表头上方的标题行)";
    protected static final String FOOTER_ROWS = "signature and total lines skipped as the form's footer"
            + " (表尾的填表人、审核人、合计等行)";
    protected static final String EXAMPLE_ROWS = "the template's example rows skipped (模板中的填写示例行)";
    protected static final String COLUMN_NUMBER_ROWS = "the column-number line under the header skipped (表头下的栏次行)";
    protected static final String REPEATED_HEADER_ROWS = "the header repeated below the data and the title above it"
            + " skipped, as when tables are pasted one under another (数据中重复的表头及其标题行)";
    protected static final String INSTRUCTION_ROWS = "the template's fill-in notes under the header skipped"
            + " (表头下的填写说明行，如“必填”“选填”)";
    protected static final String HEADER_LINE_ROWS = "a second header line under the header skipped (field codes such as"
            + " CF_XDR_MC under the names, or the names under the codes) (表头下的第二行表头，如字段代码)";
    protected static final String SECTION_ROWS = "section headings between the records skipped (表内的分组标题行，如“一、市场监管局”)";
    protected static final String SERIAL_ONLY_ROWS = "unfilled template rows (nothing but a serial number or a lookup's"
            + " #N/A) skipped (只有序号或#N/A、未填写内容的空行)";

    /** Rows listed by number per table and kind; beyond this they are only counted. */
    private static final int LISTED_ROWS = 20;
    /** Rows shown with their text. */
    private static final int QUOTED_ROWS = 3;

    /** Skipped rows by "table: kind", in the order met; rebuilt on every open (a restart reads the file again). */
    private final Map<String, SkippedRows> skippedRows = new LinkedHashMap<>();

    private static final class SkippedRows {
        long count;
        final List<String> listed = new ArrayList<>();
    }

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
        List<String> lines = new ArrayList<>(warnings());
        lines.addAll(skippedRows());
        if (!lines.isEmpty()) {
            // the execution context is stored as text: a U+0000 quoted from the file would fail the step's commit
            executionContext.putString(WARNINGS_KEY, String.join("\n", lines).replace("\u0000", ""));
        }
    }

    /**
     * Accounts for a row that is not handed out as data (a title above the header, a signature or total line below the
     * data), so that it appears in the file's warnings instead of vanishing.
     *
     * @param table where the row is, e.g. "book.xlsx sheet 行政处罚"
     * @param kind  what the rows are, in English and Chinese
     * @param row   the row number as the officer sees it
     * @param cells the row's cells, the first non-empty one quoted for the first few rows
     */
    protected final void skipRow(String table, String kind, long row, List<String> cells) {
        SkippedRows rows = skippedRows.computeIfAbsent(table + ": " + kind, k -> new SkippedRows());
        rows.count++;
        if (rows.listed.size() < LISTED_ROWS) {
            String text = cells.stream().filter(c -> c != null && !c.isBlank()).findFirst().orElse("");
            text = text.length() > 30 ? text.substring(0, 30) + "…" : text;
            rows.listed.add(rows.listed.size() < QUOTED_ROWS ? row + " “" + text + "”" : String.valueOf(row));
        }
    }

    /** The skipped rows as warning lines: "file.csv: title rows above the header (…): 1 row, row 1 “…”". */
    public List<String> skippedRows() {
        List<String> lines = new ArrayList<>();
        skippedRows.forEach((where, rows) -> lines.add(where + ": " + rows.count + (rows.count == 1 ? " row" : " rows")
                + " not ingested (未导入), row " + String.join(", ", rows.listed)
                + (rows.count > rows.listed.size() ? ", …" : "")));
        return lines;
    }

    @Override
    protected final void doOpen() throws Exception {
        skippedRows.clear();
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
