package org.creditpipeline.consolidate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Streams the rows of {@code COPY (query) TO STDOUT} (text format) one at a time: the fastest way to read a large
 * result from PostgreSQL, in bounded memory. Cells are strings, {@code null} for {@code \N}.
 */
final class CopyRows implements AutoCloseable {

    private final BufferedReader reader;
    private final String[] cells;

    CopyRows(Connection connection, String copyQuery, int columns) throws SQLException {
        PGCopyInputStream in = new PGCopyInputStream(connection.unwrap(PGConnection.class), copyQuery);
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.cells = new String[columns];
    }

    /** The next row's cells (the same array, overwritten), or null at the end. */
    String[] next() throws IOException {
        String line = reader.readLine();
        if (line == null) {
            return null;
        }
        int column = 0;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == '\t') {
                cells[column++] = cell(line, start, i);
                start = i + 1;
            }
        }
        if (column != cells.length) {
            throw new IllegalStateException("COPY row has " + column + " cells, expected " + cells.length);
        }
        return cells;
    }

    private static String cell(String line, int from, int to) {
        if (to - from == 2 && line.charAt(from) == '\\' && line.charAt(from + 1) == 'N') {
            return null;
        }
        int slash = line.indexOf('\\', from);
        if (slash < 0 || slash >= to) {
            return line.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char e = line.charAt(++i);
                b.append(switch (e) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> '\u000B';
                    default -> e;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
