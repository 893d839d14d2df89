package org.creditpipeline.monitor;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.consolidate.ConsolidationService;
import org.creditpipeline.exchange.ExchangeNodes;
import org.creditpipeline.exchange.NodeConfig;
import org.creditpipeline.exchange.PushService;
import org.creditpipeline.publish.PublicationRules;
import org.creditpipeline.publish.WorkingCalendar;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The node at a glance, for the operator who reads last night's cron mail: records by kind and status, recent files,
 * the last consolidation, the exchange with parent and children, and the points that need someone
 * ({@link Attention}: failed files, rows not yet consolidated, a consolidation left unfinished, review pairs, packages
 * unacknowledged, refused or held, rows the parent questioned, objections past their deadline). Read-only, no node
 * lock: it may run while a job does. The seed of the monitoring and early-warning (监测预警) the portal will show.
 */
@Service
public class NodeOverview {

    /** A package is overdue when the parent has not acknowledged it within this time. */
    static final Duration ACK_OVERDUE = Duration.ofHours(24);
    /**
     * Working days to decide an objection before it is flagged, unless {@code credit.objection.deadline-working-days}
     * says otherwise: the provinces' rules give 5 to 7 (DOMAIN.md §8: 上海 5, 山东 and 河南 7, 浙江 5 up to 20).
     */
    static final int OBJECTION_DEADLINE_WORKING_DAYS = 7;
    /** A file that rejects more than this share of its rows is worth a look at its error report. */
    static final double HIGH_REJECT_SHARE = 0.2;

    /** Something that needs a person; {@code code} is stable for scripts, {@code message} is for people. */
    public record Attention(String code, String message) {
    }

    public record FileLine(long id, String name, String format, String status, long read, long accepted,
                           long rejected, String startedAt, String message, String errorReport) {
    }

    public record Consolidation(Long runId, String finishedAt, long rowsRead, long inserted, long updated,
                                long merged, long reviewPairs, long conflicts, String lastJobStatus) {
    }

    public record Exchange(String parent, long changeLogSeq, long packagedSeq, long acknowledgedSeq,
                           long packagesUnacknowledged, long packagesRefused, long rowsQuestioned,
                           List<String> children, long packagesApplied, long packagesHeld, long refusals,
                           long intakeRefusals, List<ChildCounts> fromChildren) {
    }

    /**
     * What one child sent and how it was taken, in the platforms' counters (DOMAIN.md §9): 上报量 {@code changes},
     * 入库量 {@code accepted}, 更新量 {@code updated}, 疑问量 {@code questioned}, 未关联量 {@code unmatched}.
     */
    public record ChildCounts(String child, long packages, long changes, long accepted, long updated,
                              long questioned, long unmatched, String lastApplied) {
    }

    /**
     * @param records     per record kind, per status
     * @param stagedRows  staged rows in all; {@code unconsolidated} of them not yet consolidated
     */
    public record Overview(String node, String name, String region, String level, String asOf,
                           Map<String, Map<String, Long>> records, long totalRecords, long stagedRows,
                           long unconsolidated, List<FileLine> recentFiles, Consolidation consolidation,
                           long pendingReviews, Exchange exchange, List<Attention> attention) {
    }

