package org.creditpipeline.exchange;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Consolidated records with their change-log entries written straight into a node's schema: the change log looks the
 * same whichever way it was produced, so exchange and publish are tested without running consolidation.
 */
public final class ChangeLogFixture {

    private final JdbcTemplate jdbc;
    private final String schema;

    /** @param schema the node schema to write into ({@code node_<id>}) */
    public ChangeLogFixture(JdbcTemplate jdbc, String schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** A penalty (行政处罚) against an enterprise, decided on {@code decided}, with the given extra columns. */
    public long penalty(String subject, String region, LocalDate decided, String severity, Map<String, Object> extra) {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("record_kind", "ADMINISTRATIVE_PENALTY");
        cols.put("subject_kind", "ENTERPRISE");
        cols.put("subject_name", subject);
        cols.put("subject_key", "name:" + subject);
        cols.put("document_number", "筑南市监罚〔2026〕" + Math.abs(subject.hashCode() % 1000) + "号");
        cols.put("authority_name", "贵阳市南明区市场监督管理局");
        cols.put("decision_date", decided);
        cols.put("severity", severity);
        cols.put("region_code", region);
        cols.putAll(extra);
        return insert(cols);
    }

    /** Inserts a consolidated record and its INSERT change; returns the record id. */
    public long insert(Map<String, Object> cols) {
        String names = String.join(", ", cols.keySet());
        String marks = cols.keySet().stream().map(k -> k.equals("status_changed_at") ? "?::timestamptz" : "?")
                .collect(Collectors.joining(", "));
        return jdbc.queryForObject("WITH r AS (INSERT INTO " + schema + ".consolidated_record (" + names + ") VALUES ("
                + marks + ") RETURNING *) INSERT INTO " + schema + ".change_log (record_id, change_type, version, payload)"
                + " SELECT id, 'INSERT', version, to_jsonb(r) FROM r RETURNING record_id", Long.class,
                cols.values().toArray());
    }

    /** An UPDATE change of a record after changing one column. */
    public void update(long id, String column, Object value) {
        jdbc.update("UPDATE " + schema + ".consolidated_record SET " + column + " = ?, version = version + 1 WHERE id = ?",
                value, id);
        jdbc.update("INSERT INTO " + schema + ".change_log (record_id, change_type, version, payload) SELECT id,"
                + " 'UPDATE', version, to_jsonb(r) FROM " + schema + ".consolidated_record r WHERE id = ?", id);
    }
}
