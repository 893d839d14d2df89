package org.creditpipeline.publish;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.model.SeverityTier;

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
    private static final String ACTIVE_RECORDS = """
            SELECT id, record_kind, decision_date, severity, publication_end FROM consolidated_record
             WHERE status = 'ACTIVE' AND record_kind <> 'DISHONEST_DEBTOR'""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public StatusService(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /** What a status change did. */
    public record Change(long recordId, String oldStatus, String newStatus, long seq) {
    }

    /**
     * Sets a record's status. {@code recordId} may be an id merged into another record: the change goes to the
     * survivor. Setting the status it already has changes nothing (null).
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
            jdbc.update(UPDATE, status.name(), reason, ref, id);
            long seq = jdbc.queryForObject(LOG, Long.class, status.name() + ": " + reason, id);
            jdbc.queryForObject(SYNC_SEQUENCE, Long.class, seq);
            jdbc.update(AUDIT, id, old, status.name(), reason, ref, actor, seq);
            return new Change(id, old, status.name(), seq);
        });
    }

    /** The nightly pass: every active record whose publication period ended before {@code today} becomes EXPIRED. */
    public List<Change> expire(LocalDate today, String actor) {
        List<Map<String, Object>> active = jdbc.queryForList(ACTIVE_RECORDS);
        return active.stream().filter(r -> {
            LocalDate end = PublicationRules.publicationEnd(RecordKind.fromText((String) r.get("record_kind")),
                    date(r.get("decision_date")), SeverityTier.valueOf((String) r.get("severity")),
                    date(r.get("publication_end")));
            return end != null && today.isAfter(end);
        }).map(r -> set(((Number) r.get("id")).longValue(), RecordStatus.EXPIRED,
                "publication period ended (公示期满)", null, actor)).filter(java.util.Objects::nonNull).toList();
    }

    private static LocalDate date(Object value) {
        return value == null ? null : ((java.sql.Date) value).toLocalDate();
    }
}
