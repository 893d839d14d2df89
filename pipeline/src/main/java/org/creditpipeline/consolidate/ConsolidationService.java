package org.creditpipeline.consolidate;

import java.sql.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.db.NodeLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Consolidates the node's staged rows that no run has covered yet: launches (or, after a failure, restarts) the
 * consolidate job for the current high-water mark and reports what it did. Takes the node lock, which it keeps until
 * the application context closes. With nothing new it changes nothing and says so.
 */
@Service
public class ConsolidationService {

    private static final Logger log = LoggerFactory.getLogger(ConsolidationService.class);

    private static final String MAX_STAGED = "SELECT coalesce(max(id), 0) FROM staged_record";
    private static final String PENDING = """
            SELECT count(*) FROM staged_record s
             WHERE s.id > ? AND s.id <= ? AND NOT EXISTS (SELECT 1 FROM record_source r WHERE r.staged_record_id = s.id)""";
    /** The run that applied the rows up to a mark: the first, should a restart have recorded it again. */
    private static final String RUN = """
            SELECT run_id, rows_read, inserted, updated, merged, review_pairs, conflicts FROM consolidation_run
             WHERE max_staged_id = ? ORDER BY run_id LIMIT 1""";
    /**
     * The mark of the node's latest consolidate execution when it did not complete although its apply step committed
     * (a process killed between that commit and Spring Batch recording the step or the job complete).
     */
    private static final String APPLIED_UNFINISHED = """
            SELECT p.parameter_value::bigint
              FROM batch_job_execution e
              JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
              JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id AND p.parameter_name = ?
             WHERE i.job_name = ? AND e.status <> 'COMPLETED'
               AND e.job_execution_id = (SELECT max(x.job_execution_id) FROM batch_job_execution x
                                           JOIN batch_job_instance y ON y.job_instance_id = x.job_instance_id
                                          WHERE y.job_name = ?)
               AND EXISTS (SELECT 1 FROM consolidation_run r WHERE r.max_staged_id = p.parameter_value::bigint)""";
    private static final String RUN_CONFLICTS = """
            SELECT record_kind, document_number_key, authority, record_ids, identifiers, kind
              FROM consolidation_conflict WHERE run_id = ? ORDER BY id LIMIT 1000""";

    private final JobOperator jobOperator;
    private final Job consolidateJob;
    private final JdbcTemplate jdbc;
    private final NodeLock nodeLock;
    private final CreditProperties properties;
    private final IdKeys idKeys;

    public ConsolidationService(JobOperator jobOperator, Job consolidateJob, JdbcTemplate jdbc, NodeLock nodeLock,
                                CreditProperties properties, IdKeys idKeys) {
        this.jobOperator = jobOperator;
        this.consolidateJob = consolidateJob;
        this.jdbc = jdbc;
        this.nodeLock = nodeLock;
        this.properties = properties;
        this.idKeys = idKeys;
    }

    /** One run's work tables (V9, V11): kept after a failed run for its restart, emptied when the next one starts. */
    public static final List<String> WORK_TABLES = List.of("consolidate_work_row", "consolidate_work_group",
            "consolidate_work_link", "consolidate_work_merge", "consolidate_work_review");
    /** Empties the work tables. */
    public static final String CLEAR_WORK = "TRUNCATE " + String.join(", ", WORK_TABLES);

    /**
     * Refuses work that would overwrite the work tables a failed or running consolidation keeps for its restart
     * ({@code review accept}, {@code record unmerge}): {@code what} names it in the message.
     */
    public static void requireLastRunCompleted(JdbcTemplate jdbc, String what) {
        String last = lastRunStatus(jdbc);
        if (last != null && !"COMPLETED".equals(last)) {
            throw new IllegalStateException("the last consolidation run did not complete (" + last
                    + "); run 'credit-pipeline consolidate' to finish it before " + what);
        }
    }

    /** The status of the node's latest consolidate job execution (COMPLETED, FAILED, STARTED …); null when none ran. */
    public static String lastRunStatus(JdbcTemplate jdbc) {
        List<String> last = jdbc.queryForList(LAST_RUN_STATUS, String.class, ConsolidationJobConfiguration.JOB_NAME);
        return last.isEmpty() ? null : last.get(0);
    }

