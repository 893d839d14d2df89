package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The person bridge of the fuzzy stage (docs/CONSOLIDATION.md, Matching): one person's decision keyed two ways — by
 * 身份证 ({@code P:}) and by name + work unit ({@code W:}), or once without its 文号 ({@code D:} date/categories/authority)
 * and once with it — is found by name + decision date + the same categories + the same ID or an agreeing unit. The
 * categories (处分种类, 问责方式 …, sorted and {@code ;}-joined as MatchProfile.sortedCategories does) of people's keys
 * are kept for it, existing keys of people get theirs, and a partial index serves a night's people with a 文号 looking
 * up the few keys of people without one. The key form does not change.
 */
public class V25__person_bridge_categories extends BaseJavaMigration {

    private static final String[] SCHEMA = {
        "ALTER TABLE consolidate_work_row ADD COLUMN category text",
        "ALTER TABLE consolidate_work_group ADD COLUMN category text",
        "ALTER TABLE record_key ADD COLUMN category text",
        """
        CREATE INDEX record_key_person_no_doc_idx ON record_key (record_kind, name_key, decision_date)
            WHERE person AND doc_key IS NULL"""
    };

    private static final String[] BACKFILL = {
        // a key without 文号 holds its categories in its decision key (…|D:date/categories/function)
        """
        UPDATE record_key SET category = nullif(substring(match_key FROM '\\|D:[^/|]*/([^/|]*)/[^|]*$'), '')
         WHERE person AND doc_key IS NULL AND category IS NULL""",
        // a key with 文号: its record's categories; only the kinds whose lists may lack a 文号 (纪律处分, 问责) can
        // pair with a key without one, the other kinds' rows always carry a 文号 or 案号
        """
        UPDATE record_key k
           SET category = (SELECT string_agg(DISTINCT btrim(x) COLLATE "C", ';' ORDER BY btrim(x) COLLATE "C")
                             FROM unnest(string_to_array(c.category, ';')) x WHERE btrim(x) <> '')
          FROM consolidated_record c
         WHERE c.id = k.record_id AND k.person AND k.doc_key IS NOT NULL AND k.category IS NULL
           AND c.category IS NOT NULL AND k.record_kind IN ('DISCIPLINARY_SANCTION', 'ACCOUNTABILITY')"""
    };

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement st = context.getConnection().createStatement()) {
            for (String sql : SCHEMA) {
                st.execute(sql);
            }
        }
        backfill(context.getConnection());
    }

    /** The categories of existing people's keys, on the connection's current schema. */
    public static void backfill(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : BACKFILL) {
                st.executeUpdate(sql);
            }
        }
    }
}
