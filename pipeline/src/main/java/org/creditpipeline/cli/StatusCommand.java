package org.creditpipeline.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.db.NodeLock;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.publish.PublicationRules;
import org.creditpipeline.publish.RecordColumns;
import org.creditpipeline.publish.StatusImport;
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
        if (!a.positional().isEmpty() && a.positional().get(0).equals("import")) {
            return importList(a, out);
        }
        a.allowOnly(CreditPipelineCli.with("record", "reason", "ref", "actor"));
        List<String> p = a.positional();
        String usage = "usage: status set --record ID objection|repaired|withdrawn|active --reason TEXT"
                + " [--ref DOCUMENT-NO] [--actor NAME]";
        if (p.isEmpty() || !p.get(0).equals("set")) {
            throw new Arguments.UsageException("status needs 'set' or 'import' (" + usage + "; " + IMPORT_USAGE + ")");
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

    private static final String IMPORT_USAGE = "usage: status import FILE [--check] [--status objection|repaired|"
            + "withdrawn|active] [--reason TEXT] [--actor NAME] [--out RESULT.csv]";

    /**
     * {@code status import FILE}: a list of status changes (docs/EXCHANGE.md, Record status). Prints each row that was
     * not applied and a summary, writes every row with its outcome beside its cells to a result CSV for the officer;
     * exit 1 when a row was not applied.
     */
    static int importList(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.with("check", "status", "reason", "actor", "out"));
        List<String> p = a.positional();
        if (p.size() != 2) {
            throw new Arguments.UsageException("status import needs one FILE (" + IMPORT_USAGE + ")");
        }
        Path file = Path.of(p.get(1));
        if (!Files.isRegularFile(file)) {
            throw new Arguments.UsageException("status import: no such file " + file);
        }
        RecordStatus status = null;
        if (a.option("status") != null) {
            status = STATUSES.get(a.option("status"));
            if (status == null) {
                throw new Arguments.UsageException("status import --status must be objection, repaired, withdrawn or"
                        + " active, not '" + a.option("status") + "'");
            }
        }
        boolean check = a.flag("check");
        String actor = a.option("actor", System.getProperty("user.name", "officer"));
        try (ConfigurableApplicationContext context = CreditPipelineCli.start(a, a.option("node"));
             NodeLock lock = check ? null : CreditPipelineCli.lockNode(context)) {
            StatusImport.Result r;
            try {
                r = context.getBean(StatusImport.class).run(file, status, a.option("reason"), actor, check);
            } catch (IllegalArgumentException e) {
                throw new Arguments.UsageException(e.getMessage()); // no header, an .xls, too many rows
            }
            Path result = a.option("out") != null ? Path.of(a.option("out"))
                    : context.getBean(CreditProperties.class).var().resolve("reports").resolve("status-import-"
                            + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter
                                    .ofPattern("yyyyMMdd-HHmmss")) + "-" + baseName(file) + "-result.csv");
            writeResult(r, result);
            if (a.flag("json")) {
                Map<String, Object> doc = new java.util.LinkedHashMap<>();
                doc.put("command", "status import");
                doc.put("check", check);
                doc.put("file", file.toString());
                doc.put("headerRow", r.headerRow());
                doc.put("columns", r.columns());
                for (StatusImport.Outcome o : StatusImport.Outcome.values()) {
                    doc.put(camel(o), r.count(o));
                }
                doc.put("result", result.toString());
                doc.put("rows", r.rows().stream().map(row -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("row", row.row());
                    m.put("outcome", row.outcome());
                    m.put("record", row.recordId());
                    m.put("oldStatus", row.oldStatus());
                    m.put("newStatus", row.newStatus());
                    m.put("seq", row.seq());
                    m.put("message", row.message());
                    return m;
                }).toList());
                out.println(CreditPipelineCli.json(doc));
            } else {
                out.printf("status import%s on node '%s': %s%s, header in row %d (%s)%n", check ? " --check" : "",
                        context.getBean(CreditProperties.class).node(), file,
                        r.sheet() == null ? "" : " sheet " + r.sheet(), r.headerRow(), r.columns());
                for (StatusImport.RowResult row : r.rows()) {
                    if (r.failed() > 0 && isFailure(row.outcome())) {
                        out.printf("  row %d: %s%s: %s%n", row.row(), row.outcome(),
                                row.recordId() == null ? "" : " (record " + row.recordId() + ")", row.message());
                    }
                }
                if (check) {
                    out.printf("CHECK ONLY (仅检查): %d row(s) would change, %d already have the status, %d would not"
                            + " be applied; nothing was changed%n", r.count(StatusImport.Outcome.WOULD_APPLY),
                            r.count(StatusImport.Outcome.UNCHANGED), r.failed());
                } else {
                    out.printf("%d row(s) applied (audit entries written; exports show them now, the next push sends"
                            + " them upward), %d already had the status, %d not applied%n",
                            r.count(StatusImport.Outcome.APPLIED), r.count(StatusImport.Outcome.UNCHANGED), r.failed());
                }
                out.printf("result for the data officer (处理结果): %s%n", result);
            }
            return r.failed() == 0 ? 0 : 1;
        }
    }

    private static boolean isFailure(StatusImport.Outcome o) {
        return o != StatusImport.Outcome.APPLIED && o != StatusImport.Outcome.UNCHANGED
                && o != StatusImport.Outcome.WOULD_APPLY;
    }

    private static String camel(StatusImport.Outcome o) {
        String[] words = o.name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return b.toString();
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^\\p{L}\\p{N}._-]", "_");
    }

    /** The list again, each row with its outcome: UTF-8 with a byte-order mark, as Excel opens it. */
    private static void writeResult(StatusImport.Result r, Path result) {
        try {
            if (result.toAbsolutePath().getParent() != null) {
                Files.createDirectories(result.toAbsolutePath().getParent());
            }
            try (java.io.Writer w = Files.newBufferedWriter(result, java.nio.charset.StandardCharsets.UTF_8);
                 org.apache.commons.csv.CSVPrinter csv = new org.apache.commons.csv.CSVPrinter(w,
                         org.apache.commons.csv.CSVFormat.DEFAULT)) {
                w.write('\ufeff');
                List<String> header = new java.util.ArrayList<>(r.rows().isEmpty() ? List.of()
                        : r.rows().get(0).cells().keySet());
                header.addAll(List.of("行号", "处理结果", "记录编号", "原状态", "新状态", "变更序号", "说明"));
                csv.printRecord(header);
                for (StatusImport.RowResult row : r.rows()) {
                    List<Object> line = new java.util.ArrayList<>();
                    row.cells().values().forEach(v -> line.add(RecordColumns.neutralise(v)));
                    line.addAll(java.util.Arrays.asList(row.row(), OUTCOME_WORDS.get(row.outcome()), row.recordId(),
                            row.oldStatus(), row.newStatus(), row.seq(), RecordColumns.neutralise(row.message())));
                    csv.printRecord(line);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not write " + result + ": " + e.getMessage(), e);
        }
    }

    private static final Map<StatusImport.Outcome, String> OUTCOME_WORDS = Map.of(
            StatusImport.Outcome.APPLIED, "已变更 APPLIED", StatusImport.Outcome.UNCHANGED, "无需变更 UNCHANGED",
            StatusImport.Outcome.WOULD_APPLY, "将变更 WOULD_APPLY", StatusImport.Outcome.NOT_FOUND, "未找到 NOT_FOUND",
            StatusImport.Outcome.AMBIGUOUS, "多条匹配 AMBIGUOUS", StatusImport.Outcome.REFUSED, "不允许 REFUSED",
            StatusImport.Outcome.INVALID, "填写有误 INVALID");

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
