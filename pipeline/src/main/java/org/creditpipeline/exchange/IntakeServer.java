package org.creditpipeline.exchange;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.creditpipeline.support.Failpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's HTTP intake: children {@code PUT} packages, which are stored in the node's inbox for {@code receive}, and
 * {@code GET} their acknowledgements, each on its own paths with its own bearer token ({@link IntakeAccess}). Storing
 * is atomic and idempotent: the same file again replaces an identical copy. Nothing is verified or applied here,
 * {@code receive} does that. Whatever a client sends, the intake answers it or closes it within the read timeout,
 * keeps nothing of a refused or broken upload, and logs every refusal with its reason, the client's address and the
 * child's name ({@link IntakeLimits}, {@link IntakeWorkers}).
 */
public final class IntakeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeServer.class);
    /** A child's id or a file name as the intake takes them: no '/', no '%', not '.' or '..' nor a hidden file. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");
    private static final Pattern PATH = Pattern.compile("(packages|acks)/([^/]*)(?:/([^/]*))?");
    /**
     * The copy of an upload being written: {@code .<file>.<pid>-<thread>.part} ({@code .<file>.<thread>.part} before
     * the process was named). Never a {@code *.zip}, so {@code receive} does not see it.
     */
    private static final Pattern PARTIAL = Pattern.compile("\\..+\\.zip\\.(?:(\\d+)-)?\\d+\\.part");

    private final NodeConfig node;
    private final NodeTopology topology;
    private final IntakeAccess access;
    private final IntakeLimits limits;
    private final HttpServer server;
    private final IntakeWorkers workers;
    private final RefusalListener refusals;

    /** Told of every refusal, besides the log ({@link IntakeRefusals} counts them for {@code overview}). */
    @FunctionalInterface
    public interface RefusalListener {
        /**
         * @param child   the child the request named, when it is a child of this node; else null
         * @param address the client's address and port
         */
        void refused(String child, int status, IntakeRefusals.Code code, String reason, String address);
    }

    private IntakeServer(NodeConfig node, NodeTopology topology, IntakeAccess access, IntakeLimits limits,
                         HttpServer server, RefusalListener refusals) {
        this.node = node;
        this.topology = topology;
        this.access = access;
        this.limits = limits;
        this.server = server;
        this.refusals = refusals;
        this.workers = new IntakeWorkers(node.id(), limits, this::answerTimeout);
    }

    /** Starts on the host and port of the node's url ({@code port} overrides it when not null; 0 picks a free one). */
    public static IntakeServer start(NodeConfig node, NodeTopology topology, Integer port) throws IOException {
        return start(node, topology, port, IntakeLimits.defaults());
    }

    public static IntakeServer start(NodeConfig node, NodeTopology topology, Integer port, IntakeLimits limits)
            throws IOException {
        return start(node, topology, port, limits, (child, status, code, reason, address) -> { });
    }

    public static IntakeServer start(NodeConfig node, NodeTopology topology, Integer port, IntakeLimits limits,
                                     RefusalListener refusals) throws IOException {
        if (node.url() == null) {
            throw new IllegalStateException("node '" + node.id() + "' has no url in its node file (job-configs/nodes/"
                    + node.id() + ".yaml): it cannot serve an intake endpoint; add 'url:' (where children send"
                    + " packages) and 'token:' (the bearer token they present; or a 'pushToken:' in each child's"
                    + " file) to it");
        }
        // every token is read here: one missing from the environment or its file fails before listening
        IntakeAccess access = IntakeAccess.of(node, topology);
        removeAbandoned(node, limits);
        URI uri = URI.create(node.url());
        HttpServer server = HttpServer.create(new InetSocketAddress(uri.getHost(),
                port != null ? port : uri.getPort()), 50);
        IntakeServer intake = new IntakeServer(node, topology, access, limits, server, refusals);
        String base = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
        server.createContext(base, intake::handle);
        server.setExecutor(intake.workers.executor());
        server.start();
        return intake;
    }

    /**
     * The partial copies of uploads an intake killed mid-upload left in the inbox (kill -9, a power cut: no finally
     * block ran), removed before listening: this machine's once their process is gone, one named before processes
     * were (no pid) once untouched for longer than the read timeout (no upload lives that long without a byte).
     * {@code receive} never takes them, but they would stay for good and be counted as packages needing someone.
     */
    static void removeAbandoned(NodeConfig node, IntakeLimits limits) throws IOException {
        if (!Files.isDirectory(node.inbox())) {
            return;
        }
        List<Path> partial;
        try (Stream<Path> files = Files.list(node.inbox())) {
            partial = files.filter(f -> PARTIAL.matcher(f.getFileName().toString()).matches()).toList();
        }
        java.time.Instant idle = java.time.Instant.now().minus(limits.readTimeout());
        for (Path p : partial) {
            Matcher m = PARTIAL.matcher(p.getFileName().toString());
            m.matches();
            boolean abandoned;
            try {
                abandoned = m.group(1) != null
                        ? !ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)
                        : Files.getLastModifiedTime(p).toInstant().isBefore(idle);
            } catch (NumberFormatException | IOException e) {
                continue;
            }
            if (abandoned) {
                log.info("intake of node '{}': removing {}, an upload left unfinished by an intake that died",
                        node.id(), p);
                Files.deleteIfExists(p);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening; requests under way get a second to finish (the JDK server would wait that long anyway). */
    @Override
    public void close() {
        server.stop(workers.idle() ? 0 : 1);
        workers.close();
    }

    /** What a request asks for, once its path has the intake's shape. */
    private record Target(boolean packages, String child, String file) {
    }

    private void handle(HttpExchange exchange) {
        workers.entered(exchange);
        try {
            Target target = target(exchange);
            if (target == null) {
                return;
            }
            IntakeAccess.Presented presented = access.identify(exchange.getRequestHeaders().get("Authorization"));
            if (presented.nobody()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"credit-pipeline intake\"");
                refuse(exchange, 401, target.child(), IntakeRefusals.Code.TOKEN_INVALID, presented.problem() + " / 令牌无效");
            } else if (target.packages()) {
                receivePackage(exchange, presented, target.child(), target.file());
            } else {
                sendAcks(exchange, presented, target.child(), target.file());
            }
        } catch (IOException e) {
            // the connection failed (the client hung up while being answered, say): nobody to answer
            log.warn("intake of node '{}': {} {} from {} ended early: {}", node.id(), exchange.getRequestMethod(),
                    printable(exchange.getRequestURI().getRawPath()), remote(exchange), e.toString());
        } catch (RuntimeException e) {
            log.error("intake of node '{}' failed on {} {} from {}: {}", node.id(), exchange.getRequestMethod(),
                    printable(exchange.getRequestURI().getRawPath()), remote(exchange), e.toString());
            replyIfStillThere(exchange, 500, "intake failed: " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    /**
     * The request's target when its path is {@code packages/<child>/<file>} or {@code acks/<child>[/<file>]} under
     * the url, with safe names, and its method the one that path takes; else it is answered here and null returned.
     * The raw path is read, never a decoded one: {@code %2F} or {@code %2E%2E} are not names.
     */
    private Target target(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawPath();
        String base = exchange.getHttpContext().getPath();
        Matcher m = raw == null || !raw.startsWith(base) ? null : PATH.matcher(raw.substring(base.length()));
        if (m == null || !m.matches() || (m.group(1).equals("packages") && m.group(3) == null)) {
            refuse(exchange, 404, null, IntakeRefusals.Code.NO_SUCH_ENDPOINT, "no such endpoint: " + exchange.getRequestMethod() + " " + printable(raw)
                    + " (PUT packages/<child>/<file>.zip, GET acks/<child>[/<file>])");
            return null;
        }
        boolean packages = m.group(1).equals("packages");
        String child = m.group(2);
        String file = m.group(3);
        if (!NAME.matcher(child).matches() || (file != null && !NAME.matcher(file).matches())) {
            refuse(exchange, 400, null, IntakeRefusals.Code.UNSAFE_NAME, "'" + printable(raw.substring(base.length())) + "': a node id and a file name"
                    + " are letters, digits, '_', '-' and '.', not starting with '.' / 路径无效");
            return null;
        }
        String allowed = packages ? "PUT" : "GET";
        if (!exchange.getRequestMethod().equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            refuse(exchange, 405, child, IntakeRefusals.Code.METHOD_NOT_ALLOWED, exchange.getRequestMethod() + " is not allowed here, only " + allowed);
            return null;
        }
        return new Target(packages, child, file);
    }

    private void receivePackage(HttpExchange exchange, IntakeAccess.Presented presented, String child, String file)
            throws IOException {
        if (!isChild(child) || !file.startsWith(child + "-") || !file.endsWith(".zip")) {
            refuse(exchange, 400, child, IntakeRefusals.Code.NOT_A_CHILD_PACKAGE, "'" + child + "/" + file + "' is not a package of a child of node '"
                    + node.id() + "'");
            return;
        }
        String refusal = access.refusal(presented, child);
        if (refusal != null) {
            refuse(exchange, 403, child, IntakeRefusals.Code.TOKEN_OF_ANOTHER_NODE, refusal);
            return;
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.strip().matches("\\d{1,18}")
                && Long.parseLong(declared.strip()) > limits.maxPackageBytes()) {
            refuse(exchange, 413, child, IntakeRefusals.Code.TOO_LARGE, "package larger than " + limits.maxPackageBytes() + " bytes / 数据包过大");
            return;
        }
        Files.createDirectories(node.inbox());
        Path partial = node.inbox().resolve("." + file + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + ".part");
        // A broken, stalled or runaway upload leaves nothing behind: the partial copy goes, only a whole body is
        // renamed in.
        IntakeWorkers.Upload upload = workers.upload(exchange);
        long n;
        try (InputStream in = new UploadInput(exchange.getRequestBody(), limits.maxPackageBytes(), workers)) {
            n = Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (!upload.finish()) {
                endTimedOut(exchange);
                Files.deleteIfExists(partial);
                return; // stalled: the watchdog answered 408 and logged it
            }
            Files.deleteIfExists(partial);
            if (e instanceof TooLarge) {
                refuse(exchange, 413, child, IntakeRefusals.Code.TOO_LARGE, e.getMessage());
            } else {
                log.warn("intake of node '{}' refused PUT {} from {} (node '{}'): 400 upload incomplete, nothing"
                        + " stored: {}", node.id(), printable(exchange.getRequestURI().getRawPath()), remote(exchange),
                        child, e.toString());
                tell(child, 400, IntakeRefusals.Code.UPLOAD_INCOMPLETE, "upload incomplete: " + e, exchange);
                replyIfStillThere(exchange, 400, "upload incomplete, nothing stored: " + e.getMessage());
            }
            return;
        }
        if (!upload.finish()) {
            endTimedOut(exchange);
            Files.deleteIfExists(partial);
            return;
        }
        workers.progress(); // the body is whole: storing it starts the timeout again
        Failpoints.reach("intake.after-partial"); // the body in the partial copy, not renamed in
        if (n == 0) {
            Files.deleteIfExists(partial);
            refuse(exchange, 400, child, IntakeRefusals.Code.EMPTY_PACKAGE, "empty package");
            return;
        }
        try {
            Files.move(partial, node.inbox().resolve(file), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            log.error("intake of node '{}' cannot store {} in {}: {}", node.id(), file, node.inbox(), e.toString());
            reply(exchange, 500, "the intake cannot store the package, nothing stored; deliver it again later");
            return;
        }
        Failpoints.reach("intake.after-store"); // stored, the child not answered: it delivers again
        log.info("intake of node '{}' stored {} ({} bytes) from node '{}' at {}", node.id(), file, n, child,
                remote(exchange));
        reply(exchange, 201, "stored " + file + " in the inbox of node '" + node.id() + "'");
    }

    private void sendAcks(HttpExchange exchange, IntakeAccess.Presented presented, String child, String file)
            throws IOException {
        if (!isChild(child)) {
            refuse(exchange, 404, child, IntakeRefusals.Code.NOT_A_CHILD, "'" + child + "' is not a child of node '" + node.id() + "'");
            return;
        }
        String refusal = access.refusal(presented, child);
        if (refusal != null) {
            refuse(exchange, 403, child, IntakeRefusals.Code.TOKEN_OF_ANOTHER_NODE, refusal);
            return;
        }
        Path dir = node.acksFor(child);
        if (file == null) {
            reply(exchange, 200, String.join("\n", ackNames(dir)));
        } else if (Files.isRegularFile(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = Files.readAllBytes(dir.resolve(file));
            workers.progress();
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } else {
            reply(exchange, 404, "no acknowledgement " + file);
        }
    }

    private static List<String> ackNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    private boolean isChild(String child) {
        return topology.contains(child) && node.id().equals(topology.get(child).parent());
    }

    /** Answers a refusal and logs it for the operator: reason, client address, the child named (never the token). */
    private void refuse(HttpExchange exchange, int status, String child, IntakeRefusals.Code code, String reason)
            throws IOException {
        log.warn("intake of node '{}' refused {} {} from {}{}: {} {}", node.id(), exchange.getRequestMethod(),
                printable(exchange.getRequestURI().getRawPath()), remote(exchange),
                child == null ? "" : " (node '" + child + "')", status, reason);
        tell(child, status, code, reason, exchange);
        reply(exchange, status, reason);
    }

    /**
     * Tells the listener; a name that is not a child of this node is passed as none, so what a stranger writes in a
     * path never becomes a row of its own. The listener's failure never changes the answer.
     */
    private void tell(String child, int status, IntakeRefusals.Code code, String reason, HttpExchange exchange) {
        try {
            refusals.refused(child != null && isChild(child) ? child : null, status, code,
                    exchange.getRequestMethod() + " " + printable(exchange.getRequestURI().getRawPath()) + ": "
                            + reason, remote(exchange));
        } catch (RuntimeException e) {
            log.warn("intake of node '{}': the refusal could not be counted: {}", node.id(), e.toString());
        }
    }

    /**
     * Runs on the watchdog's thread while the upload's own is blocked reading: answers, and the watchdog then
     * interrupts that thread, which closes the connection. The answer's stream is not closed here: closing it reads
     * what is left of the request first, which is just what does not come.
     */
    private void answerTimeout(HttpExchange exchange) {
        Matcher m = PATH.matcher(exchange.getRequestURI().getRawPath().substring(
                Math.min(exchange.getHttpContext().getPath().length(), exchange.getRequestURI().getRawPath().length())));
        tell(m.matches() ? m.group(2) : null, 408, IntakeRefusals.Code.READ_TIMEOUT,
                "no byte of the package for " + limits.readTimeout().toSeconds() + " s", exchange);
        log.warn("intake of node '{}' refused {} {} from {}: 408 no byte of the package for {} s, nothing stored"
                + " (credit.exchange.intake-read-timeout-seconds)", node.id(), exchange.getRequestMethod(),
                printable(exchange.getRequestURI().getRawPath()), remote(exchange),
                Math.max(1, limits.readTimeout().toSeconds()));
        exchange.getResponseHeaders().set("Connection", "close");
        try {
            reply(exchange, 408, "no byte of the package for " + limits.readTimeout().toSeconds() + " s, nothing"
                    + " stored; deliver it again / 上传超时");
        } catch (IOException | RuntimeException gone) {
            // the client is gone: nobody to tell
        }
    }

    /**
     * On the upload's own thread, once the watchdog's interrupt ended its read: closing the answer the watchdog wrote
     * tells the JDK server that the exchange is over, so that it forgets the connection.
     */
    private static void endTimedOut(HttpExchange exchange) {
        Thread.interrupted();
        try {
            exchange.getResponseBody().close();
        } catch (IOException | RuntimeException closed) {
            // the connection is closed already: nothing more to end
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1); // a HEAD's answer has no body
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The child hung up mid-upload, or the answer was sent already: nobody to tell. */
    private static void replyIfStillThere(HttpExchange exchange, int status, String text) {
        try {
            reply(exchange, status, text);
        } catch (IOException | RuntimeException gone) {
            // nothing to tell: the connection is closed
        }
    }

    /** The client's address and port, for the log (a reverse proxy's, behind one). */
    static String remote(HttpExchange exchange) {
        InetSocketAddress a = exchange.getRemoteAddress();
        return a == null || a.getAddress() == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** A client's path as a log line may show it: printable ASCII only, at most 200 characters. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return s.length() > 200 ? b + "…" : b.toString();
    }

    /** Stops a runaway upload instead of filling the disk, and tells the watchdog that bytes still come. */
    private static final class UploadInput extends FilterInputStream {
        private final long limit;
        private final IntakeWorkers workers;
        private long left;

        UploadInput(InputStream in, long limit, IntakeWorkers workers) {
            super(in);
            this.limit = limit;
            this.workers = workers;
            left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                workers.progress();
                if ((left -= n) < 0) {
                    throw new TooLarge("package larger than " + limit + " bytes / 数据包过大");
                }
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
