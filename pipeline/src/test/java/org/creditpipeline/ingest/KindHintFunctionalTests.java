package org.creditpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.ingest.TestWorkbooks.SheetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 政务失信 uploads of 纪律处分 and 问责处理 as county officers send them, end to end on embedded PostgreSQL: generic
 * headers (单位, 种类, 决定机关, 时间) under a sheet name, a title row or a file name that tells the kind. A penalty
 * table keeps its own mapping whatever its sheet is called; a file whose kind cannot be told fails saying what was
 * found and how to name the kind.
 */
class KindHintFunctionalTests extends IngestFunctionalTestSupport {

    static final List<String> SANCTION_HEADER = List.of("序号", "姓名", "身份证号", "单位", "职务", "种类", "事由", "依据",
            "决定机关", "决定日期", "文号");
    static final List<String> ACCOUNTABILITY_HEADER = List.of("序号", "对象", "身份证号", "单位", "职务", "方式", "事由", "决定机关",
            "时间", "文号");

    @TempDir
    Path dir;

    /** Two sanctions, one 政务 and one 党纪 and 政务 together; unique 文号 so that each file's bytes differ. */
    private static List<List<String>> sanctions() {
        long n = System.nanoTime();
        List<List<String>> rows = new ArrayList<>();
        rows.add(SANCTION_HEADER);
        rows.add(List.of("1", "贾宇", "440703197601160028", "南明区住房和城乡建设局", "四级主任科员", "记过",
                "违规发放津贴补贴", "《中华人民共和国公职人员政务处分法》第三十三条", "南明区监察委员会", "2026-11-05",
                "南监处〔2026〕" + n + "号"));
        rows.add(List.of("2", "何娜", "510107196901223883", "南明区市场监督管理局", "科长", "党内警告；政务记过",
                "违反中央八项规定精神", "《中国共产党纪律处分条例》第一百零二条", "中共南明区纪律检查委员会", "2026-11-12",
                "南纪处〔2026〕" + (n + 1) + "号"));
        return rows;
    }

    private static List<List<String>> accountabilities() {
        long n = System.nanoTime();
        List<List<String>> rows = new ArrayList<>();
        rows.add(ACCOUNTABILITY_HEADER);
        rows.add(List.of("1", "王强", "510107196901223883", "南明区应急管理局", "副局长", "诫勉", "安全生产监管责任落实不到位",
                "中共南明区纪律检查委员会", "2026-11-03", "南纪问〔2026〕" + n + "号"));
        rows.add(List.of("2", "南明区花果园街道办事处", "", "", "", "通报", "疫情防控措施落实不到位",
                "中共南明区委", "2026-11-20", "南委问〔2026〕" + (n + 1) + "号"));
        return rows;
    }

    private List<String> kinds(FileSummary s) {
        return jdbc.queryForList("SELECT DISTINCT record_kind FROM staged_record WHERE file_id = ? ORDER BY 1",
                String.class, s.fileId());
    }

    @Test
    void a_sheet_named_for_the_kind_reads_generic_sanction_headers() throws IOException {
        Path file = TestWorkbooks.write(dir.resolve("upload-sheet.xlsx"), new SheetSpec("纪律处分", null, sanctions(),
                false));

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("sanction");
        assertThat(s.accepted()).as(ingestService.rejectExamples(s.fileId(), 5).toString()).isEqualTo(2);
        assertThat(kinds(s)).containsExactly("DISCIPLINARY_SANCTION");
        assertThat(s.warnings()).contains("upload-sheet.xlsx sheet 纪律处分: read as 'sanction' because the sheet name"
                + " '纪律处分' (工作表名) names the kind, generic headers 单位 → workUnit, 种类 → category, 决定机关 →"
                + " authorityName (按名称识别记录类型，通用表头据此对应)");
        assertThat(jdbc.queryForList("SELECT concat_ws('|', work_unit, position, category, authority_name, decision_date)"
                + " FROM staged_record WHERE file_id = ? ORDER BY source_row", String.class, s.fileId()))
                .containsExactly("南明区住房和城乡建设局|四级主任科员|记过|南明区监察委员会|2026-11-05",
                        "南明区市场监督管理局|科长|党内警告;记过|中共南明区纪律检查委员会|2026-11-12");
    }

