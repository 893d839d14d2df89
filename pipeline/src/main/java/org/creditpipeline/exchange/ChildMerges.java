package org.creditpipeline.exchange;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A child's merges and their undoing as this node applies them (table {@code exchange_origin_merge}, V28). A child's
 * MERGE makes the absorbed child record's staged rows here follow the survivor's origin (so the origin rule merges this
 * node's copies); the rows it rewrote are remembered. The child's unmerge (the restored record's INSERT with
 * {@code unmergedFrom}) gives exactly those rows their origin back, in the same staging transaction and in the
 * package's change order, so a merge and its undoing in one package leave nothing merged. After the consolidation,
 * {@link #follow} splits this node's record as {@code record unmerge} would, when this node merged it because of the
 * child's merge; when this node had joined the two by its own evidence, it keeps them and says so (docs/
 * CONSOLIDATION.md, "At the parent").
 */
final class ChildMerges {

    private static final Logger log = LoggerFactory.getLogger(ChildMerges.class);

    static final String FOLLOWED = "FOLLOWED";
    static final String APART = "APART";
    static final String KEPT_MERGED = "KEPT_MERGED";

    /** A MERGE or an unmerge of a package, in change order. */
    sealed interface Change permits Merge, Unmerge {
        long seq();
    }

    /** The child's record {@code survivor} absorbed {@code absorbed}. */
    record Merge(long seq, long survivor, List<Long> absorbed) implements Change {
    }

    /** The child restored {@code recordId} from {@code from}. */
    record Unmerge(long seq, long recordId, long from, String reason, String actor) implements Change {
    }

    /**
     * An unmerge staged and not decided yet: the merge it undoes ({@code mergeFile} the ingest_file of the MERGE's
     * package, 0 and {@code mergeKnown} false when this node applied the merge before V28).
     */
    private record Pending(long id, String child, String absorbed, String survivor, String reason, boolean mergeKnown,
                           long mergeFile) {
    }

    /** What this node did about one child unmerge. */
    record Decided(long childRecord, String outcome, String note, Long parentRecord) {
    }

    /**
     * The child's rows of the absorbed record follow the survivor, except the package's own rows of changes after the
     * merge (the restored record's INSERT when the merge is undone in the same package).
     */
    private static final String FOLLOW_SURVIVOR = """
            UPDATE staged_record SET origin_key = ?
             WHERE origin_key = ? AND NOT (file_id = ? AND source_row > ?)
            RETURNING id""";
    private static final String REMEMBER_MERGE = """
            INSERT INTO exchange_origin_merge (child_node, absorbed_origin, survivor_origin, merge_seq, merge_package,
                                               merge_file_id, staged_rows)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String OPEN_MERGES = """
            SELECT id FROM exchange_origin_merge
             WHERE child_node = ? AND absorbed_origin = ? AND unmerge_seq IS NULL ORDER BY id""";
    /** An unmerge of a merge this node has no record of (applied before V28): remembered for the decision. */
    private static final String UNKNOWN_MERGE = """
            INSERT INTO exchange_origin_merge (child_node, absorbed_origin, survivor_origin) VALUES (?, ?, ?)
            RETURNING id""";
    /** The origin the rewritten rows carry now: the survivor's, or that of a record that absorbed it later. */
    private static final String CHAIN_ORIGIN = """
            SELECT min(s.origin_key) FROM staged_record s
             WHERE s.id IN (SELECT unnest(staged_rows) FROM exchange_origin_merge WHERE id = ?) AND s.origin_key <> ?""";
    /**
     * The rewritten rows get their origin back, except those an undone merge of another record gave theirs back to
     * already (a record merged into this one before, and restored since).
     */
    private static final String GIVE_BACK = """
            UPDATE staged_record s SET origin_key = e.absorbed_origin
              FROM exchange_origin_merge e
             WHERE e.id = ? AND s.id IN (SELECT unnest(staged_rows) FROM exchange_origin_merge WHERE id = ?)
               AND s.origin_key IS DISTINCT FROM e.absorbed_origin
               AND NOT EXISTS (SELECT 1 FROM exchange_origin_merge o
                                WHERE o.id <> e.id AND o.unmerge_seq IS NOT NULL AND o.absorbed_origin = s.origin_key
                                  AND s.id = ANY (o.staged_rows))""";
    private static final String REMEMBER_UNMERGE = """
            UPDATE exchange_origin_merge
               SET unmerge_seq = ?, unmerge_package = ?, unmerge_reason = ?, unmerge_actor = ?,
                   followed_origin = coalesce(?, survivor_origin)
             WHERE id = ?""";
    private static final String PENDING = """
            SELECT id, child_node, absorbed_origin, followed_origin, unmerge_reason, merge_seq IS NOT NULL,
                   coalesce(merge_file_id, 0)
              FROM exchange_origin_merge WHERE unmerge_seq IS NOT NULL AND outcome IS NULL ORDER BY id""";
    /** The absorbed child record's rows here: those the merge rewrote, and its versions since (the restored one). */
    private static final String ABSORBED_ROWS = """
            SELECT id FROM staged_record WHERE origin_key = ?
            UNION SELECT unnest(staged_rows) FROM exchange_origin_merge WHERE id = ?""";
    /** The survivor's rows here, and whether they were staged before the package of the merge. */
    private static final String SURVIVOR_ROWS = "SELECT id, file_id < ? FROM staged_record WHERE origin_key = ?";
    private static final String HOLDERS = """
            SELECT DISTINCT record_id FROM record_source WHERE staged_record_id = ANY (?) ORDER BY 1""";
    /** This node's merges into {@code record} since the child's merge reached it, oldest first. */
    private static final String MERGES_SINCE = """
            SELECT m.absorbed_id, m.source_rows
              FROM record_merge m JOIN record_redirect r ON r.old_id = m.absorbed_id AND r.new_id = ?
             WHERE m.unmerged_at IS NULL
               AND m.merged_at > (SELECT applied_at FROM exchange_origin_merge WHERE id = ?)
             ORDER BY m.id""";
    private static final String DECIDE = """
            UPDATE exchange_origin_merge SET outcome = ?, outcome_note = ?, parent_record = ?, decided_at = now()
             WHERE id = ?""";
    private static final String DECIDED = """
            SELECT absorbed_origin, outcome, outcome_note, parent_record FROM exchange_origin_merge
             WHERE unmerge_package = ? AND outcome IS NOT NULL ORDER BY id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<UnmergeStep> unmerge;

    ChildMerges(JdbcTemplate jdbc, TransactionTemplate tx, ObjectProvider<UnmergeStep> unmerge) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.unmerge = unmerge;
    }

    /** Applies a package's merges and unmerges to the origins of the staged rows, in change order (staging's transaction). */
    void apply(String child, String packageId, long fileId, List<Change> changes) {
        for (Change c : changes) {
            if (c instanceof Merge m) {
                for (long absorbed : m.absorbed()) {
                    merge(child, packageId, fileId, m.seq(), m.survivor(), absorbed);
                }
            } else if (c instanceof Unmerge u) {
                unmerge(child, packageId, u);
            }
        }
    }

    private void merge(String child, String packageId, long fileId, long seq, long survivor, long absorbed) {
        String to = child + ":" + survivor;
        String from = child + ":" + absorbed;
        List<Long> rows = jdbc.queryForList(FOLLOW_SURVIVOR, Long.class, to, from, fileId, seq);
        jdbc.update(con -> {
            var ps = con.prepareStatement(REMEMBER_MERGE);
            ps.setString(1, child);
            ps.setString(2, from);
            ps.setString(3, to);
            ps.setLong(4, seq);
            ps.setString(5, packageId);
            ps.setLong(6, fileId);
            ps.setArray(7, con.createArrayOf("bigint", rows.toArray()));
            return ps;
        });
        log.info("Node {} merged {} into {}: {} staged rows follow {}", child, absorbed, survivor, rows.size(), to);
    }

    private void unmerge(String child, String packageId, Unmerge u) {
        String origin = child + ":" + u.recordId();
        List<Long> merges = jdbc.queryForList(OPEN_MERGES, Long.class, child, origin);
        if (merges.isEmpty()) {
            merges = List.of(jdbc.queryForObject(UNKNOWN_MERGE, Long.class, child, origin, child + ":" + u.from()));
        }
        for (long id : merges) {
            String chain = jdbc.queryForObject(CHAIN_ORIGIN, String.class, id, origin);
            int rows = jdbc.update(GIVE_BACK, id, id);
            jdbc.update(REMEMBER_UNMERGE, u.seq(), packageId, u.reason(), u.actor(), chain, id);
            log.info("Node {} restored record {} from {}: {} staged rows follow {} again", child, u.recordId(),
                    u.from(), rows, origin);
        }
    }

    /**
     * Decides every child unmerge staged and not decided yet (after a killed receive too): this node's record that
     * holds both child records is split when this node merged it because of the child's merge, each in a transaction
     * of its own with its decision.
     */
    List<ReceiveSummary.Unmerge> follow() {
        List<Pending> pending = jdbc.query(PENDING, (rs, i) -> new Pending(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getLong(7)));
        List<ReceiveSummary.Unmerge> out = new ArrayList<>();
        for (Pending p : pending) {
            Decided d = tx.execute(status -> {
                Decided decided = decide(p);
                jdbc.update(DECIDE, decided.outcome(), decided.note(), decided.parentRecord(), p.id());
                return decided;
            });
            log.info("Unmerge of {} at node {}: {} ({})", p.absorbed(), p.child(), d.outcome(), d.note());
            out.add(new ReceiveSummary.Unmerge(p.child(), d.childRecord(), idOf(p.survivor()), d.outcome(),
                    d.parentRecord(), d.note()));
        }
        return out;
    }

    private Decided decide(Pending p) {
        long id = p.id();
        String child = p.child();
        String absorbed = p.absorbed();
        String survivor = p.survivor();
        long childRecord = idOf(absorbed);
        List<Long> absorbedRows = jdbc.queryForList(ABSORBED_ROWS, Long.class, absorbed, id);
        Set<Long> mine = new HashSet<>(absorbedRows);
        List<Long> survivorRows = new ArrayList<>();
        Set<Long> survivorBefore = new HashSet<>();
        jdbc.query(SURVIVOR_ROWS, rs -> {
            if (!mine.contains(rs.getLong(1))) {
                survivorRows.add(rs.getLong(1));
                if (rs.getBoolean(2)) {
                    survivorBefore.add(rs.getLong(1));
                }
            }
        }, p.mergeFile(), survivor);
        List<Long> a = holders(absorbedRows);
        List<Long> b = holders(survivorRows);
        List<Long> both = a.stream().filter(b::contains).toList();
        if (a.isEmpty() || b.isEmpty() || both.isEmpty()) {
            return new Decided(childRecord, APART, a.isEmpty() || b.isEmpty()
                    ? "nothing to split here: this node holds no record of " + (a.isEmpty() ? absorbed : survivor)
                    : "apart here already: " + absorbed + " in record " + a + ", " + survivor + " in record " + b,
                    a.isEmpty() ? null : a.get(0));
        }
        long record = both.get(0);
        if (!p.mergeKnown()) {
            return new Decided(childRecord, KEPT_MERGED, "record " + record + " holds both " + absorbed + " and "
                    + survivor + ", merged here before merges of children were remembered (V28): not split;"
                    + " if the merge is wrong here too, 'record show " + record + "' and 'record unmerge ID' here"
                    + " / 上级节点未随下级拆分，请人工核实", record);
        }
        Long restore = mergeToUndo(id, record, mine, survivorBefore);
        if (restore == null) {
            return new Decided(childRecord, KEPT_MERGED, "record " + record + " holds both " + absorbed + " and "
                    + survivor + " by this node's own evidence (joined here before node '" + child + "' merged them:"
                    + " a review pair accepted here, the same keys, another child's record): kept as one record;"
                    + " if it is wrong here too, 'record show " + record + "' and 'record unmerge ID' here"
                    + " / 上级节点依据本级证据合并，未随下级拆分", record);
        }
        try {
            UnmergeStep.Undone undone = unmerge.getObject().undo(restore, "unmerged at child " + child
                    + (p.reason() == null || p.reason().isBlank() ? "" : ": " + p.reason()), child);
            // the record that holds the child's restored record now: the restored one, or the survivor when this
            // node's oldest id held the child's absorbed record
            List<Long> now = holders(absorbedRows);
            long parent = now.size() == 1 ? now.get(0) : undone.restoredId();
            return new Decided(childRecord, FOLLOWED, "record " + undone.restoredId() + " taken out of record "
                    + undone.survivorId() + " here, as at node '" + child + "'", parent);
        } catch (IllegalArgumentException e) {
            return new Decided(childRecord, KEPT_MERGED, "record " + restore + " could not be taken out of record "
                    + record + " here: " + e.getMessage() + " / 上级节点未能随下级拆分", record);
        }
    }

    /**
     * The first merge into {@code record} since the child's merge arrived that put the absorbed child record's rows on
     * one side and the survivor's on the other: the merge the child's merge caused. Null when there is none (this
     * node had joined them already, by its own evidence). The survivor's rows compared are those from before the
     * merge's package: the child's merged record, staged with the MERGE, may have joined either side by its key.
     */
    private Long mergeToUndo(long id, long record, Set<Long> absorbedRows, Set<Long> survivorRows) {
        for (Object[] m : jdbc.query(MERGES_SINCE, (rs, i) -> new Object[] {rs.getLong(1), longs(rs.getArray(2))},
                record, id)) {
            @SuppressWarnings("unchecked")
            List<Long> rows = (List<Long>) m[1];
            boolean hasAbsorbed = rows.stream().anyMatch(absorbedRows::contains);
            boolean hasSurvivor = rows.stream().anyMatch(survivorRows::contains);
            if (hasAbsorbed != hasSurvivor) {
                return (Long) m[0];
            }
        }
        return null;
    }

    private List<Long> holders(List<Long> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        return jdbc.query(con -> {
            var ps = con.prepareStatement(HOLDERS);
            ps.setArray(1, con.createArrayOf("bigint", rows.toArray()));
            return ps;
        }, (rs, i) -> rs.getLong(1));
    }

    /** What this node decided about the unmerges of a package, by the child's restored record id. */
    Map<Long, Decided> decided(String packageId) {
        Map<Long, Decided> out = new HashMap<>();
        jdbc.query(DECIDED, rs -> {
            long childRecord = idOf(rs.getString(1));
            out.put(childRecord, new Decided(childRecord, rs.getString(2), rs.getString(3),
                    (Long) rs.getObject(4, Long.class)));
        }, packageId);
        return out;
    }

    private static long idOf(String origin) {
        return Long.parseLong(origin.substring(origin.lastIndexOf(':') + 1));
    }

    private static List<Long> longs(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((Long[]) a.getArray());
    }
}
