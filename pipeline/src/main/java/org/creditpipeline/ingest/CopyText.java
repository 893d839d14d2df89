package org.creditpipeline.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A growing buffer of PostgreSQL COPY text format (tab-separated, {@code \N} for null, backslash escapes), encoded as
 * UTF-8 straight into bytes so that a chunk goes to the server in one write.
 */
final class CopyText {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    private boolean first = true;

    void value(String s) {
        separator();
        if (s == null) {
            out.write('\\');
            out.write('N');
            return;
        }
        writeEscaped(s);
    }

    void value(Object o) {
        value(o == null ? null : o.toString());
    }

    void value(long n) {
        separator();
        writeAscii(Long.toString(n));
    }

    void endRow() {
        out.write('\n');
        first = true;
    }

    int size() {
        return out.size();
    }

    void reset() {
        out.reset();
        first = true;
    }

    /** Sends the buffered rows through a COPY ... FROM STDIN and returns the number of rows the server took. */
    long copy(org.postgresql.copy.CopyManager copyManager, String sql) throws java.sql.SQLException {
        org.postgresql.copy.CopyIn copy = copyManager.copyIn(sql);
        try {
            byte[] bytes = out.toByteArray();
            copy.writeToCopy(bytes, 0, bytes.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void separator() {
        if (!first) {
            out.write('\t');
        }
        first = false;
    }

    private void writeAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    private void writeEscaped(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { out.write('\\'); out.write('\\'); }
                    case '\t' -> { out.write('\\'); out.write('t'); }
                    case '\n' -> { out.write('\\'); out.write('n'); }
                    case '\r' -> { out.write('\\'); out.write('r'); }
                    case 0 -> { }
                    default -> out.write(c);
                }
            } else {
                int end = i + 1;
                while (end < n && s.charAt(end) >= 0x80) {
                    end++;
                }
                byte[] bytes = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i = end - 1;
            }
        }
    }
}
