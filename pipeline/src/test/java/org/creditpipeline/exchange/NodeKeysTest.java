package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keys of a node file: given in the file, by environment variable or in a key file (read when a command needs
 * them), and several of them with ids while a key is changed (docs/EXCHANGE.md, Changing a key).
 */
class NodeKeysTest {

    private static final String OLD = "old-key-0123456789abcdef";
    private static final String NEW = "new-key-0123456789abcdef";
    private static final LocalDate DAY = LocalDate.of(2027, 3, 1);

    @TempDir
    Path dir;

    @Test
    void theSingleKeyFormStillLoadsAsKeyOne() throws IOException {
        parents();
        write("county", "id: county\nregion: \"520102\"\nlevel: county\nparent: city\nkey: " + OLD + "\n");

        NodeKeys keys = load(Map.of()).get("county").keys();

        assertThat(keys.all()).extracting(NodeKeys.Key::id).containsExactly("1");
        assertThat(keys.signing(DAY).secret().value()).isEqualTo(OLD);
    }

    @Test
    void theShippedNodeFilesLoadWithTheirDemoKeys() {
        NodeTopology t = NodeTopology.load(Path.of("../job-configs/nodes"), dir, name -> null);
        assertThat(t.get("nanming").keys().signing(DAY).secret().value()).isEqualTo("demo-key-nanming-guiyang-2026");
        assertThat(t.get("national").token().value()).isEqualTo("demo-token-national-intake-2026");
    }

    @Test
    void aKeyFromTheEnvironmentIsReadWhenNeededAndAMissingOneNamesFileFieldAndFix() throws IOException {
        parents();
        write("county", "id: county\nregion: \"520102\"\nlevel: county\nparent: city\nkey: ${CREDIT_KEY_COUNTY}\n");

        assertThat(load(Map.of("CREDIT_KEY_COUNTY", NEW + "\n")).get("county").keys().signing(DAY).secret().value())
                .isEqualTo(NEW);
        // loading needs no key (commands that do not exchange still run); reading it does
        NodeConfig without = load(Map.of()).get("county");
        assertThatThrownBy(() -> without.keys().resolve()).hasMessageContaining(dir.resolve("county.yaml").toString())
                .hasMessageContaining("key 'key' is ${CREDIT_KEY_COUNTY}")
                .hasMessageContaining("the environment variable CREDIT_KEY_COUNTY is not set: set it for this command");
        assertThatThrownBy(() -> load(Map.of("CREDIT_KEY_COUNTY", "short")).get("county").keys().resolve())
                .hasMessageContaining("the environment variable CREDIT_KEY_COUNTY, which holds 5 characters")
                .hasMessageNotContaining("short");
    }

