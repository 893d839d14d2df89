package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

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
    void aQuestionedRecordCorrectedAtTheCountyIsTakenInWhenItArrivesAgain() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + CITY + " CASCADE");
        ChangeLogFixture county = new ChangeLogFixture(jdbc, COUNTY);
        long id = county.penalty("贵州甲乙建材有限公司", "530103", LocalDate.of(2026, 5, 1), "GENERAL", Map.of());
        CliRunner cli = new CliRunner(config);

        push.push(100_000, 10);
        JsonNode first = cli.json("--node", P + "city", "receive").get("packages").get(0);
        assertThat(first.get("questioned").asInt()).as(cli.err()).isEqualTo(1);
        assertThat(push.push(100_000, 10).questions()).extracting(PushSummary.Question::errorCode)
                .containsExactly("REGION_OUTSIDE");

        county.update(id, "region_code", "520103"); // the officer's correction: an UPDATE change
        push.push(100_000, 10);
        JsonNode second = cli.json("--node", P + "city", "receive").get("packages").get(0);

        assertThat(second.get("status").asString()).isEqualTo("APPLIED");
        assertThat(second.get("accepted").asInt()).as(cli.err()).isEqualTo(1);
        assertThat(second.get("unmatched").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT c.region_code FROM " + CITY + ".consolidated_record c JOIN " + CITY
                + ".record_source rs ON rs.record_id = c.id JOIN " + CITY + ".staged_record s ON s.id ="
                + " rs.staged_record_id WHERE s.origin_key = ?", String.class, P + "county:" + id)).isEqualTo("520103");
        assertThat(push.push(100_000, 10).questions()).as("nothing is open any more").isEmpty();
    }
}
