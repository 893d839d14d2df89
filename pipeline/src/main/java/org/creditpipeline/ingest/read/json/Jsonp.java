package org.creditpipeline.ingest.read.json;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSONP response saved as the file ({@code jQuery1123_456({"code": 0, "data": […]});}, as public credit sites
 * answer their pages' scripts): where the JSON inside the callback starts and ends, in bytes. Only for encodings in
 * which {@code (} and {@code )} are single bytes that occur nowhere else (UTF-8, GB18030).
 *
 * @param start the byte after {@code callback(}
 * @param end   the byte of the closing {@code )}
 */
record Jsonp(long start, long end) {

    /** A callback name, its opening bracket, then the JSON's first character. */
    private static final Pattern CALLBACK = Pattern.compile("^\\s*[A-Za-z_$][\\w$.]*\\s*\\(\\s*[\\[{]");
    private static final int TAIL_BYTES = 256;

    /** The JSON's bounds when the bytes from {@code from} (after any byte-order mark) are a JSONP call, else null. */
    static Jsonp find(Path file, long from) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] head = new byte[(int) Math.min(TAIL_BYTES, raf.length() - from)];
            raf.seek(from);
            raf.readFully(head);
            Matcher callback = CALLBACK.matcher(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (!callback.find()) {
                return null;
            }
            long start = from + callback.end() - 1;
            int tailLength = (int) Math.min(TAIL_BYTES, raf.length() - start);
            byte[] tail = new byte[tailLength];
            raf.seek(raf.length() - tailLength);
            raf.readFully(tail);
            for (int i = tailLength - 1; i >= 0; i--) {
                byte b = tail[i];
                if (b == ')') {
                    return new Jsonp(start, raf.length() - tailLength + i);
                } else if (b != ';' && b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return null;
                }
            }
            return null;
        }
    }

    /** The JSON inside the callback, from a stream positioned at the file's start. */
    InputStream json(InputStream file) throws IOException {
        file.skipNBytes(start);
        return new FilterInputStream(file) {
            private long left = end - start;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                left--;
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }
}
