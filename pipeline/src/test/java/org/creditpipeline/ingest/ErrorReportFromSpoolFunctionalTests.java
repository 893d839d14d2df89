package org.creditpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.creditpipeline.ingest.report.ErrorReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ingest that completes in one go writes its error report from the rejects its step spooled, not from
 * {@code rejected_row}: given a file whose rejects carry every kind of awkward cell (a duplicated header, cells
 * beyond the header, quotes, backslashes, tabs, line breaks, control characters, characters outside the BMP), when it
 * is ingested, then its report's reject rows are those of a report written from the table, cell for cell and style for
 * style, and no spool is left behind. (A restarted file's report comes from the table:
 * {@code IngestRestartFunctionalTests}.)
 */
class ErrorReportFromSpoolFunctionalTests extends IngestFunctionalTestSupport {

    private static final String HEADER = "行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,"
            + "处罚类别,罚款金额（万元）,处罚决定日期,处罚机关,经办人,经办人,审核,审核";

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    @Test
    void theReportFromTheSpoolEqualsTheReportFromRejectedRow() throws IOException, java.sql.SQLException {
        long n = System.nanoTime();
        String rows = String.join("\n",
                "某某商贸有限公司,法人及非法人组织,91520102MA6H3K2J15,南市监罚〔2026〕" + n + "号,罚款,0.2,2026-11-02,"
                        + "某市市场监督管理局,张三,李四,王,赵",
                "某某五金店\\分店,法人及非法人组织,91520102MA6H3K2J16,南市监罚〔2026〕" + (n + 1) + "号,罚款,0.1,"
                        + "2026-11-02,某市市场监督管理局,\"王\"\"五\"\"\tA\",\"赵\n六\u0001\",,",
                "某某建材有限公司,法人及非法人组织,91520102MA6H3K2J15,南市监罚〔2026〕" + (n + 2) + "号,罚款,1,"
                        + "2026-13-04,某市市场监督管理局,甲,乙,丙,丁",
                "𠀀某餐饮有限公司,法人及非法人组织,,,罚款,两千,2026-02-30,某市市场监督管理局,,丙,,");
        Path file = Files.writeString(dir.resolve("spool-" + n + ".csv"), HEADER + "\n" + rows + "\n",
                StandardCharsets.UTF_8);

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.toString()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.rejected()).isEqualTo(3);
        Path spooled = Path.of(s.errorReport());
        List<String> fromSpool = rejectSheet(spooled);
        List<String> headers = headers(spooled);
        Path fromTable = new ErrorReport(dataSource, dir.resolve("table")).write(s.fileId(), new ErrorReport.Info(
                file.getFileName().toString(), s.status(), s.format(), s.encoding(), s.mappings(), s.read(), s.accepted(), s.rejected(),
                s.message(), List.of(), List.of(), List.of(), Map.of("", headers), s.warnings()));

        assertThat(fromSpool).hasSize(4);
        assertThat(fromSpool).isEqualTo(rejectSheet(fromTable));
        assertThat(fromSpool.get(1)).contains("王\"五\"\tA").contains("经办人 (10)=赵\n六").contains("某某五金店\\分店");
        assertThat(fromSpool.get(3)).contains("𠀀某餐饮有限公司");
        // the second of two like-named columns is a cell the header does not name; several are listed in the order
        // rejected_row.raw (jsonb) gives them, shorter keys first, not in the file's order
        assertThat(fromSpool.get(2)).contains("表头以外的单元格: 审核 (12)=丁; 经办人 (10)=乙");
        assertThat(codeTable(spooled)).isEqualTo(codeTable(fromTable)).isNotEmpty();
        try (Stream<Path> left = Files.list(spooled.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".ingest-"));
        }
    }

    @Test
    void aCellOutsideTheHeaderFarDownIsListedAndBlankOnesAreNot() throws IOException {
        // 300 rejects under a header that names 经办人 twice; only the 261st fills the second one: the report's
        // window of rows has long written the header row out by then (the report failed there), and the blank
        // second 经办人 of every other row is no cell outside the header
        long n = System.nanoTime();
        StringBuilder csv = new StringBuilder("行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,"
                + "处罚类别,罚款金额（万元）,处罚决定日期,处罚机关,经办人,经办人\n");
        for (int i = 0; i < 300; i++) {
            csv.append("某某商贸有限公司,法人及非法人组织,91520102MA6H3K2J15,南市监罚〔2026〕").append(n + i)
                    .append("号,罚款,0.2,2026-13-02,某市市场监督管理局,张三,").append(i == 260 ? "李四" : "").append('\n');
        }
        Path file = Files.writeString(dir.resolve("far-" + n + ".csv"), csv, StandardCharsets.UTF_8);

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.toString()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.rejected()).isEqualTo(300);
        List<String> rows = rejectSheet(Path.of(s.errorReport()));
        assertThat(rows).hasSize(301);
        assertThat(rows.get(261)).startsWith("A262=262.0").contains("表头以外的单元格: 经办人 (10)=李四");
        assertThat(rows.stream().filter(r -> r.contains("表头以外"))).hasSize(1);
    }

    /** The first sheet, a line per row: each cell's address, value, fill and wrap. */
    static List<String> rejectSheet(Path report) throws IOException {
        try (InputStream in = Files.newInputStream(report); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            return cells(wb.getSheetAt(0));
        }
    }

    static List<String> cells(Sheet sheet) {
        List<String> out = new ArrayList<>();
        for (Row row : sheet) {
            StringBuilder line = new StringBuilder();
            for (Cell c : row) {
                XSSFCellStyle style = (XSSFCellStyle) c.getCellStyle();
                line.append(c.getAddress()).append('=').append(switch (c.getCellType()) {
                    case NUMERIC -> Double.toString(c.getNumericCellValue());
                    default -> c.getStringCellValue();
                }).append('[').append(style.getIndex()).append(' ').append(style.getFillPattern()).append(' ')
                        .append(style.getWrapText()).append("] ");
            }
            out.add(line.toString());
        }
        return out;
    }

    private static List<String> headers(Path report) throws IOException {
        try (InputStream in = Files.newInputStream(report); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            List<String> out = new ArrayList<>();
            for (Cell c : wb.getSheetAt(0).getRow(0)) {
                out.add(c.getStringCellValue());
            }
            return out.subList(1, out.indexOf("错误原因"));
        }
    }

    /** The summary's table of reasons: the rows after its header 错误代码 (reason code). */
    private static List<String> codeTable(Path report) throws IOException {
        try (InputStream in = Files.newInputStream(report); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            List<String> lines = cells(wb.getSheet("汇总"));
            int head = 0;
            while (!lines.get(head).contains("错误代码 (reason code)")) {
                head++;
            }
            return lines.subList(head, lines.size());
        }
    }
}
