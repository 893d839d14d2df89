package org.creditpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.creditpipeline.exchange.CliRunner;
import org.creditpipeline.exchange.TestNodes;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ingest --check}, end to end through the command line on a county node with a region (520102 in
 * {@link TestNodes}): the check reads, maps and validates as an ingest does and writes the same error report, but no
 * table of the node's schema changes (Spring Batch's included), so the ingest that follows stores the file instead of
 * skipping it; a file no mapping fits fails the check as it fails an ingest; the check takes no node lock.
 */
class IngestCheckFunctionalTests extends PostgresTestSupport {

    private static final String P = "ck_";
    private static final String NODE = P + "county";
    private static final String SCHEMA = "node_" + NODE;
    private static Path root;
    private static Path config;

    private static final String HEADER = "行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,"
            + "处罚类别,罚款金额（万元）,处罚决定日期,处罚机关,地方编码";

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("ingest-check");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    /**
     * Rows 2 and 3 good; 4 of another province (outside the county); 5 a USCC with a wrong check digit; 6 without
     * 文号. Unique 文号, so that every file's bytes differ.
     */
    private static Path upload(String name) throws IOException {
        long n = System.nanoTime();
        List<String> rows = List.of(
                "贵阳南明某某商贸有限公司,法人及非法人组织,91520102MA6H3K2J15,筑南市监罚〔2026〕" + n + "号,罚款,0.2,"
                        + "2026-11-02,贵阳市南明区市场监督管理局,520102",
                "南明区某某五金店,法人及非法人组织,,筑南市监罚〔2026〕" + (n + 1) + "号,警告,,2026-11-06,"
                        + "贵阳市南明区市场监督管理局,",
                "杭州某某贸易有限公司,法人及非法人组织,,杭西市监罚〔2026〕" + (n + 2) + "号,罚款,0.3,2026-11-03,"
                        + "杭州市西湖区市场监督管理局,330106",
                "贵阳某某建材有限公司,法人及非法人组织,91520102MA6H3K2J16,筑南市监罚〔2026〕" + (n + 3) + "号,罚款,1,"
                        + "2026-11-04,贵阳市南明区市场监督管理局,520102",
                "贵阳某某餐饮有限公司,法人及非法人组织,,,罚款,0.1,2026-11-05,贵阳市南明区市场监督管理局,520102");
        return Files.writeString(root.resolve(name), HEADER + "\n" + String.join("\n", rows) + "\n",
                StandardCharsets.UTF_8);
    }

