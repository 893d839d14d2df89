package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One token per child at its parent's intake (docs/EXCHANGE.md, HTTP transport): a child's {@code pushToken} opens
 * only that child's paths, a child without one keeps using the intake's shared token, and either changes with a
 * previous value accepted meanwhile. Here the city serves the intake for its two counties.
 */
class IntakeTokensTest {

    private static final String COUNTY = "push-token-xt-county-0123456789";
    private static final String COUNTY2 = "push-token-xt-county2-0123456789";
    private static final String SHARED = "test-token-xt_city";

    @TempDir
    Path root;
    Path nodes;
    final Map<String, String> environment = new HashMap<>();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void nodes() {
        nodes = TestNodes.write(root, "xt_", null).resolve("nodes");
        log.start();
        ((Logger) LoggerFactory.getLogger(IntakeServer.class)).addAppender(log);
    }

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger(IntakeServer.class)).detachAppender(log);
    }

    @Test
    void eachChildDeliversAndReadsOnlyUnderItsOwnNameWithItsOwnToken() throws IOException {
        add("xt_county", "pushToken: " + COUNTY);
        add("xt_county2", "pushToken: ${CREDIT_PUSH_TOKEN_XT_COUNTY2}");
        environment.put("CREDIT_PUSH_TOKEN_XT_COUNTY2", COUNTY2);
        NodeTopology topology = load();
        NodeConfig city = topology.get("xt_city");
        try (IntakeServer server = IntakeServer.start(city, topology, 0)) {
            NodeConfig intake = at(city, server);
            HttpTransport http = new HttpTransport();
            Files.createDirectories(city.acksFor("xt_county2"));
            Files.writeString(city.acksFor("xt_county2").resolve("xt_county2-1-1.ack.json"), "{}");

            http.deliver(intake, topology.get("xt_county"), pkg("xt_county-1-1.zip"));
            http.deliver(intake, topology.get("xt_county2"), pkg("xt_county2-1-1.zip"));
            assertThat(http.acknowledgements(intake, topology.get("xt_county2"))).containsOnlyKeys(
                    "xt_county2-1-1.ack.json");

            RawHttp.Answer upload = put(server, "xt_county2", "xt_county2-2-2.zip", COUNTY);
            RawHttp.Answer acks = get(server, "acks/xt_county2", COUNTY);
            RawHttp.Answer shared = put(server, "xt_county", "xt_county-2-2.zip", SHARED);

            assertThat(upload.status()).isEqualTo(403);
            assertThat(upload.body()).contains("the token of node 'xt_county' was presented for node 'xt_county2'");
            assertThat(acks.status()).isEqualTo(403);
            assertThat(acks.body()).doesNotContain("xt_county2-1-1");
            assertThat(shared.status()).isEqualTo(403);
            assertThat(shared.body()).contains("the shared token of node 'xt_city' was presented for node"
                    + " 'xt_county', which has its own pushToken");
        }
        assertThat(inbox(topology("xt_city"))).containsExactlyInAnyOrder("xt_county-1-1.zip", "xt_county2-1-1.zip");
        assertThat(refusals()).hasSize(3).allSatisfy(line -> assertThat(line).contains("403", "from 127.0.0.1:"))
                .anySatisfy(line -> assertThat(line).contains("PUT /exchange/packages/xt_county2/xt_county2-2-2.zip",
                        "(node 'xt_county2')", "the token of node 'xt_county'"));
        assertThat(messages()).noneMatch(m -> m.contains(COUNTY) || m.contains(COUNTY2) || m.contains(SHARED));
    }

    @Test
    void aChildWithoutItsOwnTokenKeepsUsingTheSharedOneWhichOpensNoOtherChild() throws IOException {
        add("xt_county", "pushToken: " + COUNTY);
        NodeTopology topology = load();
        NodeConfig city = topology.get("xt_city");
        try (IntakeServer server = IntakeServer.start(city, topology, 0)) {
            new HttpTransport().deliver(at(city, server), topology.get("xt_county2"), pkg("xt_county2-1-1.zip"));

            RawHttp.Answer foreign = put(server, "xt_county2", "xt_county2-2-2.zip", COUNTY);
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.body()).contains("the token of node 'xt_county' was presented for node 'xt_county2',"
                    + " which uses the shared token");
            assertThat(put(server, "xt_county", "xt_county-1-1.zip", SHARED).status()).isEqualTo(403);
            assertThat(put(server, "xt_county", "xt_county-1-1.zip", COUNTY).status()).isEqualTo(201);
        }
        assertThat(inbox(topology("xt_city"))).containsExactlyInAnyOrder("xt_county-1-1.zip", "xt_county2-1-1.zip");
    }

    @Test
    void aChildMovesFromTheSharedTokenToItsOwnAndLaterChangesItWithoutAFlagDay() throws IOException {
        // 1. the parent's copy of the county's file gets the county's own token, the shared one still accepted
        Path parentNodes = TestNodes.copy(nodes.getParent(), root.resolve("parent-config")).resolve("nodes");
        add(parentNodes, "xt_county", "pushToken: " + COUNTY + "\npreviousPushToken: ${CREDIT_TOKEN_XT_CITY}");
        environment.put("CREDIT_TOKEN_XT_CITY", SHARED);
        NodeTopology parent = NodeTopology.load(parentNodes, root, environment::get);
        NodeConfig city = parent.get("xt_city");
        try (IntakeServer server = IntakeServer.start(city, parent, 0)) {
            HttpTransport http = new HttpTransport();
            NodeConfig notSwitched = load().get("xt_county");
            http.deliver(at(city, server), notSwitched, pkg("xt_county-1-1.zip"));
            // 2. the county's own copy gets the same token
            add("xt_county", "pushToken: " + COUNTY);
            http.deliver(at(city, server), load().get("xt_county"), pkg("xt_county-2-2.zip"));
        }
        // 3. once it has switched, the parent drops the previous value: the shared token no longer opens its paths
        remove(parentNodes, "xt_county", "previousPushToken");
        parent = NodeTopology.load(parentNodes, root, environment::get);
        try (IntakeServer server = IntakeServer.start(parent.get("xt_city"), parent, 0)) {
            assertThat(put(server, "xt_county", "xt_county-3-3.zip", SHARED).status()).isEqualTo(403);
            assertThat(put(server, "xt_county2", "xt_county2-1-1.zip", SHARED).status()).isEqualTo(201);
        }
        // its own token changes the same way: new and previous accepted, no other
        remove(parentNodes, "xt_county", "pushToken");
        add(parentNodes, "xt_county", "pushToken: " + COUNTY + "-2027\npreviousPushToken: " + COUNTY);
        parent = NodeTopology.load(parentNodes, root, environment::get);
        try (IntakeServer server = IntakeServer.start(parent.get("xt_city"), parent, 0)) {
            assertThat(put(server, "xt_county", "xt_county-3-3.zip", COUNTY).status()).isEqualTo(201);
            assertThat(put(server, "xt_county", "xt_county-4-4.zip", COUNTY + "-2027").status()).isEqualTo(201);
            assertThat(put(server, "xt_county", "xt_county-5-5.zip", COUNTY + "-2026").status()).isEqualTo(401);
        }
        assertThat(inbox(parent.get("xt_city"))).containsExactlyInAnyOrder("xt_county-1-1.zip", "xt_county-2-2.zip",
                "xt_county-3-3.zip", "xt_county-4-4.zip", "xt_county2-1-1.zip");
    }

    @Test
    void aPushTokenIsGivenLikeAKeyAndReadWhereItIsNeeded() throws IOException {
        add("xt_county", "pushTokenFile: secrets/county.token");
        add("xt_county2", "pushToken: ${CREDIT_PUSH_TOKEN_XT_COUNTY2}");
        Path file = Files.createDirectories(root.resolve("secrets")).resolve("county.token");
        Files.writeString(file, COUNTY + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        NodeTopology topology = load(); // loading reads no token

        assertThat(topology.get("xt_county").pushToken().value()).isEqualTo(COUNTY);
        assertThat(HttpTransport.token(topology.get("xt_city"), topology.get("xt_county"))).isEqualTo(COUNTY);
        assertThat(HttpTransport.token(topology.get("xt_prov"), topology.get("xt_city")))
                .as("a node without its own token presents its parent's shared one").isEqualTo("test-token-xt_prov");
        assertThatThrownBy(() -> IntakeServer.start(topology.get("xt_city"), topology, 0))
                .hasMessageContaining(nodes.resolve("xt_county2.yaml").toString())
                .hasMessageContaining("key 'pushToken' is ${CREDIT_PUSH_TOKEN_XT_COUNTY2}, but the environment"
                        + " variable CREDIT_PUSH_TOKEN_XT_COUNTY2 is not set");
        assertThatThrownBy(() -> HttpTransport.token(topology.get("xt_city"), topology.get("xt_county2")))
                .hasMessageContaining("CREDIT_PUSH_TOKEN_XT_COUNTY2 is not set");
    }

    @Test
    void aTopologyThatWouldLetOneChildActForAnotherOrRefuseEveryoneIsNamedBeforeServing() throws IOException {
        add("xt_county2", "previousPushToken: old-value");
        assertThatThrownBy(this::load).hasMessageContaining("xt_county2.yaml").hasMessageContaining(
                "'previousPushToken' is the push token the parent's intake still accepts beside the current"
                        + " 'pushToken', which is missing");
        remove(nodes, "xt_county2", "previousPushToken");
        add("xt_nat", "pushToken: " + COUNTY);
        assertThatThrownBy(this::load).hasMessageContaining("the national node has no parent");
        remove(nodes, "xt_nat", "pushToken");

        add("xt_county", "pushToken: " + COUNTY);
        add("xt_county2", "pushToken: " + COUNTY);
        assertThatThrownBy(() -> IntakeServer.start(load().get("xt_city"), load(), 0))
                .hasMessageContaining("children 'xt_county' and 'xt_county2' have the same 'pushToken'")
                .hasMessageNotContaining(COUNTY);
        remove(nodes, "xt_county2", "pushToken");
        add("xt_county2", "pushToken: " + SHARED);
        assertThatThrownBy(() -> IntakeServer.start(load().get("xt_city"), load(), 0))
                .hasMessageContaining("the 'pushToken' of child 'xt_county2' is the intake's shared 'token'")
                .hasMessageNotContaining(SHARED);

        remove(nodes, "xt_county2", "pushToken");
        remove(nodes, "xt_city", "token");
        assertThatThrownBy(() -> IntakeServer.start(load().get("xt_city"), load(), 0))
                .hasMessageContaining("its child 'xt_county2' has no 'pushToken:' in this node's copy of"
                        + " xt_county2.yaml and xt_city.yaml has no shared 'token:'");
        add("xt_county2", "pushToken: " + COUNTY2);
        NodeTopology everyChildItsOwn = load();
        try (IntakeServer server = IntakeServer.start(everyChildItsOwn.get("xt_city"), everyChildItsOwn, 0)) {
            assertThat(put(server, "xt_county2", "xt_county2-1-1.zip", COUNTY2).status()).isEqualTo(201);
            assertThat(put(server, "xt_county2", "xt_county2-1-1.zip", SHARED).status()).isEqualTo(401);
        }
    }

    private NodeTopology load() {
        return NodeTopology.load(nodes, root, environment::get);
    }

    private NodeConfig topology(String id) {
        return load().get(id);
    }

    private void add(String node, String lines) throws IOException {
        add(nodes, node, lines);
    }

    private static void add(Path nodes, String node, String lines) throws IOException {
        Path file = nodes.resolve(node + ".yaml");
        Files.writeString(file, Files.readString(file) + lines + "\n");
    }

    /** Removes a top-level key's line from a node file. */
    private static void remove(Path nodes, String node, String key) throws IOException {
        Path file = nodes.resolve(node + ".yaml");
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^" + key + ": .*\\n", ""));
    }

    private Path pkg(String name) throws IOException {
        return Files.write(root.resolve(name), new byte[] {'P', 'K', 1, 2});
    }

    /** The parent as its children's copy names it, at the port the test's intake listens on. */
    private static NodeConfig at(NodeConfig n, IntakeServer server) {
        return new NodeConfig(n.id(), n.name(), n.region(), n.level(), n.parent(), NodeConfig.Transport.HTTP,
                n.keys(), n.directory(), "http://127.0.0.1:" + server.port() + "/exchange", n.token(),
                n.previousToken(), n.pushToken(), n.previousPushToken());
    }

    private static RawHttp.Answer put(IntakeServer server, String child, String file, String token)
            throws IOException {
        return RawHttp.send(server.port(), "PUT /exchange/packages/" + child + "/" + file + " HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Length: 4\r\n", new byte[] {'P', 'K', 1, 2});
    }

    private static RawHttp.Answer get(IntakeServer server, String path, String token) throws IOException {
        return RawHttp.send(server.port(), "GET /exchange/" + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + token + "\r\n", new byte[0]);
    }

    private static List<String> inbox(NodeConfig node) throws IOException {
        try (var files = Files.list(node.inbox())) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private List<String> refusals() {
        return messages().stream().filter(m -> m.contains(" refused ")).toList();
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
