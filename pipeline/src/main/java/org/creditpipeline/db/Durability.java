package org.creditpipeline.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * A barrier before a file leaves the pipeline's hands on the strength of what the database holds. The pipeline commits
 * asynchronously ({@code synchronous_commit = off}, {@link DatabaseConfiguration}): bulk loads do not wait for each
 * commit to reach the disk, and a crash of the server or the machine can lose the last fraction of a second of
 * commits, always a tail of them in order, which a restart redoes from its own restart state. Files are not in that
 * order: a package delivered, an acknowledgement written or an officer's upload moved to {@code done/} right after a
 * commit that is then lost would leave the parent refusing a rebuilt package as replayed, a child acknowledged for
 * records its parent lost, or an upload never read again. {@link #flush} commits one synchronous transaction, which
 * returns only when the write-ahead log is on disk up to its own commit, and so every commit before it.
 */
@Component
public class Durability {

    private final DataSource dataSource;

    public Durability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Makes every commit so far durable; see the class comment. */
    public void flush() {
        flush(dataSource);
    }

    /** Makes every commit so far on this data source's server durable before a file is written, moved or sent. */
    public static void flush(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL synchronous_commit = on");
                // a commit waits for the disk only when its transaction wrote to the log (a transaction that only
                // took an id, txid_current(), does not): one row of the node's schema (V29) is written
                st.executeUpdate("UPDATE durability_mark SET flushed = now() WHERE id = 1");
                c.commit();
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot make the last commits durable: " + e.getMessage(), e);
        }
    }
}
