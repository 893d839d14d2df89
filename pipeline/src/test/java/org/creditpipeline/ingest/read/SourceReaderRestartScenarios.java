package org.creditpipeline.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Restart behaviour every format reader must have (after spring-batch-excel's abstract reader tests): read some rows,
 * save the state, close; a new reader opened with that state hands out exactly the remaining rows, no gap, no
 * duplicate. A reader's test only says how to build the fixture and the reader.
 */
public abstract class SourceReaderRestartScenarios {

    @TempDir
    protected Path dir;

    private Path fixture;
    private List<String> allRows;

    /** Writes a source with at least {@value #MIN_ROWS} data rows (across tables where the format has them). */
    protected abstract Path writeFixture(Path dir) throws Exception;

    protected abstract SourceReader newReader(Path file);

    static final int MIN_ROWS = 7;

    @BeforeEach
    void readEverythingOnce() throws Exception {
        fixture = writeFixture(dir);
        allRows = read(newReader(fixture), new ExecutionContext(), Integer.MAX_VALUE);
        assertThat(allRows).hasSizeGreaterThanOrEqualTo(MIN_ROWS);
    }

    @ParameterizedTest(name = "stop after {0} rows, restart")
    @ValueSource(ints = {0, 1, 2, 4, 6, 7})
    void restartHandsOutExactlyTheRemainingRows(int handedOut) throws Exception {
        ExecutionContext context = new ExecutionContext();
        List<String> before = read(newReader(fixture), context, handedOut);
        List<String> after = read(newReader(fixture), context, Integer.MAX_VALUE);

        List<String> together = new ArrayList<>(before);
        together.addAll(after);
        assertThat(before).hasSize(Math.min(handedOut, allRows.size()));
        assertThat(together).containsExactlyElementsOf(allRows);
    }

    /** Opens with the context, reads up to max rows, saves the state into the context and closes. */
    private static List<String> read(SourceReader reader, ExecutionContext context, int max) throws Exception {
        List<String> rows = new ArrayList<>();
        reader.open(context);
        try {
            SourceRow row;
            while (rows.size() < max && (row = reader.read()) != null) {
                rows.add(row + " problem=" + row.problem());
            }
            reader.update(context);
        } finally {
            reader.close();
        }
        return rows;
    }
}
