package org.creditpipeline.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Locates the team's shared test data ({@code shared/data/...}), which lives beside the repository and is never copied
 * into it. Walks up from the working directory because Maven runs tests from the module folder.
 */
public final class SharedData {

    private SharedData() {
    }

    /** {@code shared/data/RELATIVE} when present; tests that need it skip (JUnit assumptions) otherwise. */
    public static Optional<Path> find(String relative) {
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
