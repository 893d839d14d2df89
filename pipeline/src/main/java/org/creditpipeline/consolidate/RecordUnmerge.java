package org.creditpipeline.consolidate;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.creditpipeline.db.NodeLock;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.SubjectKind;
import org.creditpipeline.support.Failpoints;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Undoes a wrong merge ({@code record unmerge ID}): the absorbed record comes back under its old id with the staged
 * rows, keys and status-audit entries it had when it was absorbed (the merge history, V26), plus the rows that joined
 * the survivor since and are its own beyond doubt (a key it owned, or a newer version of one of its child records);
 * survivorship is recomputed for both, the redirect goes, the pair is rejected so that no run merges it again, and
 * both records get a change-log entry for the next push. One transaction under the node lock.
 */
@Service
public class RecordUnmerge {

    /**
     * What an unmerge did.
     *
     * @param restoredRows the staged rows the restored record holds again
     * @param laterRows those of them that joined the survivor after the merge
     * @param keys the match keys it owns again (those it owned, and those of rows that came back with it)
     * @param redirects ids merged into it before it was absorbed, which redirect to it again
     * @param changes the change-log entries: the restored record's, then the survivor's
     * @param originsGivenBack at a parent, the child's origin keys rows took back (shared → the child record's own)
     */
    public record Result(long recordId, long survivorId, String mergedAt, String mergeReason, List<Long> restoredRows,
                         List<Long> laterRows, List<String> keys, List<Long> redirects, long reviewPairId,
                         List<Long> changes, String survivorStatus, Map<String, String> originsGivenBack) {
    }

