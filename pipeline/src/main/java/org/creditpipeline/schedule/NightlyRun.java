package org.creditpipeline.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.consolidate.ConsolidationService;
import org.creditpipeline.consolidate.ConsolidationSummary;
import org.creditpipeline.db.Durability;
import org.creditpipeline.db.NodeLock;
import org.creditpipeline.exchange.ExchangeNodes;
import org.creditpipeline.housekeep.HousekeepSummary;
import org.creditpipeline.housekeep.Housekeeper;
import org.creditpipeline.housekeep.HousekeepingLimits;
import org.creditpipeline.exchange.NodeConfig;
import org.creditpipeline.exchange.PushService;
import org.creditpipeline.exchange.PushSummary;
import org.creditpipeline.exchange.ReceiveService;
import org.creditpipeline.exchange.ReceiveSummary;
import org.creditpipeline.ingest.FileSummary;
import org.creditpipeline.ingest.IngestService;
import org.creditpipeline.ingest.RowNormalizer;
import org.creditpipeline.monitor.NodeOverview;
import org.creditpipeline.publish.ExportService;
import org.creditpipeline.publish.ExportSummary;
import org.creditpipeline.publish.PublicationRules;
import org.creditpipeline.publish.StatusService;
import org.creditpipeline.support.Failpoints;
import org.creditpipeline.support.Failures;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The night's work of one node in the order it depends on: receive the children's packages (a node with children),
 * ingest the files data officers left in the incoming folder, consolidate, expire records whose publication period
 * ended, push to the parent (a node with a parent), the export files downstream platforms take (when asked for),
 * housekeeping ({@code credit.housekeeping.nightly}), then what needs someone. One node lock for the whole night; a
 * step that fails does not stop the ones after it that do not need it (a refused package does not keep the county
 * uploads out). The CLI's {@code nightly} runs it; a scheduler can run the same.
 */
@Service
public class NightlyRun {

    /** A file changed more recently than this may still be being copied in: it waits for the next night. */
    public static final Duration SETTLE = Duration.ofSeconds(60);

    /**
     * What the night did; a step that did not apply is null ({@code receive} without children, {@code push} without
     * a parent).
     *
     * @param exports         the export files written for downstream, one per kind asked for (empty when none was)
     * @param exportFailures  kinds whose export failed, with the reason
     * @param stepFailures    steps that threw instead of finishing (receive, push: an exchange folder not mounted, a
     *                        parent that does not answer; incoming: files that could not be filed away), with the
     *                        reason; the steps after them were still done
     * @param housekeep       what housekeeping removed; null when {@code credit.housekeeping.nightly} is false
     * @param failed          a file, the consolidation, a package or an acknowledgement failed, or housekeeping could
     *                        not remove something
     * @param heldTooLong     receive holds a package after a gap longer than the alert time
     */
    public record Night(String node, String startedAt, ReceiveSummary receive, String incoming,
                        List<FileSummary> ingest, ConsolidationSummary consolidate, LocalDate expiredAsOf,
                        int expired, PushSummary push, List<ExportSummary> exports,
                        Map<String, String> exportFailures, Map<String, String> stepFailures,
                        HousekeepSummary housekeep,
                        List<NodeOverview.Attention> attention, boolean failed, boolean heldTooLong) {
    }

    private final CreditProperties properties;
    private final ExchangeNodes nodes;
    private final NodeLock lock;
    private final ObjectProvider<RowNormalizer> normalizer;
    private final IngestService ingest;
    private final ConsolidationService consolidation;
    private final StatusService status;
    private final ReceiveService receive;
    private final PushService push;
    private final NodeOverview overview;
    private final Housekeeper housekeeper;
    private final Durability durability;
    private final ExportService exportService;

