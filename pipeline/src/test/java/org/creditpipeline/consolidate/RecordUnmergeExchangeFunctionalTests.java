package org.creditpipeline.consolidate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.creditpipeline.exchange.CliRunner;
import org.creditpipeline.exchange.TestNodes;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merge undone at a county travels upward (docs/CONSOLIDATION.md, "At the parent"): the county's merge reached every
 * level above through the origin rule; the county undoes it and pushes, and each level splits its own record by itself
 * at {@code receive} (county → city → province → national), acknowledging the outcome per record. A merge and its
 * undoing in one package leave nothing merged above; a pair the city had joined by its own review stays joined there,
 * questioned back to the county and listed as needing someone, until the city's officer undoes it by hand.
 */
class RecordUnmergeExchangeFunctionalTests extends PostgresTestSupport {

    private static final String P = "xu_";
    /** Each node and the child it receives from, bottom up. */
    private static final String[][] LEVELS = {{"city", "county"}, {"prov", "city"}, {"nat", "prov"}};
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("exchange-unmerge");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMergeUndoneAtTheCountyIsUndoneAtEveryLevelAboveByItself() throws IOException {
        CliRunner cli = new CliRunner(config);
        List<Long> pair = countyPair(cli);
        long kept = pair.get(0);
        long absorbed = pair.get(1);
        propagate(cli, 3);
        ok(cli, "county", "review", "accept", String.valueOf(countyReviewPair(kept, absorbed)));
        propagate(cli, 3);
        for (String[] level : LEVELS) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + level[0] + ".record_redirect", Long.class))
                    .as("the county's merge applied at " + level[0]).isEqualTo(1);
        }
        long cityAbsorbed = jdbc.queryForObject("SELECT old_id FROM node_" + P + "city.record_redirect", Long.class);

        // the city cannot undo a merge its county made before the county has
        assertThat(cli.run("--node", P + "city", "record", "unmerge", String.valueOf(cityAbsorbed), "--reason", "误合并"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("applied here by the origin rule", "undo it there first");

        ok(cli, "county", "record", "unmerge", String.valueOf(absorbed), "--reason", "两个不同的处罚决定", "--actor",
                "county-officer");
        ok(cli, "county", "push");

        // a receive that dies while it follows the unmerge (after staging and consolidating) leaves it to the next one
        jdbc.execute("CREATE FUNCTION node_" + P + "city.die() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'killed'; END $$");
        jdbc.execute("CREATE TRIGGER die BEFORE UPDATE ON node_" + P + "city.record_merge"
                + " FOR EACH ROW EXECUTE FUNCTION node_" + P + "city.die()");
        assertThat(cli.run("--node", P + "city", "receive")).isEqualTo(1);
        jdbc.execute("DROP FUNCTION node_" + P + "city.die() CASCADE");
        assertThat(jdbc.queryForObject("SELECT status FROM node_" + P + "city.exchange_inbound ORDER BY to_seq DESC"
                + " LIMIT 1", String.class)).isEqualTo("STAGED");
        assertThat(chain("city", absorbed)).as("still one record at the city").isEqualTo(chain("city", kept))
                .hasSize(1);

        JsonNode city = cli.json("--node", P + "city", "receive");
        assertThat(city.at("/packages/0/status").asString()).isEqualTo("APPLIED");
        assertThat(city.at("/unmerges/0/outcome").asString()).isEqualTo("FOLLOWED");
        assertThat(city.at("/unmerges/0/childRecord").asLong()).isEqualTo(absorbed);
        assertThat(city.at("/unmerges/0/childSurvivor").asLong()).isEqualTo(kept);
        assertThat(jdbc.queryForMap("SELECT unmerge_actor, unmerge_reason FROM node_" + P + "city.record_merge"
                + " WHERE absorbed_id = ?", cityAbsorbed)).containsEntry("unmerge_actor", P + "county")
                .containsEntry("unmerge_reason", "unmerged at child " + P + "county: 两个不同的处罚决定");
        JsonNode feedback = lastAcknowledgement("city", "county", absorbed);
        assertThat(feedback.get("outcome").asString()).isEqualTo("UPDATED");
        assertThat(feedback.get("unmerge").asString()).isEqualTo("FOLLOWED");
        assertThat(feedback.get("parentRecordId").asLong()).isEqualTo(chain("city", absorbed).get(0));

        // no operator above the county: the city's unmerge travels on, and the province and the national node follow
        ok(cli, "city", "push");
        ok(cli, "prov", "receive");
        ok(cli, "prov", "push");
        ok(cli, "nat", "receive");
        assertTwoRecordsAtEveryLevel(kept, absorbed);
        assertThat(jdbc.queryForObject("SELECT unmerge_reason FROM node_" + P + "nat.record_merge WHERE unmerge_actor"
                + " = ?", String.class, P + "prov")).isEqualTo("unmerged at child " + P + "prov: unmerged at child "
                + P + "city: unmerged at child " + P + "county: 两个不同的处罚决定");

        // delivering the unmerge package again changes nothing
        long changes = maxSeq("city");
        Path exchange = root.resolve("exchange").resolve(P + "city");
        Path last;
        try (Stream<Path> files = Files.list(exchange.resolve("applied"))) {
            last = files.max(Comparator.naturalOrder()).orElseThrow();
        }
        Files.copy(last, exchange.resolve("inbox").resolve(last.getFileName()));
        JsonNode again = cli.json("--node", P + "city", "receive");
        assertThat(again.at("/packages/0/status").asString()).isEqualTo("DUPLICATE");
        assertThat(again.at("/unmerges").size()).isZero();
        assertThat(maxSeq("city")).isEqualTo(changes);

        // the county's next change of the survivor: the origin rule keeps the two apart at every level
        ok(cli, "county", "status", "set", "--record", String.valueOf(kept), "objection", "--reason", "当事人提出异议");
        propagate(cli, 3);
        assertTwoRecordsAtEveryLevel(kept, absorbed);
        assertThat(jdbc.queryForObject("SELECT status FROM node_" + P + "nat.consolidated_record WHERE id = ?",
                String.class, chain("nat", kept).get(0))).isEqualTo("UNDER_OBJECTION");
    }

    /**
     * The county merges and undoes the merge before it pushes: the package carries the MERGE and the restored record's
     * INSERT, and the city, which had both records, ends with both (the MERGE's rewrite is given back in the same
     * staging, in change order), with no merge of its own to undo.
     */
    @Test
    void aMergeAndItsUndoingInOnePackageLeaveTwoRecordsAbove() throws IOException {
        CliRunner cli = new CliRunner(config);
        List<Long> pair = countyPair(cli);
        long kept = pair.get(0);
        long absorbed = pair.get(1);
        propagate(cli, 1);
        List<Long> before = List.of(chain("city", kept).get(0), chain("city", absorbed).get(0));

        ok(cli, "county", "review", "accept", String.valueOf(countyReviewPair(kept, absorbed)));
        ok(cli, "county", "record", "unmerge", String.valueOf(absorbed), "--reason", "复核有误");
        assertThat(jdbc.queryForList("SELECT change_type FROM node_" + P + "county.change_log ORDER BY seq DESC LIMIT 3",
                String.class)).containsExactly("UPDATE", "INSERT", "MERGE");
        ok(cli, "county", "push");
        JsonNode city = cli.json("--node", P + "city", "receive");
        assertThat(city.at("/unmerges/0/outcome").asString()).isEqualTo("APART");

        assertThat(List.of(chain("city", kept).get(0), chain("city", absorbed).get(0))).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.record_redirect", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.change_log WHERE change_type ="
                + " 'MERGE'", Long.class)).isZero();
        JsonNode feedback = lastAcknowledgement("city", "county", absorbed);
        assertThat(feedback.get("outcome").asString()).isEqualTo("UPDATED");
        assertThat(feedback.get("unmerge").asString()).isEqualTo("APART");
        assertValues("city", "county", kept);
        assertValues("city", "county", absorbed);
    }

    /**
     * The city's officer accepted the pair by the city's own review before the county merged it: the county's undoing
     * does not prove the city's decision wrong, so the city keeps its record (no row lost, every row of both county
     * records in it), questions the county's restored record with the reason and lists it as needing someone; the
     * city's officer then undoes the city's merge by hand, and the province follows that by itself.
     */
    @Test
    void aPairTheCityJoinedByItsOwnReviewStaysJoinedAndIsQuestioned() throws IOException {
        CliRunner cli = new CliRunner(config);
        List<Long> pair = countyPair(cli);
        long kept = pair.get(0);
        long absorbed = pair.get(1);
        propagate(cli, 2);
        long cityKept = chain("city", kept).get(0);
        long cityOther = chain("city", absorbed).get(0);
        long cityPair = jdbc.queryForObject("INSERT INTO node_" + P + "city.review_pair (left_record_id,"
                + " right_record_id, score, reasons) VALUES (least(?, ?), greatest(?, ?), 0.8, 'test') RETURNING id",
                Long.class, cityKept, cityOther, cityKept, cityOther);
        ok(cli, "city", "review", "accept", String.valueOf(cityPair));
        ok(cli, "county", "review", "accept", String.valueOf(countyReviewPair(kept, absorbed)));
        propagate(cli, 2);

        ok(cli, "county", "record", "unmerge", String.valueOf(absorbed), "--reason", "两个不同的处罚决定");
        ok(cli, "county", "push");
        JsonNode city = cli.json("--node", P + "city", "receive");
        assertThat(city.at("/unmerges/0/outcome").asString()).isEqualTo("KEPT_MERGED");
        assertThat(city.at("/unmerges/0/note").asString()).contains("own evidence", "record unmerge");
        List<Long> holder = chain("city", kept);
        assertThat(chain("city", absorbed)).isEqualTo(holder);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.staged_record s"
                + " LEFT JOIN node_" + P + "city.record_source rs ON rs.staged_record_id = s.id"
                + " WHERE s.origin_key IN (?, ?) AND rs.record_id IS DISTINCT FROM ?", Long.class,
                P + "county:" + kept, P + "county:" + absorbed, holder.get(0))).as("every row in the one record")
                .isZero();
        JsonNode feedback = lastAcknowledgement("city", "county", absorbed);
        assertThat(feedback.get("outcome").asString()).isEqualTo("QUESTIONED");
        assertThat(feedback.get("errorCode").asString()).isEqualTo("UNMERGE_NOT_FOLLOWED");
        assertThat(feedback.get("unmerge").asString()).isEqualTo("KEPT_MERGED");
        JsonNode overview = cli.json("--node", P + "city", "overview");
        assertThat(overview.findValuesAsString("code")).contains("UNMERGE_NOT_FOLLOWED");

        // the county sees it among the records its parent questioned
        ok(cli, "county", "push");
        assertThat(jdbc.queryForObject("SELECT error_code FROM node_" + P + "county.exchange_feedback WHERE record_id"
                + " = ? AND outcome = 'QUESTIONED'", String.class, absorbed)).isEqualTo("UNMERGE_NOT_FOLLOWED");

        // the city's officer finds the city's merge wrong too: undone by hand, and the province follows by itself
        long cityAbsorbed = Math.max(cityKept, cityOther);
        ok(cli, "city", "record", "unmerge", String.valueOf(cityAbsorbed), "--reason", "本级复核有误");
        assertThat(chain("city", kept)).isNotEqualTo(chain("city", absorbed));
        ok(cli, "city", "push");
        JsonNode prov = cli.json("--node", P + "prov", "receive");
        assertThat(prov.at("/unmerges/0/outcome").asString()).as(prov.toString()).isEqualTo("FOLLOWED");
        assertThat(chain("prov", kept)).isNotEqualTo(chain("prov", absorbed));
        assertThat(cli.json("--node", P + "city", "overview").findValuesAsString("code"))
                .doesNotContain("UNMERGE_NOT_FOLLOWED");
    }

    /** Fresh nodes; the county ingests and consolidates; returns two of its penalty records. */
    private List<Long> countyPair(CliRunner cli) throws IOException {
        List.of("county", "city", "prov", "nat").forEach(n -> jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + n
                + " CASCADE"));
        deleteTree(root.resolve("exchange"));
        TestNodes.initFolders(config);
        ok(cli, "county", "ingest", Path.of("../sample-data").resolve("county-520102-penalties-2026-11.xlsx").toString());
        ok(cli, "county", "consolidate");
        List<Long> pair = jdbc.queryForList("SELECT id FROM node_" + P + "county.consolidated_record WHERE record_kind ="
                + " 'ADMINISTRATIVE_PENALTY' AND (region_code IS NULL OR region_code LIKE '5201%') ORDER BY id LIMIT 2",
                Long.class);
        assertThat(pair).hasSize(2);
        return pair;
    }

    private long countyReviewPair(long kept, long absorbed) {
        return jdbc.queryForObject("INSERT INTO node_" + P + "county.review_pair (left_record_id, right_record_id,"
                + " score, reasons) VALUES (?, ?, 0.8, 'test') RETURNING id", Long.class, kept, absorbed);
    }

    /**
     * The record holding a county record at {@code node}, found level by level through the origin of each level's
     * record (a list: more than one means the rows are split over records, which no assertion here expects).
     */
    private List<Long> chain(String node, long countyId) {
        List<Long> ids = List.of(countyId);
        for (String[] level : LEVELS) {
            List<Long> next = new ArrayList<>();
            for (long id : ids) {
                next.addAll(holders(level[0], level[1], id));
            }
            ids = next.stream().distinct().sorted().toList();
            if (level[0].equals(node)) {
                return ids;
            }
        }
        throw new IllegalArgumentException(node);
    }

    private List<Long> holders(String node, String child, long childId) {
        String schema = "node_" + P + node;
        return jdbc.queryForList("SELECT DISTINCT rs.record_id FROM " + schema + ".staged_record s JOIN " + schema
                + ".record_source rs ON rs.staged_record_id = s.id WHERE s.origin_key = ?", Long.class,
                P + child + ":" + childId);
    }

    /** Each county record sits in a record of its own at every level, with the county record's values. */
    private void assertTwoRecordsAtEveryLevel(long kept, long absorbed) {
        for (String[] level : LEVELS) {
            List<Long> a = chain(level[0], absorbed);
            List<Long> k = chain(level[0], kept);
            assertThat(a).as("at " + level[0]).hasSize(1);
            assertThat(k).as("at " + level[0]).hasSize(1).doesNotContainAnyElementsOf(a);
            assertValues(level[0], level[1], kept);
            assertValues(level[0], level[1], absorbed);
        }
    }

    private void assertValues(String node, String child, long countyId) {
        String values = "SELECT concat_ws('|', subject_name, document_number, decision_date) FROM %s"
                + ".consolidated_record WHERE id = ?";
        assertThat(jdbc.queryForObject(values.formatted("node_" + P + node), String.class, chain(node, countyId).get(0)))
                .as(node + " holds county record " + countyId + " with its values")
                .isEqualTo(jdbc.queryForObject(values.formatted("node_" + P + "county"), String.class, countyId));
    }

    /** The line for {@code recordId} of the newest acknowledgement {@code node} wrote for {@code child}. */
    private static JsonNode lastAcknowledgement(String node, String child, long recordId) throws IOException {
        Path acks = root.resolve("exchange").resolve(P + node).resolve("acks").resolve(P + child);
        Path last;
        try (Stream<Path> files = Files.list(acks)) {
            last = files.filter(f -> f.toString().endsWith(".ack.json")).max(Comparator.naturalOrder()).orElseThrow();
        }
        String text = Files.readString(last, StandardCharsets.UTF_8);
        JsonNode ack = JSON.readTree(text.substring(text.indexOf('\n') + 1));
        for (JsonNode r : ack.get("records")) {
            if (r.get("recordId").asLong() == recordId) {
                return r;
            }
        }
        throw new AssertionError("no line for record " + recordId + " in " + last);
    }

    private long maxSeq(String node) {
        return jdbc.queryForObject("SELECT max(seq) FROM node_" + P + node + ".change_log", Long.class);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void ok(CliRunner cli, String node, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--node";
        all[1] = P + node;
        System.arraycopy(args, 0, all, 2, args.length);
        assertThat(cli.run(all)).as(String.join(" ", args) + ": " + cli.out() + cli.err()).isZero();
    }

    /** Push from the county and receive, {@code levels} levels up. */
    private static void propagate(CliRunner cli, int levels) {
        for (int i = 0; i < levels; i++) {
            ok(cli, LEVELS[i][1], "push");
            ok(cli, LEVELS[i][0], "receive");
        }
    }
}
