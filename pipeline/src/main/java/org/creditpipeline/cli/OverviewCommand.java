package org.creditpipeline.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.creditpipeline.monitor.NodeOverview;
import org.creditpipeline.publish.RecordColumns;

import org.springframework.context.ConfigurableApplicationContext;

/** {@code credit-pipeline overview [--days N] [--files N]}: the node at a glance and what needs someone. */
final class OverviewCommand {

    private OverviewCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("days", "files"));
        a.noArguments();
        long days = a.longOption("days", 1);
        int files = (int) a.longOption("files", 10);
        if (days < 1 || files < 0) {
            throw new Arguments.UsageException("--days must be at least 1 and --files at least 0");
        }
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            NodeOverview.Overview o = context.getBean(NodeOverview.class).overview(Duration.ofDays(days), files);
            if (a.flag("json")) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "overview");
                doc.put("overview", o);
                out.println(CreditPipelineCli.json(doc));
            } else {
                print(o, days, out);
            }
            return CreditPipelineCli.OK;
        }
    }

    private static void print(NodeOverview.Overview o, long days, PrintStream out) {
        out.printf("node %s%s, %s%n", o.node(), o.name() == null ? ""
                : " " + o.name() + " (" + o.level() + ", region " + o.region() + ")", o.asOf());
        out.printf("records: %d%n", o.totalRecords());
        o.records().forEach((kind, byStatus) -> out.printf("  %s: %s%n", RecordColumns.display("record_kind", kind), byStatus.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        out.printf("staged rows: %d (%d not consolidated yet)%n", o.stagedRows(), o.unconsolidated());
        NodeOverview.Consolidation c = o.consolidation();
        if (c.runId() == null) {
            out.println("consolidation: never completed");
        } else {
            out.printf("last consolidation: run %d at %s: %d rows read, %d new, %d updated, %d merged, %d for review,"
                            + " %d conflicts%n", c.runId(), c.finishedAt(), c.rowsRead(), c.inserted(), c.updated(),
                    c.merged(), c.reviewPairs(), c.conflicts());
        }
        out.printf("review pairs pending: %d%n", o.pendingReviews());
        NodeOverview.Exchange x = o.exchange();
        if (x.parent() != null) {
            out.printf("upward to %s: change log at %d, packaged up to %d, acknowledged up to %d; %d package(s)"
                            + " unacknowledged, %d refused; %d record(s) questioned%n", x.parent(), x.changeLogSeq(),
                    x.packagedSeq(), x.acknowledgedSeq(), x.packagesUnacknowledged(), x.packagesRefused(),
                    x.rowsQuestioned());
        } else {
            out.printf("change log at %d (no parent node)%n", x.changeLogSeq());
        }
        if (!x.children().isEmpty()) {
            out.printf("from children %s: %d package(s) applied, %d held, %d refused, %d request(s) refused by the"
                            + " intake in the last %d day(s)%n", String.join(", ", x.children()), x.packagesApplied(),
                    x.packagesHeld(), x.refusals(), x.intakeRefusals(), days);
            for (NodeOverview.ChildCounts child : x.fromChildren()) {
                out.printf("  %s: %d package(s), last applied %s: 上报 %d, 入库 %d, 更新 %d, 疑问 %d, 未关联 %d%n",
                        child.child(), child.packages(), child.lastApplied(), child.changes(), child.accepted(),
                        child.updated(), child.questioned(), child.unmatched());
            }
        }
        if (!o.recentFiles().isEmpty()) {
            out.println("latest files:");
            for (NodeOverview.FileLine f : o.recentFiles()) {
                out.printf("  #%d %s  %s  %s  %s  %d read, %d accepted, %d rejected%s%n", f.id(),
                        f.startedAt().substring(0, Math.min(16, f.startedAt().length())), f.name(), f.format(),
                        f.status(), f.read(), f.accepted(), f.rejected(),
                        f.message() == null || !"FAILED".equals(f.status()) ? "" : ": " + f.message());
            }
        }
        if (o.attention().isEmpty()) {
            out.println("needs attention: nothing");
        } else {
            out.printf("needs attention (%d):%n", o.attention().size());
            o.attention().forEach(n -> out.printf("  - [%s] %s%n", n.code(), n.message()));
        }
    }
}