    public NightlyRun(CreditProperties properties, ExchangeNodes nodes, NodeLock lock,
                      ObjectProvider<RowNormalizer> normalizer, IngestService ingest,
                      ConsolidationService consolidation, StatusService status, ReceiveService receive,
                      PushService push, NodeOverview overview, Housekeeper housekeeper, Durability durability,
                      ExportService exportService) {
        this.properties = properties;
        this.nodes = nodes;
        this.lock = lock;
        this.normalizer = normalizer;
        this.ingest = ingest;
        this.consolidation = consolidation;
        this.status = status;
        this.receive = receive;
        this.push = push;
        this.overview = overview;
        this.housekeeper = housekeeper;
        this.durability = durability;
        this.exportService = exportService;
    }

    /** The default incoming folder: {@code HOME/var/incoming/NODE}. */
    public Path defaultIncoming() {
        return properties.incoming();
    }

    /** @param incoming where the officers' files wait; null for {@link #defaultIncoming()} */
    public Night run(Path incoming) {
        return run(incoming, Set.of(), "csv");
    }

    /**
     * @param incoming where the officers' files wait; null for {@link #defaultIncoming()}
     * @param exports  the export kinds written after the push for downstream platforms (a whole snapshot each, as of
     *                 today, after the night's expiry), none when empty
     * @param format   their format: csv, jsonl or xlsx
     */
    public Night run(Path incoming, Set<ExportService.Kind> exports, String format) {
        if (properties.housekeeping().nightly()) {
            HousekeepingLimits.of(properties.housekeeping(), null); // a bad limit fails now, not after the night's work
        }
        lock.acquire();
        String node = properties.node();
        String started = Instant.now().toString();
        Optional<NodeConfig> self = nodes.configuredSelf();
        boolean failed = false;
        // a receive or push that cannot be done (a share not mounted) fails the night, not the steps that do not
        // need it: the county's uploads are still ingested and consolidated, the exports still written
        Map<String, String> stepFailures = new LinkedHashMap<>();

        ReceiveSummary received = null;
        if (self.isPresent() && !nodes.topology().childrenOf(node).isEmpty()) {
            try {
                received = receive.receive();
                failed = received.count(ReceiveSummary.REFUSED) > 0;
            } catch (RuntimeException e) {
                stepFailures.put("receive", Failures.message(e));
                failed = true;
            }
        }
        Failpoints.reach("nightly.after-receive");

        Path folder = incoming != null ? incoming : defaultIncoming();
        if (incoming != null && !Files.isDirectory(incoming)) {
            // the default folder may not exist yet (no upload so far); a folder the cron line names must: a share
            // mounted elsewhere or a typo would otherwise be "no files waiting" night after night
            stepFailures.put("incoming", "incoming folder " + incoming + (Files.exists(incoming) ? " is not a folder"
                    : " does not exist (not mounted? a typo in --incoming?)") + ": no file was ingested; mount the"
                    + " share there or correct --incoming / 收件目录不存在，未导入任何文件");
            failed = true;
        }
        List<Path> files = waiting(folder);
        List<FileSummary> ingested = List.of();
        if (!files.isEmpty()) {
            normalizer.getObject(); // the region table and the node's region, checked once before any file
            ingested = ingest.ingest(files, null);
            Failpoints.reach("nightly.after-ingest");
            durability.flush(); // the rows are on disk before their files leave the incoming folder
            String unfiled = file(ingested, folder);
            if (unfiled != null) {
                stepFailures.put("incoming", unfiled);
                failed = true;
            }
            failed |= ingested.stream().anyMatch(f -> FileSummary.FAILED.equals(f.status()));
        }

        ConsolidationSummary consolidated = consolidation.consolidate();
        failed |= consolidated.failed();
        Failpoints.reach("nightly.after-consolidate");

        LocalDate today = PublicationRules.today();
        int expired = status.expire(today, "nightly-expiry").size();
        Failpoints.reach("nightly.after-expire");

        PushSummary pushed = null;
        if (self.isPresent() && self.get().parent() != null) {
            try {
                pushed = push.push(100_000, 20);
                failed |= !pushed.unverifiedAcknowledgements().isEmpty();
            } catch (RuntimeException e) {
                stepFailures.put("push", Failures.message(e));
                failed = true;
            }
        }
        Failpoints.reach("nightly.after-push");

        List<ExportSummary> exported = new ArrayList<>();
        Map<String, String> exportFailures = new LinkedHashMap<>();
        for (ExportService.Kind kind : new TreeSet<>(exports)) {
            try {
                exported.add(exportService.export(kind, format, null, today));
            } catch (RuntimeException e) {
                // a full disk or an unwritable folder fails this export, not the night's other steps
                exportFailures.put(kind.name().toLowerCase(Locale.ROOT), Failures.message(e));
                failed = true;
            }
        }

        HousekeepSummary housekept = null;
        if (properties.housekeeping().nightly()) {
            housekept = housekeeper.run(folder, null, false);
            failed |= housekept.failed();
        }

        List<NodeOverview.Attention> attention = overview.overview(Duration.ofDays(1), 0).attention();
        return new Night(node, started, received, folder.toString(), ingested, consolidated, today, expired, pushed,
                exported, exportFailures, stepFailures, housekept, attention, failed,
                received != null && received.heldTooLong());
    }