    private static final String LIVE = "SELECT count(*) FROM consolidated_record WHERE id = ?";
    private static final String ABSORBED_INTO = "SELECT old_id FROM record_redirect WHERE new_id = ? ORDER BY old_id";
    private static final String REDIRECT = """
            SELECT new_id, reason, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
              FROM record_redirect WHERE old_id = ?""";
    private static final String HISTORY = """
            SELECT id, survivor_id, reason, to_char(merged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                   source_rows, match_keys, audit_ids
              FROM record_merge WHERE absorbed_id = ? AND unmerged_at IS NULL ORDER BY id DESC LIMIT 1""";
    /** Every row of the survivor now, whether it was linked after the merge, and what its exact key is made of. */
    private static final String SURVIVOR_ROWS = """
            SELECT s.id, rs.linked_at > m.merged_at, s.origin_key, s.record_kind, s.subject_kind, s.subject_name,
                   s.uscc, s.org_code, s.id_type, s.id_number, s.document_number, s.document_number_key,
                   s.authority_name, s.authority_uscc, s.decision_date, s.fine_amount, s.work_unit,
                   CASE WHEN s.document_number_key IS NULL
                             OR s.subject_kind IS NULL OR s.subject_kind IN ('NATURAL_PERSON', 'CIVIL_SERVANT')
                        THEN s.category END
              FROM record_source rs JOIN staged_record s ON s.id = rs.staged_record_id, record_merge m
             WHERE rs.record_id = ? AND m.id = ?
             ORDER BY s.id""";
    private static final String KEYS_OF = "SELECT match_key FROM record_key WHERE record_id = ? ORDER BY 1";
    private static final String RESTORE_RECORD = """
            INSERT INTO consolidated_record
            SELECT * FROM jsonb_populate_record(NULL::consolidated_record, (SELECT absorbed FROM record_merge WHERE id = ?))""";
    private static final String MOVE_ROWS = "UPDATE record_source SET record_id = ? WHERE staged_record_id = ANY (?)";
    private static final String MOVE_KEYS = "UPDATE record_key SET record_id = ? WHERE record_id = ? AND match_key = ANY (?)";
    private static final String MOVE_AUDIT = "UPDATE status_audit SET record_id = ? WHERE record_id = ? AND id = ANY (?)";
    private static final String GIVE_ORIGIN_BACK = """
            UPDATE staged_record SET origin_key = ? WHERE id = ANY (?) AND origin_key = ?""";
    private static final String DROP_REDIRECT = "DELETE FROM record_redirect WHERE old_id = ?";
    /** Ids the restored record had absorbed before it was absorbed itself (and not undone since) point to it again. */
    private static final String NESTED_REDIRECTS = """
            UPDATE record_redirect r SET new_id = ?
              FROM record_merge m
             WHERE m.survivor_id = ? AND m.unmerged_at IS NULL AND m.id < ?
               AND r.old_id = m.absorbed_id AND r.new_id = ?
            RETURNING r.old_id""";
    private static final String TOUCHED = """
            CREATE TEMP TABLE cw_touched ON COMMIT DROP AS
            SELECT unnest(ARRAY[?, ?]::bigint[]) AS record_id, false AS is_new, 0::bigint AS new_rows""";
    private static final String NO_MEMBERS = """
            CREATE TEMP TABLE cw_member (staged_id bigint, gid bigint, record_id bigint, match_stage text, score real)
            ON COMMIT DROP""";
    private static final String UPDATE_RECORDS = """
            UPDATE consolidated_record c
               SET (%1$s) = (%2$s), subject_key = %3$s, field_sources = s.field_sources, source_count = s.source_count,
                   version = c.version + 1, updated_at = now()
              FROM cw_survivor s
             WHERE c.id = s.id""";
    /**
     * The survivor gives back the absorbed record's status decision it took in the merge ("the latest decision
     * survives") when nothing was decided on it since: it then has exactly the absorbed record's status, and its own
     * from before the merge differs.
     */
    private static final String SURVIVOR_STATUS = """
            UPDATE consolidated_record c
               SET status = m.survivor ->> 'status', status_reason = m.survivor ->> 'status_reason',
                   status_ref = m.survivor ->> 'status_ref',
                   status_changed_at = (m.survivor ->> 'status_changed_at')::timestamptz
              FROM record_merge m
             WHERE c.id = ? AND m.id = ? AND m.survivor_id = c.id
               AND (c.status, c.status_reason, c.status_ref, c.status_changed_at)
                   IS NOT DISTINCT FROM (m.absorbed ->> 'status', m.absorbed ->> 'status_reason',
                                         m.absorbed ->> 'status_ref', (m.absorbed ->> 'status_changed_at')::timestamptz)
               AND (c.status, c.status_reason, c.status_ref, c.status_changed_at)
                   IS DISTINCT FROM (m.survivor ->> 'status', m.survivor ->> 'status_reason',
                                     m.survivor ->> 'status_ref', (m.survivor ->> 'status_changed_at')::timestamptz)
               AND NOT EXISTS (SELECT 1 FROM status_audit a WHERE a.record_id = c.id AND a.changed_at > m.merged_at)
            RETURNING (SELECT x.status FROM consolidated_record x WHERE x.id = c.id), c.status""";
    private static final String STATUS_AUDIT = """
            INSERT INTO status_audit (record_id, old_status, new_status, reason, actor, seq) VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String REJECT_PAIR = """
            INSERT INTO review_pair (left_record_id, right_record_id, score, reasons, status, decided_at)
            VALUES (least(?, ?), greatest(?, ?), 0, ?, 'REJECTED', now())
            ON CONFLICT (left_record_id, right_record_id) DO UPDATE
               SET status = 'REJECTED', decided_at = now(), reasons = review_pair.reasons || '; ' || EXCLUDED.reasons
            RETURNING id""";
    /** Numbered as consolidation numbers its changes: the last plus one, under the node lock, gap-free. */
    private static final String CHANGE = """
            INSERT INTO change_log (seq, record_id, change_type, version, reason)
            SELECT (SELECT coalesce(max(seq), 0) FROM change_log) + 1, id, ?, version, ?
              FROM consolidated_record WHERE id = ?
            RETURNING seq""";
    private static final String DONE = """
            UPDATE record_merge SET unmerged_at = now(), unmerge_reason = ?, unmerge_actor = ?, unmerge_seq = ?,
                   unmerged_from = ?
             WHERE id = ?""";
    private static final String STATUS_OF = "SELECT status FROM consolidated_record WHERE id = ?";
    /** The last undoing of a merge of the record, when it is a record of its own again. */
    private static final String UNDONE = """
            SELECT coalesce(unmerged_from, survivor_id),
                   to_char(unmerged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), unmerge_actor, unmerge_reason
              FROM record_merge WHERE absorbed_id = ? AND unmerged_at IS NOT NULL ORDER BY id DESC LIMIT 1""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final NodeLock nodeLock;
    private final SurvivorshipConfig survivorship;
    private final IdKeys idKeys;

