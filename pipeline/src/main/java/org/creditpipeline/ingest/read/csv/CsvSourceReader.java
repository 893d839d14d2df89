package org.creditpipeline.ingest.read.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;

/**
 * Streams a delimited text file with Commons CSV: encoding detected ({@link TextEncoding}), delimiter detected from the
 * header line (comma, tab, semicolon or vertical bar), the first non-blank record is the header. Row numbers are record
 * numbers counted from the header as row 1, which is the line number a data officer sees when no cell spans lines.
 */
public class CsvSourceReader extends SourceReader {

    private static final char[] DELIMITERS = {',', '\t', ';', '|'};

    private TextEncoding encoding;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private SourceTable table;
    private int columns;
    private boolean replacementSeen;

    /** A longer cell is cut and its row rejected (the same limit as spreadsheet cells). */
    private final long maxCellChars;
    /** Line on which the record being parsed started, for an unterminated quote. */
    private long recordStartLine;

    public CsvSourceReader(Path file, String sourceName) {
        this(file, sourceName, 32_767);
    }

    public CsvSourceReader(Path file, String sourceName, long maxCellChars) {
        super(file, sourceName);
        this.maxCellChars = maxCellChars;
    }

    @Override
    protected String formatName() {
        return "CSV";
    }

    @Override
    protected String encodingName() {
        return encoding == null ? null : encoding.describe();
    }

    @Override
    protected void openSource() throws IOException {
        if (Files.size(file) == 0) {
            throw new UnreadableSourceException(sourceName + ": the file is empty (文件为空)");
        }
        encoding = TextEncoding.detect(file);
        char delimiter = detectDelimiter();
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(encoding.bomBytes());
        // Undecodable bytes become U+FFFD and the row is rejected with a reason, instead of failing the whole file.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .get();
        parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        records = parser.iterator();
        CSVRecord header = nextNonBlank();
        if (header == null) {
            throw new UnreadableSourceException(sourceName + ": no header row, the file holds only blank lines (文件没有表头)");
        }
        List<String> headers = header.toList();
        while (!headers.isEmpty() && headers.get(headers.size() - 1).isBlank()) {
            headers = headers.subList(0, headers.size() - 1);
        }
        columns = headers.size();
        table = new SourceTable(sourceName, null, headers, header.getRecordNumber());
    }

    private char detectDelimiter() throws IOException {
        String first;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), encoding.charset()))) {
            first = r.readLine();
            while (first != null && first.isBlank()) {
                first = r.readLine();
            }
        }
        if (first == null) {
            return ',';
        }
        char best = ',';
        int bestCount = 0;
        for (char d : DELIMITERS) {
            int count = 0;
            boolean quoted = false;
            for (int i = 0; i < first.length(); i++) {
                char c = first.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == d && !quoted) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = d;
                bestCount = count;
            }
        }
        return best;
    }

    private CSVRecord nextNonBlank() {
        try {
            while (true) {
                recordStartLine = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord r = records.next();
                if (!isBlank(r)) {
                    return r;
                }
            }
            return null;
        } catch (UncheckedIOException e) {
            throw new UnreadableSourceException(sourceName + ": the record starting on line " + recordStartLine
                    + " cannot be parsed (" + e.getCause().getMessage() + "); a quoted cell opened there is probably"
                    + " never closed (第 " + recordStartLine + " 行起引号未闭合，请检查该行的双引号)", e);
        }
    }

    private static boolean isBlank(CSVRecord r) {
        for (int i = 0; i < r.size(); i++) {
            if (!r.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected SourceRow nextRow() {
        CSVRecord r = nextNonBlank();
        if (r == null) {
            return null;
        }
        int size = r.size();
        String problem = null;
        if (size > columns) {
            int used = size;
            while (used > columns && r.get(used - 1).isBlank()) {
                used--;
            }
            if (used > columns) {
                problem = "row has " + used + " cells but the header has " + columns + " columns (列数与表头不一致)";
            }
            size = columns;
        }
        String[] cells = new String[columns];
        for (int i = 0; i < size; i++) {
            String v = r.get(i);
            if (v.indexOf('\uFFFD') >= 0) {
                replacementSeen = true;
                problem = "row contains bytes that are not valid " + encoding.charset().name()
                        + " (mixed encodings?) (含无法识别的字符，可能混用了编码)";
            }
            if (v.length() > maxCellChars) {
                problem = "cell " + (i + 1) + " has " + v.length() + " characters, more than the limit of " + maxCellChars
                        + " (单元格内容超长)";
                v = v.substring(0, (int) maxCellChars);
            }
            cells[i] = v;
        }
        return new SourceRow(table, r.getRecordNumber(), cells, problem);
    }

    /** True when some row held undecodable bytes. */
    public boolean replacementSeen() {
        return replacementSeen;
    }

    @Override
    protected void closeSource() throws IOException {
        if (parser != null) {
            parser.close();
        }
    }

    /** The header, once open (for the mapping step). */
    public SourceTable table() {
        return table;
    }

}
