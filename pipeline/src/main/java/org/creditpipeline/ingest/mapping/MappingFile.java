package org.creditpipeline.ingest.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.creditpipeline.YamlErrors;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.SubjectKind;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads one mapping file of {@code job-configs/mappings/} and says what is wrong with it in an operator's words, with
 * the line: a key that does not exist (with the allowed keys and the closest one), a list written as text
 * ({@code headers: 姓名}), {@code values:} that is not a map, a field or key given twice (YAML would silently keep the
 * second), tab indentation, a missing or unknown {@code kind:}. The file is first read as a tree that knows the line of
 * every key and checked; only a file that passes is bound to {@link MappingConfig}. Every problem is an
 * {@link IllegalStateException} whose message starts {@code mapping FILE is not valid: line N: }.
 */
public final class MappingFile {

    /** The keys of a mapping, in the order the files use them. */
    static final List<String> KEYS = List.of("name", "title", "kind", "subjectKind", "kindWords", "fields");
    /** The keys of a field. */
    static final List<String> FIELD_KEYS = List.of("headers", "hinted", "keywords", "exclude", "required", "values",
            "choices", "separators", "requiredUnless", "requiredFor");
    private static final Set<String> TEXT_LISTS = Set.of("headers", "hinted", "exclude", "choices", "requiredUnless",
            "requiredFor");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Path file;

    private MappingFile(Path file) {
        this.file = file;
    }

    /** The mapping in {@code file}, checked; its name must be the file's. */
    public static MappingConfig read(Path file) {
        return new MappingFile(file).read();
    }

