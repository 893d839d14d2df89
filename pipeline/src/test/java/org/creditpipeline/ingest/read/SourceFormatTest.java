package org.creditpipeline.ingest.read;

import org.creditpipeline.support.SourceRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.creditpipeline.ingest.read.excel.XlsSourceReader;
import org.creditpipeline.ingest.read.excel.XlsxRawCount;
import org.creditpipeline.ingest.read.excel.XlsxSourceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class SourceFormatTest {

    @TempDir
    Path dir;

    private static final List<List<Object>> TABLE = List.of(List.of("文号", "名称", "日期"), List.of("1号", "某某", "2026-11-03"));

    private static List<SourceRow> readAll(SourceReader reader) throws Exception {
        return SourceRows.readAll(reader);
    }

    @Test
    void anXlsRenamedXlsxIsDetectedAndReadAsXls() throws Exception {
        Path file = TestFiles.xls(dir.resolve("renamed.xlsx"), wb -> TestFiles.rows(wb.createSheet("s"), 1, TABLE));

        assertThat(SourceFormat.detect(file)).isEqualTo(SourceFormat.XLS);
        assertThat(readAll(new XlsSourceReader(file))).singleElement().extracting(SourceRow::cells)
                .isEqualTo(new String[] {"1号", "某某", "2026-11-03"});
    }

    @Test
    void anXlsxRenamedXlsIsDetectedAndReadAsXlsx() throws Exception {
        Path file = TestFiles.xlsx(dir.resolve("renamed.xls"), wb -> TestFiles.rows(wb.createSheet("s"), 1, TABLE));

        assertThat(SourceFormat.detect(file)).isEqualTo(SourceFormat.XLSX);
        assertThat(readAll(new XlsxSourceReader(file))).hasSize(1);
        assertThat(XlsxRawCount.count(file)).isEqualTo(new XlsxRawCount.Counts(2, 6));
    }

    @Test
    void aReaderGivenTheOtherFormatSaysSo() throws Exception {
        Path file = TestFiles.xls(dir.resolve("old.xlsx"), wb -> TestFiles.rows(wb.createSheet("s"), 1, TABLE));

        assertThatThrownBy(() -> readAll(new XlsxSourceReader(file))).isInstanceOf(UnreadableSourceException.class)
                .hasMessage("old.xlsx is not an .xlsx workbook but XLS content (文件格式不是 xlsx)");
    }

    @Test
    void aPasswordProtectedXlsxIsRefusedWithWhatToDo() throws Exception {
        Path plain = TestFiles.xlsx(dir.resolve("plain.xlsx"), wb -> TestFiles.rows(wb.createSheet("s"), 1, TABLE));
        Path locked = dir.resolve("locked.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream data = encryptor.getDataStream(fs)) {
                Files.copy(plain, data);
            }
            try (OutputStream out = Files.newOutputStream(locked)) {
                fs.writeFilesystem(out);
            }
        }
        String message = "locked.xlsx is password-protected; remove the password (文件已加密，请取消密码后重新上传)";

        assertThatThrownBy(() -> SourceFormat.detect(locked)).hasMessage(message);
        assertThatThrownBy(() -> readAll(new XlsxSourceReader(locked))).isInstanceOf(UnreadableSourceException.class)
                .hasMessage(message);
    }

    @Test
    void anEmptyFileIsUnreadable() throws Exception {
        Path file = Files.write(dir.resolve("empty.xlsx"), new byte[0]);

        assertThatThrownBy(() -> SourceFormat.detect(file)).isInstanceOf(UnreadableSourceException.class)
                .hasMessage("empty.xlsx: file is empty / 文件为空");
        assertThatThrownBy(() -> readAll(new XlsxSourceReader(file))).hasMessage("empty.xlsx: file is empty / 文件为空");
    }

    @Test
    void jsonIsToldByItsFirstCharacterEvenAfterABomAndBlanks() throws Exception {
        Path array = Files.write(dir.resolve("feed.txt"), "\uFEFF \n [ {} ]".getBytes(StandardCharsets.UTF_8));
        Path lines = Files.writeString(dir.resolve("feed.csv"), "{\"a\":1}\n{\"a\":2}\n");
        Path csv = Files.writeString(dir.resolve("data.json"), "文号,名称\n1号,某某\n");

        assertThat(SourceFormat.detect(array)).isEqualTo(SourceFormat.JSON);
        assertThat(SourceFormat.detect(lines)).isEqualTo(SourceFormat.JSON);
        assertThat(SourceFormat.detect(csv)).isEqualTo(SourceFormat.CSV);
    }

    @Test
    void aJsonpCallbackIsJsonAndAHeaderWithBracketsIsStillCsv() throws Exception {
        Path jsonp = Files.writeString(dir.resolve("list.js"), "jQuery1123_0456({\"code\": 0, \"data\": []});");
        Path csv = Files.writeString(dir.resolve("data.csv"), "name(a),code\nx,1\n");

        assertThat(SourceFormat.detect(jsonp)).isEqualTo(SourceFormat.JSON);
        assertThat(SourceFormat.detect(csv)).isEqualTo(SourceFormat.CSV);
    }
}
