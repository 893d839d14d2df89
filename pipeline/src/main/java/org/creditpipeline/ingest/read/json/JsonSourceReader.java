package org.creditpipeline.ingest.read.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.creditpipeline.ingest.read.csv.TextEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Streams the records of a JSON feed, one object at a time, never as a whole tree: a top-level array of objects,
 * JSON Lines, or an API response with the records in a nested array at any depth ({@code data.list[]},
 * {@code data[].result[]}), keyed by id ({@code {}}), wrapped one level ({@code [].xzcf}), as JSON text in a field
 * ({@code {"d": "[…]"}}) or inside a JSONP callback (found by {@link RecordPathDetector}, or given as a
 * {@link RecordPath}); scalars beside the
 * array ({@code code}, {@code msg}, {@code total}) are envelope, not records. Each record is a row; the table's headers
 * are the keys of the first {@value #KEY_LOOKAHEAD} records (so a first record that omits a key, as serializers that drop
 * nulls do, does not hide the column), and a later record with keys the table lacks starts a new table whose headers
 * extend the previous ones. Encoding: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (GBK) when the bytes are
 * not UTF-8 ({@link TextEncoding}); undecodable bytes reject their record.
 */
public class JsonSourceReader extends SourceReader {

    /** How many records' keys make the first table's headers. */
    static final int KEY_LOOKAHEAD = 1_000;
    /** Envelope fields that state how many records the response holds. */
    private static final Set<String> TOTAL_FIELDS = Set.of("total", "totalCount", "total_count", "totalNum", "resNum");

    @Override
    protected String formatName() {
        return "JSON";
    }

    @Override
    protected String encodingName() {
        return encoding == null ? null : encoding.describe();
    }

    @Override
    protected List<String> warnings() {
        return warnings;
    }

    private static final Logger log = LoggerFactory.getLogger(JsonSourceReader.class);
    /**
     * Two slips of real exporters are read rather than failing the file: {@code NaN} (Python's json.dumps of a pandas
     * frame writes it for every empty cell; read as empty) and a comma after the last record (hand-edited files).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    private final RecordPath configuredPath;
    private final Predicate<String> knownKey;

    private RecordPath path;
    private TextEncoding encoding;
    private RecordCursor cursor;
    private long recordNumber;
    private boolean totalChecked;
    private SourceTable table;
    private Map<String, Integer> columns;
    /** Written on the read-ahead thread, published from the step's. */
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    /** The document when the feed holds its records as JSON text in a string field, else null. */
    private String embedded;
    /** Lines of the file before the current parser's input (JSON Lines read on after a broken line). */
    private long lineBase;
    /** Whether every record so far began and ended on one line. */
    private boolean oneRecordPerLine;
    /** Where the JSON is when the file is a JSONP call, else null. */
    private Jsonp jsonp;
    /**
     * What the feed says of its records besides their keys, for the kind hint: the keys wrapping them, innermost
     * first, then the envelope's text fields before and beside them (seen in the look-ahead).
     */
    private List<SourceTable.Label> labels = List.of();

    public JsonSourceReader(Path file) {
        this(file, file.getFileName().toString(), null, key -> false);
    }

    /**
     * @param recordPath where the records are, or null to find them (see {@link RecordPathDetector})
     * @param knownKey   whether a key is one a mapping knows, to tell the record array from envelope arrays
     */
    public JsonSourceReader(Path file, String sourceName, RecordPath recordPath, Predicate<String> knownKey) {
        super(file, sourceName);
        this.configuredPath = recordPath;
        this.knownKey = knownKey;
    }

    /** The record path in use, known after open. */
    public RecordPath recordPath() {
        return path;
    }

