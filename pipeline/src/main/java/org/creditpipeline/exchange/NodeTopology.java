package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private final Map<String, NodeConfig> nodes;
    private final Path directory;

    private NodeTopology(Map<String, NodeConfig> nodes, Path directory) {
        this.nodes = nodes;
        this.directory = directory;
    }

    public static NodeTopology load(Path directory, Path home) {
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
                NodeConfig node = parse(file, doc, home);
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

    private static NodeConfig parse(Path file, JsonNode doc, Path home) {
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
        String token = text(file, doc, "token", transport == NodeConfig.Transport.HTTP);
        String key = text(file, doc, "key", !national);
        if (key != null && key.length() < 16) {
            throw new IllegalStateException("node " + file + ": key 'key' must be at least 16 characters (it is the"
                    + " HMAC key shared with the parent)");
        }
        return new NodeConfig(id, doc.path("name").asString(id), region, level, parent, transport, key,
                home.resolve(dir).normalize(), url, token);
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
