package org.creditpipeline.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.creditpipeline.exchange.TestNodes;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --json}: one line of JSON saying where the intake listens, for a service manager or a script. */
class ServeCommandTest extends PostgresTestSupport {

    private static final String P = "sv_";
    private static Path config;

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) throws IOException {
        config = TestNodes.write(Files.createTempDirectory("serve"), P, null);
        registry.add("credit.node", () -> P + "probe");
        registry.add("credit.config-dir", config::toString);
    }

    @Test
    void withJsonItPrintsOneLineNamingThePortItListensOn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        Thread serve = new Thread(() -> code.set(new CreditPipelineCli(new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {
                        "--home", "target/test-home", "--config-dir", config.toString(), "--quiet", "--json",
                        "--node", P + "city", "serve"})));
        serve.start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!out.toString(StandardCharsets.UTF_8).contains("\n") && serve.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).as(err.toString(StandardCharsets.UTF_8)).endsWith("\n");
            assertThat(printed.strip()).doesNotContain("\n");
            JsonNode doc = JsonMapper.builder().build().readTree(printed);
            assertThat(doc.get("command").asString()).isEqualTo("serve");
            assertThat(doc.get("node").asString()).isEqualTo(P + "city");
            assertThat(doc.get("status").asString()).isEqualTo("LISTENING");
            int port = doc.get("port").asInt();
            assertThat(port).isPositive();
            assertThat(doc.get("inbox").asString()).endsWith(Path.of("exchange", P + "city", "inbox").toString());

            // the port named is the one that answers: a request without the token is refused by our intake
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/exchange/packages/" + P + "county/" + P + "county-1-1.zip"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'P', 'K'})).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
        } finally {
            serve.interrupt();
            serve.join(30_000);
        }
        assertThat(code.get()).isZero();
    }
}
