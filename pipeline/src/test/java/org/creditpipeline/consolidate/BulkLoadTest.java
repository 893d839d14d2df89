package org.creditpipeline.consolidate;

import java.util.List;

import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A load that at least doubles a table rebuilds its secondary indexes afterwards; constraint indexes stay. */
@TestPropertySource(properties = "credit.node=bulk_load")
class BulkLoadTest extends PostgresTestSupport {

    private static final String INDEXES = """
            SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'bulk_t'::regclass ORDER BY 1""";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    private List<String> before;

    @BeforeEach
    void table() {
        jdbc.execute("DROP TABLE IF EXISTS bulk_t");
        jdbc.execute("CREATE TABLE bulk_t (k text PRIMARY KEY, a text, b int, UNIQUE (b))");
        jdbc.execute("CREATE INDEX bulk_t_a_idx ON bulk_t (a)");
        jdbc.execute("CREATE INDEX bulk_t_ab_idx ON bulk_t (a, b) WHERE b > 0");
        jdbc.update("INSERT INTO bulk_t SELECT 'k' || g, 'a' || (g % 7), g FROM generate_series(1, 50) g");
        before = jdbc.queryForList(INDEXES, String.class);
        assertThat(before).hasSize(4);
    }

    @Test
    void aLoadThatDoublesTheTableDropsAndRebuildsOnlyItsSecondaryIndexes() {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            BulkLoad load = BulkLoad.begin(jdbc, new TimedSql(jdbc, "test"), "bulk_t", 100, 1);
            assertThat(jdbc.queryForList(INDEXES, String.class)).as("primary key and unique constraint stay")
                    .hasSize(2).allMatch(d -> d.contains("UNIQUE"));
            jdbc.update("INSERT INTO bulk_t SELECT 'k' || g, 'a' || (g % 7), g FROM generate_series(51, 150) g");
            load.end();
        });
        assertThat(jdbc.queryForList(INDEXES, String.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bulk_t WHERE a = 'a3'", Long.class)).isEqualTo(22);
    }

    @Test
    void aSmallerLoadKeepsEveryIndex() {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            BulkLoad load = BulkLoad.begin(jdbc, new TimedSql(jdbc, "test"), "bulk_t", 49, 1);
            assertThat(jdbc.queryForList(INDEXES, String.class)).isEqualTo(before);
            load.end();
        });
        assertThat(jdbc.queryForList(INDEXES, String.class)).isEqualTo(before);
    }
}
