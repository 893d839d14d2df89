package org.creditpipeline.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.creditpipeline.ingest.read.excel.RawXlsx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that data officers and old government systems really send, end to end on embedded PostgreSQL: web pages and
 * XML spreadsheets saved as .xls, extensions that lie, Excel's "Unicode text", identifiers Excel turned into numbers,
 * formula cells, encrypted workbooks and files with nothing in them.
 */
class OddFilesFunctionalTests extends IngestFunctionalTestSupport {

    static final List<String> HEADER = WorkbookIngestFunctionalTests.PENALTY_HEADER;

    @TempDir
    Path dir;

    private int serial;

    private List<String> goodRow() {
        return BadInputFunctionalTests.goodRow(++serial);
    }

    private String unique(String name) {
        return name.replace(".", "-" + System.nanoTime() + ".");
    }

    private List<String> column(FileSummary s, String column) {
        return jdbc.queryForList("SELECT " + column + " FROM staged_record WHERE file_id = ? ORDER BY source_row",
                String.class, s.fileId());
    }

    private String reasons(FileSummary s) {
        return String.join("\n", jdbc.queryForList("SELECT reasons::text FROM rejected_row WHERE file_id = ?",
                String.class, s.fileId()));
    }

    private static String td(List<String> cells, String tag) {
        StringBuilder b = new StringBuilder("<tr>");
        for (String c : cells) {
            b.append('<').append(tag).append('>').append(c).append("</").append(tag).append('>');
        }
        return b.append("</tr>\n").toString();
    }

    // 1. Web pages and XML spreadsheets saved as .xls

