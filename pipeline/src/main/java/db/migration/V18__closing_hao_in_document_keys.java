package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.creditpipeline.normalize.DocumentNumbers;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Stored document keys in the form {@link DocumentNumbers#key} now computes: a 文号/案号 typed without its closing 号
 * ({@code 淮阴环罚〔2021〕0015}) gets it, and with it the serial's usual clean-up ({@code 淮阴环罚(2021)15号}), so that
 * tonight's re-upload of such a record still finds it. Only keys ending in a digit can change; they are few. A record
 * key whose new match key another key already holds keeps its old form (the two records stay apart, as before; the
 * match key stays unique).
 */
public class V18__closing_hao_in_document_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        rewrite(context.getConnection());
    }

    /** The rewrite itself, on the connection's current schema. */
    public static void rewrite(Connection c) throws SQLException {
        rewrite(c, "[0-9]$");
    }

    /**
     * Rewrites the stored document keys matching {@code candidates} (a PostgreSQL regular expression naming the keys
     * a change of {@link DocumentNumbers#key} can alter) into the form it computes now; later key changes (V21) use
     * it with their own pattern.
     */
    public static void rewrite(Connection c, String candidates) throws SQLException {
        try (Statement st = c.createStatement()) {
            // a second rewrite in one transaction (V18 and V21 in one Flyway run with group mode) starts afresh
            st.execute("DROP TABLE IF EXISTS pg_temp.record_key_fix, pg_temp.doc_key_fix");
            st.execute("CREATE TEMP TABLE doc_key_fix (old_key text PRIMARY KEY, new_key text NOT NULL) ON COMMIT DROP");
        }
        if (collectChangedKeys(c, candidates) == 0) {
            return;
        }
        try (Statement st = c.createStatement()) {
            // A match key is kind|subject|document key[/authority function]: replace the last '|' + old document key.
            st.execute("""
                    CREATE TEMP TABLE record_key_fix ON COMMIT DROP AS
                    SELECT k.match_key AS old_match, f.new_key,
                           left(k.match_key, p.at) || f.new_key || substr(k.match_key, p.at + length(f.old_key) + 1)
                               AS new_match
                      FROM record_key k
                      JOIN doc_key_fix f ON f.old_key = k.doc_key
                      CROSS JOIN LATERAL (SELECT length(k.match_key) - strpos(reverse(k.match_key),
                                                 reverse('|' || f.old_key)) - length(f.old_key) + 1 AS at) p
                     WHERE strpos(k.match_key, '|' || f.old_key) > 0""");
            // without an index the "first old key of each new key" test below is quadratic: hours on a store of a
            // million records, where many keys change at once (V21)
            st.execute("CREATE INDEX ON record_key_fix (new_match)");
            st.execute("ANALYZE record_key_fix");
            st.execute("""
                    DELETE FROM record_key_fix r
                     WHERE EXISTS (SELECT 1 FROM record_key o WHERE o.match_hash = hashtextextended(r.new_match, 0)
                                                                AND o.match_key = r.new_match)
                        OR r.old_match > (SELECT min(x.old_match) FROM record_key_fix x WHERE x.new_match = r.new_match)""");
            st.executeUpdate("""
                    UPDATE record_key k SET doc_key = r.new_key, match_key = r.new_match
                      FROM record_key_fix r
                     WHERE k.match_hash = hashtextextended(r.old_match, 0) AND k.match_key = r.old_match""");
            st.executeUpdate("""
                    UPDATE staged_record s SET document_number_key = f.new_key
                      FROM doc_key_fix f WHERE s.document_number_key = f.old_key""");
            st.executeUpdate("""
                    UPDATE consolidated_record r SET document_number_key = f.new_key
                      FROM doc_key_fix f WHERE r.document_number_key = f.old_key""");
        }
    }

    /**
     * Fills {@code doc_key_fix} with the stored document keys matching {@code candidates} whose form changes, streamed
     * (a cursor and batches, not a map of them all: a store of ten million records can hold millions of such keys);
     * returns how many.
     */
    private static long collectChangedKeys(Connection c, String candidates) throws SQLException {
        long count = 0;
        try (PreparedStatement select = c.prepareStatement("""
                SELECT doc_key FROM record_key WHERE doc_key ~ ?
                UNION SELECT document_number_key FROM staged_record WHERE document_number_key ~ ?
                UNION SELECT document_number_key FROM consolidated_record WHERE document_number_key ~ ?
                """); PreparedStatement insert = c.prepareStatement("INSERT INTO doc_key_fix VALUES (?, ?)")) {
            for (int i = 1; i <= 3; i++) {
                select.setString(i, candidates);
            }
            select.setFetchSize(10_000);
            int batched = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String old = rs.getString(1);
                    String now = DocumentNumbers.key(old);
                    if (now != null && !now.equals(old)) {
                        insert.setString(1, old);
                        insert.setString(2, now);
                        insert.addBatch();
                        count++;
                        if (++batched == 10_000) {
                            insert.executeBatch();
                            batched = 0;
                        }
                    }
                }
            }
            if (batched > 0) {
                insert.executeBatch();
            }
        }
        if (count > 0) {
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE doc_key_fix");
            }
        }
        return count;
    }
}
