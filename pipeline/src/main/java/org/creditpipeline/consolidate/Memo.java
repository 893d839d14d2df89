package org.creditpipeline.consolidate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Remembers the results of a pure string function for values that repeat across millions of rows (authority names,
 * work units), so that keying computes each one once. Bounded: when it holds {@code capacity} values it starts
 * afresh, so a column of unique values costs a look-up per row and no memory. Thread-safe.
 */
final class Memo implements UnaryOperator<String> {

    /** Stands for a null result (the map holds no nulls); compared by identity. */
    private static final String NONE = new String("");

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final UnaryOperator<String> function;
    private final int capacity;

    Memo(UnaryOperator<String> function, int capacity) {
        this.function = function;
        this.capacity = capacity;
    }

    @Override
    public String apply(String input) {
        if (input == null) {
            return function.apply(null);
        }
        String known = values.get(input);
        if (known != null) {
            return known == NONE ? null : known;
        }
        String result = function.apply(input);
        if (values.size() >= capacity) {
            values.clear();
        }
        values.put(input, result == null ? NONE : result);
        return result;
    }
}