    @Test
    void a_title_row_above_a_generic_header_tells_the_kind() throws IOException {
        Path file = TestWorkbooks.write(dir.resolve("upload-title.xlsx"), new SheetSpec("Sheet1",
                "南明区2026年11月纪律处分信息公示表", sanctions(), false));

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("sanction");
        assertThat(s.accepted()).as(ingestService.rejectExamples(s.fileId(), 5).toString()).isEqualTo(2);
    }

    @Test
    void the_file_name_tells_the_kind_of_generic_accountability_headers() throws IOException {
        Path file = TestWorkbooks.write(dir.resolve("南明区问责处理11月.xlsx"), new SheetSpec("Sheet1", null,
                accountabilities(), false));

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("accountability");
        assertThat(s.accepted()).as(ingestService.rejectExamples(s.fileId(), 5).toString()).isEqualTo(2);
        assertThat(kinds(s)).containsExactly("ACCOUNTABILITY");
        assertThat(jdbc.queryForList("SELECT concat_ws('|', subject_name, category, authority_name, decision_date)"
                + " FROM staged_record WHERE file_id = ? ORDER BY source_row", String.class, s.fileId()))
                .containsExactly("王强|诫勉|中共南明区纪律检查委员会|2026-11-03",
                        "南明区花果园街道办事处|通报|中共南明区委|2026-11-20");
    }

    @Test
    void one_workbook_with_a_sheet_per_kind_maps_each_sheet_by_its_name() throws IOException {
        Path file = TestWorkbooks.write(dir.resolve("南明区政务失信11月.xlsx"),
                new SheetSpec("纪律处分", null, sanctions(), false),
                new SheetSpec("问责处理", null, accountabilities(), false));

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactlyInAnyOrder("sanction", "accountability");
        assertThat(s.accepted()).as(ingestService.rejectExamples(s.fileId(), 5).toString()).isEqualTo(4);
        assertThat(kinds(s)).containsExactly("ACCOUNTABILITY", "DISCIPLINARY_SANCTION");
    }

    @Test
    void a_csv_with_a_title_line_tells_the_kind() throws IOException {
        StringBuilder csv = new StringBuilder("\uFEFF南明区2026年11月纪律处分信息公示表,,,,,,,,,,\n");
        sanctions().forEach(row -> csv.append(String.join(",", row)).append('\n'));
        Path file = Files.writeString(dir.resolve("upload.csv"), csv, StandardCharsets.UTF_8);

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("sanction");
        assertThat(s.accepted()).as(ingestService.rejectExamples(s.fileId(), 5).toString()).isEqualTo(2);
    }

    @Test
    void a_penalty_table_in_a_sheet_named_for_another_kind_stays_a_penalty_table() throws IOException {
        long n = System.nanoTime();
        Path file = TestWorkbooks.write(dir.resolve("南明区纪律处分11月.xlsx"), new SheetSpec("纪律处分", null, List.of(
                List.of("行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)", "法定代表人",
                        "行政处罚决定书文号", "违法事实", "处罚类别", "处罚决定日期", "处罚机关"),
                List.of("贵阳某某有限公司", "法人及非法人组织", "91520102MA6H4L5P93", "张三", "南监罚〔2026〕" + n + "号",
                        "未按规定公示年度报告", "警告", "2026-11-05", "南明区市场监督管理局")), false));

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("penalty");
        assertThat(kinds(s)).containsExactly("ADMINISTRATIVE_PENALTY");
    }

