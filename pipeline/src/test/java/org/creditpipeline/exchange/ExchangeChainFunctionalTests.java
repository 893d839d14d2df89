package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four-level chain with real commands: two counties ingest and consolidate sample uploads, push to their city,
 * the city to the province, the province to the national node. Rows of another region are rejected at the county's
 * ingest; the national node holds exactly the consolidated union of the counties' records (deduplicated across
 * counties, lineage down to the county source rows); a record outside the region that still reaches a parent comes
 * back questioned; a repair and a withdrawal propagate; delivering a package again changes nothing.
 */
class ExchangeChainFunctionalTests extends PostgresTestSupport {

    private static final String P = "xc_";
    private static final List<String> NODES = List.of("county", "county2", "city", "prov", "nat");
    private static Path root;
    private static Path config;

    /** The identity of a record across nodes (ids differ per node). */
    private static final String IDENTITIES = """
            SELECT DISTINCT record_kind || '|' || subject_name || '|' || coalesce(document_number, '')
              FROM %s.consolidated_record r
             WHERE (region_code IS NULL OR region_code LIKE '5201%%')
               AND NOT EXISTS (SELECT 1 FROM %1$s.record_redirect d WHERE d.old_id = r.id)""";

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("exchange-chain");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void fourLevelChain() throws IOException {
        NODES.forEach(n -> jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + n + " CASCADE"));
        CliRunner cli = new CliRunner(config);
        Path samples = Path.of("../sample-data");

        assertThat(cli.run("--node", P + "county", "ingest", samples.resolve("county-520102-penalties-2026-11.xlsx")
                .toString(), samples.resolve("county-520111-penalties-2026-11.csv").toString())).isZero();
        assertThat(cli.run("--node", P + "county2", "ingest", samples.resolve("county-520103-penalties-2026-11.csv")
                .toString(), samples.resolve("county-accountability.csv").toString())).isZero();
        assertThat(cli.run("--node", P + "county", "consolidate")).as(cli.err()).isZero();
        assertThat(cli.run("--node", P + "county2", "consolidate")).as(cli.err()).isZero();

        // rows of another region never leave the county: 花溪区's own rows at 南明区 and the other provinces' accountability
        // file at 云岩区 are rejected at ingest; 花溪区's copy of the city's decision has no 地方编码 and stays
        assertThat(regionRejects("county", "county-520111-penalties-2026-11.csv")).isEqualTo(2);
        assertThat(staged("county", "county-520111-penalties-2026-11.csv")).isEqualTo(1);
        assertThat(regionRejects("county2", "county-accountability.csv")).isEqualTo(10);
        assertThat(staged("county2", "county-accountability.csv")).isZero();

        // a record outside the city's region that still reaches the change log (a child on an older version, a region
        // edited after ingest) is not applied by the city
        new ChangeLogFixture(jdbc, "node_" + P + "county2").penalty("杭州某某外地贸易有限公司", "330106",
                LocalDate.of(2026, 10, 8), "GENERAL", Map.of());

        propagate(cli);

        // national = the union of the counties' records inside the city's region, each once
        Set<String> counties = identities("county");
        counties.addAll(identities("county2"));
        assertThat(identities("nat")).isEqualTo(counties).isEqualTo(identities("city"));
        long nationalRecords = count("nat", "consolidated_record r WHERE NOT EXISTS (SELECT 1 FROM node_" + P
                + "nat.record_redirect d WHERE d.old_id = r.id)");
        assertThat(nationalRecords).isEqualTo(counties.size());
        String shared = "ADMINISTRATIVE_PENALTY|贵州黔中某某物流有限公司|筑市监罚〔2026〕88号";
        assertThat(counties).contains(shared);

        // lineage: every national record leads back to county source rows; the shared decision to both counties
        List<Map<String, Object>> lineage = jdbc.queryForList("SELECT r.subject_name, v.sources::text AS sources FROM node_"
                + P + "nat.consolidated_record r JOIN node_" + P + "nat.record_lineage v ON v.record_id = r.id");
        assertThat(lineage).hasSize((int) nationalRecords);
        assertThat(lineage).allSatisfy(row -> assertThat((String) row.get("sources"))
                .containsAnyOf("\"node\": \"" + P + "county\"", "\"node\": \"" + P + "county2\"")
                .contains("\"file\": \"county-52"));
        String sharedSources = lineage.stream().filter(r -> r.get("subject_name").equals("贵州黔中某某物流有限公司"))
                .map(r -> (String) r.get("sources")).findFirst().orElseThrow();
        assertThat(sharedSources).contains("\"node\": \"" + P + "county\"", "\"node\": \"" + P + "county2\"");

        // the record outside the city's region was questioned, and county2's officers see it
        JsonNode push2 = cli.json("--node", P + "county2", "push");
        assertThat(push2.get("openQuestions").asLong()).isPositive();
        assertThat(jdbc.queryForList("SELECT DISTINCT error_code FROM node_" + P + "county2.exchange_feedback WHERE"
                + " outcome = 'QUESTIONED'", String.class)).containsExactly("REGION_OUTSIDE");
        assertThat(count("county2", "exchange_outbound WHERE status = 'ACKNOWLEDGED'")).isEqualTo(1);

