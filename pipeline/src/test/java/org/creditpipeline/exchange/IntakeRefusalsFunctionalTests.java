package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.creditpipeline.monitor.NodeOverview;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What serve's intake refuses reaches {@code overview} without anyone reading the log: counted per day, child, status
 * and reason in {@code intake_refusal} ({@link IntakeRefusals}), a stranger's names never becoming rows of their own,
 * and raised as {@code INTAKE_REFUSED}. Real requests against a real intake, the national node's own schema.
 */
class IntakeRefusalsFunctionalTests extends PostgresTestSupport {

    private static final String P = "ir_";
    private static final byte[] PACKAGE = {'P', 'K', 3, 4};
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("intake-refusals");
        config = TestNodes.write(root, P, "http");
        registry.add("credit.node", () -> P + "nat");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NodeOverview overview;

    NodeTopology topology;
    NodeConfig national;

    @BeforeEach
    void intake() {
        topology = NodeTopology.load(config.resolve("nodes"), root);
        national = topology.get(P + "nat");
        jdbc.update("DELETE FROM intake_refusal");
    }

    private RawHttp.Answer send(IntakeServer server, String method, String path, String auth) throws IOException {
        return RawHttp.send(server.port(), method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth
                + "Content-Length: 4\r\n", PACKAGE);
    }

    @Test
    void refusalsAreCountedPerChildStatusAndReasonAndRaisedInTheOverview() throws IOException {
        String good = "Authorization: Bearer " + national.token().value() + "\r\n";
        String prov = P + "prov";
        try (IntakeRefusals refusals = new IntakeRefusals(jdbc, 0);
             IntakeServer server = IntakeServer.start(national, topology, 0, IntakeLimits.defaults(), refusals)) {
            assertThat(send(server, "PUT", "/exchange/packages/" + prov + "/" + prov + "-1-1.zip", "").status())
                    .isEqualTo(401);
            assertThat(send(server, "PUT", "/exchange/packages/" + prov + "/" + prov + "-1-2.zip",
                    "Authorization: Bearer wrong-token\r\n").status()).isEqualTo(401);
            assertThat(send(server, "GET", "/exchange/elsewhere", good).status()).isEqualTo(404);
            assertThat(send(server, "POST", "/exchange/packages/" + prov + "/" + prov + "-1-1.zip", good).status())
                    .isEqualTo(405);
            // a stranger's name: refused, counted without a row of its own
            assertThat(send(server, "PUT", "/exchange/packages/intruder/intruder-1-1.zip", good).status())
                    .isEqualTo(400);
            // what is taken is not counted
            assertThat(send(server, "PUT", "/exchange/packages/" + prov + "/" + prov + "-1-1.zip", good).status())
                    .isEqualTo(201);
            refusals.flush();
            assertThat(send(server, "PUT", "/exchange/packages/" + prov + "/" + prov + "-1-3.zip", "").status())
                    .isEqualTo(401);
        }

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT child, status, code, count, last_reason FROM intake_refusal ORDER BY status, code");
        assertThat(rows).extracting(r -> r.get("child") + "|" + r.get("status") + "|" + r.get("code") + "|"
                + r.get("count")).containsExactly(
                "|400|NOT_A_CHILD_PACKAGE|1",
                "ir_prov|401|TOKEN_INVALID|3",
                "|404|NO_SUCH_ENDPOINT|1",
                "ir_prov|405|METHOD_NOT_ALLOWED|1");
        assertThat(rows.get(1).get("last_reason").toString())
                .startsWith("PUT /exchange/packages/ir_prov/ir_prov-1-3.zip: ");
        assertThat(jdbc.queryForObject("SELECT last_address FROM intake_refusal WHERE status = 401", String.class))
                .startsWith("127.0.0.1:");

        NodeOverview.Overview now = overview.overview(Duration.ofDays(1), 5);
        assertThat(now.exchange().intakeRefusals()).isEqualTo(6);
        assertThat(now.attention()).filteredOn(a -> a.code().equals("INTAKE_REFUSED")).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("refused 6 request(s)",
                        "3 × 401 TOKEN_INVALID for node 'ir_prov', last from 127.0.0.1:",
                        "1 × 404 NO_SUCH_ENDPOINT (no child named)"));

        // a stalled upload: answered 408 by the watchdog's thread, counted for the child its path names
        IntakeLimits shortWait = new IntakeLimits(IntakeLimits.MAX_PACKAGE_BYTES, Duration.ofSeconds(1), 1, 4);
        try (IntakeRefusals refusals = new IntakeRefusals(jdbc, 0);
             IntakeServer server = IntakeServer.start(national, topology, 0, shortWait, refusals);
             RawHttp stalled = new RawHttp(server.port())) {
            stalled.write("PUT /exchange/packages/" + prov + "/" + prov + "-2-2.zip HTTP/1.1\r\nHost: x\r\n" + good
                    + "Content-Length: 100000\r\n\r\n");
            stalled.write(new byte[5_000]);
            assertThat(stalled.answer().status()).isEqualTo(408);
        }
        assertThat(jdbc.queryForObject("SELECT child || ' ' || count FROM intake_refusal WHERE code = 'READ_TIMEOUT'",
                String.class)).isEqualTo("ir_prov 1");

        jdbc.update("UPDATE intake_refusal SET last_at = now() - interval '3 days'");
        assertThat(overview.overview(Duration.ofDays(1), 5).attention())
                .noneMatch(a -> a.code().equals("INTAKE_REFUSED"));
    }
}
