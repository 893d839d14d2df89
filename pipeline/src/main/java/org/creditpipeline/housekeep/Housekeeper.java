package org.creditpipeline.housekeep;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.consolidate.ConsolidationService;
import org.creditpipeline.db.NodeLock;
import org.creditpipeline.exchange.ExchangeFolder;
import org.creditpipeline.exchange.ExchangeNodes;
import org.creditpipeline.exchange.NodeConfig;
import org.creditpipeline.ingest.RejectSpool;
import org.creditpipeline.support.Failpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code housekeep}: removes what a node no longer needs once it is old enough, so that years of nights do not fill
 * the disk or the database: incoming files filed away, error reports, export folders beyond the newest few,
 * exchange packages acknowledged or applied and the acknowledgements written for children, stale log files, the
 * Spring Batch metadata of completed job instances, and the consolidation's scratch tables. What is evidence is never
 * touched: {@code ingest_file}, staged and rejected rows, lineage, the change log, status audit, the exchange tables,
 * consolidation runs and review decisions; nor anything a restart or an operator may still need (failed files unless
 * configured, unacknowledged outgoing packages, held or refused incoming ones, job instances whose last execution did
 * not complete). docs/OPERATIONS.md says why for each. Takes the node lock.
 */
@Service
public class Housekeeper {

