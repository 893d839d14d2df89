package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Map;

import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys kept out of the node files: the county reads its key from an environment variable (given to the application's
 * environment here, never set in this process's), its city reads its copy from a key file. A missing one fails the
 * command that needs it, naming the node file, the field and the fix; other commands still run.
 */
class NodeSecretsFunctionalTests extends PostgresTestSupport {

    private static final String P = "xs_";
    private static final String KEY = "from-the-environment-" + P + "county-0123456789";
    private static Path root;
    private static Path childConfig;
    private static Path parentConfig;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("node-secrets");
        childConfig = TestNodes.write(root, P, null);
        parentConfig = TestNodes.copy(childConfig, root.resolve("parent-config"));
        setKey(childConfig, "key: ${CREDIT_KEY_XS_COUNTY}");
        setKey(parentConfig, "keyFile: " + keyFile());
        registry.add("credit.node", () -> P + "county");
        registry.add("credit.config-dir", childConfig::toString);
        registry.add("CREDIT_KEY_XS_COUNTY", () -> KEY);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PushService push;

    @BeforeAll
    static void freshParent(@Autowired JdbcTemplate jdbc) {
        jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + "city CASCADE");
    }

    @Test
    void keysFromTheEnvironmentAndAKeyFileSignVerifyAndAnswerAndAMissingOneIsNamedWhereItIsNeeded()
            throws IOException {
        CliRunner child = new CliRunner(childConfig);
        CliRunner parent = new CliRunner(parentConfig);
        new ChangeLogFixture(jdbc, "node_" + P + "county").penalty("贵州密钥甲建材有限公司", "520102",
                LocalDate.of(2026, 5, 1), "GENERAL", Map.of());

        // this process's environment has no CREDIT_KEY_XS_COUNTY: a push there fails, a command without keys does not
        assertThat(child.run("--node", P + "county", "exchange", "init")).as(child.err()).isZero();
        assertThat(child.run("--node", P + "county", "push")).isEqualTo(1);
        assertThat(child.err()).contains(childConfig.resolve("nodes").resolve(P + "county.yaml").toString())
                .contains("key 'key' is ${CREDIT_KEY_XS_COUNTY}, but the environment variable CREDIT_KEY_XS_COUNTY is"
                        + " not set: set it for this command");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "county.exchange_outbound", Long.class))
                .isZero();

        // the application's environment has it
        PushSummary sent = push.push(100_000, 10);
        assertThat(sent.sent()).hasSize(1);
        String id = sent.sent().get(0).packageId();

        Path keyFile = keyFile();
        Files.move(keyFile, root.resolve("elsewhere.key"));
        assertThat(parent.run("--node", P + "city", "receive")).isEqualTo(1);
        assertThat(parent.err()).contains(parentConfig.resolve("nodes").resolve(P + "county.yaml").toString())
                .contains("key 'keyFile' names " + keyFile + ", which does not exist");
        assertThat(root.resolve("exchange").resolve(P + "city").resolve("inbox").resolve(id + ".zip")).exists();

        Files.move(root.resolve("elsewhere.key"), keyFile);
        assertThat(parent.run("--node", P + "city", "receive")).as(parent.out() + parent.err()).isZero();
        assertThat(parent.out()).contains("APPLIED");

        PushSummary answered = push.push(100_000, 10);
        assertThat(answered.unverifiedAcknowledgements()).isEmpty();
        assertThat(answered.acknowledgements()).extracting(PushSummary.AckTaken::status).containsExactly("APPLIED");
        assertThat(jdbc.queryForObject("SELECT status FROM node_" + P + "county.exchange_outbound", String.class))
                .isEqualTo("ACKNOWLEDGED");
    }

    private static Path keyFile() throws IOException {
        Path file = root.resolve("secrets").resolve(P + "county.key");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, KEY + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    /** Replaces the key line of one side's copy of the county's node file. */
    private static void setKey(Path config, String line) throws IOException {
        Path file = config.resolve("nodes").resolve(P + "county.yaml");
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^key: .*$", java.util.regex.Matcher
                .quoteReplacement(line)));
    }
}
