package db.migration;

import java.sql.Connection;
import java.sql.SQLException;

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
        AuthorityFunctionKeys.rewrite(c, false);
    }
}
