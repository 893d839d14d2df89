package org.creditpipeline.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.creditpipeline.db.NodeLock;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.publish.PublicationRules;
import org.creditpipeline.publish.StatusService;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline status set --record ID objection|repaired|withdrawn|active --reason TEXT [--ref DOC]} and
 * {@code credit-pipeline expire [--as-of DATE]} (the nightly pass).
 */
final class StatusCommand {

    private static final Map<String, RecordStatus> STATUSES = Map.of("objection", RecordStatus.UNDER_OBJECTION,
            "repaired", RecordStatus.REPAIRED, "withdrawn", RecordStatus.WITHDRAWN, "active", RecordStatus.ACTIVE);

    private StatusCommand() {
    }

    static int set(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("record", "reason", "ref", "actor"));
        List<String> p = a.positional();
        String usage = "usage: status set --record ID objection|repaired|withdrawn|active --reason TEXT"
                + " [--ref DOCUMENT-NO] [--actor NAME]";
        if (p.isEmpty() || !p.get(0).equals("set")) {
            throw new Arguments.UsageException("status needs 'set' (" + usage + ")");
        }
        if (p.size() != 2 || !STATUSES.containsKey(p.get(1))) {
            throw new Arguments.UsageException("status set needs one new status, objection, repaired, withdrawn or"
                    + " active, not " + (p.size() == 1 ? "none" : String.join(" ", p.subList(1, p.size()).stream()
                            .map(w -> "'" + w + "'").toList())) + " (" + usage + ")");
        }
        for (String required : List.of("record", "reason")) {
            if (a.option(required) == null) {
                throw new Arguments.UsageException("status set needs --" + required + (required.equals("record")
                        ? " ID (the consolidated record's id, as in exports' 记录编号)"
                        : " TEXT (why the status changes; it goes into the audit entry)") + " (" + usage + ")");
            }
        }
        RecordStatus status = STATUSES.get(p.get(1));
        long record = a.longOption("record", 0);
        String actor = a.option("actor", System.getProperty("user.name", "officer"));
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"));
             NodeLock lock = CreditPipelineCli.lockNode(context)) {
            StatusService.Change change;
            try {
                change = context.getBean(StatusService.class).set(record, status, a.option("reason"), a.option("ref"),
                        actor);
            } catch (IllegalArgumentException e) {
                throw new Arguments.UsageException(e.getMessage()); // no such record, no reason
            }
            if (a.flag("json")) {
                Map<String, Object> unchanged = new java.util.LinkedHashMap<>(); // keys in a fixed order
                unchanged.put("record", record);
                unchanged.put("changed", false);
                out.println(CreditPipelineCli.json(change == null ? unchanged : change));
            } else if (change == null) {
                out.printf("record %d already has status %s: nothing changed%n", record, status);
            } else {
                String which = change.recordId() == record ? String.valueOf(record)
                        : record + " (merged into record " + change.recordId() + ")";
                out.printf("record %s: %s -> %s (change %d; audit entry written; exports show it now, the next push"
                        + " sends it upward)%n", which, change.oldStatus(), change.newStatus(), change.seq());
            }
            return 0;
        }
    }

    static int expire(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("as-of"));
        LocalDate today = a.dateOption("as-of", PublicationRules.today());
        if (today.isAfter(PublicationRules.today())) {
            // an expiry cannot be undone (status set refuses 公示到期 -> 正常): a mistyped year would end periods early
            throw new Arguments.UsageException("expire --as-of " + today + " is after today in China ("
                    + PublicationRules.today() + "): records would expire before their publication period ends");
        }
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"));
             NodeLock lock = CreditPipelineCli.lockNode(context)) {
            List<StatusService.Change> changes = context.getBean(StatusService.class).expire(today, "nightly-expiry");
            if (a.flag("json")) {
                Map<String, Object> doc = new java.util.LinkedHashMap<>();
                doc.put("command", "expire");
                doc.put("asOf", today.toString());
                doc.put("count", changes.size());
                doc.put("expired", changes);
                out.println(CreditPipelineCli.json(doc));
            } else {
                out.printf("expire as of %s: %d record(s) reached the end of their publication period%n", today,
                        changes.size());
            }
            return 0;
        }
    }
}
