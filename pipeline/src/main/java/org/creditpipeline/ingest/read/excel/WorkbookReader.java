package org.creditpipeline.ingest.read.excel;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import org.creditpipeline.ingest.read.FormRows;
import org.creditpipeline.ingest.read.HeaderLocator;
import org.creditpipeline.ingest.read.HeaderVocabulary;
import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.creditpipeline.ingest.template.UploadTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * The sheet walk shared by the .xlsx and .xls readers: every visible sheet in order is its own table, hidden sheets
 * are reported and not read, title rows above the header and blank rows are skipped, and rows that do not fit the
 * header carry a problem. A format reader only lists the sheets and streams each sheet's rows as text.
 */
public abstract class WorkbookReader extends SourceReader {

    private static final Logger log = LoggerFactory.getLogger(WorkbookReader.class);

    /** A sheet as listed in the workbook. */
    public record SheetInfo(String name, boolean hidden) {
    }

    /**
     * One physical row as text.
     *
     * @param rowNumber the Excel row number (1-based)
     * @param cells     cell text by column index, null for an empty cell
     * @param textCells how many non-empty cells hold text (for header detection)
     * @param problem   null, or why a cell of the row cannot be trusted (the row is then rejected with it)
     * @param hidden    the row is hidden in Excel (filtered out, or hidden by hand): imported, but named in the warnings
     */
    public record ExcelRow(long rowNumber, List<String> cells, int textCells, String problem, boolean hidden) {

        public ExcelRow(long rowNumber, List<String> cells, int textCells) {
            this(rowNumber, cells, textCells, null, false);
        }

        public ExcelRow(long rowNumber, List<String> cells, int textCells, String problem) {
            this(rowNumber, cells, textCells, problem, false);
        }
    }

    /**
     * The {@link ExcelRow#problem} of a row with formulas saved without their value (written by a program, never
     * calculated in Excel), which would read as empty cells; {@code cells} are like {@code I4 =0.1*3}.
     */
    protected static String uncalculatedFormulas(List<String> cells) {
        return "cell " + String.join(", ", cells) + " holds a formula without a calculated value (the file was written"
                + " by a program and never calculated in Excel); open it in Excel, let it calculate, save and upload"
                + " again, or replace the formula by its value (单元格 " + String.join("、", cells) + " 是公式但没有计算结果，"
                + "请在 Excel 中打开并保存后重新上传，或将公式改为数值)";
    }

    /** Step-context keys of the hidden and skipped sheets (one per line). */
    public static final String HIDDEN_SHEETS_KEY = "ingest.hiddenSheets";
    public static final String SKIPPED_SHEETS_KEY = "ingest.skippedSheets";
    /** {@link #locateHeader}'s answer for the upload template's own notes sheet: not data, not worth a warning. */
    private static final String TEMPLATE_NOTES = "the upload template's notes sheet";

    protected final ExcelLimits limits;
    private HeaderVocabulary vocabulary = HeaderVocabulary.NONE;

    private final List<String> hiddenSheets = new ArrayList<>();
    /** Per table, the data rows that are hidden in Excel (numbers, the first {@value #LISTED_HIDDEN_ROWS} of them). */
    private final java.util.Map<String, List<Long>> hiddenRows = new java.util.LinkedHashMap<>();
    private static final int LISTED_HIDDEN_ROWS = 20;
    private final List<String> skippedSheets = new ArrayList<>();
    private List<SheetInfo> sheets = List.of();
    private int sheetIndex;
    private Iterator<ExcelRow> rows;
    /** Rows read ahead while looking for the header that turned out to be data, handed out first. */
    private final Deque<ExcelRow> pending = new ArrayDeque<>();
    private SourceTable table;
    /** Gives the value of a cell merged over several data rows to each of them. */
    private MergedCells.Filler filler;
    /**
     * Whether the current table has handed out a data row: example rows and the column-number line are only looked
     * for before the first.
     */
    private boolean dataSeen;
    /** The raw cells of the current table's header row(s), to know the header when it is pasted again below. */
    private final List<List<String>> headerRows = new ArrayList<>(3);
    /** The current table's serial-number columns ({@code 序号}), or null: see {@link FormRows#isSerialOnly}. */
    private boolean[] serialColumns;
    private int tablesFound;

    protected WorkbookReader(Path file, String sourceName, ExcelLimits limits) {
        super(file, sourceName);
        this.limits = limits;
    }

    /** The headers the mappings know, to tell the header row from form lines above it. */
    public WorkbookReader withVocabulary(HeaderVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        return this;
    }

    /** Opens the workbook and lists its sheets in order. */
    protected abstract List<SheetInfo> openWorkbook() throws Exception;