    private static final String RECORDS = """
            SELECT record_kind, status, count(*) FROM consolidated_record GROUP BY 1, 2 ORDER BY 1, 2""";
    private static final String STAGED = "SELECT count(*), coalesce(max(id), 0) FROM staged_record";
    private static final String HIGH_WATER = "SELECT coalesce(max(max_staged_id), 0) FROM consolidation_run";
    private static final String UNCONSOLIDATED = "SELECT count(*) FROM staged_record WHERE id > ?";
    private static final String RECENT_FILES = """
            SELECT id, source_name, format, status, rows_read, rows_accepted, rows_rejected, date_trunc('second', started_at)::text, message,
                   error_report
              FROM ingest_file ORDER BY id DESC LIMIT ?""";
    private static final String FAILED_SINCE = """
            SELECT source_name, message FROM ingest_file WHERE status = 'FAILED' AND started_at > now() - ?::interval
             ORDER BY id""";
    private static final String HIGH_REJECTS_SINCE = """
            SELECT source_name, rows_read, rows_rejected, error_report FROM ingest_file
             WHERE status = 'COMPLETED' AND started_at > now() - ?::interval AND rows_read > 0
               AND rows_rejected > ? * rows_read ORDER BY id""";
    private static final String LAST_RUN = """
            SELECT run_id, date_trunc('second', finished_at)::text, rows_read, inserted, updated, merged, review_pairs, conflicts
              FROM consolidation_run ORDER BY run_id DESC LIMIT 1""";
    private static final String PENDING_REVIEWS = "SELECT count(*) FROM review_pair WHERE status = 'PENDING'";
    private static final String CHANGE_SEQ = "SELECT coalesce(max(seq), 0) FROM change_log";
    private static final String OUTBOUND = """
            SELECT coalesce(max(to_seq), 0),
                   coalesce(max(to_seq) FILTER (WHERE status = 'ACKNOWLEDGED'), 0),
                   count(*) FILTER (WHERE status = 'SENT'),
                   count(*) FILTER (WHERE status = 'SENT' AND coalesce(sent_at, created_at) < now() - ?::interval),
                   count(*) FILTER (WHERE status = 'REFUSED')
              FROM exchange_outbound""";
    private static final String INBOUND = "SELECT count(*) FROM exchange_inbound WHERE status = 'APPLIED'";
    private static final String PER_CHILD = """
            SELECT child_node, count(*), sum(changes), coalesce(sum(accepted), 0), coalesce(sum(updated), 0),
                   coalesce(sum(questioned), 0), coalesce(sum(unmatched), 0),
                   date_trunc('second', max(applied_at))::text
              FROM exchange_inbound WHERE status = 'APPLIED' GROUP BY child_node ORDER BY child_node""";
    private static final String HELD = """
            SELECT child_node, missing_from, missing_to, date_trunc('second', first_seen)::text,
                   extract(epoch FROM now() - first_seen)::bigint FROM exchange_held ORDER BY first_seen""";
    private static final String REFUSALS_SINCE = """
            SELECT count(*) FROM exchange_refusal WHERE refused_at > now() - ?::interval""";
    /** What serve's intake turned away recently, per child, status and reason ({@code exchange/IntakeRefusals}). */
    private static final String INTAKE_REFUSALS_SINCE = """
            SELECT child, status, code, sum(count), max(last_at),
                   (array_agg(last_address ORDER BY last_at DESC))[1], (array_agg(last_reason ORDER BY last_at DESC))[1]
              FROM intake_refusal WHERE last_at > now() - ?::interval
             GROUP BY child, status, code ORDER BY sum(count) DESC, child, status, code""";
    /**
     * Children's unmerges this node did not follow recently (its own evidence joined the two records, or the split was
     * refused), while its record still holds both child records.
     */
    private static final String UNMERGES_NOT_FOLLOWED = """
            SELECT count(*), min(e.parent_record) FROM exchange_origin_merge e
             WHERE e.outcome = 'KEPT_MERGED' AND e.decided_at > now() - ?::interval
               AND EXISTS (SELECT 1 FROM staged_record a JOIN record_source ra ON ra.staged_record_id = a.id
                             JOIN record_source rb ON rb.record_id = ra.record_id
                             JOIN staged_record b ON b.id = rb.staged_record_id
                            WHERE a.origin_key = e.absorbed_origin AND b.origin_key = e.followed_origin)""";
    private static final String OBJECTIONS_OPEN = """
            SELECT id, coalesce(status_changed_at, updated_at) AS since FROM consolidated_record
             WHERE status = 'UNDER_OBJECTION' ORDER BY id""";

    private final JdbcTemplate jdbc;
    private final CreditProperties properties;
    private final ExchangeNodes nodes;

    private final WorkingCalendar calendar;
    private final int objectionDays;

    public NodeOverview(JdbcTemplate jdbc, CreditProperties properties, ExchangeNodes nodes, WorkingCalendar calendar,
                        @Value("${credit.objection.deadline-working-days:" + OBJECTION_DEADLINE_WORKING_DAYS + "}")
                        int objectionDays) {
        if (objectionDays < 1) {
            throw new IllegalStateException("credit.objection.deadline-working-days must be at least 1, but is "
                    + objectionDays);
        }
        this.jdbc = jdbc;
        this.properties = properties;
        this.nodes = nodes;
        this.calendar = calendar;
        this.objectionDays = objectionDays;
    }

