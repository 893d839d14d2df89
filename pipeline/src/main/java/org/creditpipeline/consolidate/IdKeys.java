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
 * <p>
 * {@link #rotate} replaces the pepper with a new one, mapping each key through the ID numbers hashed with both;
 * {@link #rebuild}, the last resort when the pepper is lost with no copy, maps each key through the numbers of the
 * records and staged rows it belongs to instead. Both rewrite the keys with the same statements ({@link #applyMap}).
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

    /** The end of the refusals of a missing or foreign pepper: what is left when no copy of the file exists. */
    private static final String LAST_RESORT = "; only when no copy of it exists anywhere, `credit-pipeline keys"
            + " rebuild-id-pepper --pepper-lost` makes a new pepper and rebuilds the keys from the ID numbers of the"
            + " records and staged rows";

    /** Whether a key is a hashed person identifier: {@code P:} or {@code I:type:} and 22 base64url characters. */
    private static String hashedKey(String key) {
        return "(%1$s ~ '^P:[A-Za-z0-9_-]{22}$' OR %1$s ~ '^I:[^:]*:[A-Za-z0-9_-]{22}$')".formatted(key);
    }

    /**
     * Whether a full ID number of type {@code type} can be the one a hashed key was made of: a {@code P:} key is made
     * of a 身份证 number ({@link MatchProfile}: no type, one that names 身份证, or the codes 01 and 1), an
     * {@code I:type:} key of a number of that very type.
     */
    private static String fits(String key, String type) {
        return ("CASE WHEN %1$s LIKE 'P:%%' THEN %2$s IS NULL OR strpos(%2$s, '身份证') > 0 OR %2$s IN ('01', '1')"
                + " ELSE left(%1$s, -23) = 'I:' || %2$s END").formatted(key, type);
    }

    /**
     * For a rebuild without the old pepper: every stored hashed person key, one place it is stored (for a message),
     * and how many distinct full ID numbers of the records and staged rows it belongs to could be its number, with
     * the least of them. A record key belongs to its record (its own number and its staged rows' through
     * {@code record_source}); a match key of the merge history to the record as it was absorbed (its number in
     * {@code absorbed}) and the staged rows it had ({@code source_rows}); a contradiction's subject to the records it
     * lists (also when they have been merged into another since); a subject key ({@code P:} + the number whatever the
     * document) to its record's own number. Masked numbers are never a key's number.
     */
    private static final String CLUES = """
            CREATE TEMP TABLE id_key_clue ON COMMIT DROP AS
            WITH record_number AS (
                SELECT id AS record_id, id_type, id_number FROM consolidated_record
                 WHERE id_number IS NOT NULL AND strpos(id_number, '*') = 0
                UNION
                SELECT rs.record_id, s.id_type, s.id_number
                  FROM record_source rs JOIN staged_record s ON s.id = rs.staged_record_id
                 WHERE s.id_number IS NOT NULL AND strpos(s.id_number, '*') = 0),
            merge_key AS (
                SELECT DISTINCT r.id, r.absorbed_id, split_part(k, '|', 2) AS old_key
                  FROM record_merge r, unnest(r.match_keys) k WHERE %1$s),
            merge_number AS (
                SELECT r.id, r.absorbed ->> 'id_type' AS id_type, r.absorbed ->> 'id_number' AS id_number
                  FROM record_merge r
                UNION
                SELECT r.id, s.id_type, s.id_number
                  FROM record_merge r, unnest(r.source_rows) x JOIN staged_record s ON s.id = x),
            conflict_key AS (
                SELECT c.id, i AS old_key FROM consolidation_conflict c, unnest(c.identifiers) i WHERE %2$s),
            conflict_record AS (
                SELECT c.id, x AS record_id FROM consolidation_conflict c, unnest(c.record_ids) x
                UNION
                SELECT c.id, d.new_id FROM consolidation_conflict c, unnest(c.record_ids) x
                  JOIN record_redirect d ON d.old_id = x),
            stored (old_key, place, id_number) AS (
                SELECT k.id_key, 'a record key of record ' || k.record_id, n.id_number
                  FROM record_key k LEFT JOIN record_number n ON n.record_id = k.record_id AND %3$s
                 WHERE %4$s
                UNION ALL
                SELECT m.old_key, 'the merge history of record ' || m.absorbed_id, n.id_number
                  FROM merge_key m LEFT JOIN merge_number n ON n.id = m.id AND n.id_number IS NOT NULL
                                                          AND strpos(n.id_number, '*') = 0 AND %5$s
                UNION ALL
                SELECT k.old_key, 'contradiction ' || k.id, n.id_number
                  FROM conflict_key k
                  LEFT JOIN (conflict_record r JOIN record_number n ON n.record_id = r.record_id)
                         ON r.id = k.id AND %6$s
                UNION ALL
                SELECT c.subject_key, 'the subject key of record ' || c.id,
                       CASE WHEN strpos(c.id_number, '*') = 0 THEN c.id_number END
                  FROM consolidated_record c WHERE c.subject_key ~ '^P:[A-Za-z0-9_-]{22}$')
            SELECT old_key, min(place) AS place, count(DISTINCT id_number) AS numbers, min(id_number) AS id_number
              FROM stored GROUP BY old_key"""
            .formatted(hashedKey("split_part(k, '|', 2)"), hashedKey("i"), fits("k.id_key", "n.id_type"),
                    hashedKey("k.id_key"), fits("m.old_key", "n.id_type"), fits("k.old_key", "n.id_type"));
    private static final String CLUES_MISSING = """
            SELECT count(*) FILTER (WHERE numbers = 0), min(place) FILTER (WHERE numbers = 0),
                   count(*) FILTER (WHERE numbers > 1), min(place) FILTER (WHERE numbers > 1), count(*)
              FROM id_key_clue""";
    private static final String CLUE_MAP = "SELECT old_key, id_number FROM id_key_clue";
    private static final String HASHED_RECORD_KEYS = "SELECT count(*) FROM record_key WHERE " + hashedKey("id_key");

    /**
     * What a rotation did: the fingerprints, the numbers and record keys re-keyed, how long it took, and where the
     * old pepper was kept (for restoring a backup of the database made before).
     */
    public record Rotation(String oldFingerprint, String newFingerprint, long numbers, long recordKeys, long ms,
                           Path retired) {
    }

    /**
     * What a rebuild did: the fingerprint of the lost pepper and of the new one, the hashed keys rebuilt (distinct
     * keys) and the record keys among them, how long it took, and where a foreign file found in the pepper's place
     * was put aside (null when there was none).
     */
    public record Rebuild(String lostFingerprint, String newFingerprint, long keys, long recordKeys, long ms,
                          Path setAside) {
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
            IdPepper p = Files.exists(file) ? IdPepper.read(file) : null;
            Path next = next(file);
            if (!recorded.isEmpty() && (p == null || !recorded.get(0).equals(p.fingerprint())) && Files.exists(next)
                    && IdPepper.read(next).fingerprint().equals(recorded.get(0))) {
                // a rotation or a rebuild committed its keys and died before it put its new pepper in place
                p = IdPepper.read(next);
                putInPlace(file, next);
                log.warn("Finished the change of the ID pepper a process that died had committed: {} is now the"
                        + " pepper of fingerprint {}", file, p.fingerprint());
            }
            if (p == null && configured) {
                if (!recorded.isEmpty()) {
                    throw new IllegalStateException("the ID pepper file " + file + " does not exist, but this node's"
                            + " keys were made with a pepper (fingerprint " + recorded.get(0) + "): restore it from"
                            + " the node's backup, or correct credit.keys.id-pepper-file" + LAST_RESORT);
                }
                p = IdPepper.read(file); // fails, naming the file
            } else if (p == null && !recorded.isEmpty()) {
                throw new IllegalStateException("the ID pepper file " + file + " is missing, but this node's keys"
                        + " were made with a pepper (fingerprint " + recorded.get(0) + "): restore the file from the"
                        + " node's backup (docs/OPERATIONS.md, The ID pepper); a new pepper would match none of the"
                        + " stored keys" + LAST_RESORT);
            } else if (p == null) {
                p = IdPepper.create(file);
                log.info("Created the node's ID pepper in {} (fingerprint {}): back it up with the node's"
                        + " configuration, not with the database", file, p.fingerprint());
            }
            if (!recorded.isEmpty() && !recorded.get(0).equals(p.fingerprint())) {
                throw new IllegalStateException("the ID pepper in " + file + " (fingerprint " + p.fingerprint()
                        + ") is not the one this node's keys were made with (fingerprint " + recorded.get(0)
                        + "): restore the node's own pepper file (docs/OPERATIONS.md, The ID pepper)" + LAST_RESORT);
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
            recordFingerprint(c, now, numbers, t0);
            return new long[] {numbers, keys};
        }));
        Path retired = putInPlace(file, next);
        pepper = now;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        log.warn("Rotated the ID pepper: {} numbers, {} record keys re-keyed in {} ms; the old pepper is kept in {}",
                counts[0], counts[1], ms, retired);
        return new Rotation(old.fingerprint(), now.fingerprint(), counts[0], counts[1], ms, retired);
    }

    /**
     * Rebuilds every person key with a new pepper when the node's pepper is lost and no copy of it exists
     * ({@code credit-pipeline keys rebuild-id-pepper --pepper-lost}; the caller holds the node lock). Without the old
     * pepper a key cannot be recomputed and compared, so each stored hashed key ({@code P:}, {@code I:type:}: record
     * keys, merge history, contradiction list, subject keys) is traced to the full ID number of the records and staged
     * rows it belongs to ({@link #CLUES}); when every key leads to exactly one number, the new pepper is written beside
     * the file ({@code .new}), the keys are rewritten with the statements of a rotation in one transaction that records
     * the new fingerprint, and the new file is put in place (a file found there, a foreign pepper, is kept as
     * {@code .retired-TIME}). Refused, with nothing changed and no file written, when a key leads to no number or to
     * two; the message names how many and one place, never a number. Killed before the commit nothing changed; killed
     * after it, the next command puts the {@code .new} file in place ({@link #pepper}).
     */
    public synchronized Rebuild rebuild() {
        List<String> recorded = jdbc.queryForList(FINGERPRINT, String.class);
        if (recorded.isEmpty()) {
            throw new IllegalStateException("this node has not recorded an ID pepper yet (table id_pepper is empty):"
                    + " there are no hashed keys to rebuild; the next consolidate creates the pepper");
        }
        String lost = recorded.get(0);
        Path file = file();
        Path next = next(file);
        pepper = null; // the files as they are now, not as this process first read them
        IdPepper inPlace = null;
        try {
            inPlace = pepper();
        } catch (IllegalStateException e) {
            // lost: missing, another one, or unreadable; the operator confirmed no copy exists
        }
        if (inPlace != null) {
            throw new IllegalStateException("the ID pepper is not lost: " + file + " holds the pepper this node's keys"
                    + " were made with (fingerprint " + inPlace.fingerprint() + "); nothing rebuilt. To replace it,"
                    + " run credit-pipeline keys rotate-id-pepper");
        }
        boolean leftBefore = Files.exists(next);
        long t0 = System.nanoTime();
        IdPepper[] created = new IdPepper[1];
        long[] counts;
        try {
            counts = transaction.execute(status -> jdbc.execute((ConnectionCallback<long[]>) c -> {
                try (Statement st = c.createStatement()) {
                    st.execute(LOCK_MARK);
                    st.execute("SET LOCAL work_mem = '256MB'"); // the grouping of every record's numbers by key
                    st.execute("DROP TABLE IF EXISTS pg_temp.id_key_clue");
                    st.execute(CLUES);
                    try (ResultSet rs = st.executeQuery(CLUES_MISSING)) {
                        rs.next();
                        refuseUnmapped(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                                lost);
                    }
                }
                long before;
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(HASHED_RECORD_KEYS)) {
                    rs.next();
                    before = rs.getLong(1);
                }
                IdPepper now = IdPepper.create(next); // one a rebuild that died before its commit left is used again
                created[0] = now;
                if (now.fingerprint().equals(lost)) {
                    throw new IllegalStateException(next + " holds the pepper this node's keys were made with: it is"
                            + " not lost; move it to " + file + " instead of rebuilding");
                }
                long keys = loadMap(c, CLUE_MAP, (rs, out) -> {
                    String old = rs.getString(1);
                    String number = rs.getString(2);
                    row(out, old, old.startsWith("P:") ? now.personKey(number)
                            : now.documentKey(old.substring(2, old.length() - 23), number));
                });
                long recordKeys = applyMap(c);
                if (recordKeys != before) {
                    throw new IllegalStateException((before - recordKeys) + " of the node's " + before + " hashed"
                            + " record keys were not rewritten: nothing changed, the recorded fingerprint stays "
                            + lost);
                }
                recordFingerprint(c, now, keys, t0);
                return new long[] {keys, recordKeys};
            }));
        } catch (RuntimeException e) {
            if (created[0] != null && !leftBefore) {
                try {
                    Files.deleteIfExists(next);
                } catch (java.io.IOException ignored) {
                    // the next rebuild uses it again
                }
            }
            throw e;
        }
        Path setAside = putInPlace(file, next);
        pepper = created[0];
        long ms = (System.nanoTime() - t0) / 1_000_000;
        log.warn("Rebuilt the node's person keys with a new ID pepper (fingerprint {}, the lost one was {}): {} keys,"
                + " {} record keys in {} ms; back up {} now", created[0].fingerprint(), lost, counts[0], counts[1], ms,
                file);
        return new Rebuild(lost, created[0].fingerprint(), counts[0], counts[1], ms, setAside);
    }

    /** Refuses a rebuild when some hashed keys lead to no ID number or to two: how many, and one place each. */
    private static void refuseUnmapped(long none, String nonePlace, long several, String severalPlace, long all,
                                       String lost) {
        if (none == 0 && several == 0) {
            return;
        }
        StringBuilder m = new StringBuilder("the person keys cannot be rebuilt without the lost pepper: of the node's "
                + all + " hashed person keys");
        if (none > 0) {
            m.append(", ").append(none).append(none == 1 ? " has" : " have").append(" no full ID number in the records"
                    + " and staged rows it belongs to (e.g. ").append(nonePlace).append(')');
        }
        if (several > 0) {
            m.append(", ").append(several).append(several == 1 ? " has" : " have").append(" two or more different"
                    + " ones there (e.g. ").append(severalPlace).append(')');
        }
        throw new IllegalStateException(m.append("; nothing changed, the recorded fingerprint stays ").append(lost)
                .append(". Look at those records (credit-pipeline record show ID) before anything else: a key no"
                        + " number can be found for cannot be rebuilt (docs/OPERATIONS.md, The ID pepper)").toString());
    }

    /** Records the fingerprint of the pepper the keys are now made with, in the transaction that re-keyed them. */
    private static void recordFingerprint(Connection c, IdPepper now, long keys, long t0) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROTATED)) {
            ps.setString(1, now.fingerprint());
            ps.setLong(2, keys);
            ps.setLong(3, (System.nanoTime() - t0) / 1_000_000);
            ps.executeUpdate();
        }
    }

    private static Path next(Path file) {
        return file.resolveSibling(file.getFileName() + ".new");
    }

    /**
     * Moves the new pepper over the file, the file aside as {@code .retired-TIME}; returns where the old one went (null
     * when there was no file).
     */
    private static Path putInPlace(Path file, Path next) {
        String time = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        Path retired = file.resolveSibling(file.getFileName() + ".retired-" + time);
        try {
            if (Files.exists(file)) {
                Files.move(file, retired);
            } else {
                retired = null;
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
