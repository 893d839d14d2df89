package org.creditpipeline.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input end to end: each file gets a clear message, and the other files of the same run with all their accepted
 * rows survive. The good file is ingested in the same run as every bad one.
 */
class BadInputFunctionalTests extends IngestFunctionalTestSupport {

    static final List<String> HEADER = WorkbookIngestFunctionalTests.PENALTY_HEADER;

    @TempDir
    Path dir;

    private int serial;

    private List<String> goodRow() {
        return goodRow(++serial);
    }

    /** A valid penalty row under {@link #HEADER}; the serial and the clock make each file's bytes unique. */
    static List<String> goodRow(int serial) {
        return List.of("王某" + serial, "自然人", "", "", "身份证", "11010519491231002X", "X监罚〔2026〕" + System.nanoTime() + "号",
                "罚款", "0.2", "2026-11-02", "XX县市场监督管理局", "2027-11-02");
    }

    private Path goodXlsx() throws IOException {
        return TestWorkbooks.write(dir.resolve("good-" + System.nanoTime() + ".xlsx"),
                new TestWorkbooks.SheetSpec("Sheet1", "XX县2026年11月行政处罚信息", List.of(HEADER, goodRow(), goodRow()), false));
    }

    /** Ingests the bad file between two good ones and checks the good ones are untouched. */
    private FileSummary ingestBetweenGoodFiles(Path bad) throws IOException {
        List<FileSummary> s = ingestService.ingest(List.of(goodXlsx(), bad, goodXlsx()), null);
        assertThat(s.get(0).status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.get(2).status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.get(0).accepted()).isEqualTo(2);
        assertThat(s.get(2).accepted()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staged_record WHERE file_id IN (?, ?)", Long.class,
                s.get(0).fileId(), s.get(2).fileId())).isEqualTo(4);
        return s.get(1);
    }

    /** A CSV of a good row, the given row and another good row, ingested between two good files. */
    private FileSummary ingestCsvAround(List<String> row, String name) throws IOException {
        String csv = String.join(",", HEADER) + "\n" + String.join(",", goodRow()) + "\n" + String.join(",", row) + "\n"
                + String.join(",", goodRow()) + "\n";
        return ingestBetweenGoodFiles(Files.writeString(dir.resolve(name + "-" + System.nanoTime() + ".csv"), csv));
    }

    @Test
    void truncated_xlsx() throws IOException {
        Path good = goodXlsx();
        byte[] bytes = Files.readAllBytes(good);
        Path bad = Files.write(dir.resolve("truncated.xlsx"), Arrays.copyOf(bytes, bytes.length / 2));
        FileSummary s = ingestBetweenGoodFiles(bad);
        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("truncated.xlsx").containsAnyOf("损坏", "damaged");
    }

    @Test
    void corrupted_xlsx() throws IOException {
        byte[] bytes = Files.readAllBytes(goodXlsx());
        for (int i = bytes.length / 3; i < bytes.length / 3 + 400; i++) {
            bytes[i] = (byte) (bytes[i] ^ 0x5A);
        }
        FileSummary s = ingestBetweenGoodFiles(Files.write(dir.resolve("corrupted.xlsx"), bytes));
        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("corrupted.xlsx").containsAnyOf("损坏", "damaged");
    }

    @Test
    void zip_bomb_over_the_configured_limit() throws IOException {
        Path bomb = dir.resolve("bomb.xlsx");
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            Sheet sheet = book.createSheet("Sheet1");
            Row head = sheet.createRow(0);
            for (int c = 0; c < HEADER.size(); c++) {
                head.createCell(c).setCellValue(HEADER.get(c));
            }
            String filler = "罚".repeat(200);
            for (int r = 1; r <= 40_000; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < 5; c++) {
                    row.createCell(c).setCellValue(filler);
                }
            }
            try (OutputStream out = Files.newOutputStream(bomb)) {
                book.write(out);
            }
        }
        assertThat(Files.size(bomb)).isLessThan(2_000_000);
        FileSummary s = ingestBetweenGoodFiles(bomb);
        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("bomb.xlsx").contains("20000000");
    }

    @Test
    void password_protected_workbook() throws Exception {
        Path plain = goodXlsx();
        Path locked = dir.resolve("locked.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor enc = info.getEncryptor();
            enc.confirmPassword("secret");
            try (OutputStream os = enc.getDataStream(fs)) {
                Files.copy(plain, os);
            }
            try (OutputStream out = Files.newOutputStream(locked)) {
                fs.writeFilesystem(out);
            }
        }
        FileSummary s = ingestBetweenGoodFiles(locked);
        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("locked.xlsx").contains("密码");
    }

    @Test
    void xls_renamed_xlsx_and_xlsx_renamed_xls_are_read_by_content() throws IOException {
        Path xlsAsXlsx = dir.resolve("legacy-as.xlsx");
        try (Workbook book = new HSSFWorkbook()) {
            fill(book.createSheet("Sheet1"), List.of(HEADER, goodRow()));
            try (OutputStream out = Files.newOutputStream(xlsAsXlsx)) {
                book.write(out);
            }
        }
        Path xlsxAsXls = dir.resolve("modern-as.xls");
        try (Workbook book = new XSSFWorkbook()) {
            fill(book.createSheet("Sheet1"), List.of(HEADER, goodRow()));
            try (OutputStream out = Files.newOutputStream(xlsxAsXls)) {
                book.write(out);
            }
        }
        FileSummary a = ingestBetweenGoodFiles(xlsAsXlsx);
        FileSummary b = ingestService.ingest(xlsxAsXls, null);
        assertThat(a.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(a.format()).isEqualTo("XLS");
        assertThat(a.accepted()).isEqualTo(1);
        assertThat(b.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(b.format()).isEqualTo("XLSX");
        assertThat(b.accepted()).isEqualTo(1);
    }

    @Test
    void empty_file() throws IOException {
        FileSummary s = ingestBetweenGoodFiles(Files.write(dir.resolve("empty.csv"), new byte[0]));
        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("empty.csv").contains("文件为空");
    }

    @Test
    void header_only_file() throws IOException {
        Path file = Files.writeString(dir.resolve("header-only-" + System.nanoTime() + ".csv"),
                String.join(",", HEADER) + ",备注" + System.nanoTime() + "\n");
        FileSummary s = ingestBetweenGoodFiles(file);
        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.read()).isZero();
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("没有数据行"));
    }

    @Test
    void a_100_mb_cell_rejects_its_row_only() throws IOException {
        Path file = dir.resolve("huge-cell.csv");
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", HEADER) + "\n");
            w.write(String.join(",", goodRow()) + "\n");
            List<String> huge = new ArrayList<>(goodRow());
            huge.set(0, "");
            w.write(String.join(",", huge.subList(0, 7)) + ",\"");
            String block = "罚".repeat(1 << 20);
            for (int i = 0; i < 50; i++) { // 50 M characters, 150 MB in UTF-8
                w.write(block);
            }
            w.write("\"," + String.join(",", huge.subList(8, huge.size())) + "\n");
            w.write(String.join(",", goodRow()) + "\n");
        }
        FileSummary s = ingestBetweenGoodFiles(file);
        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT reasons::text FROM rejected_row WHERE file_id = ?", String.class, s.fileId()))
                .contains("单元格内容超长");
    }

    @Test
    void a_50_cell_row_in_a_30_column_file() throws IOException {
        List<String> header = new ArrayList<>(HEADER);
        for (int i = header.size(); i < 30; i++) {
            header.add("备用列" + i);
        }
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        csv.append(String.join(",", goodRow())).append(",".repeat(30 - HEADER.size())).append('\n');
        List<String> wide = new ArrayList<>(goodRow());
        while (wide.size() < 50) {
            wide.add("x" + wide.size());
        }
        csv.append(String.join(",", wide)).append('\n');
        FileSummary s = ingestBetweenGoodFiles(Files.writeString(dir.resolve("wide-" + System.nanoTime() + ".csv"), csv));
        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT reasons::text FROM rejected_row WHERE file_id = ?", String.class, s.fileId()))
                .contains("row has 50 cells but the header has 30 columns");
        // the cells past the header stay with the reject (the error report lists them), not dropped
        String raw = jdbc.queryForObject("SELECT raw::text FROM rejected_row WHERE file_id = ?", String.class, s.fileId());
        assertThat(raw).contains("\"column 31\": \"x30\"", "\"column 50\": \"x49\"");
    }

    @Test
    void a_nul_character_in_a_rejected_row_rejects_that_row_only() throws IOException {
        // jsonb refuses U+0000 even escaped: the rejected row's original cells must still be storable.
        List<String> bad = new ArrayList<>(goodRow());
        bad.set(0, "王\u0000某");
        bad.set(5, "110105194912310021"); // wrong check character
        FileSummary s = ingestCsvAround(bad, "nul");
        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT raw ->> ? FROM rejected_row WHERE file_id = ?", String.class,
                HEADER.get(0), s.fileId())).isEqualTo("王某");
        assertThat(jdbc.queryForObject("SELECT reasons::text FROM rejected_row WHERE file_id = ?", String.class, s.fileId()))
                .contains("ID_INVALID");
    }

    @Test
    void an_id_number_in_the_amount_column_rejects_that_row_only() throws IOException {
        // numeric(20, 6) holds 14 digits before the point: a larger value used to fail the whole chunk's COPY.
        List<String> bad = new ArrayList<>(goodRow());
        bad.set(8, "110105194912310021");
        FileSummary s = ingestCsvAround(bad, "amount");
        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT reasons::text FROM rejected_row WHERE file_id = ?", String.class, s.fileId()))
                .contains("AMOUNT_INVALID").contains("过大");
    }

    @Test
    void mixed_encodings_reject_the_foreign_line_and_keep_the_rest() throws IOException {
        Path file = dir.resolve("mixed-" + System.nanoTime() + ".csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write((String.join(",", HEADER) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write((String.join(",", goodRow()) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write((String.join(",", goodRow()) + "\n").getBytes(Charset.forName("GBK")));
            out.write((String.join(",", goodRow()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // A first megabyte that is not valid UTF-8 is read as GB18030; pad the file so the UTF-8 part dominates the sample
        // is not needed: the detector falls back to GB18030 and the UTF-8 lines become the rejected ones.
        FileSummary s = ingestBetweenGoodFiles(file);
        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.read()).isEqualTo(3);
        assertThat(s.rejected()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("SELECT reasons::text FROM rejected_row WHERE file_id = ?", String.class, s.fileId()))
                .allSatisfy(r -> assertThat(r).containsAnyOf("编码", "encoding", "不正确", "无法识别"));
    }

    @Test
    void a_gbk_file_is_never_mojibake() throws IOException {
        Path file = dir.resolve("regulator-gbk-" + System.nanoTime() + ".csv");
        List<String> row = goodRow();
        String name = row.get(0);
        Files.write(file, (String.join(",", HEADER) + "\n" + String.join(",", row) + "\n").getBytes(Charset.forName("GBK")));
        FileSummary s = ingestService.ingest(file, null);
        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.encoding()).isEqualTo("GB18030");
        assertThat(s.accepted()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT subject_name FROM staged_record WHERE file_id = ?", String.class,
                s.fileId())).isEqualTo(name);
    }

    @Test
    void a_utf16_file_without_byte_order_mark_is_read_and_the_files_around_it_too() throws IOException {
        List<String> row = goodRow();
        String text = String.join("\t", HEADER) + "\r\n" + String.join("\t", row) + "\r\n";
        FileSummary s = ingestBetweenGoodFiles(Files.write(dir.resolve("unicode-text-" + System.nanoTime() + ".txt"),
                text.getBytes(StandardCharsets.UTF_16LE)));
        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.encoding()).isEqualTo("UTF-16LE");
        assertThat(jdbc.queryForObject("SELECT subject_name FROM staged_record WHERE file_id = ?", String.class,
                s.fileId())).isEqualTo(row.get(0));
    }

    @Test
    void a_nul_in_a_quoted_title_or_failure_message_does_not_stop_the_run() throws IOException {
        // an 8-bit file with NULs in a title line and no header any mapping fits: the file fails, the run goes on
        String text = "标题\u0000行\n" + "甲\u0000,乙,丙\n" + "1,2,3\n";
        FileSummary s = ingestBetweenGoodFiles(Files.writeString(dir.resolve("nul-title-" + System.nanoTime() + ".csv"),
                text));
        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(jdbc.queryForObject("SELECT status FROM ingest_file WHERE id = ?", String.class, s.fileId()))
                .isEqualTo(FileSummary.FAILED);
    }

    @Test
    void an_unterminated_quote_names_its_line_and_fails_the_file() throws IOException {
        String csv = String.join(",", HEADER) + "\n" + String.join(",", goodRow()) + "\n"
                + "\"王某," + String.join(",", goodRow().subList(1, HEADER.size())) + "\n"
                + String.join(",", goodRow()) + "\n" + String.join(",", goodRow()) + "\n";
        FileSummary s = ingestBetweenGoodFiles(Files.writeString(dir.resolve("quote-" + System.nanoTime() + ".csv"), csv));
        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("line 3").contains("引号未闭合");
    }

    private static void fill(Sheet sheet, List<List<String>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows.get(r).size(); c++) {
                row.createCell(c).setCellValue(rows.get(r).get(c));
            }
        }
    }
}
