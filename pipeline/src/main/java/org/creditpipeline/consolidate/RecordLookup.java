package org.creditpipeline.consolidate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.creditpipeline.model.RecordKind;
import org.creditpipeline.normalize.DocumentNumbers;
import org.creditpipeline.normalize.IdCheck;
import org.creditpipeline.normalize.OrgCode;
import org.creditpipeline.normalize.ResidentId;
import org.creditpipeline.normalize.Text;
import org.creditpipeline.normalize.Uscc;
import org.creditpipeline.normalize.Validity;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Finds consolidated records the way an officer asks for them — by 文号 or 案号, by the subject's 统一社会信用代码,
 * 组织机构代码, ID number or name — and shows one record with everything behind it: its fields and the staged row
 * each came from, the ids merged into it, its lineage down to file, sheet and row (through every level below), its
 * status history, its change log and open review pairs. What an operator needs before {@code status set} on an
 * objection (异议) or a repair (信用修复) request. Read-only: takes no node lock.
 */
@Service
public class RecordLookup {

    /** One line of a search result: the record as it is now. */
    public record Match(long recordId, String kind, String subjectName, String identifier, String documentNumber,
                        String authority, String decisionDate, String status, int sources) {
    }

    /**
     * The result of a search.
     *
     * @param searchedBy how the query was read, e.g. {@code 文号 key 筑南市监罚(2023)12号} or {@code name contains 华信}
     * @param truncated  more records matched than the limit
     */
    public record Found(List<Match> records, List<String> searchedBy, boolean truncated) {
    }

    /** One source row of the record (lineage). {@code lineage} is what a child node listed for a row of its package. */
    public record Source(long stagedId, String matchStage, Double score, long runId, String file, String format,
                         String sheet, long row, String originKey, Object lineage, String stagedAt) {
    }

    public record StatusEntry(String changedAt, String oldStatus, String newStatus, String reason, String ref,
                              String actor, long seq) {
    }

    public record Change(long seq, String type, int version, String reason, Long runId, List<Long> mergedIds,
                         String createdAt) {
    }

    /** An id merged into the record; {@code undoable}: its merge history is kept ({@code record unmerge}, V26). */
    public record Merged(long oldId, Long runId, String reason, String createdAt, boolean undoable) {
    }

    public record Review(long pairId, long otherRecordId, double score, String reasons) {
    }

    /**
     * A record with what lies behind it.
     *
     * @param asked        the id asked for; differs from the record's own id when it was merged into this one
     * @param fields       the record's columns in table order, nulls left out
     * @param fieldSources which staged row each field came from ({@code *}: every field not listed)
     */
    public record Detail(long asked, long recordId, Map<String, Object> fields, Map<String, Object> fieldSources,
                         List<Merged> mergedFrom, List<Source> sources, List<StatusEntry> statusHistory,
                         List<Change> changes, List<Review> pendingReviews) {
    }

