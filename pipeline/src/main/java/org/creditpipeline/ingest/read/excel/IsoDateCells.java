package org.creditpipeline.ingest.read.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Cells of ISO 8601 date type ({@code <c t="d"><v>2023-01-05T00:00:00</v></c>}), which the standard allows and
 * online form tools and SheetJS-based exports write, but fastexcel does not read ("Unknown cell type : d"). The
 * workbook is copied with those cells turned into text cells ({@code t="str"}) holding the same ISO text, which the
 * date parser reads. Only done for a workbook that has such cells, when fastexcel first meets one.
 */
final class IsoDateCells {

    private static final byte[] REPLACEMENT = " t=\"str\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private IsoDateCells() {
    }

    /** True for fastexcel's failure on a {@code t="d"} cell. */
    static boolean isIsoDateCellFailure(Throwable e) {
        return e instanceof IllegalStateException && e.getMessage() != null
                && e.getMessage().startsWith("Unknown cell type") && e.getMessage().endsWith(": d");
    }

    /** A temporary copy of the workbook whose worksheets have text cells where they had ISO date cells. */
    static Path rewrite(Path workbook) throws IOException {
        return WorkbookCopy.of(workbook, "credit-iso-dates-",
                part -> part.startsWith("xl/worksheets/") && part.endsWith(".xml"),
                (part, in, out) -> replaceDateType(in, out));
    }

    /**
     * Copies the bytes, writing {@code  t="str"} for each {@code  t="d"} (or {@code  t='d'}). In worksheet XML that
     * attribute only occurs on cells: text content would have its quotes escaped.
     */
    static void replaceDateType(InputStream in, OutputStream out) throws IOException {
        byte[] pending = new byte[6];
        int matched = 0;
        byte quote = 0;
        for (int b; (b = in.read()) >= 0; ) {
            boolean continues = switch (matched) {
                case 0 -> b == ' ';
                case 1 -> b == 't';
                case 2 -> b == '=';
                case 3 -> b == '"' || b == '\'';
                case 4 -> b == 'd';
                default -> b == quote;
            };
            if (continues) {
                if (matched == 3) {
                    quote = (byte) b;
                }
                pending[matched++] = (byte) b;
                if (matched == 6) {
                    out.write(REPLACEMENT);
                    matched = 0;
                }
                continue;
            }
            out.write(pending, 0, matched);
            if (b == ' ') {
                pending[0] = ' ';
                matched = 1;
            } else {
                matched = 0;
                out.write(b);
            }
        }
        out.write(pending, 0, matched);
    }
}