    @Test
    void aKeyFileIsReadRelativeToTheHomeWithoutItsLineBreakAndAWorldReadableOneIsWarnedAbout() throws IOException {
        parents();
        write("county", "id: county\nregion: \"520102\"\nlevel: county\nparent: city\nkeyFile: secrets/county.key\n");
        Path file = Files.createDirectories(dir.resolve("secrets")).resolve("county.key");
        Files.writeString(file, NEW + "\r\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        NodeKeys.Key key = load(Map.of()).get("county").keys().signing(DAY);
        assertThat(key.secret().value()).isEqualTo(NEW);
        assertThat(key.secret().warning()).isNull();

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Secret readable = load(Map.of()).get("county").keys().signing(DAY).secret();
        assertThat(readable.value()).isEqualTo(NEW);
        assertThat(readable.warning()).contains("can be read by every user").contains("chmod 600 " + file);
    }

    @Test
    void aMissingKeyFileNamesTheNodeFileTheFieldAndTheFix() throws IOException {
        parents();
        write("county", "id: county\nregion: \"520102\"\nlevel: county\nparent: city\nkeyFile: secrets/county.key\n");

        NodeConfig county = load(Map.of()).get("county");

        assertThatThrownBy(() -> county.keys().resolve()).hasMessageContaining(dir.resolve("county.yaml").toString())
                .hasMessageContaining("key 'keyFile' names " + dir.resolve("secrets/county.key") + ", which does not"
                        + " exist: put the secret there");
    }

    @Test
    void aTokenCanComeFromTheEnvironmentToo() throws IOException {
        write("top", "id: top\nregion: \"000000\"\nlevel: national\ntransport: http\nurl: http://127.0.0.1:1/x\n"
                + "token: ${CREDIT_TOKEN_TOP}\n");
        assertThat(load(Map.of("CREDIT_TOKEN_TOP", "t0ken")).get("top").token().value()).isEqualTo("t0ken");
        assertThatThrownBy(() -> load(Map.of()).get("top").token().value())
                .hasMessageContaining("key 'token' is ${CREDIT_TOKEN_TOP}");
    }

    @Test
    void anIntakeTokenBeingChangedKeepsThePreviousOneBesideIt() throws IOException {
        write("top", "id: top\nregion: \"000000\"\nlevel: national\ntransport: http\nurl: http://127.0.0.1:1/x\n"
                + "token: ${CREDIT_TOKEN_TOP}\npreviousToken: the-old-token\n");
        NodeConfig top = load(Map.of("CREDIT_TOKEN_TOP", "the-new-token")).get("top");
        assertThat(top.token().value()).isEqualTo("the-new-token");
        assertThat(top.previousToken().value()).isEqualTo("the-old-token");

        write("top", "id: top\nregion: \"000000\"\nlevel: national\ntransport: directory\n"
                + "previousToken: the-old-token\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("'previousToken' is the token the intake still"
                + " accepts beside the current 'token', which is missing");
    }

    @Test
    void duringAChangeTheFirstKeyInForceSignsAndEveryListedKeyVerifies() throws IOException {
        parents();
        write("county", """
                id: county
                region: "520102"
                level: county
                parent: city
                keys:
                  - id: "2027"
                    key: %s
                    from: 2027-03-01
                  - id: "2026"
                    key: %s
                    retires: 2027-04-01
                """.formatted(NEW, OLD));

        NodeKeys keys = load(Map.of()).get("county").keys();

        assertThat(keys.signing(DAY.minusDays(1)).id()).isEqualTo("2026");
        assertThat(keys.signing(DAY).id()).isEqualTo("2027");
        byte[] data = "manifest".getBytes(StandardCharsets.UTF_8);
        String byOld = Signatures.hmac(OLD, data);
        assertThat(keys.verifying(data, byOld, "2026").id()).isEqualTo("2026");
        assertThat(keys.verifying(data, byOld, null).id()).isEqualTo("2026"); // a package of an older version
        assertThat(keys.verifying(data, byOld, "1").id()).isEqualTo("2026"); // the other copy names it otherwise
        assertThat(keys.verifying(data, Signatures.hmac("someone-elses-key-0123", data), "2026")).isNull();
        NodeKeys.Key old = keys.get("2026").orElseThrow();
        assertThat(old.retiredOn(LocalDate.of(2027, 3, 31))).isFalse();
        assertThat(old.retiredOn(LocalDate.of(2027, 4, 1))).isTrue();
        assertThat(keys.retiredReason(old)).startsWith("signed with key 2026 of node county, retired on 2027-04-01:"
                + " update the node file");
        // an answer goes out with the package's key while it is not retired, else with the key in force
        assertThat(keys.answering("2026", DAY).id()).isEqualTo("2026");
        assertThat(keys.answering("2026", LocalDate.of(2027, 4, 1)).id()).isEqualTo("2027");
        assertThat(keys.answering(null, DAY).id()).isEqualTo("2027");
    }

    @Test
    void aNodeWhoseKeysHaveAllRetiredCannotSign() throws IOException {
        parents();
        write("county", "id: county\nregion: \"520102\"\nlevel: county\nparent: city\nkeys:\n  - id: a\n    key: " + OLD
                + "\n    retires: 2027-01-01\n");
        assertThatThrownBy(() -> load(Map.of()).get("county").keys().signing(DAY))
                .hasMessageContaining("no key of node 'county' signs on 2027-03-01")
                .hasMessageContaining("key a retires 2027-01-01");
    }

    @Test
    void mistakesInTheKeysAreConfigErrorsNamingFileAndKey() throws IOException {
        parents();
        String head = "id: county\nregion: \"520102\"\nlevel: county\nparent: city\n";
        assertLoadFails(head + "key: " + OLD + "\nkeys:\n  - id: a\n    key: " + NEW + "\n", "not both");
        assertLoadFails(head + "keys:\n  - key: " + NEW + "\n", "'keys' entry 1: key 'id' is missing");
        assertLoadFails(head + "keys:\n  - id: a\n    key: " + NEW + "\n    retire: 2027-01-01\n",
                "'keys' entry 1: unknown key 'retire'");
        assertLoadFails(head + "keys:\n  - id: a\n    key: " + NEW + "\n    retires: 1.4.2027\n",
                "'keys' entry 'a': 'retires' is '1.4.2027', expected a date YYYY-MM-DD");
        assertLoadFails(head + "keys:\n  - id: a\n    key: " + NEW + "\n  - id: a\n    key: " + OLD + "\n",
                "key id 'a' is listed twice");
        assertLoadFails(head + "keys:\n  - id: a\n    key: short\n", "'keys' entry 'a', key 'key' must be at least 16");
        assertLoadFails(head + "key: " + OLD + "\nkeyFile: k\n", "give either 'key' or 'keyFile'");
        assertLoadFails(head + "key: prefix-${CREDIT_KEY}\n", "is not ${NAME} as the whole value");
    }

    @Test
    void aManifestOrAcknowledgementWithAFieldTheReaderDoesNotKnowStillReads() {
        // what a node of an older version sees in a package signed by a newer one: the key id is ignored there
        JsonMapper json = JsonMapper.builder().build();
        PackageManifest m = json.readValue("{\"formatVersion\":1,\"packageId\":\"a-0000000001-0000000001\","
                + "\"fromSeq\":1,\"toSeq\":1,\"changes\":1,\"keyId\":\"2\",\"addedLater\":true}",
                PackageManifest.class);
        assertThat(m.keyId()).isEqualTo("2");
        Acknowledgement ack = Acknowledgement.peek(("0\n{\"packageId\":\"a-0000000001-0000000001\",\"fromSeq\":1,"
                + "\"toSeq\":1,\"accepted\":1,\"updated\":0,\"questioned\":0,\"unmatched\":0,\"addedLater\":1}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(ack.accepted()).isEqualTo(1);
        assertThat(ack.keyId()).isNull(); // one written by an older version
    }

    private void assertLoadFails(String yaml, String message) throws IOException {
        write("county", yaml);
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining(dir.resolve("county.yaml").toString())
                .hasMessageContaining(message);
    }

    private NodeTopology load(Map<String, String> environment) {
        return NodeTopology.load(dir, dir, environment::get);
    }

    /** The county's parent and its parents, with keys in the file. */
    private void parents() throws IOException {
        write("city", "id: city\nregion: \"520100\"\nlevel: city\nparent: prov\nkey: " + OLD + "\n");
        write("prov", "id: prov\nregion: \"520000\"\nlevel: province\nparent: top\nkey: " + OLD + "\n");
        write("top", "id: top\nregion: \"000000\"\nlevel: national\n");
    }

    private void write(String id, String yaml) throws IOException {
        Files.writeString(dir.resolve(id + ".yaml"), yaml);
    }
}
