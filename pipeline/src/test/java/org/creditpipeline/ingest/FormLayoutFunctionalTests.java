package org.creditpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.creditpipeline.ingest.read.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads laid out as filled-in forms rather than bare tables, end to end on embedded PostgreSQL: title and form lines
 * above the header, Excel's {@code sep=} line, signature and total lines below the data, a header grouped over two
 * rows, cells merged down over several rows. Nothing is lost silently: every skipped line is in the warnings.
 */
class FormLayoutFunctionalTests extends IngestFunctionalTestSupport {

    static final String HEADER = "行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),法定代表人,证件号码,行政处罚决定书文号,"
            + "违法事实,罚款金额（万元）,处罚决定日期,处罚机关,地方编码";

    @TempDir
    Path dir;

    /** Two valid penalty rows, one with a cell over two lines; unique 文号 so that each file's bytes differ. */
    private String rows(char d) {
        long n = System.nanoTime();
        return String.join(String.valueOf(d), "贵阳某某有限公司", "法人及非法人组织", "91520102MA6H4L5P93", "张三", "",
                "南监罚〔2026〕" + n + "号", "\"第一行\n第二行\"", "2", "2026-11-05", "南明区市场监督管理局", "520102") + "\n"
                + String.join(String.valueOf(d), "王五", "自然人", "", "", "52010219900101123X", "南监罚〔2026〕" + (n + 1) + "号",
                "\"事实, 带逗号; 和分号\"", "1.5", "2026/11/6", "南明区市场监督管理局", "520102") + "\n";
    }