    /** The rows of the sheet at an index of {@link #openWorkbook()}'s list, streamed; blank rows may be included. */
    protected abstract Iterator<ExcelRow> openSheet(int index) throws Exception;

    /**
     * The vertically merged ranges of the sheet at an index, known before its rows are streamed; none by default.
     * Called after {@link #openSheet(int)}.
     */
    protected MergedCells mergedCells(int index) throws Exception {
        return MergedCells.NONE;
    }

    /** Whether the open workbook counts date serials from 1904 (old Mac Excel); false by default. */
    protected boolean date1904() {
        return false;
    }

    /** Releases the sheet opened last (called before the next sheet is opened and on close). */
    protected abstract void closeSheet() throws Exception;

    protected abstract void closeWorkbook() throws Exception;

    /** Hidden and very hidden sheets: not ingested, reported here once the reader is open. */
    public List<String> hiddenSheets() {
        return List.copyOf(hiddenSheets);
    }

    /** Visible sheets that were not ingested, each as "sheet name: reason"; complete once the reader is exhausted. */
    public List<String> skippedSheets() {
        return List.copyOf(skippedSheets);
    }

    /**
     * Publishes the hidden sheets (known once open) and the skipped ones (complete once exhausted) in the step context
     * under {@link #HIDDEN_SHEETS_KEY} and {@link #SKIPPED_SHEETS_KEY}, one per line, for the file's summary.
     */
    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        super.open(executionContext);
        publish(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        super.update(executionContext);
        publish(executionContext);
    }

    private void publish(ExecutionContext context) {
        if (!hiddenSheets.isEmpty()) {
            context.putString(HIDDEN_SHEETS_KEY, String.join("\n", hiddenSheets));
        }
        if (!skippedSheets.isEmpty()) {
            context.putString(SKIPPED_SHEETS_KEY, String.join("\n", skippedSheets));
        }
    }

    /**
     * Data rows hidden in Excel — filtered out by an AutoFilter or hidden by hand — are imported like the others (the
     * file holds them), but the officer who sent a filtered view should know: one line per table.
     */
    @Override
    protected List<String> warnings() {
        List<String> lines = new ArrayList<>();
        hiddenRows.forEach((table, numbers) -> lines.add(table + ": " + numbers.size() + (numbers.size() == 1 ? " row is"
                : " rows are") + " hidden in Excel (filtered out or hidden) and were imported all the same, row "
                + numbers.stream().limit(LISTED_HIDDEN_ROWS).map(String::valueOf).collect(java.util.stream.Collectors
                .joining(", ")) + (numbers.size() > LISTED_HIDDEN_ROWS ? ", …" : "") + " (第 " + numbers.get(0)
                + " 行等在 Excel 中被筛选隐藏或手动隐藏，仍已导入；如这些行不应上报，请删除后重新上传)"));
        return lines;
    }

    @Override
    protected final void openSource() throws Exception {
        hiddenRows.clear();
        hiddenSheets.clear();
        skippedSheets.clear();
        sheetIndex = -1;
        rows = null;
        pending.clear();
        table = null;
        tablesFound = 0;
        sheets = openWorkbook();
        for (SheetInfo sheet : sheets) {
            if (sheet.hidden()) {
                hiddenSheets.add(sheet.name());
            }
        }
        if (!hiddenSheets.isEmpty()) {
            log.info("{}: hidden sheets not ingested: {}", sourceName, hiddenSheets);
        }
    }

