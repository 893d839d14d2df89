package org.creditpipeline.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.ingest.report.ErrorReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check's rejected rows survive the temporary file whole, in order, and are counted as rejected_row counts them (the
 * example of a code: its least message in code-point order, as min() under the C.UTF-8 collation).
 */
class RejectSpoolTest {

    @TempDir
    Path dir;

    private static String reasons(String... codeAndZh) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < codeAndZh.length; i += 2) {
            out.append(i == 0 ? "" : ",").append("{\"column\":\"列\",\"value\":null,\"code\":\"").append(codeAndZh[i])
                    .append("\",\"message\":\"m\",\"messageZh\":\"").append(codeAndZh[i + 1]).append("\"}");
        }
        return out.append(']').toString();
    }

    @Test
    void rowsComeBackWholeInOrderAndTheSpoolIsGoneWhenClosed() throws Exception {
        String longCell = "长".repeat(40_000); // more than 64 KB of UTF-8 in one document
        Path file;
        try (RejectSpool spool = RejectSpool.create(dir)) {
            file = spool.file();
            assertThat(file.getFileName().toString()).startsWith(".check-").endsWith(".rejects");
            spool.append(List.of(
                    new RejectSpool.Row(null, 2, "{\"a\":\"" + longCell + "\"}", reasons("USCC_INVALID", "乙")),
                    new RejectSpool.Row("Sheet1", 7, "{}", reasons("REQUIRED_MISSING", "甲", "USCC_INVALID", "甲"))));
            spool.append(List.of());
            spool.append(List.of(new RejectSpool.Row("Sheet1", 9, "{}", reasons("DATE_INVALID", "丙"))));

            List<String> seen = new ArrayList<>();
            spool.forEach((sheet, row, raw, why) -> seen.add(sheet + " " + row + " " + raw.length()));
            assertThat(seen).containsExactly("null 2 " + ("{\"a\":\"\"}".length() + 40_000), "Sheet1 7 2",
                    "Sheet1 9 2");
            assertThat(spool.count()).isEqualTo(3);
            assertThat(spool.countsByCode()).containsExactly(new ErrorReport.CodeCount("USCC_INVALID", "乙", 2),
                    new ErrorReport.CodeCount("DATE_INVALID", "丙", 1),
                    new ErrorReport.CodeCount("REQUIRED_MISSING", "甲", 1));
            assertThat(spool.examples(2)).containsExactly("row 2: 乙 [列]", "sheet Sheet1 row 7: 甲 [列]; 甲 [列]");
            assertThat(spool.examples(0)).isEmpty();
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aSpoolLeftByAKilledCheckIsRemovedADayLater() throws Exception {
        Path old = Files.createFile(dir.resolve(".check-1.rejects"));
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(25))));
        Path recent = Files.createFile(dir.resolve(".check-2.rejects"));
        Path report = Files.createFile(dir.resolve("1-a-errors.xlsx"));
        Files.setLastModifiedTime(report, Files.getLastModifiedTime(old));

        try (RejectSpool spool = RejectSpool.create(dir)) {
            assertThat(old).doesNotExist();
            assertThat(recent).exists();
            assertThat(report).exists();
        }
    }
}
