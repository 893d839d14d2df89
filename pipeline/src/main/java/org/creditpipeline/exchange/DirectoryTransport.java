package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A shared folder (mounted exchange): packages are copied into the parent's {@code inbox/} under a temporary name and
 * renamed, so the parent never sees half a file; acknowledgements are read from the parent's {@code acks/<child>/}.
 * The parent's folder must carry its marker ({@link ExchangeFolder}): an unmounted share is never written to.
 */
final class DirectoryTransport implements Transport {

    @Override
    public void checkDestination(NodeConfig parent, NodeConfig child) {
        ExchangeFolder.check(parent, "push from node '" + child.id() + "' to node '" + parent.id() + "'");
    }

    @Override
    public void deliver(NodeConfig parent, NodeConfig child, Path packageFile) throws IOException {
        checkDestination(parent, child); // again for every package: a share can drop in the middle of a push
        Path inbox = parent.inbox();
        Files.createDirectories(inbox);
        Path target = inbox.resolve(packageFile.getFileName());
        store(packageFile, target);
    }

    /** Copies under a temporary name, then renames atomically (the same name again simply replaces the copy). */
    static void store(Path source, Path target) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Map<String, byte[]> acknowledgements(NodeConfig parent, NodeConfig child) throws IOException {
        return readAcks(parent.acksFor(child.id()));
    }

    static Map<String, byte[]> readAcks(Path dir) throws IOException {
        Map<String, byte[]> acks = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return acks;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                acks.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return acks;
    }
}
