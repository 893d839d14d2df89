package org.creditpipeline.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.creditpipeline.exchange.CliRunner;
import org.creditpipeline.exchange.TestNodes;
import org.creditpipeline.normalize.Uscc;
import org.creditpipeline.support.PostgresTestSupport;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status import}: a list of repairs, objections and withdrawals as an officer receives it, applied row by row
 * with the same audit entries and changes as {@code status set}; rows that find no record, several, or a refused change
 * are reported and change nothing, the others are applied. Real commands against the test database.
 */
class StatusImportCommandTest extends PostgresTestSupport {

    private static final String P = "si_";
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("status-import");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    static String uscc(String first17) {
        return first17 + Uscc.checkChar(first17);
    }

    @Test
    void aListOfStatusChangesIsAppliedRowByRowAndEachRowGetsItsOutcome() throws IOException {
        String county = P + "county";
        String schema = "node_" + county;
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        CliRunner cli = new CliRunner(config);
        String a = uscc("91520102MA6DK0A01");
        String b = uscc("91520102MA6DK0B02");
        String c = uscc("91520102MA6DK0C03");
        String d = uscc("91520102MA6DK0D04");
        Path upload = root.resolve("upload.csv");
        // two subjects share one joint decision 〔2026〕401号; each other decision is its own
        Files.writeString(upload, PenaltyCsv.HEADER
                + PenaltyCsv.row("贵阳甲科技有限公司", a, "筑南市监罚〔2026〕401号")
                + PenaltyCsv.row("贵阳乙科技有限公司", b, "筑南市监罚〔2026〕401号")
                + PenaltyCsv.row("贵阳丙科技有限公司", c, "筑南市监罚〔2026〕402号")
                + PenaltyCsv.row("贵阳丁科技有限公司", d, "筑南市监罚〔2026〕403号"), StandardCharsets.UTF_8);
        assertThat(cli.run("--node", county, "ingest", upload.toString())).as(cli.err()).isZero();
        assertThat(cli.run("--node", county, "consolidate")).as(cli.err()).isZero();
        Map<String, Long> ids = new java.util.HashMap<>();
        jdbc.query("SELECT uscc, id FROM " + schema + ".consolidated_record", rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(ids).hasSize(4);
        long seqBefore = jdbc.queryForObject("SELECT max(seq) FROM " + schema + ".change_log", Long.class);

        // a GBK list as a platform sends it: a title row, the 文号 in another bracket style, full-width spaces
        Path list = root.resolve("修复结果.csv");
        String text = "信用修复结果清单（2026年11月）\n"
                + "序号,行政处罚决定书文号,统一社会信用代码,名称,状态,原因,修复决定文号\n"
                + "1,筑南市监罚[2026]402号," + c + ",贵阳丙科技有限公司,已修复,已履行处罚并完成信用承诺,黔信修〔2026〕12号\n"
                + "2,筑南市监罚（2026）401号,,,已修复,已履行,黔信修〔2026〕13号\n" // two records: ambiguous
                + "3,筑南市监罚〔2026〕401号," + a + ",,异议,当事人提出异议,\n"
                + "4,筑南市监罚〔2026〕499号," + d + ",,已修复,已履行,\n" // no such decision
                + "5,筑南市监罚〔2026〕403号," + d + ",,作废,,\n" // unknown status word
                + "6,筑南市监罚〔2026〕403号," + d + ",,已撤销,决定被复议撤销,黔市监复〔2026〕3号\n";
        Files.write(list, text.getBytes(Charset.forName("GB18030")));

        // a check first: says what each row would do and changes nothing
        JsonNode check = cli.json("--node", county, "status", "import", list.toString(), "--check");
        assertThat(check.get("wouldApply").asLong()).isEqualTo(3);
        assertThat(check.get("notFound").asLong()).isEqualTo(1);
        assertThat(check.get("ambiguous").asLong()).isEqualTo(1);
        assertThat(check.get("invalid").asLong()).isEqualTo(1);
        assertThat(check.get("headerRow").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT max(seq) FROM " + schema + ".change_log", Long.class))
                .isEqualTo(seqBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema + ".consolidated_record WHERE status <> 'ACTIVE'",
                Long.class)).isZero();

        Path result = root.resolve("result.csv");
        assertThat(cli.run("--node", county, "status", "import", list.toString(), "--actor", "张科员", "--out",
                result.toString())).as("a row was not applied").isEqualTo(1);
        assertThat(cli.out()).contains("3 row(s) applied", "3 not applied",
                "row 4: AMBIGUOUS: 找到多条记录（" + Math.min(ids.get(a), ids.get(b)) + "、" + Math.max(ids.get(a), ids.get(b)),
                "row 6: NOT_FOUND: 未找到文号/案号“筑南市监罚〔2026〕499号”",
                "row 7: INVALID: 状态“作废”无法识别");
        assertThat(status(schema, ids.get(c))).isEqualTo("REPAIRED");
        assertThat(status(schema, ids.get(a))).isEqualTo("UNDER_OBJECTION");
        assertThat(status(schema, ids.get(b))).isEqualTo("ACTIVE");
        assertThat(status(schema, ids.get(d))).isEqualTo("WITHDRAWN");
        assertThat(jdbc.queryForList("SELECT new_status || ' ' || coalesce(ref, '') || ' ' || actor FROM " + schema
                + ".status_audit WHERE record_id = ?", String.class, ids.get(c)))
                .containsExactly("REPAIRED 黔信修〔2026〕12号 张科员");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema + ".change_log WHERE change_type = 'STATUS'"
                + " AND seq > ?", Long.class, seqBefore)).isEqualTo(3);

