package org.creditpipeline.ingest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.poi.ss.util.CellReference;

import org.creditpipeline.ingest.mapping.ColumnMapping;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.creditpipeline.normalize.Text;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The ingest step's processor: resolves each table's columns once (a workbook's sheets may each need their own
 * mapping), then hands every row to the {@link RowNormalizer}. Which mapping served which table is kept in the step's
 * execution context for the summary. A workbook sheet whose headers fit no mapping is skipped and reported, as long as
 * another sheet of the file maps; when none does, the step fails with the mapping's message.
 */
public class MappingProcessor implements ItemProcessor<SourceRow, ProcessedRow>, StepExecutionListener {

    static final String MAPPINGS_KEY = "ingest.mappings";
    /** Step-context key: per table, the generic headers read because a sheet, title, file name or header told the kind. */
    static final String KIND_HINTS_KEY = "ingest.kindHints";
    static final String UNMAPPED_KEY = "ingest.unmapped";
    /** Sheets skipped because no mapping fits, "sheet: reason" one per line. */
    static final String UNMAPPED_SHEETS_KEY = "ingest.unmappedSheets";
    /** JSON object: table (sheet name, or "" for CSV/JSON) → raw headers in column order, for the error report. */
    static final String HEADERS_KEY = "ingest.headers";
    /** Columns without a header that hold values (which no mapping can use), one warning per line. */
    static final String UNNAMED_COLUMNS_KEY = "ingest.unnamedColumns";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MappingCatalog catalog;
    private final String mappingName;
    private final RowNormalizer normalizer;
    private SourceTable lastTable;
    private ColumnMapping lastMapping;
    private StepExecution stepExecution;
    private final java.util.Map<String, java.util.List<String>> headers = new java.util.LinkedHashMap<>();
    private String firstFailure;
    /** Column indexes of the current table whose header is blank. */
    private int[] unnamed = new int[0];
    /** Per table and blank-header column: the values found there, which are not imported. */
    private final java.util.Map<String, UnnamedColumn> unnamedValues = new java.util.LinkedHashMap<>();

    public MappingProcessor(MappingCatalog catalog, String mappingName, RowNormalizer normalizer) {
        this.catalog = catalog;
        this.mappingName = mappingName;
        this.normalizer = normalizer;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
        // A restarted step keeps the headers of the tables read before the failure.
        headers.putAll(headers(stepExecution.getExecutionContext().getString(HEADERS_KEY, "")));
    }

    @Override
    public ProcessedRow process(SourceRow row) {
        if (row.table() != lastTable) {
            lastTable = row.table();
            try {
                lastMapping = catalog.resolve(row.table(), mappingName);
            } catch (UnreadableSourceException e) {
                if (row.table().sheet() == null) {
                    throw e;
                }
                // One sheet of a workbook that fits no mapping (a 说明 sheet, a 行政许可 sheet) does not sink the others.
                lastMapping = null;
                firstFailure = firstFailure == null ? e.getMessage() : firstFailure;
                remember(UNMAPPED_SHEETS_KEY, row.table().sheet() + ": " + e.getMessage());
            }
            if (lastMapping != null) {
                remember(MAPPINGS_KEY, lastMapping.config().name());
                lastMapping.unmappedHeaders().forEach(h -> remember(UNMAPPED_KEY, h));
                if (lastMapping.toldBy() != null && !lastMapping.genericHeaders().isEmpty()) {
                    remember(KIND_HINTS_KEY, row.table().describe() + ": read as '" + lastMapping.config().name()
                            + "' because the " + lastMapping.toldBy().place() + " names the kind, generic headers "
                            + String.join(", ", lastMapping.genericHeaders()) + " (按名称识别记录类型，通用表头据此对应)");
                }
                rememberHeaders(row.table());
            }
            unnamed = lastMapping == null ? new int[0] : unnamedColumns(row.table());
        }
        for (int column : unnamed) {
            String value = row.cell(column);
            if (!Text.isBlankText(value)) {
                synchronized (unnamedValues) {
                    unnamedValues.computeIfAbsent(row.table().describe() + "\u0000" + column,
                            k -> new UnnamedColumn(row.table(), column, row.rowNumber(), value)).rows++;
                }
            }
        }
        return lastMapping == null ? null : normalizer.normalize(row, lastMapping);
    }

    /** Indexes of the blank headers that lie between or before named ones (the table's width is its header's). */
    private static int[] unnamedColumns(SourceTable table) {
        List<String> headers = table.headers();
        return IntStream.range(0, headers.size()).filter(c -> Text.isBlankText(headers.get(c))).toArray();
    }

    /** Values in a column without a header: none of them can be imported, so the data officer is told. */
    private static final class UnnamedColumn {
        final SourceTable table;
        final int column;
        final long firstRow;
        final String firstValue;
        long rows;

        UnnamedColumn(SourceTable table, int column, long firstRow, String firstValue) {
            this.table = table;
            this.column = column;
            this.firstRow = firstRow;
            this.firstValue = firstValue;
        }

        String warning() {
            String where = table.sheet() == null ? "column " + (column + 1)
                    : "sheet " + table.sheet() + " column " + CellReference.convertNumToColString(column);
            String value = firstValue.strip().replaceAll("\\s+", " "); // one line: warnings are stored one per line
            value = value.length() > 40 ? value.substring(0, 40) + "…" : value;
            return where + " has no header but holds values in " + rows + " row(s), first at row " + firstRow + " (“"
                    + value + "”); they were not imported (第 " + (column + 1) + " 列没有表头，其中的数据未导入；请补上表头后重新上传)";
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        synchronized (unnamedValues) { // a failed step's reading thread may still be running
            if (!unnamedValues.isEmpty()) {
                stepExecution.getExecutionContext().putString(UNNAMED_COLUMNS_KEY, unnamedValues.values().stream()
                        .map(UnnamedColumn::warning).collect(Collectors.joining("\n")).replace("\u0000", ""));
            }
        }
        String mapped = stepExecution.getExecutionContext().getString(MAPPINGS_KEY, "");
        if (mapped.isEmpty() && firstFailure != null && stepExecution.getStatus() == BatchStatus.COMPLETED) {
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(new UnreadableSourceException(firstFailure
                    + " No sheet of the workbook fits a mapping (没有任何工作表能匹配数据映射)."));
            return ExitStatus.FAILED;
        }
        return null;
    }

    private void rememberHeaders(SourceTable table) {
        if (stepExecution == null) {
            return;
        }
        headers.put(table.sheet() == null ? "" : table.sheet(), table.headers());
        stepExecution.getExecutionContext().putString(HEADERS_KEY, JSON.writeValueAsString(headers));
    }

    /** The raw headers per table from a step context ({@link #HEADERS_KEY}). */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, java.util.List<String>> headers(String json) {
        return json == null || json.isEmpty() ? java.util.Map.of() : JSON.readValue(json, java.util.Map.class);
    }

    private void remember(String key, String value) {
        if (stepExecution == null) {
            return;
        }
        var context = stepExecution.getExecutionContext();
        String current = context.getString(key, "");
        Set<String> values = new LinkedHashSet<>(current.isEmpty() ? Set.of() : Set.of(current.split("\n")));
        if (values.add(value)) {
            context.putString(key, current.isEmpty() ? value : current + "\n" + value);
        }
    }
}
