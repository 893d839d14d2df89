package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP intake: token-authenticated delivery into the inbox, idempotent resending, acknowledgements fetched back. */
class HttpTransportTest {

    @TempDir
    Path root;

    @Test
    void aChildDeliversOverHttpAndFetchesItsAcknowledgements() throws IOException {
        NodeTopology topology = NodeTopology.load(TestNodes.write(root, "xh_", "http").resolve("nodes"), root);
        NodeConfig national = topology.get("xh_nat");
        NodeConfig province = topology.get("xh_prov");
        try (IntakeServer server = IntakeServer.start(national, topology, 0)) {
            NodeConfig reachable = withUrl(national, "http://127.0.0.1:" + server.port() + "/exchange",
                    national.token());
            Transport transport = Transport.of(reachable);
            assertThat(transport).isInstanceOf(HttpTransport.class);
            Path pkg = Files.write(root.resolve("xh_prov-0000000001-0000000002.zip"), new byte[] {'P', 'K', 1, 2});

            transport.deliver(reachable, province, pkg);
            transport.deliver(reachable, province, pkg);

            assertThat(national.inbox().resolve(pkg.getFileName())).hasBinaryContent(new byte[] {'P', 'K', 1, 2});
            try (var files = Files.list(national.inbox())) {
                assertThat(files.toList()).hasSize(1);
            }

            Files.createDirectories(national.acksFor("xh_prov"));
            Files.writeString(national.acksFor("xh_prov").resolve("xh_prov-0000000001-0000000002.ack.json"), "sig\n{}");
            Map<String, byte[]> acks = transport.acknowledgements(reachable, province);
            assertThat(acks).containsOnlyKeys("xh_prov-0000000001-0000000002.ack.json");
        }
    }

    @Test
    void aWrongTokenIsRefusedAndNothingIsStored() throws IOException {
        NodeTopology topology = NodeTopology.load(TestNodes.write(root, "xh_", "http").resolve("nodes"), root);
        NodeConfig national = topology.get("xh_nat");
        try (IntakeServer server = IntakeServer.start(national, topology, 0)) {
            NodeConfig wrong = withUrl(national, "http://127.0.0.1:" + server.port() + "/exchange", "guessed");
            Path pkg = Files.write(root.resolve("xh_prov-0000000001-0000000002.zip"), new byte[] {1});
            assertThatThrownBy(() -> Transport.of(wrong).deliver(wrong, topology.get("xh_prov"), pkg))
                    .hasMessageContaining("401");
            NodeConfig right = withUrl(national, "http://127.0.0.1:" + server.port() + "/exchange", national.token());
            assertThatThrownBy(() -> Transport.of(right).deliver(right, topology.get("xh_county"), pkg))
                    .hasMessageContaining("400").hasMessageContaining("not a package of a child");
            assertThat(national.inbox()).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                    p -> assertThat(p).isEmptyDirectory());
        }
    }

    private static NodeConfig withUrl(NodeConfig n, String url, String token) {
        return new NodeConfig(n.id(), n.name(), n.region(), n.level(), n.parent(), n.transport(), n.key(),
                n.directory(), url, token);
    }
}
