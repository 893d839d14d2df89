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
import org.creditpipeline.ingest.read.SourceRow;
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

    @Test
    void aWorkbookWithoutStylesPartAndWithInlineStringsIsRead() throws Exception {
        // online form tools: no styles.xml, no sharedStrings.xml, every string inline
        Path file = RawXlsx.write(dir.resolve("form-tool.xlsx"), false, RawXlsx.row(1, true, "名称", "代码", "文号")
                + RawXlsx.row(2, true, "贵阳某某公司", "91350100M000100Y43", "筑南市监罚〔2023〕1号"));

        List<SourceRow> rows = readAll(file);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.rowNumber()).isEqualTo(2);
            assertThat(r.cells()).containsExactly("贵阳某某公司", "91350100M000100Y43", "筑南市监罚〔2023〕1号");
        });
    }

    @Test
    void rowsWithoutRowNumbersAreNumberedAsExcelShowsThem() throws Exception {
        Path file = RawXlsx.write(dir.resolve("no-refs.xlsx"), true, RawXlsx.row(1, false, "名称", "代码", "文号")
                + RawXlsx.row(2, false, "甲", "1", "x") + RawXlsx.row(3, false, "乙", "2", "y"));

        List<SourceRow> rows = readAll(file);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2L, 3L);
        assertThat(rows.get(0).table().headerRow()).isEqualTo(1);
        assertThat(rows.get(1).cells()).containsExactly("乙", "2", "y");
    }

    @Test
    void isoDateCellsAreReadAsDatesWhereverTheFirstOneIs() throws Exception {
        // t="d" cells (SheetJS-based exports): fastexcel cannot read them; the first one comes after rows already read
        StringBuilder rows = new StringBuilder(RawXlsx.row(1, true, "名称", "文号", "处罚决定日期"));
        for (int r = 2; r <= 30; r++) {
            rows.append(RawXlsx.row(r, true, "单位" + r, "文号" + r, r < 25 ? "2023-01-05" : "d:2023-02-0" + (r - 24)
                    + "T00:00:00"));
        }
        Path file = RawXlsx.write(dir.resolve("iso-dates.xlsx"), true, rows.toString());
        long tempFilesBefore = isoCopies();

        List<SourceRow> read = readAll(file);

        assertThat(read).hasSize(29).extracting(SourceRow::rowNumber).doesNotHaveDuplicates().startsWith(2L).endsWith(30L);
        assertThat(read.get(28).cells()).containsExactly("单位30", "文号30", "2023-02-06T00:00:00");
        assertThat(org.creditpipeline.normalize.Dates.parse(read.get(28).cell(2))).hasToString("2023-02-06");
        assertThat(isoCopies()).as("the rewritten copy is deleted on close").isEqualTo(tempFilesBefore);
    }

    @Test
    void excelsCharacterEscapesInCellTextAreDecoded() throws Exception {
        // a carriage return pasted into a cell is stored as _x000D_; a literal "_x" as _x005F_x
        Path file = RawXlsx.write(dir.resolve("escapes.xlsx"), true, RawXlsx.row(1, true, "名称", "违法事实", "备注")
                + RawXlsx.row(2, true, "贵阳某某公司", "经查：_x000D_\n1、未取得许可", "代码_x005F_x0041_与_x0009_制表"));

        List<SourceRow> rows = readAll(file);

        assertThat(rows.get(0).cells()).containsExactly("贵阳某某公司", "经查：\r\n1、未取得许可", "代码_x0041_与\t制表");
    }

    @Test
    void aStrictOpenXmlWorkbookIsReadLikeAnOrdinaryOne() throws Exception {
        // Excel's "Strict Open XML Spreadsheet": purl.oclc.org namespaces and relationship types, ISO date cells
        Path poi = TestFiles.xlsx(dir.resolve("poi.xlsx"), wb -> TestFiles.rows(wb.createSheet("处罚"), 1, List.of(
                List.of("行政相对人名称", "统一社会信用代码", "行政处罚决定书文号"),
                List.of("贵阳某某有限公司", "91520102MA6H4L5P93", "筑南市监罚〔2023〕1号"),
                List.of("贵阳某某二公司", "91350100M000100Y43", "筑南市监罚〔2023〕2号"))));
        Path raw = RawXlsx.write(dir.resolve("raw.xlsx"), true, RawXlsx.row(1, true, "名称", "文号", "处罚决定日期")
                + RawXlsx.row(2, true, "甲", "http://purl.oclc.org/ooxml/spreadsheetml/main", "d:2023-02-06T00:00:00"));
        long copiesBefore = tempCopies("credit-strict-");

        List<SourceRow> shared = readAll(toStrict(poi, dir.resolve("strict-shared.xlsx")));
        List<SourceRow> inline = readAll(toStrict(raw, dir.resolve("strict-inline.xlsx")));

        assertThat(shared).extracting(r -> String.join("|", r.cells())).containsExactly(
                "贵阳某某有限公司|91520102MA6H4L5P93|筑南市监罚〔2023〕1号", "贵阳某某二公司|91350100M000100Y43|筑南市监罚〔2023〕2号");
        assertThat(shared.get(0).table().sheet()).isEqualTo("处罚");
        assertThat(inline).singleElement().satisfies(r -> {
            // cell text that quotes a Strict namespace is data, left alone
            assertThat(r.cells()).containsExactly("甲", "http://purl.oclc.org/ooxml/spreadsheetml/main",
                    "2023-02-06T00:00:00");
            assertThat(org.creditpipeline.normalize.Dates.parse(r.cell(2))).hasToString("2023-02-06");
        });
        assertThat(tempCopies("credit-strict-")).as("the Transitional copy is deleted on close").isEqualTo(copiesBefore);
    }

    @Test
    void strictNamesMapToTheirTransitionalOnes() {
        assertThat(StrictOoxml.transitional("http://purl.oclc.org/ooxml/spreadsheetml/main"))
                .isEqualTo("http://schemas.openxmlformats.org/spreadsheetml/2006/main");
        assertThat(StrictOoxml.transitional("http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet"))
                .isEqualTo("http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet");
        assertThat(StrictOoxml.transitional("http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties"))
                .isEqualTo("http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties");
        assertThat(StrictOoxml.transitional("http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"))
                .isEqualTo("http://schemas.microsoft.com/office/spreadsheetml/2009/9/main");
    }

    /** A Transitional workbook as Excel saves it in Strict form (names as ISO/IEC 29500-1 Strict lists them). */
    static Path toStrict(Path transitional, Path strict) throws java.io.IOException {
        try (var in = new java.util.zip.ZipFile(transitional.toFile());
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(strict))) {
            for (var e = in.entries(); e.hasMoreElements(); ) {
                var entry = e.nextElement();
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                String text = new String(in.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (entry.getName().endsWith(".xml") || entry.getName().endsWith(".rels")) {
                    text = text.replace("/2006/relationships/extended-properties", "/2006/relationships/extendedProperties")
                            .replace("/2006/extended-properties", "/2006/extendedProperties")
                            .replaceAll("http://schemas\\.openxmlformats\\.org/(\\w+)/2006/", "http://purl.oclc.org/ooxml/$1/")
                            .replaceFirst("<workbook ", "<workbook conformance=\"strict\" ");
                }
                out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return strict;
    }

    @Test
    void aTableOfA1904WorkbookSaysSoForItsSerialsWithoutDateFormat() throws Exception {
        Path mac = RawXlsx.write(dir.resolve("mac.xlsx"), true, true, RawXlsx.row(1, true, "名称", "代码", "日期")
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>甲</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>1"
                + "</t></is></c><c r=\"C2\"><v>43469</v></c></row>");
        Path windows = RawXlsx.write(dir.resolve("windows.xlsx"), true, RawXlsx.row(1, true, "名称", "代码", "日期")
                + RawXlsx.row(2, true, "甲", "1", "x"));

        assertThat(readAll(mac)).singleElement().satisfies(r -> {
            assertThat(r.table().date1904()).isTrue();
            assertThat(r.cell(2)).isEqualTo("43469");
        });
        assertThat(readAll(windows).get(0).table().date1904()).isFalse();
    }

    private static long isoCopies() throws java.io.IOException {
        return tempCopies("credit-iso-dates-");
    }

    private static long tempCopies(String prefix) throws java.io.IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
        }
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
