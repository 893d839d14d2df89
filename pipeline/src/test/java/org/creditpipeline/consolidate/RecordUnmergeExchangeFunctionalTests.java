package org.creditpipeline.consolidate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A merge undone at a county and at its city (docs/CONSOLIDATION.md, "Undoing a merge"): the county's merge reached
 * the city through the origin rule; the city refuses to undo it before the county has; the county undoes it and
 * pushes, and the city, which then still holds one record (the restored county record's row joins it through its key),
 * undoes its own merge: two records again, each with its county record's values, and the county's next change of the
 * survivor does not join them again.
 */
class RecordUnmergeExchangeFunctionalTests extends PostgresTestSupport {

    private static final String P = "xu_";
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        Path root = Files.createTempDirectory("exchange-unmerge");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMergeUndoneAtTheCountyIsUndoneAtTheCityAfterIt() {
        List.of("county", "city").forEach(n -> jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + n + " CASCADE"));
        CliRunner cli = new CliRunner(config);
        ok(cli, "county", "ingest", Path.of("../sample-data").resolve("county-520102-penalties-2026-11.xlsx").toString());
        ok(cli, "county", "consolidate");
        propagate(cli);
        List<Long> pair = jdbc.queryForList("SELECT id FROM node_" + P + "county.consolidated_record WHERE record_kind ="
                + " 'ADMINISTRATIVE_PENALTY' AND (region_code IS NULL OR region_code LIKE '5201%') ORDER BY id LIMIT 2",
                Long.class);
        long kept = pair.get(0);
        long absorbed = pair.get(1);
        long pairId = jdbc.queryForObject("INSERT INTO node_" + P + "county.review_pair (left_record_id,"
                + " right_record_id, score, reasons) VALUES (?, ?, 0.8, 'test') RETURNING id", Long.class, kept, absorbed);
        ok(cli, "county", "review", "accept", String.valueOf(pairId));
        propagate(cli);
        assertThat(cityHolders(kept, absorbed)).as("the county's merge applied at the city").hasSize(1);
        long cityAbsorbed = jdbc.queryForObject("SELECT old_id FROM node_" + P + "city.record_redirect", Long.class);

        // the city cannot undo a merge its county made before the county has
        assertThat(cli.run("--node", P + "city", "record", "unmerge", String.valueOf(cityAbsorbed), "--reason", "误合并"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("applied here by the origin rule", "undo it there first");

        JsonNode undone = cli.json("--node", P + "county", "record", "unmerge", String.valueOf(absorbed), "--reason",
                "两个不同的处罚决定", "--actor", "county-officer");
        assertThat(undone.at("/command").asString()).isEqualTo("record unmerge");
        assertThat(undone.at("/result/recordId").asLong()).isEqualTo(absorbed);
        assertThat(undone.at("/result/survivorId").asLong()).isEqualTo(kept);
        assertThat(jdbc.queryForList("SELECT change_type FROM node_" + P + "county.change_log ORDER BY seq DESC LIMIT 2",
                String.class)).containsExactlyInAnyOrder("INSERT", "UPDATE");
        propagate(cli);

        // the restored county record reaches the city, whose merge still holds: its row joins through its key
        assertThat(cityHolders(kept, absorbed)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.staged_record WHERE origin_key = ?",
                Long.class, P + "county:" + absorbed)).isEqualTo(1);

        JsonNode city = cli.json("--node", P + "city", "record", "unmerge", String.valueOf(cityAbsorbed), "--reason",
                "县级已拆分", "--actor", "city-officer");
        assertThat(city.at("/result/originsGivenBack/" + P + "county:" + kept).asString())
                .isEqualTo(P + "county:" + absorbed);

        assertTwoRecords(kept, absorbed);

        // the county's next change of the survivor: the city's origin rule keeps the two apart
        ok(cli, "county", "status", "set", "--record", String.valueOf(kept), "objection", "--reason", "当事人提出异议");
        propagate(cli);
        assertTwoRecords(kept, absorbed);
        assertThat(jdbc.queryForObject("SELECT status FROM node_" + P + "city.consolidated_record WHERE id = ?",
                String.class, cityHolders(kept, kept).get(0))).isEqualTo("UNDER_OBJECTION");
    }

    /** Each county record's rows sit in a city record of their own, with the county record's values. */
    private void assertTwoRecords(long kept, long absorbed) {
        List<Long> holders = cityHolders(kept, absorbed);
        assertThat(holders).hasSize(2);
        for (long county : List.of(kept, absorbed)) {
            List<Long> holder = cityHolders(county, county);
            assertThat(holder).hasSize(1);
            String values = "SELECT concat_ws('|', subject_name, document_number, decision_date) FROM %s"
                    + ".consolidated_record WHERE id = ?";
            assertThat(jdbc.queryForObject(values.formatted("node_" + P + "city"), String.class, holder.get(0)))
                    .isEqualTo(jdbc.queryForObject(values.formatted("node_" + P + "county"), String.class, county));
        }
    }

    private List<Long> cityHolders(long a, long b) {
        String city = "node_" + P + "city";
        return jdbc.queryForList("SELECT DISTINCT rs.record_id FROM " + city + ".staged_record s JOIN " + city
                + ".record_source rs ON rs.staged_record_id = s.id WHERE s.origin_key IN (?, ?)", Long.class,
                P + "county:" + a, P + "county:" + b);
    }

    private static void ok(CliRunner cli, String node, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--node";
        all[1] = P + node;
        System.arraycopy(args, 0, all, 2, args.length);
        assertThat(cli.run(all)).as(String.join(" ", args) + ": " + cli.out() + cli.err()).isZero();
    }

    private static void propagate(CliRunner cli) {
        ok(cli, "county", "push");
        ok(cli, "city", "receive");
    }
}
