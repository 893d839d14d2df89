package org.creditpipeline.ingest.read.excel;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.creditpipeline.ingest.read.SourceFormat;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

/**
 * Streams an .xlsx with fastexcel (constant memory per row; the shared-string table is the one part held whole).
 * The package is checked for size and damage first ({@link XlsxPackageCheck}).
 */
public class XlsxSourceReader extends WorkbookReader {

    @Override
    protected String formatName() {
        return "XLSX";
    }


    private ReadableWorkbook workbook;
    private List<Sheet> sheets;
    private Stream<Row> sheetStream;
    /** Vertically merged ranges by sheet relationship id, collected by the package check. */
    private Map<String, MergedCells> mergedCells = Map.of();
    /** Cell formats are read only when the package has a styles part (fastexcel fails without one). */
    private boolean hasStyles;
    /** The copy read instead of the file once an ISO date cell was met ({@link IsoDateCells}), deleted on close. */
    private Path isoDateCopy;
    /** The Transitional copy read instead of a Strict workbook ({@link StrictOoxml}), deleted on close. */
    private Path strictCopy;

    public XlsxSourceReader(Path file) {
        this(file, file.getFileName().toString(), ExcelLimits.DEFAULTS);
    }

    public XlsxSourceReader(Path file, String sourceName, ExcelLimits limits) {
        super(file, sourceName, limits);
    }

    @Override
    protected List<SheetInfo> openWorkbook() {
        SourceFormat format = SourceFormat.detect(file);
        if (format != SourceFormat.XLSX) {
            throw new UnreadableSourceException(sourceName + " is not an .xlsx workbook but " + format
                    + " content (文件格式不是 xlsx)");
        }
        XlsxPackageCheck.Result checked = XlsxPackageCheck.check(file, sourceName, limits);
        mergedCells = checked.mergedCells();
        hasStyles = checked.hasStyles();
        if (checked.strict()) {
            try {
                strictCopy = StrictOoxml.rewrite(file);
            } catch (IOException e) {
                throw SourceFormat.damaged(sourceName, e);
            }
        }
        open(strictCopy != null ? strictCopy : file);
        return sheets.stream()
                .map(sheet -> new SheetInfo(sheet.getName(), sheet.getVisibility() != SheetVisibility.VISIBLE))
                .toList();
    }

    private void open(Path path) {
        try {
            workbook = new ReadableWorkbook(path.toFile(), new ReadingOptions(hasStyles, true));
            sheets = workbook.getSheets().toList();
        } catch (IOException | RuntimeException e) {
            throw SourceFormat.damaged(sourceName, e);
        }
    }

    @Override
    protected Iterator<ExcelRow> openSheet(int index) {
        return new SheetRows(index);
    }

    /**
     * The rows of one sheet. Numbers rows from 1 when the sheet's rows carry no {@code r} attribute (fastexcel then
     * counts from 0); when fastexcel meets an ISO date cell, reads on from a copy of the workbook with such cells as
     * text ({@link IsoDateCells}), skipping the rows already handed out.
     */
    private final class SheetRows implements Iterator<ExcelRow> {
        private final int index;
        private Iterator<Row> rows;
        private long delivered;
        /** Added to fastexcel's row numbers: 1 for a sheet without row numbers, else 0; -1 until the first row. */
        private int rowOffset = -1;

        SheetRows(int index) {
            this.index = index;
            this.rows = stream();
        }

        private Iterator<Row> stream() {
            Sheet sheet = sheets.get(index);
            try {
                sheetStream = sheet.openStream();
                return sheetStream.iterator();
            } catch (IOException | RuntimeException e) {
                throw SourceFormat.damaged(sourceName + " sheet " + sheet.getName(), e);
            }
        }

        @Override
        public boolean hasNext() {
            try {
                return rows.hasNext();
            } catch (RuntimeException e) {
                if (isoDateCopy == null && IsoDateCells.isIsoDateCellFailure(e)) {
                    readIsoDatesAsText();
                    return hasNext();
                }
                throw SourceFormat.damaged(sourceName + " sheet " + sheets.get(index).getName(), e);
            }
        }