    private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);

    private static final String OLD_REPORTS = """
            SELECT error_report FROM ingest_file
             WHERE error_report IS NOT NULL AND coalesce(finished_at, started_at) < ?
             ORDER BY id""";
    private static final String ACKNOWLEDGED_BEFORE = """
            SELECT package_id FROM exchange_outbound WHERE status = 'ACKNOWLEDGED' AND acked_at < ?""";
    private static final String UNACKNOWLEDGED_BEFORE = """
            SELECT count(*) FROM exchange_outbound WHERE status <> 'ACKNOWLEDGED' AND created_at < ?""";
    private static final String APPLIED_BEFORE = """
            SELECT package_id FROM exchange_inbound WHERE status = 'APPLIED' AND applied_at < ?""";

    /** The last execution of each job instance. */
    private static final String LAST_EXECUTIONS = """
            SELECT i.job_instance_id, i.job_name, last.status, last.create_time, last.end_time
              FROM batch_job_instance i
              JOIN LATERAL (SELECT e.status, e.create_time, e.end_time FROM batch_job_execution e
                             WHERE e.job_instance_id = i.job_instance_id
                             ORDER BY e.job_execution_id DESC LIMIT 1) last ON true""";
    private static final String CREATE_INSTANCES = """
            CREATE TEMP TABLE housekeep_instance (job_instance_id bigint PRIMARY KEY) ON COMMIT DROP""";
    /**
     * Job instances that are over and old: the last execution COMPLETED before the cutoff (a completed instance is
     * never restarted; Batch refuses to), none of its executions still marked running, and not the instance of the
     * newest execution of its job (what "the last consolidation" reads).
     */
    private static final String COMPLETED_INSTANCES = """
            INSERT INTO housekeep_instance
            SELECT l.job_instance_id FROM (%s) l
             WHERE l.status = 'COMPLETED' AND l.end_time < ?
               AND NOT EXISTS (SELECT 1 FROM batch_job_execution r
                                WHERE r.job_instance_id = l.job_instance_id
                                  AND r.status IN ('STARTING', 'STARTED', 'STOPPING'))
               AND l.job_instance_id NOT IN (
                   SELECT DISTINCT ON (n.job_name) e.job_instance_id
                     FROM batch_job_execution e JOIN batch_job_instance n ON n.job_instance_id = e.job_instance_id
                    ORDER BY n.job_name, e.job_execution_id DESC)""".formatted(LAST_EXECUTIONS);
    private static final String RESTARTABLE_BEFORE = """
            SELECT count(*) FROM (%s) l
             WHERE l.status <> 'COMPLETED' AND coalesce(l.end_time, l.create_time) < ?""".formatted(LAST_EXECUTIONS);
    private static final String CREATE_EXECUTIONS = """
            CREATE TEMP TABLE housekeep_execution ON COMMIT DROP AS
            SELECT job_execution_id FROM batch_job_execution
             WHERE job_instance_id IN (SELECT job_instance_id FROM housekeep_instance)""";
    /** A table and the statement deleting its rows of the instances chosen. */
    private record BatchDelete(String table, String sql) {
    }

    /** Each table's rows of those instances, children before parents (the foreign keys of V1). */
    private static final List<BatchDelete> BATCH_DELETES = List.of(
            new BatchDelete("batch_step_execution_context", """
                    DELETE FROM batch_step_execution_context x USING batch_step_execution s
                     WHERE x.step_execution_id = s.step_execution_id
                       AND s.job_execution_id IN (SELECT job_execution_id FROM housekeep_execution)"""),
            new BatchDelete("batch_step_execution", """
                    DELETE FROM batch_step_execution x
                     WHERE x.job_execution_id IN (SELECT job_execution_id FROM housekeep_execution)"""),
            new BatchDelete("batch_job_execution_context", """
                    DELETE FROM batch_job_execution_context x
                     WHERE x.job_execution_id IN (SELECT job_execution_id FROM housekeep_execution)"""),
            new BatchDelete("batch_job_execution_params", """
                    DELETE FROM batch_job_execution_params x
                     WHERE x.job_execution_id IN (SELECT job_execution_id FROM housekeep_execution)"""),
            new BatchDelete("batch_job_execution", """
                    DELETE FROM batch_job_execution x
                     WHERE x.job_execution_id IN (SELECT job_execution_id FROM housekeep_execution)"""),
            new BatchDelete("batch_job_instance", """
                    DELETE FROM batch_job_instance x
                     WHERE x.job_instance_id IN (SELECT job_instance_id FROM housekeep_instance)"""));
    /** A delete's rows counted and sized as they go. */
    private static final String COUNTED = "WITH gone AS (%s RETURNING pg_column_size(x.*) AS size)"
            + " SELECT count(*), coalesce(sum(size), 0) FROM gone";

    private static final String WORK_ROWS = "SELECT count(*), pg_total_relation_size(?::regclass) FROM %s";

    /** {@code <kind>-yyyyMMdd-HHmmss-SSS}, as ExportService names a finished export. */
    private static final Pattern EXPORT = Pattern.compile("([a-z]+)-\\d{8}-\\d{6}-\\d{3}");
    /** An outbox package, or the copy of one the parent refused: {@code <id>.zip}, {@code <id>.refused-<ms>.zip}. */
    private static final Pattern OUTBOX_PACKAGE = Pattern.compile("(.+?)(\\.refused-\\d+)?\\.zip");
    private static final Pattern LOG_FILE = Pattern.compile(".+\\.log(\\.\\d+)?(\\.gz)?");

    private final CreditProperties properties;
    private final NodeLock lock;
    private final ExchangeNodes nodes;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public Housekeeper(CreditProperties properties, NodeLock lock, ExchangeNodes nodes, JdbcTemplate jdbc,
                       PlatformTransactionManager transactionManager) {
        this.properties = properties;
        this.lock = lock;
        this.nodes = nodes;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /**
     * @param incoming  the incoming folder whose {@code done/} and {@code failed/} are swept; null for
     *                  {@code HOME/var/incoming/NODE}
     * @param olderThan replaces every age limit that is not {@code never} for this run; null for the configured ones
     * @param dryRun    count and list only; database deletes run in a transaction that is rolled back
     */
    public HousekeepSummary run(Path incoming, Integer olderThan, boolean dryRun) {
        HousekeepingLimits limits = HousekeepingLimits.of(properties.housekeeping(), olderThan);
        lock.acquire();
        Path folder = incoming != null ? incoming : properties.incoming();
        Path done = folder.resolve("done");
        Path failed = folder.resolve("failed");
        List<HousekeepSummary.Kind> kinds = new ArrayList<>();
        kinds.add(pass(HousekeepSummary.INCOMING_DONE, "incoming files ingested or skipped (" + done + "/DATE): "
                + age("filed", limits.doneDays()), dryRun, s -> datedFolders(done, limits.doneDays(), s)));
        kinds.add(pass(HousekeepSummary.INCOMING_FAILED, "incoming files that failed, with their reasons (" + failed
                + "/DATE): " + age("filed", limits.failedDays()), dryRun, s -> datedFolders(failed,
                limits.failedDays(), s)));
        kinds.add(pass(HousekeepSummary.ERROR_REPORTS, "error reports: " + age("the file ingested",
                limits.reportsDays()), dryRun, s -> reports(limits.reportsDays(), s)));
        kinds.add(pass(HousekeepSummary.EXPORTS, "export folders: " + (limits.exportsKeep() == null ? "all kept"
                : "all but the newest " + limits.exportsKeep() + " of each kind"), dryRun,
                s -> exports(limits.exportsKeep(), s)));
        NodeConfig self = nodes.configuredSelf().orElse(null);
        if (self != null) {
            Integer days = limits.exchangeDays();
            kinds.add(pass(HousekeepSummary.OUTBOX, "packages sent to the parent: " + age("acknowledged", days),
                    dryRun, s -> outbox(self, days, s)));
            kinds.add(pass(HousekeepSummary.APPLIED, "packages from children (applied/): " + age("applied", days),
                    dryRun, s -> applied(self, days, s)));
            kinds.add(pass(HousekeepSummary.ACKNOWLEDGEMENTS, "acknowledgements written for children: "
                    + age("written", days), dryRun, s -> acknowledgements(self, days, s)));
        }
        kinds.add(pass(HousekeepSummary.LOGS, "log files in " + properties.var().resolve("log") + ": "
                + age("last written", limits.logDays()), dryRun, s -> logs(limits.logDays(), s)));
        kinds.add(pass(HousekeepSummary.BATCH_METADATA, "Spring Batch metadata of job instances: "
                + age("completed", limits.batchDays()), dryRun, s -> batchMetadata(limits.batchDays(), dryRun, s)));
        kinds.add(pass(HousekeepSummary.CONSOLIDATION_WORK, "the last consolidation's scratch tables: emptied", dryRun,
                s -> workTables(dryRun, s)));
        HousekeepSummary summary = HousekeepSummary.of(properties.node(), dryRun, limits.describe(), kinds);
        log.info("Housekeeping on node {}{}: {} file(s), {} bytes, {} database row(s){}", summary.node(),
                dryRun ? " (dry run)" : "", summary.files(), summary.bytes(), summary.rows(),
                summary.failed() ? "; some could not be removed" : "");
        return summary;
    }

    /** One kind; a failure of its own (an unreadable folder, a database error) is noted and the next kind goes on. */
    private static HousekeepSummary.Kind pass(String kind, String rule, boolean dryRun, Consumer<Sweep> work) {
        Sweep sweep = new Sweep(kind, rule, dryRun);
        Failpoints.reach("housekeep.before-kind");
        try {
            work.accept(sweep);
        } catch (RuntimeException e) {
            log.warn("Housekeeping of {} failed: {}", kind, e.toString());
            sweep.error(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return sweep.summary();
    }

    private static String age(String what, Integer days) {
        return days == null ? "never removed" : what + " more than " + days + " day(s) ago";
    }

    /** The moment before which a thing is old enough, or null for never. */
    private static Instant cutoff(Integer days) {
        return days == null ? null : Instant.now().minusSeconds(days * 86_400L);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** {@code done/DATE} and {@code failed/DATE} as NightlyRun files them (the server's date), by that date. */
    private static void datedFolders(Path parent, Integer days, Sweep sweep) {
        if (days == null) {
            return;
        }
        LocalDate first = LocalDate.now().minusDays(days);
        for (Path dir : Sweep.list(parent)) {
            LocalDate filed;
            try {
                filed = LocalDate.parse(dir.getFileName().toString());
            } catch (DateTimeParseException e) {
                continue; // not a folder nightly made
            }
            if (filed.isBefore(first) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                sweep.remove(dir);
            }
        }
    }

    /**
     * This node's error reports ({@code ingest_file.error_report}: the reports folder may be shared by several nodes
     * of one home), of files finished before the cutoff and not rewritten since (another node's file of the same id
     * and name writes the same path).
     */
    private void reports(Integer days, Sweep sweep) {
        Path folder = properties.var().resolve("reports").toAbsolutePath().normalize();
        // the rejects an ingest or a check spools for its report, left behind by a run that was killed: a day
        // untouched is no running job's (another node of this home may be writing one now)
        Instant dayAgo = Instant.now().minus(java.time.Duration.ofDays(1));
        for (Path file : Sweep.list(folder)) {
            if (RejectSpool.isSpoolFile(file) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && Sweep.modified(file).isBefore(dayAgo)) {
                sweep.remove(file);
            }
        }
        Instant cutoff = cutoff(days);
        if (cutoff == null) {
            return;
        }
        for (String report : jdbc.queryForList(OLD_REPORTS, String.class, at(cutoff))) {
            Path path = Path.of(report).toAbsolutePath().normalize();
            if (path.startsWith(folder) && path.getFileName().toString().endsWith("-errors.xlsx")
                    && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Sweep.modified(path).isBefore(cutoff)) {
                sweep.remove(path);
            }
        }
    }

    /** {@code HOME/var/exports/NODE/<kind>-<time>/}: all but the newest N of each kind (names sort by time). */
    private void exports(Integer keep, Sweep sweep) {
        if (keep == null) {
            return;
        }
        Map<String, List<Path>> byKind = new TreeMap<>();
        for (Path dir : Sweep.list(properties.var().resolve("exports").resolve(properties.node()))) {
            Matcher m = EXPORT.matcher(dir.getFileName().toString());
            if (m.matches() && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                byKind.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(dir);
            }
        }
        for (List<Path> dirs : byKind.values()) {
            for (int i = 0; i < dirs.size() - keep; i++) { // sorted by name: oldest first
                sweep.remove(dirs.get(i));
            }
        }
    }

    /**
     * The exchange folder, unless its marker names another node (a wrong {@code directory} or mount: nothing there is
     * this node's to remove).
     */
    private static Path exchangeFolder(NodeConfig self, Sweep sweep) {
        String other = ExchangeFolder.otherOwner(self);
        if (other != null) {
            sweep.error("exchange folder " + self.directory() + " belongs to node '" + other + "' (its marker "
                    + ExchangeFolder.MARKER + "), not to node '" + self.id() + "': nothing removed there");
            return null;
        }
        return self.directory();
    }

    /**
     * Outbox packages (and refused builds of them) the parent acknowledged before the cutoff; never an unacknowledged
     * one.
     */
    private void outbox(NodeConfig self, Integer days, Sweep sweep) {
        Instant cutoff = cutoff(days);
        Path folder = exchangeFolder(self, sweep);
        if (cutoff == null || folder == null) {
            return;
        }
        Set<String> acknowledged = new HashSet<>(jdbc.queryForList(ACKNOWLEDGED_BEFORE, String.class, at(cutoff)));
        for (Path file : Sweep.list(self.packagesOut())) {
            Matcher m = OUTBOX_PACKAGE.matcher(file.getFileName().toString());
            if (m.matches() && acknowledged.contains(m.group(1))
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                sweep.remove(file);
            }
        }
        sweep.kept(jdbc.queryForObject(UNACKNOWLEDGED_BEFORE, Long.class, at(cutoff)),
                "package(s) built before the limit and not acknowledged by the parent: delivered again at every push");
    }

    /** {@code applied/}: packages applied here before the cutoff. Held ones (inbox) and refused ones stay. */
    private void applied(NodeConfig self, Integer days, Sweep sweep) {
        Instant cutoff = cutoff(days);
        Path folder = exchangeFolder(self, sweep);
        if (cutoff == null || folder == null) {
            return;
        }
        Set<String> applied = new HashSet<>(jdbc.queryForList(APPLIED_BEFORE, String.class, at(cutoff)));
        for (Path file : Sweep.list(folder.resolve("applied"))) {
            String name = file.getFileName().toString();
            if (name.endsWith(".zip") && applied.contains(name.substring(0, name.length() - ".zip".length()))
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                sweep.remove(file);
            }
        }
        long kept = 0;
        for (String never : List.of("inbox", "refused")) {
            kept += Sweep.list(folder.resolve(never)).stream()
                    .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> Sweep.modified(f).isBefore(cutoff)).count();
        }
        sweep.kept(kept, "package(s) in inbox/ (held, or not taken yet) or refused/ older than the limit: never"
                + " removed, they need someone");
    }

    /**
     * {@code acks/<child>/}: an acknowledgement of a package applied before the cutoff, or a refusal, not written
     * since. A child that had not taken one yet delivers its package again, and receive writes it again.
     */
    private void acknowledgements(NodeConfig self, Integer days, Sweep sweep) {
        Instant cutoff = cutoff(days);
        Path folder = exchangeFolder(self, sweep);
        if (cutoff == null || folder == null) {
            return;
        }
        Set<String> applied = new HashSet<>(jdbc.queryForList(APPLIED_BEFORE, String.class, at(cutoff)));
        for (Path child : Sweep.list(folder.resolve("acks"))) {
            for (Path file : Sweep.list(child)) {
                String name = file.getFileName().toString();
                boolean old = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && Sweep.modified(file).isBefore(cutoff);
                boolean answered = name.endsWith(".refused.json") || (name.endsWith(".ack.json")
                        && applied.contains(name.substring(0, name.length() - ".ack.json".length())));
                if (old && answered) {
                    sweep.remove(file);
                }
            }
        }
    }

    /** {@code HOME/var/log/}: log files (also rotated and gzipped ones) not written to since the cutoff. */
    private void logs(Integer days, Sweep sweep) {
        Instant cutoff = cutoff(days);
        if (cutoff == null) {
            return;
        }
        for (Path file : Sweep.list(properties.var().resolve("log"))) {
            if (LOG_FILE.matcher(file.getFileName().toString()).matches()
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Sweep.modified(file).isBefore(cutoff)) {
                sweep.remove(file);
            }
        }
    }

    /**
     * Spring Batch metadata of job instances completed before the cutoff, every table in foreign-key order in one
     * transaction (rolled back in a dry run, so that it counts exactly what a run removes). Batch writes its times in
     * the JVM's zone, without one, so the cutoff is taken the same way.
     */
    private void batchMetadata(Integer days, boolean dryRun, Sweep sweep) {
        if (days == null) {
            return;
        }
        LocalDateTime cutoff = LocalDateTime.now().minusDays(days);
        Map<String, long[]> deleted = new LinkedHashMap<>(); // counted once the transaction is through
        tx.executeWithoutResult(status -> {
            jdbc.execute(CREATE_INSTANCES);
            jdbc.update(COMPLETED_INSTANCES, cutoff);
            jdbc.execute(CREATE_EXECUTIONS);
            for (BatchDelete delete : BATCH_DELETES) {
                jdbc.query(COUNTED.formatted(delete.sql()), rs -> {
                    deleted.put(delete.table(), new long[] {rs.getLong(1), rs.getLong(2)});
                });
            }
            if (dryRun) {
                status.setRollbackOnly();
            }
        });
        deleted.forEach((table, rowsAndSize) -> sweep.rows(table, rowsAndSize[0], rowsAndSize[1]));
        sweep.kept(jdbc.queryForObject(RESTARTABLE_BEFORE, Long.class, cutoff), "job instance(s) older than the"
                + " limit whose last execution did not complete (FAILED, STOPPED …): kept for a restart and for whoever"
                + " looks into the failure");
    }

    /**
     * The consolidate job's work tables keep the last run's scratch rows until the next run empties them: emptied now
     * (a restarted run computes them again, V9). Left alone after a failed consolidation, for whoever looks into it.
     */
    private void workTables(boolean dryRun, Sweep sweep) {
        Map<String, long[]> rowsAndSize = new LinkedHashMap<>();
        for (String table : ConsolidationService.WORK_TABLES) {
            rowsAndSize.put(table, jdbc.query(WORK_ROWS.formatted(table), rs -> {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }, table));
        }
        long rows = rowsAndSize.values().stream().mapToLong(r -> r[0]).sum();
        if (rows == 0) {
            return;
        }
        if ("FAILED".equals(ConsolidationService.lastRunStatus(jdbc))) {
            sweep.kept(rows, "row(s) of a consolidation that failed: left for whoever looks into it (its restart"
                    + " computes them again)");
            return;
        }
        if (!dryRun) {
            jdbc.execute(ConsolidationService.CLEAR_WORK);
        }
        rowsAndSize.forEach((table, r) -> sweep.rows(table, r[0], r[1]));
    }
}