    @Override
    protected void openSource() throws Exception {
        recordNumber = 0;
        totalChecked = false;
        table = null;
        warnings.clear();
        embedded = null;
        lineBase = 0;
        oneRecordPerLine = true;
        encoding = TextEncoding.detect(file);
        jsonp = encoding.charset().equals(StandardCharsets.UTF_8) || encoding.charset().name().equals("GB18030")
                ? Jsonp.find(file, encoding.bomBytes()) : null;
        path = configuredPath != null ? configuredPath : detectPath();
        extendTable(lookAheadKeys());
        cursor = new RecordCursor(newParser(), path);
    }

    private JsonParser newParser() throws IOException {
        if (embedded != null) {
            return FACTORY.createParser(embedded);
        }
        InputStream in = Files.newInputStream(file);
        try {
            if (jsonp != null) {
                in = jsonp.json(in);
                return jacksonDecodes() ? FACTORY.createParser(in)
                        : FACTORY.createParser(new InputStreamReader(in, encoding.charset()));
            }
            if (jacksonDecodes()) {
                return FACTORY.createParser(in); // Jackson's own UTF-8 decoding (and BOM handling) is the fast path
            }
            in.skipNBytes(encoding.bomBytes());
            return FACTORY.createParser(new InputStreamReader(in, encoding.charset()));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** UTF-8 is decoded (strictly) by Jackson itself; other encodings through a decoder that replaces bad bytes. */
    private boolean jacksonDecodes() {
        return encoding.charset().equals(StandardCharsets.UTF_8);
    }

    private RecordPath detectPath() throws Exception {
        try (JsonParser detect = newParser()) {
            List<RecordPathDetector.Candidate> found = new RecordPathDetector(knownKey).detect(detect);
            if (found.isEmpty() || found.get(0).path().isEmpty() && found.get(0).records() == 1) {
                // nothing, or only the envelope itself ({"code": 200, "msg": "ok", "success": true, "data": "[…]"})
                List<RecordPathDetector.Candidate> inner = embeddedRecords();
                if (!inner.isEmpty() && (found.isEmpty() || inner.get(0).knownKeys() > found.get(0).knownKeys()
                        || inner.get(0).records() > found.get(0).records())) {
                    found = inner;
                } else {
                    embedded = null;
                }
            }
            String status = found.isEmpty() || found.get(0).path().isEmpty() && found.get(0).records() == 1
                    ? responseStatus() : null;
            if (found.isEmpty() || status != null && !status.isEmpty()) {
                throw new UnreadableSourceException(sourceName + ": no records found; expected an array of objects"
                        + " with at least " + RecordPath.MIN_RECORD_FIELDS + " fields, JSON Lines, or an API response"
                        + " holding such an array" + (status == null || status.isEmpty() ? ""
                        : "; the response says " + status) + " (未找到数据记录" + (status == null || status.isEmpty()
                        ? "" : "，接口返回：" + status) + ")");
            }
            RecordPathDetector.Candidate best = found.get(0);
            log.info("{}: records read {}", sourceName, best.path().isEmpty() ? "one object after the other (JSON Lines)"
                    : best.path().equals("[]") ? "from the top-level array" : "at '" + best.path() + "'");
            log.debug("{}: record path candidates {}", sourceName, found);
            for (RecordPathDetector.Candidate other : found.subList(1, found.size())) {
                if (other.knownKeys() >= RecordPath.MIN_RECORD_FIELDS && !best.path().startsWith(other.path())
                        && !RecordPathDetector.covers(best, other)) {
                    warnings.add("objects that look like records at '" + other.path() + "' were not read; the records"
                            + " were taken from '" + best.path() + "' (另有疑似数据记录未导入：" + other.path() + ")");
                }
            }
            return RecordPath.parse(best.path());
        } catch (JacksonException e) {
            throw broken(e, 1);
        }
    }

    /** How deep in the envelope a string holding the records as JSON text is looked for ({@code d}, {@code data.rows}). */
    private static final int EMBEDDED_DEPTH = 3;

    /**
     * Records serialized twice: the envelope's field holds them as JSON text ({@code {"d": "[{\"CF_WSH\": …}]"}} from
     * ASP.NET services, {@code "data": "[…]"} from Java ones). The first such string with records becomes the document
     * read; the whole string is held in memory, as the envelope's one value is.
     */
    private List<RecordPathDetector.Candidate> embeddedRecords() throws IOException {
        try (JsonParser outer = newParser()) {
            int depth = 0;
            for (JsonToken token; (token = outer.nextToken()) != null; ) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING && depth <= EMBEDDED_DEPTH
                        && outer.streamReadContext().inObject()) {
                    String text = outer.getString().strip();
                    if (text.startsWith("[") || text.startsWith("{")) {
                        List<RecordPathDetector.Candidate> found;
                        try (JsonParser inner = FACTORY.createParser(text)) {
                            found = new RecordPathDetector(knownKey).detect(inner);
                        } catch (JacksonException e) {
                            continue; // text that only looks like JSON
                        }
                        if (!found.isEmpty()) {
                            log.info("{}: records are JSON text in field '{}'", sourceName, outer.currentName());
                            embedded = text;
                            return found;
                        }
                    }
                }
            }
        } catch (JacksonException e) {
            // the outer document's own breakage is reported by the first scan
        }
        return List.of();
    }

