package org.creditpipeline.consolidate;

import java.util.List;

import org.creditpipeline.ingest.CopyText;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes match results as consolidated records, with set-based statements in the caller's transaction: new record
 * ids, survivorship per field over every row of each touched record, inserts and updates, merges with redirects,
 * lineage, the keys records own, review pairs, contradictions, and one change-log entry per changed record in
 * gap-free sequence order. Input: the consolidate_work_* tables (a run's groups, links, merges and review pairs; a
 * review decision fills only the merge table).
 */
final class RecordWriter {

    /** What one write changed. */
    record Counts(long inserted, long updated, long merged, long reviewPairs, long conflicts) {
    }


    /** Record columns filled by survivorship, in consolidated_record order (all exist in staged_record). */
    static final List<String> FIELDS = List.of("subject_kind", "subject_name", "uscc", "org_code", "registration_no",
            "id_type", "id_number", "legal_representative", "work_unit", "work_unit_uscc", "position", "document_number",
            "document_number_key", "authority_name", "authority_uscc", "decision_date", "category", "violation_type",
            "facts", "content", "fine_amount", "confiscated_amount", "legal_basis", "valid_until", "publication_end",
            "severity", "region_code", "data_source_unit", "data_source_uscc", "sex", "age", "publication_date",
            "basis_unit", "performed_part", "unperformed_part", "performance");

