package org.creditpipeline.ingest.read.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.creditpipeline.ingest.read.FormRows;
import org.creditpipeline.ingest.read.HeaderLocator;
import org.creditpipeline.ingest.read.HeaderVocabulary;
import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;

/**
 * Streams a delimited text file with Commons CSV: encoding detected ({@link TextEncoding}); delimiter detected by
 * {@link CsvDelimiter} (Excel's {@code sep=;} first line, which is then skipped; else comma, tab, semicolon or vertical
 * bar from the first line that has any; the full-width comma when none of them is on any of the first lines); the
 * header is found among the first records by {@link HeaderLocator}, as in a workbook, and the records above it are
 * skipped as titles and reported. Row numbers are the file's record numbers
 * (title and {@code sep=} lines included), which is the line number a data officer sees when no cell spans lines.
 */
public class CsvSourceReader extends SourceReader {

    private TextEncoding encoding;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    /** Records read ahead while looking for the header that turned out to be data, handed out first. */
    private final Deque<CSVRecord> pending = new ArrayDeque<>();
    private HeaderVocabulary vocabulary = HeaderVocabulary.NONE;
    private SourceTable table;
    private int columns;
    private boolean replacementSeen;
    /** Whether a data row was handed out: example rows and the column-number line are only looked for before the first. */
    private boolean dataSeen;
    /** The serial-number columns ({@code 序号}), or null: see {@link FormRows#isSerialOnly}. */
    private boolean[] serialColumns;

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

    /** The headers the mappings know, to tell the header row from title and form lines above it. */
    public CsvSourceReader withVocabulary(HeaderVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        return this;
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
        CsvDelimiter.Found found = CsvDelimiter.detect(file, encoding);
        char delimiter = found.character();
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
        pending.clear();
        dataSeen = false;
        if (found.fromSepLine() && records.hasNext()) {
            records.next(); // the sep= line: a hint for Excel, not data
        }
        locateHeader();
    }

    /** Reads ahead over the first records, takes the header {@link HeaderLocator} picks and keeps the rest as data. */
    private void locateHeader() {
        List<CSVRecord> ahead = new ArrayList<>();
        List<HeaderLocator.Line> lines = new ArrayList<>();
        for (CSVRecord r; ahead.size() < HeaderLocator.MAX_SCAN_ROWS && (r = nextRecord()) != null; ) {
            ahead.add(r);
            List<String> cells = r.toList();
            lines.add(new HeaderLocator.Line(cells, HeaderLocator.textCells(cells)));
        }
        if (ahead.isEmpty()) {
            throw new UnreadableSourceException(sourceName + ": no header row, the file holds only blank lines (文件没有表头)");
        }
        // Without a recognisable header the first record is taken, so that the mapping's message names what it found.
        int header = Math.max(HeaderLocator.locate(lines, vocabulary), 0);
        List<String> top = lines.get(header).cells();
        int titles = header;
        if (header > 0 && ahead.get(header - 1).getRecordNumber() == ahead.get(header).getRecordNumber() - 1) {
            List<String> grouped = HeaderLocator.withGroupRow(lines.get(header - 1).cells(), top, vocabulary);
            if (grouped != null) {
                top = grouped;
                titles = header - 1;
            }
        }
        List<String> titleTexts = new ArrayList<>();
        for (int i = 0; i < titles; i++) {
            skipRow(sourceName, TITLE_ROWS, ahead.get(i).getRecordNumber(), lines.get(i).cells());
            titleTexts.add(SourceTable.titleText(lines.get(i).cells()));
        }
        if (titles == header && header + 1 < ahead.size()
                && ahead.get(header + 1).getRecordNumber() == ahead.get(header).getRecordNumber() + 1) {
            List<String> combined = HeaderLocator.withSubHeader(top, lines.get(header + 1).cells(), vocabulary);
            if (combined != null) {
                top = combined;
                header++;
            }
        }
        List<String> headers = HeaderLocator.headerCells(top);
        columns = headers.size();
        table = new SourceTable(sourceName, null, headers, ahead.get(header).getRecordNumber(), false, titleTexts);
        serialColumns = FormRows.serialColumns(headers);
        pending.addAll(ahead.subList(header + 1, ahead.size()));
    }

    /** The next non-blank record, read ahead ones first. */
    private CSVRecord nextNonBlank() {
        return pending.isEmpty() ? nextRecord() : pending.poll();
    }

    private CSVRecord nextRecord() {
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

    /** A record whose cells show nothing: empty, spaces, invisible characters (a DOS Ctrl-Z end mark, NBSP). */
    private static boolean isBlank(CSVRecord r) {
        for (int i = 0; i < r.size(); i++) {
            if (!org.creditpipeline.normalize.Text.isBlankText(r.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected SourceRow nextRow() {
        CSVRecord r = nextNonBlank();
        while (r != null) {
            if (FormRows.mayStartFooter(r) && FormRows.isFooter(r.toList())) {
                skipRow(sourceName, FOOTER_ROWS, r.getRecordNumber(), r.toList());
            } else if (!dataSeen && FormRows.isExample(r.toList())) {
                skipRow(sourceName, EXAMPLE_ROWS, r.getRecordNumber(), r.toList());
            } else if (!dataSeen && HeaderLocator.isHeaderLine(r.toList(), vocabulary)) {
                skipRow(sourceName, HEADER_LINE_ROWS, r.getRecordNumber(), r.toList());
            } else if (!dataSeen && FormRows.isInstructions(r.toList())) {
                skipRow(sourceName, INSTRUCTION_ROWS, r.getRecordNumber(), r.toList());
            } else if (!dataSeen && FormRows.isColumnNumbering(r.toList())) {
                skipRow(sourceName, COLUMN_NUMBER_ROWS, r.getRecordNumber(), r.toList());
            } else if (serialColumns != null && FormRows.isSerialOnly(r, serialColumns)) {
                skipRow(sourceName, SERIAL_ONLY_ROWS, r.getRecordNumber(), r.toList());
            } else {
                break;
            }
            r = nextNonBlank();
        }
        dataSeen = true;
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
            // the cells past the header are kept (the reject shows them as "column N"), blank trailing ones not
            size = used;
        }
        String[] cells = new String[Math.max(size, columns)];
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
        pending.clear();
        if (parser != null) {
            parser.close();
        }
    }

    /** The header, once open (for the mapping step). */
    public SourceTable table() {
        return table;
    }

}
