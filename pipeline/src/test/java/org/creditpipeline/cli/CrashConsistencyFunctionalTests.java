package org.creditpipeline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.creditpipeline.exchange.CliRunner;
import org.creditpipeline.exchange.TestNodes;
import org.creditpipeline.support.CrashHarness;
import org.creditpipeline.support.CrashHarness.Child;
import org.creditpipeline.support.Failpoints;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash-consistency matrix: a real {@code credit-pipeline} process (a child JVM) is halted at one failpoint
 * ({@link Failpoints}, as kill -9 would stop it there), the same command is run again, the rest of the exchange
 * goes on, and the two nodes (a county and its city) end exactly as after a run that was never interrupted: the same
 * records with the same values and sources, a gap-free change log with the same changes, every package staged,
 * applied and acknowledged once with the same 入库 / 更新 counts, the same files in the exchange folders, nothing
 * left running, the node free. The children share the test's PostgreSQL (--db-url); one scenario halts a child on an
 * embedded server of its own, which the halt leaves running without its owner.
 */
class CrashConsistencyFunctionalTests extends PostgresTestSupport {

    private static final String SAMPLE = Path.of("../sample-data/county-520102-penalties-2026-11.xlsx")
            .toAbsolutePath().toString();
    /** The record whose status the sequence changes, found by name (ids may differ after a crash). */
    private static final String REPAIRED = "贵阳南明某某商贸有限公司";
    private static Path root;
    private static final Map<String, List<String>> BASELINES = new TreeMap<>();

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("crash-consistency");
        registry.add("credit.node", () -> "cc_probe");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    /**
     * The exchange sequence: a county ingests, consolidates and pushes, its city receives, the county takes the
     * acknowledgement, repairs a record and pushes the change, which the city receives and the county takes back.
     */
    private static final List<String> EXCHANGE = List.of(
            "county ingest " + SAMPLE,
            "county consolidate",
            "county push",
            "city receive",
            "county push",
            "county status set --record {repaired} repaired --reason 信用修复申请已通过 --ref 筑南发改信修〔2026〕1号",
            "county push",
            "city receive",
            "county push");

    /** The same through the nightly command: county, city, county again (which takes the city's answer). */
    private static final List<String> NIGHTLY = List.of(
            "county nightly",
            "city nightly",
            "county nightly");

    /**
     * Each plan halts one command or more of the sequence ({@code STEP=POINT}; {@code POINT+POINT}: the run again
     * halts too, at the second point), runs each halted command again to its end and the rest of the sequence; the
     * points of a step are spread over the plans so that every point is tried once.
     */
    @ParameterizedTest(name = "exchange: {0}")
    @ValueSource(strings = {
            "0=ingest.chunk-written:2; 1=consolidate.after-keys; 2=push.after-build; 3=receive.after-verify;"
                    + " 4=push.after-ack-taken; 5=status.before-change-log; 7=receive.after-mark-applied",
            "1=consolidate.after-match; 2=push.before-deliver; 3=receive.after-staging; 7=receive.after-ack",
            "1=consolidate.apply-before-commit; 2=push.after-deliver; 3=receive.after-consolidation+receive.after-ack",
            "1=consolidate.after-apply-commit+consolidate.after-job;"
                    + " 3=consolidate.apply-before-commit+consolidate.after-apply-commit+receive.after-mark-applied",
    })
    void exchange(String plan) throws Exception {
        assertSameEndState("exchange", EXCHANGE, plan);
    }

    @ParameterizedTest(name = "nightly: {0}")
    @ValueSource(strings = {
            "0=nightly.after-ingest+housekeep.before-kind:3; 1=nightly.after-receive; 2=nightly.after-push",
            "0=nightly.after-consolidate+nightly.after-expire; 1=consolidate.after-job",
    })
    void nightly(String plan) throws Exception {
        assertSameEndState("nightly", NIGHTLY, plan);
    }

    private void assertSameEndState(String flow, List<String> sequence, String plan) throws Exception {
        List<String> expected = baseline(flow, sequence);
        Map<Integer, List<String>> points = new TreeMap<>();
        for (String part : plan.split(";")) {
            String[] stepPoints = part.strip().split("=");
            points.put(Integer.parseInt(stepPoints[0]), List.of(stepPoints[1].split("\\+")));
        }
        Scenario s = new Scenario("cc" + Integer.toHexString((flow + plan).hashCode() & 0xfffff) + "_");
        for (int i = 0; i < sequence.size(); i++) {
            for (String point : points.getOrDefault(i, List.of())) {
                Child halted = s.child(sequence.get(i), point);
                assertThat(halted.exit()).as(point + ": " + halted.output()).isEqualTo(Failpoints.HALTED);
                assertThat(halted.output()).contains("failpoint " + point + " reached");
            }
            s.run(sequence.get(i));
        }
        assertThat(s.state()).as("end state after crashes at " + plan).isEqualTo(expected);
    }

