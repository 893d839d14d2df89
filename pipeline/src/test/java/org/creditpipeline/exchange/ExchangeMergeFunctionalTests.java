package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * A merge made at a child travels up: the county accepts a review pair (two of its records become one), pushes; the
 * city merges its own copies of the two records (oldest id survives, redirect, MERGE in its change log), pushes; the
 * province does the same with the city's records. Delivering a package again changes nothing.
 */
class ExchangeMergeFunctionalTests extends PostgresTestSupport {

    private static final String P = "xm_";
    private static final List<String> NODES = List.of("county", "city", "prov");
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("exchange-merge");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void childMergeIsAppliedAtEveryLevelAbove() throws IOException {
        NODES.forEach(n -> jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + n + " CASCADE"));
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("--node", P + "county", "ingest", Path.of("../sample-data")
                .resolve("county-520102-penalties-2026-11.xlsx").toString())).as(cli.err()).isZero();
        assertThat(cli.run("--node", P + "county", "consolidate")).as(cli.err()).isZero();
        propagate(cli);

        List<Long> pair = jdbc.queryForList("SELECT id FROM node_" + P + "county.consolidated_record WHERE record_kind ="
                + " 'ADMINISTRATIVE_PENALTY' AND (region_code IS NULL OR region_code LIKE '5201%') ORDER BY id LIMIT 2",
                Long.class);
        assertThat(pair).hasSize(2);
        long cityKept = cityRecord(pair.get(0));
        long cityGone = cityRecord(pair.get(1));
        assertThat(cityKept).isNotEqualTo(cityGone);
        long provKept = jdbc.queryForObject(HOLDER.formatted("node_" + P + "prov"), Long.class,
                P + "city:" + Math.min(cityKept, cityGone));
        long provGone = jdbc.queryForObject(HOLDER.formatted("node_" + P + "prov"), Long.class,
                P + "city:" + Math.max(cityKept, cityGone));
        assertThat(provKept).isNotEqualTo(provGone);

        // the county's officers decide the two records are one
        long pairId = jdbc.queryForObject("INSERT INTO node_" + P + "county.review_pair (left_record_id,"
                + " right_record_id, score, reasons) VALUES (?, ?, 0.8, 'test') RETURNING id", Long.class,
                pair.get(0), pair.get(1));
        assertThat(cli.run("--node", P + "county", "review", "accept", String.valueOf(pairId))).as(cli.err()).isZero();
        propagate(cli);

        // the city: one record for both county records, a redirect for the other, a MERGE that went further up
        assertMerged("city", "county", pair.get(0), pair.get(1));
        long citySurvivor = Math.min(cityKept, cityGone);
        long cityAbsorbed = Math.max(cityKept, cityGone);
        assertThat(jdbc.queryForObject("SELECT new_id FROM node_" + P + "city.record_redirect WHERE old_id = ?",
                Long.class, cityAbsorbed)).isEqualTo(citySurvivor);
        // the province: the same for the city's two records
        assertMerged("prov", "city", citySurvivor, cityAbsorbed);
        assertThat(jdbc.queryForObject("SELECT new_id FROM node_" + P + "prov.record_redirect WHERE old_id = ?",
                Long.class, Math.max(provKept, provGone))).isEqualTo(Math.min(provKept, provGone));

        // delivering the merge package again changes nothing
        long changes = maxSeq("prov");
        Path applied = root.resolve("exchange").resolve(P + "prov").resolve("applied");
        Path last;
        try (Stream<Path> files = Files.list(applied)) {
            last = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        Files.copy(last, root.resolve("exchange").resolve(P + "prov").resolve("inbox").resolve(last.getFileName()));
        JsonNode receive = cli.json("--node", P + "prov", "receive");
        assertThat(receive.at("/packages/0/status").asString()).isEqualTo("DUPLICATE");
        assertThat(maxSeq("prov")).isEqualTo(changes);
        assertMerged("prov", "city", citySurvivor, cityAbsorbed);
    }

    /**
     * Two county records merged before they were ever pushed, sent one change per package: the absorbed record's
     * INSERT travels (with the state of the record that absorbed it, {@code mergedInto}) packages before the MERGE,
     * and the city still ends with one record for both and nothing left under the absorbed id.
     */
    @Test
    void recordsMergedBeforeTheirFirstPushArriveAsOneRecord() throws IOException {
        NODES.forEach(n -> jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + n + " CASCADE"));
        PackageBuilder.deleteTree(root.resolve("exchange"));
        TestNodes.initFolders(config);
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("--node", P + "county", "ingest", Path.of("../sample-data")
                .resolve("county-520102-penalties-2026-11.xlsx").toString())).as(cli.err()).isZero();
        assertThat(cli.run("--node", P + "county", "consolidate")).as(cli.err()).isZero();
        List<Long> pair = jdbc.queryForList("SELECT id FROM node_" + P + "county.consolidated_record WHERE record_kind ="
                + " 'ADMINISTRATIVE_PENALTY' AND (region_code IS NULL OR region_code LIKE '5201%') ORDER BY id LIMIT 2",
                Long.class);
        long pairId = jdbc.queryForObject("INSERT INTO node_" + P + "county.review_pair (left_record_id,"
                + " right_record_id, score, reasons) VALUES (?, ?, 0.8, 'test') RETURNING id", Long.class,
                pair.get(0), pair.get(1));
        assertThat(cli.run("--node", P + "county", "review", "accept", String.valueOf(pairId))).as(cli.err()).isZero();
        long countyRecords = jdbc.queryForObject("SELECT count(*) FROM node_" + P + "county.consolidated_record",
                Long.class);

        assertThat(cli.run("--node", P + "county", "push", "--max-changes", "1")).as(cli.err()).isZero();
        assertThat(cli.run("--node", P + "city", "receive")).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).doesNotContain("REFUSED", "HELD");

        // both county ids reach one city record (here in one consolidation, so the city needs no merge of its own)
        String city = "node_" + P + "city";
        assertThat(jdbc.queryForList("SELECT DISTINCT rs.record_id FROM " + city + ".staged_record s JOIN " + city
                + ".record_source rs ON rs.staged_record_id = s.id WHERE s.origin_key IN (?, ?)", Long.class,
                P + "county:" + pair.get(0), P + "county:" + pair.get(1))).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + city + ".staged_record WHERE origin_key = ?",
                Long.class, P + "county:" + pair.get(1))).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.consolidated_record", Long.class))
                .isEqualTo(countyRecords);
        String absorbedInsert = changeLine(root.resolve("exchange").resolve(P + "city").resolve("applied"),
                "\"recordId\":" + pair.get(1) + ",\"type\":\"INSERT\"");
        assertThat(absorbedInsert).contains("\"mergedInto\":" + pair.get(0));
    }

    /** The change line of the applied packages in {@code folder} that contains {@code marker}. */
    private static String changeLine(Path folder, String marker) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path zip : files.filter(f -> f.toString().endsWith(".zip")).sorted().toList()) {
                try (var file = new java.util.zip.ZipFile(zip.toFile())) {
                    String text = new String(file.getInputStream(file.getEntry("changes.jsonl")).readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
                    for (String line : text.split("\n")) {
                        if (line.contains(marker)) {
                            return line;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no change line with " + marker + " in " + folder);
    }

    /** The live record holding a child's origin record (through the staged rows' lineage). */
    private static final String HOLDER = """
            SELECT DISTINCT rs.record_id FROM %s.staged_record s JOIN %1$s.record_source rs ON rs.staged_record_id = s.id
             WHERE s.origin_key = ?""";

    private long cityRecord(long countyId) {
        return jdbc.queryForObject(HOLDER.formatted("node_" + P + "city"), Long.class, P + "county:" + countyId);
    }

    /**
     * Every staged row of both child records now sits in one live record, which has the values of the child's merged
     * record and a MERGE absorbing the other; no row keeps the absorbed child id as its origin.
     */
    private void assertMerged(String node, String child, long survivor, long absorbed) {
        String schema = "node_" + P + node;
        String origin = P + child + ":";
        List<Long> holders = jdbc.queryForList("SELECT DISTINCT rs.record_id FROM " + schema + ".staged_record s JOIN "
                + schema + ".record_source rs ON rs.staged_record_id = s.id WHERE s.origin_key IN (?, ?)", Long.class,
                origin + survivor, origin + absorbed);
        assertThat(holders).hasSize(1);
        long record = holders.get(0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema + ".consolidated_record WHERE id = ?",
                Long.class, record)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema + ".staged_record WHERE origin_key = ?",
                Long.class, origin + absorbed)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema + ".change_log WHERE record_id = ? AND"
                + " change_type = 'MERGE' AND cardinality(merged_ids) = 1", Long.class, record)).isEqualTo(1);
        long redirected = jdbc.queryForObject("SELECT count(*) FROM " + schema + ".record_redirect WHERE new_id = ?",
                Long.class, record);
        assertThat(redirected).isEqualTo(1);
        String values = "SELECT concat_ws('|', subject_name, document_number, decision_date, status) FROM %s"
                + ".consolidated_record WHERE id = ?";
        assertThat(jdbc.queryForObject(values.formatted(schema), String.class, record)).isEqualTo(
                jdbc.queryForObject(values.formatted("node_" + P + child), String.class, survivor));
    }

    private long maxSeq(String node) {
        return jdbc.queryForObject("SELECT max(seq) FROM node_" + P + node + ".change_log", Long.class);
    }

    private void propagate(CliRunner cli) {
        String[][] steps = {{"county", "push"}, {"city", "receive"}, {"city", "push"}, {"prov", "receive"}};
        for (String[] step : steps) {
            assertThat(cli.run("--node", P + step[0], step[1])).as(step[0] + " " + step[1] + ": " + cli.out()
                    + cli.err()).isZero();
            if (step[1].equals("receive")) {
                assertThat(cli.out()).doesNotContain("REFUSED", "HELD");
            }
        }
    }
}
