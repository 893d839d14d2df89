package org.creditpipeline.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds small .xlsx fixtures in tests: sheets of text rows, optionally hidden or below a title row. */
final class TestWorkbooks {

    record SheetSpec(String name, String title, List<List<String>> rows, boolean hidden) {
    }

    private TestWorkbooks() {
    }

    static Path write(Path file, SheetSpec... sheets) throws IOException {
        try (Workbook book = new XSSFWorkbook()) {
            for (SheetSpec spec : sheets) {
                Sheet sheet = book.createSheet(spec.name());
                int r = 0;
                if (spec.title() != null) {
                    sheet.createRow(r++).createCell(0).setCellValue(spec.title());
                }
                for (List<String> values : spec.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        if (values.get(c) != null) {
                            Cell cell = row.createCell(c);
                            cell.setCellValue(values.get(c));
                        }
                    }
                }
                if (spec.hidden()) {
                    book.setSheetVisibility(book.getSheetIndex(sheet), SheetVisibility.HIDDEN);
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
        }
        return file;
    }
}
