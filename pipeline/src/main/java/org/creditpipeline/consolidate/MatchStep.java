package org.creditpipeline.consolidate;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.creditpipeline.consolidate.PairScorer.Decision;
import org.creditpipeline.consolidate.PairScorer.Verdict;
import org.creditpipeline.ingest.CopyText;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.support.Failpoints;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Step 2, match. The exact stage is one {@code GROUP BY} of the run's rows by exact key, joined to the keys existing
 * records own. Only what is left goes through Java: origin links (rows of one child record whose keys changed) and
 * candidate pairs of residual groups (no full identifier) found through two blocking keys — record kind + document
 * key, and record kind + canonical name + decision date — scored by {@link PairScorer} and clustered with
 * {@link UnionFind} under the cannot-link rule. Results go to the link, merge and review work tables.
 */
class MatchStep implements Tasklet {

    private static final String CLEAR = """
            TRUNCATE consolidate_work_group, consolidate_work_link, consolidate_work_merge, consolidate_work_review""";
    /**
     * One group per exact key, with the profile of its first row and the record that already owns the key (looked up
     * by the key's hash, V17). A group's id (gid) is that first staged row's id: unique, and ordered as the rows
     * arrived (new record ids follow it), with no numbering pass over the groups.
     */
    private static final String GROUP_ROWS = """
            INSERT INTO consolidate_work_group (gid, group_key, first_staged_id, row_count, known_record_id, record_id,
                record_kind, person, residual, id_key, masked_id, name_key, doc_key, authority_key, authority_uscc,
                decision_date, amount, unit_key, category)
            SELECT f.first_id, f.group_key, f.first_id, f.n, k.record_id, k.record_id,
                   w.record_kind, w.person, w.residual, w.id_key, w.masked_id, w.name_key, w.doc_key, w.authority_key,
                   w.authority_uscc, w.decision_date, w.amount, w.unit_key, w.category
              FROM (SELECT group_key, min(staged_id) AS first_id, count(*) AS n
                      FROM consolidate_work_row GROUP BY group_key) f
              JOIN consolidate_work_row w ON w.staged_id = f.first_id
              LEFT JOIN record_key k ON k.match_hash = hashtextextended(f.group_key, 0) AND k.match_key = f.group_key""";
    /**
     * Groups holding rows of one origin record that do not already sit in one place: several groups of an origin,
     * or a group whose exact key points elsewhere than the record that origin already belongs to.
     */
    private static final String ORIGIN_LINKS = """
            WITH o AS (SELECT DISTINCT w.origin_key, g.gid, g.known_record_id, g.id_key
                         FROM consolidate_work_row w JOIN consolidate_work_group g ON g.group_key = w.group_key
                        WHERE w.origin_key IS NOT NULL),
                 r AS (SELECT DISTINCT s.origin_key, rs.record_id
                         FROM staged_record s JOIN record_source rs ON rs.staged_record_id = s.id
                        WHERE s.origin_key IN (SELECT origin_key FROM o))
            SELECT o.origin_key, o.gid, o.known_record_id, o.id_key, r.record_id
              FROM o LEFT JOIN r ON r.origin_key = o.origin_key
             WHERE o.origin_key IN (SELECT origin_key FROM o GROUP BY origin_key HAVING count(*) > 1)
                OR (r.record_id IS NOT NULL AND r.record_id IS DISTINCT FROM o.known_record_id)
             ORDER BY o.origin_key, o.gid""";
    private static final String PROFILE_A = """
            a.gid, a.known_record_id, a.record_kind, a.person, a.id_key, a.masked_id, a.name_key, a.doc_key,
            a.authority_key, a.authority_uscc, a.decision_date, a.amount, a.unit_key, a.category""";
    private static final String PROFILE_B = """
            b.record_kind, b.person, b.id_key, b.masked_id, b.name_key, b.doc_key, b.authority_key, b.authority_uscc,
            b.decision_date, b.amount, b.unit_key, b.category""";
    /**
     * The profile of an existing record's key for {@link #CANDIDATES}: a key without an identifier (a name, a masked
     * ID) stands for a record that may hold one through its other keys (a USCC row and a name-only row of one
     * penalty), so it carries the record's identifier — the cannot-link rule then sees it (the USCC, before an
     * 组织机构代码).
     */
    private static final String PROFILE_KEY = """
            b.record_kind, b.person,
            coalesce(b.id_key, (SELECT max(o.id_key) FROM record_key o WHERE o.record_id = b.record_id)),
            b.masked_id, b.name_key, b.doc_key, b.authority_key, b.authority_uscc, b.decision_date, b.amount,
            b.unit_key, b.category""";
    /**
     * The identifier of the record a group's exact key already belongs to: that record may hold one through its other
     * keys even when the group has none (tonight's name-only row of a record that also has a USCC row), and its node
     * in the clustering must carry it, or the cannot-link rule would let another identifier join the record.
     */
    private static final String KNOWN_ID_A = knownId("a");
    private static final String KNOWN_ID_B = knownId("b");

