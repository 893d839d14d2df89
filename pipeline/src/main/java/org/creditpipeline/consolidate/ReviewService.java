package org.creditpipeline.consolidate;

import java.util.List;

import org.creditpipeline.db.NodeLock;
import org.creditpipeline.support.Failpoints;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review queue: pairs of records the fuzzy stage was unsure about. {@link #accept} merges them (the older id
 * survives, the other redirects to it, the change log gets a MERGE); {@link #reject} keeps them apart for good, and
 * later runs do not propose the pair again.
 */
@Service
public class ReviewService {

    /**
     * One pair with what a reviewer needs to decide; record ids are resolved through redirects.
     *
     * @param status PENDING, ACCEPTED, REJECTED or RESOLVED
     */
    public record Pair(long id, String status, double score, String reasons, Side left, Side right) {
    }

    /**
     * One side of a pair: the record as it is now. The work unit and the categories are what tells one civil servant's
     * decision without 文号 from another's (the person bridge, docs/CONSOLIDATION.md).
     */
    public record Side(long recordId, String kind, String name, String identifier, String documentNumber,
                       String authority, String decisionDate, int sources, String workUnit, String category) {
    }

    private static final String LIST = """
            SELECT p.id, p.status, p.score, p.reasons,
                   l.id, l.record_kind, l.subject_name, coalesce(l.uscc, l.org_code, l.id_number), l.document_number,
                   l.authority_name, l.decision_date::text, l.source_count, l.work_unit, l.category,
                   r.id, r.record_kind, r.subject_name, coalesce(r.uscc, r.org_code, r.id_number), r.document_number,
                   r.authority_name, r.decision_date::text, r.source_count, r.work_unit, r.category
              FROM review_pair p
              JOIN consolidated_record l ON l.id = coalesce((SELECT new_id FROM record_redirect WHERE old_id = p.left_record_id), p.left_record_id)
              JOIN consolidated_record r ON r.id = coalesce((SELECT new_id FROM record_redirect WHERE old_id = p.right_record_id), p.right_record_id)
             WHERE p.status = ? OR cast(? AS text) IS NULL
             ORDER BY p.id LIMIT ?""";
    private static final String FIND = """
            SELECT coalesce((SELECT new_id FROM record_redirect WHERE old_id = left_record_id), left_record_id),
                   coalesce((SELECT new_id FROM record_redirect WHERE old_id = right_record_id), right_record_id),
                   status, to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
              FROM review_pair WHERE id = ?""";
    private static final String DECIDE = "UPDATE review_pair SET status = ?, decided_at = now() WHERE id = ?";
    private static final String MERGE = "INSERT INTO consolidate_work_merge (old_id, new_id) VALUES (?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final NodeLock nodeLock;
    private final RecordWriter writer;
    private final IdKeys idKeys;

    public ReviewService(JdbcTemplate jdbc, TransactionTemplate transaction, NodeLock nodeLock,
                         SurvivorshipConfig consolidationConfig, IdKeys idKeys) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.nodeLock = nodeLock;
        this.writer = new RecordWriter(consolidationConfig);
        this.idKeys = idKeys;
    }

    /** Pairs with the given status (null: all), oldest first. */
    public List<Pair> list(String status, int limit) {
        return jdbc.query(LIST, (rs, i) -> new Pair(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getString(4),
                side(rs, 5), side(rs, 15)), status, status, limit);
    }

    private static Side side(java.sql.ResultSet rs, int from) throws java.sql.SQLException {
        return new Side(rs.getLong(from), rs.getString(from + 1), rs.getString(from + 2), rs.getString(from + 3),
                rs.getString(from + 4), rs.getString(from + 5), rs.getString(from + 6), rs.getInt(from + 7),
                rs.getString(from + 8), rs.getString(from + 9));
    }

    /** Merges the pair's records; returns the surviving record id. */
    public long accept(long pairId) {
        nodeLock.acquire();
        ConsolidationService.requireLastRunCompleted(jdbc, "accepting review pairs");
        idKeys.ensureRekeyed();
        IdPepper pepper = idKeys.pepper();
        long survivor = transaction.execute(status -> {
            long[] pair = find(pairId);
            long kept = Math.min(pair[0], pair[1]);
            if (pair[0] != pair[1]) {
                jdbc.execute(ConsolidationService.CLEAR_WORK);
                jdbc.update(MERGE, Math.max(pair[0], pair[1]), kept);
                writer.write(jdbc, null, "review pair " + pairId + " accepted", pepper);
                jdbc.execute(ConsolidationService.CLEAR_WORK);
            }
            jdbc.update(DECIDE, "ACCEPTED", pairId);
            Failpoints.reach("review.after-merge"); // merged and decided, not committed
            return kept;
        });
        Failpoints.reach("review.after-commit");
        return survivor;
    }

    /** Keeps the pair's records apart; later runs will not propose the pair again. */
    public void reject(long pairId) {
        nodeLock.acquire();
        transaction.executeWithoutResult(status -> {
            find(pairId);
            jdbc.update(DECIDE, "REJECTED", pairId);
        });
        Failpoints.reach("review.after-commit");
    }

    private long[] find(long pairId) {
        List<long[]> rows = jdbc.query(FIND, (rs, i) -> {
            if (!"PENDING".equals(rs.getString(3))) {
                // also what a run killed after its commit hears again: the decision is made, nothing more to do
                throw new IllegalArgumentException("review pair " + pairId + " was already decided: " + rs.getString(3)
                        + (rs.getString(4) == null ? "" : " on " + rs.getString(4))
                        + (rs.getString(3).equals("ACCEPTED") ? " (the two records are record "
                        + Math.min(rs.getLong(1), rs.getLong(2)) + ")" : "") + "; nothing changed");
            }
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }, pairId);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no review pair " + pairId + " (credit-pipeline review list shows them)");
        }
        return rows.get(0);
    }

}
