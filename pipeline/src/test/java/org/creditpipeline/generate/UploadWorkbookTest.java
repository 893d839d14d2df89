package org.creditpipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The county upload workbook as written: layout above and below the data, Excel's quirks, and its ground truth. */
class UploadWorkbookTest {

    @TempDir
    static Path dir;
    static XSSFWorkbook book;
    static List<CSVRecord> truth;

    @BeforeAll
    static void generate() throws IOException {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(0, 11L, dir)
                .withFormats(EnumSet.of(OutputFormat.XLSX), 2_000, 0));
        book = new XSSFWorkbook(Files.newInputStream(dir.resolve(UploadWorkbook.FILE_NAME)));
        try (Reader in = Files.newBufferedReader(dir.resolve(GroundTruth.FILE_NAME), StandardCharsets.UTF_8)) {
            truth = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @AfterAll
    static void close() throws IOException {
        book.close();
    }

    @Test
    void everyDataSheetHasABannerAFillerLineAndItsHeaderVariantInRowFour() {
        for (UploadSheet s : UploadSheet.values()) {
            Sheet sheet = book.getSheet(s.sheetName);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).endsWith("2026年11月" + s.title);
            assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(0, 0, 0, s.headers.length - 1));
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).startsWith("填报单位：");
            assertThat(sheet.getRow(2)).isNull();
            List<String> header = new ArrayList<>();
            sheet.getRow(3).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header).containsExactly(s.headers);
            assertThat(book.isSheetHidden(book.getSheetIndex(s.sheetName))).isFalse();
        }
        assertThat(UploadSheet.PENALTY.headers).contains("行政相对人代码＿3(组织机构代码)", "行政相对人代码_2 (工商注册号)");
        assertThat(UploadSheet.PENALTY_MARKET.headers).contains("行政相对人代码-统一社会信用代码", "决定机关名称");
        assertThat(UploadSheet.PENALTY_FINANCE.headers).contains("违规主体名称", "罚没款金额（万元）", "公开截止期");
        assertThat(book.isSheetHidden(book.getSheetIndex(UploadWorkbook.HIDDEN_SHEET))).isTrue();
    }

    @Test
    void groundTruthListsEveryDataRowOfEverySheetOnceAndNothingElse() {
        Map<String, TreeSet<Long>> rows = new HashMap<>();
        for (CSVRecord t : truth) {
            assertThat(t.get("file")).isEqualTo(UploadWorkbook.FILE_NAME);
            assertThat(rows.computeIfAbsent(t.get("sheet"), k -> new TreeSet<>()).add(Long.parseLong(t.get("row"))))
                    .as("listed once").isTrue();
        }
        assertThat(truth).hasSize(2_000);
        for (UploadSheet s : UploadSheet.values()) {
            TreeSet<Long> listed = rows.get(s.sheetName);
            assertThat(listed.first()).isEqualTo(5);
            assertThat(listed.last()).isEqualTo(4 + listed.size());
            Sheet sheet = book.getSheet(s.sheetName);
            for (int blank = listed.size() + 4; blank < listed.size() + 7; blank++) {
                Row row = sheet.getRow(blank);
                assertThat(row).as("trailing formatted blank row").isNotNull();
                row.forEach(c -> assertThat(c.getCellType()).isEqualTo(CellType.BLANK));
            }
            assertThat(sheet.getLastRowNum()).isEqualTo(listed.size() + 6);
        }
    }

    @Test
    void datesComeAsFormattedSerialsPlainSerialsFormulasAndText() {
        int formatted = 0;
        int plain = 0;
        int formulas = 0;
        int text = 0;
        for (Cell cell : column(UploadSheet.PENALTY, "处罚决定日期")) {
            if (cell.getCellType() == CellType.FORMULA) {
                assertThat(cell.getCellFormula()).startsWith("DATE(");
                assertThat(cell.getNumericCellValue()).isGreaterThan(40_000);
                formulas++;
            } else if (cell.getCellType() == CellType.NUMERIC) {
                if (DateUtil.isCellDateFormatted(cell)) {
                    formatted++;
                } else {
                    plain++;
                }
            } else {
                text++;
            }
        }
        assertThat(List.of(formatted, plain, formulas, text)).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void unitNamesMayBeFormulasWhoseCachedValueIsTheName() {
        int formulas = 0;
        for (Cell cell : column(UploadSheet.PENALTY, "处罚机关")) {
            if (cell.getCellType() == CellType.FORMULA) {
                String[] parts = cell.getCellFormula().replaceAll("^CONCATENATE\\(\"|\"\\)$", "").split("\",\"");
                assertThat(cell.getStringCellValue()).isEqualTo(parts[0] + parts[1]);
                formulas++;
            }
        }
        assertThat(formulas).isPositive();
    }

    @Test
    void idsExcelRoundedAreRejectedInTheGroundTruthAndAppearAsNumbersOrRoundedText() {
        int numbers = 0;
        int rounded = 0;
        for (CSVRecord t : truth) {
            String detail = t.get("variant");
            if (!detail.startsWith("id_")) {
                continue;
            }
            assertThat(t.get("expected")).isEqualTo("reject");
            assertThat(t.get("reason")).isEqualTo("ID_INVALID");
            UploadSheet s = sheetNamed(t.get("sheet"));
            String header = s == UploadSheet.SANCTION ? "身份证号"
                    : s == UploadSheet.PENALTY_FINANCE ? "有效身份证件号码（身份证、护照等）" : "证件号码";
            Cell id = book.getSheet(s.sheetName).getRow(Integer.parseInt(t.get("row")) - 1)
                    .getCell(List.of(s.headers).indexOf(header));
            if (detail.equals("id_stored_as_number")) {
                assertThat(id.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(id.getNumericCellValue()).isBetween(1e17, 1e18);
                numbers++;
            } else {
                assertThat(id.getStringCellValue()).matches("\\d\\.\\d{1,5}E\\+17");
                rounded++;
            }
        }
        assertThat(numbers).isPositive();
        assertThat(rounded).isPositive();
    }

    @Test
    void amountsAndRegionCodesAreSometimesNumbers() {
        assertThat(column(UploadSheet.PENALTY_FINANCE, "罚没款金额（万元）"))
                .anyMatch(c -> c.getCellType() == CellType.NUMERIC).anyMatch(c -> c.getCellType() == CellType.STRING);
        assertThat(column(UploadSheet.SANCTION, "行政区划代码"))
                .anyMatch(c -> c.getCellType() == CellType.NUMERIC).anyMatch(c -> c.getCellType() == CellType.STRING);
    }

    @Test
    void roundedDisplayIsWhatExcelShowsInAGeneralCell() {
        assertThat(UploadWorkbook.roundedDisplay("410102199001011234")).isEqualTo("4.10102E+17");
        assertThat(UploadWorkbook.roundedDisplay("320804199912310015")).isEqualTo("3.20804E+17");
        assertThat(UploadWorkbook.roundedDisplay("110000000000000000")).isEqualTo("1.1E+17");
    }

    private static UploadSheet sheetNamed(String name) {
        for (UploadSheet s : UploadSheet.values()) {
            if (s.sheetName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static List<Cell> column(UploadSheet s, String header) {
        int c = List.of(s.headers).indexOf(header);
        assertThat(c).as(header).isNotNegative();
        Sheet sheet = book.getSheet(s.sheetName);
        List<Cell> cells = new ArrayList<>();
        for (int r = 4; r <= sheet.getLastRowNum(); r++) {
            Cell cell = sheet.getRow(r).getCell(c);
            if (cell != null && cell.getCellType() != CellType.BLANK) {
                cells.add(cell);
            }
        }
        return cells;
    }
}
