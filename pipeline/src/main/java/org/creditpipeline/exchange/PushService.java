package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.normalize.Dates;
import org.creditpipeline.db.Durability;
import org.creditpipeline.support.Failpoints;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code push}: takes in the parent's acknowledgements, delivers again every package not yet acknowledged (the parent
 * keeps one copy, so this is harmless), and packages the change log after the last package sent. The caller holds
 * the node lock.
 */
@Service
public class PushService {

    private static final Logger log = LoggerFactory.getLogger(PushService.class);

    private static final String NEXT_SEQ = "SELECT COALESCE(max(to_seq), 0) + 1 FROM exchange_outbound WHERE parent_node = ?";
    private static final String LAST_CHANGE = "SELECT COALESCE(max(seq), 0) FROM change_log";
    private static final String INSERT_OUTBOUND = """
            INSERT INTO exchange_outbound (package_id, parent_node, from_seq, to_seq, changes, file_path, sha256, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'SENT')""";
    private static final String UNACKNOWLEDGED = """
            SELECT package_id, file_path FROM exchange_outbound WHERE parent_node = ? AND status = 'SENT' ORDER BY from_seq""";
    private static final String DELIVERED = """
            UPDATE exchange_outbound SET deliveries = deliveries + 1, sent_at = now() WHERE package_id = ?""";
    private static final String OUTBOUND_STATUS = "SELECT status, sha256 FROM exchange_outbound WHERE package_id = ?";
    private static final String ACKNOWLEDGED = """
            UPDATE exchange_outbound
               SET status = 'ACKNOWLEDGED', acked_at = now(), message = NULL,
                   accepted = ?, updated = ?, questioned = ?, unmatched = ?
             WHERE package_id = ? AND status = 'SENT'""";
    private static final String OUTBOUND_RANGE = "SELECT from_seq, to_seq FROM exchange_outbound WHERE package_id = ?";
    private static final String REBUILT = """
            UPDATE exchange_outbound SET changes = ?, file_path = ?, sha256 = ?, status = 'SENT', message = NULL
             WHERE package_id = ?""";
    private static final String INSERT_FEEDBACK = """
            INSERT INTO exchange_feedback (package_id, seq, record_id, outcome, error_code, error_text, parent_record_id)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    /**
     * A questioned or unmatched record of {@code exchange_feedback f} is open until the record changes after the
     * feedback (the officers' correction, which travels up as an update).
     */
    static final String OPEN_FEEDBACK = """
            f.outcome IN ('QUESTIONED', 'UNMATCHED')
               AND NOT EXISTS (SELECT 1 FROM change_log c WHERE c.record_id = f.record_id AND c.seq > f.seq)""";
    private static final String OPEN_QUESTIONS = """
            SELECT f.package_id, f.record_id, f.outcome, f.error_code, f.error_text
              FROM exchange_feedback f WHERE %s
             ORDER BY f.package_id, f.seq LIMIT ?""".formatted(OPEN_FEEDBACK);
    private static final String COUNT_OPEN_QUESTIONS = "SELECT count(*) FROM exchange_feedback f WHERE "
            + OPEN_FEEDBACK;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ExchangeNodes nodes;
    private final CreditProperties properties;

    public PushService(DataSource dataSource, PlatformTransactionManager transactionManager, ExchangeNodes nodes,
                       CreditProperties properties) {
        this.properties = properties;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactionManager);
        this.nodes = nodes;
    }

    /** How many questioned or unmatched records wait for the officers' correction (疑问数据). */
    public static long openQuestions(JdbcTemplate jdbc) {
        return jdbc.queryForObject(COUNT_OPEN_QUESTIONS, Long.class);
    }

    /** @param maxChanges most changes per package; a longer backlog goes in several packages */
    public PushSummary push(int maxChanges, int showQuestions) {
        NodeConfig self = nodes.self();
        NodeConfig parent = nodes.topology().parentOf(self);
        self.keys().resolve(); // a key missing from the environment or its file fails the push here, naming the file
        self.keys().signing(Dates.today());
        Transport transport = Transport.of(parent);
        transport.checkDestination(parent, self); // before anything is built: an unmounted share is not written to
        List<String> unverified = new ArrayList<>();
        List<PushSummary.AckTaken> acks = takeAcknowledgements(transport, parent, self, unverified);
        List<String> redelivered = new ArrayList<>();
        List<PushSummary.Sent> sent = new ArrayList<>();
        try {
            for (PushSummary.AckTaken ack : acks) {
                if (Acknowledgement.REFUSED.equals(ack.status())) {
                    sent.add(rebuild(transport, parent, self, ack.packageId()));
                }
            }
            for (Map<String, Object> row : jdbc.queryForList(UNACKNOWLEDGED, parent.id())) {
                String id = (String) row.get("package_id");
                Path file = Path.of((String) row.get("file_path"));
                if (!java.nio.file.Files.isRegularFile(file)) {
                    // removed from the outbox (a clean-up, a lost disk): built again for its range, as after a refusal
                    log.warn("Package {} is no longer at {}; it is built again from the change log", id, file);
                    sent.add(rebuild(transport, parent, self, id));
                    continue;
                }
                transport.deliver(parent, self, file);
                jdbc.update(DELIVERED, id);
                redelivered.add(id);
            }
            long next = jdbc.queryForObject(NEXT_SEQ, Long.class, parent.id());
            long last = jdbc.queryForObject(LAST_CHANGE, Long.class);
            while (next <= last) {
                long to = Math.min(last, next + maxChanges - 1);
                PackageBuilder.Built built = PackageBuilder.build(dataSource, self, next, to, self.packagesOut());
                PackageManifest m = built.manifest();
                Failpoints.reach("push.after-build");
                jdbc.update(INSERT_OUTBOUND, m.packageId(), parent.id(), m.fromSeq(), m.toSeq(), m.changes(),
                        built.file().toString(), built.sha256());
                Durability.flush(dataSource); // the package is on record before the parent can apply it
                Failpoints.reach("push.before-deliver");
                transport.deliver(parent, self, built.file());
                Failpoints.reach("push.after-deliver");
                jdbc.update(DELIVERED, m.packageId());
                log.info("Sent package {} ({} changes) to node '{}'", m.packageId(), m.changes(), parent.id());
                sent.add(new PushSummary.Sent(m.packageId(), m.fromSeq(), m.toSeq(), m.changes(),
                        built.file().toString(), built.sha256()));
                next = to + 1;
            }
            List<PushSummary.Question> questions = jdbc.query(OPEN_QUESTIONS, (rs, i) -> new PushSummary.Question(
                    rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)), showQuestions);
            long open = openQuestions(jdbc);
            Path report = QuestionsReport.write(jdbc, properties.var().resolve("reports"), self.id(), open);
            return new PushSummary(self.id(), parent.id(), acks, redelivered, sent, open, questions, unverified,
                    report == null ? null : report.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deliver to node '" + parent.id() + "': " + e.getMessage(), e);
        }
    }

    /**
     * A package the parent refused (damaged on the way, or holding a value the parent's model does not take) is built
     * again for the same range from the change log as it is now, and sent in its place: a transport fault heals by
     * itself, a data fault once the officer has corrected the record. Without this every later package would wait
     * behind the refused one at the parent (a gap). The refused file stays in the outbox for audit. A package whose
     * file is gone from the outbox before its acknowledgement is built again the same way.
     */
    private PushSummary.Sent rebuild(Transport transport, NodeConfig parent, NodeConfig self, String packageId)
            throws IOException {
        Map<String, Object> range = jdbc.queryForMap(OUTBOUND_RANGE, packageId);
        long from = ((Number) range.get("from_seq")).longValue();
        long to = ((Number) range.get("to_seq")).longValue();
        Path refusedCopy = self.packagesOut().resolve(packageId + ".refused-" + System.currentTimeMillis() + ".zip");
        Path old = self.packagesOut().resolve(packageId + ".zip");
        if (java.nio.file.Files.exists(old)) {
            java.nio.file.Files.move(old, refusedCopy);
        }
        PackageBuilder.Built built = PackageBuilder.build(dataSource, self, from, to, self.packagesOut());
        PackageManifest m = built.manifest();
        // one statement, so that a run killed here never leaves the range without its row (a gap no push would fill)
        jdbc.update(REBUILT, m.changes(), built.file().toString(), built.sha256(), packageId);
        transport.deliver(parent, self, built.file());
        jdbc.update(DELIVERED, m.packageId());
        log.info("Sent package {} ({} changes) to node '{}' again, built anew", m.packageId(), m.changes(),
                parent.id());
        return new PushSummary.Sent(m.packageId(), m.fromSeq(), m.toSeq(), m.changes(), built.file().toString(),
                built.sha256());
    }

    private List<PushSummary.AckTaken> takeAcknowledgements(Transport transport, NodeConfig parent, NodeConfig self,
                                                            List<String> unverified) {
        Map<String, byte[]> files;
        try {
            files = transport.acknowledgements(parent, self);
        } catch (IOException e) {
            log.warn("Cannot fetch acknowledgements from node '{}': {}", parent.id(), e.getMessage());
            return List.of();
        }
        List<PushSummary.AckTaken> taken = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Acknowledgement claimed = Acknowledgement.peek(file.getValue());
            if (claimed != null && !answersSentPackage(claimed)) {
                // answered before (it stays at the parent until housekeeping): not read again, so that removing a
                // key the answer was signed with after a change of keys does not make it unverifiable for months
                continue;
            }
            Acknowledgement ack;
            try {
                ack = Acknowledgement.read(file.getValue(), self.keys(), file.getKey());
            } catch (RuntimeException e) {
                log.warn("Ignored acknowledgement {}: {}", file.getKey(), e.getMessage());
                unverified.add(e.getMessage());
                continue;
            }
            if (!answersSentPackage(ack)) {
                continue; // answered before, or an answer to an earlier build of this package
            }
            if (Acknowledgement.APPLIED.equals(ack.status())) {
                tx.executeWithoutResult(s -> {
                    jdbc.batchUpdate(INSERT_FEEDBACK, ack.records(), 5000, (ps, f) -> {
                        ps.setString(1, ack.packageId());
                        ps.setLong(2, f.seq());
                        ps.setLong(3, f.recordId());
                        ps.setString(4, f.outcome());
                        ps.setString(5, f.errorCode());
                        ps.setString(6, f.errorText());
                        ps.setObject(7, f.parentRecordId());
                    });
                    jdbc.update(ACKNOWLEDGED, ack.accepted(), ack.updated(), ack.questioned(), ack.unmatched(),
                            ack.packageId());
                });
                Failpoints.reach("push.after-ack-taken");
            } else {
                log.warn("Node '{}' refused package {}: {}; it is built again from the change log as it is now",
                        parent.id(), ack.packageId(), ack.reason());
            }
            taken.add(new PushSummary.AckTaken(ack.packageId(), ack.status(), ack.reason(), ack.accepted(),
                    ack.updated(), ack.questioned(), ack.unmatched()));
        }
        return taken;
    }

    /** Whether {@code ack} answers a package this node sent and has no answer to: the same id and bytes. */
    private boolean answersSentPackage(Acknowledgement ack) {
        List<Map<String, Object>> current = jdbc.queryForList(OUTBOUND_STATUS, ack.packageId());
        return !current.isEmpty() && "SENT".equals(current.get(0).get("status"))
                && String.valueOf(current.get(0).get("sha256")).equals(ack.sha256());
    }
}
