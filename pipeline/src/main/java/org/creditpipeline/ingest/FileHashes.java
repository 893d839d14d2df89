package org.creditpipeline.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The SHA-256 of each file of one ingest run, computed in order on a thread of its own, so that a file's hash is ready
 * when the jobs before it end instead of being read between two jobs. A hash is used only when the file still has the
 * size and modification time it had when it was read; otherwise (or when reading it failed) the file is hashed again
 * when asked, so a file changed in the meantime, or an error, is seen exactly as without the head start.
 */
final class FileHashes implements AutoCloseable {

    private record Hashed(String sha256, long size, FileTime modified) {
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-hash");
        t.setDaemon(true);
        return t;
    });
    private final Map<Path, Future<Hashed>> hashes = new HashMap<>();

    FileHashes(List<Path> files) {
        for (Path file : files) {
            hashes.computeIfAbsent(file, f -> thread.submit(() -> hash(f)));
        }
    }

    /** The file's SHA-256 in lower-case hex, as {@link IngestService#sha256} computes it. */
    String sha256(Path file) throws IOException {
        Future<Hashed> ahead = hashes.remove(file);
        if (ahead != null) {
            try {
                Hashed h = ahead.get();
                if (h.size() == Files.size(file) && h.modified().equals(Files.getLastModifiedTime(file))) {
                    return h.sha256();
                }
            } catch (ExecutionException e) {
                // hashed again below, where the error reaches the caller as it would have without the head start
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while hashing " + file, e);
            }
        }
        return IngestService.sha256(file);
    }

    private static Hashed hash(Path file) throws IOException {
        long size = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        return new Hashed(IngestService.sha256(file), size, modified);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
