package db.migration;

import java.sql.Connection;
import java.sql.SQLException;

import org.creditpipeline.normalize.DocumentNumbers;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Stored document keys in the form {@link DocumentNumbers#key} now computes: the {@code 字} an issuer writes right
 * before the year is dropped ({@code 津武环罚字(2017)15号} → {@code 津武环罚(2017)15号}) and so is a document title after
 * the number ({@code 筑南市监罚(2023)12号行政处罚决定书} → {@code 筑南市监罚(2023)12号}), so that tonight's re-upload of
 * such a record, spelled either way, still finds it. Only keys with {@code 字(} or ending in {@code 决定书} can change.
 * As in V18, a record key whose new match key another key already holds keeps its old form (the two records stay
 * apart, as before; the match key stays unique).
 */
public class V21__zi_and_titles_in_document_keys extends BaseJavaMigration {

    /** The keys the V21 change of {@link DocumentNumbers#key} can alter. */
    private static final String CANDIDATES = "字\\(|决定书$";

    @Override
    public void migrate(Context context) throws Exception {
        rewrite(context.getConnection());
    }

    /** The rewrite itself (V18's, on the keys this change can alter), on the connection's current schema. */
    public static void rewrite(Connection c) throws SQLException {
        V18__closing_hao_in_document_keys.rewrite(c, CANDIDATES);
    }
}
