package org.creditpipeline.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash-consistency matrix of the commands {@code CrashConsistencyFunctionalTests} does not run: {@code review
 * accept} / {@code reject}, {@code record unmerge}, {@code export} and the HTTP intake of {@code serve}. A real process
 * is halted at a failpoint, the same command (or, for the intake, the child's delivery) is made again, and the county
 * and its city end as after an uninterrupted run; an export leaves one whole folder and no partial one; a package
 * whose upload was cut by the intake's death is never taken for a whole one.
 */
class CrashConsistencyMoreFunctionalTests extends PostgresTestSupport {

    private static final String SAMPLE = Path.of("../sample-data/county-520102-penalties-2026-11.xlsx")
            .toAbsolutePath().toString();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path root;
    private static final Map<String, List<String>> BASELINES = new TreeMap<>();

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("crash-more");
        registry.add("credit.node", () -> "cm_probe");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    /**
     * The county accepts a review pair and rejects another, pushes, then undoes the merge and pushes again; the city
     * receives each time. A plan halts the accept, the reject or the unmerge ({@code STEP=POINT}); killed before its
     * commit the command is made again, killed after it the same command again is refused, saying it was done.
     */
    @ParameterizedTest(name = "review and unmerge: {0}")
    @ValueSource(strings = {
            "accept=review.after-merge; unmerge=unmerge.after-restore",
            "accept=review.after-commit; reject=review.after-commit; unmerge=unmerge.after-commit",
    })
    void reviewAndUnmerge(String plan) throws Exception {
        List<String> expected = baseline("review", s -> reviewSequence(s, Map.of()));
        Map<String, String> points = new TreeMap<>();
        for (String part : plan.split(";")) {
            String[] stepPoint = part.strip().split("=");
            points.put(stepPoint[0], stepPoint[1]);
        }
        Scenario s = new Scenario("cm" + Integer.toHexString(plan.hashCode() & 0xfffff) + "_");
        reviewSequence(s, points);
        assertThat(s.state()).as("end state after crashes at " + plan).isEqualTo(expected);
    }

    private void reviewSequence(Scenario s, Map<String, String> points) throws Exception {
        s.run("county ingest " + SAMPLE);
        s.run("county consolidate");
        s.run("county push");
        s.run("city receive");
        s.run("county push");
        List<Long> ids = jdbc.queryForList("SELECT id FROM node_" + s.prefix + "county.consolidated_record WHERE"
                + " record_kind = 'ADMINISTRATIVE_PENALTY' AND (region_code IS NULL OR region_code LIKE '5201%')"
                + " ORDER BY id LIMIT 4", Long.class);
        assertThat(ids).hasSize(4);
        long accepted = pair(s, ids.get(0), ids.get(1));
        long rejected = pair(s, ids.get(2), ids.get(3));

        s.step("county review accept " + accepted, points.get("accept"),
                "review pair " + accepted + " was already decided: ACCEPTED on ", "(the two records are record "
                        + ids.get(0) + "); nothing changed");
        s.step("county review reject " + rejected, points.get("reject"),
                "review pair " + rejected + " was already decided: REJECTED on ", "; nothing changed");
        s.run("county push");
        s.run("city receive");
        s.run("county push");
        s.step("county record unmerge " + ids.get(1) + " --reason 两个不同的处罚决定", points.get("unmerge"),
                "record " + ids.get(1) + " is a record of its own again: its merge into record " + ids.get(0)
                        + " was undone on ", " (两个不同的处罚决定); nothing changed");
        s.run("county push");
        s.run("city receive");
        s.run("county push");
    }

    private long pair(Scenario s, long left, long right) {
        return jdbc.queryForObject("INSERT INTO node_" + s.prefix + "county.review_pair (left_record_id,"
                + " right_record_id, score, reasons) VALUES (?, ?, 0.8, 'test') RETURNING id", Long.class, left, right);
    }

    /**
     * An export killed after its data file ({@code export.after-data}) or with its manifest written, before the rename
     * ({@code export.before-move}), leaves only a hidden partial folder, which the next export removes (the second
     * killed run the first's, the run after it the second's), leaving one whole folder, with the same data and manifest (but its time) as an export never interrupted.
     */
    @Test
    void anExportKilledBeforeItsRenameLeavesNothingTheNextRunTakes() throws Exception {
        Scenario s = new Scenario("cmx_");
        s.run("county ingest " + SAMPLE);
        s.run("county consolidate");
        String export = "county export --kind full --format csv";
        Path exports = s.home.resolve("var/exports").resolve(s.prefix + "county");

        s.halt(export, "export.after-data");
        Path first = listed(exports).get(0);
        assertThat(listed(exports)).singleElement().satisfies(p -> {
            assertThat(p.getFileName().toString()).startsWith(".full-").contains(".partial-");
            assertThat(names(p)).containsExactly("full.csv");
        });
        s.halt(export, "export.before-move");
        assertThat(listed(exports)).as("the first partial folder removed, the second's left").singleElement()
                .satisfies(p -> {
                    assertThat(p).isNotEqualTo(first);
                    assertThat(p.getFileName().toString()).startsWith(".full-").contains(".partial-");
                    assertThat(names(p)).containsExactly("full.csv", "manifest.json");
                });

        Child again = s.child(export, null);
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(listed(exports)).as("the killed runs' partial folders removed").singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).matches("full-\\d{8}-\\d{6}-\\d{3}"));
        Path whole = listed(exports).get(0);
        assertThat(names(whole)).containsExactly("full.csv", "manifest.json");
        JsonNode manifest = JSON.readTree(Files.readString(whole.resolve("manifest.json")));
        assertThat(manifest.at("/files/full.csv/sha256").asString())
                .isEqualTo(org.creditpipeline.exchange.Signatures.sha256(whole.resolve("full.csv")));

        Child uninterrupted = s.child(export, null);
        assertThat(uninterrupted.exit()).as(uninterrupted.output()).isZero();
        List<Path> both = listed(exports);
        assertThat(both).hasSize(2);
        Path other = both.get(0).equals(whole) ? both.get(1) : both.get(0);
        assertThat(Files.readAllBytes(whole.resolve("full.csv"))).isEqualTo(Files.readAllBytes(other.resolve(
                "full.csv")));
        assertThat(withoutTime(whole)).isEqualTo(withoutTime(other));
    }

    /**
     * The city's intake ({@code serve}) killed with the county's package in its partial copy ({@code
     * intake.after-partial}) stores nothing {@code receive} takes, and its next start removes the partial copy; killed
     * after the package was stored, before answering ({@code intake.after-store}), it has the package whole. Either
     * way the county delivers again (its push had no answer), the intake stores it once, and the city receives it as
     * an uninterrupted exchange does.
     */
    @ParameterizedTest(name = "intake: {0}")
    @ValueSource(strings = {"intake.after-partial", "intake.after-store"})
    void anIntakeKilledMidUploadStoresNoHalfPackage(String point) throws Exception {
        List<String> expected = baseline("intake", s -> {
            for (String line : List.of("county ingest " + SAMPLE, "county consolidate", "county push", "city receive",
                    "county push")) {
                s.run(line);
            }
        });
        Scenario s = new Scenario("cmi" + point.length() + "_");
        s.run("county ingest " + SAMPLE);
        s.run("county consolidate");
        s.run("county push");
        // the county's package, as its push over HTTP would send it (the test's nodes deliver by folder)
        Path inbox = s.home.resolve("exchange").resolve(s.prefix + "city").resolve("inbox");
        Path held = Files.createDirectories(s.home.resolve("sent"));
        List<Path> packages = listed(inbox);
        assertThat(packages).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".zip"));
        Path pkg = Files.move(packages.get(0), held.resolve(packages.get(0).getFileName()));

        Serve killed = s.serve(point);
        assertThat(killed.put(pkg)).as("no answer from an intake that died").isNull();
        assertThat(killed.process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(killed.process.exitValue()).isEqualTo(Failpoints.HALTED);
        assertThat(Files.readString(killed.log)).contains("failpoint " + point + " reached");
        List<String> left = listed(inbox).stream().map(p -> p.getFileName().toString()).toList();
        if (point.equals("intake.after-partial")) {
            assertThat(left).singleElement().satisfies(n -> assertThat(n).startsWith("." + pkg.getFileName())
                    .endsWith(".part"));
            s.run("city receive"); // the partial copy is not a package
            assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + s.prefix + "city.exchange_inbound",
                    Long.class)).isZero();
            assertThat(listed(inbox)).hasSize(1);
        } else {
            assertThat(left).containsExactly(pkg.getFileName().toString());
            assertThat(Files.mismatch(inbox.resolve(pkg.getFileName()), pkg)).isEqualTo(-1);
        }

        Serve again = s.serve(null);
        try {
            assertThat(listed(inbox).stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")))
                    .as("the partial copy removed at the intake's start").isEmpty();
            assertThat(again.put(pkg)).isEqualTo(201);
        } finally {
            again.stop();
        }
        assertThat(listed(inbox).stream().map(p -> p.getFileName().toString()))
                .containsExactly(pkg.getFileName().toString());
        s.run("city receive");
        s.run("county push");
        assertThat(s.state()).as("end state after a crash at " + point).isEqualTo(expected);
    }

    @FunctionalInterface
    private interface Sequence {
        void run(Scenario s) throws Exception;
    }

    private List<String> baseline(String flow, Sequence sequence) throws Exception {
        if (!BASELINES.containsKey(flow)) {
            Scenario s = new Scenario("cmb" + flow.charAt(0) + "_");
            sequence.run(s);
            BASELINES.put(flow, s.state());
        }
        return BASELINES.get(flow);
    }

    private static List<Path> listed(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static List<String> names(Path dir) {
        try {
            return listed(dir).stream().map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String withoutTime(Path export) throws IOException {
        return Files.readString(export.resolve("manifest.json"), StandardCharsets.UTF_8)
                .replaceAll("\"createdAt\" : \"[^\"]*\"", "");
    }

    /** A county and its city of their own (schemas, exchange folders, a home for the children). */
    private final class Scenario {

        final String prefix;
        final Path home;
        final Path config;

        Scenario(String prefix) throws IOException {
            this.prefix = prefix;
            this.home = root.resolve(prefix);
            this.config = TestNodes.write(home, prefix, null);
            // one node, one ID pepper: the children's home shares the secrets of the home CliRunner's commands use
            Path secrets = Path.of("target/test-home/var/secrets").toAbsolutePath();
            Files.createDirectories(secrets);
            Files.createDirectories(home.resolve("var"));
            Files.createSymbolicLink(home.resolve("var/secrets"), secrets);
            for (String n : List.of("county", "city", "prov")) {
                jdbc.execute("DROP SCHEMA IF EXISTS node_" + prefix + n + " CASCADE");
            }
        }

        List<String> args(String line) {
            String[] words = line.split(" ");
            List<String> args = new ArrayList<>(List.of("--node", prefix + words[0]));
            args.addAll(Arrays.asList(words).subList(1, words.length));
            return args;
        }

        void run(String line) {
            CliRunner cli = new CliRunner(config);
            int code = cli.run(args(line).toArray(String[]::new));
            assertThat(code).as(line + ": " + cli.out() + cli.err()).isZero();
        }

        /**
         * Runs {@code line}; when {@code point} is not null, first halted there, then made again: to its end when the
         * point is before the commit, refused as done already ({@code doneSays}: the start and end of the message)
         * when after it.
         */
        void step(String line, String point, String... doneSays) throws Exception {
            if (point == null) {
                run(line);
                return;
            }
            halt(line, point);
            if (!point.endsWith(".after-commit")) {
                run(line);
                return;
            }
            CliRunner cli = new CliRunner(config);
            assertThat(cli.run(args(line).toArray(String[]::new))).as(cli.out() + cli.err()).isEqualTo(2);
            assertThat(cli.err()).contains(doneSays);
        }

        void halt(String line, String point) throws Exception {
            Child halted = child(line, point);
            assertThat(halted.exit()).as(point + ": " + halted.output()).isEqualTo(Failpoints.HALTED);
            assertThat(halted.output()).contains("failpoint " + point + " reached");
        }

        private List<String> childArgs(String line) {
            List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--config-dir",
                    config.toString()));
            args.addAll(CrashHarness.database(dataSource));
            args.addAll(args(line));
            return args;
        }

        Child child(String line, String point) throws Exception {
            return CrashHarness.run(childArgs(line), point, Files.createTempFile(home, "child-", ".log"));
        }

        /** The city's intake in a process of its own, listening on a free port, armed at {@code point}. */
        Serve serve(String point) throws Exception {
            Path log = Files.createTempFile(home, "serve-", ".log");
            Process p = CrashHarness.start(childArgs("city serve --port 0 --json"), point, log);
            Pattern listening = Pattern.compile("\"port\":(\\d+)");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                Matcher m = listening.matcher(Files.readString(log));
                if (m.find()) {
                    return new Serve(p, log, Integer.parseInt(m.group(1)), prefix);
                }
                assertThat(p.isAlive()).as("serve: " + Files.readString(log)).isTrue();
                Thread.sleep(100);
            }
            p.destroyForcibly();
            throw new AssertionError("serve did not listen: " + Files.readString(log));
        }

        List<String> state() throws IOException {
            return CrashHarness.state(jdbc, prefix, home);
        }
    }

    private record Serve(Process process, Path log, int port, String prefix) {

        /** PUTs a county package as the county's push does; its status, or null when the intake answered nothing. */
        Integer put(Path pkg) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exchange/packages/"
                            + prefix + "county/" + pkg.getFileName()))
                    .header("Authorization", "Bearer test-token-" + prefix + "city")
                    .timeout(Duration.ofMinutes(1))
                    .PUT(HttpRequest.BodyPublishers.ofFile(pkg)).build();
            try {
                return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException e) {
                return null;
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
    }
}
