package org.creditpipeline.exchange;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a parent stages from a package is the child's record, column for column: every type the record model has
 * (text with tabs, newlines, backslashes and characters outside the BMP; dates; amounts with six decimals; age;
 * status with its reason), and the lineage. A signed package whose record holds a value that fits no column is refused
 * with the change, the field and the value named, and nothing of it is staged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageStagingFunctionalTests extends PostgresTestSupport {

    private static final String P = "xs_";
    private static final String COUNTY = "node_" + P + "county";
    private static final String CITY = "node_" + P + "city";
    /** The record columns a staged row takes (PackageRows), compared one by one. */
    private static final String COLUMNS = """
            record_kind, subject_kind, subject_name, uscc, org_code, registration_no, id_type, id_number,
            legal_representative, work_unit, work_unit_uscc, position, document_number, document_number_key,
            authority_name, authority_uscc, decision_date, category, violation_type, facts, content, fine_amount,
            confiscated_amount, legal_basis, valid_until, publication_end, severity, region_code, data_source_unit,
            data_source_uscc, sex, age, publication_date, basis_unit, performed_part, unperformed_part, performance,
            status, status_reason, status_ref, status_changed_at""";
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        Path root = Files.createTempDirectory("exchange-staging");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "county");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PushService push;

    @BeforeAll
    static void freshNodes(@Autowired JdbcTemplate jdbc) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + CITY + " CASCADE");
    }

    @Test
    @Order(1)
    void theParentStagesTheChildsRecordColumnForColumn() {
        ChangeLogFixture county = new ChangeLogFixture(jdbc, COUNTY);
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("uscc", "91520102MA6DKXYZ1T");
        full.put("org_code", "MA6DKXYZ-1");
        full.put("registration_no", "520102000123456");
        full.put("legal_representative", "李四");
        full.put("category", "罚款;没收违法所得");
        full.put("violation_type", "销售不合格产品");
        full.put("facts", "第一行\t制表\n第二行 \\ 反斜杠 \"引号\" 𠀀𡈽");
        full.put("content", "罚款人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分");
        full.put("fine_amount", new BigDecimal("12.345678"));
        full.put("confiscated_amount", new BigDecimal("99999999999999.000001"));
        full.put("legal_basis", "《中华人民共和国产品质量法》第四十九条");
        full.put("valid_until", LocalDate.of(2029, 12, 31));
        full.put("publication_end", LocalDate.of(2029, 5, 1));
        full.put("data_source_unit", "贵阳市南明区市场监督管理局");
        full.put("data_source_uscc", "11520102MB0000000X");
        full.put("status", "REPAIRED");
        full.put("status_reason", "已履行并完成信用修复");
        full.put("status_ref", "黔信修〔2026〕12号");
        full.put("status_changed_at", "2026-03-20T10:00:00.123456+08:00"); // repaired before 36号令 took effect
        long enterprise = county.penalty("贵州甲乙建材有限公司", "520102", LocalDate.of(2026, 5, 1), "SERIOUS", full);
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("record_kind", "DISHONEST_DEBTOR");
        person.put("subject_kind", "NATURAL_PERSON");
        person.put("subject_name", "王五");
        person.put("subject_key", "id:520102198001011234");
        person.put("id_type", "身份证");
        person.put("id_number", "5201021980****1234");
        person.put("sex", "男");
        person.put("age", 46);
        person.put("publication_date", LocalDate.of(2026, 3, 2));
        person.put("document_number", "（2026）黔0102执123号");
        person.put("document_number_key", "2026黔0102执123");
        person.put("basis_unit", "贵阳市南明区人民法院");
        person.put("performed_part", "0");
        person.put("unperformed_part", "全部");
        person.put("performance", "全部未履行");
        person.put("region_code", "520102");
        long debtor = county.insert(person);
        county.update(debtor, "fine_amount", new BigDecimal("-0.5")); // two changes: the last one is staged

        assertThat(push.push(100_000, 10).sent()).hasSize(1);
        CliRunner cli = new CliRunner(config);
        JsonNode received = cli.json("--node", P + "city", "receive");

        assertThat(received.get("packages").get(0).get("status").asString()).as(cli.err()).isEqualTo("APPLIED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CITY + ".staged_record", Long.class)).isEqualTo(2);
        for (long id : new long[] {enterprise, debtor}) {
            Map<String, Object> staged = jdbc.queryForMap("SELECT " + COLUMNS + ", lineage::text AS lineage FROM "
                    + CITY + ".staged_record WHERE origin_key = ?", P + "county:" + id);
            Map<String, Object> record = jdbc.queryForMap("SELECT " + COLUMNS + ", '[]' AS lineage FROM " + COUNTY
                    + ".consolidated_record WHERE id = ?", id);
            assertThat(staged).isEqualTo(record);
        }
        assertThat(jdbc.queryForObject("SELECT source_row FROM " + CITY + ".staged_record WHERE origin_key = ?",
                Long.class, P + "county:" + debtor)).isEqualTo(3); // the UPDATE, change 3, not the INSERT
        assertThat(jdbc.queryForObject("SELECT fine_amount FROM " + CITY + ".staged_record WHERE origin_key = ?",
                BigDecimal.class, P + "county:" + debtor)).isEqualByComparingTo("-0.5");
        // the city's record keeps the county's repair date, not the day the package arrived: the sharing rule
        // (repairs from 2026-04-01 stop being shared) reads it
        assertThat(jdbc.queryForObject("SELECT c.status_changed_at = k.status_changed_at FROM " + CITY
                + ".consolidated_record c JOIN " + CITY + ".record_source rs ON rs.record_id = c.id JOIN " + CITY
                + ".staged_record s ON s.id = rs.staged_record_id JOIN " + COUNTY + ".consolidated_record k"
                + " ON s.origin_key = ? || k.id WHERE k.id = ?", Boolean.class, P + "county:", enterprise)).isTrue();
    }

    @Test
    @Order(2)
    void aSignedPackageWithAValueThatFitsNoColumnIsRefusedAndNothingIsStaged() {
        ChangeLogFixture county = new ChangeLogFixture(jdbc, COUNTY);
        long id = county.penalty("贵州丙丁商贸有限公司", "520102", LocalDate.of(2026, 7, 1), "GENERAL", Map.of());
        // a child whose software wrote an impossible date into its change log: the package is signed all the same
        jdbc.update("UPDATE " + COUNTY + ".change_log SET payload = jsonb_set(payload, '{decision_date}',"
                + " '\"2026-02-30\"') WHERE record_id = ?", id);

        assertThat(push.push(100_000, 10).sent()).hasSize(1);
        CliRunner cli = new CliRunner(config);
        JsonNode received = cli.json("--node", P + "city", "receive");

        JsonNode outcome = received.get("packages").get(0);
        assertThat(outcome.get("status").asString()).isEqualTo("REFUSED");
        assertThat(outcome.get("reason").asString()).contains("change 4", "decision_date", "2026-02-30");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CITY + ".staged_record", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CITY + ".ingest_file", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CITY + ".exchange_inbound", Long.class)).isEqualTo(1);
        PushSummary answered = push.push(100_000, 10);
        assertThat(answered.acknowledgements()).extracting(PushSummary.AckTaken::status).containsExactly("REFUSED");
        assertThat(answered.sent()).as("built again for the same range").extracting(PushSummary.Sent::packageId)
                .containsExactly(P + "county-0000000004-0000000004");
    }

    @Test
    @Order(3)
    void onceTheChildCorrectsTheRecordTheRebuiltPackageIsApplied() {
        // the county's correction: the record as it is now, without the impossible date its software wrote
        jdbc.update("UPDATE " + COUNTY + ".change_log SET payload = NULL WHERE seq = 4");
        CliRunner cli = new CliRunner(config);
        JsonNode refusedAgain = cli.json("--node", P + "city", "receive").get("packages").get(0);
        assertThat(refusedAgain.get("status").asString()).as("the package built before the correction")
                .isEqualTo("REFUSED");

        PushSummary rebuilt = push.push(100_000, 10);
        assertThat(rebuilt.sent()).extracting(PushSummary.Sent::packageId)
                .containsExactly(P + "county-0000000004-0000000004");
        JsonNode applied = cli.json("--node", P + "city", "receive").get("packages").get(0);

        assertThat(applied.get("status").asString()).as(cli.err()).isEqualTo("APPLIED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CITY + ".staged_record", Long.class)).isEqualTo(3);
        assertThat(push.push(100_000, 10).acknowledgements()).extracting(PushSummary.AckTaken::status)
                .containsExactly("APPLIED");
    }
}
