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
 * Existing record keys end in the authority's function as {@link AuthorityNames#core} now computes it: a place's party
 * committee (中共淮安市淮阴区委员会, 中共淮阴区委, 淮阴区委) is 党委, and 监委 is 纪检监察 (they were kept as names of
 * their own, so a 问责 list that wrote the committee short made a second record of the same decision). V20's rewrite,
 * extended to the keys of decisions without 文号 ({@code …|D:date/categories/function}), which end in the function
 * too and are the ones 问责 lists give. A key whose new form another key already holds keeps its old form.
 */
public class V27__party_committee_in_match_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        rewrite(context.getConnection());
    }

    /** The rewrite, on the connection's current schema. */
    public static void rewrite(Connection c) throws SQLException {
        List<String[]> cores = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT authority_key FROM record_key"
                     + " WHERE (doc_key IS NOT NULL OR strpos(match_key, '|D:') > 0) AND authority_key IS NOT NULL")) {
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
            st.execute("CREATE TEMP TABLE authority_core_v27 (authority_key text PRIMARY KEY, core text NOT NULL)"
                    + " ON COMMIT DROP");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO authority_core_v27 VALUES (?, ?)")) {
            for (String[] row : cores) {
                ps.setString(1, row[0]);
                ps.setString(2, row[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TEMP TABLE record_key_fix_v27 ON COMMIT DROP AS
                    SELECT k.match_key AS old_match,
                           left(k.match_key, length(k.match_key) - strpos(reverse(k.match_key), '/')) || '/' || a.core
                               AS new_match
                      FROM record_key k JOIN authority_core_v27 a ON a.authority_key = k.authority_key
                     WHERE (k.doc_key IS NOT NULL OR strpos(k.match_key, '|D:') > 0) AND strpos(k.match_key, '/') > 0
                       AND right(k.match_key, length(a.core) + 1) <> '/' || a.core""");
            st.execute("CREATE INDEX ON record_key_fix_v27 (new_match)");
            st.execute("ANALYZE record_key_fix_v27");
            st.execute("""
                    DELETE FROM record_key_fix_v27 r
                     WHERE EXISTS (SELECT 1 FROM record_key o WHERE o.match_hash = hashtextextended(r.new_match, 0)
                                                                AND o.match_key = r.new_match)
                        OR r.old_match > (SELECT min(x.old_match) FROM record_key_fix_v27 x
                                           WHERE x.new_match = r.new_match)""");
            st.executeUpdate("""
                    UPDATE record_key k SET match_key = r.new_match
                      FROM record_key_fix_v27 r
                     WHERE k.match_hash = hashtextextended(r.old_match, 0) AND k.match_key = r.old_match""");
        }
    }
}
