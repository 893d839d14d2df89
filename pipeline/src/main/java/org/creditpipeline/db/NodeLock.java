package org.creditpipeline.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.creditpipeline.CreditProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One process per node at a time: a PostgreSQL advisory lock, held on a dedicated connection for the life of the
 * command. Holding it proves that any job execution still marked as running belongs to a process that died (killed,
 * power cut), so those executions are marked FAILED and the next run of the same command restarts them from their
 * last committed chunk.
 */
@Component
public class NodeLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeLock.class);

    private static final String MARK_STEPS_FAILED = """
            UPDATE batch_step_execution
               SET status = 'FAILED', exit_code = 'FAILED', end_time = now(),
                   exit_message = 'process died while the step was running; marked failed by the next run'
             WHERE status IN ('STARTING', 'STARTED', 'STOPPING')""";
    private static final String MARK_JOBS_FAILED = """
            UPDATE batch_job_execution
               SET status = 'FAILED', exit_code = 'FAILED', end_time = now(),
                   exit_message = 'process died while the job was running; marked failed by the next run'
             WHERE status IN ('STARTING', 'STARTED', 'STOPPING')""";

    private final DataSource dataSource;
    private final CreditProperties properties;
    private Connection held;

    public NodeLock(DataSource dataSource, CreditProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    /** Takes the node's lock and repairs what a dead process left behind; fails fast when another process runs. */
    public synchronized void acquire() {
        if (held != null) {
            return;
        }
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
                ps.setString(1, "credit-pipeline:" + properties.schema());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        connection.close();
                        throw new NodeBusyException("node '" + properties.node()
                                + "' is busy: another credit-pipeline process is working on it; nothing was done,"
                                + " run the command again when it has finished");
                    }
                }
            }
            held = connection;
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock node '" + properties.node() + "': " + e.getMessage(), e);
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int steps = jdbc.update(MARK_STEPS_FAILED);
        int jobs = jdbc.update(MARK_JOBS_FAILED);
        if (jobs + steps > 0) {
            log.warn("Found {} job and {} step executions left running by a process that died; marked them FAILED so"
                    + " they restart from their last committed chunk", jobs, steps);
        }
    }

    @Override
    public synchronized void close() {
        if (held != null) {
            try {
                held.close();
            } catch (SQLException e) {
                log.debug("closing the node lock connection", e);
            }
            held = null;
        }
    }
}
