package org.creditpipeline.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's main command, {@code credit-pipeline demo}, as an operator runs it: the whole 贵州 hierarchy of
 * job-configs/nodes on sample-data/, in-process against the test database. Every change a node makes reaches its
 * parent exactly once, every package is acknowledged, the repair made at 南明区 arrives at the national node, and a
 * second run duplicates nothing.
 */
@TestPropertySource(properties = "credit.node=demo_probe")
class DemoFunctionalTest extends PostgresTestSupport {

    private static final List<String> NODES = List.of("nanming", "yunyan", "huaxi", "guiyang", "guizhou", "national");
    private static final Path HOME = Path.of("target/test-home");

    @Autowired
    JdbcTemplate jdbc;

    private String checkout;
    private String stdout = "";
    private String stderr = "";

    @BeforeEach
    void freshHierarchy() throws IOException {
        NODES.forEach(n -> jdbc.execute("DROP SCHEMA IF EXISTS node_" + n + " CASCADE"));
        for (String area : List.of("exchange", "exports")) {
            for (String node : NODES) {
                deleteTree(HOME.resolve("var").resolve(area).resolve(node));
            }
        }
        checkout = System.getProperty("credit.checkout");
        System.setProperty("credit.checkout", "..");
    }

    @AfterEach
    void restore() {
        if (checkout == null) {
            System.clearProperty("credit.checkout");
        } else {
            System.setProperty("credit.checkout", checkout);
        }
    }

    @Test
    void everyChangeReachesItsParentOnceAndTheRepairReachesTheNationalNode() {
        Map<String, JsonNode> first = levels(demo());

        assertThat(first.keySet()).containsExactlyElementsOf(NODES);
        for (JsonNode level : first.values()) {
            String node = level.get("node").asString();
            assertThat(level.get("refused").asLong()).as(node + " refused packages").isZero();
            assertThat(level.get("acknowledged").asLong()).as(node + " packages acknowledged")
                    .isEqualTo(level.get("packagesOut").asLong());
            assertThat(level.get("questionedIn").asLong()).as(node + " rows questioned").isZero();
        }
        assertThat(first.get("nanming").get("ownRows").asLong()).isPositive();
        // a parent staged exactly the changes its children logged: inserts, updates and the repair, once each
        assertThat(first.get("guiyang").get("receivedRows").asLong()).isEqualTo(changes(first, "nanming")
                + changes(first, "yunyan") + changes(first, "huaxi"));
        assertThat(first.get("guizhou").get("receivedRows").asLong()).isEqualTo(changes(first, "guiyang"));
        assertThat(first.get("national").get("receivedRows").asLong()).isEqualTo(changes(first, "guizhou"));
        // the national node holds at least the province's records
        assertThat(first.get("national").get("records").asLong())
                .isGreaterThanOrEqualTo(first.get("guizhou").get("records").asLong());

        Map<String, Object> repaired = jdbc.queryForMap("SELECT subject_name, document_number FROM"
                + " node_nanming.consolidated_record WHERE status = 'REPAIRED'");
        assertThat(jdbc.queryForObject("SELECT status FROM node_national.consolidated_record WHERE document_number = ?"
                + " AND subject_name = ?", String.class, repaired.get("document_number"), repaired.get("subject_name")))
                .isEqualTo("REPAIRED");

        Map<String, JsonNode> second = levels(demo());

        assertThat(second).as("a second run changes nothing").isEqualTo(first);
    }

    private static long changes(Map<String, JsonNode> levels, String node) {
        return levels.get(node).get("changes").asLong();
    }

    private JsonNode demo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CreditPipelineCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"--home", HOME.toString(),
                        "--config-dir", "../job-configs", "--quiet", "--json", "demo"});
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(stderr).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(stdout);
        assertThat(doc.get("command").asString()).isEqualTo("demo");
        return doc;
    }

    private static Map<String, JsonNode> levels(JsonNode doc) {
        Map<String, JsonNode> levels = new LinkedHashMap<>();
        doc.get("levels").forEach(level -> levels.put(level.get("node").asString(), level));
        return levels;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
