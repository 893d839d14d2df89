package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A county's 纪律处分 list as 纪检 officers send it — a title row, then 序号 | 姓名 | 工作单位及职务 | 处分种类 | 处分机关 |
 * 处分日期 | 违纪事实: no 文号, no ID number — and a 问责 list whose ID column is partly empty, end to end with real
 * commands: the rows ingest (a name alone is rejected, naming the columns that would identify the person), consolidate
 * by name + unit + decision (namesakes of another unit, a second sanction of the same person stay apart), the same list
 * sent again under another name merges into the same records, a rerun changes nothing, the records travel up to the
 * city, and the public export never shows a civil servant's ID number.
 */
class CountyDisciplineListFunctionalTests extends PostgresTestSupport {

    private static final String P = "nd_";
    private static final String ID = "11010519491231002X";
    private static final List<String> HEADER = List.of("序号", "姓名", "工作单位及职务", "处分种类", "处分机关", "处分日期",
            "违纪事实");
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("county-discipline");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    /**
     * The list; {@code again} is the same decisions re-sent in next month's file: another title, the authority written
     * short, the two kinds of one sanction in the other order.
     */
    private static List<List<String>> sanctions(boolean again) {
        String discipline = again ? "南明区纪委监委" : "中共贵阳市南明区纪律检查委员会";
        return List.of(HEADER,
                List.of("1", "张伟", "南明区财政局党组书记、局长", "党内警告", discipline, "2026-05-06", "违规收受礼金"),
                // a namesake in another unit, the same day, kind and authority
                List.of("2", "张伟", "南明区教育局科员", "党内警告", "中共贵阳市南明区纪律检查委员会", "2026-05-06", "违规收受礼金"),
                // the first 张伟 sanctioned again, months later
                List.of("3", "张伟", "南明区财政局党组书记、局长", "党内严重警告", discipline, "2026-09-10",
                        "违规发放津贴补贴"),
                List.of("4", "李娜", "南明区住房和城乡建设局 四级主任科员", "记过", "南明区监察委员会", "2026年10月12日",
                        "履职不力"),
                // a name alone: who is 王强?
                List.of("5", "王强", "", "警告", "南明区监察委员会", "2026-10-20", "违反工作纪律"),
                List.of("6", "陈静", "南明区应急管理局副局长", again ? "政务记过、党内警告" : "党内警告、政务记过",
                        discipline, "2026-11-03", "安全生产监管失职"));
    }

    private static List<List<String>> accountabilities() {
        return List.of(List.of("序号", "问责对象", "身份证号码", "工作单位及职务", "问责方式", "问责机关", "问责时间", "问责事由"),
                List.of("1", "赵敏", ID, "南明区市场监督管理局副局长", "诫勉", "中共南明区委", "2026-10-08", "食品安全监管不到位"),
                List.of("2", "南明区花果园街道办事处", "", "", "通报", "中共南明区委", "2026-10-08", "疫情防控措施落实不到位"));
    }

