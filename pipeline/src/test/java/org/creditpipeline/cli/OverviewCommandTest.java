package org.creditpipeline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * {@code overview} as the operator reads it the morning after: counts that match what the night did, and each point
 * that needs someone raised while it is open and gone once it is dealt with. Real commands against the test database,
 * on a county → city topology of its own.
 */
class OverviewCommandTest extends PostgresTestSupport {

    private static final String P = "ov_";
    private static final String GOOD = PenaltyCsv.row("贵阳南明华信科技有限公司", "91520103MA6H5Q108L", "筑南市监罚〔2026〕301号");
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("overview");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    private static List<String> codes(JsonNode overview) {
        List<String> codes = new ArrayList<>();
        overview.get("attention").forEach(n -> codes.add(n.get("code").asString()));
        return codes;
    }

    @Test
    void theNightsOutcomeAndWhatNeedsSomeoneUntilItIsDone() throws IOException {
        for (String n : List.of("county", "city")) {
            jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + n + " CASCADE");
        }
        CliRunner cli = new CliRunner(config);
        String county = P + "county";
        Path upload = root.resolve("upload.csv");
        // one good row, two rejected: an invalid USCC and a missing 文号
        Files.writeString(upload, PenaltyCsv.HEADER + GOOD
                + GOOD.replace("91520103MA6H5Q108L", "91520103MA6H5Q108X").replace("301号", "302号")
                + GOOD.replace("筑南市监罚〔2026〕301号", ""), StandardCharsets.UTF_8);
        Path empty = root.resolve("empty.csv");
        Files.writeString(empty, "");
        cli.run("--node", county, "ingest", upload.toString(), empty.toString());

        JsonNode night = cli.json("--node", county, "overview").get("overview");
        assertThat(night.get("node").asString()).isEqualTo(county);
        assertThat(night.get("level").asString()).isEqualTo("COUNTY");
        assertThat(night.get("stagedRows").asLong()).isEqualTo(1);
        assertThat(night.get("unconsolidated").asLong()).isEqualTo(1);
        assertThat(night.get("recentFiles")).hasSize(2);
        assertThat(night.get("recentFiles").get(1).get("rejected").asLong()).isEqualTo(2);
        assertThat(codes(night)).containsExactlyInAnyOrder("FILE_FAILED", "FILE_HIGH_REJECTS", "NOT_CONSOLIDATED");
        assertThat(night.get("attention").toString()).contains("empty.csv", "upload.csv: 2 of 3 rows rejected");

        assertThat(cli.run("--node", county, "consolidate")).as(cli.err()).isZero();
        JsonNode consolidated = cli.json("--node", county, "overview").get("overview");
        assertThat(consolidated.get("totalRecords").asLong()).isEqualTo(1);
        assertThat(consolidated.get("records").get("ADMINISTRATIVE_PENALTY").get("ACTIVE").asLong()).isEqualTo(1);
        assertThat(consolidated.get("consolidation").get("inserted").asLong()).isEqualTo(1);
        assertThat(codes(consolidated)).contains("NOT_PUSHED").doesNotContain("NOT_CONSOLIDATED");
        assertThat(consolidated.get("exchange").get("parent").asString()).isEqualTo(P + "city");

        assertThat(cli.run("--node", county, "push")).as(cli.err()).isZero();
        JsonNode pushed = cli.json("--node", county, "overview").get("overview");
        assertThat(codes(pushed)).doesNotContain("NOT_PUSHED");
        assertThat(pushed.get("exchange").get("packagesUnacknowledged").asLong()).isEqualTo(1);

        assertThat(cli.run("--node", P + "city", "receive")).as(cli.err()).isZero();
        JsonNode city = cli.json("--node", P + "city", "overview").get("overview");
        assertThat(city.get("exchange").get("packagesApplied").asLong()).isEqualTo(1);
        assertThat(city.get("exchange").get("children").toString()).contains(county, P + "county2");
        assertThat(city.get("totalRecords").asLong()).isEqualTo(1);
        JsonNode fromCounty = city.get("exchange").get("fromChildren").get(0);
        assertThat(fromCounty.get("child").asString()).isEqualTo(county);
        assertThat(fromCounty.get("changes").asLong()).isEqualTo(1);
        assertThat(fromCounty.get("accepted").asLong()).isEqualTo(1);
        assertThat(fromCounty.get("questioned").asLong()).isZero();

        assertThat(cli.run("--node", county, "push")).as(cli.err()).isZero(); // takes the acknowledgement
        JsonNode acknowledged = cli.json("--node", county, "overview").get("overview");
        assertThat(acknowledged.get("exchange").get("packagesUnacknowledged").asLong()).isZero();
        assertThat(acknowledged.get("exchange").get("acknowledgedSeq").asLong())
                .isEqualTo(acknowledged.get("exchange").get("changeLogSeq").asLong());

        // an objection nobody decided: flagged once it is older than the provinces' deadlines allow
        long record = jdbc.queryForObject("SELECT min(id) FROM node_" + county + ".consolidated_record", Long.class);
        assertThat(cli.run("--node", county, "status", "set", "--record", String.valueOf(record), "objection",
                "--reason", "当事人提出异议")).as(cli.err()).isZero();
        assertThat(codes(cli.json("--node", county, "overview").get("overview"))).doesNotContain("OBJECTION_OVERDUE");
        // two calendar days are never seven working days; forty always are (the longest break is nine days off)
        jdbc.update("UPDATE node_" + county + ".consolidated_record SET status_changed_at = now() - interval '2 days'"
                + " WHERE id = ?", record);
        assertThat(codes(cli.json("--node", county, "overview").get("overview"))).doesNotContain("OBJECTION_OVERDUE");
        jdbc.update("UPDATE node_" + county + ".consolidated_record SET status_changed_at = now() - interval '40 days'"
                + " WHERE id = ?", record);
        JsonNode late = cli.json("--node", county, "overview").get("overview");
        assertThat(codes(late)).contains("OBJECTION_OVERDUE", "NOT_PUSHED");
        java.time.LocalDate since = java.time.LocalDate.now(org.creditpipeline.publish.PublicationRules.CHINA)
                .minusDays(40);
        assertThat(late.get("attention").toString()).contains("past the deadline of 7 working days",
                "e.g. record " + record + " (under objection since " + since + ", due ");

        assertThat(cli.run("--node", county, "overview")).isZero();
        assertThat(cli.out()).contains("node " + county, "records: 1", "行政处罚: UNDER_OBJECTION 1",
                "upward to " + P + "city", "needs attention (", "[OBJECTION_OVERDUE]", "upload.csv  CSV  COMPLETED");
    }

    @Test
    void usageErrorsExitTwo() {
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("overview", "extra")).isEqualTo(2);
        assertThat(cli.run("overview", "--days", "0")).isEqualTo(2);
        assertThat(cli.run("overview", "--bogus", "1")).isEqualTo(2);
    }
}
