package db.migration;

import java.sql.Connection;
import java.sql.SQLException;

import org.creditpipeline.consolidate.AuthorityNames;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Existing record keys end in the authority's function as {@link AuthorityNames#core} now computes it: the short
 * forms 应急局, 交通局, 文旅局, 医保局, 药监局 and 农业局 are 应急管理, 交通运输, 文化旅游, 医疗保障, 药品监管 and
 * 农业农村 (they were kept as names of their own, so a re-upload under the full name made a second record), and the
 * traffic police (交通警察, 交警, 交通管理) are 公安. V20's rewrite, run again for this change.
 */
public class V24__authority_short_forms_in_match_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        rewrite(context.getConnection());
    }

    /** The rewrite itself (V20's), on the connection's current schema. */
    public static void rewrite(Connection c) throws SQLException {
        V20__authority_function_words_inside_longer_ones.rewrite(c);
    }
}
