package org.creditpipeline.consolidate;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A bulk insert that at least doubles a table (a node's first large load) is cheaper with the table's secondary
 * indexes built once afterwards, from sorted input, than maintained row by row: at 10M rows the random inserts into
 * three text indexes made writing the record keys the slowest statement of a run. {@link #begin} drops those indexes
 * (not the ones that back a primary key or unique constraint) when the rows to add are at least as many as the table
 * holds, and {@link #end} creates them again from their saved definitions and analyzes the table (the statements
 * after it need its new size), in the caller's transaction: until it commits, other sessions wait for the table (the
 * node's consolidation holds the node lock anyway).
 */
final class BulkLoad {

    private static final String SECONDARY_INDEXES = """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
              FROM pg_index i
             WHERE i.indrelid = ?::regclass
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
             ORDER BY 1""";

    private final JdbcTemplate jdbc;
    private final TimedSql sql;
    private final String table;
    private final List<String> definitions;

    private BulkLoad(JdbcTemplate jdbc, TimedSql sql, String table, List<String> definitions) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.table = table;
        this.definitions = definitions;
    }

    /** Below this many rows, keeping the indexes is cheap either way. */
    private static final long MIN_ROWS = 10_000;

    /** Drops {@code table}'s secondary indexes when {@code adding} rows at least double it; else does nothing. */
    static BulkLoad begin(JdbcTemplate jdbc, TimedSql sql, String table, long adding) {
        return begin(jdbc, sql, table, adding, MIN_ROWS);
    }

    static BulkLoad begin(JdbcTemplate jdbc, TimedSql sql, String table, long adding, long minRows) {
        if (adding < minRows) {
            return new BulkLoad(jdbc, sql, table, List.of());
        }
        // counts at most `adding` rows: cheap on a large table, exact on a small one
        long existing = jdbc.queryForObject("SELECT count(*) FROM (SELECT 1 FROM " + table + " LIMIT ?) t", Long.class,
                adding);
        if (existing >= adding) {
            return new BulkLoad(jdbc, sql, table, List.of());
        }
        List<String[]> indexes = jdbc.query(SECONDARY_INDEXES, (rs, i) -> new String[] {rs.getString(1),
                rs.getString(2)}, table);
        for (String[] index : indexes) {
            jdbc.execute("DROP INDEX " + index[0]);
        }
        return new BulkLoad(jdbc, sql, table, indexes.stream().map(index -> index[1]).toList());
    }

    /** Creates the dropped indexes again. */
    void end() {
        if (definitions.isEmpty()) {
            return;
        }
        jdbc.execute("SET LOCAL maintenance_work_mem = '512MB'");
        for (String definition : definitions) {
            sql.run("index " + table + " (bulk load)", definition);
        }
        // the table grew at least twofold: the statements after this one need its new size and distributions
        sql.run("analyze " + table + " (bulk load)", "ANALYZE " + table);
    }
}
