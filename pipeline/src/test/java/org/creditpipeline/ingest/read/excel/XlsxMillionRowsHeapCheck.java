package org.creditpipeline.ingest.read.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Streaming check, run on demand (slow): {@code mvn -pl pipeline test -Dtest=XlsxMillionRowsHeapCheck
 * -Dreaders.heapCheck=true -DargLine=-Xmx256m}. One million rows must read within a 256 MB heap.
 */
@EnabledIfSystemProperty(named = "readers.heapCheck", matches = "true")
class XlsxMillionRowsHeapCheck {

    @TempDir
    Path dir;

    @Test
    void aMillionRowSheetStreamsWithinTheHeap() throws Exception {
        int rows = 1_000_000;
        Path file = TestFiles.write(new SXSSFWorkbook(100), dir.resolve("million.xlsx"), wb -> {
            Sheet sheet = wb.createSheet("行政处罚");
            Row header = sheet.createRow(0);
            String[] names = {"行政相对人名称", "统一社会信用代码", "决定书文号", "处罚决定日期", "罚款金额（万元）", "处罚机关"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("某某县某某商贸有限公司" + r);
                row.createCell(1).setCellValue("91350100M000100Y43");
                row.createCell(2).setCellValue("X市监罚〔2026〕" + r + "号");
                row.createCell(3).setCellValue("2026-11-03");
                row.createCell(4).setCellValue(r / 10.0);
                row.createCell(5).setCellValue("某某县市场监督管理局");
            }
        });
        long start = System.nanoTime();
        XlsxSourceReader reader = new XlsxSourceReader(file);
        reader.open(new ExecutionContext());
        long count = 0;
        for (SourceRow row; (row = reader.read()) != null; ) {
            count++;
        }
        reader.close();
        long readerMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        XlsxRawCount.Counts raw = XlsxRawCount.count(file);
        long rawMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("million rows: reader %d ms, raw %d ms, max heap %d MB%n", readerMillis, rawMillis,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));

        assertThat(count).isEqualTo(rows);
        assertThat(raw.rows()).isEqualTo(rows + 1L);
    }
}