    private static String knownId(String group) {
        return "(SELECT max(o.id_key) FROM record_key o WHERE o.record_id = %1$s.known_record_id)".formatted(group);
    }

    /**
     * The 身份证 number behind a {@code P:} key, read only where the other side has a masked number to compare it with
     * ({@link MatchProfile#maskedAgreement}): a key holds the number's keyed hash only. A group's number is its first
     * staged row's; an existing record's is the record's, used when it hashes to the key ({@link #withClearId}).
     */
    private static final String CLEAR_ID_A = """
            CASE WHEN b.masked_id IS NOT NULL AND a.id_key LIKE 'P:%'
                 THEN (SELECT s.id_number FROM staged_record s WHERE s.id = a.first_staged_id) END""";
    private static final String CLEAR_ID_GROUP_B = """
            CASE WHEN a.masked_id IS NOT NULL AND b.id_key LIKE 'P:%'
                 THEN (SELECT s.id_number FROM staged_record s WHERE s.id = b.first_staged_id) END""";
    private static final String CLEAR_ID_KEY_B = """
            CASE WHEN a.masked_id IS NOT NULL AND b.masked_id IS NULL
                 THEN (SELECT c.id_number FROM consolidated_record c WHERE c.id = b.record_id) END""";

    /**
     * The person bridge's unit condition: the same identifier, or no identifiers that differ and work units of which
     * one may be the other with place names in front — without their 省 and 市, one ends with the other (贵阳南明区财政局
     * ends with 南明区财政局, 贵州贵阳市南明区财政局 with 贵阳南明区财政局). {@link SubjectNames#sameUnit} decides.
     */
    private static final String UNITS_MAY_AGREE = """
            (a.id_key = b.id_key
             OR (a.id_key IS NULL OR b.id_key IS NULL) AND a.unit_key IS NOT NULL AND b.unit_key IS NOT NULL
                AND (right(translate(a.unit_key, '省市', ''), length(translate(b.unit_key, '省市', '')))
                         = translate(b.unit_key, '省市', '')
                     OR right(translate(b.unit_key, '省市', ''), length(translate(a.unit_key, '省市', '')))
                         = translate(a.unit_key, '省市', '')))""";
    /**
     * Candidate pairs of residual groups: other groups of this run and keys of existing records in the same block.
     * Two residual groups are paired once (lower gid first). A new USCC group is also looked up, by index, among the
     * keys of existing records known only by the 组织机构代码 it holds (characters 9–17): the old record of the same
     * subject, consolidated in an earlier run, is residual only in the run it came in. Likewise a new group with a
     * full identifier looks up, by document key, the existing records known without any identifier (a name, a masked
     * ID; partial index {@code record_key_no_id_doc_idx}): the same penalty uploaded first without its USCC, or a
     * court-feed row with a masked ID before the full one, is found whichever night comes first.
     * <p>
     * The person bridge: people are blocked by name + decision date + the same categories + the same ID or a work unit
     * that may agree ({@link #UNITS_MAY_AGREE}), where at least one side has no 文号 — a county list's row known by name
     * and unit against the same person's row with an ID, or with a unit spelt with its place names, or the same
     * decision with its 文号. Never by name and date alone. Tonight's rows without 文号 against this run's groups and
     * every existing person key of that name and date (record_key_name_idx); tonight's rows with a 文号 against the
     * existing keys without one (partial index record_key_person_no_doc_idx, V25).
     */
    private static final String CANDIDATES = """
            SELECT %1$s, b.gid AS other_gid, b.known_record_id AS other_record, %2$s, %4$s, %5$s, %7$s, %8$s
              FROM consolidate_work_group a
              JOIN consolidate_work_group b ON b.record_kind = a.record_kind AND b.doc_key = a.doc_key AND b.gid <> a.gid
             WHERE a.residual AND a.doc_key IS NOT NULL AND (NOT b.residual OR b.gid > a.gid)
            UNION
            SELECT %1$s, b.gid, b.known_record_id, %2$s, %4$s, %5$s, %7$s, %8$s
              FROM consolidate_work_group a
              JOIN consolidate_work_group b ON b.record_kind = a.record_kind AND b.name_key = a.name_key
                                           AND b.decision_date = a.decision_date AND b.gid <> a.gid
             WHERE a.residual AND NOT a.person AND (NOT b.residual OR b.gid > a.gid)
            UNION
            SELECT %1$s, NULL, b.record_id, %3$s, %4$s, NULL, %7$s, %9$s
              FROM consolidate_work_group a
              JOIN record_key b ON b.record_kind = a.record_kind AND b.doc_key = a.doc_key
             WHERE a.residual AND a.doc_key IS NOT NULL AND b.record_id IS DISTINCT FROM a.known_record_id
            UNION
            SELECT %1$s, NULL, b.record_id, %3$s, %4$s, NULL, %7$s, %9$s
              FROM consolidate_work_group a
              JOIN record_key b ON b.record_kind = a.record_kind AND b.name_key = a.name_key
                               AND b.decision_date = a.decision_date
             WHERE a.residual AND NOT a.person AND b.record_id IS DISTINCT FROM a.known_record_id
            UNION
            SELECT %1$s, NULL, b.record_id, %3$s, %4$s, NULL, %7$s, %9$s
              FROM consolidate_work_group a
              JOIN record_key b ON b.id_key = 'O:' || substr(a.id_key, 11, 9) AND b.id_key LIKE 'O:%%'
                               AND b.record_kind = a.record_kind
             WHERE NOT a.residual AND a.id_key LIKE 'U:%%' AND length(a.id_key) = 20
               AND b.record_id IS DISTINCT FROM a.known_record_id
            UNION
            SELECT %1$s, NULL, b.record_id, %3$s, %4$s, NULL, %7$s, %9$s
              FROM consolidate_work_group a
              JOIN record_key b ON b.record_kind = a.record_kind AND b.doc_key = a.doc_key AND b.id_key IS NULL
             WHERE NOT a.residual AND a.doc_key IS NOT NULL AND b.record_id IS DISTINCT FROM a.known_record_id
            UNION
            SELECT %1$s, b.gid, b.known_record_id, %2$s, %4$s, %5$s, %7$s, %8$s
              FROM consolidate_work_group a
              JOIN consolidate_work_group b ON b.record_kind = a.record_kind AND b.name_key = a.name_key
                                           AND b.decision_date = a.decision_date AND b.category = a.category
                                           AND b.gid <> a.gid
             WHERE a.person AND b.person AND a.doc_key IS NULL AND (b.doc_key IS NOT NULL OR b.gid > a.gid)
               AND (a.known_record_id IS NULL OR a.known_record_id IS DISTINCT FROM b.known_record_id) AND %6$s
            UNION
            SELECT %1$s, NULL, b.record_id, %3$s, %4$s, NULL, %7$s, %9$s
              FROM consolidate_work_group a
              JOIN record_key b ON b.record_kind = a.record_kind AND b.name_key = a.name_key
                               AND b.decision_date = a.decision_date
             WHERE a.person AND a.doc_key IS NULL AND b.person AND b.category = a.category
               AND b.record_id IS DISTINCT FROM a.known_record_id AND %6$s
            UNION
            SELECT %1$s, NULL, b.record_id, %3$s, %4$s, NULL, %7$s, %9$s
              FROM consolidate_work_group a
              JOIN record_key b ON b.record_kind = a.record_kind AND b.name_key = a.name_key
                               AND b.decision_date = a.decision_date AND b.person AND b.doc_key IS NULL
             WHERE a.person AND a.doc_key IS NOT NULL AND b.category = a.category
               AND b.record_id IS DISTINCT FROM a.known_record_id AND %6$s
             ORDER BY 1""".formatted(PROFILE_A, PROFILE_B, PROFILE_KEY, KNOWN_ID_A, KNOWN_ID_B, UNITS_MAY_AGREE,
            CLEAR_ID_A, CLEAR_ID_GROUP_B, CLEAR_ID_KEY_B);
    /** Pairs an officer kept apart (review reject, record unmerge), by the records' ids now (a later merge moves them). */
    private static final String REJECTED_PAIRS = """
            SELECT coalesce(l.new_id, p.left_record_id), coalesce(r.new_id, p.right_record_id)
              FROM review_pair p
              LEFT JOIN record_redirect l ON l.old_id = p.left_record_id
              LEFT JOIN record_redirect r ON r.old_id = p.right_record_id
             WHERE p.status = 'REJECTED'""";
    private static final String COPY_LINKS =
            "COPY consolidate_work_link (gid, record_id, root_gid, match_stage, score) FROM STDIN";
    private static final String COPY_MERGES = "COPY consolidate_work_merge (old_id, new_id) FROM STDIN";
    private static final String COPY_REVIEWS = """
            COPY consolidate_work_review (left_gid, left_record_id, right_gid, right_record_id, score, reasons)
            FROM STDIN""";
    /** Largest component the fuzzy stage may build: a guard against chains through look-alike names. */
    private static final int MAX_COMPONENT = 50;