    @Override
    protected final SourceRow nextRow() throws Exception {
        while (true) {
            if (rows == null && !nextSheet()) {
                return null;
            }
            while (!pending.isEmpty() || rows.hasNext()) {
                ExcelRow row = pending.isEmpty() ? rows.next() : pending.poll();
                if (isBlank(row.cells())) {
                    continue;
                }
                List<String> cells = filler.apply(row.rowNumber(), row.cells());
                if (cells != row.cells()) {
                    row = new ExcelRow(row.rowNumber(), cells, row.textCells(), row.problem(), row.hidden());
                }
                if (isRepeatedHeader(row.cells())) {
                    skipRow(table.describe(), REPEATED_HEADER_ROWS, row.rowNumber(), row.cells());
                    continue;
                }
                if (singleCell(row.cells())) {
                    // a block's own title (XX县…信息（交通局）) right above the header pasted again
                    ExcelRow next = nextNonBlankAhead();
                    if (next != null && isRepeatedHeader(next.cells())) {
                        skipRow(table.describe(), REPEATED_HEADER_ROWS, row.rowNumber(), row.cells());
                        continue;
                    }
                }
                if (FormRows.isFooter(row.cells())) {
                    skipRow(table.describe(), FOOTER_ROWS, row.rowNumber(), row.cells());
                    continue;
                }
                if (FormRows.isSectionHeading(row.cells())) {
                    skipRow(table.describe(), SECTION_ROWS, row.rowNumber(), row.cells());
                    continue;
                }
                if (FormRows.isSerialOnly(row.cells(), serialColumns)) {
                    skipRow(table.describe(), SERIAL_ONLY_ROWS, row.rowNumber(), row.cells());
                    continue;
                }
                if (!dataSeen && FormRows.isExample(row.cells())) {
                    skipRow(table.describe(), EXAMPLE_ROWS, row.rowNumber(), row.cells());
                    continue;
                }
                if (!dataSeen && HeaderLocator.isHeaderLine(row.cells(), vocabulary)) {
                    skipRow(table.describe(), HEADER_LINE_ROWS, row.rowNumber(), row.cells());
                    continue;
                }
                if (!dataSeen && FormRows.isInstructions(row.cells())) {
                    skipRow(table.describe(), INSTRUCTION_ROWS, row.rowNumber(), row.cells());
                    continue;
                }
                if (!dataSeen && FormRows.isColumnNumbering(row.cells())) {
                    skipRow(table.describe(), COLUMN_NUMBER_ROWS, row.rowNumber(), row.cells());
                    continue;
                }
                dataSeen = true;
                if (row.hidden()) {
                    hiddenRows.computeIfAbsent(table.describe(), k -> new ArrayList<>()).add(row.rowNumber());
                }
                return toSourceRow(row);
            }
            closeSheet();
            rows = null;
        }
    }

    /** Opens the next visible sheet that has a header, positioned after the header; false at the end. */
    private boolean nextSheet() throws Exception {
        while (++sheetIndex < sheets.size()) {
            SheetInfo sheet = sheets.get(sheetIndex);
            if (sheet.hidden()) {
                continue;
            }
            Iterator<ExcelRow> sheetRows = openSheet(sheetIndex);
            String reason = locateHeader(sheet, sheetRows);
            if (TEMPLATE_NOTES.equals(reason)) {
                closeSheet();
                log.info("{} sheet {}: the upload template's notes sheet, not read", sourceName, sheet.name());
                continue;
            }
            if (reason == null) {
                MergedCells merged = mergedCells(sheetIndex);
                if (merged.truncated()) {
                    log.warn("{} sheet {}: more than {} merged ranges, the rest are not applied", sourceName,
                            sheet.name(), MergedCells.MAX_RANGES);
                }
                filler = merged.filler(table.headerRow());
                dataSeen = false;
                rows = sheetRows;
                tablesFound++;
                return true;
            }
            closeSheet();
            skippedSheets.add(sheet.name() + ": " + reason);
            log.info("{} sheet {} skipped: {}", sourceName, sheet.name(), reason);
        }
        if (tablesFound == 0) {
            throw new UnreadableSourceException(sourceName + " has no sheet with a header row (工作簿中没有可识别表头的"
                    + "工作表): " + String.join("; ", skippedSheets)
                    + (hiddenSheets.isEmpty() ? "" : "; hidden sheets are not read (隐藏工作表不导入): " + hiddenSheets));
        }
        return false;
    }

    /**
     * Reads ahead over the first non-blank rows (at most {@link HeaderLocator#MAX_SCAN_ROWS}), picks the header, sets
     * {@link #table}, accounts for the title rows above it and keeps the rows below it for {@link #nextRow()};
     * returns null, or why the sheet has no usable header.
     */
    private String locateHeader(SheetInfo sheet, Iterator<ExcelRow> sheetRows) {
        List<ExcelRow> ahead = new ArrayList<>();
        List<HeaderLocator.Line> lines = new ArrayList<>();
        while (ahead.size() < HeaderLocator.MAX_SCAN_ROWS && sheetRows.hasNext()) {
            ExcelRow row = sheetRows.next();
            if (!isBlank(row.cells())) {
                ahead.add(row);
                lines.add(new HeaderLocator.Line(row.cells(), row.textCells()));
            }
        }
        if (ahead.isEmpty()) {
            return "sheet is empty / 工作表为空";
        }
        if (UploadTemplate.isNotesSheet(sheet.name(), ahead.get(0).cells())) {
            return TEMPLATE_NOTES;
        }
        int header = HeaderLocator.locate(lines, vocabulary);
        if (header < 0) {
            return HeaderLocator.noHeaderReason();
        }
        String where = sourceName + " sheet " + sheet.name();
        ExcelRow headerRow = ahead.get(header);
        List<String> headers = headerRow.cells();
        int titles = header;
        if (header > 0 && ahead.get(header - 1).rowNumber() == headerRow.rowNumber() - 1) {
            List<String> grouped = HeaderLocator.withGroupRow(ahead.get(header - 1).cells(), headers, vocabulary);
            if (grouped != null) {
                headers = grouped;
                titles = header - 1;
            }
        }
        List<String> titleTexts = new ArrayList<>();
        for (int i = 0; i < titles; i++) {
            skipRow(where, TITLE_ROWS, ahead.get(i).rowNumber(), ahead.get(i).cells());
            titleTexts.add(SourceTable.titleText(ahead.get(i).cells()));
        }
        if (titles == header && header + 1 < ahead.size()
                && ahead.get(header + 1).rowNumber() == headerRow.rowNumber() + 1) {
            List<String> combined = HeaderLocator.withSubHeader(headers, ahead.get(header + 1).cells(), vocabulary);
            if (combined != null) {
                headers = combined;
                headerRow = ahead.get(++header);
            }
        }
        table = new SourceTable(sourceName, sheet.name(), HeaderLocator.headerCells(headers), headerRow.rowNumber(),
                date1904(), titleTexts);
        headerRows.clear();
        for (int i = titles; i <= header; i++) {
            headerRows.add(ahead.get(i).cells());
        }
        serialColumns = FormRows.serialColumns(table.headers());
        pending.clear();
        pending.addAll(ahead.subList(header + 1, ahead.size()));
        return null;
    }

