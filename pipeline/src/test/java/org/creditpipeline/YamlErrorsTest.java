package org.creditpipeline;

import java.nio.file.Files;
import java.nio.file.Path;

import org.creditpipeline.consolidate.SurvivorshipConfig;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A configuration file YAML cannot read is named with its line, the key and the problem, in one line. (The mistakes
 * typical of mapping files are worded in operator terms before YAML binds them: MappingFileTest.)
 */
class YamlErrorsTest {

    @Test
    void aSyntaxErrorNamesTheFileAndTheLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("judgment.yaml"), "name: judgment\nkind: JUDGMENT\n  fields: x\n");

        assertThatThrownBy(() -> MappingCatalog.load(dir))
                .hasMessageStartingWith("mapping " + dir.resolve("judgment.yaml") + " is not valid: line ")
                .hasMessageContaining("mapping values are not allowed here")
                .hasMessageNotContaining("\n").hasMessageNotContaining("in reader");
    }

    @Test
    void aValueOfTheWrongShapeNamesItsKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("consolidate.yaml"), "sourcePriority:\n  court-feed: 1\n");

        assertThatThrownBy(() -> SurvivorshipConfig.load(file))
                .hasMessageContaining("consolidate.yaml: not a valid consolidation config: line 2, column 3:"
                        + " key 'sourcePriority': ")
                .hasMessageContaining("`ArrayList<String>`").hasMessageNotContaining("java.util")
                .hasMessageNotContaining("\n");
    }
}