    /**
     * A run on the embedded server of its own home, halted in the middle of a file, leaves that PostgreSQL running
     * without its owner (and its job marked running): the next run stops the orphan, starts the server again, marks
     * the dead run's job failed, restarts it after its last committed chunk and says so; then nothing is left running.
     */
    @Test
    void aRunHaltedOnItsOwnEmbeddedServerIsRunAgainOnIt() throws Exception {
        if (System.getenv("CREDIT_DB_URL") != null && !System.getenv("CREDIT_DB_URL").isBlank()) {
            return; // a server: no embedded data directory
        }
        Path home = root.resolve("own-server");
        Path config = TestNodes.write(home, "cco_", null);
        List<String> ingest = List.of("--home", home.toString(), "--config-dir", config.toString(), "--node",
                "cco_county", "--json", "ingest", SAMPLE);
        Path pid = home.resolve("var/pg/postmaster.pid");
        try {
            Child halted = child(ingest, "ingest.chunk-written:2", home.resolve("halted.log"));
            assertThat(halted.exit()).as(halted.output()).isEqualTo(Failpoints.HALTED);
            long orphan = Long.parseLong(Files.readAllLines(pid).get(0).strip());
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the server outlives its owner")
                    .contains(true);

            Child again = child(ingest, null, home.resolve("again.log"));
            assertThat(again.exit()).as(again.output()).isZero();
            assertThat(again.output())
                    .contains("Stopping the embedded PostgreSQL (pid " + orphan + ") left running by a process that"
                            + " died")
                    .contains("left running by a process that died; marked them FAILED so they restart from their"
                            + " last committed chunk");
            assertThat(again.output().replaceAll("\\s", "")).contains("\"status\":\"COMPLETED\"")
                    .contains("\"accepted\":" + acceptedRows());
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(pid).as("the second run stopped its server at exit").doesNotExist();
        } finally {
            if (Files.exists(pid)) { // a failed assertion: do not leave the server running
                ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).strip()))
                        .ifPresent(ProcessHandle::destroy);
            }
        }
    }

    /** The rows an uninterrupted ingest of the sample accepts. */
    private long acceptedRows() throws IOException {
        baseline("exchange", EXCHANGE);
        return jdbc.queryForObject("SELECT rows_accepted FROM node_ccbe_county.ingest_file", Long.class);
    }

    private List<String> baseline(String flow, List<String> sequence) throws IOException {
        if (!BASELINES.containsKey(flow)) {
            Scenario s = new Scenario("ccb" + flow.charAt(0) + "_");
            sequence.forEach(s::run);
            BASELINES.put(flow, s.state());
        }
        return BASELINES.get(flow);
    }

    /** A county and its city of their own (schemas, exchange folders, incoming folder). */
    private final class Scenario {

        final String prefix;
        final Path home;
        final Path config;
        final Path incoming;

        Scenario(String prefix) throws IOException {
            this.prefix = prefix;
            this.home = root.resolve(prefix);
            this.config = TestNodes.write(home, prefix, null);
            this.incoming = Files.createDirectories(home.resolve("incoming"));
            Files.createDirectories(home.resolve("no-incoming")); // the other nodes' (empty) incoming folder
            // one node, one ID pepper: the halted children's home shares the secrets of the home the other commands
            // run in (CliRunner's), or a child would find the node's keys made with a pepper its home does not hold
            Path secrets = Path.of("target/test-home/var/secrets").toAbsolutePath();
            Files.createDirectories(secrets);
            Files.createDirectories(home.resolve("var"));
            Files.createSymbolicLink(home.resolve("var/secrets"), secrets);
            for (String n : List.of("county", "city", "prov")) {
                jdbc.execute("DROP SCHEMA IF EXISTS node_" + prefix + n + " CASCADE");
            }
            Path upload = incoming.resolve("county-520102-penalties-2026-11.xlsx");
            Files.copy(Path.of(SAMPLE), upload);
            // settled: nightly leaves files changed in the last minute for the next night
            Files.setLastModifiedTime(upload, FileTime.from(Instant.now().minusSeconds(600)));
        }

        List<String> args(String line) {
            String[] words = line.split(" ");
            List<String> args = new ArrayList<>(List.of("--node", prefix + words[0]));
            for (int i = 1; i < words.length; i++) {
                args.add(words[i].equals("{repaired}") ? String.valueOf(repairedId()) : words[i]);
            }
            if (words[1].equals("nightly")) {
                args.addAll(List.of("--incoming", words[0].equals("county") ? incoming.toString()
                        : home.resolve("no-incoming").toString()));
            }
            return args;
        }

        long repairedId() {
            return jdbc.queryForObject("SELECT min(id) FROM node_" + prefix + "county.consolidated_record WHERE"
                    + " subject_name = ?", Long.class, REPAIRED);
        }

        void run(String line) {
            CliRunner cli = new CliRunner(config);
            int code = cli.run(args(line).toArray(String[]::new));
            assertThat(code).as(line + ": " + cli.out() + cli.err()).isZero();
        }

        Child child(String line, String point) throws Exception {
            // a home of its own: what the halted run leaves there (the spool of an ingest's rejects) is not the
            // other tests' business
            List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--config-dir",
                    config.toString()));
            args.addAll(database());
            args.addAll(args(line));
            return CrashConsistencyFunctionalTests.child(args, point, home.resolve("child-" + point.replace(':', '-')
                    + ".log"));
        }

        /** Everything an uninterrupted run decides, without what differs from run to run (ids, times, hashes). */
        List<String> state() throws IOException {
            List<String> out = new ArrayList<>(CrashHarness.state(jdbc, prefix, home));
            out.add("incoming " + CrashHarness.files(incoming, prefix));
            return out;
        }
    }

    private static Child child(List<String> args, String point, Path log) throws Exception {
        return CrashHarness.run(args, point, log);
    }

    private List<String> database() {
        return CrashHarness.database(dataSource);
    }
}
