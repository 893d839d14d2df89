package org.creditpipeline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.creditpipeline.ingest.FileSummary;
import org.creditpipeline.publish.ExportService;
import org.creditpipeline.publish.ExportSummary;
import org.creditpipeline.schedule.NightlyRun;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline nightly [--incoming DIR] [--export public,sharing,full] [--export-format csv|jsonl|xlsx]}: {@link NightlyRun} for one cron line. Exit status: the worst of
 * the steps' (1 a failure, housekeeping's included, else 4 a package held too long, else 0).
 */
final class NightlyCommand {

    private NightlyCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("incoming", "export", "export-format"));
        a.noArguments();
        Set<ExportService.Kind> exports = exportKinds(a.option("export"));
        String format = a.option("export-format", "csv").toLowerCase(Locale.ROOT);
        if (!Set.of("csv", "jsonl", "xlsx").contains(format)) {
            throw new Arguments.UsageException("--export-format must be csv, jsonl or xlsx, not '" + format + "'");
        }
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            NightlyRun.Night night = context.getBean(NightlyRun.class)
                    .run(a.option("incoming") == null ? null : Path.of(a.option("incoming")), exports, format);
            int code = night.failed() ? CreditPipelineCli.FAILED
                    : night.heldTooLong() ? CreditPipelineCli.HELD_TOO_LONG : CreditPipelineCli.OK;
            if (a.flag("json")) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "nightly");
                doc.put("exitCode", code);
                doc.put("night", night);
                out.println(CreditPipelineCli.json(doc));
            } else {
                print(night, out);
            }
            return code;
        }
    }

    /** {@code public,sharing}: the kinds, each once; none without the option. */
    static Set<ExportService.Kind> exportKinds(String option) {
        Set<ExportService.Kind> kinds = EnumSet.noneOf(ExportService.Kind.class);
        if (option == null) {
            return kinds;
        }
        for (String item : option.split(",")) {
            try {
                kinds.add(ExportService.Kind.valueOf(item.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new Arguments.UsageException("--export takes public, sharing and full, comma-separated, not '"
                        + item.strip() + "'");
            }
        }
        return kinds;
    }

    private static void print(NightlyRun.Night n, PrintStream out) {
        out.printf("nightly on node '%s', %s%n", n.node(), n.startedAt());
        if (n.stepFailures().containsKey("receive")) {
            out.println("1. receive FAILED: " + n.stepFailures().get("receive"));
        } else if (n.receive() == null) {
            out.println("1. receive: no child nodes");
        } else {
            out.println("1. receive");
            ReceiveCommand.print(n.receive(), out);
        }
        out.printf("2. ingest %s: %s%n", n.incoming(),
                n.ingest().isEmpty() ? "no files waiting" : n.ingest().size() + " file(s)");
        for (FileSummary f : n.ingest()) {
            out.printf("   %-9s %s  read %,d, accepted %,d, rejected %,d%s%n", f.status(), Path.of(f.file()).getFileName(),
                    f.read(), f.accepted(), f.rejected(), f.message() == null ? "" : ": " + f.message());
            if (f.errorReport() != null && f.rejected() > 0) {
                out.println("             error report (错误报告): " + f.errorReport());
            }
        }
        if (n.stepFailures().containsKey("incoming")) {
            out.println("   FAILED: " + n.stepFailures().get("incoming"));
        }
        out.println("3. consolidate");
        ConsolidateCommand.print(n.consolidate(), out);
        out.printf("4. expire as of %s: %d record(s) reached the end of their publication period%n", n.expiredAsOf(),
                n.expired());
        if (n.stepFailures().containsKey("push")) {
            out.println("5. push FAILED: " + n.stepFailures().get("push"));
        } else if (n.push() == null) {
            out.println("5. push: no parent node");
        } else {
            out.println("5. push");
            PushCommand.print(n.push(), out);
        }
        if (n.exports().isEmpty() && n.exportFailures().isEmpty()) {
            out.println("6. export: none asked for (--export public,sharing,full)");
        } else {
            out.println("6. export as of " + n.expiredAsOf());
            for (ExportSummary e : n.exports()) {
                out.printf("   %-8s %,d record(s)  %s%n", e.kind(), e.records(), e.dataFile());
            }
            n.exportFailures().forEach((kind, why) -> out.printf("   %-8s FAILED: %s%n", kind, why));
        }
        if (n.housekeep() == null) {
            out.println("7. housekeep: off (credit.housekeeping.nightly=false)");
        } else {
            out.println("7. housekeep");
            HousekeepCommand.print(n.housekeep(), out);
        }
        if (n.attention().isEmpty()) {
            out.println("needs attention: nothing");
        } else {
            out.printf("needs attention (%d):%n", n.attention().size());
            n.attention().forEach(a -> out.printf("  - [%s] %s%n", a.code(), a.message()));
        }
    }
}