        // the officer's result: every row, its cells as sent and its outcome
        List<String> lines = Files.readAllLines(result, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("\ufeff序号,行政处罚决定书文号,").endsWith(",行号,处理结果,记录编号,原状态,新状态,变更序号,说明");
        assertThat(lines).hasSize(7);
        assertThat(lines.get(1)).contains("黔信修〔2026〕12号,3,已变更 APPLIED," + ids.get(c) + ",ACTIVE,REPAIRED,");
        assertThat(lines.get(2)).contains(",4,多条匹配 AMBIGUOUS,");

        // the same list again changes nothing more; a repaired record cannot be put under objection
        assertThat(cli.run("--node", county, "status", "import", list.toString(), "--out", result.toString()))
                .isEqualTo(1);
        assertThat(cli.out()).contains("0 row(s) applied", "3 already had the status");
        Path objection = root.resolve("异议.csv");
        Files.writeString(objection, "记录编号,状态,原因\n" + ids.get(c) + ",异议,当事人提出异议\n" + "99999999,异议,x\n");
        assertThat(cli.run("--node", county, "status", "import", objection.toString(), "--out", result.toString()))
                .isEqualTo(1);
        assertThat(cli.out()).contains("row 2: REFUSED (record " + ids.get(c) + ")", "row 3: NOT_FOUND");
        assertThat(status(schema, ids.get(c))).isEqualTo("REPAIRED");

        // a person as public lists show one: the ID number masked, found on its visible characters
        Path person = root.resolve("person.csv");
        Files.writeString(person, "行政相对人名称,行政相对人类别,证件类型,证件号码,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,"
                + "处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关,地方编码\n"
                + "王某某,自然人,身份证,11010519491231002X,筑南市监罚〔2026〕601号,食品安全,销售过期食品,"
                + "《食品安全法》第一百二十四条,罚款,罚款2000元,0.2,2026-10-12,贵阳市南明区市场监督管理局,520102\n");
        assertThat(cli.run("--node", county, "ingest", person.toString())).as(cli.err()).isZero();
        assertThat(cli.run("--node", county, "consolidate")).as(cli.err()).isZero();
        long p = jdbc.queryForObject("SELECT id FROM " + schema + ".consolidated_record WHERE id_number IS NOT NULL",
                Long.class);
        Path masked = root.resolve("masked.csv");
        Files.writeString(masked, "文号,证件号码,状态,原因\n"
                + "筑南市监罚〔2026〕601号,110105********003X,已修复,x\n" // another number's tail
                + "筑南市监罚〔2026〕601号,11****************,已修复,x\n" // too little shown
                + "筑南市监罚〔2026〕601号,110105********002X,已修复,已履行\n");
        assertThat(cli.run("--node", county, "status", "import", masked.toString(), "--out", result.toString()))
                .isEqualTo(1);
        assertThat(cli.out()).contains("1 row(s) applied", "row 2: NOT_FOUND", "row 3: INVALID: '11****************' shows too little");
        assertThat(status(schema, p)).isEqualTo("REPAIRED");
        JsonNode found = cli.json("--node", county, "record", "find", "--subject", "110105********002X");
        assertThat(found.toString()).contains("\"recordId\":" + p);
    }

