package org.creditpipeline.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

import org.creditpipeline.publish.ExportService;
import org.creditpipeline.publish.ExportSummary;
import org.creditpipeline.publish.PublicationRules;

import org.springframework.context.ConfigurableApplicationContext;

/** {@code credit-pipeline export --kind public|sharing|full [--since SEQ] [--format csv|jsonl|xlsx] [--as-of DATE]}. */
final class ExportCommand {

    private ExportCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("kind", "since", "format", "as-of"));
        ExportService.Kind kind;
        try {
            kind = ExportService.Kind.valueOf(a.option("kind", "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException("export needs --kind public, sharing or full");
        }
        String format = a.option("format", "csv").toLowerCase(Locale.ROOT);
        if (!Set.of("csv", "jsonl", "xlsx").contains(format)) {
            throw new Arguments.UsageException("--format must be csv, jsonl or xlsx, not '" + format + "'");
        }
        Long since = a.option("since") == null ? null : a.longOption("since", 0);
        if (since != null && since < 0) {
            throw new Arguments.UsageException("--since must be a change number (0 or more: the manifest's"
                    + " throughSeq of the export the mirror last took), not '" + a.option("since") + "'");
        }
        LocalDate asOf = a.dateOption("as-of", PublicationRules.today());
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            ExportSummary s = context.getBean(ExportService.class).export(kind, format, since, asOf);
            if (a.flag("json")) {
                out.println(CreditPipelineCli.json(s));
            } else {
                out.printf("export %s (%s) on node '%s' as of %s: %,d record(s)%s%n", s.kind(), s.format(), s.node(),
                        s.asOf(), s.records(), s.since() == null ? "" : " changed after seq " + s.since());
                s.excluded().forEach((why, n) -> out.printf("  left out %,d: %s%n", n, why));
                out.println("  data:     " + s.dataFile());
                if (s.since() != null) {
                    out.println("  removed:  " + java.nio.file.Path.of(s.directory()).resolve("removed." + s.format())
                            + " (records changed since that this export leaves out: take them down)");
                }
                out.println("  manifest: " + s.manifest());
            }
            return 0;
        }
    }
}
