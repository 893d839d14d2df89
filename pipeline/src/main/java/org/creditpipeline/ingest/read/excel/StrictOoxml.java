package org.creditpipeline.ingest.read.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Workbooks saved as Excel's "Strict Open XML Spreadsheet" (ISO/IEC 29500 Strict): the same parts as an ordinary
 * (Transitional) .xlsx, but under {@code http://purl.oclc.org/ooxml/…} namespaces and relationship types, and with
 * dates as ISO 8601 text cells ({@code t="d"}). fastexcel knows only the Transitional names, so the workbook is read
 * from a temporary copy whose namespace URIs and relationship types are the Transitional ones and whose date cells are
 * text cells holding the same ISO text ({@link IsoDateCells}), which the date parser reads.
 *
 * <p>Only URIs inside tags are rewritten (attribute values: {@code xmlns} declarations, relationship {@code Type}s),
 * never cell text, so a cell that quotes such a URI keeps it.
 */
final class StrictOoxml {

    static final String STRICT_PREFIX = "http://purl.oclc.org/ooxml/";
    /** The spreadsheet namespace of Strict files (the test for one). */
    static final String SPREADSHEET_NAMESPACE = STRICT_PREFIX + "spreadsheetml/main";

    private static final String TRANSITIONAL_PREFIX = "http://schemas.openxmlformats.org/";
    /** Strict names whose Transitional form is not the general rule's ({@link #transitional}). */
    private static final Map<String, String> EXCEPTIONS = Map.of(
            STRICT_PREFIX + "officeDocument/relationships/extendedProperties",
            TRANSITIONAL_PREFIX + "officeDocument/2006/relationships/extended-properties",
            STRICT_PREFIX + "officeDocument/relationships/customProperties",
            TRANSITIONAL_PREFIX + "officeDocument/2006/relationships/custom-properties",
            STRICT_PREFIX + "officeDocument/extendedProperties",
            TRANSITIONAL_PREFIX + "officeDocument/2006/extended-properties",
            STRICT_PREFIX + "officeDocument/customProperties",
            TRANSITIONAL_PREFIX + "officeDocument/2006/custom-properties");
    /** Longest attribute value looked at; longer ones are copied as they are. */
    private static final int MAX_VALUE = 512;

    private StrictOoxml() {
    }

    /**
     * The Transitional name of a Strict one: {@code http://purl.oclc.org/ooxml/spreadsheetml/main} →
     * {@code http://schemas.openxmlformats.org/spreadsheetml/2006/main}, {@code …/ooxml/officeDocument/relationships/
     * worksheet} → {@code …/officeDocument/2006/relationships/worksheet}; anything else unchanged.
     */
    static String transitional(String uri) {
        if (!uri.startsWith(STRICT_PREFIX)) {
            return uri;
        }
        String exception = EXCEPTIONS.get(uri);
        if (exception != null) {
            return exception;
        }
        String rest = uri.substring(STRICT_PREFIX.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? uri : TRANSITIONAL_PREFIX + rest.substring(0, slash) + "/2006" + rest.substring(slash);
    }

    /** A temporary Transitional copy of a Strict workbook; the caller deletes it. */
    static Path rewrite(Path workbook) throws IOException {
        return WorkbookCopy.of(workbook, "credit-strict-", part -> part.endsWith(".xml") || part.endsWith(".rels"),
                (part, in, out) -> rewriteTags(in, out, part.startsWith("xl/worksheets/")));
    }

    /**
     * Copies XML, replacing Strict URIs in attribute values by their Transitional names and, in a worksheet, the ISO
     * date cell type {@code t="d"} by the text type {@code t="str"}.
     */
    static void rewriteTags(InputStream in, OutputStream out, boolean worksheet) throws IOException {
        boolean inTag = false;
        StringBuilder attribute = new StringBuilder();
        byte[] value = new byte[MAX_VALUE];
        for (int b; (b = in.read()) >= 0; ) {
            out.write(b);
            if (b == '<') {
                inTag = true;
                attribute.setLength(0);
            } else if (b == '>') {
                inTag = false;
            } else if (inTag && (b == '"' || b == '\'')) {
                int n = 0;
                int c;
                while ((c = in.read()) >= 0 && c != b && n < MAX_VALUE) {
                    value[n++] = (byte) c;
                }
                String text = new String(value, 0, n, StandardCharsets.UTF_8);
                if (n < MAX_VALUE) {
                    text = worksheet && text.equals("d") && attribute.toString().equals("t") ? "str" : transitional(text);
                }
                out.write(text.getBytes(StandardCharsets.UTF_8));
                // a value longer than any URI is copied through up to its closing quote
                while (c >= 0 && c != b) {
                    out.write(c);
                    c = in.read();
                }
                if (c >= 0) {
                    out.write(c);
                }
                attribute.setLength(0);
            } else if (inTag) {
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '=') {
                    if (b != '=') {
                        attribute.setLength(0);
                    }
                } else if (attribute.length() < 64) {
                    attribute.append((char) b);
                }
            }
        }
    }
}
