package org.creditpipeline.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a power cut the embedded server's {@code postmaster.pid} survives the reboot, and the process id in it often
 * belongs to another program by then: the next nightly run must start the database all the same. Real
 * {@code credit-pipeline} processes on a home of their own.
 */
class StalePidFileFunctionalTests {

    private static final Path HOME = Path.of("target/stale-pid-home").toAbsolutePath();
    private static final Path LOG = Path.of("target/stale-pid-home.log").toAbsolutePath();

    @Test
    void aPidFileNamingAnotherProgramIsStaleAndTheRunStarts() throws Exception {
        if (System.getenv("CREDIT_DB_URL") != null && !System.getenv("CREDIT_DB_URL").isBlank()) {
            return; // a server, no embedded data directory
        }
        deleteRecursively(HOME);
        Files.deleteIfExists(LOG);
        Process first = cli();
        assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(LOG)).isZero();

        Process other = new ProcessBuilder("sleep", "300").start(); // the program that got the id after the reboot
        try {
            Files.writeString(HOME.resolve("var/pg/postmaster.pid"), other.pid() + "\n" + HOME.resolve("var/pg")
                    + "\n1764115200\n54321\n/tmp\nlocalhost\n  5432001     12\nready   \n");

            Process rerun = cli();
            assertThat(rerun.waitFor(90, TimeUnit.SECONDS)).as("PostgreSQL refuses to start while it takes the other"
                    + " program for a server").isTrue();
            assertThat(rerun.exitValue()).as(Files.readString(LOG)).isZero();
            assertThat(other.isAlive()).as("the other program is left alone").isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    private static Process cli() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.creditpipeline.cli.CreditPipelineCli",
                "--home", HOME.toString(), "--config-dir", Path.of("../job-configs").toAbsolutePath().toString(),
                "--node", "stale_pid", "--quiet", "consolidate"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile())).start();
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