    /** Rows of every table of the node's schema: business tables and Spring Batch's. */
    private Map<String, Long> tableRows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_type = 'BASE TABLE' ORDER BY 1", String.class, SCHEMA)) {
            rows.put(table, jdbc.queryForObject("SELECT count(*) FROM " + SCHEMA + "." + table, Long.class));
        }
        return rows;
    }

    /** A fresh schema for the county with one file really ingested, so that no table is empty by accident. */
    private CliRunner countyWithOneFile() throws IOException {
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("--node", NODE, "ingest", upload("earlier-" + System.nanoTime() + ".csv").toString()))
                .as(cli.err()).isZero();
        return cli;
    }

    @Test
    void aCheckWritesTheErrorReportAndStoresNothingAndTheIngestAfterItStoresTheFile() throws IOException {
        CliRunner cli = countyWithOneFile();
        Path file = upload("check-then-ingest-" + System.nanoTime() + ".csv");
        Map<String, Long> before = tableRows();
        assertThat(before).containsKeys("ingest_file", "staged_record", "rejected_row", "batch_job_instance",
                "batch_job_execution", "batch_step_execution");
        assertThat(before.get("staged_record")).isPositive();

        assertThat(cli.run("--node", NODE, "ingest", "--check", "--show-rejects", "5", file.toString()))
                .as(cli.err()).isZero();

        assertThat(tableRows()).as("no table of the node changed").isEqualTo(before);
        String text = cli.out();
        assertThat(text).startsWith("ingest --check on node '" + NODE + "': 1 file(s)")
                .contains("CHECK ONLY (仅检查，不导入): nothing is stored")
                .contains("read 5  accepted 2  rejected 3  (CSV UTF-8; mapping penalty)")
                .doesNotContain("job execution").doesNotContain("table rejected_row")
                .contains("Check only: nothing was stored (仅检查，未导入任何数据); run the same command without --check")
                .contains("row 4: 地方编码 330106 不在本节点（" + NODE + " 520102）辖区内 [地方编码]")
                .contains("row 5: 统一社会信用代码“91520102MA6H3K2J16”校验不通过")
                .contains("row 6: “行政处罚决定书文号”为必填项，不能为空 [行政处罚决定书文号]");
        Path checkReport = Path.of(text.lines().filter(l -> l.contains("error report (错误报告): ")).findFirst()
                .orElseThrow().replaceFirst(".*error report \\(错误报告\\): ", ""));
        assertThat(checkReport.getFileName().toString()).startsWith("check-").endsWith("-errors.xlsx");
        List<List<String>> checkRejects;
        List<String> checkCodes;
        try (InputStream in = Files.newInputStream(checkReport); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet rejects = wb.getSheetAt(0);
            checkRejects = rows(rejects);
            List<String> head = checkRejects.get(0);
            assertThat(checkRejects).extracting(r -> r.get(0)).containsExactly("行号", "4", "5", "6");
            assertThat(checkRejects.get(1).get(head.indexOf("错误原因")))
                    .isEqualTo("地方编码 330106 不在本节点（" + NODE + " 520102）辖区内");
            assertThat(rejects.getRow(1).getCell(head.indexOf("地方编码")).getCellStyle().getFillPattern())
                    .as("the offending cell is filled").isEqualTo(FillPatternType.SOLID_FOREGROUND);
            List<String> summary = rows(wb.getSheet("汇总")).stream().map(r -> String.join("|", r)).toList();
            assertThat(summary).contains("文件编号 (file id)|无：仅检查，未导入 (none: a check stores nothing)",
                    "状态 (status)|检查完成，未导入 COMPLETED (check)", "拒绝行数 (rejected)|3");
            assertThat(summary).anySatisfy(l -> assertThat(l).startsWith("仅检查 (check only)|本次只检查文件，没有保存任何数据"));
            checkCodes = codeTable(summary);
            assertThat(checkCodes).containsExactlyInAnyOrder(
                    "REGION_OUTSIDE_NODE|地方编码不在本节点辖区内，例如：地方编码 330106 不在本节点（" + NODE + " 520102）辖区内|1",
                    "USCC_INVALID|统一社会信用代码错误，例如：统一社会信用代码“91520102MA6H3K2J16”校验不通过（校验位错误）|1",
                    "REQUIRED_MISSING|必填项为空，例如：“行政处罚决定书文号”为必填项，不能为空|1");
        }

        // the ingest that follows is not skipped as a duplicate: it stores what the check announced
        JsonNode ingested = cli.json("--node", NODE, "ingest", file.toString());
        JsonNode f = ingested.at("/files/0");
        assertThat(f.get("status").asString()).as(f.toString()).isEqualTo("COMPLETED");
        assertThat(f.get("accepted").asLong()).isEqualTo(2);
        assertThat(f.get("rejected").asLong()).isEqualTo(3);
        long fileId = f.get("fileId").asLong();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + SCHEMA + ".staged_record WHERE file_id = ?",
                Long.class, fileId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + SCHEMA + ".rejected_row WHERE file_id = ?",
                Long.class, fileId)).isEqualTo(3);
        // and its error report says what the check's said, row for row
        try (InputStream in = Files.newInputStream(Path.of(f.get("errorReport").asString()));
             XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(rows(wb.getSheetAt(0))).isEqualTo(checkRejects);
            assertThat(codeTable(rows(wb.getSheet("汇总")).stream().map(r -> String.join("|", r)).toList()))
                    .isEqualTo(checkCodes);
        }

        // checked again, the file is one an ingest would skip: the check still validates it, and says so
        JsonNode again = cli.json("--node", NODE, "ingest", "--check", file.toString()).at("/files/0");
        assertThat(again.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(again.get("rejected").asLong()).isEqualTo(3);
        assertThat(again.get("warnings").toString()).contains("already ingested (已导入过)")
                .contains("file id " + fileId).contains("would be SKIPPED");
    }

    @Test
    void aFileNoMappingFitsFailsTheCheckWithTheMessageOfTheIngest() throws IOException {
        CliRunner cli = countyWithOneFile();
        Path file = Files.writeString(root.resolve("roster-" + System.nanoTime() + ".csv"),
                "工号,部门,入职日期,岗位\n1001,办公室,2020-01-01,科员\n", StandardCharsets.UTF_8);
        Map<String, Long> before = tableRows();

        assertThat(cli.run("--node", NODE, "--json", "ingest", "--check", file.toString())).isEqualTo(1);
        JsonNode checked = json(cli.out());
        assertThat(tableRows()).isEqualTo(before);
        assertThat(cli.run("--node", NODE, "--json", "ingest", file.toString())).isEqualTo(1);
        JsonNode ingested = json(cli.out());

        JsonNode c = checked.at("/files/0");
        JsonNode i = ingested.at("/files/0");
        assertThat(checked.get("status").asString()).isEqualTo("FAILED");
        assertThat(c.get("status").asString()).isEqualTo("FAILED");
        assertThat(c.get("message").asString()).contains("No mapping fits")
                .isEqualTo(i.get("message").asString());
        assertThat(c.get("errorReport").asString()).as("the officer gets the report of a failed file too")
                .contains("/check-");
        assertThat(Path.of(c.get("errorReport").asString())).exists();
    }

    @Test
    void theJsonSummarySaysItWasACheckWithTheKeysOfAnIngest() throws IOException {
        CliRunner cli = countyWithOneFile();
        Path file = upload("json-" + System.nanoTime() + ".csv");

        // the same file twice in one check: each is checked in full (a check leaves no job instance behind)
        JsonNode checked = cli.json("--node", NODE, "ingest", "--check", file.toString(), file.toString());
        JsonNode ingested = cli.json("--node", NODE, "ingest", file.toString());

        assertThat(fieldNames(checked)).containsExactly("command", "node", "check", "status", "files", "totals");
        assertThat(fieldNames(ingested)).isEqualTo(fieldNames(checked));
        assertThat(checked.get("check").asBoolean()).isTrue();
        assertThat(ingested.get("check").isBoolean()).isTrue();
        assertThat(ingested.get("check").asBoolean()).isFalse();
        assertThat(checked.get("command").asString()).isEqualTo("ingest");
        assertThat(checked.get("node").asString()).isEqualTo(NODE);
        assertThat(checked.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(fieldNames(checked.get("totals"))).containsExactly("files", "failed", "read", "accepted", "rejected");
        assertThat(checked.at("/totals/read").asLong()).isEqualTo(10);
        assertThat(checked.at("/totals/rejected").asLong()).isEqualTo(6);
        for (JsonNode f : checked.get("files")) {
            assertThat(fieldNames(f)).isEqualTo(fieldNames(ingested.at("/files/0"))).containsExactly("file", "status",
                    "fileId", "jobExecutionId", "format", "encoding", "mappings", "read", "accepted", "rejected",
                    "message", "warnings", "errorReport");
            assertThat(f.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(f.get("fileId").isNull()).as("a check registers no file").isTrue();
            assertThat(f.get("jobExecutionId").isNull()).isTrue();
            assertThat(f.get("accepted").asLong()).isEqualTo(ingested.at("/files/0/accepted").asLong());
            assertThat(f.get("rejected").asLong()).isEqualTo(ingested.at("/files/0/rejected").asLong());
        }
    }

    @Test
    void aCheckTakesTheMappingItIsToldAndNoNodeLock() throws Exception {
        CliRunner cli = countyWithOneFile();
        long n = System.nanoTime();
        // a 纪律处分 upload with generic headers (单位, 种类, 决定机关) and nothing that tells the kind
        Path file = Files.writeString(root.resolve("2026年11月-" + n + ".csv"), String.join("\n",
                "序号,姓名,身份证号,单位,职务,种类,事由,依据,决定机关,决定日期,文号",
                "1,贾宇,440703197601160028,南明区住房和城乡建设局,四级主任科员,记过,违规发放津贴补贴,"
                        + "《中华人民共和国公职人员政务处分法》第三十三条,南明区监察委员会,2026-11-05,南监处〔2026〕" + n + "号",
                "2,何娜,510107196901223884,南明区市场监督管理局,科长,警告,违反中央八项规定精神,"
                        + "《中国共产党纪律处分条例》第一百零二条,中共南明区纪律检查委员会,2026-11-12,南纪处〔2026〕" + n + "号")
                + "\n", StandardCharsets.UTF_8);
        Map<String, Long> before = tableRows();

        // another process holds the node: an ingest is refused, a check stores nothing and runs
        try (Connection other = dataSource.getConnection();
             PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            lock.setString(1, "credit-pipeline:" + SCHEMA);
            lock.execute();

            assertThat(cli.run("--node", NODE, "ingest", file.toString())).as(cli.err()).isEqualTo(3);

            assertThat(cli.run("--node", NODE, "ingest", "--check", file.toString())).isEqualTo(1);
            assertThat(cli.out()).contains("--mapping accountability or --mapping sanction");

            assertThat(cli.run("--node", NODE, "ingest", "--check", "--mapping", "sanction", file.toString()))
                    .as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).contains("read 2  accepted 1  rejected 1  (CSV UTF-8; mapping sanction)")
                    .doesNotContain("未使用的列");
        }
        assertThat(tableRows()).isEqualTo(before);

        assertThat(cli.run("--node", NODE, "ingest", "--check", "--mapping", "nosuch", file.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--mapping: unknown mapping 'nosuch'");
        assertThat(cli.run("--node", NODE, "consolidate", "--check")).isEqualTo(2);
        assertThat(cli.err()).contains("unknown option --check for 'consolidate'");
    }

    private static List<List<String>> rows(Sheet sheet) {
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
            rows.add(WorkbookIngestFunctionalTests.texts(row));
        }
        return rows;
    }

    /** The summary sheet's table of reasons: the lines after its head "错误代码 (reason code)". */
    private static List<String> codeTable(List<String> summary) {
        int head = summary.indexOf("错误代码 (reason code)|说明 / 示例|次数 (count)");
        assertThat(head).isNotNegative();
        return summary.subList(head + 1, summary.size());
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).collect(Collectors.toList());
    }

    private static JsonNode json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }
}
