package org.creditpipeline.ingest;

import java.sql.SQLException;
import java.util.Arrays;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * A growing buffer of PostgreSQL COPY text format (tab-separated, {@code \N} for null, backslash escapes), encoded as
 * UTF-8 by hand straight into a byte array: this is the ingest's innermost loop, so no per-character locking
 * (ByteArrayOutputStream) and no intermediate strings.
 */
public final class CopyText {

    private byte[] buf = new byte[1 << 20];
    private int len;
    private boolean first = true;

    public void value(String s) {
        separator();
        if (s == null) {
            ensure(2);
            buf[len++] = '\\';
            buf[len++] = 'N';
            return;
        }
        writeEscaped(s);
    }

    public void value(Object o) {
        value(o == null ? null : o.toString());
    }

    public void value(long n) {
        separator();
        writeEscaped(Long.toString(n));
    }

    public void endRow() {
        ensure(1);
        buf[len++] = '\n';
        first = true;
    }

    public int size() {
        return len;
    }

    public void reset() {
        len = 0;
        first = true;
    }

    /** Sends the rows buffered so far into an open COPY and empties the buffer (call between rows). */
    public void sendTo(CopyIn copy) throws SQLException {
        if (len > 0) {
            copy.writeToCopy(buf, 0, len);
        }
        reset();
    }

    /** Sends the buffered rows through a COPY ... FROM STDIN and returns the number of rows the server took. */
    public long copy(CopyManager copyManager, String sql) throws SQLException {
        CopyIn copy = copyManager.copyIn(sql);
        try {
            copy.writeToCopy(buf, 0, len);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void separator() {
        if (!first) {
            ensure(1);
            buf[len++] = '\t';
        }
        first = false;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    private void writeEscaped(String s) {
        ensure(s.length() * 3 + 2);
        len = utf8(s, buf, len, true);
    }

    /**
     * Writes {@code s} as UTF-8 into {@code b} from {@code p} and returns the position after it; {@code b} must have
     * room for three bytes per char. U+0000 is dropped (PostgreSQL cannot store it in text) and a lone surrogate
     * becomes U+FFFD (PostgreSQL would refuse the whole COPY); with {@code copyTextEscapes}, backslash, tab, LF and CR
     * are escaped as the COPY text format needs. Shared with {@link CopyBinary}, whose text needs no escapes.
     */
    static int utf8(String s, byte[] b, int p, boolean copyTextEscapes) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (!copyTextEscapes || (c != '\\' && c >= 0x20)) {
                    if (c != 0) {
                        b[p++] = (byte) c;
                    }
                    continue;
                }
                switch (c) {
                    case '\\' -> { b[p++] = '\\'; b[p++] = '\\'; }
                    case '\t' -> { b[p++] = '\\'; b[p++] = 't'; }
                    case '\n' -> { b[p++] = '\\'; b[p++] = 'n'; }
                    case '\r' -> { b[p++] = '\\'; b[p++] = 'r'; }
                    case 0 -> { }
                    default -> b[p++] = (byte) c;
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = (byte) 0xEF;
                b[p++] = (byte) 0xBF;
                b[p++] = (byte) 0xBD;
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }
}