    private final DataSource dataSource;
    private final PairScorer scorer;
    private final IdPepper pepper;

    MatchStep(DataSource dataSource, PairScorer scorer, IdPepper pepper) {
        this.dataSource = dataSource;
        this.scorer = scorer;
        this.pepper = pepper;
    }

    /** An edge between two nodes: a group (its gid) or an existing record (minus its id). */
    private record Edge(long a, long b, boolean forced, String stage, double score, String reasons, Verdict verdict) {
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        Failpoints.reach("consolidate.after-keys");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("SET LOCAL work_mem = '256MB'");
        // The stores this job probes (record keys, records) are cached or on SSD: with the default cost of a random
        // page (4), a night's 70k key look-ups became a scan of all 7.8M record keys.
        jdbc.execute("SET LOCAL random_page_cost = 1.1");
        TimedSql sql = new TimedSql(jdbc, "match");
        jdbc.execute(CLEAR);
        jdbc.execute("ANALYZE consolidate_work_row");
        sql.run("exact groups", GROUP_ROWS);
        jdbc.execute("ANALYZE consolidate_work_group");

        UnionFind components = new UnionFind(MAX_COMPONENT);
        Map<Long, Long> knownRecord = new HashMap<>();
        List<Edge> edges = new ArrayList<>();
        originEdges(jdbc, components, knownRecord, edges);
        Set<Long> rejected = rejectedPairs(jdbc);
        long t0 = System.nanoTime();
        candidateEdges(jdbc, components, knownRecord, edges, rejected);
        TimedSql.timing(org.slf4j.LoggerFactory.getLogger(MatchStep.class), (System.nanoTime() - t0) / 1_000_000,
                "match: {} candidate edges scored, {} ms", edges.size());

