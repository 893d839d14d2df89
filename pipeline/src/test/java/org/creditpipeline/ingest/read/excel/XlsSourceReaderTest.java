package org.creditpipeline.ingest.read.excel;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.ss.usermodel.Workbook;
import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceReaderRestartScenarios;
import org.creditpipeline.ingest.read.TestFiles;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class XlsSourceReaderTest extends WorkbookReaderScenarios {

    @Override
    Path write(String name, Consumer<Workbook> content) throws Exception {
        return TestFiles.xls(dir.resolve(name + ".xls"), content);
    }

    @Override
    WorkbookReader reader(Path file, ExcelLimits limits) {
        return new XlsSourceReader(file, file.getFileName().toString(), limits);
    }

    @Test
    void aPasswordProtectedXlsIsRefusedWithWhatToDo() throws Exception {
        Path file;
        Biff8EncryptionKey.setCurrentUserPassword("secret");
        try {
            file = write("locked", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(HEADER)));
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }

        assertThatThrownBy(() -> readAll(file)).isInstanceOf(UnreadableSourceException.class)
                .hasMessage("locked.xls is password-protected; remove the password (文件已加密，请取消密码后重新上传)");
    }

    @Test
    void aFileOverTheSizeLimitIsRejectedBeforeLoading() throws Exception {
        Path file = write("big", wb -> TestFiles.rows(wb.createSheet("s"), 1, List.of(HEADER)));

        assertThatThrownBy(() -> readAll(reader(file, new ExcelLimits(1000, 32_767))))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("big.xls has ").hasMessageContaining("more than the limit of 1000 bytes")
                .hasMessageContaining("ExcelLimits.maxUncompressedBytes");
    }

    @Nested
    class Restart extends SourceReaderRestartScenarios {

        @Override
        protected Path writeFixture(Path dir) throws Exception {
            return TestFiles.xls(dir.resolve("restart.xls"), wb -> {
                TestFiles.rows(wb.createSheet("一"), 1, List.of(List.of("标题"), List.of("a", "b", "c"),
                        List.of("1", "2", "3"), List.of("4", "5", "6"), List.of(), List.of("7", "8", "9")));
                TestFiles.rows(wb.createSheet("二"), 1, List.of(List.of("x", "y", "z", "w"),
                        List.of("1", "2", "3", "4"), List.of("5", "6", "7", "8"), List.of("9", "10", "11", "12"),
                        List.of("13", "14", "15", "16")));
            });
        }

        @Override
        protected SourceReader newReader(Path file) {
            return new XlsSourceReader(file);
        }
    }
}