    /**
     * Whether a row below the header is the header again, as when the officer pasted several departments' tables one
     * under the other: each non-empty cell is the text of that column in one of the header rows, at least
     * {@value HeaderLocator#MIN_HEADER_TEXT_CELLS} of them.
     */
    private boolean isRepeatedHeader(List<String> cells) {
        int same = 0;
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            if (CellText.isBlank(cell)) {
                continue;
            }
            boolean found = false;
            for (List<String> header : headerRows) {
                if (c < header.size() && header.get(c) != null && header.get(c).strip().equals(cell.strip())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
            same++;
        }
        return same >= HeaderLocator.MIN_HEADER_TEXT_CELLS;
    }

    /**
     * The next non-blank row without consuming it, looking at most {@link HeaderLocator#MAX_SCAN_ROWS} rows ahead: rows
     * read for it are kept in {@link #pending}.
     */
    private ExcelRow nextNonBlankAhead() {
        for (ExcelRow row : pending) {
            if (!isBlank(row.cells())) {
                return row;
            }
        }
        while (pending.size() < HeaderLocator.MAX_SCAN_ROWS && rows.hasNext()) {
            ExcelRow row = rows.next();
            pending.addLast(row);
            if (!isBlank(row.cells())) {
                return row;
            }
        }
        return null;
    }

    /** Whether the row holds exactly one non-empty cell, and that one is text (a title, not a number). */
    private static boolean singleCell(List<String> cells) {
        String only = null;
        for (String cell : cells) {
            if (!CellText.isBlank(cell)) {
                if (only != null) {
                    return false;
                }
                only = cell;
            }
        }
        return only != null && HeaderLocator.textCells(List.of(only)) == 1;
    }

    private SourceRow toSourceRow(ExcelRow row) {
        List<String> cells = row.cells();
        int width = cells.size();
        while (width > 0 && CellText.isBlank(cells.get(width - 1))) {
            width--;
        }
        int headerWidth = table.headers().size();
        String[] values = new String[Math.max(width, headerWidth)];
        List<String> problems = new ArrayList<>(2);
        for (int i = 0; i < width; i++) {
            String cell = cells.get(i);
            if (cell != null && cell.length() > limits.maxCellChars()) {
                problems.add("cell " + columnName(i) + " has " + cell.length() + " characters, more than the limit of "
                        + limits.maxCellChars() + " (单元格内容超长)");
                cell = cell.substring(0, (int) limits.maxCellChars());
            }
            values[i] = cell;
        }
        if (width > headerWidth) {
            problems.add(0, "row has " + width + " cells but the header has " + headerWidth + " columns (列数与表头不一致)");
        }
        if (row.problem() != null) {
            problems.add(row.problem());
        }
        return new SourceRow(table, row.rowNumber(), values, problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static boolean isBlank(List<String> cells) {
        for (String cell : cells) {
            if (!CellText.isBlank(cell)) {
                return false;
            }
        }
        return true;
    }

    /** Excel column letters for a 0-based index: 0 → A, 26 → AA. */
    static String columnName(int index) {
        StringBuilder name = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            name.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return name.toString();
    }

    @Override
    protected final void closeSource() throws Exception {
        try {
            if (rows != null) {
                closeSheet();
            }
        } finally {
            rows = null;
            pending.clear();
            closeWorkbook();
        }
    }
}
