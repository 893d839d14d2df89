package org.creditpipeline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * {@code housekeep} on a county and its city after two nights, with files and rows made old by hand: what is older
 * than its limit goes, what is newer stays; an unacknowledged package, held and refused packages, failed files and
 * the job instances a restart needs stay whatever their age; evidence tables keep every row; a dry run removes nothing
 * and counts exactly what the run then removes; a second run removes nothing more. {@code nightly} ends with it.
 */
class HousekeepCommandTest extends PostgresTestSupport {

    private static final String P = "hk_";
    private static final String COUNTY = "node_" + P + "county";
    private static final String CITY = "node_" + P + "city";
    private static final List<String> BATCH_TABLES = List.of("batch_job_instance", "batch_job_execution",
            "batch_job_execution_params", "batch_job_execution_context", "batch_step_execution",
            "batch_step_execution_context");
    /** What is evidence: never a row less. */
    private static final List<String> EVIDENCE = List.of("ingest_file", "staged_record", "rejected_row",
            "consolidated_record", "record_source", "change_log", "consolidation_run", "status_audit",
            "exchange_outbound", "exchange_feedback", "exchange_inbound", "exchange_refusal");
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("housekeep");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    private static Path drop(Path dir, String name, String content) throws IOException {
        Path file = Files.writeString(Files.createDirectories(dir).resolve(name), content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(300)));
        return file;
    }

    private static String upload(int serial) {
        return PenaltyCsv.HEADER + PenaltyCsv.row("贵阳南明华信科技有限公司", "91520103MA6H5Q108L",
                "筑南市监罚〔2026〕" + serial + "号");
    }

    private static void age(Path file, int days) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(days, ChronoUnit.DAYS)));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private Map<String, Long> rows(String schema, List<String> tables) {
        Map<String, Long> rows = new LinkedHashMap<>();
        tables.forEach(t -> rows.put(t, count("SELECT count(*) FROM " + schema + "." + t)));
        return rows;
    }

    private long ingestExecution(String file) {
        return count("SELECT job_execution_id FROM " + COUNTY + ".ingest_file WHERE source_name = ?", file);
    }

    private long instanceOf(long execution) {
        return count("SELECT job_instance_id FROM " + COUNTY + ".batch_job_execution WHERE job_execution_id = ?",
                execution);
    }

    private static List<String> removed(JsonNode housekeep, String kind) {
        List<String> paths = new ArrayList<>();
        for (JsonNode k : housekeep.get("kinds")) {
            if (k.get("kind").asString().equals(kind)) {
                k.get("removed").forEach(p -> paths.add(p.asString()));
            }
        }
        return paths;
    }

    private static JsonNode kind(JsonNode housekeep, String kind) {
        for (JsonNode k : housekeep.get("kinds")) {
            if (k.get("kind").asString().equals(kind)) {
                return k;
            }
        }
        throw new AssertionError("no kind " + kind + " in " + housekeep);
    }

    @Test
    void whatIsOlderThanItsLimitGoesAndWhatIsEvidenceOrStillNeededStays() throws IOException {
        for (String n : new String[] {"county", "city", "prov"}) {
            jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + n + " CASCADE");
        }
        Path exports = Path.of("target/test-home/var/exports").resolve(P + "county");
        Path logs = Files.createDirectories(Path.of("target/test-home/var/log"));
        deleteTree(exports); // left by an earlier run of this test: the test home outlives it
        try (var left = Files.list(logs)) {
            for (Path p : left.filter(p -> p.getFileName().toString().startsWith(P)).toList()) {
                Files.delete(p);
            }
        }
        CliRunner cli = new CliRunner(config);
        Path incoming = root.resolve("incoming");
        String today = LocalDate.now().toString();

        // night 1: a good file and an empty one at the county; the city applies the county's package
        drop(incoming, "a.csv", upload(301));
        drop(incoming, "empty.csv", "");
        JsonNode night = cli.json("--node", P + "county", "nightly", "--incoming", incoming.toString());
        assertThat(night.get("exitCode").asInt()).as("the empty file fails").isEqualTo(1);
        JsonNode nightly = night.at("/night/housekeep");
        assertThat(nightly.get("dryRun").asBoolean()).isFalse();
        assertThat(nightly.get("files").asLong()).as("nothing is old yet").isZero();
        assertThat(removed(nightly, "consolidation-work")).isEmpty();
        assertThat(kind(nightly, "consolidation-work").get("rows").asLong())
                .as("the consolidation's scratch rows, emptied every night").isPositive();
        assertThat(cli.run("--node", P + "city", "nightly", "--incoming",
                Files.createDirectories(root.resolve("city-in")).toString()))
                .as(cli.err()).isZero();
        assertThat(cli.out()).contains("7. housekeep", "housekeep on node '" + P + "city'");

        // night 2: two more files; the county takes the city's acknowledgement and sends a package nobody takes
        // (without housekeeping, so that the consolidation's scratch rows stay for the dry run below)
        drop(incoming, "b.csv", upload(302));
        drop(incoming, "c.csv", upload(303));
        System.setProperty("credit.housekeeping.nightly", "false");
        try {
            assertThat(cli.run("--node", P + "county", "nightly", "--incoming", incoming.toString())).as(cli.err())
                    .isZero();
        } finally {
            System.clearProperty("credit.housekeeping.nightly");
        }
        assertThat(cli.out()).contains("7. housekeep: off (credit.housekeeping.nightly=false)");
        String first = P + "county-0000000001-0000000001";
        String second = P + "county-0000000002-0000000003";
        assertThat(count("SELECT count(*) FROM " + COUNTY + ".exchange_outbound WHERE package_id = ? AND status ="
                + " 'ACKNOWLEDGED'", first)).isOne();
        assertThat(count("SELECT count(*) FROM " + COUNTY + ".exchange_outbound WHERE package_id = ? AND status ="
                + " 'SENT'", second)).isOne();

        // made old by hand: the files of night 1, a refused copy of its package, the acknowledgement, logs
        Path done = incoming.resolve("done");
        Path failed = incoming.resolve("failed");
        Path oldDay = done.resolve(LocalDate.now().minusDays(100).toString());
        Files.move(done.resolve(today), oldDay);
        Files.createDirectories(done.resolve(today));
        Files.move(oldDay.resolve("b.csv"), done.resolve(today).resolve("b.csv"));
        Files.move(oldDay.resolve("c.csv"), done.resolve(today).resolve("c.csv"));
        Path recentDay = Files.createDirectories(done.resolve(LocalDate.now().minusDays(10).toString()));
        drop(recentDay, "d.csv", upload(304));
        Path oldFailed = failed.resolve(LocalDate.now().minusDays(400).toString());
        Files.move(failed.resolve(today), oldFailed);
        Path notADay = Files.createDirectories(done.resolve("keep-me"));

        Path countyDir = root.resolve("exchange").resolve(P + "county");
        Path cityDir = root.resolve("exchange").resolve(P + "city");
        Path outbox = countyDir.resolve("outbox");
        Path refusedCopy = Files.copy(outbox.resolve(first + ".zip"),
                outbox.resolve(first + ".refused-1700000000000.zip"));
        jdbc.update("UPDATE " + COUNTY + ".exchange_outbound SET acked_at = acked_at - interval '100 days',"
                + " created_at = created_at - interval '100 days'");
        Path applied = cityDir.resolve("applied").resolve(first + ".zip");
        Path ack = cityDir.resolve("acks").resolve(P + "county").resolve(first + ".ack.json");
        Path cityInbox = cityDir.resolve("inbox").resolve(second + ".zip");
        assertThat(applied).exists();
        assertThat(ack).exists();
        assertThat(cityInbox).as("not received by the city yet").exists();
        jdbc.update("UPDATE " + CITY + ".exchange_inbound SET applied_at = applied_at - interval '100 days',"
                + " received_at = received_at - interval '100 days'");
        jdbc.update("UPDATE " + CITY + ".exchange_outbound SET created_at = created_at - interval '100 days'");
        age(ack, 100);
        age(cityInbox, 100);
        Path refusedHere = Files.writeString(Files.createDirectories(cityDir.resolve("refused"))
                .resolve(P + "county-0000000009-0000000009.zip.1700000000000"), "not a zip");
        age(refusedHere, 100);
        Path cityOutbox = cityDir.resolve("outbox").resolve(P + "city-0000000001-0000000001.zip");
        assertThat(cityOutbox).as("sent to the province, never acknowledged").exists();

        // error reports: a's is old; empty.csv's row is old but its report was written again since; b's is new
        String reportA = jdbc.queryForObject("SELECT error_report FROM " + COUNTY + ".ingest_file WHERE source_name ="
                + " 'a.csv'", String.class);
        String reportEmpty = jdbc.queryForObject("SELECT error_report FROM " + COUNTY + ".ingest_file WHERE"
                + " source_name = 'empty.csv'", String.class);
        String reportB = jdbc.queryForObject("SELECT error_report FROM " + COUNTY + ".ingest_file WHERE source_name ="
                + " 'b.csv'", String.class);
        assertThat(List.of(reportA, reportEmpty, reportB)).allSatisfy(r -> assertThat(Path.of(r)).exists());
        jdbc.update("UPDATE " + COUNTY + ".ingest_file SET finished_at = finished_at - interval '200 days',"
                + " started_at = started_at - interval '200 days' WHERE source_name IN ('a.csv', 'empty.csv')");
        age(Path.of(reportA), 200);
        // the rejects spooled for a report by a run that was killed: an old one goes, one being written stays
        Path reportsFolder = Path.of(reportA).getParent();
        Path staleSpool = drop(reportsFolder, ".ingest-" + P + "1.rejects", "{}");
        age(staleSpool, 2);
        Path liveSpool = drop(reportsFolder, ".check-" + P + "2.rejects", "{}");

        // exports: twelve public folders and two sharing ones (ten of each kind are kept), an unfinished one
        for (int i = 1; i <= 12; i++) {
            drop(exports.resolve(String.format("public-202601%02d-010000-000", i)), "public.csv", "x");
        }
        drop(exports.resolve("sharing-20260101-010000-000"), "sharing.csv", "x");
        drop(exports.resolve("sharing-20260102-010000-000"), "sharing.csv", "x");
        Path partial = Files.createDirectories(exports.resolve(".public-20260201-010000-000.partial-host-1"));

        // logs: an old one goes, a recent one and an old file that is not a log stay
        Path oldLog = drop(logs, P + "nightly-2025-01.log", "old");
        Path oldGz = drop(logs, P + "nightly.log.3.gz", "old");
        Path newLog = drop(logs, P + "nightly-now.log", "new");
        Path notALog = drop(logs, P + "notes.txt", "old");
        for (Path p : List.of(oldLog, oldGz, notALog)) {
            age(p, 100);
        }

        // Spring Batch metadata: everything 100 days old except b.csv's execution
        long execA = ingestExecution("a.csv");
        long execEmpty = ingestExecution("empty.csv");
        long execB = ingestExecution("b.csv");
        long execC = ingestExecution("c.csv");
        List<Long> runs = jdbc.queryForList("SELECT run_id FROM " + COUNTY + ".consolidation_run ORDER BY run_id",
                Long.class);
        assertThat(runs).hasSize(2);
        jdbc.update("UPDATE " + COUNTY + ".batch_job_execution SET create_time = create_time - interval '100 days',"
                + " start_time = start_time - interval '100 days', end_time = end_time - interval '100 days'"
                + " WHERE job_execution_id <> ?", execB);
        assertThat(jdbc.queryForObject("SELECT status FROM " + COUNTY + ".batch_job_execution WHERE job_execution_id"
                + " = ?", String.class, execEmpty)).isEqualTo("FAILED");
        List<Long> goneInstances = List.of(instanceOf(execA), instanceOf(runs.get(0)));
        List<Long> keptInstances = List.of(instanceOf(execEmpty), instanceOf(execB), instanceOf(execC),
                instanceOf(runs.get(1)));
        List<Long> goneSteps = jdbc.queryForList("SELECT step_execution_id FROM " + COUNTY + ".batch_step_execution"
                + " WHERE job_execution_id IN (?, ?)", Long.class, execA, runs.get(0));
        assertThat(goneSteps).hasSize(4); // one ingest step, three consolidation steps

        Map<String, Long> evidence = rows(COUNTY, EVIDENCE);
        Map<String, Long> cityEvidence = rows(CITY, EVIDENCE);
        Map<String, Long> batch = rows(COUNTY, BATCH_TABLES);
        long workRows = count("SELECT count(*) FROM " + COUNTY + ".consolidate_work_row");
        assertThat(workRows).isPositive();
        List<Path> going = List.of(oldDay, outbox.resolve(first + ".zip"), refusedCopy, Path.of(reportA),
                exports.resolve("public-20260101-010000-000"), exports.resolve("public-20260102-010000-000"),
                oldLog, oldGz, staleSpool);
        List<Path> staying = List.of(done.resolve(today).resolve("b.csv"), recentDay.resolve("d.csv"),
                oldFailed.resolve("empty.csv"), oldFailed.resolve("empty.csv.reason.txt"), notADay,
                outbox.resolve(second + ".zip"), Path.of(reportEmpty), Path.of(reportB),
                exports.resolve("public-20260103-010000-000"), exports.resolve("sharing-20260101-010000-000"), partial,
                newLog, notALog, liveSpool);

        // a limit longer than anything's age removes nothing that ages
        JsonNode lenient = cli.json("--node", P + "county", "housekeep", "--dry-run", "--older-than", "1000",
                "--incoming", incoming.toString()).get("housekeep");
        assertThat(kind(lenient, "batch-metadata").get("rows").asLong()).isZero();
        assertThat(lenient.get("limits").get("done-days").asInt()).isEqualTo(1000);
        assertThat(lenient.get("limits").get("failed-days").asString()).as("never stays never").isEqualTo("never");

        // the dry run lists and removes nothing
        JsonNode dry = cli.json("--node", P + "county", "housekeep", "--dry-run", "--incoming", incoming.toString());
        assertThat(dry.get("exitCode").asInt()).as(dry.toString()).isZero();
        JsonNode dryRun = dry.get("housekeep");
        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(going).allSatisfy(p -> assertThat(p).exists());
        assertThat(rows(COUNTY, BATCH_TABLES)).isEqualTo(batch);
        assertThat(count("SELECT count(*) FROM " + COUNTY + ".consolidate_work_row")).isEqualTo(workRows);
        assertThat(cli.run("--node", P + "county", "housekeep", "--dry-run", "--incoming", incoming.toString()))
                .isZero();
        assertThat(cli.out()).contains("(dry run: nothing removed)", "would remove", oldDay.toString());

        // the run
        JsonNode run = cli.json("--node", P + "county", "housekeep", "--incoming", incoming.toString())
                .get("housekeep");
        assertThat(going).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(staying).allSatisfy(p -> assertThat(p).exists());
        assertThat(run.get("files").asLong()).isEqualTo(dryRun.get("files").asLong()).isPositive();
        assertThat(run.get("bytes").asLong()).isEqualTo(dryRun.get("bytes").asLong());
        assertThat(run.get("rows").asLong()).isEqualTo(dryRun.get("rows").asLong());
        for (JsonNode k : run.get("kinds")) {
            String name = k.get("kind").asString();
            assertThat(removed(run, name)).as(name).isEqualTo(removed(dryRun, name));
            assertThat(k.get("tables")).as(name).isEqualTo(kind(dryRun, name).get("tables"));
        }
        assertThat(removed(run, "exchange-outbox")).containsExactlyInAnyOrder(outbox.resolve(first + ".zip")
                .toString(), refusedCopy.toString());
        JsonNode outboxKind = kind(run, "exchange-outbox");
        assertThat(outboxKind.get("kept").asLong()).as("the unacknowledged package").isOne();
        assertThat(outboxKind.get("keptReason").asString()).contains("not acknowledged");
        assertThat(rows(COUNTY, EVIDENCE)).as("evidence").isEqualTo(evidence);

        // Spring Batch: the old completed instances go whole; the failed one, the recent one and each job's newest stay
        for (long instance : goneInstances) {
            assertThat(count("SELECT count(*) FROM " + COUNTY + ".batch_job_instance WHERE job_instance_id = ?",
                    instance)).isZero();
        }
        for (String table : List.of("batch_job_execution", "batch_job_execution_params", "batch_job_execution_context",
                "batch_step_execution")) {
            assertThat(count("SELECT count(*) FROM " + COUNTY + "." + table + " WHERE job_execution_id IN (?, ?)",
                    execA, runs.get(0))).as(table).isZero();
        }
        assertThat(count("SELECT count(*) FROM " + COUNTY + ".batch_step_execution_context WHERE step_execution_id"
                + " = ANY (?)", (Object) goneSteps.toArray(Long[]::new))).isZero();
        for (long instance : keptInstances) {
            assertThat(count("SELECT count(*) FROM " + COUNTY + ".batch_job_execution WHERE job_instance_id = ?",
                    instance)).as("instance " + instance).isOne();
        }
        JsonNode batchKind = kind(run, "batch-metadata");
        assertThat(batchKind.get("tables").get("batch_job_instance").asLong()).isEqualTo(2);
        assertThat(batchKind.get("tables").get("batch_step_execution").asLong()).isEqualTo(4);
        assertThat(batchKind.get("kept").asLong()).as("the failed ingest, for a restart").isOne();
        assertThat(count("SELECT count(*) FROM " + COUNTY + ".consolidate_work_row")).isZero();
        assertThat(rows(COUNTY, BATCH_TABLES).get("batch_job_instance")).isEqualTo(batch.get("batch_job_instance") - 2);

        // the city: the applied package and its acknowledgement go; held, refused and unacknowledged ones stay
        JsonNode city = cli.json("--node", P + "city", "housekeep").get("housekeep");
        assertThat(applied).doesNotExist();
        assertThat(ack).doesNotExist();
        assertThat(List.of(cityInbox, refusedHere, cityOutbox)).allSatisfy(p -> assertThat(p).exists());
        assertThat(kind(city, "exchange-applied").get("kept").asLong()).as("held in the inbox, refused").isEqualTo(2);
        assertThat(kind(city, "exchange-outbox").get("kept").asLong()).isOne();
        assertThat(rows(CITY, EVIDENCE)).isEqualTo(cityEvidence);

        // a second run removes nothing more
        JsonNode again = cli.json("--node", P + "county", "housekeep", "--incoming", incoming.toString())
                .get("housekeep");
        assertThat(again.get("files").asLong()).isZero();
        assertThat(again.get("rows").asLong()).isZero();
        assertThat(cli.json("--node", P + "city", "housekeep").get("housekeep").get("files").asLong()).isZero();

        // what decides a re-sent file is ingest_file, not the removed Batch metadata: a.csv again is skipped
        Path again1 = drop(root.resolve("again"), "a-again.csv", upload(301));
        JsonNode skipped = cli.json("--node", P + "county", "ingest", again1.toString());
        assertThat(skipped.at("/files/0/status").asString()).isEqualTo("SKIPPED");
        assertThat(skipped.at("/files/0/errorReport").isNull()).as("its report was removed: not named").isTrue();

        // the unacknowledged package still reaches the city, which applies it
        assertThat(cli.run("--node", P + "city", "receive")).as(cli.err()).isZero();
        assertThat(cli.out()).contains(second);
    }

    @Test
    void aBadLimitIsNamedBeforeTheNightsWork() throws IOException {
        CliRunner cli = new CliRunner(config);
        Path incoming = root.resolve("county2-in");
        Path waiting = drop(incoming, "e.csv", upload(305));
        System.setProperty("credit.housekeeping.failed-days", "soon");
        try {
            assertThat(cli.run("--node", P + "county2", "housekeep")).isEqualTo(1);
            assertThat(cli.err()).contains("credit.housekeeping.failed-days is 'soon': expected a number of days");
            assertThat(cli.run("--node", P + "county2", "nightly", "--incoming", incoming.toString())).isEqualTo(1);
            assertThat(cli.err()).contains("credit.housekeeping.failed-days is 'soon'");
            assertThat(waiting).as("nothing of the night was done").exists();
        } finally {
            System.clearProperty("credit.housekeeping.failed-days");
        }
        assertThat(cli.run("--node", P + "county2", "housekeep", "--older-than", "-1")).isEqualTo(2);
        assertThat(cli.run("--node", P + "county2", "housekeep", "--older-than", "soon")).isEqualTo(2);
        assertThat(cli.run("--node", P + "county2", "housekeep", "extra")).isEqualTo(2);
    }
}
