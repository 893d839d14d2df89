package org.creditpipeline.ingest;

/**
 * Minimal JSON text for the two documents a rejected row is stored with (its original cells and its reasons), written
 * by hand because the ingest writes one per rejected row on its hottest thread, where an object mapper cost more per
 * row than everything else the writer did for it. Strings are escaped per RFC 8259; U+0000, which PostgreSQL's
 * {@code jsonb} refuses even escaped, is dropped, as {@link CopyText} drops it from plain text.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code s} as a JSON string literal, or {@code null}. */
    static void string(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                out.append(c);
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0 -> { }
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append('"');
    }

    /** Appends {@code "name":value} to an object (after a comma unless {@code first}). */
    static void field(StringBuilder out, String name, String value, boolean first) {
        if (!first) {
            out.append(',');
        }
        string(out, name);
        out.append(':');
        string(out, value);
    }
}
