package org.creditpipeline;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every command shares. Each can come from the command line (--home, --node, --db-url ...), the environment
 * (CREDIT_HOME, CREDIT_NODE, CREDIT_DB_URL, CREDIT_DB_USER, CREDIT_DB_PASSWORD) or application properties.
 *
 * @param home       installation directory; data lives under {@code home/var}
 * @param node       node id; its tables live in the PostgreSQL schema {@code node_<id>}
 * @param configDir  folder of source mappings, nodes, consolidation and publication rules (default
 *                   {@code home/job-configs}, else the launcher's checkout's)
 * @param db         database settings; an empty url means embedded PostgreSQL under {@code home/var/pg}
 * @param ingest     ingest tuning
 * @param exchange   exchange (push / receive) settings
 * @param housekeeping what {@code housekeep} removes and when (docs/OPERATIONS.md)
 * @param keys       the node's own secrets (docs/OPERATIONS.md, The ID pepper)
 */
@ConfigurationProperties("credit")
public record CreditProperties(
        @DefaultValue(".") Path home,
        @DefaultValue("local") String node,
        Path configDir,
        @DefaultValue Db db,
        @DefaultValue Ingest ingest,
        @DefaultValue Exchange exchange,
        @DefaultValue Housekeeping housekeeping,
        @DefaultValue Keys keys) {

    /**
     * @param idPepperFile the file of the node's ID pepper ({@code credit.keys.id-pepper-file}, env
     *                     {@code CREDIT_KEYS_IDPEPPERFILE}; relative to the home): it must exist. Without it the node
     *                     keeps its pepper in {@code HOME/var/secrets/id-pepper-NODE}, created at first need.
     */
    public record Keys(Path idPepperFile) {
    }

    /**
     * @param heldAlertHours a package held longer than this (hours) after a sequence gap makes {@code receive} warn
     *                       and exit 4 ({@code credit.exchange.held-alert-hours}, env
     *                       {@code CREDIT_EXCHANGE_HELD_ALERT_HOURS})
     * @param intakeReadTimeoutSeconds {@code serve}: a request that sends no byte for this long is answered 408 (an
     *                       upload) or closed ({@code credit.exchange.intake-read-timeout-seconds})
     * @param intakeThreads  {@code serve}: requests handled at once, eight times as many waiting
     *                       ({@code credit.exchange.intake-threads})
     */
    public record Exchange(@DefaultValue("24") int heldAlertHours,
                           @DefaultValue("60") int intakeReadTimeoutSeconds,
                           @DefaultValue("8") int intakeThreads) {
    }

    /**
     * What {@code housekeep} removes and when ({@code credit.housekeeping.*}, docs/OPERATIONS.md). Each {@code *-days}
     * is a number of days or {@code never}; checked when housekeeping runs ({@code housekeep.HousekeepingLimits}).
     *
     * @param nightly      {@code nightly} runs housekeeping as its last step
     * @param doneDays     incoming files ingested (or skipped as ingested before), by the date they were filed
     * @param failedDays   incoming files that could not be read, with their reasons: they need someone
     * @param reportsDays  error reports of files ingested that long ago
     * @param exportsKeep  export folders kept per kind (public, sharing, full), the newest; a number or {@code all}
     * @param exchangeDays packages acknowledged (outbox) or applied (applied/) that long ago, and acknowledgements
     *                     written for children
     * @param batchDays    Spring Batch metadata of job instances completed that long ago
     * @param logDays      files in {@code HOME/var/log/} not written to for that long
     */
    public record Housekeeping(@DefaultValue("true") boolean nightly, @DefaultValue("90") String doneDays,
                               @DefaultValue("never") String failedDays, @DefaultValue("180") String reportsDays,
                               @DefaultValue("10") String exportsKeep, @DefaultValue("90") String exchangeDays,
                               @DefaultValue("90") String batchDays, @DefaultValue("90") String logDays) {
    }

    public record Db(String url, @DefaultValue("postgres") String user, String password,
                     @DefaultValue("false") boolean embeddedClean) {

        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    /**
     * @param chunkSize    rows per transaction (and per COPY)
     * @param regionTable  optional GB/T 2260 code tables used to check region codes ({@code credit.ingest.region-table},
     *                     a comma list; {@code --region-table}, repeatable): the current 民政部 list first, then
     *                     historical ones (a union since 1980, the codes abolished since with what they became), so
     *                     that the code of a county abolished after its record was decided stays valid; structural
     *                     checks only when absent
     * @param maxUncompressedBytes a workbook part larger than this when unpacked is refused (zip-bomb defence)
     * @param maxCellChars a longer spreadsheet cell rejects its row (Excel's own limit is 32,767)
     * @param progressSeconds how often a long file logs its progress
     */
    public record Ingest(@DefaultValue("5000") int chunkSize, List<Path> regionTable,
                         @DefaultValue("2147483648") long maxUncompressedBytes,
                         @DefaultValue("32767") long maxCellChars,
                         @DefaultValue("10") int progressSeconds,
                         @DefaultValue("auto") String readThread) {

        /**
         * Whether a file's reading gets a thread of its own ahead of normalizing ({@code credit.ingest.read-thread}):
         * {@code true}, {@code false}, or {@code auto} (for workbooks, whose parsing costs about what normalizing does).
         */
        public boolean readThreadFor(Object reader) {
            return switch (readThread == null ? "auto" : readThread.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "on", "yes" -> true;
                case "false", "off", "no" -> false;
                default -> reader instanceof org.creditpipeline.ingest.read.excel.WorkbookReader;
            };
        }
    }

    public Path var() {
        return home.resolve("var");
    }

    /** Where the data officers' files wait for the nightly run: {@code HOME/var/incoming/NODE}. */
    public Path incoming() {
        return var().resolve("incoming").resolve(node);
    }

    /**
     * {@code --config-dir}, else {@code HOME/job-configs}, else the job-configs of the checkout the launcher runs from
     * (so that {@code --home} elsewhere moves the data, not the configuration).
     */
    public Path jobConfigs() {
        return jobConfigs(configDir, home);
    }

    /** {@link #jobConfigs()} for commands that run without a Spring context ({@code template}). */
    public static Path jobConfigs(Path configDir, Path home) {
        if (configDir != null) {
            return configDir;
        }
        Path own = home.resolve("job-configs");
        String checkout = System.getProperty("credit.checkout");
        if (!java.nio.file.Files.isDirectory(own) && checkout != null
                && java.nio.file.Files.isDirectory(Path.of(checkout, "job-configs"))) {
            return Path.of(checkout, "job-configs");
        }
        return own;
    }

    /** PostgreSQL schema that holds this node's tables, including its Spring Batch metadata. */
    public String schema() {
        return schemaOf(node);
    }

    public static String schemaOf(String node) {
        if (!node.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("node id '" + node
                    + "' must be 1-40 letters, digits, '_' or '-' (it names the node's database schema)");
        }
        return "node_" + node.toLowerCase().replace('-', '_');
    }
}
