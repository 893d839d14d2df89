package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.creditpipeline.support.PostgresTestSupport;
import org.creditpipeline.support.TestRegionTables;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The region rule at receive with a historical GB/T 2260 table: a record whose 地方编码 was abolished since (开阳县 522522
 * of the former 安顺地区, 520121 of 贵阳市 since) lies in the city's region by what it became, as at ingest; without the
 * table its digits alone decide and it is questioned. The raw code stays on the record.
 */
class HistoricalRegionReceiveFunctionalTests extends PostgresTestSupport {

    private static final String P = "xh_";
    private static final String COUNTY = "node_" + P + "county";
    private static final String CITY = "node_" + P + "city";
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        config = TestNodes.write(Files.createTempDirectory("exchange-historical"), P, null);
        registry.add("credit.node", () -> P + "county");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PushService push;

    @Test
    void aRecordOfAnAbolishedCodeIsTakenByTheParentWhoseRegionItBecamePartOf() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + CITY + " CASCADE");
        CliRunner cli = new CliRunner(config);
        ChangeLogFixture county = new ChangeLogFixture(jdbc, COUNTY);
        long id = county.penalty("贵州开阳某某磷化有限公司", "522522", LocalDate.of(2016, 5, 1), "GENERAL", Map.of());
        String tables = TestRegionTables.resource("current.tsv") + "," + TestRegionTables.resource("abolished.csv");

        push.push(100_000, 10);
        JsonNode without = cli.json("--node", P + "city", "receive").get("packages").get(0);
        assertThat(without.get("questioned").asInt()).as(cli.err()).isEqualTo(1);

        county.update(id, "severity", "SERIOUS"); // sent again as an UPDATE with the whole record
        push.push(100_000, 10);
        JsonNode with = cli.json("--node", P + "city", "--region-table", tables, "receive").get("packages").get(0);

        assertThat(with.get("status").asString()).isEqualTo("APPLIED");
        assertThat(with.get("questioned").asInt()).as(cli.err()).isZero();
        assertThat(with.get("accepted").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT c.region_code FROM " + CITY + ".consolidated_record c JOIN " + CITY
                + ".record_source rs ON rs.record_id = c.id JOIN " + CITY + ".staged_record s ON s.id ="
                + " rs.staged_record_id WHERE s.origin_key = ?", String.class, P + "county:" + id)).isEqualTo("522522");
    }
}