        // a repair in one county and a withdrawal in the other reach the national node and its public export
        long repaired = jdbc.queryForObject("SELECT min(id) FROM node_" + P + "county.consolidated_record WHERE"
                + " subject_name = '贵阳南明某某商贸有限公司'", Long.class);
        long withdrawn = jdbc.queryForObject("SELECT min(id) FROM node_" + P + "county2.consolidated_record WHERE"
                + " subject_name = '贵阳云岩某某百货有限公司'", Long.class);
        JsonNode before = cli.json("--node", P + "nat", "export", "--kind", "public");
        assertThat(cli.run("--node", P + "county", "status", "set", "--record", String.valueOf(repaired), "repaired",
                "--reason", "信用修复申请已通过", "--ref", "筑南发改信修〔2026〕1号")).as(cli.err()).isZero();
        assertThat(cli.run("--node", P + "county2", "status", "set", "--record", String.valueOf(withdrawn),
                "withdrawn", "--reason", "处罚决定已被撤销")).as(cli.err()).isZero();
        propagate(cli);
        assertThat(sharedOutcome("county")).isEqualTo("ACCEPTED");
        assertThat(sharedOutcome("county2")).isEqualTo("UPDATED");
        assertThat(status("贵阳南明某某商贸有限公司")).isEqualTo("REPAIRED");
        assertThat(status("贵阳云岩某某百货有限公司")).isEqualTo("WITHDRAWN");
        assertThat(jdbc.queryForMap("SELECT status_reason, status_ref FROM node_" + P + "nat.consolidated_record"
                + " WHERE subject_name = ?", "贵阳南明某某商贸有限公司"))
                .as("the county's reason and reference travel with its decision")
                .containsEntry("status_reason", "信用修复申请已通过").containsEntry("status_ref", "筑南发改信修〔2026〕1号");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "nat.status_audit a JOIN node_" + P
                + "nat.consolidated_record c ON c.id = a.record_id WHERE c.subject_name = ? AND a.new_status ="
                + " 'WITHDRAWN' AND a.reason = '处罚决定已被撤销'", Long.class, "贵阳云岩某某百货有限公司"))
                .as("and are audited at every level").isEqualTo(1);
        JsonNode after = cli.json("--node", P + "nat", "export", "--kind", "public");
        String publicFile = Files.readString(Path.of(after.get("dataFile").asString()));
        assertThat(publicFile).doesNotContain("贵阳南明某某商贸有限公司", "贵阳云岩某某百货有限公司");
        assertThat(after.get("records").asLong()).isLessThan(before.get("records").asLong());

        // delivering an applied package again changes nothing
        long staged = count("city", "staged_record");
        long changes = jdbc.queryForObject("SELECT max(seq) FROM node_" + P + "city.change_log", Long.class);
        Path applied = root.resolve("exchange").resolve(P + "city").resolve("applied");
        Path again;
        try (Stream<Path> files = Files.list(applied)) {
            again = files.sorted().findFirst().orElseThrow();
        }
        Files.copy(again, root.resolve("exchange").resolve(P + "city").resolve("inbox").resolve(again.getFileName()));
        JsonNode receive = cli.json("--node", P + "city", "receive");
        assertThat(receive.at("/packages/0/status").asString()).isEqualTo("DUPLICATE");
        assertThat(count("city", "staged_record")).isEqualTo(staged);
        assertThat(jdbc.queryForObject("SELECT max(seq) FROM node_" + P + "city.change_log", Long.class))
                .isEqualTo(changes);
    }

    private void propagate(CliRunner cli) {
        String[][] steps = {{"county", "push"}, {"county2", "push"}, {"city", "receive"}, {"city", "push"},
            {"prov", "receive"}, {"prov", "push"}, {"nat", "receive"}};
        for (String[] step : steps) {
            assertThat(cli.run("--node", P + step[0], step[1])).as(step[0] + " " + step[1] + ": " + cli.out()
                    + cli.err()).isZero();
            if (step[1].equals("receive")) {
                assertThat(cli.out()).doesNotContain("REFUSED", "HELD");
            }
        }
    }

    private Set<String> identities(String node) {
        return jdbc.queryForList(String.format(IDENTITIES, "node_" + P + node), String.class).stream()
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Rows of one ingested file rejected because their 地方编码 lies outside the node's region. */
    private long regionRejects(String node, String file) {
        return count(node, "rejected_row j JOIN node_" + P + node + ".ingest_file f ON f.id = j.file_id WHERE"
                + " f.source_name = '" + file + "' AND j.reasons @> '[{\"code\": \"REGION_OUTSIDE_NODE\"}]'");
    }

    private long staged(String node, String file) {
        return count(node, "staged_record s JOIN node_" + P + node + ".ingest_file f ON f.id = s.file_id WHERE"
                + " f.source_name = '" + file + "'");
    }

    private long count(String node, String fromWhere) {
        return jdbc.queryForObject("SELECT count(*) FROM node_" + P + node + "." + fromWhere, Long.class);
    }

    /** The city's answer to a county for the decision both counties reported (入库 for the first, 更新 for the other). */
    private String sharedOutcome(String county) {
        String schema = "node_" + P + county;
        return jdbc.queryForObject("SELECT f.outcome FROM " + schema + ".exchange_feedback f JOIN " + schema
                + ".consolidated_record r ON r.id = f.record_id WHERE r.subject_name = '贵州黔中某某物流有限公司'"
                + " ORDER BY f.seq LIMIT 1", String.class);
    }

    private String status(String subject) {
        return jdbc.queryForObject("SELECT status FROM node_" + P + "nat.consolidated_record WHERE subject_name = ?",
                String.class, subject);
    }
}
