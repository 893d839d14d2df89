package org.creditpipeline.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.creditpipeline.consolidate.ConsolidationService;
import org.creditpipeline.consolidate.ConsolidationSummary;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline consolidate [--node ID]}: runs (or restarts) the consolidate job over the node's staged rows
 * not yet consolidated and prints the consolidation report: counts, and the contradictions kept apart.
 */
final class ConsolidateCommand {

    private static final int CONFLICTS_SHOWN = 20;

    private ConsolidateCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            ConsolidationSummary s = context.getBean(ConsolidationService.class).consolidate();
            if (a.flag("json")) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "consolidate");
                doc.put("node", s.node());
                doc.put("status", s.status());
                doc.put("summary", s);
                out.println(CreditPipelineCli.json(doc));
            } else {
                print(s, out);
            }
            return s.failed() ? 1 : 0;
        }
    }

    static void print(ConsolidationSummary s, PrintStream out) {
        out.printf("consolidate on node '%s': %s%s%n", s.node(), s.status(),
                s.jobExecutionId() == null ? "" : " (job execution " + s.jobExecutionId() + ")");
        if (s.message() != null) {
            out.println("  " + s.message());
        }
        if (!ConsolidationSummary.COMPLETED.equals(s.status())) {
            return;
        }
        out.printf("  staged rows consolidated  %,12d  (up to staged row id %d)%n", s.rowsRead(), s.maxStagedId());
        out.printf("  new records               %,12d%n", s.inserted());
        out.printf("  updated records           %,12d%n", s.updated());
        out.printf("  merged records            %,12d  (each old id now redirects; table record_redirect)%n", s.merged());
        out.printf("  pairs for review          %,12d  (credit-pipeline review list)%n", s.reviewPairs());
        out.printf("  contradictions kept apart %,12d  (table consolidation_conflict)%n", s.conflicts());
        int shown = 0;
        for (ConsolidationSummary.Conflict c : s.conflictList()) {
            if (shown++ == CONFLICTS_SHOWN) {
                out.printf("    ... %d more in table consolidation_conflict%n", s.conflictList().size() - CONFLICTS_SHOWN);
                break;
            }
            if (c.differentAuthorities()) {
                out.printf("    %s %s %s: records %s are decisions of different authorities %s (同一主体同一文号不同机关)%n",
                        c.recordKind(), c.documentNumberKey(), c.identifiers(), c.recordIds(), c.authority());
            } else {
                out.printf("    %s %s (%s): records %s name different USCCs %s (同一文号不同主体代码)%n", c.recordKind(),
                        c.documentNumberKey(), c.authority(), c.recordIds(), c.identifiers());
            }
        }
    }
}
