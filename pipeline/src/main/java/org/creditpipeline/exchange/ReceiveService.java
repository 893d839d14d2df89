package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.ingest.CopyBinary;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.normalize.Dates;
import org.creditpipeline.db.Durability;
import org.creditpipeline.support.Failpoints;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code receive}: takes the packages children left in this node's inbox, in sequence order per child. Each package
 * is verified ({@link PackageReader}) and checked for continuity with what was applied before; then, in one
 * transaction, its records are staged as a source (an {@code ingest_file} row for the package, one staged row per
 * record carrying {@code origin_key} and lineage), consolidated with the node's own records, and acknowledged with
 * per-record feedback. A package after a gap is held until the missing one arrives (recorded with its age in
 * {@code exchange_held}); a tampered, truncated, replayed or out-of-order package is refused with the reason and
 * nothing of it is applied. The caller holds the node lock.
 */
@Service
public class ReceiveService {

    private static final Logger log = LoggerFactory.getLogger(ReceiveService.class);

    private static final String INBOUND_BY_SHA = "SELECT package_id, status FROM exchange_inbound WHERE sha256 = ?";
    private static final String INBOUND_BY_ID = "SELECT sha256 FROM exchange_inbound WHERE package_id = ?";
    private static final String LAST_APPLIED = "SELECT COALESCE(max(to_seq), 0) FROM exchange_inbound WHERE child_node = ?";
    private static final String KNOWN_ORIGINS = "SELECT DISTINCT origin_key FROM staged_record WHERE origin_key = ANY(?)";
    private static final String INSERT_FILE = """
            INSERT INTO ingest_file (source_name, source_path, sha256, size_bytes, format, mapping, status, rows_read,
                                     rows_accepted, rows_rejected, finished_at)
            VALUES (?, ?, ?, ?, 'PACKAGE', ?, 'COMPLETED', ?, ?, ?, now()) RETURNING id""";
    private static final String INSERT_INBOUND = """
            INSERT INTO exchange_inbound (package_id, child_node, from_seq, to_seq, sha256, file_id, status, changes)
            VALUES (?, ?, ?, ?, ?, ?, 'STAGED', ?)""";
    private static final String LAST_SEQ = "SELECT COALESCE(max(seq), 0) FROM change_log";
    /** Per staged row of a package: the record it joined, if any. */
    private static final String STAGED_OUTCOMES = """
            SELECT s.source_row, split_part(s.origin_key, ':', 2)::bigint, rs.record_id, s.id
              FROM staged_record s LEFT JOIN record_source rs ON rs.staged_record_id = s.id
             WHERE s.file_id = ?
             ORDER BY s.source_row""";
    /**
     * The staged rows that created a record: for every record a consolidation inserted after sequence ?, its first
     * staged row. Read once per receive run, in id order, rather than probed per row of every package.
     */
    private static final String CREATING_ROWS = """
            SELECT min(rs.staged_record_id) AS first_row
              FROM record_source rs
             WHERE rs.record_id IN (SELECT c.record_id FROM change_log c WHERE c.seq > ? AND c.change_type = 'INSERT')
             GROUP BY rs.record_id
             ORDER BY 1""";
    private static final String MARK_APPLIED = """
            UPDATE exchange_inbound SET status = 'APPLIED', applied_at = now(), accepted = ?, updated = ?,
                   questioned = ?, unmatched = ?
             WHERE package_id = ?""";
    private static final String INBOUND_FILE = "SELECT file_id, status FROM exchange_inbound WHERE package_id = ?";
    /** Bytes of COPY data sent to the server at a time while a package is staged. */
    private static final int FLUSH_BYTES = 1 << 18;
    /** How long an unreadable package is taken for one still being copied in, before it is refused. */
    static final Duration STILL_WRITING = Duration.ofMinutes(2);
    /**
     * A package held after a gap: recorded on the first receive that holds it, seen again (gap and last_seen updated)
     * on every later one; first_seen restarts only when another package comes in under the same file name.
     */
    private static final String HOLD = """
            INSERT INTO exchange_held (file_name, child_node, package_id, from_seq, to_seq, missing_from, missing_to)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (file_name) DO UPDATE
               SET first_seen = CASE WHEN exchange_held.package_id = EXCLUDED.package_id
                                     THEN exchange_held.first_seen ELSE now() END,
                   child_node = EXCLUDED.child_node, package_id = EXCLUDED.package_id, from_seq = EXCLUDED.from_seq,
                   to_seq = EXCLUDED.to_seq, missing_from = EXCLUDED.missing_from, missing_to = EXCLUDED.missing_to,
                   last_seen = now()""";
    /** Packages no longer held (applied, refused, taken out of the inbox) leave the table. */
    private static final String NO_LONGER_HELD = "DELETE FROM exchange_held WHERE NOT (file_name = ANY (?))";
    private static final String HELD_PACKAGES = """
            SELECT file_name, package_id, child_node, from_seq, to_seq, missing_from, missing_to,
                   to_char(first_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS first_seen,
                   to_char(last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_seen,
                   floor(extract(epoch FROM now() - first_seen) / 60)::bigint AS age_minutes
              FROM exchange_held ORDER BY child_node, from_seq""";
    private static final String INSERT_REFUSAL = """
            INSERT INTO exchange_refusal (file_name, child_node, package_id, sha256, reason) VALUES (?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ExchangeNodes nodes;
    private final ObjectProvider<ConsolidationStep> consolidation;
    private final int heldAlertHours;
    private final ChildMerges childMerges;

    public ReceiveService(DataSource dataSource, PlatformTransactionManager transactionManager, ExchangeNodes nodes,
                          ObjectProvider<ConsolidationStep> consolidation, ObjectProvider<UnmergeStep> unmerge,
                          CreditProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactionManager);
        this.childMerges = new ChildMerges(jdbc, tx, unmerge);
        this.nodes = nodes;
        this.consolidation = consolidation;
        this.heldAlertHours = properties.exchange().heldAlertHours();
        this.properties = properties;
    }

    private final CreditProperties properties;
    /** The configured GB/T 2260 tables, loaded at the first package; null when none is configured. */
    private org.creditpipeline.normalize.RegionTable regionTable;
    private boolean regionTableLoaded;

    /**
     * Whether a child's record lies in this node's region: by its code's digits, or, for a code abolished or renumbered
     * since, by what it became as the configured historical table says (the same rule as at ingest).
     */
    private synchronized boolean covers(NodeConfig self, String code) {
        if (self.covers(code)) {
            return true;
        }
        if (!regionTableLoaded) {
            regionTable = org.creditpipeline.ingest.IngestJobConfiguration.regionTable(properties);
            regionTableLoaded = true;
        }
        return regionTable != null && regionTable.successors(code).stream().anyMatch(self::covers);
    }

    public ReceiveSummary receive() {
        long t0 = System.nanoTime();
        Timing timing = new Timing();
        if (heldAlertHours < 0) {
            throw new IllegalStateException("credit.exchange.held-alert-hours is " + heldAlertHours
                    + ", expected 0 or more hours");
        }
        NodeConfig self = nodes.self();
        if (self.transport() == NodeConfig.Transport.DIRECTORY) {
            // an unmounted share looks like an empty inbox: "nothing to receive" would hide it night after night
            ExchangeFolder.check(self, "receive at node '" + self.id() + "'");
        }
        Map<String, NodeKeys> keys = new HashMap<>();
        for (NodeConfig child : nodes.topology().childrenOf(self.id())) {
            child.keys().resolve(); // a key missing from the environment or its file fails here, naming the file
            keys.put(child.id(), child.keys());
        }
        List<ReceiveSummary.Outcome> outcomes = new ArrayList<>();
        List<Staged> staged = new ArrayList<>();
        Map<Path, ReceiveSummary.Outcome> held = new LinkedHashMap<>();
        Map<Path, Gap> gaps = new HashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Path file : inbox(self)) {
                if (staged.stream().anyMatch(p -> p.file().equals(file))) {
                    continue;
                }
                Object taken = take(self, keys, file, timing);
                if (taken instanceof Gap g) {
                    gaps.put(file, g);
                    taken = g.outcome();
                } else {
                    gaps.remove(file);
                }
                if (taken instanceof Staged s) {
                    staged.add(s);
                    held.remove(file);
                    progress = true;
                } else {
                    ReceiveSummary.Outcome outcome = (ReceiveSummary.Outcome) taken;
                    if (outcome.status().equals(ReceiveSummary.HELD)) {
                        held.put(file, outcome);
                    } else {
                        held.remove(file);
                        outcomes.add(outcome);
                        progress = true;
                    }
                }
            }
        }
        String consolidated = "";
        List<ReceiveSummary.Unmerge> unmerges = List.of();
        long consolidateNanos = 0;
        long acknowledgeNanos = 0;
        if (!staged.isEmpty()) {
            // One consolidation for every package staged in this run: its cost does not grow with the package count.
            long before = jdbc.queryForObject(LAST_SEQ, Long.class);
            long c0 = System.nanoTime();
            Failpoints.reach("receive.after-staging");
            consolidated = consolidate();
            // a child's unmerge splits this node's record once the restored record's rows are consolidated
            unmerges = childMerges.follow();
            Failpoints.reach("receive.after-consolidation");
            long a0 = System.nanoTime();
            consolidateNanos = a0 - c0;
            long[] creatingRows = creatingRows(before);
            long[] everCreating = staged.stream().anyMatch(Staged::resumed) ? creatingRows(0) : null;
            for (Staged p : staged) {
                // A package the dead run may have consolidated already: its records were created before this run's
                // first change, so "created in this run" cannot tell 入库 from 更新. Being the record's first source
                // row can, and is what it means in a run that was not interrupted.
                outcomes.add(acknowledge(self, p, p.resumed() ? everCreating : creatingRows));
            }
            acknowledgeNanos = System.nanoTime() - a0;
        }
        log.info("Receive at node {}: {} package(s) staged in {} ms (verify and classify {} ms, staging {} ms),"
                + " consolidation {} ms, acknowledgements {} ms", self.id(), staged.size(),
                (System.nanoTime() - t0 - consolidateNanos - acknowledgeNanos) / 1_000_000, timing.verifyNanos / 1_000_000,
                timing.stageNanos / 1_000_000, consolidateNanos / 1_000_000, acknowledgeNanos / 1_000_000);
        outcomes.addAll(held.values());
        List<ReceiveSummary.Held> stillHeld = recordHeld(held.keySet().stream().map(gaps::get)
                .filter(Objects::nonNull).toList());
        return new ReceiveSummary(self.id(), outcomes, consolidated, stillHeld, heldAlertHours, unmerges);
    }

    /**
     * Records the packages this run held after a gap, removes the rows of packages no longer held, and returns every
     * held package with its age. A package's gap is the nearest run of changes before it that is neither applied
     * (packages staged in this run included) nor in another held package: with 2..2 and 3..3 held after 0, both wait
     * for 1..1.
     */
    private List<ReceiveSummary.Held> recordHeld(List<Gap> gaps) {
        return tx.execute(status -> {
            List<String> files = new ArrayList<>();
            Map<String, List<Gap>> byChild = new TreeMap<>();
            gaps.forEach(g -> byChild.computeIfAbsent(g.child(), c -> new ArrayList<>()).add(g));
            for (Map.Entry<String, List<Gap>> child : byChild.entrySet()) {
                long expected = jdbc.queryForObject(LAST_APPLIED, Long.class, child.getKey()) + 1;
                long missingFrom = expected;
                long missingTo = expected - 1;
                for (Gap g : child.getValue().stream().sorted(Comparator.comparingLong(Gap::fromSeq)).toList()) {
                    if (g.fromSeq() > expected) {
                        missingFrom = expected;
                        missingTo = g.fromSeq() - 1;
                    }
                    expected = Math.max(expected, g.toSeq() + 1);
                    jdbc.update(HOLD, g.outcome().file(), g.child(), g.outcome().packageId(), g.fromSeq(), g.toSeq(),
                            missingFrom, missingTo);
                    files.add(g.outcome().file());
                }
            }
            jdbc.update(con -> {
                var ps = con.prepareStatement(NO_LONGER_HELD);
                ps.setArray(1, con.createArrayOf("text", files.toArray()));
                return ps;
            });
            return jdbc.query(HELD_PACKAGES, (rs, i) -> new ReceiveSummary.Held(rs.getString("file_name"),
                    rs.getString("package_id"), rs.getString("child_node"), rs.getLong("from_seq"),
                    rs.getLong("to_seq"), rs.getLong("missing_from"), rs.getLong("missing_to"),
                    rs.getString("first_seen"), rs.getString("last_seen"), rs.getLong("age_minutes"),
                    rs.getLong("age_minutes") > heldAlertHours * 60L));
        });
    }

    /** A package held because changes of its child before {@code fromSeq} have not arrived. */
    private record Gap(ReceiveSummary.Outcome outcome, String child, long fromSeq, long toSeq) {
    }

    /** Time one receive run spent verifying and classifying packages, and staging their rows (for the log). */
    private static final class Timing {
        long verifyNanos;
        long stageNanos;
    }

    /** A package whose rows are staged and wait for consolidation and acknowledgement. */
    private record Staged(Path file, PackageManifest manifest, String sha256,
                          Map<Long, Acknowledgement.Feedback> notStaged, boolean resumed, String keyId) {
    }

    /**
     * A file that is not a readable zip and changed in the last moments is most likely still being copied in by a tool
     * that does not write under another name first (cp, scp): refusing it would move it away from under the copy.
     */
    private static boolean stillBeingWritten(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minus(STILL_WRITING));
        } catch (IOException e) {
            return false;
        }
    }

    /** Packages in the inbox, ordered by child and first sequence number (from the file name). */
    private static List<Path> inbox(NodeConfig self) {
        if (!Files.isDirectory(self.inbox())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(self.inbox())) {
            // a folder someone named *.zip is not a package (reading it failed the whole run, every night)
            return files.filter(f -> f.getFileName().toString().endsWith(".zip") && Files.isRegularFile(f))
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Verifies one package and stages it ({@link Staged}), holds it after a gap ({@link Gap}), or says why not
     * ({@link ReceiveSummary.Outcome}).
     */
    private Object take(NodeConfig self, Map<String, NodeKeys> keys, Path file, Timing timing) {
        String name = file.getFileName().toString();
        String sha;
        try {
            sha = Signatures.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Map<String, Object>> known = jdbc.queryForList(INBOUND_BY_SHA, sha);
        PackageReader reader;
        long v0 = System.nanoTime();
        try {
            reader = PackageReader.open(file, self.id(), keys);
        } catch (RefusedPackageException e) {
            PackageManifest readable = PackageReader.peek(file);
            if (readable == null && stillBeingWritten(file)) {
                return new ReceiveSummary.Outcome(name, null, null, ReceiveSummary.HELD, "held: not a complete"
                        + " package yet, written less than " + STILL_WRITING.toSeconds() + " s ago (still being"
                        + " copied into the inbox?); the next receive takes it / 数据包尚未写完", 0, 0, 0, 0, 0);
            }
            return refuse(self, file, sha, readable, e.getMessage(), e.keyId());
        } finally {
            timing.verifyNanos += System.nanoTime() - v0;
        }
        try (reader) {
            Failpoints.reach("receive.after-verify");
            PackageManifest m = reader.manifest();
            if (!known.isEmpty() && "APPLIED".equals(known.get(0).get("status"))) {
                NodeConfig child = nodes.topology().get(m.node());
                if (!Files.exists(self.acksFor(child.id()).resolve(Acknowledgement.fileName(m.packageId(),
                        Acknowledgement.APPLIED)))) {
                    // applied by a run that died before writing it: 入库 where the row created its record, as
                    // that run decided, not every row
                    writeAck(self, acknowledgement(self, m, sha, classify(self, reader), creatingRows(0),
                            reader.keyId()));
                }
                archive(self, file, "applied");
                return new ReceiveSummary.Outcome(name, m.packageId(), m.node(), ReceiveSummary.DUPLICATE,
                        "applied before; nothing changed", m.changes(), 0, 0, 0, 0);
            }
            if (known.isEmpty()) {
                String refusal = continuity(m);
                if (refusal != null) {
                    return refuse(self, file, sha, m, refusal, reader.keyId());
                }
                long last = jdbc.queryForObject(LAST_APPLIED, Long.class, m.node());
                if (m.fromSeq() > last + 1) {
                    return new Gap(new ReceiveSummary.Outcome(name, m.packageId(), m.node(), ReceiveSummary.HELD,
                            "held: changes " + (last + 1) + ".." + (m.fromSeq() - 1) + " of node '" + m.node()
                                    + "' have not arrived yet / 等待缺失的数据包", m.changes(), 0, 0, 0, 0),
                            m.node(), m.fromSeq(), m.toSeq());
                }
                long c0 = System.nanoTime();
                Map<Long, Acknowledgement.Feedback> notStaged = classify(self, reader);
                long s0 = System.nanoTime();
                timing.verifyNanos += s0 - c0;
                try {
                    stage(file, sha, reader, notStaged);
                } catch (RefusedPackageException e) {
                    // its transaction rolled back: nothing applied
                    return refuse(self, file, sha, m, e.getMessage(), reader.keyId());
                }
                timing.stageNanos += System.nanoTime() - s0;
                return new Staged(file, m, sha, notStaged, false, reader.keyId());
            }
            // staged by a run that died before acknowledging: consolidate and acknowledge now
            return new Staged(file, m, sha, classify(self, reader), true, reader.keyId());
        }
    }

    /** The ids, ascending, of the staged rows that created the records inserted after change {@code before}. */
    private long[] creatingRows(long before) {
        LongStream.Builder rows = LongStream.builder();
        jdbc.query(CREATING_ROWS, rs -> {
            rows.add(rs.getLong(1));
        }, before);
        return rows.build().toArray();
    }

    private ReceiveSummary.Outcome acknowledge(NodeConfig self, Staged p, long[] creatingRows) {
        PackageManifest m = p.manifest();
        Acknowledgement ack = acknowledgement(self, m, p.sha256(), p.notStaged(), creatingRows, p.keyId());
        jdbc.update(MARK_APPLIED, ack.accepted(), ack.updated(), ack.questioned(), ack.unmatched(), m.packageId());
        Failpoints.reach("receive.after-mark-applied");
        Durability.flush(dataSource); // what the acknowledgement tells the child is on disk here first
        writeAck(self, ack);
        Failpoints.reach("receive.after-ack");
        archive(self, p.file(), "applied");
        log.info("Applied package {}: {} accepted, {} updated, {} questioned, {} unmatched", m.packageId(),
                ack.accepted(), ack.updated(), ack.questioned(), ack.unmatched());
        return new ReceiveSummary.Outcome(p.file().getFileName().toString(), m.packageId(), m.node(),
                ReceiveSummary.APPLIED, null, m.changes(), ack.accepted(), ack.updated(), ack.questioned(),
                ack.unmatched());
    }

    /** Null when the package continues (or lies ahead of) what this child sent before; else why it is refused. */
    private String continuity(PackageManifest m) {
        List<String> same = jdbc.queryForList(INBOUND_BY_ID, String.class, m.packageId());
        if (!same.isEmpty()) {
            return "replayed: package " + m.packageId() + " was applied before with other content (SHA-256 "
                    + same.get(0) + ") / 重放的数据包，内容与已接收的不同";
        }
        long last = jdbc.queryForObject(LAST_APPLIED, Long.class, m.node());
        if (m.fromSeq() <= last) {
            return "out of order: changes " + m.fromSeq() + ".." + m.toSeq() + " overlap changes up to " + last
                    + " of node '" + m.node() + "' already applied / 数据包顺序错误或重复";
        }
        return null;
    }

    private String consolidate() {
        ConsolidationStep step = consolidation.getIfAvailable();
        if (step == null) {
            throw new IllegalStateException("no consolidation is available in this build: received records stay"
                    + " staged");
        }
        return step.consolidate();
    }

    /** Writes the staged rows, the package's ingest_file row and the STAGED inbound row in one transaction. */
    private void stage(Path file, String sha, PackageReader reader, Map<Long, Acknowledgement.Feedback> refused) {
        PackageManifest m = reader.manifest();
        int staged = reader.records().size() - refused.size();
        tx.executeWithoutResult(status -> {
            long fileId;
            try {
                fileId = jdbc.queryForObject(INSERT_FILE, Long.class, file.getFileName().toString(),
                        file.toAbsolutePath().toString(), sha, Files.size(file), "exchange:" + m.node(), m.changes(),
                        staged, refused.size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            childMerges.apply(m.node(), m.packageId(), fileId, copyStaged(reader, refused, fileId));
            jdbc.update(INSERT_INBOUND, m.packageId(), m.node(), m.fromSeq(), m.toSeq(), sha, fileId, m.changes());
        });
    }

    /** Records this node does not take: outside its region or incomplete (疑问), or a change to a record never seen (未关联). */
    private Map<Long, Acknowledgement.Feedback> classify(NodeConfig self, PackageReader reader) {
        String child = reader.manifest().node();
        Map<Long, Acknowledgement.Feedback> out = new LinkedHashMap<>();
        List<String> withoutRecord = new ArrayList<>();
        for (PackageReader.RecordChange r : reader.records().values()) {
            if (r.kind() == null || RecordKind.fromText(r.kind()) == null) {
                out.put(r.recordId(), questioned(r, "UNKNOWN_KIND", "记录类别无法识别 / unknown record kind '"
                        + r.kind() + "'"));
            } else if (!r.hasSubject()) {
                out.put(r.recordId(), questioned(r, "MISSING_SUBJECT", "缺少行政相对人名称 / subject name missing"));
            } else if (r.regionCode() != null && !covers(self, r.regionCode())) {
                out.put(r.recordId(), questioned(r, "REGION_OUTSIDE", "地方编码 " + r.regionCode() + " 不在本节点辖区 "
                        + self.region() + " 内 / region " + r.regionCode() + " lies outside " + self.name() + " ("
                        + self.region() + ")"));
            } else if (!r.carriesRecord()) {
                withoutRecord.add(child + ":" + r.recordId());
            }
        }
        if (!withoutRecord.isEmpty()) {
            Set<String> seen = new HashSet<>(jdbc.query(con -> {
                var ps = con.prepareStatement(KNOWN_ORIGINS);
                ps.setArray(1, con.createArrayOf("text", withoutRecord.toArray()));
                return ps;
            }, (rs, i) -> rs.getString(1)));
            for (String key : withoutRecord) {
                if (!seen.contains(key)) {
                    PackageReader.RecordChange r = reader.records().get(Long.parseLong(key.substring(child.length() + 1)));
                    out.put(r.recordId(), new Acknowledgement.Feedback(r.lastSeq(), r.recordId(), "UNMATCHED",
                            "UNKNOWN_RECORD", "本节点没有该记录，变更无法关联 / " + r.lastType()
                            + " of a record this node never received", null, null));
                }
            }
        }
        return out;
    }

    private static Acknowledgement.Feedback questioned(PackageReader.RecordChange r, String code, String text) {
        return new Acknowledgement.Feedback(r.lastSeq(), r.recordId(), "QUESTIONED", code, text, null, null);
    }

    /**
     * Binary COPY of each record's last change in the package into {@code staged_record} ({@link PackageRows}), in
     * sequence order. Returns the package's merges and unmerges, in change order.
     */
    private List<ChildMerges.Change> copyStaged(PackageReader reader, Map<Long, Acknowledgement.Feedback> refused,
                                                long fileId) {
        List<ChildMerges.Change> merges = new ArrayList<>();
        String child = reader.manifest().node();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(PackageRows.COPY);
            try {
                PackageRows rows = new PackageRows();
                CopyBinary out = new CopyBinary();
                // The verification read every line's head already: the lines are the manifest's sequence without
                // gaps, each record's last one is staged, and only MERGE lines are parsed for their ids here.
                Map<Long, Long> stagedRecordBySeq = new HashMap<>();
                for (PackageReader.RecordChange r : reader.records().values()) {
                    if (!refused.containsKey(r.recordId())) {
                        stagedRecordBySeq.put(r.lastSeq(), r.recordId());
                    }
                }
                long[] next = {reader.manifest().fromSeq()};
                reader.changes((buf, off, len) -> {
                    long seq = next[0]++;
                    if (reader.mergeSeqs().contains(seq)) {
                        merges.add(new ChildMerges.Merge(seq, PackageReader.head(buf, off, len, seq).recordId(),
                                PackageReader.mergedIds(buf, off, len)));
                    } else if (reader.unmergeSeqs().contains(seq)) {
                        PackageReader.ChangeHead h = PackageReader.head(buf, off, len, seq);
                        merges.add(new ChildMerges.Unmerge(seq, h.recordId(), h.unmergedFrom(), h.unmergeReason(),
                                h.unmergeActor()));
                    }
                    Long recordId = stagedRecordBySeq.get(seq);
                    if (recordId != null) {
                        rows.append(out, fileId, child, seq, recordId, buf, off, len);
                        if (out.size() >= FLUSH_BYTES) {
                            send(out, copy);
                        }
                    }
                });
                out.finish(copy);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            return merges;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot stage package " + reader.manifest().packageId() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void send(CopyBinary out, CopyIn copy) throws IOException {
        try {
            out.sendTo(copy);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The acknowledgement of a package: staged rows from their lineage links, the others as classified when staged.
     * A staged row is 入库 (accepted) when it is the first row of a record consolidation created in this run (one
     * of {@code creatingRows}), else 更新 (updated).
     */
    private Acknowledgement acknowledgement(NodeConfig self, PackageManifest m, String sha,
                                            Map<Long, Acknowledgement.Feedback> notStaged, long[] creatingRows,
                                            String keyId) {
        List<Map<String, Object>> inbound = jdbc.queryForList(INBOUND_FILE, m.packageId());
        long fileId = ((Number) inbound.get(0).get("file_id")).longValue();
        List<Acknowledgement.Feedback> records = new ArrayList<>(jdbc.query(STAGED_OUTCOMES, (rs, i) -> {
            long recordId = rs.getLong(3);
            boolean linked = !rs.wasNull();
            boolean created = Arrays.binarySearch(creatingRows, rs.getLong(4)) >= 0;
            String outcome = !linked ? "QUESTIONED" : created ? "ACCEPTED" : "UPDATED";
            return new Acknowledgement.Feedback(rs.getLong(1), rs.getLong(2), outcome,
                    linked ? null : "NOT_CONSOLIDATED", linked ? null : "未能归集 / consolidation did not take the record",
                    linked ? recordId : null, null);
        }, fileId));
        records.addAll(notStaged.values());
        withUnmerges(records, childMerges.decided(m.packageId()));
        records.sort(Comparator.comparingLong(Acknowledgement.Feedback::seq));
        int[] n = new int[4];
        for (Acknowledgement.Feedback f : records) {
            n[switch (f.outcome()) {
                case "ACCEPTED" -> 0;
                case "UPDATED" -> 1;
                case "QUESTIONED" -> 2;
                default -> 3;
            }]++;
        }
        return new Acknowledgement(m.packageId(), self.id(), m.node(), Acknowledgement.APPLIED, sha, null,
                m.fromSeq(), m.toSeq(), n[0], n[1], n[2], n[3], records,
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString(), answeringKey(m.node(), keyId));
    }

    /**
     * The child's restored records say what this node did about their unmerge; one it did not follow is questioned
     * with the reason, so that the child's officers see it (docs/EXCHANGE.md, *Receiving*, step 5).
     */
    private static void withUnmerges(List<Acknowledgement.Feedback> records, Map<Long, ChildMerges.Decided> decided) {
        records.replaceAll(f -> {
            ChildMerges.Decided d = decided.get(f.recordId());
            if (d == null || !"ACCEPTED".equals(f.outcome()) && !"UPDATED".equals(f.outcome())) {
                return f;
            }
            return ChildMerges.KEPT_MERGED.equals(d.outcome())
                    ? new Acknowledgement.Feedback(f.seq(), f.recordId(), "QUESTIONED", "UNMERGE_NOT_FOLLOWED",
                            "上级节点未随下级拆分 / not unmerged here: " + d.note(), f.parentRecordId(), d.outcome())
                    : new Acknowledgement.Feedback(f.seq(), f.recordId(), f.outcome(), null, null,
                            d.parentRecord() != null ? d.parentRecord() : f.parentRecordId(), d.outcome());
        });
    }

    /** @param keyId the key that verified the package's signature; null when none did (the key in force answers) */
    private ReceiveSummary.Outcome refuse(NodeConfig self, Path file, String sha, PackageManifest m, String reason,
                                          String keyId) {
        String name = file.getFileName().toString();
        String child = m != null ? m.node() : null;
        jdbc.update(INSERT_REFUSAL, name, child, m == null ? null : m.packageId(), sha, reason);
        archive(self, file, "refused");
        log.warn("Refused {}: {}", name, reason);
        boolean addressable = m != null && child != null && m.packageId() != null
                && m.packageId().matches(java.util.regex.Pattern.quote(child) + "-\\d{10}-\\d{10}");
        if (addressable && nodes.topology().contains(child)
                && self.id().equals(nodes.topology().get(child).parent())) {
            writeAck(self, new Acknowledgement(m.packageId(), self.id(), child, Acknowledgement.REFUSED, sha, reason,
                    m.fromSeq(), m.toSeq(), 0, 0, 0, 0, List.of(),
                    OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString(), answeringKey(child, keyId)));
        }
        return new ReceiveSummary.Outcome(name, m == null ? null : m.packageId(), child, ReceiveSummary.REFUSED, reason,
                m == null ? 0 : m.changes(), 0, 0, 0, 0);
    }

    private void writeAck(NodeConfig self, Acknowledgement ack) {
        NodeConfig child = nodes.topology().get(ack.child());
        Path dir = self.acksFor(child.id());
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(Acknowledgement.fileName(ack.packageId(), ack.status()));
            Path partial = dir.resolve("." + target.getFileName() + ".part");
            Files.write(partial, ack.signedBytes(child.keys().get(ack.keyId()).orElseThrow().secret().value()));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the acknowledgement for " + ack.packageId() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The key an acknowledgement to {@code child} is signed with: the package's own while it is not retired, so that
     * a child that has not switched to a new key yet can verify it; else the key in force.
     */
    private String answeringKey(String child, String keyId) {
        return nodes.topology().get(child).keys().answering(keyId, Dates.today()).id();
    }

    /** Moves a handled package out of the inbox (kept for audit); a refused one gets a timestamp so none is lost. */
    private static void archive(NodeConfig self, Path file, String folder) {
        try {
            Path dir = self.directory().resolve(folder);
            Files.createDirectories(dir);
            String name = file.getFileName().toString();
            if (folder.equals("refused")) {
                name = name + "." + System.currentTimeMillis();
            }
            Files.move(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " out of the inbox: " + e.getMessage(), e);
        }
    }
}
