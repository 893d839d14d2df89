package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * push never writes into a parent's exchange folder that is absent (the share is not mounted), has no marker (an
 * empty mount point) or is another node's; receive does not take an unmarked folder for an empty inbox. Each refusal
 * is one line naming the folder, what is missing and the fix, status EXCHANGE_FOLDER_MISSING, exit 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// closed after the class: every cached test context keeps its pool of connections open, and the embedded server's 100
// are nearly all taken by the suite's other contexts
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ExchangeFolderFunctionalTests extends PostgresTestSupport {

    private static final String P = "xf_";
    private static Path root;
    private static Path config;
    private static Path cityFolder;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("exchange-folder");
        config = TestNodes.write(root, P, null);
        cityFolder = root.resolve("exchange").resolve(P + "city");
        registry.add("credit.node", () -> P + "county");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void changesToSend(@Autowired JdbcTemplate jdbc) {
        jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + "city CASCADE");
        new ChangeLogFixture(jdbc, "node_" + P + "county").penalty("贵州甲乙建材有限公司", "520102",
                LocalDate.of(2026, 5, 1), "GENERAL", Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @Order(1)
    @CsvSource(delimiter = '|', value = {
        "absent        |                | does not exist (not mounted?)",
        "empty         |                | has no marker .credit-exchange (an empty mount point: not mounted?",
        "other's       | node: xf_prov  | belongs to node 'xf_prov', not to node 'xf_city'"})
    void pushRefusesAParentFolderThatIsNotTheParentsAndWritesNothing(String folder, String marker, String problem)
            throws IOException {
        PackageBuilder.deleteTree(cityFolder);
        if (!folder.equals("absent")) {
            Files.createDirectories(cityFolder);
        }
        if (marker != null) {
            Files.writeString(cityFolder.resolve(ExchangeFolder.MARKER), marker + "\n");
        }
        List<Path> before = contents(cityFolder);
        CliRunner cli = new CliRunner(config);

        assertThat(cli.run("--node", P + "county", "push")).as(cli.out() + cli.err()).isEqualTo(1);

        assertThat(cli.err().lines().toList()).hasSize(1);
        assertThat(cli.err()).startsWith("credit-pipeline: push from node 'xf_county' to node 'xf_city' refused:"
                + " exchange folder " + cityFolder).contains(problem);
        assertThat(cli.err()).contains(folder.equals("other's") ? "echo 'node: xf_city' > "
                + cityFolder.resolve(".credit-exchange") : "credit-pipeline exchange init --node xf_city");
        assertThat(contents(cityFolder)).as("nothing written into the folder").isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM exchange_outbound", Long.class)).as("nothing built")
                .isZero();
        assertThat(cli.json("--node", P + "county", "push").get("status").asString())
                .isEqualTo("EXCHANGE_FOLDER_MISSING");
    }

    @Test
    @Order(2)
    void exchangeInitRefusesAnotherNodesFolderAndMarksAnUnmarkedOne() throws IOException {
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("--node", P + "city", "exchange", "init")).as(cli.err()).isEqualTo(1);
        assertThat(cli.err()).contains("belongs to node 'xf_prov'");
        assertThat(Files.readString(cityFolder.resolve(ExchangeFolder.MARKER))).isEqualTo("node: xf_prov\n");

        Files.delete(cityFolder.resolve(ExchangeFolder.MARKER));
        assertThat(cli.run("--node", P + "city", "exchange", "init")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("marker " + cityFolder.resolve(".credit-exchange") + " written");
        assertThat(Files.readString(cityFolder.resolve(ExchangeFolder.MARKER))).contains("node: xf_city");
        assertThat(cli.run("--node", P + "city", "exchange", "init")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("was ready already");
    }

    @Test
    @Order(3)
    void withTheParentsMarkerPushDeliversAsBefore() {
        CliRunner cli = new CliRunner(config);
        assertThat(cli.run("--node", P + "county", "push")).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("sent " + P + "county-0000000001-0000000001");
        assertThat(cityFolder.resolve("inbox").resolve(P + "county-0000000001-0000000001.zip")).exists();
    }

    @Test
    @Order(4)
    void receiveRefusesItsOwnFolderWithoutMarkerInsteadOfFindingAnEmptyInbox() throws IOException {
        CliRunner cli = new CliRunner(config);
        Files.delete(cityFolder.resolve(ExchangeFolder.MARKER));

        assertThat(cli.run("--node", P + "city", "receive")).as(cli.out() + cli.err()).isEqualTo(1);
        assertThat(cli.err()).startsWith("credit-pipeline: receive at node 'xf_city' refused: exchange folder "
                + cityFolder + " of node 'xf_city' has no marker");
        assertThat(cli.json("--node", P + "city", "receive").get("status").asString())
                .isEqualTo("EXCHANGE_FOLDER_MISSING");
        assertThat(cityFolder.resolve("inbox").resolve(P + "county-0000000001-0000000001.zip")).exists();

        assertThat(cli.run("--node", P + "city", "exchange", "init")).as(cli.err()).isZero();
        assertThat(cli.json("--node", P + "city", "receive").at("/packages/0/status").asString())
                .isEqualTo("APPLIED");
    }

    private static List<Path> contents(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }
}
