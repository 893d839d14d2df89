package org.creditpipeline.consolidate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs a step's named statements and logs how long each took and how many rows it touched (to see where time goes):
 * at INFO a statement that took {@link #SLOW_MS} or more, at DEBUG every statement with its plan ({@code EXPLAIN}, not
 * executed twice), for tuning on real volumes. A small night's run so stays a few lines in the operator's log.
 */
final class TimedSql {

    private static final Logger log = LoggerFactory.getLogger(TimedSql.class);

    /** A statement at least this slow (milliseconds) is logged at INFO; quicker ones at DEBUG. */
    static final long SLOW_MS = 1000;

    private final JdbcTemplate jdbc;
    private final String step;

    TimedSql(JdbcTemplate jdbc, String step) {
        this.jdbc = jdbc;
        this.step = step;
    }

    /** Runs a CREATE TEMP TABLE … AS statement, then ANALYZE, so the statements after it get sound plans. */
    int create(String name, String sql, String table) {
        int rows = run(name, sql);
        jdbc.execute("ANALYZE " + table);
        return rows;
    }

    /** Executes a statement (DDL, CREATE TABLE AS, or DML) and returns the rows it changed (0 for DDL). */
    int run(String name, String sql, Object... args) {
        if (log.isDebugEnabled()) {
            String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + sql, String.class, args));
            log.debug("{}: {} — plan:\n{}", step, name, plan);
        }
        long t0 = System.nanoTime();
        int rows = jdbc.update(sql, args);
        timing(log, (System.nanoTime() - t0) / 1_000_000, "{}: {} — {} rows, {} ms", step, name, rows);
        return rows;
    }

    /**
     * Logs a timing line, its duration in milliseconds as the last argument: at INFO when it took {@link #SLOW_MS}
     * or more, else at DEBUG.
     */
    static void timing(Logger logger, long millis, String format, Object... args) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = millis;
        if (millis >= SLOW_MS) {
            logger.info(format, all);
        } else {
            logger.debug(format, all);
        }
    }
}
