package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.consolidate.AuthorityNames;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Existing record keys end in the authority's function as {@link AuthorityNames#core} now computes it: 人民政府 is no
 * longer read as 民政 (the word inside it), and 交通运输综合行政执法大队 is 交通运输, not 城市管理. The part after the
 * key's last {@code /} is replaced where it differs, so that tonight's re-upload still finds its record. A key whose
 * new form another key already holds keeps its old form (the match key stays unique).
 */
public class V20__authority_function_words_inside_longer_ones extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        rewrite(context.getConnection());
    }

    /** The rewrite itself, on the connection's current schema. */
    public static void rewrite(Connection c) throws SQLException {
        List<String[]> cores = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT authority_key FROM record_key"
                     + " WHERE doc_key IS NOT NULL AND authority_key IS NOT NULL")) {
            while (rs.next()) {
                String core = AuthorityNames.core(rs.getString(1));
                if (core != null) {
                    cores.add(new String[] {rs.getString(1), core});
                }
            }
        }
        if (cores.isEmpty()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE authority_core_now (authority_key text PRIMARY KEY, core text NOT NULL)"
                    + " ON COMMIT DROP");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO authority_core_now VALUES (?, ?)")) {
            for (String[] row : cores) {
                ps.setString(1, row[0]);
                ps.setString(2, row[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TEMP TABLE record_key_core_fix ON COMMIT DROP AS
                    SELECT k.match_key AS old_match,
                           left(k.match_key, length(k.match_key) - strpos(reverse(k.match_key), '/')) || '/' || a.core
                               AS new_match
                      FROM record_key k JOIN authority_core_now a ON a.authority_key = k.authority_key
                     WHERE k.doc_key IS NOT NULL AND strpos(k.match_key, '/') > 0
                       AND right(k.match_key, length(a.core) + 1) <> '/' || a.core""");
            st.execute("""
                    DELETE FROM record_key_core_fix r
                     WHERE EXISTS (SELECT 1 FROM record_key o WHERE o.match_hash = hashtextextended(r.new_match, 0)
                                                                AND o.match_key = r.new_match)
                        OR r.old_match > (SELECT min(x.old_match) FROM record_key_core_fix x
                                           WHERE x.new_match = r.new_match)""");
            st.executeUpdate("""
                    UPDATE record_key k SET match_key = r.new_match
                      FROM record_key_core_fix r
                     WHERE k.match_hash = hashtextextended(r.old_match, 0) AND k.match_key = r.old_match""");
        }
    }
}
