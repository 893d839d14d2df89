package org.creditpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Multi-sheet county uploads and the error report, end to end through IngestService on embedded PostgreSQL. */
class WorkbookIngestFunctionalTests extends IngestFunctionalTestSupport {

    static final List<String> PENALTY_HEADER = List.of("行政相对人名称", "行政相对人类别", "行政相对人代码_1（统一社会信用代码）",
            "法定代表人", "证件类型", "证件号码", "行政处罚决定书文号", "处罚类别", "罚款金额（万元）", "处罚决定日期", "处罚机关",
            "公示截止期");

    static final List<String> SANCTION_HEADER = List.of("姓名", "身份证号码", "工作单位", "职务", "处分决定文号", "处分种类",
            "违纪事实", "处分机关", "处分决定日期");

    @TempDir
    Path dir;

    @Test
    void each_sheet_maps_on_its_own_unfit_and_hidden_sheets_are_reported() throws IOException {
        Path book = TestWorkbooks.write(dir.resolve("county-multi-" + System.nanoTime() + ".xlsx"),
                new TestWorkbooks.SheetSpec("行政处罚", "XX县2026年11月行政处罚信息", List.of(PENALTY_HEADER,
                        List.of("王某甲", "自然人", "", "", "身份证", "11010519491231002X", "X监罚〔2026〕11号", "罚款", "0.2",
                                "2026-11-02", "XX县市场监督管理局", "2027-11-02")), false),
                new TestWorkbooks.SheetSpec("纪律处分", "XX县2026年11月纪律处分信息", List.of(SANCTION_HEADER,
                        List.of("李某乙", "11010519491231002X", "XX县水务局", "科员", "X纪处〔2026〕3号", "警告", "违规发放补贴",
                                "中共XX县纪律检查委员会", "2026-11-05")), false),
                new TestWorkbooks.SheetSpec("填表说明", null, List.of(List.of("栏目", "说明", "是否必填"),
                        List.of("行政相对人名称", "填写全称", "是")), false),
                new TestWorkbooks.SheetSpec("旧数据", null, List.of(PENALTY_HEADER), true));

        FileSummary s = ingestService.ingest(book, null);

        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.mappings()).containsExactly("penalty", "sanction");
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("隐藏工作表未导入").contains("旧数据"));
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("工作表未导入").contains("填表说明")
                .contains("缺少必需的列"));
        assertThat(jdbc.queryForList("SELECT record_kind FROM staged_record WHERE file_id = ? ORDER BY sheet DESC",
                String.class, s.fileId())).containsExactly("ADMINISTRATIVE_PENALTY", "DISCIPLINARY_SANCTION");
    }

    @Test
    void a_filled_in_upload_template_loads_without_a_word_about_its_own_notes_sheet() throws IOException {
        Path book = dir.resolve("template-filled-" + System.nanoTime() + ".xlsx");
        org.creditpipeline.ingest.template.UploadTemplate.write(
                org.creditpipeline.ingest.mapping.MappingCatalog.load(Path.of("../job-configs/mappings")).get("penalty"),
                book);
        try (InputStream in = Files.newInputStream(book); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet data = wb.getSheetAt(0);
            List<String> header = new ArrayList<>();
            data.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            Row row = data.createRow(1);
            row.createCell(header.indexOf("行政相对人名称")).setCellValue("贵州甲乙建材有限公司");
            row.createCell(header.indexOf("行政相对人类别")).setCellValue("法人及非法人组织");
            row.createCell(header.indexOf("行政相对人代码_1(统一社会信用代码)")).setCellValue("91350100M000100Y43");
            row.createCell(header.indexOf("行政处罚决定书文号")).setCellValue("筑南市监罚〔2026〕" + System.nanoTime() + "号");
            row.createCell(header.indexOf("处罚决定日期")).setCellValue("2026-11-02");
            row.createCell(header.indexOf("处罚机关")).setCellValue("贵阳市南明区市场监督管理局");
            try (var out = Files.newOutputStream(book)) {
                wb.write(out);
            }
        }

        FileSummary s = ingestService.ingest(book, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(1);
        assertThat(s.rejected()).isZero();
        assertThat(s.warnings()).noneSatisfy(w -> assertThat(w).contains("填写说明"));
    }

    @Test
    void a_workbook_from_an_online_form_tool_loads_with_its_iso_dates_and_excel_row_numbers() throws IOException {
        // no styles part, inline strings, no row or cell references, dates as ISO date cells (t="d")
        String[] header = {"行政相对人名称", "行政相对人类别", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期", "处罚机关"};
        String unique = Long.toString(System.nanoTime());
        Path book = org.creditpipeline.ingest.read.excel.RawXlsx.write(dir.resolve("form-tool-" + unique + ".xlsx"), false,
                org.creditpipeline.ingest.read.excel.RawXlsx.row(1, false, header)
                        + org.creditpipeline.ingest.read.excel.RawXlsx.row(2, false, "贵州甲乙建材有限公司", "法人及非法人组织",
                        "91350100M000100Y43", "筑南市监罚〔2026〕" + unique + "号", "d:2026-03-05T00:00:00", "南明区市场监督管理局")
                        + org.creditpipeline.ingest.read.excel.RawXlsx.row(3, false, "贵州丙丁商贸有限公司", "法人及非法人组织",
                        "91110000600037341N", "筑南市监罚〔2026〕2号", "d:2026-03-06T00:00:00", "南明区市场监督管理局"));

        FileSummary s = ingestService.ingest(book, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT source_row, decision_date::text AS d FROM staged_record WHERE file_id = ?",
                s.fileId())).containsEntry("source_row", 2L).containsEntry("d", "2026-03-05");
        assertThat(jdbc.queryForObject("SELECT source_row FROM rejected_row WHERE file_id = ?", Long.class, s.fileId()))
                .as("the row number the officer sees in Excel").isEqualTo(3L);
    }

    @Test
    void a_workbook_whose_sheets_fit_no_mapping_fails_with_the_mapping_message() throws IOException {
        Path book = TestWorkbooks.write(dir.resolve("notes-only-" + System.nanoTime() + ".xlsx"),
                new TestWorkbooks.SheetSpec("说明", null, List.of(List.of("栏目", "说明", "是否必填"),
                        List.of("行政相对人名称", "填写全称", "是")), false));

        FileSummary s = ingestService.ingest(book, null);

        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("缺少必需的列").contains("没有任何工作表能匹配数据映射");
        assertThat(s.errorReport()).isNotNull();
    }

    @Test
    void error_report_lists_rejected_rows_in_original_order_with_highlights_and_a_summary() throws IOException {
        Path book = TestWorkbooks.write(dir.resolve("county-bad-" + System.nanoTime() + ".xlsx"),
                new TestWorkbooks.SheetSpec("Sheet1", "XX县2026年11月行政处罚信息", List.of(PENALTY_HEADER,
                        List.of("王某甲", "自然人", "", "", "身份证", "11010519491231002X", "X监罚〔2026〕21号", "罚款", "0.2",
                                "2026-11-02", "XX县市场监督管理局", "2027-11-02"),
                        List.of("王某乙", "自然人", "", "", "身份证", "110105194912310021", "X监罚〔2026〕22号", "罚款", "两千",
                                "2026-11-02", "XX县市场监督管理局", "2027-11-02"),
                        List.of("某某公司", "法人", "", "", "", "", "X监罚〔2026〕23号", "罚款", "1", "2026-02-30",
                                "XX县市场监督管理局", "")), false));

        FileSummary s = ingestService.ingest(book, null);

        assertThat(s.accepted()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(2);
        Path report = Path.of(s.errorReport());
        assertThat(report.getFileName().toString()).isEqualTo(s.fileId() + "-" + book.getFileName().toString()
                .replace(".xlsx", "") + "-errors.xlsx");
        try (InputStream in = Files.newInputStream(report); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getSheetName(0)).isEqualTo("错误数据-Sheet1");
            assertThat(wb.getSheetName(1)).isEqualTo("汇总");
            Sheet rejects = wb.getSheetAt(0);
            assertThat(texts(rejects.getRow(0))).startsWith("行号").containsSubsequence(PENALTY_HEADER).endsWith("错误原因", "错误代码");
            Row first = rejects.getRow(1);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(4.0);
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("王某乙");
            int id = PENALTY_HEADER.indexOf("证件号码") + 1;
            int fine = PENALTY_HEADER.indexOf("罚款金额（万元）") + 1;
            assertThat(first.getCell(id).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
            assertThat(first.getCell(fine).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
            assertThat(first.getCell(1).getCellStyle().getFillPattern()).isEqualTo(FillPatternType.NO_FILL);
            String why = first.getCell(PENALTY_HEADER.size() + 1).getStringCellValue();
            assertThat(why).contains("身份证号码“110105194912310021”不正确").contains("金额“两千”").contains("未写单位");
            assertThat(rejects.getRow(2).getCell(PENALTY_HEADER.size() + 1).getStringCellValue()).contains("日期");
            List<String> summary = new ArrayList<>();
            wb.getSheetAt(1).forEach(r -> summary.add(String.join("|", texts(r))));
            assertThat(summary).anySatisfy(l -> assertThat(l).startsWith("格式 (format)|XLSX"));
            assertThat(summary).anySatisfy(l -> assertThat(l).startsWith("数据映射 (mapping)|penalty"));
            assertThat(summary).anySatisfy(l -> assertThat(l).startsWith("ID_INVALID|证件号码错误"));
            assertThat(summary).anySatisfy(l -> assertThat(l).startsWith("AMOUNT_INVALID|"));
        }
    }

    static List<String> texts(Row row) {
        List<String> out = new ArrayList<>();
        row.forEach(c -> out.add(switch (c.getCellType()) {
            case NUMERIC -> Long.toString((long) c.getNumericCellValue());
            default -> c.getStringCellValue();
        }));
        return out;
    }
}