        private void readIsoDatesAsText() {
            closeSheet();
            try {
                workbook.close();
                isoDateCopy = IsoDateCells.rewrite(strictCopy != null ? strictCopy : file);
            } catch (IOException e) {
                throw SourceFormat.damaged(sourceName, e);
            }
            open(isoDateCopy);
            rows = stream();
            for (long i = 0; i < delivered && rows.hasNext(); i++) {
                rows.next();
            }
        }

        @Override
        public ExcelRow next() {
            Row row = rows.next();
            delivered++;
            if (rowOffset < 0) {
                rowOffset = row.getRowNum() == 0 ? 1 : 0;
            }
            return toExcelRow(row, workbook.isDate1904(), rowOffset);
        }
    }

    private static ExcelRow toExcelRow(Row row, boolean date1904, int rowOffset) {
        int count = row.getCellCount();
        List<String> cells = new ArrayList<>(count);
        int textCells = 0;
        long rowNumber = row.getRowNum() + rowOffset;
        List<String> uncalculated = null; // almost always: no list per row on this hot path
        for (int i = 0; i < count; i++) {
            Cell cell = row.getCell(i);
            String text = text(cell, date1904);
            cells.add(text);
            if (text != null && isText(cell) && !text.isBlank()) {
                textCells++;
            }
            // no <v> at all: never calculated; an empty <v></v> is what Excel saves for a formula that gives "" (=IF(B3="","",…))
            if (text == null && cell != null && cell.getType() == CellType.FORMULA && cell.getFormula() != null
                    && cell.getRawValue() == null) {
                if (uncalculated == null) {
                    uncalculated = new ArrayList<>(1);
                }
                uncalculated.add(columnName(i) + rowNumber + " =" + cell.getFormula());
            }
        }
        return new ExcelRow(rowNumber, cells, textCells, uncalculated == null ? null : uncalculatedFormulas(uncalculated),
                row.isHidden());
    }


    private static boolean isText(Cell cell) {
        return switch (cell.getType()) {
            case STRING -> true;
            case FORMULA -> cell.getValue() instanceof String;
            default -> false;
        };
    }

    /** Cell text after {@link CellText}: formulas give their cached value. */
    static String text(Cell cell, boolean date1904) {
        if (cell == null) {
            return null;
        }
        Object value = cell.getValue();
        return switch (cell.getType()) {
            case EMPTY -> null;
            case ERROR -> cell.getRawValue();
            default -> {
                if (value instanceof BigDecimal number) {
                    yield numberText(number, cell, date1904);
                }
                if (value instanceof Boolean bool) {
                    yield CellText.bool(bool);
                }
                yield value == null || value.toString().isEmpty() ? null : CellText.unescapeXlsx(value.toString());
            }
        };
    }

    private static String numberText(BigDecimal number, Cell cell, boolean date1904) {
        Integer formatId = cell.getDataFormatId();
        if (formatId != null && CellText.isDateFormat(formatId, cell.getDataFormatString())) {
            return CellText.date(number.doubleValue(), date1904);
        }
        return CellText.number(number);
    }

    @Override
    protected boolean date1904() {
        return workbook.isDate1904();
    }

    @Override
    protected MergedCells mergedCells(int index) {
        return mergedCells.getOrDefault(sheets.get(index).getId(), MergedCells.NONE);
    }

    @Override
    protected void closeSheet() {
        if (sheetStream != null) {
            sheetStream.close();
            sheetStream = null;
        }
    }

    @Override
    protected void closeWorkbook() throws IOException {
        try {
            if (workbook != null) {
                workbook.close();
                workbook = null;
            }
        } finally {
            if (isoDateCopy != null) {
                Files.deleteIfExists(isoDateCopy);
                isoDateCopy = null;
            }
            if (strictCopy != null) {
                Files.deleteIfExists(strictCopy);
                strictCopy = null;
            }
        }
    }
}
