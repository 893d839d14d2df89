package org.creditpipeline.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which partial export folders the next export removes: this machine's whose process died, never one whose process
 * runs, and another machine's (an exports folder on a share) only once it is a day old, since its process cannot be
 * seen from here and its id may belong to an unrelated process on this machine.
 */
class AbandonedExportsTest {

    @Test
    void removesOnlyWhatNoRunningExportCanStillBeWriting(@TempDir Path exports) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        long alive = ProcessHandle.current().pid();
        String host = ExportService.HOST;
        Path deadHere = partial(exports, "a", host + "-" + dead);
        Path aliveHere = partial(exports, "b", host + "-" + alive);
        Path legacyDead = partial(exports, "c", String.valueOf(dead));
        Path legacyAlive = partial(exports, "d", String.valueOf(alive));
        Path foreignFresh = partial(exports, "e", "standby.credit.gov.cn-" + dead);
        Path foreignOld = partial(exports, "f", "standby.credit.gov.cn-" + alive);
        Files.setLastModifiedTime(foreignOld, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
        Path finished = Files.createDirectories(exports.resolve("full-20261126-020000-000"));

        ExportService.removeAbandoned(exports);

        assertThat(deadHere).doesNotExist();
        assertThat(legacyDead).as("named before hosts were: this machine's").doesNotExist();
        assertThat(foreignOld).as("a day old: no export takes that long").doesNotExist();
        assertThat(aliveHere).exists();
        assertThat(legacyAlive).exists();
        assertThat(foreignFresh).as("its process id means nothing here").exists();
        assertThat(finished).exists();
        try (Stream<Path> left = Files.list(exports)) {
            assertThat(left).hasSize(4);
        }
    }

    @Test
    void theHostInAPartialNameCannotBeMistakenForThePid() {
        assertThat(ExportService.HOST).isNotEmpty().doesNotContain("-", "/");
    }

    private static Path partial(Path exports, String stamp, String owner) throws IOException {
        Path dir = Files.createDirectories(exports.resolve(".full-" + stamp + ExportService.PARTIAL + owner));
        Files.writeString(dir.resolve("full.csv"), "记录编号\n");
        return dir;
    }
}
