package org.creditpipeline.db;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "credit.node=durability")
class DurabilityFunctionalTests extends PostgresTestSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    Durability durability;

    @Test
    void flushPutsTheCommitsBeforeItOnDiskAndLeavesTheSessionAsynchronous() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // the premise: the pipeline's sessions commit without waiting for the disk
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("off");
        jdbc.execute("CREATE TABLE IF NOT EXISTS durability_probe (n bigint)");
        jdbc.update("INSERT INTO durability_probe SELECT g FROM generate_series(1, 20000) g");
        String written = jdbc.queryForObject("SELECT pg_current_wal_insert_lsn()::text", String.class);

        durability.flush();

        assertThat(jdbc.queryForObject("SELECT pg_current_wal_flush_lsn() >= ?::pg_lsn", Boolean.class, written))
                .as("WAL flushed up to the insert's commit").isTrue();
        // the synchronous commit was the barrier's own: the pooled sessions stay asynchronous and in autocommit
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("off");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM durability_probe", Long.class)).isEqualTo(20000L);
    }
}
