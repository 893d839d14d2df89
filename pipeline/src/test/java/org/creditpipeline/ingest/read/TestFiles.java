package org.creditpipeline.ingest.read;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds small workbooks for reader tests with POI, so that no binary fixture is committed. */
public final class TestFiles {

    private TestFiles() {
    }

    public static Path xlsx(Path file, Consumer<Workbook> content) throws Exception {
        return write(new XSSFWorkbook(), file, content);
    }

    public static Path xls(Path file, Consumer<Workbook> content) throws Exception {
        return write(new HSSFWorkbook(), file, content);
    }

    public static Path write(Workbook workbook, Path file, Consumer<Workbook> content) throws Exception {
        try (workbook; OutputStream out = Files.newOutputStream(file)) {
            content.accept(workbook);
            workbook.write(out);
        }
        return file;
    }

    /** Writes string rows from a 1-based Excel row number on; a null value leaves the cell out. */
    public static void rows(Sheet sheet, int firstRowNumber, List<List<Object>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(firstRowNumber - 1 + r);
            List<Object> values = rows.get(r);
            for (int c = 0; c < values.size(); c++) {
                Object value = values.get(c);
                if (value instanceof String text) {
                    row.createCell(c).setCellValue(text);
                } else if (value instanceof Number number) {
                    row.createCell(c).setCellValue(number.doubleValue());
                } else if (value instanceof Boolean bool) {
                    row.createCell(c).setCellValue(bool);
                }
            }
        }
    }

}
