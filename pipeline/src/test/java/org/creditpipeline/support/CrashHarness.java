package org.creditpipeline.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.creditpipeline.cli.CreditPipelineCli;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the crash-consistency tests share ({@code CrashConsistencyFunctionalTests},
 * {@code CrashConsistencyMoreFunctionalTests}): a real {@code credit-pipeline} process (a child JVM on the test's
 * class path and PostgreSQL) that a {@link Failpoints} point halts, and the end state of a county and its city without
 * what differs from run to run (ids, times, hashes), to compare a run that was halted and run again with one that was
 * not.
 */
public final class CrashHarness {

    private CrashHarness() {
    }

    /** How a child process ended: its exit status and everything it printed. */
    public record Child(int exit, String output) {
    }

    /** Runs a credit-pipeline process to its end, halted at {@code point} when it reaches it (null: none). */
    public static Child run(List<String> args, String point, Path log) throws Exception {
        Process p = start(args, point, log);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("credit-pipeline " + args).isTrue();
        return new Child(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Starts a credit-pipeline process (stdout and stderr into {@code log}), armed at {@code point} (null: none). */
    public static Process start(List<String> args, String point, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        if (point != null) {
            command.add(1, "-Dcredit.failpoint=" + point);
        }
        command.add(CreditPipelineCli.class.getName());
        command.add("--quiet");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().put("CREDIT_INGEST_CHUNK_SIZE", "3"); // several chunks in a small file
        return pb.start();
    }

    /** The arguments that point a child at the test's PostgreSQL (the server of CREDIT_DB_URL, or the embedded one). */
    public static List<String> database(DataSource dataSource) {
        String url = System.getenv("CREDIT_DB_URL");
        HikariDataSource hikari = (HikariDataSource) dataSource;
        if (url == null || url.isBlank()) {
            url = hikari.getJdbcUrl().replaceAll("[?&](currentSchema|ApplicationName)=[^&]*", "");
        }
        List<String> args = new ArrayList<>(List.of("--db-url", url, "--db-user", hikari.getUsername()));
        if (hikari.getPassword() != null) {
            args.addAll(List.of("--db-password", hikari.getPassword()));
        }
        return args;
    }

    /**
     * Everything an uninterrupted run decides at the county and the city of {@code prefix} (nodes {@code
     * <prefix>county}, {@code <prefix>city}), with their exchange folders under {@code home/exchange}: records, their
     * sources, the change log and whether it is gap-free, status audit, review pairs and merges, packages both ways,
     * jobs left running, the files of the exchange folders.
     */
    public static List<String> state(JdbcTemplate jdbc, String prefix, Path home) throws IOException {
        List<String> out = new ArrayList<>();
        for (String n : List.of("county", "city")) {
            String s = "node_" + prefix + n + ".";
            out.add(n + " records " + rows(jdbc, prefix, "SELECT r.record_kind, r.subject_name, r.document_number,"
                    + " r.status, r.status_reason, r.version, r.region_code, r.decision_date,"
                    + " (SELECT count(*) FROM " + s + "record_source x WHERE x.record_id = r.id)"
                    + " FROM " + s + "consolidated_record r ORDER BY 2, 3, 1, 6"));
            out.add(n + " counts " + rows(jdbc, prefix, "SELECT (SELECT count(*) FROM " + s + "staged_record),"
                    + " (SELECT count(*) FROM " + s + "rejected_row),"
                    + " (SELECT count(*) FROM " + s + "record_source),"
                    + " (SELECT count(*) FROM " + s + "record_redirect),"
                    + " (SELECT count(*) FROM " + s + "review_pair),"
                    + " (SELECT count(*) FROM " + s + "record_key)"));
            out.add(n + " review " + rows(jdbc, prefix, "SELECT l.subject_name, l.document_number, r.subject_name,"
                    + " r.document_number, p.status, p.decided_at IS NOT NULL FROM " + s + "review_pair p"
                    + " JOIN " + s + "consolidated_record l ON l.id = p.left_record_id"
                    + " JOIN " + s + "consolidated_record r ON r.id = p.right_record_id ORDER BY 1, 2, 3, 4"));
            out.add(n + " merges " + rows(jdbc, prefix, "SELECT a.subject_name, a.document_number, v.subject_name,"
                    + " v.document_number, m.unmerged_at IS NOT NULL, m.unmerge_reason FROM " + s + "record_merge m"
                    + " JOIN " + s + "consolidated_record a ON a.id = m.absorbed_id"
                    + " JOIN " + s + "consolidated_record v ON v.id = m.survivor_id ORDER BY 1, 2, 3, 4"));
            out.add(n + " files " + rows(jdbc, prefix, "SELECT source_name, status, rows_read, rows_accepted,"
                    + " rows_rejected FROM " + s + "ingest_file ORDER BY 1, 2"));
            out.add(n + " change log " + rows(jdbc, prefix, "SELECT c.seq, c.change_type, r.subject_name,"
                    + " r.document_number, c.version, c.reason FROM " + s + "change_log c LEFT JOIN " + s
                    + "consolidated_record r ON r.id = c.record_id ORDER BY 1"));
            out.add(n + " change log gap-free " + rows(jdbc, prefix, "SELECT coalesce(max(seq), 0) = count(*) FROM "
                    + s + "change_log"));
            out.add(n + " audit " + rows(jdbc, prefix, "SELECT old_status, new_status, reason, seq FROM " + s
                    + "status_audit ORDER BY seq"));
            out.add(n + " outbound " + rows(jdbc, prefix, "SELECT package_id, from_seq, to_seq, changes, status,"
                    + " accepted, updated, questioned, unmatched FROM " + s + "exchange_outbound ORDER BY 1"));
            out.add(n + " feedback " + rows(jdbc, prefix, "SELECT package_id, seq, outcome, error_code FROM " + s
                    + "exchange_feedback ORDER BY 1, 2"));
            out.add(n + " inbound " + rows(jdbc, prefix, "SELECT package_id, from_seq, to_seq, status, changes,"
                    + " accepted, updated, questioned, unmatched FROM " + s + "exchange_inbound ORDER BY 1"));
            out.add(n + " refused, held " + rows(jdbc, prefix, "SELECT (SELECT count(*) FROM " + s
                    + "exchange_refusal), (SELECT count(*) FROM " + s + "exchange_held)"));
            out.add(n + " jobs left running " + rows(jdbc, prefix, "SELECT count(*) FROM " + s
                    + "batch_job_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING')"));
            out.add(n + " last consolidation " + rows(jdbc, prefix, "SELECT e.status FROM " + s
                    + "batch_job_execution e JOIN " + s + "batch_job_instance i ON i.job_instance_id ="
                    + " e.job_instance_id WHERE i.job_name = 'consolidate' ORDER BY e.job_execution_id DESC LIMIT 1"));
            out.add(n + " exchange folder " + files(home.resolve("exchange").resolve(prefix + n), prefix));
        }
        return out;
    }

    private static String rows(JdbcTemplate jdbc, String prefix, String sql) {
        return jdbc.queryForList(sql).stream().map(r -> r.values().toString()).toList().toString()
                .replace(prefix, "P_").replaceAll("consolidation run \\d+", "consolidation run N")
                .replaceAll("record \\d+", "record N").replaceAll("review pair \\d+", "review pair N");
    }

    /** The files under a folder, relative, without the time a refused build or a filed upload is named by. */
    public static String files(Path dir, String prefix) throws IOException {
        if (!Files.exists(dir)) {
            return "[]";
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .map(p -> p.replace(prefix, "P_").replaceAll("\\d{4}-\\d{2}-\\d{2}", "DATE"))
                    .sorted().toList().toString();
        }
    }
}
