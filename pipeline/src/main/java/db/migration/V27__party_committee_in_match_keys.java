package db.migration;

import java.sql.Connection;
import java.sql.SQLException;

import org.creditpipeline.consolidate.AuthorityNames;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Existing record keys end in the authority's function as {@link AuthorityNames#core} now computes it: a place's party
 * committee (中共淮安市淮阴区委员会, 中共淮阴区委, 淮阴区委, 常熟市委) is 党委, and 监委 is 纪检监察 (they were kept as
 * names of their own, so a 问责 list that wrote the committee short made a second record of the same decision). V20's
 * rewrite, extended to the keys of decisions without 文号 ({@code …|D:date/categories/function}), which end in the
 * function too and are the ones 问责 lists give.
 */
public class V27__party_committee_in_match_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        rewrite(context.getConnection());
    }

    /** The rewrite, on the connection's current schema. */
    public static void rewrite(Connection c) throws SQLException {
        AuthorityFunctionKeys.rewrite(c, true);
    }
}
