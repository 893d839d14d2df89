package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.consolidate.AuthorityNames;

/**
 * The rewrite V20, V24 and V27 share (not a migration itself): existing record keys made to end in the authority's
 * function as {@link AuthorityNames#core} computes it now. The part after the key's last {@code /} is replaced where it
 * differs, so that tonight's re-upload still finds its record; a key whose new form another key already holds keeps
 * its old form (the match key stays unique).
 */
final class AuthorityFunctionKeys {

    private AuthorityFunctionKeys() {
    }

    /**
     * The rewrite, on the connection's current schema: the keys of decisions with a 文号, and with
     * {@code decisionKeys} also those of decisions without one ({@code …|D:date/categories/function}).
     */
    static void rewrite(Connection c, boolean decisionKeys) throws SQLException {
        List<String[]> cores = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(AUTHORITIES)) {
            ps.setBoolean(1, decisionKeys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String core = AuthorityNames.core(rs.getString(1));
                    if (core != null) {
                        cores.add(new String[] {rs.getString(1), core});
                    }
                }
            }
        }
        if (cores.isEmpty()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE authority_core_now (authority_key text PRIMARY KEY, core text NOT NULL)"
                    + " ON COMMIT DROP");
            st.execute("CREATE TEMP TABLE record_key_core_fix (old_match text NOT NULL, new_match text NOT NULL)"
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
        try (PreparedStatement ps = c.prepareStatement(CHANGED_KEYS)) {
            ps.setBoolean(1, decisionKeys);
            ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX ON record_key_core_fix (new_match)");
            st.execute("ANALYZE record_key_core_fix");
            st.execute(KEEP_UNIQUE);
            st.executeUpdate(REWRITE);
        }
    }

    /** The authorities of keys that end in a function: a 文号's, and with the parameter true a decision key's. */
    private static final String AUTHORITIES = """
            SELECT DISTINCT authority_key FROM record_key
             WHERE (doc_key IS NOT NULL OR (? AND strpos(match_key, '|D:') > 0)) AND authority_key IS NOT NULL""";

    /** Each such key whose last part is not its authority's function now, with its new form. */
    private static final String CHANGED_KEYS = """
            INSERT INTO record_key_core_fix
            SELECT k.match_key,
                   left(k.match_key, length(k.match_key) - strpos(reverse(k.match_key), '/')) || '/' || a.core
              FROM record_key k JOIN authority_core_now a ON a.authority_key = k.authority_key
             WHERE (k.doc_key IS NOT NULL OR (? AND strpos(k.match_key, '|D:') > 0))
               AND strpos(k.match_key, '/') > 0
               AND right(k.match_key, length(a.core) + 1) <> '/' || a.core""";

    /** A new form another key holds already, or that two old keys would share beyond the first: not rewritten. */
    private static final String KEEP_UNIQUE = """
            DELETE FROM record_key_core_fix r
             WHERE EXISTS (SELECT 1 FROM record_key o WHERE o.match_hash = hashtextextended(r.new_match, 0)
                                                        AND o.match_key = r.new_match)
                OR r.old_match > (SELECT min(x.old_match) FROM record_key_core_fix x WHERE x.new_match = r.new_match)""";

    private static final String REWRITE = """
            UPDATE record_key k SET match_key = r.new_match
              FROM record_key_core_fix r
             WHERE k.match_hash = hashtextextended(r.old_match, 0) AND k.match_key = r.old_match""";
}
