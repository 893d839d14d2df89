package org.creditpipeline.generate;

import static org.creditpipeline.generate.Field.*;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The county upload workbook as officers send it, written with POI SXSSF (a window of rows in memory, the rest in
 * temporary files, inline strings: memory stays bounded whatever the row count). Each sheet has a merged banner and a
 * 填报单位 line above the header and blank formatted rows below the data. Cells carry Excel's quirks: dates as serial
 * numbers (date-formatted or General), as formulas with a cached value, or as text; amounts and region codes as
 * numbers; some unit names as formulas; an ID typed as a number, or pasted back as Excel's rounded display, which
 * ingest must reject. A hidden code-list sheet sits at the end.
 */
final class UploadWorkbook implements Closeable {

    static final String FILE_NAME = "county-uploads.xlsx";
    static final String HIDDEN_SHEET = "代码表";

    /** How the ID number of a row is stored when it is to be rejected for Excel's rounding. */
    enum IdQuirk {
        /** 410102199001011234 typed into a General cell: Excel keeps 15 significant digits. */
        ID_STORED_AS_NUMBER,
        /** Excel's display of such a number, 4.10102E+17, pasted back as text. */
        ID_ROUNDED_TEXT
    }

    private static final int WINDOW_ROWS = 200;
    private static final int HEADER_ROW = 3; // 0-based: banner, 填报单位 line, one blank row, header
    private static final int TRAILING_BLANK_ROWS = 3;
    private static final long EXCEL_EPOCH_DAY = LocalDate.of(1899, 12, 30).toEpochDay();
    private static final MathContext GENERAL_DISPLAY = new MathContext(6, RoundingMode.HALF_UP);

    private final Path file;
    private final SplittableRandom random;
    private final SXSSFWorkbook workbook;
    private final Map<UploadSheet, SXSSFSheet> sheets = new EnumMap<>(UploadSheet.class);
    private final Map<UploadSheet, Integer> nextRow = new EnumMap<>(UploadSheet.class);
    private final CellStyle isoDate;
    private final CellStyle chineseDate;
    private final CellStyle text;
    private long dataRows;