    public RecordUnmerge(JdbcTemplate jdbc, TransactionTemplate transaction, NodeLock nodeLock,
                         SurvivorshipConfig consolidationConfig, IdKeys idKeys) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.nodeLock = nodeLock;
        this.survivorship = consolidationConfig;
        this.idKeys = idKeys;
    }

    /**
     * Restores record {@code id}, merged into another, as a record of its own. Refused (IllegalArgumentException, and
     * nothing changes) for an id that is not a merged-away record, a merge made before the history was kept, or two
     * records whose rows share an exact key; IllegalStateException while a consolidation run is unfinished.
     */
    public Result unmerge(long id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an unmerge needs a reason (--reason TEXT): it goes into the audit entry");
        }
        nodeLock.acquire();
        ConsolidationService.requireLastRunCompleted(jdbc, "undoing a merge");
        idKeys.ensureRekeyed();
        Result result = transaction.execute(status -> {
            Result r = apply(id, reason.strip(), actor);
            Failpoints.reach("unmerge.after-restore"); // restored and logged, not committed
            return r;
        });
        Failpoints.reach("unmerge.after-commit");
        return result;
    }

    /**
     * {@link #unmerge} for {@code receive} following a child's unmerge (docs/CONSOLIDATION.md, "At the parent"): the
     * caller holds the node lock, has just consolidated, and runs the transaction this joins. A refusal is thrown
     * before anything is written, so the caller's transaction stays usable and can record why it did not follow.
     */
    public Result unmergeInTransaction(long id, String reason, String actor) {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("unmergeInTransaction needs the caller's transaction");
        }
        return apply(id, reason.strip(), actor);
    }

    private record History(long id, long survivorAtMerge, String reason, String mergedAt, List<Long> rows,
                           List<String> keys, List<Long> audits) {
    }

    private record Row(long id, boolean later, String origin, String key) {
    }

    private Result apply(long id, String reason, String actor) {
        if (jdbc.queryForObject(LIVE, Long.class, id) > 0) {
            List<Long> absorbed = jdbc.queryForList(ABSORBED_INTO, Long.class, id);
            // a merge undone already (also what a run killed after its commit hears again): say when and by whom
            List<String> undone = jdbc.query(UNDONE, (rs, i) -> " again: its merge into record " + rs.getLong(1)
                    + " was undone on " + rs.getString(2) + " by " + rs.getString(3) + " (" + rs.getString(4)
                    + "); nothing changed", id);
            throw new IllegalArgumentException("record " + id + " is a record of its own"
                    + (undone.isEmpty() ? ", not one merged into another" : undone.get(0))
                    + (absorbed.isEmpty() ? "" : " (the ids merged into it: " + absorbed
                    + "; 'record unmerge' takes one of those)"));
        }
        List<Object[]> redirect = jdbc.query(REDIRECT, (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2),
                rs.getString(3)}, id);
        if (redirect.isEmpty()) {
            throw new IllegalArgumentException("no record " + id + " here, merged or not ('record find' looks"
                    + " records up)");
        }
        long survivor = (Long) redirect.get(0)[0];
        List<History> found = jdbc.query(HISTORY, (rs, i) -> new History(rs.getLong(1), rs.getLong(2),
                rs.getString(3), rs.getString(4), longs(rs.getArray(5)), texts(rs.getArray(6)),
                longs(rs.getArray(7))), id);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("record " + id + " was merged into record " + survivor + " on "
                    + redirect.get(0)[2] + " (" + redirect.get(0)[1] + ") before merges were remembered (V26): which"
                    + " source rows and keys were its own is not known, so the merge cannot be undone exactly;"
                    + " nothing changed (record show " + survivor + " lists the rows)");
        }
        History h = found.get(0);

        IdPepper pepper = idKeys.pepper();
        List<Row> rows = jdbc.query(SURVIVOR_ROWS, (rs, i) -> row(rs, pepper), survivor, h.id());
        Set<Long> recorded = new HashSet<>(h.rows());
        Set<String> ownKeys = new HashSet<>(h.keys());
        // a row that came in after the merge is the absorbed record's only when it is beyond doubt: through a key the
        // absorbed record owned, or as a newer version of a child's record whose earlier versions were its own
        Set<String> ownOrigins = new HashSet<>();
        Set<String> otherOrigins = new HashSet<>();
        for (Row r : rows) {
            if (r.origin() != null && !r.later()) {
                (recorded.contains(r.id()) ? ownOrigins : otherOrigins).add(r.origin());
            }
        }
        List<Long> moving = new ArrayList<>();
        List<Long> later = new ArrayList<>();
        List<Row> staying = new ArrayList<>();
        for (Row r : rows) {
            boolean own = recorded.contains(r.id());
            if (!own && r.later() && (ownKeys.contains(r.key())
                    || r.origin() != null && ownOrigins.contains(r.origin()) && !otherOrigins.contains(r.origin()))) {
                own = true;
                later.add(r.id());
            }
            if (own) {
                moving.add(r.id());
            } else {
                staying.add(r);
            }
        }
        if (moving.isEmpty()) {
            throw new IllegalArgumentException("none of record " + id + "'s source rows is in record " + survivor
                    + " any more: nothing to restore; nothing changed");
        }
        if (staying.isEmpty()) {
            throw new IllegalArgumentException("record " + survivor + " would keep no source row of its own: every row"
                    + " it holds was record " + id + "'s; nothing changed");
        }
        requireNoSharedKey(id, survivor, rows, moving, staying, ownKeys);
        List<OriginBack> origins = childOrigins(id, survivor, moving, rows);
        List<Long> stayingIds = staying.stream().map(Row::id).toList();

        jdbc.execute(ConsolidationService.CLEAR_WORK);
        jdbc.update(RESTORE_RECORD, h.id());
        jdbc.update(MOVE_ROWS, id, array(moving));
        origins.forEach(o -> jdbc.update(GIVE_ORIGIN_BACK, o.to(), array(o.restored() ? moving : stayingIds),
                o.from()));
        // the keys it owned, and those its rows are keyed by now (a row that came back created its key in the survivor)
        Set<String> keys = new java.util.TreeSet<>(h.keys());
        Set<Long> mine = new HashSet<>(moving);
        rows.stream().filter(r -> mine.contains(r.id())).map(Row::key).forEach(keys::add);
        jdbc.update(MOVE_KEYS, id, survivor, jdbc.execute((java.sql.Connection c) ->
                c.createArrayOf("text", keys.toArray())));
        jdbc.update(MOVE_AUDIT, id, survivor, array(h.audits()));
        jdbc.update(DROP_REDIRECT, id);
        List<Long> nested = jdbc.queryForList(NESTED_REDIRECTS, Long.class, id, id, h.id(), survivor);
        recompute(id, survivor);
        List<String[]> statusChange = jdbc.query(SURVIVOR_STATUS,
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, survivor, h.id());
        long pair = jdbc.queryForObject(REJECT_PAIR, Long.class, id, survivor, id, survivor,
                "merge undone by " + actor + ": " + reason);
        String note = "record " + id + " unmerged from record " + survivor + " by " + actor + ": " + reason;
        long restoredSeq = jdbc.queryForObject(CHANGE, Long.class, "INSERT", note, id);
        long survivorSeq = jdbc.queryForObject(CHANGE, Long.class, statusChange.isEmpty() ? "UPDATE" : "STATUS", note,
                survivor);
        jdbc.query(RecordWriter.SYNC_SEQUENCE, rs -> { });
        String survivorStatus = jdbc.queryForObject(STATUS_OF, String.class, survivor);
        if (!statusChange.isEmpty()) {
            // the status the survivor had only through the absorbed record: given back, audited like any change
            jdbc.update(STATUS_AUDIT, survivor, statusChange.get(0)[0], statusChange.get(0)[1], note, actor,
                    survivorSeq);
        }
        jdbc.update(DONE, reason, actor, restoredSeq, survivor, h.id());
        List<Long> restored = new ArrayList<>(moving);
        restored.sort(null);
        return new Result(id, survivor, h.mergedAt(), h.reason(), restored, later,
                jdbc.queryForList(KEYS_OF, String.class, id), nested, pair,
                List.of(restoredSeq, survivorSeq), survivorStatus,
                new java.util.TreeMap<>(origins.stream().collect(java.util.stream.Collectors.toMap(OriginBack::from,
                        OriginBack::to))));
    }

    /**
     * Two records whose rows have the same exact key (kind, subject, 文号 or decision) are one decision to
     * consolidation: kept apart here, the next row with that key would join only one of them and the rows of the
     * same decision would stay split. Such a merge is not a wrong one by the keys; it is refused.
     */
    private static void requireNoSharedKey(long id, long survivor, List<Row> rows, List<Long> moving,
                                           List<Row> staying, Set<String> ownKeys) {
        Set<Long> mine = new HashSet<>(moving);
        Map<String, Long> restoredKeys = new HashMap<>();
        for (Row r : rows) {
            if (mine.contains(r.id())) {
                restoredKeys.putIfAbsent(r.key(), r.id());
            }
        }
        ownKeys.forEach(k -> restoredKeys.putIfAbsent(k, null));
        Set<String> shared = new LinkedHashSet<>();
        for (Row r : staying) {
            if (restoredKeys.containsKey(r.key())) {
                shared.add(r.key());
            }
        }
        if (!shared.isEmpty()) {
            throw new IllegalArgumentException("records " + id + " and " + survivor + " have source rows with the same"
                    + " exact key " + String.join(", ", shared) + " (same kind, subject and 文号 or decision): by their"
                    + " keys they are the same decision, and consolidation would take their rows for one record again;"
                    + " not unmerged, nothing changed");
        }
    }

    /** A shared origin given back to the rows of one side: {@code restored} (the rows coming back) or the survivor's. */
    private record OriginBack(String from, String to, boolean restored) {
    }

    /**
     * A child's merge reaches this node as a rewrite of origin keys (the absorbed child record's rows take the
     * survivor's, docs/EXCHANGE.md) and a merge by the origin rule, so both records' rows carry one origin here: left
     * so, the origin rule would join them again at the child's next change. Once the child has undone its merge and
     * pushed, the child record it restored has a row here with its own origin again — on the side coming back or on
     * the survivor's, since this node's oldest id need not hold the child's survivor — and the rows of that side that
     * carry the shared origin get it back. Before that, the unmerge is refused.
     */
    private static List<OriginBack> childOrigins(long id, long survivor, List<Long> moving, List<Row> rows) {
        Set<Long> mine = new HashSet<>(moving);
        Set<String> restoredOrigins = new HashSet<>();
        Set<String> stayingOrigins = new HashSet<>();
        for (Row r : rows) {
            if (r.origin() != null) {
                (mine.contains(r.id()) ? restoredOrigins : stayingOrigins).add(r.origin());
            }
        }
        List<OriginBack> back = new ArrayList<>();
        for (String shared : restoredOrigins.stream().filter(stayingOrigins::contains).sorted().toList()) {
            String child = shared.substring(0, shared.lastIndexOf(':') + 1);
            List<String> restoredOwn = ownOf(child, restoredOrigins, stayingOrigins);
            List<String> stayingOwn = ownOf(child, stayingOrigins, restoredOrigins);
            if (restoredOwn.size() == 1 && stayingOwn.isEmpty()) {
                back.add(new OriginBack(shared, restoredOwn.get(0), true));
            } else if (stayingOwn.size() == 1 && restoredOwn.isEmpty()) {
                back.add(new OriginBack(shared, stayingOwn.get(0), false));
            } else {
                String node = child.substring(0, child.length() - 1);
                throw new IllegalArgumentException("records " + id + " and " + survivor + " hold rows of one record of"
                        + " node '" + node + "' (" + shared + "): the merge was made at node '" + node + "' and applied"
                        + " here by the origin rule; undo it there first (record unmerge there, then push), receive"
                        + " here, then unmerge here; nothing changed");
            }
        }
        return back;
    }

    /** The origins of one child that only this side's rows carry. */
    private static List<String> ownOf(String child, Set<String> side, Set<String> other) {
        return side.stream().filter(o -> o.startsWith(child) && !other.contains(o)).sorted().toList();
    }

    /** Survivorship for the two records over their rows now, as a consolidation run computes it. */
    private void recompute(long id, long survivor) {
        jdbc.execute("SET LOCAL max_parallel_workers_per_gather = 0");
        jdbc.update(TOUCHED, id, survivor);
        jdbc.execute(NO_MEMBERS);
        jdbc.execute(RecordWriter.survivorSql(survivorship, RecordWriter.hasAnyValue(jdbc)));
        RecordWriter.personKeys(jdbc, idKeys.pepper());
        jdbc.update(UPDATE_RECORDS.formatted(String.join(", ", RecordWriter.FIELDS), RecordWriter.prefixed("s."),
                RecordWriter.SUBJECT_KEY));
        jdbc.execute("DROP TABLE cw_survivor, cw_touched, cw_member, cw_person_key");
    }

    private static Row row(ResultSet rs, IdPepper pepper) throws SQLException {
        BigDecimal amount = rs.getBigDecimal(16);
        java.sql.Date date = rs.getDate(15);
        String subjectKind = rs.getString(5);
        MatchProfile p = MatchProfile.of(new MatchProfile.Row(RecordKind.valueOf(rs.getString(4)),
                subjectKind == null ? null : SubjectKind.valueOf(subjectKind), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), date == null ? null : date.toLocalDate(), amount, rs.getString(17),
                rs.getString(18)), pepper);
        long id = rs.getLong(1);
        return new Row(id, rs.getBoolean(2), rs.getString(3), p.groupKey(id));
    }

    private Array array(List<Long> ids) {
        return jdbc.execute((java.sql.Connection c) -> c.createArrayOf("bigint", ids.toArray()));
    }

    private static List<Long> longs(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((Long[]) a.getArray());
    }

    private static List<String> texts(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