    /** An .xlsx as counties save it: the title merged across the columns above the header. */
    private static Path workbook(Path file, String sheetName, String title, List<List<String>> rows) throws IOException {
        try (Workbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet(sheetName);
            sheet.createRow(0).createCell(0).setCellValue(title);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, rows.get(0).size() - 1));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!rows.get(r).get(c).isEmpty()) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
        }
        return file;
    }

    @Test
    void aCountyListWithoutDocumentNumbersOrIdNumbersIngestsConsolidatesTravelsAndIsPublishedWithoutIds()
            throws IOException {
        List.of("county", "city").forEach(n -> jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + n + " CASCADE"));
        CliRunner cli = new CliRunner(config);
        String county = P + "county";
        Path first = workbook(root.resolve("南明区纪律处分11月.xlsx"), "Sheet1", "南明区2026年11月纪律处分信息公示表",
                sanctions(false));
        Path accountability = workbook(root.resolve("南明区问责处理11月.xlsx"), "问责处理", "南明区2026年11月问责处理情况",
                accountabilities());

        // given the county's two lists, when they are ingested and consolidated
        JsonNode ingested = cli.json("--node", county, "ingest", first.toString(), accountability.toString());
        assertThat(ingested.get("status").asString()).as(ingested.toString()).isEqualTo("COMPLETED");
        assertThat(cli.json("--node", county, "consolidate").get("status").asString()).isEqualTo("COMPLETED");

        // then every identified row is a record; the name alone is rejected, saying which columns would identify him
        assertThat(count("county", "staged_record")).isEqualTo(7);
        assertThat(jdbc.queryForObject("SELECT j.reasons->0->>'messageZh' FROM node_" + P + "county.rejected_row j",
                String.class)).isEqualTo("公职人员须填写身份证号码或工作单位及职务（至少填写一项）：仅凭姓名无法区分同名人员");
        // the officers' error report marks the empty 工作单位及职务 cell of that row and says why
        try (Workbook report = new XSSFWorkbook(Files.newInputStream(Path.of(ingested.at("/files/0/errorReport")
                .asString())))) {
            Sheet rejects = report.getSheetAt(0);
            assertThat(rejects.getRow(0).getCell(3).getStringCellValue()).isEqualTo("工作单位及职务");
            Row wang = rejects.getRow(1);
            assertThat(wang.getCell(2).getStringCellValue()).isEqualTo("王强");
            assertThat(wang.getCell(3).getCellStyle().getFillPattern())
                    .isEqualTo(org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND);
            assertThat(wang.getCell(HEADER.size() + 1).getStringCellValue()).contains("须填写身份证号码或工作单位及职务");
        }
        assertThat(count("county", "consolidated_record")).isEqualTo(7);
        assertThat(count("county", "consolidated_record WHERE document_number IS NOT NULL")).isZero();
        assertThat(jdbc.queryForList("SELECT concat_ws('|', subject_name, work_unit, position, category, decision_date)"
                + " FROM node_" + P + "county.consolidated_record WHERE record_kind = 'DISCIPLINARY_SANCTION'"
                + " ORDER BY id", String.class)).containsExactly(
                "张伟|南明区财政局|党组书记、局长|党内警告|2026-05-06",
                "张伟|南明区教育局|科员|党内警告|2026-05-06",
                "张伟|南明区财政局|党组书记、局长|党内严重警告|2026-09-10",
                "李娜|南明区住房和城乡建设局|四级主任科员|记过|2026-10-12",
                "陈静|南明区应急管理局|副局长|党内警告;记过|2026-11-03");

        // when the same list comes again in a renamed file (another title, the authority written short)
        Path again = workbook(root.resolve("南明区纪律处分（补报）.xlsx"), "Sheet1", "南明区2026年11月纪律处分信息（补报）",
                sanctions(true));
        assertThat(cli.run("--node", county, "ingest", again.toString())).as(cli.out() + cli.err()).isZero();
        JsonNode merged = cli.json("--node", county, "consolidate");

        // then its rows join the records they repeat: no new record, each sanction now from two source rows
        assertThat(merged.at("/summary/inserted").asLong()).isZero();
        assertThat(count("county", "staged_record")).isEqualTo(12);
        assertThat(count("county", "consolidated_record")).isEqualTo(7);
        assertThat(jdbc.queryForList("SELECT source_count FROM node_" + P + "county.consolidated_record WHERE record_kind"
                + " = 'DISCIPLINARY_SANCTION'", Integer.class)).containsOnly(2);
        assertThat(count("county", "review_pair")).as("namesakes are not even proposed for review").isZero();

        // and with nothing new, consolidation changes nothing
        long changes = jdbc.queryForObject("SELECT max(seq) FROM node_" + P + "county.change_log", Long.class);
        assertThat(cli.json("--node", county, "consolidate").get("status").asString()).isEqualTo("NOTHING_NEW");
        assertThat(jdbc.queryForObject("SELECT max(seq) FROM node_" + P + "county.change_log", Long.class))
                .isEqualTo(changes);

        // when the county pushes to the city
        assertThat(cli.run("--node", county, "push")).as(cli.out() + cli.err()).isZero();
        assertThat(cli.run("--node", P + "city", "receive")).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).doesNotContain("REFUSED", "HELD");

        // then the city holds the same seven records, the namesakes and the second sanction still apart
        assertThat(count("city", "consolidated_record")).isEqualTo(7);
        assertThat(count("city", "consolidated_record WHERE subject_name = '张伟'")).isEqualTo(3);
        assertThat(cli.run("--node", county, "push")).as(cli.out() + cli.err()).isZero();
        assertThat(jdbc.queryForList("SELECT DISTINCT outcome FROM node_" + P + "county.exchange_feedback", String.class))
                .containsExactly("ACCEPTED");

        // and the public export names them with their units, never with the civil servant's ID number
        for (String node : List.of(county, P + "city")) {
            JsonNode export = cli.json("--node", node, "export", "--kind", "public", "--as-of", "2026-11-27");
            String published = Files.readString(Path.of(export.get("dataFile").asString()));
            assertThat(export.get("records").asLong()).as(node).isEqualTo(7);
            assertThat(published).contains("张伟", "南明区教育局", "赵敏", "南明区花果园街道办事处")
                    .doesNotContain(ID, ID.substring(0, 10), ID.substring(14));
        }
    }

    private long count(String node, String fromWhere) {
        return jdbc.queryForObject("SELECT count(*) FROM node_" + P + node + "." + fromWhere, Long.class);
    }
}
