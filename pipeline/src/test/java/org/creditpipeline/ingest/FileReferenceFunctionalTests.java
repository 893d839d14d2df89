package org.creditpipeline.ingest;

import java.nio.file.Path;

import org.creditpipeline.generate.GenerateOptions;
import org.creditpipeline.generate.SyntheticDataGenerator;

import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Staged and rejected rows always belong to an existing ingest_file row (V6 checks this per chunk and per delete
 * instead of a per-row foreign key): a file with rows cannot be deleted or renumbered, and nothing is staged for a
 * file that does not exist.
 */
@TestPropertySource(properties = "credit.node=file_ref_ft")
class FileReferenceFunctionalTests extends PostgresTestSupport {

    @Autowired
    IngestService ingest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void aFileWithRowsCannotBeDeletedOrRenumbered(@TempDir Path dir) throws Exception {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(300, 6L, dir));
        Path csv = dir.resolve("penalty-v2.csv");
        FileSummary summary = ingest.ingest(csv, null);
        assertThat(summary.status()).as(summary.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(summary.accepted()).isPositive();

        assertThatThrownBy(() -> jdbc.update("DELETE FROM ingest_file WHERE id = ?", summary.fileId()))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("still referenced");
        assertThatThrownBy(() -> jdbc.update("UPDATE ingest_file SET id = id + 1000 WHERE id = ?", summary.fileId()))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("still referenced");
        assertThat(jdbc.update("UPDATE ingest_file SET message = 'checked' WHERE id = ?", summary.fileId())).isOne();
    }

    @Test
    void nothingIsStagedForAFileThatDoesNotExist() {
        StagingWriter writer = new StagingWriter(dataSource, 987_654L);
        assertThatThrownBy(() -> writer.write(new org.springframework.batch.infrastructure.item.Chunk<>()))
                .hasMessageContaining("ingest_file 987654 does not exist");
    }
}
