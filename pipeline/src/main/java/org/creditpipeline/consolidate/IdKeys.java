package org.creditpipeline.consolidate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.ingest.CopyText;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The node's ID pepper ({@link IdPepper}) and the one-time re-key of the keys made before it. The pepper lives in a
 * file, never in the database: a dump or a copy of the database alone then does not reveal whose numbers its keys
 * hold. It is {@code credit.keys.id-pepper-file} when the operator names one (it must exist), else
 * {@code HOME/var/secrets/id-pepper-NODE}, created at first need. The database remembers the pepper's fingerprint
 * (V30): a pepper that is not the one the keys were made with (a lost file replaced by a new one, another node's) is
 * refused, since its keys would match none of the stored ones and every re-upload would make a new record.
 * <p>
 * {@link #ensureRekeyed} runs at the start of every command that reads or writes keys (consolidate, review accept,
 * record unmerge), under the node lock: on a node upgraded from clear keys it rewrites, once and in one transaction,
 * every stored person identifier key ({@code P:number}, {@code I:type:number}) into its hashed form — the record
 * keys and their match keys, the keys merge history keeps for an unmerge, the contradiction list's subjects and the
 * records' subject keys — and records the pepper's fingerprint, after which it only reads that row.
 */
@Component
public class IdKeys {

    private static final Logger log = LoggerFactory.getLogger(IdKeys.class);

    private static final String FINGERPRINT = "SELECT fingerprint FROM id_pepper WHERE id = 1";
    private static final String LOCK_MARK = "LOCK TABLE id_pepper IN EXCLUSIVE MODE";
    private static final String MARK = """
            INSERT INTO id_pepper (id, fingerprint, rekeyed_keys, rekey_ms) VALUES (1, ?, ?, ?)""";
    /**
     * Every clear person identifier stored before the pepper: of record keys, of the match keys merge history keeps
     * (their second part), of the contradiction list, and the records' subject keys (which are {@code P:} + the
     * number whatever the document). Masked numbers stay as they are: they are the published form.
     */
    private static final String CLEAR_KEYS = """
            SELECT id_key FROM record_key WHERE %1$s
            UNION
            SELECT split_part(k, '|', 2) FROM record_merge m, unnest(m.match_keys) k WHERE %2$s
            UNION
            SELECT i FROM consolidation_conflict c, unnest(c.identifiers) i WHERE %3$s
            UNION
            SELECT subject_key FROM consolidated_record WHERE %4$s AND strpos(subject_key, '*') = 0"""
            .formatted(clear("id_key"), clear("split_part(k, '|', 2)"), clear("i"), clear("subject_key"));

    /**
     * Whether a key is a clear person identifier: {@code P:} or {@code I:type:} and a number that is not in the form
     * of a hash (22 base64url characters, which no ID document's number has), so that a hashed key is never hashed
     * again.
     */
    private static String clear(String key) {
        return ("(%1$s LIKE 'P:%%' AND %1$s !~ '^P:[A-Za-z0-9_-]{22}$'"
                + " OR %1$s LIKE 'I:%%' AND %1$s !~ '^I:[^:]*:[A-Za-z0-9_-]{22}$')").formatted(key);
    }
    private static final String MAP_TABLE = """
            CREATE TEMP TABLE id_key_map (old_key text NOT NULL, new_key text NOT NULL) ON COMMIT DROP""";
    private static final String COPY_MAP = "COPY id_key_map (old_key, new_key) FROM STDIN";
    /** A match key is kind|subject|document: its subject, when it is the clear identifier, is replaced. */
    private static final String REKEY_RECORD_KEYS = """
            UPDATE record_key k
               SET id_key = m.new_key,
                   match_key = split_part(k.match_key, '|', 1) || '|' || m.new_key
                               || substr(k.match_key, length(split_part(k.match_key, '|', 1)) + length(m.old_key) + 2)
              FROM id_key_map m
             WHERE k.id_key = m.old_key AND split_part(k.match_key, '|', 2) = m.old_key""";
    private static final String REKEY_MERGE_HISTORY = """
            UPDATE record_merge r
               SET match_keys = (SELECT array_agg(coalesce(split_part(u.k, '|', 1) || '|' || m.new_key
                                          || substr(u.k, length(split_part(u.k, '|', 1)) + length(m.old_key) + 2), u.k)
                                          ORDER BY u.n)
                                   FROM unnest(r.match_keys) WITH ORDINALITY u(k, n)
                                   LEFT JOIN id_key_map m ON m.old_key = split_part(u.k, '|', 2))
             WHERE EXISTS (SELECT 1 FROM unnest(r.match_keys) k JOIN id_key_map m ON m.old_key = split_part(k, '|', 2))""";
    private static final String REKEY_CONFLICTS = """
            UPDATE consolidation_conflict c
               SET identifiers = (SELECT array_agg(coalesce(m.new_key, u.i) ORDER BY u.n)
                                    FROM unnest(c.identifiers) WITH ORDINALITY u(i, n)
                                    LEFT JOIN id_key_map m ON m.old_key = u.i)
             WHERE EXISTS (SELECT 1 FROM unnest(c.identifiers) i JOIN id_key_map m ON m.old_key = i)""";
    private static final String REKEY_SUBJECTS = """
            UPDATE consolidated_record c SET subject_key = m.new_key
              FROM id_key_map m
             WHERE c.subject_key = m.old_key AND c.subject_key LIKE 'P:%'""";

    /**
     * The ID numbers behind the node's person keys, for a rotation: every full number of a staged row or a record,
     * once for its {@code P:} key (and subject key), and with its type for an {@code I:type:} key.
     */
    private static final String NUMBERS = """
            WITH n AS (SELECT id_type, id_number FROM staged_record
                        WHERE id_number IS NOT NULL AND strpos(id_number, '*') = 0
                       UNION
                       SELECT id_type, id_number FROM consolidated_record
                        WHERE id_number IS NOT NULL AND strpos(id_number, '*') = 0)
            SELECT DISTINCT id_number, NULL FROM n
            UNION ALL
            SELECT DISTINCT id_number, id_type FROM n
             WHERE NOT (id_type IS NULL OR strpos(id_type, '身份证') > 0 OR id_type IN ('01', '1'))""";
    private static final String PERSON_KEYS = """
            SELECT count(*) FROM record_key WHERE id_key LIKE 'P:%' OR id_key LIKE 'I:%'""";
    private static final String ROTATED = """
            UPDATE id_pepper SET fingerprint = ?, rekeyed_at = now(), rekeyed_keys = ?, rekey_ms = ? WHERE id = 1""";

    /**
     * What a rotation did: the fingerprints, the numbers and record keys re-keyed, how long it took, and where the
     * old pepper was kept (for restoring a backup of the database made before).
     */
    public record Rotation(String oldFingerprint, String newFingerprint, long numbers, long recordKeys, long ms,
                           Path retired) {
    }

    private final CreditProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private IdPepper pepper;

    public IdKeys(CreditProperties properties, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Where the node's pepper is: the configured file, else {@code HOME/var/secrets/id-pepper-NODE}. */
    public Path file() {
        Path configured = properties.keys() == null ? null : properties.keys().idPepperFile();
        if (configured != null) {
            return configured.isAbsolute() ? configured : properties.home().resolve(configured);
        }
        return properties.var().resolve("secrets").resolve("id-pepper-" + properties.node());
    }

    /**
     * The node's pepper, read once: a configured file must exist; the node's own is created when missing, unless the
     * database says keys were made with a pepper already (then it was lost, and a new one would match nothing).
     * Refused when its fingerprint is not the one the database recorded.
     */
    public synchronized IdPepper pepper() {
        if (pepper == null) {
            List<String> recorded = jdbc.queryForList(FINGERPRINT, String.class);
            Path file = file();
            boolean configured = properties.keys() != null && properties.keys().idPepperFile() != null;
            IdPepper p;
            if (Files.exists(file) || configured) {
                p = IdPepper.read(file);
            } else if (!recorded.isEmpty()) {
                throw new IllegalStateException("the ID pepper file " + file + " is missing, but this node's keys"
                        + " were made with a pepper (fingerprint " + recorded.get(0) + "): restore the file from the"
                        + " node's backup (docs/OPERATIONS.md, The ID pepper); a new pepper would match none of the"
                        + " stored keys");
            } else {
                p = IdPepper.create(file);
                log.info("Created the node's ID pepper in {} (fingerprint {}): back it up with the node's"
                        + " configuration, not with the database", file, p.fingerprint());
            }
            Path next = next(file);
            if (!recorded.isEmpty() && !recorded.get(0).equals(p.fingerprint()) && Files.exists(next)
                    && IdPepper.read(next).fingerprint().equals(recorded.get(0))) {
                // a rotation committed its keys and died before it put its new pepper in place
                p = IdPepper.read(next);
                putInPlace(file, next);
                log.warn("Finished the rotation of the ID pepper a process that died had committed: {} is now the"
                        + " pepper of fingerprint {}", file, p.fingerprint());
            }
            if (!recorded.isEmpty() && !recorded.get(0).equals(p.fingerprint())) {
                throw new IllegalStateException("the ID pepper in " + file + " (fingerprint " + p.fingerprint()
                        + ") is not the one this node's keys were made with (fingerprint " + recorded.get(0)
                        + "): restore the node's own pepper file (docs/OPERATIONS.md, The ID pepper)");
            }
            pepper = p;
        }
        return pepper;
    }

    /**
     * Re-keys the clear identifier keys of a node upgraded from before the pepper, once (see the class comment); a
     * single read of the fingerprint row afterwards. The caller holds the node lock.
     */
    public void ensureRekeyed() {
        IdPepper p = pepper();
        if (!jdbc.queryForList(FINGERPRINT, String.class).isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            jdbc.execute(LOCK_MARK);
            if (!jdbc.queryForList(FINGERPRINT, String.class).isEmpty()) {
                return;
            }
            long t0 = System.nanoTime();
            long keys = jdbc.execute((ConnectionCallback<Long>) c -> rekey(c, p));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            jdbc.update(MARK, p.fingerprint(), keys, ms);
            if (keys > 0) {
                log.warn("Re-keyed {} clear ID numbers in match keys with the node's ID pepper ({} ms); done once",
                        keys, ms);
            }
        });
    }

    /**
     * Replaces the node's pepper with a new one ({@code credit-pipeline keys rotate-id-pepper}; the caller holds the
     * node lock): the new pepper is written beside the file ({@code .new}), every person key is re-keyed from the ID
     * numbers of the staged rows and records in one transaction that also records the new fingerprint, and then the
     * new file takes the old one's place, which is kept as {@code .retired-TIME}. Refused, with nothing changed, when
     * a person key has a number no staged row or record holds (it could not be re-keyed). A process dying after the
     * commit leaves the {@code .new} file, which the next command puts in place ({@link #pepper}).
     */
    public synchronized Rotation rotate() {
        ensureRekeyed();
        IdPepper old = pepper();
        Path file = file();
        Path next = next(file);
        IdPepper now = IdPepper.create(next); // a .new left by a rotation that died before its commit is used again
        if (now.fingerprint().equals(old.fingerprint())) {
            throw new IllegalStateException(next + " holds the pepper in use; remove it and rotate again");
        }
        long t0 = System.nanoTime();
        long[] counts = transaction.execute(status -> jdbc.execute((ConnectionCallback<long[]>) c -> {
            long before;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(PERSON_KEYS)) {
                rs.next();
                before = rs.getLong(1);
            }
            long numbers = loadMap(c, NUMBERS, (rs, out) -> {
                String number = rs.getString(1);
                String type = rs.getString(2);
                if (type == null) {
                    row(out, old.personKey(number), now.personKey(number));
                } else {
                    row(out, old.documentKey(type, number), now.documentKey(type, number));
                }
            });
            long keys = applyMap(c);
            if (keys != before) {
                throw new IllegalStateException((before - keys) + " of the node's " + before + " person keys have a"
                        + " number that no staged row or record holds, so they cannot be re-keyed: nothing changed,"
                        + " the pepper stays " + old.fingerprint() + " (remove " + next + ")");
            }
            try (PreparedStatement ps = c.prepareStatement(ROTATED)) {
                ps.setString(1, now.fingerprint());
                ps.setLong(2, numbers);
                ps.setLong(3, (System.nanoTime() - t0) / 1_000_000);
                ps.executeUpdate();
            }
            return new long[] {numbers, keys};
        }));
        Path retired = putInPlace(file, next);
        pepper = now;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        log.warn("Rotated the ID pepper: {} numbers, {} record keys re-keyed in {} ms; the old pepper is kept in {}",
                counts[0], counts[1], ms, retired);
        return new Rotation(old.fingerprint(), now.fingerprint(), counts[0], counts[1], ms, retired);
    }

    private static Path next(Path file) {
        return file.resolveSibling(file.getFileName() + ".new");
    }

    /** Moves the new pepper over the file, the file aside as {@code .retired-TIME}; returns where the old one went. */
    private static Path putInPlace(Path file, Path next) {
        String time = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        Path retired = file.resolveSibling(file.getFileName() + ".retired-" + time);
        try {
            if (Files.exists(file)) {
                Files.move(file, retired);
            }
            Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the keys were re-keyed with the pepper in " + next + ", but it could not"
                    + " be moved to " + file + " (" + e.getMessage() + "): move it there by hand", e);
        }
        return retired;
    }

    /** The rewrite on the transaction's connection; returns how many distinct clear identifiers it re-keyed. */
    static long rekey(Connection c, IdPepper pepper) throws SQLException {
        long count = loadMap(c, CLEAR_KEYS, (rs, out) -> {
            String old = rs.getString(1);
            String now = hashed(old, pepper);
            if (now != null) {
                row(out, old, now);
            }
        });
        if (count > 0) {
            applyMap(c);
        }
        return count;
    }

    /** What turns one row of a candidate query into rows of {@code id_key_map}. */
    private interface MapRows {
        void add(ResultSet rs, CopyText out) throws SQLException;
    }

    private static void row(CopyText out, String oldKey, String newKey) {
        out.value(oldKey);
        out.value(newKey);
        out.endRow();
    }

    /**
     * Fills {@code id_key_map} from a candidate query: streamed through a cursor (a store of ten million records holds
     * millions of people), the new forms sent to the server a megabyte at a time between two fetches; indexed. Returns
     * how many pairs.
     */
    private static long loadMap(Connection c, String candidates, MapRows rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_temp.id_key_map");
            st.execute(MAP_TABLE);
        }
        long count = 0;
        CopyText out = new CopyText();
        try (PreparedStatement ps = c.prepareStatement(candidates)) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs, out);
                    if (out.size() >= 1 << 20) {
                        count += flush(c, out);
                    }
                }
            }
        }
        count += flush(c, out);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX ON id_key_map (old_key)");
            st.execute("ANALYZE id_key_map");
        }
        return count;
    }

    /** Rewrites every stored key {@code id_key_map} names; returns the record keys rewritten. */
    private static long applyMap(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL work_mem = '256MB'");
            long keys = st.executeUpdate(REKEY_RECORD_KEYS);
            st.executeUpdate(REKEY_MERGE_HISTORY);
            st.executeUpdate(REKEY_CONFLICTS);
            st.executeUpdate(REKEY_SUBJECTS);
            return keys;
        }
    }

    private static long flush(Connection c, CopyText out) throws SQLException {
        if (out.size() == 0) {
            return 0;
        }
        long rows = out.copy(c.unwrap(PGConnection.class).getCopyAPI(), COPY_MAP);
        out.reset();
        return rows;
    }

    /** The hashed form of a clear identifier key; null when it is not one ({@code I:} without a type). */
    static String hashed(String clear, IdPepper pepper) {
        if (clear.startsWith("P:")) {
            return pepper.personKey(clear.substring(2));
        }
        int colon = clear.indexOf(':', 2);
        return clear.startsWith("I:") && colon > 0 ? pepper.documentKey(clear.substring(2, colon),
                clear.substring(colon + 1)) : null;
    }
}
