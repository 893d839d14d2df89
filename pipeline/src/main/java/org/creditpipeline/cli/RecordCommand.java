package org.creditpipeline.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.creditpipeline.consolidate.RecordLookup;
import org.creditpipeline.consolidate.RecordUnmerge;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.publish.RecordColumns;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code credit-pipeline record find [--doc 文号] [--subject NAME|CODE] [--kind KIND] [--limit N]} and
 * {@code credit-pipeline record show ID}: look records up before answering an objection or a repair request;
 * {@code credit-pipeline record unmerge ID --reason TEXT [--actor NAME]}: undo a wrong merge.
 */
final class RecordCommand {

    static final String USAGE = "usage: record find [--doc 文号|案号] [--subject NAME|USCC|ID] [--kind KIND] [--limit N]"
            + " | record show ID | record unmerge ID --reason TEXT [--actor NAME]";

    private RecordCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("doc", "subject", "kind", "limit", "reason", "actor"));
        List<String> p = a.positional();
        String action = p.isEmpty() ? "" : p.get(0);
        if (action.equals("find") && p.size() == 1) {
            return find(a, out);
        }
        if (action.equals("show") && p.size() == 2) {
            return show(a, id(p.get(1)), out);
        }
        if (action.equals("unmerge") && p.size() == 2) {
            return unmerge(a, id(p.get(1)), out);
        }
        throw new Arguments.UsageException(USAGE);
    }

    private static int find(Arguments a, PrintStream out) {
        String kindText = a.option("kind");
        RecordKind kind = kindText == null ? null : RecordKind.fromText(kindText);
        if (kindText != null && kind == null) {
            throw new Arguments.UsageException("--kind must be one of " + kinds() + ", not '" + kindText + "'");
        }
        int limit = (int) a.longOption("limit", 20);
        if (limit < 1) {
            throw new Arguments.UsageException("--limit must be at least 1");
        }
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            RecordLookup.Found found;
            try {
                found = context.getBean(RecordLookup.class).find(a.option("doc"), a.option("subject"), kind, limit);
            } catch (IllegalArgumentException e) {
                throw new Arguments.UsageException(e.getMessage());
            }
            if (a.flag("json")) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "record find");
                doc.put("searchedBy", found.searchedBy());
                doc.put("truncated", found.truncated());
                doc.put("records", found.records());
                out.println(CreditPipelineCli.json(doc));
                return CreditPipelineCli.OK;
            }
            out.println("Searched by " + String.join(", ", found.searchedBy()) + ": " + found.records().size()
                    + (found.truncated() ? " shown, more match (--limit)" : " record(s)"));
            for (RecordLookup.Match m : found.records()) {
                out.printf("  record %d  %s  %s  %s [%s]  %s  %s  %s  (%d source rows)%n", m.recordId(), RecordColumns.display("record_kind", m.kind()),
                        m.status(), m.subjectName(), m.identifier() == null ? "no identifier" : m.identifier(),
                        dash(m.documentNumber()), dash(m.authority()), dash(m.decisionDate()), m.sources());
            }
            if (!found.records().isEmpty()) {
                out.println("Details: credit-pipeline record show ID");
            }
            return CreditPipelineCli.OK;
        }
    }

    private static int show(Arguments a, long id, PrintStream out) {
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            RecordLookup.Detail d = context.getBean(RecordLookup.class).show(id);
            if (d == null) {
                throw new Arguments.UsageException("no record " + id + " (credit-pipeline record find looks records"
                        + " up by 文号 or subject)");
            }
            if (a.flag("json")) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "record show");
                doc.put("detail", d);
                out.println(CreditPipelineCli.json(doc));
                return CreditPipelineCli.OK;
            }
            print(d, out);
            return CreditPipelineCli.OK;
        }
    }

    private static int unmerge(Arguments a, long id, PrintStream out) {
        if (a.option("reason") == null) {
            throw new Arguments.UsageException("record unmerge needs --reason TEXT (why the merge was wrong; it goes"
                    + " into the audit entry) (" + USAGE + ")");
        }
        String actor = a.option("actor", System.getProperty("user.name", "officer"));
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"))) {
            RecordUnmerge.Result r;
            try {
                r = context.getBean(RecordUnmerge.class).unmerge(id, a.option("reason"), actor);
            } catch (IllegalArgumentException e) {
                throw new Arguments.UsageException(e.getMessage()); // not a merged-away id, no history, shared key
            }
            if (a.flag("json")) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "record unmerge");
                doc.put("result", r);
                out.println(CreditPipelineCli.json(doc));
                return CreditPipelineCli.OK;
            }
            out.printf("record %d is a record of its own again (merged into record %d on %s, %s):%n", r.recordId(),
                    r.survivorId(), r.mergedAt(), r.mergeReason());
            out.printf("  %d source row(s) back%s, %d key(s)%s%n", r.restoredRows().size(),
                    r.laterRows().isEmpty() ? "" : " (" + r.laterRows().size() + " of them arrived after the merge)",
                    r.keys().size(), r.redirects().isEmpty() ? "" : "; ids " + r.redirects() + " redirect to it again");
            out.printf("  record %d keeps the rest (status %s); both recomputed, changes %d and %d in the change log"
                    + " (the next push sends them upward)%n", r.survivorId(), r.survivorStatus(), r.changes().get(0),
                    r.changes().get(1));
            out.printf("  review pair #%d rejected: later runs keep the two apart%n", r.reviewPairId());
            return CreditPipelineCli.OK;
        }
    }

    private static void print(RecordLookup.Detail d, PrintStream out) {
        Map<String, Object> f = d.fields();
        if (d.asked() != d.recordId()) {
            out.printf("record %d was merged into record %d%n", d.asked(), d.recordId());
        }
        out.printf("record %d  %s  status %s  version %s  %d source row(s)%n", d.recordId(),
                RecordColumns.display("record_kind", String.valueOf(f.get("record_kind"))), f.get("status"), f.get("version"), d.sources().size());
        out.println("fields (staged row each came from, when not the top-ranked row " + d.fieldSources().get("*")
                + "):");
        for (Map.Entry<String, Object> e : f.entrySet()) {
            Object from = d.fieldSources().get(e.getKey());
            out.printf("  %-22s %s%s%n", e.getKey(), e.getValue(), from == null ? "" : "   (row " + from + ")");
        }
        if (!d.mergedFrom().isEmpty()) {
            out.println("merged into it:");
            for (RecordLookup.Merged m : d.mergedFrom()) {
                out.printf("  record %d  %s  %s  (%s)%n", m.oldId(), m.createdAt(), m.reason(), m.undoable()
                        ? "record unmerge " + m.oldId() + " undoes it" : "merged before its history was kept: not undoable");
            }
        }
        out.println("sources (lineage):");
        for (RecordLookup.Source s : d.sources()) {
            out.printf("  staged row %d  %s%s  run %d  %s%s row %d (%s)%s%n", s.stagedId(), s.matchStage(),
                    s.score() == null ? "" : String.format(" %.2f", s.score()), s.runId(), s.file(),
                    s.sheet() == null ? "" : " sheet " + s.sheet(), s.row(), s.format(),
                    s.lineage() == null ? "" : "  from below: " + CreditPipelineCli.compactJson(s.lineage()));
        }
        if (!d.statusHistory().isEmpty()) {
            out.println("status history:");
            for (RecordLookup.StatusEntry s : d.statusHistory()) {
                out.printf("  %s  %s -> %s  %s%s  by %s  (change %d)%n", s.changedAt(), s.oldStatus(), s.newStatus(),
                        s.reason(), s.ref() == null ? "" : "  ref " + s.ref(), s.actor(), s.seq());
            }
        }
        out.println("change log:");
        for (RecordLookup.Change c : d.changes()) {
            out.printf("  change %d  %s  version %d  %s%s%s%n", c.seq(), c.type(), c.version(), c.createdAt(),
                    c.runId() == null ? "" : "  run " + c.runId(),
                    c.mergedIds() == null ? "" : "  merged " + c.mergedIds());
        }
        for (RecordLookup.Review r : d.pendingReviews()) {
            out.printf("pending review pair #%d with record %d, score %.2f (%s): credit-pipeline review accept|reject"
                    + " %d%n", r.pairId(), r.otherRecordId(), r.score(), r.reasons(), r.pairId());
        }
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("record ID must be a number, not '" + text + "'");
        }
    }

    private static String kinds() {
        return String.join(", ", java.util.Arrays.stream(RecordKind.values()).map(k -> k.label() + " (" + k + ")")
                .toList());
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
