package org.creditpipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.creditpipeline.db.NodeLock;
import org.creditpipeline.exchange.ConsolidationStep;
import org.creditpipeline.exchange.ExchangeFolder;
import org.creditpipeline.exchange.ExchangeNodes;
import org.creditpipeline.exchange.PushService;
import org.creditpipeline.exchange.PushSummary;
import org.creditpipeline.exchange.ReceiveService;
import org.creditpipeline.exchange.ReceiveSummary;
import org.creditpipeline.ingest.FileSummary;
import org.creditpipeline.ingest.IngestService;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.publish.ExportService;
import org.creditpipeline.publish.ExportSummary;
import org.creditpipeline.publish.PublicationRules;
import org.creditpipeline.publish.StatusService;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code credit-pipeline demo}: the whole hierarchy of job-configs/nodes on the sample data. Three counties (南明区,
 * 云岩区, 花溪区) ingest and consolidate their uploads, push to 贵阳市, the city to 贵州省, the province to the
 * national node (province and national ingest their own feeds too); then a repair at 南明区 travels up and leaves the
 * national public export. Prints a summary per level; exports and packages stay under HOME/var. Run again: nothing is
 * duplicated.
 */
final class HierarchyDemo {

    /** Which node ingests which sample file; files not named here go to the national node. */
    private static final Map<String, List<String>> UPLOADS = new LinkedHashMap<>();

    static {
        UPLOADS.put("nanming", List.of("county-520102-penalties-2026-11.xlsx", "county-520102-sanctions-2026-11.xlsx"));
        UPLOADS.put("yunyan", List.of("county-520103-penalties-2026-11.csv", "county-520103-sanctions-2026-11.xlsx"));
        UPLOADS.put("huaxi", List.of("county-520111-penalties-2026-11.csv", "county-accountability.csv"));
        UPLOADS.put("guiyang", List.of());
        UPLOADS.put("guizhou", List.of("regulator-520000-penalties-v1-gbk.csv",
                "court-520000-dishonest-debtors-2026-11.json"));
        UPLOADS.put("national", new ArrayList<>());
    }

    private static final String REPAIR_CANDIDATE = """
            SELECT id, subject_name, document_number FROM consolidated_record
             WHERE record_kind = 'ADMINISTRATIVE_PENALTY' AND document_number IS NOT NULL ORDER BY id LIMIT 1""";
    private static final String AT_NATIONAL = """
            SELECT id, status FROM consolidated_record WHERE document_number = ? AND subject_name = ? ORDER BY id LIMIT 1""";
    private static final String REGION_REJECTS = """
            SELECT count(*) AS n, min(r->>'messageZh') AS example
              FROM rejected_row j, jsonb_array_elements(j.reasons) AS r
             WHERE j.file_id = ? AND r->>'code' = 'REGION_OUTSIDE_NODE'""";
    private static final String LEVEL_COUNTS = """
            SELECT (SELECT count(*) FROM staged_record WHERE origin_key IS NULL) AS "ownRows",
                   (SELECT count(*) FROM staged_record WHERE origin_key IS NOT NULL) AS "receivedRows",
                   (SELECT count(*) FROM consolidated_record r
                     WHERE NOT EXISTS (SELECT 1 FROM record_redirect d WHERE d.old_id = r.id)) AS records,
                   (SELECT count(*) FROM exchange_inbound) AS "packagesIn",
                   (SELECT COALESCE(sum(questioned + unmatched), 0) FROM exchange_inbound) AS "questionedIn",
                   (SELECT count(*) FROM exchange_refusal) AS refused,
                   (SELECT count(*) FROM exchange_outbound) AS "packagesOut",
                   (SELECT count(*) FROM exchange_outbound WHERE status = 'ACKNOWLEDGED') AS acknowledged,
                   (SELECT COALESCE(max(seq), 0) FROM change_log) AS changes""";

    private HierarchyDemo() {
    }

