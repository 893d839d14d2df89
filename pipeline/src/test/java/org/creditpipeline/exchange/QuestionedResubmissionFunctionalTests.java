package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
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
 * The round trip DOMAIN.md §9 describes: the parent questions a record (its 地方编码 lies outside the parent's
 * region), the county's officer corrects it, and the correction, which travels as an UPDATE of a record the parent
 * never took, is taken in then (every change carries the whole record), not refused as a change to an unknown record.
 */
class QuestionedResubmissionFunctionalTests extends PostgresTestSupport {

    private static final String P = "xq_";
    private static final String COUNTY = "node_" + P + "county";
    private static final String CITY = "node_" + P + "city";
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        config = TestNodes.write(Files.createTempDirectory("exchange-questioned"), P, null);
        registry.add("credit.node", () -> P + "county");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PushService push;

    @Test
    void aQuestionedRecordCorrectedAtTheCountyIsTakenInWhenItArrivesAgain() throws IOException {
        jdbc.execute("DROP SCHEMA IF EXISTS " + CITY + " CASCADE");
        ChangeLogFixture county = new ChangeLogFixture(jdbc, COUNTY);
        long id = county.penalty("贵州甲乙建材有限公司", "530103", LocalDate.of(2026, 5, 1), "GENERAL", Map.of());
        CliRunner cli = new CliRunner(config);

        push.push(100_000, 10);
        JsonNode first = cli.json("--node", P + "city", "receive").get("packages").get(0);
        assertThat(first.get("questioned").asInt()).as(cli.err()).isEqualTo(1);
        // the county officer's upload row behind the record: what the list tells the officer to correct
        long file = jdbc.queryForObject("INSERT INTO " + COUNTY + ".ingest_file (source_name, source_path, sha256,"
                + " size_bytes, format, status) VALUES ('南明区5月行政处罚.xlsx', '/in/x.xlsx', repeat('a', 64), 1, 'XLSX',"
                + " 'COMPLETED') RETURNING id", Long.class);
        long staged = jdbc.queryForObject("INSERT INTO " + COUNTY + ".staged_record (file_id, sheet, source_row,"
                + " record_kind, subject_name) VALUES (?, '处罚', 7, 'ADMINISTRATIVE_PENALTY', '贵州甲乙建材有限公司')"
                + " RETURNING id", Long.class, file);
        jdbc.update("INSERT INTO " + COUNTY + ".record_source (staged_record_id, record_id, match_stage, run_id)"
                + " VALUES (?, ?, 'exact', 1)", staged, id);
        PushSummary questioned = push.push(100_000, 10);
        assertThat(questioned.questions()).extracting(PushSummary.Question::errorCode)
                .containsExactly("REGION_OUTSIDE");
        Path list = Path.of(questioned.questionsReport());
        assertThat(list.getFileName().toString()).isEqualTo(P + "county-questioned.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(list))) {
            Sheet sheet = book.getSheet("疑问数据");
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            Row row = sheet.getRow(1);
            assertThat((long) row.getCell(0).getNumericCellValue()).isEqualTo(id);
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("贵州甲乙建材有限公司");
            assertThat(row.getCell(7).getStringCellValue()).isEqualTo("疑问");
            assertThat(row.getCell(8).getStringCellValue()).isEqualTo("REGION_OUTSIDE");
            assertThat(row.getCell(9).getStringCellValue()).contains("530103");
            assertThat(row.getCell(11).getStringCellValue()).isEqualTo("南明区5月行政处罚.xlsx");
            assertThat(row.getCell(12).getStringCellValue()).isEqualTo("处罚");
            assertThat((long) row.getCell(13).getNumericCellValue()).isEqualTo(7);
        }

        county.update(id, "region_code", "520103"); // the officer's correction: an UPDATE change
        push.push(100_000, 10);
        JsonNode second = cli.json("--node", P + "city", "receive").get("packages").get(0);

        assertThat(second.get("status").asString()).isEqualTo("APPLIED");
        assertThat(second.get("accepted").asInt()).as(cli.err()).isEqualTo(1);
        assertThat(second.get("unmatched").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT c.region_code FROM " + CITY + ".consolidated_record c JOIN " + CITY
                + ".record_source rs ON rs.record_id = c.id JOIN " + CITY + ".staged_record s ON s.id ="
                + " rs.staged_record_id WHERE s.origin_key = ?", String.class, P + "county:" + id)).isEqualTo("520103");
        PushSummary answered = push.push(100_000, 10);
        assertThat(answered.questions()).as("nothing is open any more").isEmpty();
        assertThat(answered.questionsReport()).isNull();
        assertThat(list).as("no list of questions when none is open").doesNotExist();
    }
}