    @Test
    void an_xls_that_is_a_gbk_html_table_from_a_web_system_is_read_with_its_spans_and_entities() throws IOException {
        List<String> a = goodRow();
        List<String> b = goodRow();
        String authority = "XX县市场监督管理局";
        StringBuilder html = new StringBuilder("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html;"
                + " charset=gb2312\"><title>导出</title></head><body>\n<table border=1>\n");
        html.append("<tr><td colspan=\"12\" align=center>XX县行政处罚信息&nbsp;（2026年11月）</td></tr>\n");
        html.append(td(HEADER, "th"));
        List<String> first = new ArrayList<>(a);
        String name = "镕基&王某" + serial;
        first.set(0, name.replace("&", "&amp;")); // 镕 is GBK, not GB2312
        first.set(10, authority);
        StringBuilder r1 = new StringBuilder("<tr>");
        for (int i = 0; i < first.size(); i++) {
            r1.append(i == 10 ? "<td rowspan=\"2\">" : "<td>").append(first.get(i)).append("</td>");
        }
        html.append(r1).append("</tr>\n");
        StringBuilder r2 = new StringBuilder("<tr>");
        for (int i = 0; i < b.size(); i++) {
            if (i != 10) {
                r2.append("<td>").append(b.get(i)).append("</td>");
            }
        }
        html.append(r2).append("</tr>\n</table></body></html>\n");
        Path file = Files.write(dir.resolve(unique("行政处罚导出.xls")), html.toString().getBytes(Charset.forName("GBK")));

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.format()).isEqualTo("HTML");
        assertThat(s.encoding()).isEqualTo("GB18030");
        assertThat(s.accepted()).as(reasons(s)).isEqualTo(2);
        assertThat(column(s, "subject_name")).containsExactly(name, b.get(0));
        assertThat(column(s, "authority_name")).containsExactly(authority, authority);
    }

    @Test
    void line_breaks_of_an_html_cell_are_kept_and_the_sources_layout_whitespace_is_not() throws IOException {
        List<String> header = new ArrayList<>(HEADER);
        header.add("违法事实");
        List<String> row = new ArrayList<>(goodRow());
        row.set(0, "\n      王某" + serial + "\n    "); // the page's indentation is not part of the name
        row.add("\n      经查，当事人\n      未取得许可<br/>从事经营；<br>\n<p>责令改正。</p><br>");
        String page = "<html><head><meta charset=\"utf-8\"></head><body><table>\n" + td(header, "th") + td(row, "td")
                + "</table></body></html>";
        Path file = Files.writeString(dir.resolve(unique("换行.xls")), page);

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.accepted()).as(reasons(s)).isEqualTo(1);
        assertThat(column(s, "facts")).containsExactly("经查，当事人 未取得许可\n从事经营；\n责令改正。");
        assertThat(column(s, "subject_name")).containsExactly("王某" + serial);
    }

    @Test
    void an_xls_that_is_an_xml_spreadsheet_2003_is_read_with_index_skips_merges_and_hidden_sheets() throws IOException {
        List<String> a = goodRow();
        List<String> b = goodRow();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?mso-application"
                + " progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\""
                + " xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\""
                + " xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n<Worksheet ss:Name=\"处罚信息\"><Table>\n");
        xml.append("<Row><Cell ss:MergeAcross=\"11\"><Data ss:Type=\"String\">XX县行政处罚信息</Data></Cell></Row>\n");
        xml.append("<Row ss:Index=\"3\">");
        for (String h : HEADER) {
            xml.append("<Cell><Data ss:Type=\"String\">").append(h).append("</Data></Cell>");
        }
        xml.append("</Row>\n<Row>");
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).isEmpty()) {
                continue; // the next written cell carries ss:Index
            }
            String index = i > 0 && a.get(i - 1).isEmpty() ? " ss:Index=\"" + (i + 1) + "\"" : "";
            String merge = i == 10 ? " ss:MergeDown=\"1\"" : "";
            String type = i == 8 ? "Number" : "String";
            xml.append("<Cell").append(index).append(merge).append("><Data ss:Type=\"").append(type).append("\">")
                    .append(a.get(i)).append("</Data></Cell>");
        }
        xml.append("</Row>\n<Row>");
        for (int i = 0; i < b.size(); i++) {
            if (b.get(i).isEmpty() || i == 10) {
                continue;
            }
            boolean skipped = i > 0 && (b.get(i - 1).isEmpty() || i - 1 == 10);
            xml.append("<Cell").append(skipped ? " ss:Index=\"" + (i + 1) + "\"" : "").append("><Data ss:Type=\"")
                    .append(i == 9 || i == 11 ? "DateTime" : "String").append("\">")
                    .append(i == 9 || i == 11 ? b.get(i) + "T00:00:00.000" : b.get(i)).append("</Data></Cell>");
        }
        xml.append("</Row>\n<Row>");
        List<String> c = goodRow();
        for (int i = 0; i < c.size(); i++) {
            xml.append(i == 8 ? "<Cell ss:Formula=\"=R[-1]C*2\"/>" : "<Cell><Data ss:Type=\"String\">" + c.get(i)
                    + "</Data></Cell>");
        }
        xml.append("</Row>\n</Table></Worksheet>\n<Worksheet ss:Name=\"代码表\"><Table><Row>");
        for (String h : HEADER) {
            xml.append("<Cell><Data ss:Type=\"String\">").append(h).append("</Data></Cell>");
        }
        xml.append("</Row></Table><WorksheetOptions xmlns=\"urn:schemas-microsoft-com:office:excel\">"
                + "<Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>\n</Workbook>\n");
        Path file = Files.writeString(dir.resolve(unique("report2003.xls")), xml);

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.format()).isEqualTo("SPREADSHEET_ML");
        assertThat(s.accepted()).as(reasons(s)).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(reasons(s)).contains("I6 =R[-1]C*2").contains("没有计算结果");
        assertThat(column(s, "subject_name")).containsExactly(a.get(0), b.get(0));
        assertThat(column(s, "authority_name")).containsExactly(a.get(10), a.get(10));
        assertThat(column(s, "source_row")).containsExactly("4", "5");
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("代码表"));
    }

    @Test
    void an_html_xls_whose_meta_says_utf8_over_gbk_bytes_is_read_as_gbk_and_a_foreign_row_is_rejected() throws IOException {
        List<String> row = goodRow();
        String page = "<html><head><meta charset=\"utf-8\"></head><body><table>" + td(HEADER, "td") + td(row, "td")
                + "</table></body></html>";
        FileSummary gbk = ingestService.ingest(Files.write(dir.resolve(unique("mislabelled.xls")),
                page.getBytes(Charset.forName("GBK"))), null);
        assertThat(gbk.encoding()).isEqualTo("GB18030");
        assertThat(column(gbk, "subject_name")).containsExactly(row.get(0));

        List<String> good = goodRow();
        List<String> foreign = goodRow();
        Path mixed = dir.resolve(unique("mixed.xls"));
        try (OutputStream out = Files.newOutputStream(mixed)) {
            out.write(("<table>" + td(HEADER, "th") + td(good, "td")).getBytes(StandardCharsets.UTF_8));
            out.write(td(foreign, "td").getBytes(Charset.forName("GBK")));
            out.write(("</table>").getBytes(StandardCharsets.UTF_8));
        }
        FileSummary s = ingestService.ingest(mixed, null);
        assertThat(s.encoding()).isEqualTo("UTF-8");
        assertThat(s.accepted()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(reasons(s)).contains("含无法识别的字符");
    }

    @Test
    void a_web_page_without_a_table_saved_as_xls_says_it_is_a_web_page() throws IOException {
        Path file = Files.writeString(dir.resolve(unique("导出.xls")), "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "</head><body><p>登录超时，请重新登录</p></body></html>\n");
        FileSummary s = ingestService.ingest(file, null);
        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("导出").contains("网页").contains(".xlsx");
    }

    // 2. Extensions that lie

    @Test
    void a_csv_that_is_an_xlsx_and_a_csv_that_is_tab_separated_are_read_by_content() throws IOException {
        Path xlsxAsCsv = dir.resolve(unique("export.csv"));
        try (Workbook book = new XSSFWorkbook()) {
            fill(book.createSheet("Sheet1"), List.of(HEADER, goodRow()));
            try (OutputStream out = Files.newOutputStream(xlsxAsCsv)) {
                book.write(out);
            }
        }
        Path tabs = Files.writeString(dir.resolve(unique("tabs.csv")),
                String.join("\t", HEADER) + "\n" + String.join("\t", goodRow()) + "\n");

        FileSummary x = ingestService.ingest(xlsxAsCsv, null);
        FileSummary t = ingestService.ingest(tabs, null);

        assertThat(x.format()).isEqualTo("XLSX");
        assertThat(x.accepted()).as(x.message()).isEqualTo(1);
        assertThat(t.accepted()).as(t.message()).isEqualTo(1);
    }

    @Test
    void a_tab_separated_gbk_text_saved_as_xls_is_read_as_text() throws IOException {
        List<String> row = goodRow();
        Path file = Files.write(dir.resolve(unique("系统导出.xls")), (String.join("\t", HEADER) + "\r\n"
                + String.join("\t", row) + "\r\n").getBytes(Charset.forName("GBK")));
        FileSummary s = ingestService.ingest(file, null);
        assertThat(s.format()).isEqualTo("CSV");
        assertThat(column(s, "subject_name")).containsExactly(row.get(0));
    }

    @Test
    void an_xlsb_an_ods_and_a_word_document_under_excel_names_say_what_they_are() throws IOException {
        Path xlsb = dir.resolve(unique("binary.xlsx"));
        Path ods = dir.resolve(unique("wps.xlsx"));
        for (Path file : List.of(xlsb, ods)) {
            try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
                zip.putNextEntry(new java.util.zip.ZipEntry(file == xlsb ? "xl/workbook.bin" : "content.xml"));
                zip.write(new byte[] {1, 2, 3});
                zip.closeEntry();
            }
        }
        Path doc = dir.resolve(unique("通知.xls"));
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[4096]), "WordDocument");
            try (OutputStream out = Files.newOutputStream(doc)) {
                fs.writeFilesystem(out);
            }
        }
        assertThat(ingestService.ingest(xlsb, null).message()).contains(".xlsb").contains("另存为 .xlsx");
        assertThat(ingestService.ingest(ods, null).message()).contains(".ods").contains("另存为 .xlsx");
        assertThat(ingestService.ingest(doc, null).message()).contains("通知").contains("Word");
    }

    // 3. Excel's "Unicode Text (*.txt)"

    @Test
    void excel_unicode_text_with_bom_is_read_as_txt_and_as_csv() throws IOException {
        for (String name : List.of("unicode.txt", "unicode.csv")) {
            List<String> row = goodRow();
            byte[] text = (String.join("\t", HEADER) + "\r\n" + String.join("\t", row) + "\r\n")
                    .getBytes(StandardCharsets.UTF_16LE);
            byte[] withBom = new byte[text.length + 2];
            withBom[0] = (byte) 0xFF;
            withBom[1] = (byte) 0xFE;
            System.arraycopy(text, 0, withBom, 2, text.length);
            FileSummary s = ingestService.ingest(Files.write(dir.resolve(unique(name)), withBom), null);
            assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
            assertThat(s.encoding()).startsWith("UTF-16");
            assertThat(column(s, "subject_name")).containsExactly(row.get(0));
        }
    }

    @Test
    void a_csv_separated_by_semicolons_or_by_full_width_commas_is_read() throws IOException {
        for (String separator : List.of(";", "，")) {
            List<String> row = goodRow();
            Path file = Files.writeString(dir.resolve(unique("separated.csv")), "XX县行政处罚信息\n"
                    + String.join(separator, HEADER) + "\n" + String.join(separator, row) + "\n");
            FileSummary s = ingestService.ingest(file, null);
            assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
            assertThat(column(s, "subject_name")).as(separator).containsExactly(row.get(0));
        }
    }

    // 4. Identifiers Excel turned into numbers

    @Test
    void an_id_excel_stored_as_a_number_is_rejected_saying_so_in_xlsx_xls_and_csv() throws IOException {
        for (Workbook book : List.of((Workbook) new XSSFWorkbook(), new HSSFWorkbook())) {
            Path file = dir.resolve(unique(book instanceof HSSFWorkbook ? "numeric-id.xls" : "numeric-id.xlsx"));
            try (book) {
                Sheet sheet = book.createSheet("Sheet1");
                fill(sheet, List.of(HEADER, goodRow(), goodRow()));
                sheet.getRow(1).getCell(5).setCellValue(320682196004177255d);
                try (OutputStream out = Files.newOutputStream(file)) {
                    book.write(out);
                }
            }
            FileSummary s = ingestService.ingest(file, null);
            assertThat(s.accepted()).isEqualTo(1);
            assertThat(s.rejected()).isEqualTo(1);
            assertThat(reasons(s)).contains("ID_INVALID").contains("文本").contains("Excel");
        }
        List<String> rounded = new ArrayList<>(goodRow());
        rounded.set(5, "3.20682E+17");
        List<String> zeros = new ArrayList<>(goodRow());
        zeros.set(5, "320682196004177000");
        Path csv = Files.writeString(dir.resolve(unique("excel-saved.csv")), String.join(",", HEADER) + "\n"
                + String.join(",", rounded) + "\n" + String.join(",", zeros) + "\n");
        FileSummary s = ingestService.ingest(csv, null);
        assertThat(s.rejected()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT reasons::text FROM rejected_row WHERE file_id = ?", String.class,
                s.fileId())).allSatisfy(r -> assertThat(r).contains("Excel").contains("文本"));
    }

    @Test
    void an_organization_code_that_lost_its_leading_zero_in_a_number_cell_is_rejected_saying_so() throws IOException {
        List<String> header = new ArrayList<>(HEADER);
        header.add("组织机构代码");
        Path file = dir.resolve(unique("org-code.xlsx"));
        try (Workbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("Sheet1");
            fill(sheet, List.of(header, goodRow()));
            sheet.getRow(1).createCell(header.size() - 1).setCellValue(12345671d); // 012345671 typed as a number
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
        }
        FileSummary s = ingestService.ingest(file, null);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(reasons(s)).contains("ORG_CODE_INVALID").contains("leading zeros").contains("文本");
    }

    // 5. Formula cells

    @Test
    void formula_cells_give_their_cached_value_an_error_names_the_cell_and_a_missing_value_is_reported() throws IOException {
        // as a generator writes them: values saved with two formulas, none with the third
        StringBuilder data = new StringBuilder(rawRow(1, HEADER, null));
        data.append(rawRow(2, goodRow(), "<c r=\"I2\"><f>0.1+0.1</f><v>0.2</v></c>"));
        data.append(rawRow(3, goodRow(), "<c r=\"I3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"));
        data.append(rawRow(4, goodRow(), "<c r=\"I4\"><f>0.1*3</f></c>"));
        Path file = RawXlsx.write(dir.resolve(unique("formulas.xlsx")), true, data.toString());
        FileSummary s = ingestService.ingest(file, null);
        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(jdbc.queryForList("SELECT fine_amount::text FROM staged_record WHERE file_id = ?", String.class,
                s.fileId())).anySatisfy(v -> assertThat(v).startsWith("0.2"));
        assertThat(reasons(s)).contains("EXCEL_ERROR_VALUE").contains("#DIV/0!");
        assertThat(s.accepted()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(2);
        assertThat(reasons(s)).contains("ROW_STRUCTURE").contains("I4 =0.1*3").contains("没有计算结果");
    }

    @Test
    void a_templates_formula_columns_give_empty_text_and_lookup_errors_on_unfilled_rows_in_xlsx_and_xls() throws Exception {
        // 序号 =ROW()-1, the fine =IF(…,"",0.2) (empty text for a person or an empty row), the authority's code looked
        // up on a hidden 代码表 (#N/A on an empty row), prepared down to row 6, two rows filled
        List<String> header = new ArrayList<>(List.of("序号"));
        header.addAll(HEADER);
        header.add("处罚机关统一社会信用代码");
        List<FileSummary> s = new ArrayList<>();
        for (boolean xlsx : new boolean[] {true, false}) {
            List<String> person = goodRow();
            List<String> company = new ArrayList<>(goodRow());
            company.set(0, "贵州甲乙建材有限公司");
            company.set(1, "法人及非法人组织");
            company.set(2, "91350100M000100Y43");
            company.set(4, "");
            company.set(5, "");
            java.util.function.Consumer<org.apache.poi.ss.usermodel.Workbook> content = wb -> {
                Sheet codes = wb.createSheet("代码表"); // first: .xls parses a formula's sheet name at once
                Row code = codes.createRow(0);
                code.createCell(0).setCellValue("XX县市场监督管理局");
                code.createCell(1).setCellValue("11520102000000019L");
                Sheet sheet = wb.createSheet("行政处罚");
                fill(sheet, List.of(header, List.of(""), List.of("")));
                for (int r = 1; r <= 5; r++) {
                    Row row = r <= 2 ? sheet.getRow(r) : sheet.createRow(r);
                    List<String> values = r == 1 ? person : r == 2 ? company : null;
                    for (int c = 0; values != null && c < values.size(); c++) {
                        if (c != 8 && !values.get(c).isEmpty()) {
                            row.createCell(c + 1).setCellValue(values.get(c));
                        }
                    }
                    int excelRow = r + 1;
                    row.createCell(0).setCellFormula("ROW()-1");
                    row.createCell(9).setCellFormula("IF(OR(B" + excelRow + "=\"\",C" + excelRow + "=\"自然人\"),\"\",0.2)");
                    row.createCell(13).setCellFormula("VLOOKUP(L" + excelRow + ",代码表!$A$1:$B$10,2,0)");
                }
                wb.setSheetHidden(0, true);
                wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            };
            Path file = dir.resolve(unique("formula-template." + (xlsx ? "xlsx" : "xls")));
            s.add(ingestService.ingest(xlsx ? org.creditpipeline.ingest.read.TestFiles.xlsx(file, content)
                    : org.creditpipeline.ingest.read.TestFiles.xls(file, content), null));
        }

        for (FileSummary file : s) {
            assertThat(file.status()).as(file.message()).isEqualTo(FileSummary.COMPLETED);
            assertThat(file.rejected()).as(file.file() + "\n" + reasons(file)).isZero();
            assertThat(file.accepted()).isEqualTo(2);
            assertThat(column(file, "coalesce(fine_amount::text, '-') || ' ' || authority_uscc"))
                    .containsExactly("- 11520102000000019L", "0.200000 11520102000000019L");
            assertThat(file.warnings()).anySatisfy(w -> assertThat(w).contains("只有序号或#N/A")
                    .contains("3 rows not ingested"));
        }
    }

    // 6. Several sheets

    @Test
    void instructions_first_then_monthly_sheets_are_read_and_a_hidden_code_list_is_not() throws IOException {
        List<String> oct = goodRow();
        List<String> nov = goodRow();
        Path book = TestWorkbooks.write(dir.resolve(unique("monthly.xlsx")),
                new TestWorkbooks.SheetSpec("填报说明", "行政处罚信息填报说明", List.of(List.of("栏目", "说明", "是否必填"),
                        List.of("行政相对人名称", "填写全称", "是"), List.of("处罚决定日期", "格式 yyyy-mm-dd", "是")), false),
                new TestWorkbooks.SheetSpec("10月", null, List.of(HEADER, oct), false),
                new TestWorkbooks.SheetSpec("11月", null, List.of(HEADER, nov), false),
                new TestWorkbooks.SheetSpec("代码表", null, List.of(HEADER, List.of("法人及非法人组织", "自然人", "个体工商户")),
                        true));
        FileSummary s = ingestService.ingest(book, null);
        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.read()).isEqualTo(2);
        assertThat(column(s, "subject_name")).containsExactlyInAnyOrder(oct.get(0), nov.get(0));
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("填报说明"));
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("隐藏工作表未导入").contains("代码表"));
    }

    // 7. Encrypted .xls

    @Test
    void a_password_protected_xls_is_refused_naming_the_password() throws IOException {
        Path file = dir.resolve(unique("locked.xls"));
        try (HSSFWorkbook book = new HSSFWorkbook()) {
            fill(book.createSheet("Sheet1"), List.of(HEADER, goodRow()));
            Biff8EncryptionKey.setCurrentUserPassword("secret");
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            } finally {
                Biff8EncryptionKey.setCurrentUserPassword(null);
            }
        }
        FileSummary s = ingestService.ingest(file, null);
        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("locked").contains("密码");
    }

    // 8. Nothing in the file

    @Test
    void an_empty_xls_and_a_header_only_workbook() throws IOException {
        FileSummary empty = ingestService.ingest(Files.write(dir.resolve(unique("empty.xls")), new byte[0]), null);
        assertThat(empty.status()).isEqualTo(FileSummary.FAILED);
        assertThat(empty.message()).contains("empty").contains("文件为空");
        List<String> header = new ArrayList<>(HEADER);
        header.add("备注" + System.nanoTime());
        FileSummary headerOnly = ingestService.ingest(TestWorkbooks.write(dir.resolve(unique("header-only.xlsx")),
                new TestWorkbooks.SheetSpec("Sheet1", null, List.of(header), false)), null);
        assertThat(headerOnly.status()).as(headerOnly.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(headerOnly.read()).isZero();
        assertThat(headerOnly.warnings()).anySatisfy(w -> assertThat(w).contains("没有数据行"));
    }

    @Test
    void a_csv_with_only_a_byte_order_mark_is_empty() throws IOException {
        FileSummary s = ingestService.ingest(Files.write(dir.resolve(unique("bom-only.csv")),
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), null);
        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("文件为空");
    }

    /** A row of inline strings, its amount cell (column I) replaced by {@code amountCell} when given. */
    private static String rawRow(int number, List<String> cells, String amountCell) {
        StringBuilder b = new StringBuilder("<row r=\"" + number + "\">");
        for (int i = 0; i < cells.size(); i++) {
            String ref = (char) ('A' + i) + String.valueOf(number);
            if (i == 8 && amountCell != null) {
                b.append(amountCell);
            } else if (!cells.get(i).isEmpty()) {
                b.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(cells.get(i))
                        .append("</t></is></c>");
            }
        }
        return b.append("</row>").toString();
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
