package org.creditpipeline.cli;

import java.io.PrintStream;

import org.creditpipeline.db.NodeLock;
import org.creditpipeline.exchange.PushService;
import org.creditpipeline.exchange.PushSummary;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline push [--node ID] [--max-changes N] [--show-questions N]}: send the change log upward
 * (docs/EXCHANGE.md).
 */
final class PushCommand {

    private PushCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("max-changes", "show-questions"));
        int max = (int) a.longOption("max-changes", 100_000);
        if (max < 1) {
            throw new Arguments.UsageException("--max-changes must be at least 1");
        }
        int shown = (int) a.longOption("show-questions", 20);
        if (shown < 0) {
            throw new Arguments.UsageException("--show-questions must be 0 or more, not " + shown);
        }
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"));
             NodeLock lock = CreditPipelineCli.lockNode(context)) {
            PushSummary s = context.getBean(PushService.class).push(max, shown);
            // An acknowledgement this node cannot verify is most often a key that differs from the parent's copy:
            // the parent refuses every package, this node delivers them again, and nothing else would say so.
            int code = s.unverifiedAcknowledgements().isEmpty() ? 0 : 1;
            if (a.flag("json")) {
                out.println(CreditPipelineCli.json(s));
                return code;
            }
            print(s, out);
            return code;
        }
    }

    static void print(PushSummary s, PrintStream out) {
        out.printf("push from node '%s' to '%s'%n", s.node(), s.parent());
        for (PushSummary.AckTaken ack : s.acknowledgements()) {
            out.printf("  acknowledged %s: %s%s%n", ack.packageId(), ack.status(), ack.reason() != null
                    ? " — " + ack.reason()
                    : String.format(" (入库 accepted %d, 更新 updated %d, 疑问 questioned %d, 未关联 unmatched %d)",
                            ack.accepted(), ack.updated(), ack.questioned(), ack.unmatched()));
        }
        s.redelivered().forEach(id -> out.println("  delivered again (not yet acknowledged): " + id));
        for (PushSummary.Sent p : s.sent()) {
            out.printf("  sent %s: changes %d..%d (%,d), %s%n", p.packageId(), p.fromSeq(), p.toSeq(), p.changes(),
                    p.file());
        }
        if (s.sent().isEmpty()) {
            out.println("  no new changes to send");
        }
        if (s.openQuestions() > 0) {
            out.printf("  %d record(s) questioned by the parent wait for correction (疑问数据):%n", s.openQuestions());
            s.questions().forEach(q -> out.printf("    record %d  %s %s  %s  (package %s)%n", q.recordId(),
                    q.outcome(), q.errorCode(), q.errorText(), q.packageId()));
            if (s.questionsReport() != null) {
                out.println("    for the data officers, with the file, sheet and row of each (疑问数据清单): "
                        + s.questionsReport());
            }
        }
        for (String why : s.unverifiedAcknowledgements()) {
            out.println("  NOT VERIFIED " + why);
        }
        if (!s.unverifiedAcknowledgements().isEmpty()) {
            out.printf("  the key in job-configs/nodes/%s.yaml must be the one node '%s' has for it; until then"
                    + " its answers cannot be taken%n", s.node(), s.parent());
        }
    }
}
