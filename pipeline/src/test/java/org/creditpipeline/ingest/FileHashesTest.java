package org.creditpipeline.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hashes computed ahead are the file's hash when it is asked for, even when the file changed or vanished meanwhile. */
class FileHashesTest {

    @TempDir
    Path dir;

    @Test
    void eachFileGetsItsOwnHashAsIngestServiceComputesIt() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n", StandardCharsets.UTF_8);
        Path b = Files.write(dir.resolve("b.csv"), new byte[3 << 16]);
        try (FileHashes hashes = new FileHashes(List.of(a, b, a))) {
            assertThat(hashes.sha256(a)).isEqualTo(IngestService.sha256(a)).hasSize(64);
            assertThat(hashes.sha256(b)).isEqualTo(IngestService.sha256(b)).isNotEqualTo(IngestService.sha256(a));
            assertThat(hashes.sha256(a)).as("asked again").isEqualTo(IngestService.sha256(a));
        }
    }

    @Test
    void aFileChangedAfterItWasHashedIsHashedAgain() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n", StandardCharsets.UTF_8);
        Path b = Files.writeString(dir.resolve("b.csv"), "a,b\n3,4\n", StandardCharsets.UTF_8);
        try (FileHashes hashes = new FileHashes(List.of(a, b))) {
            hashes.sha256(a); // b is hashed by now or soon: wait until it surely is, then change it
            Thread.sleep(200);
            Files.writeString(b, "a,b\n5,6\n", StandardCharsets.UTF_8);
            Files.setLastModifiedTime(b, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(hashes.sha256(b)).isEqualTo(IngestService.sha256(Files.writeString(dir.resolve("c.csv"),
                    "a,b\n5,6\n", StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aFileThatVanishedFailsAsItWouldHaveWithoutTheHeadStart() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "a\n", StandardCharsets.UTF_8);
        Path gone = dir.resolve("gone.csv");
        try (FileHashes hashes = new FileHashes(List.of(gone, a))) {
            assertThatThrownBy(() -> hashes.sha256(gone)).isInstanceOf(NoSuchFileException.class);
            assertThat(hashes.sha256(a)).isEqualTo(IngestService.sha256(a));
        }
    }
}
