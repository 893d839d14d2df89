package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.consolidate.AuthorityNames;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Existing record keys in the form the exact stage now computes (MatchProfile.groupKey): a key with a document number
 * ends in {@code /} + the authority's function ({@link AuthorityNames#core}), so that tonight's re-upload of a record
 * still finds it. Java because the function table is Java; the distinct authorities are few, the update is one
 * statement.
 */
public class V13__authority_function_in_match_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
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
            st.execute("CREATE TEMP TABLE authority_core (authority_key text PRIMARY KEY, core text NOT NULL)"
                    + " ON COMMIT DROP");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO authority_core VALUES (?, ?)")) {
            for (String[] row : cores) {
                ps.setString(1, row[0]);
                ps.setString(2, row[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE record_key k SET match_key = k.match_key || '/' || a.core FROM authority_core a"
                    + " WHERE a.authority_key = k.authority_key AND k.doc_key IS NOT NULL");
        }
    }
}