        // Forced (origin) edges first, then the best-scoring matches: clustering does not depend on row order.
        edges.sort(Comparator.comparing((Edge e) -> !e.forced()).thenComparing(Edge::score, Comparator.reverseOrder())
                .thenComparingLong(Edge::a).thenComparingLong(Edge::b));
        Map<Long, Edge> joinedBy = new HashMap<>();
        List<Edge> reviews = new ArrayList<>();
        for (Edge e : edges) {
            if (!e.forced() && components.holdsApart(e.a(), e.b(), rejected)) {
                continue; // a row matching both records of a rejected pair must not join them through itself
            }
            if (e.verdict() == Verdict.REVIEW) {
                reviews.add(e);
            } else if (components.union(e.a(), e.b(), e.forced())) {
                joinedBy.putIfAbsent(e.a(), e);
            } else {
                reviews.add(new Edge(e.a(), e.b(), false, "review", e.score(),
                        e.reasons() + "; joining would merge different identifiers", Verdict.REVIEW));
            }
        }
        writeResults(components, knownRecord, joinedBy, reviews);
        return RepeatStatus.FINISHED;
    }

    private void originEdges(JdbcTemplate jdbc, UnionFind components, Map<Long, Long> knownRecord, List<Edge> edges) {
        Map<String, Long> firstNode = new HashMap<>();
        jdbc.query(ORIGIN_LINKS, rs -> {
            String origin = rs.getString(1);
            long gid = addGroup(components, knownRecord, rs.getLong(2), nullableLong(rs, 3), rs.getString(4), null);
            Long first = firstNode.putIfAbsent(origin, gid);
            if (first != null) {
                edges.add(new Edge(gid, first, true, "origin", 1, "same origin record", Verdict.MATCH));
            }
            Long record = nullableLong(rs, 5);
            if (record != null) {
                components.add(-record, null);
                edges.add(new Edge(gid, -record, true, "origin", 1, "same origin record", Verdict.MATCH));
            }
        });
    }

