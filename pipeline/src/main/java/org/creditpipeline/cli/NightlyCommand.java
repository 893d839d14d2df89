package org.creditpipeline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.creditpipeline.ingest.FileSummary;
import org.creditpipeline.schedule.NightlyRun;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline nightly [--incoming DIR]}: {@link NightlyRun} for one cron line. Exit status: the worst of
 * the steps' (1 a failure, housekeeping's included, else 4 a package held too long, else 0).
 */
final class NightlyCommand {

    private NightlyCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("incoming"));
        a.noArguments();
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            NightlyRun.Night night = context.getBean(NightlyRun.class)
                    .run(a.option("incoming") == null ? null : Path.of(a.option("incoming")));
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

    private static void print(NightlyRun.Night n, PrintStream out) {
        out.printf("nightly on node '%s', %s%n", n.node(), n.startedAt());
        if (n.receive() == null) {
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
        out.println("3. consolidate");
        ConsolidateCommand.print(n.consolidate(), out);
        out.printf("4. expire as of %s: %d record(s) reached the end of their publication period%n", n.expiredAsOf(),
                n.expired());
        if (n.push() == null) {
            out.println("5. push: no parent node");
        } else {
            out.println("5. push");
            PushCommand.print(n.push(), out);
        }
        if (n.housekeep() == null) {
            out.println("6. housekeep: off (credit.housekeeping.nightly=false)");
        } else {
            out.println("6. housekeep");
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
