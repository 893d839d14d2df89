package org.creditpipeline.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One CSV file being written: RFC 4180 quoting, CRLF line ends, and a data-row counter. Cells with leading or
 * trailing spaces are quoted too, so whitespace variants survive readers that trim unquoted cells.
 */
final class CsvSink implements Closeable {

    private static final int BUFFER_CHARS = 1 << 20;

    private final Writer out;
    private final int rowsAbove;
    private long dataRows;

    CsvSink(Path file, Charset charset, boolean bom, String[] header) throws IOException {
        this(file, charset, bom, null, header, BUFFER_CHARS);
    }

    /**
     * A file with a title line above the header when {@code title} is not null (the title in the first cell, the
     * other cells empty, as Excel saves a merged title row), written through a buffer of {@code bufferChars}: the
     * county lists keep many small files open at once.
     */
    CsvSink(Path file, Charset charset, boolean bom, String title, String[] header, int bufferChars)
            throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), charset.newEncoder()),
                bufferChars);
        if (bom) {
            out.write('\uFEFF');
        }
        if (title != null) {
            String[] titleRow = new String[header.length];
            titleRow[0] = title;
            writeRow(titleRow);
        }
        writeRow(header);
        rowsAbove = title == null ? 1 : 2;
        dataRows = 0;
    }

    /** Writes one data row and returns its 1-based spreadsheet row number (the header, and a title above it, count). */
    long writeDataRow(String[] cells) throws IOException {
        writeRow(cells);
        return dataRows + rowsAbove;
    }

    private void writeRow(String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            writeCell(cells[i]);
        }
        out.write("\r\n");
        dataRows++;
    }

    private void writeCell(String cell) throws IOException {
        if (cell == null || cell.isEmpty()) {
            return;
        }
        if (!needsQuotes(cell)) {
            out.write(cell);
            return;
        }
        out.write('"');
        int from = 0;
        for (int q = cell.indexOf('"'); q >= 0; q = cell.indexOf('"', q + 1)) {
            out.write(cell, from, q + 1 - from);
            out.write('"');
            from = q + 1;
        }
        out.write(cell, from, cell.length() - from);
        out.write('"');
    }

    private static boolean needsQuotes(String cell) {
        char first = cell.charAt(0);
        char last = cell.charAt(cell.length() - 1);
        if (Character.isWhitespace(first) || Character.isWhitespace(last) || Character.isSpaceChar(first)
                || Character.isSpaceChar(last)) {
            return true;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    long dataRows() {
        return dataRows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
