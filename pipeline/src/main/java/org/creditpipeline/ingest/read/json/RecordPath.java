package org.creditpipeline.ingest.read.json;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Where the records sit in a JSON feed. {@code []}: the document is an array of records; {@code data[].result[]}:
 * the elements of each {@code result} array inside each element of the top-level {@code data} array; the empty path:
 * every top-level value is a record (JSON Lines, or a single object).
 *
 * @param fields the field name of each array on the way down; the first is null when the document itself is the array
 */
public record RecordPath(List<String> fields) {

    public static final RecordPath TOP_LEVEL_VALUES = new RecordPath(List.of());

    /** Minimum scalar fields for an object to count as a record when the path is detected. */
    public static final int MIN_RECORD_FIELDS = 3;

    public RecordPath {
        fields = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(fields));
    }

    /** Parses {@code []}, {@code data[].result[]} or the empty string. */
    public static RecordPath parse(String text) {
        if (text.isBlank()) {
            return TOP_LEVEL_VALUES;
        }
        String[] segments = text.trim().split("\\.");
        String[] fields = new String[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].trim();
            if (!segment.endsWith("[]") || (i > 0 && segment.length() == 2)) {
                throw new IllegalArgumentException("record path '" + text + "': every segment must be name[] (only"
                        + " the first may be [] alone), e.g. data[].result[]");
            }
            fields[i] = segment.length() == 2 ? null : segment.substring(0, segment.length() - 2);
        }
        return new RecordPath(Arrays.asList(fields));
    }

    public boolean topLevelValues() {
        return fields.isEmpty();
    }

    @Override
    public String toString() {
        if (fields.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String field : fields) {
            if (text.length() > 0) {
                text.append('.');
            }
            text.append(field == null ? "" : field).append("[]");
        }
        return text.toString();
    }

    /**
     * Finds the records by streaming until the first record has been seen: they are the elements of the first array
     * whose first element is an object with at least {@value #MIN_RECORD_FIELDS} scalar fields (the innermost such
     * array, so a wrapper object with a few status fields around the record array is not taken for a record). A
     * top-level object without such an array is itself a record (JSON Lines). Returns null when nothing qualifies.
     */
    static RecordPath detect(JsonParser parser) {
        Deque<Frame> stack = new ArrayDeque<>();
        for (JsonToken token; (token = parser.nextToken()) != null; ) {
            Frame parent = stack.peek();
            switch (token) {
                case PROPERTY_NAME -> {
                    continue;
                }
                case START_ARRAY, START_OBJECT -> {
                    boolean array = token == JsonToken.START_ARRAY;
                    String path = null; // the path of this array, or the prefix for arrays in this object
                    boolean candidate = false;
                    if (parent == null) {
                        path = array ? "[]" : "";
                    } else if (parent.array) {
                        path = array ? null : parent.path;
                        candidate = !array && parent.elements == 0 && parent.path != null;
                        parent.elements++;
                    } else if (array && parent.path != null) {
                        path = (parent.path.isEmpty() ? "" : parent.path + ".") + parser.currentName() + "[]";
                    }
                    stack.push(new Frame(array, path, candidate, parent == null));
                }
                case END_ARRAY -> stack.pop();
                case END_OBJECT -> {
                    Frame done = stack.pop();
                    if (done.candidate && done.scalars >= MIN_RECORD_FIELDS) {
                        return parse(done.path);
                    }
                    if (done.root) {
                        return done.scalars >= MIN_RECORD_FIELDS ? TOP_LEVEL_VALUES : null;
                    }
                }
                default -> {
                    if (parent == null) {
                        return null; // a bare scalar document
                    }
                    if (parent.array) {
                        parent.elements++;
                    } else {
                        parent.scalars++;
                    }
                }
            }
        }
        return null;
    }

    private static final class Frame {
        final boolean array;
        final String path;
        final boolean candidate;
        final boolean root;
        int elements;
        int scalars;

        Frame(boolean array, String path, boolean candidate, boolean root) {
            this.array = array;
            this.path = path;
            this.candidate = candidate;
            this.root = root;
        }
    }
}
