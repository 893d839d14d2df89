package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node topology for tests, written into a folder of its own so that test nodes (prefix {@code prefix}) never share
 * schemas or exchange folders with the demo: two counties → a city → a province → national, with absolute exchange
 * directories under {@code root}, each set up with its marker as {@code exchange init} does.
 */
public final class TestNodes {

    private TestNodes() {
    }

    /** Writes {@code root/config/nodes/*.yaml}; returns the config dir. */
    public static Path write(Path root, String prefix, String nationalTransport) {
        Path config = root.resolve("config");
        Path nodes = config.resolve("nodes");
        try {
            Files.createDirectories(nodes);
            node(nodes, root, prefix + "county", "520102", "county", prefix + "city", null);
            node(nodes, root, prefix + "county2", "520103", "county", prefix + "city", null);
            node(nodes, root, prefix + "city", "520100", "city", prefix + "prov", null);
            node(nodes, root, prefix + "prov", "520000", "province", prefix + "nat", null);
            node(nodes, root, prefix + "nat", "000000", "national", null, nationalTransport);
            copyJobConfigs(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        initFolders(config);
        return config;
    }

    /** Creates every node's exchange folder with its marker (again, after a test removed the folders). */
    public static void initFolders(Path config) {
        NodeTopology.load(config.resolve("nodes"), config.getParent()).all().forEach(ExchangeFolder::init);
    }

    /**
     * Another deployment's copy of a config dir written by {@link #write} (the parent's copy of its children's node
     * files, say), which a test can change on its own; the exchange folders stay shared. Returns {@code to}.
     */
    public static Path copy(Path config, Path to) throws IOException {
        try (var files = Files.walk(config)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(config.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    /** The repository's job-configs except the nodes: mappings and the consolidation settings. */
    public static void copyJobConfigs(Path config) throws IOException {
        Path jobConfigs = Path.of("../job-configs");
        Files.createDirectories(config.resolve("mappings"));
        try (var files = Files.list(jobConfigs.resolve("mappings"))) {
            for (Path f : files.toList()) {
                Files.copy(f, config.resolve("mappings").resolve(f.getFileName()));
            }
        }
        try (var files = Files.list(jobConfigs)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, config.resolve(f.getFileName()));
            }
        }
    }

    private static void node(Path nodes, Path root, String id, String region, String level, String parent,
                             String transport) throws IOException {
        StringBuilder yaml = new StringBuilder("id: " + id + "\nregion: \"" + region + "\"\nlevel: " + level + "\n");
        yaml.append("directory: ").append(root.resolve("exchange").resolve(id).toAbsolutePath()).append('\n');
        if (parent != null) {
            yaml.append("parent: ").append(parent).append("\nkey: test-key-").append(id).append("-0123456789\n");
        }
        if (transport != null) {
            yaml.append("transport: ").append(transport).append('\n');
        }
        yaml.append("url: http://127.0.0.1:0/exchange\ntoken: test-token-").append(id).append('\n');
        Files.writeString(nodes.resolve(id + ".yaml"), yaml);
    }
}
