package org.creditpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.creditpipeline.exchange.CliRunner;
import org.creditpipeline.exchange.TestNodes;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The region rule at ingest, end to end on a configured county node (520102 in {@link TestNodes}): rows of another
 * region are rejected with the reason in the reject table and the error report, rows without a region of their own
 * are staged with the county's; the national node ingests the same file without the rule.
 */
class NodeRegionIngestFunctionalTests extends PostgresTestSupport {

    private static final String P = "nr_";
    private static Path root;
    private static Path config;

    private static final String HEADER = "行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,"
            + "处罚类别,罚款金额（万元）,处罚决定日期,处罚机关,处罚机关统一社会信用代码,地方编码";
    /** Row 2 inside, 3 another province, 4 the neighbouring county, 5 a provincial authority, 6 no evidence at all. */
    private static final List<String> ROWS = List.of(
            "贵阳南明某某商贸有限公司,法人及非法人组织,91520102MA6H3K2J15,筑南市监罚〔2026〕301号,罚款,0.2,2026-11-02,"
                    + "贵阳市南明区市场监督管理局,11520102MB1744213N,520102",
            "杭州某某贸易有限公司,法人及非法人组织,,杭西市监罚〔2026〕302号,罚款,0.3,2026-11-03,"
                    + "杭州市西湖区市场监督管理局,,330106",
            "贵阳云岩某某百货有限公司,法人及非法人组织,91520103MA6H5Q108L,筑云市监罚〔2026〕303号,罚款,2,2026-11-04,"
                    + "贵阳市云岩区市场监督管理局,11520103MB1745207P,520103",
            "贵州某某村镇银行股份有限公司,法人及非法人组织,,黔监罚〔2026〕304号,罚款,30,2026-11-05,"
                    + "贵州省某某监督管理局,11520000MB1745208A,",
            "南明区某某五金店,法人及非法人组织,,筑南市监罚〔2026〕305号,罚款,0.1,2026-11-06,"
                    + "贵阳市南明区市场监督管理局,,");

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("node-region-ingest");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "county");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    IngestService ingestService;
    @Autowired
    JdbcTemplate jdbc;

    private static Path upload(String name) throws IOException {
        return Files.writeString(root.resolve(name), HEADER + "\n" + String.join("\n", ROWS) + "\n",
                StandardCharsets.UTF_8);
    }

    @Test
    void aCountyRejectsRowsOfOtherRegionsAndGivesItsOwnRegionToRowsWithoutOne() throws IOException {
        FileSummary s = ingestService.ingest(upload("county-520102-region-" + System.nanoTime() + ".csv"), null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.rejected()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT source_row || ' ' || region_code FROM staged_record WHERE file_id = ?"
                + " ORDER BY source_row", String.class, s.fileId()))
                .containsExactly("2 520102", "5 520102", "6 520102");

        List<Map<String, Object>> rejects = jdbc.queryForList("SELECT source_row, r->>'code' AS code, r->>'column' AS"
                + " col, r->>'value' AS value, r->>'message' AS message, r->>'messageZh' AS zh FROM rejected_row,"
                + " jsonb_array_elements(reasons) AS r WHERE file_id = ? ORDER BY source_row", s.fileId());
        assertThat(rejects).extracting(r -> ((Number) r.get("source_row")).longValue()).containsExactly(3L, 4L);
        assertThat(rejects).allSatisfy(r -> {
            assertThat(r.get("code")).isEqualTo("REGION_OUTSIDE_NODE");
            assertThat(r.get("col")).isEqualTo("地方编码");
        });
        Map<String, Object> otherProvince = rejects.get(0);
        assertThat(otherProvince.get("value")).isEqualTo("330106");
        assertThat(otherProvince.get("zh")).isEqualTo("地方编码 330106 不在本节点（" + P + "county 520102）辖区内");
        assertThat(otherProvince.get("message")).isEqualTo("region 330106 lies outside this node's region " + P
                + "county (520102)");
        assertThat(rejects.get(1).get("zh")).isEqualTo("地方编码 520103 不在本节点（" + P + "county 520102）辖区内");

        try (InputStream in = Files.newInputStream(Path.of(s.errorReport())); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheetAt(0);
            List<String> head = WorkbookIngestFunctionalTests.texts(sheet.getRow(0));
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(3.0);
            assertThat(first.getCell(head.indexOf("错误原因")).getStringCellValue())
                    .isEqualTo("地方编码 330106 不在本节点（" + P + "county 520102）辖区内");
            assertThat(first.getCell(head.indexOf("地方编码")).getCellStyle().getFillPattern())
                    .isEqualTo(FillPatternType.SOLID_FOREGROUND);
            List<String> summary = new ArrayList<>();
            wb.getSheetAt(1).forEach(r -> summary.add(String.join("|", WorkbookIngestFunctionalTests.texts(r))));
            assertThat(summary).anySatisfy(l -> assertThat(l).startsWith("REGION_OUTSIDE_NODE|地方编码不在本节点辖区内")
                    .endsWith("|2"));
        }
    }

    @Test
    void theNationalNodeTakesEveryRegionAndLeavesAMissingOneUnknown() throws IOException {
        jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + "nat CASCADE");
        CliRunner cli = new CliRunner(config);

        assertThat(cli.run("--node", P + "nat", "ingest", upload("national-region-" + System.nanoTime() + ".csv")
                .toString())).as(cli.err()).isZero();

        assertThat(jdbc.queryForList("SELECT source_row || ' ' || coalesce(region_code, '-') FROM node_" + P
                + "nat.staged_record ORDER BY source_row", String.class))
                .containsExactly("2 520102", "3 330106", "4 520103", "5 520000", "6 -");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "nat.rejected_row", Long.class)).isZero();
    }
}
