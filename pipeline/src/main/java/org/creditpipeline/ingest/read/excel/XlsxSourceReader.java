package org.creditpipeline.ingest.read.excel;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.creditpipeline.ingest.read.SourceFormat;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.dhatim.fastexcel.reader.Cell;
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
        mergedCells = XlsxPackageCheck.check(file, sourceName, limits);
        try {
            workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, true));
            sheets = workbook.getSheets().toList();
        } catch (IOException | RuntimeException e) {
            throw SourceFormat.damaged(sourceName, e);
        }
        return sheets.stream()
                .map(sheet -> new SheetInfo(sheet.getName(), sheet.getVisibility() != SheetVisibility.VISIBLE))
                .toList();
    }

    @Override
    protected Iterator<ExcelRow> openSheet(int index) {
        Sheet sheet = sheets.get(index);
        Iterator<Row> rows;
        try {
            sheetStream = sheet.openStream();
            rows = sheetStream.iterator();
        } catch (IOException | RuntimeException e) {
            throw SourceFormat.damaged(sourceName + " sheet " + sheet.getName(), e);
        }
        boolean date1904 = workbook.isDate1904();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return rows.hasNext();
                } catch (RuntimeException e) {
                    throw SourceFormat.damaged(sourceName + " sheet " + sheet.getName(), e);
                }
            }

            @Override
            public ExcelRow next() {
                return toExcelRow(rows.next(), date1904);
            }
        };
    }

    private static ExcelRow toExcelRow(Row row, boolean date1904) {
        int count = row.getCellCount();
        List<String> cells = new ArrayList<>(count);
        int textCells = 0;
        for (int i = 0; i < count; i++) {
            Cell cell = row.getCell(i);
            String text = text(cell, date1904);
            cells.add(text);
            if (text != null && isText(cell) && !text.isBlank()) {
                textCells++;
            }
        }
        return new ExcelRow(row.getRowNum(), cells, textCells);
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
                yield value == null || value.toString().isEmpty() ? null : value.toString();
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
        if (workbook != null) {
            workbook.close();
            workbook = null;
        }
    }
}
