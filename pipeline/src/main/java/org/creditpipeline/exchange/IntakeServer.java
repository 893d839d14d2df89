package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A node's HTTP intake: children {@code PUT} packages (bearer token required) which are stored in the node's inbox for
 * {@code receive}; children fetch their acknowledgements with {@code GET}. Storing is atomic and idempotent: the same
 * file again replaces an identical copy. Nothing is verified or applied here, {@code receive} does that.
 */
public final class IntakeServer implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final long MAX_PACKAGE_BYTES = 4L << 30;

    private final NodeConfig node;
    private final NodeTopology topology;
    private final HttpServer server;
    private final long maxPackageBytes;

    private IntakeServer(NodeConfig node, NodeTopology topology, HttpServer server, long maxPackageBytes) {
        this.node = node;
        this.topology = topology;
        this.server = server;
        this.maxPackageBytes = maxPackageBytes;
    }

    /** Starts on the host and port of the node's url ({@code port} overrides it when not null; 0 picks a free one). */
    public static IntakeServer start(NodeConfig node, NodeTopology topology, Integer port) throws IOException {
        return start(node, topology, port, MAX_PACKAGE_BYTES);
    }

    static IntakeServer start(NodeConfig node, NodeTopology topology, Integer port, long maxPackageBytes)
            throws IOException {
        if (node.url() == null || node.token() == null) {
            throw new IllegalStateException("node '" + node.id() + "' has no url and token in its node file"
                    + " (job-configs/nodes/" + node.id() + ".yaml): it cannot serve an intake endpoint; add 'url:' (where"
                    + " children send packages) and 'token:' (the bearer token they present) to it");
        }
        node.token().value(); // a token missing from the environment or its file fails here, before listening
        if (node.previousToken() != null) {
            node.previousToken().value();
        }
        URI uri = URI.create(node.url());
        HttpServer server = HttpServer.create(new InetSocketAddress(uri.getHost(),
                port != null ? port : uri.getPort()), 16);
        IntakeServer intake = new IntakeServer(node, topology, server, maxPackageBytes);
        String base = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
        server.createContext(base, intake::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return intake;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorised(exchange)) {
                reply(exchange, 401, "missing or wrong bearer token / 令牌无效");
                return;
            }
            String base = exchange.getHttpContext().getPath();
            String[] parts = exchange.getRequestURI().getRawPath().substring(base.length()).split("/");
            for (int i = 0; i < parts.length; i++) {
                parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
            }
            String method = exchange.getRequestMethod();
            if (parts.length == 3 && parts[0].equals("packages") && method.equals("PUT")) {
                receivePackage(exchange, parts[1], parts[2]);
            } else if (parts.length >= 2 && parts[0].equals("acks") && method.equals("GET")) {
                sendAcks(exchange, parts[1], parts.length == 3 ? parts[2] : null);
            } else {
                reply(exchange, 404, "no such endpoint: " + method + " " + exchange.getRequestURI().getPath());
            }
        } catch (RuntimeException e) {
            reply(exchange, 500, "intake failed: " + e.getMessage());
        }
    }

    /** The current token, or during a change the previous one (both compared, in constant time each). */
    private boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] given = (header == null ? "" : header).getBytes(StandardCharsets.UTF_8);
        boolean current = MessageDigest.isEqual(given, ("Bearer " + node.token().value())
                .getBytes(StandardCharsets.UTF_8));
        boolean previous = node.previousToken() != null && MessageDigest.isEqual(given,
                ("Bearer " + node.previousToken().value()).getBytes(StandardCharsets.UTF_8));
        return current | previous;
    }

    private void receivePackage(HttpExchange exchange, String child, String file) throws IOException {
        if (!isChild(child) || !NAME.matcher(file).matches() || !file.startsWith(child + "-")
                || !file.endsWith(".zip")) {
            reply(exchange, 400, "'" + child + "/" + file + "' is not a package of a child of node '" + node.id() + "'");
            return;
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.strip().matches("\\d{1,18}")
                && Long.parseLong(declared.strip()) > maxPackageBytes) {
            reply(exchange, 413, "package larger than " + maxPackageBytes + " bytes / 数据包过大");
            return;
        }
        Files.createDirectories(node.inbox());
        Path partial = node.inbox().resolve("." + file + "." + Thread.currentThread().getId() + ".part");
        // A broken or runaway upload leaves nothing behind: the partial copy goes, only a whole body is renamed in.
        try (InputStream in = exchange.getRequestBody()) {
            long n = Files.copy(new LimitedInput(in, maxPackageBytes), partial, StandardCopyOption.REPLACE_EXISTING);
            if (n == 0) {
                Files.deleteIfExists(partial);
                reply(exchange, 400, "empty package");
                return;
            }
        } catch (TooLarge e) {
            Files.deleteIfExists(partial);
            reply(exchange, 413, e.getMessage());
            return;
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            replyIfStillThere(exchange, 400, "upload incomplete, nothing stored: " + e.getMessage());
            return;
        }
        Files.move(partial, node.inbox().resolve(file), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        reply(exchange, 201, "stored " + file + " in the inbox of node '" + node.id() + "'");
    }

    private void sendAcks(HttpExchange exchange, String child, String file) throws IOException {
        if (!isChild(child)) {
            reply(exchange, 404, "'" + child + "' is not a child of node '" + node.id() + "'");
            return;
        }
        Path dir = node.acksFor(child);
        if (file == null) {
            reply(exchange, 200, String.join("\n", DirectoryTransport.readAcks(dir).keySet()));
        } else if (NAME.matcher(file).matches() && Files.isRegularFile(dir.resolve(file))) {
            byte[] bytes = Files.readAllBytes(dir.resolve(file));
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } else {
            reply(exchange, 404, "no acknowledgement " + file);
        }
    }

    private boolean isChild(String child) {
        return topology.contains(child) && node.id().equals(topology.get(child).parent());
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The child hung up mid-upload: it cannot read an answer any more. */
    private static void replyIfStillThere(HttpExchange exchange, int status, String text) {
        try {
            reply(exchange, status, text);
        } catch (IOException | RuntimeException gone) {
            // nothing to tell: the connection is closed
        }
    }

    /** Stops a runaway upload instead of filling the disk. */
    private static final class LimitedInput extends java.io.FilterInputStream {
        private final long limit;
        private long left;

        LimitedInput(InputStream in, long limit) {
            super(in);
            this.limit = limit;
            left = limit;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new TooLarge("package larger than " + limit + " bytes / 数据包过大");
            }
            return n;
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }
}
