package org.creditpipeline.exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
                    national.token().value());
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
            NodeConfig right = withUrl(national, "http://127.0.0.1:" + server.port() + "/exchange",
                    national.token().value());
            assertThatThrownBy(() -> Transport.of(right).deliver(right, topology.get("xh_county"), pkg))
                    .hasMessageContaining("400").hasMessageContaining("not a package of a child");
            assertThat(national.inbox()).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                    p -> assertThat(p).isEmptyDirectory());
        }
    }

    @Test
    void anUploadCutOffHalfWayLeavesNothingInTheInbox() throws Exception {
        NodeTopology topology = NodeTopology.load(TestNodes.write(root, "xh_", "http").resolve("nodes"), root);
        NodeConfig national = topology.get("xh_nat");
        try (IntakeServer server = IntakeServer.start(national, topology, 0)) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("PUT /exchange/packages/xh_prov/xh_prov-0000000001-0000000002.zip HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAuthorization: Bearer " + national.token().value() + "\r\n"
                        + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[5_000]);
                out.flush();
            } // the child's connection drops with 95,000 bytes still to come

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && !inboxIsEmpty(national)) {
                Thread.sleep(50);
            }
            assertThat(inboxIsEmpty(national)).as("no partial upload stays in the inbox").isTrue();
        }
    }

    @Test
    void aPackageOverTheLimitIsAnsweredTooLargeAndNotStored() throws Exception {
        NodeTopology topology = NodeTopology.load(TestNodes.write(root, "xh_", "http").resolve("nodes"), root);
        NodeConfig national = topology.get("xh_nat");
        try (IntakeServer server = IntakeServer.start(national, topology, 0,
                IntakeLimits.defaults().withMaxPackageBytes(1_000))) {
            URI uri = URI.create("http://127.0.0.1:" + server.port()
                    + "/exchange/packages/xh_prov/xh_prov-0000000001-0000000002.zip");
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> declared = client.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + national.token().value())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[5_000])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(declared.statusCode()).isEqualTo(413);
            assertThat(declared.body()).contains("larger than 1000 bytes");

            // the same without a Content-Length (chunked): cut off at the limit
            HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + national.token().value())
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[5_000])))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(413);
            assertThat(inboxIsEmpty(national)).isTrue();
        }
    }

    private static boolean inboxIsEmpty(NodeConfig node) throws IOException {
        if (!Files.isDirectory(node.inbox())) {
            return false;
        }
        try (var files = Files.list(node.inbox())) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    void duringATokenChangeTheIntakeAcceptsTheNewAndThePreviousTokenAndNoOther() throws IOException {
        NodeTopology topology = NodeTopology.load(TestNodes.write(root, "xh_", "http").resolve("nodes"), root);
        NodeConfig national = topology.get("xh_nat");
        String old = national.token().value();
        NodeConfig changing = new NodeConfig(national.id(), national.name(), national.region(), national.level(),
                national.parent(), national.transport(), national.keys(), national.directory(), national.url(),
                Secret.literal("the-new-intake-token-2026"), Secret.literal(old));
        try (IntakeServer server = IntakeServer.start(changing, topology, 0)) {
            String url = "http://127.0.0.1:" + server.port() + "/exchange";
            NodeConfig province = topology.get("xh_prov");
            Path first = Files.write(root.resolve("xh_prov-0000000001-0000000001.zip"), new byte[] {'P', 'K', 1});
            Path second = Files.write(root.resolve("xh_prov-0000000002-0000000002.zip"), new byte[] {'P', 'K', 2});
            NodeConfig notYetSwitched = withUrl(national, url, old);
            NodeConfig switched = withUrl(national, url, "the-new-intake-token-2026");
            NodeConfig wrong = withUrl(national, url, "guessed");

            Transport.of(notYetSwitched).deliver(notYetSwitched, province, first);
            Transport.of(switched).deliver(switched, province, second);
            assertThatThrownBy(() -> Transport.of(wrong).deliver(wrong, province, first)).hasMessageContaining("401");

            assertThat(national.inbox().resolve(first.getFileName())).exists();
            assertThat(national.inbox().resolve(second.getFileName())).exists();
        }
    }

    private static NodeConfig withUrl(NodeConfig n, String url, String token) {
        return new NodeConfig(n.id(), n.name(), n.region(), n.level(), n.parent(), n.transport(), n.keys(),
                n.directory(), url, Secret.literal(token));
    }
}