    @Test
    void csv_title_and_form_lines_above_the_header_are_skipped_and_reported() throws IOException {
        Path banner = Files.writeString(dir.resolve("title.csv"), "\uFEFF南明区2026年11月行政处罚信息,,,,,,,,,,\n" + HEADER + "\n"
                + rows(','));
        Path form = Files.write(dir.resolve("gbk-title.csv"), ("填报单位：南明区市场监督管理局,,填报日期：2026-11-30,,,,,,,,\n"
                + HEADER + "\n" + rows(',')).getBytes(Charset.forName("GB18030")));
        Path sep = Files.writeString(dir.resolve("sep.csv"), "sep=;\n" + HEADER.replace(',', ';') + "\n"
                + rows(';'));

        List<FileSummary> s = ingestService.ingest(List.of(banner, form, sep), null);

        assertThat(s).extracting(FileSummary::status).containsOnly(FileSummary.COMPLETED);
        assertThat(s).extracting(FileSummary::accepted).containsOnly(2L);
        assertThat(s.get(0).warnings()).contains("title.csv: rows above the header skipped as titles (表头上方的标题行): 1 row"
                + " not ingested (未导入), row 1 “南明区2026年11月行政处罚信息”");
        assertThat(s.get(1).warnings()).anySatisfy(w -> assertThat(w).contains("row 1 “填报单位：南明区市场监督管理局”"));
        assertThat(jdbc.queryForList("SELECT source_row FROM staged_record WHERE file_id = ? ORDER BY source_row",
                Long.class, s.get(0).fileId())).containsExactly(3L, 4L);
        assertThat(jdbc.queryForList("SELECT source_row FROM staged_record WHERE file_id = ? ORDER BY source_row",
                Long.class, s.get(2).fileId())).containsExactly(3L, 4L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staged_record WHERE file_id = ? AND facts = '事实, 带逗号; 和分号'",
                Long.class, s.get(2).fileId())).isEqualTo(1);
    }

    @Test
    void the_template_example_row_is_skipped_and_reported_not_stored_as_a_record() throws IOException {
        // a copy of the upload template whose example row was left in: its USCC is valid, so it used to become a record
        String example = "××市××有限公司,法人及非法人组织,91350100M000100Y43,张××,,××市监罚〔2026〕×号,违法事实,0.5,"
                + "2026-01-01,××市市场监督管理局,520102,填写示例\n";
        Path file = Files.writeString(dir.resolve("template-copy.csv"), "\uFEFF" + HEADER + ",备注\n" + example
                + rows(','));

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.rejected()).isZero();
        assertThat(s.warnings()).contains("template-copy.csv: the template's example rows skipped (模板中的填写示例行): 1 row"
                + " not ingested (未导入), row 2 “××市××有限公司”");
        assertThat(jdbc.queryForList("SELECT subject_name FROM staged_record WHERE file_id = ? ORDER BY source_row",
                String.class, s.fileId())).containsExactly("贵阳某某有限公司", "王五");
    }

    @Test
    void the_column_number_line_under_the_header_is_skipped_and_reported_not_rejected() throws IOException {
        // official forms number their columns under the header: 栏次 (1) (2) … or 1 2 3 …
        Path file = Files.writeString(dir.resolve("numbered-columns.csv"), "\uFEFF" + HEADER + "\n"
                + "栏次,(1),(2),(3),(4),(5),(6),(7),(8),(9),(10)\n" + rows(','));

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.rejected()).isZero();
        assertThat(s.warnings()).contains("numbered-columns.csv: the column-number line under the header skipped"
                + " (表头下的栏次行): 1 row not ingested (未导入), row 2 “栏次”");
    }

    @Test
    void when_no_mapping_fits_the_message_names_the_header_row_and_the_nearest_mapping() throws IOException {
        Path file = Files.writeString(dir.resolve("nofit.csv"), "南明区2026年11月行政处罚信息,,,\n"
                + "当事人,决定书编号,处罚日期,决定机关\n某公司,X罚1号,2026-01-01,某局\n");

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).startsWith("nofit.csv, header taken from row 2 (表头取自第2行): mapping 'penalty'")
                .contains("Found headers (文件中的列): [当事人, 决定书编号, 处罚日期, 决定机关]")
                .contains("No mapping fits (best fit shown: 'penalty')");
    }

    @Test
    void values_under_a_blank_header_are_reported_not_dropped_silently() throws Exception {
        // 违法事实's header cell left empty by the officer; a trailing empty column (a comma at every line end) is not.
        Path csv = Files.writeString(dir.resolve("no-header.csv"), HEADER.replace("违法事实", "") + ",\n"
                + rows(',').replace("\n王五", ",\n王五").replaceAll("520102\n$", "520102,\n"));
        long n = System.nanoTime();
        Path book = TestFiles.xlsx(dir.resolve("no-header.xlsx"), wb -> TestFiles.rows(wb.createSheet("处罚"), 1, List.of(
                List.of("行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)", "", "行政处罚决定书文号", "处罚决定日期",
                        "处罚机关"),
                List.of("贵阳某某有限公司", "法人及非法人组织", "91520102MA6H4L5P93", "", "南监罚〔2026〕" + n + "号",
                        "2026-11-05", "南明区市场监督管理局"),
                List.of("贵阳某某二公司", "法人及非法人组织", "91350100M000100Y43", "罚款2万元",
                        "南监罚〔2026〕" + (n + 1) + "号", "2026-11-06", "南明区市场监督管理局"))));

        List<FileSummary> s = ingestService.ingest(List.of(csv, book), null);

        assertThat(s).extracting(FileSummary::accepted).containsExactly(2L, 2L);
        assertThat(s.get(0).warnings()).contains("column 7 has no header but holds values in 2 row(s), first at row 2"
                + " (“第一行 第二行”); they were not imported (第 7 列没有表头，其中的数据未导入；请补上表头后重新上传)");
        assertThat(s.get(0).warnings()).noneSatisfy(w -> assertThat(w).contains("column 12"));
        assertThat(s.get(1).warnings()).contains("sheet 处罚 column D has no header but holds values in 1 row(s), first at"
                + " row 3 (“罚款2万元”); they were not imported (第 4 列没有表头，其中的数据未导入；请补上表头后重新上传)");
        // The data officer reads it in the error report's summary too.
        try (InputStream in = Files.newInputStream(Path.of(s.get(1).errorReport()));
             XSSFWorkbook report = new XSSFWorkbook(in)) {
            List<String> summary = new ArrayList<>();
            report.getSheet("汇总").forEach(r -> summary.add(String.join("|", WorkbookIngestFunctionalTests.texts(r))));
            assertThat(summary).anySatisfy(l -> assertThat(l).startsWith("提示 (warnings)|sheet 处罚 column D has no header"));
        }
    }

    @Test
    void xlsx_form_with_label_banner_grouped_header_merged_authority_and_footer() throws Exception {
        long n = System.nanoTime();
        Path book = TestFiles.xlsx(dir.resolve("county-form.xlsx"), wb -> {
            Sheet sheet = wb.createSheet("行政处罚");
            TestFiles.rows(sheet, 1, List.of(List.of("南明区行政处罚信息汇总表"),
                    List.of("填报单位（盖章）：南明区市场监管局", "", "", "填报人：张三", "", "填报日期：2026-11-30"),
                    List.of("行政相对人名称", "行政相对人类别", "行政相对人代码", "", "", "法定代表人", "行政处罚决定书文号",
                            "处罚决定日期", "处罚机关"),
                    List.of("", "", "统一社会信用代码", "工商注册号", "组织机构代码"),
                    List.of("贵阳某某有限公司", "法人及非法人组织", "91520102MA6H4L5P93", "", "", "张三", "南监罚〔2026〕" + n + "号",
                            "2026-11-05", "南明区市场监督管理局"),
                    List.of("贵阳某某二公司", "法人及非法人组织", "91350100M000100Y43", "", "", "李四",
                            "南监罚〔2026〕" + (n + 1) + "号", "2026-11-06"),
                    List.of(), List.of("填表人：张三"), List.of("审核人：李四"), List.of("合计", "共2条")));
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 8));
            sheet.addMergedRegion(new CellRangeAddress(2, 2, 2, 4));
            for (int c : new int[] {0, 1, 5, 6, 7, 8}) {
                sheet.addMergedRegion(new CellRangeAddress(2, 3, c, c));
            }
            sheet.addMergedRegion(new CellRangeAddress(4, 5, 8, 8)); // one 处罚机关 for both rows
        });

        FileSummary s = ingestService.ingest(book, null);

        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.rejected()).isZero();
        assertThat(jdbc.queryForList("SELECT source_row || ' ' || uscc || ' ' || authority_name FROM staged_record"
                + " WHERE file_id = ? ORDER BY source_row", String.class, s.fileId())).containsExactly(
                "5 91520102MA6H4L5P93 南明区市场监督管理局", "6 91350100M000100Y43 南明区市场监督管理局");
        assertThat(s.warnings()).contains(
                "county-form.xlsx sheet 行政处罚: rows above the header skipped as titles (表头上方的标题行): 2 rows not"
                        + " ingested (未导入), row 1 “南明区行政处罚信息汇总表”, 2 “填报单位（盖章）：南明区市场监管局”",
                "county-form.xlsx sheet 行政处罚: signature and total lines skipped as the form's footer"
                        + " (表尾的填表人、审核人、合计等行): 3 rows not ingested (未导入), row 8 “填表人：张三”, 9 “审核人：李四”,"
                        + " 10 “合计”");
        assertThat(s.warnings()).noneSatisfy(w -> assertThat(w).contains("未使用的列"));
    }
    @Test
    void pre_numbered_empty_template_rows_subtotals_notes_and_signatures_are_skipped_in_xlsx_and_xls() throws Exception {
        // 序号 numbered down to row 11 in advance, a 小计 under each department's block, a note and the signature lines
        List<Path> books = new ArrayList<>();
        for (String ext : List.of("xlsx", "xls")) {
            long n = System.nanoTime();
            java.util.function.Consumer<org.apache.poi.ss.usermodel.Workbook> content = wb -> {
                Sheet sheet = wb.createSheet("行政处罚");
                List<List<Object>> rows = new ArrayList<>(List.of(
                        List.of("序号", "行政相对人名称", "行政相对人类别", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期",
                                "处罚机关", "罚款金额（万元）"),
                        List.of(1, "贵阳某某有限公司", "法人及非法人组织", "91520102MA6H4L5P93", "南监罚〔2026〕" + n + "号",
                                "2026-11-05", "南明区市场监督管理局", 0.2),
                        List.of("小计", "", "", "", "", "", "", 0.2),
                        List.of(2, "贵阳某某二公司", "法人及非法人组织", "91350100M000100Y43", "南交罚〔2026〕" + n + "号",
                                "2026-11-06", "南明区交通运输局", 0.3),
                        List.of("小计：", "", "", "", "", "", "", 0.3),
                        List.of(3), List.of(4), List.of(5), List.of(6), // unfilled template rows
                        List.of("共计2条")));
                rows.addAll(List.of(List.of("注：1.本表由各执法部门于每月5日前报送；2.自然人不填统一社会信用代码。"),
                        List.of("填报单位（盖章）：南明区市场监督管理局", "", "", "", "填报日期：2026年11月30日"),
                        List.of("经办人：王五", "", "分管领导：赵六", "", "主要负责人签字：")));
                TestFiles.rows(sheet, 1, rows);
            };
            books.add(ext.equals("xlsx") ? TestFiles.xlsx(dir.resolve("numbered-" + n + ".xlsx"), content)
                    : TestFiles.xls(dir.resolve("numbered-" + n + ".xls"), content));
        }

        List<FileSummary> s = ingestService.ingest(books, null);

        for (FileSummary file : s) {
            String name = Path.of(file.file()).getFileName().toString();
            assertThat(file.status()).isEqualTo(FileSummary.COMPLETED);
            assertThat(file.rejected()).as(file.file()).isZero();
            assertThat(file.accepted()).isEqualTo(2);
            assertThat(file.warnings()).contains(name + " sheet 行政处罚: unfilled template rows (nothing but a serial"
                    + " number or a lookup's #N/A) skipped (只有序号或#N/A、未填写内容的空行): 4 rows not ingested (未导入), row 6"
                    + " “3”, 7 “4”, 8 “5”, 9");
            assertThat(file.warnings()).contains(name + " sheet 行政处罚: signature and total lines skipped as the"
                    + " form's footer (表尾的填表人、审核人、合计等行): 6 rows not ingested (未导入), row 3 “小计”, 5 “小计：”,"
                    + " 10 “共计2条”, 11, 12, 13");
        }
    }
    @Test
    void grouped_headers_as_officers_lay_them_out_load_in_xlsx_xls_and_csv() throws Exception {
        long n = System.nanoTime();
        List<Object> data = List.of(1, "贵阳某某有限公司", "法人及非法人组织", "91520102MA6H4L5P93", "南明区某路1号",
                "南监罚〔2026〕" + n + "号", "2026-11-05", "南明区市场监督管理局");
        // group labels repeated over their columns (unmerged and filled), 序号 and 处罚机关 written twice
        Path filled = TestFiles.xlsx(dir.resolve("grouped-filled.xlsx"), wb -> TestFiles.rows(wb.createSheet("处罚"), 1,
                List.of(List.of("序号", "行政相对人", "行政相对人", "行政相对人", "行政相对人", "处罚决定", "处罚决定", "处罚机关"),
                        List.of("序号", "名称", "类别", "统一社会信用代码", "住所", "文书号", "日期", "处罚机关"), data)));
        // group labels merged across in row 1, the other headers only in row 2
        Path above = TestFiles.xls(dir.resolve("grouped-above.xls"), wb -> {
            Sheet sheet = wb.createSheet("处罚");
            TestFiles.rows(sheet, 1, List.of(List.of("", "行政相对人", "", "", "", "处罚决定", ""),
                    List.of("序号", "名称", "类别", "统一社会信用代码", "住所", "文书号", "日期", "处罚机关"), data));
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 1, 4));
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 5, 6));
        });
        // the same saved as CSV by Excel
        Path csv = Files.writeString(dir.resolve("grouped-above.csv"), "\uFEFF,行政相对人,,,,处罚决定,,\n"
                + "序号,名称,类别,统一社会信用代码,住所,文书号,日期,处罚机关\n"
                + String.join(",", data.stream().map(String::valueOf).toList()).replace("〕" + n, "〕" + (n + 1)) + "\n");

        List<FileSummary> s = ingestService.ingest(List.of(filled, above, csv), null);

        assertThat(s).extracting(FileSummary::status).containsOnly(FileSummary.COMPLETED);
        assertThat(s).extracting(FileSummary::accepted).containsOnly(1L);
        for (FileSummary file : s) {
            assertThat(jdbc.queryForMap("SELECT subject_name, subject_kind, uscc, decision_date::text AS d, authority_name"
                    + " FROM staged_record WHERE file_id = ?", file.fileId())).containsEntry("subject_name", "贵阳某某有限公司")
                    .containsEntry("subject_kind", "ENTERPRISE").containsEntry("uscc", "91520102MA6H4L5P93")
                    .containsEntry("d", "2026-11-05").containsEntry("authority_name", "南明区市场监督管理局");
            assertThat(file.warnings()).as("the group row is part of the header, not a title")
                    .noneSatisfy(w -> assertThat(w).contains("表头上方的标题行"));
        }
    }
    @Test
    void the_row_of_fill_in_notes_under_a_templates_header_is_skipped_in_xlsx_xls_and_csv() throws Exception {
        // provincial templates put 必填/选填 under each header; the row used to be rejected as a record
        List<List<Object>> rows = List.of(
                List.of("行政相对人名称", "行政相对人类别", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期", "处罚机关", "备注"),
                List.of("必填", "必填，下拉选择", "法人必填", "必填", "必填，格式yyyy-mm-dd", "必填", "选填"),
                List.of("贵阳某某有限公司", "法人及非法人组织", "91520102MA6H4L5P93", "南监罚〔2026〕" + System.nanoTime() + "号",
                        "2026-11-05", "南明区市场监督管理局"));
        Path xlsx = TestFiles.xlsx(dir.resolve("notes.xlsx"), wb -> TestFiles.rows(wb.createSheet("行政处罚"), 1, rows));
        Path xls = TestFiles.xls(dir.resolve("notes.xls"), wb -> TestFiles.rows(wb.createSheet("行政处罚"), 1,
                List.of(rows.get(0), rows.get(1), List.of("贵阳某某二公司", "法人及非法人组织", "91350100M000100Y43",
                        "南监罚〔2026〕" + System.nanoTime() + "号", "2026-11-05", "南明区市场监督管理局"))));
        Path csv = Files.writeString(dir.resolve("notes.csv"), "\uFEFF" + String.join(",", rows.get(0).stream()
                .map(String::valueOf).toList()) + "\n必填,必填,法人必填,必填,必填,必填,选填\n贵阳某某三公司,法人及非法人组织,"
                + "91350100M000100Y43,南监罚〔2026〕" + System.nanoTime() + "号,2026-11-05,南明区市场监督管理局,\n");

        List<FileSummary> s = ingestService.ingest(List.of(xlsx, xls, csv), null);

        assertThat(s).extracting(FileSummary::accepted).containsExactly(1L, 1L, 1L);
        assertThat(s).extracting(FileSummary::rejected).containsExactly(0L, 0L, 0L);
        assertThat(s.get(0).warnings()).contains("notes.xlsx sheet 行政处罚: the template's fill-in notes under the header"
                + " skipped (表头下的填写说明行，如“必填”“选填”): 1 row not ingested (未导入), row 2 “必填”");
    }
    @Test
    void a_county_officers_monthly_form_loads_whole_in_xlsx_and_xls() throws Exception {
        // everything at once, as a county 市场监管局 fills the city's template: banner, form line, grouped header over two
        // rows, the template's 必填/选填 row, an authority merged over two records, 小计/合计 spaced out, pre-numbered
        // empty rows, a note and the signature line
        List<FileSummary> s = new ArrayList<>();
        for (String ext : List.of("xlsx", "xls")) {
            long n = System.nanoTime();
            java.util.function.Consumer<org.apache.poi.ss.usermodel.Workbook> content = wb -> {
                Sheet sheet = wb.createSheet("2026年11月");
                TestFiles.rows(sheet, 1, List.of(List.of("南明区2026年11月行政处罚信息汇总表"),
                        List.of("填报单位（盖章）：南明区市场监督管理局", "", "", "", "", "填报日期：2026年11月30日"),
                        List.of("序　号", "行政相对人", "", "", "", "法定代表人", "处罚决定", "", "", "处罚机关", "罚款金额\n（万元）",
                                "备注"),
                        List.of("", "名称", "类别", "统一社会信用代码", "身份证号", "", "文书号", "日期", "违法事实"),
                        List.of("", "必填", "必填", "法人必填", "个人必填", "", "必填", "必填", "", "必填", "", "选填"),
                        List.of(1, "贵阳某某有限公司", "法人及非法人组织", "91520102MA6H4L5P93", "", "张三", "南监罚〔2026〕" + n + "号",
                                "2026-11-05", "无照经营", "南明区市场监督管理局", 0.2),
                        List.of(2, "王某", "自然人", "", "11010519491231002X", "", "南监罚〔2026〕" + (n + 1) + "号", "2026-11-06",
                                "占道经营", "", 0.05),
                        List.of("小　计", "", "", "", "", "", "", "", "", "", 0.25),
                        List.of(3, "贵阳某某二公司", "法人及非法人组织", "91350100M000100Y43", "", "李四", "南交罚〔2026〕" + n + "号",
                                "2026-11-07", "超范围经营", "南明区交通运输局", 0.3),
                        List.of(4), List.of(5),
                        List.of("合　　计", "", "", "", "", "", "", "", "", "", 0.55),
                        List.of("注：1.行政相对人为自然人的，身份证号必填。"),
                        List.of("填表人：张三", "", "", "审核人：李四", "", "", "联系电话：0851-1234567")));
                sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 11));
                sheet.addMergedRegion(new CellRangeAddress(2, 2, 1, 4));
                sheet.addMergedRegion(new CellRangeAddress(2, 2, 6, 8));
                for (int c : new int[] {0, 5, 9, 10, 11}) {
                    sheet.addMergedRegion(new CellRangeAddress(2, 3, c, c));
                }
                sheet.addMergedRegion(new CellRangeAddress(5, 6, 9, 9)); // one 处罚机关 for rows 6 and 7
            };
            Path book = dir.resolve("monthly-" + n + "." + ext);
            s.add(ingestService.ingest(ext.equals("xlsx") ? TestFiles.xlsx(book, content) : TestFiles.xls(book, content),
                    null));
        }

        for (FileSummary file : s) {
            assertThat(file.status()).as(file.message()).isEqualTo(FileSummary.COMPLETED);
            assertThat(file.rejected()).isZero();
            assertThat(jdbc.queryForList("SELECT source_row || ' ' || subject_kind || ' ' || coalesce(uscc, id_number) || ' '"
                    + " || decision_date || ' ' || authority_name || ' ' || fine_amount || ' ' || facts FROM staged_record"
                    + " WHERE file_id = ? ORDER BY source_row", String.class, file.fileId())).containsExactly(
                    "6 ENTERPRISE 91520102MA6H4L5P93 2026-11-05 南明区市场监督管理局 0.200000 无照经营",
                    "7 NATURAL_PERSON 11010519491231002X 2026-11-06 南明区市场监督管理局 0.050000 占道经营",
                    "9 ENTERPRISE 91350100M000100Y43 2026-11-07 南明区交通运输局 0.300000 超范围经营");
            assertThat(file.warnings()).anySatisfy(w -> assertThat(w).contains("表尾").contains("4 rows not ingested"))
                    .anySatisfy(w -> assertThat(w).contains("只有序号").contains("2 rows not ingested"))
                    .anySatisfy(w -> assertThat(w).contains("填写说明行").contains("1 row not ingested"))
                    .anySatisfy(w -> assertThat(w).contains("标题行").contains("2 rows not ingested"));
        }
    }
    @Test
    void the_field_code_line_of_a_shuanggongshi_template_is_a_second_header_line_not_a_record() throws Exception {
        // the 双公示 template gives each column's code under its name (or the names under the codes)
        List<String> names = List.of("行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)", "行政处罚决定书文号",
                "处罚决定日期", "处罚机关");
        List<String> codes = List.of("CF_XDR_MC", "CF_XDR_LB", "CF_XDR_SHXYM", "CF_WSH", "CF_JDRQ", "CF_CFJG");
        long n = System.nanoTime();
        Path book = TestFiles.xlsx(dir.resolve("codes-under-names.xlsx"), wb -> TestFiles.rows(wb.createSheet("行政处罚"), 1,
                List.of(List.copyOf(names), List.copyOf(codes), List.of("贵阳某某有限公司", "法人及非法人组织",
                        "91520102MA6H4L5P93", "南监罚〔2026〕" + n + "号", "2026-11-05", "南明区市场监督管理局"))));
        Path csv = Files.writeString(dir.resolve("names-under-codes.csv"), String.join(",", codes) + "\n"
                + String.join(",", names) + "\n贵阳某某有限公司,法人及非法人组织,91520102MA6H4L5P93,南监罚〔2026〕" + (n + 1)
                + "号,2026-11-05,南明区市场监督管理局\n");

        List<FileSummary> s = ingestService.ingest(List.of(book, csv), null);

        assertThat(s).extracting(FileSummary::accepted).containsExactly(1L, 1L);
        assertThat(s).extracting(FileSummary::rejected).containsExactly(0L, 0L);
        assertThat(s.get(0).warnings()).contains("codes-under-names.xlsx sheet 行政处罚: a second header line under the"
                + " header skipped (field codes such as CF_XDR_MC under the names, or the names under the codes)"
                + " (表头下的第二行表头，如字段代码): 1 row not ingested (未导入), row 2 “CF_XDR_MC”");
    }
}
