package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.creditpipeline.normalize.Dates;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A county and its city change their shared key without switching at the same minute (docs/EXCHANGE.md, Changing a
 * key). Each side has its own copy of the county's node file, as deployments do: the county's under {@code config},
 * the city's under {@code parent-config}; the exchange folders are shared. Real commands, real PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationFunctionalTests extends PostgresTestSupport {

    private static final String P = "xr_";
    private static final String OLD_KEY = "test-key-" + P + "county-0123456789";
    private static final String NEW_KEY = "rotated-key-2027-" + P + "county-abcdefghijklmnop";
    private static final String NEWEST_KEY = "rotated-key-2028-" + P + "county-qrstuvwxyz012345";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path root;
    private static Path childConfig;
    private static Path parentConfig;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("key-rotation");
        childConfig = TestNodes.write(root, P, null);
        parentConfig = TestNodes.copy(childConfig, root.resolve("parent-config"));
        registry.add("credit.node", () -> P + "county");
        registry.add("credit.config-dir", childConfig::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void freshParent(@Autowired JdbcTemplate jdbc) {
        jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + "city CASCADE");
    }

    private final CliRunner child = new CliRunner(childConfig);
    private final CliRunner parent = new CliRunner(parentConfig);

    @Test
    @Order(1)
    void theParentAddsTheNewKeyFirstThenTheChildSwitchesAndEveryPackageInFlightIsTakenAndAnswered() throws IOException {
        ChangeLogFixture county = new ChangeLogFixture(jdbc, "node_" + P + "county");
        county.penalty("贵州轮换甲建材有限公司", "520102", LocalDate.of(2026, 5, 1), "GENERAL", Map.of());
        JsonNode before = child.json("--node", P + "county", "push");
        String first = before.at("/sent/0/packageId").asString();
        assertThat(manifest(inbox().resolve(first + ".zip")).get("keyId").asString()).isEqualTo("1");

        // 1. the city's copy of the county's file gets the new key (from its key file) and keeps the old one for a month
        Path parentKey = keyFile("parent", NEW_KEY);
        LocalDate today = Dates.today();
        setKeys(parentConfig, """
                keys:
                  - id: "2027"
                    keyFile: %s
                  - id: "1"
                    key: %s
                    retires: %s
                """.formatted(parentKey, OLD_KEY, today.plusDays(30)));
        // 2. the county switches before the city has received its package signed with the old key
        county.penalty("贵州轮换乙建材有限公司", "520102", LocalDate.of(2026, 6, 1), "GENERAL", Map.of());
        setKeys(childConfig, """
                keys:
                  - id: "2027"
                    keyFile: %s
                  - id: "1"
                    key: %s
                    retires: %s
                """.formatted(keyFile("child", NEW_KEY), OLD_KEY, today.plusDays(30)));
        JsonNode after = child.json("--node", P + "county", "push");
        assertThat(after.get("redelivered").get(0).asString()).isEqualTo(first);
        String second = after.at("/sent/0/packageId").asString();
        assertThat(manifest(inbox().resolve(second + ".zip")).get("keyId").asString()).isEqualTo("2027");

        JsonNode received = parent.json("--node", P + "city", "receive");

        assertThat(received.get("packages")).extracting(p -> p.get("packageId").asString() + " "
                + p.get("status").asString()).containsExactly(first + " APPLIED", second + " APPLIED");
        // each answer is signed with the key its package was signed with: the county could verify both either way
        assertThat(ack(first + ".ack.json").get("keyId").asString()).isEqualTo("1");
        assertThat(ack(second + ".ack.json").get("keyId").asString()).isEqualTo("2027");
        assertThat(child.run("--node", P + "county", "push")).as(child.out() + child.err()).isZero();
        assertThat(jdbc.queryForList("SELECT package_id || ' ' || status FROM node_" + P + "county.exchange_outbound"
                + " ORDER BY from_seq", String.class)).containsExactly(first + " ACKNOWLEDGED",
                second + " ACKNOWLEDGED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.consolidated_record", Long.class))
                .isEqualTo(2);
    }

    @Test
    @Order(2)
    void aPackageSignedWithARetiredKeyIsRefusedWithTheReasonUntilTheChildUpdatesItsFile() throws IOException {
        LocalDate today = Dates.today();
        // the city retired the old key today; this county's file was never updated (the single-key form)
        setKeys(parentConfig, """
                keys:
                  - id: "2027"
                    keyFile: %s
                  - id: "1"
                    key: %s
                    retires: %s
                """.formatted(keyFile("parent", NEW_KEY), OLD_KEY, today));
        setKeys(childConfig, "key: " + OLD_KEY + "\n");
        new ChangeLogFixture(jdbc, "node_" + P + "county").penalty("贵州轮换丙建材有限公司", "520102",
                LocalDate.of(2026, 7, 1), "GENERAL", Map.of());
        String late = child.json("--node", P + "county", "push").at("/sent/0/packageId").asString();

        assertThat(parent.run("--node", P + "city", "receive")).isEqualTo(1);

        String reason = "signed with key 1 of node " + P + "county, retired on " + today + ": update the node file";
        assertThat(parent.out()).contains("REFUSED").contains(reason);
        assertThat(jdbc.queryForObject("SELECT reason FROM node_" + P + "city.exchange_refusal WHERE package_id = ?",
                String.class, late)).startsWith(reason);
        JsonNode refusal = ack(late + ".refused.json");
        assertThat(refusal.get("reason").asString()).startsWith(reason);
        assertThat(refusal.get("keyId").asString()).isEqualTo("2027"); // the key in force, not the retired one
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.consolidated_record", Long.class))
                .isEqualTo(2);

        // the county without the new key cannot read the answer, and says so
        assertThat(child.run("--node", P + "county", "push")).isEqualTo(1);
        assertThat(child.out()).contains("NOT VERIFIED acknowledgement " + late)
                .contains("signed with key '2027', which this node's file does not list");

        // once its file has the new key, it takes the refusal, builds the package again with the new key, and the
        // city takes it
        setKeys(childConfig, "keys:\n  - id: \"2027\"\n    key: " + NEW_KEY + "\n");
        JsonNode healed = child.json("--node", P + "county", "push");
        assertThat(healed.at("/acknowledgements/0/status").asString()).isEqualTo("REFUSED");
        assertThat(healed.at("/acknowledgements/0/reason").asString()).startsWith(reason);
        assertThat(healed.at("/sent/0/packageId").asString()).isEqualTo(late);
        assertThat(manifest(inbox().resolve(late + ".zip")).get("keyId").asString()).isEqualTo("2027");
        assertThat(parent.json("--node", P + "city", "receive").at("/packages/0/status").asString())
                .isEqualTo("APPLIED");
        assertThat(child.run("--node", P + "county", "push")).as(child.out()).isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM node_" + P + "county.exchange_outbound WHERE package_id = ?",
                String.class, late)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    @Order(3)
    void theChildMayDeployTheNewFileFirstWhenTheNewKeySignsFromALaterDay() throws IOException {
        LocalDate today = Dates.today();
        ChangeLogFixture county = new ChangeLogFixture(jdbc, "node_" + P + "county");
        // the planned way: the county's copy has the next key from tomorrow, the city's does not have it yet
        setKeys(childConfig, """
                keys:
                  - id: "2028"
                    key: %s
                    from: %s
                  - id: "2027"
                    key: %s
                    retires: %s
                """.formatted(NEWEST_KEY, today.plusDays(1), NEW_KEY, today.plusDays(30)));
        county.penalty("贵州轮换戊建材有限公司", "520102", LocalDate.of(2026, 9, 1), "GENERAL", Map.of());
        String planned = child.json("--node", P + "county", "push").at("/sent/0/packageId").asString();
        assertThat(manifest(inbox().resolve(planned + ".zip")).get("keyId").asString()).isEqualTo("2027");
        assertThat(parent.json("--node", P + "city", "receive").at("/packages/0/status").asString())
                .isEqualTo("APPLIED");

        // the unplanned way: the county signs with the next key today, before the city has it
        String both = """
                keys:
                  - id: "2028"
                    key: %s
                  - id: "2027"
                    key: %s
                    retires: %s
                """.formatted(NEWEST_KEY, NEW_KEY, today.plusDays(30));
        setKeys(childConfig, both);
        county.penalty("贵州轮换己建材有限公司", "520102", LocalDate.of(2026, 9, 2), "GENERAL", Map.of());
        String early = child.json("--node", P + "county", "push").at("/sent/0/packageId").asString();
        assertThat(parent.run("--node", P + "city", "receive")).isEqualTo(1);
        assertThat(parent.out()).contains("the package names key '2028', which node '" + P + "city' does not list");
        // the refusal is signed with the key the city has in force, which the county still lists: it takes it and
        // builds the package again; once the city has the key too, the package is taken
        setKeys(parentConfig, both);
        JsonNode again = child.json("--node", P + "county", "push");
        assertThat(again.get("unverifiedAcknowledgements")).isEmpty();
        assertThat(again.get("acknowledgements")).extracting(a -> a.get("packageId").asString() + " "
                + a.get("status").asString()).containsExactly(early + " REFUSED");
        assertThat(parent.json("--node", P + "city", "receive").at("/packages/0/status").asString())
                .isEqualTo("APPLIED");
        assertThat(child.run("--node", P + "county", "push")).as(child.out()).isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM node_" + P + "county.exchange_outbound WHERE package_id = ?",
                String.class, early)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    @Order(4)
    void aPackageOfAnOlderVersionThatNamesNoKeyIsVerifiedWithTheKeysTheParentLists() throws IOException {
        new ChangeLogFixture(jdbc, "node_" + P + "county").penalty("贵州轮换丁建材有限公司", "520102",
                LocalDate.of(2026, 8, 1), "GENERAL", Map.of());
        String id = child.json("--node", P + "county", "push").at("/sent/0/packageId").asString();
        Path delivered = inbox().resolve(id + ".zip");
        // as a county on the version before key ids writes it: no keyId in the manifest, signed with its one key
        ObjectNode m = (ObjectNode) manifest(delivered);
        m.remove("keyId");
        byte[] manifest = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        Path old = root.resolve(id + ".zip");
        // (the last test: the county's own copy of this package now differs from the city's, as it would not in life)
        rewrite(delivered, old, manifest, (Signatures.hmac(NEWEST_KEY, manifest) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        Files.move(old, delivered, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        JsonNode received = parent.json("--node", P + "city", "receive");

        assertThat(received.at("/packages/0/status").asString()).as(received.toString()).isEqualTo("APPLIED");
        assertThat(ack(id + ".ack.json").get("keyId").asString()).isEqualTo("2028");
    }

    private static Path inbox() {
        return root.resolve("exchange").resolve(P + "city").resolve("inbox");
    }

    /** The acknowledgement's body (after its signature line) as the city wrote it for the county. */
    private static JsonNode ack(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(root.resolve("exchange").resolve(P + "city").resolve("acks")
                .resolve(P + "county").resolve(name));
        int nl = 0;
        while (bytes[nl] != '\n') {
            nl++;
        }
        return JSON.readTree(Arrays.copyOfRange(bytes, nl + 1, bytes.length));
    }

    private static JsonNode manifest(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return JSON.readTree(z.getInputStream(z.getEntry(PackageManifest.MANIFEST)).readAllBytes());
        }
    }

    /** A key file of one side, readable by its owner only (as a deployment keeps it). */
    private static Path keyFile(String side, String key) throws IOException {
        Path file = Files.createDirectories(root.resolve("secrets").resolve(side)).resolve(P + "county.key");
        Files.writeString(file, key + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Replaces the key lines of one side's copy of the county's node file. */
    private static void setKeys(Path config, String keys) throws IOException {
        Path file = config.resolve("nodes").resolve(P + "county.yaml");
        List<String> kept = Files.readAllLines(file).stream().takeWhile(l -> !l.startsWith("key")).toList();
        List<String> rest = Files.readAllLines(file).stream().dropWhile(l -> !l.startsWith("key"))
                .filter(l -> !l.startsWith("key") && !l.startsWith(" ")).toList();
        Files.writeString(file, String.join("\n", kept) + "\n" + keys + String.join("\n", rest) + "\n");
    }

    /** Copies a package with another manifest and signature. */
    private static void rewrite(Path from, Path to, byte[] manifest, byte[] signature) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(os)) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] b;
                try (InputStream s = in.getInputStream(e)) {
                    b = s.readAllBytes();
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().equals(PackageManifest.MANIFEST) ? manifest
                        : e.getName().equals(PackageManifest.SIGNATURE) ? signature : b);
                out.closeEntry();
            }
        }
    }
}
