package org.creditpipeline.publish;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.model.SeverityTier;
import org.creditpipeline.support.Failpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Record status changes: 异议 (objection), 信用修复 (repair), 撤销 (withdrawal) set by an officer, and the nightly
 * expiry of records whose publication period ended. Each change updates the record, appends a STATUS entry to the
 * change log (so it reaches exports at once and travels upward in the next push) and an audit row, in one
 * transaction. The caller holds the node lock, which keeps change-log sequence numbers in commit order.
 */
@Service
public class StatusService {

    private static final Logger log = LoggerFactory.getLogger(StatusService.class);
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private static final String RESOLVE = """
            SELECT COALESCE((SELECT new_id FROM record_redirect WHERE old_id = ?), ?)""";
    private static final String CURRENT = "SELECT status FROM consolidated_record WHERE id = ? FOR UPDATE";
    private static final String UPDATE = """
            UPDATE consolidated_record
               SET status = ?, status_reason = ?, status_ref = ?, status_changed_at = now(), version = version + 1,
                   updated_at = now()
             WHERE id = ?""";
    /**
     * The next sequence number is the change log's last one plus one, as consolidation numbers its changes, not the
     * column's sequence: a status change killed before its commit (kill -9 during a long {@code expire}) has drawn
     * from the sequence for good, and the next change would leave a gap that every later push refuses to package.
     * The caller holds the node lock, so no other writer numbers changes meanwhile.
     */
    private static final String LOG = """
            INSERT INTO change_log (seq, record_id, change_type, version, payload, reason)
            SELECT (SELECT coalesce(max(seq), 0) + 1 FROM change_log), r.id, 'STATUS', r.version, to_jsonb(r), ?
              FROM consolidated_record r WHERE r.id = ?
            RETURNING seq""";
    /** Keeps the column's sequence at the last number, for writers that still draw from it. */
    private static final String SYNC_SEQUENCE = "SELECT setval(pg_get_serial_sequence('change_log', 'seq'), ?)";
    private static final String AUDIT = """
            INSERT INTO status_audit (record_id, old_status, new_status, reason, ref, actor, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String EXPIRY_REASON = "publication period ended (公示期满)";
    /** Records expired per transaction. */
    private static final int EXPIRE_CHUNK = 2_000;
    /**
     * One chunk of the nightly expiry, set-based: the records still ACTIVE among the ids, their STATUS changes numbered
     * after the change log's last one (in id order), and their audit rows. Parameters: status reason, ids, change
     * reason, audit reason, actor. Returns record id and change seq.
     */
    private static final String EXPIRE = """
            WITH expired AS (
                UPDATE consolidated_record r
                   SET status = 'EXPIRED', status_reason = ?, status_ref = NULL, status_changed_at = now(),
                       version = r.version + 1, updated_at = now()
                 WHERE r.id = ANY (?) AND r.status = 'ACTIVE'
             RETURNING r.id, r.version, to_jsonb(r) AS payload),
            logged AS (
                INSERT INTO change_log (seq, record_id, change_type, version, payload, reason)
                SELECT (SELECT coalesce(max(seq), 0) FROM change_log) + row_number() OVER (ORDER BY e.id), e.id,
                       'STATUS', e.version, e.payload, ?
                  FROM expired e
             RETURNING seq, record_id)
            INSERT INTO status_audit (record_id, old_status, new_status, reason, ref, actor, seq)
            SELECT l.record_id, 'ACTIVE', 'EXPIRED', ?, NULL, ?, l.seq FROM logged l
            RETURNING record_id, seq""";
    private static final String ACTIVE_RECORDS = """
            SELECT id, record_kind, decision_date, severity, publication_end, category, authority_name, region_code,
                   subject_kind, fine_amount, confiscated_amount
              FROM consolidated_record
             WHERE status = 'ACTIVE' AND record_kind <> 'DISHONEST_DEBTOR'""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final LowerFines lowerFines;

