package org.creditpipeline.ingest.read.json;

import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams the records of a JSON feed, one object at a time, never as a whole tree: a top-level array of objects,
 * JSON Lines, or an API response with the records in a nested array (found automatically, see
 * {@link RecordPath#detect}, or given as a {@link RecordPath}). Each record is a row; its keys are the table headers;
 * a record with keys the table lacks starts a new table whose headers extend the previous ones. Encoding: UTF-8 with or
 * without BOM (Jackson detects it).
 */
public class JsonSourceReader extends SourceReader {

    @Override
    protected String formatName() {
        return "JSON";
    }


    private static final Logger log = LoggerFactory.getLogger(JsonSourceReader.class);
    private static final JsonFactory FACTORY = new JsonFactory();

    private final RecordPath configuredPath;

    private RecordPath path;
    private InputStream in;
    private JsonParser parser;
    /** How many arrays of the path are open; equal to the path length inside the record array. */
    private int open;
    private boolean finished;
    private long recordNumber;
    private SourceTable table;
    private Map<String, Integer> columns;

    public JsonSourceReader(Path file) {
        this(file, file.getFileName().toString(), null);
    }

    /** @param recordPath where the records are, or null to find them (see {@link RecordPath#detect}) */
    public JsonSourceReader(Path file, String sourceName, RecordPath recordPath) {
        super(file, sourceName);
        this.configuredPath = recordPath;
    }

    /** The record path in use, known after open. */
    public RecordPath recordPath() {
        return path;
    }

    @Override
    protected void openSource() throws Exception {
        recordNumber = 0;
        table = null;
        open = 0;
        finished = false;
        path = configuredPath != null ? configuredPath : detectPath();
        in = Files.newInputStream(file);
        parser = FACTORY.createParser(in);
        if (!path.topLevelValues()) {
            enterRoot();
        }
    }

    private RecordPath detectPath() throws Exception {
        try (InputStream detectIn = Files.newInputStream(file); JsonParser detect = FACTORY.createParser(detectIn)) {
            RecordPath found = RecordPath.detect(detect);
            if (found == null) {
                throw new UnreadableSourceException(sourceName + ": no records found; expected an array of objects"
                        + " with at least " + RecordPath.MIN_RECORD_FIELDS + " fields, JSON Lines, or an API response"
                        + " holding such an array (未找到数据记录)");
            }
            log.info("{}: records at path '{}'", sourceName, found);
            return found;
        } catch (JacksonException e) {
            throw broken(e, 1);
        }
    }

    private void enterRoot() {
        JsonToken first = next();
        String rootField = path.fields().get(0);
        if (rootField == null ? first == JsonToken.START_ARRAY : first == JsonToken.START_OBJECT && findArray(rootField)) {
            open = 1;
        } else {
            finished = true;
            log.info("{}: record path '{}' not present; no records", sourceName, path);
        }
    }

    @Override
    protected SourceRow nextRow() {
        try {
            return nextRecordStart() ? readRecord() : null;
        } catch (JacksonException e) {
            throw broken(e, recordNumber + 1);
        }
    }

    /** Moves to the START_OBJECT of the next record; false at the end. */
    private boolean nextRecordStart() {
        while (!finished) {
            if (path.topLevelValues()) {
                JsonToken token = next();
                if (token == null) {
                    finished = true;
                } else if (token == JsonToken.START_OBJECT) {
                    return true;
                } else {
                    parser.skipChildren(); // a top-level value that is not an object: not a record
                }
                continue;
            }
            JsonToken token = next();
            if (token == JsonToken.END_ARRAY) {
                closeArray();
            } else if (token == JsonToken.START_OBJECT && open == path.fields().size()) {
                return true;
            } else if (token == JsonToken.START_OBJECT) {
                if (findArray(path.fields().get(open))) {
                    open++;
                }
            } else if (token == null) {
                throw new UnreadableSourceException(sourceName + ": the file ends inside the data, after record "
                        + recordNumber + "; it is truncated (文件不完整)");
            } else {
                parser.skipChildren(); // scalars or nested arrays where objects are expected
            }
        }
        return false;
    }

    /** Inside an object: consumes properties up to the array named {@code field} (true) or the object's end. */
    private boolean findArray(String field) {
        for (JsonToken token; (token = next()) != JsonToken.END_OBJECT; ) {
            if (token == null) {
                return false;
            }
            String name = parser.currentName();
            JsonToken value = next();
            if (value == JsonToken.START_ARRAY && field.equals(name)) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    /** An array of the path ended: go on with the rest of the object holding it, or finish at the top. */
    private void closeArray() {
        open--;
        if (open == 0) {
            finished = true;
            return;
        }
        for (JsonToken token; (token = next()) != JsonToken.END_OBJECT && token != null; ) {
            next();
            parser.skipChildren();
        }
    }

    private SourceRow readRecord() {
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (JsonToken token; (token = next()) != JsonToken.END_OBJECT; ) {
            keys.add(parser.currentName());
            next();
            values.add(text());
        }
        // One look-up per key: each key's column, or a new table when some key is new.
        int n = keys.size();
        int[] column = new int[n];
        boolean known = table != null;
        for (int i = 0; known && i < n; i++) {
            Integer at = columns.get(keys.get(i));
            known = at != null;
            column[i] = known ? at : -1;
        }
        if (!known) {
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
        return new SourceRow(table, recordNumber, cells);
    }

    private void extendTable(List<String> keys) {
        List<String> headers = new ArrayList<>(table == null ? List.of() : table.headers());
        for (String key : keys) {
            if (!headers.contains(key)) {
                headers.add(key);
            }
        }
        if (table != null) {
            log.info("{}: record {} brings new keys; table now has {} columns", sourceName, recordNumber + 1,
                    headers.size());
        }
        table = new SourceTable(sourceName, null, headers, 0);
        columns = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            columns.put(headers.get(i), i);
        }
    }

    /** The current value as text: numbers as plain decimals, nested objects and arrays as compact JSON. */
    private String text() {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NUMBER_INT -> parser.getText();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue().toPlainString();
            case START_OBJECT, START_ARRAY -> {
                StringWriter json = new StringWriter();
                try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), json)) {
                    generator.copyCurrentStructure(parser);
                }
                yield json.toString();
            }
            default -> parser.getString();
        };
    }

    private JsonToken next() {
        return parser.nextToken();
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
    protected void closeSource() throws Exception {
        try {
            if (parser != null) {
                parser.close();
            }
        } finally {
            parser = null;
            if (in != null) {
                in.close();
                in = null;
            }
        }
    }
}