    private static final String LAST_RUN_STATUS = """
            SELECT e.status FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
             WHERE i.job_name = ? ORDER BY e.job_execution_id DESC LIMIT 1""";

    public ConsolidationSummary consolidate() {
        nodeLock.acquire();
        String node = properties.node();
        long max = jdbc.queryForObject(MAX_STAGED, Long.class);
        long last = jdbc.queryForObject(KeyStep.LAST_MARK, Long.class);
        try {
            idKeys.ensureRekeyed();
        } catch (IllegalStateException e) {
            return failed(node, null, last, e.getMessage());
        }
        long pending = jdbc.queryForObject(PENDING, Long.class, last, max);
        if (pending == 0) {
            List<Long> unfinished = jdbc.queryForList(APPLIED_UNFINISHED, Long.class,
                    ConsolidationJobConfiguration.MAX_STAGED_ID, ConsolidationJobConfiguration.JOB_NAME,
                    ConsolidationJobConfiguration.JOB_NAME);
            if (unfinished.isEmpty()) {
                return nothingNew(node, last, null);
            }
            // Its records are written; restarting it only records it complete (the apply step does not apply twice),
            // so that review accept and record unmerge, which wait for an unfinished run, are not stopped for good.
            max = unfinished.get(0);
            log.warn("The consolidation of staged rows up to {} was applied by a process that died before it was"
                    + " recorded complete; restarting it to record it complete", max);
        }
        JobParameters parameters = new JobParametersBuilder()
                .addString(ConsolidationJobConfiguration.NODE, node, true)
                .addLong(ConsolidationJobConfiguration.MAX_STAGED_ID, max, true)
                .toJobParameters();
        JobExecution execution;
        try {
            execution = jobOperator.start(consolidateJob, parameters);
        } catch (JobInstanceAlreadyCompleteException e) {
            return nothingNew(node, max, "the run for staged rows up to " + max + " completed before");
        } catch (Exception e) {
            return failed(node, null, max, "could not start the consolidate job: " + e.getMessage());
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return failed(node, execution.getId(), max, failureMessage(execution));
        }
        Map<String, Object> run = jdbc.queryForMap(RUN, max);
        long runId = number(run, "run_id");
        List<ConsolidationSummary.Conflict> conflicts = jdbc.query(RUN_CONFLICTS, (rs, i) ->
                new ConsolidationSummary.Conflict(rs.getString(1), rs.getString(2), rs.getString(3),
                        Arrays.asList((Long[]) rs.getArray(4).getArray()), Arrays.asList((String[]) array(rs.getArray(5))),
                        rs.getString(6)),
                runId);
        ConsolidationSummary summary = new ConsolidationSummary(node, ConsolidationSummary.COMPLETED, runId,
                max, number(run, "rows_read"), number(run, "inserted"), number(run, "updated"), number(run, "merged"),
                number(run, "review_pairs"), number(run, "conflicts"), conflicts, null);
        log.info("Consolidated {} staged rows on node {}: {} new, {} updated, {} merged, {} for review, {} conflicts",
                summary.rowsRead(), node, summary.inserted(), summary.updated(), summary.merged(),
                summary.reviewPairs(), summary.conflicts());
        return summary;
    }

    private static Object[] array(Array a) throws java.sql.SQLException {
        return (Object[]) a.getArray();
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static ConsolidationSummary nothingNew(String node, long mark, String note) {
        return new ConsolidationSummary(node, ConsolidationSummary.NOTHING_NEW, null, mark, 0, 0, 0, 0, 0, 0, List.of(),
                note == null ? "no staged rows waiting; nothing changed" : note + "; nothing changed");
    }

    private static ConsolidationSummary failed(String node, Long execution, long mark, String message) {
        return new ConsolidationSummary(node, ConsolidationSummary.FAILED, execution, mark, 0, 0, 0, 0, 0, 0, List.of(),
                message);
    }

    private static String failureMessage(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (failures.isEmpty()) {
            return "consolidation ended with status " + execution.getStatus();
        }
        Throwable root = failures.get(0);
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage()
                + " (run consolidate again to restart from the failed step)";
    }
}
