package org.creditpipeline.ingest.read.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.support.SourceRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV reader finds its header like a workbook sheet does, below title and form lines, and honours {@code sep=}. */
class CsvSourceReaderTest {

    @TempDir
    Path dir;

    static final String HEADER = "行政相对人名称,行政相对人类别,行政处罚决定书文号,处罚决定日期,处罚机关";
    static final String ROW = "某某公司,法人及非法人组织,南监罚〔2026〕201号,2026-11-05,南明区市场监督管理局";

    private CsvSourceReader reader(String name, String content, Charset charset) throws Exception {
        Path file = Files.write(dir.resolve(name), content.getBytes(charset));
        return new CsvSourceReader(file, name);
    }

    @Test
    void aTitleRowWithTrailingCommasAboveTheHeaderIsSkippedAndReported() throws Exception {
        CsvSourceReader reader = reader("title.csv", "\uFEFF南明区2026年11月行政处罚信息,,,,\n" + HEADER + "\n" + ROW + "\n",
                StandardCharsets.UTF_8);

        List<SourceRow> rows = SourceRows.readAll(reader);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headers()).startsWith("行政相对人名称").hasSize(5);
            assertThat(row.table().headerRow()).isEqualTo(2);
            assertThat(row.rowNumber()).isEqualTo(3);
            assertThat(row.cells()).startsWith("某某公司");
        });
        assertThat(reader.skippedRows()).containsExactly("title.csv: rows above the header skipped as titles"
                + " (表头上方的标题行): 1 row not ingested (未导入), row 1 “南明区2026年11月行政处罚信息”");
    }

    @Test
    void aDosEndOfFileMarkAndARowOfInvisibleCharactersAreBlankNotRecords() throws Exception {
        // old GBK exports end with Ctrl-Z (0x1A); a row of NBSPs and a zero-width space shows nothing in Excel either
        CsvSourceReader reader = reader("dos.csv", HEADER + "\r\n" + ROW + "\r\n\u00A0,\u00A0,\u200B,,\r\n\u001A",
                Charset.forName("GB18030"));

        List<SourceRow> rows = SourceRows.readAll(reader);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2L);
    }

    @Test
    void aTitleWithoutDelimitersDoesNotHideTheTabDelimiterOfTheHeader() throws Exception {
        CsvSourceReader reader = reader("title.tsv", "南明区2026年11月行政处罚信息\n" + HEADER.replace(',', '\t') + "\n"
                + ROW.replace(',', '\t') + "\n", StandardCharsets.UTF_8);

        List<SourceRow> rows = SourceRows.readAll(reader);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headers()).hasSize(5);
            assertThat(row.rowNumber()).isEqualTo(3);
        });
    }

    @Test
    void aGbkFormLineOfLabelsAboveTheHeaderIsATitleAndRowNumbersStayTheFilesOwn() throws Exception {
        CsvSourceReader reader = reader("gbk.csv", "填报单位：南明区市场监督管理局,,填报日期：2026-11-30,,\n\n" + HEADER + "\n"
                + ROW + "\n\n" + ROW + "\n", Charset.forName("GB18030"));

        List<SourceRow> rows = SourceRows.readAll(reader);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(4L, 6L);
        assertThat(rows.get(0).table().headerRow()).isEqualTo(3);
        assertThat(reader.skippedRows()).singleElement().asString().contains("row 1 “填报单位：南明区市场监督管理局”");
    }

    @Test
    void excelsSepLineGivesTheDelimiterAndIsNotARow() throws Exception {
        CsvSourceReader reader = reader("sep.csv", "sep=;\n" + HEADER.replace(',', ';') + "\n"
                + "某某公司;\"事实, 带逗号\";南监罚〔2026〕201号;2026-11-05;南明区市场监督管理局\n", StandardCharsets.UTF_8);

        List<SourceRow> rows = SourceRows.readAll(reader);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headers()).hasSize(5).startsWith("行政相对人名称");
            assertThat(row.table().headerRow()).isEqualTo(2);
            assertThat(row.cells()).containsExactly("某某公司", "事实, 带逗号", "南监罚〔2026〕201号", "2026-11-05",
                    "南明区市场监督管理局");
        });
        assertThat(reader.skippedRows()).isEmpty();
    }

    @Test
    void withoutARecognisableHeaderTheFirstRecordIsTheHeaderAsBefore() throws Exception {
        CsvSourceReader reader = reader("two.csv", "甲,乙\n1,2\n", StandardCharsets.UTF_8);

        List<SourceRow> rows = SourceRows.readAll(reader);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.table().headers()).containsExactly("甲", "乙");
            assertThat(row.rowNumber()).isEqualTo(2);
        });
    }
}
