package org.creditpipeline.ingest.read.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the records sit in a JSON feed, as the fields on the way down from the document. {@code []}: the document is
 * an array of records; {@code data[].result[]}: the elements of each {@code result} array inside each element of the
 * top-level {@code data} array; {@code data.list[]}: the {@code list} array inside the {@code data} object; the empty
 * path: every top-level value is a record (JSON Lines, or a single object). Found by {@link RecordPathDetector}.
 *
 * @param steps the fields on the way down; the last is an array (the records); the first has no field when the
 *              document itself is the array
 */
public record RecordPath(List<Step> steps) {

    public static final RecordPath TOP_LEVEL_VALUES = new RecordPath(List.of());

    /** Minimum scalar fields for an object to count as a record when the path is detected. */
    public static final int MIN_RECORD_FIELDS = 3;

    /**
     * One field on the way down.
     *
     * @param field the property name, or null for the document's own array
     * @param array true when the value is an array (its object elements are searched further), false for an object
     */
    public record Step(String field, boolean array) {
    }

    public RecordPath {
        steps = List.copyOf(steps);
        if (!steps.isEmpty() && !steps.get(steps.size() - 1).array()) {
            throw new IllegalArgumentException("record path must end in an array: " + steps);
        }
    }

    /** Parses {@code []}, {@code data[].result[]}, {@code data.list[]} or the empty string. */
    public static RecordPath parse(String text) {
        if (text.isBlank()) {
            return TOP_LEVEL_VALUES;
        }
        String[] segments = text.trim().split("\\.", -1);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].trim();
            boolean array = segment.endsWith("[]");
            String field = array ? segment.substring(0, segment.length() - 2) : segment;
            boolean rootArray = i == 0 && field.isEmpty() && array;
            if ((field.isEmpty() && !rootArray) || (i == segments.length - 1 && !array)) {
                throw new IllegalArgumentException("record path '" + text + "': segments are name[] (an array) or"
                        + " name (an object), the last an array, only the first may be [] alone, e.g."
                        + " data[].result[] or data.list[]");
            }
            steps.add(new Step(rootArray ? null : field, array));
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
            text.append(step.field() == null ? "" : step.field()).append(step.array() ? "[]" : "");
        }
        return text.toString();
    }
}