    @Test
    void generic_headers_without_any_hint_fail_and_say_how_to_name_the_kind_and_then_ingest_with_it()
            throws IOException {
        Path file = TestWorkbooks.write(dir.resolve("2026年11月.xlsx"), new SheetSpec("Sheet1", null, sanctions(),
                false));

        FileSummary failed = ingestService.ingest(file, null);

        assertThat(failed.status()).isEqualTo(FileSummary.FAILED);
        assertThat(failed.message()).contains("Found headers (文件中的列): [序号, 姓名, 身份证号, 单位, 职务, 种类")
                .contains("工作表名、标题行和文件名均未说明记录类型")
                .contains("--mapping accountability or --mapping sanction");

        FileSummary named = ingestService.ingest(file, "sanction");

        assertThat(named.status()).as(named.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(named.accepted()).as(ingestService.rejectExamples(named.fileId(), 5).toString()).isEqualTo(2);
        assertThat(kinds(named)).containsExactly("DISCIPLINARY_SANCTION");
    }

    @Test
    void accountability_headers_with_a_generic_date_column_read_by_what_the_other_headers_say() throws IOException {
        long n = System.nanoTime();
        Path file = TestWorkbooks.write(dir.resolve("upload-acc.xlsx"), new SheetSpec("Sheet1", null, List.of(
                List.of("问责对象", "身份证号码", "问责方式", "问责事由", "问责机关", "时间", "文号"),
                List.of("王强", "510107196901223883", "组织调整", "河长制工作履职不力", "中共南明区委", "2026-11-18",
                        "南委问〔2026〕" + n + "号")), false));

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("accountability");
        assertThat(s.accepted()).as(ingestService.rejectExamples(s.fileId(), 5).toString()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT decision_date::text FROM staged_record WHERE file_id = ?", String.class,
                s.fileId())).isEqualTo("2026-11-18");
    }

    @Test
    void an_old_xls_with_a_merged_title_and_a_form_line_above_the_generic_header() throws IOException {
        Path file = dir.resolve("upload-old.xls");
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook book = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
             java.io.OutputStream out = Files.newOutputStream(file)) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.createSheet("Sheet1");
            sheet.createRow(0).createCell(0).setCellValue("南明区2026年11月纪律处分信息公示表");
            sheet.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(0, 0, 0, SANCTION_HEADER.size() - 1));
            org.apache.poi.ss.usermodel.Row form = sheet.createRow(1);
            form.createCell(0).setCellValue("填报单位：中共南明区纪律检查委员会");
            form.createCell(8).setCellValue("填报日期：2026年11月30日");
            List<List<String>> rows = sanctions();
            for (int r = 0; r < rows.size(); r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r + 2);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            book.write(out);
        }

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("sanction");
        assertThat(s.accepted()).as(ingestService.rejectExamples(s.fileId(), 5).toString()).isEqualTo(2);
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("because the title row"
                + " '南明区2026年11月纪律处分信息公示表' (标题行) names the kind"));
    }

    @Test
    void a_web_page_saved_as_xls_with_its_title_in_the_table() throws IOException {
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body><table>"
                + "<tr><td colspan=\"9\">南明区2026年11月问责处理情况</td></tr>");
        for (List<String> row : accountabilities()) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(cell).append("</td>"));
            html.append("</tr>");
        }
        html.append("</table></body></html>");
        Path file = Files.writeString(dir.resolve("export.xls"), html, StandardCharsets.UTF_8);

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("accountability");
        assertThat(s.accepted()).as(ingestService.rejectExamples(s.fileId(), 5).toString()).isEqualTo(2);
    }

    @Test
    void a_json_feed_with_generic_keys_is_told_by_its_envelope() throws IOException {
        long n = System.nanoTime();
        String json = "{\"code\": 0, \"type\": \"纪律处分\", \"data\": " + JsonKindHintTest.SANCTIONS
                .replace("南监处〔2026〕11号", "南监处〔2026〕" + n + "号") + "}";
        Path file = Files.writeString(dir.resolve("interface-export.json"), json, StandardCharsets.UTF_8);

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("sanction");
        assertThat(s.accepted()).as(ingestService.rejectExamples(s.fileId(), 5).toString()).isEqualTo(2);
        assertThat(kinds(s)).containsExactly("DISCIPLINARY_SANCTION");
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).startsWith("interface-export.json: read as 'sanction'"
                + " because the JSON envelope field 'type' = '纪律处分' (JSON外层字段) names the kind, generic headers"
                + " name → subjectName"));
    }
}
