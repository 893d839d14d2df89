package org.creditpipeline.exchange;

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
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake against broken and hostile clients: what it takes (only {@code <child>/<name>.zip} of a child, by PUT,
 * with a bearer token), what it answers otherwise, and that no client holds its threads for good or leaves anything
 * behind. Requests are written byte for byte ({@link RawHttp}), as no HTTP library would send most of them.
 */
class IntakeRobustnessTest {

    private static final byte[] PACKAGE = {'P', 'K', 3, 4};
    private static final Duration SHORT = Duration.ofSeconds(1);

    @TempDir
    Path root;
    NodeTopology topology;
    NodeConfig national;
    String auth;

    @BeforeEach
    void nodes() {
        topology = NodeTopology.load(TestNodes.write(root, "xr_", "http").resolve("nodes"), root);
        national = topology.get("xr_nat");
        auth = "Authorization: Bearer " + national.token().value() + "\r\n";
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PUT | /exchange/packages/xr_prov/..                                          | 400
            PUT | /exchange/packages/xr_prov/%2E%2E%2F%2E%2E%2Fescaped.zip                | 400
            PUT | /exchange/packages/xr_prov/..%2Fxr_prov-1-1.zip                         | 400
            PUT | /exchange/packages/xr_prov%2F..%2F..%2Fnodes/xr_prov-1-1.zip           | 400
            PUT | /exchange/packages/xr_prov/xr_prov%2D1%2D1.zip                          | 400
            PUT | /exchange/packages/xr_prov/.xr_prov-1-1.zip                             | 400
            PUT | /exchange/packages/xr_prov/xr_prov-1-1.zip%00.txt                       | 400
            PUT | /exchange/packages/xr_prov/xr_prov-1-1.txt                              | 400
            PUT | /exchange/packages/xr_prov/xr_county-1-1.zip                            | 400
            PUT | /exchange/packages/xr_city/xr_city-1-1.zip                              | 400
            PUT | /exchange/packages/nobody/nobody-1-1.zip                                | 400
            PUT | http://127.0.0.1/exchange/packages/xr_prov/..%2F..%2Fabsolute.zip       | 400
            PUT | /exchange/packages/../packages/xr_prov/xr_prov-1-1.zip                  | 404
            PUT | /exchange/packages/xr_prov/sub/xr_prov-1-1.zip                          | 404
            PUT | /exchange/packages/xr_prov                                              | 404
            PUT | /exchange/elsewhere/xr_prov/xr_prov-1-1.zip                             | 404
            PUT | /%65xchange/packages/xr_prov/xr_prov-1-1.zip                            | 404
            GET | /exchange/acks/xr_prov/..                                               | 400
            GET | /exchange/acks/xr_prov/%2E%2E%2F%2E%2E%2F.credit-exchange              | 400
            GET | /exchange/acks/..%2Fxr_prov                                             | 400
            GET | /exchange/acks/xr_city                                                  | 404
            GET | /exchange/acks/xr_prov/.credit-exchange                                 | 400
            """)
    void onlyAPackageOfAChildUnderASafeNameIsTakenAndNothingElseIsWrittenAnywhere(String method, String path,
                                                                                  int status) throws IOException {
        Files.createDirectories(national.acksFor("xr_prov"));
        Files.writeString(national.acksFor("xr_prov").resolve("xr_prov-1-1.ack.json"), "{}");
        Set<Path> before = files();
        try (IntakeServer server = IntakeServer.start(national, topology, 0)) {
            RawHttp.Answer answer = RawHttp.send(server.port(), method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth
                    + "Content-Length: 4\r\n", PACKAGE);

            assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        }
        assertThat(files()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            POST    | /exchange/packages/xr_prov/xr_prov-1-1.zip | PUT
            DELETE  | /exchange/packages/xr_prov/xr_prov-1-1.zip | PUT
            GET     | /exchange/packages/xr_prov/xr_prov-1-1.zip | PUT
            PATCH   | /exchange/packages/xr_prov/xr_prov-1-1.zip | PUT
            PUT     | /exchange/acks/xr_prov                     | GET
            POST    | /exchange/acks/xr_prov/xr_prov-1-1.ack.json | GET
            OPTIONS | /exchange/acks/xr_prov                     | GET
            TRACE   | /exchange/acks/xr_prov                     | GET
            HEAD    | /exchange/acks/xr_prov                     | GET
            """)
    void anotherMethodIsAnswered405WithTheOneAllowed(String method, String path, String allowed) throws IOException {
        Set<Path> before = files();
        try (IntakeServer server = IntakeServer.start(national, topology, 0)) {
            RawHttp.Answer answer = RawHttp.send(server.port(), method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth
                    + "Content-Length: 4\r\n", PACKAGE);

            assertThat(answer.status()).as(answer.text()).isEqualTo(405);
            assertThat(answer.header("Allow")).isEqualTo(allowed);
        }
        assertThat(files()).isEqualTo(before);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "Authorization: Basic eHJfcHJvdjp0ZXN0\r\n", "Authorization: Bearer\r\n",
            "Authorization: Bearer \r\n", "Authorization: Token test-token-xr_nat\r\n",
            "Authorization: Bearer test-token-xr_na\r\n", "Authorization: Bearer test-token-xr_nat0\r\n",
            "Authorization: Bearer test-token-xr_nat extra\r\n", "Authorization: Bearer test-token-xr_nat\r\n"
            + "Authorization: Bearer test-token-xr_nat\r\n"})
    void aMissingOrOddAuthorizationIsAnswered401AndNothingIsStored(String header) throws IOException {
        try (IntakeServer server = IntakeServer.start(national, topology, 0)) {
            RawHttp.Answer answer = RawHttp.send(server.port(), "PUT /exchange/packages/xr_prov/xr_prov-1-1.zip"
                    + " HTTP/1.1\r\nHost: x\r\n" + header + "Content-Length: 4\r\n", PACKAGE);

            assertThat(answer.status()).as(answer.text()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(answer.body()).doesNotContain("test-token");
        }
        assertThat(inbox()).isEmpty();
    }

    @Test
    void theBearerSchemeIsTakenInAnyCase() throws IOException {
        try (IntakeServer server = IntakeServer.start(national, topology, 0)) {
            RawHttp.Answer answer = RawHttp.send(server.port(), "PUT /exchange/packages/xr_prov/xr_prov-1-1.zip"
                    + " HTTP/1.1\r\nHost: x\r\nAuthorization: bearer " + national.token().value()
                    + "\r\nContent-Length: 4\r\n", PACKAGE);

            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        }
        assertThat(national.inbox().resolve("xr_prov-1-1.zip")).hasBinaryContent(PACKAGE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length: 100000\r\n", "Transfer-Encoding: chunked\r\n"})
    void aClientThatStopsSendingItsBodyIsAnswered408AndItsThreadServesTheNextOne(String framing) throws Exception {
        IntakeLimits oneThread = new IntakeLimits(IntakeLimits.MAX_PACKAGE_BYTES, SHORT, 1, 4);
        try (IntakeServer server = IntakeServer.start(national, topology, 0, oneThread);
             RawHttp stalled = new RawHttp(server.port())) {
            stalled.write("PUT /exchange/packages/xr_prov/xr_prov-1-1.zip HTTP/1.1\r\nHost: x\r\n" + auth + framing
                    + "\r\n");
            stalled.write(framing.startsWith("Transfer") ? "1388\r\n".getBytes(StandardCharsets.US_ASCII)
                    : new byte[0]);
            stalled.write(new byte[5_000]); // and nothing more

            RawHttp.Answer answer = stalled.answer();

            assertThat(answer.status()).as(answer.text()).isEqualTo(408);
            assertThat(answer.body()).contains("nothing stored");
            awaitNoPartialUpload(); // removed by the upload's thread once the watchdog freed it
            assertThat(inbox()).isEmpty();
            assertThat(RawHttp.send(server.port(), "PUT /exchange/packages/xr_prov/xr_prov-2-2.zip HTTP/1.1\r\n"
                    + "Host: x\r\n" + auth + "Content-Length: 4\r\n", PACKAGE).status()).isEqualTo(201);
        }
        assertThat(inbox()).containsExactly("xr_prov-2-2.zip");
    }

    @Test
    void aClientThatNeverFinishesItsHeadersIsClosedAndItsThreadServesTheNextOne() throws Exception {
        IntakeLimits oneThread = new IntakeLimits(IntakeLimits.MAX_PACKAGE_BYTES, SHORT, 1, 4);
        try (IntakeServer server = IntakeServer.start(national, topology, 0, oneThread);
             RawHttp stalled = new RawHttp(server.port())) {
            stalled.write("PUT /exchange/packages/xr_prov/xr_prov-1-1.zip HTTP/1.1\r\nHost: x\r\n" + auth);

            assertThat(stalled.answer().status()).as("closed without an answer").isZero();
            assertThat(RawHttp.send(server.port(), "PUT /exchange/packages/xr_prov/xr_prov-2-2.zip HTTP/1.1\r\n"
                    + "Host: x\r\n" + auth + "Content-Length: 4\r\n", PACKAGE).status()).isEqualTo(201);
        }
        assertThat(inbox()).containsExactly("xr_prov-2-2.zip");
    }

    @Test
    void manyConcurrentUploadsOnTwoThreadsAreAllStored() throws Exception {
        IntakeLimits twoThreads = new IntakeLimits(IntakeLimits.MAX_PACKAGE_BYTES, Duration.ofSeconds(30), 2, 32);
        List<String> names = new ArrayList<>();
        try (IntakeServer server = IntakeServer.start(national, topology, 0, twoThreads)) {
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                String name = "xr_prov-" + i + "-" + i + ".zip";
                names.add(name);
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                                + "/exchange/packages/xr_prov/" + name))
                        .header("Authorization", "Bearer " + national.token().value())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[200_000])).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(201);
            }
        }
        assertThat(inbox()).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void aConnectionBeyondTheQueueIsClosedWithoutAnAnswerAndTheOthersAreServed() throws Exception {
        IntakeLimits oneAndOne = new IntakeLimits(IntakeLimits.MAX_PACKAGE_BYTES, Duration.ofSeconds(30), 1, 1);
        try (IntakeServer server = IntakeServer.start(national, topology, 0, oneAndOne);
             RawHttp first = new RawHttp(server.port());
             RawHttp second = new RawHttp(server.port());
             RawHttp third = new RawHttp(server.port())) {
            first.write("PUT /exchange/packages/xr_prov/xr_prov-1-1.zip HTTP/1.1\r\nHost: x\r\n" + auth
                    + "Content-Length: 8\r\nConnection: close\r\n\r\n").write(PACKAGE);
            awaitPartialUpload(); // the only thread now reads the first body
            for (RawHttp waiting : List.of(second, third)) {
                int n = waiting == second ? 2 : 3;
                // in one write: a connection closed after its headers would refuse a second one
                waiting.write("PUT /exchange/packages/xr_prov/xr_prov-" + n + "-" + n + ".zip HTTP/1.1\r\nHost: x\r\n"
                        + auth + "Content-Length: 4\r\nConnection: close\r\n\r\nPK\u0003\u0004");
            }
            RawHttp refused = awaitClosedByServer(second, third); // one waits in the queue, the other does not fit

            first.write(PACKAGE);
            assertThat(first.answer().status()).isEqualTo(201);
            RawHttp queued = refused == second ? third : second;
            assertThat(queued.answer().status()).isEqualTo(201);
        }
        assertThat(inbox()).hasSize(2).contains("xr_prov-1-1.zip");
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        try (IntakeServer server = IntakeServer.start(national, topology, 0);
             RawHttp client = new RawHttp(server.port())) {
            client.write("PUT /exchange/packages/xr_prov/xr_prov-1-1.zip HTTP/1.1\r\nHost: x\r\n" + auth
                    + "Content-Length: 4\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");

            assertThat(client.interim()).isEqualTo("HTTP/1.1 100 Continue");
            client.write(PACKAGE);
            assertThat(client.answer().status()).isEqualTo(201);

            HttpResponse<String> library = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + server.port() + "/exchange/packages/xr_prov/xr_prov-2-2.zip"))
                    .header("Authorization", "Bearer " + national.token().value()).expectContinue(true)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(PACKAGE)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(library.statusCode()).isEqualTo(201);
        }
        assertThat(national.inbox().resolve("xr_prov-1-1.zip")).hasBinaryContent(PACKAGE);
        assertThat(national.inbox().resolve("xr_prov-2-2.zip")).hasBinaryContent(PACKAGE);
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsStoredWhole() throws IOException {
        try (IntakeServer server = IntakeServer.start(national, topology, 0)) {
            RawHttp.Answer answer = RawHttp.send(server.port(), "PUT /exchange/packages/xr_prov/xr_prov-1-1.zip"
                    + " HTTP/1.1\r\nHost: x\r\n" + auth + "Transfer-Encoding: chunked\r\n",
                    "2\r\nPK\r\n3\r\n\u0003\u0004\u0005\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        }
        assertThat(national.inbox().resolve("xr_prov-1-1.zip")).hasBinaryContent(new byte[] {'P', 'K', 3, 4, 5});
    }

    @Test
    void aPackageDeclaredOverFourGibibytesIsAnswered413BeforeItsBody() throws IOException {
        assertThat(IntakeLimits.defaults().maxPackageBytes()).isEqualTo(4L * 1024 * 1024 * 1024);
        IntakeLimits fourGiB = new IntakeLimits(IntakeLimits.MAX_PACKAGE_BYTES, SHORT, 2, 4);
        try (IntakeServer server = IntakeServer.start(national, topology, 0, fourGiB)) {
            RawHttp.Answer answer = RawHttp.send(server.port(), "PUT /exchange/packages/xr_prov/xr_prov-1-1.zip"
                    + " HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: " + ((4L << 30) + 1) + "\r\n", new byte[0]);

            assertThat(answer.status()).as(answer.text()).isEqualTo(413);
            assertThat(answer.body()).contains("larger than 4294967296 bytes");
        }
        assertThat(inbox()).isEmpty();
    }

    private void awaitPartialUpload() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && !hasPartialUpload()) {
            Thread.sleep(20);
        }
        assertThat(hasPartialUpload()).as("the upload started").isTrue();
    }

    private void awaitNoPartialUpload() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && hasPartialUpload()) {
            Thread.sleep(20);
        }
    }

    private boolean hasPartialUpload() throws IOException {
        if (!Files.isDirectory(national.inbox())) {
            return false;
        }
        try (Stream<Path> files = Files.list(national.inbox())) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".part"));
        }
    }

    private static RawHttp awaitClosedByServer(RawHttp a, RawHttp b) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (RawHttp c : List.of(a, b)) {
                if (c.closedByServer()) {
                    return c;
                }
            }
        }
        throw new AssertionError("neither connection was closed by the intake");
    }

    /** The files in the inbox, hidden partial uploads included; none when there is no inbox yet. */
    private List<String> inbox() throws IOException {
        if (!Files.isDirectory(national.inbox())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(national.inbox())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file under the test's root (configs, exchange folders), to show that a refusal wrote nothing. */
    private Set<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }
}
