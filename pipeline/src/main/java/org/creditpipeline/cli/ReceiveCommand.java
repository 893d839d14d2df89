package org.creditpipeline.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.creditpipeline.db.NodeLock;
import org.creditpipeline.exchange.ReceiveService;
import org.creditpipeline.exchange.ReceiveSummary;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline receive [--node ID]}: verify, apply and acknowledge the children's packages. Exit 1 when one
 * was refused, else 4 when a package has been held after a gap longer than {@code credit.exchange.held-alert-hours}
 * (with a warning line per child on stderr, for the nightly cron's mail).
 */
final class ReceiveCommand {

    private ReceiveCommand() {
    }

    static int run(Arguments a, PrintStream out, PrintStream err) {
        a.allowOnly(CreditPipelineCli.GLOBAL);
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"));
             NodeLock lock = CreditPipelineCli.lockNode(context)) {
            ReceiveSummary s = context.getBean(ReceiveService.class).receive();
            if (a.flag("json")) {
                out.println(CreditPipelineCli.json(s));
            } else {
                print(s, out);
            }
            warnHeldTooLong(s, err);
            return s.count(ReceiveSummary.REFUSED) > 0 ? CreditPipelineCli.FAILED
                    : s.heldTooLong() ? CreditPipelineCli.HELD_TOO_LONG : CreditPipelineCli.OK;
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
        if (!s.held().isEmpty()) {
            out.printf("  %d package(s) held, waiting for missing changes (滞留数据包; alert after %d h):%n",
                    s.held().size(), s.heldAlertHours());
        }
        for (ReceiveSummary.Held h : s.held()) {
            out.printf("    %s  node '%s', changes %d..%d, missing %d..%d, held %s (since %s)%s%n", h.file(), h.child(),
                    h.fromSeq(), h.toSeq(), h.missingFrom(), h.missingTo(), ReceiveSummary.Held.age(h.ageMinutes()),
                    h.firstSeen(), h.overdue() ? "  OVERDUE" : "");
        }
        if (!s.unmerges().isEmpty()) {
            out.printf("  %d unmerge(s) of children (下级拆分), %d not followed here (needs someone):%n",
                    s.unmerges().size(), s.notFollowed().size());
        }
        for (ReceiveSummary.Unmerge u : s.unmerges()) {
            out.printf("    node '%s' record %d out of %d: %s%s  %s%n", u.child(), u.childRecord(), u.childSurvivor(),
                    u.outcome(), u.parentRecord() == null ? "" : " (record " + u.parentRecord() + " here)", u.note());
        }
    }

    /**
     * One line per child whose packages wait too long: the child, the changes missing (each gap before its held
     * packages) and how long the oldest has waited.
     */
    private static void warnHeldTooLong(ReceiveSummary s, PrintStream err) {
        Map<String, List<ReceiveSummary.Held>> byChild = new LinkedHashMap<>();
        s.held().forEach(h -> byChild.computeIfAbsent(h.child(), c -> new java.util.ArrayList<>()).add(h));
        byChild.forEach((child, held) -> {
            if (held.stream().noneMatch(ReceiveSummary.Held::overdue)) {
                return;
            }
            String missing = String.join(", ", held.stream().map(h -> h.missingFrom() + ".." + h.missingTo())
                    .distinct().toList());
            long oldest = held.stream().mapToLong(ReceiveSummary.Held::ageMinutes).max().orElse(0);
            err.printf("credit-pipeline: warning: changes %s of node '%s' missing, %d package(s) held %s (over"
                    + " %d h, credit.exchange.held-alert-hours): check that node '%s' pushes (it delivers every"
                    + " unacknowledged package again) / 数据包滞留超时%n", missing, child, held.size(),
                    ReceiveSummary.Held.age(oldest), s.heldAlertHours(), child);
        });
    }
}