    private static final String NEW_IDS = """
            CREATE TEMP TABLE cw_new ON COMMIT DROP AS
            SELECT root, nextval('consolidated_record_id_seq') AS id
              FROM (SELECT DISTINCT coalesce(l.root_gid, g.gid) AS root
                      FROM consolidate_work_group g LEFT JOIN consolidate_work_link l ON l.gid = g.gid
                     WHERE coalesce(l.record_id, g.known_record_id) IS NULL
                     ORDER BY 1) r""";
    private static final String GROUP_TARGETS = """
            CREATE TEMP TABLE cw_group ON COMMIT DROP AS
            SELECT g.gid, g.group_key, coalesce(l.record_id, m.new_id, g.known_record_id, n.id) AS record_id,
                   n.id IS NOT NULL AS is_new, coalesce(l.match_stage, 'exact') AS match_stage, l.score
              FROM consolidate_work_group g
              LEFT JOIN consolidate_work_link l ON l.gid = g.gid
              LEFT JOIN consolidate_work_merge m ON m.old_id = g.known_record_id
              LEFT JOIN cw_new n ON n.root = coalesce(l.root_gid, g.gid)
                                AND coalesce(l.record_id, g.known_record_id) IS NULL""";
    private static final String MEMBERS = """
            CREATE TEMP TABLE cw_member ON COMMIT DROP AS
            SELECT w.staged_id, cg.gid, cg.record_id, cg.match_stage, cg.score
              FROM consolidate_work_row w JOIN cw_group cg ON cg.group_key = w.group_key""";
    /**
     * The common case, a new record of one row: every field comes from that row, so it is copied as it is and its
     * field sources are just {@code {"*": row}}. No ORDER BY: sorting these wide rows spilled to disk, and new ids
     * follow staged-row order already, which is the order a scan of staged_record yields.
     */
    private static final String INSERT_SINGLE_ROW_RECORDS = """
            INSERT INTO consolidated_record (id, record_kind, subject_key, %1$s, status, status_reason, status_ref,
                                             status_changed_at, field_sources, source_count)
            SELECT m.record_id, s.record_kind, %2$s, %3$s, s.status, s.status_reason, s.status_ref,
                   CASE WHEN s.status <> 'ACTIVE' THEN coalesce(s.status_changed_at, now()) END,
                   jsonb_build_object('*', s.id), 1
              FROM cw_touched t JOIN cw_member m ON m.record_id = t.record_id JOIN staged_record s ON s.id = m.staged_id
             WHERE t.is_new AND t.new_rows = 1""";
    private static final String SINGLE_ROW_CHANGES = """
            INSERT INTO cw_change (record_id, change_type)
            SELECT record_id, 'INSERT' FROM cw_touched WHERE is_new AND new_rows = 1""";
    private static final String TOUCHED = """
            CREATE TEMP TABLE cw_touched ON COMMIT DROP AS
            SELECT m.record_id, bool_or(g.is_new) AS is_new, count(*) AS new_rows
              FROM cw_member m JOIN cw_group g ON g.gid = m.gid GROUP BY m.record_id""";
    /** Every row of each touched record: this run's and, for existing records, those already linked to them. */
    /**
     * Survivorship for records with several rows or existing rows. The rows arrive sorted by record and rank (source
     * priority, then completeness, then recency), and each field takes the first non-null value in that order:
     * {@code any_value} keeps the first non-null input it sees (PostgreSQL ≥ 16), {@code array_agg(...)[1]} does the
     * same on older servers; parallel aggregation is off so the order holds. Superseded versions of an origin record
     * (an older row with the same origin_key) count for lineage but give no values.
     */
    private static final String SURVIVORS = """
            CREATE TEMP TABLE cw_survivor ON COMMIT DROP AS
            WITH member AS (
                SELECT m.staged_id, m.record_id, true AS fresh
                  FROM cw_member m JOIN cw_touched t ON t.record_id = m.record_id
                 WHERE NOT (t.is_new AND t.new_rows = 1)
                UNION ALL
                SELECT rs.staged_record_id, coalesce(m.new_id, rs.record_id), false
                  FROM record_source rs LEFT JOIN consolidate_work_merge m ON m.old_id = rs.record_id
                 WHERE rs.record_id IN (SELECT record_id FROM cw_touched WHERE NOT is_new
                                        UNION SELECT old_id FROM consolidate_work_merge
                                        UNION SELECT new_id FROM consolidate_work_merge)),
            ranked AS (
                SELECT mb.record_id, s.*,
                       coalesce(array_position(%4$s,
                           CASE WHEN s.origin_key IS NOT NULL THEN 'package'
                                WHEN string_to_array(f.mapping, ',') && %5$s THEN 'court-feed'
                                ELSE 'upload' END), 99) AS priority,
                       num_nonnulls(%1$s) AS completeness,
                       (s.origin_key IS NULL OR NOT EXISTS (SELECT 1 FROM staged_record n
                                                            WHERE n.origin_key = s.origin_key AND n.id > s.id)) AS current,
                       mb.fresh AND s.status <> coalesce(CASE WHEN s.origin_key IS NOT NULL THEN
                           (SELECT v.status FROM staged_record v JOIN record_source vs ON vs.staged_record_id = v.id
                             WHERE v.origin_key = s.origin_key ORDER BY v.id DESC LIMIT 1) END, 'ACTIVE') AS evidence
                  FROM member mb JOIN staged_record s ON s.id = mb.staged_id JOIN ingest_file f ON f.id = s.file_id
                 ORDER BY mb.record_id, priority, completeness DESC, s.id DESC),
            picked AS (
                SELECT r.record_id AS id, min(r.record_kind) AS record_kind%2$s,
                       max(ARRAY[(r.origin_key IS NOT NULL)::int, r.id])
                           FILTER (WHERE r.current AND r.evidence) AS status_row,
                       jsonb_build_object('*', %6$s) || jsonb_strip_nulls(jsonb_build_object(%3$s)) AS field_sources,
                       count(*) AS source_count
                  FROM ranked r GROUP BY r.record_id),
            -- the status decision each record already holds: its own, or that of a record it absorbs in this run,
            -- the most recent first (a merge keeps the latest decision)
            decided AS (
                SELECT DISTINCT ON (x.id) x.id, x.status, x.status_reason, x.status_ref, x.status_changed_at
                  FROM (SELECT c.id, c.status_changed_at, c.status, c.status_reason, c.status_ref
                          FROM cw_touched t JOIN consolidated_record c ON c.id = t.record_id WHERE NOT t.is_new
                        UNION ALL
                        SELECT m.new_id, c.status_changed_at, c.status, c.status_reason, c.status_ref
                          FROM consolidate_work_merge m JOIN consolidated_record c ON c.id = m.old_id) x
                 ORDER BY x.id, x.status_changed_at DESC NULLS LAST, x.status = 'ACTIVE')
            SELECT p.*, coalesce(e.status, d.status, 'ACTIVE') AS status,
                   CASE WHEN e.id IS NOT NULL THEN e.status_reason ELSE d.status_reason END AS status_reason,
                   CASE WHEN e.id IS NOT NULL THEN e.status_ref ELSE d.status_ref END AS status_ref,
                   -- when the status was decided: the child's date for a package's row, else unknown (now)
                   CASE WHEN e.id IS NOT NULL THEN e.status_changed_at ELSE d.status_changed_at END AS status_changed_at
              FROM picked p
              -- a look-up by id only where there is evidence (a join let the planner scan every staged row)
              LEFT JOIN LATERAL (SELECT s.id, s.status, s.status_reason, s.status_ref, s.status_changed_at
                                   FROM staged_record s
                                  WHERE s.id = p.status_row[2]) e ON true
              LEFT JOIN decided d ON d.id = p.id""";
    private static final String CHANGES = """
            INSERT INTO cw_change (record_id, change_type, old_status)
            SELECT s.id AS record_id,
                   CASE WHEN c.id IS NULL THEN 'INSERT' WHEN c.status <> s.status THEN 'STATUS' ELSE 'UPDATE' END,
                   c.status
              FROM cw_survivor s LEFT JOIN consolidated_record c ON c.id = s.id
             WHERE c.id IS NULL OR (%s, c.status, c.status_reason, c.status_ref)
                                   IS DISTINCT FROM (%s, s.status, s.status_reason, s.status_ref)""";
    private static final String CHANGE_TABLE = """
            CREATE TEMP TABLE cw_change (record_id bigint NOT NULL, change_type text NOT NULL, merged_ids bigint[],
                                         old_status text)
            ON COMMIT DROP""";
    private static final String MERGE_CHANGES = """
            INSERT INTO cw_change (record_id, change_type, merged_ids)
            SELECT new_id, 'MERGE', array_agg(old_id ORDER BY old_id) FROM consolidate_work_merge GROUP BY new_id""";
    /**
     * What each absorbed record was made of, before the merge statements move it into its survivor: its staged rows
     * (with this run's rows that joined it through a key it owns), its keys, its status-audit entries and the record
     * itself, and the survivor as it was. {@code record unmerge} restores it from this (V26).
     */
    private static final String MERGE_HISTORY = """
            WITH joined AS (
                -- this run's rows that joined an absorbed record through its own keys: one pass over the run's rows
                SELECT m.old_id, array_agg(cm.staged_id) AS rows
                  FROM consolidate_work_merge m
                  JOIN consolidate_work_group g ON g.known_record_id = m.old_id
                  JOIN cw_member cm ON cm.gid = g.gid AND cm.record_id = m.new_id
                 GROUP BY m.old_id)
            INSERT INTO record_merge (absorbed_id, survivor_id, run_id, reason, source_rows, match_keys, audit_ids,
                                      absorbed, survivor)
            SELECT m.old_id, m.new_id, ?, ?,
                   ARRAY(SELECT x FROM (SELECT rs.staged_record_id AS x FROM record_source rs WHERE rs.record_id = m.old_id
                                        UNION SELECT unnest(j.rows)) u ORDER BY x),
                   ARRAY(SELECT k.match_key FROM record_key k WHERE k.record_id = m.old_id ORDER BY 1),
                   ARRAY(SELECT a.id FROM status_audit a WHERE a.record_id = m.old_id ORDER BY 1),
                   to_jsonb(a), to_jsonb(s)
              FROM consolidate_work_merge m
              LEFT JOIN joined j ON j.old_id = m.old_id
              JOIN consolidated_record a ON a.id = m.old_id
              JOIN consolidated_record s ON s.id = m.new_id
             ORDER BY m.old_id""";
    private static final String DEDUPLICATE_CHANGES = """
            DELETE FROM cw_change c WHERE c.change_type <> 'MERGE'
               AND EXISTS (SELECT 1 FROM cw_change m WHERE m.record_id = c.record_id AND m.change_type = 'MERGE')""";
    private static final String INSERT_RECORDS = """
            INSERT INTO consolidated_record (id, record_kind, subject_key, %1$s, status, status_reason, status_ref,
                                             status_changed_at, field_sources, source_count)
            SELECT s.id, s.record_kind, %2$s, %3$s, s.status, s.status_reason, s.status_ref,
                   CASE WHEN s.status <> 'ACTIVE' THEN coalesce(s.status_changed_at, now()) END, s.field_sources,
                   s.source_count
              FROM cw_survivor s JOIN cw_change ch ON ch.record_id = s.id AND ch.change_type = 'INSERT'
             ORDER BY s.id""";
    private static final String UPDATE_RECORDS = """
            UPDATE consolidated_record c
               SET (%1$s) = (%2$s), subject_key = %3$s,
                   status_changed_at = CASE WHEN c.status <> s.status THEN coalesce(s.status_changed_at, now())
                                            ELSE c.status_changed_at END,
                   status = s.status, status_reason = s.status_reason, status_ref = s.status_ref,
                   field_sources = s.field_sources, source_count = s.source_count,
                   version = c.version + CASE WHEN ch.record_id IS NULL THEN 0 ELSE 1 END,
                   updated_at = CASE WHEN ch.record_id IS NULL THEN c.updated_at ELSE now() END
              FROM cw_survivor s LEFT JOIN cw_change ch ON ch.record_id = s.id
             WHERE c.id = s.id AND (ch.record_id IS NOT NULL OR c.source_count <> s.source_count
                                    OR c.field_sources <> s.field_sources)
               AND (ch.change_type IS NULL OR ch.change_type <> 'INSERT')""";
    static final String SUBJECT_KEY = """
            CASE WHEN s.uscc IS NOT NULL AND strpos(s.uscc, '*') = 0 THEN 'U:' || s.uscc
                 WHEN s.org_code IS NOT NULL AND strpos(s.org_code, '*') = 0 THEN 'O:' || s.org_code
                 WHEN s.id_number IS NOT NULL
                     THEN (SELECT p.subject_key FROM cw_person_key p WHERE p.id_number = s.id_number)
                 WHEN s.work_unit IS NOT NULL AND s.subject_kind IN ('CIVIL_SERVANT', 'NATURAL_PERSON')
                     THEN 'W:' || s.subject_name || '/' || s.work_unit
                 ELSE 'N:' || s.subject_name END""";
    private static final String[] MERGE_STATEMENTS = {
        """
        INSERT INTO record_redirect (old_id, new_id, run_id, reason)
        SELECT old_id, new_id, ?, ? FROM consolidate_work_merge""",
        "UPDATE record_redirect r SET new_id = m.new_id FROM consolidate_work_merge m WHERE r.new_id = m.old_id",
        "UPDATE record_source r SET record_id = m.new_id FROM consolidate_work_merge m WHERE r.record_id = m.old_id",
        "UPDATE record_key k SET record_id = m.new_id FROM consolidate_work_merge m WHERE k.record_id = m.old_id",
        "UPDATE status_audit a SET record_id = m.new_id FROM consolidate_work_merge m WHERE a.record_id = m.old_id",
        "DELETE FROM consolidated_record c USING consolidate_work_merge m WHERE c.id = m.old_id",
        """
        UPDATE review_pair p SET status = 'RESOLVED', decided_at = now()
         WHERE p.status = 'PENDING'
           AND coalesce((SELECT new_id FROM record_redirect WHERE old_id = p.left_record_id), p.left_record_id)
             = coalesce((SELECT new_id FROM record_redirect WHERE old_id = p.right_record_id), p.right_record_id)"""
    };
    private static final String LINEAGE = """
            INSERT INTO record_source (staged_record_id, record_id, match_stage, score, run_id)
            SELECT staged_id, record_id, match_stage, score, ? FROM cw_member ORDER BY staged_id""";
    private static final String KEYS = """
            INSERT INTO record_key (match_key, record_id, record_kind, person, id_key, masked_id, name_key, doc_key,
                                    authority_key, authority_uscc, decision_date, amount, unit_key, category)
            SELECT g.group_key, cg.record_id, g.record_kind, g.person, g.id_key, g.masked_id, g.name_key, g.doc_key,
                   g.authority_key, g.authority_uscc, g.decision_date, g.amount, g.unit_key, g.category
              FROM consolidate_work_group g JOIN cw_group cg ON cg.gid = g.gid
             WHERE g.known_record_id IS NULL
             ORDER BY hashtextextended(g.group_key, 0)""";
    private static final String REVIEWS = """
            INSERT INTO review_pair (left_record_id, right_record_id, score, reasons, run_id)
            SELECT least(l, r), greatest(l, r), max(score), min(reasons), ?
              FROM (SELECT coalesce(lg.record_id, v.left_record_id) AS l, coalesce(rg.record_id, v.right_record_id) AS r,
                           v.score, v.reasons
                      FROM consolidate_work_review v
                      LEFT JOIN cw_group lg ON lg.gid = v.left_gid
                      LEFT JOIN cw_group rg ON rg.gid = v.right_gid) p
             WHERE l <> r AND l NOT IN (SELECT old_id FROM consolidate_work_merge)
               AND r NOT IN (SELECT old_id FROM consolidate_work_merge)
             GROUP BY least(l, r), greatest(l, r)
            ON CONFLICT (left_record_id, right_record_id) DO NOTHING""";
    /**
     * The keys of every document number that this run touched and that several records hold: the only place a
     * contradiction can be. Found on record_key alone (its document index), since a record's document number key
     * is the doc_key of one of its keys; a first load has few such numbers, a night only those of its own records.
     */
    static final String SHARED_DOCUMENTS = """
            CREATE TEMP TABLE cw_shared_doc ON COMMIT DROP AS
            SELECT k.record_kind, k.doc_key, k.record_id,
                   CASE WHEN k.id_key IS NOT NULL OR NOT k.person THEN coalesce(k.id_key, 'N:' || k.name_key) END
                       AS subject,
                   t.record_id IS NOT NULL AS touched
              FROM (SELECT k.record_kind, k.doc_key, k.record_id, k.id_key, k.person, k.name_key,
                           min(k.record_id) OVER w <> max(k.record_id) OVER w AS shared
                      FROM record_key k
                     WHERE (k.record_kind, k.doc_key) IN (SELECT x.record_kind, x.doc_key
                                                            FROM record_key x JOIN cw_touched y ON y.record_id = x.record_id
                                                           WHERE x.doc_key IS NOT NULL)
                    WINDOW w AS (PARTITION BY k.record_kind, k.doc_key)) k
              LEFT JOIN cw_touched t ON t.record_id = k.record_id
             WHERE k.shared""";
    /**
     * {@link #SHARED_DOCUMENTS} for a run that touches a large share of the records (a node's first load): one
     * aggregation of all keys by document number finds the few numbers several records share, and only their keys
     * are then checked against the touched records, where probing the keys of millions of touched records one by
     * one, or sorting them all, took minutes at 10M. Same rows as the per-record form.
     */
    static final String SHARED_DOCUMENTS_BULK = """
            CREATE TEMP TABLE cw_shared_doc ON COMMIT DROP AS
            WITH shared AS (
                SELECT record_kind, doc_key FROM record_key WHERE doc_key IS NOT NULL
                 GROUP BY 1, 2 HAVING min(record_id) <> max(record_id)),
            keyed AS (
                SELECT k.record_kind, k.doc_key, k.record_id,
                       CASE WHEN k.id_key IS NOT NULL OR NOT k.person THEN coalesce(k.id_key, 'N:' || k.name_key) END
                           AS subject,
                       t.record_id IS NOT NULL AS touched
                  FROM record_key k JOIN shared s ON s.record_kind = k.record_kind AND s.doc_key = k.doc_key
                  LEFT JOIN cw_touched t ON t.record_id = k.record_id)
            SELECT * FROM keyed WHERE (record_kind, doc_key) IN (SELECT record_kind, doc_key FROM keyed WHERE touched)""";
    /** Same document number of the same authority, different valid USCCs: kept apart and reported. */
    private static final String CONFLICTS = """
            INSERT INTO consolidation_conflict (run_id, record_kind, document_number_key, authority, record_ids,
                                                identifiers)
            SELECT ?, c.record_kind, c.document_number_key, coalesce(c.authority_name, c.authority_uscc),
                   array_agg(c.id ORDER BY c.id), array_agg(DISTINCT c.uscc)
              FROM consolidated_record c
             WHERE c.id IN (SELECT record_id FROM cw_shared_doc)
               AND (c.record_kind, c.document_number_key) IN (SELECT record_kind, doc_key FROM cw_shared_doc)
               AND c.uscc IS NOT NULL AND strpos(c.uscc, '*') = 0
             GROUP BY c.record_kind, c.document_number_key, coalesce(c.authority_name, c.authority_uscc)
            HAVING count(DISTINCT c.uscc) > 1
            ON CONFLICT (record_kind, document_number_key, authority) DO UPDATE
               SET record_ids = EXCLUDED.record_ids, identifiers = EXCLUDED.identifiers, run_id = EXCLUDED.run_id
             WHERE consolidation_conflict.record_ids <> EXCLUDED.record_ids""";
    /**
     * One subject, one document number, several records: the exact key kept them apart because their authorities
     * differ (市场监管 / 应急管理), two decisions. Listed so officers can check the 文号. Only the groups holding a
     * record of this run; a person counts as a subject only by identifier.
     */
    private static final String AUTHORITY_CONFLICTS = """
            WITH apart AS (
                SELECT record_kind, doc_key, subject, array_agg(DISTINCT record_id) AS record_ids
                  FROM cw_shared_doc
                 WHERE subject IS NOT NULL
                 GROUP BY 1, 2, 3
                HAVING count(DISTINCT record_id) > 1 AND bool_or(touched))
            INSERT INTO consolidation_conflict (run_id, record_kind, document_number_key, authority, record_ids,
                                                identifiers, kind)
            SELECT ?, a.record_kind, a.doc_key,
                   (SELECT string_agg(DISTINCT coalesce(c.authority_name, c.authority_uscc), ' / ')
                      FROM consolidated_record c WHERE c.id = ANY (a.record_ids)),
                   a.record_ids, ARRAY[a.subject], 'AUTHORITIES'
              FROM apart a
            ON CONFLICT (record_kind, document_number_key, authority) DO UPDATE
               SET record_ids = EXCLUDED.record_ids, identifiers = EXCLUDED.identifiers, run_id = EXCLUDED.run_id,
                   kind = EXCLUDED.kind
             WHERE consolidation_conflict.record_ids <> EXCLUDED.record_ids""";
    /** Sequence numbers first, on the narrow change list, so the wide records are never sorted. */
    private static final String CHANGE_SEQUENCE = """
            CREATE TEMP TABLE cw_seq ON COMMIT DROP AS
            SELECT (SELECT coalesce(max(seq), 0) FROM change_log) + row_number() OVER (ORDER BY record_id) AS seq,
                   record_id, change_type, merged_ids
              FROM cw_change""";
    private static final String CHANGE_LOG = """
            INSERT INTO change_log (seq, record_id, change_type, version, merged_ids, reason, run_id)
            SELECT q.seq, c.id, q.change_type, c.version, q.merged_ids, ?, ?
              FROM cw_seq q JOIN consolidated_record c ON c.id = q.record_id
             ORDER BY q.seq""";
    /** A status a run changed (a child's decision, a merge) is audited like one set by hand, with its change. */
    private static final String STATUS_AUDIT = """
            INSERT INTO status_audit (record_id, old_status, new_status, reason, ref, actor, seq)
            SELECT ch.record_id, ch.old_status, s.status, coalesce(s.status_reason, ?), s.status_ref, ?, q.seq
              FROM cw_change ch JOIN cw_survivor s ON s.id = ch.record_id JOIN cw_seq q ON q.record_id = ch.record_id
             WHERE ch.old_status IS DISTINCT FROM s.status AND ch.old_status IS NOT NULL""";
    static final String SYNC_SEQUENCE = """
            SELECT setval(pg_get_serial_sequence('change_log', 'seq'), max(seq)) FROM change_log HAVING max(seq) > 0""";
    private static final String COUNT_CHANGES =
            "SELECT count(*) FILTER (WHERE change_type = 'INSERT'), count(*) FILTER (WHERE change_type IN ('UPDATE', 'STATUS')) FROM cw_change";

