package org.creditpipeline.housekeep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The removals of one kind of thing: deletes files and folders (in a dry run only counts them), counts files, bytes and
 * database rows, and keeps going past what cannot be deleted, noting why. Symbolic links are removed, never followed.
 */
final class Sweep {

    private final String kind;
    private final String rule;
    private final boolean dryRun;
    private long files;
    private long bytes;
    private long rows;
    private final Map<String, Long> tables = new LinkedHashMap<>();
    private long kept;
    private String keptReason;
    private final List<String> removed = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    Sweep(String kind, String rule, boolean dryRun) {
        this.kind = kind;
        this.rule = rule;
        this.dryRun = dryRun;
    }

    /** Removes a file, or a folder with everything in it; in a dry run counts what would go. */
    void remove(Path path) {
        long[] before = {files, bytes};
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!dryRun) {
                        Files.delete(file);
                    }
                    files++;
                    bytes += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    if (!dryRun) {
                        Files.delete(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            removed.add(path.toString());
        } catch (IOException | UncheckedIOException e) {
            errors.add("cannot remove " + path + ": " + e);
            if (before[0] != files) {
                removed.add(path + " (in part)");
            }
        }
    }

    /** Rows removed from a table, with their size. */
    void rows(String table, long count, long size) {
        if (count > 0) {
            tables.merge(table, count, Long::sum);
            rows += count;
            bytes += size;
        }
    }

    void kept(long count, String reason) {
        kept += count;
        keptReason = reason;
    }

    void error(String message) {
        errors.add(message);
    }

    HousekeepSummary.Kind summary() {
        return new HousekeepSummary.Kind(kind, rule, files, bytes, rows,
                Collections.unmodifiableMap(new LinkedHashMap<>(tables)), kept,
                kept == 0 ? null : keptReason, List.copyOf(removed), List.copyOf(errors));
    }

    /** The entries of a folder (none when it does not exist), sorted by name. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** When a file was last written; {@link Instant#MAX} when that cannot be read (it is then never old enough). */
    static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.MAX;
        }
    }
}
