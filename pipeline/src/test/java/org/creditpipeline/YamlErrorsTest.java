package org.creditpipeline;

import java.nio.file.Files;
import java.nio.file.Path;

import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A configuration file YAML cannot read is named with its line, the key and the problem, in one line. */
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
        Files.writeString(dir.resolve("judgment.yaml"),
                "name: judgment\nkind: JUDGMENT\nfields:\n  subjectName: [当事人]\n");

        assertThatThrownBy(() -> MappingCatalog.load(dir))
                .hasMessageContaining("judgment.yaml is not valid: line 4, column 16: key 'fields.subjectName': ")
                .hasMessageContaining("`FieldSpec`").hasMessageNotContaining("org.creditpipeline")
                .hasMessageNotContaining("\n");
    }
}
