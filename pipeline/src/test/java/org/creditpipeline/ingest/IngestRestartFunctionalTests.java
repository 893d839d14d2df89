package org.creditpipeline.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.creditpipeline.db.EmbeddedDatabase;
import org.creditpipeline.generate.GenerateOptions;
import org.creditpipeline.generate.SyntheticDataGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kill the ingest mid-file (SIGKILL, as a cron timeout or a power cut would), run the same command again, and the
 * staged and rejected rows equal those of an uninterrupted run: no gap, no duplicate. So does the error report: the
 * rerun's lists the rejects of the killed attempt too (it is written from {@code rejected_row}), cell for cell as the
 * uninterrupted run's (written from the rejects its step spooled). The runs are real {@code credit-pipeline}
 * processes; node 'restart_a' runs once, node 'restart_b' is killed and rerun.
 */
class IngestRestartFunctionalTests {

    private static final Path HOMES = Path.of("target/restart-home").toAbsolutePath();
    /** This variant's home: each keeps its own embedded database (a running one's folder is never deleted). */
    private static Path HOME;

    /** Everything but generated ids and timestamps, in row order. */
    private static final String STAGED_FINGERPRINT = """
            SELECT count(*), md5(string_agg(concat_ws('|', s.source_row, s.record_kind, s.subject_kind, s.subject_name,
                   s.uscc, s.id_number, s.document_number, s.document_number_key, s.decision_date, s.fine_amount,
                   s.region_code, s.publication_end), E'\\n' ORDER BY s.source_row))
              FROM %s.staged_record s""";
    private static final String REJECTED_FINGERPRINT = """
            SELECT count(*), md5(string_agg(r.source_row || '|' || r.raw::text || '|' || r.reasons::text, E'\\n'
                   ORDER BY r.source_row))
              FROM %s.rejected_row r""";

    /** With and without a reading thread of its own ahead of normalizing (credit.ingest.read-thread). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aKilledIngestRerunEqualsAnUninterruptedOne(boolean readThread, @TempDir Path dir) throws Exception {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(60_000, 4242L, dir));
        Path file = dir.resolve("penalty-v2.csv");
        HOME = HOMES.resolve(readThread ? "read-thread" : "one-thread");
        deleteRecursively(HOME);
        dropNodeSchemasOnServer();

        String a = readThread ? "restart_rt_a" : "restart_a";
        String b = readThread ? "restart_rt_b" : "restart_b";
        Process whole = cli(a, file, readThread);
        String wholeOutput = new String(whole.getInputStream().readAllBytes());
        assertThat(whole.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(whole.exitValue()).as(wholeOutput).isZero();
        // both nodes number their first file 1 and share the reports folder: keep this run's report aside
        Path wholeReport = Files.copy(report(wholeOutput), dir.resolve("uninterrupted-errors.xlsx"));

        Process killed = cli(b, file, readThread);
        waitForCommittedChunks(killed, 3);
        killed.destroyForcibly().waitFor(1, TimeUnit.MINUTES);

        Process rerun = cli(b, file, readThread);
        String rerunOutput = new String(rerun.getInputStream().readAllBytes());
        assertThat(rerun.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(rerun.exitValue()).as(rerunOutput).isZero();
        assertThat(rerunOutput).contains("COMPLETED");

        try (Connection c = connect()) {
            List<String> uninterrupted = fingerprint(c, "node_" + a);
            List<String> resumed = fingerprint(c, "node_" + b);
            assertThat(Long.parseLong(uninterrupted.get(0))).isGreaterThan(20_000);
            assertThat(resumed).isEqualTo(uninterrupted);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM node_" + b + ".batch_job_execution")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the second run restarted the killed execution").isEqualTo(2);
            }
            List<List<String>> rerunReport = sheets(report(rerunOutput));
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM node_" + b + ".rejected_row")) {
                rs.next();
                assertThat(rerunReport.get(0)).as("a header row and every rejected row of both attempts")
                        .hasSize(rs.getInt(1) + 1);
            }
            assertThat(rerunReport).isEqualTo(sheets(wholeReport));
        }
    }

    /** The report a run printed: {@code error report (错误报告): PATH}. */
    private static Path report(String output) {
        return Path.of(output.lines().filter(l -> l.contains("error report (错误报告): ")).findFirst().orElseThrow()
                .replaceFirst(".*error report \\(错误报告\\): ", "").trim());
    }

    /** Every sheet of a workbook, each as its cells (value, fill, wrap) row by row. */
    private static List<List<String>> sheets(Path report) throws IOException {
        try (var in = Files.newInputStream(report);
             var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            List<List<String>> out = new ArrayList<>();
            wb.forEach(sheet -> out.add(ErrorReportFromSpoolFunctionalTests.cells(sheet)));
            return out;
        }
    }

    private static Process cli(String node, Path file, boolean readThread) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "-Dcredit.ingest.chunk-size=1000", "-Dcredit.ingest.progress-seconds=0",
                "-Dcredit.ingest.read-thread=" + readThread,
                "org.creditpipeline.cli.CreditPipelineCli",
                "--home", HOME.toString(), "--config-dir", Path.of("../job-configs").toAbsolutePath().toString(),
                "--node", node, "ingest", file.toString()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    /** Reads the progress log until the run has committed some chunks, so the kill lands mid-file. */
    private static void waitForCommittedChunks(Process p, int chunks) throws IOException {
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream()));
        int seen = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.contains("rows so far") && ++seen >= chunks) {
                return;
            }
        }
        throw new AssertionError("the run ended before it could be killed mid-file");
    }

    private static List<String> fingerprint(Connection c, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String sql : List.of(STAGED_FINGERPRINT, REJECTED_FINGERPRINT)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.formatted(schema))) {
                rs.next();
                out.add(rs.getString(1));
                out.add(rs.getString(2));
            }
        }
        return out;
    }

    /** The same database the runs used: the server named by CREDIT_DB_URL, or the embedded one in HOME. */
    private static Connection connect() throws SQLException {
        String url = System.getenv("CREDIT_DB_URL");
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault("CREDIT_DB_USER", "postgres");
            return DriverManager.getConnection(url, user, System.getenv("CREDIT_DB_PASSWORD"));
        }
        return DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(HOME.resolve("var/pg"), false), "postgres", null);
    }

    /** A server keeps schemas between runs; the embedded database in HOME was just deleted. */
    private static void dropNodeSchemasOnServer() throws SQLException {
        if (System.getenv("CREDIT_DB_URL") == null || System.getenv("CREDIT_DB_URL").isBlank()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String node : List.of("restart_a", "restart_b", "restart_rt_a", "restart_rt_b")) {
                s.execute("DROP SCHEMA IF EXISTS node_" + node + " CASCADE");
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
