package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

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
 * A county builds and sends packages; its city verifies them and refuses every kind of bad package with a reason,
 * applying nothing. (Applying good packages needs consolidation: see ExchangeChainFunctionalTests.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageExchangeTests extends PostgresTestSupport {

    private static final String P = "xp_";
    private static Path root;
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("exchange-packages");
        config = TestNodes.write(root, P, null);
        registry.add("credit.node", () -> P + "county");
        registry.add("credit.config-dir", config::toString);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PushService push;
    @Autowired
    ExchangeNodes nodes;

    @BeforeAll
    static void freshParent(@Autowired JdbcTemplate jdbc) {
        jdbc.execute("DROP SCHEMA IF EXISTS node_" + P + "city CASCADE");
    }

    @Test
    @Order(1)
    void pushBuildsASignedPackageWithChecksumsAndCountsPerKind() throws IOException {
        ChangeLogFixture fixture = new ChangeLogFixture(jdbc, "node_" + P + "county");
        fixture.penalty("贵州甲乙建材有限公司", "520102", LocalDate.of(2026, 5, 1), "GENERAL", Map.of());
        fixture.penalty("=HYPERLINK(\"http://x\")", "520102", LocalDate.of(2026, 6, 1), "SERIOUS", Map.of());
        Map<String, Object> sanction = new LinkedHashMap<>();
        sanction.put("record_kind", "DISCIPLINARY_SANCTION");
        sanction.put("subject_kind", "CIVIL_SERVANT");
        sanction.put("subject_name", "张三");
        sanction.put("subject_key", "id:520102199001011234");
        sanction.put("id_number", "520102199001011234");
        sanction.put("region_code", "530102");
        fixture.insert(sanction);

        PushSummary s = push.push(100_000, 10);

        assertThat(s.sent()).hasSize(1);
        PushSummary.Sent sent = s.sent().get(0);
        assertThat(sent.packageId()).isEqualTo(P + "county-0000000001-0000000003");
        Path delivered = nodes.topology().get(P + "city").inbox().resolve(sent.packageId() + ".zip");
        assertThat(delivered).exists();
        try (PackageReader reader = PackageReader.open(delivered, P + "city",
                Map.of(P + "county", nodes.self().keys()))) {
            PackageManifest m = reader.manifest();
            assertThat(m.region()).isEqualTo("520102");
            assertThat(m.counts()).containsEntry("ADMINISTRATIVE_PENALTY", 2).containsEntry("DISCIPLINARY_SANCTION", 1);
            assertThat(m.files()).containsKeys("changes.jsonl", "ADMINISTRATIVE_PENALTY.csv", "DISCIPLINARY_SANCTION.csv");
            assertThat(reader.records()).hasSize(3);
        }
        try (ZipFile zip = new ZipFile(delivered.toFile())) {
            String csv = new String(zip.getInputStream(zip.getEntry("ADMINISTRATIVE_PENALTY.csv")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(csv).contains("行政相对人名称", "行政处罚决定书文号", "贵州甲乙建材有限公司")
                    .contains("'=HYPERLINK");
        }
        assertThat(jdbc.queryForObject("SELECT status FROM exchange_outbound", String.class)).isEqualTo("SENT");
    }

    @Test
    @Order(2)
    void pushingAgainDeliversTheUnacknowledgedPackageAgainAndBuildsNothingNew() {
        PushSummary s = push.push(100_000, 10);
        assertThat(s.sent()).isEmpty();
        assertThat(s.redelivered()).containsExactly(P + "county-0000000001-0000000003");
        assertThat(jdbc.queryForObject("SELECT deliveries FROM exchange_outbound", Integer.class)).isEqualTo(2);
    }

    @Test
    @Order(3)
    void everyKindOfBadPackageIsRefusedWithItsReasonAndNothingIsApplied() throws IOException {
        NodeConfig county = nodes.self();
        NodeConfig county2 = nodes.topology().get(P + "county2");
        NodeConfig city = nodes.topology().get(P + "city");
        Path good = city.inbox().resolve(P + "county-0000000001-0000000003.zip");
        Path work = Files.createDirectories(root.resolve("work"));
        Path original = Files.move(good, work.resolve("original.zip"));

        rewrite(original, city.inbox().resolve(P + "county-0000000001-0000000003.a-data.zip"), Map.of(
                "changes.jsonl", b -> new String(b, StandardCharsets.UTF_8).replace("贵州甲乙", "贵州丙丁")
                        .getBytes(StandardCharsets.UTF_8)));
        rewrite(original, city.inbox().resolve(P + "county-0000000001-0000000003.b-manifest.zip"), Map.of(
                "manifest.json", b -> new String(b, StandardCharsets.UTF_8).replace("\"520102\"", "\"520103\"")
                        .getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = Files.readAllBytes(original);
        Path truncated = Files.write(city.inbox().resolve(P + "county-0000000001-0000000003.c-truncated.zip"),
                java.util.Arrays.copyOf(bytes, bytes.length / 2));
        // written long enough ago not to be a copy still under way (that one is held, see OperatorFunctionalTests)
        Files.setLastModifiedTime(truncated, java.nio.file.attribute.FileTime.from(java.time.Instant.now()
                .minus(ReceiveService.STILL_WRITING.multipliedBy(2))));
        rewrite(original, city.inbox().resolve(P + "county-0000000001-0000000003.d-extra.zip"),
                Map.of("extra.exe", b -> new byte[] {1, 2, 3}));
        NodeConfig forger = new NodeConfig(county.id(), county.name(), county.region(), county.level(), county.parent(),
                county.transport(), "someone-elses-key-0123456789", county.directory(), null, null);
        PackageBuilder.Built forged = PackageBuilder.build(dataSource, forger, 1, 3, work.resolve("forged"));
        Files.copy(forged.file(), city.inbox().resolve(P + "county-0000000001-0000000003.e-wrong-key.zip"));
        PackageBuilder.Built replay = PackageBuilder.build(dataSource, county2, 1, 3, work.resolve("replay"));
        Files.copy(replay.file(), city.inbox().resolve(replay.file().getFileName()));
        PackageBuilder.Built ahead = PackageBuilder.build(dataSource, county, 2, 3, work.resolve("ahead"));
        Files.copy(ahead.file(), city.inbox().resolve(ahead.file().getFileName()));

        CliRunner cli = new CliRunner(config);
        cli.run("--node", P + "city", "export", "--kind", "full");
        jdbc.update("INSERT INTO node_" + P + "city.exchange_inbound (package_id, child_node, from_seq, to_seq, sha256,"
                + " status, changes) VALUES (?, ?, 1, 10, repeat('0', 64), 'APPLIED', 10)",
                P + "county2-0000000001-0000000010", P + "county2");

        JsonNode result = cli.json("--node", P + "city", "receive");

        Map<String, String> outcome = new LinkedHashMap<>();
        for (JsonNode p : result.get("packages")) {
            outcome.put(p.get("file").asString(), p.get("status").asString() + ": " + p.path("reason").asString(""));
        }
        String base = P + "county-0000000001-0000000003.";
        assertThat(outcome.get(base + "a-data.zip")).startsWith("REFUSED").contains("checksum of changes.jsonl");
        assertThat(outcome.get(base + "b-manifest.zip")).startsWith("REFUSED").contains("signature does not match");
        assertThat(outcome.get(base + "c-truncated.zip")).startsWith("REFUSED").contains("truncated or damaged");
        assertThat(outcome.get(base + "d-extra.zip")).startsWith("REFUSED").contains("not named in the manifest");
        assertThat(outcome.get(base + "e-wrong-key.zip")).startsWith("REFUSED").contains("signature does not match");
        assertThat(outcome.get(P + "county2-0000000001-0000000003.zip")).startsWith("REFUSED").contains("out of order");
        assertThat(outcome.get(P + "county-0000000002-0000000003.zip")).startsWith("HELD")
                .contains("changes 1..1 of node '" + P + "county' have not arrived yet");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.staged_record", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM node_" + P + "city.exchange_refusal", Long.class))
                .isEqualTo(6);
        assertThat(city.inbox().resolve(P + "county-0000000002-0000000003.zip")).exists();

        // The refusals answer other bytes than the county sent (tampered or forged copies under its package id): the
        // county does not take them for its own package, which it delivers again unchanged.
        PushSummary s = push.push(100_000, 10);
        assertThat(s.acknowledgements()).isEmpty();
        assertThat(s.redelivered()).containsExactly(P + "county-0000000001-0000000003");
        assertThat(s.sent()).isEmpty();
        assertThat(city.inbox().resolve(P + "county-0000000001-0000000003.zip")).exists();
    }

    /** Copies a package, replacing or adding entries. */
    private static void rewrite(Path from, Path to, Map<String, UnaryOperator<byte[]>> changes) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(os)) {
            for (ZipEntry e : List.copyOf(java.util.Collections.list(in.entries()))) {
                byte[] b;
                try (InputStream s = in.getInputStream(e)) {
                    b = s.readAllBytes();
                }
                UnaryOperator<byte[]> change = changes.get(e.getName());
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(change == null ? b : change.apply(b));
                out.closeEntry();
            }
            for (Map.Entry<String, UnaryOperator<byte[]>> add : changes.entrySet()) {
                if (in.getEntry(add.getKey()) == null) {
                    out.putNextEntry(new ZipEntry(add.getKey()));
                    out.write(add.getValue().apply(new byte[0]));
                    out.closeEntry();
                }
            }
        }
    }
}
