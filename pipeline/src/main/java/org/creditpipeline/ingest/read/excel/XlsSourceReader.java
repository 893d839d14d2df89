package org.creditpipeline.ingest.read.excel;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.creditpipeline.ingest.read.SourceFormat;
import org.creditpipeline.ingest.read.UnreadableSourceException;

/**
 * Reads a legacy .xls (BIFF8) with POI HSSF. The workbook is loaded whole, which is acceptable because an .xls sheet
 * has at most 65,536 rows; the file size is checked against {@link ExcelLimits#maxUncompressedBytes()} first.
 */
public class XlsSourceReader extends WorkbookReader {

    @Override
    protected String formatName() {
        return "XLS";
    }


    private POIFSFileSystem fileSystem;
    private HSSFWorkbook workbook;

    public XlsSourceReader(Path file) {
        this(file, file.getFileName().toString(), ExcelLimits.DEFAULTS);
    }

    public XlsSourceReader(Path file, String sourceName, ExcelLimits limits) {
        super(file, sourceName, limits);
    }

    @Override
    protected List<SheetInfo> openWorkbook() throws IOException {
        SourceFormat format = SourceFormat.detect(file);
        if (format != SourceFormat.XLS) {
            throw new UnreadableSourceException(sourceName + " is not an .xls workbook but " + format
                    + " content (文件格式不是 xls)");
        }
        long size = Files.size(file);
        if (size > limits.maxUncompressedBytes()) {
            throw new UnreadableSourceException(sourceName + " has " + size + " bytes, more than the limit of "
                    + limits.maxUncompressedBytes() + " bytes (setting ExcelLimits.maxUncompressedBytes); split the"
                    + " workbook into smaller files (文件过大，请拆分后重新上传)");
        }
        try {
            fileSystem = new POIFSFileSystem(file.toFile(), true);
            workbook = new HSSFWorkbook(fileSystem.getRoot(), true);
        } catch (EncryptedDocumentException e) {
            throw SourceFormat.encrypted(sourceName);
        } catch (OldExcelFormatException e) {
            throw new UnreadableSourceException(sourceName + " is an Excel 5.0/95 workbook, which is not supported;"
                    + " open it in Excel and save it as .xlsx (文件为 Excel 95 旧格式，请另存为 .xlsx 后重新上传)", e);
        } catch (IOException | RuntimeException e) {
            throw SourceFormat.damaged(sourceName, e);
        }
        List<SheetInfo> sheets = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            sheets.add(new SheetInfo(workbook.getSheetName(i),
                    workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i)));
        }
        return sheets;
    }

    @Override
    protected Iterator<ExcelRow> openSheet(int index) {
        Sheet sheet = workbook.getSheetAt(index);
        Iterator<Row> rows = sheet.rowIterator();
        boolean date1904 = workbook.getInternalWorkbook().isUsing1904DateWindowing();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public ExcelRow next() {
                return toExcelRow(rows.next(), date1904);
            }
        };
    }

    private static ExcelRow toExcelRow(Row row, boolean date1904) {
        int count = Math.max(row.getLastCellNum(), 0);
        List<String> cells = new ArrayList<>(count);
        int textCells = 0;
        for (int i = 0; i < count; i++) {
            Cell cell = row.getCell(i);
            String text = text(cell, date1904);
            cells.add(text);
            if (!CellText.isBlank(text) && resultType(cell) == CellType.STRING) {
                textCells++;
            }
        }
        return new ExcelRow(row.getRowNum() + 1L, cells, textCells, null, row.getZeroHeight());
    }

    private static CellType resultType(Cell cell) {
        return cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    }

    @Override
    protected boolean date1904() {
        return workbook.getInternalWorkbook().isUsing1904DateWindowing();
    }

    /** Cell text after {@link CellText}: formulas give their cached value. */
    static String text(Cell cell, boolean date1904) {
        if (cell == null) {
            return null;
        }
        return switch (resultType(cell)) {
            case STRING -> {
                String text = cell.getRichStringCellValue().getString();
                yield text.isEmpty() ? null : text;
            }
            case NUMERIC -> {
                CellStyle style = cell.getCellStyle();
                double value = cell.getNumericCellValue();
                yield CellText.isDateFormat(style.getDataFormat(), style.getDataFormatString())
                        ? CellText.date(value, date1904)
                        : CellText.number(new BigDecimal(value));
            }
            case BOOLEAN -> CellText.bool(cell.getBooleanCellValue());
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> null;
        };
    }

    @Override
    protected MergedCells mergedCells(int index) {
        MergedCells merged = new MergedCells();
        for (CellRangeAddress range : workbook.getSheetAt(index).getMergedRegions()) {
            merged.add(range.getFirstRow() + 1, range.getLastRow() + 1, range.getFirstColumn(), range.getLastColumn());
        }
        return merged;
    }

    @Override
    protected void closeSheet() {
        // the workbook is in memory; nothing to release per sheet
    }

    @Override
    protected void closeWorkbook() throws IOException {
        try {
            if (workbook != null) {
                workbook.close();
            }
        } finally {
            workbook = null;
            if (fileSystem != null) {
                fileSystem.close();
                fileSystem = null;
            }
        }
    }
}