    /** Fields of an API response's status, not of a record ({"code": "500", "msg": "系统繁忙", "success": false}). */
    private static final Set<String> STATUS_FIELDS = Set.of("code", "status", "msg", "message", "success", "error",
            "errcode", "errmsg", "errorcode", "errormessage", "resultcode", "resultmsg", "retcode", "retmsg", "state",
            "info", "timestamp", "total", "totalcount", "count");

    /**
     * The scalars of a document that is one object whose every field is a response status, as {@code code=500,
     * msg=系统繁忙}: an error or empty answer saved in place of the data. Empty when the object has other fields (it may
     * be a record), null when the document is not a single object.
     */
    private String responseStatus() throws IOException {
        try (JsonParser response = newParser()) {
            if (response.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            StringBuilder status = new StringBuilder();
            for (JsonToken token; (token = response.nextToken()) == JsonToken.PROPERTY_NAME; ) {
                String name = response.currentName();
                JsonToken value = response.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue; // "data": null says nothing either way
                } else if (value.isScalarValue()) {
                    if (!STATUS_FIELDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        return "";
                    }
                    status.append(status.isEmpty() ? "" : ", ").append(name).append('=').append(text(response));
                } else {
                    response.skipChildren();
                }
            }
            return response.nextToken() == null ? status.toString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * The keys of the first records, in order of first appearance; on the way, the {@link #labels} of the envelope
     * around them.
     */
    private List<String> lookAheadKeys() throws Exception {
        Set<String> keys = new LinkedHashSet<>();
        labels = new ArrayList<>();
        List<RecordPath.Step> steps = path.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            String field = steps.get(i).field();
            if (field != null && !field.isBlank()) {
                labels.add(new SourceTable.Label("JSON key '" + field + "' (JSON外层键名)", field));
            }
        }
        try (JsonParser ahead = newParser()) {
            RecordCursor records = new RecordCursor(ahead, path);
            records.envelopeTexts = labels;
            for (int i = 0; i < KEY_LOOKAHEAD && records.nextRecordStart(); i++) {
                for (JsonToken token; (token = ahead.nextToken()) != JsonToken.END_OBJECT; ) {
                    keys.add(ahead.currentName());
                    ahead.nextToken();
                    ahead.skipChildren();
                }
            }
        } catch (JacksonException | UnreadableSourceException e) {
            // The reading pass reports broken JSON with the record it is in, after handing out the records before it.
        }
        return new ArrayList<>(keys);
    }

    /** How many envelope texts are kept as labels, and how long one may be. */
    private static final int MAX_LABELS = 20;
    private static final int MAX_LABEL_CHARS = 200;

    @Override
    protected SourceRow nextRow() {
        long startLine = -1;
        try {
            if (cursor.nextRecordStart()) {
                startLine = lineBase + cursor.parser.currentTokenLocation().getLineNr();
                SourceRow row = readRecord();
                oneRecordPerLine &= lineBase + cursor.parser.currentLocation().getLineNr() == startLine;
                return row;
            }
            checkTotal();
            return null;
        } catch (JacksonException e) {
            if (jsonLines()) {
                return brokenLine(e, startLine >= 0 ? startLine : lineBase + e.getLocation().getLineNr());
            }
            throw broken(e, recordNumber + 1);
        }
    }

    /**
     * JSON Lines so far (every record read began and ended on its own line): a broken line is one broken record, not a
     * broken file. Encodings in which a byte 0x0A is always a line feed only.
     */
    private boolean jsonLines() {
        return path.topLevelValues() && oneRecordPerLine && recordNumber > 0 && embedded == null && jsonp == null
                && (jacksonDecodes() || encoding.charset().name().equals("GB18030"));
    }

    /** Rejects the broken line as a row of its own and goes on reading at the line after it. */
    private SourceRow brokenLine(JacksonException e, long line) {
        cursor.close();
        try {
            InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file));
            for (long feeds = 0; feeds < line; ) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                feeds += b == '\n' ? 1 : 0;
            }
            cursor = new RecordCursor(jacksonDecodes() ? FACTORY.createParser(in)
                    : FACTORY.createParser(new InputStreamReader(in, encoding.charset())), path);
        } catch (IOException io) {
            throw new UnreadableSourceException(sourceName + ": cannot be read again after line " + line, io);
        }
        lineBase = line;
        recordNumber++;
        log.warn("{}: broken JSON on line {}: {}", sourceName, line, e.getOriginalMessage());
        return new SourceRow(table, recordNumber, new String[table.headers().size()], "broken JSON on line " + line
                + ": " + e.getOriginalMessage() + "; the line was not read, the lines after it were (第 " + line
                + " 行 JSON 格式错误，该行未导入)");
    }

    /** A {@code total} in the envelope that disagrees with the records read is worth a look (or the response is a page). */
    private void checkTotal() {
        Long total = cursor.statedTotal();
        if (!totalChecked && total != null && total != recordNumber) {
            warnings.add("the response states " + total + " records but " + recordNumber + " were read (one page of"
                    + " a paged response, or records missing) (响应中的记录总数为 " + total + "，实际读取 " + recordNumber
                    + " 条)");
            log.warn("{}: {}", sourceName, warnings.get(warnings.size() - 1));
        }
        totalChecked = true;
    }

    /**
     * Follows a {@link RecordPath} through the token stream: inside objects it looks for the path's next field and skips
     * every other (envelope) value; inside the path's arrays it visits each element, inside an object keyed by record id
     * each member value. Several top-level values (JSON Lines of records, or of whole responses) are each followed in
     * turn.
     */
    private final class RecordCursor {

        private final JsonParser parser;
        private final List<RecordPath.Step> steps;
        /** Open containers on the path: step i's array or keyed object, or an object looking for step i's field. */
        private final Deque<Frame> stack = new ArrayDeque<>();
        /** Stated totals by depth; the deepest level that states one is compared. */
        private final Map<Integer, Long> totals = new HashMap<>();

        RecordCursor(JsonParser parser, RecordPath path) {
            this.parser = parser;
            this.steps = path.steps();
        }

        /** Moves to the START_OBJECT of the next record; false at the end. */
        boolean nextRecordStart() {
            while (true) {
                Frame top = stack.peek();
                JsonToken token = parser.nextToken();
                if (top == null) {
                    if (token == null) {
                        return false;
                    }
                    if (steps.isEmpty() && token == JsonToken.START_OBJECT) {
                        return true;
                    }
                    RecordPath.Kind root = steps.isEmpty() || steps.get(0).field() != null ? null : steps.get(0).kind();
                    if (root == RecordPath.Kind.ARRAY && token == JsonToken.START_ARRAY) {
                        stack.push(new Frame(Visit.ELEMENTS, 0));
                    } else if (root == RecordPath.Kind.MEMBERS && token == JsonToken.START_OBJECT) {
                        stack.push(new Frame(Visit.MEMBERS, 0));
                    } else if (root == null && !steps.isEmpty() && token == JsonToken.START_OBJECT) {
                        stack.push(new Frame(Visit.FIELD, 0));
                    } else {
                        parser.skipChildren(); // a top-level value off the path: not a record
                    }
                } else if (token == null) {
                    throw new UnreadableSourceException(sourceName + ": the file ends inside the data, after record "
                            + recordNumber + "; it is truncated (文件不完整)");
                } else if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
                    stack.pop();
                } else if (top.visit == Visit.ELEMENTS) {
                    if (element(token, top.step)) {
                        return true;
                    }
                } else if (top.visit == Visit.MEMBERS) {
                    if (element(parser.nextToken(), top.step)) {
                        return true;
                    }
                } else {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    RecordPath.Step want = steps.get(top.step);
                    boolean container = value == (want.array() ? JsonToken.START_ARRAY : JsonToken.START_OBJECT);
                    if (!name.equals(want.field()) || !container) {
                        envelope(name, value);
                        parser.skipChildren();
                    } else if (want.kind() == RecordPath.Kind.ARRAY) {
                        stack.push(new Frame(Visit.ELEMENTS, top.step));
                    } else if (want.kind() == RecordPath.Kind.MEMBERS) {
                        stack.push(new Frame(Visit.MEMBERS, top.step));
                    } else if (top.step == steps.size() - 1) {
                        return true; // the record is this object ([].xzcf, or an API's single data object)
                    } else {
                        stack.push(new Frame(Visit.FIELD, top.step + 1));
                    }
                }
            }
        }

        /** An element (or keyed member) of step i's container: a record at the last step, else followed further. */
        private boolean element(JsonToken token, int step) {
            if (token == JsonToken.START_OBJECT && step == steps.size() - 1) {
                return true;
            } else if (token == JsonToken.START_OBJECT) {
                stack.push(new Frame(Visit.FIELD, step + 1));
            } else {
                parser.skipChildren(); // scalars or nested arrays where objects are expected
            }
            return false;
        }

        /** Where the envelope's text fields are collected, or null (the reading pass). */
        List<SourceTable.Label> envelopeTexts;

        private void envelope(String name, JsonToken value) {
            if (envelopeTexts != null && value == JsonToken.VALUE_STRING && envelopeTexts.size() < MAX_LABELS) {
                String text = parser.getString().strip();
                if (!text.isEmpty() && text.length() <= MAX_LABEL_CHARS) {
                    envelopeTexts.add(new SourceTable.Label("JSON envelope field '" + name + "' = '" + text
                            + "' (JSON外层字段)", text));
                }
            }
            if (TOTAL_FIELDS.contains(name) && (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_STRING)) {
                String text = parser.getString();
                if (text != null && text.matches("\\d{1,15}")) {
                    totals.merge(stack.size(), Long.parseLong(text), Long::sum);
                }
            }
        }

        Long statedTotal() {
            return totals.isEmpty() ? null : totals.get(totals.keySet().stream().max(Integer::compare).orElseThrow());
        }

        void close() {
            parser.close();
        }
    }

    /** How a container on the path is visited. */
    private enum Visit {
        /** an array: each element */
        ELEMENTS,
        /** an object keyed by record id: each member value */
        MEMBERS,
        /** an object: the path's next field, skipping the others */
        FIELD
    }

    private record Frame(Visit visit, int step) {
    }

    private SourceRow readRecord() {
        JsonParser parser = cursor.parser;
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        String problem = null;
        for (JsonToken token; (token = parser.nextToken()) != JsonToken.END_OBJECT; ) {
            keys.add(parser.currentName());
            parser.nextToken();
            String value = text(parser);
            if (problem == null && value != null && value.indexOf('\uFFFD') >= 0 && !jacksonDecodes()) {
                problem = "record contains bytes that are not valid " + encoding.charset().name()
                        + " (mixed encodings?) (含无法识别的字符，可能混用了编码)";
            }
            values.add(value);
        }
        // One look-up per key: each key's column, or a new table when some key is new.
        int n = keys.size();
        int[] column = new int[n];
        boolean known = true;
        for (int i = 0; known && i < n; i++) {
            Integer at = columns.get(keys.get(i));
            known = at != null;
            column[i] = known ? at : -1;
        }
        if (!known) {
            log.info("{}: record {} brings new keys", sourceName, recordNumber + 1);
            extendTable(keys);
            for (int i = 0; i < n; i++) {
                column[i] = columns.get(keys.get(i));
            }
        }
        recordNumber++;
        String[] cells = new String[table.headers().size()];
        for (int i = 0; i < n; i++) {
            cells[column[i]] = values.get(i);
        }
        return new SourceRow(table, recordNumber, cells, problem);
    }

    private void extendTable(List<String> keys) {
        List<String> headers = new ArrayList<>(table == null ? List.of() : table.headers());
        for (String key : keys) {
            if (!headers.contains(key)) {
                headers.add(key);
            }
        }
        table = new SourceTable(sourceName, null, headers, 0, false, List.of(), labels);
        columns = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            columns.put(headers.get(i), i);
        }
    }

    /**
     * The current value as text: numbers as plain decimals without trailing zeros ({@code 1.0} as {@code 1}, as Excel
     * shows a whole number and as the text {@code "1"} of another feed reads: a code-list column such as
     * {@code "CF_XDR_LB": 1.0} is then the code 1), nested objects and arrays as compact JSON; {@code true} and
     * {@code false} as those words (no code list has them, so a boolean in a coded column is told as an unknown
     * value), {@code null} as an empty cell.
     */
    private static String text(JsonParser parser) {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NUMBER_INT -> parser.getText();
            case VALUE_NUMBER_FLOAT -> parser.isNaN() ? null : plain(parser.getDecimalValue());
            case START_OBJECT, START_ARRAY -> {
                StringWriter json = new StringWriter();
                try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), json)) {
                    generator.copyCurrentStructure(parser);
                }
                yield json.toString();
            }
            default -> dotNetDate(parser.getString());
        };
    }

    /** A decimal in plain notation without trailing zeros: 1.0 → 1, 2.50 → 2.5, 1e2 → 100, -0.0 → 0. */
    static String plain(java.math.BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** How .NET serializers (DataContractJsonSerializer, ASP.NET AJAX) write a date: {@code /Date(1570636800000+0800)/}. */
    private static final Pattern DOT_NET_DATE = Pattern.compile("/Date\\((-?\\d{1,15})(?:[+-]\\d{4})?\\)/");

    /**
     * A .NET date becomes its epoch milliseconds, which the date columns read as an instant in China's time zone; the
     * offset after them only says where it was displayed, the instant is the same.
     */
    private static String dotNetDate(String text) {
        if (text != null && text.startsWith("/Date(")) {
            Matcher date = DOT_NET_DATE.matcher(text);
            if (date.matches()) {
                return date.group(1);
            }
        }
        return text;
    }

    private UnreadableSourceException broken(JacksonException e, long record) {
        TokenStreamLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new UnreadableSourceException(sourceName + ": broken JSON at record " + record + where + ": "
                + e.getOriginalMessage() + " (JSON 格式错误，第 " + record + " 条记录"
                + (at == null ? "" : "，第 " + at.getLineNr() + " 行第 " + at.getColumnNr() + " 列")
                + "); the records before it were read", e);
    }

    @Override
    protected void closeSource() {
        if (cursor != null) {
            try {
                cursor.close();
            } finally {
                cursor = null;
            }
        }
    }
}