    UploadWorkbook(Path file, SplittableRandom random, Region region, String fillDate) {
        this.file = file;
        this.random = random;
        workbook = new SXSSFWorkbook(null, WINDOW_ROWS, false, false);
        isoDate = workbook.createCellStyle();
        isoDate.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        chineseDate = workbook.createCellStyle();
        chineseDate.setDataFormat(workbook.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
        text = workbook.createCellStyle();
        text.setDataFormat(workbook.createDataFormat().getFormat("@"));
        CellStyle bold = workbook.createCellStyle();
        Font font = workbook.createFont();
        font.setBold(true);
        bold.setFont(font);
        for (UploadSheet s : UploadSheet.values()) {
            SXSSFSheet sheet = workbook.createSheet(s.sheetName);
            Row banner = sheet.createRow(0);
            banner.createCell(0).setCellValue(region.prefix() + "2026年11月" + s.title);
            banner.getCell(0).setCellStyle(bold);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, s.headers.length - 1));
            Row unit = sheet.createRow(1);
            unit.createCell(0).setCellValue("填报单位：" + region.prefix() + "发展和改革局");
            unit.createCell(s.headers.length - 3).setCellValue("填报日期：" + fillDate);
            Row header = sheet.createRow(HEADER_ROW);
            for (int c = 0; c < s.headers.length; c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(s.headers[c]);
                cell.setCellStyle(bold);
            }
            sheets.put(s, sheet);
            nextRow.put(s, HEADER_ROW + 1);
        }
        SXSSFSheet codes = workbook.createSheet(HIDDEN_SHEET);
        String[][] codeRows = {{"代码类别", "代码", "名称"}, {"行政相对人类别", "01", "法人及非法人组织"},
            {"行政相对人类别", "02", "自然人"}, {"行政相对人类别", "03", "个体工商户"}};
        for (int r = 0; r < codeRows.length; r++) {
            Row row = codes.createRow(r);
            for (int c = 0; c < codeRows[r].length; c++) {
                row.createCell(c).setCellValue(codeRows[r][c]);
            }
        }
        workbook.setSheetHidden(workbook.getSheetIndex(HIDDEN_SHEET), true);
    }

    /** Writes one data row and returns its Excel row number (1-based, as the officer sees it). */
    long write(UploadSheet s, GenRecord g, IdQuirk quirk) {
        int index = nextRow.get(s);
        nextRow.put(s, index + 1);
        Row row = sheets.get(s).createRow(index);
        for (int c = 0; c < s.fields.length; c++) {
            Field field = s.fields[c];
            String value = field == null ? s.constants[c]
                    : field == SUBJECT_KIND ? s.base.subjectKindLabel(g.get(field)) : g.get(field);
            if (value.isEmpty()) {
                continue;
            }
            Cell cell = row.createCell(c);
            if (field == ID_NUMBER && quirk != null) {
                if (quirk == IdQuirk.ID_STORED_AS_NUMBER) {
                    cell.setCellValue(Double.parseDouble(value));
                } else {
                    cell.setCellValue(roundedDisplay(value));
                }
            } else if (field == null) {
                cell.setCellValue(value);
            } else {
                writeValue(cell, field, value);
            }
        }
        dataRows++;
        return index + 1L;
    }

    private void writeValue(Cell cell, Field field, String value) {
        switch (field) {
            case DECISION_DATE, VALID_UNTIL, PUBLICATION_END -> writeDate(cell, value);
            case FINE, CONFISCATED -> {
                if (random.nextInt(10) < 6 && isPlainDecimal(value)) {
                    cell.setCellValue(Double.parseDouble(value));
                } else {
                    cell.setCellValue(value);
                }
            }
            case REGION -> {
                if (random.nextBoolean() && value.length() == 6 && value.charAt(0) != '0' && isPlainDecimal(value)) {
                    cell.setCellValue(Double.parseDouble(value));
                } else {
                    cell.setCellValue(value);
                }
            }
            case AUTHORITY, SOURCE_UNIT -> {
                if (random.nextInt(10) == 0 && value.length() >= 4 && value.indexOf('"') < 0) {
                    int half = value.length() / 2;
                    cell.setCellFormula("CONCATENATE(\"" + value.substring(0, half) + "\",\"" + value.substring(half)
                            + "\")");
                    cell.setCellValue(value);
                } else {
                    cell.setCellValue(value);
                }
            }
            case USCC, ID_NUMBER, LEGAL_REP_ID, AUTHORITY_USCC, WORK_UNIT_USCC, SOURCE_USCC, ORG_CODE -> {
                cell.setCellValue(value);
                cell.setCellStyle(text);
            }
            default -> cell.setCellValue(value);
        }
    }

    /** A valid ISO date becomes a serial number (date-formatted or General), a DATE formula, or stays text. */
    private void writeDate(Cell cell, String value) {
        LocalDate date = isoDate(value);
        int roll = random.nextInt(10);
        if (date == null || roll >= 6) {
            cell.setCellValue(value);
            return;
        }
        double serial = date.toEpochDay() - EXCEL_EPOCH_DAY;
        if (roll == 5) {
            cell.setCellFormula("DATE(" + date.getYear() + "," + date.getMonthValue() + "," + date.getDayOfMonth() + ")");
            cell.setCellValue(serial);
            cell.setCellStyle(isoDate);
            return;
        }
        cell.setCellValue(serial);
        if (roll < 3) {
            cell.setCellStyle(roll == 0 ? chineseDate : isoDate);
        }
    }

    private static LocalDate isoDate(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value);
            return d.getYear() > 1900 ? d : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isPlainDecimal(String value) {
        int dots = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots <= 1 && !value.isEmpty() && value.charAt(0) != '.' && value.charAt(value.length() - 1) != '.';
    }

    /** What Excel shows for an 18-digit number in a General cell: six significant digits, {@code 4.10102E+17}. */
    static String roundedDisplay(String digits) {
        BigDecimal rounded = new BigDecimal(digits).round(GENERAL_DISPLAY).stripTrailingZeros();
        String unscaled = rounded.unscaledValue().toString();
        int exponent = unscaled.length() - 1 - rounded.scale();
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return mantissa + "E+" + exponent;
    }

    long dataRows() {
        return dataRows;
    }

    @Override
    public void close() throws IOException {
        try {
            for (Map.Entry<UploadSheet, SXSSFSheet> e : sheets.entrySet()) {
                int from = nextRow.get(e.getKey());
                for (int r = from; r < from + TRAILING_BLANK_ROWS; r++) {
                    Row blank = e.getValue().createRow(r);
                    for (int c = 0; c < e.getKey().headers.length; c++) {
                        blank.createCell(c).setCellStyle(text);
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        } finally {
            workbook.close(); // also deletes the temporary sheet files
        }
    }
}
