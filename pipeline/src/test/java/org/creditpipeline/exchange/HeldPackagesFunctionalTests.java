package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Packages held after a sequence gap are recorded (exchange_held) and listed with their age by every receive; one
 * held longer than credit.exchange.held-alert-hours makes receive warn on one line and exit 4; the row goes when the
 * missing package arrives and the held ones are applied. Ages are made by moving first_seen back, not by waiting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// closed after the class: every cached test context keeps its pool of connections open, and the embedded server's 100
// are nearly all taken by the suite's other contexts
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HeldPackagesFunctionalTests extends PostgresTestSupport {

    private static final String P = "xd_";
    private static final String CITY = "node_" + P + "city";
    private static Path config;
    private static Path inbox;
    private static Path aside;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        Path root = Files.createTempDirectory("exchange-held");
        config = TestNodes.write(root, P, null);
        inbox = root.resolve("exchange").resolve(P + "city").resolve("inbox");
        aside = root.resolve("aside");
        registry.add("credit.node", () -> P + "county");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    /** The county sends three packages of one change each; the first is lost on the way. */
    @BeforeAll
    static void threePackagesTheFirstLost(@Autowired JdbcTemplate jdbc, @Autowired PushService push) throws IOException {
        jdbc.execute("DROP SCHEMA IF EXISTS " + CITY + " CASCADE");
        ChangeLogFixture county = new ChangeLogFixture(jdbc, "node_" + P + "county");
        for (String subject : List.of("贵州甲建材有限公司", "贵州乙商贸有限公司", "贵州丙物流有限公司")) {
            county.penalty(subject, "520102", LocalDate.of(2026, 5, 1), "GENERAL", Map.of());
        }
        assertThat(push.push(1, 10).sent()).hasSize(3);
        Files.createDirectories(aside);
        Files.move(inbox.resolve(P + "county-0000000001-0000000001.zip"),
                aside.resolve(P + "county-0000000001-0000000001.zip"));
    }

    @Test
    @Order(1)
    void aGapHoldsThePackagesAfterItRecordsThemAndAYoungHoldExitsNormally() {
        CliRunner cli = new CliRunner(config);

        assertThat(cli.run("--node", P + "city", "receive")).as(cli.out() + cli.err()).isZero();

        assertThat(cli.out()).contains("2 package(s) held, waiting for missing changes")
                .contains(P + "county-0000000002-0000000002.zip  node '" + P + "county', changes 2..2, missing 1..1,"
                        + " held 0 min (since ")
                .doesNotContain("OVERDUE");
        assertThat(cli.err()).doesNotContain("warning");
        assertThat(jdbc.queryForList("SELECT file_name || ' ' || child_node || ' ' || from_seq || '..' || to_seq"
                + " || ' missing ' || missing_from || '..' || missing_to FROM " + CITY + ".exchange_held"
                + " ORDER BY from_seq", String.class)).containsExactly(
                P + "county-0000000002-0000000002.zip " + P + "county 2..2 missing 1..1",
                P + "county-0000000003-0000000003.zip " + P + "county 3..3 missing 1..1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CITY + ".staged_record", Long.class)).isZero();
    }

    @Test
    @Order(2)
    void aPackageHeldLongerThanTheAlertThresholdMakesReceiveWarnAndExit4() {
        jdbc.update("UPDATE " + CITY + ".exchange_held SET first_seen = now() - interval '30 hours 10 minutes',"
                + " last_seen = now() - interval '1 hour' WHERE from_seq = 2");
        CliRunner cli = new CliRunner(config);

        assertThat(cli.run("--node", P + "city", "receive")).as(cli.out() + cli.err()).isEqualTo(4);

        assertThat(cli.out()).contains("missing 1..1, held 30 h (since ").contains("OVERDUE");
        assertThat(cli.err().lines().filter(l -> l.contains("warning")).toList()).containsExactly(
                "credit-pipeline: warning: changes 1..1 of node '" + P + "county' missing, 2 package(s) held 30 h"
                        + " (over 24 h, credit.exchange.held-alert-hours): check that node '" + P + "county' pushes"
                        + " (it delivers every unacknowledged package again) / 数据包滞留超时");
        assertThat(jdbc.queryForObject("SELECT now() - first_seen > interval '30 hours' AND last_seen > now()"
                + " - interval '1 minute' FROM " + CITY + ".exchange_held WHERE from_seq = 2", Boolean.class))
                .as("first seen kept, last seen now").isTrue();
        JsonNode json = cli.json("--node", P + "city", "receive");
        assertThat(json.at("/held/0/overdue").asBoolean()).isTrue();
        assertThat(json.at("/held/0/ageMinutes").asLong()).isBetween(30 * 60L, 31 * 60L);
        assertThat(json.at("/held/1/overdue").asBoolean()).isFalse();
        assertThat(json.get("heldAlertHours").asInt()).isEqualTo(24);
    }

    @Test
    @Order(3)
    void theThresholdIsACreditProperty() {
        System.setProperty("credit.exchange.held-alert-hours", "48");
        try {
            CliRunner cli = new CliRunner(config);
            assertThat(cli.run("--node", P + "city", "receive")).as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).contains("alert after 48 h").contains("held 30 h").doesNotContain("OVERDUE");
        } finally {
            System.clearProperty("credit.exchange.held-alert-hours");
        }
    }

    @Test
    @Order(4)
    void whenTheMissingPackageArrivesAllAreAppliedAndNothingIsHeldAnyMore() throws IOException {
        Files.move(aside.resolve(P + "county-0000000001-0000000001.zip"),
                inbox.resolve(P + "county-0000000001-0000000001.zip"));
        CliRunner cli = new CliRunner(config);

        JsonNode json = cli.json("--node", P + "city", "receive");

        assertThat(json.get("packages").findValuesAsString("status")).containsExactly("APPLIED", "APPLIED", "APPLIED");
        assertThat(json.get("held")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CITY + ".exchange_held", Long.class)).isZero();
        assertThat(cli.run("--node", P + "city", "receive")).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).doesNotContain("held");
    }

    @Test
    @Order(5)
    void eachHeldPackageWaitsForTheNearestMissingChangesBeforeIt(@Autowired PushService push) throws IOException {
        ChangeLogFixture county = new ChangeLogFixture(jdbc, "node_" + P + "county");
        for (String subject : List.of("贵州丁建材有限公司", "贵州戊商贸有限公司", "贵州己物流有限公司", "贵州庚科技有限公司")) {
            county.penalty(subject, "520102", LocalDate.of(2026, 5, 2), "GENERAL", Map.of());
        }
        assertThat(push.push(1, 10).sent()).hasSize(4);
        for (String lost : List.of("0000000004-0000000004", "0000000006-0000000006")) {
            Files.move(inbox.resolve(P + "county-" + lost + ".zip"), aside.resolve(P + "county-" + lost + ".zip"));
        }
        CliRunner cli = new CliRunner(config);

        assertThat(cli.run("--node", P + "city", "receive")).as(cli.out() + cli.err()).isZero();

        assertThat(jdbc.queryForList("SELECT from_seq || ' waits for ' || missing_from || '..' || missing_to FROM "
                + CITY + ".exchange_held ORDER BY from_seq", String.class))
                .containsExactly("5 waits for 4..4", "7 waits for 6..6");
        jdbc.update("UPDATE " + CITY + ".exchange_held SET first_seen = now() - interval '25 hours'");
        assertThat(cli.run("--node", P + "city", "receive")).as(cli.out() + cli.err()).isEqualTo(4);
        assertThat(cli.err()).contains("warning: changes 4..4, 6..6 of node '" + P + "county' missing, 2 package(s)"
                + " held 25 h");
    }
}
