package org.creditpipeline.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as an operator's cron uses it: exit codes, the human summary and the --json document. Runs the
 * real commands in-process against the test database (the embedded server of target/test-home, or CREDIT_DB_URL).
 */
class CreditPipelineCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", "target/test-home", "--config-dir", "../job-configs"));
        all.addAll(List.of(args));
        return new CreditPipelineCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ingestWithJsonPrintsOneMachineReadableDocumentAndExitsZero(@TempDir Path dir) throws IOException {
        // A unique 备注 keeps the content new on every run (the same bytes twice would be skipped).
        String run = java.util.UUID.randomUUID().toString();
        Path file = Files.writeString(dir.resolve("sanctions.csv"), """
                姓名,身份证号码,工作单位,职务,处分决定文号,处分种类,处分机关,处分决定日期,备注
                张某,11010519491231002X,某县财政局,科员,某纪处〔2024〕3号,警告,某县纪委监委,2024-03-05,%s
                李某,110105194912310021,某县财政局,科员,某纪处〔2024〕4号,记过,某县纪委监委,2024-03-06,%s
                """.formatted(run, run));

        int code = run("--node", "cli_ft", "--json", "ingest", file.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(stdout());
        assertThat(doc.get("command").asString()).isEqualTo("ingest");
        assertThat(doc.get("node").asString()).isEqualTo("cli_ft");
        assertThat(doc.get("status").asString()).isEqualTo("COMPLETED");
        JsonNode f = doc.get("files").get(0);
        assertThat(f.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(f.get("read").asLong()).isEqualTo(2);
        assertThat(f.get("accepted").asLong()).isEqualTo(1);
        assertThat(f.get("rejected").asLong()).isEqualTo(1);
        assertThat(f.get("format").asString()).isEqualTo("CSV");
        assertThat(f.get("jobExecutionId").asLong()).isPositive();
        assertThat(doc.get("totals").get("rejected").asLong()).isEqualTo(1);
        assertThat(doc.get("totals").propertyNames()).containsExactly("files", "failed", "read", "accepted",
                "rejected");
    }

    @Test
    void aFailedFileExitsOneAndSaysWhy(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.csv"));

        int code = run("--node", "cli_ft", "ingest", "--show-rejects", "3", empty.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).contains("FAILED").contains("empty.csv").contains("文件为空").contains("1 file(s) failed");
    }

    @Test
    void aFolderOrAPatternThatMatchedNothingIsNamedForWhatItIs(@TempDir Path dir) {
        int code = run("--node", "cli_ft", "ingest", dir.toString(), dir.resolve("*.csv").toString());

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).contains(dir + ": is a folder, not a file").contains("name its files, e.g. " + dir
                + "/*.csv").contains("*.csv: file not found (文件不存在); a pattern that matches no file")
                .doesNotContain("read 0  accepted 0");
    }

    @Test
    void aMissingRegionTableFailsTheCommandOnceBeforeAnyFile(@TempDir Path dir) {
        Path missing = dir.resolve("gb2260.tsv");

        int code = run("--node", "cli_ft", "--region-table", missing.toString(), "ingest",
                "../sample-data/county-sanctions.csv");

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("credit-pipeline: cannot read region code"
                + " file " + missing + ": no such file or directory: " + missing);
    }

    @Test
    void regionTablesRepeatedOrAsACommaListAreOneTableWhoseHistoricalCodesAreValid(@TempDir Path dir) throws IOException {
        String current = org.creditpipeline.support.TestRegionTables.resource("current.tsv").toString();
        String abolished = org.creditpipeline.support.TestRegionTables.resource("abolished.csv").toString();
        List<List<String>> tables = List.of(List.of("--region-table", current),
                List.of("--region-table", current, "--region-table", abolished),
                List.of("--region-table=" + current + "," + abolished));
        List<Long> accepted = new ArrayList<>();
        for (List<String> options : tables) {
            // 小河区 (520114) was merged into 花溪区 in 2012: a sanction of 2011 carries its code
            Path file = Files.writeString(dir.resolve("sanctions-" + accepted.size() + ".csv"), """
                    姓名,身份证号码,工作单位,处分决定文号,处分种类,处分机关,处分决定日期,地方编码,备注
                    张某,11010519491231002X,小河区财政局,小纪处〔2011〕3号,警告,小河区纪委,2011-03-05,520114,%s
                    """.formatted(java.util.UUID.randomUUID()));
            out.reset();
            List<String> args = new ArrayList<>(List.of("--node", "cli_ft", "--json"));
            args.addAll(options);
            args.addAll(List.of("ingest", file.toString()));

            assertThat(run(args.toArray(String[]::new))).as(err.toString(StandardCharsets.UTF_8)).isZero();
            accepted.add(JsonMapper.builder().build().readTree(stdout()).get("totals").get("accepted").asLong());
        }
        assertThat(accepted).containsExactly(0L, 1L, 1L);
    }

    @Test
    void aRepeatedRegionTableOptionKeepsEveryFileInOrder() {
        Arguments a = Arguments.parse(new String[] {"--region-table", "a.tsv", "ingest", "--region-table", "b.csv",
            "--region-table=c.csv", "x.csv"});
        assertThat(a.option("region-table")).isEqualTo("a.tsv,b.csv,c.csv");
        // any other option given twice: the last one counts, as before
        assertThat(Arguments.parse(new String[] {"--node", "a", "--node", "b", "ingest"}).option("node")).isEqualTo("b");
    }

    @Test
    void aUsageErrorExitsTwo() {
        assertThat(run("ingest")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ingest needs at least one FILE");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("ingest", "--mapingg", "penalty", "x.csv")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --mapingg");
        assertThat(run("keys")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("keys needs rotate-id-pepper or rebuild-id-pepper --pepper-lost");
    }

    @Test
    void aRebuildOfTheIdPepperWithoutItsConfirmationIsRefusedAndSaysWhatItWouldDo() {
        assertThat(run("--node", "cli_ft", "keys", "rebuild-id-pepper")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("keys rebuild-id-pepper is the last resort")
                .contains("rebuilds every person key from the ID numbers of the records and staged rows")
                .contains("If a copy of the file exists, restore it instead; else confirm with --pepper-lost");
        assertThat(run("--node", "cli_ft", "keys", "rotate-id-pepper", "--pepper-lost")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--pepper-lost belongs to keys rebuild-id-pepper");
    }

    @Test
    void aNodeWhosePepperFileIsLostIsRebuiltWithANewOneWhenTheOperatorConfirmsIt() throws IOException {
        // a node of its own per run: the schema of a node stays in the server between runs, its pepper file too
        String node = "cli_rebuild_" + ProcessHandle.current().pid();
        assertThat(run("--node", node, "consolidate")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path pepper = Path.of("target/test-home/var/secrets/id-pepper-" + node);
        Files.delete(pepper);
        assertThat(run("--node", node, "consolidate")).isEqualTo(1);
        assertThat(stdout() + err.toString(StandardCharsets.UTF_8)).contains("is missing")
                .contains("keys rebuild-id-pepper --pepper-lost");

        assertThat(run("--node", node, "keys", "rebuild-id-pepper", "--pepper-lost"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(stdout()).contains("Person keys rebuilt with a new ID pepper: fingerprint ")
                .contains("back up " + pepper + " now");
        assertThat(pepper).exists();
        assertThat(run("--node", node, "consolidate")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(run("--node", node, "keys", "rebuild-id-pepper", "--pepper-lost")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the ID pepper is not lost");
        Files.delete(pepper);
    }

    @Test
    void anUnknownMappingOrAMalformedCountIsAUsageErrorBeforeAnyFileIsRead(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("never-read.csv"), "姓名,身份证号码\n张某,11010519491231002X\n");

        assertThat(run("--node", "cli_ft", "ingest", "--mapping", "penalyt", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--mapping: unknown mapping 'penalyt'; available:");
        assertThat(run("--node", "cli_ft", "ingest", "--show-rejects", "all", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--show-rejects must be a whole number, not 'all'");
        assertThat(stdout()).as("no file was ingested").doesNotContain("never-read.csv");
    }

    @Test
    void aUsageErrorUnderJsonStillPrintsOneJsonDocument() {
        assertThat(run("--json", "expire", "--as-of", "2026-13-01")).isEqualTo(2);

        JsonNode doc = JsonMapper.builder().build().readTree(stdout());
        assertThat(doc.get("command").asString()).isEqualTo("expire");
        assertThat(doc.get("status").asString()).isEqualTo("USAGE_ERROR");
        assertThat(doc.get("exitCode").asInt()).isEqualTo(2);
        assertThat(doc.get("error").asString()).isEqualTo("--as-of must be a date like 2026-11-26, not '2026-13-01'");
    }

    @Test
    void expiringAsOfADayAfterTodayInChinaIsRefused() {
        // records expired before their period ends cannot be made active again (status set refuses it)
        assertThat(run("expire", "--as-of", "2099-01-01")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2099-01-01", "after today");
    }

    @Test
    void wordsAndOptionsACommandDoesNotTakeAreUsageErrors(@TempDir Path dir) {
        assertThat(run("push", "now")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'push' takes no arguments, but was given 'now'");
        assertThat(run("demo", "--fast")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fast needs a value (and is not an option any"
                + " command knows)");
        assertThat(run("review", "list", "--status", "bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--status must be PENDING, ACCEPTED, REJECTED,"
                + " RESOLVED or ALL, not 'bogus'");
        assertThat(run("review", "list", "pending")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("review list takes no words, only --status and"
                + " --limit, but was given 'pending'");
        assertThat(run("review", "list", "--limit", "-1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--limit must be at least 1");
        assertThat(run("generate", "--out", dir.toString(), "--records", "-5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--records must be 0 or more, not -5");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Exception", "\tat ");
    }

    @Test
    void runningOutOfHeapSaysHowToGiveMoreInsteadOfAStackTrace(@TempDir Path dir) throws Exception {
        // a real process whose heap is far too small for the generator's buffers
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx12m",
                "-cp", System.getProperty("java.class.path"), "org.creditpipeline.cli.CreditPipelineCli", "generate",
                "--records", "1000", "--out", dir.resolve("out").toString(), "--json").start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(stderr).isEqualTo(1);
        assertThat(stderr).startsWith("credit-pipeline: out of memory (内存不足): the Java heap of ")
                .contains("JAVA_OPTS=-Xmx1g").doesNotContain("\tat ");
        JsonNode doc = JsonMapper.builder().build().readTree(stdout);
        assertThat(doc.get("status").asString()).isEqualTo("OUT_OF_MEMORY");
        assertThat(doc.get("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void aFileSystemProblemSaysWhatHappenedToThePath(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

        assertThat(run("generate", "--records", "10", "--out", notADirectory.resolve("out").toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("credit-pipeline: cannot write the"
                + " generated files to " + notADirectory.resolve("out")).contains(notADirectory.toString())
                .doesNotContain("\n");
    }

    @Test
    void templateWithHomeElsewhereReadsTheLaunchersJobConfigs(@TempDir Path dir) {
        String before = System.getProperty("credit.checkout");
        System.setProperty("credit.checkout", Path.of("..").toAbsolutePath().normalize().toString());
        try {
            int code = new CreditPipelineCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"--home",
                        dir.resolve("elsewhere").toString(), "template", "--mapping", "penalty", "--out",
                        dir.resolve("penalty.xlsx").toString()});

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(dir.resolve("penalty.xlsx")).exists();
        } finally {
            if (before == null) {
                System.clearProperty("credit.checkout");
            } else {
                System.setProperty("credit.checkout", before);
            }
        }
    }

    @Test
    void templateTakesTheConfigDirFromASystemPropertyAsTheOtherCommandsDo(@TempDir Path dir) {
        // JAVA_OPTS=-Dcredit.config-dir=... reaches the commands that start Spring; the ones without it read it too
        String before = System.getProperty("credit.config-dir");
        System.setProperty("credit.config-dir", dir.resolve("nowhere").toString());
        try {
            int code = new CreditPipelineCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"template", "--mapping",
                        "penalty", "--out", dir.resolve("penalty.xlsx").toString()});

            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(dir.resolve("nowhere").resolve("mappings")
                    .toString());
        } finally {
            if (before == null) {
                System.clearProperty("credit.config-dir");
            } else {
                System.setProperty("credit.config-dir", before);
            }
        }
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("help")).isZero();
        assertThat(stdout()).contains("ingest").contains("demo").contains("generate").contains("--db-url")
                .contains("--show-questions").contains("--actor NAME").contains("--version");
    }

    @Test
    void helpGivesOverviewsObjectionDeadlineAsTheCodeCountsIt() {
        assertThat(run("help")).isZero();
        assertThat(stdout().replaceAll("\\s+", " ")).contains("objections (异议) undecided after 7 working days"
                + " (credit.objection.deadline-working-days)").doesNotContain("longer than 10 days");
    }

    @Test
    void aMalformedNodeIdOrSinceIsAUsageErrorBeforeAnythingRuns() {
        assertThat(run("--node", "nan ming", "overview")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("credit-pipeline: --node: node id 'nan ming'"
                + " must be 1-40 letters, digits, '_' or '-'").contains("Run 'credit-pipeline help'");
        err.reset();
        assertThat(run("--node", "cli_since", "export", "--kind", "full", "--since", "-5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("credit-pipeline: --since must be a change number"
                + " (0 or more").contains("not '-5'");
        assertThat(Path.of("target/test-home/var/exports/cli_since")).as("nothing written").doesNotExist();
    }

    @Test
    void versionPrintsTheVersionNotTheHelp() {
        assertThat(run("--version")).isZero();
        assertThat(stdout()).startsWith("credit-pipeline ").doesNotContain("Usage:");
    }

    @Test
    void templateWithJsonPrintsOneJsonDocument(@TempDir Path dir) {
        Path file = dir.resolve("sanction.xlsx");

        assertThat(run("--json", "template", "--mapping", "sanction", "--out", file.toString())).isZero();

        JsonNode doc = JsonMapper.builder().build().readTree(stdout());
        assertThat(doc.get("command").asString()).isEqualTo("template");
        assertThat(doc.get("mapping").asString()).isEqualTo("sanction");
        assertThat(doc.get("file").asString()).isEqualTo(file.toAbsolutePath().normalize().toString());
        assertThat(file).exists();
    }

    @Test
    void statusSetSaysWhichPartIsMissing() {
        assertThat(run("status", "set", "--record", "1", "repaired")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("status set needs --reason TEXT");
        err.reset();
        assertThat(run("status", "set", "--reason", "x", "repaired")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("status set needs --record ID");
        err.reset();
        assertThat(run("status", "set", "--record", "1", "--reason", "x", "fixed")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("objection, repaired, withdrawn or active, not"
                + " 'fixed'");
        err.reset();
        assertThat(run("status", "--record", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("status needs 'set'");
        assertThat(run("push", "--show-questions", "-1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--show-questions must be 0 or more");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNamedWithTheOptionsThatChooseIt() {
        assertThat(run("--db-url", "postgres://127.0.0.1/credit", "consolidate")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--db-url (CREDIT_DB_URL) must be a PostgreSQL JDBC"
                + " URL such as jdbc:postgresql://host:5432/credit, not 'postgres://127.0.0.1/credit'");
        err.reset();
        assertThat(run("--db-url", "jdbc:postgresql://127.0.0.1:1/credit?password=secret", "--db-user", "u",
                "consolidate")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot connect to the PostgreSQL server"
                + " jdbc:postgresql://127.0.0.1:1/credit?… as user 'u'", "--db-url", "refused").doesNotContain("secret");
    }

    @Test
    void serveOnANodeWithoutUrlSaysWhatToAddToWhichFile() {
        assertThat(run("serve", "--node", "guiyang")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("job-configs/nodes/guiyang.yaml", "add 'url:'",
                "'token:'");
    }

    @Test
    void aNodeThatIsNotConfiguredIsNamedWithItsFileAndTheFix() {
        assertThat(run("exchange", "init", "--node", "atlantis")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("node 'atlantis' is not configured (there is no ")
                .contains("atlantis.yaml").contains("known nodes: [").contains("give one with --node ID");
    }

    @Test
    void generateWritesTheFilesAndTheGroundTruth(@TempDir Path dir) {
        int code = run("generate", "--records", "300", "--seed", "5", "--out", dir.toString());

        assertThat(code).isZero();
        assertThat(dir.resolve("penalty-v2.csv")).exists();
        assertThat(dir.resolve("penalty-v1-gbk.csv")).exists();
        assertThat(dir.resolve("ground-truth.csv")).exists();
        assertThat(dir.resolve("county-uploads.xlsx")).exists();
        assertThat(dir.resolve("court-feed.json")).exists();
        assertThat(stdout()).contains("Generated 360 rows").contains("county-uploads.xlsx").contains("court-feed.json");
    }

    @Test
    void generateWritesOnlyTheFormatsAskedFor(@TempDir Path dir) {
        int code = run("generate", "--records", "0", "--formats", "json,XLSX", "--xlsx-rows", "40", "--json-records",
                "20", "--out", dir.toString());

        assertThat(code).isZero();
        assertThat(dir.resolve("penalty-v2.csv")).doesNotExist();
        assertThat(stdout()).contains("Generated 60 rows");
        assertThat(run("generate", "--formats", "pdf", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown format 'pdf'");
    }

    @Test
    void generateWritesCountyListsForTheShareAskedFor(@TempDir Path dir) throws IOException {
        assertThat(run("generate", "--records", "2000", "--formats", "csv", "--county-list-share", "1", "--out",
                dir.resolve("all").toString())).isZero();
        assertThat(stdout()).contains("county-").contains("-sanctions.csv").contains("-accountability.csv");
        try (var files = Files.list(dir.resolve("all"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("county-\\d{6}-sanctions\\.csv"));
        }

        assertThat(run("generate", "--records", "2000", "--formats", "csv", "--county-list-share", "0", "--out",
                dir.resolve("none").toString())).isZero();
        try (var files = Files.list(dir.resolve("none"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("county-"));
        }

        assertThat(run("generate", "--county-list-share", "1.5", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--county-list-share must be between 0 and 1, not 1.5");
    }
}
