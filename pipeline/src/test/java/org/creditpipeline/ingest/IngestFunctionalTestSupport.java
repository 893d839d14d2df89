package org.creditpipeline.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the ingest functional tests: the real application context on node {@code ingest3_ft} with embedded
 * PostgreSQL under {@code target/test-home} (started clean once per test JVM), the repository's mapping configs, and no
 * mocks. Tests make their input files unique, because the same bytes twice are skipped by design.
 */
@SpringBootTest(properties = {"credit.node=ingest3_ft", "credit.home=target/test-home", "credit.config-dir=../job-configs",
    "credit.db.embedded-clean=true", "credit.ingest.max-uncompressed-bytes=20000000"})
abstract class IngestFunctionalTestSupport {

    @Autowired
    protected IngestService ingestService;

    @Autowired
    protected JdbcTemplate jdbc;

    /** The team's shared data folder ({@code shared/data/RELATIVE}) found by walking up from the working directory. */
    static Optional<Path> sharedData(String relative) {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (int i = 0; i < 6 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