    @Test
    void aWorkbookWithoutAStatusColumnTakesTheCommandsStatusAndReason() throws IOException {
        String county = P + "wb";
        String schema = "node_" + county;
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        CliRunner cli = new CliRunner(config);
        String e = uscc("91520102MA6DK0E05");
        Path upload = root.resolve("wb-upload.csv");
        Files.writeString(upload, PenaltyCsv.HEADER + PenaltyCsv.row("贵阳戊科技有限公司", e, "筑南市监罚〔2026〕501号"),
                StandardCharsets.UTF_8);
        assertThat(cli.run("--node", county, "ingest", upload.toString())).as(cli.err()).isZero();
        assertThat(cli.run("--node", county, "consolidate")).as(cli.err()).isZero();
        long id = jdbc.queryForObject("SELECT id FROM " + schema + ".consolidated_record", Long.class);

        Path list = root.resolve("repaired.xlsx");
        try (var out = Files.newOutputStream(list); XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet ws = wb.createSheet("修复名单");
            ws.createRow(0).createCell(0).setCellValue("决定书文号");
            ws.getRow(0).createCell(1).setCellValue("统一社会信用代码");
            ws.createRow(1).createCell(0).setCellValue("筑南市监罚〔2026〕501号");
            ws.getRow(1).createCell(1).setCellValue(e);
            wb.write(out);
        }
        assertThat(cli.run("--node", county, "status", "import", list.toString(), "--out",
                root.resolve("wb-result.csv").toString())).as(cli.out()).isEqualTo(1);
        assertThat(cli.out()).contains("row 2: INVALID: 缺少状态");
        assertThat(cli.run("--node", county, "status", "import", list.toString(), "--status", "repaired", "--reason",
                "信用修复", "--out", root.resolve("wb-result.csv").toString())).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("sheet 修复名单", "1 row(s) applied");
        assertThat(status(schema, id)).isEqualTo("REPAIRED");

        // the same list from Excel 97-2003, a record id typed as a number: already repaired, nothing to do
        Path xls = root.resolve("repaired.xls");
        try (var out = Files.newOutputStream(xls); HSSFWorkbook wb = new HSSFWorkbook()) {
            var ws = wb.createSheet("名单");
            ws.createRow(0).createCell(0).setCellValue("记录编号");
            ws.getRow(0).createCell(1).setCellValue("状态");
            ws.getRow(0).createCell(2).setCellValue("原因");
            ws.createRow(1).createCell(0).setCellValue((double) id);
            ws.getRow(1).createCell(1).setCellValue("已修复");
            ws.getRow(1).createCell(2).setCellValue("信用修复");
            wb.write(out);
        }
        assertThat(cli.run("--node", county, "status", "import", xls.toString(), "--out",
                root.resolve("xls-result.csv").toString())).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("sheet 名单", "0 row(s) applied", "1 already had the status");

        Path noHeader = root.resolve("no-header.csv");
        Files.writeString(noHeader, "a,b\n1,2\n");
        assertThat(cli.run("--node", county, "status", "import", noHeader.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("未找到表头");
    }

    @Test
    void tabAndSemicolonListsAreReadAsTheIngestReadsThemWithTitleAndSepLines() throws IOException {
        String county = P + "delim";
        String schema = "node_" + county;
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        CliRunner cli = new CliRunner(config);
        String f = uscc("91520102MA6DK0F06");
        String g = uscc("91520102MA6DK0G07");
        Path upload = root.resolve("delim-upload.csv");
        Files.writeString(upload, PenaltyCsv.HEADER + PenaltyCsv.row("贵阳己商贸有限公司", f, "筑南市监罚〔2026〕601号")
                + PenaltyCsv.row("贵阳庚商贸有限公司", g, "筑南市监罚〔2026〕602号"), StandardCharsets.UTF_8);
        assertThat(cli.run("--node", county, "ingest", upload.toString())).as(cli.err()).isZero();
        assertThat(cli.run("--node", county, "consolidate")).as(cli.err()).isZero();
        String byUscc = "SELECT id FROM " + schema + ".consolidated_record WHERE uscc = ?";
        long idF = jdbc.queryForObject(byUscc, Long.class, f);
        long idG = jdbc.queryForObject(byUscc, Long.class, g);

        // Excel's "Unicode text" style: tab-separated, a title line without any tab above the header
        Path tabs = root.resolve("异议名单.txt");
        Files.writeString(tabs, "2026年11月异议登记名单\n行政处罚决定书文号\t统一社会信用代码\t状态\t原因\n"
                + "筑南市监罚〔2026〕601号\t" + f + "\t异议\t当事人提出异议\n");
        assertThat(cli.run("--node", county, "status", "import", tabs.toString(), "--out",
                root.resolve("tabs-result.csv").toString())).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("1 row(s) applied");
        assertThat(status(schema, idF)).isEqualTo("UNDER_OBJECTION");

        // Excel's "CSV (separator)" export: a sep=; line, then a semicolon list; row numbers stay the file's lines
        Path semicolons = root.resolve("撤销名单.csv");
        Files.write(semicolons, ("sep=;\n文号;统一社会信用代码;状态;原因\n筑南市监罚〔2026〕699号;" + g + ";已撤销;决定撤销\n"
                + "筑南市监罚〔2026〕602号;" + g + ";已撤销;决定撤销\n").getBytes(Charset.forName("GB18030")));
        assertThat(cli.run("--node", county, "status", "import", semicolons.toString(), "--out",
                root.resolve("semicolons-result.csv").toString())).as(cli.out() + cli.err()).isEqualTo(1);
        assertThat(cli.out()).contains("1 row(s) applied", "row 3: NOT_FOUND");
        assertThat(status(schema, idG)).isEqualTo("WITHDRAWN");
    }

    private String status(String schema, long id) {
        return jdbc.queryForObject("SELECT status FROM " + schema + ".consolidated_record WHERE id = ?", String.class, id);
    }
}
