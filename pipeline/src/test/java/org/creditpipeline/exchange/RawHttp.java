package org.creditpipeline.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A client that writes exactly the bytes a test gives it, as a broken or hostile one would: request lines an HTTP
 * library would refuse or normalise, bodies that stop half-way, headers that never end. Reads answers to the end.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    /** A connection that gives up reading after 20 s, so that a test never hangs on an intake that does not answer. */
    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** One request with {@code Connection: close}: its answer is read up to the end of the connection. */
    static Answer send(int port, String head, byte[] body) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            http.write(head + "Connection: close\r\n\r\n");
            http.write(body);
            return http.answer();
        }
    }

    RawHttp write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The interim answer of an {@code Expect: 100-continue}: its status line and the empty line after it. */
    String interim() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
    }

    /** Everything the server sends until it closes the connection; status 0 when it closed without an answer. */
    Answer answer() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (SocketException reset) {
            // closed by the server without reading what was sent: what arrived before counts
        }
        return new Answer(all.toString(StandardCharsets.UTF_8));
    }

    /**
     * True when the server closed this connection without an answer; false when it is open with nothing to read yet
     * (waits a tenth of a second). Only for a request whose answer has not begun.
     */
    boolean closedByServer() throws IOException {
        socket.setSoTimeout(100);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (SocketException reset) {
            return true;
        } finally {
            socket.setSoTimeout(20_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An answer as it came: status, headers and body in one text. */
    record Answer(String text) {

        int status() {
            return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : 0;
        }

        String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }

        /** The value of a header of the answer (case-insensitive name); null when absent. */
        String header(String name) {
            int end = text.indexOf("\r\n\r\n");
            for (String line : (end < 0 ? text : text.substring(0, end)).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }
}