    private static final String REDIRECT = "SELECT new_id FROM record_redirect WHERE old_id = ?";
    private static final String RECORD = "SELECT * FROM consolidated_record WHERE id = ?";
    private static final String MATCHES = """
            SELECT r.id, r.record_kind, r.subject_name, coalesce(r.uscc, r.org_code, r.id_number, r.registration_no),
                   r.document_number, r.authority_name, r.decision_date::text, r.status, r.source_count
              FROM consolidated_record r WHERE r.id = ANY (?) ORDER BY r.id""";
    /** Through record_key's (record_kind, doc_key) index: a record owns a key for each form of its 文号 it was sent. */
    private static final String BY_DOCUMENT = """
            SELECT DISTINCT record_id FROM record_key WHERE record_kind = ANY (?) AND doc_key = ? LIMIT ?""";
    /** Through record_key's (record_kind, name_key, decision_date) index: the canonical name consolidation compares. */
    private static final String BY_NAME_KEY = """
            SELECT DISTINCT record_id FROM record_key WHERE record_kind = ANY (?) AND name_key = ? LIMIT ?""";
    /** Identifiers and name fragments have no index of their own (consolidation does not need one): one scan. */
    private static final String BY_USCC = """
            SELECT id FROM consolidated_record WHERE uscc = ? OR org_code = ? ORDER BY id LIMIT ?""";
    private static final String BY_ORG_CODE = """
            SELECT id FROM consolidated_record WHERE org_code = ? OR substr(uscc, 9, 9) = ? ORDER BY id LIMIT ?""";
    private static final String BY_ID_NUMBER = """
            SELECT id FROM consolidated_record WHERE id_number = ? ORDER BY id LIMIT ?""";
    /** Masked numbers: the candidates whose number begins and ends as the visible characters do, checked in Java. */
    private static final String BY_MASKED_ID = """
            SELECT id, id_number FROM consolidated_record
             WHERE left(id_number, 6) = ? AND right(id_number, 1) = ? ORDER BY id""";
    private static final String BY_MASKED_ID_WITHIN = """
            SELECT id, id_number FROM consolidated_record
             WHERE id = ANY (?) AND left(id_number, 6) = ? AND right(id_number, 1) = ? ORDER BY id""";
    private static final String BY_NAME_PART = """
            SELECT id FROM consolidated_record WHERE strpos(subject_name, ?) > 0 ORDER BY id LIMIT ?""";
    private static final String OF_KINDS = "SELECT id FROM consolidated_record WHERE id = ANY (?) AND record_kind = ANY (?)";
    private static final String SOURCES = """
            SELECT s.id, rs.match_stage, rs.score, rs.run_id, f.source_name, f.format, s.sheet, s.source_row,
                   s.origin_key, s.lineage::text, date_trunc('second', s.staged_at)::text
              FROM record_source rs
              JOIN staged_record s ON s.id = rs.staged_record_id
              JOIN ingest_file f ON f.id = s.file_id
             WHERE rs.record_id = ? ORDER BY s.id""";
    private static final String MERGED_FROM = """
            SELECT r.old_id, r.run_id, r.reason, date_trunc('second', r.created_at)::text,
                   EXISTS (SELECT 1 FROM record_merge m WHERE m.absorbed_id = r.old_id AND m.unmerged_at IS NULL)
              FROM record_redirect r WHERE r.new_id = ? ORDER BY r.old_id""";
    private static final String STATUS_HISTORY = """
            SELECT date_trunc('second', changed_at)::text, old_status, new_status, reason, ref, actor, seq
              FROM status_audit WHERE record_id = ? ORDER BY changed_at, id""";
    private static final String CHANGES = """
            SELECT seq, change_type, version, reason, run_id, merged_ids, date_trunc('second', created_at)::text
              FROM change_log WHERE record_id = ? ORDER BY seq""";
    private static final String PENDING_REVIEWS = """
            SELECT id, CASE WHEN l = ? THEN r ELSE l END, score, reasons
              FROM (SELECT p.id, p.score, p.reasons,
                           coalesce((SELECT new_id FROM record_redirect WHERE old_id = p.left_record_id), p.left_record_id) AS l,
                           coalesce((SELECT new_id FROM record_redirect WHERE old_id = p.right_record_id), p.right_record_id) AS r
                      FROM review_pair p WHERE p.status = 'PENDING') q
             WHERE ? IN (l, r) ORDER BY id""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public RecordLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records matching every criterion given (null: not used; at least one must be given).
     *
     * @param document a 文号 or 案号 as written; compared on its key ({@link DocumentNumbers#key}), so bracket styles,
     *                 {@code 字第}, leading zeros and full-width characters do not matter
     * @param subject  a 统一社会信用代码, 组织机构代码 or ID number (checked, then compared exactly; an 组织机构代码 also finds
     *                 the USCC that holds it; a masked ID number is compared on its visible characters) or a name: first the canonical name consolidation compares
     *                 (有限责任公司 = 有限公司, traditional = simplified, spaces and brackets), and when that finds
     *                 nothing, any record whose name contains the text
     * @param kind     one record kind, or null for all
     */
    public Found find(String document, String subject, RecordKind kind, int limit) {
        if (blank(document) && blank(subject)) {
            throw new IllegalArgumentException("record find needs --doc (文号/案号) or --subject (name or identifier)");
        }
        String[] kinds = (kind == null ? Arrays.stream(RecordKind.values()) : java.util.stream.Stream.of(kind))
                .map(Enum::name).toArray(String[]::new);
        List<String> how = new ArrayList<>();
        Set<Long> ids = null;
        // Ask each criterion for more than the limit, so that the intersection still fills it.
        int probe = Math.max(limit * 20, 1000);
        if (!blank(document)) {
            String key = DocumentNumbers.key(document);
            if (key == null) {
                throw new IllegalArgumentException("--doc '" + document + "' holds no 文号 or 案号");
            }
            how.add("文号/案号 key " + key);
            ids = new LinkedHashSet<>(jdbc.queryForList(BY_DOCUMENT, Long.class, kinds, key, probe));
        }
        if (!blank(subject)) {
            Set<Long> bySubject = new LinkedHashSet<>(subject(subject.strip(), kinds, probe, how, ids));
            if (ids == null) {
                ids = bySubject;
            } else {
                ids.retainAll(bySubject);
            }
        }
        List<Long> sorted = ids.stream().sorted().toList();
        boolean truncated = sorted.size() > limit;
        List<Long> shown = truncated ? sorted.subList(0, limit) : sorted;
        List<Match> records = shown.isEmpty() ? List.of() : jdbc.query(MATCHES, (rs, i) -> new Match(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getInt(9)), (Object) shown.toArray(Long[]::new));
        if (kind != null) {
            how.add("kind " + kind);
        }
        return new Found(records, how, truncated);
    }

    /**
     * The records the subject names ({@code within}: among these ids only, when the document number found them first;
     * null for all records).
     */
    private List<Long> subject(String subject, String[] kinds, int limit, List<String> how, Set<Long> within) {
        String compact = Text.clean(subject);
        if (compact != null && compact.chars().anyMatch(Character::isDigit)) {
            IdCheck uscc = Uscc.check(compact);
            if (uscc.isValid()) {
                how.add("统一社会信用代码 " + uscc.value());
                return kindFilter(jdbc.queryForList(BY_USCC, Long.class, uscc.value(), Uscc.embeddedOrgCode(uscc.value()),
                        limit), kinds);
            }
            IdCheck id = ResidentId.check(compact);
            if (id.validity() == Validity.MASKED) {
                // as public lists and 信用中国 show a person (520102********1234): compared on its visible characters
                String masked = id.value();
                int head = masked.indexOf('*');
                int tail = masked.length() - masked.lastIndexOf('*') - 1;
                if (head < 6 || tail < 1) {
                    throw new IllegalArgumentException("'" + subject + "' shows too little of the ID number to find a"
                            + " person by it (at least its first six and its last character; 证件号码显示位数过少)");
                }
                how.add("证件号码 " + masked + " (masked: its visible characters)");
                List<Long> found = new ArrayList<>();
                jdbc.query(within == null ? BY_MASKED_ID : BY_MASKED_ID_WITHIN, rs -> {
                    if (found.size() < limit
                            && Boolean.TRUE.equals(MatchProfile.visibleAgreement(masked, rs.getString(2)))) {
                        found.add(rs.getLong(1));
                    }
                }, within == null ? new Object[] {masked.substring(0, 6), masked.substring(masked.length() - 1)}
                        : new Object[] {within.toArray(Long[]::new), masked.substring(0, 6),
                                masked.substring(masked.length() - 1)});
                return kindFilter(found, kinds);
            }
            if (id.validity() == Validity.VALID) {
                how.add("证件号码 " + id.value());
                return kindFilter(jdbc.queryForList(BY_ID_NUMBER, Long.class, id.value(), limit), kinds);
            }
            IdCheck org = OrgCode.check(compact);
            if (org.isValid()) {
                String code = org.value().replace("-", "");
                how.add("组织机构代码 " + code);
                return kindFilter(jdbc.queryForList(BY_ORG_CODE, Long.class, code, code, limit), kinds);
            }
            if (compact.matches("[0-9A-Za-z*\\-\\s]{15,20}")) {
                throw new IllegalArgumentException("--subject '" + subject + "' looks like an identifier but is not a"
                        + " valid 统一社会信用代码, 组织机构代码 or ID number: " + uscc.message());
            }
        }
        String nameKey = SubjectNames.canonical(subject);
        List<Long> exact = jdbc.queryForList(BY_NAME_KEY, Long.class, kinds, nameKey, limit);
        if (!exact.isEmpty()) {
            how.add("name " + nameKey);
            return exact;
        }
        String name = Text.cleanName(subject); // as names are stored: spaces between Chinese characters dropped
        how.add("name contains " + name);
        return kindFilter(jdbc.queryForList(BY_NAME_PART, Long.class, name, limit), kinds);
    }

    /** Records of the given kinds among ids found without the kind (identifier and name scans). */
    private List<Long> kindFilter(List<Long> ids, String[] kinds) {
        if (ids.isEmpty() || kinds.length == RecordKind.values().length) {
            return ids;
        }
        return jdbc.queryForList(OF_KINDS, Long.class, ids.toArray(Long[]::new), kinds);
    }

    /** The record with the given id, or the record it was merged into; null when there is neither. */
    public Detail show(long asked) {
        long id = asked;
        List<Long> redirect = jdbc.queryForList(REDIRECT, Long.class, asked);
        if (!redirect.isEmpty()) {
            id = redirect.get(0);
        }
        List<Map<String, Object>> row = jdbc.queryForList(RECORD, id);
        if (row.isEmpty()) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> fieldSources = Map.of();
        for (Map.Entry<String, Object> column : row.get(0).entrySet()) {
            Object value = column.getValue();
            if (column.getKey().equals("field_sources")) {
                fieldSources = JSON.readValue(value.toString(), MAP);
            } else if (value instanceof java.math.BigDecimal d) {
                fields.put(column.getKey(), d.stripTrailingZeros().toPlainString());
            } else if (value instanceof Number || value instanceof String) {
                fields.put(column.getKey(), value);
            } else if (value != null) {
                fields.put(column.getKey(), value.toString()); // dates, timestamps, char(n)
            }
        }
        long recordId = id;
        List<Source> sources = jdbc.query(SOURCES, (rs, i) -> new Source(rs.getLong(1), rs.getString(2),
                rs.getObject(3) == null ? null : rs.getDouble(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getLong(8), rs.getString(9),
                rs.getString(10) == null ? null : JSON.readValue(rs.getString(10), Object.class), rs.getString(11)),
                recordId);
        List<Merged> merged = jdbc.query(MERGED_FROM, (rs, i) -> new Merged(rs.getLong(1),
                (Long) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)), recordId);
        List<StatusEntry> history = jdbc.query(STATUS_HISTORY, (rs, i) -> new StatusEntry(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7)),
                recordId);
        List<Change> changes = jdbc.query(CHANGES, (rs, i) -> {
            java.sql.Array ids = rs.getArray(6);
            List<Long> mergedIds = ids == null ? null : Arrays.asList((Long[]) ids.getArray());
            return new Change(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), (Long) rs.getObject(5),
                    mergedIds, rs.getString(7));
        }, recordId);
        List<Review> reviews = jdbc.query(PENDING_REVIEWS, (rs, i) -> new Review(rs.getLong(1), rs.getLong(2),
                rs.getDouble(3), rs.getString(4)), recordId, recordId);
        return new Detail(asked, recordId, fields, fieldSources, merged, sources, history, changes, reviews);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
