package org.creditpipeline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.creditpipeline.OutOfMemory;
import org.creditpipeline.CreditPipelineApplication;
import org.creditpipeline.db.NodeBusyException;
import org.creditpipeline.db.NodeLock;
import org.creditpipeline.exchange.ExchangeFolderException;
import org.creditpipeline.ingest.FileSummary;
import org.creditpipeline.ingest.IngestService;
import org.creditpipeline.ingest.RowNormalizer;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.support.Failures;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code credit-pipeline} command line. Commands that need the database start a Spring context for the chosen
 * node; {@code generate} and {@code help} do not. Exit codes: 0 success (rejected rows are not a failure), 1 a file or
 * step failed, 2 a usage error, 3 the node is busy (another process holds it; nothing was done), 4 receive holds a
 * package after a gap longer than credit.exchange.held-alert-hours (docs/EXCHANGE.md).
 */
public final class CreditPipelineCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int BUSY = 3;
    static final int HELD_TOO_LONG = 4;

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
        // Known before parsing, so that even a command line that cannot be parsed answers --json with JSON.
        boolean jsonOut = List.of(args).contains("--json");
        String command = null;
        try {
            Arguments a = Arguments.parse(args);
            command = a.command();
            if (a.flag("version") && !a.flag("help")) {
                out.println("credit-pipeline " + version());
                return OK;
            }
            if (a.flag("help") || a.command().equals("help")) {
                out.print(Usage.TEXT);
                return OK;
            }
            if (a.option("node") != null) {
                // a malformed id is a usage error, named before anything is read or written
                try {
                    org.creditpipeline.CreditProperties.schemaOf(a.option("node"));
                } catch (IllegalArgumentException e) {
                    throw new Arguments.UsageException("--node: " + e.getMessage());
                }
            }
            return switch (a.command()) {
                case "ingest" -> ingest(a);
                case "demo" -> { a.allowOnly(GLOBAL); a.noArguments(); yield HierarchyDemo.run(a, out); }
                case "generate" -> {
                    a.allowOnly(with(GenerateCommand.OPTIONS));
                    a.noArguments();
                    yield GenerateCommand.run(a, out);
                }
                case "template" -> {
                    a.allowOnly(with("mapping", "out"));
                    a.noArguments();
                    yield TemplateCommand.run(a, out);
                }
                case "consolidate" -> { a.allowOnly(GLOBAL); a.noArguments(); yield ConsolidateCommand.run(a, out); }
                case "review" -> { a.allowOnly(with("status", "limit")); yield ReviewCommand.run(a, out); }
                case "push" -> { a.noArguments(); yield PushCommand.run(a, out); }
                case "receive" -> { a.noArguments(); yield ReceiveCommand.run(a, out, err); }
                case "exchange" -> ExchangeCommand.run(a, out);
                case "serve" -> { a.noArguments(); yield ServeCommand.run(a, out); }
                case "export" -> { a.noArguments(); yield ExportCommand.run(a, out); }
                case "record" -> RecordCommand.run(a, out);
                case "overview" -> OverviewCommand.run(a, out);
                case "nightly" -> NightlyCommand.run(a, out);
                case "housekeep" -> HousekeepCommand.run(a, out);
                case "status" -> StatusCommand.set(a, out);
                case "expire" -> { a.noArguments(); yield StatusCommand.expire(a, out); }
                case "keys" -> { a.allowOnly(with("pepper-lost")); yield KeysCommand.run(a, out); }
                default -> throw new Arguments.UsageException("unknown command '" + a.command() + "'");
            };
        } catch (Arguments.UsageException e) {
            return fail(jsonOut, command, USAGE, "USAGE_ERROR", e.getMessage(), e);
        } catch (RuntimeException e) {
            if (cause(e, NodeBusyException.class) != null) {
                return fail(jsonOut, command, BUSY, "BUSY", message(cause(e, NodeBusyException.class)), e);
            }
            if (cause(e, ExchangeFolderException.class) != null) {
                return fail(jsonOut, command, FAILED, "EXCHANGE_FOLDER_MISSING",
                        message(cause(e, ExchangeFolderException.class)), e);
            }
            return fail(jsonOut, command, FAILED, "FAILED", message(e), e);
        } catch (OutOfMemoryError e) {
            return fail(jsonOut, command, FAILED, "OUT_OF_MEMORY", OutOfMemory.advice(), e);
        }
    }

    /**
     * One line on stderr naming the problem (the stack trace only with CREDIT_DEBUG set), and with --json a document
     * on stdout too, so that a script reading stdout always gets JSON.
     */
    private int fail(boolean jsonOut, String command, int code, String status, String message, Throwable e) {
        err.println("credit-pipeline: " + message);
        if (code == USAGE) {
            err.println("Run 'credit-pipeline help' for the commands and options.");
        }
        if (System.getenv("CREDIT_DEBUG") != null) {
            e.printStackTrace(err);
        }
        if (jsonOut) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", command);
            doc.put("status", status);
            doc.put("exitCode", code);
            doc.put("error", message);
            out.println(json(doc));
        }
        return code;
    }

    private int ingest(Arguments a) {
        a.allowOnly(with("mapping", "show-rejects", "check"));
        if (a.positional().isEmpty()) {
            throw new Arguments.UsageException("ingest needs at least one FILE");
        }
        List<Path> files = a.positional().stream().map(Path::of).toList();
        // checked before any file is read: a mistyped value would otherwise fail after the whole run
        int showRejects = (int) a.longOption("show-rejects", 0);
        boolean check = a.flag("check");
        try (ConfigurableApplicationContext context = start(a, a.option("node"))) {
            if (a.option("mapping") != null) {
                try {
                    context.getBean(MappingCatalog.class).get(a.option("mapping"));
                } catch (IllegalArgumentException e) {
                    throw new Arguments.UsageException("--mapping: " + e.getMessage());
                }
            }
            List<FileSummary> summaries;
            Map<FileSummary, List<String>> examples = new java.util.IdentityHashMap<>();
            if (check) {
                List<IngestService.Checked> checked = runCheck(context, files, a.option("mapping"), showRejects);
                checked.forEach(c -> examples.put(c.summary(), c.rejectExamples()));
                summaries = checked.stream().map(IngestService.Checked::summary).toList();
            } else {
                summaries = runIngest(context, files, a.option("mapping"));
                IngestService service = context.getBean(IngestService.class);
                if (showRejects > 0) {
                    for (FileSummary f : summaries) {
                        examples.put(f, f.fileId() == null ? List.of() : service.rejectExamples(f.fileId(), showRejects));
                    }
                }
            }
            report(a, "ingest", context, summaries, check);
            showRejects(a, summaries, examples, showRejects);
            return summaries.stream().anyMatch(s -> FileSummary.FAILED.equals(s.status())) ? 1 : 0;
        }
    }

    private List<FileSummary> runIngest(ConfigurableApplicationContext context, List<Path> files, String mapping) {
        try (NodeLock lock = lockNode(context)) {
            // the region table and the node's region, loaded once before any file: a wrong --region-table fails the
            // command in one line instead of every file with its own error report
            context.getBean(RowNormalizer.class);
            return context.getBean(IngestService.class).ingest(files, mapping);
        }
    }

    /**
     * A check stores nothing (no rows, no ingest_file, no Spring Batch metadata): it takes no node lock, so it runs
     * beside a nightly run or another command on the node (with the embedded database, not beside another process
     * of the same installation: that one holds the database itself).
     */
    private List<IngestService.Checked> runCheck(ConfigurableApplicationContext context, List<Path> files,
                                                 String mapping, int examples) {
        context.getBean(RowNormalizer.class);
        return context.getBean(IngestService.class).check(files, mapping, examples);
    }

    private void report(Arguments a, String command, ConfigurableApplicationContext context, List<FileSummary> files,
                        boolean check) {
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
            doc.put("check", check);
            doc.put("status", failed == 0 ? "COMPLETED" : "FAILED");
            doc.put("files", files);
            // in this order in every run (README.md shows it), not in a hash map's
            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("files", files.size());
            totals.put("failed", failed);
            totals.put("read", read);
            totals.put("accepted", accepted);
            totals.put("rejected", rejected);
            doc.put("totals", totals);
            out.println(json(doc));
            return;
        }
        out.printf("%s%s on node '%s': %d file(s)%n", command, check ? " --check" : "", node, files.size());
        if (check) {
            out.println("  CHECK ONLY (仅检查，不导入): nothing is stored; the counts and error reports are what an"
                    + " ingest would give");
        }
        for (FileSummary f : files) {
            out.printf("  %-9s %s%n", f.status(), f.file());
            // a file that never reached a job (missing, a folder) has no counts worth a line
            if (!FileSummary.SKIPPED.equals(f.status())
                    && (f.fileId() != null || f.read() > 0 || f.errorReport() != null)) {
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
        if (check) {
            out.println("Check only: nothing was stored (仅检查，未导入任何数据); run the same command without --check to"
                    + " ingest.");
        } else if (rejected > 0) {
            out.println("Every rejected row is kept with its values and reasons in table rejected_row of schema node_"
                    + node.toLowerCase().replace('-', '_') + ".");
        }
    }

    /** What a data officer needs to fix: the first rejected rows of each file with their reasons. */
    private void showRejects(Arguments a, List<FileSummary> files, Map<FileSummary, List<String>> examples, int limit) {
        if (limit <= 0 || a.flag("json")) {
            return;
        }
        for (FileSummary f : files) {
            List<String> lines = examples.getOrDefault(f, List.of());
            if (!lines.isEmpty()) {
                out.println();
                out.printf("Rejected rows of %s (first %d):%n", Path.of(f.file()).getFileName(), lines.size());
                lines.forEach(line -> out.println("  " + line));
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

    /**
     * A setting for the commands that run without a Spring context ({@code template}, {@code exchange init}, the
     * demo's home), in Spring's order: the option, else the system property ({@code JAVA_OPTS=-Dcredit...}, the
     * launcher's {@code credit.home}), else the environment variable, else the fallback.
     */
    static String setting(Arguments a, String option, String property, String fallback) {
        String env = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        return a.option(option, System.getProperty(property, env == null || env.isBlank() ? fallback : env));
    }

    /** {@code --home}, {@code credit.home} or {@code CREDIT_HOME}, else the current directory. */
    static Path home(Arguments a) {
        return Path.of(setting(a, "home", "credit.home", "."));
    }

    /** The job-configs folder: {@code --config-dir} and its property and variable, else as {@link CreditProperties}. */
    static Path configDir(Arguments a) {
        String configured = setting(a, "config-dir", "credit.config-dir", null);
        return org.creditpipeline.CreditProperties.jobConfigs(configured == null ? null : Path.of(configured), home(a));
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

    /** One line of JSON, for values shown inside a line of text. */
    static String compactJson(Object value) {
        return JsonMapper.builder().build().writeValueAsString(value);
    }

    /** The jar's version (its manifest's Implementation-Version), or "development build" when run from classes. */
    static String version() {
        String v = CreditPipelineCli.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    static String json(Object value) {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(value);
    }

    /** What went wrong, in one line ({@link Failures#message}). */
    static String message(Throwable e) {
        return Failures.message(e);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
