package org.creditpipeline.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code consolidate} and {@code review} as an operator runs them: the report, --json, the rerun that changes
 * nothing, and usage errors. In-process against the test database, on a node of its own per run.
 */
class ConsolidateCommandTest {

    private final String node = "cli_cons_" + Long.toString(System.nanoTime(), 36);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        List<String> all = new ArrayList<>(List.of("--home", "target/test-home", "--config-dir", "../job-configs",
                "--node", node));
        all.addAll(List.of(args));
        return new CreditPipelineCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void consolidateReportsThenARerunChangesNothing(@TempDir Path dir) {
        assertThat(run("generate", "--records", "400", "--seed", "9", "--out", dir.toString())).isZero();
        assertThat(run("ingest", dir.resolve("penalty-v2.csv").toString(), dir.resolve("sanction.csv").toString()))
                .isZero();

        assertThat(run("consolidate")).isZero();
        assertThat(stdout()).contains("COMPLETED", "new records", "contradictions kept apart");

        assertThat(run("--json", "consolidate")).isZero();
        assertThat(stdout()).contains("\"command\" : \"consolidate\"", "\"status\" : \"NOTHING_NEW\"");

        assertThat(run("review", "list")).isZero();
        assertThat(stdout()).containsAnyOf("No review pairs.", "Decide with");

        // every status at once: the status parameter is then null, which PostgreSQL cannot type on its own
        assertThat(run("review", "list", "--status", "all", "--limit", "3")).isZero();
        assertThat(stdout()).containsAnyOf("No review pairs.", "Decide with");
        // pairs a later run merged anyway (docs/CONSOLIDATION.md, Review queue)
        assertThat(run("review", "list", "--status", "resolved")).isZero();
    }

    @Test
    void reviewUsageErrorsExitTwo() {
        assertThat(run("review")).isEqualTo(2);
        assertThat(run("review", "accept")).isEqualTo(2);
        assertThat(run("review", "accept", "x")).isEqualTo(2);
        assertThat(run("review", "accept", "987654")).isEqualTo(2);
        assertThat(run("consolidate", "--bogus", "1")).isEqualTo(2);
    }
}
