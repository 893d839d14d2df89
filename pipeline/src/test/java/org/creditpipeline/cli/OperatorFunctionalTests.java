package org.creditpipeline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.creditpipeline.exchange.ChangeLogFixture;
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
 * What a nightly cron meets after something went wrong: a run killed at the worst moment, an export cut off half-way,
 * a second run on a busy node, a broken configuration file. Real commands, in-process, against the test database.
 */
class OperatorFunctionalTests extends PostgresTestSupport {

    private static final String P = "op_";
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("operator");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aStatusChangeKilledBeforeItsCommitLeavesNoGapThatWouldStopEveryPush() {
        dropSchemas("county", "city");
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("--node", P + "county", "ingest", "../sample-data/county-520102-penalties-2026-11.xlsx"))
                .as(cli.err()).isZero();
        assertThat(cli.run("--node", P + "county", "consolidate")).as(cli.err()).isZero();
        String schema = "node_" + P + "county";
        long record = jdbc.queryForObject("SELECT min(id) FROM " + schema + ".consolidated_record", Long.class);

        // what kill -9 between the change-log insert and the commit of a status change (or of one record of a long
        // expire) leaves behind: a number drawn from the column's sequence, and no row
        jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('" + schema + ".change_log', 'seq'))", Long.class);

        assertThat(cli.run("--node", P + "county", "status", "set", "--record", String.valueOf(record), "objection",
                "--reason", "当事人提出异议")).as(cli.err()).isZero();
        assertThat(jdbc.queryForObject("SELECT max(seq) = count(*) FROM " + schema + ".change_log", Boolean.class))
                .as("the change log stays gap-free").isTrue();
        assertThat(cli.run("--node", P + "county", "push")).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("sent " + P + "county-0000000001-");
    }

    @Test
    void aReceiveKilledAfterConsolidatingAcknowledgesAsAnUninterruptedOneWould() throws IOException {
        // a topology of its own, so that this test's city does not share packages with the others
        Path own = TestNodes.write(root.resolve("receive"), "or_", null);
        CliRunner cli = new CliRunner(own);
        for (String n : List.of("county", "city")) {
            jdbc.execute("DROP SCHEMA IF EXISTS node_or_" + n + " CASCADE");
        }
        assertThat(cli.run("--node", "or_county", "ingest", "../sample-data/county-520102-penalties-2026-11.xlsx"))
                .as(cli.err()).isZero();
        assertThat(cli.run("--node", "or_county", "consolidate")).as(cli.err()).isZero();
        assertThat(cli.run("--node", "or_county", "push")).as(cli.err()).isZero();
        JsonNode whole = cli.json("--node", "or_city", "receive").at("/packages/0");
        assertThat(whole.get("status").asString()).isEqualTo("APPLIED");
        assertThat(whole.get("accepted").asLong()).isPositive();

        // what kill -9 after the consolidation's commit and before the package was marked applied leaves: the rows
        // staged and consolidated, the package STAGED and still in the inbox, no acknowledgement
        Path exchange = root.resolve("receive").resolve("exchange").resolve("or_city");
        String file = whole.get("file").asString();
        Files.move(exchange.resolve("applied").resolve(file), exchange.resolve("inbox").resolve(file));
        deleteRecursively(exchange.resolve("acks"));
        jdbc.update("UPDATE node_or_city.exchange_inbound SET status = 'STAGED', applied_at = NULL");

        JsonNode resumed = cli.json("--node", "or_city", "receive").at("/packages/0");
        assertThat(resumed.get("status").asString()).isEqualTo("APPLIED");
        for (String count : List.of("accepted", "updated", "questioned", "unmatched")) {
            assertThat(resumed.get(count).asLong()).as(count).isEqualTo(whole.get(count).asLong());
        }
    }

    @Test
    void aPackageStillBeingCopiedIntoTheInboxIsLeftForTheNextReceiveNotRefused() throws IOException {
        Path own = TestNodes.write(root.resolve("copying"), "oc_", null);
        CliRunner cli = new CliRunner(own);
        for (String n : List.of("county", "city")) {
            jdbc.execute("DROP SCHEMA IF EXISTS node_oc_" + n + " CASCADE");
        }
        assertThat(cli.run("--node", "oc_county", "ingest", "../sample-data/county-520102-penalties-2026-11.xlsx"))
                .as(cli.err()).isZero();
        assertThat(cli.run("--node", "oc_county", "consolidate")).as(cli.err()).isZero();
        assertThat(cli.run("--node", "oc_county", "push")).as(cli.err()).isZero();
        Path inbox = root.resolve("copying").resolve("exchange").resolve("oc_city").resolve("inbox");
        Path pkg;
        try (Stream<Path> files = Files.list(inbox)) {
            pkg = files.findFirst().orElseThrow();
        }
        byte[] whole = Files.readAllBytes(pkg);
        // junk beside it: a note, and a folder whose name ends in .zip
        Files.writeString(inbox.resolve("README.txt"), "上报说明");
        Files.createDirectories(inbox.resolve("old-packages.zip"));
        // an officer's cp (or scp) into the inbox, half-way through when receive runs
        Files.write(pkg, java.util.Arrays.copyOf(whole, whole.length / 2));

        JsonNode receipt = cli.json("--node", "oc_city", "receive");
        assertThat(receipt.get("packages")).as("the junk is not a package").hasSize(1);
        JsonNode held = receipt.at("/packages/0");
        assertThat(held.get("status").asString()).isEqualTo("HELD");
        assertThat(held.get("reason").asString()).contains("still being copied");
        assertThat(cli.run("--node", "oc_city", "receive")).isZero();
        assertThat(pkg).as("left where the copy writes").exists();

        Files.write(pkg, whole); // the copy finished
        JsonNode applied = cli.json("--node", "oc_city", "receive").at("/packages/0");
        assertThat(applied.get("status").asString()).isEqualTo("APPLIED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_oc_city.exchange_refusal", Long.class)).isZero();
    }

    @Test
    void theNightlyExpiryOfANationalNodesRecordsFitsInASmallHeap() throws Exception {
        String schema = "node_" + P + "expire";
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("--node", P + "expire", "consolidate")).as(cli.err()).isZero(); // creates the schema
        int records = 150_000;
        jdbc.update("INSERT INTO " + schema + ".consolidated_record (record_kind, subject_kind, subject_name,"
                + " subject_key, document_number, decision_date, severity, region_code)"
                + " SELECT 'ADMINISTRATIVE_PENALTY', 'ENTERPRISE', '贵阳某某商贸有限公司' || i, 'name:' || i, '筑市监罚〔2020〕' || i || '号', DATE '2020-01-01' + (i % 300),"
                + " 'GENERAL', '520102' FROM generate_series(1, ?) i", records);
        long decidedLater = jdbc.queryForObject("INSERT INTO " + schema + ".consolidated_record (record_kind,"
                + " subject_kind, subject_name, subject_key, decision_date, severity) VALUES ('ADMINISTRATIVE_PENALTY',"
                + " 'ENTERPRISE', '贵阳某某新公司', 'name:new', DATE '2026-10-01', 'GENERAL') RETURNING id", Long.class);
        jdbc.update("INSERT INTO " + schema + ".change_log (record_id, change_type, version, payload)"
                + " SELECT id, 'INSERT', version, to_jsonb(r) FROM " + schema + ".consolidated_record r ORDER BY id");
        long lastBefore = jdbc.queryForObject("SELECT max(seq) FROM " + schema + ".change_log", Long.class);

        // a real process with a 64 MB heap, on the same database: listing every active record at once needed several
        // times that, and the nightly run died of OutOfMemoryError on a province's records
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL().replaceFirst("\\?.*$", "");
        }
        Process expire = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), "org.creditpipeline.cli.CreditPipelineCli",
                "--home", "target/test-home", "--config-dir", config.toString(), "--db-url", url, "--db-user",
                System.getenv().getOrDefault("CREDIT_DB_USER", "postgres"), "--node", P + "expire", "--quiet",
                "expire", "--as-of", "2026-11-26").redirectErrorStream(true).start();
        String output = new String(expire.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(expire.waitFor()).as(output).isZero();
        assertThat(output).contains("150000 record(s) reached the end of their publication period");

        // what a status change writes, for every one of them, numbered on from the change log
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema + ".consolidated_record WHERE status ="
                + " 'EXPIRED' AND status_reason = 'publication period ended (公示期满)' AND version = 2", Long.class))
                .isEqualTo(records);
        assertThat(jdbc.queryForObject("SELECT status FROM " + schema + ".consolidated_record WHERE id = ?",
                String.class, decidedLater)).isEqualTo("ACTIVE");
        assertThat(jdbc.queryForMap("SELECT count(*) AS n, min(seq) AS first, max(seq) AS last FROM " + schema
                + ".change_log WHERE change_type = 'STATUS' AND reason = 'EXPIRED: publication period ended (公示期满)'"
                + " AND (payload->>'status') = 'EXPIRED'"))
                .containsEntry("n", (long) records).containsEntry("first", lastBefore + 1)
                .containsEntry("last", lastBefore + records);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema + ".status_audit a JOIN " + schema
                + ".change_log l ON l.seq = a.seq AND l.record_id = a.record_id WHERE a.old_status = 'ACTIVE' AND"
                + " a.new_status = 'EXPIRED' AND a.actor = 'nightly-expiry'", Long.class)).isEqualTo(records);
        JsonNode again = cli.json("--node", P + "expire", "expire", "--as-of", "2026-11-26");
        assertThat(again.properties().iterator().next().getKey()).isEqualTo("command");
        assertThat(again.get("count").asInt()).isZero();
    }

    @Test
    void aPushKilledWhileBuildingLeavesNothingInTheOutboxAfterTheNextPush() throws IOException {
        Path own = TestNodes.write(root.resolve("building"), "ob_", null);
        CliRunner cli = new CliRunner(own);
        for (String n : List.of("county", "city")) {
            jdbc.execute("DROP SCHEMA IF EXISTS node_ob_" + n + " CASCADE");
        }
        assertThat(cli.run("--node", "ob_county", "ingest", "../sample-data/county-520102-penalties-2026-11.xlsx"))
                .as(cli.err()).isZero();
        assertThat(cli.run("--node", "ob_county", "consolidate")).as(cli.err()).isZero();
        // what kill -9 during a build leaves: the work folder with the package's files, and a half-written zip
        Path outbox = root.resolve("building").resolve("exchange").resolve("ob_county").resolve("outbox");
        Path work = Files.createDirectories(outbox.resolve("ob_county-0000000001-0000000007.building-123456"));
        Files.writeString(work.resolve("changes.jsonl"), "{\"seq\":1}\n");
        Files.writeString(outbox.resolve("ob_county-0000000001-0000000007.zip.part"), "PK");

        assertThat(cli.run("--node", "ob_county", "push")).as(cli.err()).isZero();

        assertThat(entries(outbox)).allMatch(name -> name.matches("ob_county-\\d{10}-\\d{10}\\.zip"))
                .isNotEmpty();
    }

    @Test
    void anAcknowledgementThisNodeCannotVerifyFailsThePushWithTheReason() throws IOException {
        Path own = TestNodes.write(root.resolve("keys"), "ok_", null);
        CliRunner cli = new CliRunner(own);
        for (String n : List.of("county", "city")) {
            jdbc.execute("DROP SCHEMA IF EXISTS node_ok_" + n + " CASCADE");
        }
        assertThat(cli.run("--node", "ok_county", "ingest", "../sample-data/county-520102-penalties-2026-11.xlsx"))
                .as(cli.err()).isZero();
        assertThat(cli.run("--node", "ok_county", "consolidate")).as(cli.err()).isZero();
        assertThat(cli.run("--node", "ok_county", "push")).as(cli.err()).isZero();
        // the city's answer, signed with a key other than the county's (the county's node file and the city's copy
        // of it disagree): every package is refused there, and the county cannot read why
        Path county = own.resolve("nodes").resolve("ok_county.yaml");
        String original = Files.readString(county);
        Files.writeString(county, original.replace("key: test-key-ok_county", "key: other-key-ok_county"));
        assertThat(cli.run("--node", "ok_city", "receive")).isEqualTo(1);
        Files.writeString(county, original);

        assertThat(cli.run("--node", "ok_county", "push")).isEqualTo(1);
        assertThat(cli.out()).contains("NOT VERIFIED acknowledgement ok_county-0000000001-")
                .contains("wrong signature").contains("the key in job-configs/nodes/ok_county.yaml must be the one"
                        + " node 'ok_city' has");
        JsonNode doc = cli.json("--node", "ok_county", "push");
        assertThat(doc.get("unverifiedAcknowledgements")).hasSize(1);
    }

    @Test
    void aPackageRemovedFromTheOutboxBeforeItsAcknowledgementIsBuiltAgain() throws IOException {
        Path own = TestNodes.write(root.resolve("cleaned"), "oo_", null);
        CliRunner cli = new CliRunner(own);
        for (String n : List.of("county", "city")) {
            jdbc.execute("DROP SCHEMA IF EXISTS node_oo_" + n + " CASCADE");
        }
        assertThat(cli.run("--node", "oo_county", "ingest", "../sample-data/county-520102-penalties-2026-11.xlsx"))
                .as(cli.err()).isZero();
        assertThat(cli.run("--node", "oo_county", "consolidate")).as(cli.err()).isZero();
        JsonNode sent = cli.json("--node", "oo_county", "push").at("/sent/0");
        Path exchange = root.resolve("cleaned").resolve("exchange");
        Files.delete(Path.of(sent.get("file").asString())); // an operator's clean-up of the outbox
        Files.delete(exchange.resolve("oo_city").resolve("inbox").resolve(Path.of(sent.get("file").asString())
                .getFileName())); // and the parent never got it

        assertThat(cli.run("--node", "oo_county", "push")).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("sent " + sent.get("packageId").asString());
        assertThat(cli.run("--node", "oo_city", "receive")).as(cli.out()).isZero();
        assertThat(cli.out()).contains("APPLIED");
        assertThat(cli.run("--node", "oo_county", "push")).isZero();
        assertThat(cli.out()).contains("acknowledged " + sent.get("packageId").asString() + ": APPLIED");
    }

    @Test
    void anExportCutOffHalfWayLeavesNoFolderThatLooksLikeAnExport() throws Exception {
        dropSchemas("county2");
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("--node", P + "county2", "consolidate")).as(cli.err()).isZero(); // creates the schema
        ChangeLogFixture records = new ChangeLogFixture(jdbc, "node_" + P + "county2");
        for (int i = 0; i < 3; i++) {
            records.penalty("贵阳云岩某某商贸有限公司" + i, "520103", java.time.LocalDate.of(2026, 10, 8), "GENERAL",
                    java.util.Map.of());
        }
        // a record the export cannot write, after the others: the export fails with rows already in its data file
        long broken = records.penalty("贵阳云岩某某建材有限公司", "520103", java.time.LocalDate.of(2026, 10, 9), "GENERAL",
                java.util.Map.of());
        jdbc.update("UPDATE node_" + P + "county2.consolidated_record SET severity = 'NOT_A_TIER' WHERE id = ?",
                broken);
        Path exports = Path.of("target/test-home/var/exports").resolve(P + "county2");
        deleteRecursively(exports);

        assertThat(cli.run("--node", P + "county2", "export", "--kind", "full")).isEqualTo(1);
        assertThat(entries(exports)).as("nothing a downstream reader could take for an export").isEmpty();

        // a killed export's partial folder (its process is gone) is removed by the next export
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(exports.resolve(".full-20261126-020000-000.partial-" + gone.pid()));
        jdbc.update("UPDATE node_" + P + "county2.consolidated_record SET severity = 'GENERAL' WHERE id = ?", broken);

        JsonNode done = cli.json("--node", P + "county2", "export", "--kind", "full");
        Path folder = Path.of(done.get("directory").asString());
        assertThat(entries(exports)).containsExactly(folder.getFileName().toString());
        assertThat(folder.resolve("full.csv")).exists();
        assertThat(folder.resolve("manifest.json")).exists();
        assertThat(Path.of(done.get("dataFile").asString())).isEqualTo(folder.resolve("full.csv"));
        assertThat(done.get("records").asLong()).isEqualTo(4);
    }

    @Test
    void aSecondRunOnABusyNodeIsToldSoWithItsOwnExitStatusAndChangesNothing() throws Exception {
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("--node", P + "busy", "consolidate")).as(cli.err()).isZero();
        try (Connection held = dataSource.getConnection();
             PreparedStatement lock = held.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            lock.setString(1, "credit-pipeline:node_" + P + "busy"); // what the running process holds
            lock.execute();

            assertThat(cli.run("--node", P + "busy", "--json", "expire")).isEqualTo(3);
            JsonNode doc = JsonMapper.builder().build().readTree(cli.out());
            assertThat(doc.get("status").asString()).isEqualTo("BUSY");
            assertThat(doc.get("error").asString()).contains("node '" + P + "busy' is busy");
            assertThat(cli.err().lines().toList()).hasSize(1);
        }
    }

    @Test
    void aBrokenConfigurationFileIsNamedWithItsLineInOneLine() throws IOException {
        Path broken = root.resolve("broken-config");
        Files.createDirectories(broken);
        TestNodes.copyJobConfigs(broken);
        Files.writeString(broken.resolve("mappings").resolve("judgment.yaml"), """
                name: judgment
                kind: JUDGMENT
                fields:
                  subjectName:
                    headers: [当事人
                  caseNumber:
                """);
        CliRunner cli = new CliRunner(broken);

        assertThat(cli.run("--node", P + "cfg", "--json", "ingest", "../sample-data/court-judgments.csv"))
                .isEqualTo(1);

        assertThat(cli.err().lines().toList()).hasSize(1);
        assertThat(cli.err()).contains(broken.resolve("mappings").resolve("judgment.yaml").toString())
                .containsPattern("line \\d+, column \\d+: ").doesNotContain("Error creating bean", "Exception");
        JsonNode doc = JsonMapper.builder().build().readTree(cli.out());
        assertThat(doc.get("status").asString()).isEqualTo("FAILED");
        assertThat(doc.get("exitCode").asInt()).isEqualTo(1);
        assertThat(doc.get("error").asString()).contains("judgment.yaml");
    }

    private void dropSchemas(String... nodes) {
        for (String n : nodes) {
            jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + n + " CASCADE");
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