    private final SurvivorshipConfig survivorship;

    RecordWriter(SurvivorshipConfig survivorship) {
        this.survivorship = survivorship;
    }

    /**
     * Applies the work tables. {@code run} is the consolidation run (job execution id), null for a review decision;
     * {@code reason} goes to the change log and the redirects.
     */
    Counts write(JdbcTemplate jdbc, Long run, String reason, IdPepper pepper) {
        TimedSql sql = new TimedSql(jdbc, "apply");
        jdbc.execute("SET LOCAL work_mem = '256MB'");
        // The stores this job probes (record keys, records) are cached or on SSD: with the default cost of a random
        // page (4), a night's 70k key look-ups became a scan of all 7.8M record keys.
        jdbc.execute("SET LOCAL random_page_cost = 1.1");
        jdbc.execute("SET LOCAL max_parallel_workers_per_gather = 0");
        boolean anyValue = hasAnyValue(jdbc);
        sql.create("new record ids", NEW_IDS, "cw_new");
        sql.create("group targets", GROUP_TARGETS, "cw_group");
        sql.create("members", MEMBERS, "cw_member");
        long touched = sql.create("touched records", TOUCHED, "cw_touched");
        sql.create("survivorship", survivorSql(survivorship, anyValue), "cw_survivor");
        personKeys(jdbc, pepper);
        jdbc.execute(CHANGE_TABLE);
        sql.run("changes", changesSql());
        sql.run("single-row changes", SINGLE_ROW_CHANGES);
        int merged = sql.run("merge changes", MERGE_CHANGES);
        sql.run("one change per record", DEDUPLICATE_CHANGES);
        jdbc.execute("ANALYZE cw_change");
        if (merged > 0) {
            sql.run("merge history", MERGE_HISTORY, run, reason);
        }
        long[] counts = jdbc.queryForObject(COUNT_CHANGES, (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
        sql.run("update records", UPDATE_RECORDS.formatted(String.join(", ", FIELDS), prefixed("s."), SUBJECT_KEY));
        BulkLoad records = BulkLoad.begin(jdbc, sql, "consolidated_record", counts[0]);
        sql.run("insert records", INSERT_RECORDS.formatted(String.join(", ", FIELDS), SUBJECT_KEY, prefixed("s.")));
        sql.run("insert single-row records",
                INSERT_SINGLE_ROW_RECORDS.formatted(String.join(", ", FIELDS), SUBJECT_KEY, prefixed("s.")));
        records.end();
        long mergedIds = merged == 0 ? 0 : jdbc.queryForObject("SELECT count(*) FROM consolidate_work_merge", Long.class);
        if (mergedIds > 0) {
            sql.run("redirects", MERGE_STATEMENTS[0], run, reason);
            for (int i = 1; i < MERGE_STATEMENTS.length; i++) {
                sql.run("merge " + i, MERGE_STATEMENTS[i]);
            }
        }
        BulkLoad lineage = BulkLoad.begin(jdbc, sql, "record_source",
                jdbc.queryForObject("SELECT count(*) FROM cw_member", Long.class));
        sql.run("lineage", LINEAGE, run);
        lineage.end();
        BulkLoad keys = BulkLoad.begin(jdbc, sql, "record_key",
                jdbc.queryForObject("SELECT count(*) FROM consolidate_work_group WHERE known_record_id IS NULL", Long.class));
        sql.run("record keys", KEYS);
        keys.end();
        int reviews = sql.run("review pairs", REVIEWS, run);
        sharedDocuments(jdbc, sql, touched);
        int conflicts = sql.run("conflicts", CONFLICTS, run) + sql.run("authority conflicts", AUTHORITY_CONFLICTS, run);
        sql.create("change sequence", CHANGE_SEQUENCE, "cw_seq");
        sql.run("change log", CHANGE_LOG, reason, run);
        sql.run("status audit", STATUS_AUDIT, reason, reason);
        jdbc.query(SYNC_SEQUENCE, rs -> { });
        return new Counts(counts[0], counts[1], mergedIds, reviews, conflicts);
    }


    /**
     * Collects the touched document numbers several records share: per touched record through the indexes, or, when
     * the run touches at least a quarter as many records as there are keys, in one pass over all keys (scans and a
     * hash aggregation; the planner's ordered index scan of every key was slower there).
     */
    private static void sharedDocuments(JdbcTemplate jdbc, TimedSql sql, long touched) {
        Double keys = jdbc.queryForObject("SELECT reltuples::float8 FROM pg_class WHERE oid = 'record_key'::regclass",
                Double.class);
        if (keys == null || touched * 4 < keys) {
            sql.create("shared document numbers", SHARED_DOCUMENTS, "cw_shared_doc");
            return;
        }
        jdbc.execute("SET LOCAL enable_indexscan = off");
        sql.create("shared document numbers (all keys)", SHARED_DOCUMENTS_BULK, "cw_shared_doc");
        jdbc.execute("SET LOCAL enable_indexscan = on");
    }

    /**
     * {@code cw_person_key}: the subject key ({@link #SUBJECT_KEY}) of each ID number of the records written (survivors
     * and new single-row records), {@code P:} + its keyed hash ({@link IdPepper}), computed here because the pepper
     * never goes to the server; a masked number, the published form, stays as it is.
     */
    private static final String SURVIVOR_ID_NUMBERS = """
            SELECT id_number FROM cw_survivor WHERE id_number IS NOT NULL
            UNION
            SELECT s.id_number
              FROM cw_touched t JOIN cw_member m ON m.record_id = t.record_id JOIN staged_record s ON s.id = m.staged_id
             WHERE t.is_new AND t.new_rows = 1 AND s.id_number IS NOT NULL""";

    static void personKeys(JdbcTemplate jdbc, IdPepper pepper) {
        CopyText out = new CopyText();
        jdbc.query(SURVIVOR_ID_NUMBERS, rs -> {
            String number = rs.getString(1);
            out.value(number);
            out.value(MatchProfile.isMasked(number) ? "P:" + number : pepper.personKey(number));
            out.endRow();
        });
        jdbc.execute("DROP TABLE IF EXISTS pg_temp.cw_person_key");
        jdbc.execute("CREATE TEMP TABLE cw_person_key (id_number text PRIMARY KEY, subject_key text NOT NULL)"
                + " ON COMMIT DROP");
        if (out.size() > 0) {
            jdbc.execute((ConnectionCallback<Long>) c -> out.copy(c.unwrap(PGConnection.class).getCopyAPI(),
                    "COPY cw_person_key (id_number, subject_key) FROM STDIN"));
        }
        jdbc.execute("ANALYZE cw_person_key");
    }

    /** Whether the server has the aggregate {@code any_value} (PostgreSQL ≥ 16). */
    static boolean hasAnyValue(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SHOW server_version_num", Integer.class) >= 160000;
    }

    /** The survivorship statement; {@code anyValue} when the server has {@code any_value} (PostgreSQL ≥ 16). */
    static String survivorSql(SurvivorshipConfig config, boolean anyValue) {
        StringBuilder values = new StringBuilder();
        StringBuilder sources = new StringBuilder();
        String top = first("r.id", anyValue);
        for (String f : FIELDS) {
            String value = f.equals("severity") ? "NULLIF(r.severity, 'UNSPECIFIED')" : "r." + f;
            String source = first("CASE WHEN " + value + " IS NOT NULL THEN r.id END", anyValue);
            values.append(",\n       ");
            if (f.equals("severity")) {
                values.append("coalesce(").append(first(value, anyValue)).append(", 'UNSPECIFIED') AS severity");
            } else {
                values.append(first(value, anyValue)).append(" AS ").append(f);
            }
            sources.append(sources.isEmpty() ? "" : ", ").append('\'').append(f).append("', CASE WHEN ")
                    .append(source).append(" <> ").append(top).append(" THEN ").append(source).append(" END");
        }
        String completeness = "s." + String.join(", s.", FIELDS);
        return SURVIVORS.formatted(completeness, values, sources, config.priorityArray(),
                config.courtFeedMappingsArray(), top);
    }

    /** The first non-null value of a current row, in input order. */
    private static String first(String expression, boolean anyValue) {
        return anyValue ? "any_value(" + expression + ") FILTER (WHERE r.current)"
                : "(array_agg(" + expression + ") FILTER (WHERE r.current AND " + expression + " IS NOT NULL))[1]";
    }

    private static String changesSql() {
        return CHANGES.formatted(prefixed("c."), prefixed("s."));
    }

    static String prefixed(String alias) {
        return alias + String.join(", " + alias, FIELDS);
    }
}