    static int run(Arguments a, PrintStream out) {
        a.allowOnly(CreditPipelineCli.GLOBAL);
        Path home = CreditPipelineCli.home(a);
        Path samples = samples(home);
        Map<String, List<Path>> plan = plan(samples);
        boolean quietOut = a.flag("json");
        PrintStream say = quietOut ? new PrintStream(PrintStream.nullOutputStream()) : out;
        say.println("credit-pipeline demo: the 贵州 hierarchy (3 counties → 贵阳市 → 贵州省 → national) on " + samples);
        Map<String, ConfigurableApplicationContext> nodes = new LinkedHashMap<>();
        try {
            for (String node : plan.keySet()) {
                ConfigurableApplicationContext context = CreditPipelineCli.start(a, node);
                nodes.put(node, context);
                CreditPipelineCli.lockNode(context);
            }
            say.println();
            say.println("1. Each node ingests and consolidates its own uploads and feeds");
            for (Map.Entry<String, List<Path>> e : plan.entrySet()) {
                ConfigurableApplicationContext node = nodes.get(e.getKey());
                List<FileSummary> files = e.getValue().isEmpty() ? List.of()
                        : node.getBean(IngestService.class).ingest(e.getValue(), null);
                long accepted = files.stream().mapToLong(FileSummary::accepted).sum();
                long rejected = files.stream().mapToLong(FileSummary::rejected).sum();
                String consolidated = node.getBean(ConsolidationStep.class).consolidate();
                say.printf("   %-9s %d file(s), accepted %d, rejected %d; %s%n", e.getKey(), files.size(), accepted,
                        rejected, consolidated);
                showRegionRejects(node, files, say);
            }
            say.println();
            say.println("2. Push upward level by level (packages signed, verified, applied, acknowledged)");
            // the demo's exchange folders are local (var/exchange/ID): set up as `exchange init` does, marker included
            for (ConfigurableApplicationContext node : nodes.values()) {
                ExchangeFolder.init(node.getBean(ExchangeNodes.class).self());
            }
            propagate(nodes, say, true);

            say.println();
            ConfigurableApplicationContext nanming = nodes.get("nanming");
            ConfigurableApplicationContext national = nodes.get("national");
            Map<String, Object> record = new JdbcTemplate(nanming.getBean(javax.sql.DataSource.class))
                    .queryForList(REPAIR_CANDIDATE).stream().findFirst().orElse(null);
            if (record != null) {
                String subject = (String) record.get("subject_name");
                String doc = (String) record.get("document_number");
                say.printf("3. 信用修复 at 南明区: record %s (%s, %s)%n", record.get("id"), subject, doc);
                ExportService nationalExports = national.getBean(ExportService.class);
                ExportSummary before = nationalExports.export(ExportService.Kind.PUBLIC, "csv", null,
                        PublicationRules.today());
                StatusService.Change change = nanming.getBean(StatusService.class).set(((Number) record.get("id"))
                        .longValue(), RecordStatus.REPAIRED, "信用修复：已履行行政处罚并作出信用承诺", "筑南发改信修〔2026〕1号",
                        "demo");
                say.println(change == null ? "   already repaired by an earlier run: nothing changed"
                        : "   status " + change.oldStatus() + " → " + change.newStatus() + " (change " + change.seq() + ")");
                propagate(nodes, say, false);
                ExportSummary after = nationalExports.export(ExportService.Kind.PUBLIC, "csv", null,
                        PublicationRules.today());
                List<Map<String, Object>> there = new JdbcTemplate(national.getBean(javax.sql.DataSource.class))
                        .queryForList(AT_NATIONAL, doc, subject);
                say.printf("   at the national node: record %s, status %s; public export %d → %d record(s)%n",
                        there.isEmpty() ? "-" : there.get(0).get("id"), there.isEmpty() ? "not received"
                                : there.get(0).get("status"), before.records(), after.records());
            }

            say.println();
            say.println("4. Exports at the national node (HOME/var/exports/national/)");
            for (ExportService.Kind kind : ExportService.Kind.values()) {
                ExportSummary s = national.getBean(ExportService.class).export(kind, "csv", null,
                        PublicationRules.today());
                say.printf("   %-8s %,6d record(s)  %s%n", s.kind(), s.records(), s.dataFile());
            }

            say.println();
            say.println("5. Per level");
            say.printf("   %-9s %9s %9s %8s %8s %9s %7s %8s %6s %8s%n", "node", "own rows", "received", "records",
                    "pkgs in", "疑问/未关联", "refused", "pkgs out", "acked", "changes");
            List<Map<String, Object>> levels = new ArrayList<>();
            for (Map.Entry<String, ConfigurableApplicationContext> e : nodes.entrySet()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("node", e.getKey());
                c.putAll(new JdbcTemplate(e.getValue().getBean(javax.sql.DataSource.class)).queryForMap(LEVEL_COUNTS));
                levels.add(c);
                say.printf("   %-9s %9s %9s %8s %8s %9s %7s %8s %6s %8s%n", e.getKey(), c.get("ownRows"),
                        c.get("receivedRows"), c.get("records"), c.get("packagesIn"), c.get("questionedIn"),
                        c.get("refused"), c.get("packagesOut"), c.get("acknowledged"), c.get("changes"));
            }
            say.println();
            say.println("Packages, acknowledgements and exports are under " + home.resolve("var").toAbsolutePath()
                    .normalize() + " (exchange/<node>/, exports/<node>/). Run the demo again: nothing is duplicated.");
            if (quietOut) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "demo");
                doc.put("levels", levels);
                out.println(CreditPipelineCli.json(doc));
            }
            return 0;
        } finally {
            for (ConfigurableApplicationContext context : nodes.values()) {
                context.getBean(NodeLock.class).close();
                context.close();
            }
        }
    }

    /** The rows a node rejected because their 地方编码 lies outside its region (辖区), with one reason as example. */
    private static void showRegionRejects(ConfigurableApplicationContext node, List<FileSummary> files, PrintStream say) {
        JdbcTemplate jdbc = new JdbcTemplate(node.getBean(javax.sql.DataSource.class));
        long rows = 0;
        String example = null;
        for (FileSummary f : files) {
            if (FileSummary.COMPLETED.equals(f.status()) && f.rejected() > 0) {
                Map<String, Object> r = jdbc.queryForMap(REGION_REJECTS, f.fileId());
                rows += ((Number) r.get("n")).longValue();
                example = example != null ? example : (String) r.get("example");
            }
        }
        if (rows > 0) {
            say.printf("             %d row(s) outside the node's region rejected, e.g. %s%n", rows, example);
        }
    }

    /** Push from every child and receive at every parent, bottom up; a second round takes the acknowledgements in. */
    private static void propagate(Map<String, ConfigurableApplicationContext> nodes, PrintStream say,
                                  boolean showQuestions) {
        String[][] levels = {{"nanming", "yunyan", "huaxi"}, {"guiyang"}, {"guizhou"}};
        String[] parents = {"guiyang", "guizhou", "national"};
        for (int level = 0; level < levels.length; level++) {
            for (String child : levels[level]) {
                PushSummary s = nodes.get(child).getBean(PushService.class).push(100_000, 5);
                s.sent().forEach(p -> say.printf("   %-9s → %-9s %s (%d changes)%n", child, s.parent(), p.packageId(),
                        p.changes()));
            }
            ReceiveSummary r = nodes.get(parents[level]).getBean(ReceiveService.class).receive();
            for (ReceiveSummary.Outcome p : r.packages()) {
                say.printf("   %-9s %-9s %s%s%n", parents[level], p.status(), p.packageId(),
                        p.status().equals(ReceiveSummary.APPLIED) ? String.format(": 入库 %d, 更新 %d, 疑问 %d, 未关联 %d",
                                p.accepted(), p.updated(), p.questioned(), p.unmatched())
                                : p.reason() == null ? "" : ": " + p.reason());
            }
        }
        for (String[] level : levels) {
            for (String child : level) {
                PushSummary s = nodes.get(child).getBean(PushService.class).push(100_000, 3);
                for (PushSummary.Question q : showQuestions ? s.questions() : List.<PushSummary.Question>of()) {
                    say.printf("   %-9s questioned by %s: record %d %s %s%n", child, s.parent(), q.recordId(),
                            q.errorCode(), q.errorText());
                }
            }
        }
    }

    /**
     * The sample files: {@code HOME/sample-data}, else those of the checkout the launcher runs from (a {@code --home}
     * elsewhere keeps its database there and still finds the samples), else {@code ./sample-data}.
     */
    private static Path samples(Path home) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(home.resolve("sample-data"));
        String checkout = System.getProperty("credit.checkout");
        if (checkout != null) {
            candidates.add(Path.of(checkout).resolve("sample-data"));
        }
        candidates.add(Path.of("sample-data"));
        return candidates.stream().filter(Files::isDirectory).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "the demo runs on the repository's sample-data/ folder, found in none of " + candidates
                        + ": run it from the checkout (scripts/credit-pipeline demo) or give --home a folder that holds"
                        + " sample-data/ / 找不到示例数据目录 sample-data"));
    }

    private static Map<String, List<Path>> plan(Path samples) {
        Map<String, List<Path>> plan = new LinkedHashMap<>();
        List<String> named = UPLOADS.values().stream().flatMap(List::stream).toList();
        List<Path> rest;
        try (Stream<Path> list = Files.list(samples)) {
            rest = list.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().toLowerCase().endsWith(".md"))
                    .filter(f -> !named.contains(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + samples + ": " + e.getMessage(), e);
        }
        UPLOADS.forEach((node, files) -> {
            List<Path> paths = new ArrayList<>(files.stream().map(samples::resolve).filter(Files::exists).toList());
            if (node.equals("national")) {
                paths.addAll(rest);
            }
            plan.put(node, paths);
        });
        return plan;
    }
}
