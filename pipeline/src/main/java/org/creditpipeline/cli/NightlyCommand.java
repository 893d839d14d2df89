package org.creditpipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.consolidate.ConsolidationService;
import org.creditpipeline.consolidate.ConsolidationSummary;
import org.creditpipeline.db.NodeLock;
import org.creditpipeline.exchange.ExchangeNodes;
import org.creditpipeline.exchange.NodeConfig;
import org.creditpipeline.exchange.PushService;
import org.creditpipeline.exchange.PushSummary;
import org.creditpipeline.exchange.ReceiveService;
import org.creditpipeline.exchange.ReceiveSummary;
import org.creditpipeline.ingest.FileSummary;
import org.creditpipeline.ingest.IngestService;
import org.creditpipeline.ingest.RowNormalizer;
import org.creditpipeline.monitor.NodeOverview;
import org.creditpipeline.publish.PublicationRules;
import org.creditpipeline.publish.StatusService;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline nightly [--incoming DIR]}: the night's work of one node in the order it depends on, for one
 * cron line. Receive the children's packages (a node with children), ingest the files data officers left in the
 * incoming folder, consolidate, expire records whose publication period ended, push to the parent (a node with a
 * parent), then the overview. One process, one node lock for the whole night; a step that fails does not stop the
 * ones after it that do not need it (a refused package does not keep the county uploads out), and the exit status is
 * the worst of the steps'.
 */
final class NightlyCommand {

    /** A file changed more recently than this may still be being copied in: it waits for the next night. */
    static final Duration SETTLE = Duration.ofSeconds(60);

    private NightlyCommand() {
    }

    static int run(Arguments a, PrintStream out, PrintStream err) {
        a.allowOnly(CreditPipelineCli.with("incoming"));
        a.noArguments();
        boolean json = a.flag("json");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "nightly");
        int code = CreditPipelineCli.OK;
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"));
             NodeLock lock = CreditPipelineCli.lockNode(context)) {
            CreditProperties properties = context.getBean(CreditProperties.class);
            Optional<NodeConfig> self = context.getBean(ExchangeNodes.class).configuredSelf();
            String node = properties.node();
            doc.put("node", node);
            if (!json) {
                out.printf("nightly on node '%s', %s%n", node, Instant.now());
            }

            if (self.isPresent() && !context.getBean(ExchangeNodes.class).topology().childrenOf(node).isEmpty()) {
                ReceiveSummary r = context.getBean(ReceiveService.class).receive();
                doc.put("receive", r);
                if (!json) {
                    out.println("1. receive");
                    ReceiveCommand.print(r, out);
                }
                code = worst(code, r.count(ReceiveSummary.REFUSED) > 0 ? CreditPipelineCli.FAILED
                        : r.heldTooLong() ? CreditPipelineCli.HELD_TOO_LONG : CreditPipelineCli.OK);
            } else if (!json) {
                out.println("1. receive: no child nodes");
            }

            Path incoming = a.option("incoming") != null ? Path.of(a.option("incoming"))
                    : properties.var().resolve("incoming").resolve(node);
            List<Path> files = waiting(incoming);
            List<FileSummary> ingested = List.of();
            if (!files.isEmpty()) {
                context.getBean(RowNormalizer.class); // the region table and node region, checked once before any file
                ingested = context.getBean(IngestService.class).ingest(files, null);
                file(ingested, incoming);
            }
            doc.put("incoming", incoming.toString());
            doc.put("ingest", ingested);
            if (!json) {
                out.printf("2. ingest %s: %s%n", incoming, files.isEmpty() ? "no files waiting" : files.size() + " file(s)");
                for (FileSummary f : ingested) {
                    out.printf("   %-9s %s  read %,d, accepted %,d, rejected %,d%s%n", f.status(),
                            Path.of(f.file()).getFileName(), f.read(), f.accepted(), f.rejected(),
                            f.message() == null ? "" : ": " + f.message());
                    if (f.errorReport() != null && f.rejected() > 0) {
                        out.println("             error report (错误报告): " + f.errorReport());
                    }
                }
            }
            if (ingested.stream().anyMatch(f -> FileSummary.FAILED.equals(f.status()))) {
                code = worst(code, CreditPipelineCli.FAILED);
            }

            ConsolidationSummary c = context.getBean(ConsolidationService.class).consolidate();
            doc.put("consolidate", c);
            if (!json) {
                out.println("3. consolidate");
                ConsolidateCommand.print(c, out);
            }
            code = worst(code, c.failed() ? CreditPipelineCli.FAILED : CreditPipelineCli.OK);

            LocalDate today = PublicationRules.today();
            List<StatusService.Change> expired = context.getBean(StatusService.class).expire(today, "nightly-expiry");
            doc.put("expired", expired.size());
            if (!json) {
                out.printf("4. expire as of %s: %d record(s) reached the end of their publication period%n", today,
                        expired.size());
            }

            if (self.isPresent() && self.get().parent() != null) {
                PushSummary p = context.getBean(PushService.class).push(100_000, 20);
                doc.put("push", p);
                if (!json) {
                    out.println("5. push");
                    PushCommand.print(p, out);
                }
                code = worst(code, p.unverifiedAcknowledgements().isEmpty() ? CreditPipelineCli.OK
                        : CreditPipelineCli.FAILED);
            } else if (!json) {
                out.println("5. push: no parent node");
            }

            NodeOverview.Overview overview = context.getBean(NodeOverview.class).overview(Duration.ofDays(1), 0);
            doc.put("attention", overview.attention());
            doc.put("exitCode", code);
            if (json) {
                out.println(CreditPipelineCli.json(doc));
            } else if (overview.attention().isEmpty()) {
                out.println("needs attention: nothing");
            } else {
                out.printf("needs attention (%d):%n", overview.attention().size());
                overview.attention().forEach(n -> out.printf("  - [%s] %s%n", n.code(), n.message()));
            }
            return code;
        }
    }

    /** 1 (failed) outranks 4 (held too long), which outranks 0. */
    private static int worst(int a, int b) {
        return a == CreditPipelineCli.FAILED || b == CreditPipelineCli.FAILED ? CreditPipelineCli.FAILED : Math.max(a, b);
    }

    /**
     * The files waiting in the incoming folder, oldest first: not hidden, not Office's lock files ({@code ~$…}) or a
     * browser's unfinished downloads, and left alone for {@link #SETTLE} (a copy may still be going on).
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
     * ({@code NAME.reason.txt}), so the folder shows the officers what is still to come and what they must send again;
     * a name already there gets a number.
     */
    private static void file(List<FileSummary> results, Path incoming) {
        String date = LocalDate.now().toString();
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
                throw new UncheckedIOException("cannot move " + source + " out of the incoming folder: "
                        + e.getMessage(), e);
            }
        }
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
