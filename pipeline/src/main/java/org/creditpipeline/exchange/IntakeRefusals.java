package org.creditpipeline.exchange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the intake refused, counted in table {@code intake_refusal} per day, child, status and {@link Code}, for
 * {@code overview} ({@code INTAKE_REFUSED}): a child whose pushes are turned away shows up without anyone reading
 * serve's log, which still has every refusal. Counts are kept in memory and written every few seconds and when the
 * intake closes, so a client hammering the intake costs no database write per request; a failed write keeps its counts
 * for the next one.
 */
public final class IntakeRefusals implements IntakeServer.RefusalListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeRefusals.class);
    private static final String UPSERT = """
            INSERT INTO intake_refusal (day, child, status, code, count, last_at, last_address, last_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, child, status, code) DO UPDATE
               SET count = intake_refusal.count + excluded.count,
                   last_at = greatest(intake_refusal.last_at, excluded.last_at),
                   last_address = excluded.last_address, last_reason = excluded.last_reason""";

    /** Why a request was refused: stable names for scripts and the overview, one per kind of refusal. */
    public enum Code {
        /** 401: no bearer token, or one that opens nothing here. */
        TOKEN_INVALID,
        /** 403: a valid token of another child (or the shared token where the child has its own). */
        TOKEN_OF_ANOTHER_NODE,
        /** 404: a path that is no endpoint of the intake. */
        NO_SUCH_ENDPOINT,
        /** 404: acknowledgements asked for a node that is not a child here. */
        NOT_A_CHILD,
        /** 400: a name with characters the intake does not take ({@code ..}, {@code %2F}, a hidden file). */
        UNSAFE_NAME,
        /** 405: another method than PUT for packages or GET for acknowledgements. */
        METHOD_NOT_ALLOWED,
        /** 400: a file that is not {@code <child>-….zip} of a child of this node. */
        NOT_A_CHILD_PACKAGE,
        /** 413: larger than the limit. */
        TOO_LARGE,
        /** 400: an empty body. */
        EMPTY_PACKAGE,
        /** 400: the client hung up or the body ended early. */
        UPLOAD_INCOMPLETE,
        /** 408: no byte for the read timeout. */
        READ_TIMEOUT
    }

    private record Key(LocalDate day, String child, int status, Code code) {
    }

    private static final class Tally {
        long count;
        Instant last;
        String address;
        String reason;
    }

    private final JdbcTemplate jdbc;
    private final ZoneId zone;
    private final ScheduledExecutorService flusher;
    private Map<Key, Tally> pending = new HashMap<>();

    /**
     * @param jdbc  the node's database (its schema)
     * @param every how often counts are written (seconds); 0 writes only on {@link #flush()} and {@link #close()}
     */
    public IntakeRefusals(JdbcTemplate jdbc, long every) {
        this.jdbc = jdbc;
        this.zone = ZoneId.systemDefault();
        if (every > 0) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "intake-refusals");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.SECONDS);
        } else {
            flusher = null;
        }
    }

    @Override
    public void refused(String child, int status, Code code, String reason, String address) {
        Instant now = Instant.now();
        Key key = new Key(LocalDate.ofInstant(now, zone), child == null ? "" : child, status, code);
        synchronized (this) {
            Tally t = pending.computeIfAbsent(key, k -> new Tally());
            t.count++;
            t.last = now;
            t.address = address;
            t.reason = reason == null || reason.length() <= 300 ? reason : reason.substring(0, 300) + "…";
        }
    }

    /** Writes the counts gathered since the last write; on failure they stay for the next one. */
    public void flush() {
        Map<Key, Tally> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new HashMap<>();
        }
        List<Object[]> rows = new ArrayList<>(batch.size());
        batch.forEach((k, t) -> rows.add(new Object[] {k.day(), k.child(), k.status(), k.code().name(), t.count,
                java.sql.Timestamp.from(t.last), t.address, t.reason}));
        try {
            jdbc.batchUpdate(UPSERT, rows);
        } catch (RuntimeException e) {
            synchronized (this) {
                batch.forEach((k, t) -> {
                    Tally now = pending.get(k);
                    if (now == null) {
                        pending.put(k, t);
                    } else {
                        now.count += t.count;
                    }
                });
            }
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("cannot record the intake's refusals in the database (kept for the next try; serve's log has"
                    + " each one): {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flushQuietly();
    }
}
