package org.creditpipeline.cli;

import java.io.PrintStream;

import org.creditpipeline.db.NodeLock;
import org.creditpipeline.exchange.ReceiveService;
import org.creditpipeline.exchange.ReceiveSummary;

import org.springframework.context.ConfigurableApplicationContext;

/** {@code credit-pipeline receive [--node ID]}: verify, apply and acknowledge the children's packages. */
final class ReceiveCommand {

    private ReceiveCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.GLOBAL);
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"));
             NodeLock lock = CreditPipelineCli.lockNode(context)) {
            ReceiveSummary s = context.getBean(ReceiveService.class).receive();
            if (a.flag("json")) {
                out.println(CreditPipelineCli.json(s));
            } else {
                print(s, out);
            }
            return s.count(ReceiveSummary.REFUSED) > 0 ? 1 : 0;
        }
    }

    static void print(ReceiveSummary s, PrintStream out) {
        out.printf("receive on node '%s': %d package(s)%n", s.node(), s.packages().size());
        for (ReceiveSummary.Outcome p : s.packages()) {
            out.printf("  %-9s %s", p.status(), p.file());
            if (p.status().equals(ReceiveSummary.APPLIED)) {
                out.printf("  %,d changes: 入库 accepted %,d, 更新 updated %,d, 疑问 questioned %,d, 未关联 unmatched %,d",
                        p.changes(), p.accepted(), p.updated(), p.questioned(), p.unmatched());
            }
            out.println();
            if (p.reason() != null) {
                out.println("            " + p.reason());
            }
        }
        if (s.packages().isEmpty()) {
            out.println("  the inbox is empty");
        }
    }
}
