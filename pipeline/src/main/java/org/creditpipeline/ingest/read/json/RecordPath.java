package org.creditpipeline.ingest.read.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the records sit in a JSON feed, as the fields on the way down from the document. {@code []}: the document is
 * an array of records; {@code data[].result[]}: the elements of each {@code result} array inside each element of the
 * top-level {@code data} array; {@code data.list[]}: the {@code list} array inside the {@code data} object;
 * {@code {}} or {@code data{}}: every member value of an object keyed by record id ({@code {"1001": {…}, "1002": {…}}});
 * {@code [].xzcf}: the {@code xzcf} object inside each element (records wrapped one level); {@code data}: the one
 * record an API returns as the {@code data} object; the empty path: every top-level value is a record (JSON Lines, or a
 * single object). Found by {@link RecordPathDetector}.
 *
 * @param steps the fields on the way down; the first has no field when the document itself is the array or keyed object
 */
public record RecordPath(List<Step> steps) {

    public static final RecordPath TOP_LEVEL_VALUES = new RecordPath(List.of());

    /** Minimum scalar fields for an object to count as a record when the path is detected. */
    public static final int MIN_RECORD_FIELDS = 3;

    /** What a step's value is, and so what is visited inside it. */
    public enum Kind {
        /** {@code name[]}: an array, each element visited. */
        ARRAY("[]"),
        /** {@code name{}}: an object keyed by record id, each member value visited. */
        MEMBERS("{}"),
        /** {@code name}: an object, itself visited. */
        OBJECT("");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    /**
     * One field on the way down.
     *
     * @param field the property name, or null for the document itself (its array, or its members)
     * @param kind  what the value is
     */
    public record Step(String field, Kind kind) {

        /** An array step ({@code true}) or an object step ({@code false}). */
        public Step(String field, boolean array) {
            this(field, array ? Kind.ARRAY : Kind.OBJECT);
        }

        public boolean array() {
            return kind == Kind.ARRAY;
        }
    }

    public RecordPath {
        steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).field() == null && (i > 0 || steps.get(i).kind() == Kind.OBJECT)) {
                throw new IllegalArgumentException("record path: only the first step may be the document's own [] or {}: "
                        + steps);
            }
        }
    }

    /** Parses {@code []}, {@code data[].result[]}, {@code data.list[]}, {@code {}}, {@code [].xzcf}, {@code data} or "". */
    public static RecordPath parse(String text) {
        if (text.isBlank()) {
            return TOP_LEVEL_VALUES;
        }
        String[] segments = text.trim().split("\\.", -1);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].trim();
            Kind kind = segment.endsWith("[]") ? Kind.ARRAY : segment.endsWith("{}") ? Kind.MEMBERS : Kind.OBJECT;
            String field = segment.substring(0, segment.length() - kind.suffix.length());
            boolean root = i == 0 && field.isEmpty() && kind != Kind.OBJECT;
            if (field.isEmpty() && !root) {
                throw new IllegalArgumentException("record path '" + text + "': segments are name[] (an array), name{}"
                        + " (an object keyed by record id) or name (an object); only the first may be [] or {} alone,"
                        + " e.g. data[].result[], data.list[], {} or [].xzcf");
            }
            steps.add(new Step(root ? null : field, kind));
        }
        return new RecordPath(steps);
    }

    public boolean topLevelValues() {
        return steps.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            if (text.length() > 0) {
                text.append('.');
            }
            text.append(step.field() == null ? "" : step.field()).append(step.kind().suffix);
        }
        return text.toString();
    }
}
