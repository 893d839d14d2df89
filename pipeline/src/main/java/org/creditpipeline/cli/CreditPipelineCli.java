package org.creditpipeline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.creditpipeline.CreditPipelineApplication;
import org.creditpipeline.db.NodeLock;
import org.creditpipeline.ingest.FileSummary;
import org.creditpipeline.ingest.IngestService;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code credit-pipeline} command line. Commands that need the database start a Spring context for the chosen
 * node; {@code generate} and {@code help} do not. Exit codes: 0 success (rejected rows are not a failure), 1 a file or
 * step failed, 2 a usage error.
 */
public final class CreditPipelineCli {

    static final Set<String> GLOBAL = Set.of("home", "node", "db-url", "db-user", "db-password", "config-dir",
            "region-table", "json", "quiet", "help");

    private final PrintStream out;
    private final PrintStream err;

    public CreditPipelineCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new CreditPipelineCli(System.out, System.err).run(args));
    }

    public int run(String[] args) {
        Arguments a;
        try {
            a = Arguments.parse(args);
            if (a.flag("help") || a.command().equals("help")) {
                out.print(Usage.TEXT);
                return 0;
            }
            return switch (a.command()) {
                case "ingest" -> ingest(a);
                case "demo" -> HierarchyDemo.run(a, out);
                case "generate" -> { a.allowOnly(with(GenerateCommand.OPTIONS)); yield GenerateCommand.run(a, out); }
                case "template" -> { a.allowOnly(with("mapping", "out")); yield TemplateCommand.run(a, out); }
                case "consolidate" -> { a.allowOnly(GLOBAL); yield ConsolidateCommand.run(a, out); }
                case "review" -> { a.allowOnly(with("status", "limit")); yield ReviewCommand.run(a, out); }
                case "push" -> PushCommand.run(a, out);
                case "receive" -> ReceiveCommand.run(a, out);
                case "serve" -> ServeCommand.run(a, out);
                case "export" -> ExportCommand.run(a, out);
                case "status" -> StatusCommand.set(a, out);
                case "expire" -> StatusCommand.expire(a, out);
                default -> throw new Arguments.UsageException("unknown command '" + a.command() + "'");
            };
        } catch (Arguments.UsageException e) {
            err.println("credit-pipeline: " + e.getMessage());
            err.println("Run 'credit-pipeline help' for the commands and options.");
            return 2;
        } catch (RuntimeException e) {
            err.println("credit-pipeline: " + rootMessage(e));
            if (System.getenv("CREDIT_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private int ingest(Arguments a) {
        a.allowOnly(with("mapping", "show-rejects"));
        if (a.positional().isEmpty()) {
            throw new Arguments.UsageException("ingest needs at least one FILE");
        }
        List<Path> files = a.positional().stream().map(Path::of).toList();
        try (ConfigurableApplicationContext context = start(a, a.option("node"))) {
            List<FileSummary> summaries = runIngest(context, files, a.option("mapping"));
            report(a, "ingest", context, summaries);
            showRejects(a, context, summaries, (int) a.longOption("show-rejects", 0));
            return summaries.stream().anyMatch(s -> FileSummary.FAILED.equals(s.status())) ? 1 : 0;
        }
    }

    private List<FileSummary> runIngest(ConfigurableApplicationContext context, List<Path> files, String mapping) {
        try (NodeLock lock = lockNode(context)) {
            return context.getBean(IngestService.class).ingest(files, mapping);
        }
    }

    private void report(Arguments a, String command, ConfigurableApplicationContext context, List<FileSummary> files) {
        String node = context.getEnvironment().getProperty("credit.node", "local");
        long read = 0;
        long accepted = 0;
        long rejected = 0;
        int failed = 0;
        for (FileSummary f : files) {
            read += f.read();
            accepted += f.accepted();
            rejected += f.rejected();
            failed += FileSummary.FAILED.equals(f.status()) ? 1 : 0;
        }
        if (a.flag("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", command);
            doc.put("node", node);
            doc.put("status", failed == 0 ? "COMPLETED" : "FAILED");
            doc.put("files", files);
            doc.put("totals", Map.of("files", files.size(), "failed", failed, "read", read, "accepted", accepted,
                    "rejected", rejected));
            out.println(json(doc));
            return;
        }
        out.printf("%s on node '%s': %d file(s)%n", command, node, files.size());
        for (FileSummary f : files) {
            out.printf("  %-9s %s%n", f.status(), f.file());
            if (!FileSummary.SKIPPED.equals(f.status())) {
                out.printf("            read %,d  accepted %,d  rejected %,d%s%n", f.read(), f.accepted(), f.rejected(),
                        details(f));
            }
            if (f.message() != null) {
                out.println("            " + f.message());
            }
            for (String w : f.warnings()) {
                out.println("            note: " + w);
            }
            if (f.errorReport() != null && !FileSummary.SKIPPED.equals(f.status())) {
                out.println("            error report (错误报告): " + f.errorReport());
            }
        }
        out.printf("Total: read %,d, accepted %,d, rejected %,d; %d file(s) failed.%n", read, accepted, rejected, failed);
        if (rejected > 0) {
            out.println("Every rejected row is kept with its values and reasons in table rejected_row of schema node_"
                    + node.toLowerCase().replace('-', '_') + ".");
        }
    }

    /** What a data officer needs to fix: the first rejected rows of each file with their reasons. */
    private void showRejects(Arguments a, ConfigurableApplicationContext context, List<FileSummary> files, int limit) {
        if (limit <= 0 || a.flag("json")) {
            return;
        }
        IngestService service = context.getBean(IngestService.class);
        for (FileSummary f : files) {
            List<String> examples = f.fileId() == null ? List.of() : service.rejectExamples(f.fileId(), limit);
            if (!examples.isEmpty()) {
                out.println();
                out.printf("Rejected rows of %s (first %d):%n", Path.of(f.file()).getFileName(), examples.size());
                examples.forEach(line -> out.println("  " + line));
            }
        }
    }

    private static String details(FileSummary f) {
        List<String> parts = new ArrayList<>();
        if (f.format() != null) {
            parts.add(f.encoding() == null ? f.format() : f.format() + " " + f.encoding());
        }
        if (!f.mappings().isEmpty()) {
            parts.add("mapping " + String.join(", ", f.mappings()));
        }
        if (f.jobExecutionId() != null) {
            parts.add("job execution " + f.jobExecutionId());
        }
        return parts.isEmpty() ? "" : "  (" + String.join("; ", parts) + ")";
    }

    static ConfigurableApplicationContext start(Arguments a, String node) {
        // Passed as command-line properties: they outrank the launcher's -Dcredit.home and the environment.
        Map<String, Object> props = new LinkedHashMap<>();
        putIf(props, "credit.home", a.option("home"));
        putIf(props, "credit.node", node);
        putIf(props, "credit.db.url", a.option("db-url"));
        putIf(props, "credit.db.user", a.option("db-user"));
        putIf(props, "credit.db.password", a.option("db-password"));
        putIf(props, "credit.config-dir", a.option("config-dir"));
        putIf(props, "credit.ingest.region-table", a.option("region-table"));
        if (a.flag("quiet") || a.flag("json")) {
            props.put("logging.level.org.creditpipeline", "WARN");
        }
        String[] springArgs = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CreditPipelineApplication.class).run(springArgs);
    }

    private static void putIf(Map<String, Object> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    /** The node's lock, taken (another process on the node fails fast); for try-with-resources after the context. */
    static NodeLock lockNode(ConfigurableApplicationContext context) {
        NodeLock lock = context.getBean(NodeLock.class);
        lock.acquire();
        return lock;
    }

    static Set<String> with(String... names) {
        Set<String> s = new java.util.HashSet<>(GLOBAL);
        s.addAll(List.of(names));
        return s;
    }

    static String json(Object value) {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(value);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