    private void candidateEdges(JdbcTemplate jdbc, UnionFind components, Map<Long, Long> knownRecord,
                                List<Edge> edges, Set<Long> rejected) {
        Map<Long, Set<String>> matchedIds = new HashMap<>();
        jdbc.query(CANDIDATES, rs -> {
            long gid = rs.getLong(1);
            Long known = nullableLong(rs, 2);
            MatchProfile a = withClearId(profile(rs, 3), rs.getString(31));
            Long otherGid = nullableLong(rs, 15);
            Long otherRecord = nullableLong(rs, 16);
            MatchProfile b = withClearId(profile(rs, 17), rs.getString(32));
            Decision d = scorer.score(a, b);
            if (d.verdict() == Verdict.DISTINCT) {
                return;
            }
            if (known != null && otherRecord != null && rejected.contains(pairKey(known, otherRecord))) {
                return;
            }
            String knownIdA = rs.getString(29);
            String knownIdB = rs.getString(30);
            addGroup(components, knownRecord, gid, known, a.idKey(), knownIdA);
            long other;
            if (otherGid != null) {
                other = addGroup(components, knownRecord, otherGid, otherRecord, b.idKey(), knownIdB);
            } else {
                other = -otherRecord;
                components.add(other, b.idKey());
            }
            if (d.verdict() == Verdict.MATCH && a.person()) {
                String idA = a.idKey() != null ? a.idKey() : knownIdA;
                String idB = b.idKey() != null ? b.idKey() : knownIdB;
                if (idA == null && idB != null) {
                    matchedIds.computeIfAbsent(gid, n -> new HashSet<>()).add(idB);
                } else if (idB == null && idA != null) {
                    matchedIds.computeIfAbsent(other, n -> new HashSet<>()).add(idA);
                }
            }
            edges.add(new Edge(gid, other, false, "fuzzy", d.score(), d.reasons(), d.verdict()));
        });
        // A person known without ID that matches two people with different IDs (two 张伟 of one unit, each with the
        // same decision) is neither of them for sure: every such match goes to review instead of to the first scored.
        edges.replaceAll(e -> !e.forced() && e.verdict() == Verdict.MATCH && (ambiguous(matchedIds, e.a())
                || ambiguous(matchedIds, e.b())) ? new Edge(e.a(), e.b(), false, "review", e.score(),
                e.reasons() + "; matches people of different IDs", Verdict.REVIEW) : e);
    }

    private static boolean ambiguous(Map<Long, Set<String>> matchedIds, long node) {
        Set<String> ids = matchedIds.get(node);
        return ids != null && ids.size() > 1;
    }

    /**
     * Adds a group node, tied to the record its exact key already belongs to; that record's node carries the record's
     * identifier ({@code knownId}) when it has one, else the group's.
     */
    private static long addGroup(UnionFind components, Map<Long, Long> knownRecord, long gid, Long known,
                                 String idKey, String knownId) {
        components.add(gid, idKey);
        if (known != null && knownRecord.putIfAbsent(gid, known) == null) {
            components.add(-known, knownId != null ? knownId : idKey);
            components.union(gid, -known, true);
        }
        return gid;
    }

