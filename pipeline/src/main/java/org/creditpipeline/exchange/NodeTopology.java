package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.creditpipeline.YamlErrors;
import org.creditpipeline.normalize.RegionCodes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The nodes of {@code job-configs/nodes/*.yaml}, validated when loaded: an error names the file, the key and what was
 * expected. Checks the hierarchy too: each parent exists, is one level up and its region contains the child's.
 */
public final class NodeTopology {

    /** The shortest HMAC key accepted; production keys are 32 random characters or more. */
    static final int MIN_KEY = 16;
    private static final List<String> KEY_FIELDS = List.of("id", "key", "keyFile", "from", "retires");

    private final Map<String, NodeConfig> nodes;
    private final Path directory;

    private NodeTopology(Map<String, NodeConfig> nodes, Path directory) {
        this.nodes = nodes;
        this.directory = directory;
    }

    public static NodeTopology load(Path directory, Path home) {
        return load(directory, home, System::getenv);
    }

    /**
     * @param environment where {@code ${NAME}} in a node file's {@code key:}, {@code token:} or {@code pushToken:} is
     *                    looked up, when a command first needs that secret (the process environment; the Spring
     *                    environment, which holds it, in the application)
     */
    public static NodeTopology load(Path directory, Path home, Function<String, String> environment) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("node folder " + directory + " does not exist (set --config-dir or"
                    + " CREDIT_CONFIG_DIR to the job-configs folder, which must hold nodes/*.yaml)");
        }
        YAMLMapper yaml = YAMLMapper.builder().build();
        Map<String, NodeConfig> nodes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode doc;
                try {
                    doc = yaml.readTree(file.toFile());
                } catch (JacksonException e) {
                    throw new IllegalStateException("node " + file + " is not valid YAML: " + YamlErrors.describe(e),
                            e);
                }
                NodeConfig node = parse(file, doc, home, environment);
                if (nodes.put(node.id(), node) != null) {
                    throw new IllegalStateException("node " + file + ": id '" + node.id() + "' is configured twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NodeTopology topology = new NodeTopology(nodes, directory);
        nodes.values().forEach(n -> topology.checkParent(directory, n));
        return topology;
    }

    public NodeConfig get(String id) {
        NodeConfig node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("node '" + id + "' is not configured (there is no " + directory.resolve(
                    id + ".yaml") + "); known nodes: " + nodes.keySet() + ": give one with --node ID");
        }
        return node;
    }

    public boolean contains(String id) {
        return nodes.containsKey(id);
    }

    public NodeConfig parentOf(NodeConfig node) {
        if (node.parent() == null) {
            throw new IllegalArgumentException("node '" + node.id() + "' is the top of the hierarchy: it has no parent");
        }
        return get(node.parent());
    }

    public List<NodeConfig> childrenOf(String id) {
        return nodes.values().stream().filter(n -> id.equals(n.parent())).toList();
    }

    public List<NodeConfig> all() {
        return List.copyOf(nodes.values());
    }

    private static NodeConfig parse(Path file, JsonNode doc, Path home, Function<String, String> environment) {
        String id = text(file, doc, "id", true);
        String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!expected.equals(id)) {
            throw new IllegalStateException("node " + file + ": key 'id' is '" + id + "' but must equal the file name '"
                    + expected + "'");
        }
        NodeConfig.Level level = choice(file, NodeConfig.Level.class, "level", text(file, doc, "level", true));
        String region = text(file, doc, "region", true);
        boolean national = level == NodeConfig.Level.NATIONAL;
        if (national ? !region.equals("000000") : RegionCodes.level(region) == null) {
            throw new IllegalStateException("node " + file + ": key 'region' is '" + region + "', expected a GB/T 2260"
                    + " code of 6 digits (000000 for the national node)");
        }
        RegionCodes.Level shape = national ? null : RegionCodes.level(region);
        boolean fits = switch (level) {
            case COUNTY -> shape == RegionCodes.Level.COUNTY;
            case CITY -> shape == RegionCodes.Level.PREFECTURE;
            case PROVINCE -> shape == RegionCodes.Level.PROVINCE;
            case NATIONAL -> true;
        };
        if (!fits) {
            throw new IllegalStateException("node " + file + ": region " + region + " is not a "
                    + level.name().toLowerCase(Locale.ROOT) + " code (county XXXXXX, city XXXX00, province XX0000)");
        }
        String parent = text(file, doc, "parent", !national);
        NodeConfig.Transport transport = choice(file, NodeConfig.Transport.class, "transport",
                doc.path("transport").asString("directory"));
        String dir = doc.path("directory").asString("var/exchange/" + id);
        String url = text(file, doc, "url", transport == NodeConfig.Transport.HTTP);
        // not required with transport http: an intake whose children all have their own pushToken needs none, and
        // the intake (serve) and a child's push say which is missing when they need it
        Secret token = secret(file, doc, "token", "tokenFile", "", home, environment, 0, false);
        Secret previousToken = secret(file, doc, "previousToken", "previousTokenFile", "", home, environment, 0, false);
        if (previousToken != null && token == null) {
            throw new IllegalStateException("node " + file + ": 'previousToken' is the token the intake still accepts"
                    + " beside the current 'token', which is missing");
        }
        Secret pushToken = secret(file, doc, "pushToken", "pushTokenFile", "", home, environment, 0, false);
        Secret previousPushToken = secret(file, doc, "previousPushToken", "previousPushTokenFile", "", home,
                environment, 0, false);
        if (previousPushToken != null && pushToken == null) {
            throw new IllegalStateException("node " + file + ": 'previousPushToken' is the push token the parent's"
                    + " intake still accepts beside the current 'pushToken', which is missing");
        }
        if (pushToken != null && national) {
            throw new IllegalStateException("node " + file + ": 'pushToken' is the token a node presents to its"
                    + " parent's intake, and the national node has no parent");
        }
        NodeKeys keys = keys(file, doc, id, home, environment, !national);
        return new NodeConfig(id, doc.path("name").asString(id), region, level, parent, transport, keys,
                home.resolve(dir).normalize(), url, token, previousToken, pushToken, previousPushToken);
    }

    /**
     * The node's keys: {@code key:} or {@code keyFile:} (one key, id {@code keyId:} or 1), or a {@code keys:} list,
     * newest first, of {@code id}, {@code key} or {@code keyFile}, {@code from} and {@code retires}.
     */
    private static NodeKeys keys(Path file, JsonNode doc, String id, Path home, Function<String, String> environment,
                                 boolean required) {
        JsonNode list = doc.get("keys");
        boolean single = present(doc, "key") || present(doc, "keyFile");
        if (list == null || list.isNull()) {
            if (!single) {
                if (required) {
                    throw new IllegalStateException("node " + file + ": key 'key' is missing (the HMAC key shared"
                            + " with the parent: 'key:', 'keyFile:' or a 'keys:' list)");
                }
                return NodeKeys.none(id, file);
            }
            String keyId = doc.path("keyId").asString(NodeKeys.DEFAULT_ID).strip();
            Secret key = secret(file, doc, "key", "keyFile", "", home, environment, MIN_KEY, true);
            return new NodeKeys(id, file, List.of(new NodeKeys.Key(keyId, key, null, null)));
        }
        if (single) {
            throw new IllegalStateException("node " + file + ": give the key either by 'key:' / 'keyFile:' or by a"
                    + " 'keys:' list, not both");
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalStateException("node " + file + ": key 'keys' must be a list, newest first, of keys"
                    + " with 'id' and 'key' or 'keyFile' (and 'from', 'retires'; docs/EXCHANGE.md, Changing a key)");
        }
        List<NodeKeys.Key> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String where = "'keys' entry " + (i + 1);
            if (!entry.isObject()) {
                throw new IllegalStateException("node " + file + ": " + where + " must be a map with 'id' and 'key'"
                        + " or 'keyFile'");
            }
            for (String name : entry.propertyNames()) {
                if (!KEY_FIELDS.contains(name)) {
                    throw new IllegalStateException("node " + file + ": " + where + ": unknown key '" + name
                            + "', expected " + KEY_FIELDS);
                }
            }
            String keyId = text(file, entry, "id", false);
            if (keyId == null) {
                throw new IllegalStateException("node " + file + ": " + where + ": key 'id' is missing (the name"
                        + " packages and acknowledgements record, e.g. \"2027\")");
            }
            where = "'keys' entry '" + keyId + "'";
            if (keys.stream().anyMatch(k -> k.id().equals(keyId))) {
                throw new IllegalStateException("node " + file + ": key id '" + keyId + "' is listed twice");
            }
            LocalDate from = date(file, entry, "from", where);
            LocalDate retires = date(file, entry, "retires", where);
            if (from != null && retires != null && !from.isBefore(retires)) {
                throw new IllegalStateException("node " + file + ": " + where + ": 'from' " + from + " must be"
                        + " before 'retires' " + retires);
            }
            keys.add(new NodeKeys.Key(keyId, secret(file, entry, "key", "keyFile", where + ", ", home,
                    environment, MIN_KEY, true), from, retires));
        }
        return new NodeKeys(id, file, keys);
    }

    /**
     * {@code field: value} (or {@code ${NAME}}), or {@code fileField: path}; null when neither is given.
     *
     * @param where how an error names the map the fields are in: empty for the node file itself
     */
    private static Secret secret(Path file, JsonNode doc, String field, String fileField, String where, Path home,
                                 Function<String, String> environment, int minLength, boolean required) {
        String value = text(file, doc, field, false);
        String path = text(file, doc, fileField, false);
        if (value != null && path != null) {
            throw new IllegalStateException("node " + file + ": " + where + "give either '" + field + "' or '"
                    + fileField + "', not both");
        }
        if (path != null) {
            return Secret.file(file, where + "key '" + fileField + "'", home.resolve(path).normalize(), minLength);
        }
        if (value != null) {
            return Secret.parse(file, where + "key '" + field + "'", value, environment, minLength);
        }
        if (required) {
            throw new IllegalStateException("node " + file + ": " + where + "key '" + field + "' is missing (or '"
                    + fileField + "')");
        }
        return null;
    }

    private static boolean present(JsonNode doc, String key) {
        JsonNode v = doc.get(key);
        return v != null && !v.isNull();
    }

    private static LocalDate date(Path file, JsonNode doc, String key, String where) {
        String v = text(file, doc, key, false);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("node " + file + ": " + where + ": '" + key + "' is '" + v + "',"
                    + " expected a date YYYY-MM-DD");
        }
    }

    private void checkParent(Path directory, NodeConfig node) {
        if (node.parent() == null) {
            return;
        }
        NodeConfig parent = nodes.get(node.parent());
        if (parent == null) {
            throw new IllegalStateException("node " + directory.resolve(node.id() + ".yaml") + ": key 'parent' names '"
                    + node.parent() + "', which is not configured; known nodes: " + nodes.keySet());
        }
        if (parent.level().ordinal() != node.level().ordinal() + 1) {
            throw new IllegalStateException("node " + directory.resolve(node.id() + ".yaml") + ": parent '"
                    + parent.id() + "' is a " + parent.level() + " node; a " + node.level() + " reports to the level"
                    + " directly above");
        }
        if (!parent.covers(node.region())) {
            throw new IllegalStateException("node " + directory.resolve(node.id() + ".yaml") + ": region "
                    + node.region() + " lies outside its parent's region " + parent.region());
        }
    }

    private static String text(Path file, JsonNode doc, String key, boolean required) {
        JsonNode v = doc.get(key);
        if (v == null || v.isNull() || v.asString().isBlank()) {
            if (required) {
                throw new IllegalStateException("node " + file + ": key '" + key + "' is missing");
            }
            return null;
        }
        return v.asString().strip();
    }

    private static <E extends Enum<E>> E choice(Path file, Class<E> type, String key, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("node " + file + ": key '" + key + "' is '" + value + "', expected one of "
                    + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
        }
    }
}
