package org.creditpipeline.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** XLSX exports within Excel's limits: a sheet holds 1,048,576 rows, a national node's export more. */
class XlsxRowSinkTest {

    @Test
    void rowsBeyondASheetsLimitContinueOnANextSheetWithTheHeaders(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("full.xlsx");
        List<RecordColumns.Column> columns = List.of(new RecordColumns.Column("id", "记录编号"),
                new RecordColumns.Column("subject_name", "行政相对人名称"));
        // given a sheet that holds the header and two rows
        try (RowSink sink = new RowSink.Xlsx(file, columns, 3)) {
            for (int i = 1; i <= 5; i++) {
                sink.row(List.of(String.valueOf(i), "公司" + i));
            }
        }

        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(3);
            assertThat(wb.getSheetName(1)).isEqualTo("records-2");
            for (int s = 0; s < 3; s++) {
                assertThat(wb.getSheetAt(s).getRow(0).getCell(1).getStringCellValue()).isEqualTo("行政相对人名称");
            }
            assertThat(wb.getSheetAt(1).getRow(1).getCell(0).getStringCellValue()).isEqualTo("3");
            assertThat(wb.getSheetAt(2).getLastRowNum()).isEqualTo(1);
        }
    }
}
