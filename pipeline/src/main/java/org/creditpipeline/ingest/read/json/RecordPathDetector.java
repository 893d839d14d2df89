package org.creditpipeline.ingest.read.json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Finds where the records of a JSON feed are, by streaming the start of the document (never building a tree). Every
 * array reachable through objects and arrays of objects is a candidate ({@code data.list[]}, {@code result.items[]},
 * {@code data[].result[]}, {@code []}), and so are the top-level objects themselves (JSON Lines); an element counts as
 * record-like when it is an object with at least {@value RecordPath#MIN_RECORD_FIELDS} scalar fields. The records are
 * the candidate whose elements carry the most keys a mapping knows (so an envelope's {@code code}, {@code msg},
 * {@code total} and a wrapper such as Baidu's {@code data[]} lose to the record array), then the one with the most
 * record-like elements, then the deepest. The scan stops after {@value #SAMPLE_RECORDS} record-like objects.
 */
final class RecordPathDetector {

    static final int SAMPLE_RECORDS = 1_000;

    /** A path that could hold the records, with what was seen of its elements. */
    record Candidate(String path, int depth, long records, int knownKeys, int shape) {
    }

    private final Predicate<String> knownKey;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    /** @param knownKey whether a key is one the mappings know (a header synonym); never null */
    RecordPathDetector(Predicate<String> knownKey) {
        this.knownKey = knownKey;
    }

    /**
     * The candidates seen, best first; empty when no record-like object was found. Broken JSON after some records ends
     * the scan with what was seen (the reading pass reports it with its record number); before any, it is thrown.
     */
    List<Candidate> detect(JsonParser parser) {
        try {
            scan(parser);
        } catch (JacksonException e) {
            if (tallies.values().stream().noneMatch(t -> t.records > 0)) {
                throw e;
            }
        }
        List<Candidate> found = new ArrayList<>();
        tallies.forEach((path, t) -> {
            if (t.records > 0) {
                found.add(new Candidate(path, t.depth, t.records, t.knownKeys, t.shape));
            }
        });
        found.sort(Comparator.comparingInt(Candidate::knownKeys).thenComparingLong(Candidate::records)
                .thenComparing(Comparator.comparingInt(Candidate::shape).reversed()).thenComparingInt(Candidate::depth)
                .reversed());
        return found;
    }

    /**
     * Whether another candidate holds the same objects as the chosen one, or objects inside its records, so that not
     * reading it loses nothing: an id-keyed object's members one by one ({@code {}} against {@code a1}, {@code a2}),
     * the single object behind {@code data} against {@code {}}, a record's own nested objects.
     */
    static boolean covers(Candidate best, Candidate other) {
        if (other.shape() == 0) {
            return false;
        }
        if (best.path().isEmpty() || other.path().startsWith(best.path() + ".")) {
            return true; // an object inside the records read
        }
        return best.shape() == 2 && other.shape() == 1 && membersOf(other.path()).equals(best.path())
                || best.shape() == 1 && other.shape() == 2 && membersOf(best.path()).equals(other.path());
    }

    /** The keyed-by-id candidate a by-name object path is a member of: {@code data.x} → {@code data{}}. */
    private static String membersOf(String path) {
        int dot = path.lastIndexOf('.');
        return (dot < 0 ? "" : path.substring(0, dot)) + "{}";
    }

    private void scan(JsonParser parser) {
        Deque<Frame> stack = new ArrayDeque<>();
        long seen = 0;
        for (JsonToken token; seen < SAMPLE_RECORDS && (token = parser.nextToken()) != null; ) {
            Frame parent = stack.peek();
            switch (token) {
                case PROPERTY_NAME -> {
                    if (parent.tally != null && knownKey.test(parser.currentName())) {
                        parent.known++;
                    }
                }
                case START_ARRAY, START_OBJECT -> {
                    boolean array = token == JsonToken.START_ARRAY;
                    String path = null;      // an array's own path, or the prefix of the arrays inside an object
                    Tally tally = null;      // for an element object: the candidate it is an element of
                    Tally member = null;     // for a member object: the keyed-by-id candidate of its parent
                    if (parent == null) {
                        path = array ? "[]" : "";
                        tally = array ? null : tally("", 0, 0);
                    } else if (parent.array) {
                        if (!array && parent.path != null) {
                            path = parent.path;
                            tally = tally(parent.path, stack.size(), 0);
                        }
                    } else if (parent.path != null) {
                        String name = parser.currentName();
                        path = (parent.path.isEmpty() ? "" : parent.path + ".") + name + (array ? "[]" : "");
                        if (!array) {
                            // A record wrapped one level ([].xzcf, an API's single data object), or one member of an
                            // object keyed by record id ({} / data{}: only an object reached by name has such members).
                            tally = tally(path, stack.size(), 1);
                            if (parent.path.isEmpty() || parent.tally != null && parent.tally.shape == 1) {
                                member = tally(parent.path.isEmpty() ? "{}" : parent.path + "{}", stack.size(), 2);
                            }
                        }
                    }
                    stack.push(new Frame(array, path, tally, member));
                }
                case END_ARRAY -> stack.pop();
                case END_OBJECT -> {
                    Frame done = stack.pop();
                    if (done.tally != null && done.scalars >= RecordPath.MIN_RECORD_FIELDS) {
                        done.tally.count(done.known);
                        if (done.member != null) {
                            done.member.count(done.known);
                        }
                        seen++;
                    }
                }
                default -> {
                    if (parent != null && !parent.array) {
                        parent.scalars++;
                    }
                }
            }
        }
    }

    private Tally tally(String path, int depth, int shape) {
        return tallies.computeIfAbsent(path, p -> new Tally(depth, shape));
    }

    private static final class Tally {
        final int depth;
        /** 0 elements of an array (or top-level values), 1 an object reached by name, 2 members keyed by id. */
        final int shape;
        long records;
        int knownKeys;

        Tally(int depth, int shape) {
            this.depth = depth;
            this.shape = shape;
        }

        void count(int known) {
            records++;
            knownKeys = Math.max(knownKeys, known);
        }
    }

    private static final class Frame {
        final boolean array;
        final String path;
        final Tally tally;
        final Tally member;
        int scalars;
        int known;

        Frame(boolean array, String path, Tally tally, Tally member) {
            this.array = array;
            this.path = path;
            this.tally = tally;
            this.member = member;
        }
    }
}