    /**
     * The files waiting in the incoming folder, oldest first: not hidden, not Office's lock files ({@code ~$…}) or
     * unfinished downloads, and left alone for {@link #SETTLE} (a copy may still be going on).
     */
    static List<Path> waiting(Path incoming) {
        if (!Files.isDirectory(incoming)) {
            return List.of();
        }
        Instant settled = Instant.now().minus(SETTLE);
        try (Stream<Path> files = Files.list(incoming)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                return !name.startsWith(".") && !name.startsWith("~$") && !lower.endsWith(".tmp")
                        && !lower.endsWith(".part") && !lower.endsWith(".crdownload");
            }).filter(p -> modified(p).isBefore(settled)).sorted((x, y) -> {
                int byTime = modified(x).compareTo(modified(y));
                return byTime != 0 ? byTime : x.compareTo(y);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the incoming folder " + incoming + ": " + e.getMessage(), e);
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.now(); // gone or unreadable now: not settled
        }
    }

    /**
     * Files done with move to {@code done/DATE/}, failed ones to {@code failed/DATE/} with the reason beside them
     * ({@code NAME.reason.txt}), so the folder shows the officers what is still to come and what they must send
     * again; a name already there gets a number. A file that cannot be moved (a read-only share, {@code done} not a
     * folder) stays where it is and the night goes on: its rows are stored, so the next night skips it.
     *
     * @return what could not be filed away and why, or null when every file was
     */
    private static String file(List<FileSummary> results, Path incoming) {
        String date = LocalDate.now().toString();
        List<String> problems = new ArrayList<>();
        for (FileSummary f : results) {
            Path source = Path.of(f.file());
            if (!Files.exists(source)) {
                continue;
            }
            boolean failed = FileSummary.FAILED.equals(f.status());
            try {
                Path dir = Files.createDirectories(incoming.resolve(failed ? "failed" : "done").resolve(date));
                Path target = free(dir, source.getFileName().toString());
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                if (failed) {
                    Files.writeString(dir.resolve(target.getFileName() + ".reason.txt"),
                            (f.message() == null ? "failed" : f.message()) + System.lineSeparator(),
                            StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                problems.add(source.getFileName() + ": " + describe(e));
            }
        }
        return problems.isEmpty() ? null : "cannot file " + problems.size() + " file(s) away under "
                + incoming.resolve("done") + " or " + incoming.resolve("failed") + " (" + String.join("; ", problems)
                + "); they stay in " + incoming + ": give this process write access to it, or remove what is in the"
                + " way; a stored file is skipped when it is seen again / 文件未能归档";
    }

    /** What happened to a file that could not be moved: the file, then the reason in words. */
    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + Failures.reason(f);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Path free(Path dir, String name) {
        Path target = dir.resolve(name);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; Files.exists(target); n++) {
            target = dir.resolve(stem + "-" + n + ext);
        }
        return target;
    }
}