    private static Set<Long> rejectedPairs(JdbcTemplate jdbc) {
        Set<Long> pairs = new HashSet<>();
        jdbc.query(REJECTED_PAIRS, rs -> {
            pairs.add(pairKey(rs.getLong(1), rs.getLong(2)));
        });
        return pairs;
    }

    /** Order-free key of a record pair (record ids stay far below 2^31 in one node). */
    static long pairKey(long x, long y) {
        return Math.min(x, y) << 32 | Math.max(x, y);
    }

    private void writeResults(UnionFind components, Map<Long, Long> knownRecord, Map<Long, Edge> joinedBy,
                              List<Edge> reviews) throws SQLException {
        // Per component: the oldest existing record survives; without one, the lowest gid becomes the new record.
        Map<Long, Long> componentRecord = new HashMap<>();
        Map<Long, Long> componentGid = new HashMap<>();
        Map<Long, TreeMap<Long, Boolean>> componentRecords = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            long node = components.nodeAt(i);
            long root = components.root(node);
            if (node < 0) {
                componentRecord.merge(root, -node, Math::min);
                componentRecords.computeIfAbsent(root, r -> new TreeMap<>()).put(-node, true);
            } else {
                componentGid.merge(root, node, Math::min);
            }
        }
        Connection tx = DataSourceUtils.getConnection(dataSource);
        CopyManager copy = tx.unwrap(PGConnection.class).getCopyAPI();
        CopyText links = new CopyText();
        int linkRows = 0;
        for (int i = 0; i < components.size(); i++) {
            long node = components.nodeAt(i);
            if (node < 0) {
                continue;
            }
            long root = components.root(node);
            Long record = componentRecord.get(root);
            Long rootGid = record == null ? componentGid.get(root) : null;
            boolean moves = record != null ? !record.equals(knownRecord.get(node)) : rootGid != node;
            Edge by = joinedBy.get(node);
            if (!moves && by == null) {
                continue;
            }
            links.value(node);
            links.value(record);
            links.value(rootGid);
            links.value(by == null ? "exact" : by.stage());
            links.value(by == null ? null : Double.toString(by.score()));
            links.endRow();
            linkRows++;
        }
        if (linkRows > 0) {
            links.copy(copy, COPY_LINKS);
        }
        CopyText merges = new CopyText();
        int mergeRows = 0;
        for (TreeMap<Long, Boolean> records : componentRecords.values()) {
            long survivor = records.firstKey();
            for (long old : records.keySet()) {
                if (old != survivor) {
                    merges.value(old);
                    merges.value(survivor);
                    merges.endRow();
                    mergeRows++;
                }
            }
        }
        if (mergeRows > 0) {
            merges.copy(copy, COPY_MERGES);
        }
        CopyText review = new CopyText();
        int reviewRows = 0;
        for (Edge e : reviews) {
            if (components.root(e.a()) == components.root(e.b())) {
                continue;
            }
            nodeValues(review, e.a());
            nodeValues(review, e.b());
            review.value(Double.toString(e.score()));
            review.value(e.reasons());
            review.endRow();
            reviewRows++;
        }
        if (reviewRows > 0) {
            review.copy(copy, COPY_REVIEWS);
        }
    }

    private static void nodeValues(CopyText out, long node) {
        out.value(node > 0 ? Long.valueOf(node) : null);
        out.value(node < 0 ? Long.valueOf(-node) : null);
    }

    /** The profile knowing the number of its {@code P:} key, when {@code number} is the one the key was made of. */
    private MatchProfile withClearId(MatchProfile p, String number) {
        return number != null && p.idKey() != null && !MatchProfile.isMasked(number)
                && p.idKey().equals(pepper.personKey(number)) ? p.withClearId(number) : p;
    }

    private static MatchProfile profile(ResultSet rs, int from) throws SQLException {
        BigDecimal amount = rs.getBigDecimal(from + 9);
        java.sql.Date date = rs.getDate(from + 8);
        return new MatchProfile(RecordKind.valueOf(rs.getString(from)), rs.getBoolean(from + 1), rs.getString(from + 2),
                rs.getString(from + 3), rs.getString(from + 4), rs.getString(from + 5), rs.getString(from + 6),
                rs.getString(from + 7), date == null ? null : date.toLocalDate(), amount, rs.getString(from + 10),
                rs.getString(from + 11));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