    public StatusService(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, LowerFines lowerFines) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.lowerFines = lowerFines;
    }

    /** What a status change did. */
    public record Change(long recordId, String oldStatus, String newStatus, long seq) {
    }

    /**
     * Sets a record's status. {@code recordId} may be an id merged into another record: the change goes to the
     * survivor. Setting the status it already has changes nothing (null); a change {@link StatusTransitions} refuses
     * throws, writing nothing.
     */
    public Change set(long recordId, RecordStatus status, String reason, String ref, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a status change needs a reason (--reason)");
        }
        long id = jdbc.queryForObject(RESOLVE, Long.class, recordId, recordId);
        return tx.execute(s -> {
            List<String> current = jdbc.queryForList(CURRENT, String.class, id);
            if (current.isEmpty()) {
                throw new IllegalArgumentException("there is no record " + recordId + " on this node");
            }
            String old = current.get(0);
            if (old.equals(status.name())) {
                return null;
            }
            String refused = StatusTransitions.refusal(RecordStatus.valueOf(old), status);
            if (refused != null) {
                throw new IllegalArgumentException("record " + id + ": " + refused);
            }
            jdbc.update(UPDATE, status.name(), reason, ref, id);
            Failpoints.reach("status.before-change-log");
            long seq = jdbc.queryForObject(LOG, Long.class, status.name() + ": " + reason, id);
            jdbc.queryForObject(SYNC_SEQUENCE, Long.class, seq);
            jdbc.update(AUDIT, id, old, status.name(), reason, ref, actor, seq);
            return new Change(id, old, status.name(), seq);
        });
    }

    /**
     * The nightly pass: every active record whose publication period ended before {@code today} becomes EXPIRED, with
     * the same record update, STATUS change and audit row as {@link #set}. The active records are read through a
     * cursor (a national node holds millions: a list of them all outgrew the heap) and expired a chunk per
     * transaction: a run killed half-way keeps what it committed, and the next run does the rest.
     */
    public List<Change> expire(LocalDate today, String actor) {
        List<Long> ended = endedBefore(today);
        List<Change> changes = new ArrayList<>();
        long started = System.nanoTime();
        long lastLog = started;
        for (int from = 0; from < ended.size(); from += EXPIRE_CHUNK) {
            Long[] chunk = ended.subList(from, Math.min(ended.size(), from + EXPIRE_CHUNK)).toArray(Long[]::new);
            List<Change> done = tx.execute(s -> {
                List<Change> c = jdbc.query(con -> {
                    var ps = con.prepareStatement(EXPIRE);
                    ps.setString(1, EXPIRY_REASON);
                    ps.setArray(2, con.createArrayOf("bigint", chunk));
                    ps.setString(3, RecordStatus.EXPIRED.name() + ": " + EXPIRY_REASON);
                    ps.setString(4, EXPIRY_REASON);
                    ps.setString(5, actor);
                    return ps;
                }, (rs, n) -> new Change(rs.getLong(1), RecordStatus.ACTIVE.name(), RecordStatus.EXPIRED.name(),
                        rs.getLong(2)));
                c.stream().mapToLong(Change::seq).max()
                        .ifPresent(last -> jdbc.queryForObject(SYNC_SEQUENCE, Long.class, last));
                return c;
            });
            changes.addAll(done);
            if (System.nanoTime() - lastLog >= PROGRESS_NANOS) {
                lastLog = System.nanoTime();
                log.info("expire: {} of {} records whose publication period ended, {} records/s",
                        String.format("%,d", changes.size()), String.format("%,d", ended.size()),
                        String.format("%,.0f", changes.size() / ((lastLog - started) / 1e9)));
            }
        }
        changes.sort(java.util.Comparator.comparingLong(Change::seq));
        return changes;
    }

    /** Ids of the active records whose publication period ended before {@code today}, read through a cursor. */
    private List<Long> endedBefore(LocalDate today) {
        JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
        cursor.setFetchSize(10_000); // PostgreSQL streams only inside a transaction
        List<Long> ended = new ArrayList<>();
        tx.executeWithoutResult(s -> cursor.query(ACTIVE_RECORDS, rs -> {
            LocalDate decided = date(rs.getDate(3));
            boolean lowerFine = lowerFines.isLower(rs.getString(8), ExportService.subjectKind(rs.getString(9)),
                    decided, rs.getBigDecimal(10), rs.getBigDecimal(11));
            LocalDate end = PublicationRules.publicationEnd(RecordKind.fromText(rs.getString(2)), decided,
                    SeverityTier.valueOf(rs.getString(4)), date(rs.getDate(5)), rs.getString(6), rs.getString(7),
                    lowerFine);
            if (end != null && today.isAfter(end)) {
                ended.add(rs.getLong(1));
            }
        }));
        return ended;
    }

    private static LocalDate date(java.sql.Date value) {
        return value == null ? null : value.toLocalDate();
    }
}
