package db.migration;

import java.sql.Connection;
import java.sql.SQLException;

import org.creditpipeline.consolidate.AuthorityNames;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Existing record keys end in the authority's function as {@link AuthorityNames#core} now computes it:
 * {@code 南明区市监局} (canonical {@code 南明区监局}, once read as the function {@code 监局}) and
 * {@code 食品药品监督管理局} / {@code 食药监局} (once {@code 药品监管} and {@code 食药监局}) are 市场监管. The rewrite is
 * V20's (every key's function recomputed; a key whose new form another key already holds keeps its old form), run
 * again for this change so that tonight's re-upload under the authority's current name still finds its record.
 */
public class V22__market_regulation_abbreviations_and_food_drug_in_match_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        rewrite(context.getConnection());
    }

    /** The rewrite itself (V20's), on the connection's current schema. */
    public static void rewrite(Connection c) throws SQLException {
        V20__authority_function_words_inside_longer_ones.rewrite(c);
    }
}
