package org.creditpipeline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;

import org.creditpipeline.exchange.CliRunner;
import org.creditpipeline.exchange.ExchangeFolder;
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
 * {@code nightly} as the cron runs it, two nights on a county and its city: the officers' files are taken from the
 * incoming folder (a file still being copied and Office's lock file are left), filed under done/ or failed/ with the
 * reason, consolidated and pushed; the city receives and pushes on; the exit status is the worst step's.
 */
class NightlyCommandTest extends PostgresTestSupport {

    private static final String P = "ng_";
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("nightly");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    private static Path drop(Path dir, String name, String content, boolean settled) throws IOException {
        Path file = Files.writeString(Files.createDirectories(dir).resolve(name), content, StandardCharsets.UTF_8);
        if (settled) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(300)));
        }
        return file;
    }

    private static String row(int serial) {
        return PenaltyCsv.row("贵阳南明华信科技有限公司", "91520103MA6H5Q108L", "筑南市监罚〔2026〕" + serial + "号");
    }

    private long records(String node) {
        return jdbc.queryForObject("SELECT count(*) FROM node_" + P + node + ".consolidated_record", Long.class);
    }

    @Test
    void twoNightsOfACountyAndItsCity() throws IOException {
        for (String n : new String[] {"county", "city", "prov"}) {
            jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + n + " CASCADE");
        }
        CliRunner cli = new CliRunner(config);
        Path incoming = root.resolve("incoming");
        drop(incoming, "南明区11月行政处罚.csv", PenaltyCsv.HEADER + row(301), true);
        drop(incoming, "empty.csv", "", true);
        drop(incoming, "~$南明区11月行政处罚.xlsx", "lock", true);
        Path copying = drop(incoming, "云岩区11月行政处罚.csv", PenaltyCsv.HEADER + row(302), false);

        int first = cli.run("--node", P + "county", "nightly", "--incoming", incoming.toString());
        assertThat(first).as("an unreadable file fails the night's exit status").isEqualTo(1);
        String today = LocalDate.now().toString();
        assertThat(incoming.resolve("done").resolve(today).resolve("南明区11月行政处罚.csv")).exists();
        assertThat(incoming.resolve("failed").resolve(today).resolve("empty.csv")).exists();
        assertThat(Files.readString(incoming.resolve("failed").resolve(today).resolve("empty.csv.reason.txt")))
                .contains("文件为空");
        assertThat(copying).as("changed a moment ago: perhaps still being copied").exists();
        assertThat(incoming.resolve("~$南明区11月行政处罚.xlsx")).as("Office's lock file").exists();
        assertThat(records("county")).isEqualTo(1);
        assertThat(cli.out()).contains("1. receive: no child nodes", "2. ingest", "3. consolidate", "4. expire",
                "5. push", "sent " + P + "county-", "6. export: none asked for", "7. housekeep", "[FILE_FAILED]");

        JsonNode city = cli.json("--node", P + "city", "nightly", "--incoming",
                Files.createDirectories(root.resolve("city-in")).toString());
        assertThat(city.get("exitCode").asInt()).isZero();
        city = city.get("night");
        assertThat(city.get("receive").get("packages").get(0).get("status").asString()).isEqualTo("APPLIED");
        assertThat(city.get("push").get("sent")).hasSize(1);
        assertThat(records("city")).isEqualTo(1);

        // the second night: the file that was being copied has settled; the city's answer is taken
        Files.setLastModifiedTime(copying, FileTime.from(Instant.now().minusSeconds(300)));
        JsonNode second = cli.json("--node", P + "county", "nightly", "--incoming", incoming.toString());
        assertThat(second.get("exitCode").asInt()).isZero();
        second = second.get("night");
        assertThat(second.get("ingest")).hasSize(1);
        assertThat(second.get("ingest").get(0).get("accepted").asLong()).isEqualTo(1);
        assertThat(second.get("push").get("acknowledgements").get(0).get("status").asString())
                .isEqualTo("APPLIED");
        assertThat(records("county")).isEqualTo(2);
        assertThat(incoming.resolve("done").resolve(today).resolve("云岩区11月行政处罚.csv")).exists();

        // the same upload again (officers do send twice): skipped, filed under another name, nothing duplicated
        drop(incoming, "南明区11月行政处罚.csv", PenaltyCsv.HEADER + row(301), true);
        assertThat(cli.run("--node", P + "county", "nightly", "--incoming", incoming.toString())).isZero();
        assertThat(cli.out()).contains("SKIPPED");
        assertThat(incoming.resolve("done").resolve(today).resolve("南明区11月行政处罚-2.csv")).exists();
        assertThat(records("county")).isEqualTo(2);
    }

    @Test
    void theExportsForDownstreamAreWrittenAfterTheNightsWorkAndAFailedOneFailsOnlyItself() throws IOException {
        CliRunner cli = new CliRunner(config);
        String node = P + "exports";
        jdbc.execute("DROP SCHEMA IF EXISTS node_" + node + " CASCADE");
        jdbc.execute("DROP SCHEMA IF EXISTS node_" + node + "_blocked CASCADE");
        Path incoming = root.resolve("exports-in");
        drop(incoming, "南明区行政处罚.csv", PenaltyCsv.HEADER + row(401) + row(402), true);

        JsonNode night = cli.json("--node", node, "nightly", "--incoming", incoming.toString(), "--export",
                "sharing, public", "--export-format", "jsonl");
        assertThat(night.get("exitCode").asInt()).as(cli.err()).isZero();
        JsonNode exports = night.get("night").get("exports");
        assertThat(exports).hasSize(2);
        assertThat(exports.get(0).get("kind").asString()).isEqualToIgnoringCase("public");
        assertThat(exports.get(1).get("kind").asString()).isEqualToIgnoringCase("sharing");
        for (JsonNode e : exports) {
            assertThat(e.get("records").asLong()).as("the night's two records, consolidated before").isEqualTo(2);
            Path data = Path.of(e.get("dataFile").asString());
            assertThat(data).hasFileName(e.get("kind").asString().toLowerCase(java.util.Locale.ROOT) + ".jsonl");
            assertThat(Files.readAllLines(data)).hasSize(2);
            assertThat(Path.of(e.get("manifest").asString())).exists();
        }

        // the exports folder cannot be made: that export fails, the night's other steps are done, exit 1
        Path blocked = Path.of("target/test-home/var/exports").resolve(node + "-blocked");
        Files.createDirectories(blocked.getParent());
        Files.writeString(blocked, "not a folder");
        try {
            drop(incoming, "南明区行政处罚2.csv", PenaltyCsv.HEADER + row(403), true);
            int code = cli.run("--node", node + "-blocked", "nightly", "--incoming", incoming.toString(), "--export",
                    "full");
            assertThat(code).isEqualTo(1);
            assertThat(cli.out()).contains("3. consolidate", "6. export as of", "full     FAILED: ");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + node + "_blocked.consolidated_record",
                    Long.class)).isEqualTo(1);
        } finally {
            Files.deleteIfExists(blocked);
        }

        assertThat(cli.run("--node", node, "nightly", "--export", "public,bogus")).isEqualTo(2);
        assertThat(cli.err()).contains("--export takes public, sharing and full, comma-separated, not 'bogus'");
        assertThat(cli.run("--node", node, "nightly", "--export", "public", "--export-format", "pdf")).isEqualTo(2);
    }

    @Test
    void aParentFolderThatIsNotMountedFailsThePushAndTheNightButNotTheStepsThatDoNotNeedIt() throws IOException {
        CliRunner cli = new CliRunner(config);
        String county = P + "county2";
        jdbc.execute("DROP SCHEMA IF EXISTS node_" + county + " CASCADE");
        Path incoming = root.resolve("unmounted-in");
        drop(incoming, "云岩区行政处罚.csv", PenaltyCsv.HEADER + row(501).replace(",520102\n", ",520103\n"), true);
        Path cityMarker = root.resolve("exchange").resolve(P + "city").resolve(ExchangeFolder.MARKER);
        Path aside = cityMarker.resolveSibling("marker-aside");
        Files.move(cityMarker, aside); // the city's share is an empty mount point tonight
        try {
            int code = cli.run("--node", county, "nightly", "--incoming", incoming.toString(), "--export", "public");

            assertThat(code).as(cli.out() + cli.err()).isEqualTo(1);
            assertThat(cli.out()).contains("2. ingest", "COMPLETED 云岩区行政处罚.csv", "3. consolidate",
                    "5. push FAILED: push from node '" + county + "' to node '" + P + "city' refused", "has no marker",
                    "6. export as of", "7. housekeep", "needs attention");
            assertThat(records("county2")).isEqualTo(1);
            assertThat(incoming.resolve("done").resolve(LocalDate.now().toString()).resolve("云岩区行政处罚.csv"))
                    .exists();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + county + ".exchange_outbound", Long.class))
                    .as("nothing built for the unmounted folder").isZero();

            JsonNode night = cli.json("--node", county, "nightly", "--incoming", incoming.toString(), "--export",
                    "public");
            assertThat(night.get("exitCode").asInt()).isEqualTo(1);
            assertThat(night.at("/night/stepFailures/push").asString()).contains("has no marker");
            Path export = Path.of(night.at("/night/exports/0/dataFile").asString());
            assertThat(Files.readAllLines(export)).as("header and the night's record").hasSize(2);

            // the city's own folder has no marker either: its receive fails, its push to the province is still done
            JsonNode city = cli.json("--node", P + "city", "nightly", "--incoming",
                    Files.createDirectories(root.resolve("city-unmounted")).toString());
            assertThat(city.get("exitCode").asInt()).isEqualTo(1);
            assertThat(city.at("/night/stepFailures/receive").asString()).contains("receive at node '" + P + "city'"
                    + " refused", "has no marker");
            assertThat(city.at("/night/consolidate").isObject()).isTrue();
            assertThat(city.at("/night/push").isObject()).as("pushed to the province").isTrue();
        } finally {
            Files.move(aside, cityMarker);
            // its record was never pushed: the other tests' city must not receive it
            jdbc.execute("DROP SCHEMA IF EXISTS node_" + county + " CASCADE");
        }
    }

    @Test
    void aFileThatCannotBeFiledAwayStaysInTheIncomingFolderAndTheNightGoesOn() throws IOException {
        CliRunner cli = new CliRunner(config);
        String node = P + "unfiled";
        jdbc.execute("DROP SCHEMA IF EXISTS node_" + node + " CASCADE");
        Path incoming = root.resolve("unfiled-in");
        Path upload = drop(incoming, "南明区行政处罚.csv", PenaltyCsv.HEADER + row(601), true);
        Path blocking = Files.writeString(incoming.resolve("done"), "not a folder"); // done/ cannot be made
        Files.setLastModifiedTime(blocking, FileTime.from(Instant.now()));

        int code = cli.run("--node", node, "nightly", "--incoming", incoming.toString(), "--export", "public");

        assertThat(code).as(cli.out() + cli.err()).isEqualTo(1);
        assertThat(cli.out()).contains("COMPLETED 南明区行政处罚.csv", "FAILED: cannot file 1 file(s) away under "
                + incoming.resolve("done"), "南明区行政处罚.csv: " + incoming.resolve("done"), "they stay in "
                + incoming, "3. consolidate", "6. export as of", "7. housekeep");
        assertThat(records("unfiled")).isEqualTo(1);
        assertThat(upload).as("left where it was").exists();

        // the next night, with the way cleared: the stored file is skipped and filed under done/
        Files.delete(blocking);
        JsonNode night = cli.json("--node", node, "nightly", "--incoming", incoming.toString());
        assertThat(night.get("exitCode").asInt()).as(cli.err()).isZero();
        assertThat(night.at("/night/ingest/0/status").asString()).isEqualTo("SKIPPED");
        assertThat(night.at("/night/stepFailures").isEmpty()).isTrue();
        assertThat(incoming.resolve("done").resolve(LocalDate.now().toString()).resolve("南明区行政处罚.csv")).exists();
        assertThat(records("unfiled")).isEqualTo(1);
    }

    @Test
    void withoutIncomingFolderItStillConsolidatesAndTellsWhereFilesGo() {
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("--node", P + "county2", "nightly")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("var/incoming/" + P + "county2: no files waiting", "3. consolidate")
                .doesNotContain("NODE_NOT_CONFIGURED");

        // a typo in the cron line's --node: a new, empty node, but the night says so instead of "nothing"
        String typo = P + "contry2";
        jdbc.execute("DROP SCHEMA IF EXISTS node_" + typo + " CASCADE");
        assertThat(cli.run("--node", typo, "nightly")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("[NODE_NOT_CONFIGURED] node '" + typo + "' has no file in "
                + config.resolve("nodes") + " (known nodes: [", P + "county2, ", "nothing is received or pushed")
                .doesNotContain("needs attention: nothing");
        assertThat(cli.json("--node", typo, "nightly").at("/night/attention/0/code").asString())
                .isEqualTo("NODE_NOT_CONFIGURED");

        // a folder the cron line names must exist: a share mounted elsewhere is not "no files waiting"
        Path unmounted = root.resolve("share-not-mounted");
        JsonNode night = cli.json("--node", P + "county2", "nightly", "--incoming", unmounted.toString());
        assertThat(night.get("exitCode").asInt()).isEqualTo(1);
        assertThat(night.at("/night/stepFailures/incoming").asString()).startsWith("incoming folder " + unmounted
                + " does not exist (not mounted? a typo in --incoming?): no file was ingested");
        assertThat(night.at("/night/consolidate").isObject()).as("the other steps are done").isTrue();
        assertThat(cli.run("--node", P + "county2", "nightly", "--incoming", unmounted.toString())).isEqualTo(1);
        assertThat(cli.out()).contains("FAILED: incoming folder " + unmounted + " does not exist", "3. consolidate");
        assertThat(cli.run("--node", P + "county2", "nightly", "extra")).isEqualTo(2);
    }
}