    /**
     * @param window how far back failed files, high reject shares and refusals count as news
     * @param files  how many of the latest files to list
     */
    public Overview overview(Duration window, int files) {
        String since = window.toSeconds() + " seconds";
        List<Attention> attention = new ArrayList<>();
        Optional<NodeConfig> self = nodes.configuredSelf();
        notConfigured(self, attention);

        Map<String, Map<String, Long>> records = new LinkedHashMap<>();
        long[] total = {0};
        jdbc.query(RECORDS, rs -> {
            records.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
            total[0] += rs.getLong(3);
        });

        long[] staged = jdbc.queryForObject(STAGED, (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
        long highWater = jdbc.queryForObject(HIGH_WATER, Long.class);
        long unconsolidated = staged[1] > highWater ? jdbc.queryForObject(UNCONSOLIDATED, Long.class, highWater) : 0;

        List<FileLine> recent = jdbc.query(RECENT_FILES, (rs, i) -> new FileLine(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(8),
                rs.getString(9), rs.getString(10)), files);
        jdbc.query(FAILED_SINCE, rs -> {
            attention.add(new Attention("FILE_FAILED", "file " + rs.getString(1) + " failed: " + rs.getString(2)));
        }, since);
        jdbc.query(HIGH_REJECTS_SINCE, rs -> {
            attention.add(new Attention("FILE_HIGH_REJECTS", "file " + rs.getString(1) + ": " + rs.getLong(3) + " of "
                    + rs.getLong(2) + " rows rejected; the data officer's error report: " + rs.getString(4)));
        }, since, HIGH_REJECT_SHARE);

        String last = ConsolidationService.lastRunStatus(jdbc);
        Consolidation consolidation = jdbc.query(LAST_RUN, rs -> rs.next()
                ? new Consolidation(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), last)
                : new Consolidation(null, null, 0, 0, 0, 0, 0, 0, last));
        if (last != null && !last.equals("COMPLETED")) {
            boolean running = last.startsWith("START") || last.equals("STOPPING");
            attention.add(new Attention("CONSOLIDATION_UNFINISHED", "the last consolidation run "
                    + (running ? "is running, or was killed (status " + last + ")"
                            : "ended " + last)
                    + ": 'credit-pipeline consolidate' finishes it"));
        }
        if (unconsolidated > 0) {
            attention.add(new Attention("NOT_CONSOLIDATED", unconsolidated + " staged rows are not consolidated yet:"
                    + " run 'credit-pipeline consolidate'"));
        }
        long reviews = jdbc.queryForObject(PENDING_REVIEWS, Long.class);
        if (reviews > 0) {
            attention.add(new Attention("REVIEW_PENDING", reviews + " review pair(s) wait for a decision:"
                    + " 'credit-pipeline review list'"));
        }
        objectionsOverdue(attention);

        Exchange exchange = exchange(self, since, attention);
        return new Overview(properties.node(), self.map(NodeConfig::name).orElse(null),
                self.map(NodeConfig::region).orElse(null), self.map(n -> n.level().name()).orElse(null),
                OffsetDateTime.now().withNano(0).toString(), records, total[0], staged[0], unconsolidated, recent, consolidation,
                reviews, exchange, attention);
    }

    /**
     * A node other than {@code local} that job-configs/nodes does not list while it lists others: most likely a typo
     * in {@code --node}, which makes a new, empty node whose nights would all look fine.
     */
    private void notConfigured(Optional<NodeConfig> self, List<Attention> attention) {
        java.nio.file.Path folder = properties.jobConfigs().resolve("nodes");
        if (self.isPresent() || "local".equals(properties.node()) || !java.nio.file.Files.isDirectory(folder)
                || nodes.topology().all().isEmpty()) {
            return;
        }
        attention.add(new Attention("NODE_NOT_CONFIGURED", "node '" + properties.node() + "' has no file in " + folder
                + " (known nodes: " + nodes.topology().all().stream().map(NodeConfig::id).toList() + "): nothing is"
                + " received or pushed; a typo in --node? a node that exchanges needs its file there / 节点未配置"));
    }

    /**
     * Objections (异议) open past their deadline: {@code objectionDays} working days ({@link WorkingCalendar}) after the
     * day, in China, the record was put under objection. The first one overdue is named with its dates.
     */
    private void objectionsOverdue(List<Attention> attention) {
        LocalDate today = LocalDate.now(PublicationRules.CHINA);
        long[] overdue = {0};
        String[] example = {null};
        jdbc.query(OBJECTIONS_OPEN, rs -> {
            LocalDate since = rs.getObject("since", OffsetDateTime.class).atZoneSameInstant(PublicationRules.CHINA)
                    .toLocalDate();
            LocalDate due = calendar.plusWorkingDays(since, objectionDays);
            if (today.isAfter(due) && overdue[0]++ == 0) {
                example[0] = "record " + rs.getLong("id") + " (under objection since " + since + ", due " + due + ")";
            }
        });
        if (overdue[0] > 0) {
            String beyond = calendar.covers(today) ? "" : " (job-configs/calendar.yaml lists no holidays for "
                    + today.getYear() + ", so only weekends were counted as days off: add the year's 放假安排)";
            attention.add(new Attention("OBJECTION_OVERDUE", overdue[0] + " record(s) under objection (异议) without a"
                    + " decision past the deadline of " + objectionDays + " working days, e.g. " + example[0] + beyond
                    + ": 'credit-pipeline status set --record ID active|withdrawn ...'"));
        }
    }

    private Exchange exchange(Optional<NodeConfig> self, String since, List<Attention> attention) {
        long seq = jdbc.queryForObject(CHANGE_SEQ, Long.class);
        long[] out = jdbc.queryForObject(OUTBOUND, (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getLong(5)}, ACK_OVERDUE.toSeconds() + " seconds");
        long questioned = PushService.openQuestions(jdbc);
        String parent = self.map(NodeConfig::parent).orElse(null);
        List<String> children = self.isPresent()
                ? nodes.topology().childrenOf(self.get().id()).stream().map(NodeConfig::id).toList() : List.of();
        if (parent != null && seq > out[0]) {
            attention.add(new Attention("NOT_PUSHED", (seq - out[0]) + " change(s) not yet packaged for " + parent
                    + ": run 'credit-pipeline push'"));
        }
        if (out[3] > 0) {
            attention.add(new Attention("ACK_OVERDUE", out[3] + " package(s) sent to " + parent + " more than "
                    + ACK_OVERDUE.toHours() + " h ago are not acknowledged: is 'receive' running there?"));
        }
        if (out[4] > 0) {
            attention.add(new Attention("PACKAGE_REFUSED", out[4] + " package(s) were refused by " + parent
                    + "; 'credit-pipeline push' rebuilds them from the change log"));
        }
        if (questioned > 0) {
            attention.add(new Attention("ROWS_QUESTIONED", questioned + " record(s) were questioned or unmatched by "
                    + parent + ": 'credit-pipeline push' lists them, and the officers' list with the rows to correct"
                    + " is var/reports/" + properties.node() + "-questioned.xlsx"));
        }
        long[] heldCount = {0};
        jdbc.query(HELD, rs -> {
            heldCount[0]++;
            attention.add(new Attention("PACKAGE_HELD", "a package from " + rs.getString(1) + " is held since "
                    + rs.getString(4) + " (" + rs.getLong(5) / 3600 + " h): changes " + rs.getLong(2) + "-"
                    + rs.getLong(3) + " are missing"));
        });
        long refusals = jdbc.queryForObject(REFUSALS_SINCE, Long.class, since);
        if (refusals > 0) {
            attention.add(new Attention("PACKAGES_REFUSED_HERE", refusals + " package(s) from children were refused"
                    + " here recently: see the receive output"));
        }
        Map<String, Object> unmerges = jdbc.queryForMap(UNMERGES_NOT_FOLLOWED, since);
        long kept = ((Number) unmerges.get("count")).longValue();
        if (kept > 0) {
            attention.add(new Attention("UNMERGE_NOT_FOLLOWED", kept + " merge(s) undone at a child were not undone"
                    + " here recently: this node joined the records by its own evidence, e.g. record "
                    + unmerges.get("min") + "; the receive output says why. If the merge is wrong here too:"
                    + " 'credit-pipeline record show ID', then 'record unmerge ID'"));
        }
        long[] intake = {0};
        List<String> intakeLines = new ArrayList<>();
        jdbc.query(INTAKE_REFUSALS_SINCE, rs -> {
            intake[0] += rs.getLong(4);
            if (intakeLines.size() < 5) {
                String child = rs.getString(1);
                intakeLines.add(rs.getLong(4) + " × " + rs.getInt(2) + " " + rs.getString(3)
                        + (child.isEmpty() ? " (no child named)" : " for node '" + child + "'") + ", last from "
                        + rs.getString(6) + ": " + rs.getString(7));
            }
        }, since);
        if (intake[0] > 0) {
            attention.add(new Attention("INTAKE_REFUSED", "the intake (serve) refused " + intake[0] + " request(s)"
                    + " recently: " + String.join("; ", intakeLines) + " — serve's log has each one; a child's token"
                    + " refused means its node file and this node's disagree (docs/EXCHANGE.md)"));
        }
        long applied = jdbc.queryForObject(INBOUND, Long.class);
        List<ChildCounts> perChild = jdbc.query(PER_CHILD, (rs, i) -> new ChildCounts(rs.getString(1), rs.getLong(2),
                rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(8)));
        return new Exchange(parent, seq, out[0], out[1], out[2], out[4], questioned, children, applied, heldCount[0],
                refusals, intake[0], perChild);
    }
}
