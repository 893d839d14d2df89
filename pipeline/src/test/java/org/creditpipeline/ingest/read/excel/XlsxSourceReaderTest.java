package org.creditpipeline.ingest.read.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Workbook;
import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceReaderRestartScenarios;
import org.creditpipeline.ingest.read.TestFiles;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class XlsxSourceReaderTest extends WorkbookReaderScenarios {

    @Override
    Path write(String name, Consumer<Workbook> content) throws Exception {
        return TestFiles.xlsx(dir.resolve(name + ".xlsx"), content);
    }

    @Override
    WorkbookReader reader(Path file, ExcelLimits limits) {
        return new XlsxSourceReader(file, file.getFileName().toString(), limits);
    }

    private Path valid() throws Exception {
        return write("valid", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(HEADER,
                List.of("a", "b", "c", "d", "e"))));
    }

    @Test
    void randomBytesAfterTheZipHeaderAreDamaged() throws Exception {
        byte[] bytes = new byte[20_000];
        new java.util.Random(42).nextBytes(bytes);
        System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, bytes, 0, 4);
        Path file = Files.write(dir.resolve("corrupt.xlsx"), bytes);

        assertThatThrownBy(() -> readAll(file)).isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("corrupt.xlsx is damaged or truncated (文件已损坏或不完整)");
    }

    @Test
    void theFirstHalfOfAWorkbookIsDamaged() throws Exception {
        byte[] whole = Files.readAllBytes(valid());
        Path file = Files.write(dir.resolve("half.xlsx"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> readAll(file)).isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("half.xlsx is damaged or truncated (文件已损坏或不完整)");
    }

    @Test
    void aSheetThatUnpacksBeyondTheLimitIsRejectedBeforeReading() throws Exception {
        Path file = TestFiles.write(new org.apache.poi.xssf.streaming.SXSSFWorkbook(), dir.resolve("bomb.xlsx"), wb -> {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("s");
            TestFiles.rows(sheet, 1, List.of(List.of("a", "b", "c")));
            for (int r = 1; r < 60_000; r++) { // ~5 MB of sheet XML, compresses to a few hundred KB
                TestFiles.rows(sheet, r + 1, List.of(List.of("aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb", "ccc")));
            }
        });

        assertThatThrownBy(() -> readAll(reader(file, new ExcelLimits(1024 * 1024, 32_767))))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("bomb.xlsx: part xl/worksheets/sheet1.xml unpacks to at least")
                .hasMessageContaining("more than the limit of 1048576 bytes (setting ExcelLimits.maxUncompressedBytes)")
                .hasMessageContaining("文件解压后过大");
    }

    @Test
    void aCellFarBeyondTheLimitFailsTheFileInsteadOfTheHeap() throws Exception {
        Path file = write("huge-cell", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(
                List.of("a", "b", "c"), List.of("x", "y".repeat(30_000), "z"))));

        assertThatThrownBy(() -> readAll(reader(file, new ExcelLimits(10L * 1024 * 1024, 100))))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("holds a cell text of more than 1024 bytes");
    }

    @Test
    void aZipThatIsNotAWorkbookIsNamedAsSuch() throws Exception {
        Path file = dir.resolve("folder.xlsx");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            zip.write("hello".getBytes());
        }

        assertThatThrownBy(() -> readAll(file)).isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("folder.xlsx is a zip archive but not an Excel workbook");
    }

    @Nested
    class Restart extends SourceReaderRestartScenarios {

        @Override
        protected Path writeFixture(Path dir) throws Exception {
            return TestFiles.xlsx(dir.resolve("restart.xlsx"), wb -> {
                TestFiles.rows(wb.createSheet("一"), 1, List.of(List.of("标题"), List.of("a", "b", "c"),
                        List.of("1", "2", "3"), List.of("4", "5", "6"), List.of(), List.of("7", "8", "9")));
                TestFiles.rows(wb.createSheet("二"), 1, List.of(List.of("x", "y", "z", "w"),
                        List.of("1", "2", "3", "4"), List.of("5", "6", "7", "8"), List.of("9", "10", "11", "12"),
                        List.of("13", "14", "15", "16")));
            });
        }

        @Override
        protected SourceReader newReader(Path file) {
            return new XlsxSourceReader(file);
        }
    }
}
