package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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
 * A child's unmerge at a parent whose record holds the two child records by another child's evidence ({@code
 * ChildMerges}, {@code KEPT_MERGED}): the parent keeps its record whole and says why in its answer and its
 * acknowledgement.
 */
class ChildMergesFunctionalTests extends PostgresTestSupport {

    private static final String P = "cg_";
    private static final String HEADER = "行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,"
            + "违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关,地方编码\n";
    private static final String USCC = "91520103MA6H6W206Q";
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("child-merges");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    /**
     * One decision of the city's 市场监管局 (文号 401) about a company: the first county has it twice, once with the
     * company's USCC and once under another spelling of its name without an identifier, and keeps the two apart
     * (unsure, they go to review); the second county has it once, under that spelling with the USCC. At the city the
     * second county's record joins both of the first county's: the USCC's exact key one, the document number and name
     * the other, so the city holds all three in one record by the second county's evidence. The first county then
     * merges its two records by review and undoes that merge: its unmerge does not prove the city's joining wrong, so
     * the city keeps its record whole — every row of the three child records in it — and answers {@code KEPT_MERGED}
     * with the reason, questioning the first county's restored record in the acknowledgement
     * ({@code UNMERGE_NOT_FOLLOWED}).
     */
    @Test
    void anUnmergeAtOneChildKeepsTheRecordAnotherChildsRecordHoldsWhole() throws IOException {
        CliRunner cli = new CliRunner(config);
        ingest(cli, "county", row("贵阳华新科技有限公司", USCC) + row("贵阳华兴科技有限公司", ""));
        ingest(cli, "county2", row("贵阳华兴科技有限公司", USCC));
        List<Long> first = records("county");
        assertThat(first).as("kept apart at the first county").hasSize(2);
        long second = records("county2").get(0);

        ok(cli, "county", "push");
        ok(cli, "city", "receive");
        assertThat(holders("county", first.get(0))).isNotEqualTo(holders("county", first.get(1)));
        ok(cli, "county2", "push");
        ok(cli, "city", "receive");
        List<Long> holder = holders("county2", second);
        assertThat(holders("county", first.get(0))).as("the city holds both of the first county's records in one")
                .hasSize(1).isEqualTo(holders("county", first.get(1))).isEqualTo(holder);

        ok(cli, "county", "review", "accept", String.valueOf(pair("county", first)));
        ok(cli, "county", "push");
        ok(cli, "city", "receive");
        ok(cli, "county", "record", "unmerge", String.valueOf(first.get(1)), "--reason", "两个不同的处罚决定");
        ok(cli, "county", "push");
        JsonNode city = cli.json("--node", P + "city", "receive");
        assertThat(city.at("/unmerges/0/outcome").asString()).as(city.toString()).isEqualTo("KEPT_MERGED");
        assertThat(city.at("/unmerges/0/childRecord").asLong()).isEqualTo(first.get(1));
        assertThat(city.at("/unmerges/0/note").asString()).contains("holds both " + P + "county:" + first.get(1),
                "by this node's own evidence", "another child's record", "record unmerge");
        assertThat(city.at("/unmerges/0/parentRecord").asLong()).isEqualTo(holder.get(0));
        assertThat(holders("county", first.get(1))).as("kept whole").isEqualTo(holder)
                .isEqualTo(holders("county", first.get(0))).isEqualTo(holders("county2", second));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.staged_record s JOIN node_" + P
                + "city.record_source rs ON rs.staged_record_id = s.id WHERE rs.record_id <> ?", Long.class,
                holder.get(0))).as("no row of the children anywhere else").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.record_merge WHERE unmerged_at IS NOT"
                + " NULL", Long.class)).as("nothing undone at the city").isZero();

        JsonNode feedback = lastAcknowledgement(first.get(1));
        assertThat(feedback.get("outcome").asString()).isEqualTo("QUESTIONED");
        assertThat(feedback.get("errorCode").asString()).isEqualTo("UNMERGE_NOT_FOLLOWED");
        assertThat(feedback.get("unmerge").asString()).isEqualTo("KEPT_MERGED");
        assertThat(feedback.get("parentRecordId").asLong()).isEqualTo(holder.get(0));
        ok(cli, "county", "push");
        assertThat(jdbc.queryForObject("SELECT error_code FROM node_" + P + "county.exchange_feedback WHERE record_id"
                + " = ? AND outcome = 'QUESTIONED'", String.class, first.get(1))).isEqualTo("UNMERGE_NOT_FOLLOWED");
    }

    /** The decision 401 of the city's 市场监管局, on the company as named, in the region of the county that ingests it. */
    private static String row(String company, String uscc) {
        return company + ",法人及非法人组织," + uscc + ",筑市监罚〔2026〕401号,食品安全,销售过期食品,"
                + "《食品安全法》第一百二十四条,罚款,罚款20000元,2,2026-10-12,贵阳市市场监督管理局,\n";
    }

    private static void ingest(CliRunner cli, String node, String rows) throws IOException {
        Path file = root.resolve(node + "-penalties.csv");
        Files.writeString(file, HEADER + rows, StandardCharsets.UTF_8);
        ok(cli, node, "ingest", file.toString());
        ok(cli, node, "consolidate");
    }

    private List<Long> records(String node) {
        return jdbc.queryForList("SELECT id FROM node_" + P + node + ".consolidated_record ORDER BY id", Long.class);
    }

    /** The review pair of the two records: the one consolidation proposed, else one made here. */
    private long pair(String node, List<Long> ids) {
        return jdbc.queryForObject("INSERT INTO node_" + P + node + ".review_pair (left_record_id, right_record_id,"
                + " score, reasons) VALUES (?, ?, 0.8, 'test') ON CONFLICT (left_record_id, right_record_id)"
                + " DO UPDATE SET status = review_pair.status RETURNING id", Long.class, ids.get(0), ids.get(1));
    }

    /** The city's records that hold rows of the child's record (by the rows' origin now or before a merge). */
    private List<Long> holders(String child, long childId) {
        String city = "node_" + P + "city";
        return jdbc.queryForList("SELECT DISTINCT rs.record_id FROM " + city + ".staged_record s JOIN " + city
                + ".record_source rs ON rs.staged_record_id = s.id WHERE s.origin_key = ? OR s.id IN (SELECT"
                + " unnest(staged_rows) FROM " + city + ".exchange_origin_merge WHERE absorbed_origin = ?) ORDER BY 1",
                Long.class, P + child + ":" + childId, P + child + ":" + childId);
    }

    /** The line for {@code recordId} of the newest acknowledgement the city wrote for the first county. */
    private static JsonNode lastAcknowledgement(long recordId) throws IOException {
        Path acks = root.resolve("exchange").resolve(P + "city").resolve("acks").resolve(P + "county");
        Path last;
        try (Stream<Path> files = Files.list(acks)) {
            last = files.filter(f -> f.toString().endsWith(".ack.json")).max(Comparator.naturalOrder()).orElseThrow();
        }
        String text = Files.readString(last, StandardCharsets.UTF_8);
        JsonNode ack = JsonMapper.builder().build().readTree(text.substring(text.indexOf('\n') + 1));
        for (JsonNode r : ack.get("records")) {
            if (r.get("recordId").asLong() == recordId) {
                return r;
            }
        }
        throw new AssertionError("no line for record " + recordId + " in " + last);
    }

    private static void ok(CliRunner cli, String node, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--node";
        all[1] = P + node;
        System.arraycopy(args, 0, all, 2, args.length);
        assertThat(cli.run(all)).as(String.join(" ", args) + ": " + cli.out() + cli.err()).isZero();
    }
}