    private MappingConfig read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping " + file, e);
        }
        tabs(text);
        Node root;
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw invalid(null, "the file is empty; a mapping needs at least name:, kind: and fields:");
            }
            root = node(parser, "");
        } catch (JacksonException e) {
            throw invalid(null, problem(e));
        }
        check(root);
        try {
            return YAML.readValue(text, MappingConfig.class);
        } catch (JacksonException e) {
            throw invalid(null, problem(e));
        }
    }

    // ---------------------------------------------------------------------------------------------- the located tree

    /** A YAML value with the line it starts on; a map keeps each key's line. */
    private static final class Node {
        enum Type { MAP, LIST, TEXT, BOOLEAN, NULL }

        final Type type;
        final int line;
        String text;
        final Map<String, Node> entries = new LinkedHashMap<>();
        final Map<String, Integer> keyLines = new LinkedHashMap<>();
        final List<Node> items = new ArrayList<>();

        Node(Type type, int line) {
            this.type = type;
            this.line = line;
        }

        boolean scalar() {
            return type == Type.TEXT || type == Type.BOOLEAN;
        }

        /** How the value shows in a message: the text, or what it is. */
        String shown() {
            return switch (type) {
                case TEXT, BOOLEAN -> "the text '" + text + "'";
                case LIST -> "a list";
                case MAP -> "a map of keys";
                case NULL -> "nothing";
            };
        }
    }

    /** The value at the parser's current token, read to its end; a key given twice fails where it is. */
    private Node node(JsonParser parser, String path) {
        int line = line(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Node map = new Node(Node.Type.MAP, line);
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser.currentTokenLocation());
                    if (map.entries.containsKey(key)) {
                        throw invalid(keyLine, duplicate(path, key, map.keyLines.get(key), keyLine));
                    }
                    parser.nextToken();
                    map.keyLines.put(key, keyLine);
                    map.entries.put(key, node(parser, path.isEmpty() ? key : path + "." + key));
                }
                return map;
            }
            case START_ARRAY -> {
                Node list = new Node(Node.Type.LIST, line);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.items.add(node(parser, path + "[]"));
                }
                return list;
            }
            case VALUE_NULL -> {
                return new Node(Node.Type.NULL, line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                Node bool = new Node(Node.Type.BOOLEAN, line);
                bool.text = parser.getString();
                return bool;
            }
            default -> {
                Node scalar = new Node(Node.Type.TEXT, line);
                scalar.text = parser.getString();
                return scalar;
            }
        }
    }

    private static String duplicate(String path, String key, int first, int again) {
        String lines = first == again ? "twice on line " + first : "on lines " + first + " and " + again;
        String[] parts = path.split("\\.");
        if (path.isEmpty()) {
            return "key '" + key + "' is given " + lines + "; YAML would keep only the second: keep one";
        }
        if (path.equals("fields")) {
            return "field '" + key + "' is defined " + lines + "; YAML would silently keep only the second"
                    + " definition: merge the two into one";
        }
        if (parts.length == 2 && parts[0].equals("fields")) {
            return "key '" + key + "' of field '" + parts[1] + "' is given " + lines + "; YAML would keep only the"
                    + " second: merge them into one";
        }
        if (parts.length == 3 && parts[0].equals("fields") && parts[2].equals("values")) {
            return "the value '" + key + "' is listed " + lines + " in values: of field '" + parts[1] + "'; keep one";
        }
        return "key '" + key + "' is given " + lines + " under " + path + "; keep one";
    }

    /** YAML indents with spaces only; a tab in the indentation is the common way a hand-edited file breaks. */
    private void tabs(String text) {
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int j = 0;
            while (j < line.length() && (line.charAt(j) == ' ' || line.charAt(j) == '\t')) {
                j++;
            }
            if (line.substring(0, j).indexOf('\t') >= 0 && j < line.length() && line.charAt(j) != '#') {
                throw invalid(i + 1, "the line is indented with a tab; YAML indents with spaces only: replace the"
                        + " tabs with spaces (two per level, as in the other mappings)");
            }
        }
    }

    /** The parser's complaint, with a tab where none may stand said plainly. */
    private static String problem(JacksonException e) {
        String described = YamlErrors.describe(e);
        if (described.contains("(TAB)")) {
            String at = described.replaceFirst("^(line \\d+(, column \\d+)?).*", "$1");
            return (at.startsWith("line") ? at + ": " : "") + "a tab character where YAML allows none; use spaces";
        }
        if (described.endsWith("mapping values are not allowed here")) {
            return described + " (a key indented deeper than the key above it, or a value holding ': ' that needs"
                    + " quotes)";
        }
        return described;
    }

    // ---------------------------------------------------------------------------------------------------- the checks

    private void check(Node root) {
        if (root.type != Node.Type.MAP) {
            throw invalid(root.line, "a mapping is a list of keys (" + String.join(":, ", KEYS) + ":), one per line,"
                    + " but the file holds " + root.shown());
        }
        root.entries.forEach((key, value) -> {
            if (!KEYS.contains(key)) {
                int line = root.keyLines.get(key);
                if (CanonicalField.byName(key) != null) {
                    throw invalid(line, "'" + key + "' is a field, not a key of the mapping: indent it under"
                            + " fields:");
                }
                throw invalid(line, unknown("key", key, "", KEYS) + " The keys of a mapping: " + String.join(", ", KEYS)
                        + ".");
            }
        });
        String expectedName = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        Node name = root.entries.get("name");
        if (name == null || name.type == Node.Type.NULL) {
            throw invalid(name == null ? null : name.line, "key 'name' is missing: write name: " + expectedName
                    + " (the file's name without .yaml)");
        }
        if (!name.scalar() || !expectedName.equals(name.text)) {
            throw invalid(name.line, "key 'name' is " + (name.scalar() ? "'" + name.text + "'" : name.shown())
                    + " but must equal the file name '" + expectedName + "'");
        }
        checkKind(root);
        Node subjectKind = root.entries.get("subjectKind");
        if (subjectKind != null && subjectKind.type != Node.Type.NULL) {
            subjectKind(subjectKind, "subjectKind");
        }
        Node kindWords = root.entries.get("kindWords");
        if (kindWords != null) {
            textList(kindWords, "kindWords", "'kindWords'");
        }
        Node fields = root.entries.get("fields");
        if (fields == null || fields.type == Node.Type.NULL || (fields.type == Node.Type.MAP && fields.entries.isEmpty())) {
            throw invalid(fields == null ? null : fields.line, "key 'fields' is missing or empty: a mapping names"
                    + " the columns of at least one field, e.g. 'fields:', then '  subjectName:', then"
                    + " '    headers: [姓名]'");
        }
        if (fields.type != Node.Type.MAP) {
            throw invalid(fields.line, "'fields' must be a map of field name → its headers ('fields:', then '"
                    + "  subjectName:', then '    headers: [姓名]'), but it is " + fields.shown());
        }
        fields.entries.forEach((field, spec) -> checkField(field, fields.keyLines.get(field), spec));
        fields.entries.forEach((field, spec) -> checkConditions(field, spec, fields.entries.keySet()));
    }

    /** {@code requiredUnless: [fields]} names other fields of this mapping, {@code requiredFor:} subject kinds. */
    private void checkConditions(String field, Node spec, Set<String> fieldNames) {
        Node unless = spec.entries.get("requiredUnless");
        Node forKinds = spec.entries.get("requiredFor");
        Node required = spec.entries.get("required");
        boolean conditional = !empty(unless) || !empty(forKinds);
        if (conditional && required != null && "true".equals(required.text)) {
            throw invalid(required.line, "field '" + field + "' has 'required: true' and 'requiredUnless'/"
                    + "'requiredFor': use 'required' for a column every row must fill, or the conditions alone");
        }
        if (!empty(unless)) {
            for (Node other : unless.items) {
                if (other.text.equals(field) || !fieldNames.contains(other.text)) {
                    throw invalid(other.line, "key 'fields." + field + ".requiredUnless' names '" + other.text
                            + "', expected another field of this mapping: " + fieldNames);
                }
            }
        }
        if (!empty(forKinds)) {
            for (Node kind : forKinds.items) {
                subjectKind(kind, "fields." + field + ".requiredFor");
            }
        }
    }

    private void checkKind(Node root) {
        String kinds = Arrays.stream(RecordKind.values()).map(k -> k.name() + " (" + k.label() + ")")
                .collect(Collectors.joining(", "));
        Node kind = root.entries.get("kind");
        if (kind == null || kind.type == Node.Type.NULL) {
            throw invalid(kind == null ? null : kind.line, "key 'kind' is missing: it says what every row of the"
                    + " file is, one of " + kinds + " (the name or its Chinese label), e.g. kind: "
                    + RecordKind.ADMINISTRATIVE_PENALTY.name());
        }
        if (!kind.scalar()) {
            throw invalid(kind.line, "key 'kind' must be one record kind, but it is " + kind.shown() + "; one of "
                    + kinds);
        }
        if (RecordKind.fromText(kind.text) == null) {
            List<String> names = new ArrayList<>();
            for (RecordKind k : RecordKind.values()) {
                names.add(k.name());
            }
            String closest = closest(kind.text, names);
            throw invalid(kind.line, "kind '" + kind.text + "' is not a record kind" + (closest == null ? "."
                    : "; did you mean '" + closest + "'?") + " The kinds: " + kinds + " (the name or its Chinese"
                    + " label)");
        }
    }

    private void checkField(String field, int line, Node spec) {
        CanonicalField canonical = CanonicalField.byName(field);
        if (canonical == null) {
            if (FIELD_KEYS.contains(field)) {
                throw invalid(line, "'" + field + "' is a key of a field, not a field: indent it under the field it"
                        + " belongs to (e.g. under '  subjectName:')");
            }
            if (KEYS.contains(field)) {
                throw invalid(line, "'" + field + "' is a key of the mapping, not a field: write it at the start of"
                        + " the line, outside fields:");
            }
            throw invalid(line, unknown("field", field, "", Arrays.asList(CanonicalField.knownNames().split(", ")))
                    + " The fields a mapping can fill: "
                    + CanonicalField.knownNames() + " (docs/MAPPINGS.md).");
        }
        String of = " of field '" + field + "'";
        if (spec.type == Node.Type.NULL) {
            throw invalid(line, "field '" + field + "' needs 'headers' or 'keywords' (e.g. '    headers: [姓名]' on"
                    + " the next line)");
        }
        if (spec.type != Node.Type.MAP) {
            throw invalid(line, "field '" + field + "' must be a map of its keys (headers:, keywords:, required: …),"
                    + " but it is " + spec.shown() + ": write '    headers: " + (spec.type == Node.Type.LIST
                    ? bracketed(spec.items) : spec.type == Node.Type.TEXT ? "[" + spec.text + "]" : "[…]")
                    + "' on the next line, indented under '" + field + ":'");
        }
        spec.entries.forEach((key, value) -> {
            int keyLine = spec.keyLines.get(key);
            if (!FIELD_KEYS.contains(key)) {
                if (CanonicalField.byName(key) != null) {
                    throw invalid(keyLine, "'" + key + "' is a field, not a key" + of + ": indent it as far as '"
                            + field + "' (under fields:)");
                }
                throw invalid(keyLine, unknown("key", key, of.replace(" of", " in"), FIELD_KEYS) + " The keys of a"
                        + " field: " + String.join(", ", FIELD_KEYS) + ".");
            }
            String what = "'" + key + "'" + of;
            if (TEXT_LISTS.contains(key)) {
                textList(value, key, what);
            } else if (key.equals("keywords")) {
                keywords(value, what);
            } else if (key.equals("values")) {
                values(value, what, canonical == CanonicalField.SUBJECT_CATEGORY, field);
            } else if (key.equals("required")) {
                if (value.type != Node.Type.BOOLEAN && value.type != Node.Type.NULL) {
                    throw invalid(keyLine, what + " must be true or false, not " + value.shown());
                }
            } else if (key.equals("separators") && !value.scalar() && value.type != Node.Type.NULL) {
                throw invalid(keyLine, what + " must be the separating characters as one text (e.g. separators:"
                        + " \";；、\"), not " + value.shown());
            }
        });
        if (empty(spec.entries.get("headers")) && empty(spec.entries.get("keywords"))) {
            throw invalid(line, "field '" + field + "' needs 'headers' or 'keywords'");
        }
    }

    private static boolean empty(Node list) {
        return list == null || list.type == Node.Type.NULL || list.items.isEmpty();
    }

    /** {@code headers:}, {@code hinted:}, {@code exclude:}, {@code choices:}, {@code kindWords:}: a list of texts. */
    private void textList(Node value, String key, String what) {
        if (value.type == Node.Type.NULL) {
            return;
        }
        if (value.scalar()) {
            throw invalid(value.line, what + " is the text '" + value.text + "', not a list: write " + key + ": "
                    + "[" + String.join(", ", split(value.text)) + "] (square brackets, also for one)");
        }
        if (value.type == Node.Type.MAP) {
            throw invalid(value.line, what + " must be a list, e.g. " + key + ": [姓名, 当事人], but it is "
                    + value.shown() + " (a ':' inside a name needs quotes: \"名称：全称\")");
        }
        for (int i = 0; i < value.items.size(); i++) {
            Node item = value.items.get(i);
            if (!item.scalar()) {
                throw invalid(item.line, what + " must be a list of texts, but item " + (i + 1) + " is "
                        + item.shown());
            }
        }
    }

    /** {@code keywords:} a list of word lists, the words of one list all in one header. */
    private void keywords(Node value, String what) {
        if (value.type == Node.Type.NULL) {
            return;
        }
        String form = " (each inner list holds words that must all appear in one header: [[处罚, 机关]] is one"
                + " alternative, [[姓名], [名称]] two)";
        if (value.scalar()) {
            throw invalid(value.line, what + " is the text '" + value.text + "', not a list of word lists: write"
                    + " keywords: [[" + String.join("], [", split(value.text)) + "]]" + form);
        }
        if (value.type != Node.Type.LIST) {
            throw invalid(value.line, what + " must be a list of word lists, e.g. keywords: [[姓名]], but it is "
                    + value.shown());
        }
        if (!value.items.isEmpty() && value.items.stream().allMatch(Node::scalar)) {
            throw invalid(value.line, what + " is a list of words, but keywords are a list of word lists: write"
                    + " keywords: [[" + value.items.stream().map(n -> n.text).collect(Collectors.joining("], ["))
                    + "]]" + form);
        }
        for (Node alternative : value.items) {
            if (alternative.type != Node.Type.LIST || !alternative.items.stream().allMatch(Node::scalar)) {
                throw invalid(alternative.line, what + " must be a list of word lists, e.g. keywords: [[姓名]], but"
                        + " one of its items is " + alternative.shown() + form);
            }
        }
    }

    /** {@code values:} a map from what a cell says to the code stored. */
    private void values(Node value, String what, boolean subjectKinds, String field) {
        if (value.type == Node.Type.NULL) {
            return;
        }
        String example = subjectKinds ? "values: {法人及非法人组织: ENTERPRISE, 自然人: NATURAL_PERSON}"
                : "values: {警告: 警告, 罚款: 罚款}";
        if (value.type != Node.Type.MAP) {
            boolean dashed = value.type == Node.Type.LIST && !value.items.isEmpty()
                    && value.items.stream().allMatch(n -> n.type == Node.Type.MAP && n.entries.size() == 1);
            throw invalid(value.line, what + " must be a map from the text in a cell to the code stored, e.g. "
                    + example + ", but it is " + value.shown() + (dashed ? " of one-key maps: drop the dashes ('- ')"
                    : value.type == Node.Type.LIST ? ": a list says which texts, not what each stands for" : ""));
        }
        value.entries.forEach((text, code) -> {
            int line = value.keyLines.get(text);
            if (!code.scalar()) {
                throw invalid(line, what + ": the value '" + text + "' must stand for one code (" + example
                        + "), but it is " + code.shown());
            }
            if (subjectKinds) {
                subjectKind(code, "fields." + field + ".values." + text);
            }
        });
    }

    private void subjectKind(Node value, String key) {
        List<String> kinds = Arrays.stream(SubjectKind.values()).map(Enum::name).toList();
        if (!value.scalar() || !kinds.contains(value.text)) {
            String closest = value.scalar() ? closest(value.text, kinds) : null;
            throw invalid(value.line, "key '" + key + "' is " + (value.scalar() ? "'" + value.text + "'"
                    : value.shown()) + (closest == null ? "; expected" : "; did you mean '" + closest + "'? Expected")
                    + " one of " + Arrays.stream(SubjectKind.values()).map(k -> k.name() + " (" + k.label() + ")")
                    .collect(Collectors.joining(", ")));
        }
    }

    // ---------------------------------------------------------------------------------------------------- wording

    /** {@code unknown key 'requried' in field 'subjectName'; did you mean 'required'?} (ends a sentence). */
    private String unknown(String what, String name, String where, Collection<String> allowed) {
        String closest = closest(name, allowed);
        return "unknown " + what + " '" + name + "'" + where + (closest == null ? "." : "; did you mean '" + closest
                + "'?");
    }

    /**
     * The allowed name nearest to a mistyped one: the same but for case, else the fewest edits (at most a third of
     * its length, two for short names), also against the words of a compound name ({@code JUDGEMENT} →
     * {@code COURT_JUDGMENT}); null when none is near.
     */
    static String closest(String typed, Collection<String> allowed) {
        String t = typed.toLowerCase(Locale.ROOT).strip();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(t, c);
            for (String word : words(candidate)) {
                distance = Math.min(distance, distance(t, word) + 1);
            }
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, t.length() / 3) ? best : null;
    }

    /** The words of a compound name: {@code COURT_JUDGMENT} → court, judgment; {@code kindWords} → kind, words. */
    private static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        for (String part : name.split("_|(?<=[a-z])(?=[A-Z])")) {
            if (!part.isEmpty() && !part.equals(name)) {
                words.add(part.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The items a text meant as a list holds: {@code 姓名, 当事人} or {@code 姓名、当事人} → 姓名, 当事人. */
    private static List<String> split(String text) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : text.split("[,，、;；]")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items.isEmpty() ? List.of(text) : List.copyOf(items);
    }

    private static String bracketed(List<Node> items) {
        return "[" + items.stream().map(n -> n.scalar() ? n.text : "…").collect(Collectors.joining(", ")) + "]";
    }

    private static int line(TokenStreamLocation at) {
        return at == null ? 0 : at.getLineNr();
    }

    private IllegalStateException invalid(Integer line, String problem) {
        return new IllegalStateException("mapping " + file + " is not valid: "
                + (line == null || line < 1 || problem.startsWith("line ") ? "" : "line " + line + ": ") + problem);
    }
}
