package org.creditpipeline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.creditpipeline.db.NodeLock;
import org.creditpipeline.housekeep.HousekeepSummary;
import org.creditpipeline.housekeep.Housekeeper;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline housekeep [--older-than DAYS] [--dry-run] [--incoming DIR]}: removes what the node no longer
 * needs ({@link Housekeeper}); exit 1 when something could not be removed.
 */
final class HousekeepCommand {

    private HousekeepCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("older-than", "dry-run", "incoming"));
        a.noArguments();
        Integer olderThan = a.option("older-than") == null ? null : (int) a.longOption("older-than", 0);
        if (olderThan != null && olderThan < 0) {
            throw new Arguments.UsageException("--older-than must be a number of days, 0 or more");
        }
        Path incoming = a.option("incoming") == null ? null : Path.of(a.option("incoming"));
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"));
             NodeLock lock = CreditPipelineCli.lockNode(context)) {
            HousekeepSummary h = context.getBean(Housekeeper.class).run(incoming, olderThan, a.flag("dry-run"));
            int code = h.failed() ? CreditPipelineCli.FAILED : CreditPipelineCli.OK;
            if (a.flag("json")) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "housekeep");
                doc.put("status", h.failed() ? "FAILED" : "COMPLETED");
                doc.put("exitCode", code);
                doc.put("housekeep", h);
                out.println(CreditPipelineCli.json(doc));
            } else {
                print(h, out);
            }
            return code;
        }
    }

    static void print(HousekeepSummary h, PrintStream out) {
        out.printf("housekeep on node '%s'%s%n", h.node(), h.dryRun() ? " (dry run: nothing removed)" : "");
        String verb = h.dryRun() ? "would remove" : "removed";
        for (HousekeepSummary.Kind k : h.kinds()) {
            out.printf("  %-19s %s%n", k.kind(), k.rule());
            if (!k.removed().isEmpty() || k.rows() > 0) {
                out.printf("  %-19s %s %s%n", "", verb, amount(k));
            }
            if (h.dryRun()) {
                k.removed().forEach(p -> out.printf("  %-19s   %s%n", "", p));
            }
            if (k.kept() > 0) {
                out.printf("  %-19s kept %,d %s%n", "", k.kept(), k.keptReason());
            }
            k.errors().forEach(e -> out.printf("  %-19s NOT REMOVED: %s%n", "", e));
        }
        out.printf("Total: %s %,d file(s), %s, %,d database row(s).%n", verb, h.files(), bytes(h.bytes()), h.rows());
    }

    private static String amount(HousekeepSummary.Kind k) {
        List<String> parts = new ArrayList<>();
        if (!k.removed().isEmpty()) {
            parts.add(String.format("%,d file(s)", k.files()));
        }
        if (k.rows() > 0) {
            parts.add(String.format("%,d row(s) (%s)", k.rows(), k.tables().entrySet().stream()
                    .map(t -> String.format("%s %,d", t.getKey(), t.getValue())).collect(Collectors.joining(", "))));
        }
        parts.add(bytes(k.bytes()));
        return String.join(", ", parts);
    }

    /** A size in bytes for people: 0 B, 912 B, 4.2 KB, 1.3 MB, 2.0 GB. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
