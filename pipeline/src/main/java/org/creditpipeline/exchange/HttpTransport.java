package org.creditpipeline.exchange;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parent's intake endpoint ({@link IntakeServer}): {@code PUT url/packages/<child>/<file>} with the bearer token
 * (the child's own {@code pushToken}, else the intake's shared {@code token}), {@code GET url/acks/<child>} lists
 * the acknowledgements and {@code GET url/acks/<child>/<file>} fetches one.
 */
final class HttpTransport implements Transport {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public void deliver(NodeConfig parent, NodeConfig child, Path packageFile) throws IOException {
        HttpRequest request = request(parent, child, "packages/" + enc(child.id()) + "/"
                + enc(packageFile.getFileName().toString())).PUT(HttpRequest.BodyPublishers.ofFile(packageFile))
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("intake " + parent.url() + " answered " + response.statusCode() + ": "
                    + response.body().strip());
        }
    }

    @Override
    public Map<String, byte[]> acknowledgements(NodeConfig parent, NodeConfig child) throws IOException {
        HttpResponse<String> list = send(request(parent, child, "acks/" + enc(child.id())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() != 200) {
            throw new IOException("intake " + parent.url() + " answered " + list.statusCode() + " for the"
                    + " acknowledgements: " + list.body().strip());
        }
        Map<String, byte[]> acks = new TreeMap<>();
        for (String name : list.body().split("\n")) {
            if (name.isBlank()) {
                continue;
            }
            HttpResponse<byte[]> ack = send(request(parent, child, "acks/" + enc(child.id()) + "/"
                    + enc(name.strip())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (ack.statusCode() == 200) {
                acks.put(name.strip(), ack.body());
            }
        }
        return acks;
    }

    private static HttpRequest.Builder request(NodeConfig parent, NodeConfig child, String path) {
        String base = parent.url().endsWith("/") ? parent.url() : parent.url() + "/";
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token(parent, child));
    }

    /** The child's own push token when its node file has one, else the parent intake's shared token. */
    static String token(NodeConfig parent, NodeConfig child) {
        if (child.pushToken() != null) {
            return child.pushToken().value();
        }
        if (parent.token() == null) {
            throw new IllegalStateException("node '" + child.id() + "' pushes to node '" + parent.id() + "' over"
                    + " HTTP but has no token for its intake: give 'pushToken:' in " + child.id() + ".yaml (its own,"
                    + " the same as in the parent's copy) or the intake's shared 'token:' in this node's copy of "
                    + parent.id() + ".yaml (docs/EXCHANGE.md, HTTP transport)");
        }
        return parent.token().value();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + request.uri(), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
